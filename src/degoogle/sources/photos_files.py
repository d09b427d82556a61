"""Google Photos in a Takeout: each photo and video once, with its date, its albums and its place.

Terminology: the *product folder* is ``Takeout/Google Photos/`` (the name is kept in French; other
languages say ``Google Fotos``); inside it a *year folder* ("Photos from 2019", "Photos de 2019")
holds every photo of that year, an *album folder* holds **copies** of photos of the year folders
and an album metadata file (``metadata.json``, ``métadonnées.json``); the *trash* folder holds
what the person deleted. A folder is an album when it holds such a metadata file in any part; a
year folder when its name ends in a year; the trash by its (localised) name.

One item per photo: the copies in albums are recognised by their bytes (size and CRC-32 from the
archive listing) and original name, and become the ``albums`` of the one item, never a second
upload. The copy in a year folder is the item when there is one. Edited copies and the two halves
of a live photo are items of their own that share the original's sidecar, so they land in the
same folder with the same date.

Each item goes to ``Photos/<year>/<name>``, the year of its date; its ``mtime`` is the date it was
taken: the sidecar's ``photoTakenTime`` (not ``creationTime``, the upload date), else the EXIF
``DateTimeOriginal``, else the archive's date (then ``attrs["date_from"]`` is ``"archive"`` and the
target reports the photo as having no date). ``attrs`` also keeps the albums, the place
(``geo``: latitude, longitude, altitude, from ``geoData`` else ``geoDataExif``; 0/0 means none),
the description and the sidecar's name, all in the journal. Nothing is written into the photo.
"""

from __future__ import annotations

import calendar
import io
import json
import logging
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from PIL import Image

from degoogle.convert.photos_sidecars import (
    is_album_metadata,
    is_media,
    is_photo,
    match_folder,
    parse_media,
    parse_sidecar,
)
from degoogle.model import Item, Kind, SourceEntry
from degoogle.sources.base import Expander, FileRef

log = logging.getLogger(__name__)

PHOTOS_FOLDER = "Photos"
#: the trash folder's name per account language
TRASH_NAMES = frozenset({"trash", "bin", "corbeille", "papierkorb", "prullenbak", "papelera", "cestino", "kosz"})
_YEAR = re.compile(r"(?<!\d)((?:18|19|20)\d\d)$")
#: bytes read from a photo's head to find its EXIF date (EXIF sits in the first 64 KiB of a JPEG)
EXIF_HEAD = 256 * 1024
#: a sidecar bigger than this is not a sidecar (they are a few hundred bytes)
SIDECAR_MAX = 1024 * 1024


@dataclass
class _Folder:
    """One folder of the product folder, over every part."""

    name: str
    media: list[FileRef] = field(default_factory=list)
    sidecars: dict[str, FileRef] = field(default_factory=dict)
    metadata: FileRef | None = None
    others: list[FileRef] = field(default_factory=list)


def year_of_folder(name: str) -> str | None:
    found = _YEAR.search(name.strip())
    return found.group(1) if found else None


def is_trash(name: str) -> bool:
    return name.strip().casefold() in TRASH_NAMES


class PhotosExpander(Expander):
    """The photos and videos of a Takeout's Google Photos folder (see the module docstring)."""

    kind = Kind.PHOTOS

    def expand(self, files: Sequence[FileRef]) -> Iterator[SourceEntry]:
        folders = _gather(files)
        # album copies first found, then merged into the year-folder item of the same bytes
        items: dict[tuple[str, str], dict[str, Any]] = {}
        order: list[tuple[str, str]] = []
        for kind_rank in (0, 1, 2):  # year folders, plain folders, albums: the item is the first copy
            for folder in folders.values():
                if _rank(folder) != kind_rank:
                    continue
                album = self._album_title(folder) if kind_rank == 2 else None
                matched = match_folder([ref.path[-1] for ref in folder.media], folder.sidecars)
                for ref in folder.media:
                    media = parse_media(ref.path[-1])
                    identity = (ref.fingerprint, media.original.casefold() + ("-edited" if media.edited else ""))
                    known = items.get(identity)
                    if known is None:
                        known = items[identity] = {"ref": ref, "folder": folder, "albums": [],
                                                   "sidecar": matched.get(ref.path[-1])}
                        order.append(identity)
                    elif known["sidecar"] is None:
                        known["sidecar"] = matched.get(ref.path[-1])
                        known["sidecar_folder"] = folder
                    if album is not None and album not in known["albums"]:
                        known["albums"].append(album)
        for folder in folders.values():
            for ref in folder.others:
                yield SourceEntry(kind=Kind.PHOTOS, key=f"photos:{'/'.join(ref.path)}", path=ref.path,
                                  size=ref.size, fingerprint=ref.fingerprint, locator=ref.ref,
                                  left_out="photo_not_media", detail="/".join(ref.path))
        for identity in order:
            yield self._entry(items[identity])

    def _album_title(self, folder: _Folder) -> str:
        """The album's title from its metadata file, else the folder's name."""
        meta = self._read_json(folder.metadata) if folder.metadata is not None else None
        title = meta.get("title") if isinstance(meta, dict) else None
        if isinstance(meta, dict) and isinstance(meta.get("albumData"), dict):
            title = title or meta["albumData"].get("title")  # the layout of exports before 2022
        return title.strip() if isinstance(title, str) and title.strip() else folder.name

    def _entry(self, found: dict[str, Any]) -> SourceEntry:
        ref: FileRef = found["ref"]
        folder: _Folder = found["folder"]
        name = ref.path[-1]
        sidecar_folder: _Folder = found.get("sidecar_folder", folder)
        sidecar_name = found["sidecar"]
        meta = self._read_json(sidecar_folder.sidecars[sidecar_name]) if sidecar_name else None
        attrs: dict[str, Any] = {}
        taken = _taken(meta)
        date_from = "sidecar"
        if taken is None and is_photo(name):
            taken, date_from = self._exif_date(ref), "exif"
        if taken is None:
            taken, date_from = ref.mtime, "archive"
        attrs["date_from"] = date_from
        if sidecar_name:
            attrs["sidecar"] = sidecar_name
        if found["albums"]:
            attrs["albums"] = found["albums"]
        geo = _geo(meta)
        if geo is not None:
            attrs["geo"] = geo
        if isinstance(meta, dict) and isinstance(meta.get("description"), str) and meta["description"].strip():
            attrs["description"] = meta["description"].strip()
        year = _year(taken) if date_from != "archive" else year_of_folder(folder.name)
        path = (PHOTOS_FOLDER, year, name) if year else (PHOTOS_FOLDER, name)
        if is_trash(folder.name):
            return SourceEntry(kind=Kind.PHOTOS, key=f"photos:{'/'.join(ref.path)}", path=path, size=ref.size,
                               mtime=taken, fingerprint=ref.fingerprint, locator=ref.ref, left_out="photo_in_trash",
                               detail="/".join(ref.path), attrs=attrs)
        return SourceEntry(kind=Kind.PHOTOS, key=f"photos:{'/'.join(ref.path)}", path=path, size=ref.size,
                           mtime=taken, fingerprint=ref.fingerprint, locator=ref.ref, detail="/".join(ref.path),
                           attrs=attrs)

    def _read_json(self, ref: FileRef) -> Any:
        """A small JSON member, or None when it cannot be read or parsed (the photo moves anyway)."""
        if ref.size > SIDECAR_MAX:
            return None
        try:
            with self.open_file(ref.ref) as stream:
                return json.loads(stream.read(SIDECAR_MAX + 1).decode("utf-8-sig"))
        except Exception as exc:  # noqa: BLE001 - a bad sidecar costs its data, never the photo
            log.info("sidecar %s not read: %s", "/".join(ref.path), type(exc).__name__)
            return None

    def _exif_date(self, ref: FileRef) -> float | None:
        """The EXIF date the photo was taken (read as UTC: EXIF rarely says its time zone)."""
        try:
            with self.open_file(ref.ref) as stream:
                head = stream.read(EXIF_HEAD)
            with Image.open(io.BytesIO(head)) as image:
                exif = image.getexif()
                text = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)
        except Exception as exc:  # noqa: BLE001 - no readable EXIF: the next source of a date
            log.debug("no EXIF date in %s: %s", "/".join(ref.path), type(exc).__name__)
            return None
        try:
            parts = [int(p) for p in re.split(r"[: ]", str(text).strip())[:6]]
            return float(calendar.timegm((*parts, 0, 0, 0))) if len(parts) == 6 and parts[0] > 1800 else None
        except ValueError:
            return None

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The photo's bytes, exactly as they are in the archive."""
        return self.open_file(item.locator)


def _gather(files: Sequence[FileRef]) -> dict[str, _Folder]:
    """The members of the product folder by folder, over every part."""
    folders: dict[str, _Folder] = {}
    for ref in files:
        inner = ref.path[1:] if len(ref.path) > 1 else ref.path  # without the product folder
        folder_name = "/".join(inner[:-1])
        folder = folders.get(folder_name)
        if folder is None:
            folder = folders[folder_name] = _Folder(inner[-2] if len(inner) > 1 else "")
        name = ref.path[-1]
        if is_album_metadata(name):
            folder.metadata = ref
        elif is_media(name):
            folder.media.append(ref)
        elif parse_sidecar(name) is not None:
            folder.sidecars[name] = ref
        else:
            folder.others.append(ref)
    return folders


def _rank(folder: _Folder) -> int:
    if folder.metadata is not None:
        return 2
    return 0 if year_of_folder(folder.name) else 1


def _taken(meta: Any) -> float | None:
    if not isinstance(meta, dict):
        return None
    taken = meta.get("photoTakenTime")
    try:
        stamp = float(taken["timestamp"]) if isinstance(taken, dict) else None
    except (KeyError, TypeError, ValueError):
        return None
    return stamp if stamp else None


def _geo(meta: Any) -> list[float] | None:
    if not isinstance(meta, dict):
        return None
    for key in ("geoData", "geoDataExif"):
        geo = meta.get(key)
        if isinstance(geo, dict):
            try:
                lat, lon = float(geo.get("latitude", 0)), float(geo.get("longitude", 0))
                alt = float(geo.get("altitude", 0))
            except (TypeError, ValueError):
                continue
            if lat or lon:
                return [lat, lon, alt]
    return None


def _year(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    try:
        return str(time.gmtime(stamp).tm_year)
    except (OverflowError, OSError, ValueError):
        return None
