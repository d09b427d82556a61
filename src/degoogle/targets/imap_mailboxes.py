"""The hoster's mailboxes, for the IMAP target (``targets.imap``): what the server says about itself,
which mailbox each folder goes to, and creating the ones missing.

Terminology: a *mailbox* is an IMAP folder as the server names it (``INBOX``, ``Envoyés``,
``INBOX.Travail.Clients``); a *folder* is the target-side folder of an item as the source said it
(a role such as ``\\Sent``, or a user path ``Travail/Clients``).

Promises: roles go to the server's special-use mailboxes (RFC 6154 ``LIST`` flags), whatever their
names; a server that flags none is matched by well-known names (``Sent``, ``Envoyés``…), and a role
with no mailbox at all gets one (``Sent``, ``Drafts``, ``Junk``, ``Trash``, ``Archive``). User paths
become mailboxes under the personal namespace (RFC 2342) with the server's separator (a separator
inside a label becomes ``_``), names in modified UTF-7 (RFC 3501 §5.1.3, done by imapclient);
created mailboxes are subscribed so mail programs show them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from degoogle.convert.mail import ARCHIVE, DRAFTS, INBOX, JUNK, SENT, TRASH
from degoogle.convert.mail_headers import role_of_name
from degoogle.errors import BadItemError

log = logging.getLogger(__name__)

DEFAULT_NAMES = {SENT: "Sent", DRAFTS: "Drafts", JUNK: "Junk", TRASH: "Trash", ARCHIVE: "Archive"}
_SPECIAL_USE = {b"\\sent": SENT, b"\\drafts": DRAFTS, b"\\junk": JUNK, b"\\trash": TRASH, b"\\archive": ARCHIVE}


@dataclass
class MailServer:
    """What the server said about itself after sign-in."""

    delimiter: str
    prefix: str
    appendlimit: int | None
    literal_plus: bool
    multiappend: bool
    mailboxes: set[str]
    special: dict[str, str]

    @classmethod
    def learn(cls, client: IMAPClient, who: str) -> MailServer:
        """Ask the server (``client``, signed in as ``who``) its capabilities, personal namespace and
        mailboxes; IMAP errors pass through."""
        caps = {c.upper() for c in client.capabilities()}
        limit = next((int(c.split(b"=", 1)[1]) for c in caps if c.startswith(b"APPENDLIMIT=") and
                      c.split(b"=", 1)[1].isdigit()), None)
        prefix, delimiter = "", ""
        if b"NAMESPACE" in caps:
            personal = client.namespace().personal
            if personal:
                prefix, delimiter = (_text(personal[0][0]), _text(personal[0][1]))
        mailboxes: set[str] = set()
        special: dict[str, str] = {}
        by_name: dict[str, str] = {}
        for flags, sep, name in client.list_folders():
            delimiter = delimiter or _text(sep)
            folded = {f.lower() for f in flags}
            if b"\\noselect" in folded or b"\\nonexistent" in folded:
                continue
            mailboxes.add(name)
            for flag, role in _SPECIAL_USE.items():
                if flag in folded:
                    special.setdefault(role, name)
            bare = name[len(prefix):] if prefix and name.startswith(prefix) else name
            named = role_of_name(bare) if not delimiter or delimiter not in bare else None
            if named is not None and named != INBOX:
                by_name.setdefault(named, name)
        for role, name in by_name.items():
            special.setdefault(role, name)
        log.info("mailbox %s: separator %r, namespace %r, special folders %s, APPENDLIMIT %s",
                 who, delimiter, prefix, special, limit)
        return cls(delimiter or "/", prefix, limit, b"LITERAL+" in caps, b"MULTIAPPEND" in caps, mailboxes, special)

    def mailbox_name(self, folder: str) -> str:
        """The mailbox for a target-side folder, found or named (not created)."""
        if folder == INBOX:
            return "INBOX"
        if folder in DEFAULT_NAMES:
            return self.special.get(folder) or self.prefix + DEFAULT_NAMES[folder]
        parts = [p.replace(self.delimiter, "_") for p in folder.split("/") if p]
        return self.prefix + self.delimiter.join(parts)

    def create(self, client: IMAPClient, name: str) -> None:
        """Create mailbox ``name`` and the levels above it that are missing, and subscribe to each.
        ``BadItemError`` (``mail_refused``) when the server refuses to create one; a broken
        connection (``IMAPClientAbortError``) passes through."""
        levels = name[len(self.prefix):].split(self.delimiter) if self.delimiter else [name]
        for depth in range(1, len(levels) + 1):
            path = self.prefix + self.delimiter.join(levels[:depth])
            if path in self.mailboxes:
                continue
            try:
                client.create_folder(path)
            except imap_errors.IMAPClientAbortError:
                raise
            except imap_errors.IMAPClientError as exc:
                if "ALREADYEXISTS" not in str(exc).upper():
                    raise BadItemError(f"the server refused to create the folder {path!r}: {exc}",
                                       code="mail_refused") from exc
            try:
                client.subscribe_folder(path)
            except imap_errors.IMAPClientAbortError:
                raise
            except imap_errors.IMAPClientError as exc:
                log.info("could not subscribe to %s: %s", path, exc)
            self.mailboxes.add(path)
            log.info("created the folder %s", path)


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")
