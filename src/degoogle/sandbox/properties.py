"""Dead WebDAV properties kept in SQLite, so they survive a restart of the sandbox.

WsgiDAV ships an in-memory ``PropertyManager`` (lost on restart) and a ``ShelvePropertyManager``;
on Python builds without gdbm the latter falls back to ``dbm.dumb``, which rewrites its whole index on
every write — too slow for thousands of uploads. This class offers the same duck-typed interface
(``get_properties``, ``get_property``, ``write_property``, ``remove_property``, ``remove_properties``,
``copy_properties``, ``move_properties``) over one SQLite table.

Terms: ``url`` is WsgiDAV's *ref URL* of a resource (a quoted path; folders end with "/"), ``name`` a
property name in Clark notation (``{http://owncloud.org/ns}checksums``), ``value`` the property's XML
as bytes. Removing or moving a URL also removes or moves every URL below it: deleting a folder must
not leave its children's properties behind for a later file of the same name.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS property (
    url   TEXT NOT NULL,
    name  TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (url, name)
) WITHOUT ROWID
"""


def _subtree(url: str) -> tuple[str, str, str]:
    """(url, low, high) such that a row belongs to ``url``'s subtree iff url == it or low <= url < high.

    '/' is followed by '0' in ASCII, so [prefix + '/', prefix + '0') holds exactly the children.
    """
    base = url.rstrip("/")
    return url, base + "/", base + "0"


class SqlitePropertyStore:
    """A persistent, thread-safe WsgiDAV property manager backed by one SQLite file."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._lock = threading.Lock()
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(db_path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # Durability against power loss is not a goal of a test server; speed under load is.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)

    def __repr__(self) -> str:
        return f"SqlitePropertyStore({str(self._db_path)!r})"

    def close(self) -> None:
        """Close the database; the store must not be used afterwards."""
        with self._lock:
            self._db.close()

    def get_properties(self, norm_url: str, environ: dict[str, Any] | None = None) -> list[str]:
        """Names of every dead property stored for ``norm_url``."""
        with self._lock:
            rows = self._db.execute("SELECT name FROM property WHERE url = ?", (norm_url,)).fetchall()
        return [name for (name,) in rows]

    def get_property(self, norm_url: str, name: str, environ: dict[str, Any] | None = None) -> bytes | None:
        """The stored XML of one property, or None when it is not set."""
        with self._lock:
            row = self._db.execute("SELECT value FROM property WHERE url = ? AND name = ?", (norm_url, name)).fetchone()
        return None if row is None else bytes(row[0])

    def write_property(
        self,
        norm_url: str,
        name: str,
        property_value: bytes | str,
        dry_run: bool = False,
        environ: dict[str, Any] | None = None,
    ) -> None:
        """Set one property (replacing any previous value) unless ``dry_run``."""
        if dry_run:
            return
        value = property_value.encode("utf-8") if isinstance(property_value, str) else property_value
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO property (url, name, value) VALUES (?, ?, ?)", (norm_url, name, value)
            )

    def remove_property(
        self, norm_url: str, name: str, dry_run: bool = False, environ: dict[str, Any] | None = None
    ) -> None:
        """Remove one property; removing one that is not set is not an error."""
        if dry_run:
            return
        with self._lock:
            self._db.execute("DELETE FROM property WHERE url = ? AND name = ?", (norm_url, name))

    def remove_properties(self, norm_url: str, environ: dict[str, Any] | None = None) -> None:
        """Remove every property of ``norm_url`` and of everything below it."""
        with self._lock:
            self._db.execute("DELETE FROM property WHERE url = ? OR (url >= ? AND url < ?)", _subtree(norm_url))

    def copy_properties(self, src_url: str, dest_url: str, environ: dict[str, Any] | None = None) -> None:
        """Give ``dest_url`` exactly the properties of ``src_url`` (not those of its children)."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM property WHERE url = ?", (dest_url,))
            self._db.execute(
                "INSERT INTO property (url, name, value) SELECT ?, name, value FROM property WHERE url = ?",
                (dest_url, src_url),
            )

    def move_properties(
        self, src_url: str, dest_url: str, with_children: bool, environ: dict[str, Any] | None = None
    ) -> None:
        """Move the properties of ``src_url`` (and of its subtree when ``with_children``) to ``dest_url``,
        replacing whatever ``dest_url`` had."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM property WHERE url = ? OR (url >= ? AND url < ?)", _subtree(dest_url))
            if not with_children:
                self._db.execute("UPDATE property SET url = ? WHERE url = ?", (dest_url, src_url))
                return
            _, low, high = _subtree(src_url)
            dest_base = dest_url.rstrip("/")
            self._db.execute(
                "UPDATE property SET url = ? || substr(url, ?) WHERE url = ? OR (url >= ? AND url < ?)",
                (dest_base, len(src_url.rstrip("/")) + 1, src_url, low, high),
            )
