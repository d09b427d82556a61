"""Calendar and contact conversion: realistic Takeout-like inputs in, parsed again with vobject out."""

from __future__ import annotations

import base64
import io
import os

import vobject
from PIL import Image

from degoogle.convert import ical, vcard
from tests.groupware_samples import apple_group
from tests.groupware_samples import vcard as vcard_card


def vcard_sample(uid: str, fn: str, *extra: str) -> str:
    return vcard_card(uid, fn, fn.split()[-1], fn.split()[0], *extra)

PARIS_TZ = """BEGIN:VTIMEZONE
TZID:Europe/Paris
X-LIC-LOCATION:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def _event(uid: str, extra: str = "") -> str:
    return (f"BEGIN:VEVENT\nDTSTART:20240301T090000Z\nDTEND:20240301T100000Z\nDTSTAMP:20240101T000000Z\n"
            f"UID:{uid}\nSUMMARY:Event {uid}\n{extra}END:VEVENT\n")


GOOGLE_ICS = ("BEGIN:VCALENDAR\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\nVERSION:2.0\n"
              "CALSCALE:GREGORIAN\nMETHOD:REQUEST\nX-WR-CALNAME:Famille Dupont\nX-WR-TIMEZONE:Europe/Paris\n"
              + PARIS_TZ +
              """BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:20240105T180000
DTEND;TZID=Europe/Paris:20240105T190000
RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=10
EXDATE;TZID=Europe/Paris:20240119T180000
DTSTAMP:20240101T000000Z
UID:weekly-choir@google.com
SUMMARY:Chorale
LOCATION:Salle St-Jean\\, Liège
DESCRIPTION:Apporter les partitions\\nEt de l'eau
URL:https://example.org/chorale
CATEGORIES:Musique,Loisirs
ATTACH;FMTTYPE=application/pdf:https://drive.google.com/file/d/abc/view
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Rappel
TRIGGER:-PT30M
END:VALARM
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:20240127T100000
DTEND;TZID=Europe/Paris:20240127T110000
RECURRENCE-ID;TZID=Europe/Paris:20240126T180000
DTSTAMP:20240101T000000Z
UID:weekly-choir@google.com
SUMMARY:Chorale (samedi exceptionnellement)
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20240310T090000
DTEND;TZID=Asia/Tokyo:20240310T230000
DTSTAMP:20240101T000000Z
UID:call-ny-tokyo@google.com
SUMMARY:Appel New York / Tokyo
ORGANIZER;CN=Marie:mailto:marie@example.org
ATTENDEE;CN=Karim;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;SCHEDULE-FORCE-SEND=REQUEST:mailto:karim@example.org
ATTENDEE;CN="Dupont, Jean";PARTSTAT=ACCEPTED:mailto:jean@example.org
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20240214
DTEND;VALUE=DATE:20240215
DTSTAMP:20240101T000000Z
UID:birthday@google.com
SUMMARY:Anniversaire de Jeanne
END:VEVENT
BEGIN:VEVENT
DTSTART:20240401T083000
DTEND:20240401T090000
DTSTAMP:20240101T000000Z
SUMMARY:Marché (heure locale\\, pas de fuseau)
END:VEVENT
BEGIN:VTODO
DTSTAMP:20240101T000000Z
UID:todo-taxes@google.com
DUE;VALUE=DATE:20240515
SUMMARY:Déclaration d'impôts
STATUS:NEEDS-ACTION
END:VTODO
END:VCALENDAR
""")


def _resources(split: ical.CalendarSplit) -> dict[str, vobject.base.Component]:
    return {r.uid: vobject.readOne(r.text) for r in split.resources}


def test_google_export_is_split_by_uid_with_everything_kept() -> None:
    split = ical.split_calendar(GOOGLE_ICS)
    assert split.name == "Famille Dupont"
    assert split.bad == []
    assert len(split.resources) == 5
    parsed = _resources(split)
    choir = parsed["weekly-choir@google.com"]
    assert not hasattr(choir, "method")
    assert choir.prodid.value == ical.PRODID and choir.version.value == "2.0"
    events = choir.vevent_list
    assert len(events) == 2
    master, moved = events
    assert not hasattr(master, "recurrence_id")
    assert str(master.dtstart.value.tzinfo) and master.dtstart.value.utcoffset().total_seconds() == 3600
    assert master.rrule.value == "FREQ=WEEKLY;BYDAY=FR;COUNT=10"
    assert master.exdate.value[0].day == 19
    assert master.location.value == "Salle St-Jean, Liège"
    assert master.description.value == "Apporter les partitions\nEt de l'eau"
    assert master.url.value == "https://example.org/chorale"
    assert master.categories.value == ["Musique", "Loisirs"]
    assert master.attach.value == "https://drive.google.com/file/d/abc/view"
    assert master.x_google_conference.value == "https://meet.google.com/abc-defg-hij"
    assert master.valarm.trigger.value.total_seconds() == -1800
    assert moved.recurrence_id.value.day == 26 and moved.dtstart.value.day == 27
    assert [tz.tzid.value for tz in choir.vtimezone_list] == ["Europe/Paris"]
    assert "X-LIC-LOCATION:Europe/Paris" in split.resources[0].text  # copied, not regenerated
    recurrences = list(master.getrruleset())
    assert len(recurrences) == 9  # COUNT=10 minus the EXDATE


def test_missing_time_zones_are_added_from_tzdata() -> None:
    call = _resources(ical.split_calendar(GOOGLE_ICS))["call-ny-tokyo@google.com"]
    assert sorted(tz.tzid.value for tz in call.vtimezone_list) == ["America/New_York", "Asia/Tokyo"]
    start, end = call.vevent.dtstart.value, call.vevent.dtend.value
    assert start.utcoffset().total_seconds() == -4 * 3600  # 10 March 2024 09:00: DST has begun in New York
    assert end.utcoffset().total_seconds() == 9 * 3600


def test_no_scheduling_side_effects() -> None:
    call = _resources(ical.split_calendar(GOOGLE_ICS))["call-ny-tokyo@google.com"]
    assert call.vevent.organizer.params["SCHEDULE-AGENT"] == ["CLIENT"]
    attendees = call.vevent.attendee_list
    assert len(attendees) == 2
    for attendee in attendees:
        assert attendee.params["SCHEDULE-AGENT"] == ["CLIENT"]
        assert "SCHEDULE-FORCE-SEND" not in attendee.params
    assert attendees[1].params["CN"] == ["Dupont, Jean"]
    assert attendees[0].params["RSVP"] == ["TRUE"]


def test_all_day_floating_todo_and_generated_uid() -> None:
    split = ical.split_calendar(GOOGLE_ICS)
    parsed = _resources(split)
    birthday = parsed["birthday@google.com"].vevent
    assert "DTSTART;VALUE=DATE:20240214" in next(r.text for r in split.resources if r.uid == "birthday@google.com")
    assert birthday.dtstart.value.isoformat() == "2024-02-14"
    floating = next(r for r in split.resources if r.uid_generated)
    assert floating.uid.startswith("degoogle-")
    assert floating.summary == "Marché (heure locale, pas de fuseau)"
    event = parsed[floating.uid].vevent
    assert event.dtstart.value.tzinfo is None and event.uid.value == floating.uid
    assert not hasattr(parsed[floating.uid], "vtimezone")
    again = ical.split_calendar(GOOGLE_ICS.replace("DTSTAMP:20240101T000000Z", "DTSTAMP:20250101T000000Z"))
    assert floating.uid in {r.uid for r in again.resources}  # a new export gives the same UID
    todo = next(r for r in split.resources if r.kind == "VTODO")
    assert todo.uid == "todo-taxes@google.com"
    assert parsed[todo.uid].vtodo.due.value.isoformat() == "2024-05-15"


def test_one_malformed_event_among_twenty() -> None:
    events = [_event(f"ev{i}@google.com") for i in range(20)]
    events[7] = _event("ev7@google.com", "THIS LINE HAS NO COLON\n")
    text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n" + "".join(events) + "END:VCALENDAR\n"
    split = ical.split_calendar(text)
    assert len(split.resources) == 19
    assert [b.uid for b in split.bad] == ["ev7@google.com"]
    expected_line = text.splitlines().index("THIS LINE HAS NO COLON") + 1
    assert split.bad[0].line == expected_line
    assert "Failed to parse line" in split.bad[0].reason


def test_bad_date_unknown_zone_and_missing_end_are_reported() -> None:
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\n" + _event("a", "RDATE:2024-13-45\n")
            + _event("b").replace("DTSTART:20240301T090000Z", "DTSTART;TZID=Mars/Olympus:20240301T090000")
            + _event("c") + "BEGIN:VEVENT\nUID:d\nSUMMARY:cut\nEND:VCALENDAR\n")
    split = ical.split_calendar(text)
    assert [r.uid for r in split.resources] == ["c"]
    reasons = {b.uid: (b.line, b.reason) for b in split.bad}
    assert reasons["a"][0] == text.splitlines().index("RDATE:2024-13-45") + 1 and "RDATE" in reasons["a"][1]
    assert "Mars/Olympus" in reasons["b"][1]
    assert "END:VCALENDAR at line 28 does not close BEGIN:VEVENT" in reasons["d"][1]


def test_resource_names() -> None:
    assert ical.resource_name("abc123@google.com") == "abc123@google.com.ics"
    weird = ical.resource_name("a/b c?")
    assert weird == ical.resource_name("a/b c?") and len(weird) == 44 and weird.endswith(".ics")
    assert vcard.resource_name("../x").endswith(".vcf") and "/" not in vcard.resource_name("../x")


VCARD_21 = """BEGIN:VCARD
VERSION:2.1
N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BCller
NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Premi=C3=A8re ligne=0D=0ADeuxi=C3=A8me, ligne=
 fin
TEL;HOME;VOICE:+32 4 123 45 67
EMAIL;INTERNET;PREF:jorg@example.be
END:VCARD
"""

VCARD_30 = """BEGIN:VCARD
VERSION:3.0
FN:Marie Dupont
N:Dupont;Marie;;;
EMAIL;TYPE=INTERNET;TYPE=HOME:marie@example.org
EMAIL;TYPE=INTERNET;TYPE=WORK:m.dupont@work.example
TEL;TYPE=CELL:+32 470 00 00 00
TEL;TYPE=WORK:+32 2 000 00 00
ADR;TYPE=HOME:;;Rue de la Loi 1;Liège;;4000;Belgique
BDAY:1957-03-08
NOTE:Aime le jardinage\\, les chats\\nAppeler le dimanche
UID:marie-1@google.com
END:VCARD
"""

VCARD_40 = """BEGIN:VCARD
VERSION:4.0
FN:Ana Souza
TEL;VALUE=uri;TYPE="voice,home":tel:+55-11-5555-0000
EMAIL;PREF=1:ana@example.br
PHOTO:https://lh3.googleusercontent.com/photo.jpg
UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
END:VCARD
"""


def test_vcard_21_upgraded_30_and_40_kept() -> None:
    split = vcard.split_vcards(VCARD_21 + VCARD_30 + VCARD_40)
    assert split.bad == []
    old, marie, ana = split.cards
    card = vobject.readOne(old.text)
    assert card.version.value == "3.0"
    assert card.n.value.family == "Müller" and card.n.value.given == "Jörg"
    assert card.fn.value == "Jörg Müller"
    assert card.note.value == "Première ligne\nDeuxième, ligne fin"
    assert card.tel.params["TYPE"] == ["HOME", "VOICE"] and card.tel.value == "+32 4 123 45 67"
    assert card.email.params["TYPE"] == ["INTERNET", "PREF"]
    assert "CHARSET" not in old.text and "QUOTED-PRINTABLE" not in old.text
    assert old.uid_generated and old.uid.startswith("degoogle-")
    card = vobject.readOne(marie.text)
    assert [(e.value, e.params["TYPE"]) for e in card.email_list] == [
        ("marie@example.org", ["INTERNET", "HOME"]), ("m.dupont@work.example", ["INTERNET", "WORK"])]
    assert [(t.value, t.params["TYPE"]) for t in card.tel_list] == [
        ("+32 470 00 00 00", ["CELL"]), ("+32 2 000 00 00", ["WORK"])]
    assert card.adr.value.street == "Rue de la Loi 1" and card.adr.value.city == "Liège"
    assert card.adr.value.code == "4000" and card.adr.value.country == "Belgique"
    assert card.bday.value == "1957-03-08"
    assert card.note.value == "Aime le jardinage, les chats\nAppeler le dimanche"
    assert marie.uid == "marie-1@google.com" and not marie.uid_generated
    assert "VERSION:4.0" in ana.text and 'TEL;VALUE=uri;TYPE="voice,home":tel:+55-11-5555-0000' in ana.text
    assert ana.photo_url == "https://lh3.googleusercontent.com/photo.jpg"
    assert ana.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


def _big_jpeg() -> bytes:
    image = Image.frombytes("RGB", (1700, 1700), os.urandom(1700 * 1700 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def test_big_photo_is_shrunk_under_one_megabyte() -> None:
    data = _big_jpeg()
    assert len(data) > 3_000_000
    encoded = base64.b64encode(data).decode("ascii")
    text = f"BEGIN:VCARD\nVERSION:3.0\nFN:Photo\nN:;Photo;;;\nPHOTO;ENCODING=b;TYPE=JPEG:{encoded}\nEND:VCARD\n"
    card = vobject.readOne(vcard.split_vcards(text).cards[0].text)
    photo = card.photo.value
    assert isinstance(photo, bytes) and len(photo) <= 1_000_000
    shrunk = Image.open(io.BytesIO(photo))
    assert shrunk.format == "JPEG" and shrunk.width == shrunk.height and shrunk.width < 1700


def test_contact_in_three_label_files_is_one_card_with_three_groups() -> None:
    google = "BEGIN:VCARD\nVERSION:3.0\nFN:Paul Martin\nN:Martin;Paul;;;\nEMAIL:paul@example.fr\nEND:VCARD\n"
    cards = []
    for label in ("Famille", "Voisins", "Club de bridge"):
        cards += vcard.split_vcards(google, group=label).cards
    merged = vcard.merge_groups(cards)
    assert len(merged) == 1
    card = vobject.readOne(merged[0].text)
    assert card.categories.value == ["Famille", "Voisins", "Club de bridge"]
    assert card.uid.value == merged[0].uid == cards[0].uid == cards[2].uid


def test_apple_group_cards_become_categories_of_their_members() -> None:
    lea, karim, zoe = "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "karim-benali", "zoe-angstrom"
    book = (vcard_sample(lea, "Léa Dupont", "CATEGORIES:Chorale,famille")
            + vcard_sample(karim, "Karim Benali") + vcard_sample(zoe, "Zoë Ångström")
            + apple_group("g-famille", "Famille", f"urn:uuid:{lea}", karim)
            + apple_group("g-travail", "Travail", f"URN:UUID:{lea.lower()}", version="4.0")
            + apple_group("g-vide", "Vide", "urn:uuid:someone-in-another-book"))
    cards = vcard.split_vcards(book).cards
    fold = vcard.fold_groups(cards)

    assert [c.uid for c in fold.contacts] == [lea, karim, zoe]
    assert [(g.fn, members) for g, members in fold.groups] == [("Famille", 2), ("Travail", 1), ("Vide", 0)]
    categories = {c.uid: vobject.readOne(c.text).contents.get("categories") for c in fold.contacts}
    # kept in their order, "Famille" not added twice (case aside), the new ones after
    assert categories[lea][0].value == ["Chorale", "famille", "Travail"]
    assert categories[karim][0].value == ["Famille"]
    assert categories[zoe] is None and fold.contacts[2].text == cards[2].text
    # the same book in another order gives the same texts: a second run finds them already there
    again = vcard.fold_groups(list(reversed(cards)))
    assert {c.uid: c.text for c in again.contacts} == {c.uid: c.text for c in fold.contacts}


def test_card_with_only_org_and_a_malformed_card() -> None:
    text = ("BEGIN:VCARD\nVERSION:3.0\nORG:Boulangerie Lambert;Vente\nTEL:+32 4 222 22 22\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nTHIS IS NOT A PROPERTY\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nEMAIL:only@example.org\nEND:VCARD\n")
    split = vcard.split_vcards(text)
    assert [c.fn for c in split.cards] == ["Boulangerie Lambert", "only@example.org"]
    card = vobject.readOne(split.cards[0].text)
    assert card.fn.value == "Boulangerie Lambert" and card.org.value == ["Boulangerie Lambert", "Vente"]
    assert card.n.value.family == ""
    assert len(split.bad) == 1 and split.bad[0].line == 9
    assert "Failed to parse line" in split.bad[0].reason


def test_fetched_url_photo_is_embedded() -> None:
    ana = vcard.split_vcards(VCARD_40).cards[0]
    with_photo = vcard.embed_photo(ana, _big_jpeg())
    assert with_photo.photo_url is None
    photo = next(line for line in with_photo.text.splitlines() if line.startswith("PHOTO:"))
    assert photo.startswith("PHOTO:data:image/jpeg;base64,")
    assert "lh3.googleusercontent.com" not in with_photo.text
    body = with_photo.text.replace("\r\n ", "").split("base64,", 1)[1].split("\r\n", 1)[0]
    assert len(base64.b64decode(body)) <= 1_000_000
