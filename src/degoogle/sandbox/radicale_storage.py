"""Radicale's file storage with what a Nextcloud has and Radicale lacks: a UID index per collection.

Radicale checks a PUT's UID against its collection by reading every item of it (``has_uid`` walks
``get_all``), and cleans its change history by listing it, on every write: a PUT into a collection
of n items costs O(n), so 5,000 contacts into one address book took hours (4 PUT/s at 1,500 items
on loopback, falling). Nextcloud keeps calendar objects and cards in database tables with the UID
indexed (``calendarobjects``, ``cards``): a PUT costs the same at the 5,000th item as at the first.
The sandbox stands for Nextcloud, so its Radicale gets:

- ``has_uid`` from an index (UID → href) per collection, built from ``get_all`` on first use and
  kept by ``upload`` and ``delete``; built again when the collection's folder changed behind it
  (its modification time: a test that writes a file into it directly is seen);
- the history cleaned at most every ``HISTORY_EVERY`` writes of a collection (what it removes is
  entries of deleted items older than a month: nothing the sandbox's users can tell apart);
- an atomic write through a hidden temporary file beside the target, not a temporary folder per
  file (Radicale's way: making and removing that folder was two thirds of a PUT's time here).

Everything else is Radicale's ``multifilesystem`` as it is. Used as ``[storage] type =
degoogle.sandbox.radicale_storage`` (Radicale loads ``Storage`` from this module).
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import IO, Any

from radicale.storage import multifilesystem

__all__ = ["HISTORY_EVERY", "Collection", "Storage"]

#: writes of one collection between two cleanings of its change history
HISTORY_EVERY = 200


class _Index:
    """UID → href of one collection, valid while its folder's modification time is ``stamp``."""

    __slots__ = ("hrefs", "stamp", "writes")

    def __init__(self, hrefs: dict[str, str], stamp: int) -> None:
        self.hrefs = hrefs
        self.stamp = stamp
        self.writes = 0


class Collection(multifilesystem.Collection):
    """A Radicale collection whose UID lookups and history cleaning do not read all of it."""

    _storage: Storage

    @contextlib.contextmanager
    def _atomic_write(self, path: str, mode: str = "w", newline: str | None = None) -> Iterator[IO[Any]]:
        parent, name = os.path.split(path)
        # dot-named like Radicale's own temporary folders, which its listings leave out
        temporary = os.path.join(parent, f".Radicale.tmp-{uuid.uuid4().hex}-{name}")
        try:
            with open(temporary, mode, newline=newline,  # noqa: PTH123 - Radicale's own call, in its mode
                      encoding=None if "b" in mode else self._encoding) as f:
                yield f
                f.flush()
                self._storage._fsync(f)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temporary)
            raise
        self._storage._sync_directory(parent)

    def _stamp(self) -> int:
        try:
            return os.stat(self._filesystem_path).st_mtime_ns
        except OSError:
            return -1

    def _index(self) -> _Index:
        indexes = self._storage.uid_indexes
        with self._storage.index_lock:
            index = indexes.get(self._filesystem_path)
            if index is not None and index.stamp == self._stamp():
                return index
            stamp = self._stamp()
            hrefs = {item.uid: item.href for item in self.get_all() if item.href}
            index = indexes[self._filesystem_path] = _Index(hrefs, stamp)
            return index

    def has_uid(self, uid: str) -> bool:
        return uid in self._index().hrefs

    def upload(self, href: str, item: Any) -> Any:
        index = self._index()
        uploaded, old = super().upload(href, item)
        with self._storage.index_lock:
            if old is not None and index.hrefs.get(old.uid) == href:
                del index.hrefs[old.uid]
            index.hrefs[uploaded.uid] = href
            index.stamp = self._stamp()
        return uploaded, old

    def delete(self, href: str | None = None) -> None:
        super().delete(href)
        with self._storage.index_lock:
            self._storage.uid_indexes.pop(self._filesystem_path, None)  # rebuilt when next asked

    def _upload_all_nonatomic(self, items: Iterable[Any], suffix: str = "") -> None:
        super()._upload_all_nonatomic(items, suffix)
        with self._storage.index_lock:
            self._storage.uid_indexes.pop(self._filesystem_path, None)

    def _clean_history(self) -> None:
        index = self._storage.uid_indexes.get(self._filesystem_path)
        if index is not None:
            index.writes += 1
            if index.writes % HISTORY_EVERY:
                return
        super()._clean_history()


class Storage(multifilesystem.Storage):
    """Radicale's file storage making ``Collection`` above, with the indexes of its collections."""

    _collection_class = Collection

    def __init__(self, configuration: Any) -> None:
        super().__init__(configuration)
        self.uid_indexes: dict[str, _Index] = {}
        self.index_lock = threading.Lock()

    def move(self, item: Any, to_collection: Any, to_href: str) -> None:
        super().move(item, to_collection, to_href)
        with self.index_lock:
            self.uid_indexes.clear()
