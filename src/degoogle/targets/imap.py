"""The hoster's IMAP mailbox as a target: each message APPENDed once, with its flags and date.

Terminology: a *mailbox* is an IMAP folder as the server names it, a *folder* the target-side folder
of an item as the source said it (``targets.imap_mailboxes``). A message's *identity* is
``c:<size>:<sha256>`` of its bytes (``targets.imap_index``).

Promises:

- Roles go to the server's special-use mailboxes, user paths to mailboxes under the personal
  namespace, missing ones created and subscribed (``targets.imap_mailboxes``). The choice is kept in
  the journal (``WriteContext.collections``).
- Exactly once, in batches (``write_batch``, up to ``BATCH_MESSAGES`` / ``BATCH_BYTES``, one folder)
  sent as one MULTIAPPEND, flags, keywords and date kept, nothing else ever written; refusals
  sorted by what they mean (``targets.imap_append``).
- Limits: a message over the server's ``APPENDLIMIT`` (RFC 7889) is quarantined (``mail_too_large``)
  without sending it.

Connections: one control connection and a few append pipes (``connections``, at most
``MAX_CONNECTIONS``; ``targets.imap_connections``, ``targets.imap_pipe``). A worker's ``write`` or
``write_batch`` returns once the server answered its own APPENDs. TLS is verified.

Verification: the journal keeps each message's identity and, from the APPEND's answer (UIDPLUS,
RFC 4315 ``APPENDUID``), its ``UIDVALIDITY:UID``; ``verify`` lists each folder's UIDs (one SEARCH)
and looks by identity only for what has no UID of the folder's current UIDVALIDITY.

Errors as ``targets.base`` says: ``RetryableError`` (``unreachable``) for a dropped connection,
``FatalError`` for a refused login or certificate, ``BadItemError`` for a message refused for good.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from imapclient import exceptions as imap_errors

from degoogle.errors import BadItemError, DegoogleError
from degoogle.model import Item, Kind, WriteResult
from degoogle.protocols.imap import ImapAccount
from degoogle.targets.base import (
    NO_JOURNAL,
    BatchContext,
    BatchResult,
    CollectionMap,
    Target,
    VerifyContext,
    VerifyResult,
    WriteContext,
)
from degoogle.targets.imap_append import KEPT_FLAGS, BatchAppend, Outgoing
from degoogle.targets.imap_connections import MailboxConnections
from degoogle.targets.imap_index import MailboxIndex, message_key, wire_bytes
from degoogle.targets.imap_mailboxes import DEFAULT_NAMES, MailServer

__all__ = ["BATCH_BYTES", "BATCH_MESSAGES", "DEFAULT_NAMES", "KEPT_FLAGS", "MAX_CONNECTIONS", "ImapTarget"]

#: append pipes at most. Sessions of one user share locks at the server (Dovecot's list of mailboxes is
#: updated by every APPEND): two were faster than one or four on the benchmark (benchmarks/README.md)
MAX_CONNECTIONS = 2
#: messages and bytes at most in one MULTIAPPEND (a batch of ``write_batch``)
BATCH_MESSAGES = 200
BATCH_BYTES = 4 * 1024 * 1024


class ImapTarget(Target):
    """The mailbox at ``imaps://user@host[:port]`` or ``imap://…`` (see the module docstring)."""

    kinds = frozenset({Kind.MAIL})

    def __init__(self, mail_to: str, password: str | None, *, connections: int = MAX_CONNECTIONS,
                 timeout: float = 60.0) -> None:
        self.spec = mail_to
        self.account = ImapAccount.parse(mail_to)
        self.timeout = timeout
        self.connections = max(1, min(connections, MAX_CONNECTIONS))
        self._connections = MailboxConnections(self.account, password, connections=self.connections,
                                               timeout=timeout)
        self._appending = BatchAppend(self._connections)
        self._lock = threading.RLock()
        self._server: MailServer | None = None
        self._mailboxes: dict[str, str] = {}
        self._indexes: dict[str, MailboxIndex] = {}
        self._index_locks: dict[str, threading.Lock] = {}

    @property
    def appends(self) -> int:
        """APPEND commands sent (a figure for tests and benchmarks)."""
        return self._appending.appends

    def describe(self) -> str:
        return f"mailbox {self.account.describe()}"

    def prepare(self) -> None:
        with self._connections.controlled(f"signing in to {self.account.host}") as client:
            client.noop()
            if self._server is None:
                self._server = MailServer.learn(client, self.account.describe())

    def _facts(self) -> MailServer:
        if self._server is None:
            self.prepare()
        assert self._server is not None
        return self._server

    # -- mailboxes ----------------------------------------------------------------------------------

    def mailbox_name(self, folder: str) -> str:
        """The server's mailbox for a target-side folder, found or named (not created)."""
        return self._facts().mailbox_name(folder)

    def _mailbox(self, folder: str, collections: CollectionMap) -> str:
        with self._lock:
            known = self._mailboxes.get(folder)
        if known is not None:
            return known
        with self._connections.controlled(f"preparing the folder {folder}") as client:
            name = collections.get(folder) or self.mailbox_name(folder)
            server = self._facts()
            if name not in server.mailboxes:
                server.create(client, name)
            collections.set(folder, name)
            with self._lock:
                self._mailboxes[folder] = name
            return name

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
                with self._connections.controlled(f"reading the folder {mailbox}") as client:
                    index = MailboxIndex.read(client, mailbox)
                with self._lock:
                    self._indexes[mailbox] = index
            return index

    # -- writing ------------------------------------------------------------------------------------

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
        the server refuses them together; what the mailbox holds already is not sent
        (``targets.imap_append``)."""
        results: list[BatchResult | None] = [None] * len(items)
        server = self._facts()
        wanted: list[Outgoing] = []
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
            wanted.append(Outgoing(n, item, wire, *message_key(wire), len(raw)))
        if wanted:
            mailbox = self._mailbox(items[0].collection, ctx.collections)
            index = self._index(mailbox)
            self._appending.write(mailbox, index, server, wanted, ctx, results)
        assert all(r is not None for r in results)
        return cast(list[BatchResult], results)

    # -- verification -------------------------------------------------------------------------------

    def verify(self, items: Iterable[Item], ctx: VerifyContext = NO_JOURNAL) -> Iterator[VerifyResult]:
        """Per folder (the mailbox the run chose, from the journal's map when lent), the UIDs the
        server lists (one SEARCH) against the UIDs the APPENDs got; an item whose UID is unknown or
        from an earlier UIDVALIDITY is looked for by identity."""
        by_folder: dict[str, list[Item]] = {}
        for item in items:
            by_folder.setdefault(item.collection, []).append(item)
        chosen = ctx.collections(Kind.MAIL) if ctx.collections is not None else None
        for folder, listed in by_folder.items():
            mailbox = (chosen.get(folder) if chosen is not None else None) or self.mailbox_name(folder)
            found: dict[int, bool] = {}
            problem = f"not found in the folder {mailbox}"
            with self._connections.controlled(f"checking {mailbox}") as client:
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
        self._connections.close()
