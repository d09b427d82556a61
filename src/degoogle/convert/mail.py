"""Gmail labels to IMAP folders, flags and keywords; mail dates, identities and folder names.

Terminology: a *label* is one entry of Gmail's ``X-Gmail-Labels`` header (Takeout) or ``X-GM-LABELS``;
*system labels* are Gmail's own (Inbox, Sent, Unread…), written in the account's language; *user
labels* are the person's, ``/`` separating levels. A *placement* says where one message goes: the
folders (a *role* such as ``\\Sent``, or a user folder path with ``/`` as hierarchy), the IMAP flags
and the keywords.

Sources followed:

- RFC 6154 (special-use mailboxes): the roles ``\\Sent \\Drafts \\Junk \\Trash \\Archive``; ``\\Inbox``
  stands here for RFC 3501's ``INBOX``. The IMAP target maps roles to the server's folders.
- RFC 3501 §9 (``atom-char``, ``flag-keyword``) for keywords; §5.1.3 for modified UTF-7 folder names.
- RFC 8457: the ``$Important`` keyword, used for Gmail's Important label.
- RFC 2047 §6.2: adjacent encoded-words are joined without the white space between them.
- Takeout's header as seen in real exports: the whole value may be one encoded-word holding commas
  and quotes (``=?UTF-8?Q?Bo=C3=AEte_de_r=C3=A9ception,Non_lus?=``, folded over several lines), so
  the value is decoded first and split on commas outside double quotes afterwards. French names
  (``Boîte de réception``, ``Messages envoyés``, ``Brouillons``, ``Non lus``, ``Ouvert``,
  ``Corbeille``, ``Messages archivés``, ``Catégorie\\xa0: …`` with a no-break space) from Takeout
  samples in suitenumerique/messages and public test fixtures.
- RFC 5321 §4.4: ``Received:`` fields are prepended, so the first one in the header is the newest hop.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from typing import Literal

INBOX = "\\Inbox"
SENT = "\\Sent"
DRAFTS = "\\Drafts"
JUNK = "\\Junk"
TRASH = "\\Trash"
ARCHIVE = "\\Archive"

#: reason codes for messages the sources list but leave out on purpose (``SourceEntry.left_out``)
SPAM_TRASH_LEFT_OUT = "spam_trash_left_out"
DELETED_AT_SOURCE = "deleted_at_source"
#: Not a special-use role: Gmail's chat transcripts get a folder of their own with this name.
CHATS_FOLDER = "Chats"

SEEN = "\\Seen"
FLAGGED = "\\Flagged"
DRAFT = "\\Draft"
IMPORTANT_KEYWORD = "$Important"

Policy = Literal["one_copy", "copy_per_label"]

# Gmail's system labels as Takeout writes them, English and French, folded with ``_fold``.
_SYSTEM_LABELS: dict[str, str] = {
    "inbox": "inbox", "boîte de réception": "inbox",
    "sent": "sent", "messages envoyés": "sent", "envoyés": "sent",
    "drafts": "drafts", "brouillons": "drafts",
    "starred": "starred", "suivis": "starred", "favoris": "starred",
    "important": "important",
    "unread": "unread", "non lus": "unread",
    "opened": "opened", "ouvert": "opened", "ouverts": "opened",
    "spam": "spam", "trash": "trash", "corbeille": "trash",
    "chat": "chat", "chats": "chat",
    "archived": "archived", "archivés": "archived", "messages archivés": "archived",
}
_CATEGORY_PREFIXES = ("category ", "catégorie :", "catégorie:")
_ROLE_OF = {"inbox": INBOX, "sent": SENT, "drafts": DRAFTS, "spam": JUNK, "trash": TRASH, "chat": CHATS_FOLDER}
# Main folder in "one copy": the first of these the message has, then its first user label.
_MAIN_ORDER = ("drafts", "inbox", "sent", "chat")
# RFC 3501 atom-specials (plus "]" which resp-specials forbids in a flag) are not atom-chars.
_NOT_ATOM_CHAR = re.compile(r'[^\x21-\x7e]|[(){%*"\\\]]')
_MAX_HEADER_BYTES = 1024 * 1024


@dataclass(frozen=True)
class MailPlacement:
    """Where one message goes on the IMAP side.

    ``folders`` hold roles (``\\Inbox``, ``\\Sent``… see the module constants) or user folder paths
    with ``/`` as hierarchy; empty when ``skipped_reason`` says why the message is left out
    (``"spam"`` or ``"trash"``). ``flags`` are IMAP system flags; ``keywords`` are IMAP keyword atoms.
    """

    folders: list[str]
    flags: set[str] = field(default_factory=set)
    keywords: list[str] = field(default_factory=list)
    skipped_reason: str | None = None


def _fold(label: str) -> str:
    return " ".join(label.replace("\xa0", " ").split()).casefold()


def system_label(label: str) -> str | None:
    """Return the canonical name of a Gmail system label (``"inbox"``, ``"category"``…) or None."""
    folded = _fold(label)
    if folded.startswith(_CATEGORY_PREFIXES):
        return "category"
    return _SYSTEM_LABELS.get(folded)


def _decode_words(value: str) -> str:
    try:
        parts = decode_header(value)
    except (HeaderParseError, ValueError):
        return value
    text = []
    for part, charset in parts:
        if isinstance(part, str):
            text.append(part)
        elif charset is None:
            # decode_header hands back the text between encoded-words in this codec.
            text.append(part.decode("raw-unicode-escape", errors="replace"))
        else:
            try:
                text.append(part.decode(charset, errors="replace"))
            except LookupError:
                text.append(part.decode("utf-8", errors="replace"))
    return "".join(text)


def parse_labels(header_value: str) -> list[str]:
    """Return the labels of an ``X-Gmail-Labels`` value, in order, decoded, without duplicates.

    Promises: folded lines are unfolded, RFC 2047 encoded-words decoded (the whole value or parts of
    it), labels split on commas outside double quotes (``\\`` escapes inside quotes), blanks around
    each label dropped, empty labels dropped. Never raises: undecodable words stay as written.
    """
    unfolded = re.sub(r"\r?\n[ \t]", " ", header_value)
    text = _decode_words(unfolded) if "=?" in unfolded else unfolded
    labels: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in text + ",":
        if escaped:
            current.append(char)
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            label = "".join(current).strip()
            if label and label not in labels:
                labels.append(label)
            current = []
        else:
            current.append(char)
    return labels


def folder_path(label: str) -> str:
    """Return the folder path of a user label: ``/``-separated levels, empty levels and blanks dropped."""
    return "/".join(part.strip() for part in label.split("/") if part.strip())


def keyword_atom(label: str) -> str:
    """Return an IMAP keyword (RFC 3501 ``flag-keyword``) standing for ``label``.

    Promises: only atom-chars; accents dropped (``é`` → ``e``), blanks and atom-specials turned into
    ``_``; never starts with ``\\``; a label with nothing left gets ``label_`` + 8 hex of its SHA-256.
    Two labels differing only in what is dropped share a keyword.
    """
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    atom = _NOT_ATOM_CHAR.sub("_", ascii_text.strip()).lstrip("\\")
    if not atom.strip("_"):
        return "label_" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:8]
    return atom


def placement(labels: list[str], policy: Policy = "one_copy", include_spam_trash: bool = False) -> MailPlacement:
    """Decide folders, flags and keywords for a message from its Gmail labels.

    Promises: ``\\Seen`` unless Unread; ``\\Flagged`` for Starred; ``\\Draft`` and ``\\Drafts`` for
    Drafts; Sent → ``\\Sent``; Chat → ``Chats``; Important → ``$Important`` and categories → keywords
    (never folders); no folder label → ``\\Archive`` (Gmail's All Mail). Spam and Trash messages are
    skipped (``skipped_reason``) unless ``include_spam_trash``; then they go to ``\\Trash`` (or
    ``\\Junk``) only, their other folder labels becoming keywords. ``one_copy``: one folder (Drafts,
    Inbox, Sent, Chat, then the first user label), the other user labels as keywords.
    ``copy_per_label``: one folder per folder label. Raises ``ValueError`` for an unknown policy.
    """
    if policy not in ("one_copy", "copy_per_label"):
        raise ValueError(f"unknown label policy: {policy!r}")
    system = {kind for kind in map(system_label, labels) if kind}
    if not include_spam_trash:
        for kind in ("trash", "spam"):
            if kind in system:
                return MailPlacement(folders=[], skipped_reason=kind)
    flags: set[str] = set()
    if "unread" not in system:
        flags.add(SEEN)
    if "starred" in system:
        flags.add(FLAGGED)
    if "drafts" in system:
        flags.add(DRAFT)
    keywords: list[str] = []
    if "important" in system:
        keywords.append(IMPORTANT_KEYWORD)
    keywords += [keyword_atom(label) for label in labels if system_label(label) == "category"]
    user_folders = [path for path in (folder_path(lb) for lb in labels if not system_label(lb)) if path]
    system_folders = [_ROLE_OF[kind] for kind in ("inbox", "sent", "drafts", "chat") if kind in system]
    bin_kind = "trash" if "trash" in system else "spam" if "spam" in system else None
    if bin_kind:
        folders = [_ROLE_OF[bin_kind]]
        others = user_folders
    elif policy == "copy_per_label":
        folders = system_folders + user_folders
        others = []
    else:
        main = next((_ROLE_OF[kind] for kind in _MAIN_ORDER if kind in system), None)
        folders = [main] if main else user_folders[:1]
        others = user_folders if main else user_folders[1:]
    keywords += [keyword_atom(path) for path in others]
    return MailPlacement(folders=list(dict.fromkeys(folders)) or [ARCHIVE], flags=flags,
                         keywords=list(dict.fromkeys(keywords)))



def listed_placement(labels: list[str], policy: Policy = "one_copy",
                     include_spam_trash: bool = False) -> tuple[MailPlacement, str | None]:
    """``placement`` for listing, with the reason a message is left out (``SPAM_TRASH_LEFT_OUT``) or
    None. A message left out is placed where it would go if asked for, so planning again with Spam
    and Trash moves the same row."""
    place = placement(labels, policy, include_spam_trash)
    if place.skipped_reason:
        return placement(labels, policy, True), SPAM_TRASH_LEFT_OUT
    return place, None

def _headers(raw: bytes) -> Message:
    # Only the header block is parsed, and at most 1 MiB of it: a message may carry a 100 MB attachment.
    ends = [i + 1 for i in (raw.find(b"\n\n"), raw.find(b"\r\n\r\n")) if i >= 0]
    head = raw[: min([*ends, _MAX_HEADER_BYTES])]
    return BytesParser(policy=compat32).parsebytes(head, headersonly=True)


def _header_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(" ".join(value.split()))
    except (TypeError, ValueError, IndexError):
        return None
    # RFC 5322 §3.3: "-0000" (parsed as naive) means UTC with no local zone known.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def internal_date(message_bytes: bytes, from_line_date: datetime | None) -> datetime | None:
    """Return the date the message arrived, for IMAP's internal date, or None when nothing says.

    Promises: ``from_line_date`` when given; else the date of the first ``Received:`` field (the
    newest hop, i.e. delivery to the mailbox); else ``Date:``; else None, never "now". A naive date is
    taken as UTC. Never raises on broken headers.
    """
    if from_line_date is not None:
        return from_line_date if from_line_date.tzinfo else from_line_date.replace(tzinfo=UTC)
    headers = _headers(message_bytes)
    for received in headers.get_all("Received") or []:
        _, semicolon, when = str(received).rpartition(";")
        if semicolon and (found := _header_date(when)):
            return found
    date = headers.get("Date")
    return _header_date(str(date)) if date is not None else None


def message_id(raw: bytes) -> str | None:
    """Return the first ``Message-ID`` of a message (its ``<…>`` part when there is one) or None.

    Promises: blanks and folding removed; None when absent or empty. Never raises.
    """
    value = _headers(raw).get("Message-ID")
    if value is None:
        return None
    # 8-bit bytes reach here as surrogate escapes: make them U+FFFD so the key can be stored as UTF-8.
    text = "".join(str(value).split()).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    found = re.search(r"<[^<>]+>", text)
    return found.group(0) if found else (text or None)


def content_key(raw: bytes) -> str:
    """Return a key naming a message by content: ``<size>:<Date as UTC ISO or "nodate">:<sha256 hex>``.

    For messages with no Message-ID: two byte-identical messages share it, any change gives another.
    Never raises.
    """
    date_value = _headers(raw).get("Date")
    date = _header_date(str(date_value)) if date_value is not None else None
    stamp = date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if date else "nodate"
    return f"{len(raw)}:{stamp}:{hashlib.sha256(raw).hexdigest()}"


def imap_utf7_encode(name: str) -> str:
    """Return a folder name in IMAP modified UTF-7 (RFC 3501 §5.1.3). Never raises on ``str``.

    Printable ASCII stands for itself, ``&`` becomes ``&-``, every other run is UTF-16BE in base64
    with ``,`` for ``/``, no padding, between ``&`` and ``-``.
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            data = "".join(run).encode("utf-16-be", errors="surrogatepass")
            out.append("&" + base64.b64encode(data).decode("ascii").rstrip("=").replace("/", ",") + "-")
            run.clear()

    for char in name:
        if "\x20" <= char <= "\x7e":
            flush()
            out.append("&-" if char == "&" else char)
        else:
            run.append(char)
    flush()
    return "".join(out)


def imap_utf7_decode(name: str) -> str:
    """Return the Unicode form of a modified UTF-7 folder name (RFC 3501 §5.1.3).

    Raises ``ValueError`` when the name is not valid modified UTF-7: a character outside printable
    ASCII, an unterminated ``&`` run, bad base64, a run encoding printable ASCII, or odd UTF-16.
    """
    out: list[str] = []
    index = 0
    while index < len(name):
        char = name[index]
        if not "\x20" <= char <= "\x7e":
            raise ValueError(f"not modified UTF-7: character {char!r} at {index}")
        if char != "&":
            out.append(char)
            index += 1
            continue
        end = name.find("-", index + 1)
        if end < 0:
            raise ValueError(f"not modified UTF-7: '&' at {index} is never closed by '-'")
        chunk = name[index + 1 : end]
        index = end + 1
        if not chunk:
            out.append("&")
            continue
        if not re.fullmatch(r"[A-Za-z0-9+,]+", chunk) or len(chunk) % 4 == 1:
            raise ValueError(f"not modified UTF-7: bad base64 run {chunk!r}")
        data = base64.b64decode(chunk.replace(",", "/") + "=" * (-len(chunk) % 4))
        if len(data) % 2:
            raise ValueError(f"not modified UTF-7: run {chunk!r} is not whole UTF-16 units")
        text = data.decode("utf-16-be", errors="strict")
        if any("\x20" <= c <= "\x7e" for c in text):
            raise ValueError(f"not modified UTF-7: run {chunk!r} encodes printable ASCII")
        out.append(text)
    return "".join(out)
