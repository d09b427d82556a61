"""Pipelined APPENDs on one IMAP connection, for the IMAP target (``targets.imap``).

An ``AppendPipe`` sends the APPEND commands that several threads hand it back to back, without
waiting for each answer before sending the next (RFC 3501 §5.5), one thread of its own doing all
the reading and writing (a TLS connection must not be read and written from two threads). A
command carries one message or several: MULTIAPPEND (RFC 3502), which the server carries out
atomically — every message of the command stored, or none. With LITERAL+ (RFC 7888) a command goes
out in one write; without it, each literal waits for the server's ``+``.

The pipe EXAMINEs the mailbox it appends to when two commands or more for it are queued
(read-only: nothing can change there through it): Dovecot then keeps the mailbox open between
APPENDs instead of opening it for each, which halves their cost.

What the server answered is the caller's to judge; ``LostAnswer`` means the connection broke (or
the server stayed silent) with the command sent or about to be: the server may have stored its
messages or not.
"""

from __future__ import annotations

import itertools
import logging
import re
import socket
import threading
from collections import Counter, deque
from collections.abc import Sequence
from datetime import datetime

from imapclient import IMAPClient, imap_utf7
from imapclient.datetime_util import datetime_to_INTERNALDATE

log = logging.getLogger(__name__)

_GATHER = 64 * 1024
_LITERAL_AT_END = re.compile(rb"\{(\d+)\}\r?\n$")
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) ([\d:,]+)\]", re.IGNORECASE)

#: one message of an APPEND: its flags and keywords, internal date (None: the server's "now"), bytes
Message = tuple[Sequence[str], datetime | None, bytes]


class LostAnswer(Exception):
    """The connection broke with this command sent (or about to be): the server may have it or not."""


def quoted(name: bytes) -> bytes:
    return b'"' + name.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def appended_uids(text: bytes, validity: int, count: int) -> list[int | None]:
    """The UIDs a successful APPEND of ``count`` messages got, in order, from its ``APPENDUID``
    (RFC 4315 §3: the UIDVALIDITY and a UID set); each None when the answer has none, names another
    UIDVALIDITY or a set of another size."""
    found = _APPENDUID.search(text)
    if found is None or int(found.group(1)) != validity:
        return [None] * count
    uids: list[int | None] = []
    for part in found.group(2).split(b","):
        first, _, last = part.partition(b":")
        lo, hi = sorted((int(first), int(last or first)))
        uids.extend(range(lo, hi + 1))
    return uids if len(uids) == count else [None] * count


class Command:
    """A command for the pipe: ``chunks`` to send (each a list of byte strings sent one after the
    other), the server's ``+`` awaited between two (a synchronising literal), and once answered its
    ``status`` and ``text`` or the ``error`` that broke the connection."""

    __slots__ = ("mailbox", "chunks", "size", "appends", "done", "status", "text", "error")

    def __init__(self, mailbox: bytes, chunks: list[list[bytes]], size: int = 0, appends: bool = False) -> None:
        self.mailbox = mailbox
        self.chunks = chunks
        self.size = size
        self.appends = appends
        self.done = threading.Event()
        self.status = b""
        self.text = b""
        self.error: BaseException | None = None


def append_command(mailbox: bytes, messages: Sequence[Message], literal_plus: bool) -> list[list[bytes]]:
    """``APPEND mailbox (flags) "date" {n}`` + the message, for each message (RFC 3502's
    MULTIAPPEND when several), cut where a synchronising literal waits for the server; one chunk
    with LITERAL+. The messages' bytes are not copied."""
    marker = b" {%d+}\r\n" if literal_plus else b" {%d}\r\n"
    chunks: list[list[bytes]] = []
    parts = [b" APPEND " + mailbox]
    for flags, when, wire in messages:
        parts.append(b" (" + " ".join(flags).encode("ascii") + b")"
                     + (b' "' + datetime_to_INTERNALDATE(when).encode("ascii") + b'"' if when else b"")
                     + marker % len(wire))
        if not literal_plus:
            chunks.append(parts)
            parts = []
        parts.append(wire)
    parts.append(b"\r\n")
    chunks.append(parts)
    return chunks


class AppendPipe:
    """One signed-in connection that APPENDs whatever several threads hand it, without waiting for
    each answer before sending the next command; ``wait`` returns a command's own answer."""

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
        self._queue: deque[Command] = deque()
        self._waiting: dict[bytes, Command] = {}
        self._tags = itertools.count(1)
        self._closing = False
        self._selected: bytes | None = None
        self.broken: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="degoogle-imap-append", daemon=True)
        self._thread.start()

    def send(self, mailbox: str, messages: Sequence[Message]) -> Command:
        """Queue one APPEND of ``messages`` (MULTIAPPEND when several) into ``mailbox``; its answer
        comes with ``wait``. ``LostAnswer`` when the connection is broken already."""
        name = quoted(imap_utf7.encode(mailbox))
        command = Command(name, append_command(name, messages, self._plus), sum(len(m[2]) for m in messages),
                          appends=True)
        with self._cond:
            if self.broken is not None:
                raise LostAnswer(str(self.broken))
            self._queue.append(command)
            self._cond.notify()
        return command

    def wait(self, command: Command) -> tuple[bytes, bytes]:
        """``(status, text)`` of the command's tagged answer (``b"OK"``, ``b"NO"``, ``b"BAD"``);
        ``LostAnswer`` when the connection broke or the server stayed silent for the timeout."""
        if not command.done.wait(self._timeout * 2 + command.size / 50_000):
            self._break(TimeoutError("no answer to APPEND"))
        if command.error is not None:
            raise LostAnswer(f"{type(command.error).__name__}: {command.error}")
        return command.status, command.text

    def append(self, mailbox: str, flags: Sequence[str], when: datetime | None, wire: bytes) -> tuple[bytes, bytes]:
        """One message: ``send`` then ``wait``."""
        return self.wait(self.send(mailbox, [(flags, when, wire)]))

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
                batch.sort(key=lambda c: (c.mailbox != self._selected, c.mailbox))
                count = Counter(c.mailbox for c in batch)
                for command in batch:
                    if command.mailbox != self._selected and count[command.mailbox] > 1:
                        self._examine(command.mailbox)
                    self._send(command)
                if self._waiting:
                    self._answer(self._line())
        except BaseException as exc:  # noqa: BLE001 - whatever broke the connection fails what waits on it
            self._break(exc)

    def _examine(self, mailbox: bytes) -> None:
        """Open the mailbox read-only before APPENDing to it: Dovecot then keeps it open between
        APPENDs instead of opening and closing it for each (about twice as fast). Sent without
        waiting, like the APPENDs after it; a refusal only means slower APPENDs."""
        self._selected = mailbox
        self._send(Command(mailbox, [[b" EXAMINE " + mailbox + b"\r\n"]]))

    def _send(self, command: Command) -> None:
        tag = b"DG%d" % next(self._tags)
        self._waiting[tag] = command
        first, *rest = command.chunks
        self._write([tag, *first])
        for chunk in rest:  # after a synchronising literal's size: wait for "+" (or a refusal)
            while True:
                if command.done.is_set():
                    return
                line = self._line()
                if line.startswith(b"+"):
                    self._write(chunk)
                    break
                self._answer(line)

    def _write(self, parts: list[bytes]) -> None:
        """Send ``parts`` in order: small ones gathered into writes of ``_GATHER`` bytes (Nagle is
        off: one write is one packet), large ones as they are — a batch is never copied whole."""
        gathered: list[bytes] = []
        size = 0
        for part in parts:
            if len(part) >= _GATHER:
                if gathered:
                    self._wire.send(b"".join(gathered))
                    gathered, size = [], 0
                self._wire.send(part)
                continue
            gathered.append(part)
            size += len(part)
            if size >= _GATHER:
                self._wire.send(b"".join(gathered))
                gathered, size = [], 0
        if gathered:
            self._wire.send(b"".join(gathered))

    def _line(self) -> bytes:
        line = bytes(self._wire.readline())
        if not line:
            raise ConnectionError("the server closed the connection")
        return line

    def _answer(self, line: bytes) -> None:
        if line.startswith(b"DG"):
            tag, _, rest = line.rstrip(b"\r\n").partition(b" ")
            status, _, text = rest.partition(b" ")
            command = self._waiting.pop(tag, None)
            if command is not None:
                command.status, command.text = status.upper(), text
                command.done.set()
                if not command.appends and command.status != b"OK" and command.mailbox == self._selected:
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
        for command in failed:
            command.error = exc
            command.done.set()
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
