"""Contacts as real exports write them (issue 12, points 5, 6, 8, 10 and 11): two people with one name
and address, a label file's copy without the photo, a Lotus Notes card, a damaged photo, a zip whose
names are UTF-8 without the flag, a vCard 2.1 address holding a comma."""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib
from pathlib import Path

import vobject
from PIL import Image

from degoogle.convert.vcard import split_vcards
from degoogle.model import Kind, Outcome, SourceEntry, State
from degoogle.sources.base import Source
from degoogle.sources.takeout import TakeoutArchive
from degoogle.specs import open_source
from tests.dav_servers import DavServer, radicale_server  # noqa: F401
from tests.takeout_factory import build_takeout
from tests.test_groupware_files import read
from tests.test_groupware_roundtrip import dav_target, migrate, stored

ALL = "Takeout/Contacts/All Contacts/All Contacts.vcf"


def _small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 48), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


SMALL_JPEG = _small_jpeg()


def _card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


ANNE_TEACHER = _card("FN:Anne Martin", "N:Martin;Anne;;;", "EMAIL:famille.martin@example.org",
                     "ORG:Collège Jean Moulin", "NOTE:professeure de piano")
ANNE_AUNT = _card("FN:Anne Martin", "N:Martin;Anne;;;", "EMAIL:famille.martin@example.org",
                  "NOTE:tante du côté de papa")
PAUL_PHOTO = _card("FN:Paul Roux", "N:Roux;Paul;;;", "EMAIL:paul@example.org", "TEL:+33 1 23 45 67 89",
                   "PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(SMALL_JPEG).decode("ascii"))
PAUL_LABEL = _card("FN:Paul Roux", "N:Roux;Paul;;;", "EMAIL:paul@example.org", "TEL:+33 1 23 45 67 89")
LOTUS = _card("PROFILE:VCard", "FN:Jean Lotus", "N:Lotus;Jean;;;", "EMAIL:jean@example.org")
ANDROID = _card("FN:Zoé Android", "N:Android;Zoé;;;", "EMAIL:zoe@example.org",
                "PHOTO;ENCODING=b;TYPE=JPEG:data:image/jpeg;base64,/9j/4AAQSkZJRg!!cut")
OLD_21 = _card("N:Bureau;Alley", "FN:Alley Bureau", "ADR;HOME:;;Silicon Alley 5,;New York;NY;10001;USA",
               version="2.1")


def _contacts(source: Source) -> list[SourceEntry]:
    return [e for e in source.scan() if e.kind == Kind.CONTACTS]


def _takeout(tmp_path: Path, members: dict[str, str]) -> TakeoutArchive:
    part = build_takeout(tmp_path, {}, extra_members={k: v.encode() for k, v in members.items()})[0]
    source = open_source(f"takeout:{part}")
    assert isinstance(source, TakeoutArchive)
    return source


def test_two_people_with_one_name_and_address_stay_two(tmp_path: Path) -> None:
    entries = _contacts(_takeout(tmp_path, {ALL: ANNE_TEACHER + ANNE_AUNT}))
    assert len(entries) == 2
    source = _takeout(tmp_path / "again", {ALL: ANNE_TEACHER + ANNE_AUNT})
    texts = [read(source, e) for e in entries]
    assert any("professeure de piano" in t and "Jean Moulin" in t for t in texts)
    assert any("tante du côté de papa" in t for t in texts)


def test_a_label_copy_without_photo_keeps_the_photo_whatever_the_order(tmp_path: Path) -> None:
    label = "Takeout/Contacts/Voisins/Voisins.vcf"
    got = []
    for n, order in enumerate(([label, ALL], [ALL, label])):
        members = {name: PAUL_LABEL if name == label else PAUL_PHOTO for name in order}
        source = _takeout(tmp_path / str(n), members)
        entries = _contacts(source)
        assert len(entries) == 1, entries
        assert entries[0].attrs["groups"] == ["Voisins"]
        text = read(source, entries[0])
        card = vobject.readOne(text)
        assert card.photo.value == SMALL_JPEG and card.tel.value == "+33 1 23 45 67 89"
        got.append(text)
    assert got[0] == got[1]


def test_a_lotus_card_moves_and_a_damaged_photo_is_dropped_and_named(tmp_path: Path) -> None:
    split = split_vcards(LOTUS + ANDROID)
    assert not split.bad and [c.fn for c in split.cards] == ["Jean Lotus", "Zoé Android"]
    assert "PROFILE" not in split.cards[0].text and "PHOTO" not in split.cards[1].text
    assert split.cards[1].dropped
    entries = _contacts(_takeout(tmp_path, {ALL: LOTUS + ANDROID}))
    problems = [(e.path[1], e.problem) for e in entries if e.problem]
    assert problems == [("Zoé Android (photo)", "contact_photo_dropped")]
    assert sorted(e.attrs["title"] for e in entries if not e.problem) == ["Jean Lotus", "Zoé Android"]


def test_a_vcard_21_address_keeps_its_comma() -> None:
    card = split_vcards(OLD_21).cards[0]
    assert vobject.readOne(card.text).adr.value.street == "Silicon Alley 5,"


def _zip_without_utf8_flag(path: Path, names: dict[str, str], with_unicode_extra: bool) -> None:
    """A zip as Info-ZIP writes it on Linux: UTF-8 names, flag bit 11 not set, optionally the Unicode Path
    extra field (0x7075) carrying the same name."""
    buffer = io.BytesIO()
    fakes = {}
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Takeout/archive_browser.html", "<html><title>Archive for your Google data</title></html>")
        for n, (name, content) in enumerate(names.items()):
            raw = name.encode("utf-8")
            fake = "QWXYZ"[n] * len(raw)  # a placeholder of the same length, replaced by the bytes below
            fakes[fake.encode("ascii")] = raw
            info = zipfile.ZipInfo(fake, (2026, 1, 1, 0, 0, 0))
            if with_unicode_extra:
                info.extra = struct.pack("<HHBI", 0x7075, 5 + len(raw), 1, zlib.crc32(raw)) + raw
            archive.writestr(info, content)
    data = buffer.getvalue()
    for fake, raw in fakes.items():
        data = data.replace(fake, raw)
    path.write_bytes(data)


def test_zip_names_in_utf8_without_the_flag_are_read_right(tmp_path: Path) -> None:
    for extra in (True, False):
        part = tmp_path / f"takeout-{extra}-001.zip"
        _zip_without_utf8_flag(part, {ALL: PAUL_PHOTO, "Takeout/Contacts/Club de vélo/Club de vélo.vcf": PAUL_PHOTO},
                               with_unicode_extra=extra)
        with zipfile.ZipFile(part) as archive:
            assert any("├" in i.filename for i in archive.infolist())  # what zipfile alone reads
        entries = _contacts(open_source(f"takeout:{part}"))
        assert [e.attrs["groups"] for e in entries] == [["Club de vélo"]]


def test_every_contact_lands_with_what_it_carries_or_is_named(tmp_path: Path,
                                                              radicale_server: DavServer) -> None:  # noqa: F811
    members = {"Takeout/Contacts/Voisins/Voisins.vcf": PAUL_LABEL,
               ALL: ANNE_TEACHER + ANNE_AUNT + PAUL_PHOTO + LOTUS + ANDROID + OLD_21}
    moved = migrate(_takeout(tmp_path, members), dav_target(radicale_server), tmp_path / "journal")
    rows = [(i.state, i.outcome, i.reason) for i in moved.journal.items(kind=Kind.CONTACTS)]
    assert sum(1 for state, outcome, _r in rows if state == State.DONE and outcome == Outcome.MOVED) == 6, rows
    assert [r for state, _o, r in rows if state == State.QUARANTINED] == ["contact_photo_dropped"]
    cards = [vobject.readOne(t) for t in stored(moved.target.dav, moved.collection(Kind.CONTACTS, "Contacts"))]
    notes = sorted(c.note.value for c in cards if hasattr(c, "note"))
    assert notes == ["professeure de piano", "tante du côté de papa"]
    paul = next(c for c in cards if c.fn.value == "Paul Roux")
    assert paul.photo.value == SMALL_JPEG and paul.categories.value == ["Voisins"]
    assert next(c for c in cards if c.fn.value == "Alley Bureau").adr.value.street == "Silicon Alley 5,"
