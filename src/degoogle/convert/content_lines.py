"""Content lines (RFC 5545 §3.1, RFC 6350 §3.2): the text layer iCalendar and vCard share.

Terminology: a *logical line* is one content line with its folding undone (``unfold``), numbered by
the physical line it starts on; a *block* is one top-level component (``BEGIN:VEVENT`` …
``END:VEVENT``, ``BEGIN:VCARD`` … ``END:VCARD``) cut out of a file by ``find_blocks``, which reads
past damage: a broken BEGIN/END costs its own block, never the ones after it.

vobject's lexer (``vobject.base.parseLine``) reads each logical line; values are kept as written.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from vobject.base import parseLine

_SAFE_UID = re.compile(r"[A-Za-z0-9@._-]{1,200}")
_PARAM_NEEDS_QUOTES = re.compile(r"[:;,]")
#: the first letters of BEGIN and END: ``find_blocks`` looks closer only at lines starting so
_BEGIN_OR_END = frozenset("BbEe")


@dataclass(slots=True)  # a big address book holds hundreds of thousands of them while it is listed
class ContentLine:
    """One unfolded content line: ``group.NAME;PARAM=v:value``, with the source line it starts on."""

    name: str
    params: list[list[str]]
    value: str
    lineno: int
    group: str | None = None

    def param(self, key: str) -> list[str]:
        """Return every value of parameter ``key`` (case-insensitive), ``[]`` when absent."""
        values: list[str] = []
        for entry in self.params:
            if entry[0].upper() == key.upper():
                values.extend(entry[1:])
        return values

    def set_param(self, key: str, values: list[str]) -> None:
        """Replace parameter ``key`` by ``values`` (removed when ``values`` is empty)."""
        self.params = [p for p in self.params if p[0].upper() != key.upper()]
        if values:
            self.params.append([key, *values])

    def serialize(self) -> str:
        """Return the folded line (RFC 5545 §3.1, RFC 6350 §3.2), CRLF-terminated."""
        head = f"{self.group}.{self.name}" if self.group else self.name
        for entry in self.params:
            if len(entry) == 1:
                head += f";{entry[0]}"
                continue
            quoted = [f'"{v}"' if _PARAM_NEEDS_QUOTES.search(v) else v for v in entry[1:]]
            head += f";{entry[0]}=" + ",".join(quoted)
        return fold(f"{head}:{self.value}")


@dataclass
class Block:
    """The lines of one top-level component, or why its structure is broken."""

    name: str
    lineno: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None


def fold(line: str, limit: int = 75) -> str:
    """Fold ``line`` into pieces of at most ``limit`` octets, never inside a UTF-8 sequence."""
    if len(line.encode("utf-8")) <= limit:  # most lines: nothing to fold, no walk through the characters
        return line + "\r\n"
    out: list[str] = []
    piece, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(piece)
            piece, size = " ", 1
        piece += char
        size += width
    out.append(piece)
    return "\r\n".join(out) + "\r\n"


def unfold(text: str, quoted_printable: bool = False) -> list[tuple[int, str]]:
    """Return the logical lines of ``text`` with the 1-based physical line each starts on.

    With ``quoted_printable`` a line of a QUOTED-PRINTABLE property ending in ``=`` continues on the
    next physical line (vCard 2.1 §2.1.3 soft line breaks). Blank lines are skipped.
    """
    return list(iter_unfold(text, quoted_printable))


def iter_unfold(text: str, quoted_printable: bool = False) -> Iterator[tuple[int, str]]:
    """``unfold``, one logical line at a time: a big file is never held as a list of its lines."""
    last: tuple[int, str] | None = None
    soft_break = False
    # universal newlines: "\r\n", "\r" and "\n" all end a line, as a split on each would
    for number, raw in enumerate(io.StringIO(text, newline=None), start=1):
        raw = raw.removesuffix("\n")
        if soft_break and last is not None:
            last = (last[0], last[1][:-1] + raw)
        elif raw[:1] in (" ", "\t") and last is not None:
            last = (last[0], last[1] + raw[1:])
        elif raw.strip():
            if last is not None:
                yield last
            last = (number, raw)
        else:
            continue
        if quoted_printable:
            current = last[1]
            soft_break = "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper() and current.endswith("=")
    if last is not None:
        yield last


def find_blocks(lines: Iterable[tuple[int, str]], names: set[str]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Cut logical lines into top-level blocks named in ``names``; return them and the lines outside
    (``iter_blocks``, all at once)."""
    outside: list[tuple[int, str]] = []
    return list(iter_blocks(lines, names, outside)), outside


def iter_blocks(lines: Iterable[tuple[int, str]], names: set[str], outside: list[tuple[int, str]]) -> Iterator[Block]:
    """Cut logical lines into top-level blocks named in ``names``, yielded as each ends; the lines
    outside every block are appended to ``outside``.

    Resynchronises after damage: top-level components never nest (RFC 5545 §3.6, RFC 6350 §3.3), so a
    ``BEGIN`` of a name in ``names`` met inside a block, at any depth, ends that block as broken and
    starts the next one; an ``END`` of the block's own name closes it, broken when something nested in
    it was left open. Only the damaged block is lost, never the ones after it.
    Never raises: a block whose BEGIN/END do not match carries the reason in ``Block.error``.
    """
    current: Block | None = None
    nested: list[tuple[str, int]] = []
    for number, text in lines:
        if current is not None and text.lstrip()[:1] not in _BEGIN_OR_END:
            current.lines.append((number, text))  # most lines: no BEGIN or END to look at
            continue
        upper = text.strip().upper()
        kind = upper.split(":", 1)[1].strip() if ":" in upper else ""
        if upper.startswith("BEGIN:") and kind in names and current is not None:
            if current.error is None:
                current.error = (f"BEGIN:{kind} at line {number} before END:{current.name}" if not nested else
                                 f"BEGIN:{nested[-1][0]} at line {nested[-1][1]} has no END:{nested[-1][0]}")
            yield current
            current = None
        if current is None:
            if upper.startswith("BEGIN:") and kind in names:
                current = Block(kind, number, [(number, text)])
                nested = []
            else:
                outside.append((number, text))
            continue
        current.lines.append((number, text))
        if upper.startswith("BEGIN:"):
            nested.append((kind, number))
        elif upper.startswith("END:"):
            if nested and nested[-1][0] == kind:
                nested.pop()
            elif kind == current.name:
                if nested and current.error is None:
                    current.error = f"BEGIN:{nested[-1][0]} at line {nested[-1][1]} has no END:{nested[-1][0]}"
                yield current
                current = None
            elif current.error is None:
                expected = nested[-1][0] if nested else current.name
                current.error = f"END:{kind} at line {number} does not close BEGIN:{expected}"
    if current is not None:
        current.error = current.error or f"no END:{current.name} before the end of the file"
        yield current


def parse_lines(lines: list[tuple[int, str]]) -> list[ContentLine]:
    """Lex logical lines with vobject. Raises ``vobject.base.ParseError`` (with ``lineNumber``)."""
    parsed = []
    for number, text in lines:
        name, params, value, group = parseLine(text, number)
        # interned: a big address book or calendar holds the same few names hundreds of thousands of times
        parsed.append(ContentLine(sys.intern(name.upper()), [list(p) for p in params], value, number, group))
    return parsed


def unescape_text(value: str) -> str:
    """Decode a TEXT value (RFC 5545 §3.3.11): ``\\n``, ``\\,``, ``\\;``, ``\\\\``."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def safe_stem(uid: str) -> str:
    """Return ``uid`` when made only of ``A-Z a-z 0-9 @ . _ -`` (max 200, no leading dot), else its SHA-1."""
    if _SAFE_UID.fullmatch(uid) and not uid.startswith("."):
        return uid
    return hashlib.sha1(uid.encode("utf-8")).hexdigest()


def escape_text(value: str, chars: str = ",;") -> str:
    """Escape the raw ``chars`` (``,`` and ``;``) of a TEXT value; what is already escaped stays as it is."""
    out: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char in chars:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)
