"""DavCollections against two real servers, Radicale and Xandikos: discovery, collections, idempotent PUT."""

from __future__ import annotations

import uuid

import pytest

from degoogle.convert.ical import resource_name as ics_name
from degoogle.convert.ical import split_calendar, unfold
from degoogle.convert.vcard import resource_name as vcf_name
from degoogle.errors import BadItemError, FatalError, UserError
from degoogle.protocols.dav import DavClient
from degoogle.sources.dav import SOURCE_ERRORS
from degoogle.targets.nextcloud.dav import DavCollections
from tests.dav_servers import DavServer, radicale_server, xandikos_server  # noqa: F401

EVENT = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//degoogle//EN\r
BEGIN:VEVENT\r
UID:{uid}\r
DTSTAMP:20260101T090000Z\r
DTSTART:20260301T100000Z\r
DTEND:20260301T110000Z\r
SUMMARY:{summary}\r
DESCRIPTION:Une description assez longue pour que le serveur la replie sur plusieurs lignes\\, avec des a\r
 ccents : éàü.\r
END:VEVENT\r
END:VCALENDAR\r
"""

INVITATION = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T090000Z
DTSTART:20260302T100000Z
DTEND:20260302T110000Z
SUMMARY:Réunion du club
ORGANIZER;CN=Marie:mailto:marie@example.org
ATTENDEE;CN=Karim;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:karim@example.org
END:VEVENT
END:VCALENDAR
"""

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:Léa Dupont\r\nN:Dupont;Léa;;;\r\n"
    "EMAIL;TYPE=HOME:lea@example.org\r\nEND:VCARD\r\n"
)


@pytest.fixture(scope="module", params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest) -> DavServer:
    found: DavServer = request.getfixturevalue(f"{request.param}_server")
    return found


@pytest.fixture
def dav(server: DavServer) -> DavCollections:
    return DavCollections(server.url, server.user, server.password)


def test_discovery_finds_both_homes(dav: DavCollections, server: DavServer) -> None:
    homes = dav.discover()
    assert homes.principal.startswith(server.url)
    assert homes.calendar_home.startswith(homes.principal)
    assert homes.addressbook_home.startswith(homes.principal)
    print(server.name, homes)


def test_ensure_calendar_finds_it_again_or_makes_a_second_one(dav: DavCollections) -> None:
    name = f"Famille {uuid.uuid4().hex[:6]}"
    first = dav.ensure_calendar(name, "#3366CCFF")
    again = dav.ensure_calendar(name, merge_into_existing=True)
    second = dav.ensure_calendar(name)

    assert again.url == first.url
    assert second.name == f"{name} (2)" and second.url != first.url
    on_server = {c.name: c for c in dav.calendars()}
    assert on_server[name].url == first.url
    assert (on_server[name].color or "").upper().startswith("#3366CC")
    assert f"{name} (2)" in on_server


def test_put_event_created_then_already_there_then_different_kept(dav: DavCollections) -> None:
    calendar = dav.ensure_calendar(f"Travail {uuid.uuid4().hex[:6]}")
    uid = f"{uuid.uuid4()}@google.com"
    ours = EVENT.format(uid=uid, summary="Dentiste")

    created = dav.put(calendar, ics_name(uid), ours, uid)
    repeat = dav.put(calendar, ics_name(uid), ours, uid)
    other = dav.put(calendar, ics_name(uid), EVENT.format(uid=uid, summary="Autre chose"), uid)

    assert created.state == "created"
    assert repeat.state == "already_there" and repeat.href == created.href
    assert other.state == "different_exists"
    stored, _etag = dav.get(created.href)
    assert "SUMMARY:Dentiste" in [line for _n, line in unfold(stored)]
    assert list(dav.list(calendar)) == [created.href]


def test_invitation_is_stored_with_schedule_agent_client(dav: DavCollections) -> None:
    calendar = dav.ensure_calendar(f"Club {uuid.uuid4().hex[:6]}")
    uid = f"{uuid.uuid4()}@google.com"
    resource = split_calendar(INVITATION.format(uid=uid)).resources[0]

    outcome = dav.put(calendar, ics_name(resource.uid), resource.text, resource.uid)
    stored, _etag = dav.get(outcome.href)

    lines = [line for _n, line in unfold(stored)]
    people = [line for line in lines if line.startswith(("ATTENDEE", "ORGANIZER"))]
    assert len(people) == 2
    assert all("SCHEDULE-AGENT=CLIENT" in line for line in people)
    assert not any(line.startswith("METHOD") for line in lines)
    assert dav.put(calendar, ics_name(resource.uid), resource.text, resource.uid).state == "already_there"


def test_addressbook_and_card_created_then_already_there(dav: DavCollections) -> None:
    name = f"Contacts {uuid.uuid4().hex[:6]}"
    book = dav.ensure_addressbook(name)
    assert dav.ensure_addressbook(name).url == book.url
    assert name in [b.name for b in dav.addressbooks()]
    uid = str(uuid.uuid4())
    card = CARD.format(uid=uid)

    created = dav.put(book, vcf_name(uid), card, uid)
    repeat = dav.put(book, vcf_name(uid), card, uid)

    assert (created.state, repeat.state) == ("created", "already_there")
    listed = dav.list(book)
    assert list(listed) == [created.href] and listed[created.href]


def test_radicale_refuses_a_card_without_uid(radicale_server: DavServer) -> None:  # noqa: F811
    dav = DavCollections(radicale_server.url, radicale_server.user, radicale_server.password)
    book = dav.ensure_addressbook(f"Sans UID {uuid.uuid4().hex[:6]}")
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Personne\r\nN:Personne;;;;\r\nEND:VCARD\r\n"

    with pytest.raises(BadItemError) as caught:
        dav.put(book, "personne.vcf", card, "")

    assert "400" in caught.value.detail and caught.value.code == "refused_by_server"


def test_wrong_password_is_fatal(radicale_server: DavServer) -> None:  # noqa: F811
    dav = DavCollections(radicale_server.url, radicale_server.user, "not-the-password")

    with pytest.raises(FatalError) as caught:
        dav.calendars()

    assert caught.value.code == "auth_failed"


def test_plain_http_is_refused_outside_loopback() -> None:
    with pytest.raises(UserError):
        DavCollections("http://cloud.example.org/", "marie", "pw")


RAW_COMMAS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T090000Z
DTSTART:20260303T180000Z
DTEND:20260303T210000Z
SUMMARY:Repas, partagé
LOCATION:Salle 3, mairie; entrée B
DESCRIPTION:Apporter du pain, du vin; et des fromages\\, merci
END:VEVENT
END:VCALENDAR
"""


def test_text_with_raw_commas_comes_back_whole(dav: DavCollections) -> None:
    """Exports carry raw commas in text; Radicale would cut the value at the first one if sent as is."""
    import vobject

    calendar = dav.ensure_calendar(f"Repas {uuid.uuid4().hex[:6]}")
    resource = split_calendar(RAW_COMMAS.format(uid=uuid.uuid4())).resources[0]
    outcome = dav.put(calendar, ics_name(resource.uid), resource.text, resource.uid)
    stored, _etag = dav.get(outcome.href)
    event = vobject.readOne(stored).vevent
    assert event.summary.value == "Repas, partagé"
    assert event.location.value == "Salle 3, mairie; entrée B"
    assert event.description.value == "Apporter du pain, du vin; et des fromages, merci"
    assert dav.put(calendar, ics_name(resource.uid), resource.text, resource.uid).state == "already_there"


def test_a_card_with_raw_commas_is_stored_and_comes_back_whole(dav: DavCollections) -> None:
    """Raw commas in TITLE, NOTE or ORG made Radicale refuse the card (400) before they were escaped."""
    import vobject

    from degoogle.convert.vcard import split_vcards

    book = dav.ensure_addressbook(f"Voisins {uuid.uuid4().hex[:6]}")
    uid = str(uuid.uuid4())
    text = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:Léa Dupont\r\nN:Dupont;Léa;;;\r\n"
            "TITLE:Présidente, trésorière\r\nNOTE:Voisine, rencontrée au marché; très gentille\r\n"
            "ORG:Club, section vélo;Bureau\r\nEND:VCARD\r\n")
    card = split_vcards(text).cards[0]
    outcome = dav.put(book, vcf_name(card.uid), card.text, card.uid)
    assert outcome.state == "created"
    stored = vobject.readOne(dav.get(outcome.href)[0])
    assert stored.title.value == "Présidente, trésorière"
    assert stored.note.value == "Voisine, rencontrée au marché; très gentille"
    assert stored.org.value == ["Club, section vélo", "Bureau"]


def test_a_read_only_client_reads_what_the_target_wrote_and_writes_nothing(dav: DavCollections,
                                                                           server: DavServer) -> None:
    """The one DAV client serves both sides: made read-only (as the DAV source makes it), it lists and
    reads the target's calendar, and every write refuses before a request leaves."""
    calendar = dav.ensure_calendar(f"Lecture {uuid.uuid4().hex[:6]}")
    uid = f"{uuid.uuid4()}@degoogle.test"
    written = dav.put(calendar, ics_name(uid), EVENT.format(uid=uid, summary="Lu"), uid)
    reader = DavClient(server.url, server.user, server.password, errors=SOURCE_ERRORS, read_only=True)

    before = dav.list(calendar)
    members = reader.members(calendar)
    assert [m.url for m in members] == [written.href]
    assert [uid in text for _href, text in reader.multiget(calendar, [m.href for m in members])] == [True]
    for name, call in [("put_new", lambda: reader.put_new(written.href, "x", "calendar", "write")),
                       ("make_calendar", lambda: reader.make_calendar(calendar.url + "x/", "X", None, "make")),
                       ("make_addressbook", lambda: reader.make_addressbook(calendar.url + "y/", "Y", "make")),
                       ("set_mark", lambda: reader.set_mark(calendar.url, "m", "mark"))]:
        with pytest.raises(FatalError) as caught:
            call()
        assert caught.value.code == "internal_error", name
    assert dav.list(calendar) == before  # same etag: the item untouched
    assert not [c for c in dav.calendars() if c.url.rstrip("/").endswith("x")]
    assert "Y" not in [b.name for b in dav.addressbooks()]
