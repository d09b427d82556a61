"""Split a ``.vcf`` file (Takeout's "All Contacts" or a label file, a local file) into CardDAV resources.

Terminology: a *card* is one BEGIN:VCARD…END:VCARD; a *group* is a Google label, stored as a
``CATEGORIES`` value (RFC 6350 §6.7.1, RFC 2426 §3.6.1), which is how Nextcloud Contacts shows groups.

Decisions:
- vCard 2.1 is upgraded to 3.0 (RFC 2426): QUOTED-PRINTABLE decoded with its CHARSET, values escaped as
  in RFC 2426 §4, bare type parameters (``TEL;HOME;VOICE``) become ``TYPE=HOME,VOICE``, ``BASE64``
  becomes ``ENCODING=b``. 3.0 and 4.0 cards keep their lines as written.
- A card without FN gets one from N, ORG, EMAIL or TEL (FN is required: RFC 2426 §3.1.1, RFC 6350
  §6.2.1); a 3.0 card without N gets an empty ``N:;;;;`` (RFC 2426 §3.1.2 requires it).
- A card without UID gets ``degoogle-<sha1>`` of its content without CATEGORIES/REV/PRODID, so the same
  contact in several label files gets the same UID.
- Embedded photos over the limit are scaled down with Pillow; URL photos stay as they are and are
  offered in ``Card.photo_url`` (no network here): the caller fetches and calls ``embed_photo``.
- Apple's address books (iCloud, macOS Server) keep a group as a card of its own
  (``X-ADDRESSBOOKSERVER-KIND:group``, vCard 4 ``KIND:group``, RFC 6350 §6.1.4) naming its members
  (``X-ADDRESSBOOKSERVER-MEMBER`` / ``MEMBER:urn:uuid:<UID>``, §6.6.5). ``fold_groups`` turns those
  into CATEGORIES of the members, so that Nextcloud shows groups, not contacts named "Famille".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import logging
import quopri
from dataclasses import dataclass, field, replace

import vobject
from PIL import Image
from vobject.base import ParseError

from degoogle.convert.content_lines import (
    ContentLine,
    escape_text,
    iter_blocks,
    iter_unfold,
    parse_lines,
    safe_stem,
    unescape_text,
)

log = logging.getLogger(__name__)

PHOTO_LIMIT = 1_000_000
_STRUCTURED = {"N", "ADR", "ORG"}
_TEXT = {"FN", "NOTE", "TITLE", "ROLE", "LABEL", "NICKNAME"}
_SINGLE_TEXT = {"FN", "NOTE", "TITLE", "ROLE"}
_NOT_IDENTITY = {"CATEGORIES", "REV", "PRODID"}
_NOT_CONTENT = _NOT_IDENTITY | {"BEGIN", "END", "UID", "PHOTO"}
#: properties a card holds at most once (RFC 2426 §3, RFC 6350 §6 cardinality 1 or *1)
_ONCE = {"VERSION", "UID", "FN", "N", "BDAY", "ANNIVERSARY", "GENDER", "GEO", "TZ", "SORT-STRING", "CLASS", "KIND"}
#: reason code of a group card listed but not moved: its name went into its members' CATEGORIES
CONTACT_GROUP_FOLDED = "contact_group_folded"
_GROUP_KIND = {"X-ADDRESSBOOKSERVER-KIND", "KIND"}
_GROUP_MEMBER = {"X-ADDRESSBOOKSERVER-MEMBER", "MEMBER"}


def resource_name(uid: str) -> str:
    """Return the stable CardDAV resource name (``<stem>.vcf``) for ``uid``; never raises."""
    return safe_stem(uid) + ".vcf"


@dataclass(slots=True)  # a big address book's cards are all held while it is listed (merging copies)
class Card:
    """One contact ready for a CardDAV ``PUT`` (``text``), with what the caller needs to know."""

    uid: str
    text: str
    fn: str
    categories: list[str]
    emails: list[str]
    photo_url: str | None = None
    uid_generated: bool = False
    lines: list[ContentLine] = field(default_factory=list, repr=False, compare=False)
    #: what was damaged and left out of the card (a photo), with the reason
    dropped: list[str] = field(default_factory=list)


@dataclass
class BadCard:
    """A card left out, with the parser's reason, the line it failed on and its source text."""

    line: int
    reason: str
    text: str


@dataclass
class VCardSplit:
    """The cards of one file and the ones that could not be read."""

    cards: list[Card]
    bad: list[BadCard]


def shrink_photo(data: bytes, limit: int = PHOTO_LIMIT) -> bytes:
    """Return ``data`` if it fits in ``limit`` bytes, else the image scaled down (aspect kept) to fit.

    JPEG stays JPEG and PNG stays PNG; other formats become JPEG. Raises ``ValueError`` when ``data``
    is not an image Pillow reads, or when even a 16-pixel-wide version does not fit.
    """
    if len(data) <= limit:
        return data
    try:
        opened = Image.open(io.BytesIO(data))
        opened.load()
    except OSError as error:
        raise ValueError(f"not a readable image: {error}") from error
    fmt = opened.format if opened.format in ("JPEG", "PNG") else "JPEG"
    image: Image.Image = opened
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    current = data
    while len(current) > limit:
        scale = (limit / len(current)) ** 0.5 * 0.9
        width, height = max(1, int(image.width * scale)), max(1, int(image.height * scale))
        if width < 16:
            raise ValueError(f"cannot shrink the photo under {limit} bytes")
        image = image.resize((width, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {"optimize": True}))
        current = out.getvalue()
    return current


def _escape(value: str, structured: bool) -> str:
    """Escape a decoded value as RFC 2426 §4 (``;`` stays the separator of structured values)."""
    parts = value.split(";") if structured else [value]
    escaped = [p.replace("\\", "\\\\").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
               for p in parts]
    return ";".join(escaped) if structured else escaped[0].replace(";", "\\;")


def _upgrade_21(lines: list[ContentLine]) -> None:
    """Rewrite vCard 2.1 lines in place as vCard 3.0. Raises ``ParseError`` on an undecodable value."""
    for line in lines:
        singles = [p[0].upper() for p in line.params if len(p) == 1]
        encoding = [v.upper() for v in line.param("ENCODING")] + singles
        types = [v.upper() for v in line.param("TYPE")]
        types += [s for s in singles if s not in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT")]
        if "QUOTED-PRINTABLE" in encoding:
            charset = (line.param("CHARSET") or ["utf-8"])[0]
            try:
                decoded = quopri.decodestring(line.value.encode("ascii", "strict")).decode(charset)
            except (UnicodeError, LookupError) as error:
                raise ParseError(f"{line.name}: {error}", line.lineno) from error
            if line.name in _STRUCTURED or line.name in _TEXT or line.name.startswith("X-"):
                line.value = _escape(decoded, line.name in _STRUCTURED)
            else:
                line.value = decoded.replace("\r\n", "\\n").replace("\n", "\\n")
        elif line.name in _STRUCTURED or line.name in _TEXT:
            # vCard 2.1 escapes only ";" (§2.4.1 of the 2.1 spec): a comma is a character, where in 3.0 it
            # separates list items (RFC 2426 §4): "Silicon Alley 5," must keep its comma
            line.value = escape_text(line.value, chars=",")
        line.params = [p for p in line.params if len(p) > 1 and p[0].upper() not in ("CHARSET", "ENCODING", "TYPE")]
        if "BASE64" in encoding:
            line.set_param("ENCODING", ["b"])
        if types:
            line.set_param("TYPE", types)
        if line.name == "VERSION":
            line.value = "3.0"


def _decode_base64(text: str) -> bytes:
    """Decode base64 strictly (blanks aside): a damaged photo is caught, not turned into noise.
    Raises ``binascii.Error``."""
    data = base64.b64decode("".join(text.split()), validate=True)
    if not data:
        raise binascii.Error("the photo is empty")
    return data


def _photo(line: ContentLine, version: str, limit: int | None) -> str | None:
    """Shrink an embedded photo in place; return the URL of a photo given by reference."""
    if line.value.startswith("data:") and ";base64," in line.value:
        header, payload = line.value.split(",", 1)
        if version != "4.0" or line.param("ENCODING"):
            # a data: URI where 3.0 wants ENCODING=b (Android): the same picture, written the 3.0 way
            mime = header.removeprefix("data:").split(";", 1)[0]
            line.value = payload
            line.set_param("ENCODING", ["b"])
            line.set_param("TYPE", [mime.rsplit("/", 1)[-1].upper()] if "/" in mime else [])
            return _photo(line, version, limit)
        data = _decode_base64(payload)
        if limit is not None and len(data) > limit:
            small = shrink_photo(data, limit)
            mime = "image/png" if small.startswith(b"\x89PNG") else "image/jpeg"
            line.value = f"data:{mime};base64," + base64.b64encode(small).decode("ascii")
        return None
    if [v.lower() for v in line.param("ENCODING")] in (["b"], ["base64"]):
        data = _decode_base64(line.value)
        if limit is not None and len(data) > limit:
            small = shrink_photo(data, limit)
            line.value = base64.b64encode(small).decode("ascii")
            line.set_param("TYPE", ["PNG" if small.startswith(b"\x89PNG") else "JPEG"])
        return None
    return unescape_text(line.value) if version != "2.1" else line.value


def _render(lines: list[ContentLine], categories: list[str]) -> str:
    """Serialise a card with one CATEGORIES line holding ``categories``."""
    body = [ln for ln in lines if ln.name not in ("BEGIN", "END", "CATEGORIES")]
    if categories:
        body.append(ContentLine("CATEGORIES", [], ",".join(_escape(c, False) for c in categories), 0))
    return "BEGIN:VCARD\r\n" + "".join(ln.serialize() for ln in body) + "END:VCARD\r\n"


def check_card(text: str) -> None:
    """vobject's whole parse of a card made by ``split_vcards(..., full_check=False)``, as ``full_check``
    would have given it. Raises ``ParseError`` (or another exception of vobject's, all meaning the card
    is malformed)."""
    vobject.readOne(text, transform=False)


def _read_card(block_lines: list[tuple[int, str]], group: str | None, limit: int | None,
               full_check: bool = True) -> Card:
    """Turn one card's lines into a ``Card``. Raises ``ParseError`` or ``ValueError`` when unreadable."""
    # PROFILE:VCARD (RFC 2426 §2.1.1, written by Lotus Notes) says nothing, and vobject refuses it
    lines = [ln for ln in parse_lines(block_lines) if ln.name != "PROFILE"]
    version = next((ln.value.strip() for ln in lines if ln.name == "VERSION"), "3.0")
    if version == "2.1":
        _upgrade_21(lines)
    for ln in lines:
        # raw "," or ";" in text make Radicale refuse the card (400) and are invalid (RFC 6350 §3.4,
        # RFC 2426 §4): escape them; in ORG the ";" separates the units and stays
        if ln.name in _SINGLE_TEXT:
            ln.value = escape_text(ln.value)
        elif ln.name == "ORG":
            ln.value = escape_text(ln.value, chars=",")
    photo_url = None
    dropped: list[str] = []
    for ln in [ln for ln in lines if ln.name == "PHOTO"]:
        try:
            photo_url = _photo(ln, version, limit) or photo_url
        except (binascii.Error, ValueError) as error:
            # the contact matters more than its picture: the card moves without it, and says so
            lines.remove(ln)
            dropped.append(f"PHOTO (line {ln.lineno}): {error}")
    if full_check:
        check_card("".join(ln.serialize() for ln in lines))

    def values(name: str) -> list[str]:
        return [unescape_text(ln.value) for ln in lines if ln.name == name and ln.value.strip()]

    categories: list[str] = []
    for ln in lines:
        if ln.name == "CATEGORIES":
            categories += [unescape_text(c) for c in ln.value.replace("\\,", "\0").split(",") if c]
    categories = [c.replace("\0", ",") for c in categories]
    if group and group not in categories:
        categories.append(group)
    names = values("FN")
    fn = names[0] if names else ""
    if not fn:
        n_parts = values("N")[0].split(";") if values("N") else []
        candidates = [" ".join(p for p in n_parts[1:2] + n_parts[:1] if p)]
        candidates += [o.split(";")[0] for o in values("ORG")] + values("EMAIL") + values("TEL")
        fn = next((c for c in candidates if c.strip()), "")
        if not fn:
            raise ParseError("the card has no FN, N, ORG, EMAIL or TEL", block_lines[0][0])
        lines = [ln for ln in lines if ln.name != "FN"]
        lines.insert(2, ContentLine("FN", [], _escape(fn, False), 0))
    if version != "4.0" and not any(ln.name == "N" for ln in lines):
        lines.insert(2, ContentLine("N", [], ";;;;", 0))
    uids = values("UID")
    uid_generated = not uids
    if uids:
        uid = uids[0]
    else:
        content = "".join(ln.serialize() for ln in lines if ln.name not in _NOT_IDENTITY)
        uid = "degoogle-" + hashlib.sha1(content.encode("utf-8")).hexdigest()
        lines.insert(2, ContentLine("UID", [], uid, 0))
    return Card(uid, _render(lines, categories), fn, categories, values("EMAIL"), photo_url, uid_generated, lines,
                dropped)


def split_vcards(vcf_text: str, group: str | None = None, photo_limit: int | None = PHOTO_LIMIT, *,
                 full_check: bool = True) -> VCardSplit:
    """Read every card of ``vcf_text``; put each in ``group`` (a CATEGORIES value) when given.

    Promises: every card is either in ``cards`` (3.0 or 4.0, with FN and UID, embedded photos within
    ``photo_limit`` bytes unless it is None) or in ``bad`` with the reason and line. Never raises.
    Without ``full_check`` a card gets the structure and line checks but not vobject's whole parse (most
    of the time on a big file): a plan lists with the cheap checks, the run calls ``check_card``.
    """
    split = VCardSplit([], [])
    # one card at a time: a big address book is never held as a list of its lines and blocks
    for block in iter_blocks(iter_unfold(vcf_text, quoted_printable=True), {"VCARD"}, []):
        source = "\r\n".join(text for _, text in block.lines) + "\r\n"
        try:
            if block.error:
                raise ParseError(block.error, block.lineno)
            split.cards.append(_read_card(block.lines, group, photo_limit, full_check))
        except Exception as error:  # vobject raises several types; the card is reported, never lost
            line = getattr(error, "lineNumber", None) or block.lineno
            split.bad.append(BadCard(int(line), str(error), source))
    return split


def _content(card: Card) -> set[str]:
    """The lines that say who the contact is: all but groups, UID, REV, PRODID and the photo."""
    return {ln.serialize() for ln in card.lines if ln.name not in _NOT_CONTENT}


def same_contact(a: Card, b: Card) -> bool:
    """True when ``a`` and ``b`` are one contact met twice: the same UID (for cards without one, the same
    content apart from groups gives the same generated UID); or, both without UID of their own, the same
    name and first e-mail with every property of one in the other (a label file's copy, which Google
    writes without the photo). Two contacts that differ in anything else are two contacts."""
    if a.uid == b.uid:
        return True
    if not (a.uid_generated and b.uid_generated and a.emails and b.emails):
        return False
    if (a.fn.casefold(), a.emails[0].casefold()) != (b.fn.casefold(), b.emails[0].casefold()):
        return False
    mine, theirs = _content(a), _content(b)
    return mine <= theirs or theirs <= mine


def merge_cards(cards: list[Card]) -> Card:
    """One card holding every property any copy carries, whatever the order of ``cards``: the richest
    copy (most properties, then with a photo, then longest) is the base and keeps its UID; each property
    of the others it lacks is added (a property a card holds once, and the photo, only when the base has
    none). Groups are all kept, in the order met. Raises ``IndexError`` on an empty list."""
    ordered = sorted(cards, key=lambda c: (len(_content(c)), any(ln.name == "PHOTO" for ln in c.lines),
                                           len(c.text), c.text), reverse=True)
    base = ordered[0]
    lines = [ln for ln in base.lines if ln.name != "END"]
    have = {ln.serialize() for ln in lines}
    names = {ln.name for ln in lines}
    photo_url, dropped = base.photo_url, list(base.dropped)
    for other in ordered[1:]:
        for ln in other.lines:
            if ln.name in _NOT_IDENTITY | {"BEGIN", "END", "UID"} or ln.serialize() in have:
                continue
            if (ln.name in _ONCE or ln.name == "PHOTO") and ln.name in names:
                continue
            if ln.name == "PHOTO":
                photo_url = other.photo_url
            lines.append(ln)
            have.add(ln.serialize())
            names.add(ln.name)
        dropped += [d for d in other.dropped if d not in dropped]
    lines.append(ContentLine("END", [], "VCARD", 0))
    categories: list[str] = []
    for card in cards:
        categories += [c for c in card.categories if c not in categories]
    return replace(base, lines=lines, categories=categories, text=_render(lines, categories), photo_url=photo_url,
                   dropped=dropped)


def with_categories(card: Card, categories: list[str]) -> Card:
    """``card`` with exactly ``categories`` as its groups, rendered again."""
    return replace(card, categories=list(categories), text=_render(card.lines, categories))


def merge_groups(cards: list[Card]) -> list[Card]:
    """Merge the same contact (``same_contact``) met in several label files into one card holding
    every property and all the CATEGORIES of its copies (``merge_cards``); order of cards is kept."""
    copies: list[list[Card]] = []
    by_uid: dict[str, int] = {}
    by_name: dict[tuple[str, str], list[int]] = {}
    for card in cards:
        found = by_uid.get(card.uid)
        if found is None and card.uid_generated and card.emails:
            name = (card.fn.casefold(), card.emails[0].casefold())
            found = next((n for n in by_name.get(name, []) if same_contact(copies[n][0], card)), None)
        if found is None:
            found = len(copies)
            copies.append([])
            if card.uid_generated and card.emails:
                by_name.setdefault((card.fn.casefold(), card.emails[0].casefold()), []).append(found)
        by_uid.setdefault(card.uid, found)
        copies[found].append(card)
    return [merge_cards(group) for group in copies]


def embed_photo(card: Card, data: bytes, limit: int = PHOTO_LIMIT) -> Card:
    """Return ``card`` with its URL photo replaced by ``data`` (shrunk to ``limit``). Raises ``ValueError``."""
    small = shrink_photo(data, limit)
    kind = "PNG" if small.startswith(b"\x89PNG") else "JPEG"
    encoded = base64.b64encode(small).decode("ascii")
    lines = [ln for ln in card.lines if ln.name != "PHOTO"]
    version = next((ln.value for ln in lines if ln.name == "VERSION"), "3.0")
    if version == "4.0":
        photo = ContentLine("PHOTO", [], f"data:image/{kind.lower()};base64,{encoded}", 0)
    else:
        photo = ContentLine("PHOTO", [["ENCODING", "b"], ["TYPE", kind]], encoded, 0)
    lines.insert(len(lines) - 1, photo)
    return replace(card, lines=lines, photo_url=None, text=_render(lines, card.categories))


@dataclass
class GroupFold:
    """One address book with its group cards folded: ``contacts`` are its other cards in the order
    given, each with the groups it is a member of added to its CATEGORIES; ``groups`` are the group
    cards, in the order given, each with the number of its members found in the book."""

    contacts: list[Card]
    groups: list[tuple[Card, int]]


def is_group(card: Card) -> bool:
    """True when ``card`` is a group card (``X-ADDRESSBOOKSERVER-KIND:group`` or ``KIND:group``)."""
    return any(ln.name in _GROUP_KIND and unescape_text(ln.value).strip().casefold() == "group"
               for ln in card.lines)


def _member_key(uid: str) -> str:
    """A UID as members name it: ``urn:uuid:`` optional (RFC 6350 §6.6.5 writes it, cards often do not),
    any case (Apple writes the same UUID in upper case in one place and lower case in another)."""
    key = uid.strip().casefold()
    return key.removeprefix("urn:uuid:")


def fold_groups(cards: list[Card]) -> GroupFold:
    """Fold the group cards of one address book into CATEGORIES of their members (member matched by
    UID, ``urn:uuid:`` and case aside). A member keeps its categories in their order; the groups it
    gains follow, sorted by name, each once (case aside): the same book always gives the same text.
    A group naming no card of the book adds nothing. Never raises."""
    contacts = [card for card in cards if not is_group(card)]
    index: dict[str, list[int]] = {}
    for n, card in enumerate(contacts):
        index.setdefault(_member_key(card.uid), []).append(n)
    gained: dict[int, set[str]] = {}
    groups: list[tuple[Card, int]] = []
    for group in (card for card in cards if is_group(card)):
        members = {n for ln in group.lines if ln.name in _GROUP_MEMBER
                   for n in index.get(_member_key(unescape_text(ln.value)), [])}
        for n in members:
            gained.setdefault(n, set()).add(group.fn)
        groups.append((group, len(members)))
    for n, names in gained.items():
        card = contacts[n]
        have = {c.casefold() for c in card.categories}
        added = [g for g in sorted(names, key=lambda g: (g.casefold(), g)) if g.strip()]
        categories = list(card.categories)
        for name in added:
            if name.casefold() not in have:
                have.add(name.casefold())
                categories.append(name)
        if categories != card.categories:
            contacts[n] = replace(card, categories=categories, text=_render(card.lines, categories))
    return GroupFold(contacts, groups)
