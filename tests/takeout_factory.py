"""Google Takeout exports built for tests, in the real layout (English and French names).

``build_takeout`` writes the parts; ``corrupt_member`` and ``truncate`` damage them the way bad
downloads and bad disks do. ``Filler`` stands for a big member without holding it in memory.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import struct
import tarfile
import time
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: 2026-11-20T10:10:10Z, the export time in the part names (even: zip times have 2 s steps)
EXPORT_TIME = float(calendar.timegm((2026, 11, 20, 10, 10, 10)))
PART_STEM = "takeout-20261120T101010Z"
INDEX_MEMBER = "Takeout/archive_browser.html"

MAIL_MEMBER = {
    "en": "Takeout/Mail/All mail Including Spam and Trash.mbox",
    "fr": "Takeout/Mail/Tous les messages, y compris ceux du dossier Spam et de la corbeille.mbox",
}
CALENDAR_FOLDER = {"en": "Takeout/Calendar", "fr": "Takeout/Agenda"}
CONTACTS_MEMBER = {
    "en": "Takeout/Contacts/All Contacts/All Contacts.vcf",
    "fr": "Takeout/Contacts/Tous les contacts/Tous les contacts.vcf",
}
_INDEX_TITLE = {"en": "Archive for your Google data", "fr": "Archive de vos données Google"}


@dataclass(frozen=True)
class Filler:
    """``size`` bytes of deterministic, compressible content, produced in chunks (never all at once)."""

    size: int
    seed: int = 0

    def chunks(self, chunk_size: int = 1 << 20) -> Iterator[bytes]:
        line = f"filler {self.seed:04d} abcdefghijklmnopqrstuvwxyz 0123456789\n".encode()
        block = (line * (chunk_size // len(line) + 1))[:chunk_size]
        done = 0
        while done < self.size:
            # the chunk number in front keeps chunks distinct: a misplaced chunk changes the hash
            chunk = (f"#{done // chunk_size:08d}".encode() + block)[: min(chunk_size, self.size - done)]
            done += len(chunk)
            yield chunk

    def sha1(self) -> str:
        digest = hashlib.sha1()
        for chunk in self.chunks():
            digest.update(chunk)
        return digest.hexdigest()


Content = bytes | Filler


def sha1_of(content: Content) -> str:
    return content.sha1() if isinstance(content, Filler) else hashlib.sha1(content).hexdigest()


def size_of(content: Content) -> int:
    return content.size if isinstance(content, Filler) else len(content)


def build_takeout(
    dest_dir: Path,
    files: Mapping[str, Content],
    *,
    fmt: Literal["zip", "tgz"] = "zip",
    parts: int = 1,
    lang: Literal["en", "fr"] = "en",
    extra_members: Mapping[str, Content] | None = None,
    mtime: float | None = None,
    zip64: bool = False,
    drive_folder: str = "Drive",
) -> list[Path]:
    """Write a Takeout export and return its parts in order.

    ``files`` are paths inside Drive ("Documents/rapport.pdf"), stored under ``Takeout/<drive_folder>/``;
    ``extra_members`` are full member paths ("Takeout/Mail/….mbox"). Part 1 starts with Takeout's
    ``archive_browser.html``; then Drive files and extra members, in the given order, are cut into
    ``parts`` consecutive runs of whole members. tgz parts also hold folder entries, as tar does.
    ``zip64`` forces zip64 headers on every member, however small.
    """
    stamp = EXPORT_TIME if mtime is None else mtime
    members: list[tuple[str, Content]] = [(f"Takeout/{drive_folder}/{p}", c) for p, c in files.items()]
    members += list((extra_members or {}).items())
    per_part = -(-len(members) // parts) if members else 0
    suffix = "zip" if fmt == "zip" else "tgz"
    dest_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(parts):
        chunk = members[number * per_part:(number + 1) * per_part]
        if number == 0:
            chunk = [(INDEX_MEMBER, _index_page(lang)), *chunk]
        path = dest_dir / f"{PART_STEM}-{number + 1:03d}.{suffix}"
        if fmt == "zip":
            _write_zip(path, chunk, stamp, zip64)
        else:
            _write_tgz(path, chunk, stamp)
        paths.append(path)
    return paths


def _index_page(lang: str) -> bytes:
    title = _INDEX_TITLE[lang]
    return f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head></html>'.encode()


def _write_zip(path: Path, members: list[tuple[str, Content]], stamp: float, zip64: bool) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=time.localtime(stamp)[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.file_size = size_of(content)  # lets zipfile choose zip64 headers for big members
            with archive.open(info, "w", force_zip64=zip64) as out:
                for chunk in content.chunks() if isinstance(content, Filler) else [content]:
                    out.write(chunk)


class _FillerReader(io.RawIOBase):
    def __init__(self, filler: Filler) -> None:
        self._chunks = filler.chunks()
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self._rest:
            self._rest = next(self._chunks, b"")
        count = min(len(buffer), len(self._rest))
        buffer[:count] = self._rest[:count]
        self._rest = self._rest[count:]
        return count


def _write_tgz(path: Path, members: list[tuple[str, Content]], stamp: float) -> None:
    folders_done: set[str] = set()
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        for name, content in members:
            parents = name.split("/")[:-1]
            for depth in range(1, len(parents) + 1):
                folder = "/".join(parents[:depth])
                if folder not in folders_done:
                    folders_done.add(folder)
                    entry = tarfile.TarInfo(folder)
                    entry.type, entry.mode, entry.mtime = tarfile.DIRTYPE, 0o755, int(stamp)
                    archive.addfile(entry)
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = size_of(content), 0o644, int(stamp)
            if isinstance(content, Filler):
                archive.addfile(info, io.BufferedReader(_FillerReader(content)))
            else:
                archive.addfile(info, io.BytesIO(content))


def corrupt_member(zip_path: Path, member_name: str) -> None:
    """Flip one byte in the middle of that member's stored data, so that reading it fails (CRC or inflate)."""
    with zipfile.ZipFile(zip_path) as archive:
        info = archive.getinfo(member_name)
    if info.compress_size == 0:
        raise ValueError(f"{member_name} has no data to corrupt")
    with zip_path.open("r+b") as fh:
        fh.seek(info.header_offset)
        header = fh.read(30)
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        where = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
        fh.seek(where)
        byte = fh.read(1)
        fh.seek(where)
        fh.write(bytes([byte[0] ^ 0xFF]))


def truncate(path: Path, fraction: float) -> int:
    """Cut the file to ``fraction`` of its size, as an interrupted download does; return the new size."""
    size = int(path.stat().st_size * fraction)
    with path.open("r+b") as fh:
        fh.truncate(size)
    return size
