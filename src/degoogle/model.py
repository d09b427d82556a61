"""The data model: kinds, states, outcomes, items and entries, imported by every layer.

It imports nothing of ours, so engine/, sources/ and targets/ can all depend on it without a
package cycle (shared/DESIGN.md, "Layers and their rooms"). The enum *values* are stored in the
journal and are part of its public format.

Terminology (as in vdirsyncer): an *item* is one thing to move (a file, an event, a contact, a
message); a *collection* is what holds items (a folder, a calendar, an address book, a mail folder).
A *source key* identifies an item stably within its source, so a re-plan finds the same row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    FILES = "files"
    CALENDAR = "calendar"
    CONTACTS = "contacts"
    MAIL = "mail"
    PHOTOS = "photos"  # Google Photos from a Takeout: files with their date taken and albums
    NOTES = "notes"    # Keep notes from a Takeout: Markdown notes for Nextcloud Notes


ALL_KINDS: tuple[Kind, ...] = (Kind.FILES, Kind.CALENDAR, Kind.CONTACTS, Kind.MAIL, Kind.PHOTOS, Kind.NOTES)


class State(StrEnum):
    """Where an item is in its life. Stored in the journal: values are part of the public format."""

    PENDING = "pending"          # planned, not yet written
    STAGED = "staged"            # in an archive being built (an mbox file), not yet complete at the target
    DONE = "done"                # the target confirmed it (see Outcome)
    SKIPPED = "skipped"          # deliberately not moved (reason says why)
    QUARANTINED = "quarantined"  # bad input: cannot be moved as it is (reason says why)
    FAILED = "failed"            # retries exhausted; a later run tries again


class Outcome(StrEnum):
    """How a DONE item got there."""

    MOVED = "moved"                  # written by us
    ALREADY_THERE = "already_there"  # an identical item was at the target already
    KEPT_BOTH = "kept_both"          # a different item held the name: ours was written beside it


@dataclass(frozen=True)
class SourceEntry:
    """One thing a source found while listing.

    ``path`` is the item's place in the source as path components (folders then name), before any
    renaming for the target. ``problem`` set means the entry is known bad at listing time (a
    truncated archive part, say): it is recorded as quarantined with that reason code.
    ``supported`` false means this version does not move that kind of data: recorded as skipped.
    ``left_out`` (a reason code) means the source's rules leave this entry out on purpose (Spam and
    Trash unless asked, a message deleted in the mail program): recorded as skipped with that reason,
    so the plan and the report count it instead of never mentioning it.
    ``locator`` is opaque to the engine and stored in the journal: what the source needs to open the
    item again without listing everything anew (which archive part, where in it).
    ``attrs`` (JSON-serialisable) is what the *target* needs beyond the bytes: a message's flags and
    internal date, a calendar's display name and colour, a contact's groups.

    Files: ``path`` is folders then file name. Calendars, contacts and mail: ``path`` is
    ``(collection, name)`` — the source calendar / address book / mail folder as the user knows it
    (a mail folder may hold ``/`` for nesting), then a name unique in it with no ``/``. The planner
    keeps both as they are; the target maps the collection to one of its own.
    """

    kind: Kind
    key: str
    path: tuple[str, ...]
    size: int = 0
    mtime: float | None = None
    fingerprint: str = ""
    locator: str = ""
    supported: bool = True
    problem: str | None = None
    left_out: str | None = None
    detail: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Item:
    """One row of the journal's ``items`` table."""

    id: int
    kind: Kind
    source_key: str
    source_path: str
    target_path: str
    size: int
    mtime: float | None
    fingerprint: str
    locator: str
    state: State
    outcome: Outcome | None = None
    reason: str | None = None
    detail: str = ""
    attempts: int = 0
    checksum: str | None = None
    original_target_path: str | None = None
    verified: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.target_path.rsplit("/", 1)[-1]

    @property
    def collection(self) -> str:
        """For calendars, contacts and mail: the source collection the item belongs to."""
        return self.source_path.rsplit("/", 1)[0] if "/" in self.source_path else ""


@dataclass(frozen=True)
class WriteResult:
    """What a target reports after writing an item."""

    outcome: Outcome
    target_path: str
    checksum: str | None = None
    reason: str | None = None
    detail: str = ""
    #: the item went into a file still being built at the target (see ``Volume``): the target
    #: recorded it as staged itself, and it becomes done only when that file is complete
    staged: bool = False


@dataclass(frozen=True)
class RemoteFile:
    """A file as the target lists it."""

    name: str
    size: int
    etag: str = ""
    checksums: dict[str, str] = field(default_factory=dict)
    is_dir: bool = False


@dataclass(frozen=True)
class UploadState:
    """A chunked upload in progress, as the journal remembers it."""

    upload_id: str
    target_path: str
    total: int
    chunk_size: int
    chunks_done: int


@dataclass(frozen=True)
class Volume:
    """A file at the target that gathers many items (one mbox per mail folder), built across runs.

    ``bytes`` is everything written into it so far; of that, ``spool_bytes`` are still in the local
    spool file and the rest went up as ``chunks`` numbered chunks of the upload ``upload_id``.
    ``state`` is ``open`` (being built) or ``done`` (complete at ``target_path``)."""

    id: int
    kind: Kind
    collection: str
    target_path: str
    upload_id: str
    chunks: int = 0
    bytes: int = 0
    spool_bytes: int = 0
    state: str = "open"

    @property
    def sent_bytes(self) -> int:
        """Bytes already in the upload's chunks at the target."""
        return self.bytes - self.spool_bytes
