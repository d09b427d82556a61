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
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import BinaryIO

from degoogle.engine.items import Item, SourceEntry


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

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release open files. Safe to call twice."""
