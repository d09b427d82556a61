"""How much the user stores, and how much more the server takes.

Followed: Nextcloud's ``QuotaPlugin`` (``apps/dav/lib/Connector/Sabre/QuotaPlugin.php``): before a
write, the largest of ``X-Expected-Entity-Length``, ``Content-Length`` and ``OC-Total-Length`` (for a
chunked MOVE: the chunks' total) is compared with the free space, and more than free is refused with
``507 Insufficient Storage``, ``Sabre\\DAV\\Exception\\InsufficientStorage``, "Insufficient space in
<path>, <length> required, <free> available". An existing file about to be replaced is not deducted,
so a replacement near the limit is refused as Nextcloud refuses it. Free space is the quota wrapper's
``free_space``: ``min(disk free, max(quota - used, 0))``, the disk's free space when the quota is
unlimited. ``storage_info`` is ``OC_Helper::getStorageInfo`` as ``cloud/user`` reports it (developer
manual ``client_apis/OCS/ocs-api-overview.rst``, "User metadata"): ``quota`` -3 means unlimited.

``TreeSizes`` keeps a folder's size cheap to ask: per folder it caches the bytes of its own files and
the names of its sub-folders, valid while the folder's (inode, mtime) stays the same, so asking for a
subtree stats each folder once and no file; the sandbox's own uploads update the cache in place. A
folder modified within ``RACY_NS`` of a scan is scanned again next time, since a change in the same
clock tick would leave its mtime unchanged (git's "racily clean" problem). One blind spot: a file
rewritten in place by something other than the sandbox leaves its folder's mtime alone, so its new
size is seen only once that folder changes.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

#: Nextcloud's ``FileInfo::SPACE_UNLIMITED``
SPACE_UNLIMITED = -3
RACY_NS = 50_000_000


@dataclass
class _Folder:
    """One folder's direct content as last seen: its (inode, mtime), files (name → bytes), sub-folders."""

    key: tuple[int, int]
    files: dict[str, int] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)
    trusted: bool = True
    file_bytes: int = 0


class TreeSizes:
    """Subtree sizes of folders on disk, cached per folder (see the module docstring); thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._folders: dict[str, _Folder] = {}

    def subtree(self, folder: str | Path) -> int:
        """Bytes of the regular files below ``folder`` (symlinks not followed); 0 if it is gone."""
        total = 0
        pending = [os.path.abspath(folder)]
        while pending:
            path = pending.pop()
            entry = self._current(path)
            if entry is None:
                continue
            with self._lock:
                total += entry.file_bytes
                pending.extend(os.path.join(path, name) for name in entry.folders)
        return total

    def file_written(self, path: str | Path, size: int) -> None:
        """Record that the sandbox itself put a file of ``size`` bytes at ``path``."""
        folder, name = os.path.split(os.path.abspath(path))
        with self._lock:
            entry = self._folders.get(folder)
        if entry is None:
            return
        try:
            st = os.lstat(folder)
        except OSError:
            self._forget(folder)
            return
        with self._lock:
            entry.file_bytes += size - entry.files.get(name, 0)
            entry.files[name] = size
            entry.folders.discard(name)
            entry.key = (st.st_ino, st.st_mtime_ns)

    def _current(self, path: str) -> _Folder | None:
        try:
            st = os.lstat(path)
        except OSError:
            self._forget(path)
            return None
        key = (st.st_ino, st.st_mtime_ns)
        with self._lock:
            entry = self._folders.get(path)
            if entry is not None and entry.key == key and entry.trusted:
                return entry
        # stat before scanning: a change during the scan leaves a stale key, so it is scanned again
        scanned = self._scan(path, key, racy=time.time_ns() - st.st_mtime_ns < RACY_NS)
        if scanned is None:
            self._forget(path)
            return None
        with self._lock:
            old = self._folders.get(path)
            self._folders[path] = scanned
        for gone in (old.folders - scanned.folders) if old else ():
            self._forget(os.path.join(path, gone))
        return scanned

    @staticmethod
    def _scan(path: str, key: tuple[int, int], *, racy: bool) -> _Folder | None:
        entry = _Folder(key, trusted=not racy)
        try:
            with os.scandir(path) as children:
                for child in children:
                    try:
                        if child.is_dir(follow_symlinks=False):
                            entry.folders.add(child.name)
                        elif child.is_file(follow_symlinks=False):
                            entry.files[child.name] = child.stat(follow_symlinks=False).st_size
                    except FileNotFoundError:
                        continue  # removed while listed
        except (FileNotFoundError, NotADirectoryError):
            return None
        entry.file_bytes = sum(entry.files.values())
        return entry

    def _forget(self, path: str) -> None:
        """Drop ``path`` and everything cached below it."""
        prefix = path.rstrip(os.sep) + os.sep
        with self._lock:
            for cached in [p for p in self._folders if p == path or p.startswith(prefix)]:
                del self._folders[cached]


class Quota:
    """The user's quota (``limit`` bytes, None for unlimited) over their files at ``files_dir``."""

    def __init__(self, files_dir: Path, sizes: TreeSizes, limit: int | None = None) -> None:
        self.files_dir = files_dir
        self.sizes = sizes
        self.limit = limit

    def set_limit(self, limit: int | None) -> None:
        """Change the quota; None is unlimited. Raises ``ValueError`` for a negative limit."""
        if limit is not None and limit < 0:
            raise ValueError(f"a quota is a number of bytes, not {limit}")
        self.limit = limit

    def used(self) -> int:
        """Bytes stored under the user's files."""
        return self.sizes.subtree(self.files_dir)

    def disk_free(self) -> int:
        """Free bytes on the disk holding the files."""
        return shutil.disk_usage(self.files_dir).free

    def free(self) -> int:
        """What the server still takes: ``min(disk free, max(limit - used, 0))``; the disk's free
        space when unlimited (which costs no walk of the tree)."""
        disk = self.disk_free()
        if self.limit is None:
            return disk
        return min(disk, max(self.limit - self.used(), 0))

    def refusal(self, length: int | None, path: str) -> str | None:
        """Nextcloud's 507 message when ``length`` bytes written at ``path`` (a path in the user's
        tree, for the message) do not fit; None when they do or the length is unknown."""
        if not length:
            return None
        free = self.free()
        if length <= free:
            return None
        return f"Insufficient space in {path}, {length} required, {free} available"

    def untouched(self) -> bool:
        """True while the user's tree holds nothing at all (no file or folder was ever put there)."""
        try:
            with os.scandir(self.files_dir) as children:
                return next(children, None) is None
        except FileNotFoundError:
            return True

    def storage_info(self) -> dict[str, int | float | str]:
        """``free``, ``used``, ``total``, ``relative`` and ``quota`` as ``cloud/user`` reports them.

        For an untouched account only ``quota`` (``"none"`` when unlimited) and ``used`` 0: a real
        Nextcloud 29 answered so for a user whose files were never touched (``fillStorageInfo``
        catches "user fs is not setup yet" and reports the quota alone); ``free`` and ``total`` come
        once the account holds something."""
        if self.untouched():
            return {"quota": "none" if self.limit is None else self.limit, "used": 0}
        used = self.used()
        free = self.free()
        total = free + used
        if self.limit is not None and self.limit > 0 and total > self.limit:
            total = self.limit
        relative = round(used / total * 10000) / 100 if total > 0 else 0
        return {
            "free": free,
            "used": used,
            "total": total,
            # PHP's json_encode writes a whole float without ".0"
            "relative": int(relative) if float(relative).is_integer() else relative,
            "quota": SPACE_UNLIMITED if self.limit is None else self.limit,
        }

    def folder_properties(self, folder: str) -> tuple[int, int]:
        """``(quota-used-bytes, quota-available-bytes)`` of a folder as Nextcloud's ``Directory::
        getQuotaInfo`` gives them: the folder's own size, and the user's free space (-3 if unlimited)."""
        used = self.sizes.subtree(folder)
        return used, SPACE_UNLIMITED if self.limit is None else self.free()
