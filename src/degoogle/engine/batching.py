"""Batching: pending items grouped for targets that write several at once (``Target.batch_limits``).

A batch holds items of one kind and one collection (a mail folder), in plan order, up to the
target's number of items and bytes (one item larger than the bytes on its own makes a batch of one);
of one kind only for a target whose batches may mix collections (``Target.batches_span_collections``:
Nextcloud's bulk upload takes files of any folder).
Items of kinds whose target writes one at a time pass through alone.

Several collections fill side by side (a source may list folders interleaved, a Takeout mbox mixes
every label). A batch also goes out once twice its limits' worth of items or bytes were fed since
its first item: the items of a batch stay close together in plan order, which sources read forward
(an mbox in a zip keeps only a window behind its cursor) count on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from degoogle.model import Item, Kind

#: what the feed hands a worker: one item, or a batch of items of one kind and collection
Work = Item | list[Item]


@dataclass
class _Filling:
    items: list[Item] = field(default_factory=list)
    size: int = 0
    #: how many items and bytes had been fed when the first item came
    start_items: int = 0
    start_bytes: int = 0


class Batcher:
    """Groups the pending items fed to it, one ``add`` at a time in plan order, then ``flush``."""

    def __init__(self, limits: dict[Kind, tuple[int, int]], spanning: frozenset[Kind] = frozenset()) -> None:
        self.limits = limits
        #: kinds whose batches mix collections
        self.spanning = spanning
        self._filling: dict[tuple[Kind, str], _Filling] = {}
        self._items = 0
        self._bytes = 0

    def add(self, item: Item) -> list[Work]:
        """What is ready to be written now that ``item`` came (often nothing)."""
        limit = self.limits.get(item.kind)
        if limit is None:
            return [item]
        most_items, most_bytes = limit
        key = (item.kind, "" if item.kind in self.spanning else item.collection)
        ready: list[Work] = []
        batch = self._filling.get(key)
        if batch is not None and batch.size + item.size > most_bytes:
            ready.append(self._filling.pop(key).items)
            batch = None
        if batch is None:
            batch = self._filling[key] = _Filling(start_items=self._items, start_bytes=self._bytes)
        batch.items.append(item)
        batch.size += item.size
        self._items += 1
        self._bytes += item.size
        if len(batch.items) >= most_items or batch.size >= most_bytes:
            ready.append(self._filling.pop(key).items)
        # the dict holds batches in the order they started: the oldest first
        while self._filling:
            key, oldest = next(iter(self._filling.items()))
            most_items, most_bytes = self.limits[key[0]]
            if self._items - oldest.start_items < 2 * most_items and self._bytes - oldest.start_bytes < 2 * most_bytes:
                break
            ready.append(self._filling.pop(key).items)
        return ready

    def flush(self) -> list[Work]:
        """The batches still filling."""
        ready: list[Work] = [batch.items for batch in self._filling.values()]
        self._filling.clear()
        return ready
