"""Any CalDAV/CardDAV account as a source (``caldav:``, ``carddav:``; ``icloud:`` is the same code with
Apple's addresses), read from Radicale and from Xandikos and written into the other one.
"""

from __future__ import annotations

import http.server
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from degoogle.engine.report import build_report
from degoogle.errors import SOURCE_UNREACHABLE, FatalError, RetryableError
from degoogle.model import Kind, Outcome, State
from degoogle.protocols.http import RedirectRefused, origin
from degoogle.sources.base import SourceOptions
from degoogle.sources.dav import ICLOUD_CALDAV, ICLOUD_CARDDAV, DavSource
from degoogle.specs import open_source, source_needs_password
from tests.dav_servers import DavServer, radicale_server, xandikos_server  # noqa: F401
from tests.groupware_samples import LEA, apple_group, cards, components, family_calendar, many_events, vcard
from tests.test_groupware_roundtrip import dav_target, migrate, stored, takeout


@pytest.fixture
def radicale(request: pytest.FixtureRequest) -> DavServer:
    found: DavServer = request.getfixturevalue("radicale_server")
    return found


@pytest.fixture
def xandikos(request: pytest.FixtureRequest) -> DavServer:
    found: DavServer = request.getfixturevalue("xandikos_server")
    return found


def spec(scheme: str, server: DavServer, url: str | None = None) -> str:
    base = url or server.url
    return f"{scheme}:" + (base.replace("://", f"://{server.user}@", 1) if server.user else base)


def populate(tmp_path: Path, server: DavServer, calendar: str, label: str) -> None:
    """Put a calendar with every case, a damaged event, and contacts on ``server``, through degoogle."""
    source = takeout(tmp_path / "in", calendar, label)
    migrate(source, dav_target(server), tmp_path / "populate.db").target.close()
    source.close()


@pytest.mark.parametrize(("source_name", "target_name"), [("radicale", "xandikos"), ("xandikos", "radicale")])
def test_calendars_and_contacts_move_from_one_dav_server_to_another(
        tmp_path: Path, request: pytest.FixtureRequest, source_name: str, target_name: str) -> None:
    origin: DavServer = request.getfixturevalue(f"{source_name}_server")
    destination: DavServer = request.getfixturevalue(f"{target_name}_server")
    calendar = f"Source {uuid.uuid4().hex[:6]}"
    label = uuid.uuid4().hex[:4]
    populate(tmp_path, origin, calendar, label)

    options = SourceOptions(password=origin.password or None)
    cal_source = open_source(spec("caldav", origin), options)
    moved = migrate(cal_source, dav_target(destination), tmp_path / "cal.db")
    cal_source.close()
    target = moved.collection(Kind.CALENDAR, calendar)
    back: dict[tuple[str, str, str], object] = {}
    for text in stored(moved.target.dav, target):
        assert "METHOD:" not in text
        back.update(components(text, drop_params=frozenset({"SCHEDULE-AGENT"})))
    assert back == components(family_calendar())

    book_source = open_source(spec("carddav", origin), options)
    entries = list(book_source.scan())
    assert all(e.kind == Kind.CONTACTS for e in entries)
    assert any(e.attrs.get("uid") == "lea-dupont@example.org" for e in entries)
    moved_cards = migrate(book_source, dav_target(destination), tmp_path / "cards.db")
    book_source.close()
    assert {o for _s, o, _r in moved_cards.items(Kind.CONTACTS).values()} <= {
        Outcome.MOVED, Outcome.ALREADY_THERE, Outcome.KEPT_BOTH}
    people: dict[str, dict[str, list[str]]] = {}
    for book in moved_cards.target.dav.addressbooks():
        for text in stored(moved_cards.target.dav, book):
            people.update(cards(text))
    lea = people["lea-dupont@example.org"]
    assert lea.pop("CATEGORIES") and lea == cards(LEA)["lea-dupont@example.org"]
    old = next(p for u, p in people.items() if u.startswith("degoogle-") and p["FN"] == ["Jürgen Müller"])
    assert old["NOTE"] == ["Très long commentaire sur deux lignes, avec accents éè"]
    moved.target.close()
    moved_cards.target.close()


def test_a_damaged_event_at_the_source_is_reported_and_the_rest_moves(tmp_path: Path, xandikos: DavServer) -> None:
    # Xandikos stores what it is given; Radicale would refuse the damaged event, so it is the source here
    calendar = f"Abîmé {uuid.uuid4().hex[:6]}"
    text, bad = many_events(20, bad_every=10, name=calendar)
    target = dav_target(xandikos, merge=True)
    home = target.dav.ensure_calendar(calendar)
    response = requests.put(home.url + "all.ics", data=text.encode(), headers={"Content-Type": "text/calendar"})
    assert response.status_code in (201, 204), response.text
    source = open_source(spec("caldav", xandikos))
    entries = [e for e in source.scan() if e.path[0] == calendar]
    problems = [e for e in entries if e.problem]
    assert len(entries) == 20 and {p.problem for p in problems} == {"malformed_event"} and len(problems) == len(bad)
    assert all("line " in p.detail and "month must be in 1..12" in p.detail for p in problems)
    source.close()


def test_icloud_style_groups_land_as_categories_of_their_members_and_a_second_run_writes_nothing(
        tmp_path: Path, radicale: DavServer, xandikos: DavServer) -> None:
    book = f"iCloud {uuid.uuid4().hex[:6]}"
    lea, karim, zoe = "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "B7C1D2E3-0000-4000-8000-000000000002", "zoe-angstrom"
    at_source = dav_target(radicale).dav.ensure_addressbook(book)
    for name, text in {
        "lea.vcf": vcard(lea, "Léa Dupont", "Dupont", "Léa", "EMAIL:lea@example.org", "CATEGORIES:Chorale"),
        "karim.vcf": vcard(karim, "Karim Benali", "Benali", "Karim", "TEL:+32 470 00 00 00"),
        "zoe.vcf": vcard(zoe, "Zoë Ångström", "Ångström", "Zoë"),
        "famille.vcf": apple_group("G-FAMILLE", "Famille", f"urn:uuid:{lea}", f"urn:uuid:{karim}"),
        "travail.vcf": apple_group("G-TRAVAIL", "Travail", f"URN:UUID:{lea.lower()}"),
    }.items():
        response = requests.put(at_source.url + name, data=text.encode(), auth=(radicale.user, radicale.password),
                                headers={"Content-Type": "text/vcard; charset=utf-8"})
        assert response.status_code in (201, 204), response.text

    source = open_source(spec("carddav", radicale), SourceOptions(password=radicale.password))
    moved = migrate(source, dav_target(xandikos), tmp_path / "first.db")
    ours = {i.source_key: i for i in moved.journal.items(kind=Kind.CONTACTS) if i.collection == book}
    assert sorted((i.state, i.outcome, i.reason) for i in ours.values()) == sorted(
        [(State.DONE, Outcome.MOVED, None)] * 3 + [(State.SKIPPED, None, "contact_group_folded")] * 2)
    # the report counts them with the reason (the Radicale account may hold other tests' books too)
    folded = [i for i in moved.journal.items(kind=Kind.CONTACTS) if i.reason == "contact_group_folded"]
    assert build_report(moved.journal).skipped["contacts"]["contact_group_folded"] == len(folded) >= 2
    target = moved.collection(Kind.CONTACTS, book)
    people: dict[str, dict[str, list[str]]] = {}
    for text in stored(moved.target.dav, target):
        people.update(cards(text))
    assert {p["FN"][0] for p in people.values()} == {"Léa Dupont", "Karim Benali", "Zoë Ångström"}
    assert people[lea]["CATEGORIES"] == ["Chorale,Famille,Travail"] and people[lea]["EMAIL"] == ["lea@example.org"]
    assert people[karim]["CATEGORIES"] == ["Famille"] and "CATEGORIES" not in people[zoe]
    before = dict(moved.target.dav.list(target))

    again = migrate(source, dav_target(xandikos, merge=True), tmp_path / "second.db")
    second = [i for i in again.journal.items(kind=Kind.CONTACTS) if i.collection == book]
    assert sorted((i.state, i.outcome, i.reason) for i in second) == sorted(
        [(State.DONE, Outcome.ALREADY_THERE, None)] * 3 + [(State.SKIPPED, None, "contact_group_folded")] * 2)
    assert dict(again.target.dav.list(target)) == before  # same etags: nothing was written
    source.close()
    moved.target.close()
    again.target.close()


@pytest.fixture
def partition_front(radicale: DavServer) -> Iterator[str]:
    """A server that, like caldav.icloud.com, answers discovery by sending the client to another host."""
    real = radicale.url.rstrip("/")

    class Front(http.server.BaseHTTPRequestHandler):
        def do_PROPFIND(self) -> None:  # noqa: N802 - the http.server API
            if self.path.startswith("/.well-known/"):
                self.send_response(301)
                self.send_header("Location", real + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Front)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_discovery_follows_the_server_to_the_accounts_own_host(tmp_path: Path, radicale: DavServer,
                                                               partition_front: str) -> None:
    calendar = f"Partition {uuid.uuid4().hex[:6]}"
    populate(tmp_path, radicale, calendar, uuid.uuid4().hex[:4])
    # the same class the icloud: preset makes, pointed at a local "caldav.icloud.com"; the preset names
    # iCloud's partition hosts as the account's own (ICLOUD_HOSTS), here the local one
    partition = origin(radicale.url)
    source = DavSource("icloud:test", radicale.user, radicale.password, caldav_url=partition_front,
                       carddav_url=partition_front, trusted=lambda url: origin(url) == partition)
    entries = list(source.scan())
    assert {e.kind for e in entries} == {Kind.CALENDAR, Kind.CONTACTS}
    assert len([e for e in entries if e.path[0] == calendar]) == 6
    source.close()


def test_a_wrong_password_stops_with_the_source_named(radicale: DavServer) -> None:
    source = open_source(spec("caldav", radicale), SourceOptions(password="not-the-password"))
    with pytest.raises(FatalError) as raised:
        list(source.scan())
    assert raised.value.code == "source_auth_failed"
    assert "not-the-password" not in str(raised.value.detail)
    source.close()


def test_a_probe_tells_a_source_that_answers_from_one_out_of_reach_or_refusing_us(radicale: DavServer) -> None:
    answering = open_source(spec("caldav", radicale), SourceOptions(password=radicale.password))
    answering.probe()  # answers: nothing raised
    answering.close()
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    unreachable = DavSource("caldav:x", radicale.user, radicale.password, caldav_url=f"http://127.0.0.1:{port}/")
    with pytest.raises(RetryableError) as down:
        unreachable.probe()
    assert down.value.code == SOURCE_UNREACHABLE  # a run waits for it instead of failing its items
    refusing = open_source(spec("caldav", radicale), SourceOptions(password="not-the-password"))
    with pytest.raises(FatalError):
        refusing.probe()
    refusing.close()


def test_icloud_spec_names_apples_servers_and_touches_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the constructor went to the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    source = open_source("icloud:marie.dupont@icloud.com", SourceOptions(password="abcd-efgh-ijkl-mnop"))
    assert isinstance(source, DavSource)
    assert source.accounts[Kind.CALENDAR].url == ICLOUD_CALDAV and source.accounts[Kind.CONTACTS].url == ICLOUD_CARDDAV
    assert source.accounts[Kind.CALENDAR].user == "marie.dupont@icloud.com"
    assert "iCloud" in source.describe()
    assert source_needs_password("icloud:marie.dupont@icloud.com") and source_needs_password("caldav:https://x@y/")
    source.close()
    with pytest.raises(Exception, match="password"):
        open_source("caldav:https://marie:secret@dav.example.org/")
    with pytest.raises(Exception, match="https"):
        open_source("carddav:http://marie@dav.example.org/")


def test_without_the_preset_a_redirect_to_another_host_is_refused(radicale: DavServer,
                                                                  partition_front: str) -> None:
    source = DavSource("caldav:front", radicale.user, radicale.password, caldav_url=partition_front)
    with pytest.raises(RedirectRefused) as raised:
        list(source.scan())
    assert raised.value.subject == radicale.url.rstrip("/")
    source.close()
