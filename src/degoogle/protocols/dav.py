"""The one CalDAV / CardDAV client: what the DAV source reads and what the groupware target writes.

Terminology (as in vdirsyncer): a *collection* is a calendar or an address book; an *item* is one
stored object of it (a VCALENDAR or a vCard) at its *href*; its *etag* is the server's version tag,
kept exactly as sent (quoted) so it can serve in ``If-Match``.

What it does, in one place for both sides (issue 14):
- requests: on one ``protocols.http.peer_session`` (TLS verified, the password only to the account's
  origin and the ``trusted`` ones); every request, discovery or not, follows redirects by hand with
  the same method and body (``requests`` turns a PROPFIND into a GET on 302; DAV needs the PROPFIND
  again) under that session's one redirect rule: a redirect to another origin → ``RedirectRefused``;
- discovery: ``current-user-principal`` (RFC 5397) from the given URL, ``/.well-known/caldav|carddav``
  (RFC 6764 §5) or the root; ``calendar-home-set`` (RFC 4791 §6.2.1) through the ``caldav`` library
  (``protocols.caldav.CalendarHome``), ``addressbook-home-set`` (RFC 6352 §7.1.1) by a PROPFIND;
- multistatus parsing: collections of a home (display name, colour, degoogle's mark), members of a
  collection (href, etag), items by ``calendar-multiget`` / ``addressbook-multiget`` (RFC 4791 §7.9,
  RFC 6352 §8.7) and by UID (``calendar-query`` / ``addressbook-query``, RFC 4791 §7.8, RFC 6352 §8.6);
- writes, for the target only: PUT with ``If-None-Match: *`` (RFC 7232 §3.2: never replaces an item),
  MKCALENDAR (RFC 4791 §5.3.1), extended MKCOL (RFC 5689), PROPPATCH of a dead property (RFC 4918 §9.2).

A source never writes: it makes its client with ``read_only=True`` and the write methods (``WRITES``)
then refuse before anything is sent; ``tests/test_import_rules.py`` checks that no module of
``sources/`` calls one. HTTP answers become degoogle errors through the side's ``HttpErrors``: the
source and the target word the same answer differently (``source_auth_failed`` / ``auth_failed``…).

Why each HTTP library remains: ``requests`` carries every request of this client (``protocols.http``);
``caldav`` (the design card's CalDAV package, on ``niquests``) is used for the calendar home only —
it takes no session of ours, so it runs on a guarded ``niquests`` session (``protocols.http``); its
``save_event`` cannot send ``If-None-Match: *`` and it has no CardDAV, hence the rest here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import requests
from defusedxml import ElementTree

from degoogle.errors import BadItemError, FatalError
from degoogle.locality import require_secure_url
from degoogle.protocols.caldav import CalendarHome, Collection
from degoogle.protocols.http import TIMEOUT, OriginRule, PeerSession, RedirectRefused, peer_session

__all__ = ["CALDAV", "CARDDAV", "DAV", "MARKER", "MARKER_NS", "Collection", "DavClient", "HttpErrors", "Member",
           "Service", "absolute_href", "escape_xml", "href_path"]

log = logging.getLogger(__name__)

Service = Literal["caldav", "carddav"]
CollectionKind = Literal["calendar", "addressbook"]
DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
APPLE = "{http://apple.com/ns/ical/}"
#: the dead property on a collection degoogle made: which source collection it holds
MARKER_NS = "urn:x-degoogle:ns"
MARKER = f"{{{MARKER_NS}}}source"
#: hrefs per multiget REPORT: one GET per item would take minutes on a far server
BATCH = 100

_XML = "application/xml; charset=utf-8"
_HEAD = '<?xml version="1.0" encoding="utf-8"?>'
_NS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:card="urn:ietf:params:xml:ns:carddav"'
_PRINCIPAL = f'{_HEAD}<d:propfind {_NS}><d:prop><d:current-user-principal/></d:prop></d:propfind>'.encode()
_BOOK_HOME = f"{_HEAD}<d:propfind {_NS}><d:prop><card:addressbook-home-set/></d:prop></d:propfind>".encode()
_MEMBERS = f"{_HEAD}<d:propfind {_NS}><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>".encode()
#: the members' types alone: a server computes or reads an etag per item, which names do not need
_MEMBER_TYPES = f"{_HEAD}<d:propfind {_NS}><d:prop><d:resourcetype/></d:prop></d:propfind>".encode()
_COLLECTIONS = (f'{_HEAD}<d:propfind {_NS} xmlns:a="http://apple.com/ns/ical/" xmlns:g="{MARKER_NS}"><d:prop>'
                "<d:resourcetype/><d:displayname/><a:calendar-color/><g:source/></d:prop></d:propfind>").encode()
_MULTIGET = {
    "calendar": (f"{_HEAD}<c:calendar-multiget {_NS}><d:prop><d:getetag/><c:calendar-data/></d:prop>{{hrefs}}"
                 "</c:calendar-multiget>"),
    "addressbook": (f"{_HEAD}<card:addressbook-multiget {_NS}><d:prop><d:getetag/><card:address-data/></d:prop>"
                    "{hrefs}</card:addressbook-multiget>"),
}
_BY_UID = {
    "calendar": (f"{_HEAD}<c:calendar-query {_NS}><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter>"
                 '<c:comp-filter name="VCALENDAR"><c:comp-filter name="{component}"><c:prop-filter name="UID">'
                 '<c:text-match collation="i;octet">{uid}</c:text-match></c:prop-filter></c:comp-filter>'
                 "</c:comp-filter></c:filter></c:calendar-query>"),
    "addressbook": (f"{_HEAD}<card:addressbook-query {_NS}><d:prop><d:getetag/><card:address-data/></d:prop>"
                    '<card:filter><card:prop-filter name="UID"><card:text-match collation="i;unicode-casemap" '
                    'match-type="equals">{uid}</card:text-match></card:prop-filter></card:filter>'
                    "</card:addressbook-query>"),
}
_DATA = {"calendar": f"{CALDAV}calendar-data", "addressbook": f"{CARDDAV}address-data"}
_MKCALENDAR = (
    f'{_HEAD}<c:mkcalendar {_NS} xmlns:a="http://apple.com/ns/ical/"><d:set><d:prop>'
    "<d:displayname>{name}</d:displayname>{color}"
    # journal entries (VJOURNAL) are stored only where the component set names them (RFC 4791
    # §5.2.3); Nextcloud's default set is VEVENT and VTODO
    "<c:supported-calendar-component-set>"
    + "".join(f'<c:comp name="{c}"/>' for c in ("VEVENT", "VTODO", "VJOURNAL"))
    + "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"
)
_MKCOL_ADDRESSBOOK = (f"{_HEAD}<d:mkcol {_NS}><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/>"
                      "</d:resourcetype><d:displayname>{name}</d:displayname></d:prop></d:set></d:mkcol>")
_MARK = (f'{_HEAD}<d:propertyupdate xmlns:d="DAV:" xmlns:g="{MARKER_NS}"><d:set><d:prop>'
         "<g:source>{value}</g:source></d:prop></d:set></d:propertyupdate>")


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def href_path(href: str) -> str:
    """The path of ``href`` percent-encoded one single way (servers differ on ``@``, ``:``, ``+``).
    The DAV source keys its items by it: journals hold it, so it never changes."""
    return quote(unquote(urlsplit(href).path), safe="/@:+")


def absolute_href(base: str, ref: str) -> str:
    """``ref`` resolved against ``base``, its path as :func:`href_path` writes it, no fragment."""
    parts = urlsplit(urljoin(base, ref))
    return urlunsplit((parts.scheme, parts.netloc, href_path(parts.path), parts.query, ""))


@dataclass(frozen=True)
class HttpErrors:
    """How one side words HTTP failures: ``status(response, what)`` raises for an error answer (and
    returns for one that is not), ``transport(exc, what)`` gives the error for a failure below HTTP."""

    status: Callable[[requests.Response, str], None]
    transport: Callable[[requests.RequestException, str], Exception]


@dataclass(frozen=True)
class Member:
    """One item of a collection: ``href`` as the server wrote it, ``url`` absolute, ``etag`` as sent."""

    href: str
    url: str
    etag: str


class DavClient:
    """CalDAV and CardDAV requests for one account at ``url`` (see the module docstring).

    ``user`` empty: no authentication (a local test server). ``trusted``: origins besides ``url``'s the
    password may go to (``protocols.http``). ``session``: one made by ``peer_session`` for ``url``, to
    share its connections. ``errors``: how HTTP failures become degoogle errors for the caller's side;
    ``RedirectRefused`` and ``UserError`` (an insecure address) are raised as they are.
    ``read_only``: the write methods (``WRITES``) raise ``FatalError("internal_error")``, sending nothing.
    """

    #: the methods that change the server; a source calls none of them
    WRITES: ClassVar[frozenset[str]] = frozenset({"put_new", "make_calendar", "make_addressbook", "set_mark"})

    def __init__(self, url: str, user: str, password: str | None, *, errors: HttpErrors,
                 trusted: OriginRule | None = None, session: PeerSession | None = None,
                 read_only: bool = False) -> None:
        require_secure_url(url)
        self.url = url if url.endswith("/") else url + "/"
        self.user = user
        self.password = password or ""
        self.trusted = trusted
        self.errors = errors
        self.read_only = read_only
        self.session = session or peer_session(self.url, trusted=trusted)
        if user:
            self.session.auth = (user, self.password)
        self._homes: dict[str, CalendarHome] = {}

    # -- HTTP ---------------------------------------------------------------------------------------

    def _send(self, method: str, url: str, what: str, body: bytes | None = None, *, depth: str | None = None,
              content_type: str = _XML, headers: dict[str, str] | None = None) -> requests.Response:
        """One request, redirects followed under the rule; the answer as it is, whatever its status."""
        sent = dict(headers or {})
        if body is not None:
            sent["Content-Type"] = content_type
        if depth is not None:
            sent["Depth"] = depth
        try:
            return self.session.request_following(method, url, data=body, headers=sent, timeout=TIMEOUT)
        except RedirectRefused as exc:
            raise RedirectRefused(f"{what}: {exc.detail}", subject=exc.subject) from exc
        except requests.RequestException as exc:
            raise self.errors.transport(exc, what) from exc

    def _multistatus(self, response: requests.Response, what: str) -> ElementTree.Element:
        self.errors.status(response, what)
        if response.status_code != 207:
            raise BadItemError(f"{what}: HTTP {response.status_code} instead of a multistatus",
                               code="not_a_dav_server")
        return ElementTree.fromstring(response.content)

    def _writing(self, what: str) -> None:
        if self.read_only:
            raise FatalError(f"{what}: this DAV client only reads", code="internal_error")

    # -- reading ------------------------------------------------------------------------------------

    def propfind(self, url: str, body: bytes, depth: str, what: str, *,
                 missing_ok: bool = False) -> tuple[str, ElementTree.Element] | None:
        """``(the URL that answered, its multistatus)``; None on 404 when ``missing_ok``. Raises the
        side's errors, ``BadItemError("not_a_dav_server")`` for an answer that is no multistatus."""
        response = self._send("PROPFIND", url, what, body, depth=depth)
        if missing_ok and response.status_code == 404:
            return None
        return response.url or url, self._multistatus(response, what)

    def probe(self, what: str) -> None:
        """One PROPFIND of the account's URL: raises the side's errors while it does not answer."""
        self.propfind(self.url, _PRINCIPAL, "0", what, missing_ok=True)

    def principal(self, service: Service, starts: list[str]) -> tuple[str, str] | None:
        """``(context URL, principal URL)`` from the first of ``starts`` naming a principal (404 and
        answers without one: the next), None when none does."""
        for start in starts:
            what = f"discover {service}"
            response = self._send("PROPFIND", start, what, _PRINCIPAL, depth="0")
            if response.status_code == 404:
                continue
            self.errors.status(response, what)
            if response.status_code != 207:
                continue
            answered = response.url or start
            href = ElementTree.fromstring(response.content).findtext(f".//{DAV}current-user-principal/{DAV}href")
            if href:
                log.debug("%s context %s, principal %s", service, urlsplit(answered).path, href)
                return answered, urljoin(answered, href.strip())
        return None

    def discovery_starts(self, service: Service, *, given_first: bool) -> list[str]:
        """Where to look for the principal: the account's URL (when ``given_first`` and it is not the
        root), ``/.well-known/<service>``, then the account's URL or root."""
        parts = urlsplit(self.url)
        root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
        well_known = urljoin(root, f"/.well-known/{service}")
        if given_first:
            return ([self.url] if parts.path not in ("", "/") else []) + [well_known, root]
        return [well_known, self.url]

    def calendar_home(self, context: str) -> CalendarHome:
        """The ``caldav`` library's view of the calendar home found from ``context`` (made once)."""
        if context not in self._homes:
            self._homes[context] = CalendarHome(context, self.user, self.password, trusted=self.trusted)
        return self._homes[context]

    def addressbook_home(self, principal: str) -> str | None:
        """The principal's ``addressbook-home-set`` as an absolute URL, None when it names none."""
        found = self.propfind(principal, _BOOK_HOME, "0", "find the address book home", missing_ok=True)
        href = found[1].findtext(f".//{CARDDAV}addressbook-home-set/{DAV}href") if found else None
        return urljoin(principal, href.strip()) if href else None

    def collections(self, home: str, kind: CollectionKind, *, missing_ok: bool = False) -> list[Collection]:
        """Every calendar or address book in ``home`` (PROPFIND Depth 1), with display name (the last
        path segment when unset), colour and degoogle's mark (None when unset)."""
        found = self.propfind(home, _COLLECTIONS, "1", f"list {kind}s", missing_ok=missing_ok)
        wanted = f"{CALDAV}calendar" if kind == "calendar" else f"{CARDDAV}addressbook"
        listed: list[Collection] = []
        for response in found[1].iter(f"{DAV}response") if found else ():
            rtype = response.find(f".//{DAV}resourcetype")
            if rtype is None or rtype.find(wanted) is None:
                continue
            url = urljoin(home, (response.findtext(f"{DAV}href") or "").strip())
            name = (response.findtext(f".//{DAV}displayname") or "").strip()
            color = (response.findtext(f".//{APPLE}calendar-color") or "").strip() or None
            marker = (response.findtext(f".//{MARKER}") or "").strip() or None
            listed.append(Collection(url, name or unquote(url.rstrip("/").rsplit("/", 1)[-1]), color, kind, marker))
        return listed

    def members(self, collection: Collection, *, missing_ok: bool = False) -> list[Member]:
        """The items of ``collection`` in the server's order (PROPFIND Depth 1), sub-collections left out."""
        parts = urlsplit(collection.url)
        listed: list[Member] = []
        for href, path, response in self._items(collection, _MEMBERS, missing_ok):
            etag = (response.findtext(f".//{DAV}getetag") or "").strip()
            # most servers write a path ("/remote.php/dav/…"): its URL is the collection's origin and that path
            # (``absolute_href``'s result, without its urljoin and three splits per item of a big collection)
            plain = (href.startswith("/") and not href.startswith("//") and "/." not in href
                     and not any(c in href for c in "?#"))
            url = (f"{parts.scheme}://{parts.netloc}{path}" if plain else absolute_href(collection.url, href))
            listed.append(Member(href, url, etag))
        return listed

    def member_names(self, collection: Collection) -> set[str]:
        """The resource names (last path segment, percent-decoded) of the items of ``collection``,
        sub-collections left out: a PROPFIND Depth 1 asking only each member's type. Radicale
        answered 3,000 contacts in 0.28 s instead of 0.40 s, in two thirds of the bytes."""
        return {unquote(path.rstrip("/").rsplit("/", 1)[-1]) for _href, path, _response in
                self._items(collection, _MEMBER_TYPES)}

    def _items(self, collection: Collection, body: bytes,
               missing_ok: bool = False) -> Iterator[tuple[str, str, ElementTree.Element]]:
        """``(href, its path, its response)`` of each item in the answer to a PROPFIND Depth 1 of
        ``collection`` asking ``body``; the collection itself and sub-collections left out."""
        found = self.propfind(collection.url, body, "1", f"list {collection.name!r}", missing_ok=missing_ok)
        own = href_path(collection.url).rstrip("/")
        for response in found[1].iter(f"{DAV}response") if found else ():
            href = (response.findtext(f"{DAV}href") or "").strip()
            rtype = response.find(f".//{DAV}resourcetype")
            if not href or (rtype is not None and len(rtype)):
                continue
            path = href_path(href)
            if path.rstrip("/") != own:
                yield href, path, response

    def multiget(self, collection: Collection, hrefs: list[str]) -> Iterator[tuple[str, str]]:
        """``(href path, text)`` of each of ``hrefs`` still there, by REPORTs of ``BATCH`` hrefs."""
        what = f"read {collection.name!r}"
        for start in range(0, len(hrefs), BATCH):
            batch = "".join(f"<d:href>{escape_xml(h)}</d:href>" for h in hrefs[start:start + BATCH])
            body = _MULTIGET[collection.kind].format(hrefs=batch).encode("utf-8")
            # no Depth header: RFC 4791 §7.9 and RFC 6352 §8.7 say the server ignores it
            root = self._multistatus(self._send("REPORT", collection.url, what, body), what)
            for answer in root.iter(f"{DAV}response"):
                href = (answer.findtext(f"{DAV}href") or "").strip()
                data = answer.find(f".//{_DATA[collection.kind]}")
                if href and data is not None and data.text:
                    yield href_path(href), data.text

    def find_uid(self, collection: Collection, uid: str, component: str = "VEVENT") -> str | None:
        """The text of the item of ``collection`` whose UID is ``uid`` (a query REPORT), or None —
        also when the server does not answer the query with a multistatus."""
        body = _BY_UID[collection.kind].format(component=component, uid=escape_xml(uid)).encode("utf-8")
        response = self._send("REPORT", collection.url, f"look for UID {uid}", body, depth="1")
        if response.status_code != 207:
            return None
        for answer in ElementTree.fromstring(response.content).iter(f"{DAV}response"):
            data = answer.find(f".//{_DATA[collection.kind]}")
            if data is not None and data.text and uid in data.text:
                return str(data.text)
        return None

    def get(self, href: str) -> tuple[str, str | None]:
        """The stored text of one item (UTF-8, RFC 5545 §3.1.4, RFC 6350 §3.1: requests would guess
        Latin-1) and its etag."""
        response = self._send("GET", href, f"read {urlsplit(href).path.rsplit('/', 1)[-1]}")
        self.errors.status(response, "read back an item")
        return response.content.decode("utf-8", errors="replace"), response.headers.get("ETag")

    # -- writing (the target only) ---------------------------------------------------------------------

    def put_new(self, href: str, text: str, kind: CollectionKind, what: str) -> requests.Response:
        """PUT ``text`` at ``href`` only if nothing is there (``If-None-Match: *``); the answer as it is
        (412: something is there, untouched)."""
        self._writing(what)
        mime = "text/calendar" if kind == "calendar" else "text/vcard"
        return self._send("PUT", href, what, text.encode("utf-8"), content_type=f"{mime}; charset=utf-8",
                          headers={"If-None-Match": "*"})

    def make_calendar(self, url: str, name: str, color: str | None, what: str) -> requests.Response:
        """MKCALENDAR at ``url`` with display name, colour and the component set; the answer as it is."""
        self._writing(what)
        body = _MKCALENDAR.format(name=escape_xml(name),
                                  color=f"<a:calendar-color>{escape_xml(color)}</a:calendar-color>" if color else "")
        return self._send("MKCALENDAR", url, what, body.encode("utf-8"))

    def make_addressbook(self, url: str, name: str, what: str) -> requests.Response:
        """Extended MKCOL of an address book at ``url``; the answer as it is."""
        self._writing(what)
        return self._send("MKCOL", url, what, _MKCOL_ADDRESSBOOK.format(name=escape_xml(name)).encode("utf-8"))

    def set_mark(self, url: str, marker: str, what: str) -> bool:
        """PROPPATCH degoogle's mark (``MARKER``) onto a collection; whether the server kept it."""
        self._writing(what)
        response = self._send("PROPPATCH", url, what, _MARK.format(value=escape_xml(marker)).encode("utf-8"))
        kept = response.status_code == 207 and b"200 OK" in response.content
        if not kept:
            log.warning("%s: the server did not keep degoogle's mark (HTTP %d)", what, response.status_code)
        return kept

    def close(self) -> None:
        self.session.close()
