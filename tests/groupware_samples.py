"""Calendars and address books for the groupware tests, written as Google, Apple and old phones write them.

``family_calendar()`` holds every case the round trip must keep (recurrence with a moved and a cancelled
occurrence, floating and all-day events, three time zones, alarms, an invitation, non-ASCII text, a
task); ``many_events()`` makes volume with a chosen share of damaged events; ``contacts_*`` the same for
vCards (a contact in three labels, a 2.1 card with quoted-printable, a 3 MB photo).
``components()`` / ``cards()`` read text back into comparable property sets.
"""

from __future__ import annotations

import base64
import io
import random
from collections.abc import Iterator

from PIL import Image
from vobject.base import parseLine

from degoogle.convert.ical import unescape_text, unfold

CRLF = "\r\n"

#: properties a server or the converter may rewrite; not part of what the user wrote
VOLATILE = {"PRODID", "DTSTAMP", "REV", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE",
            "X-APPLE-CALENDAR-COLOR", "X-WR-CALCOLOR", "LAST-MODIFIED", "CREATED", "SEQUENCE"}
#: parameters the converter adds on purpose (RFC 6638), compared separately
ADDED_PARAMS = {"SCHEDULE-AGENT"}


def ics(*components: str, name: str = "Famille", color: str | None = "#3A87ADFF", method: bool = True) -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "CALSCALE:GREGORIAN"]
    if method:
        head.append("METHOD:PUBLISH")
    head.append(f"X-WR-CALNAME:{name}")
    if color:
        head.append(f"X-APPLE-CALENDAR-COLOR:{color}")
    return CRLF.join(head) + CRLF + "".join(components) + "END:VCALENDAR" + CRLF


def event(uid: str, summary: str, start: str, end: str, *extra: str, stamp: str = "20261120T101010Z") -> str:
    """A VEVENT; ``start``/``end`` are whole property lines after the name (``;TZID=…:…``, ``:…Z``)."""
    lines = ["BEGIN:VEVENT", f"DTSTART{start}", f"DTEND{end}", f"DTSTAMP:{stamp}", f"UID:{uid}",
             f"SUMMARY:{summary}", *extra, "END:VEVENT"]
    return CRLF.join(lines) + CRLF


ALARM = CRLF.join(["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER:-PT30M", "END:VALARM"])
EMAIL_ALARM = CRLF.join(["BEGIN:VALARM", "ACTION:EMAIL", "DESCRIPTION:Rappel par courriel", "SUMMARY:Rappel",
                         "ATTENDEE:mailto:marie@example.org", "TRIGGER;VALUE=DATE-TIME:20260301T080000Z",
                         "END:VALARM"])


def family_calendar() -> str:
    """Every case of the round trip, in Google's export shape (METHOD:PUBLISH, UTC DTSTAMP)."""
    return ics(
        # weekly, one occurrence moved (RECURRENCE-ID) and one cancelled (EXDATE), Paris time
        event("weekly-choir@example.org", "Chorale à l'église Saint-Étienne", ";TZID=Europe/Paris:20260105T190000",
              ";TZID=Europe/Paris:20260105T210000", "RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO",
              "EXDATE;TZID=Europe/Paris:20260119T190000", "LOCATION:Église Saint-Étienne\\, Liège",
              "DESCRIPTION:Répétition générale.\\nApporter la partition.", ALARM,
              "CATEGORIES:Musique,Famille", "X-GOOGLE-CONFERENCE:https://meet.example.org/abc",
              "URL:https://chorale.example.org/agenda"),
        event("weekly-choir@example.org", "Chorale (déplacée au mardi)", ";TZID=Europe/Paris:20260113T200000",
              ";TZID=Europe/Paris:20260113T220000", "RECURRENCE-ID;TZID=Europe/Paris:20260112T190000"),
        # all-day, three days
        event("holidays-2026@example.org", "Vacances à Knokke", ";VALUE=DATE:20260706", ";VALUE=DATE:20260709",
              "TRANSP:TRANSPARENT"),
        # floating (no time zone: "at 8 wherever I am")
        event("floating-wakeup@example.org", "Réveil sans fuseau", ":20260310T080000", ":20260310T083000"),
        # New York and Tokyo, and an invitation: ORGANIZER + ATTENDEE must not make the server send mail
        event("nyc-call@example.org", "Appel avec Karim (New York)", ";TZID=America/New_York:20260302T090000",
              ";TZID=America/New_York:20260302T100000",
              "ORGANIZER;CN=Marie Dupont:mailto:marie@example.org",
              "ATTENDEE;CN=Karim Benali;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:karim@example.org",
              "ATTENDEE;CN=Zoë Ångström;PARTSTAT=ACCEPTED:mailto:zoe@example.org", EMAIL_ALARM),
        event("tokyo-flight@example.org", "Vol pour Tōkyō 東京", ";TZID=Asia/Tokyo:20260415T113000",
              ";TZID=Asia/Tokyo:20260415T150000", "ATTACH;FMTTYPE=application/pdf:https://example.org/billet.pdf",
              "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC"),
        CRLF.join(["BEGIN:VTODO", "UID:todo-taxes@example.org", "DTSTAMP:20261120T101010Z",
                   "SUMMARY:Déclaration d'impôts", "DUE;VALUE=DATE:20260630", "STATUS:NEEDS-ACTION",
                   "END:VTODO"]) + CRLF,
        method=True,
    )


def many_events(count: int, *, bad_every: int = 0, name: str = "Travail", seed: int = 0,
                prefix: str = "ev") -> tuple[str, set[str]]:
    """``count`` events (one a day, Paris time); every ``bad_every``-th has an impossible DTSTART.
    Returns the calendar and the UIDs of the damaged ones."""
    rng = random.Random(seed)
    parts: list[str] = []
    bad: set[str] = set()
    for i in range(count):
        uid = f"{prefix}-{seed}-{i:05d}@example.org"
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        start = f";TZID=Europe/Paris:2026{month:02d}{day:02d}T{8 + rng.randrange(10):02d}0000"
        end = start[:-4] + "3000"
        if bad_every and i % bad_every == bad_every - 1:
            start = ";TZID=Europe/Paris:20261345T250000"
            bad.add(uid)
        parts.append(event(uid, f"Réunion n°{i} — équipe {rng.choice(['Nord', 'Sud', 'Été'])}", start, end,
                           f"DESCRIPTION:Ordre du jour {i}\\, points divers"))
    return ics(*parts, name=name, color=None), bad


# -- contacts ------------------------------------------------------------------------------------------


def vcard(uid: str, fn: str, family: str, given: str, *extra: str, version: str = "3.0") -> str:
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{fn}", f"N:{family};{given};;;", f"UID:{uid}", *extra,
             "END:VCARD"]
    return CRLF.join(lines) + CRLF


def apple_group(uid: str, name: str, *members: str, version: str = "3.0") -> str:
    """A group card as iCloud writes it (vCard 3: ``X-ADDRESSBOOKSERVER-*``) or as vCard 4 does
    (``KIND``/``MEMBER``); ``members`` are written as given (``urn:uuid:…`` or not)."""
    if version == "4.0":
        return CRLF.join(["BEGIN:VCARD", "VERSION:4.0", "KIND:group", f"FN:{name}", f"UID:{uid}",
                          *(f"MEMBER:{m}" for m in members), "END:VCARD"]) + CRLF
    return vcard(uid, name, name, "", "X-ADDRESSBOOKSERVER-KIND:group",
                 *(f"X-ADDRESSBOOKSERVER-MEMBER:{m}" for m in members))


def noisy_jpeg(size: int = 3_000_000, seed: int = 1) -> bytes:
    """A JPEG of random noise of about ``size`` bytes (noise does not compress: size ~ pixels)."""
    rng = random.Random(seed)
    side = 1200
    while True:
        image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=95)
        if out.tell() >= size:
            return out.getvalue()
        side = int(side * (size / out.tell()) ** 0.5) + 16


def photo_line(data: bytes) -> str:
    return "PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(data).decode("ascii")


LEA = vcard("lea-dupont@example.org", "Léa Dupont", "Dupont", "Léa", "EMAIL;TYPE=HOME:lea@example.org",
            "EMAIL;TYPE=WORK:lea.dupont@travail.example.org", "TEL;TYPE=CELL:+32 470 12 34 56",
            "ADR;TYPE=HOME:;;Rue de l'Église 4;Liège;;4000;Belgique", "BDAY:1985-04-12",
            "NOTE:Rencontrée à la chorale\\, voisine de Zoë.", "ORG:Chorale Saint-Étienne")
KARIM = vcard("karim-benali@example.org", "Karim Benali", "Benali", "Karim", "EMAIL:karim@example.org",
              "TEL;TYPE=WORK:+32 4 222 33 44")
#: vCard 2.1 from an old phone: bare types, QUOTED-PRINTABLE with CHARSET, a soft line break
OLD_PHONE = CRLF.join([
    "BEGIN:VCARD", "VERSION:2.1", "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller", "TEL;CELL;VOICE:+49 171 1234567",
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Tr=C3=A8s long commentaire sur deux lignes, =",
    "avec accents =C3=A9=C3=A8", "END:VCARD",
]) + CRLF


def contacts_all(*cards: str) -> str:
    return "".join(cards)


def many_cards(count: int, *, bad_every: int = 0, seed: int = 0) -> tuple[str, set[str]]:
    """``count`` cards; every ``bad_every``-th is damaged (no END before the next BEGIN)."""
    out: list[str] = []
    bad: set[str] = set()
    for i in range(count):
        uid = f"card-{seed}-{i:05d}@example.org"
        card = vcard(uid, f"Personne {i} Éloïse", f"Nom{i}", "Éloïse", f"EMAIL:p{i}@example.org",
                     f"TEL:+32 470 {i:06d}")
        if bad_every and i % bad_every == bad_every - 1:
            card = card.replace("END:VCARD\r\n", "")
            bad.add(uid)
        out.append(card)
    return "".join(out), bad


# -- reading back ----------------------------------------------------------------------------------------


Prop = tuple[str, tuple[tuple[str, tuple[str, ...]], ...], str]


def _lines(text: str) -> Iterator[tuple[str, list[list[str]], str]]:
    for number, line in unfold(text):
        name, params, value, _group = parseLine(line, number)
        yield name.upper(), [list(p) for p in params], value


def components(text: str, drop_params: frozenset[str] = frozenset()) -> dict[tuple[str, str, str], set[Prop]]:
    """Every VEVENT/VTODO (and what it holds, VALARMs included) as ``(kind, UID, RECURRENCE-ID)`` →
    its properties as comparable tuples (values unescaped, parameters sorted, VOLATILE left out)."""
    found: dict[tuple[str, str, str], set[Prop]] = {}
    stack: list[tuple[str, set[Prop]]] = []
    for name, params, value in _lines(text):
        if name == "BEGIN":
            stack.append((value.upper(), set()))
            continue
        if name == "END":
            kind, props = stack.pop()
            if kind in ("VEVENT", "VTODO"):
                uid = next(v for n, _p, v in props if n == "UID")
                rid = next((v for n, _p, v in props if n == "RECURRENCE-ID"), "")
                found[(kind, uid, rid)] = props
            elif stack and kind == "VALARM":
                stack[-1][1].add(("VALARM", (), repr(sorted(props))))
            continue
        if name in VOLATILE or not stack:
            continue
        norm = tuple(sorted((p[0].upper(), tuple(sorted(v.strip('"') for v in p[1:]))) for p in params
                            if p[0].upper() not in drop_params))
        stack[-1][1].add((name, norm, unescape_text(value)))
    return found


def cards(text: str) -> dict[str, dict[str, list[str]]]:
    """Each card by UID: property name → sorted values with their TYPE parameters (an embedded photo as its
    length)."""
    found: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for name, params, value in _lines(text):
        if name == "BEGIN":
            current = {}
        elif name == "END":
            found[current["UID"][0]] = {k: sorted(v) for k, v in current.items()}
        elif name not in VOLATILE:
            types = sorted(t.upper() for p in params if p[0].upper() == "TYPE" for v in p[1:] for t in v.split(","))
            shown = f"<{len(value)} chars>" if name == "PHOTO" and len(value) > 300 else unescape_text(value)
            current.setdefault(name, []).append(f"{','.join(types)}|{shown}" if types else shown)
    return found
