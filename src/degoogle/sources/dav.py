"""Any CalDAV / CardDAV account as a read-only source: ``caldav:URL``, ``carddav:URL``, ``icloud:APPLE_ID``.

``caldav:https://marie@dav.example.org/`` reads every calendar of the account (events and tasks),
``carddav:https://marie@dav.example.org/`` every address book; ``icloud:marie@icloud.com`` both, from
``https://caldav.icloud.com/`` and ``https://contacts.icloud.com/`` with an app-specific password.
The URL may be the server's root (discovery starts at ``/.well-known/caldav|carddav``, RFC 6764 §5),
a principal, or a home. The password comes from ``SourceOptions.password``; nothing is written.

How it reads (RFC 4791, RFC 6352): through ``protocols.dav.DavClient``, the one CalDAV/CardDAV client
the groupware target writes with too, made read-only here (a source never writes):
- discovery: ``current-user-principal`` (RFC 5397) found from the URL or the well-known one, redirects
  followed by hand under ``protocols.http``'s rule (credentials only to the URL's origin; a redirect
  elsewhere → ``RedirectRefused``; the ``icloud:`` preset also trusts https hosts under ``icloud.com``,
  since iCloud answers from the account's partition host, ``p42-caldav.icloud.com``); the calendar
  home from the ``caldav`` library (``calendar-home-set``; it also moves to the partition host), the
  address book home from a PROPFIND of ``addressbook-home-set``; the collections from a PROPFIND of
  the home (display name, colour);
- items: a PROPFIND Depth 1 of each collection lists the hrefs, then ``calendar-multiget`` /
  ``addressbook-multiget`` REPORTs fetch them a hundred at a time (one GET per item would take
  minutes on a far server). ``open`` reads the item's collection the same way once and keeps it in a
  small cache, since items are written collection after collection.

Every object goes through ``convert.ical`` / ``convert.vcard`` as a Takeout file does: scheduling
neutralised, time zones completed, vCard 2.1 upgraded, photos scaled down; a malformed one is an entry
with ``problem`` and the parser's line. Apple's group cards (iCloud) become CATEGORIES of their members,
folded over the whole address book in ``scan`` and ``open`` alike (``sources.dav_objects``); each group
card is an entry left out with ``contact_group_folded``. Items are keyed by their href (stable at the
source).

Errors: a refused password → ``FatalError("source_auth_failed")``; no answer, 5xx, 429 →
``RetryableError``; an item gone since the listing → ``BadItemError("source_changed")``.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import BinaryIO, Literal, cast
from urllib.parse import unquote, urlsplit, urlunsplit

import requests

from degoogle.convert.ical import resource_name as ics_name
from degoogle.convert.vcard import resource_name as vcf_name
from degoogle.errors import SOURCE_UNREACHABLE, BadItemError, FatalError, RetryableError, UserError
from degoogle.locality import require_secure_url
from degoogle.model import Item, Kind, SourceEntry
from degoogle.protocols.dav import Collection, DavClient, HttpErrors, Service, href_path
from degoogle.protocols.http import OriginRule, https_hosts_under
from degoogle.sources.base import Source, SourceOptions
from degoogle.sources.dav_objects import DavObject, collection_objects
from degoogle.sources.groupware_files import ParsedFiles, normalise_color

log = logging.getLogger(__name__)

ICLOUD_CALDAV = "https://caldav.icloud.com/"
ICLOUD_CARDDAV = "https://contacts.icloud.com/"
#: iCloud sends each account to its partition host (``p42-caldav.icloud.com``): the password may go there
ICLOUD_HOSTS = https_hosts_under("icloud.com")


class DavAccount:
    """One service (CalDAV or CardDAV) of one account, read through ``protocols.dav.DavClient`` made
    read-only. Nothing is sent before the first call."""

    def __init__(self, service: Service, url: str, user: str, password: str | None,
                 trusted: OriginRule | None = None) -> None:
        self.service = service
        self.client = DavClient(url, user, password, errors=SOURCE_ERRORS, trusted=trusted, read_only=True)
        self.url = self.client.url
        self.user = user

    def collections(self) -> list[Collection]:
        """Every calendar or address book of the account (RFC 6764 §5, RFC 5397, RFC 4791 §6.2.1,
        RFC 6352 §7.1.1)."""
        found = self.client.principal(self.service, self.client.discovery_starts(self.service, given_first=True))
        if found is None:
            raise FatalError(f"no {self.service} service found at {urlsplit(self.url).netloc}",
                             code="no_dav_service")
        context, principal = found
        if self.service == "caldav":
            try:
                home = self.client.calendar_home(context).home_url()
            except FatalError as exc:
                if exc.code == "auth_failed":
                    raise FatalError(exc.detail, code="source_auth_failed") from exc
                raise
            calendars = self.client.collections(home, "calendar", missing_ok=True)
            return [Collection(c.url, c.name, normalise_color(c.color), "calendar") for c in calendars]
        book_home = self.client.addressbook_home(principal)
        if not book_home:
            raise FatalError("the server names no address book home", code="no_dav_service")
        return [Collection(b.url, b.name, None, "addressbook")
                for b in self.client.collections(book_home, "addressbook", missing_ok=True)]

    def hrefs(self, collection: Collection) -> list[str]:
        """The hrefs of every item in ``collection`` (sub-collections left out), in a stable order."""
        return sorted((m.href for m in self.client.members(collection, missing_ok=True)), key=href_path)

    def fetch(self, collection: Collection, hrefs: list[str]) -> Iterator[tuple[str, str]]:
        """``(href path, text)`` of each href that still exists (multiget REPORTs)."""
        return self.client.multiget(collection, hrefs)

    def probe(self) -> None:
        self.client.probe(f"check {self.service} answers")

    def close(self) -> None:
        self.client.close()


def _transport_error(exc: requests.RequestException, what: str) -> Exception:
    if isinstance(exc, requests.exceptions.SSLError):
        return FatalError(f"{what}: the server's certificate could not be verified", code="tls_error")
    if isinstance(exc, requests.TooManyRedirects):
        return RetryableError(f"{what}: too many redirects", code=SOURCE_UNREACHABLE)
    return RetryableError(f"{what}: {type(exc).__name__}", code=SOURCE_UNREACHABLE)


def _raise_for_status(response: requests.Response, what: str) -> None:
    status = response.status_code
    if status < 400 or status == 404:
        return
    detail = f"{what}: HTTP {status} {response.reason}"
    if status in (401, 403):
        raise FatalError(detail, code="source_auth_failed")
    if status in (408, 423, 425, 429) or status >= 500:
        after = response.headers.get("Retry-After", "")
        raise RetryableError(detail, code=SOURCE_UNREACHABLE,
                             retry_after=float(after) if after.strip().isdigit() else None)
    raise BadItemError(detail, code="refused_by_source")


#: how the source words HTTP failures: the source (not the target) is unreachable or refuses
SOURCE_ERRORS = HttpErrors(status=_raise_for_status, transport=_transport_error)


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


class DavSource(Source):
    """The calendars and/or address books of one account (see the module docstring)."""

    def __init__(self, spec: str, user: str, password: str | None, *, caldav_url: str | None = None,
                 carddav_url: str | None = None, label: str = "", trusted: OriginRule | None = None) -> None:
        """``trusted``: origins besides each URL's own that the password may go to (``protocols.http``)."""
        self.spec = spec
        self.label = label
        self.accounts: dict[Kind, DavAccount] = {}
        if caldav_url:
            self.accounts[Kind.CALENDAR] = DavAccount("caldav", caldav_url, user, password, trusted)
        if carddav_url:
            self.accounts[Kind.CONTACTS] = DavAccount("carddav", carddav_url, user, password, trusted)
        self._lock = threading.Lock()
        self.cache: ParsedFiles[dict[str, list[DavObject]]] = ParsedFiles(max_files=2)

    def describe(self) -> str:
        return self.label or ", ".join(f"{a.service} {urlsplit(a.url).netloc}" for a in self.accounts.values())

    def scan(self) -> Iterator[SourceEntry]:
        """Every item of every collection, collection after collection."""
        for kind, account in self.accounts.items():
            names: set[str] = set()
            for collection in account.collections():
                name, n = collection.name, 1
                while name in names:
                    n += 1
                    name = f"{collection.name} ({n})"
                names.add(name)
                hrefs = account.hrefs(collection)
                log.info("%s %r: %d items", kind.value, name, len(hrefs))
                yield from self._entries(kind, account, collection, name, hrefs)

    def _entries(self, kind: Kind, account: DavAccount, collection: Collection, name: str,
                 hrefs: list[str]) -> Iterator[SourceEntry]:
        taken: set[str] = set()
        fetched = account.fetch(collection, hrefs)
        # a calendar is listed as it arrives; an address book once whole, since its groups are folded
        batches = [dict(fetched)] if kind == Kind.CONTACTS else ({href: text} for href, text in fetched)
        for batch in batches:
            for href, objects in collection_objects(kind, batch).items():
                yield from self._href_entries(kind, collection, name, href, objects, taken)

    def _href_entries(self, kind: Kind, collection: Collection, name: str, href: str, objects: list[DavObject],
                      taken: set[str]) -> Iterator[SourceEntry]:
        where = f"{name}: {unquote(href.rsplit('/', 1)[-1])}"
        first = True
        for obj in objects:
            size = len(obj.text.encode("utf-8"))
            if obj.bad is not None:
                label = f"{obj.title} ({unquote(href.rsplit('/', 1)[-1])})".replace("/", "-")
                yield SourceEntry(kind, f"{href}#bad:{_sha(obj.text)}", (name, label), size=size,
                                  problem=obj.bad[0], detail=f"{where}, line {obj.bad[1]}: {obj.bad[2]}")
                continue
            resource = ics_name(obj.uid) if kind == Kind.CALENDAR else vcf_name(obj.uid)
            if resource in taken:
                resource = f"{_sha(href)}-{resource}"
            taken.add(resource)
            attrs: dict[str, object] = {"uid": obj.uid}
            if obj.title:
                attrs["title"] = obj.title[:200]
            if collection.color:
                attrs["color"] = collection.color
            yield SourceEntry(
                kind, href if first else f"{href}#{obj.uid}", (name, resource), size=size,
                fingerprint=_sha(obj.text), attrs=attrs, left_out=obj.left_out,
                detail=f"{where}: {obj.detail}" if obj.detail else "",
                locator=json.dumps({"coll": collection.url, "href": href, "uid": obj.uid}, sort_keys=True),
            )
            first = False

    def _collection_items(self, kind: Kind, url: str) -> dict[str, list[DavObject]]:
        """The objects of each href of the collection at ``url``, read (and groups folded) once."""
        account = self.accounts.get(kind)
        if account is None:
            raise BadItemError(f"this source reads no {kind.value}", code="internal_error")

        def load() -> tuple[dict[str, list[DavObject]], int]:
            kind_name: Literal["calendar", "addressbook"] = "calendar" if kind == Kind.CALENDAR else "addressbook"
            collection = Collection(url, unquote(url.rstrip("/").rsplit("/", 1)[-1]), None, kind_name)
            items = collection_objects(kind, dict(account.fetch(collection, account.hrefs(collection))))
            return items, sum(2 * len(o.text) for objects in items.values() for o in objects)

        return self.cache.get(f"{kind.value} {url}", load)

    def probe(self) -> None:
        """One PROPFIND per account: ``RetryableError`` (``source_unreachable``) while the server
        cannot be reached, ``FatalError`` when it refuses the password."""
        for account in self.accounts.values():
            account.probe()

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The item as it is at the source now, converted like any calendar or contact."""
        try:
            where = json.loads(item.locator)
            url, href, uid = str(where["coll"]), str(where["href"]), str(where["uid"])
        except (ValueError, KeyError, TypeError):
            raise BadItemError(f"{item.source_key}: no usable locator", code="internal_error") from None
        objects = self._collection_items(item.kind, url).get(href)
        if objects is None:
            raise BadItemError(f"{item.source_path}: no longer at the source", code="source_changed")
        for obj in objects:
            if obj.uid == uid:
                if obj.bad is not None:
                    raise BadItemError(f"{item.source_path}, line {obj.bad[1]}: {obj.bad[2]}", code=obj.bad[0])
                return cast("AbstractContextManager[BinaryIO]", io.BytesIO(obj.text.encode("utf-8")))
        raise BadItemError(f"{item.source_path}: its UID is no longer at the source", code="source_changed")

    def close(self) -> None:
        self.cache.clear()
        for account in self.accounts.values():
            account.close()


# -- spec schemes -------------------------------------------------------------------------------------


def _split_user(url: str) -> tuple[str, str]:
    """``(URL without its user, user)``; ``UserError`` when a password is written in it."""
    parts = urlsplit(url)
    if parts.password is not None:
        raise UserError("never put a password in the source address", code="bad_source")
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port:
        netloc += f":{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))
    return clean, unquote(parts.username or "")


def open_caldav(spec: str, rest: str, options: SourceOptions) -> Source:
    """``caldav:https://user@host/…``: every calendar of the account."""
    url, user = _split_user(rest)
    require_secure_url(url)
    return DavSource(spec, user, options.password, caldav_url=url, label=f"calendars at {urlsplit(url).netloc}")


def open_carddav(spec: str, rest: str, options: SourceOptions) -> Source:
    """``carddav:https://user@host/…``: every address book of the account."""
    url, user = _split_user(rest)
    require_secure_url(url)
    return DavSource(spec, user, options.password, carddav_url=url,
                     label=f"address books at {urlsplit(url).netloc}")


def open_icloud(spec: str, rest: str, options: SourceOptions) -> Source:
    """``icloud:APPLE_ID``: iCloud calendars and contacts, with an app-specific password."""
    apple_id = rest.strip()
    if not apple_id or "/" in apple_id or ":" in apple_id:
        raise UserError(f"the source should look like icloud:marie@icloud.com, not {spec!r}", code="bad_source")
    return DavSource(spec, apple_id, options.password, caldav_url=ICLOUD_CALDAV, carddav_url=ICLOUD_CARDDAV,
                     label=f"iCloud calendars and contacts of {apple_id}", trusted=ICLOUD_HOSTS)
