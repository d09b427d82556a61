"""Which sidecar describes which photo: every naming Google used, as a table of cases."""

from __future__ import annotations

import unicodedata

import pytest

from degoogle.convert.photos_sidecars import (
    SidecarIndex,
    match_folder,
    parse_media,
    parse_sidecar,
)

LONG = "Screenshot_20241203-101010_Google Photos app.jpg"  # 48 characters

# (media file, the JSON names in its folder, the sidecar expected or None)
CASES = [
    ("IMG_1234.jpg", ["IMG_1234.jpg.json"], "IMG_1234.jpg.json"),
    ("IMG_1234.jpg", ["IMG_1234.json"], "IMG_1234.json"),
    ("IMG_1234.jpg", ["IMG_1234.jpg.supplemental-metadata.json"], "IMG_1234.jpg.supplemental-metadata.json"),
    ("IMG_1234.jpg", ["IMG_1234.jpg.supplemental-metad.json"], "IMG_1234.jpg.supplemental-metad.json"),
    ("IMG_1234.jpg", ["IMG_1234.jpg.supple.json"], "IMG_1234.jpg.supple.json"),
    ("IMG_1234.jpg", ["IMG_1234.jpg.s.json"], "IMG_1234.jpg.s.json"),
    ("IMG_1234.jpg", ["IMG_1234.jpg..json"], "IMG_1234.jpg..json"),
    ("IMG_1234.JPG", ["IMG_1234.jpg.json"], "IMG_1234.jpg.json"),
    # the duplicate counter moves behind the extension
    ("IMG(1).JPG", ["IMG.JPG.json", "IMG.JPG(1).json"], "IMG.JPG(1).json"),
    ("IMG.JPG", ["IMG.JPG.json", "IMG.JPG(1).json"], "IMG.JPG.json"),
    ("IMG(2).JPG", ["IMG.JPG.supplemental-metadata(2).json"], "IMG.JPG.supplemental-metadata(2).json"),
    ("IMG(1).jpg", ["IMG(1).jpg.json"], "IMG(1).jpg.json"),
    ("IMG(1).JPG", ["IMG.JPG.json"], None),  # the original's sidecar is not the duplicate's
    # names cut at ~46-51 characters: the suffix gone entirely, then the media name itself
    (LONG, [LONG[:46] + ".json"], LONG[:46] + ".json"),
    (LONG, [LONG + ".json"], LONG + ".json"),
    (LONG, [LONG[:43] + ".json"], LONG[:43] + ".json"),
    ("Screenshot_20241203-101010_Google Photos.jpg",
     ["Screenshot_20241203-101010_Google Photos.jpg.su.json"],
     "Screenshot_20241203-101010_Google Photos.jpg.su.json"),
    # edited copies share the original's sidecar, in every language
    ("IMG_1234-edited.jpg", ["IMG_1234.jpg.json"], "IMG_1234.jpg.json"),
    ("IMG_1234-modifié.jpg", ["IMG_1234.jpg.supplemental-metadata.json"], "IMG_1234.jpg.supplemental-metadata.json"),
    (unicodedata.normalize("NFD", "IMG_1234-modifié.jpg"), ["IMG_1234.jpg.s.json"], "IMG_1234.jpg.s.json"),
    ("IMG_1234-bearbeitet.jpg", ["IMG_1234.jpg.json"], "IMG_1234.jpg.json"),
    ("IMG(1)-edited.jpg", ["IMG.jpg(1).json"], "IMG.jpg(1).json"),
    # no sidecar at all; album metadata is never one
    ("IMG_9999.jpg", ["IMG_1234.jpg.json"], None),
    ("IMG_9999.jpg", ["metadata.json", "métadonnées.json"], None),
    # a short prefix is not a cut name
    ("IMG_12345.jpg", ["IMG_1234.jpg.json"], None),
    ("PXL_20241203_101010123.jpg", ["PXL_20241203_1010101.jpg.json"], None),
]


@pytest.mark.parametrize(("media", "jsons", "expected"), CASES)
def test_the_sidecar_of_each_naming(media: str, jsons: list[str], expected: str | None) -> None:
    assert SidecarIndex(jsons).find(media) == expected


def test_a_live_photo_video_takes_its_pictures_sidecar() -> None:
    found = match_folder(["IMG_0042.HEIC", "IMG_0042.MP4", "VID_0001.mp4"],
                         ["IMG_0042.HEIC.supplemental-metadata.json"])
    assert found == {"IMG_0042.HEIC": "IMG_0042.HEIC.supplemental-metadata.json",
                     "IMG_0042.MP4": "IMG_0042.HEIC.supplemental-metadata.json",
                     "VID_0001.mp4": None}


def test_a_video_with_its_own_sidecar_keeps_it() -> None:
    found = match_folder(["PXL_1.jpg", "PXL_1.mp4"], ["PXL_1.jpg.json", "PXL_1.mp4.json"])
    assert found == {"PXL_1.jpg": "PXL_1.jpg.json", "PXL_1.mp4": "PXL_1.mp4.json"}


@pytest.mark.parametrize(("name", "base", "counter"), [
    ("IMG.jpg.json", "IMG.jpg", 0),
    ("IMG.jpg.supplemental-metadata(3).json", "IMG.jpg", 3),
    ("IMG.jpg.sup(1).json", "IMG.jpg", 1),
    ("IMG.jpg.s.json", "IMG.jpg", 0),
])
def test_sidecar_names_read(name: str, base: str, counter: int) -> None:
    parsed = parse_sidecar(name)
    assert parsed is not None and (parsed.base, parsed.counter) == (base, counter)


@pytest.mark.parametrize("name", ["metadata.json", "Métadonnées.json", "IMG.jpg", "notes.txt"])
def test_not_sidecars(name: str) -> None:
    assert parse_sidecar(name) is None


@pytest.mark.parametrize(("name", "original", "counter", "edited"), [
    ("IMG.jpg", "IMG.jpg", 0, False),
    ("IMG(1).jpg", "IMG.jpg", 1, False),
    ("IMG-edited.jpg", "IMG.jpg", 0, True),
    ("IMG-MODIFIÉ.JPG", "IMG.JPG", 0, True),
    ("IMG(2)-edited.jpg", "IMG.jpg", 2, True),
])
def test_media_names_read(name: str, original: str, counter: int, edited: bool) -> None:
    assert parse_media(name) == (parse_media(name).__class__(original, counter, edited))
