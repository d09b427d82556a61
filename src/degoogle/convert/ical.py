"""Split one iCalendar file (a Takeout ``.ics``, a local file) into CalDAV resources, one per UID.

Terminology: a *component* is one VEVENT or VTODO as it appears in the file; a *resource* is what one
CalDAV ``PUT`` stores: a whole VCALENDAR holding every component of one UID (RFC 4791 §4.1: "all
components in a calendar object resource MUST have the same UID"), i.e. the master and its
RECURRENCE-ID overrides, plus the VTIMEZONE of every TZID they use (RFC 5545 §3.2.19, §3.6.5).

Text is handled as content lines (RFC 5545 §3.1): vobject's lexer (``vobject.base.parseLine``) reads each
unfolded line and its date parsers check every date property, so a malformed component is reported
with vobject's reason and its line while the rest of the file is split. vobject's whole parse of each
component (``full_check``) can be left to the moment a resource is written (``check_resource``).
Property values are copied as they were written (never decoded and re-encoded), so nothing is altered in transit.

Scheduling is neutralised (RFC 6638): ``METHOD`` is dropped (RFC 4791 §4.1 forbids it in stored
resources), ``SCHEDULE-AGENT=CLIENT`` is set on ORGANIZER and every ATTENDEE (§7.1: the server then
sends no iTIP message) and ``SCHEDULE-FORCE-SEND`` is removed (§7.2).

The content-line layer (``convert.content_lines``) serves ``convert.vcard`` too.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import vobject
from dateutil.rrule import rrulestr
from tzlocal.windows_tz import win_tz
from vobject.base import ParseError, parseLine
from vobject.icalendar import TimezoneComponent, stringToDate, stringToDateTime

# the content-line layer lives in convert.content_lines; its names stay importable from here
from degoogle.convert.content_lines import (
    Block,
    ContentLine,
    escape_text,
    find_blocks,
    parse_lines,
    safe_stem,
    unescape_text,
    unfold,
)

log = logging.getLogger(__name__)

PRODID = "-//degoogle//convert.ical//EN"
#: Outlook's display names: "(UTC+02:00) Athens, Bucharest, Istanbul" — the cities are IANA zone names
_OUTLOOK_DISPLAY = re.compile(r"^\(UTC[^)]*\)\s*(.+)$")
ComponentKind = Literal["VEVENT", "VTODO", "VJOURNAL"]
#: the components moved (VJOURNAL: journal entries, in a calendar made to accept them)
MOVED_COMPONENTS = {"VEVENT", "VTODO", "VJOURNAL"}


def resource_name(uid: str) -> str:
    """Return the stable CalDAV resource name (``<stem>.ics``) for ``uid``; never raises."""
    return safe_stem(uid) + ".ics"


@dataclass
class CalendarResource:
    """One CalDAV resource: every component of ``uid``; ``uid_generated`` when the file had no UID."""

    uid: str
    text: str
    kind: ComponentKind
    summary: str | None
    uid_generated: bool = False
    #: the time zones nobody knows that this resource was given as floating time (when allowed)
    floating: list[str] = field(default_factory=list)


@dataclass
class BadComponent:
    """A component left out, with the parser's reason, the line it failed on and its source text."""

    kind: str
    line: int
    reason: str
    text: str
    uid: str | None = None
    #: the time zone nobody knows that made it bad (set aside unless floating time is allowed)
    unknown_zone: str | None = None
    #: a component this version does not move (VFREEBUSY, VAVAILABILITY), not a damaged one
    unsupported: bool = False


@dataclass
class CalendarSplit:
    """What one iCalendar file holds: its name and colour, its resources and the components left out."""

    name: str | None
    color: str | None
    resources: list[CalendarResource]
    bad: list[BadComponent]


@dataclass
class _Component:
    kind: ComponentKind
    lines: list[ContentLine]
    uid: str
    uid_generated: bool
    recurrence_id: str | None
    tzids: set[str]
    floating: list[str] = field(default_factory=list)


class UnknownTimeZoneError(ParseError):
    """A TZID with no VTIMEZONE in the file that neither tzdata nor CLDR's Windows table knows."""

    def __init__(self, tzid: str, lineno: int | None = None) -> None:
        super().__init__(f"time zone {tzid!r} has no VTIMEZONE in the file and is not a known zone name", lineno)
        self.tzid = tzid


_DATE_PROPERTIES = {"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP", "CREATED",
                    "LAST-MODIFIED", "COMPLETED"}
_SCHEDULED = {"ORGANIZER", "ATTENDEE"}
#: single-valued TEXT properties (RFC 5545 §3.3.11, §3.8.1): a raw "," or ";" in them is invalid, and
#: Radicale silently cuts the value at a raw comma — escaped here, so nothing a person wrote is lost
_SINGLE_TEXT = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT"}


def _check_values(lines: list[ContentLine]) -> None:
    """Parse every date and recurrence rule with vobject/dateutil. Raises ``ParseError`` with the line."""
    for line in lines:
        try:
            if line.name in _DATE_PROPERTIES and "PERIOD" not in line.param("VALUE"):
                for value in line.value.split(","):
                    if "DATE" in line.param("VALUE"):
                        stringToDate(value)
                    else:
                        stringToDateTime(value)
            elif line.name in ("RRULE", "EXRULE"):
                rrulestr(line.value, dtstart=datetime(2000, 1, 1), ignoretz=True)
        except (ValueError, TypeError, IndexError, ParseError) as error:
            raise ParseError(f"{line.name}: {error}", line.lineno) from error


def known_zone(tzid: str) -> zoneinfo.ZoneInfo | None:
    """The zone a TZID names: an IANA name (tzdata), a Windows name (CLDR's table, as in
    ``W. Europe Standard Time``), or Outlook's display name whose cities name an IANA zone
    (``(UTC+02:00) Athens, Bucharest, Istanbul`` → Europe/Athens). None when nobody knows it."""
    candidates = [tzid, win_tz.get(tzid, ""), win_tz.get(f"{tzid} Standard Time", "")]
    display = _OUTLOOK_DISPLAY.match(tzid.strip())
    if display:
        cities = [c.strip().replace(" ", "_") for c in display.group(1).split(",")]
        candidates += [f"{area}/{city}" for city in cities if city
                       for area in ("Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic")]
    for name in candidates:
        if not name:
            continue
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
    return None


def _timezone_lines(tzid: str, source: dict[str, list[ContentLine]]) -> list[ContentLine]:
    """Return the VTIMEZONE for ``tzid``: the file's own, else one built by vobject from tzdata for
    the zone ``known_zone`` finds, keeping ``tzid`` as its TZID (the events name it so).

    vobject's ``TimezoneComponent`` samples the zone's offsets (2000-2030) into STANDARD/DAYLIGHT rules.
    Raises ``UnknownTimeZoneError`` when the file has none and no zone table knows ``tzid``.
    """
    if tzid in source:
        return source[tzid]
    zone = known_zone(tzid)
    if zone is None:
        raise UnknownTimeZoneError(tzid)
    generated = parse_lines(unfold(TimezoneComponent(tzinfo=zone).serialize()))
    for line in generated:
        if line.name == "TZID":
            line.value = escape_text(tzid, ",;")
    source[tzid] = generated
    return generated


def _make_floating(lines: list[ContentLine], tzid: str) -> None:
    """Drop ``tzid`` from every date of ``lines``: they become floating time (RFC 5545 §3.3.5, form #1)."""
    for line in lines:
        if tzid in line.param("TZID"):
            line.set_param("TZID", [])


def _read_one(lines: list[ContentLine]) -> None:
    """vobject's whole parse of one component (its structure, encodings, every value). Raises ``ParseError``
    (or another exception of vobject's) for what the line and date checks let through."""
    _read_body("".join(line.serialize() for line in lines))


def _read_body(body: str) -> None:
    """vobject's whole parse of ``body``, content lines each ending in CRLF, inside a calendar."""
    vobject.readOne("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body + "END:VCALENDAR\r\n", transform=False)


def check_resource(text: str) -> None:
    """Give each component of a resource made by ``split_calendar(..., full_check=False)`` vobject's
    whole parse, as ``full_check`` would have. Raises ``ParseError`` (or another exception of vobject's,
    all meaning the component is malformed).

    The component's lines go to vobject as they are: ``split_calendar`` lexed and wrote them, so lexing
    and writing them again here (as ``_read_one`` does for lines just read) would only repeat work."""
    blocks, _outside = find_blocks(unfold(text), MOVED_COMPONENTS)
    for block in blocks:
        if block.error:
            raise ParseError(block.error, block.lineno)
        _read_body("".join(f"{line}\r\n" for _n, line in block.lines))


def _read_component(block: Block, timezones: dict[str, list[ContentLine]], floating: bool = False,
                    full_check: bool = True) -> _Component:
    """Turn one VEVENT/VTODO/VJOURNAL block into a component ready to store. Raises ``ParseError``
    (``UnknownTimeZoneError`` for a zone nobody knows, unless ``floating``: then its dates float)."""
    if block.error:
        raise ParseError(block.error, block.lineno)
    lines = parse_lines(block.lines)
    _check_values(lines)
    if full_check:
        _read_one(lines)
    depth = 0
    uid: str | None = None
    recurrence_id: str | None = None
    tzids: set[str] = set()
    for line in lines:
        depth += (line.name == "BEGIN") - (line.name == "END")
        tzids.update(line.param("TZID"))
        if depth == 1 and line.name == "UID":
            uid = line.value
        elif depth == 1 and line.name == "RECURRENCE-ID":
            recurrence_id = line.value
        if line.name in _SINGLE_TEXT:
            line.value = escape_text(line.value)
        if line.name in _SCHEDULED:
            line.set_param("SCHEDULE-FORCE-SEND", [])
            line.set_param("SCHEDULE-AGENT", ["CLIENT"])
    unknown: list[str] = []
    for tzid in sorted(tzids):
        try:
            _timezone_lines(tzid, timezones)
        except UnknownTimeZoneError:
            if not floating:
                raise
            _make_floating(lines, tzid)
            unknown.append(tzid)
    tzids -= set(unknown)
    generated = uid is None
    if uid is None:
        # Google stamps DTSTAMP with the export time: leave it out so a new export gives the same UID.
        content = "".join(ln.serialize() for ln in lines if ln.name != "DTSTAMP")
        uid = "degoogle-" + hashlib.sha1(content.encode("utf-8")).hexdigest()
        lines.insert(1, ContentLine("UID", [], uid, block.lineno))
    kind: ComponentKind = "VTODO" if block.name == "VTODO" else "VJOURNAL" if block.name == "VJOURNAL" else "VEVENT"
    return _Component(kind, lines, uid, generated, recurrence_id, tzids, unknown)


def _resource(components: list[_Component], timezones: dict[str, list[ContentLine]]) -> CalendarResource:
    """Assemble one VCALENDAR: master first, then overrides in RECURRENCE-ID order."""
    ordered = sorted(components, key=lambda c: (c.recurrence_id is not None, c.recurrence_id or ""))
    out = ["BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", f"PRODID:{PRODID}\r\n"]
    for tzid in sorted(set().union(*(c.tzids for c in ordered))):
        out.extend(line.serialize() for line in timezones[tzid])
    seen: set[str] = set()
    for component in ordered:
        text = "".join(line.serialize() for line in component.lines)
        if text not in seen:  # the same component twice in one export is stored once
            seen.add(text)
            out.append(text)
    out.append("END:VCALENDAR\r\n")
    first = ordered[0]
    summary = next((unescape_text(ln.value) for ln in first.lines if ln.name == "SUMMARY"), None)
    floating = sorted({tzid for c in ordered for tzid in c.floating})
    return CalendarResource(first.uid, "".join(out), first.kind, summary, first.uid_generated, floating)


def split_calendar(ics_text: str, floating_unknown_zones: bool = False, *, full_check: bool = True) -> CalendarSplit:
    """Split ``ics_text`` into one resource per UID; report each unreadable component in ``bad``.

    Promises: every VEVENT/VTODO/VJOURNAL is either in exactly one resource or in ``bad`` (a broken
    BEGIN/END loses only its own component: reading starts again at the next one), and so is every
    damaged VTIMEZONE; a TZID nobody knows (not in the file, tzdata or CLDR's Windows table) makes its
    component bad, or floating time with ``floating_unknown_zones`` (named in ``floating``); each resource is a
    VCALENDAR with VERSION, PRODID, no METHOD and a VTIMEZONE for each TZID it uses; DATE values,
    VALARMs and every other property are copied unchanged except ORGANIZER/ATTENDEE parameters.
    Never raises on malformed input.

    Without ``full_check`` a component gets the structure, line, date, rule and time zone checks but not
    vobject's whole parse, which costs most of the time on a big file: a plan lists with the cheap checks
    and the run calls ``check_resource`` on each resource it writes.
    """
    blocks, outside = find_blocks(unfold(ics_text), {*MOVED_COMPONENTS, "VTIMEZONE", "VFREEBUSY", "VAVAILABILITY"})
    name: str | None = None
    color: str | None = None
    for number, text in outside:
        try:
            prop, _params, value, _group = parseLine(text, number)
        except ParseError:
            continue
        if prop.upper() == "X-WR-CALNAME":
            name = unescape_text(value)
        elif prop.upper() in ("X-APPLE-CALENDAR-COLOR", "COLOR"):
            color = value
    bad: list[BadComponent] = []
    timezones: dict[str, list[ContentLine]] = {}
    unsupported = [b for b in blocks if b.name not in MOVED_COMPONENTS and b.name != "VTIMEZONE"]
    for block in blocks:
        if block.name == "VTIMEZONE":
            try:
                if block.error:
                    raise ParseError(block.error, block.lineno)
                lines = parse_lines(block.lines)
            except ParseError as error:
                # reported, and the events naming it get tzdata's zone when their TZID is a known name
                tzid = next((unescape_text(t.split(":", 1)[1]) for _, t in block.lines
                             if t.upper().startswith("TZID:")), None)
                source = "\r\n".join(t for _, t in block.lines) + "\r\n"
                line = getattr(error, "lineNumber", None) or block.lineno
                bad.append(BadComponent("VTIMEZONE", int(line), str(error), source, tzid))
                continue
            # Outlook escapes the commas of its zone names in the TZID value, not in the TZID= parameter
            tzid = next((unescape_text(ln.value) for ln in lines if ln.name == "TZID"), None)
            if tzid:
                timezones[tzid] = lines
    groups: dict[str, list[_Component]] = {}
    for block in blocks:
        if block.name not in MOVED_COMPONENTS:
            continue
        try:
            component = _read_component(block, timezones, floating_unknown_zones, full_check)
        except Exception as error:  # vobject raises several types; the component is reported, never lost
            line = getattr(error, "lineNumber", None) or block.lineno
            uid = next((t.split(":", 1)[1] for _, t in block.lines if t.upper().startswith("UID:")), None)
            source = "\r\n".join(t for _, t in block.lines) + "\r\n"
            zone = error.tzid if isinstance(error, UnknownTimeZoneError) else None
            bad.append(BadComponent(block.name, int(line), str(error), source, uid, zone))
            continue
        groups.setdefault(component.uid, []).append(component)
    resources = [_resource(components, timezones) for components in groups.values()]
    for block in unsupported:
        source = "\r\n".join(t for _, t in block.lines) + "\r\n"
        bad.append(BadComponent(block.name, block.lineno, block.error or f"{block.name} is not moved", source,
                                unsupported=True))
    return CalendarSplit(name, color, resources, bad)
