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
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

_TOKEN = re.compile(
    rb"""\s*(?:
        (?P<open>\()
      | (?P<close>\))
      | "(?P<quoted>(?:[^"\\]|\\.)*)"
      | \{(?P<literal>\d+)\+?\}$
      | (?P<section>BODY(?:\.PEEK)?\[[^\]]*\](?:<\d+>)?)
      | (?P<atom>[^\s()"{]+)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_UNQUOTE = re.compile(rb"\\(.)")
_MONTHS = {m: n for n, m in enumerate((b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep",
                                       b"oct", b"nov", b"dec"), start=1)}
_DATE = re.compile(rb"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)")


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
    for token in tokens:
        # "<seq> (" … ")" per message; the sequence number is the first atom of each response
        if not isinstance(token, bytes):
            continue
        opening = next(tokens, None)
        if opening != (b"(",):
            continue
        values = _list(tokens)
        attrs: dict[bytes, Any] = {}
        for name, value in zip(values[::2], values[1::2], strict=False):
            if isinstance(name, bytes):
                attrs[name.upper() if not name.upper().startswith(b"BODY") else _section(name)] = _value(name, value)
        uid = attrs.get(b"UID")
        if isinstance(uid, int):
            found[uid] = attrs
    return found


def _tokens(data: list[Any]) -> Iterator[Any]:
    """Atoms and quoted strings as bytes, ``("(",)`` and ``(")",)`` for parentheses, a literal's
    bytes as ``(b"L", data)``."""
    for part in data:
        if isinstance(part, tuple) and len(part) == 2:
            line, literal = part
            yield from _line_tokens(line, literal)
        elif isinstance(part, bytes):
            yield from _line_tokens(part, None)


def _line_tokens(line: bytes, literal: bytes | None) -> Iterator[Any]:
    pos = 0
    end = len(line)
    while pos < end:
        match = _TOKEN.match(line, pos)
        if match is None:
            if line[pos:].strip():
                pos += 1  # a byte no rule knows: skip it rather than loop
                continue
            break
        pos = match.end()
        kind = match.lastgroup
        if kind == "open":
            yield (b"(",)
        elif kind == "close":
            yield (b")",)
        elif kind == "quoted":
            yield _UNQUOTE.sub(rb"\1", match.group("quoted"))
        elif kind == "literal":
            yield (b"L", literal if literal is not None else b"")
        elif kind == "section":
            yield match.group("section")
        elif kind == "atom":
            yield match.group("atom")


def _list(tokens: Iterator[Any]) -> list[Any]:
    """The items up to the closing parenthesis, nested lists as tuples."""
    items: list[Any] = []
    for token in tokens:
        if token == (b")",):
            return items
        if token == (b"(",):
            items.append(tuple(_list(tokens)))
        elif isinstance(token, tuple) and token[0] == b"L":
            items.append(token[1])
        else:
            items.append(token)
    return items


def _section(name: bytes) -> bytes:
    # the server answers BODY[HEADER.FIELDS ("MESSAGE-ID" …)] in its own spelling; the listing looks
    # for a key starting with BODY[HEADER.FIELDS, as with imapclient
    return name.upper().replace(b".PEEK", b"")


def _value(name: bytes, value: Any) -> Any:
    key = name.upper()
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
    day, month, year, hh, mm, ss, sign, oh, om = m.groups()
    offset = timedelta(hours=int(oh), minutes=int(om))
    zone = UTC if not offset else timezone(-offset if sign == b"-" else offset)
    try:
        return datetime(int(year), _MONTHS[month.lower()], int(day), int(hh), int(mm), int(ss), tzinfo=zone)
    except (KeyError, ValueError):
        return None
