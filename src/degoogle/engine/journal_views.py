"""The journal as targets see it: the upload ledger, collection map and volume book a target is lent
for a write (``targets.base.UploadLedger``, ``CollectionMap``, ``VolumeBook``), each a thin view of
one item or one kind in the ``Journal``, so whatever a target keeps outlives a killed run.
"""

from __future__ import annotations

from degoogle.engine.journal import Journal
from degoogle.model import Kind, UploadState, Volume


class JournalLedger:
    """One item's upload state, kept in the journal (see ``targets.base.UploadLedger``)."""

    def __init__(self, journal: Journal, item_id: int) -> None:
        self.journal = journal
        self.item_id = item_id

    def get(self) -> UploadState | None:
        return self.journal.upload(self.item_id)

    def start(self, state: UploadState) -> None:
        self.journal.start_upload(self.item_id, state)

    def progress(self, chunk: int, sha1: str) -> None:
        self.journal.upload_progress(self.item_id, chunk, sha1)

    def chunks(self) -> dict[int, str]:
        return self.journal.upload_chunks(self.item_id)

    def end(self) -> None:
        self.journal.end_upload(self.item_id)


class JournalCollections:
    """The journal's source → target collection map for one kind (see ``targets.base.CollectionMap``)."""

    def __init__(self, journal: Journal, kind: Kind) -> None:
        self.journal = journal
        self.kind = kind

    def get(self, source: str) -> str | None:
        return self.journal.collection(self.kind, source)

    def set(self, source: str, target: str) -> None:
        self.journal.set_collection(self.kind, source, target)


class JournalVolumes:
    """The journal's volumes of one kind, spooled beside the journal (see ``targets.base.VolumeBook``)."""

    def __init__(self, journal: Journal, kind: Kind) -> None:
        self.journal = journal
        self.kind = kind
        self.spool_dir = journal.files.spool

    def open_volume(self, collection: str) -> Volume | None:
        return next((v for v in self.journal.volumes(self.kind) if v.collection == collection), None)

    def open_volumes(self) -> list[Volume]:
        return self.journal.volumes(self.kind)

    def taken(self) -> set[str]:
        return {v.target_path for v in self.journal.volumes(self.kind, None)}

    def start(self, collection: str, target_path: str, upload_id: str) -> Volume:
        return self.journal.start_volume(self.kind, collection, target_path, upload_id)

    def stage(self, volume: Volume, item_id: int, added: int, spool_bytes: int) -> None:
        self.journal.stage(volume.id, item_id, added, spool_bytes)

    def chunk_sent(self, volume: Volume, chunks: int) -> None:
        self.journal.volume_chunk_sent(volume.id, chunks)

    def retarget(self, volume: Volume, target_path: str) -> None:
        self.journal.retarget_volume(volume.id, target_path)

    def restart(self, volume: Volume, upload_id: str) -> int:
        return self.journal.restart_volume(volume.id, upload_id)

    def finish(self, volume: Volume) -> int:
        return self.journal.finish_volume(volume.id)

    def done_size(self, target_path: str) -> int | None:
        return next((v.bytes for v in self.journal.volumes(self.kind, "done") if v.target_path == target_path), None)
