"""Mail header fields as the mail code reads them: parsed fast, decoded leniently, and the names and
identities derived from them.

Pure functions, no I/O: shared by the mail sources (mbox files, an IMAP account) and the mail targets
(the hoster's mailbox, its index of what is already there), hence in ``convert/`` rather than on either
side (issue 14). Identity: a message is known by its Message-ID and Date header, or by its SHA-256 when
it has no Message-ID (``identity``); the same rule on both sides is what lets a target recognise a
message a source listed.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import suppress
from datetime import UTC, datetime, timedelta, timezone
from email.header import decode_header
from email.utils import parsedate_to_datetime
from functools import lru_cache

from degoogle.convert.mail import ARCHIVE, DRAFTS, INBOX, JUNK, SENT, TRASH

__all__ = [
    "ANSWERED",
    "MessageHeaders",
    "date_header",
    "display_text",
    "identity",
    "message_name",
    "parse_headers",
    "role_of_name",
]

#: the IMAP system flag of an answered message (RFC 3501 §2.3.2); convert.mail has the others
ANSWERED = "\\Answered"
_MAX_HEADER_BYTES = 256 * 1024

# Folder names of local mail programs (Thunderbird, Evolution, mutt…) in English and French, folded.
_ROLE_NAMES = {
    "inbox": INBOX, "boîte de réception": INBOX, "courrier entrant": INBOX,
    "sent": SENT, "sent mail": SENT, "sent messages": SENT, "sent items": SENT, "envoyés": SENT,
    "messages envoyés": SENT, "éléments envoyés": SENT,
    "drafts": DRAFTS, "brouillons": DRAFTS,
    "trash": TRASH, "deleted messages": TRASH, "deleted items": TRASH, "corbeille": TRASH,
    "junk": JUNK, "spam": JUNK, "indésirables": JUNK, "courrier indésirable": JUNK, "pourriel": JUNK,
    "archive": ARCHIVE, "archives": ARCHIVE,
}
_BLANKS = re.compile(r"\s+")
_ANGLE_ID = re.compile(r"<[^<>]+>")
_STRAY_BYTE = re.compile("[\udc80-\udcff]")
#: RFC 5322 §3.3's usual spelling, "Thu, 3 Dec 2026 14:05:00 +0100" (then anything: a "(CET)" comment),
#: read without ``email.utils``: what it parses the same way, to the same instant
_USUAL_DATE = re.compile(r"(?:[A-Za-z]{3}, )?(\d{1,2}) ([A-Za-z]{3}) ([1-9]\d{3}) (\d\d):(\d\d)(?::(\d\d))? "
                         r"([+-]\d{4})(?: .*)?")
_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}


def _fold(name: str) -> str:
    return " ".join(name.replace("\xa0", " ").split()).casefold()


class MessageHeaders:
    """The header fields of one message, by lower-case name, values as written (folded lines kept
    with their line break). Far cheaper than ``email.parser`` for the few fields read here, and
    lenient the same way: a line that is no field is ignored."""

    def __init__(self, fields: dict[str, list[bytes]]) -> None:
        self._fields = fields

    def get(self, name: str, default: str | None = None) -> str | None:
        """The first field of that name as text (UTF-8, else Latin-1; encoded-words left as they are)."""
        values = self._fields.get(name.lower())
        return _decode(values[0], None) if values else default

    def message_id(self) -> str | None:
        """The Message-ID's ``<…>`` part (blanks and folding removed), the whole value when it has
        none, or None when absent or empty."""
        value = self.get("Message-ID")
        if value is None:
            return None
        text = "".join(value.split())
        found = _ANGLE_ID.search(text)
        return found.group(0) if found else (text or None)


def parse_headers(raw: bytes) -> MessageHeaders:
    """The header block of a message (up to its first empty line, at most 256 KiB); never raises."""
    ends = [i for i in (raw.find(b"\n\n"), raw.find(b"\r\n\r\n")) if i >= 0]
    block = raw[: min([*ends, _MAX_HEADER_BYTES])]
    fields: dict[str, list[bytes]] = {}
    current: list[bytes] | None = None
    for line in block.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if current is not None:
                current[-1] += b"\n" + line.rstrip(b"\r")
            continue
        name, colon, value = line.partition(b":")
        if not colon or not name or b" " in name.strip():
            current = None
            continue
        current = fields.setdefault(name.strip().decode("latin-1").lower(), [])
        current.append(value.strip())
    return MessageHeaders(fields)


def _decode(data: bytes, charset: str | None) -> str:
    if charset not in (None, "unknown-8bit"):
        try:
            return data.decode(str(charset), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 where it is UTF-8, each other byte as Latin-1 (headers mixing both exist)
        return _STRAY_BYTE.sub(lambda m: chr(ord(m.group()) - 0xDC00), data.decode("utf-8", "surrogateescape"))


def display_text(value: str | None) -> str:
    """A header value as readable text: encoded-words decoded, blanks collapsed."""
    text = value or ""
    if "=?" in text:
        with suppress(LookupError, ValueError):
            text = "".join(p if isinstance(p, str) else _decode(p, c) for p, c in decode_header(text))
    return _BLANKS.sub(" ", text).strip()


def date_header(headers: MessageHeaders) -> str:
    """The ``Date:`` header as UTC ISO text when it parses, else as written (blanks collapsed), else ""."""
    value = headers.get("Date")
    if value is None:
        return ""
    text = _BLANKS.sub(" ", value).strip()
    usual = _USUAL_DATE.fullmatch(text)
    if usual is not None and (month := _MONTHS.get(usual[2].lower())) is not None:
        # a fifth of a mail listing went to parsedate_to_datetime: most Date fields take this path
        with suppress(ValueError):  # 31 Feb, 25:00, +2400: email.utils says what becomes of those
            day, year, hh, mm = int(usual[1]), int(usual[3]), int(usual[4]), int(usual[5])
            moment = datetime(year, month, day, hh, mm, int(usual[6] or 0), tzinfo=_zone(usual[7]))
            return moment.astimezone(UTC).isoformat()
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return text
    # RFC 5322 §3.3: "-0000" (parsed as naive) is UTC with no local zone known
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


@lru_cache(maxsize=64)
def _zone(offset: str) -> timezone:
    """``+0200`` → its time zone, made once per offset (a mailbox holds few); ``-0000`` is UTC."""
    delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
    return timezone(-delta if offset[0] == "-" else delta)


def identity(mid: str | None, date: str, sha256: str) -> str:
    """What names a message in a listing: its Message-ID and Date, or its content when it has no Message-ID."""
    text = f"mid\n{mid}\n{date}" if mid else f"sha256\n{sha256}"
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:24]


def message_name(subject: str, ident: str) -> str:
    """A name for the message, unique in its folder and with no ``/``: its subject and a short hash."""
    printable = subject if subject.isprintable() else "".join(c for c in subject if c.isprintable())
    cleaned = printable.replace("/", "-").strip()[:80]
    return f"{cleaned} [{ident[:8]}]" if cleaned else f"[{ident[:8]}]"


def role_of_name(name: str) -> str | None:
    """The role a folder's name says in English or French (``Sent``, ``Envoyés``…), or None."""
    return _ROLE_NAMES.get(_fold(name))
