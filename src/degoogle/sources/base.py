"""The ``Source`` interface.

A source *lists* what it holds as ``SourceEntry`` records and *opens* one item as a read-only byte
stream. Sources never modify what they read. They are used from several worker threads at once:
``open`` must be thread-safe.

Errors: ``open`` (and reading the stream it returns) raises ``BadItemError`` when this one item is
unreadable or corrupt, ``RetryableError`` for a passing fault, ``FatalError`` when nothing can be
read any more (the archive was removed, the disk unplugged). ``scan`` raises ``UserError`` when the
source cannot be read at all; a damaged part is reported as an entry with ``problem`` set instead.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, Literal

from degoogle.model import Item, Kind, SourceEntry

MailPolicy = Literal["one_copy", "copy_per_label"]


@dataclass(frozen=True)
class SourceOptions:
    """What a source needs besides its spec: the account's secret (IMAP, CalDAV, iCloud; never
    stored by the source) and the user's choices that decide what the items are (mail: a message
    with several labels is one item, or one per label; Spam and Trash left out or not)."""

    password: str | None = None
    mail_policy: MailPolicy = "one_copy"
    include_spam_trash: bool = False
    #: an event whose time zone nobody knows moves in floating time (the person agreed) instead of
    #: being set aside (``unknown_time_zone``)
    floating_unknown_zones: bool = False


class Source(ABC):
    """A place to read from, named by a spec string such as ``takeout:/path/a.zip``."""

    #: the spec as the user typed it, minus any secret; stored in the journal
    spec: str

    @abstractmethod
    def describe(self) -> str:
        """A short human description ("Google Takeout archive (2 parts)")."""

    @abstractmethod
    def scan(self) -> Iterator[SourceEntry]:
        """Yield every entry, in a stable order (the same order each time for the same input).

        Listing is idempotent: the planner records entries by ``(kind, key)`` and a resumed plan
        simply lists again, skipping what it already has.
        """

    @abstractmethod
    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """Open the item (found by ``item.source_key`` and ``item.locator``) for streaming.

        The returned stream raises ``BadItemError`` from ``read`` if the data turns out corrupt.
        """

    def probe(self) -> None:  # noqa: B027 - optional hook
        """Check the source answers, for a run waiting out an outage of it: raises ``RetryableError``
        while it cannot be reached, ``FatalError`` when it refuses us for good. Sources on this
        computer have nothing to check."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release open files. Safe to call twice."""


@dataclass(frozen=True)
class FileRef:
    """A whole file holding many items (a calendar ``.ics``, an address book ``.vcf``, an ``.mbox``)
    inside a source: ``ref`` is opaque, what the source's ``OpenFile`` needs to open it again (an
    archive member's locator, a local path); ``path`` where it sits (``("Agenda", "Perso.ics")``)."""

    ref: str
    path: tuple[str, ...]
    size: int
    fingerprint: str = ""
    detail: str = ""
    #: the file's own date where the source knows one (an archive member's), else None
    mtime: float | None = None


OpenFile = Callable[[str], AbstractContextManager[BinaryIO]]


class Expander(ABC):
    """Turns the files of one kind found in a source (a Takeout archive, local files) into items.

    One mechanism for every file-based source: the source lists its files and hands those of
    ``kind`` to the expander all at once (contacts in several label files are merged into one
    item each); ``open`` gives one item's bytes, ready for the target (one calendar resource, one
    vCard, one message exactly as it was). Locators are the expander's own; they must name the
    ``FileRef.ref`` so ``open`` needs no listing. Keys are unique within ``kind`` for the source.
    ``open`` is called from several threads at once.
    """

    kind: Kind

    def __init__(self, open_file: OpenFile, options: SourceOptions) -> None:
        self.open_file = open_file
        self.options = options

    @abstractmethod
    def expand(self, files: Sequence[FileRef]) -> Iterator[SourceEntry]:
        """Yield the items of ``files`` in a stable order; a file that cannot be read at all gives
        one entry with ``problem`` set. Never raises for bad content."""

    @abstractmethod
    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """One item's bytes; ``BadItemError`` when it cannot be produced."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Drop caches and open files."""
