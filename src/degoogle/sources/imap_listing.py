"""What an IMAP account holds, listed for a plan: which folders are read, and where each message goes.

Where a message goes: INBOX to ``\\Inbox``; folders with a special use (RFC 6154 ``\\Sent``
``\\Drafts`` ``\\Junk`` ``\\Trash`` ``\\Archive``, else a well-known name) to that role; others to
their path, ``/`` between levels whatever the server's separator. Virtual folders (``\\All``,
``\\Flagged``) are not read. Junk and Trash (unless asked) and messages marked ``\\Deleted`` are
listed *left out* (``SourceEntry.left_out``): counted in the plan and the report, never fetched.
Flags ``\\Seen \\Answered \\Flagged \\Draft``, keywords and INTERNALDATE are kept.

Gmail (the server says ``X-GM-EXT-1``): only "All Mail" is read — plus Spam and Trash, first (their
messages left out unless asked); All Mail last — with each message's ``X-GM-LABELS``, so a message
with several labels is fetched once and placed by ``convert.mail.placement`` like a Takeout message.

Listing order: ``INTERLEAVED_FOLDERS`` folders side by side, one message of each in turn (the same
order every time for the same mailbox), so that a run writes into several target folders at once —
a server takes the APPENDs into one folder one after another.

Each entry's locator names its folder, UIDVALIDITY and UID, the batch of the folder it is read back
in (≤ ``BATCH_MESSAGES`` / ``BATCH_BYTES``, fixed here) and the folder's next batch
(``sources.imap_reading``). The listing reads only sizes, flags, dates and three header fields
(``BODY.PEEK``, so nothing is marked read).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from degoogle.convert.mail import (
    ARCHIVE,
    DELETED_AT_SOURCE,
    DRAFT,
    DRAFTS,
    FLAGGED,
    INBOX,
    JUNK,
    SEEN,
    SENT,
    SPAM_TRASH_LEFT_OUT,
    TRASH,
    listed_placement,
)
from degoogle.convert.mail_headers import (
    ANSWERED,
    date_header,
    display_text,
    identity,
    message_name,
    parse_headers,
    role_of_name,
)
from degoogle.model import Kind, SourceEntry
from degoogle.protocols.imap import Session
from degoogle.protocols.imap_fetch import fetch_listing
from degoogle.sources.base import SourceOptions

log = logging.getLogger(__name__)

BATCH_MESSAGES = 100
BATCH_BYTES = 2 * 1024 * 1024
#: folders listed side by side (see ``list_messages``), one per append pipe of the IMAP target
INTERLEAVED_FOLDERS = 2
_LIST_CHUNK = 1000
_HEADER_FIELDS = b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE SUBJECT)]"
#: how the answer names it, as Dovecot and most servers write it back
_HEADER_KEY = b"BODY[HEADER.FIELDS (MESSAGE-ID DATE SUBJECT)]"
_SPECIAL_USE = {b"\\sent": SENT, b"\\drafts": DRAFTS, b"\\junk": JUNK, b"\\trash": TRASH, b"\\archive": ARCHIVE}
_VIRTUAL = frozenset({b"\\all", b"\\flagged", b"\\important"})
_KEPT_FLAGS = {b"\\seen": SEEN, b"\\answered": ANSWERED, b"\\flagged": FLAGGED, b"\\draft": DRAFT}
# X-GM-LABELS system labels → the names Takeout writes, which ``placement`` knows
_GMAIL_LABELS = {"\\inbox": "Inbox", "\\sent": "Sent", "\\draft": "Drafts", "\\drafts": "Drafts",
                 "\\important": "Important", "\\starred": "Starred", "\\spam": "Spam", "\\trash": "Trash",
                 "\\chat": "Chat"}


@dataclass(frozen=True)
class _Folder:
    name: str            # as imapclient gives it (decoded from modified UTF-7)
    role: str | None     # \Inbox, \Sent… or None for a user folder
    path: str            # the target-side folder: the role, or the user path with "/"

    @cached_property
    def json_name(self) -> str:
        """The name as a JSON string (for locators)."""
        return json.dumps(self.name, ensure_ascii=False)

    @cached_property
    def key_prefix(self) -> str:
        """What starts the key of each of its messages: the name's hash (made once, not per message)."""
        return hashlib.sha1(self.name.encode()).hexdigest()[:8]


@dataclass
class _Listing:
    """A folder being listed: its UIDs, how far the listing got, entries made but not yet yielded."""

    folder: _Folder
    validity: int
    uids: list[int]
    position: int = 0
    entries: deque[SourceEntry] = field(default_factory=deque)

    def next_chunk(self) -> list[int]:
        chunk = self.uids[self.position : self.position + _LIST_CHUNK]
        self.position += len(chunk)
        return chunk


def list_messages(session: Session, options: SourceOptions) -> Iterator[SourceEntry]:
    """Every message of the account's folders as entries (see the module docstring), read through
    ``session`` (held by the caller). ``BadItemError`` (``source_changed``) when a folder vanishes or
    is renumbered during the listing; network trouble and command refusals pass through."""
    client = session.connection()
    gmail = client.has_capability("X-GM-EXT-1")
    wanted = [b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE", _HEADER_FIELDS]
    if gmail:
        wanted += [b"X-GM-LABELS", b"X-GM-MSGID"]
    waiting: deque[_Listing] = deque()
    for folder in _folders(client, gmail):
        validity = session.examine(folder.name)
        uids = sorted(client.search("ALL"))  # \\Deleted ones too: listed as left out
        log.info("%s: %d messages", folder.name, len(uids))
        if uids:
            waiting.append(_Listing(folder, validity, uids))
    # Several folders at once, one message of each in turn: a run then writes into several
    # target folders at the same time (one folder takes APPENDs one after another at the server)
    seen: set[str] = set()
    active: list[_Listing] = []
    while waiting or active:
        while waiting and len(active) < INTERLEAVED_FOLDERS:
            active.append(waiting.popleft())
        for listing in list(active):
            if not listing.entries:
                chunk = listing.next_chunk()
                if not chunk:
                    active.remove(listing)
                    continue
                session.examine(listing.folder.name, listing.validity)
                # imapclient's token-by-token parser was most of a plan's time: read it through imaplib
                # (Gmail's labels are modified UTF-7, which imapclient decodes: kept there)
                found = client.fetch(chunk, wanted) if gmail else fetch_listing(client, chunk, wanted)
                listed = [(uid, found[uid]) for uid in chunk if uid in found]
                listing.entries.extend(_entries(listing.folder, listing.validity, listed, gmail, seen, options))
            if listing.entries:
                yield listing.entries.popleft()


def _folders(client: IMAPClient, gmail: bool) -> list[_Folder]:
    prefix = ""
    try:
        personal = client.namespace().personal
        if personal:
            prefix = personal[0][0] or ""
            prefix = prefix.decode() if isinstance(prefix, bytes) else prefix
    except imap_errors.IMAPClientError:
        log.debug("no NAMESPACE: folder names taken as they are")
    chosen: list[_Folder] = []
    for flags, delimiter, name in client.list_folders():
        folded = {f.lower() for f in flags}
        if b"\\noselect" in folded or b"\\nonexistent" in folded:
            continue
        sep = delimiter.decode() if isinstance(delimiter, bytes) else (delimiter or "")
        role = _folder_role(name, folded, sep, prefix)
        if gmail:
            # Spam and Trash are read even when not asked for: their messages are listed as left out
            if b"\\all" in folded or role in (JUNK, TRASH):
                chosen.append(_Folder(name, role, ""))
            continue
        if folded & _VIRTUAL:
            continue
        chosen.append(_Folder(name, role, role or _user_path(name, sep, prefix)))
    # Gmail: Spam and Trash first, All Mail last (``placement`` decides folders from labels)
    if gmail:
        chosen.sort(key=lambda f: f.role is None)
    else:
        chosen.sort(key=lambda f: (f.role != INBOX, f.role is None, f.name))
    return chosen


def _entries(folder: _Folder, validity: int, listed: list[tuple[int, dict[bytes, Any]]], gmail: bool,
             seen: set[str], options: SourceOptions) -> Iterator[SourceEntry]:
    batch: list[tuple[int, dict[bytes, Any]]] = []
    batch_bytes = 0
    pending: list[list[tuple[int, dict[bytes, Any]]]] = []
    for uid, data in listed:
        size = int(data.get(b"RFC822.SIZE", 0))
        if batch and (len(batch) >= BATCH_MESSAGES or batch_bytes + size > BATCH_BYTES):
            pending.append(batch)
            batch, batch_bytes = [], 0
        batch.append((uid, data))
        batch_bytes += size
    if batch:
        pending.append(batch)
    for number, group in enumerate(pending):
        lo, hi = group[0][0], group[-1][0]
        after = pending[number + 1] if number + 1 < len(pending) else None
        following = (after[0][0], after[-1][0]) if after else None
        for uid, data in group:
            yield from _message(folder, validity, uid, data, (lo, hi), following, gmail, seen, options)


def _message(folder: _Folder, validity: int, uid: int, data: dict[bytes, Any], batch: tuple[int, int],
             following: tuple[int, int] | None, gmail: bool, seen: set[str],
             options: SourceOptions) -> Iterator[SourceEntry]:
    flags, keywords, deleted = _flags_of(data.get(b"FLAGS"))
    left_out = DELETED_AT_SOURCE if deleted else None
    head = data.get(_HEADER_KEY)
    if head is None:  # the server spelled the section its own way (quoted field names…)
        head = next((v for k, v in data.items() if k.upper().startswith(b"BODY[HEADER.FIELDS")), b"") or b""
    headers = parse_headers(head)
    mid = headers.message_id()
    size = int(data.get(b"RFC822.SIZE", 0))
    when = data.get(b"INTERNALDATE")
    if gmail:
        labels = gmail_labels(data.get(b"X-GM-LABELS"), flags, folder.role)
        place, spam_trash = listed_placement(labels, options.mail_policy, options.include_spam_trash)
        left_out = left_out or spam_trash
        folders = place.folders
        flags = place.flags | (flags & {ANSWERED, DRAFT})
        keywords = [*place.keywords, *(k for k in keywords if k not in place.keywords)]
        ident = "gm" + str(data.get(b"X-GM-MSGID", uid))
    else:
        folders = [folder.path]
        if folder.role in (JUNK, TRASH) and not options.include_spam_trash:
            left_out = left_out or SPAM_TRASH_LEFT_OUT
        ident = identity(mid, date_header(headers), "") if mid else f"uid{validity}.{uid}"
        ident = f"{folder.key_prefix}.{ident}"
    if ident in seen:
        ident = f"{ident}#{uid}"
    seen.add(ident)
    attrs = {"flags": sorted(flags), "keywords": keywords, "date": _iso(when)}
    # JSON, as json.dumps(separators=(",", ":"), ensure_ascii=False) writes it, put together by hand:
    # json.dumps was a tenth of a plan's time. "n": the folder's next batch, read ahead while this
    # one is written
    ahead = f',"n":[{following[0]},{following[1]}]' if following is not None else ""
    locator = f'{{"f":{folder.json_name},"v":{validity},"u":{uid},"b":[{batch[0]},{batch[1]}]{ahead}}}'
    name = message_name(display_text(headers.get("Subject")), hashlib.sha1(ident.encode()).hexdigest())
    several = len(folders) > 1 or options.mail_policy == "copy_per_label"
    for target in folders:
        yield SourceEntry(Kind.MAIL, f"mail:{ident}" + (f"@{target}" if several else ""), (target, name),
                          size=size, fingerprint=f"{validity}:{uid}:{size}", locator=locator,
                          detail=f"IMAP folder: {folder.name}", attrs=dict(attrs), left_out=left_out)


def _flags_of(values: Any) -> tuple[set[str], list[str], bool]:
    """IMAP FLAGS → (the four kept system flags, keywords, marked \\Deleted)."""
    flags: set[str] = set()
    keywords: list[str] = []
    deleted = False
    for value in values or ():
        raw = value if isinstance(value, bytes) else str(value).encode()
        folded = raw.lower()
        if folded in _KEPT_FLAGS:
            flags.add(_KEPT_FLAGS[folded])
        elif folded == b"\\deleted":
            deleted = True
        elif not raw.startswith(b"\\"):
            keywords.append(raw.decode("ascii", "replace"))
    return flags, keywords, deleted


def gmail_labels(labels: Any, flags: set[str], folder_role: str | None) -> list[str]:
    """Gmail's ``X-GM-LABELS`` (plus the FLAGS and the folder it was read in) as the label names
    Takeout writes: ``\\Inbox`` → Inbox, ``\\Draft`` → Drafts…, not ``\\Seen`` → Unread,
    ``\\Flagged`` → Starred, read in Spam or Trash → Spam / Trash."""
    names: list[str] = []
    for label in labels or ():
        text = label.decode("utf-8", "replace") if isinstance(label, bytes) else str(label)
        names.append(_GMAIL_LABELS.get(text.casefold(), text))
    if SEEN not in flags:
        names.append("Unread")
    if FLAGGED in flags:
        names.append("Starred")
    if folder_role == JUNK:
        names.append("Spam")
    elif folder_role == TRASH:
        names.append("Trash")
    return list(dict.fromkeys(names))


def _iso(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _folder_role(name: str, flags: set[bytes], sep: str, prefix: str) -> str | None:
    if name.upper() == "INBOX":
        return INBOX
    for flag, role in _SPECIAL_USE.items():
        if flag in flags:
            return role
    path = _user_path(name, sep, prefix)
    return role_of_name(path) if "/" not in path else None


def _user_path(name: str, sep: str, prefix: str) -> str:
    if prefix and name.startswith(prefix):
        name = name[len(prefix):]
    parts = name.split(sep) if sep else [name]
    return "/".join(p.replace("/", "_") for p in parts if p)
