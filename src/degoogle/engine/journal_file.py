"""The journal file itself: opened, migrated to the current format, closed; and what it records
about the migration as a whole (its settings in ``meta``, its runs). ``Journal`` is built on it.

Durability: WAL mode, every state change committed at once. ``synchronous=NORMAL`` in WAL mode
keeps every committed change when the *process* is killed (the WAL is in the OS's hands); a power
cut may lose the last few changes, which the idempotent writes of every target then recognise.

Thread-safety: one connection shared by the worker threads, every call under one lock. SQLite
serialises writers anyway; one short lock is simpler than a connection per thread and is far from
being the bottleneck (a commit costs tens of microseconds without fsync). Every part of the journal
(``engine.journal_uploads``, ``engine.journal``) uses this one connection and this one lock.

Secrets never go in here: ``JournalFile.set_meta`` refuses values that look like they carry
credentials in a URL.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from degoogle.engine.migrations import MIGRATIONS, SCHEMA_VERSION
from degoogle.errors import UserError


@dataclass(frozen=True)
class JournalFiles:
    """The files a journal owns, all named after it in its folder: the journal, SQLite's write-ahead
    log and shared memory beside it while it is open, the migration's log (``degoogle … -v`` and the
    wizard append to it; the diagnostic bundle reads it) and the spool of mail volumes not yet sent.
    The one place these names are made: whoever copies, sends or removes a migration asks here."""

    journal: Path

    def _beside(self, suffix: str) -> Path:
        return self.journal.with_name(self.journal.name + suffix)

    @property
    def log(self) -> Path:
        return self._beside(".log")

    @property
    def spool(self) -> Path:
        """A folder (``<journal>.spool/<volume id>.mbox``)."""
        return self._beside(".spool")

    def all(self) -> list[Path]:
        """Every file or folder the journal owns, whether it exists now or not."""
        return [self.journal, self._beside("-wal"), self._beside("-shm"), self.log, self.spool]


class JournalFile:
    """A migration's journal file. Open with ``create`` or ``open``."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self.files = JournalFiles(path)
        self._db = db
        self._lock = threading.RLock()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path) -> Self:
        """Create a new journal; raises ``UserError`` if the file exists."""
        if path.exists():
            raise UserError(f"the journal {path.name} already exists", code="journal_exists")
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls._connect(path)

    @classmethod
    def open(cls, path: Path) -> Self:
        """Open an existing journal, migrating it to the current schema; ``UserError`` if missing,
        not a journal, or written by a newer degoogle."""
        if not path.is_file():
            raise UserError(f"no journal at {path}", code="journal_missing")
        return cls._connect(path)

    @classmethod
    def _connect(cls, path: Path) -> Self:
        try:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{path.name} is not a degoogle journal ({exc})", code="journal_invalid") from exc
        if version > SCHEMA_VERSION:
            db.close()
            raise UserError(
                f"{path.name} was written by a newer degoogle (format {version}, this one reads up to "
                f"{SCHEMA_VERSION}); please update degoogle",
                code="journal_too_new",
            )
        for step in range(version, SCHEMA_VERSION):
            try:
                db.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[step]};\nPRAGMA user_version = {step + 1};\nCOMMIT;")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                db.close()
                raise
        return cls(path, db)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- meta ----------------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, values: dict[str, str]) -> None:
        for value in values.values():
            if "://" in value and "@" in value.split("://", 1)[1].split("/", 1)[0] and ":" in (
                value.split("://", 1)[1].split("@", 1)[0]
            ):
                raise ValueError("refusing to store a URL that carries a password in the journal")
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )
            self._db.execute("COMMIT")

    # -- runs ----------------------------------------------------------------------------------

    def start_run(self, version: str) -> int:
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO runs (started_at, state, version) VALUES (?, 'running', ?)", (time.time(), version)
            )
        return int(cur.lastrowid or 0)

    def end_run(self, run_id: int, state: str, message: str = "") -> None:
        with self._lock:
            self._db.execute(
                "UPDATE runs SET ended_at = ?, state = ?, message = ? WHERE id = ?",
                (time.time(), state, message, run_id),
            )

    def last_run(self) -> dict[str, object] | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return dict(row) if row else None
