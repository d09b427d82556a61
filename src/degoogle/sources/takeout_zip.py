"""Zip parts of a Takeout: listing one part, and opening one member again.

A part's table of contents (its central directory: some 150 bytes a member, tens of thousands of
members a part) is read while the part is listed and dropped after it. The few members a plan opens
while listing (the ``.ics``, ``.vcf`` and ``.mbox`` files, photos, notes) are opened from the entry the
listing gave (``open_listed``); the run opens members through one shared ``ZipFile`` a part
(``open_member``).
"""

from __future__ import annotations

import stat
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, Any, cast

from degoogle.errors import BadItemError
from degoogle.sources.streams import (
    READ_ERRORS,
    ArchiveMember,
    PartDamage,
    describe_read_error,
    encode_locator,
    looks_like_web_page,
    translate_read_error,
)

_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
#: a zip member's local header: signature, versions, flags, method, time, date, CRC, sizes, name and
#: extra field lengths (APPNOTE.TXT §4.3.7)
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
ZIP_OPEN_ERRORS = (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error)


def list_zip(path: Path, infos: dict[str, zipfile.ZipInfo]) -> Iterator[ArchiveMember | PartDamage]:
    """The members of a zip part in archive order, or why it cannot be listed. Each member's ``ZipInfo``
    is put in ``infos`` under its locator just before the member is yielded (the caller keeps those it
    needs). Raises nothing."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except OSError as exc:
        yield PartDamage("unreadable", describe_read_error(exc))
        return
    except ZIP_OPEN_ERRORS as exc:
        yield PartDamage("archive_damaged", _zip_damage(path, exc))
        return
    with archive:
        for info in archive.infolist():
            mode = info.external_attr >> 16
            if info.is_dir() or (info.create_system == 3 and stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
                continue  # folders and symbolic links are not items
            problem, detail = None, ""
            if info.flag_bits & 0x1:
                problem, detail = "corrupt_member", f"{name}: {info.filename}: encrypted"
            elif info.compress_type not in _ZIP_METHODS:
                problem = "corrupt_member"
                detail = f"{name}: {info.filename}: compression method {info.compress_type}"
            locator = encode_locator(part=name, member=info.filename, at=info.header_offset)
            fingerprint = f"{info.file_size}:{info.CRC:08x}"
            mtime = _zip_mtime(info)
            infos[locator] = info
            yield ArchiveMember(member_name(info), info.file_size, mtime, fingerprint, locator, problem, detail)


def open_listed(path: Path, info: zipfile.ZipInfo, label: str, gone: Callable[[], bool]) -> IO[bytes]:
    """Open a member from the entry its part's listing gave: its local header (APPNOTE.TXT §4.3.7) is
    read and skipped, and ``zipfile.ZipExtFile`` decompresses the data and checks its CRC-32 as
    ``ZipFile.open`` would. Raises ``BadItemError`` (``corrupt_member``, ``source_changed``) or
    ``FatalError`` (``source_gone``)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise translate_read_error(exc, label=label, code="corrupt_member", gone=gone) from exc
    try:
        fh.seek(info.header_offset)
        header = fh.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise BadItemError(f"{label}: no member header where the listing found one", code="source_changed")
        *_fields, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        fh.seek(name_length + extra_length, 1)
        return cast(IO[bytes], zipfile.ZipExtFile(fh, "r", info, None, True))
    except BaseException as exc:
        fh.close()
        if isinstance(exc, READ_ERRORS + (struct.error,)):
            raise translate_read_error(exc, label=label, code="corrupt_member", gone=gone) from exc
        raise


def _zip_damage(path: Path, exc: BaseException) -> str:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError as err:
        return describe_read_error(err)
    if size == 0:
        return "empty file"
    if head.startswith(b"PK\x03\x04"):
        return f"truncated: ends at byte {size} without the zip table of contents (central directory)"
    if looks_like_web_page(path):
        return "not a zip archive: the file is a web page (a download that went wrong?)"
    return f"not a zip archive ({exc})"


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it. ``zipfile`` reads a name without the UTF-8 flag (bit 11)
    as CP437; Info-ZIP on Linux writes UTF-8 names without the flag, with the right name in the Info-ZIP
    Unicode Path extra field (0x7075: version 1, CRC-32 of the header's name, UTF-8 name; APPNOTE.TXT
    §4.6.9), used when its CRC matches; else a name whose bytes are valid UTF-8 is read as UTF-8."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.orig_filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    extra, pos = info.extra, 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        if tag == 0x7075 and length >= 5 and extra[pos + 4] == 1:
            (crc,) = struct.unpack_from("<I", extra, pos + 5)
            if crc == zlib.crc32(raw):
                with suppress(UnicodeDecodeError):
                    return extra[pos + 9:pos + 4 + length].decode("utf-8").replace("\\", "/")
        pos += 4 + length
    if raw.isascii():
        return info.filename
    try:
        return raw.decode("utf-8").replace("\\", "/")
    except UnicodeDecodeError:
        return info.filename


def _zip_mtime(info: zipfile.ZipInfo) -> float | None:
    """The member's modification time: the UTC "extended timestamp" if present, else the local DOS time."""
    extra, pos = info.extra, 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        if tag == 0x5455 and length >= 5 and extra[pos + 4] & 1:
            return float(struct.unpack_from("<i", extra, pos + 5)[0])
        pos += 4 + length
    try:
        return time.mktime((*info.date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return None


def open_member(archive: zipfile.ZipFile, where: dict[str, Any], label: str, gone: Callable[[], bool]) -> IO[bytes]:
    """Open the member ``where`` names (``member``, ``at``) in ``archive``, shared by every reader of
    its part. Raises ``BadItemError`` (``source_changed``, ``corrupt_member``) or ``FatalError``."""
    try:
        # one shared ZipFile per part: each ZipExtFile keeps its own position and zipfile
        # serialises seek+read on the part under its lock, so members stream concurrently
        raw = archive.open(_zip_info(archive, str(where.get("member")), where.get("at")))
    except KeyError:
        raise BadItemError(f"{label}: no longer in the archive part", code="source_changed") from None
    except (NotImplementedError, RuntimeError) as exc:  # compression method, encryption
        raise BadItemError(f"{label}: {exc}", code="corrupt_member") from exc
    except READ_ERRORS as exc:
        raise translate_read_error(exc, label=label, code="corrupt_member", gone=gone) from exc
    return raw


def _zip_info(archive: zipfile.ZipFile, member: str, at: object) -> zipfile.ZipInfo:
    info = archive.getinfo(member)
    if isinstance(at, int) and info.header_offset != at:
        # a zip may hold the same name twice: the offset from the listing says which one
        info = next((i for i in archive.infolist() if i.header_offset == at and i.filename == member), info)
    return info
