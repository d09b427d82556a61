"""The ``Target`` interface.

A target *writes* items it accepts (``kinds``) idempotently: writing an item that is already there
with the same content reports ``Outcome.ALREADY_THERE`` and writes nothing; an item whose name is
taken by different content is written beside it (``Outcome.KEPT_BOTH``) and never replaces it.
This must hold even when the previous write succeeded but the journal never heard of it (a crash).

Several at once: a target that writes a batch of items better than one by one (one request for
many) says so with ``batch_limits``; the engine then hands it consecutive items of one kind and one
collection through ``write_batch``, with the same promises for each item as ``write``.

Errors: ``write`` raises ``RetryableError`` for passing faults (with ``retry_after`` when the server
said so), ``BadItemError`` when the server refuses this item for good, ``FatalError`` when nothing
more can be written (no space, wrong password), ``Cancelled`` when ``should_stop`` turned true
while streaming (nothing is left half-written at the target).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from degoogle.errors import BadItemError, Cancelled, DegoogleError, FatalError, RetryableError, SkipItem
from degoogle.model import Item, Kind, UploadState, Volume, WriteResult


class ItemReader(Protocol):
    """What a target reads an item's bytes through: the run's source, seen only as far as a target may.

    A protocol rather than ``sources.base.Source`` so that a target never imports a source (issue 14,
    shared/DESIGN.md "Layers and their rooms"); every ``Source`` satisfies it."""

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]: ...


class UploadLedger(Protocol):
    """Where a target keeps the state of one item's multi-step upload (the journal, in a run), so
    that a restart continues it. Each call is committed at once."""

    def get(self) -> UploadState | None: ...

    def start(self, state: UploadState) -> None: ...

    def progress(self, chunk: int, sha1: str) -> None: ...

    def chunks(self) -> dict[int, str]: ...

    def end(self) -> None: ...


class CollectionMap(Protocol):
    """Which target collection (calendar, address book, mail folder) receives each source collection
    of the item's kind, kept in the journal so that a resumed run writes into the one it chose the
    first time (and does not make "Travail (2)" beside the "Travail" it made itself). Committed at once."""

    def get(self, source: str) -> str | None: ...

    def set(self, source: str, target: str) -> None: ...


class MemoryCollections:
    """A ``CollectionMap`` kept in memory (tools and tests that run a target without a journal)."""

    def __init__(self) -> None:
        self._map: dict[str, str] = {}

    def get(self, source: str) -> str | None:
        return self._map.get(source)

    def set(self, source: str, target: str) -> None:
        self._map[source] = target


class VolumeBook(Protocol):
    """Where a target that gathers many items of one kind into one file per collection (mail into
    an mbox per folder) keeps those files' state: the journal, in a run (see ``model.Volume``).
    ``spool_dir`` holds the local spool files. Each call is committed at once; ``stage`` marks the
    item staged and records the spool's new length in one transaction."""

    spool_dir: Path

    def open_volume(self, collection: str) -> Volume | None: ...

    def open_volumes(self) -> list[Volume]: ...

    def taken(self) -> set[str]: ...

    def start(self, collection: str, target_path: str, upload_id: str) -> Volume: ...

    def stage(self, volume: Volume, item_id: int, added: int, spool_bytes: int) -> None: ...

    def chunk_sent(self, volume: Volume, chunks: int) -> None: ...

    def retarget(self, volume: Volume, target_path: str) -> None: ...

    def restart(self, volume: Volume, upload_id: str) -> int: ...

    def finish(self, volume: Volume) -> int: ...

    def done_size(self, target_path: str) -> int | None: ...


@dataclass(frozen=True)
class WriteContext:
    """What the engine lends a target for one write. ``volumes`` is lent to every write, for the
    targets that gather items into volumes."""

    source: ItemReader
    on_bytes: Callable[[int], None]
    should_stop: Callable[[], bool]
    ledger: UploadLedger
    collections: CollectionMap = field(default_factory=MemoryCollections)
    volumes: VolumeBook | None = None


@dataclass(frozen=True)
class FinishContext:
    """What the engine lends a target's ``finish``."""

    volumes: VolumeBook
    should_stop: Callable[[], bool]
    collections: CollectionMap = field(default_factory=MemoryCollections)


@dataclass(frozen=True)
class BatchContext:
    """What the engine lends a target for one ``write_batch``: as ``WriteContext``, with the bytes
    counted per item, and each item's ``WriteContext`` from ``one`` (for writing it alone)."""

    source: ItemReader
    on_bytes: Callable[[Item, int], None]
    should_stop: Callable[[], bool]
    ledger: Callable[[Item], UploadLedger]
    collections: CollectionMap = field(default_factory=MemoryCollections)

    def one(self, item: Item) -> WriteContext:
        return WriteContext(self.source, lambda n: self.on_bytes(item, n), self.should_stop, self.ledger(item),
                            self.collections)


@dataclass(frozen=True)
class VerifyContext:
    """What the engine lends a target's ``verify``: the journal's source → target collection map per
    kind (a target that makes collections, calendars or mail folders, verifies in the one it chose)
    and the journal's volumes per kind (a target that builds volumes checks each one's size). Without
    them (a target verified with no journal: tools, tests) a target looks by names alone."""

    collections: Callable[[Kind], CollectionMap] | None = None
    volumes: Callable[[Kind], VolumeBook] | None = None


#: a verification with no journal at hand: by names alone
NO_JOURNAL = VerifyContext()

#: what ``write_batch`` says of one item: what ``write`` would have returned, or the error it would have raised
BatchResult = WriteResult | DegoogleError


@dataclass(frozen=True)
class VerifyResult:
    item: Item
    ok: bool
    reason: str | None = None
    detail: str = ""


class Target(ABC):
    """A place to write to, named by a spec string such as ``nextcloud:https://marie@cloud.example``."""

    spec: str
    kinds: frozenset[Kind]

    @abstractmethod
    def describe(self) -> str:
        """A short human description ("Nextcloud cloud.example.org, account marie")."""

    @abstractmethod
    def prepare(self) -> None:
        """Check the target is reachable and the credentials work; raise ``FatalError`` if not."""

    @abstractmethod
    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        """Write one item idempotently (see the module docstring)."""

    #: whether one ``write_batch`` may hold items of several collections (else one collection a batch)
    batches_span_collections: bool = False

    def items_in_flight(self) -> int | None:
        """How many of its items the run should write at once, for a target whose writes are small
        and wait mostly on round trips (one event, one contact): more than the run's workers keeps a
        distant server busy. None (the default): the run's workers."""
        return None

    def batch_limits(self) -> tuple[int, int] | None:
        """``(items, bytes)`` at most in one ``write_batch``, for a target that writes several items
        better at once than one by one; None (the default): the engine calls ``write`` only."""
        return None

    def write_batch(self, items: Sequence[Item], ctx: BatchContext) -> list[BatchResult]:
        """Write items of one kind and one collection, each idempotently (see the module docstring):
        per item, in order, its ``WriteResult`` or the error that ``write`` would have raised for it.
        Raises for the whole batch only: ``FatalError`` or ``Cancelled`` as ``write`` does;
        ``RetryableError`` (or ``BadItemError``) when no item's fate is known — the engine then
        writes each with ``write``. The default writes one after the other."""
        results: list[BatchResult] = []
        for n, item in enumerate(items):
            try:
                results.append(self.write(item, ctx.one(item)))
            except (RetryableError, BadItemError, SkipItem) as exc:
                results.append(exc)
            except (FatalError, Cancelled) as exc:
                stopped = Cancelled("not tried: the batch stopped before it")
                return [*results, exc, *(stopped for _ in items[n + 1:])]
        return results

    @abstractmethod
    def verify(self, items: Iterable[Item], ctx: VerifyContext = NO_JOURNAL) -> Iterator[VerifyResult]:
        """List the target again and say, per done item, whether it is there as written (where the
        journal's maps and volumes in ``ctx`` say it went, when lent)."""

    def finish(self, ctx: FinishContext) -> None:  # noqa: B027 - optional hook
        """Complete what writes left staged (volumes), once a run's workers all ended normally.

        Items become done only here, each only once its volume is complete at the target; items
        whose volume the target lost go back to pending (the engine writes them again). Raises as
        ``write`` does; whatever is not complete stays staged for the next run."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections. Safe to call twice."""
