"""The journal's record of uploads still in progress, which must outlive a killed run: the chunks of
one item's chunked upload already on the server, and the volumes (files gathering many items, e.g.
one mbox per mail folder) being spooled and sent.

Part of ``Journal`` (``engine.journal``): every call under the journal file's one lock, each state
change committed at once (see ``engine.journal_file``). Targets reach these records through the
views in ``engine.journal_views``.
"""

from __future__ import annotations

import sqlite3
import time

from degoogle.engine.journal_file import JournalFile
from degoogle.model import Kind, UploadState, Volume

_VOLUME_COLUMNS = "id, kind, collection, target_path, upload_id, chunks, bytes, spool_bytes, state"


def _volume(row: sqlite3.Row) -> Volume:
    return Volume(row["id"], Kind(row["kind"]), row["collection"], row["target_path"], row["upload_id"],
                  row["chunks"], row["bytes"], row["spool_bytes"], row["state"])

class UploadRecords(JournalFile):
    """Chunked uploads, one per item, resumable after a killed run (``targets.base.UploadLedger``)."""

    def upload(self, item_id: int) -> UploadState | None:
        with self._lock:
            row = self._db.execute(
                "SELECT upload_id, target_path, total, chunk_size, chunks_done FROM uploads WHERE item_id = ?",
                (item_id,),
            ).fetchone()
        return UploadState(*row) if row else None

    def start_upload(self, item_id: int, state: UploadState) -> None:
        now = time.time()
        with self._lock:
            self._db.execute("DELETE FROM upload_chunks WHERE item_id = ?", (item_id,))
            self._db.execute(
                "INSERT OR REPLACE INTO uploads (item_id, upload_id, target_path, total, chunk_size, chunks_done, "
                "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (item_id, state.upload_id, state.target_path, state.total, state.chunk_size, state.chunks_done,
                 now, now),
            )

    def upload_progress(self, item_id: int, chunk: int, sha1: str) -> None:
        """Chunk number ``chunk`` (with the SHA-1 of its bytes) is on the server."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR REPLACE INTO upload_chunks (item_id, n, sha1) VALUES (?, ?, ?)",
                             (item_id, chunk, sha1))
            self._db.execute("UPDATE uploads SET chunks_done = MAX(chunks_done, ?), updated_at = ? WHERE item_id = ?",
                             (chunk, time.time(), item_id))
            self._db.execute("COMMIT")

    def upload_chunks(self, item_id: int) -> dict[int, str]:
        with self._lock:
            rows = self._db.execute("SELECT n, sha1 FROM upload_chunks WHERE item_id = ?", (item_id,)).fetchall()
        return {r[0]: r[1] for r in rows}

    def end_upload(self, item_id: int) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM upload_chunks WHERE item_id = ?", (item_id,))
            self._db.execute("DELETE FROM uploads WHERE item_id = ?", (item_id,))
            self._db.execute("COMMIT")


class VolumeRecords(JournalFile):
    """Volumes: files gathering many items, e.g. one mbox per mail folder (``targets.base.VolumeBook``).

    An item written into a volume is *staged*; it is done once its volume is finished."""

    def volume(self, volume_id: int) -> Volume:
        with self._lock:
            row = self._db.execute(f"SELECT {_VOLUME_COLUMNS} FROM volumes WHERE id = ?", (volume_id,)).fetchone()
        if row is None:
            raise KeyError(volume_id)
        return _volume(row)

    def volumes(self, kind: Kind, state: str | None = "open") -> list[Volume]:
        """The volumes of ``kind`` in ``state`` (every state when None), oldest first."""
        where, args = "kind = ?", [kind.value]
        if state is not None:
            where, args = where + " AND state = ?", [*args, state]
        with self._lock:
            rows = self._db.execute(f"SELECT {_VOLUME_COLUMNS} FROM volumes WHERE {where} ORDER BY id", args).fetchall()
        return [_volume(r) for r in rows]

    def start_volume(self, kind: Kind, collection: str, target_path: str, upload_id: str) -> Volume:
        """Record a new open volume for ``collection``; ``sqlite3.IntegrityError`` if one is open."""
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO volumes (kind, collection, target_path, upload_id, updated_at) VALUES (?, ?, ?, ?, ?)",
                (kind.value, collection, target_path, upload_id, time.time()))
        return self.volume(int(cur.lastrowid or 0))

    def stage(self, volume_id: int, item_id: int, added: int, spool_bytes: int) -> None:
        """In one transaction: the item is staged in the volume, whose spool now holds ``spool_bytes``
        (``added`` more than before). So the spool's journaled length always covers exactly the
        staged items: bytes beyond it belong to items still pending."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "UPDATE items SET state = 'staged', volume = ?, reason = NULL, detail = '', "
                    "attempts = attempts + 1, updated_at = ? WHERE id = ?", (volume_id, now, item_id))
                self._db.execute(
                    "UPDATE volumes SET bytes = bytes + ?, spool_bytes = ?, updated_at = ? WHERE id = ?",
                    (added, spool_bytes, now, volume_id))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def volume_chunk_sent(self, volume_id: int, chunks: int) -> None:
        """The spool went up as chunk number ``chunks``: the spool starts again empty."""
        with self._lock:
            self._db.execute("UPDATE volumes SET chunks = ?, spool_bytes = 0, updated_at = ? WHERE id = ?",
                             (chunks, time.time(), volume_id))

    def retarget_volume(self, volume_id: int, target_path: str) -> None:
        with self._lock:
            self._db.execute("UPDATE volumes SET target_path = ?, updated_at = ? WHERE id = ?",
                             (target_path, time.time(), volume_id))

    def restart_volume(self, volume_id: int, upload_id: str) -> int:
        """The volume's upload is lost: in one transaction its staged items go back to pending and
        the volume starts again empty under ``upload_id``. Returns how many items went back."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cur = self._db.execute(
                    "UPDATE items SET state = 'pending', volume = NULL, updated_at = ? "
                    "WHERE volume = ? AND state = 'staged'", (now, volume_id))
                self._db.execute(
                    "UPDATE volumes SET upload_id = ?, chunks = 0, bytes = 0, spool_bytes = 0, updated_at = ? "
                    "WHERE id = ?", (upload_id, now, volume_id))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return cur.rowcount

    def finish_volume(self, volume_id: int) -> int:
        """The volume is complete at its target path: in one transaction it is done and so is every
        item staged in it (moved, into that path). Returns how many items."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("UPDATE volumes SET state = 'done', spool_bytes = 0, updated_at = ? WHERE id = ?",
                                 (now, volume_id))
                cur = self._db.execute(
                    "UPDATE items SET state = 'done', outcome = 'moved', reason = NULL, detail = '', "
                    "target_path = (SELECT target_path FROM volumes WHERE id = ?), updated_at = ? "
                    "WHERE volume = ? AND state = 'staged'", (volume_id, now, volume_id))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return cur.rowcount
