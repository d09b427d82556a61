"""Messages APPENDed into one of the hoster's mailboxes exactly once, for the IMAP target (``targets.imap``).

Promises:

- APPEND carries the message's bytes unchanged (line endings made CRLF, as IMAP requires), the
  flags ``\\Seen \\Answered \\Flagged \\Draft``, its keywords and its internal date — never "now"
  when the source knew a date. Nothing else is ever written: no STORE, no EXPUNGE.
- Exactly once: before the first APPEND into a mailbox in a run, the mailbox is read once (EXAMINE,
  then FETCH of every message's size, Message-ID and Date, ``BODY.PEEK`` so nothing is marked
  read) into an *index* of identities (``targets.imap_index``). A message whose identity is there is
  reported ``already_there`` and not appended: what a run killed between APPEND and the journal's
  commit left behind, or what was in the mailbox before (an earlier move with another journal). An
  identity is the message's content: it is confirmed by fetching the few messages of the same size
  and comparing SHA-256, so that two different messages sharing a Message-ID and Date both land.
  An APPEND whose outcome is unknown (the connection dropped during it) is settled before any of
  its messages is sent again: what the mailbox got since the index was read (UIDs above the
  highest known) is read into the index.
- Batches (one folder): the messages go in one APPEND command, MULTIAPPEND (RFC 3502) — the server
  stores all of them or none, and says their UIDs in one ``APPENDUID``. When the server refuses it
  (one message too large, say), they are APPENDed one by one, so that only what it refuses is set
  aside. A server without MULTIAPPEND gets one APPEND per message, pipelined
  (``targets.imap_pipe``). A worker's batch returns once the server answered its own APPENDs.
- Limits: an APPEND refused with ``[TOOBIG]``/``[LIMIT]`` quarantines the message
  (``mail_too_large``), ``[OVERQUOTA]`` pauses the run (``no_space``), any other refusal
  quarantines the message (``mail_refused``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from degoogle.convert.mail import DRAFT, FLAGGED, SEEN
from degoogle.convert.mail_headers import ANSWERED
from degoogle.errors import BadItemError, Cancelled, DegoogleError, FatalError, RetryableError
from degoogle.model import Item, Outcome, WriteResult
from degoogle.targets.base import BatchContext, BatchResult
from degoogle.targets.imap_connections import MailboxConnections
from degoogle.targets.imap_index import MailboxIndex
from degoogle.targets.imap_mailboxes import MailServer
from degoogle.targets.imap_pipe import LostAnswer, appended_uids

log = logging.getLogger(__name__)

KEPT_FLAGS = frozenset({SEEN, ANSWERED, FLAGGED, DRAFT})
_ATOM = re.compile(r'^[^\x00-\x20\x7f-\uffff(){%*"\\\]]+$')
_CODE = re.compile(rb"^\[([A-Z-]+)", re.IGNORECASE)
_RETRY_CODES = frozenset({b"UNAVAILABLE", b"INUSE", b"SERVERBUG", b"EXPUNGEISSUED", b"CONTACTADMIN"})


@dataclass(frozen=True)
class Outgoing:
    """A message of a batch on its way: its place in the batch, item, bytes as sent, identity."""

    n: int
    item: Item
    wire: bytes
    key: str
    has_mid: bool
    size: int  # as the source gave it


class BatchAppend:
    """Appends batches of messages for one ``ImapTarget``, each message once, through its
    ``connections`` (see the module docstring)."""

    def __init__(self, connections: MailboxConnections) -> None:
        self.connections = connections
        self._lock = threading.Lock()
        #: APPEND commands sent (a figure for tests and benchmarks)
        self.appends = 0

    def write(self, mailbox: str, index: MailboxIndex, server: MailServer, wanted: list[Outgoing],
              ctx: BatchContext, results: list[BatchResult | None]) -> None:
        """Put each of ``wanted`` into ``mailbox`` unless ``index`` knows it there already, and its
        result (``WriteResult``, or the error for it) in ``results``."""
        no_mid = {len(o.wire) for o in wanted if not o.has_mid}
        if no_mid:
            with self.connections.controlled(f"reading the folder {mailbox}") as client:
                for size in no_mid:
                    index.confirm_by_content(client, mailbox, size)
        with index.lock:
            unsure = any(o.key in index.unsure for o in wanted)
        if unsure:  # an earlier APPEND of one of these was lost and is not settled yet
            self._catch_up(mailbox, index, no_mid)
        sending: list[Outgoing] = []
        twice: list[Outgoing] = []
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
                self._append(mailbox, index, server, sending, results)
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

    def _catch_up(self, mailbox: str, index: MailboxIndex, sizes: Iterable[int]) -> None:
        with self.connections.controlled(f"checking {mailbox} after a lost connection") as client:
            index.catch_up(client, mailbox, sizes)

    def _append(self, mailbox: str, index: MailboxIndex, server: MailServer, sending: list[Outgoing],
                results: list[BatchResult | None]) -> None:
        """APPEND ``sending`` in one command (MULTIAPPEND, when the server offers it), or one command
        each when the server refuses them together — so that only what it refuses is set aside —
        and put each one's result in ``results``."""
        groups = [sending] if len(sending) > 1 and server.multiappend else [[o] for o in sending]
        created = False
        while groups:
            answers = self._send(mailbox, index, server, groups, results)
            if answers is None:
                return
            again: list[list[Outgoing]] = []
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
                with self.connections.controlled(f"creating {mailbox}") as client:
                    server.mailboxes.discard(mailbox)
                    server.create(client, mailbox)
            groups = again

    def _send(self, mailbox: str, index: MailboxIndex, server: MailServer, groups: list[list[Outgoing]],
              results: list[BatchResult | None]) -> list[tuple[bytes, bytes]] | None:
        """One APPEND command per group, pipelined on the mailbox's pipe; their answers, or None when
        the connection broke: then what arrived is found (``_catch_up``) and put in ``results``
        (``MOVED``), the rest to be tried again (``unreachable``)."""
        sent = [o for group in groups for o in group]
        pipe = self.connections.pipe(mailbox, server.literal_plus)
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
                self.connections.done_with(mailbox)
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
