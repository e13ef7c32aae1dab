"""The plan file's schema and its forward migrations.

`SCHEMA_VERSION` is stored in SQLite's `user_version`; `APPLICATION_ID` in
`application_id` marks the file as a plan. Each migration takes the file from version
N-1 to N inside one transaction.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x4D4C504E  # "MLPN"
SCHEMA_VERSION = 5

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

# Version 3: roadmap inputs. Settings and scenarios hold JSON values.
V3 = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE decisions (capability TEXT PRIMARY KEY, approach TEXT NOT NULL, option TEXT);
CREATE TABLE pins (item TEXT PRIMARY KEY, period INTEGER, excluded INTEGER NOT NULL DEFAULT 0);
CREATE TABLE deadlines (framework TEXT NOT NULL, level INTEGER NOT NULL, period INTEGER NOT NULL,
    PRIMARY KEY (framework, level));
CREATE TABLE estimate_overrides (capability TEXT NOT NULL, to_level INTEGER NOT NULL, approach TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (capability, to_level, approach));
CREATE TABLE scenarios (name TEXT PRIMARY KEY, data TEXT NOT NULL);
"""

# Version 4: a deadline is the period *in* which the milestone must be reached (by that
# period's end), as milestones are reported (planner/words.py). Before, it was the period
# by whose start: one earlier in the new sense. A deadline of 0 meant "before the plan
# starts", which no roadmap could meet; it becomes the first period.
V4 = """
UPDATE deadlines SET period = max(period - 1, 0);
"""

# Version 5: the living roadmap. What became of each step (started, done, dropped, with
# its days), and a baseline: the roadmap's dates when the user took it.
V5 = """
CREATE TABLE progress (item TEXT PRIMARY KEY, status TEXT NOT NULL, started_on TEXT NOT NULL DEFAULT '',
    finished_on TEXT NOT NULL DEFAULT '');
CREATE TABLE baseline (item TEXT PRIMARY KEY, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
    taken_at TEXT NOT NULL);
"""

MIGRATIONS = {1: V1, 2: V2, 3: V3, 4: V4, 5: V5}

ADDITIVE = {5}  # formats whose migration only adds tables: an older plan reads as it is


def readable_as_is(version: int) -> bool:
    """Whether a plan of an older format can be read without upgrading it (read-only
    media): every later format only adds tables, which then read as empty."""
    return version >= 1 and all(v in ADDITIVE for v in range(version + 1, SCHEMA_VERSION + 1))


# Primary keys of the tables commands write, in column order.
KEYS = {
    "meta": ("key",),
    "catalog_files": ("path",),
    "assessments": ("name",),
    "entries": ("assessment", "capability"),
    "evidence": ("id",),
    "votes": ("assessment", "capability", "participant"),
    "snapshots": ("assessment", "name"),
    "targets": ("capability",),
    "framework_targets": ("framework",),
    "priorities": ("capability",),
    "settings": ("key",),
    "decisions": ("capability",),
    "pins": ("item",),
    "deadlines": ("framework", "level"),
    "estimate_overrides": ("capability", "to_level", "approach"),
    "scenarios": ("name",),
    "progress": ("item",),
    "baseline": ("item",),
}


def create(conn: sqlite3.Connection) -> None:
    migrate(conn, 0)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def migrate(conn: sqlite3.Connection, version: int, upto: int = SCHEMA_VERSION) -> None:
    for target in range(version + 1, upto + 1):
        conn.executescript("BEGIN;" + MIGRATIONS[target] + f"PRAGMA user_version = {target};COMMIT;")
