"""A folder on this computer as a source of files (an unpacked export, a synced iCloud Drive…)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, cast

from degoogle.errors import BadItemError, FatalError, UserError
from degoogle.model import Item, Kind, SourceEntry
from degoogle.sources.base import Source
from degoogle.sources.streams import ItemStream, describe_read_error

log = logging.getLogger(__name__)


class LocalFolder(Source):
    """Every regular file below a folder, as files to move.

    Keys are POSIX paths relative to the folder, listed in a sorted walk (the same order each
    time). Symbolic links: a link to a file is followed (wherever the file is: the user put the
    link there); a link to a folder is skipped (it could loop, or list the same files twice);
    a broken link is listed as unreadable. Sockets, pipes and devices are skipped. A name that is
    not valid UTF-8 is listed as unreadable (the journal and the target need text).

    Raises ``UserError`` from the constructor when the folder does not exist, and from ``scan``
    when it cannot be read at all.
    """

    def __init__(self, path: Path, spec: str) -> None:
        if not path.exists():
            raise UserError(f"Folder not found: {path}", code="source_not_found", subject=str(path))
        if not path.is_dir():
            raise UserError(f"Not a folder: {path}", code="not_a_folder", subject=str(path))
        self.root = path
        self.spec = spec

    def describe(self) -> str:
        return f"Local folder {self.root.name or self.root}"

    def scan(self) -> Iterator[SourceEntry]:
        """Yield files in a sorted depth-first walk; an unreadable subfolder yields one problem entry."""
        try:
            names = sorted(os.listdir(self.root))
        except OSError as exc:
            raise UserError(f"Cannot read the folder {self.root}: {describe_read_error(exc)}") from exc
        yield from self._walk(self.root, (), names)

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """Stream the file named by ``item.source_key``, whatever its size is now.

        Raises ``BadItemError(code="unreadable")`` when the file is gone, unreadable, or no longer a
        regular file (never blocks on a pipe put in its place), and ``FatalError`` when the whole
        folder has gone (an unplugged disk).
        """
        rel = item.source_key
        parts = rel.split("/")
        if any(p in ("", ".", "..") for p in parts):
            raise BadItemError(f"{rel}: not a path inside the folder", code="internal_error")
        path = self.root.joinpath(*parts)
        # O_NONBLOCK: opening a pipe that took the file's place must fail the check below, not hang
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            if not self.root.exists():
                gone = f"{self.root.name}: the folder is no longer reachable"
                raise FatalError(gone, code="source_gone") from exc
            raise BadItemError(f"{rel}: {describe_read_error(exc)}", code="unreadable") from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise BadItemError(f"{rel}: no longer a regular file", code="unreadable")
            raw = os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
        stream = ItemStream(raw, label=rel, code="unreadable", gone=lambda: not self.root.exists())
        # io streams are context managers yielding themselves; typing.BinaryIO is not their base class
        return cast("AbstractContextManager[BinaryIO]", stream)

    def _walk(self, folder: Path, rel: tuple[str, ...], names: list[str]) -> Iterator[SourceEntry]:
        for name in names:
            sub = (*rel, name)
            key = "/".join(sub)
            path = folder / name
            if any(0xD800 <= ord(c) <= 0xDFFF for c in name):
                shown = os.fsencode(key).decode("utf-8", "backslashreplace")
                yield _problem(shown, sub, "unreadable", f"{shown}: the name is not valid UTF-8")
                continue
            try:
                info = path.lstat()
                if stat.S_ISLNK(info.st_mode):
                    info = path.stat()  # follow: a link to a file counts as that file
                    if not stat.S_ISREG(info.st_mode):
                        log.debug("not following the link to a non-file %s", key)
                        continue
                elif stat.S_ISDIR(info.st_mode):
                    try:
                        inner = sorted(os.listdir(path))
                    except OSError as exc:
                        yield _problem(f"{key}/", sub, "unreadable", f"{key}/: {describe_read_error(exc)}")
                        continue
                    yield from self._walk(path, sub, inner)
                    continue
                elif not stat.S_ISREG(info.st_mode):
                    continue  # pipes, sockets, devices: not files a person keeps
            except FileNotFoundError:
                if path.is_symlink():
                    yield _problem(key, sub, "unreadable", f"{key}: the link points to nothing")
                continue  # otherwise removed while we were listing: nothing to move
            except OSError as exc:
                yield _problem(key, sub, "unreadable", f"{key}: {describe_read_error(exc)}")
                continue
            yield SourceEntry(
                kind=Kind.FILES, key=key, path=sub, size=info.st_size, mtime=info.st_mtime,
                fingerprint=f"{info.st_size}:{info.st_mtime_ns}",
            )


def _problem(key: str, path: tuple[str, ...], problem: str, detail: str) -> SourceEntry:
    shown = tuple(p.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for p in path)
    return SourceEntry(kind=Kind.FILES, key=key, path=shown, problem=problem, detail=detail)
