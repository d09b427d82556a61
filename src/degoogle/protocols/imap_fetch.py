"""A FETCH response read fast: what the listing asks of each message, parsed from imaplib's raw data.

imapclient parses a FETCH response token by token in Python; for a listing of 20,000 messages that
was more than half of ``degoogle plan`` (profiled: 26 s of 48 under cProfile). imaplib already splits
the response into lines and literals; this module tokenises each line with one regular expression
(RFC 3501 §9: atoms, quoted strings, parenthesised lists, ``{n}`` literals, and the ``BODY[…]``
section spec, which holds spaces and parentheses) and gives back the same shape imapclient does —
``{uid: {b"FLAGS": (b"\\Seen", …), b"INTERNALDATE": datetime, b"RFC822.SIZE": int, …}}`` — so the
listing's code does not change. Dates are aware (the offset the server gave), like imapclient's with
``normalise_times = False``, which is how our sessions are opened.

It sits beside the IMAP client (``protocols.imap``) as part of speaking IMAP: the source's listing
(``sources.imap_listing``) and its reading of bodies (``sources.imap_reading``) use it, and a target
may too.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

# one token per match; ``findall`` runs the whole line in C and gives each match's groups, exactly
# one of them not empty (a quoted string keeps its quotes, so that "" is told from no match)
_TOKEN = re.compile(
    rb"""\s*(?:
        (?P<open>\()
      | (?P<close>\))
      | (?P<quoted>"(?:[^"\\]|\\.)*")
      | \{(?P<literal>\d+)\+?\}$
      | (?P<section>BODY(?:\.PEEK)?\[[^\]]*\](?:<\d+>)?)
      | (?P<atom>[^\s()"{]+)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_UNQUOTE = re.compile(rb"\\(.)")
_MONTHS = {m: n for n, m in enumerate((b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep",
                                       b"oct", b"nov", b"dec"), start=1)}
_DATE = re.compile(rb"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-]\d\d\d\d)")
#: the parentheses as tokens (a literal's bytes are a ``(b"L", data)`` token, never one of these)
_OPEN = (b"(",)
_CLOSE = (b")",)


def fetch_listing(client: IMAPClient, uids: list[int], items: list[bytes]) -> dict[int, dict[bytes, Any]]:
    """``UID FETCH uids (items)`` through imaplib under ``client``: UID → {item name: value}.
    ``IMAPClientError`` when the server refuses the command."""
    spec = b",".join(str(u).encode() for u in uids).decode()
    typ, data = client._imap.uid("FETCH", spec, "(" + " ".join(i.decode() for i in items) + ")")  # noqa: SLF001
    if typ != "OK":
        raise imap_errors.IMAPClientError(f"FETCH failed: {data[0]!r}"[:300])
    return parse_fetch(data)


def parse_fetch(data: list[Any]) -> dict[int, dict[bytes, Any]]:
    """imaplib's FETCH data (lines as bytes, ``(line, literal)`` pairs) → UID → items. A response
    without UID (an unsolicited flag update) is left out."""
    found: dict[int, dict[bytes, Any]] = {}
    tokens = _tokens(data)
    end = len(tokens)
    pos = 0
    while pos < end:
        # "<seq> (" … ")" per message; the sequence number is the first atom of each response
        token = tokens[pos]
        pos += 1
        if not isinstance(token, bytes) or pos >= end or tokens[pos] != _OPEN:
            continue
        values, pos = _list(tokens, pos + 1)
        attrs: dict[bytes, Any] = {}
        for name, value in zip(values[::2], values[1::2], strict=False):
            if isinstance(name, bytes):
                key = name.upper()
                attrs[_section(key) if key.startswith(b"BODY") else key] = _value(key, value)
        uid = attrs.get(b"UID")
        if isinstance(uid, int):
            found[uid] = attrs
    return found


def _tokens(data: list[Any]) -> list[Any]:
    """Atoms and quoted strings as bytes, ``_OPEN`` and ``_CLOSE`` for parentheses, a literal's
    bytes as ``(b"L", data)``. A byte no rule knows is skipped."""
    out: list[Any] = []
    add = out.append
    for part in data:
        if isinstance(part, tuple) and len(part) == 2:
            line, literal = part
        elif isinstance(part, bytes):
            line, literal = part, None
        else:
            continue
        for opening, closing, quoted, size, section, atom in _TOKEN.findall(line):
            if atom:
                add(atom)
            elif opening:
                add(_OPEN)
            elif closing:
                add(_CLOSE)
            elif quoted:
                body = quoted[1:-1]
                add(_UNQUOTE.sub(rb"\1", body) if b"\\" in body else body)
            elif size:
                add((b"L", literal if literal is not None else b""))
            elif section:
                add(section)
    return out


def _list(tokens: list[Any], pos: int) -> tuple[list[Any], int]:
    """The items from ``pos`` up to the closing parenthesis (nested lists as tuples), and the
    position after it."""
    items: list[Any] = []
    end = len(tokens)
    while pos < end:
        token = tokens[pos]
        pos += 1
        if token == _CLOSE:
            return items, pos
        if token == _OPEN:
            inner, pos = _list(tokens, pos)
            items.append(tuple(inner))
        elif isinstance(token, tuple):
            items.append(token[1])
        else:
            items.append(token)
    return items, pos


def _section(key: bytes) -> bytes:
    # the server answers BODY[HEADER.FIELDS ("MESSAGE-ID" …)] in its own spelling; the listing looks
    # for a key starting with BODY[HEADER.FIELDS, as with imapclient
    return key.replace(b".PEEK", b"")


def _value(key: bytes, value: Any) -> Any:
    if value == b"NIL":
        return None
    if key in (b"UID", b"RFC822.SIZE", b"X-GM-MSGID", b"X-GM-THRID", b"MODSEQ") and isinstance(value, bytes):
        return int(value) if value.isdigit() else value
    if key == b"INTERNALDATE" and isinstance(value, bytes):
        return internal_date(value)
    if key == b"MODSEQ" and isinstance(value, tuple) and value:
        return int(value[0])
    return value


def internal_date(value: bytes) -> datetime | None:
    """RFC 3501 ``date-time`` (``"17-Jul-1996 02:44:25 -0700"``) as an aware datetime; None when
    the server wrote something else."""
    m = _DATE.match(value)
    if m is None:
        return None
    day, month, year, hh, mm, ss, offset = m.groups()
    try:
        return datetime(int(year), _MONTHS[month.lower()], int(day), int(hh), int(mm), int(ss), tzinfo=_zone(offset))
    except (KeyError, ValueError):
        return None


@lru_cache(maxsize=64)
def _zone(offset: bytes) -> timezone:
    """``+0200`` → its time zone, made once per offset (a mailbox holds few)."""
    delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
    return UTC if not delta else timezone(-delta if offset[:1] == b"-" else delta)
