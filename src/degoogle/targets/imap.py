"""The hoster's IMAP mailbox as a target: each message APPENDed once, with its flags and date.

Terminology: a *mailbox* is an IMAP folder as the server names it (``INBOX``, ``Envoyés``,
``INBOX.Travail.Clients``); a *folder* is the target-side folder of an item as the source said it
(a role such as ``\\Sent``, or a user path ``Travail/Clients``). A message's *identity* is
``m:`` + a hash of its Message-ID and Date header, or ``c:<size>:<sha256>`` of its bytes (CRLF line
endings, as IMAP carries them) when it has no Message-ID.

Promises:

- Roles go to the server's special-use mailboxes (RFC 6154 ``LIST`` flags), whatever their names;
  a server that flags none is matched by well-known names (``Sent``, ``Envoyés``…), and a role with
  no mailbox at all gets one (``Sent``, ``Drafts``, ``Junk``, ``Trash``, ``Archive``). User paths
  become mailboxes under the personal namespace (RFC 2342) with the server's separator (a separator
  inside a label becomes ``_``), names in modified UTF-7 (RFC 3501 §5.1.3); created mailboxes are
  subscribed so mail programs show them. The choice is kept in the journal (``WriteContext.collections``).
- APPEND carries the message's bytes unchanged (line endings made CRLF, as IMAP requires), the
  flags ``\\Seen \\Answered \\Flagged \\Draft``, its keywords and its internal date — never "now"
  when the source knew a date. Nothing else is ever written: no STORE, no EXPUNGE.
- Exactly once: before the first APPEND into a mailbox in a run, the mailbox is read once (EXAMINE,
  then FETCH of every message's size, Message-ID and Date, ``BODY.PEEK`` so nothing is marked
  read) into an *index* of identities. A message whose identity is there is reported
  ``already_there`` and not appended: what a run killed between APPEND and the journal's commit
  left behind, or what was in the mailbox before. Messages with no Message-ID are confirmed by
  fetching the few of the same size and comparing SHA-256. An APPEND whose outcome is unknown (the
  connection dropped during it) is settled by a SEARCH for that one message before it is tried again.
- Limits: a message over the server's ``APPENDLIMIT`` (RFC 7889) is quarantined (``mail_too_large``)
  without sending it; an APPEND refused with ``[TOOBIG]``/``[LIMIT]`` likewise, ``[OVERQUOTA]``
  pauses the run (``no_space``), any other refusal quarantines the message (``mail_refused``).

Connections: one *control* connection (listing, creating, reading indexes) and a few *append
pipes* (``connections``, at most ``MAX_CONNECTIONS``). A mailbox goes
through one pipe at a time — two sessions appending to one mailbox wait on each other's locks — and
each pipe sends the APPENDs of every worker writing to it back to back without waiting for the
answers (RFC 3501 §5.5 pipelining, with LITERAL+ from RFC 7888 when offered), one thread per pipe
doing all its reading and writing (TLS connections must not be read and written from two threads).
A pipe EXAMINEs the mailbox it appends to when two APPENDs or more for it are queued (read-only:
nothing can change there through it): Dovecot then keeps the mailbox open between APPENDs instead
of opening it for each, which halves their cost. A worker's ``write`` returns once the server
answered its own APPEND. TLS is verified.

Verification: the journal keeps each message's identity and, from the APPEND's answer (UIDPLUS,
RFC 4315 ``APPENDUID``), its ``UIDVALIDITY:UID``; ``verify`` lists each folder's UIDs (one SEARCH)
and looks by identity only for what has no UID of the folder's current UIDVALIDITY.

Errors as ``targets.base`` says: ``RetryableError`` (``unreachable``) for a dropped connection,
``FatalError`` for a refused login or certificate, ``BadItemError`` for a message refused for good.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import socket
import threading
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from imapclient import IMAPClient, imap_utf7
from imapclient import exceptions as imap_errors
from imapclient.datetime_util import datetime_to_INTERNALDATE

from degoogle.convert.mail import ARCHIVE, DRAFT, DRAFTS, FLAGGED, INBOX, JUNK, SEEN, SENT, TRASH
from degoogle.engine.items import Item, Kind, Outcome, WriteResult
from degoogle.errors import BadItemError, Cancelled, FatalError, RetryableError
from degoogle.sources.imap import ImapAccount, connect, imap_errors_as_ours
from degoogle.sources.mail_files import ANSWERED, date_header, identity, parse_headers, role_of_name
from degoogle.targets.base import CollectionMap, Target, VerifyResult, WriteContext

log = logging.getLogger(__name__)

KEPT_FLAGS = frozenset({SEEN, ANSWERED, FLAGGED, DRAFT})
DEFAULT_NAMES = {SENT: "Sent", DRAFTS: "Drafts", JUNK: "Junk", TRASH: "Trash", ARCHIVE: "Archive"}
#: append pipes at most. Sessions of one user share locks at the server (Dovecot's list of mailboxes is
#: updated by every APPEND): two were faster than one or four on the benchmark (benchmarks/README.md)
MAX_CONNECTIONS = 2
_SPECIAL_USE = {b"\\sent": SENT, b"\\drafts": DRAFTS, b"\\junk": JUNK, b"\\trash": TRASH, b"\\archive": ARCHIVE}
_CRLF = re.compile(rb"\r\n|\r(?!\n)|\n")  # imaplib's own rule for APPEND
_ATOM = re.compile(r'^[^\x00-\x20\x7f-\uffff(){%*"\\\]]+$')
_CODE = re.compile(rb"^\[([A-Z-]+)", re.IGNORECASE)
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)
_LITERAL_AT_END = re.compile(rb"\{(\d+)\}\r?\n$")
_HEADER_FIELDS = b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE)]"
_FETCH_CHUNK = 2000
_RETRY_CODES = frozenset({b"UNAVAILABLE", b"INUSE", b"SERVERBUG", b"EXPUNGEISSUED", b"CONTACTADMIN"})


def wire_bytes(raw: bytes) -> bytes:
    """The message as IMAP carries it: every line ending CRLF, nothing else changed."""
    crlf = raw.count(b"\r\n")
    if crlf == raw.count(b"\n") == raw.count(b"\r"):
        return raw  # already so (everything read from an IMAP server): no copy
    return _CRLF.sub(b"\r\n", raw)


def message_key(wire: bytes) -> tuple[str, bool]:
    """``(identity, has Message-ID)`` of a message in wire form (see the module docstring)."""
    headers = parse_headers(wire)
    mid = headers.message_id()
    if mid:
        return "m:" + identity(mid, date_header(headers), ""), True
    return f"c:{len(wire)}:{hashlib.sha256(wire).hexdigest()}", False


@dataclass
class _Index:
    """What one mailbox holds, by identity; messages with no Message-ID by size until confirmed."""

    keys: dict[str, int | None] = field(default_factory=dict)  # identity → UID (None: not known)
    validity: int = 0
    by_size: dict[int, list[int]] = field(default_factory=dict)
    in_flight: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_fetched(self, uid: int, data: dict[bytes, Any]) -> None:
        head = next((v for k, v in data.items() if k.upper().startswith(b"BODY[HEADER.FIELDS")), b"") or b""
        headers = parse_headers(head)
        mid = headers.message_id()
        if mid:
            self.keys["m:" + identity(mid, date_header(headers), "")] = uid
        else:
            self.by_size.setdefault(int(data.get(b"RFC822.SIZE", 0)), []).append(uid)


@dataclass
class _Server:
    """What the server said about itself after sign-in."""

    delimiter: str
    prefix: str
    appendlimit: int | None
    literal_plus: bool
    mailboxes: set[str]
    special: dict[str, str]


class _Lost(Exception):
    """The connection broke with this APPEND sent (or about to be): the server may have it or not."""


class _Pending:
    __slots__ = ("mailbox", "command", "literal", "done", "status", "text", "error")

    def __init__(self, mailbox: bytes, command: bytes, literal: bytes = b"") -> None:
        self.mailbox = mailbox
        self.command = command
        self.literal = literal
        self.done = threading.Event()
        self.status = b""
        self.text = b""
        self.error: BaseException | None = None


class AppendPipe:
    """One signed-in connection that APPENDs whatever several threads hand it, without waiting for
    each answer before sending the next command; ``append`` returns that command's own answer."""

    def __init__(self, client: IMAPClient, literal_plus: bool, timeout: float) -> None:
        self.client = client
        # imaplib's connection under imapclient: its public send/readline/read, nothing else
        self._wire = client._imap  # noqa: SLF001
        # commands go out back to back while answers are awaited: Nagle's algorithm would hold
        # each small command until the previous one is acknowledged
        client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._plus = literal_plus
        self._timeout = timeout
        self._cond = threading.Condition()
        self._queue: deque[_Pending] = deque()
        self._waiting: dict[bytes, _Pending] = {}
        self._tags = itertools.count(1)
        self._closing = False
        self._selected: bytes | None = None
        self.broken: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="degoogle-imap-append", daemon=True)
        self._thread.start()

    def append(self, mailbox: str, flags: list[str], when: datetime | None, wire: bytes) -> tuple[bytes, bytes]:
        """``(status, text)`` of the tagged answer (``b"OK"``, ``b"NO"``, ``b"BAD"``); ``_Lost`` when
        the connection broke or the server stayed silent for the timeout."""
        name = _quoted(imap_utf7.encode(mailbox))
        command = (b" APPEND " + name + b" (" + " ".join(flags).encode("ascii")
                   + b")" + (b' "' + datetime_to_INTERNALDATE(when).encode("ascii") + b'"' if when else b"")
                   + (b" {%d+}\r\n" if self._plus else b" {%d}\r\n") % len(wire))
        pending = _Pending(name, command, wire)
        with self._cond:
            if self.broken is not None:
                raise _Lost(str(self.broken))
            self._queue.append(pending)
            self._cond.notify()
        if not pending.done.wait(self._timeout * 2 + len(wire) / 50_000):
            self._break(TimeoutError("no answer to APPEND"))
        if pending.error is not None:
            raise _Lost(f"{type(pending.error).__name__}: {pending.error}")
        return pending.status, pending.text

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    while not self._queue and not self._waiting and not self._closing:
                        self._cond.wait()
                    if self._closing:
                        return
                    batch = list(self._queue)
                    self._queue.clear()
                # the mailbox open already first, then one mailbox after the other; opening one (see
                # _examine) pays for itself from two APPENDs on
                batch.sort(key=lambda p: (p.mailbox != self._selected, p.mailbox))
                count = Counter(p.mailbox for p in batch)
                for pending in batch:
                    if pending.mailbox != self._selected and count[pending.mailbox] > 1:
                        self._examine(pending.mailbox)
                    self._send(pending)
                if self._waiting:
                    self._answer(self._line())
        except BaseException as exc:  # noqa: BLE001 - whatever broke the connection fails what waits on it
            self._break(exc)

    def _examine(self, mailbox: bytes) -> None:
        """Open the mailbox read-only before APPENDing to it: Dovecot then keeps it open between
        APPENDs instead of opening and closing it for each (about twice as fast). Sent without
        waiting, like the APPENDs after it; a refusal only means slower APPENDs."""
        self._selected = mailbox
        self._send(_Pending(mailbox, b" EXAMINE " + mailbox + b"\r\n"))

    def _send(self, pending: _Pending) -> None:
        tag = b"DG%d" % next(self._tags)
        self._waiting[tag] = pending
        if self._plus or not pending.literal:
            self._wire.send(tag + pending.command + (pending.literal + b"\r\n" if pending.literal else b""))
            return
        self._wire.send(tag + pending.command)
        while not pending.done.is_set():  # a synchronising literal: wait for "+" (or a refusal)
            line = self._line()
            if line.startswith(b"+"):
                self._wire.send(pending.literal + b"\r\n")
                return
            self._answer(line)

    def _line(self) -> bytes:
        line = bytes(self._wire.readline())
        if not line:
            raise ConnectionError("the server closed the connection")
        return line

    def _answer(self, line: bytes) -> None:
        if line.startswith(b"DG"):
            tag, _, rest = line.rstrip(b"\r\n").partition(b" ")
            status, _, text = rest.partition(b" ")
            pending = self._waiting.pop(tag, None)
            if pending is not None:
                pending.status, pending.text = status.upper(), text
                pending.done.set()
                if not pending.literal and pending.status != b"OK" and pending.mailbox == self._selected:
                    self._selected = None  # EXAMINE refused (no such mailbox yet): APPEND will say TRYCREATE
        elif (literal := _LITERAL_AT_END.search(line)) is not None:
            self._wire.read(int(literal.group(1)))  # an unsolicited response carrying a literal: skip it

    def _break(self, exc: BaseException) -> None:
        with self._cond:
            if self.broken is None:
                self.broken = exc
            failed = list(self._waiting.values()) + list(self._queue)
            self._waiting.clear()
            self._queue.clear()
        for pending in failed:
            pending.error = exc
            pending.done.set()
        try:
            self.client.shutdown()  # a silent server: its reading thread ends, the session too
        except Exception:  # noqa: BLE001 - already broken; closing is best effort
            log.debug("IMAP connection already closed")

    def close(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify()
        try:
            self.client.shutdown()
        except Exception:  # noqa: BLE001 - closing is best effort
            log.debug("IMAP connection already closed")


def _quoted(name: bytes) -> bytes:
    return b'"' + name.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


class ImapTarget(Target):
    """The mailbox at ``imaps://user@host[:port]`` or ``imap://…`` (see the module docstring)."""

    kinds = frozenset({Kind.MAIL})

    def __init__(self, mail_to: str, password: str | None, *, connections: int = MAX_CONNECTIONS,
                 timeout: float = 60.0) -> None:
        self.spec = mail_to
        self.account = ImapAccount.parse(mail_to)
        self._password = password
        self.timeout = timeout
        self.connections = max(1, min(connections, MAX_CONNECTIONS))
        self._lock = threading.RLock()
        self._control_lock = threading.RLock()
        self._control: IMAPClient | None = None
        self._server: _Server | None = None
        self._pipes: list[AppendPipe] = []
        self._pipe_of: dict[str, AppendPipe] = {}
        self._inflight: Counter[str] = Counter()
        self._mailboxes: dict[str, str] = {}
        self._indexes: dict[str, _Index] = {}
        self._index_locks: dict[str, threading.Lock] = {}
        #: APPEND commands sent (a figure for tests and benchmarks)
        self.appends = 0

    def describe(self) -> str:
        return f"mailbox {self.account.describe()}"

    # -- the control connection ---------------------------------------------------------------------

    def _connect(self) -> IMAPClient:
        if not self._password:
            raise FatalError(f"no password for the mailbox {self.account.describe()}", code="auth_failed")
        return connect(self.account, self._password, timeout=self.timeout)

    def _client(self) -> IMAPClient:
        """The control connection; call with ``_control_lock`` held."""
        if self._control is None:
            self._control = self._connect()
        return self._control

    def _drop_control(self) -> None:
        client, self._control = self._control, None
        if client is not None:
            try:
                client.shutdown()
            except Exception:  # noqa: BLE001 - already broken; closing is best effort
                log.debug("IMAP connection already closed")

    @contextmanager
    def _controlled(self, what: str) -> Iterator[IMAPClient]:
        """The control connection, held for the block; network trouble becomes ``RetryableError``
        and drops the connection (the next use reconnects)."""
        with self._control_lock:
            try:
                with imap_errors_as_ours(what):
                    yield self._client()
            except RetryableError:
                self._drop_control()
                raise

    def prepare(self) -> None:
        with self._controlled(f"signing in to {self.account.host}") as client:
            client.noop()
            if self._server is None:
                self._server = self._learn(client)

    def _learn(self, client: IMAPClient) -> _Server:
        caps = {c.upper() for c in client.capabilities()}
        limit = next((int(c.split(b"=", 1)[1]) for c in caps if c.startswith(b"APPENDLIMIT=") and
                      c.split(b"=", 1)[1].isdigit()), None)
        prefix, delimiter = "", ""
        if b"NAMESPACE" in caps:
            personal = client.namespace().personal
            if personal:
                prefix, delimiter = (_text(personal[0][0]), _text(personal[0][1]))
        mailboxes: set[str] = set()
        special: dict[str, str] = {}
        by_name: dict[str, str] = {}
        for flags, sep, name in client.list_folders():
            delimiter = delimiter or _text(sep)
            folded = {f.lower() for f in flags}
            if b"\\noselect" in folded or b"\\nonexistent" in folded:
                continue
            mailboxes.add(name)
            for flag, role in _SPECIAL_USE.items():
                if flag in folded:
                    special.setdefault(role, name)
            bare = name[len(prefix):] if prefix and name.startswith(prefix) else name
            named = role_of_name(bare) if not delimiter or delimiter not in bare else None
            if named is not None and named != INBOX:
                by_name.setdefault(named, name)
        for role, name in by_name.items():
            special.setdefault(role, name)
        log.info("mailbox %s: separator %r, namespace %r, special folders %s, APPENDLIMIT %s",
                 self.account.describe(), delimiter, prefix, special, limit)
        return _Server(delimiter or "/", prefix, limit, b"LITERAL+" in caps, mailboxes, special)

    def _facts(self) -> _Server:
        if self._server is None:
            self.prepare()
        assert self._server is not None
        return self._server

    # -- mailboxes ----------------------------------------------------------------------------------

    def mailbox_name(self, folder: str) -> str:
        """The server's mailbox for a target-side folder, found or named (not created)."""
        server = self._facts()
        if folder == INBOX:
            return "INBOX"
        if folder in DEFAULT_NAMES:
            return server.special.get(folder) or server.prefix + DEFAULT_NAMES[folder]
        parts = [p.replace(server.delimiter, "_") for p in folder.split("/") if p]
        return server.prefix + server.delimiter.join(parts)

    def _mailbox(self, folder: str, collections: CollectionMap) -> str:
        with self._lock:
            known = self._mailboxes.get(folder)
        if known is not None:
            return known
        with self._controlled(f"preparing the folder {folder}") as client:
            name = collections.get(folder) or self.mailbox_name(folder)
            server = self._facts()
            if name not in server.mailboxes:
                self._create(client, name, server)
            collections.set(folder, name)
            with self._lock:
                self._mailboxes[folder] = name
            return name

    def _create(self, client: IMAPClient, name: str, server: _Server) -> None:
        levels = name[len(server.prefix):].split(server.delimiter) if server.delimiter else [name]
        for depth in range(1, len(levels) + 1):
            path = server.prefix + server.delimiter.join(levels[:depth])
            if path in server.mailboxes:
                continue
            try:
                client.create_folder(path)
            except imap_errors.IMAPClientAbortError:
                raise
            except imap_errors.IMAPClientError as exc:
                if "ALREADYEXISTS" not in str(exc).upper():
                    raise BadItemError(f"the server refused to create the folder {path!r}: {exc}",
                                       code="mail_refused") from exc
            try:
                client.subscribe_folder(path)
            except imap_errors.IMAPClientAbortError:
                raise
            except imap_errors.IMAPClientError as exc:
                log.info("could not subscribe to %s: %s", path, exc)
            server.mailboxes.add(path)
            log.info("created the folder %s", path)

    # -- the index ----------------------------------------------------------------------------------

    def _index(self, mailbox: str) -> _Index:
        with self._lock:
            index = self._indexes.get(mailbox)
            if index is not None:
                return index
            build = self._index_locks.setdefault(mailbox, threading.Lock())
        with build:
            with self._lock:
                index = self._indexes.get(mailbox)
            if index is None:
                with self._controlled(f"reading the folder {mailbox}") as client:
                    index = self._read_index(client, mailbox)
                with self._lock:
                    self._indexes[mailbox] = index
            return index

    def _read_index(self, client: IMAPClient, mailbox: str) -> _Index:
        index = _Index()
        opened = client.select_folder(mailbox, readonly=True)
        index.validity = int(opened.get(b"UIDVALIDITY", 0))
        if opened.get(b"EXISTS", 0):
            uids = sorted(client.search(["ALL"]))
            for start in range(0, len(uids), _FETCH_CHUNK):
                chunk = uids[start : start + _FETCH_CHUNK]
                for uid, data in client.fetch(chunk, [b"RFC822.SIZE", _HEADER_FIELDS]).items():
                    index.add_fetched(uid, data)
        client.unselect_folder()
        log.info("%s holds %d messages with a Message-ID, %d without", mailbox, len(index.keys),
                 sum(len(v) for v in index.by_size.values()))
        return index

    def _confirm_by_content(self, client: IMAPClient, mailbox: str, index: _Index, size: int) -> None:
        """Hash the messages with no Message-ID of ``size`` bytes, so their ``c:`` keys are known."""
        with index.lock:
            uids = index.by_size.pop(size, [])
        if not uids:
            return
        client.select_folder(mailbox, readonly=True)
        found = client.fetch(uids, [b"BODY.PEEK[]"])
        with index.lock:
            for uid, data in found.items():
                body = data.get(b"BODY[]")
                if isinstance(body, bytes):
                    index.keys[f"c:{len(body)}:{hashlib.sha256(body).hexdigest()}"] = uid

    def _arrived_anyway(self, mailbox: str, index: _Index, wire: bytes, key: str, has_mid: bool) -> bool:
        """After an APPEND whose outcome is unknown: look for that one message in the mailbox."""
        with self._controlled(f"checking {mailbox} after a lost connection") as client:
            client.select_folder(mailbox, readonly=True)
            if has_mid:
                uids = client.search(["HEADER", "Message-ID", parse_headers(wire).message_id() or ""])
                if uids:
                    found = client.fetch(uids, [b"RFC822.SIZE", _HEADER_FIELDS])
                    with index.lock:
                        for uid, data in found.items():
                            index.add_fetched(uid, data)
            else:
                uids = client.search(["LARGER", len(wire) - 1, "SMALLER", len(wire) + 1])
                with index.lock:
                    known = index.by_size.setdefault(len(wire), [])
                    known.extend(u for u in uids if u not in known)
                self._confirm_by_content(client, mailbox, index, len(wire))
        with index.lock:
            return key in index.keys

    # -- writing ------------------------------------------------------------------------------------

    def _pipe(self, mailbox: str) -> AppendPipe:
        """The pipe for ``mailbox``, counted as in flight until ``_done_with``. A mailbox stays on its
        pipe while it has APPENDs in flight (two sessions appending to one mailbox wait on each
        other's locks); otherwise it goes to the pipe with the fewest mailboxes in flight, its own
        pipe first, a new one while there are fewer than ``connections`` — so that each pipe keeps
        one mailbox open (``AppendPipe._examine``)."""
        literal_plus = self._facts().literal_plus
        with self._lock:
            self._pipes = [p for p in self._pipes if p.broken is None]
            current = self._pipe_of.get(mailbox)
            if current is None or current.broken is not None or not self._inflight[mailbox]:
                load = Counter(self._pipe_of[m] for m, n in self._inflight.items() if n and m in self._pipe_of)
                idle = [p for p in self._pipes if not load[p]]
                if current in idle or (current is not None and current.broken is None and not idle and len(
                        self._pipes) >= self.connections and load[current] == min(load[p] for p in self._pipes)):
                    pass
                elif idle:
                    current = idle[0]
                elif len(self._pipes) < self.connections:
                    with imap_errors_as_ours(f"connecting to {self.account.host}"):
                        current = AppendPipe(self._connect(), literal_plus, self.timeout)
                    self._pipes.append(current)
                else:
                    current = min(self._pipes, key=lambda p: load[p])
            assert current is not None
            self._pipe_of[mailbox] = current
            self._inflight[mailbox] += 1
            return current

    def _done_with(self, mailbox: str) -> None:
        with self._lock:
            self._inflight[mailbox] -= 1

    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        with ctx.source.open(item) as stream:
            raw = stream.read()
        wire = wire_bytes(raw)
        key, has_mid = message_key(wire)
        server = self._facts()
        if server.appendlimit is not None and len(wire) > server.appendlimit:
            raise BadItemError(f"{len(wire)} bytes, over the server's limit of {server.appendlimit}",
                               code="mail_too_large")
        mailbox = self._mailbox(item.collection, ctx.collections)
        index = self._index(mailbox)
        if not has_mid:
            with self._controlled(f"reading the folder {mailbox}") as client:
                self._confirm_by_content(client, mailbox, index, len(wire))
        with index.lock:
            if key in index.keys:
                return WriteResult(Outcome.ALREADY_THERE, item.target_path, _checksum(key, index))
            if key in index.in_flight:
                raise RetryableError("the same message is being written by another worker", code="temporary",
                                     retry_after=0.5)
            index.in_flight.add(key)
        try:
            if ctx.should_stop():
                raise Cancelled("stopped before sending the message")
            self._append(mailbox, wire, item, index, key, has_mid)
        finally:
            with index.lock:
                index.in_flight.discard(key)
        ctx.on_bytes(len(raw))
        with index.lock:
            return WriteResult(Outcome.MOVED, item.target_path, _checksum(key, index))

    def _append(self, mailbox: str, wire: bytes, item: Item, index: _Index, key: str, has_mid: bool) -> None:
        flags, when = _flags(item.attrs), _date(item.attrs)
        for attempt in range(2):
            pipe = self._pipe(mailbox)
            try:
                with self._lock:
                    self.appends += 1
                status, text = pipe.append(mailbox, flags, when, wire)
            except _Lost as lost:
                self._done_with(mailbox)
                log.info("connection lost during APPEND into %s (%s): checking whether it arrived", mailbox, lost)
                if self._arrived_anyway(mailbox, index, wire, key, has_mid):
                    return
                raise RetryableError(f"the connection dropped while sending the message: {lost}",
                                     code="unreachable") from None
            self._done_with(mailbox)
            if status == b"OK":
                where = _APPENDUID.search(text)  # RFC 4315: the UID the message got
                with index.lock:
                    uid = int(where.group(2)) if where and int(where.group(1)) == index.validity else None
                    index.keys[key] = uid
                return
            code = (m.group(1).upper() if (m := _CODE.match(text)) else b"")
            said = text.decode("utf-8", "replace")[:300]
            if code == b"TRYCREATE" and attempt == 0:
                with self._controlled(f"creating {mailbox}") as client:
                    server = self._facts()
                    server.mailboxes.discard(mailbox)
                    self._create(client, mailbox, server)
                continue
            if code in (b"TOOBIG", b"LIMIT"):
                raise BadItemError(f"the server refused a message of {len(wire)} bytes: {said}", code="mail_too_large")
            if code == b"OVERQUOTA":
                raise FatalError(f"the mailbox is full: {said}", code="no_space")
            if code in _RETRY_CODES:
                raise RetryableError(f"the server cannot take the message now: {said}", code="temporary")
            raise BadItemError(f"the server refused the message ({status.decode()}): {said}", code="mail_refused")

    # -- verification -------------------------------------------------------------------------------

    def verify(self, items: Iterable[Item]) -> Iterator[VerifyResult]:
        """Per folder (the mailbox the run chose, from the journal's map when lent), the UIDs the
        server lists (one SEARCH) against the UIDs the APPENDs got; an item whose UID is unknown or
        from an earlier UIDVALIDITY is looked for by identity."""
        by_folder: dict[str, list[Item]] = {}
        for item in items:
            by_folder.setdefault(item.collection, []).append(item)
        chosen = self.collection_maps(Kind.MAIL) if self.collection_maps is not None else None
        for folder, listed in by_folder.items():
            mailbox = (chosen.get(folder) if chosen is not None else None) or self.mailbox_name(folder)
            found: dict[int, bool] = {}
            problem = f"not found in the folder {mailbox}"
            with self._controlled(f"checking {mailbox}") as client:
                try:
                    validity = int(client.select_folder(mailbox, readonly=True).get(b"UIDVALIDITY", 0))
                    uids = set(client.search(["ALL"]))
                    unsure = []
                    for item in listed:
                        was, _, uid = (item.checksum or "").partition(" ")[2].partition(":")
                        if was == str(validity) and uid.isdigit():
                            found[item.id] = int(uid) in uids
                        else:
                            unsure.append(item)
                    if unsure:
                        index = self._read_index(client, mailbox)
                        keys = [(i.checksum or "").partition(" ")[0] for i in unsure]
                        for size in {int(k.split(":")[1]) for k in keys if k.startswith("c:")}:
                            self._confirm_by_content(client, mailbox, index, size)
                        for item, key in zip(unsure, keys, strict=True):
                            found[item.id] = bool(key) and key in index.keys
                except imap_errors.IMAPClientAbortError:
                    raise
                except imap_errors.IMAPClientError as exc:
                    problem = f"{mailbox}: {exc}"
            for item in listed:
                ok = found.get(item.id, False)
                yield VerifyResult(item, ok, None if ok else "missing_at_target", "" if ok else problem)

    def close(self) -> None:
        with self._lock:
            pipes, self._pipes, self._pipe_of = self._pipes, [], {}
        for pipe in pipes:
            pipe.close()
        with self._control_lock:
            client, self._control = self._control, None
        if client is not None:
            try:
                client.logout()
            except Exception:  # noqa: BLE001 - closing is best effort
                log.debug("IMAP logout failed")


def _checksum(key: str, index: _Index) -> str:
    """What the journal keeps of a written message: its identity, and where it is when known
    (``UIDVALIDITY:UID``), so that verification needs only the folder's list of UIDs."""
    uid = index.keys.get(key)
    return f"{key} {index.validity}:{uid}" if uid is not None and index.validity else key


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")


def _flags(attrs: dict[str, Any]) -> list[str]:
    flags = [f for f in attrs.get("flags") or [] if f in KEPT_FLAGS]
    keywords = [k for k in attrs.get("keywords") or [] if isinstance(k, str) and _ATOM.match(k)]
    return sorted(flags) + list(dict.fromkeys(keywords))


def _date(attrs: dict[str, Any]) -> datetime | None:
    value = attrs.get("date")
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
