"""The hoster's IMAP mailbox as a target: each message APPENDed once, with its flags and date.

Terminology: a *mailbox* is an IMAP folder as the server names it (``INBOX``, ``Envoyés``,
``INBOX.Travail.Clients``); a *folder* is the target-side folder of an item as the source said it
(a role such as ``\\Sent``, or a user path ``Travail/Clients``). A message's *identity* is
``m:`` + a hash of its Message-ID and Date header, or ``c:<size>:<sha256>`` of its bytes when it
has no Message-ID (``targets.imap_index``).

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
  connection dropped during it) is settled before any of its messages is sent again: what the
  mailbox got since the index was read (UIDs above the highest known) is read into the index.
- Batches (``write_batch``, up to ``BATCH_MESSAGES`` / ``BATCH_BYTES``, one folder): the messages
  go in one APPEND command, MULTIAPPEND (RFC 3502) — the server stores all of them or none, and
  says their UIDs in one ``APPENDUID``. When the server refuses it (one message too large, say),
  they are APPENDed one by one, so that only what it refuses is set aside. A server without
  MULTIAPPEND gets one APPEND per message, pipelined.
- Limits: a message over the server's ``APPENDLIMIT`` (RFC 7889) is quarantined (``mail_too_large``)
  without sending it; an APPEND refused with ``[TOOBIG]``/``[LIMIT]`` likewise, ``[OVERQUOTA]``
  pauses the run (``no_space``), any other refusal quarantines the message (``mail_refused``).

Connections: one *control* connection (listing, creating, reading indexes) and a few *append
pipes* (``connections``, at most ``MAX_CONNECTIONS``; ``targets.imap_pipe``). A mailbox goes
through one pipe at a time — two sessions appending to one mailbox wait on each other's locks — and
each pipe sends the APPENDs of every worker writing to it back to back without waiting for the
answers. A worker's ``write`` or ``write_batch`` returns once the server answered its own APPENDs.
TLS is verified.

Verification: the journal keeps each message's identity and, from the APPEND's answer (UIDPLUS,
RFC 4315 ``APPENDUID``), its ``UIDVALIDITY:UID``; ``verify`` lists each folder's UIDs (one SEARCH)
and looks by identity only for what has no UID of the folder's current UIDVALIDITY.

Errors as ``targets.base`` says: ``RetryableError`` (``unreachable``) for a dropped connection,
``FatalError`` for a refused login or certificate, ``BadItemError`` for a message refused for good.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from degoogle.convert.mail import ARCHIVE, DRAFT, DRAFTS, FLAGGED, INBOX, JUNK, SEEN, SENT, TRASH
from degoogle.engine.items import Item, Kind, Outcome, WriteResult
from degoogle.errors import BadItemError, Cancelled, DegoogleError, FatalError, RetryableError
from degoogle.sources.imap import ImapAccount, TlsContext, connect, imap_errors_as_ours
from degoogle.sources.mail_files import ANSWERED, role_of_name
from degoogle.targets.base import BatchContext, BatchResult, CollectionMap, Target, VerifyResult, WriteContext
from degoogle.targets.imap_index import MailboxIndex, message_key, wire_bytes
from degoogle.targets.imap_pipe import AppendPipe, LostAnswer, appended_uids

log = logging.getLogger(__name__)

KEPT_FLAGS = frozenset({SEEN, ANSWERED, FLAGGED, DRAFT})
DEFAULT_NAMES = {SENT: "Sent", DRAFTS: "Drafts", JUNK: "Junk", TRASH: "Trash", ARCHIVE: "Archive"}
#: append pipes at most. Sessions of one user share locks at the server (Dovecot's list of mailboxes is
#: updated by every APPEND): two were faster than one or four on the benchmark (benchmarks/README.md)
MAX_CONNECTIONS = 2
#: messages and bytes at most in one MULTIAPPEND (a batch of ``write_batch``)
BATCH_MESSAGES = 200
BATCH_BYTES = 4 * 1024 * 1024
_SPECIAL_USE = {b"\\sent": SENT, b"\\drafts": DRAFTS, b"\\junk": JUNK, b"\\trash": TRASH, b"\\archive": ARCHIVE}
_ATOM = re.compile(r'^[^\x00-\x20\x7f-\uffff(){%*"\\\]]+$')
_CODE = re.compile(rb"^\[([A-Z-]+)", re.IGNORECASE)
_RETRY_CODES = frozenset({b"UNAVAILABLE", b"INUSE", b"SERVERBUG", b"EXPUNGEISSUED", b"CONTACTADMIN"})


@dataclass(frozen=True)
class _Outgoing:
    """A message of a batch on its way: its place in the batch, item, bytes as sent, identity."""

    n: int
    item: Item
    wire: bytes
    key: str
    has_mid: bool
    size: int  # as the source gave it


@dataclass
class _Server:
    """What the server said about itself after sign-in."""

    delimiter: str
    prefix: str
    appendlimit: int | None
    literal_plus: bool
    multiappend: bool
    mailboxes: set[str]
    special: dict[str, str]


class ImapTarget(Target):
    """The mailbox at ``imaps://user@host[:port]`` or ``imap://…`` (see the module docstring)."""

    kinds = frozenset({Kind.MAIL})

    def __init__(self, mail_to: str, password: str | None, *, connections: int = MAX_CONNECTIONS,
                 timeout: float = 60.0) -> None:
        self.spec = mail_to
        self.account = ImapAccount.parse(mail_to)
        self._password = password
        self.timeout = timeout
        self._tls = TlsContext()
        self.connections = max(1, min(connections, MAX_CONNECTIONS))
        self._lock = threading.RLock()
        self._control_lock = threading.RLock()
        self._control: IMAPClient | None = None
        self._server: _Server | None = None
        self._pipes: list[AppendPipe] = []
        self._pipe_of: dict[str, AppendPipe] = {}
        self._inflight: Counter[str] = Counter()
        self._mailboxes: dict[str, str] = {}
        self._indexes: dict[str, MailboxIndex] = {}
        self._index_locks: dict[str, threading.Lock] = {}
        #: APPEND commands sent (a figure for tests and benchmarks)
        self.appends = 0

    def describe(self) -> str:
        return f"mailbox {self.account.describe()}"

    # -- the control connection ---------------------------------------------------------------------

    def _connect(self) -> IMAPClient:
        if not self._password:
            raise FatalError(f"no password for the mailbox {self.account.describe()}", code="auth_failed")
        return connect(self.account, self._password, timeout=self.timeout, tls=self._tls)

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
        return _Server(delimiter or "/", prefix, limit, b"LITERAL+" in caps, b"MULTIAPPEND" in caps,
                       mailboxes, special)

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

    def _index(self, mailbox: str) -> MailboxIndex:
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
                    index = MailboxIndex.read(client, mailbox)
                with self._lock:
                    self._indexes[mailbox] = index
            return index

    def _catch_up(self, mailbox: str, index: MailboxIndex, sizes: Iterable[int]) -> None:
        with self._controlled(f"checking {mailbox} after a lost connection") as client:
            index.catch_up(client, mailbox, sizes)

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

    def batch_limits(self) -> tuple[int, int] | None:
        return BATCH_MESSAGES, BATCH_BYTES

    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        [result] = self.write_batch([item], BatchContext(ctx.source, lambda _item, n: ctx.on_bytes(n), ctx.should_stop,
                                                         lambda _item: ctx.ledger, ctx.collections))
        if isinstance(result, DegoogleError):
            raise result
        return result

    def write_batch(self, items: Sequence[Item], ctx: BatchContext) -> list[BatchResult]:
        """The items' messages (of one folder) APPENDed in one command, or one command each when
        the server refuses them together; what the mailbox holds already is not sent (see the
        module docstring)."""
        results: list[BatchResult | None] = [None] * len(items)
        server = self._facts()
        wanted: list[_Outgoing] = []
        for n, item in enumerate(items):
            try:
                with ctx.source.open(item) as stream:
                    raw = stream.read()
            except DegoogleError as exc:
                results[n] = exc
                continue
            wire = wire_bytes(raw)
            if server.appendlimit is not None and len(wire) > server.appendlimit:
                results[n] = BadItemError(f"{len(wire)} bytes, over the server's limit of {server.appendlimit}",
                                          code="mail_too_large")
                continue
            wanted.append(_Outgoing(n, item, wire, *message_key(wire), len(raw)))
        if wanted:
            mailbox = self._mailbox(items[0].collection, ctx.collections)
            index = self._index(mailbox)
            self._write(mailbox, index, wanted, ctx, results)
        assert all(r is not None for r in results)
        return cast(list[BatchResult], results)

    def _write(self, mailbox: str, index: MailboxIndex, wanted: list[_Outgoing], ctx: BatchContext,
               results: list[BatchResult | None]) -> None:
        no_mid = {len(o.wire) for o in wanted if not o.has_mid}
        if no_mid:
            with self._controlled(f"reading the folder {mailbox}") as client:
                for size in no_mid:
                    index.confirm_by_content(client, mailbox, size)
        with index.lock:
            unsure = any(o.key in index.unsure for o in wanted)
        if unsure:  # an earlier APPEND of one of these was lost and is not settled yet
            self._catch_up(mailbox, index, no_mid)
        sending: list[_Outgoing] = []
        twice: list[_Outgoing] = []
        claimed: set[str] = set()
        with index.lock:
            for o in wanted:
                if o.key in index.keys:
                    results[o.n] = WriteResult(Outcome.ALREADY_THERE, o.item.target_path, index.checksum(o.key))
                elif o.key in claimed:
                    twice.append(o)  # the same message twice in the batch: there once the first is
                elif o.key in index.in_flight:
                    results[o.n] = RetryableError("the same message is being written by another worker",
                                                  code="temporary", retry_after=0.5)
                else:
                    sending.append(o)
                    claimed.add(o.key)
            index.in_flight.update(claimed)
        try:
            if sending and ctx.should_stop():
                for o in [*sending, *twice]:
                    results[o.n] = Cancelled("stopped before sending the message")
                return
            if sending:
                self._append(mailbox, index, sending, results)
        finally:
            with index.lock:
                index.in_flight.difference_update(claimed)
        with index.lock:
            for o in twice:
                results[o.n] = (WriteResult(Outcome.ALREADY_THERE, o.item.target_path, index.checksum(o.key))
                                if o.key in index.keys else RetryableError("the same message is written first",
                                                                           code="temporary"))
        for o in sending:
            if isinstance(results[o.n], WriteResult):
                ctx.on_bytes(o.item, o.size)

    def _append(self, mailbox: str, index: MailboxIndex, sending: list[_Outgoing],
                results: list[BatchResult | None]) -> None:
        """APPEND ``sending`` in one command (MULTIAPPEND, when the server offers it), or one command
        each when the server refuses them together — so that only what it refuses is set aside —
        and put each one's result in ``results``."""
        groups = [sending] if len(sending) > 1 and self._facts().multiappend else [[o] for o in sending]
        created = False
        while groups:
            answers = self._send(mailbox, index, groups, results)
            if answers is None:
                return
            again: list[list[_Outgoing]] = []
            create = False
            for group, (status, text) in zip(groups, answers, strict=True):
                code = m.group(1).upper() if (m := _CODE.match(text)) else b""
                if status == b"OK":
                    with index.lock:
                        for o, uid in zip(group, appended_uids(text, index.validity, len(group)), strict=True):
                            index.keys[o.key] = uid
                            index.top = max(index.top, uid or 0)
                            results[o.n] = WriteResult(Outcome.MOVED, o.item.target_path, index.checksum(o.key))
                elif code == b"TRYCREATE" and not created:
                    create = True
                    again.append(group)
                elif len(group) > 1:  # one refused message refuses them all: now one by one
                    again.extend([o] for o in group)
                else:
                    results[group[0].n] = _refusal(status, code, text, len(group[0].wire))
            if create:
                created = True
                with self._controlled(f"creating {mailbox}") as client:
                    server = self._facts()
                    server.mailboxes.discard(mailbox)
                    self._create(client, mailbox, server)
            groups = again

    def _send(self, mailbox: str, index: MailboxIndex, groups: list[list[_Outgoing]],
              results: list[BatchResult | None]) -> list[tuple[bytes, bytes]] | None:
        """One APPEND command per group, pipelined on the mailbox's pipe; their answers, or None when
        the connection broke: then what arrived is found (``_catch_up``) and put in ``results``
        (``MOVED``), the rest to be tried again (``unreachable``)."""
        sent = [o for group in groups for o in group]
        pipe = self._pipe(mailbox)
        try:
            try:
                commands = []
                for group in groups:
                    commands.append(pipe.send(mailbox, [(_flags(o.item.attrs), _date(o.item.attrs), o.wire)
                                                        for o in group]))
                    with self._lock:
                        self.appends += len(group)
                return [pipe.wait(command) for command in commands]
            finally:
                self._done_with(mailbox)
        except LostAnswer as lost:
            log.info("connection lost during APPEND into %s (%s): checking what arrived", mailbox, lost)
            with index.lock:
                index.unsure.update(o.key for o in sent)
            self._catch_up(mailbox, index, {len(o.wire) for o in sent if not o.has_mid})
            with index.lock:
                for o in sent:
                    results[o.n] = (WriteResult(Outcome.MOVED, o.item.target_path, index.checksum(o.key))
                                    if o.key in index.keys else
                                    RetryableError(f"the connection dropped while sending the message: {lost}",
                                                   code="unreachable"))
            return None

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
                        index = MailboxIndex.read(client, mailbox)
                        keys = [(i.checksum or "").partition(" ")[0] for i in unsure]
                        for size in {int(k.split(":")[1]) for k in keys if k.startswith("c:")}:
                            index.confirm_by_content(client, mailbox, size)
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


def _refusal(status: bytes, code: bytes, text: bytes, size: int) -> DegoogleError:
    """What a refused APPEND of one message means for it (the module docstring's limits)."""
    said = text.decode("utf-8", "replace")[:300]
    if code in (b"TOOBIG", b"LIMIT"):
        return BadItemError(f"the server refused a message of {size} bytes: {said}", code="mail_too_large")
    if code == b"OVERQUOTA":
        return FatalError(f"the mailbox is full: {said}", code="no_space")
    if code in _RETRY_CODES:
        return RetryableError(f"the server cannot take the message now: {said}", code="temporary")
    return BadItemError(f"the server refused the message ({status.decode()}): {said}", code="mail_refused")
