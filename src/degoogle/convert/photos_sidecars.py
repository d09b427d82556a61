"""Google Photos in a Takeout: which JSON sidecar describes which photo or video. Pure functions.

Terminology: a *media* file is a photo or a video; its *sidecar* is the JSON file Google writes
beside it (``title``, ``photoTakenTime``, ``geoData``…). Both sit in the same folder (a year
folder "Photos from 2019" / "Photos de 2019", or an album folder), perhaps in different parts of
the export: callers gather one folder's names over every part before matching.

How Google names sidecars (from the issue trackers of google-photos-takeout-helper and immich-go,
2019–2025 exports; all are handled here):

- old exports: ``IMG_1234.jpg.json``; older still: ``IMG_1234.json`` (the stem only);
- since late 2024: ``IMG_1234.jpg.supplemental-metadata.json``, *cut* so that the whole name stays
  near 46–51 characters: any prefix of ``.supplemental-metadata`` can remain
  (``.supplemental-metad.json``, ``.supple.json``, ``.s.json``, even ``..json``), and for long
  names the media name itself is cut (``a_very_long_file_name_from_a_came.json``). ``.json`` is
  never cut;
- a duplicate name's counter moves: the photo ``IMG(1).JPG`` has the sidecar ``IMG.JPG(1).json``
  (or ``IMG.JPG.supplemental-metadata(1).json``);
- an edited copy (``IMG_1234-edited.jpg``, French ``-modifié``, other languages likewise) has no
  sidecar of its own: it shares the original's;
- a live / motion photo is a picture and a short video of the same stem (``IMG_1234.HEIC`` +
  ``IMG_1234.MP4``) with one sidecar, the picture's: the video takes its sibling's.

Names are compared in NFC and case-folded: zip names may be NFD, and Google mixes ``.JPG``/``.jpg``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

SUPPLEMENTAL = ".supplemental-metadata"
#: a JSON name this long or longer may have had its media part cut as well
CUT_LENGTH = 46
#: the suffixes Google gives an edited copy, per account language
EDITED_SUFFIXES = (
    "-edited", "-modifié", "-bearbeitet", "-bewerkt", "-editado", "-modificato", "-edytowane",
    "-redigeret", "-redigerad", "-muokattu", "-upravené", "-upraveno", "-szerkesztett",
)
PHOTO_EXTENSIONS = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".heic", ".heif", ".webp", ".bmp", ".tif", ".tiff", ".avif",
    ".dng", ".cr2", ".nef", ".arw", ".raf", ".orf", ".rw2", ".ico", ".jfif",
})
VIDEO_EXTENSIONS = frozenset({
    ".mp4", ".mov", ".m4v", ".3gp", ".3g2", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".mts",
    ".m2ts", ".wmv", ".mp", ".qt",
})
#: an album folder's own metadata file, per account language (not a sidecar)
ALBUM_METADATA = frozenset({"metadata.json", "métadonnées.json", "metadaten.json", "metadatos.json",
                            "metadati.json", "metadane.json", "metagegevens.json"})

_COUNTER = re.compile(r"^(?P<base>.*?)\((?P<n>\d{1,3})\)$")


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def split_ext(name: str) -> tuple[str, str]:
    """``("IMG_1234", ".jpg")``; the extension is ``""`` when there is none (or only a leading dot)."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if dot > 0 else (name, "")


def is_photo(name: str) -> bool:
    return split_ext(name)[1].casefold() in PHOTO_EXTENSIONS


def is_video(name: str) -> bool:
    return split_ext(name)[1].casefold() in VIDEO_EXTENSIONS


def is_media(name: str) -> bool:
    """True for a photo or a video, judged by its extension."""
    return is_photo(name) or is_video(name)


def is_album_metadata(name: str) -> bool:
    return _fold(name) in ALBUM_METADATA


@dataclass(frozen=True)
class SidecarName:
    """What a sidecar's name says: the media name it was made for (``base``, perhaps cut), the
    duplicate counter moved behind it (0 for none), and whether ``base`` may have been cut."""

    base: str
    counter: int
    maybe_cut: bool


def parse_sidecar(name: str) -> SidecarName | None:
    """Read a JSON name as a sidecar's, or ``None`` when it is not a ``.json`` (album metadata is
    not a sidecar either)."""
    if not name.casefold().endswith(".json") or is_album_metadata(name):
        return None
    body = name[: -len(".json")]
    counter = 0
    moved = _COUNTER.match(body)
    if moved is not None:
        body, counter = moved["base"], int(moved["n"])
    dot = body.rfind(".")
    if dot > 0 and SUPPLEMENTAL.startswith(body[dot:].casefold()) and not is_media(body):
        body = body[:dot]  # ".supplemental-metadata", whole or cut to any prefix (even ".")
    if not body:
        return None
    return SidecarName(body, counter, len(name) >= CUT_LENGTH)


@dataclass(frozen=True)
class MediaName:
    """What a media name says: the original's name (edit suffix and counter taken off), the
    duplicate counter (``IMG(1).JPG`` → 1) and whether this is an edited copy."""

    original: str
    counter: int
    edited: bool


def parse_media(name: str) -> MediaName:
    stem, ext = split_ext(unicodedata.normalize("NFC", name))
    counter = 0
    moved = _COUNTER.match(stem)
    if moved is not None:
        stem, counter = moved["base"], int(moved["n"])
    edited = False
    folded = stem.casefold()
    for suffix in EDITED_SUFFIXES:
        if folded.endswith(suffix):
            stem, edited = stem[: -len(suffix)], True
            break
    if edited and counter == 0 and (again := _COUNTER.match(stem)) is not None:
        stem, counter = again["base"], int(again["n"])  # "IMG(1)-edited.jpg"
    return MediaName(stem + ext, counter, edited)


class SidecarIndex:
    """The sidecars of one folder, looked up by the media they describe."""

    def __init__(self, json_names: Iterable[str] = ()) -> None:
        self._exact: dict[tuple[str, int], str] = {}
        self._cut: dict[tuple[str, int], str] = {}
        for name in json_names:
            self.add(name)

    def add(self, json_name: str) -> bool:
        """Record a JSON name; False when it is not a sidecar (album metadata, not ``.json``)."""
        parsed = parse_sidecar(json_name)
        if parsed is None:
            return False
        key = (_fold(parsed.base), parsed.counter)
        self._exact.setdefault(key, json_name)
        if parsed.maybe_cut:
            self._cut.setdefault(key, json_name)
        return True

    def find(self, media_name: str) -> str | None:
        """The sidecar of ``media_name`` alone (no live-photo sibling), or ``None``."""
        media = parse_media(media_name)
        name = _fold(media.original)
        raw = _fold(media_name)
        found = self._exact.get((raw, 0))  # "IMG(1).jpg.json", the counter left where it was
        found = found or self._exact.get((name, media.counter))
        found = found or self._exact.get((_fold(split_ext(media.original)[0]), media.counter))
        if found is None and self._cut:
            # the longest cut form first: "IMG_2019_0704_1830.json" must not describe "IMG_2019_0704_18301.jpg"
            for end in range(len(name) - 1, 9, -1):
                found = self._cut.get((name[:end], media.counter))
                if found is not None:
                    break
        return found


def match_folder(media_names: Iterable[str], json_names: Iterable[str]) -> dict[str, str | None]:
    """Each media file of one folder → the name of its sidecar, or ``None`` when it has none.

    A video without a sidecar of its own takes the one of a photo with the same stem (the two
    halves of a live / motion photo); an edited copy takes its original's.
    """
    index = SidecarIndex(json_names)
    media = list(media_names)
    found = {name: index.find(name) for name in media}
    by_stem = {_fold(split_ext(name)[0]): sidecar for name, sidecar in found.items()
               if sidecar is not None and is_photo(name)}
    for name, sidecar in found.items():
        if sidecar is None and is_video(name):
            found[name] = by_stem.get(_fold(split_ext(name)[0]))
    return found


def live_pair_stem(name: str) -> str:
    """The key two halves of a live photo share (the folded stem)."""
    return _fold(split_ext(name)[0])
