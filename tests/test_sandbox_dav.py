"""The sandbox serves calendars and contacts (Radicale) under Nextcloud's ``/remote.php/dav/``.

Every test talks to a running sandbox as a client would: the real ``caldav`` library for discovery and
events, ``requests`` for CardDAV and the status codes; nothing of the sandbox is patched.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from xml.etree import ElementTree

import pytest
import requests
from caldav.davclient import DAVClient

from degoogle.sandbox import Sandbox

PASSWORD = "first-app-password"
DAV = "/remote.php/dav"
CAL = "{urn:ietf:params:xml:ns:caldav}"
CARD = "{urn:ietf:params:xml:ns:carddav}"
DISCOVERY = (
    '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" '
    'xmlns:a="urn:ietf:params:xml:ns:carddav"><d:prop><d:current-user-principal/><c:calendar-home-set/>'
    "<a:addressbook-home-set/></d:prop></d:propfind>"
)
ADDRESSBOOK = (
    '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:a="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>'
    "<d:resourcetype><d:collection/><a:addressbook/></d:resourcetype><d:displayname>Contacts</d:displayname>"
    "</d:prop></d:set></d:mkcol>"
)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(tmp_path_factory.mktemp("nextcloud-dav"), password=PASSWORD) as server:
        yield server


@pytest.fixture
def session(sandbox: Sandbox) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.auth = (sandbox.user, PASSWORD)
        yield s


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[DAVClient]:
    with DAVClient(url=sandbox.url + DAV + "/", username=sandbox.user, password=PASSWORD) as dav:
        yield dav


def home(server: Sandbox) -> str:
    return f"{server.url}{DAV}/{server.user}/"


def discovered(session: requests.Session, url: str) -> dict[str, str]:
    """PROPFIND Depth 0 for the discovery properties → {property: href} for those found (200)."""
    answer = session.request("PROPFIND", url, data=DISCOVERY, headers={"Depth": "0"})
    assert answer.status_code == 207, answer.text
    found: dict[str, str] = {}
    for propstat in ElementTree.fromstring(answer.content).iter("{DAV:}propstat"):
        prop = propstat.find("{DAV:}prop")
        if " 200 " in propstat.findtext("{DAV:}status", "") and prop is not None:
            found.update((element.tag, element.findtext("{DAV:}href", "")) for element in prop)
    return found


def event(uid: str, summary: str = "Dentist") -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//degoogle//tests//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240315T090000Z\r\nDTEND:20240315T100000Z\r\n"
        f"SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def vcard(uid: str, name: str = "Ada Lovelace") -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:Lovelace;Ada;;;\r\nEND:VCARD\r\n"


def make_addressbook(session: requests.Session, server: Sandbox) -> str:
    url = home(server) + f"contacts-{uuid.uuid4().hex[:8]}/"
    created = session.request("MKCOL", url, data=ADDRESSBOOK, headers={"Content-Type": "application/xml"})
    assert created.status_code == 201, created.text
    return url


# --- discovery ----------------------------------------------------------------------------------------


def test_discovery_answers_the_principal_and_both_homes_under_the_prefix(
    sandbox: Sandbox, session: requests.Session
) -> None:
    root = discovered(session, sandbox.url + DAV + "/")
    principal = f"{DAV}/{sandbox.user}/"
    assert root == {"{DAV:}current-user-principal": principal}  # the homes are the principal's properties
    assert discovered(session, sandbox.url + DAV) == root  # the prefix without its slash too
    assert discovered(session, sandbox.url + principal) == {
        "{DAV:}current-user-principal": principal,
        CAL + "calendar-home-set": principal,
        CARD + "addressbook-home-set": principal,
    }


def test_well_known_caldav_leads_a_client_to_the_principal(sandbox: Sandbox, session: requests.Session) -> None:
    moved = session.request("PROPFIND", sandbox.url + "/.well-known/caldav", allow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["Location"] == sandbox.url + DAV + "/"
    assert discovered(session, moved.headers["Location"])["{DAV:}current-user-principal"] == f"{DAV}/{sandbox.user}/"


def test_caldav_client_finds_its_principal(sandbox: Sandbox, client: DAVClient) -> None:
    principal = client.principal()
    assert str(principal.url) == home(sandbox)
    assert isinstance(principal.calendars(), list)


# --- calendars ----------------------------------------------------------------------------------------


def test_make_a_calendar_save_an_event_and_read_it_back(sandbox: Sandbox, client: DAVClient) -> None:
    principal = client.principal()
    name = f"Personal {uuid.uuid4().hex[:6]}"
    calendar = principal.make_calendar(name=name)
    assert str(calendar.url).startswith(home(sandbox))
    assert name in [c.get_display_name() for c in principal.calendars()]

    uid = f"event-{uuid.uuid4()}"
    calendar.add_event(event(uid, "Dentist"))
    found = calendar.get_event_by_uid(uid)
    component = found.icalendar_component
    assert str(component["UID"]) == uid
    assert str(component["SUMMARY"]) == "Dentist"
    assert component["DTSTART"].dt.isoformat() == "2024-03-15T09:00:00+00:00"
    assert [str(e.icalendar_component["UID"]) for e in calendar.events()] == [uid]
    # on disk under the sandbox root, in Radicale's layout
    stored = sandbox.groupware_dir() / "collection-root" / sandbox.user
    assert any(uid in p.read_text() for p in stored.rglob("*.ics"))


def test_put_an_event_with_if_none_match_creates_once(sandbox: Sandbox, client: DAVClient) -> None:
    calendar = client.principal().make_calendar(name=f"Imported {uuid.uuid4().hex[:6]}")
    uid = f"put-{uuid.uuid4()}"
    url = f"{str(calendar.url).rstrip('/')}/{uid}.ics"
    headers = {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"}
    auth = (sandbox.user, PASSWORD)
    first = requests.put(url, data=event(uid).encode(), headers=headers, auth=auth)
    assert first.status_code == 201, first.text
    assert first.headers.get("ETag")
    again = requests.put(url, data=event(uid, "Changed").encode(), headers=headers, auth=auth)
    assert again.status_code == 412
    read = requests.get(url, auth=auth)
    assert read.status_code == 200 and "SUMMARY:Dentist" in read.text


# --- contacts -----------------------------------------------------------------------------------------


def test_addressbook_and_vcard_round_trip(sandbox: Sandbox, session: requests.Session) -> None:
    book = make_addressbook(session, sandbox)
    listing = session.request("PROPFIND", book, headers={"Depth": "0"})
    assert listing.status_code == 207
    assert ElementTree.fromstring(listing.content).find(f".//{{DAV:}}resourcetype/{CARD}addressbook") is not None

    uid = f"contact-{uuid.uuid4()}"
    url = book + uid + ".vcf"
    headers = {"Content-Type": "text/vcard; charset=utf-8", "If-None-Match": "*"}
    first = session.put(url, data=vcard(uid).encode(), headers=headers)
    assert first.status_code == 201, first.text
    again = session.put(url, data=vcard(uid, "Someone Else").encode(), headers=headers)
    assert again.status_code == 412
    read = session.get(url)
    assert read.status_code == 200
    assert f"UID:{uid}" in read.text and "FN:Ada Lovelace" in read.text

    members = session.request("PROPFIND", book, headers={"Depth": "1"})
    hrefs = [h.text for h in ElementTree.fromstring(members.content).iter("{DAV:}href")]
    assert f"{DAV}/{sandbox.user}/{book.rstrip('/').rsplit('/', 1)[1]}/{uid}.vcf" in hrefs


def test_a_uid_is_refused_under_a_second_name_until_its_item_is_deleted(
        sandbox: Sandbox, session: requests.Session) -> None:
    """The sandbox looks UIDs up in an index, as Nextcloud's tables do (``radicale_storage``): it still
    refuses a UID stored under another name (RFC 6352 §6.3.2.1), takes it once that item is gone,
    and sees a card written into the collection's folder behind the server's back."""
    book = make_addressbook(session, sandbox)
    headers = {"Content-Type": "text/vcard; charset=utf-8", "If-None-Match": "*"}
    for n in range(30):
        assert session.put(book + f"filler-{n}.vcf", data=vcard(f"filler-{n}").encode(),
                           headers=headers).status_code == 201
    uid = f"contact-{uuid.uuid4()}"
    assert session.put(book + "first.vcf", data=vcard(uid).encode(), headers=headers).status_code == 201
    second = session.put(book + "second.vcf", data=vcard(uid).encode(), headers=headers)
    assert second.status_code == 409 and b"no-uid-conflict" in second.content
    assert session.delete(book + "first.vcf").status_code in (200, 204)
    assert session.put(book + "second.vcf", data=vcard(uid).encode(), headers=headers).status_code == 201

    folder = sandbox.groupware_dir() / "collection-root" / sandbox.user / book.rstrip("/").rsplit("/", 1)[1]
    planted = f"contact-{uuid.uuid4()}"
    (folder / "planted.vcf").write_text(vcard(planted), encoding="utf-8", newline="")
    beside = session.put(book + "beside.vcf", data=vcard(planted).encode(), headers=headers)
    assert beside.status_code == 409 and b"no-uid-conflict" in beside.content


def test_a_vcard_without_uid_is_refused(sandbox: Sandbox, session: requests.Session) -> None:
    book = make_addressbook(session, sandbox)
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Uid\r\nN:Uid;No;;;\r\nEND:VCARD\r\n"
    refused = session.put(book + "no-uid.vcf", data=card.encode(), headers={"Content-Type": "text/vcard"})
    assert refused.status_code == 400


# --- what the gateway keeps doing for these paths -----------------------------------------------------


@pytest.mark.parametrize("path", [DAV, DAV + "/", DAV + "/{user}/", DAV + "/{user}/calendar/"])
def test_no_credentials_or_a_wrong_password_is_401(sandbox: Sandbox, path: str) -> None:
    url = sandbox.url + path.format(user=sandbox.user)
    for auth in (None, (sandbox.user, "wrong")):
        answer = requests.request("PROPFIND", url, auth=auth, headers={"Depth": "0"})
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"] == 'Basic realm="Nextcloud"'
        assert "NotAuthenticated" in answer.text


def test_another_users_home_is_not_served(sandbox: Sandbox, session: requests.Session) -> None:
    answer = session.request("PROPFIND", sandbox.url + DAV + "/someone-else/", headers={"Depth": "0"})
    assert answer.status_code == 403  # Radicale's owner_only rights


def test_maintenance_is_503_for_calendars_and_contacts(sandbox: Sandbox, session: requests.Session) -> None:
    sandbox.set_maintenance(True)
    try:
        for path in (DAV + "/", f"{DAV}/{sandbox.user}/"):
            answer = session.request("PROPFIND", sandbox.url + path, headers={"Depth": "0"})
            assert answer.status_code == 503
            assert answer.headers["X-Nextcloud-Maintenance-Mode"] == "1"
            assert "System in maintenance mode." in answer.text
    finally:
        sandbox.set_maintenance(False)
    assert session.request("PROPFIND", home(sandbox), headers={"Depth": "0"}).status_code == 207


def test_faults_and_the_request_log_cover_these_paths(sandbox: Sandbox, session: requests.Session) -> None:
    book = make_addressbook(session, sandbox)
    uid = f"fault-{uuid.uuid4()}"
    url = book + uid + ".vcf"
    sandbox.add_fault("PUT", rf"/{uid}\.vcf$", 503, headers={"Retry-After": "1"})
    sandbox.clear_requests()
    failed = session.put(url, data=vcard(uid).encode(), headers={"If-None-Match": "*"})
    assert failed.status_code == 503 and failed.headers["Retry-After"] == "1"
    assert session.get(url).status_code == 404  # the fault answered before Radicale saw it
    done = session.put(url, data=vcard(uid).encode(), headers={"If-None-Match": "*"})
    assert done.status_code == 201
    path = url[len(sandbox.url) :]
    assert [(r.method, r.path, r.status) for r in sandbox.requests] == [
        ("PUT", path, 503),
        ("GET", path, 404),
        ("PUT", path, 201),
    ]
    assert sandbox.requests[-1].bytes_in == len(vcard(uid).encode())


def test_files_and_uploads_are_still_the_file_servers(sandbox: Sandbox, session: requests.Session) -> None:
    files = f"{sandbox.url}{DAV}/files/{sandbox.user}/"
    put = session.put(files + "note.txt", data=b"hello")
    assert put.status_code in (201, 204)
    assert (sandbox.files_dir() / "note.txt").read_bytes() == b"hello"
    assert "oc-fileid" in {name.lower() for name in put.headers}  # Nextcloud's files semantics, not Radicale's
    upload = f"{sandbox.url}{DAV}/uploads/{sandbox.user}/upload-{uuid.uuid4().hex}"
    assert session.request("MKCOL", upload).status_code == 201
    assert session.request("DELETE", upload).status_code == 204
    legacy = session.get(f"{sandbox.url}/remote.php/webdav/note.txt")
    assert legacy.status_code == 200 and legacy.content == b"hello"
    # the folders themselves are sabre's, not calendar homes
    assert session.request("PROPFIND", f"{sandbox.url}{DAV}/files", headers={"Depth": "0"}).status_code == 404
    assert not (sandbox.groupware_dir() / "collection-root" / "files").exists()


def test_radicales_web_pages_are_not_served(sandbox: Sandbox, session: requests.Session) -> None:
    for path in (DAV + "/", DAV, DAV + "/.web", DAV + "/.web/"):
        assert session.get(sandbox.url + path, allow_redirects=False).status_code == 404
    assert requests.get(sandbox.url + DAV + "/").status_code == 401  # auth still comes first


def journal_entry(uid: str) -> str:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VJOURNAL\r\n"
            f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Carnet\r\nEND:VJOURNAL\r\nEND:VCALENDAR\r\n")


def test_journal_entries_go_only_where_the_calendar_takes_them(sandbox: Sandbox, session: requests.Session) -> None:
    """As on Nextcloud: a calendar made without a component set takes events and tasks, not journal
    entries (403, sabre's InvalidComponentType); one made with VJOURNAL in its set takes them."""
    made = {}
    for name, body in (("plain", ""), ("journal", (
            '<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set>'
            "<d:prop><c:supported-calendar-component-set><c:comp name=\"VEVENT\"/><c:comp name=\"VJOURNAL\"/>"
            "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"))):
        url = f"{home(sandbox)}{name}-{uuid.uuid4().hex[:8]}/"
        assert session.request("MKCALENDAR", url, data=body.encode()).status_code == 201
        made[name] = url
    refused = session.put(made["plain"] + "j.ics", data=journal_entry("j1").encode(),
                          headers={"Content-Type": "text/calendar"})
    assert refused.status_code == 403 and b"InvalidComponentType" in refused.content
    assert session.put(made["plain"] + "e.ics", data=event("e1").encode(),
                       headers={"Content-Type": "text/calendar"}).status_code == 201
    assert session.put(made["journal"] + "j.ics", data=journal_entry("j2").encode(),
                       headers={"Content-Type": "text/calendar"}).status_code == 201
    assert "Carnet" in session.get(made["journal"] + "j.ics").text
