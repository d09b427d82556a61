"""CalDAV / CardDAV collections of the target: discovery, calendars, address books, idempotent writes.

Terminology (as in vdirsyncer): a *collection* is a calendar or an address book; an *item* is one
calendar object resource (a VCALENDAR of one UID) or one vCard; its *href* is its absolute URL; its
*etag* is the server's version tag, kept exactly as sent (quoted) so it can serve in ``If-Match``.

Who does what:
- discovery: ``/.well-known/caldav|carddav`` (RFC 6764 §5, redirects followed by hand because requests
  turns a PROPFIND into a GET on 302, under ``protocols.http``'s rule: the password never goes to
  another origin, a redirect there → ``RedirectRefused``), then ``current-user-principal`` (RFC 5397), then
  ``calendar-home-set`` (RFC 4791 §6.2.1) via the ``caldav`` library and ``addressbook-home-set``
  (RFC 6352 §7.1.1) via a PROPFIND of ours;
- the calendar home: the ``caldav`` library (``calendars.CalendarHome``);
- calendars and address books: plain ``requests`` PROPFIND, MKCALENDAR (RFC 4791 §5.3.1, display name
  and colour set in it) and extended MKCOL (RFC 5689): caldav 3.6 has no CardDAV, and its
  ``make_calendar`` takes a 403 for a refused password and retries a 429 on its own;
- each collection degoogle makes is marked with a dead property (``MARKER``, set by PROPPATCH, RFC 4918
  §9.2) naming the source collection it holds, so that a later move of the same data — with another
  journal — finds it again instead of making "Name (2)". Its path is derived from that mark
  (``collection_slug``): an attempt repeated after a lost answer finds the one made (405) instead of
  making another, and a server that keeps no dead properties (Xandikos) still shows it by its path;
- items: plain ``requests``: caldav's ``save_event`` cannot send ``If-None-Match: *`` and report a 412 as
  "already there" without overwriting, which is the whole point of the write (RFC 7232 §3.2,
  RFC 4791 §5.3.2, DESIGN.md "Idempotent writes").

Errors: 401 → ``FatalError("auth_failed")``, 507 → ``FatalError("no_space")``, 429/5xx/resets →
``RetryableError``, other refusals of an item → ``BadItemError`` with the server's reason. Making a
calendar: 429 → ``TooManyCalendars``, 403 "Calendar limit reached" → ``CalendarLimitReached``
(Nextcloud's limits, ``calendar_limits``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import requests
from defusedxml import ElementTree

from degoogle.errors import BadItemError, RetryableError
from degoogle.locality import require_secure_url
from degoogle.protocols.caldav import CalendarHome, Collection
from degoogle.protocols.http import PeerSession, RedirectRefused, peer_session
from degoogle.targets.nextcloud.same_item import same_item
from degoogle.targets.nextcloud.webdav import raise_for_status, transport_error

__all__ = ["MARKER", "CalendarLimitReached", "Collection", "DavCollections", "DavHomes", "PutOutcome",
           "TooManyCalendars", "collection_slug", "same_item"]

log = logging.getLogger(__name__)

DAV = "{DAV:}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
TIMEOUT = (15, 120)
#: the dead property on a collection degoogle made: which source collection it holds
MARKER_NS = "urn:x-degoogle:ns"
MARKER = f"{{{MARKER_NS}}}source"
APPLE = "{http://apple.com/ns/ical/}"

_PRINCIPAL_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
    b"<d:current-user-principal/></d:prop></d:propfind>"
)
_HOME_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop>'
    b"<card:addressbook-home-set/></d:prop></d:propfind>"
)
_LIST_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
    b"<d:resourcetype/><d:displayname/><d:getetag/></d:prop></d:propfind>"
)
_COLLECTIONS_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:a="http://apple.com/ns/ical/" '
    f'xmlns:g="{MARKER_NS}"><d:prop><d:resourcetype/><d:displayname/><a:calendar-color/><g:source/></d:prop>'
    "</d:propfind>"
).encode()
_MKCALENDAR = (
    '<?xml version="1.0" encoding="utf-8"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" '
    'xmlns:a="http://apple.com/ns/ical/"><d:set><d:prop><d:displayname>{name}</d:displayname>{color}'
    # journal entries (VJOURNAL) are stored only where the component set names them (RFC 4791
    # §5.2.3); Nextcloud's default set is VEVENT and VTODO
    "<c:supported-calendar-component-set>"
    + "".join(f'<c:comp name="{c}"/>' for c in ("VEVENT", "VTODO", "VJOURNAL"))
    + "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"
)
_MARK = (
    f'<?xml version="1.0" encoding="utf-8"?><d:propertyupdate xmlns:d="DAV:" xmlns:g="{MARKER_NS}"><d:set><d:prop>'
    "<g:source>{value}</g:source></d:prop></d:set></d:propertyupdate>"
)
_MKCOL_ADDRESSBOOK = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>'
    "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
    "<d:displayname>{name}</d:displayname></d:prop></d:set></d:mkcol>"
)


class TooManyCalendars(RetryableError):
    """The server refused to make a calendar now: too many made in its window (429)."""

    code = "temporary"


class CalendarLimitReached(BadItemError):
    """The server holds as many calendars as it allows this account (403 "Calendar limit reached")."""

    code = "calendar_limit_reached"


@dataclass(frozen=True)
class DavHomes:
    """What discovery found: the principal and the two homes, as absolute URLs."""

    principal: str
    calendar_home: str
    addressbook_home: str


@dataclass(frozen=True)
class PutOutcome:
    """What one idempotent write did. ``different_exists``: the server kept its own copy, untouched."""

    state: Literal["created", "already_there", "different_exists"]
    href: str
    etag: str | None


def _href(base: str, ref: str) -> str:
    """``ref`` resolved against ``base``, its path percent-encoded one single way (servers differ on ``@``)."""
    parts = urlsplit(urljoin(base, ref))
    return urlunsplit((parts.scheme, parts.netloc, quote(unquote(parts.path), safe="/@"), parts.query, ""))


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _server_words(response: requests.Response) -> str:
    """The message of a sabre error body (``<s:message>``), else the reason phrase."""
    found = re.search(rb"<s:message>(.*?)</s:message>", response.content[:4000], re.S)
    return found.group(1).decode("utf-8", "replace").strip() if found else response.reason


def collection_slug(name: str, marker: str | None = None) -> str:
    """A collection path segment: readable part of ``name`` plus a suffix derived from ``marker`` (the
    same collection gets the same path however often it is asked for), random without one."""
    readable = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "collection"
    suffix = (hashlib.sha1(f"{marker}\n{name}".encode(), usedforsecurity=False).hexdigest() if marker
              else uuid.uuid4().hex)
    return f"{readable}-{suffix[:8]}"


class DavCollections:
    """The calendars and address books of one account on a CalDAV/CardDAV server (Nextcloud, Radicale…).

    ``user``/``password`` empty means no authentication (a local test server). Only https, or http to
    127.0.0.1, is accepted (``UserError`` otherwise); certificates are always verified; the password
    goes only to ``base_url``'s origin (``protocols.http``). ``session``: one made by
    ``protocols.http.peer_session`` for ``base_url``, to share its connections. Discovery runs once, on
    first use. Every method raises only degoogle errors (see the module docstring).
    """

    def __init__(self, base_url: str, user: str, password: str, session: PeerSession | None = None) -> None:
        require_secure_url(base_url)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._session = session or peer_session(self.base_url)
        if user:
            self._session.auth = (user, password)
        self._user = user
        self._password = password
        self._homes: DavHomes | None = None
        self._calendar_home: CalendarHome | None = None

    # -- HTTP ---------------------------------------------------------------------------------------

    def _request(self, method: str, url: str, what: str, **kwargs: object) -> requests.Response:
        require_secure_url(url)
        try:
            return self._session.request(method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            raise transport_error(exc, what) from exc

    def _propfind(self, url: str, body: bytes, depth: str, what: str) -> ElementTree.Element:
        response = self._request("PROPFIND", url, what, data=body,
                                 headers={"Depth": depth, "Content-Type": "application/xml; charset=utf-8"})
        raise_for_status(response, what)
        if response.status_code != 207:
            raise BadItemError(f"{what}: HTTP {response.status_code} instead of a multistatus",
                               code="not_a_dav_server")
        return ElementTree.fromstring(response.content)

    # -- discovery ----------------------------------------------------------------------------------

    def _context(self, service: Literal["caldav", "carddav"]) -> tuple[str, str]:
        """The context URL for ``service`` (RFC 6764 §5) and the principal found there (RFC 5397)."""
        candidates = [urljoin(self.base_url, f"/.well-known/{service}"), self.base_url]
        for start in candidates:
            what = f"discover {service}"
            require_secure_url(start)
            try:
                response = self._session.request_following(
                    "PROPFIND", start, data=_PRINCIPAL_BODY, timeout=TIMEOUT,
                    headers={"Depth": "0", "Content-Type": "application/xml; charset=utf-8"})
            except RedirectRefused as exc:
                raise RedirectRefused(f"{what}: {exc.detail}", subject=exc.subject) from exc
            except requests.RequestException as exc:
                raise transport_error(exc, what) from exc
            url = response.url or start
            if response.status_code != 404:
                raise_for_status(response, what)
            if response.status_code == 207:
                root = ElementTree.fromstring(response.content)
                href = root.findtext(f".//{DAV}current-user-principal/{DAV}href")
                if href:
                    log.debug("%s context %s, principal %s", service, urlsplit(url).path, href)
                    return url, urljoin(url, href.strip())
        raise BadItemError(f"no {service} service found at {urlsplit(self.base_url).netloc}", code="no_dav_service")

    def discover(self) -> DavHomes:
        """Find the principal and both homes (cached). Raises ``BadItemError("no_dav_service")`` if none."""
        if self._homes is None:
            caldav_context, principal = self._context("caldav")
            self._calendar_home = CalendarHome(caldav_context, self._user, self._password)
            calendar_home = self._calendar_home.home_url()
            _carddav_context, card_principal = self._context("carddav")
            root = self._propfind(card_principal, _HOME_BODY, "0", "find the address book home")
            href = root.findtext(f".//{CARDDAV}addressbook-home-set/{DAV}href")
            if not href:
                raise BadItemError("the server names no addressbook-home-set", code="no_dav_service")
            self._homes = DavHomes(principal, calendar_home, urljoin(card_principal, href.strip()))
        return self._homes

    def _calendars(self) -> CalendarHome:
        self.discover()
        assert self._calendar_home is not None
        return self._calendar_home

    # -- collections ---------------------------------------------------------------------------------

    def calendars(self) -> list[Collection]:
        """Every calendar of the account, with its colour and degoogle's mark (None when unset)."""
        return self._collections(self._calendars().home_url(), "calendar")

    def addressbooks(self) -> list[Collection]:
        """Every address book of the account (PROPFIND Depth 1 on the home, RFC 6352 §6.1)."""
        return self._collections(self.discover().addressbook_home, "addressbook")

    def _collections(self, home: str, kind: Literal["calendar", "addressbook"]) -> list[Collection]:
        root = self._propfind(home, _COLLECTIONS_BODY, "1", f"list {kind}s")
        wanted = f"{CALDAV}calendar" if kind == "calendar" else f"{CARDDAV}addressbook"
        found: list[Collection] = []
        for response in root.iter(f"{DAV}response"):
            rtype = response.find(f".//{DAV}resourcetype")
            if rtype is None or rtype.find(wanted) is None:
                continue
            url = urljoin(home, (response.findtext(f"{DAV}href") or "").strip())
            name = response.findtext(f".//{DAV}displayname") or url.rstrip("/").rsplit("/", 1)[-1]
            color = (response.findtext(f".//{APPLE}calendar-color") or "").strip() or None
            marker = (response.findtext(f".//{MARKER}") or "").strip() or None
            found.append(Collection(url, name, color, kind, marker))
        return found

    def ensure_calendar(self, name: str, color: str | None = None, *, merge_into_existing: bool = False) -> Collection:
        """The existing calendar called ``name`` with ``merge_into_existing``, else a new one named ``name``,
        or ``name (2)``, ``name (3)``… when taken (tools and tests; ``DavTarget`` decides by mark)."""
        existing = self.calendars()
        if merge_into_existing and (same := next((c for c in existing if c.name == name), None)):
            return same
        chosen, n = name, 1
        while chosen in {c.name for c in existing}:
            n += 1
            chosen = f"{name} ({n})"
        return self.make_calendar(chosen, color, f"calendar:{chosen}:{uuid.uuid4().hex}")

    def make_calendar(self, name: str, color: str | None, marker: str) -> Collection:
        """Make calendar ``name`` marked as holding source collection ``marker``, at a path derived from
        them: made once however often asked (405 "already exists" → the one there). Raises
        ``TooManyCalendars`` (429) and ``CalendarLimitReached`` (403), as Nextcloud's limits have it."""
        home = self._calendars().home_url()
        url = urljoin(home if home.endswith("/") else home + "/", collection_slug(name, marker) + "/")
        what = f"create calendar {name!r}"
        body = _MKCALENDAR.format(name=_escape_xml(name),
                                  color=f"<a:calendar-color>{_escape_xml(color)}</a:calendar-color>" if color else "")
        response = self._request("MKCALENDAR", url, what, data=body.encode("utf-8"),
                                 headers={"Content-Type": "application/xml; charset=utf-8"})
        if response.status_code in (405, 409):  # made before, its answer lost: the one there is ours
            for calendar in self.calendars():
                if _href(url, "") == _href(calendar.url, ""):
                    return calendar
        if response.status_code == 429:
            raise TooManyCalendars(f"{what}: HTTP 429 {_server_words(response)}", code="temporary")
        if response.status_code == 403 and b"limit" in response.content.lower():
            raise CalendarLimitReached(f"{what}: {_server_words(response)}")
        raise_for_status(response, what)
        self.mark(url, marker, what)
        log.info("created calendar %r", name)
        return Collection(url, name, color, "calendar", marker)

    def mark(self, url: str, marker: str, what: str) -> None:
        """Set degoogle's mark on a collection (PROPPATCH). A server that keeps no dead properties
        only loses the recognition of a later move: logged, not raised."""
        response = self._request("PROPPATCH", url, what, data=_MARK.format(value=_escape_xml(marker)).encode("utf-8"),
                                 headers={"Content-Type": "application/xml; charset=utf-8"})
        if response.status_code != 207 or b"200 OK" not in response.content:
            log.warning("%s: the server did not keep degoogle's mark (HTTP %d)", what, response.status_code)

    def ensure_addressbook(self, name: str, marker: str | None = None) -> Collection:
        """The address book called ``name``: the existing one, or a new one (extended MKCOL, RFC 5689)
        marked as holding source collection ``marker``."""
        for book in self.addressbooks():
            if book.name == name:
                return book
        url = urljoin(self.discover().addressbook_home, collection_slug(name, marker) + "/")
        what = f"create address book {name!r}"
        response = self._request("MKCOL", url, what, data=_MKCOL_ADDRESSBOOK.format(name=_escape_xml(name)).encode(),
                                 headers={"Content-Type": "application/xml; charset=utf-8"})
        if response.status_code in (405, 409):
            for book in self.addressbooks():
                if _href(url, "") == _href(book.url, ""):
                    return book
        raise_for_status(response, what)
        if marker:
            self.mark(url, marker, what)
        log.info("created address book %r", name)
        return Collection(url, name, None, "addressbook", marker)

    # -- items ---------------------------------------------------------------------------------------

    def put(self, collection: Collection, resource_name: str, text: str, uid: str) -> PutOutcome:
        """Write one item without ever replacing one already there (``If-None-Match: *``).

        On 412 the stored item is read and compared with ``text`` (:func:`same_item`): ``already_there``
        or ``different_exists``. A UID already stored under another name (RFC 4791 §5.3.2.1
        ``no-uid-conflict``, RFC 6352 §6.3.2.1) is compared the same way, at that href.
        """
        href = _href(collection.url if collection.url.endswith("/") else collection.url + "/", resource_name)
        what = f"write {resource_name}"
        mime = "text/calendar" if collection.kind == "calendar" else "text/vcard"
        response = self._request("PUT", href, what, data=text.encode("utf-8"),
                                 headers={"If-None-Match": "*", "Content-Type": f"{mime}; charset=utf-8"})
        if response.status_code in (200, 201, 204):
            return PutOutcome("created", href, response.headers.get("ETag"))
        exists = response.status_code == 412
        if response.status_code in (403, 409) and b"no-uid-conflict" in response.content:
            root = ElementTree.fromstring(response.content)
            other = root.findtext(f".//{CALDAV}no-uid-conflict/{DAV}href") or root.findtext(
                f".//{CARDDAV}no-uid-conflict/{DAV}href")
            if other:
                href, exists = _href(href, other.strip()), True
        if exists:
            stored, etag = self.get(href)
            state: Literal["already_there", "different_exists"] = (
                "already_there" if same_item(text, stored, uid) else "different_exists")
            if state == "different_exists":
                log.info("%s: a different item with this name is on the server; left as it is", resource_name)
            return PutOutcome(state, href, etag)
        try:
            raise_for_status(response, what)
        except BadItemError as exc:
            reason = re.sub(r"<[^>]+>|\s+", " ", response.text[:500]).strip()
            detail = f"{exc.detail}: {reason}" if reason and reason != response.reason else exc.detail
            raise BadItemError(detail, code=exc.code) from None
        raise BadItemError(f"{what}: unexpected HTTP {response.status_code}", code="refused_by_server")

    def get(self, href: str) -> tuple[str, str | None]:
        """The stored text of one item and its etag."""
        response = self._request("GET", href, f"read {urlsplit(href).path.rsplit('/', 1)[-1]}")
        raise_for_status(response, "read back an item")
        # iCalendar and vCard are UTF-8 (RFC 5545 §3.1.4, RFC 6350 §3.1); requests would guess Latin-1
        return response.content.decode("utf-8", errors="replace"), response.headers.get("ETag")

    def list(self, collection: Collection) -> dict[str, str]:
        """Every item of ``collection`` as absolute href → etag (PROPFIND Depth 1), sub-collections left out."""
        root = self._propfind(collection.url, _LIST_BODY, "1", f"list {collection.name!r}")
        own = urlsplit(collection.url).path.rstrip("/")
        items: dict[str, str] = {}
        for response in root.iter(f"{DAV}response"):
            href = _href(collection.url, (response.findtext(f"{DAV}href") or "").strip())
            rtype = response.find(f".//{DAV}resourcetype")
            if urlsplit(href).path.rstrip("/") == own or (rtype is not None and len(rtype)):
                continue
            items[href] = (response.findtext(f".//{DAV}getetag") or "").strip()
        return items
