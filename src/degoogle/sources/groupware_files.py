"""Calendars and address books held in files: Takeout's ``Calendar/*.ics`` and ``Contacts/**/*.vcf``
(or ``Agenda/``, ``Tous les contacts``…), and local ``ics:`` / ``vcf:`` files.

Terminology: a *file* is one ``.ics`` / ``.vcf`` handed over by the source (a ``FileRef``); an *item*
is one CalDAV resource (every component of one UID, ``convert.ical``) or one vCard
(``convert.vcard``); a *collection* is the calendar or address book the item belongs to.

Calendars: one file is one calendar, named by its ``X-WR-CALNAME`` or else its file name; its colour
(``X-APPLE-CALENDAR-COLOR``, ``COLOR``, ``X-WR-CALCOLOR``) goes into every item's ``attrs``. Two files
of the same calendar name make one calendar (the same event in both is one item).

Contacts: Google writes "All Contacts" plus one file per label (``Contacts/Famille/Famille.vcf``), so
a contact in three labels is met four times. Files in that layout (a file named like its folder, or
a system group such as "All Contacts" / "Tous les contacts") make one address book named after the
folder above them (Takeout's ``Contacts``), and each label becomes a group (``CATEGORIES``): one
contact, one item, with every group it had. Any other ``.vcf`` is an address book of its own, named
after the file. Apple's group cards (a ``.vcf`` saved from iCloud or a CardDAV server) become
CATEGORIES of their members over the whole address book (``convert.vcard.fold_groups``); each group
card is listed, left out with ``contact_group_folded``.

A malformed event or card is an entry with ``problem`` (``malformed_event`` / ``malformed_contact``)
whose ``detail`` holds the parser's reason and the line; the rest of its file moves.

``open`` needs no listing: the locator names the file and the UID. Parsed files are kept in a small
cache (``ParsedFiles``), because items are opened in listing order, file after file, from several
workers: without it every item would parse its whole file again.

Photos given by URL (Google's exports) are fetched when the item is opened for writing, not while
listing: listing stays quick and needs no network, a photo is fetched only for a contact that is
really written, and a photo that cannot be fetched leaves the contact moving with its link rather
than stopping the plan. The fingerprint is taken before the photo is embedded.
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
from urllib.parse import urlsplit

import requests

from degoogle.convert.ical import CalendarSplit, split_calendar
from degoogle.convert.ical import resource_name as ics_name
from degoogle.convert.vcard import (
    CONTACT_GROUP_FOLDED,
    Card,
    embed_photo,
    fold_groups,
    is_group,
    merge_cards,
    same_contact,
    split_vcards,
    with_categories,
)
from degoogle.convert.vcard import resource_name as vcf_name
from degoogle.engine.items import Item, Kind, SourceEntry
from degoogle.errors import BadItemError, DegoogleError
from degoogle.locality import is_secure_url
from degoogle.sources.base import Expander, FileRef, OpenFile, SourceOptions

log = logging.getLogger(__name__)

#: Google's groups that every contact is in: not labels the user made, so not groups at the target
SYSTEM_GROUPS = frozenset({
    "all contacts", "tous les contacts", "my contacts", "mes contacts", "other contacts", "autres contacts",
})
#: Google's own CATEGORIES values for those groups (``CATEGORIES:myContacts``): dropped as well
SYSTEM_CATEGORIES = frozenset({"mycontacts"})
DEFAULT_BOOK = "Contacts"
PHOTO_MAX_BYTES = 20 * 1024 * 1024
PHOTO_TIMEOUT = (10, 30)
_COLOR = re.compile(r"#?([0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?)")
_CALCOLOR_LINE = re.compile(r"^X-WR-CALCOLOR(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)
_SUMMARY_LINE = re.compile(r"^SUMMARY(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)
_FN_LINE = re.compile(r"^(?:[\w-]+\.)?FN(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)

T = TypeVar("T")
#: reason code of the companion entry of an event moved in floating time (its zone is what did not move)
EVENT_MOVED_FLOATING = "event_moved_floating"
#: reason code of the companion entry of a contact that moved without its damaged photo
CONTACT_PHOTO_DROPPED = "contact_photo_dropped"
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


def _short_sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _label_for(text: str, pattern: re.Pattern[str], fallback: str, line: int) -> str:
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


def _read_file(open_file: OpenFile, ref: str, label: str) -> str:
    with open_file(ref) as stream:
        return decode_text(stream.read(), label)


def _locator(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _parse_locator(item: Item) -> dict[str, object]:
    try:
        where = json.loads(item.locator)
    except ValueError:
        where = None
    if not isinstance(where, dict) or not isinstance(where.get("ref"), str):
        raise BadItemError(f"{item.source_key}: no usable locator", code="internal_error")
    return where


def _stream(text: str) -> AbstractContextManager[BinaryIO]:
    return cast("AbstractContextManager[BinaryIO]", io.BytesIO(text.encode("utf-8")))


def _file_problem(kind: Kind, ref: FileRef, exc: DegoogleError) -> SourceEntry:
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
    split = split_calendar(text, floating)
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
                text = _read_file(self.open_file, ref.ref, label)
            except BadItemError as exc:
                yield _file_problem(self.kind, ref, exc)
                continue
            split = split_calendar(text, self.options.floating_unknown_zones)
            calendar = (split.name or "").strip() or PurePosixPath(ref.path[-1]).stem or label
            color = _color(split, text)
            counts: dict[str, int] = {}
            for resource in split.resources:
                n = counts.get(resource.uid, 0)
                counts[resource.uid] = n + 1
                fingerprint = _short_sha(resource.text)
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
                    fingerprint=fingerprint, locator=_locator(ref=ref.ref, uid=resource.uid, n=n),
                    attrs=attrs, detail=ref.detail,
                )
                for zone in resource.floating:
                    # the event moved; what did not is its time zone: named, so the report says so
                    yield SourceEntry(
                        self.kind, f"{key}#floating:{_short_sha(zone)}",
                        (calendar, f"{(resource.summary or 'event')[:60].replace('/', '-')} ({zone})"),
                        left_out=EVENT_MOVED_FLOATING,
                        detail=f"{label}: UID {resource.uid}: time zone {zone!r} is known to no zone table; "
                               "moved in floating time (the same clock time wherever you are)",
                    )
            for bad in split.bad:
                key = f"{calendar}#bad:{_short_sha(bad.text)}"
                if key in seen:
                    continue
                seen[key] = ""
                what = _WHAT.get(bad.kind, bad.kind.lower())
                uid = f" (UID {bad.uid})" if bad.uid else ""
                problem = ("unknown_time_zone" if bad.unknown_zone else
                           "malformed_time_zone" if bad.kind == "VTIMEZONE" else "malformed_event")
                yield SourceEntry(
                    self.kind, key, (calendar, _label_for(bad.text, _SUMMARY_LINE, what, bad.line)),
                    size=len(bad.text.encode("utf-8")), supported=not bad.unsupported,
                    problem=None if bad.unsupported else problem,
                    detail=f"{label}, line {bad.line}{uid}: {bad.reason}",
                )

    def _file(self, ref: str) -> _CalendarFile:
        def load() -> tuple[_CalendarFile, int]:
            text = _read_file(self.open_file, ref, PurePosixPath(ref).name)
            return _parse_calendar(text, self.options.floating_unknown_zones), 2 * len(text)

        return self.cache.get(ref, load)

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The item's calendar resource, as planned. ``BadItemError("source_changed")`` when the
        file no longer holds it as it was listed (plan again to take the new version)."""
        where = _parse_locator(item)
        uid, n = str(where.get("uid")), int(cast(int, where.get("n") or 0))
        texts = self._file(str(where["ref"])).resources.get(uid, [])
        if n >= len(texts) or _short_sha(texts[n]) != item.fingerprint:
            raise BadItemError(f"{item.source_path}: the calendar file changed since it was listed",
                               code="source_changed")
        return _stream(texts[n])

    def close(self) -> None:
        self.cache.clear()


# -- contacts -----------------------------------------------------------------------------------------


def book_and_group(path: tuple[str, ...]) -> tuple[str, str | None]:
    """The address book and the group (label) of a ``.vcf`` file at ``path`` (see the module docstring)."""
    stem = PurePosixPath(path[-1]).stem
    system = stem.casefold() in SYSTEM_GROUPS
    labelled = len(path) >= 2 and path[-2] == stem
    if not (labelled or system):
        return stem or path[-1], None
    above = path[:-2] if labelled else path[:-1]
    return (above[-1] if above else DEFAULT_BOOK), (None if system else stem)


def user_groups(categories: list[str]) -> list[str]:
    """The groups a person made (Google's ``myContacts`` left out)."""
    return [c for c in categories if c.casefold() not in SYSTEM_CATEGORIES]


def with_groups(card: Card, groups: list[str]) -> Card:
    """``card`` with exactly ``groups`` as its CATEGORIES, rendered again."""
    return card if groups == card.categories else with_categories(card, groups)


@dataclass
class _Contact:
    """One contact and every copy of it met: ``(file, group, UID, n)`` and the card read there."""

    copies: list[tuple[str, str | None, str, int, Card]]
    groups: list[str]

    @property
    def card(self) -> Card:
        return merge_cards([copy[-1] for copy in self.copies])

    def from_another_file(self, ref: str) -> bool:
        return all(copy[0] != ref for copy in self.copies)


class ContactsExpander(Expander):
    """Contacts of ``.vcf`` files, one item per contact with all its groups (see the module docstring)."""

    kind = Kind.CONTACTS

    def __init__(self, open_file: OpenFile, options: SourceOptions) -> None:
        super().__init__(open_file, options)
        self.cache: ParsedFiles[list[Card]] = ParsedFiles()
        self._session: requests.Session | None = None
        self._session_lock = threading.Lock()

    def _cards(self, ref: str, group: str | None, label: str) -> tuple[list[Card], list[tuple[int, str, str]]]:
        text = _read_file(self.open_file, ref, label)
        split = split_vcards(text, group)
        return split.cards, [(bad.line, bad.reason, bad.text) for bad in split.bad]

    def expand(self, files: Sequence[FileRef]) -> Iterator[SourceEntry]:
        books: dict[str, dict[object, _Contact]] = {}
        by_name: dict[tuple[str, str, str], list[_Contact]] = {}
        problems: list[SourceEntry] = []
        seen_bad: set[str] = set()
        for ref in files:
            label = "/".join(ref.path)
            book, group = book_and_group(ref.path)
            try:
                cards, bad = self._cards(ref.ref, group, label)
            except BadItemError as exc:
                problems.append(_file_problem(self.kind, ref, exc))
                continue
            contacts = books.setdefault(book, {})
            counts: dict[str, int] = {}
            for card in cards:
                n = counts.get(card.uid, 0)
                counts[card.uid] = n + 1
                same: object = (card.uid, n) if n else card.uid  # the same UID twice in one file: two cards
                known = contacts.get(same)
                alike = (book, card.fn.casefold(), card.emails[0].casefold()) if card.emails else None
                if known is None and card.uid_generated and alike and not n:
                    # a label file's copy may lack what "All Contacts" has (the photo): the same card, met
                    # again in another file, if one's properties are all in the other's
                    known = next((c for c in by_name.get(alike, []) if c.from_another_file(ref.ref)
                                  and any(same_contact(copy[-1], card) for copy in c.copies)), None)
                groups = user_groups(card.categories)
                if known is None:
                    known = contacts[same] = _Contact([], [])
                    if card.uid_generated and alike:
                        by_name.setdefault(alike, []).append(known)
                known.copies.append((ref.ref, group, card.uid, n, card))
                known.groups += [c for c in groups if c not in known.groups]
            for line, reason, text in bad:
                key = f"{book}#bad:{_short_sha(text)}"
                if key in seen_bad:
                    continue
                seen_bad.add(key)
                problems.append(SourceEntry(
                    self.kind, key, (book, _label_for(text, _FN_LINE, "contact", line)),
                    size=len(text.encode("utf-8")), problem="malformed_contact",
                    detail=f"{label}, line {line}: {reason}",
                ))
        for book, contacts in books.items():
            names: set[str] = set()
            merged = {id(c): c.card for c in contacts.values()}
            fold = fold_groups([with_groups(merged[id(c)], c.groups) for c in contacts.values()])
            folded, group_cards = iter(fold.contacts), iter(fold.groups)
            for contact in contacts.values():
                if is_group(merged[id(contact)]):
                    folded_group, members = next(group_cards)
                    yield SourceEntry(self.kind, f"{book}#group:{folded_group.uid}",
                                      (book, vcf_name(folded_group.uid)), size=len(folded_group.text.encode("utf-8")),
                                      attrs={"title": folded_group.fn[:200]},
                                      left_out=CONTACT_GROUP_FOLDED,
                                      detail=f"{book}: group of {members} contact(s), moved as their category")
                    continue
                card = next(folded)
                contact.groups = card.categories  # the groups as planned: ``open`` renders them again
                first_ref, first_group, first_uid, n, _card = contact.copies[0]
                key = f"{book}#{card.uid}" + (f"#{n + 1}" if n else "")
                name = vcf_name(card.uid)
                if name in names:
                    name = f"{name.removesuffix('.vcf')}-{n + 1}.vcf"
                names.add(name)
                attrs: dict[str, object] = {"uid": card.uid, "title": card.fn[:200], "groups": contact.groups}
                if card.photo_url:
                    attrs["photo_url"] = True
                yield SourceEntry(
                    self.kind, key, (book, name), size=len(card.text.encode("utf-8")),
                    fingerprint=_short_sha(card.text),
                    locator=_locator(ref=first_ref, group=first_group, uid=first_uid, n=n,
                                     copies=[list(copy[:4]) for copy in contact.copies]),
                    attrs=attrs,
                )
                if card.dropped and not any(ln.name == "PHOTO" for ln in card.lines):
                    # the contact moves; what did not is its damaged photo: named, so the report says so
                    yield SourceEntry(self.kind, f"{key}#photo", (book, f"{card.fn[:60].replace('/', '-')} (photo)"),
                                      problem=CONTACT_PHOTO_DROPPED, detail=f"{book}: {'; '.join(card.dropped)}")
        yield from problems

    def _file(self, ref: str, group: str | None) -> list[Card]:
        def load() -> tuple[list[Card], int]:
            cards, _bad = self._cards(ref, group, PurePosixPath(ref).name)
            return cards, sum(2 * len(c.text) for c in cards)

        return self.cache.get(json.dumps([ref, group]), load)

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The contact as planned, its photo fetched and embedded when it was a URL.
        ``BadItemError("source_changed")`` when the file no longer holds it as it was listed."""
        where = _parse_locator(item)
        copies = where.get("copies")
        if not isinstance(copies, list):  # planned by a version that kept one copy
            copies = [[where["ref"], where.get("group"), where.get("uid"), where.get("n") or 0]]
        cards: list[Card] = []
        for ref, group, uid, n in copies:
            matches = [c for c in self._file(str(ref), group if isinstance(group, str) else None) if c.uid == uid]
            if int(cast(int, n)) < len(matches):
                cards.append(matches[int(cast(int, n))])
        groups = item.attrs.get("groups")
        card = None
        if len(cards) == len(copies):
            merged = merge_cards(cards)
            card = with_groups(merged, [str(g) for g in groups] if isinstance(groups, list)
                               else user_groups(merged.categories))
        if card is None or _short_sha(card.text) != item.fingerprint:
            raise BadItemError(f"{item.source_path}: the address book file changed since it was listed",
                               code="source_changed")
        if card.photo_url:
            card = self._embed(card, item)
        return _stream(card.text)

    def _embed(self, card: Card, item: Item) -> Card:
        """``card`` with its URL photo fetched and embedded (scaled down); as it is when that fails."""
        url = card.photo_url or ""
        if not is_secure_url(url):
            log.warning("%s: photo link %s not fetched (https only)", item.source_path, urlsplit(url).scheme)
            return card
        with self._session_lock:
            if self._session is None:
                self._session = requests.Session()
            session = self._session
        try:
            with session.get(url, timeout=PHOTO_TIMEOUT, stream=True) as response:
                response.raise_for_status()
                data = bytearray()
                for block in response.iter_content(256 * 1024):
                    data += block
                    if len(data) > PHOTO_MAX_BYTES:
                        raise ValueError(f"the photo is over {PHOTO_MAX_BYTES} bytes")
            return embed_photo(card, bytes(data))
        except (requests.RequestException, ValueError) as exc:
            # the contact matters more than its picture: it moves with the link, and the log says why
            log.warning("%s: photo not fetched from %s (%s); the contact keeps the link", item.source_path,
                        urlsplit(url).hostname, type(exc).__name__)
            return card

    def close(self) -> None:
        self.cache.clear()
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()
