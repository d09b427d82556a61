"""Calendars and contacts read from files: a Takeout archive (English and French names) and ics:/vcf: files.

No server here: what the sources list and what ``open`` gives, as the engine would see it.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from degoogle.errors import BadItemError
from degoogle.model import Item, Kind, SourceEntry, State
from degoogle.sources.contact_files import book_and_group
from degoogle.sources.groupware_files import normalise_color
from degoogle.sources.local_files import LocalFiles
from degoogle.sources.takeout import TakeoutArchive
from degoogle.specs import open_source
from tests.groupware_samples import (
    KARIM,
    LEA,
    OLD_PHONE,
    apple_group,
    cards,
    components,
    family_calendar,
    many_events,
    noisy_jpeg,
    photo_line,
    vcard,
)
from tests.takeout_factory import CALENDAR_FOLDER, CONTACTS_MEMBER, build_takeout

LABELS = {"en": ("Family", "Choir", "Work"), "fr": ("Famille", "Chorale", "Travail")}


def as_item(entry: SourceEntry, n: int = 1) -> Item:
    return Item(n, entry.kind, entry.key, "/".join(entry.path), "/".join(entry.path), entry.size, entry.mtime,
                entry.fingerprint, entry.locator, State.PENDING, attrs=dict(entry.attrs))


def read(source: TakeoutArchive | LocalFiles, entry: SourceEntry) -> str:
    with source.open(as_item(entry)) as stream:
        return stream.read().decode("utf-8")


def takeout_members(lang: str) -> dict[str, bytes]:
    """A Takeout's calendars and contacts: Léa is in three labels, Karim in one, the old phone in none."""
    family, choir, work = LABELS[lang]
    contacts_dir = CONTACTS_MEMBER[lang].rsplit("/", 2)[0]
    return {
        f"{CALENDAR_FOLDER[lang]}/marie.dupont@gmail.com.ics": family_calendar().encode(),
        f"{CALENDAR_FOLDER[lang]}/{work}.ics": many_events(6, name=work)[0].replace(
            f"X-WR-CALNAME:{work}\r\n", "").encode(),
        CONTACTS_MEMBER[lang]: (LEA + KARIM + OLD_PHONE).encode(),
        f"{contacts_dir}/{family}/{family}.vcf": (LEA + KARIM).encode(),
        f"{contacts_dir}/{choir}/{choir}.vcf": LEA.encode(),
        f"{contacts_dir}/{work}/{work}.vcf": LEA.encode(),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_takeout_gives_one_item_per_event_and_per_contact_with_all_its_groups(tmp_path: Path, lang: str) -> None:
    family, choir, work = LABELS[lang]
    members = takeout_members(lang)
    source = TakeoutArchive(build_takeout(tmp_path, {"a.txt": b"a"}, lang=lang, extra_members=members), "t")
    entries = list(source.scan())
    events = [e for e in entries if e.kind == Kind.CALENDAR]
    people = [e for e in entries if e.kind == Kind.CONTACTS]

    # calendar names: X-WR-CALNAME when there is one, else the file name; colour from the file
    assert {e.path[0] for e in events} == {"Famille", work}
    assert len([e for e in events if e.path[0] == "Famille"]) == 6  # 5 events (one with its override) + 1 task
    assert {e.attrs.get("color") for e in events if e.path[0] == "Famille"} == {"#3A87ADFF"}
    assert all(e.supported and e.problem is None and e.path[1].endswith(".ics") for e in events)

    # one address book, one item per person, groups from the label files (never "All Contacts")
    assert sorted(e.attrs["title"] for e in people) == ["Jürgen Müller", "Karim Benali", "Léa Dupont"]
    assert {e.path[0] for e in people} == {"Contacts"}
    lea = next(e for e in people if e.attrs["title"] == "Léa Dupont")
    assert sorted(lea.attrs["groups"]) == sorted([family, choir, work])
    assert sorted(cards(read(source, lea))["lea-dupont@example.org"]["CATEGORIES"][0].split(",")) == sorted(
        [family, choir, work])
    karim = next(e for e in people if e.attrs["title"] == "Karim Benali")
    assert karim.attrs["groups"] == [family]

    # what open gives is what the file held, scheduling neutralised (checked closely in the round trip)
    choir_entry = next(e for e in events if e.attrs["uid"] == "weekly-choir@example.org")
    text = read(source, choir_entry)
    assert "METHOD" not in text and len(components(text)) == 2

    # listing again gives the same keys, fingerprints and locators
    again = {e.key: (e.fingerprint, e.locator, e.attrs) for e in source.scan() if e.kind != Kind.FILES}
    assert again == {e.key: (e.fingerprint, e.locator, e.attrs) for e in events + people}
    source.close()


def test_a_damaged_event_is_listed_with_its_line_and_the_rest_of_the_calendar_moves(tmp_path: Path) -> None:
    text, bad = many_events(40, bad_every=20)
    path = tmp_path / "Travail.ics"
    path.write_text(text, encoding="utf-8")
    source = open_source(f"ics:{path}")
    entries = list(source.scan())
    problems = [e for e in entries if e.problem]
    assert len(entries) == 40 and len(problems) == len(bad) == 2
    for entry in problems:
        assert entry.problem == "malformed_event"
        assert "line " in entry.detail and "DTSTART" in entry.detail and "month must be in 1..12" in entry.detail
        assert "(line " in entry.path[1] and "/" not in entry.path[1]
    assert {e.attrs["uid"] for e in entries if not e.problem}.isdisjoint(bad)
    source.close()


def test_open_parses_each_file_once_whatever_the_number_of_items(tmp_path: Path) -> None:
    (tmp_path / "a.ics").write_text(many_events(30, name="A", seed=1)[0], encoding="utf-8")
    (tmp_path / "b.ics").write_text(many_events(30, name="B", seed=2)[0], encoding="utf-8")
    source = open_source(f"ics:{tmp_path}")
    assert isinstance(source, LocalFiles)
    entries = list(source.scan())
    threads = [threading.Thread(target=lambda chunk=entries[i::4]: [read(source, e) for e in chunk]) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert source.expander.cache.loads == 2  # type: ignore[attr-defined]
    source.close()


def test_a_file_changed_since_the_listing_is_not_read_as_if_nothing_happened(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    path.write_text(family_calendar(), encoding="utf-8")
    source = open_source(f"ics:{path}")
    entry = next(e for e in source.scan() if e.attrs.get("uid") == "tokyo-flight@example.org")
    source.close()
    path.write_text(family_calendar().replace("Vol pour", "Train pour"), encoding="utf-8")
    source = open_source(f"ics:{path}")
    with pytest.raises(BadItemError) as raised:
        read(source, entry)
    assert raised.value.code == "source_changed"
    source.close()


def test_a_local_vcf_is_its_own_address_book_and_a_3_mb_photo_is_shrunk(tmp_path: Path) -> None:
    big = noisy_jpeg(3_000_000)
    assert len(big) >= 3_000_000
    path = tmp_path / "Carnet.vcf"
    path.write_text(vcard("photo@example.org", "Zoë Ångström", "Ångström", "Zoë", photo_line(big)) + OLD_PHONE,
                    encoding="utf-8")
    source = open_source(f"vcf:{path}")
    entries = list(source.scan())
    assert {e.path[0] for e in entries} == {"Carnet"} and not any(e.attrs["groups"] for e in entries)
    zoe = next(e for e in entries if e.attrs["uid"] == "photo@example.org")
    text = read(source, zoe)
    assert 100_000 < len(text) < 1_400_000  # base64 of at most 1 MB
    source.close()


def test_apple_group_cards_in_a_vcf_become_categories_and_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "iCloud.vcf"
    path.write_text(LEA + KARIM + OLD_PHONE + apple_group("g-famille", "Famille", "urn:uuid:lea-dupont@example.org",
                                                          "KARIM-BENALI@example.org")
                    + apple_group("g-vide", "Vide", "urn:uuid:nobody"), encoding="utf-8")
    source = open_source(f"vcf:{path}")
    entries = list(source.scan())
    groups = [e for e in entries if e.left_out]
    assert [(e.attrs["title"], e.left_out) for e in groups] == [("Famille", "contact_group_folded"),
                                                                ("Vide", "contact_group_folded")]
    assert "group of 0 contact(s)" in groups[1].detail
    people = {e.attrs["uid"]: e for e in entries if not e.left_out}
    assert len(people) == 3 and not any(e.problem for e in entries)
    for uid in ("lea-dupont@example.org", "karim-benali@example.org"):
        assert people[uid].attrs["groups"] == ["Famille"]
        assert cards(read(source, people[uid]))[uid]["CATEGORIES"] == ["Famille"]
    old = next(e for u, e in people.items() if u.startswith("degoogle-"))
    assert old.attrs["groups"] == [] and "CATEGORIES" not in read(source, old)
    source.close()


@pytest.fixture
def photo_server() -> Iterator[str]:
    picture = noisy_jpeg(1_500_000, seed=3)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            if self.path != "/photo.jpg":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(picture)))
            self.end_headers()
            self.wfile.write(picture)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_photo_given_by_url_is_fetched_when_written_and_a_dead_link_is_kept(tmp_path: Path,
                                                                              photo_server: str) -> None:
    path = tmp_path / "Google.vcf"
    path.write_text(vcard("url-photo@example.org", "Avec Photo", "Photo", "Avec", f"PHOTO:{photo_server}/photo.jpg")
                    + vcard("dead-photo@example.org", "Sans Photo", "Photo", "Sans", f"PHOTO:{photo_server}/gone.jpg"),
                    encoding="utf-8")
    source = open_source(f"vcf:{path}")
    entries = {e.attrs["uid"]: e for e in source.scan()}
    fetched = cards(read(source, entries["url-photo@example.org"]))["url-photo@example.org"]
    assert fetched["PHOTO"][0].startswith("JPEG|<") and int(fetched["PHOTO"][0].split("<")[1].split()[0]) > 100_000
    kept = cards(read(source, entries["dead-photo@example.org"]))["dead-photo@example.org"]
    assert kept["PHOTO"] == [f"{photo_server}/gone.jpg"]
    source.close()


@pytest.mark.parametrize(("path", "expected"), [
    (("Contacts", "All Contacts", "All Contacts.vcf"), ("Contacts", None)),
    (("Contacts", "Tous les contacts", "Tous les contacts.vcf"), ("Contacts", None)),
    (("Contacts", "Famille", "Famille.vcf"), ("Contacts", "Famille")),
    (("Contacts", "All Contacts.vcf"), ("Contacts", None)),
    (("Famille", "Famille.vcf"), ("Contacts", "Famille")),
    (("Carnet.vcf",), ("Carnet", None)),
    (("amis", "Carnet.vcf"), ("Carnet", None)),
])
def test_address_book_and_group_of_a_vcf_file(path: tuple[str, ...], expected: tuple[str, str | None]) -> None:
    assert book_and_group(path) == expected


def test_colours_are_kept_only_when_they_are_colours() -> None:
    assert normalise_color("#3a87adff") == "#3A87ADFF"
    assert normalise_color("3A87AD") == "#3A87AD"
    assert normalise_color("blue") is None and normalise_color("") is None
