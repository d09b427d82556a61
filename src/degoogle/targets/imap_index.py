"""What a target mailbox holds, by message identity: how the IMAP target (``targets.imap``) writes
each message once.

A message's *identity* is ``c:<size>:<sha256>`` of its bytes (CRLF line endings, as IMAP carries
them): two different messages with the same Message-ID and Date are two messages, the same bytes
one. A ``MailboxIndex`` is read once per run (EXAMINE, then FETCH of every message's size,
Message-ID and Date, ``BODY.PEEK`` so nothing is marked read); its messages are known by size until
a message of that size is written, then the few of that size are hashed (``confirm_by_content``).
Journals written before this kept ``m:`` + a hash of Message-ID and Date: the index still knows
those keys from the headers, for their verification.
After APPENDs whose answer was lost, ``catch_up`` reads what the mailbox got since. Every method
taking a client uses it for the calls it makes, read-only; the caller holds the client.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from imapclient import IMAPClient

from degoogle.convert.mail_headers import date_header, identity, parse_headers

log = logging.getLogger(__name__)

HEADER_FIELDS = b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE)]"
_FETCH_CHUNK = 2000
_CRLF = re.compile(rb"\r\n|\r(?!\n)|\n")  # imaplib's own rule for APPEND


def wire_bytes(raw: bytes) -> bytes:
    """The message as IMAP carries it: every line ending CRLF, nothing else changed."""
    crlf = raw.count(b"\r\n")
    if crlf == raw.count(b"\n") == raw.count(b"\r"):
        return raw  # already so (everything read from an IMAP server): no copy
    return _CRLF.sub(b"\r\n", raw)


def message_key(wire: bytes) -> tuple[str, bool]:
    """``(identity, known from the headers alone)`` of a message in wire form: its content, always
    (see the module docstring), so the second is False."""
    return f"c:{len(wire)}:{hashlib.sha256(wire).hexdigest()}", False


@dataclass
class MailboxIndex:
    """What one mailbox holds, by identity; messages with no Message-ID by size until confirmed.
    ``lock`` guards every field; the methods below take it themselves."""

    keys: dict[str, int | None] = field(default_factory=dict)  # identity → UID (None: not known)
    validity: int = 0
    #: the highest UID known in the mailbox: what a catch-up reads from
    top: int = 0
    by_size: dict[int, list[int]] = field(default_factory=dict)
    #: identities being APPENDed now (by one writer: another waits)
    in_flight: set[str] = field(default_factory=set)
    #: identities whose APPEND's answer was lost and not yet looked for: never sent before ``catch_up``
    unsure: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def read(cls, client: IMAPClient, mailbox: str) -> MailboxIndex:
        index = cls()
        opened = client.select_folder(mailbox, readonly=True)
        index.validity = int(opened.get(b"UIDVALIDITY", 0))
        if opened.get(b"EXISTS", 0):
            index._fetch(client, sorted(client.search(["ALL"])))
        client.unselect_folder()
        log.info("%s holds %d messages with a Message-ID, %d without", mailbox, len(index.keys),
                 sum(len(v) for v in index.by_size.values()))
        return index

    def _fetch(self, client: IMAPClient, uids: list[int]) -> None:
        for start in range(0, len(uids), _FETCH_CHUNK):
            found = client.fetch(uids[start : start + _FETCH_CHUNK], [b"RFC822.SIZE", HEADER_FIELDS])
            with self.lock:
                for uid, data in found.items():
                    self._add_fetched(uid, data)

    def _add_fetched(self, uid: int, data: dict[bytes, Any]) -> None:
        self.top = max(self.top, uid)
        head = next((v for k, v in data.items() if k.upper().startswith(b"BODY[HEADER.FIELDS")), b"") or b""
        headers = parse_headers(head)
        mid = headers.message_id()
        if mid:  # what journals written before content identities keep (their verification)
            self.keys["m:" + identity(mid, date_header(headers), "")] = uid
        self.by_size.setdefault(int(data.get(b"RFC822.SIZE", 0)), []).append(uid)

    def confirm_by_content(self, client: IMAPClient, mailbox: str, size: int) -> None:
        """Hash the messages of ``size`` bytes, so their ``c:`` keys are known."""
        with self.lock:
            uids = self.by_size.pop(size, [])
        if not uids:
            return
        client.select_folder(mailbox, readonly=True)
        found = client.fetch(uids, [b"BODY.PEEK[]"])
        with self.lock:
            for uid, data in found.items():
                body = data.get(b"BODY[]")
                if isinstance(body, bytes):
                    self.keys[f"c:{len(body)}:{hashlib.sha256(body).hexdigest()}"] = uid

    def catch_up(self, client: IMAPClient, mailbox: str, sizes: Iterable[int]) -> None:
        """After APPENDs whose answer was lost: add what the mailbox got since it was read (the
        UIDs above ``top``; all of it again when it was renumbered), and hash its messages with no
        Message-ID of ``sizes`` bytes. Settles the ``unsure`` identities there were on the call."""
        with self.lock:
            unsure = set(self.unsure)
            top = self.top
        validity = int(client.select_folder(mailbox, readonly=True).get(b"UIDVALIDITY", 0))
        if validity != self.validity:
            fresh = MailboxIndex.read(client, mailbox)
            with self.lock:
                self.keys, self.by_size = fresh.keys, fresh.by_size
                self.validity, self.top = fresh.validity, fresh.top
        else:
            # "n:*" names the highest UID even when it is below n (RFC 3501 §6.4.8)
            self._fetch(client, [u for u in client.search(["UID", f"{top + 1}:*"]) if u > top])
        for size in set(sizes):
            self.confirm_by_content(client, mailbox, size)
        with self.lock:
            self.unsure -= unsure

    def checksum(self, key: str) -> str:
        """What the journal keeps of a written message: its identity, and where it is when known
        (``UIDVALIDITY:UID``), so that verification needs only the folder's list of UIDs. Call
        with ``lock`` held."""
        uid = self.keys.get(key)
        return f"{key} {self.validity}:{uid}" if uid is not None and self.validity else key
