"""Google Photos and Keep exports built for tests, in Takeout's layout (English and French names).

``build_photos_takeout`` writes a 2-part zip export holding year folders, album folders with copies
of year-folder photos, a trash folder, and every sidecar naming Google used (see
``convert.photos_sidecars``): ``.json``, stem-only ``.json``, ``.supplemental-metadata.json`` whole
and cut to any prefix, names cut in the media part, ``(1)`` counters moved, edited copies in English
and French, a live-photo pair, photos without sidecar (with and without an EXIF date), and sidecars
placed in the other part than their photo. It returns what a correct move must give: each photo's
path under the Nextcloud files, its SHA-1, its date, and the albums with their members.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tests.takeout_factory import EXPORT_TIME, INDEX_MEMBER, PART_STEM, _index_page, _write_zip

Lang = Literal["en", "fr"]
PRODUCT = "Takeout/Google Photos"
YEAR_FOLDER = {"en": "Photos from {year}", "fr": "Photos de {year}"}
TRASH = {"en": "Trash", "fr": "Corbeille"}
ALBUM_META = {"en": "metadata.json", "fr": "métadonnées.json"}
#: the day every photo of a year was taken, at 10:00 UTC plus the photo's number in minutes
BASE_DAY = (7, 14)


@dataclass
class Expected:
    """What the Nextcloud must hold after the move."""

    #: path under the user's files → SHA-1
    files: dict[str, str] = field(default_factory=dict)
    #: path → the mtime it must have (photos with a date)
    mtimes: dict[str, int] = field(default_factory=dict)
    #: paths of photos that have no date at all (reported as such)
    undated: set[str] = field(default_factory=set)
    #: album title → paths of its members
    albums: dict[str, set[str]] = field(default_factory=dict)
    #: paths of photos with a place in their sidecar
    placed: set[str] = field(default_factory=set)
    trashed: int = 0
    #: (member in part 1, its sidecar in part 2) and the reverse
    split_pairs: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PhotosExport:
    parts: list[Path]
    expected: Expected


def taken_at(year: int, n: int) -> int:
    return calendar.timegm((year, *BASE_DAY, 10, 0, 0)) + n * 60


def _jpeg(n: int, exif_date: str | None = None) -> bytes:
    """A real JPEG (unique per ``n``); with ``exif_date`` ("2016:05:04 03:02:01") in DateTimeOriginal."""
    from PIL import Image

    image = Image.new("RGB", (8, 8), ((n * 7) % 256, (n * 13) % 256, (n * 29) % 256))
    out = io.BytesIO()
    if exif_date is None:
        image.save(out, "JPEG", quality=90, comment=f"photo {n}".encode())
    else:
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = exif_date
        image.save(out, "JPEG", quality=90, exif=exif, comment=f"photo {n}".encode())
    return out.getvalue()


def _blob(n: int, kind: str) -> bytes:
    """Bytes that are not an image Pillow reads (a video, a HEIC here): unique per ``n``."""
    return (f"{kind} {n:06d} ".encode() * 40)[: 300 + n % 97]


def _sidecar(name: str, taken: int | None, place: bool) -> bytes:
    data: dict[str, object] = {
        "title": name, "description": "", "imageViews": "3",
        # the upload date, not the date taken: the mover must not use it
        "creationTime": {"timestamp": str(int(EXPORT_TIME) - 86400), "formatted": "upload"},
    }
    if taken is not None:
        data["photoTakenTime"] = {"timestamp": str(taken), "formatted": "taken"}
    geo = {"latitude": 48.39, "longitude": -4.49, "altitude": 12.0, "latitudeSpan": 0.0, "longitudeSpan": 0.0}
    zero = {"latitude": 0.0, "longitude": 0.0, "altitude": 0.0, "latitudeSpan": 0.0, "longitudeSpan": 0.0}
    data["geoData"] = geo if place else zero
    data["geoDataExif"] = zero
    return json.dumps(data, indent=2).encode()


def build_photos_takeout(dest: Path, lang: Lang, *, count: int = 520) -> PhotosExport:
    """Write the export (2 zip parts) and return it with what a correct move gives (see the module)."""
    exp = Expected()
    members: list[tuple[str, bytes]] = []
    late: list[tuple[str, bytes]] = []  # forced into part 2
    early: list[tuple[str, bytes]] = []  # forced into part 1
    edited = {"en": "-edited", "fr": "-modifié"}
    album_titles = {"en": ["Brittany holidays", "Léa's birthday", "Garden"],
                    "fr": ["Vacances en Bretagne", "Anniversaire de Léa", "Jardin"]}[lang]
    album_members: dict[str, list[tuple[str, bytes, str, bytes | None, str]]] = {t: [] for t in album_titles}

    def year_folder(year: int) -> str:
        return f"{PRODUCT}/{YEAR_FOLDER[lang].format(year=year)}"

    def add(year: int, name: str, data: bytes, sidecar: tuple[str, bytes] | None, *, when: int | None,
            into: list[tuple[str, bytes]] | None = None, place: bool = False) -> str:
        folder = year_folder(year)
        (into if into is not None else members).append((f"{folder}/{name}", data))
        if sidecar is not None:
            members.append((f"{folder}/{sidecar[0]}", sidecar[1]))
        path = f"Photos/{year}/{name}"
        exp.files[path] = hashlib.sha1(data).hexdigest()
        if when is not None:
            exp.mtimes[path] = when
        if place:
            exp.placed.add(path)
        return path

    for n in range(count):
        year = 2015 + n % 10
        when = taken_at(year, n)
        style = n % 12
        place = n % 5 == 0
        if style == 0:
            name = f"IMG_{n:05d}.jpg"
            path = add(year, name, _jpeg(n), (f"{name}.json", _sidecar(name, when, place)), when=when, place=place)
        elif style == 1:
            name = f"IMG_{n:05d}.jpg"
            path = add(year, name, _jpeg(n), (f"{name}.supplemental-metadata.json", _sidecar(name, when, place)),
                       when=when, place=place)
        elif style == 2:  # cut to any prefix of ".supplemental-metadata" (whole name ≤ 51)
            name = f"PXL_{year}0714_{n:06d}{'x' * (n % 9)}.jpg"
            cut = (f"{name}.supplemental-metadata")[:46] + ".json"
            path = add(year, name, _jpeg(n), (cut, _sidecar(name, when, place)), when=when, place=place)
        elif style == 3:  # the media part itself cut
            name = f"Screenshot_{year}0714-{n:06d}_Google Photos app.png"
            cut = name[:46] + ".json"
            path = add(year, name, _blob(n, "png"), (cut, _sidecar(name, when, place)), when=when, place=place)
        elif style == 4:  # a duplicate name: the counter moves behind the extension
            name, dup = f"IMG_{n:05d}.JPG", f"IMG_{n:05d}(1).JPG"
            path = add(year, name, _jpeg(n), (f"{name}.json", _sidecar(name, when, place)), when=when, place=place)
            other = when + 30
            add(year, dup, _jpeg(n + 100_000), (f"{name}(1).json", _sidecar(name, other, False)), when=other)
        elif style == 5:  # old exports: the stem only
            name = f"DSC{n:05d}.jpg"
            path = add(year, name, _jpeg(n), (f"DSC{n:05d}.json", _sidecar(name, when, place)), when=when, place=place)
        elif style == 6:  # an edited copy, sharing the original's sidecar; the suffix alternates languages
            name = f"IMG_{n:05d}.jpg"
            suffix = edited[lang] if n % 24 == 6 else edited["fr" if lang == "en" else "en"]
            path = add(year, name, _jpeg(n), (f"{name}.supplemental-metadata.json", _sidecar(name, when, place)),
                       when=when, place=place)
            add(year, f"IMG_{n:05d}{suffix}.jpg", _jpeg(n + 200_000), None, when=when, place=place)
        elif style == 7:  # a live photo: picture and short video, one sidecar
            name = f"IMG_{n:05d}.HEIC"
            path = add(year, name, _blob(n, "heic"), (f"{name}.supplemental-metad.json", _sidecar(name, when, place)),
                       when=when, place=place)
            add(year, f"IMG_{n:05d}.MP4", _blob(n, "mp4"), None, when=when, place=place)
        elif style == 8:  # no sidecar; the camera's EXIF date
            exif_when = taken_at(year, n) + 7
            stamp = time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(exif_when))
            path = add(year, f"IMG_{n:05d}.jpg", _jpeg(n, exif_date=stamp), None, when=exif_when)
        elif style == 9:  # no sidecar and no date at all
            path = add(year, f"VID_{n:05d}.mp4", _blob(n, "mp4"), None, when=None)
            exp.undated.add(path)
        elif style == 10:  # the photo in part 1, its sidecar in part 2
            name = f"IMG_{n:05d}.jpg"
            folder = year_folder(year)
            path = add(year, name, _jpeg(n), None, when=when, into=early)
            late.append((f"{folder}/{name}.s.json", _sidecar(name, when, place)))
            exp.split_pairs.append((f"{folder}/{name}", f"{folder}/{name}.s.json"))
            if place:
                exp.placed.add(path)
        else:  # the sidecar in part 1, the photo in part 2
            name = f"IMG_{n:05d}.jpg"
            folder = year_folder(year)
            path = add(year, name, _jpeg(n), None, when=when, into=late)
            early.append((f"{folder}/{name}.json", _sidecar(name, when, place)))
            exp.split_pairs.append((f"{folder}/{name}.json", f"{folder}/{name}"))
            if place:
                exp.placed.add(path)
        if n % 13 == 0 and style in (0, 1, 2, 5):
            title = album_titles[n % 3]
            member = next(m for m in [*members, *early, *late] if m[0].endswith("/" + path.rsplit("/", 1)[-1]))
            album_members[title].append((path.rsplit("/", 1)[-1], member[1], path, None, ""))

    # an album-only photo (not in any year folder): its own item, dated by its sidecar
    only_year, only_n = 2021, 900_001
    only_name, only_when = "IMG_ALBUM_ONLY.jpg", taken_at(2021, 5)
    only_data = _jpeg(only_n)
    exp.files[f"Photos/{only_year}/{only_name}"] = hashlib.sha1(only_data).hexdigest()
    exp.mtimes[f"Photos/{only_year}/{only_name}"] = only_when
    for title in album_titles:
        folder = f"{PRODUCT}/{title}"
        members.append((f"{folder}/{ALBUM_META[lang]}", json.dumps({"title": title, "description": ""}).encode()))
        paths = set()
        for name, data, path, _unused, _ in album_members[title]:
            members.append((f"{folder}/{name}", data))
            members.append((f"{folder}/{name}.json", _sidecar(name, exp.mtimes.get(path), False)))
            paths.add(path)
        exp.albums[title] = paths
    members.append((f"{PRODUCT}/{album_titles[0]}/{only_name}", only_data))
    members.append((f"{PRODUCT}/{album_titles[0]}/{only_name}.supplemental-metadata.json",
                    _sidecar(only_name, only_when, False)))
    exp.albums[album_titles[0]].add(f"Photos/{only_year}/{only_name}")
    # the trash: left out, counted
    for k in range(2):
        name = f"IMG_TRASH_{k}.jpg"
        members.append((f"{PRODUCT}/{TRASH[lang]}/{name}", _jpeg(800_000 + k)))
        members.append((f"{PRODUCT}/{TRASH[lang]}/{name}.json", _sidecar(name, taken_at(2020, k), False)))
        exp.trashed += 1

    half = len(members) // 2
    part_members = [[(INDEX_MEMBER, _index_page(lang)), *members[:half], *early], [*late, *members[half:]]]
    dest.mkdir(parents=True, exist_ok=True)
    parts = []
    for number, chunk in enumerate(part_members, start=1):
        path = dest / f"{PART_STEM}-{number:03d}.zip"
        _write_zip(path, chunk, EXPORT_TIME, False)
        parts.append(path)
    return PhotosExport(parts, exp)


@dataclass
class KeepExport:
    parts: list[Path]
    #: path of each note under the user's files → its Markdown lines, and its mtime
    notes: dict[str, tuple[list[str], int]]
    #: path of each attachment → SHA-1
    attachments: dict[str, str]
    trashed: int


def build_keep_takeout(dest: Path, lang: Lang, *, count: int = 60) -> KeepExport:
    """A 2-part export of ``count`` Keep notes: text and checklists, labels (one, several, none),
    image attachments (one whose ``filePath`` names ``.jpeg`` for a ``.jpg`` file), archived and
    trashed notes, two notes with the same title, notes without a title, the ``.html`` copies and
    ``Labels.txt``; with the Markdown each note must become, line by line."""
    members: list[tuple[str, bytes]] = [("Takeout/Keep/Labels.txt", b"Travail\nMaison\nUrgent\n")]
    notes: dict[str, tuple[list[str], int]] = {}
    attachments: dict[str, str] = {}
    trashed = 0
    taken: dict[str, int] = {}
    for n in range(count):
        edited = calendar.timegm((2023, 3, 1 + n % 28, 9, n % 60, 0))
        title = "Courses" if n in (51, 55) else ("" if n % 10 == 3 else f"Note {n} – idée")
        data: dict[str, object] = {
            "color": "DEFAULT", "isTrashed": n % 11 == 5, "isPinned": n % 6 == 0, "isArchived": n % 9 == 4,
            "title": title, "userEditedTimestampUsec": edited * 1_000_000,
            "createdTimestampUsec": (edited - 86400) * 1_000_000,
        }
        body: list[str]
        if n % 3 == 0:
            items = [(f"article {n}.{k}", k % 2 == 1) for k in range(3)]
            data["listContent"] = [{"text": t, "isChecked": c} for t, c in items]
            body = [f"- [{'x' if c else ' '}] {t}" for t, c in items] + [""]
        else:
            text = f"Première ligne de la note {n}\nDeuxième ligne"
            data["textContent"] = text
            body = [*text.split("\n"), ""]
        labels = {1: ["Travail"], 2: ["Maison", "Urgent"]}.get(n % 4, [])
        data["labels"] = [{"name": x} for x in labels]
        attached: list[str] = []
        if n % 7 == 0:
            file_name = f"{n:04d}-photo.jpg"
            data["attachments"] = [{"filePath": file_name.replace(".jpg", ".jpeg") if n % 14 == 0 else file_name,
                                    "mimetype": "image/jpeg"}]
            attached.append(file_name)
            members.append((f"Takeout/Keep/{file_name}", _jpeg(700_000 + n)))
        json_name = f"{title or f'Sans titre {n}'}.json"
        if title == "Courses":  # Keep numbers the second file of the same title
            json_name = "Courses.json" if n == 51 else "Courses(1).json"
        members.append((f"Takeout/Keep/{json_name}", json.dumps(data, ensure_ascii=False).encode()))
        members.append((f"Takeout/Keep/{json_name[:-5]}.html", f"<html><body>{title}</body></html>".encode()))
        if n % 11 == 5:
            trashed += 1
            continue
        shown = title or (f"article {n}.0" if n % 3 == 0 else f"Première ligne de la note {n}")
        folder = "Notes" + ("/Archive" if n % 9 == 4 else "") + (f"/{labels[0]}" if labels else "")
        name = f"{shown}.md"
        key = f"{folder}/{name}"
        taken[key] = taken.get(key, 0) + 1
        if taken[key] > 1:
            name = f"{shown} ({taken[key]}).md"
        lines = [f"# {shown}", "", *body]
        lines += [f"![{a}]({a})" for a in attached] + ([""] if attached else [])
        if len(labels) > 1:
            lines += ["Labels: " + ", ".join(labels), ""]
        notes[f"{folder}/{name}"] = (lines[:-1] if lines[-1] == "" else lines, edited)
        for a in attached:
            attachments[f"{folder}/{a}"] = hashlib.sha1(_jpeg(700_000 + n)).hexdigest()
    half = len(members) // 2
    dest.mkdir(parents=True, exist_ok=True)
    parts = []
    for number, chunk in enumerate([[(INDEX_MEMBER, _index_page(lang)), *members[:half]], members[half:]], start=1):
        path = dest / f"{PART_STEM}-{number:03d}.zip"
        _write_zip(path, chunk, EXPORT_TIME, False)
        parts.append(path)
    return KeepExport(parts, notes, attachments, trashed)
