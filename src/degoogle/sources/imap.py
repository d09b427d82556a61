"""IMAP accounts as a source: any server, iCloud Mail, Gmail over IMAP. Read-only, always.

Specs: ``imaps://user@host[:port]`` (TLS, port 993), ``imap://user@host[:port]`` (STARTTLS, port
143; without encryption only to this computer: a loopback address such as 127.0.0.1, or localhost),
``icloud-mail:APPLE_ID`` (iCloud's ``imap.mail.me.com:993``, with an app-specific password). A login
holding ``@`` is written as is (``imaps://marie@gmail.com@imap.gmail.com``) or as ``%40``.

Promises: folders are opened with EXAMINE (RFC 3501 §6.3.2) and bodies fetched with ``BODY.PEEK[]``
(§6.4.5), so nothing at the source changes — no ``\\Seen`` set, never STORE, EXPUNGE, COPY or
MOVE. The constructor touches no network; ``scan`` and ``open`` sign in when first needed.

Where a message goes: INBOX to ``\\Inbox``; folders with a special use (RFC 6154 ``\\Sent``
``\\Drafts`` ``\\Junk`` ``\\Trash`` ``\\Archive``, else a well-known name) to that role; others to
their path, ``/`` between levels whatever the server's separator. Virtual folders (``\\All``,
``\\Flagged``) are not read. Junk and Trash (unless asked) and messages marked ``\\Deleted`` are
listed *left out* (``SourceEntry.left_out``): counted in the plan and the report, never fetched.
Flags ``\\Seen \\Answered \\Flagged \\Draft``, keywords and INTERNALDATE are kept.

Gmail (the server says ``X-GM-EXT-1``): only "All Mail" is read — plus Spam and Trash, first (their
messages left out unless asked); All Mail last — with each message's ``X-GM-LABELS``, so a message
with several labels is fetched once and placed by ``convert.mail.placement`` like a Takeout message.

Listing order: ``INTERLEAVED_FOLDERS`` folders side by side, one message of each in turn (the same
order every time for the same mailbox), so that a run writes into several target folders at once —
a server takes the APPENDs into one folder one after another.

Reading back: ``open`` fetches the batch of messages (≤ ``BATCH_MESSAGES`` / ``BATCH_BYTES``, fixed
at listing) holding the one asked for, in one command on one connection, and keeps it (up to
``CACHE_BYTES``) for the workers that ask next; the locator also names the folder's next batch, which
a reader thread fetches meanwhile. Messages are read exactly as the server stores them.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import ssl
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, BinaryIO, Literal, cast
from urllib.parse import unquote

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from degoogle.convert.mail import (
    ARCHIVE,
    DELETED_AT_SOURCE,
    DRAFT,
    DRAFTS,
    FLAGGED,
    INBOX,
    JUNK,
    SEEN,
    SENT,
    SPAM_TRASH_LEFT_OUT,
    TRASH,
    placement,
)
from degoogle.engine.items import Item, Kind, SourceEntry
from degoogle.errors import BadItemError, FatalError, RetryableError, UserError
from degoogle.locality import is_this_computer
from degoogle.sources.base import Source, SourceOptions
from degoogle.sources.mail_files import (
    ANSWERED,
    date_header,
    display_text,
    identity,
    message_name,
    parse_headers,
    role_of_name,
)

log = logging.getLogger(__name__)

Security = Literal["tls", "starttls"]
Side = Literal["source", "target"]
ICLOUD_HOST = "imap.mail.me.com"
BATCH_MESSAGES = 100
BATCH_BYTES = 2 * 1024 * 1024
CACHE_BYTES = 32 * 1024 * 1024
#: folders listed side by side (see ``ImapSource._scan``), one per append pipe of the IMAP target
INTERLEAVED_FOLDERS = 2
_LIST_CHUNK = 1000
_UID_IN_FETCH = re.compile(rb"[( ]UID (\d+)", re.IGNORECASE)
_BODY_LITERAL = re.compile(rb"BODY\[\] \{\d+\}$", re.IGNORECASE)
_HEADER_FIELDS = b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE SUBJECT)]"
_SPECIAL_USE = {b"\\sent": SENT, b"\\drafts": DRAFTS, b"\\junk": JUNK, b"\\trash": TRASH, b"\\archive": ARCHIVE}
_VIRTUAL = frozenset({b"\\all", b"\\flagged", b"\\important"})
_KEPT_FLAGS = {b"\\seen": SEEN, b"\\answered": ANSWERED, b"\\flagged": FLAGGED, b"\\draft": DRAFT}
# X-GM-LABELS system labels → the names Takeout writes, which ``placement`` knows
_GMAIL_LABELS = {"\\inbox": "Inbox", "\\sent": "Sent", "\\draft": "Drafts", "\\drafts": "Drafts",
                 "\\important": "Important", "\\starred": "Starred", "\\spam": "Spam", "\\trash": "Trash",
                 "\\chat": "Chat"}


@dataclass(frozen=True)
class ImapAccount:
    """Where an IMAP account is and how to reach it safely."""

    user: str
    host: str
    port: int
    security: Security

    @property
    def loopback(self) -> bool:
        """This computer, written as a loopback address (127.0.0.1, ::1) or ``localhost``."""
        return is_this_computer(self.host)

    @property
    def icloud(self) -> bool:
        return self.host.casefold() == ICLOUD_HOST

    def describe(self) -> str:
        return f"{self.user} on {self.host}" + ("" if self.port in (993, 143) else f":{self.port}")

    @classmethod
    def parse(cls, spec: str) -> ImapAccount:
        """``imaps://user@host[:port]``, ``imap://…`` or ``icloud-mail:APPLE_ID``; ``UserError`` otherwise."""
        scheme, sep, rest = spec.partition(":")
        scheme = scheme.casefold()
        if scheme == "icloud-mail" and sep and rest.strip("/"):
            return cls(unquote(rest.strip("/")), ICLOUD_HOST, 993, "tls")
        if scheme not in ("imap", "imaps") or not rest.startswith("//"):
            raise UserError(f"a mail account looks like imaps://user@mail.example.org, not {spec!r}",
                            code="bad_source")
        where = rest[2:].split("/", 1)[0].split("?", 1)[0]
        user, at, hostport = where.rpartition("@")
        if not at or not user or not hostport:
            raise UserError(f"say which account: imaps://user@host, not {spec!r}", code="bad_source")
        host, port_text = hostport, ""
        if hostport.startswith("["):  # [::1]:1143
            host, _, port_text = hostport[1:].partition("]")
            port_text = port_text.removeprefix(":")
        elif hostport.count(":") == 1:
            host, _, port_text = hostport.partition(":")
        try:
            port = int(port_text) if port_text else (993 if scheme == "imaps" else 143)
        except ValueError:
            raise UserError(f"the port in {spec!r} is not a number", code="bad_source") from None
        return cls(unquote(user), host.casefold(), port, "tls" if scheme == "imaps" else "starttls")


#: the reason codes of each side: the account moved from, or the hoster's mailbox
_CODES: dict[str, dict[str, str]] = {
    "source": {"auth": "source_auth_failed", "tls": "source_tls_error", "net": "source_unreachable"},
    "target": {"auth": "auth_failed", "tls": "tls_error", "net": "unreachable"},
}


@contextmanager
def imap_errors_as_ours(what: str, side: Side = "target") -> Iterator[None]:
    """Turn what imapclient and the network raise into degoogle's errors (``what`` names the step).

    A refused login or an unverifiable certificate is ``FatalError`` (``auth_failed``, ``tls_error``,
    or ``source_…`` for a source); a dropped or refused connection, or a login refused for now
    (``[UNAVAILABLE]``: too many sessions), ``RetryableError`` (``unreachable``). Command refusals
    (``IMAPClientError``) pass through for the caller to judge.
    """
    codes = _CODES[side]
    try:
        yield
    except imap_errors.LoginError as exc:
        if "UNAVAILABLE" in str(exc).upper():
            raise RetryableError(f"{what}: the server cannot take the login now ({_short(exc)})",
                                 code=codes["net"], retry_after=10) from exc
        raise FatalError(f"{what}: the server refused the login ({_short(exc)})", code=codes["auth"]) from exc
    except ssl.SSLCertVerificationError as exc:
        raise FatalError(f"{what}: the server's certificate could not be verified ({exc.verify_message})",
                         code=codes["tls"]) from exc
    except (imap_errors.IMAPClientAbortError, ssl.SSLError, OSError) as exc:  # socket errors are OSError
        raise RetryableError(f"{what}: {_short(exc)}", code=codes["net"]) from exc


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:300]


def connect(account: ImapAccount, password: str, *, side: Side = "target", timeout: float = 60.0,
            tls: Callable[[], ssl.SSLContext] = ssl.create_default_context) -> IMAPClient:
    """A signed-in client. TLS is verified against the system's authorities; ``imap://`` must offer
    STARTTLS, except on this computer (a loopback address) where it is used when offered. ``tls``
    makes the TLS context when one is needed (a caller making many connections hands one it keeps:
    loading the authorities costs tens of milliseconds).

    Raises ``FatalError`` (``auth_failed``, ``tls_error``) or ``RetryableError`` (``unreachable``);
    with ``side="source"`` the ``source_…`` codes.
    """
    with imap_errors_as_ours(f"connecting to {account.host}", side):
        if account.security == "tls":
            client = IMAPClient(account.host, port=account.port, ssl=True, ssl_context=tls(), timeout=timeout)
        else:
            client = IMAPClient(account.host, port=account.port, ssl=False, timeout=timeout)
            if client.has_capability("STARTTLS"):
                client.starttls(tls())
            elif not account.loopback:
                client.shutdown()
                raise FatalError(f"{account.host} offers no encryption (no STARTTLS): use imaps:// or ask your "
                                 "hoster", code=_CODES[side]["tls"])
        client.normalise_times = False
        # imapclient turns imaplib's protocol trace on (debug 5): imaplib then formats the repr of
        # every line and every message it reads, whole, for a logger that drops it — most of the CPU
        # a FETCH of bodies costs, and message contents bound for a log. Off.
        client._imap.debug = 0  # noqa: SLF001
        try:
            client.login(account.user, password)
        except BaseException:
            _quietly_close(client)
            raise
    return client


class TlsContext:
    """One verifying TLS context, made when first asked for and then shared by every connection of
    a source or target (``connect``'s ``tls``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._context: ssl.SSLContext | None = None

    def __call__(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                self._context = ssl.create_default_context()
            return self._context


def _quietly_close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - the connection may be gone already; closing is best effort
        try:
            client.shutdown()
        except Exception:  # noqa: BLE001
            log.debug("IMAP connection already closed")


def _flags_of(values: Any) -> tuple[set[str], list[str], bool]:
    """IMAP FLAGS → (the four kept system flags, keywords, marked \\Deleted)."""
    flags: set[str] = set()
    keywords: list[str] = []
    deleted = False
    for value in values or ():
        raw = value if isinstance(value, bytes) else str(value).encode()
        folded = raw.lower()
        if folded in _KEPT_FLAGS:
            flags.add(_KEPT_FLAGS[folded])
        elif folded == b"\\deleted":
            deleted = True
        elif not raw.startswith(b"\\"):
            keywords.append(raw.decode("ascii", "replace"))
    return flags, keywords, deleted


def gmail_labels(labels: Any, flags: set[str], folder_role: str | None) -> list[str]:
    """Gmail's ``X-GM-LABELS`` (plus the FLAGS and the folder it was read in) as the label names
    Takeout writes: ``\\Inbox`` → Inbox, ``\\Draft`` → Drafts…, not ``\\Seen`` → Unread,
    ``\\Flagged`` → Starred, read in Spam or Trash → Spam / Trash."""
    names: list[str] = []
    for label in labels or ():
        text = label.decode("utf-8", "replace") if isinstance(label, bytes) else str(label)
        names.append(_GMAIL_LABELS.get(text.casefold(), text))
    if SEEN not in flags:
        names.append("Unread")
    if FLAGGED in flags:
        names.append("Starred")
    if folder_role == JUNK:
        names.append("Spam")
    elif folder_role == TRASH:
        names.append("Trash")
    return list(dict.fromkeys(names))


@dataclass(frozen=True)
class _Folder:
    name: str            # as imapclient gives it (decoded from modified UTF-7)
    role: str | None     # \Inbox, \Sent… or None for a user folder
    path: str            # the target-side folder: the role, or the user path with "/"


class _Session:
    """One signed-in connection and the folder it has open (EXAMINE); used under ``lock``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.client: IMAPClient | None = None
        self.selected: tuple[str, int] | None = None

    def close(self) -> None:
        client, self.client, self.selected = self.client, None, None
        if client is not None:
            _quietly_close(client)


@dataclass
class _Listing:
    """A folder being listed: its UIDs, how far the listing got, entries made but not yet yielded."""

    folder: _Folder
    validity: int
    uids: list[int]
    position: int = 0
    entries: deque[SourceEntry] = field(default_factory=deque)

    def next_chunk(self) -> list[int]:
        chunk = self.uids[self.position : self.position + _LIST_CHUNK]
        self.position += len(chunk)
        return chunk


class ImapSource(Source):
    """An IMAP account read without changing anything (see the module docstring)."""

    def __init__(self, spec: str, options: SourceOptions | None = None, *, timeout: float = 60.0) -> None:
        self.spec = spec
        self.account = ImapAccount.parse(spec)
        self.options = options or SourceOptions()
        self.timeout = timeout
        self._tls = TlsContext()
        self._listing = _Session()
        self._sessions_lock = threading.Lock()
        self._readers: OrderedDict[str, _Session] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()
        self._cache_bytes = 0
        self._fetching: dict[tuple[str, int, int], threading.Event] = {}
        self._fetched: OrderedDict[tuple[str, int, int], None] = OrderedDict()
        self._ahead: deque[tuple[str, int, int, int]] = deque()
        self._ahead_wanted: set[tuple[str, int, int]] = set()
        self._ahead_ready = threading.Condition(self._cache_lock)
        self._reader: threading.Thread | None = None
        self._closed = False
        #: FETCH commands sent by ``open`` (a figure for tests and benchmarks)
        self.fetches = 0

    def describe(self) -> str:
        return ("iCloud Mail " if self.account.icloud else "mail account ") + self.account.describe()

    # -- connection ----------------------------------------------------------------------------

    def _connection(self, session: _Session) -> IMAPClient:
        if session.client is None:
            if not self.options.password:
                raise FatalError(f"no password for {self.account.describe()}", code="source_auth_failed")
            session.client = connect(self.account, self.options.password, side="source", timeout=self.timeout,
                                     tls=self._tls)
            session.selected = None
        return session.client

    def _session_for(self, folder: str) -> _Session:
        """The session that reads ``folder``: one per folder being read (they stay open on it; the
        listing interleaves ``INTERLEAVED_FOLDERS`` folders), the least recently used one moved on
        to the next folder (its connection kept: ``_examine`` opens the folder)."""
        with self._sessions_lock:
            session = self._readers.get(folder)
            if session is not None:
                self._readers.move_to_end(folder)
                return session
            if len(self._readers) >= INTERLEAVED_FOLDERS:
                for name, old in list(self._readers.items()):
                    if old.lock.acquire(blocking=False):
                        del self._readers[name]
                        old.lock.release()
                        self._readers[folder] = old
                        return old
            session = self._readers[folder] = _Session()
            return session

    def _examine(self, session: _Session, client: IMAPClient, folder: str, validity: int | None = None) -> int:
        if session.selected is None or session.selected[0] != folder:
            try:
                status = client.select_folder(folder, readonly=True)
            except imap_errors.IMAPClientError as exc:
                if isinstance(exc, imap_errors.IMAPClientAbortError):
                    raise
                raise BadItemError(f"{folder}: the server no longer opens this folder ({_short(exc)})",
                                   code="source_changed") from exc
            session.selected = (folder, int(status.get(b"UIDVALIDITY", 0)))
        if validity is not None and session.selected[1] != validity:
            raise BadItemError(f"{folder}: the server renumbered this folder since the listing (plan again)",
                               code="source_changed")
        return session.selected[1]

    # -- listing -------------------------------------------------------------------------------

    def scan(self) -> Iterator[SourceEntry]:
        with self._listing.lock:
            try:
                with imap_errors_as_ours(f"listing {self.account.host}", "source"):
                    yield from self._scan(self._connection(self._listing))
            finally:
                self._listing.close()

    def _scan(self, client: IMAPClient) -> Iterator[SourceEntry]:
        gmail = client.has_capability("X-GM-EXT-1")
        wanted = [b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE", _HEADER_FIELDS]
        if gmail:
            wanted += [b"X-GM-LABELS", b"X-GM-MSGID"]
        waiting: deque[_Listing] = deque()
        for folder in self._folders(client, gmail):
            validity = self._examine(self._listing, client, folder.name)
            uids = sorted(client.search("ALL"))  # \\Deleted ones too: listed as left out
            log.info("%s: %d messages", folder.name, len(uids))
            if uids:
                waiting.append(_Listing(folder, validity, uids))
        # Several folders at once, one message of each in turn: a run then writes into several
        # target folders at the same time (one folder takes APPENDs one after another at the server)
        seen: set[str] = set()
        active: list[_Listing] = []
        while waiting or active:
            while waiting and len(active) < INTERLEAVED_FOLDERS:
                active.append(waiting.popleft())
            for listing in list(active):
                if not listing.entries:
                    chunk = listing.next_chunk()
                    if not chunk:
                        active.remove(listing)
                        continue
                    self._examine(self._listing, client, listing.folder.name, listing.validity)
                    found = client.fetch(chunk, wanted)
                    listed = [(uid, found[uid]) for uid in chunk if uid in found]
                    listing.entries.extend(self._entries(listing.folder, listing.validity, listed, gmail, seen))
                if listing.entries:
                    yield listing.entries.popleft()

    def _folders(self, client: IMAPClient, gmail: bool) -> list[_Folder]:
        prefix = ""
        try:
            personal = client.namespace().personal
            if personal:
                prefix = personal[0][0] or ""
                prefix = prefix.decode() if isinstance(prefix, bytes) else prefix
        except imap_errors.IMAPClientError:
            log.debug("no NAMESPACE: folder names taken as they are")
        chosen: list[_Folder] = []
        for flags, delimiter, name in client.list_folders():
            folded = {f.lower() for f in flags}
            if b"\\noselect" in folded or b"\\nonexistent" in folded:
                continue
            sep = delimiter.decode() if isinstance(delimiter, bytes) else (delimiter or "")
            role = _folder_role(name, folded, sep, prefix)
            if gmail:
                # Spam and Trash are read even when not asked for: their messages are listed as left out
                if b"\\all" in folded or role in (JUNK, TRASH):
                    chosen.append(_Folder(name, role, ""))
                continue
            if folded & _VIRTUAL:
                continue
            chosen.append(_Folder(name, role, role or _user_path(name, sep, prefix)))
        # Gmail: Spam and Trash first, All Mail last (``placement`` decides folders from labels)
        if gmail:
            chosen.sort(key=lambda f: f.role is None)
        else:
            chosen.sort(key=lambda f: (f.role != INBOX, f.role is None, f.name))
        return chosen

    def _entries(self, folder: _Folder, validity: int, listed: list[tuple[int, dict[bytes, Any]]], gmail: bool,
                 seen: set[str]) -> Iterator[SourceEntry]:
        batch: list[tuple[int, dict[bytes, Any]]] = []
        batch_bytes = 0
        pending: list[list[tuple[int, dict[bytes, Any]]]] = []
        for uid, data in listed:
            size = int(data.get(b"RFC822.SIZE", 0))
            if batch and (len(batch) >= BATCH_MESSAGES or batch_bytes + size > BATCH_BYTES):
                pending.append(batch)
                batch, batch_bytes = [], 0
            batch.append((uid, data))
            batch_bytes += size
        if batch:
            pending.append(batch)
        for number, group in enumerate(pending):
            lo, hi = group[0][0], group[-1][0]
            after = pending[number + 1] if number + 1 < len(pending) else None
            following = (after[0][0], after[-1][0]) if after else None
            for uid, data in group:
                yield from self._message(folder, validity, uid, data, (lo, hi), following, gmail, seen)

    def _message(self, folder: _Folder, validity: int, uid: int, data: dict[bytes, Any], batch: tuple[int, int],
                 following: tuple[int, int] | None, gmail: bool, seen: set[str]) -> Iterator[SourceEntry]:
        flags, keywords, deleted = _flags_of(data.get(b"FLAGS"))
        left_out = DELETED_AT_SOURCE if deleted else None
        head = next((v for k, v in data.items() if k.upper().startswith(b"BODY[HEADER.FIELDS")), b"") or b""
        headers = parse_headers(head)
        mid = headers.message_id()
        size = int(data.get(b"RFC822.SIZE", 0))
        when = data.get(b"INTERNALDATE")
        if gmail:
            labels = gmail_labels(data.get(b"X-GM-LABELS"), flags, folder.role)
            place = placement(labels, self.options.mail_policy, self.options.include_spam_trash)
            if place.skipped_reason:
                # listed where it would go if asked for, so planning again with Spam and Trash moves it
                place = placement(labels, self.options.mail_policy, True)
                left_out = left_out or SPAM_TRASH_LEFT_OUT
            folders = place.folders
            flags = place.flags | (flags & {ANSWERED, DRAFT})
            keywords = [*place.keywords, *(k for k in keywords if k not in place.keywords)]
            ident = "gm" + str(data.get(b"X-GM-MSGID", uid))
        else:
            folders = [folder.path]
            if folder.role in (JUNK, TRASH) and not self.options.include_spam_trash:
                left_out = left_out or SPAM_TRASH_LEFT_OUT
            ident = identity(mid, date_header(headers), "") if mid else f"uid{validity}.{uid}"
            ident = f"{hashlib.sha1(folder.name.encode()).hexdigest()[:8]}.{ident}"
        if ident in seen:
            ident = f"{ident}#{uid}"
        seen.add(ident)
        attrs = {"flags": sorted(flags), "keywords": keywords, "date": _iso(when)}
        where: dict[str, Any] = {"f": folder.name, "v": validity, "u": uid, "b": list(batch)}
        if following is not None:
            where["n"] = list(following)  # the next batch of this folder: read ahead while this one is written
        locator = json.dumps(where, separators=(",", ":"), ensure_ascii=False)
        name = message_name(display_text(headers.get("Subject")), hashlib.sha1(ident.encode()).hexdigest())
        several = len(folders) > 1 or self.options.mail_policy == "copy_per_label"
        for target in folders:
            yield SourceEntry(Kind.MAIL, f"mail:{ident}" + (f"@{target}" if several else ""), (target, name),
                              size=size, fingerprint=f"{validity}:{uid}:{size}", locator=locator,
                              detail=f"IMAP folder: {folder.name}", attrs=dict(attrs), left_out=left_out)

    # -- reading back --------------------------------------------------------------------------

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The message's bytes as the server stores them; ``BadItemError`` (``source_changed``) when
        it is no longer there or its folder was renumbered, ``RetryableError`` on a dropped link."""
        try:
            where = json.loads(item.locator)
            folder, validity, uid = str(where["f"]), int(where["v"]), int(where["u"])
            lo, hi = (int(x) for x in where["b"])
        except (ValueError, KeyError, TypeError):
            raise BadItemError(f"{item.source_key}: no usable IMAP locator", code="internal_error") from None
        following = where.get("n")
        if isinstance(following, list) and len(following) == 2:
            self._read_ahead(folder, validity, int(following[0]), int(following[1]))
        key = (folder, validity, uid)
        with self._cache_lock:
            data = self._cache.get(key)
        if data is None:
            self._fetch_batch(folder, validity, lo, hi)
            with self._cache_lock:
                data = self._cache.get(key)
        if data is None:
            # evicted already, or the batch's fetch failed for another worker: this message on its own
            self._fetch(folder, validity, uid, uid)
            with self._cache_lock:
                data = self._cache.get(key)
        if data is None:
            raise BadItemError(f"{item.source_path}: no longer in {folder} at the source", code="source_changed")
        return _stream(data)

    def _fetch_batch(self, folder: str, validity: int, lo: int, hi: int) -> None:
        """Fetch a batch unless done already; when another thread is fetching it, wait for that."""
        batch = (folder, validity, lo)
        with self._cache_lock:
            if batch in self._fetched:
                return
            event = self._fetching.get(batch)
            mine = event is None
            if event is None:
                event = self._fetching[batch] = threading.Event()
        if not mine:
            event.wait(self.timeout * 2)
            return
        try:
            self._fetch(folder, validity, lo, hi)
            with self._cache_lock:
                self._fetched[batch] = None
                while len(self._fetched) > 256:
                    self._fetched.popitem(last=False)
        finally:
            with self._cache_lock:
                self._fetching.pop(batch, None)
            event.set()

    def _read_ahead(self, folder: str, validity: int, lo: int, hi: int) -> None:
        batch = (folder, validity, lo)
        with self._cache_lock:
            if batch in self._fetched or batch in self._fetching or batch in self._ahead_wanted:
                return
            self._ahead_wanted.add(batch)
            self._ahead.append((folder, validity, lo, hi))
            if self._reader is None or not self._reader.is_alive():
                self._reader = threading.Thread(target=self._read_ahead_loop, name="degoogle-imap-read-ahead",
                                                daemon=True)
                self._reader.start()
            self._ahead_ready.notify()

    def _read_ahead_loop(self) -> None:
        while True:
            with self._cache_lock:
                while not self._ahead and not self._closed:
                    if not self._ahead_ready.wait(30):
                        self._reader = None
                        return
                if self._closed:
                    return
                folder, validity, lo, hi = self._ahead.popleft()
                self._ahead_wanted.discard((folder, validity, lo))
            try:
                self._fetch_batch(folder, validity, lo, hi)
            except Exception as exc:  # noqa: BLE001 - reading ahead is a bonus: the worker fetches it itself
                log.debug("read-ahead of %s %d:%d failed: %s", folder, lo, hi, exc)

    def _fetch(self, folder: str, validity: int, lo: int, hi: int) -> None:
        session = self._session_for(folder)
        with session.lock:
            try:
                with imap_errors_as_ours(f"reading {folder}", "source"):
                    client = self._connection(session)
                    self._examine(session, client, folder, validity)
                    self.fetches += 1
                    found = _fetch_bodies(client, lo, hi)
            except (RetryableError, FatalError):
                session.close()
                raise
            except imap_errors.IMAPClientError as exc:
                raise RetryableError(f"reading {folder}: {_short(exc)}", code="temporary") from exc
        with self._cache_lock:
            for uid, body in found.items():
                key = (folder, validity, uid)
                if key not in self._cache:
                    self._cache[key] = body
                    self._cache_bytes += len(body)
            while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
                _, dropped = self._cache.popitem(last=False)
                self._cache_bytes -= len(dropped)

    def close(self) -> None:
        with self._cache_lock:
            self._closed = True
            self._ahead.clear()
            self._ahead_ready.notify_all()
        with self._sessions_lock:
            sessions, self._readers = list(self._readers.values()), OrderedDict()
        for session in [self._listing, *sessions]:
            with session.lock:
                session.close()
        with self._cache_lock:
            self._cache.clear()
            self._cache_bytes = 0


def _fetch_bodies(client: IMAPClient, lo: int, hi: int) -> dict[int, bytes]:
    """UID → bytes of the messages of UIDs ``lo`` to ``hi`` that exist, in one ``UID FETCH lo:hi
    (UID BODY.PEEK[])`` (RFC 3501 §6.4.8: a range of UIDs names those that exist). Through imaplib,
    under imapclient: imapclient's parser walks each response token by token, which costs more
    than the rest of reading a message; imaplib hands each literal over whole."""
    typ, data = client._imap.uid("FETCH", f"{lo}:{hi}", "(UID BODY.PEEK[])")  # noqa: SLF001
    if typ != "OK":
        raise imap_errors.IMAPClientError(f"FETCH failed: {data[0]!r}"[:300])
    bodies: dict[int, bytes] = {}
    literal: tuple[bytes, bytes] | None = None
    for part in data:
        # imaplib: ``(b"7 (UID 31 BODY[] {2048}", body)`` then the rest of the line (b")"); an
        # unsolicited FETCH with no literal (new flags) comes as bytes alone
        if isinstance(part, tuple) and len(part) == 2:
            literal = (part[0], part[1])
        elif isinstance(part, bytes) and literal is not None:
            line = literal[0] + part
            if (uid := _UID_IN_FETCH.search(line)) is not None and _BODY_LITERAL.search(literal[0]):
                bodies[int(uid.group(1))] = literal[1]
            literal = None
    return bodies


def _stream(data: bytes) -> AbstractContextManager[BinaryIO]:
    return nullcontext(cast(BinaryIO, io.BytesIO(data)))


def _iso(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _folder_role(name: str, flags: set[bytes], sep: str, prefix: str) -> str | None:
    if name.upper() == "INBOX":
        return INBOX
    for flag, role in _SPECIAL_USE.items():
        if flag in flags:
            return role
    path = _user_path(name, sep, prefix)
    return role_of_name(path) if "/" not in path else None


def _user_path(name: str, sep: str, prefix: str) -> str:
    if prefix and name.startswith(prefix):
        name = name[len(prefix):]
    parts = name.split(sep) if sep else [name]
    return "/".join(p.replace("/", "_") for p in parts if p)


def open_imap(spec: str, rest: str, options: SourceOptions) -> Source:
    """``sources.registry`` factory for ``imap://``, ``imaps://`` and ``icloud-mail:``."""
    return ImapSource(spec, options)
