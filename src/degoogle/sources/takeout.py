"""Google Takeout archives: one export in one or several zip / tgz parts, read member by member.

Every member sits under ``Takeout/<product folder>/``. Product folder names follow the account's
language and change over time, so members are recognised by structure and type first and by name
only as a hint: the Drive tree is the product folder whose name says "drive" (``Drive``, ``My
Drive``, ``Mon Drive``, ``Google Drive``); outside it an ``.mbox`` is mail, an ``.ics`` a calendar,
a ``.vcf`` an address book, whatever the folder is called; the Google Photos folder (``Google
Photos``, ``Google Fotos``) goes whole to the photos expander and the Keep folder to the notes
expander. Anything else (YouTube, Maps…) is listed as not moved by this version, so the plan can
say it was found.

Archives are never unpacked as a whole. A zip member is read through ``zipfile``; a tgz member is a
slice of the decompressed tar stream, found again from its locator without listing the part anew.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from degoogle.errors import BadItemError, FatalError, UserError
from degoogle.model import Item, Kind, SourceEntry
from degoogle.sources.base import Expander, FileRef, Source, SourceOptions
from degoogle.sources.streams import (
    READ_ERRORS,
    ArchiveMember,
    GzipCursors,
    ItemStream,
    PartDamage,
    describe_read_error,
    list_tgz,
    tar_header_matches,
    translate_read_error,
)
from degoogle.sources.takeout_zip import ZIP_OPEN_ERRORS, list_zip, open_listed, open_member

log = logging.getLogger(__name__)

DRIVE_FOLDER_HINTS = frozenset({"drive", "google drive", "my drive", "mon drive"})
#: what surrogateescape makes of the bytes of a tar name that are not UTF-8
_SURROGATE = re.compile("[\ud800-\udfff]")
PART_GLOBS = ("takeout-*.zip", "takeout-*.tgz", "takeout-*.tar.gz")


@dataclass(frozen=True)
class Part:
    """One file of the export; ``fmt`` is ``"zip"`` or ``"tgz"``."""

    path: Path
    fmt: str

    @property
    def name(self) -> str:
        return self.path.name

    def gone(self) -> bool:
        return not self.path.exists()


@dataclass(frozen=True)
class Placement:
    """What a member is for the user: its kind, key, place, and whether this version moves it."""

    kind: Kind
    key: str
    path: tuple[str, ...]
    supported: bool
    detail: str = ""


def is_drive_folder(name: str) -> bool:
    """True for a product folder that holds the Drive tree (known names, or any name saying "drive")."""
    folded = name.casefold()
    return folded in DRIVE_FOLDER_HINTS or "drive" in folded.split()


def is_photos_folder(name: str) -> bool:
    """True for the Google Photos product folder ("Google Photos", kept in French; "Google Fotos")."""
    words = name.casefold().split()
    return "photos" in words or "fotos" in words or "foto" in words


def is_keep_folder(name: str) -> bool:
    """True for the Keep product folder ("Keep", "Google Keep")."""
    return "keep" in name.casefold().split()


def place_member(member: str) -> Placement | None:
    """Say what a Takeout member is, or ``None`` for Takeout's own index page (not user data)."""
    parts = [p for p in member.split("/") if p not in ("", ".")]
    if not parts:
        return None
    inner = parts[1:] if parts[0] == "Takeout" and len(parts) > 1 else parts
    if len(inner) == 1 and inner[0].casefold().endswith((".html", ".htm")):
        return None  # archive_browser.html (index.html in older exports)
    if len(inner) > 1 and is_drive_folder(inner[0]):
        rel = tuple(inner[1:])
        return Placement(Kind.FILES, "/".join(rel), rel, True)
    canonical = "/".join(parts)
    if len(inner) > 1 and is_photos_folder(inner[0]):
        # every member (photos, sidecars, album metadata) goes to the photos expander as a whole
        return Placement(Kind.PHOTOS, f"photos:{canonical}", tuple(inner), False, f"Takeout folder: {inner[0]}")
    if len(inner) > 1 and is_keep_folder(inner[0]):
        return Placement(Kind.NOTES, f"notes:{canonical}", tuple(inner), False, f"Takeout folder: {inner[0]}")
    product = inner[0] if len(inner) > 1 else "Takeout"
    detail = f"Takeout folder: {product}"
    suffix = inner[-1].rsplit(".", 1)[-1].casefold() if "." in inner[-1] else ""
    if suffix == "mbox":
        return Placement(Kind.MAIL, f"mail:{canonical}", tuple(inner), False, detail)
    if suffix == "ics":
        return Placement(Kind.CALENDAR, f"calendar:{canonical}", tuple(inner), False, detail)
    if suffix == "vcf":
        return Placement(Kind.CONTACTS, f"contacts:{canonical}", tuple(inner), False, detail)
    return Placement(Kind.FILES, f"other:{canonical}", tuple(inner), False, detail)


class TakeoutArchive(Source):
    """A Google Takeout export (zip and/or tgz parts), listed and read without unpacking it.

    ``paths`` name the parts, or folders whose ``takeout-*.zip|tgz|tar.gz`` files are taken in
    natural order. Raises ``UserError`` when a path does not exist, a folder holds no part, a file
    is neither zip nor gzip, or two parts share a file name (locators name parts by file name).
    """

    def __init__(self, paths: list[Path], spec: str, options: SourceOptions | None = None) -> None:
        from degoogle.sources.registry import expanders

        self.spec = spec
        self._parts = _resolve_parts(paths)
        self._by_name = {part.name: part for part in self._parts}
        self._lock = threading.Lock()
        self._zips: dict[str, zipfile.ZipFile] = {}
        #: the zip entries of the members listed for the expanders (.ics, .vcf, .mbox, photos, notes),
        #: by locator: they open without reading their part's table of contents again (see ``scan``)
        self._listed: dict[str, zipfile.ZipInfo] = {}
        self._cursors: dict[str, GzipCursors] = {}
        #: mail, calendars and contacts: members are files of many items, read by their expander
        found = expanders(self._open_member, options or SourceOptions())
        self.expanders: dict[Kind, Expander] = {kind: x for kind, x in found.items() if kind != Kind.FILES}

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(self._parts)

    def describe(self) -> str:
        count = len(self._parts)
        return f"Google Takeout archive, {count} part{'s' if count != 1 else ''}"

    def scan(self) -> Iterator[SourceEntry]:
        """Yield members part by part in archive order; a damaged part yields a ``part:`` problem entry.

        Drive keys are paths inside Drive; a path already seen in an earlier part (or twice in one
        part) gets ``#<part name>`` appended so that keys stay unique and the same from run to run.
        """
        seen: set[int] = set()  # marks of the keys given (``_key_mark``)
        grouped: dict[Kind, list[FileRef]] = {}
        for part in self._parts:
            # a part's table of contents (some 150 bytes a member, tens of thousands of members) lives
            # while the part is listed; only the entries of the members the expanders open are kept
            infos: dict[str, zipfile.ZipInfo] = {}
            listing = list_zip(part.path, infos) if part.fmt == "zip" else list_tgz(part.path)
            for found in listing:
                info = infos.pop(found.locator, None) if isinstance(found, ArchiveMember) else None
                if isinstance(found, PartDamage):
                    log.warning("archive part %s: %s", part.name, found.detail)
                    yield SourceEntry(
                        kind=Kind.FILES, key=f"part:{part.name}", path=(part.name,), problem=found.problem,
                        detail=f"{part.name}: {found.detail}",
                    )
                elif (entry := _entry(found, part, seen)) is not None:
                    if entry.kind in self.expanders and entry.problem is None and entry.key.startswith(
                            f"{entry.kind.value}:"):  # a whole .ics/.vcf/.mbox (not an "other:" file)
                        ref = FileRef(entry.locator, entry.path, entry.size, entry.fingerprint, entry.detail,
                                      entry.mtime)
                        grouped.setdefault(entry.kind, []).append(ref)
                        if info is not None:
                            with self._lock:
                                self._listed[entry.locator] = info
                    else:
                        yield entry
        # after the whole listing: contacts in several label files (perhaps in several parts) are one each
        for kind, refs in grouped.items():
            yield from self.expanders[kind].expand(refs)

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """Stream one member, found from ``item.locator`` alone (no listing needed on a resumed run).

        Raises ``BadItemError`` (corrupt member, part changed since listing) and ``FatalError``
        (``source_gone``) when the part file has gone or is not among this source's parts; reads
        raise the same, and a tgz member whose bytes miss the CRC-32 taken at listing fails its last read.
        """
        expander = self.expanders.get(item.kind)
        if expander is not None:
            return expander.open(item)
        return self._open_locator(item.locator, item.source_key)

    def _open_member(self, locator: str) -> AbstractContextManager[BinaryIO]:
        """A whole member (an ``.ics``, ``.vcf``, ``.mbox``) from its locator, for the expanders."""
        return self._open_locator(locator, "member")

    def _open_locator(self, locator: str, key: str) -> AbstractContextManager[BinaryIO]:
        where = _parse_locator(locator, key)
        part = self._by_name.get(str(where.get("part")))
        if part is None:
            # the journal names a part this source was not given: the user must put it back
            raise FatalError(
                f"{key}: archive part {where.get('part')} is not among the parts given",
                code="source_gone",
            )
        label = f"{part.name}: {key}"
        stream = self._open_zip(part, where, label, locator) if part.fmt == "zip" else self._open_tgz(
            part, where, label)
        # io streams are context managers yielding themselves; typing.BinaryIO is not their base class
        return cast("AbstractContextManager[BinaryIO]", stream)

    def close(self) -> None:
        for expander in self.expanders.values():
            expander.close()
        with self._lock:
            zips, self._zips = self._zips, {}
            self._listed.clear()
            cursors, self._cursors = self._cursors, {}
        for archive in zips.values():
            archive.close()  # members still being read keep the file open until they close
        for pool in cursors.values():
            pool.close()

    def _open_zip(self, part: Part, where: dict[str, Any], label: str, locator: str) -> ItemStream:
        with self._lock:
            archive = self._zips.get(part.name)
            info = self._listed.get(locator) if archive is None else None
        if info is not None:
            # listed by this source: opened from its entry, without reading the part's table of
            # contents (a plan opens each .ics/.vcf/.mbox once; keeping every part's would cost more)
            return ItemStream(open_listed(part.path, info, label, part.gone), label=label, code="corrupt_member",
                              gone=part.gone)
        try:
            with self._lock:
                archive = self._zips.get(part.name)
                if archive is None:
                    archive = self._zips[part.name] = zipfile.ZipFile(part.path)
        except ZIP_OPEN_ERRORS as exc:
            raise translate_read_error(exc, label=label, code="archive_damaged", gone=part.gone) from exc
        return ItemStream(open_member(archive, where, label, part.gone), label=label, code="corrupt_member",
                          gone=part.gone)

    def _open_tgz(self, part: Part, where: dict[str, Any], label: str) -> ItemStream:
        at, size = int(where["at"]), int(where["size"])
        try:
            part_size = part.path.stat().st_size
        except FileNotFoundError:
            gone = f"{part.name}: the archive part is no longer reachable"
            raise FatalError(gone, code="source_gone") from None
        except OSError as exc:
            raise BadItemError(f"{label}: {describe_read_error(exc)}", code="unreadable") from exc
        if part_size != where.get("psize"):
            raise BadItemError(
                f"{label}: the archive part changed since it was listed ({where.get('psize')} bytes, "
                f"now {part_size}); plan again", code="source_changed",
            )
        with self._lock:
            cursors = self._cursors.get(part.name)
            if cursors is None:
                cursors = self._cursors[part.name] = GzipCursors(part.path)
        reader = None
        try:
            # the block before a member's data is always its own tar header (after any pax or
            # long-name blocks): checking it proves the offset still points at this member
            reader = cursors.checkout(at - tarfile.BLOCKSIZE)
            header = reader.read(tarfile.BLOCKSIZE)
        except READ_ERRORS as exc:
            if reader is not None:
                reader.close()
            raise translate_read_error(exc, label=label, code="corrupt_member", gone=part.gone) from exc
        if not tar_header_matches(header, size):
            cursors.checkin(reader, reusable=True)
            raise BadItemError(f"{label}: no matching tar header at byte {at}", code="source_changed")

        def give_back(clean: bool) -> None:
            cursors.checkin(reader, reusable=clean)

        crc = where.get("crc")
        return ItemStream(
            cast(IO[bytes], reader), label=label, code="corrupt_member", length=size,
            crc=crc if isinstance(crc, int) else None, gone=part.gone, on_close=give_back,
        )


def _resolve_parts(paths: list[Path]) -> list[Part]:
    if not paths:
        raise UserError("No Takeout archive was named.")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted({p for g in PART_GLOBS for p in path.glob(g) if p.is_file()}, key=_natural)
            if not inside:
                raise UserError(f"No Takeout archive (takeout-….zip or .tgz) in the folder {path}",
                                code="no_archive_in_folder", subject=str(path))
            files.extend(inside)
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"Takeout archive not found: {path}", code="source_not_found", subject=str(path))
    parts: list[Part] = []
    for path in files:
        if any(part.name == path.name for part in parts):
            raise UserError(f"Two archive parts have the same name: {path.name}")
        parts.append(Part(path, _format_of(path)))
    return parts


def _natural(path: Path) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name)]


def _format_of(path: Path) -> str:
    """``"zip"`` or ``"tgz"`` from the first bytes, or from the name when they say nothing (damage)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2)
    except OSError:
        head = b""
    lower = path.name.lower()
    if head == b"PK" or (head != b"\x1f\x8b" and lower.endswith(".zip")):
        return "zip"
    if head == b"\x1f\x8b" or lower.endswith((".tgz", ".tar.gz")):
        return "tgz"
    raise UserError(f"{path.name} is neither a zip nor a tgz archive", code="not_an_archive", subject=str(path))


def _key_mark(key: str) -> int:
    """8 bytes of BLAKE2b of a key: what ``scan`` remembers of each key given, not the key (200,000
    paths). Two keys sharing a mark (odds of about one in 10^9) make the second one ``#<part name>``,
    the same at every listing; keys stay unique."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def _entry(member: ArchiveMember, part: Part, seen: set[int]) -> SourceEntry | None:
    name, problem, detail = member.name, member.problem, member.detail
    if _SURROGATE.search(name):
        # a tar name that is not UTF-8: shown escaped, since the journal and targets need text
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        problem, detail = "corrupt_member", f"{part.name}: {name}: the name is not valid UTF-8"
    elif ".." in name.split("/"):
        problem, detail = "corrupt_member", f"{part.name}: {name}: the path climbs out of its folder"
    place = place_member(name)
    if place is None:
        return None
    key = place.key
    mark = _key_mark(key)
    if mark in seen:
        key = candidate = f"{place.key}#{part.name}"
        count = 2
        while (mark := _key_mark(key)) in seen:
            key, count = f"{candidate}#{count}", count + 1
    seen.add(mark)
    return SourceEntry(
        kind=place.kind, key=key, path=place.path, size=member.size, mtime=member.mtime,
        fingerprint=member.fingerprint, locator=member.locator, supported=place.supported,
        problem=problem, detail=detail or place.detail,
    )


def _parse_locator(locator: str, key: str) -> dict[str, Any]:
    try:
        where = json.loads(locator)
    except ValueError:
        where = None
    if not isinstance(where, dict) or "part" not in where:
        raise BadItemError(f"{key}: no usable archive locator", code="internal_error")
    return where
