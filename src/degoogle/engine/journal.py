"""The journal: one SQLite file per migration, recording every item and what happened to it.

Its format is public (support staff resume old runs with it): change it only through a numbered
migration in ``MIGRATIONS``, never by editing an earlier one. ``PRAGMA user_version`` holds the
schema version.

``Journal`` is composed of parts sharing one connection and one lock: ``engine.journal_file`` (the
file: opening, migrating, durability and thread-safety, meta and runs), ``engine.journal_uploads``
(uploads in progress: chunked uploads and volumes) and this module (the items: planning, running,
verifying, summing up). Every call is made under that one lock and each state change is committed
at once.

Secrets never go in here: specs are stored as the user typed them minus any password, and
``Journal.set_meta`` refuses values that look like they carry credentials in a URL.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from degoogle.engine.journal_summaries import SummaryRecords, Tally
from degoogle.engine.journal_uploads import UploadRecords, VolumeRecords
from degoogle.engine.migrations import SCHEMA_VERSION
from degoogle.model import Item, Kind, Outcome, SourceEntry, State, WriteResult

__all__ = ["REQUEUE_REASONS", "SCHEMA_VERSION", "Journal", "PlannedEntry", "Recorded", "Tally"]


#: reasons for setting an item aside that the user can fix at the source (put the file back, download
#: the archive part again, fix a permission): a new run or a new listing tries these items again
REQUEUE_REASONS = ("corrupt_member", "unreadable", "source_changed", "source_gone", "refused_by_server",
                   "too_big_for_space")
#: reasons a *done* item carries for something the hoster may offer since (the Photos app for albums):
#: a new run writes it again, which finds the file there and adds only what was missing
REQUEUE_DONE_REASONS = ("photo_albums_no_app",)

_ITEM_COLUMNS = (
    "id, kind, source_key, source_path, target_path, size, mtime, fingerprint, locator, state, "
    "outcome, reason, detail, attempts, checksum, original_target_path, verified, attrs"
)


_INSERT_ITEM = (
    "INSERT OR IGNORE INTO items (kind, source_key, source_path, target_path, size, mtime, fingerprint, locator, "
    "state, reason, detail, original_target_path, updated_at, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _attrs(text: str) -> dict[str, Any]:
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


#: made once (``json.dumps`` with options builds an encoder a call): a plan writes attrs an entry
_ATTRS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _attrs_text(attrs: dict[str, Any]) -> str:
    return _ATTRS_JSON.encode(attrs) if attrs else ""


class Recorded(NamedTuple):
    """What the journal held for an entry when it was listed again."""

    state: State
    reason: str | None


@dataclass(frozen=True)
class PlannedEntry:
    """A source entry with what the planner decided for it."""

    entry: SourceEntry
    state: State
    target_path: str = ""
    reason: str | None = None
    detail: str = ""
    renamed_from: str | None = None
    rename_reasons: tuple[str, ...] = ()


# enum members by value: ``Kind(value)`` goes through EnumType.__call__, which was a tenth of a
# 20,000-message run's time spent holding the GIL (turning rows into items for the feed, the
# verification and the report)
_KINDS = {k.value: k for k in Kind}
_STATES = {s.value: s for s in State}
_OUTCOMES = {o.value: o for o in Outcome}


def _item(row: sqlite3.Row | tuple[Any, ...]) -> Item:
    """A row of ``_ITEM_COLUMNS`` (in that order) as an ``Item``."""
    (id_, kind, source_key, source_path, target_path, size, mtime, fingerprint, locator, state, outcome, reason,
     detail, attempts, checksum, original_target_path, verified, attrs) = row
    return Item(id=id_, kind=_KINDS.get(kind) or Kind(kind), source_key=source_key, source_path=source_path,
                target_path=target_path, size=size, mtime=mtime, fingerprint=fingerprint, locator=locator,
                state=_STATES.get(state) or State(state),
                outcome=(_OUTCOMES.get(outcome) or Outcome(outcome)) if outcome else None, reason=reason,
                detail=detail, attempts=attempts, checksum=checksum, original_target_path=original_target_path,
                verified=verified, attrs=_attrs(attrs))


class Journal(UploadRecords, VolumeRecords, SummaryRecords):
    """A migration's journal file. Open with ``Journal.create`` or ``Journal.open``."""

    # -- planning ------------------------------------------------------------------------------

    def refresh(self, entry: SourceEntry) -> Recorded | None:
        """Bring an already recorded, not yet done entry up to date with a new listing (the file
        changed, the archive part was downloaded again). Returns whether the entry was recorded.

        An entry set aside for a reason in ``REQUEUE_REASONS`` whose listing changed is put back
        to pending; a done entry is left as it is (it was moved as it was then). Returns the
        entry's state and reason as recorded before this listing, or None when it was not recorded.
        """
        with self._lock:
            row = self._db.execute(
                "SELECT id, state, reason, fingerprint, locator, size, attrs FROM items "
                "WHERE kind = ? AND source_key = ?",
                (entry.kind.value, entry.key),
            ).fetchone()
            if row is None:
                return None
            listed = (entry.fingerprint, entry.locator, entry.size, _attrs_text(entry.attrs))
            changed = (row["fingerprint"], row["locator"], row["size"], row["attrs"]) != listed
            if changed and row["state"] != State.DONE.value and entry.problem is None:
                reasons = ",".join("?" * len(REQUEUE_REASONS))
                self._db.execute(
                    "UPDATE items SET size = ?, mtime = ?, fingerprint = ?, locator = ?, attrs = ?, updated_at = ?, "
                    f"state = CASE WHEN state = 'quarantined' AND reason IN ({reasons}) THEN 'pending' "
                    "ELSE state END WHERE id = ?",
                    (entry.size, entry.mtime, entry.fingerprint, entry.locator, listed[3], time.time(),
                     *REQUEUE_REASONS, row["id"]),
                )
        return Recorded(State(row["state"]), row["reason"])

    def replan(self, planned: PlannedEntry) -> None:
        """Record a new decision for an entry skipped earlier (the user's choices changed since)."""
        e = planned.entry
        with self._lock:
            self._db.execute(
                "UPDATE items SET state = ?, target_path = ?, reason = ?, detail = ?, attempts = 0, updated_at = ? "
                "WHERE kind = ? AND source_key = ? AND state = 'skipped'",
                (planned.state.value, planned.target_path, planned.reason, planned.detail, time.time(),
                 e.kind.value, e.key),
            )

    def requeue_skipped(self, reason: str) -> int:
        """Put back to pending the items skipped for ``reason`` (a choice the user has changed)."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE items SET state = 'pending', reason = NULL, detail = '', attempts = 0, updated_at = ? "
                "WHERE state = 'skipped' AND reason = ?", (time.time(), reason))
        return cur.rowcount

    def add_planned(self, planned: Iterable[PlannedEntry], folders: Iterable[tuple[Kind, str, str]]) -> int:
        """Record a page of planned entries and the folders they created, in one transaction.

        Entries already recorded (same kind and key) are left as they are. Returns how many were new.
        """
        now = time.time()
        added = 0
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR IGNORE INTO folders (kind, source_path, target_path) VALUES (?, ?, ?)",
                    [(k.value, s, t) for k, s, t in folders],
                )
                run: list[tuple[Any, ...]] = []  # rows in plan order, inserted together up to the next rename
                for p in planned:
                    e = p.entry
                    row = (e.kind.value, e.key, "/".join(e.path), p.target_path, e.size, e.mtime, e.fingerprint,
                           e.locator, p.state.value, p.reason, p.detail, p.renamed_from, now, _attrs_text(e.attrs))
                    if p.renamed_from is None:
                        run.append(row)
                        continue
                    added += self._insert_items(run)
                    run.clear()
                    cur = self._db.execute(_INSERT_ITEM, row)
                    if cur.rowcount:
                        added += 1
                        self._db.execute(
                            "INSERT INTO renames (item_id, from_path, to_path, reasons, stage, at) "
                            "VALUES (?, ?, ?, ?, 'plan', ?)",
                            (cur.lastrowid, p.renamed_from, p.target_path, " ".join(p.rename_reasons), now),
                        )
                added += self._insert_items(run)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return added

    def _insert_items(self, rows: list[tuple[Any, ...]]) -> int:
        """Insert item rows (``_INSERT_ITEM``'s columns) in one statement; returns how many were new."""
        if not rows:
            return 0
        return self._db.executemany(_INSERT_ITEM, rows).rowcount

    def folders(self, kind: Kind) -> dict[str, str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT source_path, target_path FROM folders WHERE kind = ?", (kind.value,)
            ).fetchall()
        return {r[0]: r[1] for r in rows}

    def collection(self, kind: Kind, source: str) -> str | None:
        """The target collection chosen for a source collection by an earlier write, if any."""
        with self._lock:
            row = self._db.execute(
                "SELECT target FROM collections WHERE kind = ? AND source = ?", (kind.value, source)
            ).fetchone()
        return row[0] if row else None

    def set_collection(self, kind: Kind, source: str, target: str) -> None:
        """Remember (committed at once) which target collection receives a source collection."""
        with self._lock:
            self._db.execute(
                "INSERT INTO collections (kind, source, target) VALUES (?, ?, ?) "
                "ON CONFLICT (kind, source) DO UPDATE SET target = excluded.target",
                (kind.value, source, target),
            )

    def collections(self, kind: Kind) -> dict[str, str]:
        with self._lock:
            rows = self._db.execute("SELECT source, target FROM collections WHERE kind = ?", (kind.value,)).fetchall()
        return {r[0]: r[1] for r in rows}

    def target_paths(self, kind: Kind) -> Iterator[str]:
        """Every target path already given to an item of this kind (for resumed planning)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT target_path FROM items WHERE kind = ? AND target_path != ''", (kind.value,)
            ).fetchall()
        for r in rows:
            yield r[0]

    # -- running -------------------------------------------------------------------------------

    def retry_failed(self) -> int:
        """Put back to pending what a new run should try again: failed items (passing faults) and
        items set aside for a reason the user may have fixed since (``REQUEUE_REASONS``), and done
        items still missing something the hoster may offer now (``REQUEUE_DONE_REASONS``)."""
        reasons = ",".join("?" * len(REQUEUE_REASONS))
        done_reasons = ",".join("?" * len(REQUEUE_DONE_REASONS))
        with self._lock:
            cur = self._db.execute(
                "UPDATE items SET state = 'pending', attempts = 0, updated_at = ? WHERE state = 'failed' "
                f"OR (state = 'quarantined' AND reason IN ({reasons})) "
                f"OR (state = 'done' AND reason IN ({done_reasons}))",
                (time.time(), *REQUEUE_REASONS, *REQUEUE_DONE_REASONS),
            )
        return cur.rowcount

    def count_earlier_moves_as_there(self) -> int:
        """A new run of a move made before: what an earlier run moved is, for this run, already at the
        hoster (the report then says "already there" rather than "moved" for it). Items kept under
        another name stay "kept both", so the report still lists their new names."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE items SET outcome = 'already_there', updated_at = ? WHERE state = 'done' AND outcome = 'moved'",
                (time.time(),))
        return cur.rowcount

    def pending(self, after_id: int = 0, limit: int = 500, kinds: Iterable[Kind] | None = None) -> list[Item]:
        """The next page of pending items, in plan order; only of ``kinds`` when given."""
        where, args = "", []
        if kinds is not None:
            wanted = [k.value for k in kinds]
            where = f" AND kind IN ({','.join('?' * len(wanted))})"
            args = wanted
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_ITEM_COLUMNS} FROM items WHERE state = 'pending' AND id > ?{where} ORDER BY id LIMIT ?",
                (after_id, *args, limit),
            ).fetchall()
        return [_item(r) for r in rows]

    def pending_kinds(self) -> set[Kind]:
        """The kinds of the pending items."""
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT kind FROM items WHERE state = 'pending'").fetchall()
        return {Kind(kind) for (kind,) in rows}

    def smallest_pending(self, kind: Kind, but: int) -> int | None:
        """The size of the smallest pending item of ``kind`` other than item ``but``; None if none."""
        with self._lock:
            row = self._db.execute("SELECT MIN(size) FROM items WHERE state = 'pending' AND kind = ? AND id != ?",
                                   (kind.value, but)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def get(self, item_id: int) -> Item:
        with self._lock:
            row = self._db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise KeyError(item_id)
        return _item(row)

    def items(self, kind: Kind | None = None, states: Iterable[State] | None = None) -> Iterator[Item]:
        """Items in plan order, optionally of one kind and some states (paged, constant memory)."""
        where, args = [], []
        if kind is not None:
            where.append("kind = ?")
            args.append(kind.value)
        if states is not None:
            wanted = [s.value for s in states]
            where.append(f"state IN ({','.join('?' * len(wanted))})")
            args.extend(wanted)
        return self._paged(where, args)

    def items_worth_a_line(self) -> Iterator[Item]:
        """The items a report may name one by one, in plan order: the skipped, quarantined and failed
        ones, and the done ones carrying a reason or a failed verification (paged). Done items that
        went as planned are left out: they are counted (``tallies``, ``verified_tallies``), and a
        mailbox of 100,000 messages would otherwise be read back whole for a few lines."""
        return self._paged(["(state IN ('skipped', 'quarantined', 'failed') OR (state = 'done' AND "
                            "(reason IS NOT NULL OR (verified IS NOT NULL AND verified != 'ok'))))"], [])

    def _paged(self, where: list[str], args: list[Any]) -> Iterator[Item]:
        last = 0
        condition = " AND ".join(["id > ?", *where])
        while True:
            with self._lock:
                rows = self._db.execute(
                    f"SELECT {_ITEM_COLUMNS} FROM items WHERE {condition} ORDER BY id LIMIT 1000", (last, *args),
                ).fetchall()
            if not rows:
                return
            for r in rows:
                yield _item(r)
            last = rows[-1][0]

    def mark_done(self, item: Item, outcome: Outcome, target_path: str, checksum: str | None,
                  reason: str | None = None, detail: str = "") -> None:
        """The target confirmed the item. A changed target path is recorded as a run-time rename."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "UPDATE items SET state = 'done', outcome = ?, target_path = ?, checksum = ?, reason = ?, "
                "detail = ?, attempts = attempts + 1, "
                "original_target_path = COALESCE(original_target_path, CASE WHEN ? != target_path "
                "THEN target_path END), updated_at = ? WHERE id = ?",
                (outcome.value, target_path, checksum, reason, detail, target_path, now, item.id),
            )
            if target_path != item.target_path:
                self._db.execute(
                    "INSERT INTO renames (item_id, from_path, to_path, reasons, stage, at) "
                    "VALUES (?, ?, ?, ?, 'run', ?)",
                    (item.id, item.target_path, target_path, reason or "", now),
                )
            self._db.execute("DELETE FROM upload_chunks WHERE item_id = ?", (item.id,))
            self._db.execute("DELETE FROM uploads WHERE item_id = ?", (item.id,))
            self._db.execute("COMMIT")

    def mark_done_many(self, done: Iterable[tuple[Item, WriteResult]]) -> None:
        """``mark_done`` for several items, in one transaction: all recorded, or none."""
        now = time.time()
        rows = [(item, r.outcome.value, r.target_path, r.checksum, r.reason, r.detail) for item, r in done]
        if not rows:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "UPDATE items SET state = 'done', outcome = ?, target_path = ?, checksum = ?, reason = ?, "
                    "detail = ?, attempts = attempts + 1, "
                    "original_target_path = COALESCE(original_target_path, CASE WHEN ? != target_path "
                    "THEN target_path END), updated_at = ? WHERE id = ?",
                    [(outcome, path, checksum, reason, detail, path, now, item.id)
                     for item, outcome, path, checksum, reason, detail in rows])
                self._db.executemany(
                    "INSERT INTO renames (item_id, from_path, to_path, reasons, stage, at) "
                    "VALUES (?, ?, ?, ?, 'run', ?)",
                    [(item.id, item.target_path, path, reason or "", now)
                     for item, _outcome, path, _checksum, reason, _detail in rows if path != item.target_path])
                ids = [(item.id,) for item, *_ in rows]
                self._db.executemany("DELETE FROM upload_chunks WHERE item_id = ?", ids)
                self._db.executemany("DELETE FROM uploads WHERE item_id = ?", ids)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def mark(self, item: Item, state: State, reason: str, detail: str = "") -> None:
        """Quarantine, skip or fail an item with a reason code and a technical detail."""
        with self._lock:
            self._db.execute(
                "UPDATE items SET state = ?, reason = ?, detail = ?, attempts = attempts + 1, updated_at = ? "
                "WHERE id = ?",
                (state.value, reason, detail[:2000], time.time(), item.id),
            )

    def mark_verified(self, results: Iterable[tuple[int, str]]) -> None:
        """Store verification results: ``(item id, "ok" or a reason code)``."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("UPDATE items SET verified = ? WHERE id = ?", [(v, i) for i, v in results])
            self._db.execute("COMMIT")

    # -- summaries (counts: ``engine.journal_summaries``) ---------------------------------------

    def renames(self) -> list[tuple[Item, str, str, tuple[str, ...], str]]:
        """Every rename: ``(item, from_path, to_path, reasons, stage)`` in order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT item_id, from_path, to_path, reasons, stage FROM renames ORDER BY rowid"
            ).fetchall()
        return [(self.get(r[0]), r[1], r[2], tuple(r[3].split()), r[4]) for r in rows]
