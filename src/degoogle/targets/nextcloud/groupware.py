"""Calendars and contacts into a CalDAV/CardDAV server: any server (``DavTarget``), or a Nextcloud
account (``NextcloudGroupware``), over ``DavCollections``.

Terminology: an item's *source collection* is the calendar or address book it had at the source
(``item.collection``); its *target collection* is the one it is written into, chosen on the first
write and kept in the journal (``WriteContext.collections``, by display name).

Decisions:
- One source calendar → one target calendar of the same name; when that name is taken, a new one
  "Name (2)" — unless the user chose ``merge_calendars``, which writes into the existing one. The same
  for address books. The choice is written to the journal *before* the collection is created, so a run
  killed between the two finds its own calendar again by name instead of making "Name (3)".
- A collection degoogle makes carries a mark naming its source collection (``dav.MARKER``): a later
  move of the same data, even with a new journal, writes into it again (its items found "already
  there") instead of making "Name (2)".
- Calendars are made within the hoster's limits (``calendar_limits.CalendarMaker``): a 429 makes the
  run wait until the hoster allows more, past the maximum the events are merged or left out as the
  person chose (``over_limit``).
- Resource names come from the UID (the source gave them as ``item.name``); every PUT carries
  ``If-None-Match: *`` (``DavCollections.put``): nothing at the target is ever replaced.
- Same UID, same content at the target → ``already_there``. Same UID, other content → with
  ``on_conflict="kept_both"`` ours is written beside it under a UID of its own,
  ``<uid>-degoogle-<hash of our text>`` (two resources of one calendar may not share a UID, RFC 4791
  §5.3.2.1); the UID is derived from our content, so a run resumed after a crash finds that copy as
  "already there" and writes it once. With ``on_conflict="skip"`` ours is left out, the item
  recorded as skipped with ``conflict_skipped``.
- Verification lists the target collections (PROPFIND Depth 1) and looks for each item's resource.

Errors are degoogle's (``DavCollections`` maps HTTP): 401 pauses the run, 5xx/429 retry, a refused
item is set aside. A server with no CalDAV/CardDAV service does not stop the files: its items are set
aside with ``no_dav_service``.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Literal
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from vobject.base import ParseError, parseLine

from degoogle.convert.ical import ContentLine, parse_lines, unfold
from degoogle.errors import BadItemError, Cancelled, DegoogleError, FatalError, SkipItem
from degoogle.model import Item, Kind, Outcome, WriteResult
from degoogle.protocols.http import peer_session
from degoogle.targets.base import NO_JOURNAL, CollectionMap, Target, VerifyContext, VerifyResult, WriteContext
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.calendar_limits import CalendarLimits, CalendarMaker, OverLimit
from degoogle.targets.nextcloud.dav import Collection, DavCollections, collection_slug, same_item

log = logging.getLogger(__name__)

MAX_ITEM_BYTES = 32 * 1024 * 1024
KEPT_BOTH_TRIES = 5
#: PUTs at once: each is one small request, so over a home link (tens of ms a round trip) one at a
#: time leaves the line idle; a server that writes one item at a time (Radicale's lock) only queues them.
#: 16, not 8: while files fill the upload, each PUT also waits behind their bytes in the line's queue
#: (~100-200 ms, not 40): benchmarks/account.py --typical, calendars and contacts done at 107 s with 8,
#: 91 s with 16, files and mail unchanged (a real server queues what its PHP workers cannot take yet)
PARALLEL_WRITES = 16
#: collections listed at once by ``verify`` (the session keeps ``PARALLEL_WRITES + 4`` connections)
PARALLEL_LISTINGS = 8
#: items ``verify`` reads ahead while their collections are being listed
ITEMS_AHEAD = 2000
PutState = Literal["created", "already_there", "different_exists"]


def item_uid(item: Item, text: str) -> str:
    """The UID of the item: from the source's ``attrs``, else the first UID line of ``text``."""
    uid = item.attrs.get("uid")
    if isinstance(uid, str) and uid:
        return uid
    for number, line in unfold(text):
        try:
            name, _params, value, _group = parseLine(line, number)
        except ParseError:
            continue
        if name.upper() == "UID":
            return value.strip()
    raise BadItemError(f"{item.source_path}: no UID", code="malformed_event" if item.kind == Kind.CALENDAR
                       else "malformed_contact")


def with_uid(text: str, old: str, new: str) -> str:
    """``text`` with every ``UID`` property whose value is ``old`` (the master and its overrides) set to
    ``new``; other UIDs (an alarm's, RFC 9074) are left alone."""
    lines: list[ContentLine] = parse_lines(unfold(text))
    for line in lines:
        if line.name == "UID" and line.value.strip() == old:
            line.value = new
    return "".join(line.serialize() for line in lines)


def _sorted_rule_parts(text: str) -> str:
    """``text`` unfolded, the parts of each RRULE/EXRULE in one order (RFC 5545 §3.3.10: their order does not
    matter, and Xandikos rewrites it)."""
    out: list[str] = []
    for _number, line in unfold(text):
        head, sep, value = line.partition(":")
        if sep and head.upper() in ("RRULE", "EXRULE"):
            line = f"{head}:" + ";".join(sorted(value.split(";")))
        out.append(line + "\r\n")
    return "".join(out)


def same_content(ours: str, theirs: str, uid: str) -> bool:
    """``dav.same_item``, also when the server wrote the parts of a recurrence rule in another order."""
    return same_item(ours, theirs, uid) or same_item(_sorted_rule_parts(ours), _sorted_rule_parts(theirs), uid)


def beside_uid(uid: str, text: str, attempt: int) -> str:
    """The UID of our copy written beside a different item of the same UID (stable for one content)."""
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return f"{uid}-degoogle-{digest}" + (f"-{attempt}" if attempt > 1 else "")


class DavTarget(Target):
    """Calendars and address books of one account on a CalDAV/CardDAV server. Thread-safe: one instance
    serves every worker. ``merge_calendars`` and ``on_conflict``: see the module docstring."""

    kinds = frozenset({Kind.CALENDAR, Kind.CONTACTS})

    def __init__(self, base_url: str, user: str, password: str, *, merge_calendars: bool = False,
                 on_conflict: Literal["kept_both", "skip"] = "kept_both", spec: str | None = None,
                 parallel_writes: int = PARALLEL_WRITES, calendar_limits: CalendarLimits | None = None,
                 over_limit: OverLimit = "merge", items_ahead: int = ITEMS_AHEAD) -> None:
        self.base_url = base_url
        self.user = user
        self.spec = spec or f"dav:{base_url}"
        self.merge_calendars = merge_calendars
        self.parallel_writes = max(1, parallel_writes)
        self._writes = threading.BoundedSemaphore(self.parallel_writes)
        self.items_ahead = max(1, items_ahead)
        self.on_conflict = on_conflict
        self.session = peer_session(base_url)
        # a connection for each PUT under way and a few for lookups: requests keeps 10, and one more
        # thread than connections means a new connection (a round trip more) per request
        adapter = HTTPAdapter(pool_maxsize=self.parallel_writes + 4, max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.dav = DavCollections(base_url, user, password, session=self.session)
        self.maker = CalendarMaker(self.dav, calendar_limits or CalendarLimits(), over_limit)
        self._lock = threading.Lock()
        self._resolved: dict[tuple[Kind, str], Collection | None] = {}
        self._unavailable: DegoogleError | None = None
        self._prepared = False

    def describe(self) -> str:
        host = urlsplit(self.base_url).netloc
        return f"calendars and contacts at {host}" + (f", account {self.user}" if self.user else "")

    def items_in_flight(self) -> int:
        """As many items at once as PUTs may be under way (``parallel_writes``): writes are round trips."""
        return self.parallel_writes

    # -- preparing -----------------------------------------------------------------------------

    def prepare(self) -> None:
        """Find the principal and the homes. A wrong password is fatal; a server without CalDAV/CardDAV
        is not (the files still move): its items are set aside when written."""
        with self._lock:
            if self._prepared:
                return
            try:
                self.dav.discover()
            except BadItemError as exc:
                log.warning("no calendars or contacts at %s: %s", urlsplit(self.base_url).netloc, exc.detail)
                self._unavailable = BadItemError(exc.detail, code="no_dav_service")
            self._prepared = True

    def _ready(self) -> None:
        if not self._prepared:
            self.prepare()
        if self._unavailable is not None:
            raise BadItemError(self._unavailable.detail, code="no_dav_service")

    # -- collections ---------------------------------------------------------------------------

    def _existing(self, kind: Kind) -> list[Collection]:
        return self.dav.calendars() if kind == Kind.CALENDAR else self.dav.addressbooks()

    def _choose_name(self, kind: Kind, source: str, taken: set[str]) -> str:
        if self.merge_calendars and source in taken:
            return source
        chosen, n = source, 1
        while chosen in taken or chosen in {c.name for (k, _s), c in self._resolved.items() if k == kind and c}:
            n += 1
            chosen = f"{source} ({n})"
        return chosen

    def collection_for(self, item: Item, collections: CollectionMap) -> Collection | None:
        """The target collection of the item's source collection: the one chosen before (journal), the
        one degoogle made for it in an earlier move (its mark), or one chosen and made now (see the
        module docstring). None: the hoster holds no more calendars and the person chose to leave
        the rest out. Raises ``WaitForServer`` while the hoster allows no new calendar."""
        source = item.collection or ("Calendar" if item.kind == Kind.CALENDAR else "Contacts")
        key = (item.kind, source)
        with self._lock:
            if key in self._resolved:
                return self._resolved[key]
            marker = f"{item.kind.value}:{source}"
            existing = self._existing(item.kind)
            path = "/" + collection_slug(source, marker)
            mine = next((c for c in existing if c.marker == marker or c.url.rstrip("/").endswith(path)), None)
            name = collections.get(source)
            if name is None:
                name = mine.name if mine is not None else self._choose_name(item.kind, source,
                                                                            {c.name for c in existing})
                collections.set(source, name)  # before making it: a crash after MKCOL finds it by name
            found: Collection | None = (mine if mine is not None and mine.name == name
                                        else next((c for c in existing if c.name == name), None))
            if found is None and item.kind == Kind.CALENDAR:
                color = item.attrs.get("color")
                made = [c for (k, _s), c in self._resolved.items() if k == Kind.CALENDAR and c is not None]
                found = self.maker.make(source, name, color if isinstance(color, str) else None, marker,
                                        existing, made)
                if found is not None and found.name != name:  # merged into another: later runs too
                    collections.set(source, found.name)
            elif found is None:
                found = self.dav.ensure_addressbook(name, marker)
            log.info("%s %r goes into %r", item.kind.value, source, found.name if found else None)
            self._resolved[key] = found
            return found

    # -- writing -------------------------------------------------------------------------------

    def _read(self, item: Item, ctx: WriteContext) -> str:
        with ctx.source.open(item) as stream:
            data = stream.read(MAX_ITEM_BYTES + 1)
        if ctx.should_stop():
            raise Cancelled(item.source_path)
        if len(data) > MAX_ITEM_BYTES:
            raise BadItemError(f"{item.source_path}: over {MAX_ITEM_BYTES} bytes", code="too_large")
        return data.decode("utf-8")

    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        """Write one event or contact (see the module docstring for what happens on a conflict)."""
        if item.kind not in self.kinds:
            raise BadItemError(f"{item.kind.value} is not written here", code="internal_error")
        self._ready()
        text = self._read(item, ctx)
        uid = item_uid(item, text)
        collection = self.collection_for(item, ctx.collections)
        displaced = self.maker.outcome(item.collection or "Calendar") if item.kind == Kind.CALENDAR else None
        if collection is None:
            code, detail = displaced or ("calendar_limit_left_out", "")
            raise SkipItem(detail, code=code)
        state = self._put(collection, item.name, text, uid)
        ctx.on_bytes(item.size)
        if state == "created" and displaced is not None:
            return WriteResult(Outcome.MOVED, item.target_path, reason=displaced[0], detail=displaced[1])
        if state == "created":
            return WriteResult(Outcome.MOVED, item.target_path)
        if state == "already_there":
            return WriteResult(Outcome.ALREADY_THERE, item.target_path)
        what = "event" if item.kind == Kind.CALENDAR else "contact"
        title = item.attrs.get("title")
        label = f"{what} {title!r} (UID {uid})" if isinstance(title, str) and title else f"{what} UID {uid}"
        if self.on_conflict == "skip":
            raise SkipItem(f"{label}: a different version is already in {collection.name!r}; left as it was",
                           code="conflict_skipped")
        return self._beside(item, collection, text, uid, label)

    def _beside(self, item: Item, collection: Collection, text: str, uid: str, label: str) -> WriteResult:
        suffix = ".ics" if item.kind == Kind.CALENDAR else ".vcf"
        for attempt in range(1, KEPT_BOTH_TRIES + 1):
            new_uid = beside_uid(uid, text, attempt)
            ours = with_uid(text, uid, new_uid)
            name = f"{item.name.removesuffix(suffix)}-degoogle-{new_uid.rsplit('-degoogle-', 1)[1]}{suffix}"
            if self._put(collection, name, ours, new_uid) in ("created", "already_there"):
                folder = item.target_path.rsplit("/", 1)[0]
                code = "kept_both_event" if item.kind == Kind.CALENDAR else "kept_both_contact"
                return WriteResult(Outcome.KEPT_BOTH, f"{folder}/{name}", reason=code,
                                   detail=f"{label}: a different version was already in {collection.name!r}; "
                                          f"ours was added beside it with UID {new_uid}")
        raise BadItemError(f"{label}: {KEPT_BOTH_TRIES} different versions already in {collection.name!r}",
                           code="refused_by_server")

    def _put(self, collection: Collection, name: str, text: str, uid: str) -> PutState:
        """``DavCollections.put``, plus what it cannot see: a server that refuses a UID already stored under
        another name without saying where (Radicale answers 409 ``no-uid-conflict`` with no href, RFC 4791
        §5.3.2.1 only says SHOULD) is asked for that UID, and the item found is compared with ours."""
        try:
            with self._writes:
                outcome = self.dav.put(collection, name, text, uid)
        except BadItemError:
            stored = self._stored_with_uid(collection, text, uid)
            if stored is None:
                raise
            return "already_there" if same_content(text, stored, uid) else "different_exists"
        if outcome.state == "different_exists" and same_content(text, self.dav.get(outcome.href)[0], uid):
            return "already_there"
        return outcome.state

    def _stored_with_uid(self, collection: Collection, text: str, uid: str) -> str | None:
        """The text of the item of ``collection`` whose UID is ``uid`` (a calendar-query or addressbook-query
        REPORT, RFC 4791 §7.8, RFC 6352 §8.6), or None."""
        component = next((c for c in ("VEVENT", "VTODO", "VJOURNAL") if f"BEGIN:{c}" in text), "VEVENT")
        return self.dav.stored_with_uid(collection, uid, component)

    # -- verification --------------------------------------------------------------------------

    def verify(self, items: Iterable[Item], ctx: VerifyContext = NO_JOURNAL) -> Iterator[VerifyResult]:
        """Say per item whether its resource is in its target collection (the one the journal's map in
        ``ctx`` names, when lent). Each collection the items may be in is listed once, fresh from the
        server, as soon as its first item is read; up to ``PARALLEL_LISTINGS`` at once, up to
        ``items_ahead`` items read ahead meanwhile (memory stays flat): each listing is a round trip
        and the server's work on thousands of items, and one after another they were the end of a
        run's wait."""
        self._ready_for_verify()
        by_name: dict[Kind, dict[str, list[Collection]]] = {}
        chosen: dict[tuple[Kind, str], list[Collection]] = {}
        listings: dict[str, Future[set[str]]] = {}
        ahead: deque[tuple[Item, list[Collection]]] = deque()
        with ThreadPoolExecutor(PARALLEL_LISTINGS, thread_name_prefix="degoogle-dav-verify") as pool:
            for item in items:
                if item.kind not in by_name:
                    by_name[item.kind] = {}
                    for found in self._existing(item.kind):
                        by_name[item.kind].setdefault(found.name, []).append(found)
                key = (item.kind, item.collection)
                if key not in chosen:  # one journal look-up per source collection, not per item
                    chosen[key] = self._candidates(item, by_name[item.kind], ctx)
                    for collection in chosen[key]:
                        if collection.url not in listings:
                            listings[collection.url] = pool.submit(self.dav.names, collection)
                ahead.append((item, chosen[key]))
                while ahead and (len(ahead) > self.items_ahead or all(listings[c.url].done() for c in ahead[0][1])):
                    yield self._present(*ahead.popleft(), listings)
            while ahead:
                yield self._present(*ahead.popleft(), listings)

    @staticmethod
    def _present(item: Item, candidates: list[Collection], listings: dict[str, Future[set[str]]]) -> VerifyResult:
        if any(item.name in listings[c.url].result() for c in candidates):
            return VerifyResult(item, True)
        return VerifyResult(item, False, "missing_at_target")

    def _ready_for_verify(self) -> None:
        self.prepare()
        if self._unavailable is not None:
            raise FatalError(self._unavailable.detail, code="no_dav_service")

    def _candidates(self, item: Item, by_name: dict[str, list[Collection]], ctx: VerifyContext) -> list[Collection]:
        """The target collections the item may be in: the one the journal names when we can read it,
        else every collection named like its source collection ("Travail", "Travail (2)"…)."""
        source = item.collection
        if ctx.collections is not None:
            chosen = ctx.collections(item.kind).get(source)
            if chosen is not None:
                return by_name.get(chosen, [])
        return [c for name, found in by_name.items() for c in found
                if name == source or (name.startswith(f"{source} (") and name.endswith(")"))]

    def close(self) -> None:
        self.session.close()


class NextcloudGroupware(DavTarget):
    """The calendars and address books of a Nextcloud account, found by discovery from its address
    (``/.well-known/caldav`` → ``/remote.php/dav/``), whatever the account's user id is."""

    def __init__(self, account: NextcloudAccount, password: str, *, merge_calendars: bool = False,
                 on_conflict: Literal["kept_both", "skip"] = "kept_both", calendar_limits: CalendarLimits | None = None,
                 over_limit: OverLimit = "merge") -> None:
        super().__init__(account.base_url, account.user, password, merge_calendars=merge_calendars,
                         on_conflict=on_conflict, spec=account.spec, calendar_limits=calendar_limits,
                         over_limit=over_limit)
        self.account = account

    def describe(self) -> str:
        return f"Nextcloud {self.account.host}, account {self.account.user}: calendars and contacts"
