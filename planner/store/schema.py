"""The plan file's schema and its forward migrations.

`SCHEMA_VERSION` is stored in SQLite's `user_version`; `APPLICATION_ID` in
`application_id` marks the file as a plan. Each migration takes the file from version
N-1 to N inside one transaction.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x4D4C504E  # "MLPN"
SCHEMA_VERSION = 2

# Version 1: the first released layout.
V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE catalog_files (path TEXT PRIMARY KEY, content BLOB NOT NULL);
CREATE TABLE assessments (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE entries (
    assessment TEXT NOT NULL, capability TEXT NOT NULL,
    level INTEGER, criteria_met TEXT NOT NULL DEFAULT '[]',
    not_applicable INTEGER NOT NULL DEFAULT 0, na_reason TEXT NOT NULL DEFAULT '',
    confidence TEXT NOT NULL DEFAULT 'medium',
    assessed_by TEXT NOT NULL DEFAULT '', assessed_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment, capability));
CREATE TABLE evidence (
    id TEXT PRIMARY KEY, assessment TEXT NOT NULL, capability TEXT NOT NULL,
    note TEXT NOT NULL, link TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL DEFAULT '');
CREATE TABLE votes (
    assessment TEXT NOT NULL, capability TEXT NOT NULL, participant TEXT NOT NULL,
    level INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment, capability, participant));
CREATE TABLE snapshots (
    assessment TEXT NOT NULL, name TEXT NOT NULL, taken_at TEXT NOT NULL, levels TEXT NOT NULL,
    PRIMARY KEY (assessment, name));
CREATE TABLE targets (capability TEXT PRIMARY KEY, level INTEGER NOT NULL);
CREATE TABLE framework_targets (framework TEXT PRIMARY KEY, level INTEGER NOT NULL);
"""

# Version 2: business priority per capability.
V2 = """
CREATE TABLE priorities (capability TEXT PRIMARY KEY, priority INTEGER NOT NULL);
"""

MIGRATIONS = {1: V1, 2: V2}

# Primary keys of the tables commands write, in column order.
KEYS = {
    "meta": ("key",),
    "assessments": ("name",),
    "entries": ("assessment", "capability"),
    "evidence": ("id",),
    "votes": ("assessment", "capability", "participant"),
    "snapshots": ("assessment", "name"),
    "targets": ("capability",),
    "framework_targets": ("framework",),
    "priorities": ("capability",),
}


def create(conn: sqlite3.Connection) -> None:
    migrate(conn, 0)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def migrate(conn: sqlite3.Connection, version: int, upto: int = SCHEMA_VERSION) -> None:
    for target in range(version + 1, upto + 1):
        conn.executescript("BEGIN;" + MIGRATIONS[target] + f"PRAGMA user_version = {target};COMMIT;")
