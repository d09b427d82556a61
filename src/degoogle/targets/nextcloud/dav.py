"""CalDAV / CardDAV collections of the target: discovery, calendars, address books, idempotent writes.

Terminology (as in vdirsyncer): a *collection* is a calendar or an address book; an *item* is one
calendar object resource (a VCALENDAR of one UID) or one vCard; its *href* is its absolute URL; its
*etag* is the server's version tag, kept exactly as sent (quoted) so it can serve in ``If-Match``.

Who does what: the requests, the multistatus parsing, discovery (``current-user-principal``, the two
homes), the redirect rule and the etags are ``protocols.dav.DavClient``'s, the one client the DAV
source reads with too. Here are the target's decisions over it:
- calendars are made by MKCALENDAR (RFC 4791 §5.3.1, display name, colour and component set in it) and
  address books by extended MKCOL (RFC 5689): caldav 3.6 has no CardDAV, and its ``make_calendar``
  takes a 403 for a refused password and retries a 429 on its own;
- each collection degoogle makes is marked with a dead property (``MARKER``, set by PROPPATCH, RFC 4918
  §9.2) naming the source collection it holds, so that a later move of the same data — with another
  journal — finds it again instead of making "Name (2)". Its path is derived from that mark
  (``collection_slug``): an attempt repeated after a lost answer finds the one made (405) instead of
  making another, and a server that keeps no dead properties (Xandikos) still shows it by its path;
- items: PUT with ``If-None-Match: *`` (caldav's ``save_event`` cannot send it), a 412 read back and
  compared: "already there" without overwriting, which is the whole point of the write (RFC 7232 §3.2,
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
from urllib.parse import urljoin, urlsplit

import requests
from defusedxml import ElementTree

from degoogle.errors import BadItemError, RetryableError
from degoogle.locality import require_secure_url
from degoogle.protocols.dav import CALDAV, CARDDAV, DAV, MARKER, MARKER_NS, Collection, DavClient, HttpErrors
from degoogle.protocols.dav import absolute_href as _href
from degoogle.protocols.http import PeerSession, peer_session
from degoogle.targets.nextcloud.same_item import same_item
from degoogle.targets.nextcloud.webdav import raise_for_status, transport_error

__all__ = ["CALDAV", "CARDDAV", "DAV", "MARKER", "MARKER_NS", "TARGET_ERRORS", "TIMEOUT", "CalendarLimitReached",
           "Collection", "DavCollections", "DavHomes", "PutOutcome", "TooManyCalendars", "collection_slug",
           "same_item"]

log = logging.getLogger(__name__)

TIMEOUT = (15, 120)
#: how the target words HTTP failures (``webdav``): 401 → ``auth_failed``, 507 → ``NoSpaceError``…
TARGET_ERRORS = HttpErrors(status=raise_for_status, transport=transport_error)


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
    """The calendars and address books of one account on a CalDAV/CardDAV server (Nextcloud, Radicale…):
    the target's decisions (marks, paths, what a refusal means) over ``protocols.dav.DavClient``.

    ``user``/``password`` empty means no authentication (a local test server). Only https, or http to
    127.0.0.1, is accepted (``UserError`` otherwise); certificates are always verified; the password
    goes only to ``base_url``'s origin (``protocols.http``). ``session``: one made by
    ``protocols.http.peer_session`` for ``base_url``, to share its connections. Discovery runs once, on
    first use. Every method raises only degoogle errors (see the module docstring).
    """

    def __init__(self, base_url: str, user: str, password: str, session: PeerSession | None = None) -> None:
        require_secure_url(base_url)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.client = DavClient(self.base_url, user, password, errors=TARGET_ERRORS,
                                session=session or peer_session(self.base_url))
        self._homes: DavHomes | None = None

    # -- discovery ----------------------------------------------------------------------------------

    def _context(self, service: Literal["caldav", "carddav"]) -> tuple[str, str]:
        """The context URL for ``service`` (RFC 6764 §5) and the principal found there (RFC 5397)."""
        found = self.client.principal(service, self.client.discovery_starts(service, given_first=False))
        if found is None:
            raise BadItemError(f"no {service} service found at {urlsplit(self.base_url).netloc}",
                               code="no_dav_service")
        return found

    def discover(self) -> DavHomes:
        """Find the principal and both homes (cached). Raises ``BadItemError("no_dav_service")`` if none."""
        if self._homes is None:
            caldav_context, principal = self._context("caldav")
            calendar_home = self.client.calendar_home(caldav_context).home_url()
            _carddav_context, card_principal = self._context("carddav")
            addressbook_home = self.client.addressbook_home(card_principal)
            if not addressbook_home:
                raise BadItemError("the server names no addressbook-home-set", code="no_dav_service")
            self._homes = DavHomes(principal, calendar_home, addressbook_home)
        return self._homes

    # -- collections ---------------------------------------------------------------------------------

    def calendars(self) -> list[Collection]:
        """Every calendar of the account, with its colour and degoogle's mark (None when unset)."""
        return self.client.collections(self.discover().calendar_home, "calendar")

    def addressbooks(self) -> list[Collection]:
        """Every address book of the account (PROPFIND Depth 1 on the home, RFC 6352 §6.1)."""
        return self.client.collections(self.discover().addressbook_home, "addressbook")

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
        home = self.discover().calendar_home
        url = urljoin(home if home.endswith("/") else home + "/", collection_slug(name, marker) + "/")
        what = f"create calendar {name!r}"
        response = self.client.make_calendar(url, name, color, what)
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
        self.client.set_mark(url, marker, what)

    def ensure_addressbook(self, name: str, marker: str | None = None) -> Collection:
        """The address book called ``name``: the existing one, or a new one (extended MKCOL, RFC 5689)
        marked as holding source collection ``marker``."""
        for book in self.addressbooks():
            if book.name == name:
                return book
        url = urljoin(self.discover().addressbook_home, collection_slug(name, marker) + "/")
        what = f"create address book {name!r}"
        response = self.client.make_addressbook(url, name, what)
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
        response = self.client.put_new(href, text, collection.kind, what)
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
        return self.client.get(href)

    def list(self, collection: Collection) -> dict[str, str]:
        """Every item of ``collection`` as absolute href → etag (PROPFIND Depth 1), sub-collections left out."""
        return {member.url: member.etag for member in self.client.members(collection)}

    def names(self, collection: Collection) -> set[str]:
        """The resource names of the items of ``collection``, percent-decoded (``DavClient.member_names``)."""
        return self.client.member_names(collection)

    def stored_with_uid(self, collection: Collection, uid: str, component: str = "VEVENT") -> str | None:
        """The text of the item of ``collection`` whose UID is ``uid``, or None (``DavClient.find_uid``)."""
        return self.client.find_uid(collection, uid, component)

    def close(self) -> None:
        self.client.close()
