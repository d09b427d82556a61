"""Whether an item read back from a CalDAV/CardDAV server is the one degoogle wrote, up to the
server's re-serialisation (line folding, property and parameter order, case of names, the properties
a server rewrites on its own)."""

from __future__ import annotations

from vobject.base import ParseError, parseLine

from degoogle.convert.ical import unfold

__all__ = ["VOLATILE", "same_item"]

#: properties a server rewrites on its own; they say nothing about the event or contact itself
VOLATILE = {"PRODID", "DTSTAMP", "REV"}


def _canonical(text: str) -> tuple[object, ...]:
    """An order- and folding-independent form of a VCALENDAR/VCARD: components as sorted property sets.

    Lines are unfolded, names and parameter names upper-cased, parameter values sorted, and the
    VOLATILE properties dropped, so a server's re-serialisation compares equal to what we sent.
    """
    stack: list[tuple[str, list[object]]] = [("", [])]
    for number, line in unfold(text):
        try:
            name, params, value, group = parseLine(line, number)
        except ParseError:
            stack[-1][1].append(("?", line))
            continue
        name = name.upper()
        if name == "BEGIN":
            stack.append((value.upper(), []))
        elif name == "END" and len(stack) > 1:
            kind, members = stack.pop()
            stack[-1][1].append((kind, tuple(sorted(map(repr, members)))))
        elif name not in VOLATILE:
            norm = tuple(sorted((p[0].upper(), tuple(sorted(v.strip('"') for v in p[1:]))) for p in params))
            stack[-1][1].append((name, norm, value))
    return tuple(sorted(map(repr, stack[0][1])))


def _uid(text: str) -> str | None:
    for _number, line in unfold(text):
        head, _, value = line.partition(":")
        if head.split(";", 1)[0].split(".")[-1].upper() == "UID":
            return value.strip()
    return None


def same_item(ours: str, theirs: str, uid: str) -> bool:
    """True when ``theirs`` (read from the server) is ``ours`` with the same ``uid``, up to re-serialisation."""
    return _uid(theirs) == uid and _canonical(ours) == _canonical(theirs)
