"""Calendars held in files: Takeout's ``Calendar/*.ics`` (or ``Agenda/``) and local ``ics:`` files; and
what the calendar and contact files share (``contact_files`` reads the contacts).

Terminology: a *file* is one ``.ics`` / ``.vcf`` handed over by the source (a ``FileRef``); an *item*
is one CalDAV resource (every component of one UID, ``convert.ical``) or one vCard
(``convert.vcard``); a *collection* is the calendar or address book the item belongs to.

Calendars: one file is one calendar, named by its ``X-WR-CALNAME`` or else its file name; its colour
(``X-APPLE-CALENDAR-COLOR``, ``COLOR``, ``X-WR-CALCOLOR``) goes into every item's ``attrs``. Two files
of the same calendar name make one calendar (the same event in both is one item). Events, tasks and
journal entries (VJOURNAL, ``attrs["component"]``) are items.

A malformed event is an entry with ``problem`` ``malformed_event`` (a damaged time zone
``malformed_time_zone``) whose ``detail`` holds the parser's reason and the line; the rest of its file
moves. An event whose time zone nobody knows is set aside (``unknown_time_zone``), or, when the person
agreed (``SourceOptions.floating_unknown_zones``), moves in floating time with a companion entry
``event_moved_floating`` naming the zone; a component this version does not move (VFREEBUSY) is listed
as not supported. Listing gives each event the cheap checks (structure, lines, dates, recurrence rules,
time zones); vobject's whole parse, most of a big plan's time, is given when ``open`` reads the event
for the run, which then sets aside with ``malformed_event`` and vobject's reason what only it finds.

``open`` needs no listing: the locator names the file and the UID. Parsed files are kept in a small
cache (``ParsedFiles``), because items are opened in listing order, file after file, from several
workers: without it every item would parse its whole file again.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO, Generic, TypeVar, cast

from degoogle.convert.ical import CalendarSplit, check_resource, split_calendar
from degoogle.convert.ical import resource_name as ics_name
from degoogle.errors import BadItemError, DegoogleError
from degoogle.model import Item, Kind, SourceEntry
from degoogle.reasons import Reason
from degoogle.sources.base import Expander, FileRef, OpenFile, SourceOptions

log = logging.getLogger(__name__)

_COLOR = re.compile(r"#?([0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?)")
_CALCOLOR_LINE = re.compile(r"^X-WR-CALCOLOR(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)
_SUMMARY_LINE = re.compile(r"^SUMMARY(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)

T = TypeVar("T")
#: reason code of the companion entry of an event moved in floating time (its zone is what did not move)
EVENT_MOVED_FLOATING = "event_moved_floating"
_WHAT = {"VEVENT": "event", "VTODO": "task", "VJOURNAL": "journal entry", "VTIMEZONE": "time zone",
         "VFREEBUSY": "free/busy", "VAVAILABILITY": "availability"}


def normalise_color(value: str | None) -> str | None:
    """``#RRGGBB`` or ``#RRGGBBAA`` (upper case) from what calendars write, or None when it is no colour."""
    if not value:
        return None
    found = _COLOR.fullmatch(value.strip())
    return f"#{found.group(1).upper()}" if found else None


def decode_text(data: bytes, label: str) -> str:
    """iCalendar and vCard files are UTF-8 (RFC 5545 §3.1.4, RFC 6350 §3.1); old phones wrote cp1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s is not UTF-8: read as Windows-1252", label)
        return data.decode("cp1252", errors="replace")


def short_sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def label_for(text: str, pattern: re.Pattern[str], fallback: str, line: int) -> str:
    """A readable name for an unreadable component: its summary or name, and the line it starts on."""
    found = pattern.search(text)
    title = found.group(1).strip().replace("\\,", ",").replace("\\;", ";")[:60] if found else ""
    return f"{(title or fallback).replace('/', '-')} (line {line})"


class ParsedFiles(Generic[T]):
    """A small cache of parsed files, safe for several threads: a file wanted by four workers at once
    is parsed once (the others wait for it), and at most ``max_files`` files or ``max_bytes`` of their
    text are kept (the most recent one always, whatever its size)."""

    def __init__(self, max_files: int = 4, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_files = max_files
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        self._kept: OrderedDict[str, tuple[T, int]] = OrderedDict()
        self.loads = 0

    def get(self, key: str, load: Callable[[], tuple[T, int]]) -> T:
        """The parsed value for ``key``; ``load()`` gives ``(value, weight in bytes)`` on a miss."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key][0]
            gate = self._loading.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._kept:
                    self._kept.move_to_end(key)
                    return self._kept[key][0]
            value, weight = load()
            self.loads += 1
            with self._lock:
                self._kept[key] = (value, weight)
                while len(self._kept) > 1 and (
                        len(self._kept) > self.max_files or sum(w for _v, w in self._kept.values()) > self.max_bytes):
                    self._kept.popitem(last=False)
                self._loading.pop(key, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def parse_reason(error: Exception) -> str:
    """vobject's reason without its line number, which counts lines of the item as written for the
    server, not of the file the person has."""
    message = getattr(error, "message", None)
    return str(message) if message else str(error) or type(error).__name__


def read_file(open_file: OpenFile, ref: str, label: str) -> str:
    with open_file(ref) as stream:
        return decode_text(stream.read(), label)


def holds_component(text: str, name: str) -> bool:
    """Whether ``text`` has a ``BEGIN:<name>`` line, or nothing at all (an empty file holds nothing to
    lose). A file with neither (an error page saved as ``Famille.ics``) is no calendar or address book:
    listed as a problem instead of as nothing, so the report names it."""
    return not text or text.isspace() or re.search(rf"^\ufeff?[ \t]*BEGIN[ \t]*:[ \t]*{name}[ \t]*\r?$", text,
                                         re.IGNORECASE | re.MULTILINE) is not None


#: made once (``json.dumps`` with options builds an encoder a call): a big calendar has 30,000 items
_LOCATOR_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def locator(**fields: object) -> str:
    return _LOCATOR_JSON.encode(fields)


def parse_locator(item: Item) -> dict[str, object]:
    try:
        where = json.loads(item.locator)
    except ValueError:
        where = None
    if not isinstance(where, dict) or not isinstance(where.get("ref"), str):
        raise BadItemError(f"{item.source_key}: no usable locator", code="internal_error")
    return where


def text_stream(text: str) -> AbstractContextManager[BinaryIO]:
    return cast("AbstractContextManager[BinaryIO]", io.BytesIO(text.encode("utf-8")))


def file_problem(kind: Kind, ref: FileRef, exc: DegoogleError) -> SourceEntry:
    where = "/".join(ref.path)
    return SourceEntry(kind, f"file:{where}", (PurePosixPath(ref.path[-1]).stem or where, ref.path[-1]),
                       size=ref.size, fingerprint=ref.fingerprint, problem=exc.code,
                       detail=f"{where}: {exc.detail}")


# -- calendars ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CalendarFile:
    name: str | None
    color: str | None
    #: UID → the resource texts of that UID, in file order (one, unless the file is odd)
    resources: dict[str, list[str]]


def _color(split: CalendarSplit, text: str) -> str | None:
    """The calendar's colour: ``convert.ical`` reads Apple's and RFC 7986's; Google's own is here."""
    color = split.color
    if color is None:
        head = text[: text.upper().find("BEGIN:VEVENT")] if "BEGIN:VEVENT" in text.upper() else text
        found = _CALCOLOR_LINE.search(head)
        color = found.group(1).strip() if found else None
    return normalise_color(color)


def _parse_calendar(text: str, floating: bool) -> _CalendarFile:
    split = split_calendar(text, floating, full_check=False)
    resources: dict[str, list[str]] = {}
    for resource in split.resources:
        resources.setdefault(resource.uid, []).append(resource.text)
    return _CalendarFile(split.name, _color(split, text), resources)


class CalendarExpander(Expander):
    """Events and tasks of ``.ics`` files, one item per UID (see the module docstring)."""

    kind = Kind.CALENDAR

    def __init__(self, open_file: OpenFile, options: SourceOptions) -> None:
        super().__init__(open_file, options)
        self.cache: ParsedFiles[_CalendarFile] = ParsedFiles()

    def expand(self, files: Sequence[FileRef]) -> Iterator[SourceEntry]:
        seen: dict[str, str] = {}  # key → fingerprint
        for ref in files:
            label = "/".join(ref.path)
            try:
                text = read_file(self.open_file, ref.ref, label)
            except BadItemError as exc:
                yield file_problem(self.kind, ref, exc)
                continue
            if not holds_component(text, "VCALENDAR"):
                yield file_problem(self.kind, ref, BadItemError("no BEGIN:VCALENDAR in the file: it is no calendar",
                                                                code=Reason.NOT_CALENDAR))
                continue
            # the cheap checks only: vobject's whole parse of every event would be most of a big plan's
            # time; ``open`` gives each event that parse before it is written (``check_resource``)
            split = split_calendar(text, self.options.floating_unknown_zones, full_check=False)
            calendar = (split.name or "").strip() or PurePosixPath(ref.path[-1]).stem or label
            color = _color(split, text)
            counts: dict[str, int] = {}
            for resource in split.resources:
                n = counts.get(resource.uid, 0)
                counts[resource.uid] = n + 1
                fingerprint = short_sha(resource.text)
                key = f"{calendar}#{resource.uid}" + (f"#{n + 1}" if n else "")
                name = ics_name(resource.uid)
                if key in seen:
                    if seen[key] == fingerprint:
                        continue  # the same event in two files of one calendar: one item
                    key, name = f"{key}@{label}", f"{name.removesuffix('.ics')}-{fingerprint[:8]}.ics"
                seen[key] = fingerprint
                attrs: dict[str, object] = {"uid": resource.uid}
                if resource.summary:
                    attrs["title"] = resource.summary[:200]
                if color:
                    attrs["color"] = color
                if resource.kind == "VJOURNAL":
                    attrs["component"] = "VJOURNAL"  # the target makes its calendar accept journal entries
                yield SourceEntry(
                    self.kind, key, (calendar, name), size=len(resource.text.encode("utf-8")),
                    fingerprint=fingerprint, locator=locator(ref=ref.ref, uid=resource.uid, n=n),
                    attrs=attrs, detail=ref.detail,
                )
                for zone in resource.floating:
                    # the event moved; what did not is its time zone: named, so the report says so
                    yield SourceEntry(
                        self.kind, f"{key}#floating:{short_sha(zone)}",
                        (calendar, f"{(resource.summary or 'event')[:60].replace('/', '-')} ({zone})"),
                        left_out=EVENT_MOVED_FLOATING,
                        detail=f"{label}: UID {resource.uid}: time zone {zone!r} is known to no zone table; "
                               "moved in floating time (the same clock time wherever you are)",
                    )
            for bad in split.bad:
                key = f"{calendar}#bad:{short_sha(bad.text)}"
                if key in seen:
                    continue
                seen[key] = ""
                what = _WHAT.get(bad.kind, bad.kind.lower())
                uid = f" (UID {bad.uid})" if bad.uid else ""
                problem = ("unknown_time_zone" if bad.unknown_zone else
                           "malformed_time_zone" if bad.kind == "VTIMEZONE" else "malformed_event")
                yield SourceEntry(
                    self.kind, key, (calendar, label_for(bad.text, _SUMMARY_LINE, what, bad.line)),
                    size=len(bad.text.encode("utf-8")), supported=not bad.unsupported,
                    problem=None if bad.unsupported else problem,
                    detail=f"{label}, line {bad.line}{uid}: {bad.reason}",
                )

    def _file(self, ref: str) -> _CalendarFile:
        def load() -> tuple[_CalendarFile, int]:
            text = read_file(self.open_file, ref, PurePosixPath(ref).name)
            return _parse_calendar(text, self.options.floating_unknown_zones), 2 * len(text)

        return self.cache.get(ref, load)

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The item's calendar resource, as planned. ``BadItemError("source_changed")`` when the
        file no longer holds it as it was listed (plan again to take the new version),
        ``BadItemError("malformed_event")`` with vobject's reason when the whole parse the listing
        left out finds it malformed."""
        where = parse_locator(item)
        uid, n = str(where.get("uid")), int(cast(int, where.get("n") or 0))
        texts = self._file(str(where["ref"])).resources.get(uid, [])
        if n >= len(texts) or short_sha(texts[n]) != item.fingerprint:
            raise BadItemError(f"{item.source_path}: the calendar file changed since it was listed",
                               code="source_changed")
        try:
            check_resource(texts[n])
        except Exception as error:  # vobject raises several types; the event is set aside, never lost
            raise BadItemError(f"{item.source_path} (UID {uid}): {parse_reason(error)}",
                               code="malformed_event") from error
        return text_stream(texts[n])

    def close(self) -> None:
        self.cache.clear()
