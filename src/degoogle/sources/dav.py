"""Any CalDAV / CardDAV account as a read-only source: ``caldav:URL``, ``carddav:URL``, ``icloud:APPLE_ID``.

``caldav:https://marie@dav.example.org/`` reads every calendar of the account (events and tasks),
``carddav:https://marie@dav.example.org/`` every address book; ``icloud:marie@icloud.com`` both, from
``https://caldav.icloud.com/`` and ``https://contacts.icloud.com/`` with an app-specific password.
The URL may be the server's root (discovery starts at ``/.well-known/caldav|carddav``, RFC 6764 §5),
a principal, or a home. The password comes from ``SourceOptions.password``; nothing is written.

How it reads (RFC 4791, RFC 6352):
- discovery: ``current-user-principal`` (RFC 5397) found from the URL or the well-known one, redirects
  followed by hand under ``protocols.http``'s rule (credentials only to the URL's origin; a redirect
  elsewhere → ``RedirectRefused``; the ``icloud:`` preset also trusts https hosts under ``icloud.com``,
  since iCloud answers from the account's partition host, ``p42-caldav.icloud.com``); calendars then
  come from the ``caldav`` library (``calendar-home-set``, display name, colour; it also moves to the
  partition host), address books from a PROPFIND of ``addressbook-home-set`` and of that home;
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
from dataclasses import dataclass
from typing import BinaryIO, Literal, cast
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import requests
from defusedxml import ElementTree

from degoogle.convert.ical import resource_name as ics_name
from degoogle.convert.vcard import resource_name as vcf_name
from degoogle.errors import SOURCE_UNREACHABLE, BadItemError, FatalError, RetryableError, UserError
from degoogle.locality import require_secure_url
from degoogle.model import Item, Kind, SourceEntry
from degoogle.protocols.http import OriginRule, RedirectRefused, https_hosts_under, peer_session
from degoogle.sources.base import Source, SourceOptions
from degoogle.sources.dav_objects import DavObject, collection_objects
from degoogle.sources.groupware_files import ParsedFiles, normalise_color

log = logging.getLogger(__name__)

Service = Literal["caldav", "carddav"]
DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
TIMEOUT = (15, 120)
BATCH = 100
ICLOUD_CALDAV = "https://caldav.icloud.com/"
ICLOUD_CARDDAV = "https://contacts.icloud.com/"
#: iCloud sends each account to its partition host (``p42-caldav.icloud.com``): the password may go there
ICLOUD_HOSTS = https_hosts_under("icloud.com")
_XML = {"Content-Type": "application/xml; charset=utf-8"}
_PRINCIPAL = (b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
              b"<d:current-user-principal/></d:prop></d:propfind>")
_BOOK_HOME = (b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" '
              b'xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:addressbook-home-set/></d:prop></d:propfind>')
_LIST = (b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
         b"<d:resourcetype/><d:displayname/><d:getetag/></d:prop></d:propfind>")
_MULTIGET = {
    "caldav": ('<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget xmlns:d="DAV:" '
               'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}'
               "</c:calendar-multiget>"),
    "carddav": ('<?xml version="1.0" encoding="utf-8"?><c:addressbook-multiget xmlns:d="DAV:" '
                'xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop>{hrefs}'
                "</c:addressbook-multiget>"),
}
_DATA = {"caldav": f"{CALDAV}calendar-data", "carddav": f"{CARDDAV}address-data"}


def _path(href: str) -> str:
    return quote(unquote(urlsplit(href).path), safe="/@:+")


@dataclass(frozen=True)
class DavCollection:
    """A calendar or address book of the source: absolute ``url``, display ``name``, ``color``."""

    url: str
    name: str
    color: str | None
    service: Service


class DavAccount:
    """One service (CalDAV or CardDAV) of one account, read with plain requests (and ``caldav`` for the
    calendar home). Nothing is sent before the first call."""

    def __init__(self, service: Service, url: str, user: str, password: str | None,
                 trusted: OriginRule | None = None) -> None:
        require_secure_url(url)
        self.service = service
        self.url = url if url.endswith("/") else url + "/"
        self.user = user
        self.password = password or ""
        self.trusted = trusted
        self.session = peer_session(self.url, (user, self.password) if user else None, trusted=trusted)

    # -- HTTP ------------------------------------------------------------------------------------

    def request(self, method: str, url: str, what: str, body: bytes | None = None,
                depth: str | None = None) -> requests.Response:
        """One request, redirects followed by hand under ``protocols.http``'s rule. Raises degoogle
        errors for what is not an answer or is an error answer (404 returned as is);
        ``RedirectRefused`` when the server sends us to another origin."""
        headers = dict(_XML) if body is not None else {}
        if depth is not None:
            headers["Depth"] = depth
        try:
            response = self.session.request_following(method, url, data=body, headers=headers, timeout=TIMEOUT)
        except RedirectRefused as exc:
            raise RedirectRefused(f"{what}: {exc.detail}", subject=exc.subject) from exc
        except requests.exceptions.SSLError as exc:
            raise FatalError(f"{what}: the server's certificate could not be verified",
                             code="tls_error") from exc
        except requests.TooManyRedirects as exc:
            raise RetryableError(f"{what}: too many redirects", code=SOURCE_UNREACHABLE) from exc
        except requests.RequestException as exc:
            raise RetryableError(f"{what}: {type(exc).__name__}", code=SOURCE_UNREACHABLE) from exc
        _raise_for_status(response, what)
        return response

    def propfind(self, url: str, body: bytes, depth: str, what: str) -> tuple[str, ElementTree.Element | None]:
        """``(the URL that answered, its multistatus)``, or ``(url, None)`` on 404."""
        response = self.request("PROPFIND", url, what, body, depth)
        if response.status_code == 404:
            return response.url or url, None
        if response.status_code != 207:
            raise BadItemError(f"{what}: HTTP {response.status_code} instead of a multistatus",
                               code="not_a_dav_server")
        return response.url or url, ElementTree.fromstring(response.content)

    # -- discovery -------------------------------------------------------------------------------

    def context(self) -> tuple[str, str]:
        """``(context URL, principal URL)`` (RFC 6764 §5, RFC 5397)."""
        parts = urlsplit(self.url)
        root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
        starts = [self.url] if parts.path not in ("", "/") else []
        starts += [urljoin(root, f"/.well-known/{self.service}"), root]
        for start in starts:
            answered, tree = self.propfind(start, _PRINCIPAL, "0", f"discover {self.service}")
            href = tree.findtext(f".//{DAV}current-user-principal/{DAV}href") if tree is not None else None
            if href:
                return answered, urljoin(answered, href.strip())
        raise FatalError(f"no {self.service} service found at {parts.netloc}", code="no_dav_service")

    def collections(self) -> list[DavCollection]:
        """Every calendar (through ``caldav``) or address book of the account."""
        context, principal = self.context()
        if self.service == "caldav":
            from degoogle.protocols.caldav import CalendarHome

            try:
                found = CalendarHome(context, self.user, self.password, trusted=self.trusted).calendars()
            except FatalError as exc:
                if exc.code == "auth_failed":
                    raise FatalError(exc.detail, code="source_auth_failed") from exc
                raise
            return [DavCollection(c.url, c.name, normalise_color(c.color), "caldav") for c in found]
        _answered, tree = self.propfind(principal, _BOOK_HOME, "0", "find the address book home")
        href = tree.findtext(f".//{CARDDAV}addressbook-home-set/{DAV}href") if tree is not None else None
        if not href:
            raise FatalError("the server names no address book home", code="no_dav_service")
        home = urljoin(principal, href.strip())
        _answered, tree = self.propfind(home, _LIST, "1", "list address books")
        books: list[DavCollection] = []
        for response in tree.iter(f"{DAV}response") if tree is not None else ():
            rtype = response.find(f".//{DAV}resourcetype")
            if rtype is None or rtype.find(f"{CARDDAV}addressbook") is None:
                continue
            url = urljoin(home, (response.findtext(f"{DAV}href") or "").strip())
            name = (response.findtext(f".//{DAV}displayname") or "").strip()
            books.append(DavCollection(url, name or unquote(url.rstrip("/").rsplit("/", 1)[-1]), None, "carddav"))
        return books

    # -- items -----------------------------------------------------------------------------------

    def hrefs(self, collection: DavCollection) -> list[str]:
        """The hrefs of every item in ``collection`` (sub-collections left out), in a stable order."""
        _answered, tree = self.propfind(collection.url, _LIST, "1", f"list {collection.name!r}")
        own = _path(collection.url).rstrip("/")
        found: list[str] = []
        for response in tree.iter(f"{DAV}response") if tree is not None else ():
            href = (response.findtext(f"{DAV}href") or "").strip()
            rtype = response.find(f".//{DAV}resourcetype")
            if not href or _path(href).rstrip("/") == own or (rtype is not None and len(rtype)):
                continue
            found.append(href)
        return sorted(found, key=_path)

    def fetch(self, collection: DavCollection, hrefs: list[str]) -> Iterator[tuple[str, str]]:
        """``(href path, text)`` of each href that still exists, by multiget REPORTs of ``BATCH`` hrefs."""
        for start in range(0, len(hrefs), BATCH):
            batch = hrefs[start:start + BATCH]
            body = _MULTIGET[self.service].format(
                hrefs="".join(f"<d:href>{_escape(h)}</d:href>" for h in batch)).encode("utf-8")
            # no Depth header: RFC 4791 §7.9 and RFC 6352 §8.7 say the server ignores it
            response = self.request("REPORT", collection.url, f"read {collection.name!r}", body)
            if response.status_code != 207:
                raise BadItemError(f"read {collection.name!r}: HTTP {response.status_code} instead of a multistatus",
                                   code="not_a_dav_server")
            for answer in ElementTree.fromstring(response.content).iter(f"{DAV}response"):
                href = (answer.findtext(f"{DAV}href") or "").strip()
                data = answer.find(f".//{_DATA[self.service]}")
                if href and data is not None and data.text:
                    yield _path(href), data.text

    def close(self) -> None:
        self.session.close()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        self._collections: dict[str, DavCollection] = {}
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

    def _entries(self, kind: Kind, account: DavAccount, collection: DavCollection, name: str,
                 hrefs: list[str]) -> Iterator[SourceEntry]:
        taken: set[str] = set()
        fetched = account.fetch(collection, hrefs)
        # a calendar is listed as it arrives; an address book once whole, since its groups are folded
        batches = [dict(fetched)] if kind == Kind.CONTACTS else ({href: text} for href, text in fetched)
        for batch in batches:
            for href, objects in collection_objects(kind, batch).items():
                yield from self._href_entries(kind, collection, name, href, objects, taken)

    def _href_entries(self, kind: Kind, collection: DavCollection, name: str, href: str, objects: list[DavObject],
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
            collection = DavCollection(url, unquote(url.rstrip("/").rsplit("/", 1)[-1]), None, account.service)
            items = collection_objects(kind, dict(account.fetch(collection, account.hrefs(collection))))
            return items, sum(2 * len(o.text) for objects in items.values() for o in objects)

        return self.cache.get(f"{kind.value} {url}", load)

    def probe(self) -> None:
        """One PROPFIND per account: ``RetryableError`` (``source_unreachable``) while the server
        cannot be reached, ``FatalError`` when it refuses the password."""
        for account in self.accounts.values():
            account.propfind(account.url, _PRINCIPAL, "0", f"check {account.service} answers")

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
