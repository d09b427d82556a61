"""Messages in mbox files — Takeout's ``.mbox`` members and local ``mbox:`` files — as mail items.

Terminology: a *message entry* is one message going to one target folder (under ``copy_per_label``
a message with three labels gives three entries); the *folder* is the target-side folder as the user
knows it: a role (``\\Inbox``, ``\\Sent``… see ``convert.mail``) or a user path with ``/``.

Where a message goes:

- A message with an ``X-Gmail-Labels`` header (Google Takeout) goes where ``convert.mail.placement``
  says: folders, flags and keywords from its labels, Spam and Trash left out unless asked.
- Any other message (a Thunderbird or mutt mbox) goes to the folder named by its file
  (``Travail.sbd/Clients`` → ``Travail/Clients``; ``Inbox``, ``Sent``, ``Envoyés``… → their role),
  with the read/answered/flagged/draft states of its ``Status``, ``X-Status`` and
  ``X-Mozilla-Status`` headers; a message Thunderbird marked deleted (not yet compacted away) is left out.

Spam, Trash (unless asked) and deleted messages are listed *left out* (``SourceEntry.left_out``): the
plan and the report count them as not moved, with the reason, and planning again with Spam and Trash
asked for moves them.

Identity: a message is known by its Message-ID and Date header, or by its SHA-256 when it has no
Message-ID. The same message met twice (Takeout's older exports hold one mbox per label, so a
message with three labels is in three files) is listed once. Keys are ``mail:`` + a hash of that
identity (+ ``@folder`` under ``copy_per_label``): the same from one listing to the next.

Reading back: the locator holds the file, the message's byte offset and length, and the first
16 hex of its SHA-256. An mbox inside a zip is a stream that can only be read forward (and may be
20 GB), so each file has one *cursor* that moves forward under a lock, keeps the last
``WINDOW_BYTES`` it passed (messages other workers are about to ask for: items come in plan order,
several workers at once), and starts the file again only when asked for an earlier message that has
left that window. Local files are seekable and read directly.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, BinaryIO, cast

from degoogle.convert.mail import (
    DELETED_AT_SOURCE,
    DRAFT,
    FLAGGED,
    INBOX,
    JUNK,
    SEEN,
    SPAM_TRASH_LEFT_OUT,
    TRASH,
    internal_date,
    keyword_atom,
    listed_placement,
    parse_labels,
)
from degoogle.convert.mail_headers import (
    ANSWERED,
    MessageHeaders,
    date_header,
    display_text,
    identity,
    message_name,
    parse_headers,
    role_of_name,
)
from degoogle.convert.mbox import DEFAULT_MAX_BYTES, MboxMessage, iter_mbox
from degoogle.errors import BadItemError, DegoogleError
from degoogle.model import Item, Kind, SourceEntry
from degoogle.sources.base import Expander, FileRef, OpenFile, SourceOptions

# The header helpers moved to convert.mail_headers (issue 14: targets use them too); their names stay
# importable from here for older callers.
__all__ = [
    "ANSWERED",
    "OPEN_FILES",
    "WINDOW_BYTES",
    "MailExpander",
    "MessageHeaders",
    "date_header",
    "display_text",
    "file_folder",
    "identity",
    "local_states",
    "message_name",
    "parse_headers",
    "role_of_name",
]

log = logging.getLogger(__name__)
#: made once (``json.dumps`` with options builds an encoder a call): a big mbox has 100,000 messages
_LOCATOR_JSON = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)

#: bytes a cursor keeps behind it for workers that ask a little out of order
WINDOW_BYTES = 32 * 1024 * 1024
#: mbox files kept open at once (each with its window)
OPEN_FILES = 2
_READ = 1 << 20
_SUFFIXES = (".mbox", ".mbx")
# X-Mozilla-Status bits (Thunderbird's nsMsgMessageFlags)
_MOZ_READ, _MOZ_REPLIED, _MOZ_MARKED, _MOZ_EXPUNGED = 0x1, 0x2, 0x4, 0x8


def file_folder(path: Sequence[str]) -> str:
    """The folder a local mbox file stands for: Thunderbird's ``X.sbd/`` levels unwrapped, the
    suffix dropped, a known top-level name (``Inbox``, ``Envoyés``…) turned into its role."""
    parts = [p[:-4] if p.casefold().endswith(".sbd") else p for p in path[:-1]]
    name = path[-1]
    for suffix in _SUFFIXES:
        if name.casefold().endswith(suffix):
            name = name[: -len(suffix)]
    if not parts and (role := role_of_name(name)):
        return role
    return "/".join(p.replace("/", "_") for p in [*parts, name] if p.strip()) or INBOX


def local_states(headers: MessageHeaders) -> tuple[set[str], list[str], bool]:
    """Flags, keywords and "deleted" from the headers local mail programs write into mbox files."""
    flags: set[str] = set()
    deleted = False
    status = headers.get("Status") or ""
    x_status = headers.get("X-Status") or ""
    if "R" in status:
        flags.add(SEEN)
    if "A" in x_status:
        flags.add(ANSWERED)
    if "F" in x_status:
        flags.add(FLAGGED)
    if "T" in x_status:
        flags.add(DRAFT)
    if "D" in x_status:
        deleted = True
    moz = (headers.get("X-Mozilla-Status") or "").strip()
    if re.fullmatch(r"[0-9A-Fa-f]{1,4}", moz):
        bits = int(moz, 16)
        flags |= {f for bit, f in ((_MOZ_READ, SEEN), (_MOZ_REPLIED, ANSWERED), (_MOZ_MARKED, FLAGGED)) if bits & bit}
        deleted = deleted or bool(bits & _MOZ_EXPUNGED)
    keywords = [keyword_atom(k) for k in (headers.get("X-Mozilla-Keys") or "").split() if k]
    return flags, list(dict.fromkeys(keywords)), deleted


def _buffered(stream: BinaryIO) -> BinaryIO:
    if isinstance(stream, io.BufferedIOBase):
        return cast(BinaryIO, stream)
    return cast(BinaryIO, io.BufferedReader(cast(io.RawIOBase, stream), _READ))


class _Cursor:
    """One mbox file read forward (see the module docstring); ``read`` is thread-safe."""

    def __init__(self, open_file: OpenFile, ref: str, window: int) -> None:
        self.lock = threading.Lock()
        self._open_file = open_file
        self._ref = ref
        self._window_cap = window
        self._opened: AbstractContextManager[BinaryIO] | None = None
        self._stream: BinaryIO | None = None
        self._seekable = False
        self._pos = 0
        self._window = bytearray()
        self._window_start = 0
        #: how many times the file was started again (for tests and the log)
        self.reopened = 0
        self._retired = False

    def read(self, at: int, length: int) -> bytes:
        with self.lock:
            start = at - self._window_start
            if self._window and start >= 0 and start + length <= len(self._window):
                return bytes(self._window[start : start + length])
            try:
                return self._read_forward(at, length)
            except BaseException:
                self._close()
                raise
            finally:
                if self._retired:  # closed while this read waited: keep nothing open
                    self._close()

    def _read_forward(self, at: int, length: int) -> bytes:
        if self._stream is None or (at < self._pos and not self._seekable):
            if self._stream is not None:
                self.reopened += 1
                log.info("reading an mbox again from its start to reach the message at byte %d", at)
            self._open()
        stream = cast(BinaryIO, self._stream)
        if self._seekable:
            stream.seek(at)
            self._pos = at
        while self._pos < at:
            self._keep(self._take(stream, min(_READ, at - self._pos), at))
        data = self._take(stream, length, at)
        if not self._seekable:
            self._keep(data)
        return data

    def _take(self, stream: BinaryIO, size: int, at: int) -> bytes:
        parts: list[bytes] = []
        wanted = size
        while wanted > 0:
            chunk = stream.read(min(wanted, _READ))
            if not chunk:
                raise BadItemError(f"the mbox file ends before the message at byte {at}: it changed since the "
                                   "listing", code="source_changed")
            parts.append(chunk)
            wanted -= len(chunk)
        self._pos += size
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _keep(self, data: bytes) -> None:
        if not self._window:
            self._window_start = self._pos - len(data)
        self._window += data
        excess = len(self._window) - self._window_cap
        if excess > 0:
            # drop a quarter more than needed: the memmove happens once per WINDOW/4 bytes read
            cut = min(len(self._window), excess + self._window_cap // 4)
            del self._window[:cut]
            self._window_start += cut

    def _open(self) -> None:
        self._close()
        opened = self._open_file(self._ref)
        self._stream = opened.__enter__()
        self._opened = opened
        seekable = getattr(self._stream, "seekable", None)
        self._seekable = bool(seekable and seekable())
        self._pos = 0

    def _close(self) -> None:
        opened, self._opened, self._stream = self._opened, None, None
        self._window = bytearray()
        self._window_start = self._pos = 0
        if opened is not None:
            opened.__exit__(None, None, None)

    def close(self) -> None:
        with self.lock:
            self._retired = True
            self._close()


class MailExpander(Expander):
    """Mail items from mbox files (see the module docstring)."""

    kind = Kind.MAIL

    def __init__(self, open_file: OpenFile, options: SourceOptions, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 window: int = WINDOW_BYTES) -> None:
        super().__init__(open_file, options)
        self.max_bytes = max_bytes
        self.window = window
        self._lock = threading.Lock()
        self._cursors: OrderedDict[str, _Cursor] = OrderedDict()
        self._reopened_before = 0

    # -- listing ---------------------------------------------------------------------------------

    def expand(self, files: Sequence[FileRef]) -> Iterator[SourceEntry]:
        seen: dict[str, str] = {}  # identity → SHA-256 of the message listed under it
        for ref in files:
            yield from self._expand_file(ref, seen)

    def _expand_file(self, ref: FileRef, seen: dict[str, str]) -> Iterator[SourceEntry]:
        folder = file_folder(ref.path)
        gmail = False
        count = 0
        try:
            with self.open_file(ref.ref) as opened:
                for message in iter_mbox(_buffered(opened), max_bytes=self.max_bytes):
                    count += 1
                    if message.too_large:
                        yield self._oversized(ref, folder, message)
                        continue
                    entries, gmail = self._entries(ref, folder, message, gmail, seen)
                    yield from entries
        except (BadItemError, OSError) as exc:
            code = exc.code if isinstance(exc, DegoogleError) else "unreadable"
            detail = exc.detail if isinstance(exc, DegoogleError) else str(exc.strerror or exc)
            where = f"after {count} messages" if count else "at its start"
            log.warning("mbox %s unreadable %s: %s", "/".join(ref.path), where, detail)
            key = "mail:file:" + hashlib.sha1(ref.ref.encode()).hexdigest()[:16] + f":{count}"
            yield SourceEntry(Kind.MAIL, key, (folder, ref.path[-1].replace("/", "-")), size=ref.size,
                              fingerprint=ref.fingerprint, locator="", problem=code,
                              detail=f"{'/'.join(ref.path)}: {where}: {detail}")

    def _oversized(self, ref: FileRef, folder: str, message: MboxMessage) -> SourceEntry:
        key = f"mail:big:{hashlib.sha1(ref.ref.encode()).hexdigest()[:16]}:{message.offset}"
        return SourceEntry(Kind.MAIL, key, (folder, f"message at byte {message.offset}"), size=message.size,
                           problem="mail_oversized",
                           detail=f"{'/'.join(ref.path)}: message at byte {message.offset} is {message.size} bytes "
                                  f"(over {self.max_bytes})")

    def _entries(self, ref: FileRef, folder: str, message: MboxMessage, gmail: bool,
                 seen: dict[str, str]) -> tuple[list[SourceEntry], bool]:
        raw = message.raw
        headers = parse_headers(raw)
        labels_value = headers.get("X-Gmail-Labels")
        if labels_value is not None:
            gmail = True
        left_out: str | None = None
        if gmail:
            labels = parse_labels(labels_value or "")
            place, left_out = listed_placement(labels, self.options.mail_policy, self.options.include_spam_trash)
            folders, flags, keywords = place.folders, place.flags, place.keywords
        else:
            flags, keywords, deleted = local_states(headers)
            if deleted:
                left_out = DELETED_AT_SOURCE
            elif folder in (JUNK, TRASH) and not self.options.include_spam_trash:
                left_out = SPAM_TRASH_LEFT_OUT
            folders = [folder]
        sha256 = hashlib.sha256(raw).hexdigest()
        ident = identity(headers.message_id(), date_header(headers), sha256)
        if ident in seen and seen[ident] != sha256:
            # another message with the same Message-ID and Date (a resent copy, a forged header): its
            # own identity, from its content; the first keeps the usual one (journal keys unchanged)
            ident = identity(None, "", sha256)
        if ident in seen:
            return [], gmail  # the same bytes again: listed once
        seen[ident] = sha256
        when = internal_date(raw, message.from_line_date)
        attrs: dict[str, Any] = {"flags": sorted(flags), "keywords": list(keywords),
                                 "date": when.isoformat() if when else None}
        locator = _LOCATOR_JSON.encode({"ref": ref.ref, "at": message.offset, "len": message.length,
                                        "sha": sha256[:16]})
        name = message_name(display_text(headers.get("Subject")), ident)
        several = len(folders) > 1 or self.options.mail_policy == "copy_per_label"
        entries = [
            SourceEntry(Kind.MAIL, f"mail:{ident}" + (f"@{target}" if several else ""), (target, name),
                        size=len(raw), fingerprint=sha256[:16], locator=locator, detail=ref.detail,
                        attrs=attrs, left_out=left_out)
            for target in folders
        ]
        return entries, gmail

    # -- reading back ----------------------------------------------------------------------------

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        try:
            where = json.loads(item.locator)
            ref, at, length, sha = str(where["ref"]), int(where["at"]), int(where["len"]), str(where["sha"])
        except (ValueError, KeyError, TypeError):
            raise BadItemError(f"{item.source_key}: no usable mbox locator", code="internal_error") from None
        retired: list[_Cursor] = []
        with self._lock:
            cursor = self._cursors.get(ref)
            if cursor is None:
                cursor = self._cursors[ref] = _Cursor(self.open_file, ref, self.window)
                # items come file after file: a file left behind gives back its stream and window
                while len(self._cursors) > OPEN_FILES:
                    retired.append(self._cursors.popitem(last=False)[1])
                    self._reopened_before += retired[-1].reopened
            self._cursors.move_to_end(ref)
        for old in retired:
            old.close()
        stored = cursor.read(at, length)
        found = next(iter_mbox(io.BytesIO(stored), max_bytes=self.max_bytes), None)
        if found is None or found.too_large or hashlib.sha256(found.raw).hexdigest()[:16] != sha:
            raise BadItemError(f"{item.source_path}: the mbox file changed since the listing (plan again)",
                               code="source_changed")
        return nullcontext(cast(BinaryIO, io.BytesIO(found.raw)))

    def open_files(self) -> int:
        """How many mbox files are open for reading back (at most ``OPEN_FILES``)."""
        with self._lock:
            return len(self._cursors)

    def reopened(self) -> int:
        """How many times a file had to be read again from its start (a figure for tests and logs)."""
        with self._lock:
            return self._reopened_before + sum(c.reopened for c in self._cursors.values())

    def close(self) -> None:
        with self._lock:
            cursors, self._cursors = self._cursors, OrderedDict()
        for cursor in cursors.values():
            cursor.close()
