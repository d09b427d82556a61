"""Byte streams handed to the engine by sources, and the tgz archives that have no index to read from.

``ItemStream`` wraps whatever a library gives to read one item (a zip member, a slice of a gzip
stream, a local file) so that the engine only ever sees the errors it knows: a read that fails
raises ``BadItemError`` (this item is bad) or ``FatalError`` (the file it came from is gone).

A tgz has no table of contents and gzip no random access. ``list_tgz`` reads a part once, as a
stream, and records where each member's data starts in the decompressed stream; ``GzipCursors``
lends out decompressing readers to reach those offsets again. Items are opened roughly in listing
order, so a reader handed back after one item is the cheapest way to reach the next one.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import tarfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, cast

from degoogle.errors import BadItemError, DegoogleError, FatalError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

log = logging.getLogger(__name__)

#: what the standard library raises while reading damaged or vanished data
READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, tarfile.TarError, zlib.error, EOFError, OSError,
)


class ArchiveMember(NamedTuple):
    """A regular file found in an archive part, with what is needed to open it again."""

    name: str
    size: int
    mtime: float | None
    fingerprint: str
    locator: str
    problem: str | None = None
    detail: str = ""


class PartDamage(NamedTuple):
    """Why (the rest of) an archive part could not be listed."""

    problem: str
    detail: str


#: made once: ``json.dumps`` with options builds an encoder a call, and a plan encodes a locator an entry
_LOCATOR_JSON = json.JSONEncoder(separators=(",", ":"), sort_keys=True)


def encode_locator(**fields: Any) -> str:
    """A locator string for the journal; ASCII-only so that a name that is not UTF-8 survives."""
    return _LOCATOR_JSON.encode(fields)


def looks_like_web_page(path: Path) -> bool:
    """True when a would-be archive starts like HTML (a sign-in page saved instead of the download)."""
    try:
        with path.open("rb") as fh:
            return fh.read(64).lstrip()[:1] == b"<"
    except OSError:
        return False


def describe_read_error(exc: BaseException) -> str:
    """Word a library read error for support staff, without the absolute path some of them carry."""
    if isinstance(exc, EOFError):
        return "the data ends early (the archive is truncated)"
    if isinstance(exc, zlib.error):
        return f"damaged compressed data ({exc})"
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile) and exc.strerror:
        # str(OSError) names the file with its full path; the caller's label already says which file
        return exc.strerror
    return str(exc) or type(exc).__name__


def translate_read_error(
    exc: BaseException, *, label: str, code: str, gone: Callable[[], bool] | None = None
) -> DegoogleError:
    """Turn a library read error into the engine's error for one item.

    Returns ``FatalError(code="source_gone")`` when ``gone()`` says the file the item lives in has
    disappeared (an unplugged disk fails every item the same way: pause rather than quarantine them
    all), else ``BadItemError(code=code)``. ``detail`` starts with ``label``.
    """
    if isinstance(exc, DegoogleError):
        return exc
    if gone is not None and gone():
        return FatalError(f"{label}: the file is no longer reachable", code="source_gone")
    return BadItemError(f"{label}: {describe_read_error(exc)}", code=code)


class ItemStream(io.RawIOBase):
    """A read-only stream of one item that raises only degoogle errors.

    ``length``, when given, is the exact number of bytes the item has: reading stops there, and a
    source that ends sooner raises ``BadItemError`` ("cut short") instead of returning a short item.
    ``crc``, with ``length``, is the CRC-32 the data must have: the read that would deliver the last
    bytes raises ``BadItemError`` instead when it does not match.
    ``on_close(clean)`` is called once when the stream closes; ``clean`` is false when a read failed.
    Without it, closing the stream closes ``raw``.
    """

    def __init__(
        self,
        raw: IO[bytes],
        *,
        label: str,
        code: str,
        length: int | None = None,
        crc: int | None = None,
        gone: Callable[[], bool] | None = None,
        on_close: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__()
        self._raw = raw
        self._label = label
        self._code = code
        self._length = length
        self._delivered = 0
        self._expected_crc = crc if length is not None else None
        self._crc = 0
        self._gone = gone
        self._on_close = on_close
        self._failed = False

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        """Return up to ``size`` bytes (all the rest if negative); ``b""`` at the end.

        Raises ``BadItemError`` when the data is corrupt, truncated or unreadable, ``FatalError``
        when the file it comes from has gone.
        """
        if self.closed:
            raise ValueError("read from a closed stream")
        if size is None or size < 0:
            return self.readall()
        if self._length is not None:
            size = min(size, self._length - self._delivered)
        if size == 0:
            return b""
        try:
            data = self._raw.read(size)
        except READ_ERRORS as exc:
            self._failed = True
            raise translate_read_error(exc, label=self._label, code=self._code, gone=self._gone) from exc
        if not data and self._length is not None:
            self._failed = True
            raise BadItemError(
                f"{self._label}: cut short after {self._delivered} of {self._length} bytes", code=self._code
            )
        self._delivered += len(data)
        if self._expected_crc is not None:
            self._crc = zlib.crc32(data, self._crc)
            if self._delivered == self._length and self._crc != self._expected_crc:
                self._failed = True
                raise BadItemError(f"{self._label}: the data does not match its checksum", code=self._code)
        return data

    def readall(self) -> bytes:
        chunks = []
        while chunk := self.read(1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self.closed:
            return
        try:
            if self._on_close is not None:
                self._on_close(not self._failed)
            else:
                self._raw.close()
        finally:
            super().close()


class GzipCursors:
    """Decompressing readers over one gzip file, each lent to one stream at a time.

    ``checkout(offset)`` returns a reader positioned at ``offset`` of the *uncompressed* data. It
    reuses the idle reader that is furthest along without being past ``offset`` (moving a gzip
    reader forward costs the decompression in between; moving it back means starting over), or
    opens a new one. ``checkin`` takes it back. Thread-safe; memory per reader is a few hundred KB.
    """

    def __init__(self, path: Path, *, keep: int = 8) -> None:
        self._path = path
        self._keep = keep
        self._idle: list[gzip.GzipFile] = []
        self._lock = threading.Lock()
        self._closed = False

    def checkout(self, offset: int) -> gzip.GzipFile:
        """Return a reader at ``offset``; raises ``OSError``, ``EOFError`` or ``zlib.error`` from gzip."""
        with self._lock:
            usable = [reader for reader in self._idle if reader.tell() <= offset]
            reader = max(usable, key=lambda r: r.tell()) if usable else None
            if reader is not None:
                self._idle.remove(reader)
        if reader is None:
            reader = gzip.GzipFile(self._path, "rb")
        elif reader.tell() < offset:
            log.debug("moving a gzip reader %d bytes forward", offset - reader.tell())
        try:
            reader.seek(offset)
        except BaseException:
            reader.close()
            raise
        return reader

    def checkin(self, reader: gzip.GzipFile, *, reusable: bool) -> None:
        """Take a reader back; one that failed (``reusable`` false) is closed instead."""
        if not reusable:
            reader.close()
            return
        with self._lock:
            if self._closed:
                reader.close()
                return
            self._idle.append(reader)
            if len(self._idle) > self._keep:
                # the reader furthest behind is the least likely to be useful again
                behind = min(self._idle, key=lambda r: r.tell())
                self._idle.remove(behind)
                behind.close()

    def close(self) -> None:
        """Close idle readers; readers still lent out are closed when they come back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for reader in idle:
            reader.close()


class CountingReader:
    """Feeds ``tarfile`` from a gzip reader, counting bytes and noting a truncated gzip stream.

    ``tarfile`` reads a header-sized gap at a cut as a normal end of archive; turning the gzip
    ``EOFError`` into an end of data *plus* the ``truncated`` flag lets the caller tell the two
    apart. ``read1`` keeps ``count`` exact up to the cut.
    """

    def __init__(self, raw: gzip.GzipFile) -> None:
        self._raw = raw
        self.count = 0
        self.truncated = False

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._raw.read1(size if size > 0 else io.DEFAULT_BUFFER_SIZE)
        except EOFError:
            self.truncated = True
            return b""
        self.count += len(data)
        return data

    def drain(self) -> None:
        """Read to the end of the gzip stream, so that its length and checksum get checked."""
        while self.read(1 << 20):
            pass


def list_tgz(path: Path) -> Iterator[ArchiveMember | PartDamage]:
    """List a tgz part in one streaming pass, in archive order; constant memory whatever its size.

    Locators hold the part's file name and size, the member's data offset and size in the
    decompressed stream, and the CRC-32 of its data: tar keeps no checksum per file and gzip only
    one for the whole part, so this pass (which decompresses everything anyway) computes one, and
    reading the member checks it. A damaged part yields what came before the damage, the member the
    damage falls into with ``problem="corrupt_member"``, then one ``PartDamage``. Raises nothing.
    """
    try:
        part_size = path.stat().st_size
        raw = gzip.GzipFile(path, "rb")
    except OSError as exc:
        yield PartDamage("unreadable", describe_read_error(exc))
        return
    reader = CountingReader(raw)
    current: tarfile.TarInfo | None = None
    damage = None
    with raw:
        try:
            with tarfile.open(fileobj=cast(IO[bytes], reader), mode="r|", bufsize=1 << 18) as tar:
                while (info := tar.next()) is not None:
                    # stream mode keeps every header read (about 1 KB each): clear them so that
                    # memory stays flat on exports of hundreds of thousands of files
                    tar.members.clear()  # type: ignore[attr-defined]  # real attribute, not in typeshed
                    if info.isreg():
                        current = info
                        crc = _crc_of(tar, info)
                        current = None
                        yield _tar_member(path.name, info, part_size, crc)
            reader.drain()
        except READ_ERRORS as exc:
            damage = _tgz_damage(path, exc, reader)
        if reader.truncated:
            damage = f"truncated: ends at byte {part_size}, before the end of its compressed data"
    if current is not None:
        cut = _tar_member(path.name, current, part_size, None)
        detail = f"{path.name}: {current.name}: damaged or cut short here"
        yield cut._replace(problem="corrupt_member", detail=detail)
    if damage is not None:
        yield PartDamage("archive_damaged", damage)


def _crc_of(tar: tarfile.TarFile, info: tarfile.TarInfo) -> int:
    crc = 0
    data = tar.extractfile(info)
    if data is not None:
        with data:
            while chunk := data.read(1 << 18):
                crc = zlib.crc32(chunk, crc)
    return crc


def tar_header_matches(block: bytes, size: int) -> bool:
    """True when ``block`` is the tar header of a regular file of ``size`` bytes."""
    try:
        info = tarfile.TarInfo.frombuf(block, "utf-8", "surrogateescape")
    except tarfile.HeaderError:
        return False
    # a pax header carries sizes the ustar field cannot hold; Python then leaves the field at 0
    return info.isreg() and info.size in (size, 0)


def _tar_member(part_name: str, info: tarfile.TarInfo, part_size: int, crc: int | None) -> ArchiveMember:
    problem, detail = None, ""
    if info.issparse():
        problem, detail = "corrupt_member", f"{part_name}: {info.name}: sparse member (Takeout makes none)"
    locator = encode_locator(part=part_name, at=info.offset_data, size=info.size, psize=part_size, crc=crc)
    fingerprint = f"{info.size}:{crc:08x}" if crc is not None else f"{info.size}:{int(info.mtime)}"
    return ArchiveMember(info.name, info.size, float(info.mtime), fingerprint, locator, problem, detail)


def _tgz_damage(path: Path, exc: BaseException, reader: CountingReader) -> str:
    where = f"after {reader.count} bytes of archive data"
    if isinstance(exc, gzip.BadGzipFile) and reader.count == 0:
        if looks_like_web_page(path):
            return "not a tgz archive: the file is a web page (a download that went wrong?)"
        return f"not a tgz archive ({exc})"
    if isinstance(exc, gzip.BadGzipFile):
        return f"damaged compressed data {where}: {exc}"
    if isinstance(exc, tarfile.TarError | zlib.error):
        return f"damaged archive data {where}: {exc}"
    return f"{describe_read_error(exc)} ({where})"
