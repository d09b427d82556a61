"""A streaming reader of mbox files (one message in memory at a time, whatever the file's size),
and the writer of one mboxrd entry (``mboxrd_entry``).

Terminology: an *mbox* is a sequence of messages, each introduced by a *separator line* (``From_``
line: ``From <sender> <date>``); a *quoted* body line is one that a writer prefixed with ``>`` so it
would not read as a separator. Offsets are byte positions in the stream as read, so a resumable
importer can ``seek(offset)`` and read ``length`` bytes to get a message back.

Sources followed:

- RFC 4155 (application/mbox), Appendix A: the separator is a line starting with ``From `` followed
  by an address and a UTC ``asctime`` date; the writer adds an empty line after each message, and
  readers drop it. It defers the quoting variants to qmail's mbox(5).
- mbox(5) (qmail, "mboxrd"): writers add one ``>`` to every line matching ``^>*From ``; readers
  remove one ``>`` from every line matching ``^>+From ``. mboxo only quotes ``^From `` and cannot
  tell an original ``>From `` from a quoted ``From `` on reading.
- Google Takeout writes ``From 1234567890@xxx Thu Nov 20 10:10:10 +0000 2026`` (offset before the
  year, not asctime) and prefixes body lines starting with ``From `` with ``>`` (observed in
  thunderbird/import-export-tools-ng#145 and dcarrero/mboxshell#23).

Decisions:

- Un-quoting defaults to **mboxrd**. On an mboxrd file it is exact. On an mboxo file it gives the
  same result as mboxo reading except for lines that were ``>>From `` (or deeper) in the original
  message, which lose one ``>``; mboxo reading of an mboxrd file would instead keep a stray ``>`` on
  every originally ``>From `` line (common in quoted replies). So mboxrd is the smaller error on
  either input. ``quoting="mboxo"`` or ``"none"`` can be asked for.
- A line is a separator when it looks like an envelope: ``From ``, one non-space token, an English
  weekday name, and further on a time ``hh:mm`` and a four-digit year; or, after an empty line, when
  it is ``From `` and one word alone, as mail programs read it (Thunderbird writes ``From - ``, some
  exports ``From 1844347792267117879@xxx``). An unquoted body line such as ``From my side, ...``
  therefore does not split a message (writers that forgot to quote exist, see
  thunderbird/import-export-tools-ng#329), while every known separator form still splits.
- ``Content-Length`` (mboxcl, Solaris/SVR4 mail) is honoured only when consistent: the body ends
  where it says, followed by the end of the file or a ``From `` line; otherwise it is ignored.
- A UTF-8 byte-order mark before the first separator (written by some Windows tools) is skipped.
- Line endings are kept as they are (LF or CRLF): messages are never modified, except for the
  un-quoting and the one empty line before the next separator (or the end of the file).
- The asctime form carries no zone: RFC 4155 says it is UTC, so it is read as UTC.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import BinaryIO, Literal

from degoogle.errors import BadItemError

log = logging.getLogger(__name__)

#: Messages larger than this are reported (``too_large``) but their bytes are not held.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
#: Longest piece of a line read at once: bounds memory when a "line" has no line ending for megabytes.
LINE_CHUNK = 64 * 1024

Quoting = Literal["mboxrd", "mboxo", "none"]

_SEPARATOR = re.compile(
    rb"^From \S+\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s(?=.*\b\d{1,2}:\d{2}\b)(?=.*\b\d{4}\b)"
)
#: after an empty line, ``From `` and one word alone also starts a message (Thunderbird's ``From - ``)
_BARE_SEPARATOR = re.compile(rb"^From \S+[ \t]*\r?\n?$")
_CONTENT_LENGTH = re.compile(rb"(?im)^Content-Length:[ \t]*(\d{1,12})[ \t]*\r?$")
_BOM = b"\xef\xbb\xbf"
_MAX_HEADERS = 256 * 1024
_MBOXRD_QUOTED = re.compile(rb"^>+From ")
_MBOXRD_TO_QUOTE = re.compile(rb"^(>*From )", re.MULTILINE)
_MONTHS = {m: i for i, m in enumerate(
    (b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"), start=1)}
_ENVELOPE_DATE = re.compile(
    rb"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+"
    rb"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s+"
    rb"(?:(?P<zone1>[+-]\d{4}|UTC|GMT)\s+)?(?P<year>\d{4})(?:\s+(?P<zone2>[+-]\d{4}|UTC|GMT))?\s*$"
)


class NotAnMboxError(BadItemError):
    """The stream does not start with an mbox separator line (``From ``): it is not an mbox."""

    code = "not_mbox"


@dataclass(frozen=True)
class MboxMessage:
    """One message of an mbox, as found in the stream.

    ``offset`` is the byte position of its separator line; ``length`` the number of bytes from there to
    the next separator (or the end), so ``seek(offset)`` + ``read(length)`` gives the message back as
    stored. ``raw`` is the message without its separator line, un-quoted; it is ``b""`` when
    ``too_large``. ``size`` is the length ``raw`` has (or would have had): exact in both cases.
    ``from_line_date`` is the separator's date (aware, UTC when the line gave no zone) or None.
    """

    offset: int
    raw: bytes
    from_line_date: datetime | None
    too_large: bool
    size: int
    length: int


def parse_from_line_date(line: bytes) -> datetime | None:
    """Return the date of a separator line, aware, or None when it has none that can be read.

    Reads the asctime form (``Mon Jan  1 00:00:00 2024``, UTC per RFC 4155) and Google's form with a
    numeric offset before (or after) the year. Never raises.
    """
    found = _ENVELOPE_DATE.search(line.rstrip(b"\r\n"))
    if found is None:
        return None
    month = _MONTHS.get(found["mon"].lower())
    zone = found["zone1"] or found["zone2"]
    if month is None:
        return None
    tz = UTC
    if zone and zone[:1] in b"+-":
        minutes = int(zone[1:3]) * 60 + int(zone[3:5])
        tz = timezone(timedelta(minutes=minutes if zone[:1] == b"+" else -minutes))
    try:
        return datetime(int(found["year"]), month, int(found["day"]), int(found["h"]), int(found["m"]),
                        int(found["s"] or 0), tzinfo=tz)
    except ValueError:
        return None


def unquote_line(line: bytes, quoting: Quoting = "mboxrd") -> bytes:
    """Return a body line with its mbox quoting removed according to ``quoting``. Never raises."""
    if quoting == "mboxrd" and _MBOXRD_QUOTED.match(line):
        return line[1:]
    if quoting == "mboxo" and line.startswith(b">From "):
        return line[1:]
    return line


_BLANK_LINES = frozenset({b"\n", b"\r\n"})


def _is_blank(line: bytes) -> bool:
    return line in _BLANK_LINES


class _Message:
    """The message being read: its bytes until they pass ``max_bytes``, then only their count."""

    def __init__(self, offset: int, from_line: bytes, max_bytes: int) -> None:
        self.offset = offset
        self.date = parse_from_line_date(from_line)
        self.max_bytes = max_bytes
        self.parts: list[bytes] = []
        self.size = 0
        self.too_large = False

    def add(self, data: bytes) -> None:
        self.size += len(data)
        if self.too_large:
            return
        if self.size > self.max_bytes:
            self.too_large = True
            self.parts = []
            return
        self.parts.append(data)

    def finish(self, end: int) -> MboxMessage:
        raw = b"" if self.too_large else b"".join(self.parts)
        self.parts = []
        if self.too_large:
            log.info("mbox message at offset %d is %d bytes: over the limit, skipped", self.offset, self.size)
        return MboxMessage(offset=self.offset, raw=raw, from_line_date=self.date, too_large=self.too_large,
                           size=self.size, length=end - self.offset)


class _Lines:
    """The stream's lines as ``(position, bytes)`` pieces of at most ``LINE_CHUNK``, with lines that
    were read ahead (to check a ``Content-Length``) given back first."""

    def __init__(self, stream: BinaryIO, position: int) -> None:
        self.stream = stream
        self.position = position
        self.back: list[tuple[int, bytes]] = []

    def next(self) -> tuple[int, bytes]:
        if self.back:
            return self.back.pop()
        chunk = self.stream.readline(LINE_CHUNK)
        start = self.position
        self.position += len(chunk)
        return start, chunk

    def give_back(self, pieces: list[tuple[int, bytes]]) -> None:
        self.back.extend(reversed(pieces))


def _content_length(headers: bytes) -> int | None:
    found = _CONTENT_LENGTH.search(headers)
    return int(found.group(1)) if found else None


def _length_holds(lines: _Lines, body_end: int, max_bytes: int) -> tuple[bool, list[tuple[int, bytes]]]:
    """Read ahead to ``body_end``: does the body really end there (the file's end, or a ``From `` line,
    after at most one empty line)? Returns the answer and the pieces read, to give back."""
    read: list[tuple[int, bytes]] = []
    while True:
        start, chunk = lines.next()
        read.append((start, chunk))
        if not chunk or start >= body_end or start - read[0][0] > max_bytes:
            break
    start, chunk = read[-1]
    if start != body_end:
        return False, read
    if _is_blank(chunk):
        more = lines.next()
        read.append(more)
        chunk = more[1]
    return (not chunk or chunk.startswith(b"From ")), read


def iter_mbox(stream: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES,
              quoting: Quoting = "mboxrd") -> Iterator[MboxMessage]:
    """Yield the messages of an mbox read from ``stream``, in order, one at a time.

    A message starts at a separator line: ``From `` with a dated envelope anywhere, or, after an
    empty line, ``From `` and one word with nothing after it (Thunderbird's ``From - ``, an address
    alone). A ``Content-Length`` header is honoured when the body really ends where it says (the
    file's end or a ``From `` line follows): separator-looking lines inside that body stay body.
    A UTF-8 byte-order mark before the first separator is skipped (offsets still count it).

    Promises: memory stays bounded by one message of at most ``max_bytes`` plus ``LINE_CHUNK``; a
    message larger than ``max_bytes`` is yielded with ``too_large=True`` and ``raw=b""``, its bytes
    read and dropped. The stream is read forward only (no ``seek``/``tell``, so archive members
    work); offsets count bytes from where the stream stood when iteration began. An empty stream
    yields nothing. Give it a buffered stream: it reads line by line.

    Raises ``NotAnMboxError`` when the first line is not a ``From `` separator line; errors of the
    stream itself (``OSError``) pass through.
    """
    first = stream.readline(LINE_CHUNK)
    if not first:
        return
    skipped = len(_BOM) if first.startswith(_BOM) else 0
    if not first[skipped:].startswith(b"From "):
        raise NotAnMboxError("the file does not start with a 'From ' line: it is not an mbox file")
    lines = _Lines(stream, len(first))
    in_separator = not first.endswith(b"\n")  # the rest of an over-long separator line is skipped
    current = _Message(skipped, first[skipped:], max_bytes)
    pending_blank: bytes | None = None
    at_line_start = not in_separator
    after_blank = False
    # the headers of the current message until their end, then where its Content-Length says it ends
    headers: bytearray | None = bytearray()
    body_end: int | None = None
    trusted_until = -1
    readline, back = stream.readline, lines.back
    while True:
        if back:
            chunk_start, chunk = back.pop()
        else:  # the common case, inlined: this loop runs once per line of the mailbox
            chunk = readline(LINE_CHUNK)
            chunk_start = lines.position
            lines.position += len(chunk)
        if not chunk:
            break
        if in_separator:
            in_separator = not chunk.endswith(b"\n")
            at_line_start = not in_separator
            continue
        if (at_line_start and chunk.startswith(b"From ") and chunk_start >= trusted_until
                and (_SEPARATOR.match(chunk) or (after_blank and _BARE_SEPARATOR.match(chunk)))):
            holds = False
            # a body said to end further than a message may be long is not read ahead (memory stays bounded)
            if body_end is not None and chunk_start < body_end and body_end - chunk_start <= max_bytes:
                holds, read = _length_holds(lines, body_end, max_bytes)
                lines.give_back([(chunk_start, chunk), *read])
                chunk_start, chunk = lines.next()
                if holds:
                    trusted_until = body_end
            if not holds:
                yield current.finish(chunk_start)
                current = _Message(chunk_start, chunk, max_bytes)
                pending_blank, headers, body_end, after_blank = None, bytearray(), None, False
                in_separator = not chunk.endswith(b"\n")
                at_line_start = not in_separator
                continue
        blank = at_line_start and chunk in _BLANK_LINES
        if headers is not None:
            if blank:
                length = _content_length(bytes(headers))
                body_end = chunk_start + len(chunk) + length if length is not None else None
                headers = None
            elif len(headers) < _MAX_HEADERS:
                headers += chunk
        if pending_blank is not None:
            current.add(pending_blank)
            pending_blank = None
        after_blank = blank
        if blank:
            pending_blank = chunk
        else:
            current.add(unquote_line(chunk, quoting) if at_line_start and chunk[:1] == b">" else chunk)
        at_line_start = chunk.endswith(b"\n")
    yield current.finish(lines.position)


def mboxrd_entry(raw: bytes, when: datetime | None, sender: str = "MAILER-DAEMON") -> bytes:
    """One message as an mboxrd file holds it (RFC 4155 Appendix A, mbox(5) "mboxrd"): the
    separator ``From <sender> <asctime in UTC>``, the message with one ``>`` added to every line
    matching ``^>*From ``, then the empty line readers drop. Nothing else of the message changes
    (its line endings, LF or CRLF, are kept); a message that does not end with a line break gets one,
    as an mbox cannot hold it otherwise. ``iter_mbox`` gives back exactly ``raw`` (plus that line break).
    """
    stamp = (when or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC)
    head = f"From {sender} {stamp:%a %b} {stamp.day:2d} {stamp:%H:%M:%S %Y}\n".encode("ascii")
    body = _MBOXRD_TO_QUOTE.sub(rb">\1", raw)
    return head + body + (b"\n" if body.endswith(b"\n") else b"\n\n")
