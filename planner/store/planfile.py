"""The plan file: one SQLite file (.mlplan), read and written in plain SQL.

Every change is committed at once (WAL, synchronous=FULL), so a crash loses at most the
edit in flight. One process writes at a time; a second one gets the plan read-only and
is told why. The plan keeps a copy of the catalog it was made with.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..assessment.model import Assessment, Entry, Evidence, PlanState, Progress, Snapshot, Vote
from ..catalog.load import catalog_files, load_catalog_files
from ..catalog.model import Catalog
from ..catalog.problems import CatalogError
from . import schema
from .lock import WriterLock
from .paths import SQLITE_HEADER

SUFFIX = ".mlplan"

Change = tuple[str, tuple, dict | None]  # table, primary key, new row (None: delete)


def apply_changes(conn: sqlite3.Connection, changes: Iterable[Change]) -> None:
    """Row changes in plain SQL, inside whatever transaction is open (an upsert keeps
    the columns a row change leaves out)."""
    for table, key, row in changes:
        pk = schema.KEYS[table]
        if row is None:
            conn.execute(f"DELETE FROM [{table}] WHERE {_where(table)}", list(key))
            continue
        values = {**dict(zip(pk, key)), **row}
        columns = ", ".join(f"[{c}]" for c in values)
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in values if c not in pk)
        conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(values))}) "
                     f"ON CONFLICT ({', '.join(f'[{c}]' for c in pk)}) "
                     + (f"DO UPDATE SET {updates}" if updates else "DO NOTHING"), list(values.values()))


class PlanFileError(Exception):
    """A plan file cannot be opened or written. The message is meant for the user."""


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class PlanFile:
    def __init__(self, path: Path, conn: sqlite3.Connection, lock: WriterLock | None, read_only_reason: str):
        self.path = path
        self.conn = conn
        self._lock = lock
        self.read_only_reason = read_only_reason
        self._catalog: Catalog | None = None
        self._state: PlanState | None = None
        # Held writes (the app only, see hold_writes): while the file cannot be written,
        # `conn` is a copy in memory that takes the changes, `_disk` the file's connection,
        # and `_held` the changes waiting for `flush`.
        self.hold_writes = False
        self._disk: sqlite3.Connection | None = None
        self._held: list[list[Change]] = []
        self.held_reason = ""

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, catalog_dir: str | Path | None = None, *, name: str = "",
               organisation: str = "", assessment: str = "Organisation") -> "PlanFile":
        path = Path(path)
        if path.exists():
            raise PlanFileError(f"{path}: a file of that name exists already; choose another name or delete it")
        if not path.parent.is_dir():
            raise PlanFileError(f"{path.parent}: no such folder for the plan")
        files = catalog_files(catalog_dir)
        catalog = load_catalog_files(files, "catalog")  # refuse a broken catalog before writing
        tmp = path.with_name(path.name + ".new")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        try:
            schema.create(conn)
            meta = {"name": name or path.stem, "organisation": organisation, "active_assessment": assessment,
                    "created_at": now(), "catalog_version": catalog.info.version}
            with conn:
                apply_changes(conn, [
                    *((("catalog_files", (p,), {"content": c})) for p, c in files.items()),
                    *(("meta", (key,), {"value": value}) for key, value in meta.items()),
                    ("assessments", (assessment,), {"created_at": now()}),
                ])
        finally:
            conn.close()
        tmp.replace(path)  # the plan appears whole or not at all
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, *, defer_catalog: bool = False) -> "PlanFile":
        """Open a plan. Its catalog copy is read at once, so that a damaged one is
        reported here; with `defer_catalog` it is read on first use of `catalog`
        instead (which then raises the PlanFileError)."""
        path = Path(path)
        _check_header(path)  # refusals that read the file's first bytes only: nothing is touched
        reason = "opened read-only on request" if read_only else ""
        if not read_only and not _writable(path):
            read_only = True
            reason = ("the plan's file or folder cannot be written (read-only media, or no permission); "
                      "it is opened read-only. Copy it to a folder you can write to, to edit it")
        beside = _beside(path)  # what exists next to the plan now; a refusal leaves just that
        lock = None
        if not read_only:
            lock = WriterLock(path)
            try:
                acquired = lock.acquire()
            except OSError as exc:
                acquired, reason = False, (f"its lock file cannot be made ({exc.strerror}); it is opened read-only")
            if not acquired:
                lock = None
                reason = reason or (f"another process (pid {WriterLock(path).holder()}) has this plan open for "
                                    "writing; it is opened read-only. Close it there to edit it here")
        try:
            conn = _connect(path, read_only=lock is None)
            _check_and_migrate(path, conn, writable=lock is not None)
        except PlanFileError:
            if lock:
                lock.release()
            _tidy(path, beside)
            raise
        plan = cls(path, conn, lock, reason)
        if defer_catalog:
            return plan
        try:
            plan.catalog  # noqa: B018 - load now, so a broken copy is reported on opening
        except PlanFileError:
            plan.close()
            raise
        return plan

    @property
    def read_only(self) -> bool:
        return self._lock is None

    def close(self) -> None:
        """Close the plan. Changes still held (the file could not be written) are lost
        unless `flush` or `save_copy` ran first: the app does one or the other."""
        self.conn.close()
        if self._disk is not None:
            self._disk.close()
            self._disk = None
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "PlanFile":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- catalog ----------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            files = {r["path"]: bytes(r["content"]) for r in self.query("SELECT * FROM catalog_files")}
            try:
                self._catalog = load_catalog_files(files, f"{self.path.name}:catalog")
            except CatalogError as exc:
                raise PlanFileError(f"{self.path}: the catalog copy inside the plan is damaged:\n{exc}") from None
        return self._catalog

    # -- rows -------------------------------------------------------------------------

    @contextmanager
    def trial(self) -> Iterator[Callable[[Iterable[Change]], None]]:
        """Try changes inside a transaction that is rolled back at the end: every read
        (`get`, `state`) sees them meanwhile, and the file never does. A batch of
        commands works out its changes this way, so each command builds on the ones
        before it. Yields the function that applies changes."""
        self._require_writable()
        try:
            self.conn.execute("SAVEPOINT trial")
        except sqlite3.Error as exc:
            raise PlanFileError(f"{self.path}: the change could not be worked out ({exc}); nothing was changed") \
                from None

        def apply(changes: Iterable[Change]) -> None:
            self._apply(changes)
            self._state = None

        self._state = None
        try:
            yield apply
        finally:
            self.conn.execute("ROLLBACK TO trial")
            self.conn.execute("RELEASE trial")
            self._state = None

    def query(self, sql: str, params: Iterable = ()) -> Iterator[dict]:
        """The rows of a query as dicts, column name to value."""
        cursor = self.conn.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    def get(self, table: str, key: tuple) -> dict | None:
        rows = list(self.query(f"SELECT * FROM [{table}] WHERE {_where(table)}", list(key)))
        return rows[0] if rows else None

    def write(self, changes: Iterable[Change]) -> None:
        """Apply row changes in one durable transaction. With `hold_writes`, a file that
        cannot be written (full or read-only disk, I/O error) does not refuse the change:
        it is kept in memory, behind any kept before, until `flush` saves them."""
        self._require_writable()
        changes = list(changes)
        try:
            if self._disk is not None:
                self._hold(changes)
            else:
                with self.conn:
                    self._apply(changes)
        except sqlite3.Error as exc:
            if not (self.hold_writes and self._disk is None and _cannot_write(exc)):
                raise PlanFileError(f"{self.path}: the change could not be saved ({exc}); nothing was changed") \
                    from None
            memory = sqlite3.connect(":memory:")
            self.conn.backup(memory)  # reading still works: the plan as last saved
            self._disk, self.conn = self.conn, memory
            self.held_reason = (f"{self.path} cannot be written ({exc}). Your changes are kept here and will "
                                "be saved as soon as the file can be written again; do not close the plan until then")
            self._hold(changes)
        self._state = None
        if any(table == "catalog_files" for table, _, _ in changes):
            self._catalog = None  # read the new copy on next use

    def _apply(self, changes: Iterable[Change]) -> None:
        apply_changes(self.conn, changes)

    def _hold(self, changes: list[Change]) -> None:
        with self.conn:
            self._apply(changes)
        self._held.append(changes)

    @property
    def held(self) -> int:
        """How many changes wait for the file to be writable again."""
        return len(self._held)

    def flush(self) -> bool:
        """Save the held changes in one transaction; True when none are left."""
        if self._disk is None:
            return True
        try:
            with self._disk:
                for changes in self._held:
                    apply_changes(self._disk, changes)
        except sqlite3.Error:
            return False
        self.conn.close()
        self.conn, self._disk = self._disk, None
        self._held.clear()
        self.held_reason = ""
        self._state = None
        return True

    def save_copy(self, target: Path) -> None:
        """The plan as it is now, held changes included, into a new file `target`."""
        target = Path(target)
        try:
            with sqlite3.connect(target) as copy:
                self.conn.backup(copy)
            copy.close()
        except sqlite3.Error as exc:
            raise PlanFileError(f"{target}: the copy could not be written ({exc})") from None

    def _require_writable(self) -> None:
        if self.read_only:
            raise PlanFileError(f"{self.path} is read-only: {self.read_only_reason}")

    # -- state ------------------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self.get("meta", (key,))
        return row["value"] if row else default

    @property
    def state(self) -> PlanState:
        if self._state is None:
            self._state = self._read_state()
        return self._state

    def _read_state(self) -> PlanState:
        q = self.query
        evidence: dict[tuple, list[Evidence]] = {}
        for r in q("SELECT * FROM evidence ORDER BY added_at, rowid"):
            evidence.setdefault((r["assessment"], r["capability"]), []).append(
                Evidence(r["id"], r["note"], r["link"], r["added_by"], r["added_at"]))
        entries: dict[str, dict[str, Entry]] = {}
        for r in q("SELECT * FROM entries"):
            entries.setdefault(r["assessment"], {})[r["capability"]] = Entry(
                r["capability"], r["level"], frozenset(tuple(x) for x in json.loads(r["criteria_met"])),
                bool(r["not_applicable"]), r["na_reason"], r["confidence"], r["assessed_by"], r["assessed_at"],
                tuple(evidence.get((r["assessment"], r["capability"]), ())))
        for (name, cap), items in evidence.items():  # evidence on a capability not yet scored
            entries.setdefault(name, {}).setdefault(cap, Entry(cap, evidence=tuple(items)))
        votes: dict[str, dict[str, list[Vote]]] = {}
        for r in q("SELECT * FROM votes ORDER BY participant"):
            votes.setdefault(r["assessment"], {}).setdefault(r["capability"], []).append(
                Vote(r["participant"], r["level"], r["note"]))
        snapshots: dict[str, list[Snapshot]] = {}
        for r in q("SELECT * FROM snapshots ORDER BY taken_at, name"):
            snapshots.setdefault(r["assessment"], []).append(
                Snapshot(r["name"], r["taken_at"], json.loads(r["levels"])))
        assessments = tuple(
            Assessment(r["name"], entries.get(r["name"], {}),
                       {cap: tuple(v) for cap, v in votes.get(r["name"], {}).items()},
                       tuple(snapshots.get(r["name"], ())))
            for r in q("SELECT * FROM assessments ORDER BY created_at, name"))
        tables = {r["name"] for r in q("SELECT name FROM sqlite_master WHERE type = 'table'")}

        def rows(table: str, order: str) -> list[dict]:  # a table a read-only older plan lacks is empty
            return list(q(f"SELECT * FROM {table} ORDER BY {order}")) if table in tables else []

        baseline = rows("baseline", "item")
        return PlanState(
            name=self.meta("name"),
            organisation=self.meta("organisation"),
            assessments=assessments,
            active=self.meta("active_assessment") or (assessments[0].name if assessments else ""),
            targets={r["capability"]: r["level"] for r in q("SELECT * FROM targets")},
            framework_targets={r["framework"]: r["level"] for r in q("SELECT * FROM framework_targets")},
            priorities={r["capability"]: r["priority"] for r in q("SELECT * FROM priorities")},
            settings={r["key"]: json.loads(r["value"]) for r in q("SELECT * FROM settings")},
            decisions={r["capability"]: (r["approach"], r["option"]) for r in q("SELECT * FROM decisions")},
            pins={r["item"]: (None if r["excluded"] else r["period"]) for r in q("SELECT * FROM pins")},
            deadlines={(r["framework"], r["level"]): r["period"] for r in q("SELECT * FROM deadlines")},
            estimate_overrides={(r["capability"], r["to_level"], r["approach"]): json.loads(r["data"])
                                for r in q("SELECT * FROM estimate_overrides")},
            scenarios={r["name"]: json.loads(r["data"]) for r in q("SELECT * FROM scenarios ORDER BY name")},
            progress={r["item"]: Progress(r["status"], r["started_on"], r["finished_on"])
                      for r in rows("progress", "item")},
            baseline={r["item"]: (r["start_date"], r["end_date"]) for r in baseline},
            baseline_taken=max((r["taken_at"] for r in baseline), default=""),
        )


def _where(table: str) -> str:
    """SQL condition matching one row of `table` by its primary key."""
    return " AND ".join(f"[{k}] = ?" for k in schema.KEYS[table])


def _check_header(path: Path) -> None:
    """Refuse what the file's first 100 bytes show is no plan (or no plan this version can
    open), before anything opens or locks it."""
    if path.is_dir():
        raise PlanFileError(f"{path}: is a folder, not a plan file; open the .mlplan file inside it, or another")
    if not path.exists():
        raise PlanFileError(f"{path}: no such plan file")
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot be read ({exc.strerror})") from None
    if head[:16] != SQLITE_HEADER:
        raise PlanFileError(f"{path}: not a plan file ({'it is empty' if size == 0 else 'not an SQLite database'}); "
                            "open a .mlplan file made by MLOps Roadmap Planner")
    if len(head) < 100:
        raise PlanFileError(f"{path}: a damaged plan file (it ends inside its header: it was cut short, perhaps by "
                            "a copy that did not finish); restore it from a backup or copy it again")
    if int.from_bytes(head[68:72], "big") != schema.APPLICATION_ID:
        raise PlanFileError(f"{path}: not a plan file (it is an SQLite database of another application); "
                            "open a .mlplan file made by MLOps Roadmap Planner")
    version = int.from_bytes(head[60:64], "big")
    if version > schema.SCHEMA_VERSION:
        raise PlanFileError(f"{path}: this plan was written by a newer version of MLOps Roadmap Planner "
                            f"(plan format {version}, this version reads up to {schema.SCHEMA_VERSION}); "
                            "upgrade the app to open it")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counted = head[24:28] == head[92:96]  # the page count in the header is valid (SQLite 3.7.0 and later)
    if counted and pages and size < pages * page_size:
        raise PlanFileError(f"{path}: a damaged plan file ({size:,} bytes where its header says "
                            f"{pages * page_size:,}: it was cut short, perhaps by a copy that did not finish); "
                            "restore it from a backup or copy it again")


CANNOT_WRITE = ("disk is full", "readonly database", "disk i/o error", "unable to open database file")


def _cannot_write(exc: sqlite3.Error) -> bool:
    """The file refused a write for want of room or permission, not for what was written."""
    return any(text in str(exc).lower() for text in CANNOT_WRITE)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _beside(path: Path) -> set[Path]:
    return {Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", ".lock") if Path(f"{path}{suffix}").exists()}


def _tidy(path: Path, beside: set[Path]) -> None:
    """Remove the files a refused open made beside the plan (its lock, SQLite's WAL and
    shared memory), so that a refusal leaves the folder as it was."""
    for suffix in ("-wal", "-shm", ".lock"):
        extra = Path(f"{path}{suffix}")
        if extra not in beside:
            try:
                extra.unlink(missing_ok=True)
            except OSError:
                pass


def read_only_uri(path: Path) -> str:
    """The URI that opens a plan for reading. On read-only media (or in a folder this user
    cannot write) SQLite cannot make the shared-memory file a WAL reader needs; nothing
    can change the file there, so it is read as immutable."""
    return f"{path.resolve().as_uri()}?mode=ro{'' if _writable(path.parent) else '&immutable=1'}"


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    try:
        if read_only:
            conn = sqlite3.connect(read_only_uri(path), uri=True)
        else:
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise PlanFileError(f"{path}: not a plan file ({exc}); open a .mlplan file made by MLOps Roadmap Planner") from None
    return conn


def _check_and_migrate(path: Path, conn: sqlite3.Connection, writable: bool) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != schema.APPLICATION_ID:
        conn.close()
        raise PlanFileError(f"{path}: not a plan file (it is an SQLite database of another application); "
                            "open a .mlplan file made by MLOps Roadmap Planner")
    if version > schema.SCHEMA_VERSION:
        conn.close()
        raise PlanFileError(f"{path}: this plan was written by a newer version of MLOps Roadmap Planner "
                            f"(plan format {version}, this version reads up to {schema.SCHEMA_VERSION}); "
                            "upgrade the app to open it")
    if version < schema.SCHEMA_VERSION:
        if not writable and schema.readable_as_is(version):
            return  # read-only: the tables later formats add read as empty
        if not writable:
            conn.close()
            raise PlanFileError(f"{path}: this plan uses the older format {version} and must be upgraded, "
                                "which needs write access; close it in the other process and open it again")
        schema.migrate(conn, version)
