"""Contacts held in files: Takeout's ``Contacts/**/*.vcf`` (``Tous les contacts``…) and local ``vcf:`` files.

Terminology: a *file* is one ``.vcf`` handed over by the source (a ``FileRef``); an *item* is one vCard
(``convert.vcard``); a *collection* is the address book the item belongs to.

Google writes "All Contacts" plus one file per label (``Contacts/Famille/Famille.vcf``), so a contact in
three labels is met four times. Files in that layout (a file named like its folder, or a system group
such as "All Contacts" / "Tous les contacts") make one address book named after the folder above them
(Takeout's ``Contacts``), and each label becomes a group (``CATEGORIES``): one contact, one item, with
every group it had. Any other ``.vcf`` is an address book of its own, named after the file.

The same contact met twice is one item (``convert.vcard.same_contact``: the same card, or a label file's
copy holding part of it, as Google writes them without the photo); the item holds every property any
copy carries (``merge_cards``), whatever the order of the files, and its locator names every copy so
``open`` merges them again. Two people who share a name and an address are two items.

Apple's group cards (a ``.vcf`` saved from iCloud or a CardDAV server) become CATEGORIES of their
members over the whole address book (``convert.vcard.fold_groups``); each group card is listed, left
out with ``contact_group_folded``. A malformed card is an entry with ``problem`` ``malformed_contact``;
a card whose photo is damaged moves without it, and a companion entry ``contact_photo_dropped`` names
the photo. As for events, listing makes the cheap checks and ``open`` gives the card vobject's whole
parse: what only that parse finds is set aside by the run (``malformed_contact``, vobject's reason).

Photos given by URL (Google's exports) are fetched when the item is opened for writing, not while
listing: listing stays quick and needs no network, a photo is fetched only for a contact that is
really written, and a photo that cannot be fetched leaves the contact moving with its link rather
than stopping the plan. The fingerprint is taken before the photo is embedded.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, BinaryIO, cast
from urllib.parse import urlsplit

from degoogle.convert.vcard import (
    CONTACT_GROUP_FOLDED,
    Card,
    check_card,
    embed_photo,
    fold_groups,
    is_group,
    merge_cards,
    same_contact,
    split_vcards,
    with_categories,
)
from degoogle.convert.vcard import resource_name as vcf_name
from degoogle.errors import BadItemError
from degoogle.locality import is_secure_url
from degoogle.model import Item, Kind, SourceEntry
from degoogle.reasons import Reason
from degoogle.sources.base import Expander, FileRef, OpenFile, SourceOptions
from degoogle.sources.groupware_files import (
    ParsedFiles,
    file_problem,
    holds_component,
    label_for,
    locator,
    parse_locator,
    parse_reason,
    read_file,
    short_sha,
    text_stream,
)

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

#: Google's groups that every contact is in: not labels the user made, so not groups at the target
SYSTEM_GROUPS = frozenset({
    "all contacts", "tous les contacts", "my contacts", "mes contacts", "other contacts", "autres contacts",
})
#: Google's own CATEGORIES values for those groups (``CATEGORIES:myContacts``): dropped as well
SYSTEM_CATEGORIES = frozenset({"mycontacts"})
DEFAULT_BOOK = "Contacts"
PHOTO_MAX_BYTES = 20 * 1024 * 1024
PHOTO_TIMEOUT = (10, 30)
_FN_LINE = re.compile(r"^(?:[\w-]+\.)?FN(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)
#: reason code of the companion entry of a contact that moved without its damaged photo
CONTACT_PHOTO_DROPPED = "contact_photo_dropped"


def book_and_group(path: tuple[str, ...]) -> tuple[str, str | None]:
    """The address book and the group (label) of a ``.vcf`` file at ``path`` (see the module docstring)."""
    stem = PurePosixPath(path[-1]).stem
    system = stem.casefold() in SYSTEM_GROUPS
    labelled = len(path) >= 2 and path[-2] == stem
    if not (labelled or system):
        return stem or path[-1], None
    above = path[:-2] if labelled else path[:-1]
    return (above[-1] if above else DEFAULT_BOOK), (None if system else stem)


def user_groups(categories: list[str]) -> list[str]:
    """The groups a person made (Google's ``myContacts`` left out)."""
    return [c for c in categories if c.casefold() not in SYSTEM_CATEGORIES]


def with_groups(card: Card, groups: list[str]) -> Card:
    """``card`` with exactly ``groups`` as its CATEGORIES, rendered again."""
    return card if groups == card.categories else with_categories(card, groups)


@dataclass(slots=True)  # one per contact of the address book, all held until its listing ends
class _Contact:
    """One contact and every copy of it met: ``(file, group, UID, n)`` and the card read there."""

    copies: list[tuple[str, str | None, str, int, Card]]
    groups: list[str]

    @property
    def card(self) -> Card:
        return merge_cards([copy[-1] for copy in self.copies])

    def from_another_file(self, ref: str) -> bool:
        return all(copy[0] != ref for copy in self.copies)

    def needed(self) -> list[list[object]]:
        """The copies ``open`` must read again, as ``[file, group, UID, n]``: those the merged card's
        properties come from. A copy that adds only groups (a label file's, mostly) is left out: the
        groups are in the item's attrs, and ``open`` then reads fewer files."""
        if len(self.copies) == 1:
            return [list(self.copies[0][:4])]  # met once (most contacts): nothing to leave out

        def lines(copies: list[tuple[str, str | None, str, int, Card]]) -> list[str]:
            return [ln.serialize() for ln in merge_cards([copy[-1] for copy in copies]).lines]

        whole, wanted = lines(self.copies), list(self.copies)
        for copy in self.copies:
            rest = [c for c in wanted if c is not copy]
            if rest and lines(rest) == whole:
                wanted = rest
        return [list(copy[:4]) for copy in wanted]


class ContactsExpander(Expander):
    """Contacts of ``.vcf`` files, one item per contact with all its groups (see the module docstring)."""

    kind = Kind.CONTACTS

    def __init__(self, open_file: OpenFile, options: SourceOptions) -> None:
        super().__init__(open_file, options)
        #: per file read for ``open``: UID → its cards in file order (an address book holds thousands)
        self.cache: ParsedFiles[dict[str, list[Card]]] = ParsedFiles()
        self._session: requests.Session | None = None
        self._session_lock = threading.Lock()

    def _cards(self, ref: str, group: str | None, label: str) -> tuple[list[Card], list[tuple[int, str, str]]]:
        text = read_file(self.open_file, ref, label)
        if not holds_component(text, "VCARD"):
            raise BadItemError("no BEGIN:VCARD in the file: it is no address book", code=Reason.NOT_VCARD)
        # the cheap checks only (vobject's whole parse of every card would be most of a big plan's time):
        # ``open`` gives each card that parse before it is written (``check_card``)
        split = split_vcards(text, group, full_check=False)
        return split.cards, [(bad.line, bad.reason, bad.text) for bad in split.bad]

    def expand(self, files: Sequence[FileRef]) -> Iterator[SourceEntry]:
        books: dict[str, dict[object, _Contact]] = {}
        by_name: dict[tuple[str, str, str], list[_Contact]] = {}
        problems: list[SourceEntry] = []
        seen_bad: set[str] = set()
        for ref in files:
            label = "/".join(ref.path)
            book, group = book_and_group(ref.path)
            try:
                cards, bad = self._cards(ref.ref, group, label)
            except BadItemError as exc:
                problems.append(file_problem(self.kind, ref, exc))
                continue
            contacts = books.setdefault(book, {})
            counts: dict[str, int] = {}
            for card in cards:
                n = counts.get(card.uid, 0)
                counts[card.uid] = n + 1
                same: object = (card.uid, n) if n else card.uid  # the same UID twice in one file: two cards
                known = contacts.get(same)
                alike = (book, card.fn.casefold(), card.emails[0].casefold()) if card.emails else None
                if known is None and card.uid_generated and alike and not n:
                    # a label file's copy may lack what "All Contacts" has (the photo): the same card, met
                    # again in another file, if one's properties are all in the other's
                    known = next((c for c in by_name.get(alike, []) if c.from_another_file(ref.ref)
                                  and any(same_contact(copy[-1], card) for copy in c.copies)), None)
                groups = user_groups(card.categories)
                if known is None:
                    known = contacts[same] = _Contact([], [])
                    if card.uid_generated and alike:
                        by_name.setdefault(alike, []).append(known)
                known.copies.append((ref.ref, group, card.uid, n, card))
                known.groups += [c for c in groups if c not in known.groups]
            for line, reason, text in bad:
                key = f"{book}#bad:{short_sha(text)}"
                if key in seen_bad:
                    continue
                seen_bad.add(key)
                problems.append(SourceEntry(
                    self.kind, key, (book, label_for(text, _FN_LINE, "contact", line)),
                    size=len(text.encode("utf-8")), problem="malformed_contact",
                    detail=f"{label}, line {line}: {reason}",
                ))
        for book, contacts in books.items():
            yield from self._book(book, contacts)
        yield from problems

    def _book(self, book: str, contacts: dict[object, _Contact]) -> Iterator[SourceEntry]:
        """The entries of one address book, its contacts' copies merged and its group cards folded."""
        names: set[str] = set()
        group_ids: set[int] = set()
        group_cards: Iterator[tuple[Card, int]] = iter(())
        if any(is_group(copy[-1]) for c in contacts.values() for copy in c.copies):
            merged = {id(c): c.card for c in contacts.values()}
            group_ids = {key for key, card in merged.items() if is_group(card)}
            fold = fold_groups([with_groups(merged[id(c)], c.groups) for c in contacts.values()])
            folded: Iterator[Card] = iter(fold.contacts)
            group_cards = iter(fold.groups)
        else:
            # no group card to fold (Google's export has none): each contact merged when its turn comes,
            # so a big address book is not held twice, as read and as merged
            folded = (with_groups(c.card, c.groups) for c in contacts.values())
        for contact in contacts.values():
            if id(contact) in group_ids:
                folded_group, members = next(group_cards)
                yield SourceEntry(self.kind, f"{book}#group:{folded_group.uid}",
                                  (book, vcf_name(folded_group.uid)), size=len(folded_group.text.encode("utf-8")),
                                  attrs={"title": folded_group.fn[:200]},
                                  left_out=CONTACT_GROUP_FOLDED,
                                  detail=f"{book}: group of {members} contact(s), moved as their category")
                continue
            card = next(folded)
            contact.groups = card.categories  # the groups as planned: ``open`` renders them again
            first_ref, first_group, first_uid, n, _card = contact.copies[0]
            key = f"{book}#{card.uid}" + (f"#{n + 1}" if n else "")
            name = vcf_name(card.uid)
            if name in names:
                name = f"{name.removesuffix('.vcf')}-{n + 1}.vcf"
            names.add(name)
            attrs: dict[str, object] = {"uid": card.uid, "title": card.fn[:200], "groups": contact.groups}
            if card.photo_url:
                attrs["photo_url"] = True
            yield SourceEntry(
                self.kind, key, (book, name), size=len(card.text.encode("utf-8")),
                fingerprint=short_sha(card.text),
                locator=locator(ref=first_ref, group=first_group, uid=first_uid, n=n, copies=contact.needed()),
                attrs=attrs,
            )
            if card.dropped and not any(ln.name == "PHOTO" for ln in card.lines):
                # the contact moves; what did not is its damaged photo: named, so the report says so
                yield SourceEntry(self.kind, f"{key}#photo", (book, f"{card.fn[:60].replace('/', '-')} (photo)"),
                                  problem=CONTACT_PHOTO_DROPPED, detail=f"{book}: {'; '.join(card.dropped)}")

    def _file(self, ref: str, group: str | None) -> dict[str, list[Card]]:
        """The cards of one file by UID: ``open`` finds its contact's without a walk through them all."""
        def load() -> tuple[dict[str, list[Card]], int]:
            cards, _bad = self._cards(ref, group, PurePosixPath(ref).name)
            by_uid: dict[str, list[Card]] = {}
            for card in cards:
                by_uid.setdefault(card.uid, []).append(card)
            return by_uid, sum(2 * len(c.text) for c in cards)

        return self.cache.get(json.dumps([ref, group]), load)

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The contact as planned, its photo fetched and embedded when it was a URL.
        ``BadItemError("source_changed")`` when the file no longer holds it as it was listed,
        ``BadItemError("malformed_contact")`` with vobject's reason when the whole parse the listing
        left out finds it malformed."""
        where = parse_locator(item)
        copies = where.get("copies")
        if not isinstance(copies, list):  # planned by a version that kept one copy
            copies = [[where["ref"], where.get("group"), where.get("uid"), where.get("n") or 0]]
        cards: list[Card] = []
        for ref, group, uid, n in copies:
            found = self._file(str(ref), group if isinstance(group, str) else None)
            matches = found.get(uid, []) if isinstance(uid, str) else []
            if int(cast(int, n)) < len(matches):
                cards.append(matches[int(cast(int, n))])
        groups = item.attrs.get("groups")
        card = None
        if len(cards) == len(copies):
            merged = merge_cards(cards)
            card = with_groups(merged, [str(g) for g in groups] if isinstance(groups, list)
                               else user_groups(merged.categories))
        if card is None or short_sha(card.text) != item.fingerprint:
            raise BadItemError(f"{item.source_path}: the address book file changed since it was listed",
                               code="source_changed")
        try:
            check_card(card.text)
        except Exception as error:  # vobject raises several types; the contact is set aside, never lost
            raise BadItemError(f"{item.source_path} (UID {card.uid}): {parse_reason(error)}",
                               code="malformed_contact") from error
        if card.photo_url:
            card = self._embed(card, item)
        return text_stream(card.text)

    def _embed(self, card: Card, item: Item) -> Card:
        """``card`` with its URL photo fetched and embedded (scaled down); as it is when that fails."""
        url = card.photo_url or ""
        if not is_secure_url(url):
            log.warning("%s: photo link %s not fetched (https only)", item.source_path, urlsplit(url).scheme)
            return card
        # the HTTP client is loaded for the first photo link only: most address books have none
        import requests

        from degoogle.protocols.http import peer_session

        with self._session_lock:
            if self._session is None:
                self._session = peer_session()
            session = self._session
        try:
            with session.get(url, timeout=PHOTO_TIMEOUT, stream=True) as response:
                response.raise_for_status()
                data = bytearray()
                for block in response.iter_content(256 * 1024):
                    data += block
                    if len(data) > PHOTO_MAX_BYTES:
                        raise ValueError(f"the photo is over {PHOTO_MAX_BYTES} bytes")
            return embed_photo(card, bytes(data))
        except (requests.RequestException, ValueError) as exc:
            # the contact matters more than its picture: it moves with the link, and the log says why
            log.warning("%s: photo not fetched from %s (%s); the contact keeps the link", item.source_path,
                        urlsplit(url).hostname, type(exc).__name__)
            return card

    def close(self) -> None:
        self.cache.clear()
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()
