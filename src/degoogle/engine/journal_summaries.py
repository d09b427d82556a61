"""The journal's counts, for the report, the plan's summary and the run's announcement: how many items
and bytes per kind and state, per source collection, per verification result.

Part of ``Journal`` (``engine.journal``): every call under the journal file's one lock. Each count is
one ``GROUP BY`` in SQLite rather than a walk over the items in Python: a journal of 100,000 messages
is summed up in a few milliseconds instead of being read back whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from degoogle.engine.journal_file import JournalFile

#: kinds counted per source collection (calendar, address book, mail folder); files, photos and notes
#: are counted per kind only
_COLLECTION_KINDS_SQL = "kind NOT IN ('files', 'photos', 'notes')"


@dataclass(frozen=True)
class Tally:
    """How many items and bytes."""

    count: int = 0
    bytes: int = 0


class SummaryRecords(JournalFile):
    """Counts over the items table."""

    def tallies(self) -> dict[tuple[str, str, str], Tally]:
        """Counts and bytes by ``(kind, state, outcome or "")``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, state, COALESCE(outcome, ''), COUNT(*), COALESCE(SUM(size), 0) "
                "FROM items GROUP BY 1, 2, 3"
            ).fetchall()
        return {(r[0], r[1], r[2]): Tally(r[3], r[4]) for r in rows}

    def collection_tallies(self) -> list[tuple[str, str, str, str | None, Tally]]:
        """``(kind, source collection, state, outcome, tally)`` for calendar, contact and mail items,
        the collections in the order of their first item. The collection is the source path up to
        its last ``/`` (``Item.collection``): ``rtrim(path, <path without its slashes>)`` keeps
        exactly that much, slash included."""
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, rtrim(source_path, replace(source_path, '/', '')) AS folder, state, outcome, "
                f"COUNT(*), COALESCE(SUM(size), 0) FROM items WHERE {_COLLECTION_KINDS_SQL} "
                "GROUP BY 1, 2, 3, 4 ORDER BY MIN(id)"
            ).fetchall()
        return [(kind, folder[:-1] if folder else "", state, outcome, Tally(count, size))
                for kind, folder, state, outcome, count, size in rows]

    def verified_tallies(self) -> dict[tuple[str, str], int]:
        """How many items the last verification checked, by ``(kind, "ok" or the reason code)``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, verified, COUNT(*) FROM items WHERE verified IS NOT NULL "
                "AND state IN ('done', 'skipped', 'quarantined', 'failed') GROUP BY 1, 2"
            ).fetchall()
        return {(r[0], r[1]): r[2] for r in rows}
