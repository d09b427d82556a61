"""Split one iCalendar file (a Takeout ``.ics``, a local file) into CalDAV resources, one per UID.

Terminology: a *component* is one VEVENT or VTODO as it appears in the file; a *resource* is what one
CalDAV ``PUT`` stores: a whole VCALENDAR holding every component of one UID (RFC 4791 §4.1: "all
components in a calendar object resource MUST have the same UID"), i.e. the master and its
RECURRENCE-ID overrides, plus the VTIMEZONE of every TZID they use (RFC 5545 §3.2.19, §3.6.5).

Text is handled as content lines (RFC 5545 §3.1): vobject's lexer (``vobject.base.parseLine``) reads each
unfolded line and its date parsers check every date property, so a malformed component is reported
with vobject's reason and its line while the rest of the file is split. Property values are copied as
they were written (never decoded and re-encoded), so nothing is altered in transit.

Scheduling is neutralised (RFC 6638): ``METHOD`` is dropped (RFC 4791 §4.1 forbids it in stored
resources), ``SCHEDULE-AGENT=CLIENT`` is set on ORGANIZER and every ATTENDEE (§7.1: the server then
sends no iTIP message) and ``SCHEDULE-FORCE-SEND`` is removed (§7.2).

The content-line helpers at the top serve ``convert.vcard`` too.
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

log = logging.getLogger(__name__)

PRODID = "-//degoogle//convert.ical//EN"
_SAFE_UID = re.compile(r"[A-Za-z0-9@._-]{1,200}")
_PARAM_NEEDS_QUOTES = re.compile(r"[:;,]")
#: Outlook's display names: "(UTC+02:00) Athens, Bucharest, Istanbul" — the cities are IANA zone names
_OUTLOOK_DISPLAY = re.compile(r"^\(UTC[^)]*\)\s*(.+)$")
ComponentKind = Literal["VEVENT", "VTODO", "VJOURNAL"]
#: the components moved (VJOURNAL: journal entries, in a calendar made to accept them)
MOVED_COMPONENTS = {"VEVENT", "VTODO", "VJOURNAL"}


@dataclass
class ContentLine:
    """One unfolded content line: ``group.NAME;PARAM=v:value``, with the source line it starts on."""

    name: str
    params: list[list[str]]
    value: str
    lineno: int
    group: str | None = None

    def param(self, key: str) -> list[str]:
        """Return every value of parameter ``key`` (case-insensitive), ``[]`` when absent."""
        values: list[str] = []
        for entry in self.params:
            if entry[0].upper() == key.upper():
                values.extend(entry[1:])
        return values

    def set_param(self, key: str, values: list[str]) -> None:
        """Replace parameter ``key`` by ``values`` (removed when ``values`` is empty)."""
        self.params = [p for p in self.params if p[0].upper() != key.upper()]
        if values:
            self.params.append([key, *values])

    def serialize(self) -> str:
        """Return the folded line (RFC 5545 §3.1, RFC 6350 §3.2), CRLF-terminated."""
        head = f"{self.group}.{self.name}" if self.group else self.name
        for entry in self.params:
            if len(entry) == 1:
                head += f";{entry[0]}"
                continue
            quoted = [f'"{v}"' if _PARAM_NEEDS_QUOTES.search(v) else v for v in entry[1:]]
            head += f";{entry[0]}=" + ",".join(quoted)
        return fold(f"{head}:{self.value}")


@dataclass
class Block:
    """The lines of one top-level component, or why its structure is broken."""

    name: str
    lineno: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None


def fold(line: str, limit: int = 75) -> str:
    """Fold ``line`` into pieces of at most ``limit`` octets, never inside a UTF-8 sequence."""
    out: list[str] = []
    piece, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(piece)
            piece, size = " ", 1
        piece += char
        size += width
    out.append(piece)
    return "\r\n".join(out) + "\r\n"


def unfold(text: str, quoted_printable: bool = False) -> list[tuple[int, str]]:
    """Return the logical lines of ``text`` with the 1-based physical line each starts on.

    With ``quoted_printable`` a line of a QUOTED-PRINTABLE property ending in ``=`` continues on the
    next physical line (vCard 2.1 §2.1.3 soft line breaks). Blank lines are skipped.
    """
    logical: list[tuple[int, str]] = []
    soft_break = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if soft_break and logical:
            logical[-1] = (logical[-1][0], logical[-1][1][:-1] + raw)
        elif raw[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
        else:
            continue
        current = logical[-1][1]
        head = current.split(":", 1)[0].upper()
        soft_break = quoted_printable and "QUOTED-PRINTABLE" in head and current.endswith("=")
    return logical


def find_blocks(lines: list[tuple[int, str]], names: set[str]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Cut logical lines into top-level blocks named in ``names``; return them and the lines outside.

    Resynchronises after damage: top-level components never nest (RFC 5545 §3.6, RFC 6350 §3.3), so a
    ``BEGIN`` of a name in ``names`` met inside a block, at any depth, ends that block as broken and
    starts the next one; an ``END`` of the block's own name closes it, broken when something nested in
    it was left open. Only the damaged block is lost, never the ones after it.
    Never raises: a block whose BEGIN/END do not match carries the reason in ``Block.error``.
    """
    blocks: list[Block] = []
    outside: list[tuple[int, str]] = []
    current: Block | None = None
    nested: list[tuple[str, int]] = []
    for number, text in lines:
        upper = text.strip().upper()
        kind = upper.split(":", 1)[1].strip() if ":" in upper else ""
        if upper.startswith("BEGIN:") and kind in names and current is not None:
            if current.error is None:
                current.error = (f"BEGIN:{kind} at line {number} before END:{current.name}" if not nested else
                                 f"BEGIN:{nested[-1][0]} at line {nested[-1][1]} has no END:{nested[-1][0]}")
            blocks.append(current)
            current = None
        if current is None:
            if upper.startswith("BEGIN:") and kind in names:
                current = Block(kind, number, [(number, text)])
                nested = []
            else:
                outside.append((number, text))
            continue
        current.lines.append((number, text))
        if upper.startswith("BEGIN:"):
            nested.append((kind, number))
        elif upper.startswith("END:"):
            if nested and nested[-1][0] == kind:
                nested.pop()
            elif kind == current.name:
                if nested and current.error is None:
                    current.error = f"BEGIN:{nested[-1][0]} at line {nested[-1][1]} has no END:{nested[-1][0]}"
                blocks.append(current)
                current = None
            elif current.error is None:
                expected = nested[-1][0] if nested else current.name
                current.error = f"END:{kind} at line {number} does not close BEGIN:{expected}"
    if current is not None:
        current.error = current.error or f"no END:{current.name} before the end of the file"
        blocks.append(current)
    return blocks, outside


def parse_lines(lines: list[tuple[int, str]]) -> list[ContentLine]:
    """Lex logical lines with vobject. Raises ``vobject.base.ParseError`` (with ``lineNumber``)."""
    parsed = []
    for number, text in lines:
        name, params, value, group = parseLine(text, number)
        parsed.append(ContentLine(name.upper(), [list(p) for p in params], value, number, group))
    return parsed


def unescape_text(value: str) -> str:
    """Decode a TEXT value (RFC 5545 §3.3.11): ``\\n``, ``\\,``, ``\\;``, ``\\\\``."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def safe_stem(uid: str) -> str:
    """Return ``uid`` when made only of ``A-Z a-z 0-9 @ . _ -`` (max 200, no leading dot), else its SHA-1."""
    if _SAFE_UID.fullmatch(uid) and not uid.startswith("."):
        return uid
    return hashlib.sha1(uid.encode("utf-8")).hexdigest()


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


def escape_text(value: str, chars: str = ",;") -> str:
    """Escape the raw ``chars`` (``,`` and ``;``) of a TEXT value; what is already escaped stays as it is."""
    out: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char in chars:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


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


def _read_component(block: Block, timezones: dict[str, list[ContentLine]], floating: bool = False) -> _Component:
    """Turn one VEVENT/VTODO/VJOURNAL block into a component ready to store. Raises ``ParseError``
    (``UnknownTimeZoneError`` for a zone nobody knows, unless ``floating``: then its dates float)."""
    if block.error:
        raise ParseError(block.error, block.lineno)
    lines = parse_lines(block.lines)
    _check_values(lines)
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(line.serialize() for line in lines) + "END:VCALENDAR\r\n"
    vobject.readOne(text, transform=False)
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


def split_calendar(ics_text: str, floating_unknown_zones: bool = False) -> CalendarSplit:
    """Split ``ics_text`` into one resource per UID; report each unreadable component in ``bad``.

    Promises: every VEVENT/VTODO/VJOURNAL is either in exactly one resource or in ``bad`` (a broken
    BEGIN/END loses only its own component: reading starts again at the next one), and so is every
    damaged VTIMEZONE; a TZID nobody knows (not in the file, tzdata or CLDR's Windows table) makes its
    component bad, or floating time with ``floating_unknown_zones`` (named in ``floating``); each resource is a
    VCALENDAR with VERSION, PRODID, no METHOD and a VTIMEZONE for each TZID it uses; DATE values,
    VALARMs and every other property are copied unchanged except ORGANIZER/ATTENDEE parameters.
    Never raises on malformed input.
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
            component = _read_component(block, timezones, floating_unknown_zones)
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
