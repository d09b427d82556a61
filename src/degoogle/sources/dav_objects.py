"""What the stored objects of one DAV collection hold, object by object, ready to list or to open.

Terminology: a *stored object* is what one href of the collection holds (usually one event series or
one card, sometimes several); an *object* is one resource degoogle writes (one UID, ``convert.ical`` /
``convert.vcard``).

A calendar object depends only on its stored object. A contact may not: Apple's address books keep
groups as cards of their own, folded here into their members' CATEGORIES (``convert.vcard.fold_groups``)
over the whole address book, so a member reads the same whether the book is listed or opened. The
group cards stay in the list, left out with ``contact_group_folded``, so the report says where they went.
"""

from __future__ import annotations

from dataclasses import dataclass

from degoogle.convert.ical import split_calendar
from degoogle.convert.vcard import CONTACT_GROUP_FOLDED, Card, fold_groups, is_group, split_vcards
from degoogle.model import Kind


@dataclass(frozen=True)
class DavObject:
    """One object: its ``uid``, ``text`` to write (or the source text of a part that does not parse),
    ``title``; ``bad`` is ``(problem, line, reason)`` for a part that does not parse; ``left_out`` a
    reason code for an object listed but not moved, ``detail`` saying more about it."""

    uid: str
    text: str
    title: str
    bad: tuple[str, int, str] | None = None
    left_out: str | None = None
    detail: str = ""


def collection_objects(kind: Kind, stored: dict[str, str]) -> dict[str, list[DavObject]]:
    """The objects of each stored object (href → text) of one collection, hrefs in the order given.
    For contacts, ``stored`` must be the whole address book (groups name members anywhere in it).
    Never raises: what does not parse is an object with ``bad``."""
    if kind == Kind.CALENDAR:
        return {href: _calendar_objects(text) for href, text in stored.items()}
    found: dict[str, list[DavObject]] = {}
    cards: list[tuple[str, Card]] = []
    for href, text in stored.items():
        split = split_vcards(text)
        cards += [(href, card) for card in split.cards]
        found[href] = [DavObject("", bad.text, "contact", ("malformed_contact", bad.line, bad.reason))
                       for bad in split.bad]
    fold = fold_groups([card for _href, card in cards])
    contacts, groups = iter(fold.contacts), iter(fold.groups)
    objects: dict[str, list[DavObject]] = {href: [] for href in stored}
    for href, card in cards:
        if is_group(card):
            group, members = next(groups)
            objects[href].append(DavObject(group.uid, group.text, group.fn, left_out=CONTACT_GROUP_FOLDED,
                                           detail=f"group of {members} contact(s) of this address book, "
                                                  "moved as their category"))
        else:
            contact = next(contacts)
            objects[href].append(DavObject(contact.uid, contact.text, contact.fn))
    return {href: objects[href] + found[href] for href in stored}


def _calendar_objects(text: str) -> list[DavObject]:
    split = split_calendar(text)
    objects = [DavObject(resource.uid, resource.text, resource.summary or "") for resource in split.resources]
    objects += [DavObject(bad.uid or "", bad.text, "event", ("malformed_event", bad.line, bad.reason))
                for bad in split.bad]
    return objects
