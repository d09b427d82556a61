"""IMAP accounts as a source: any server, iCloud Mail, Gmail over IMAP. Read-only, always.

Specs: ``imaps://user@host[:port]``, ``imap://user@host[:port]`` (STARTTLS; without encryption only
to this computer) or ``icloud-mail:APPLE_ID`` — ``protocols.imap`` says them in full.

Promises: folders are opened with EXAMINE (RFC 3501 §6.3.2) and bodies fetched with ``BODY.PEEK[]``
(§6.4.5), so nothing at the source changes — no ``\\Seen`` set, never STORE, EXPUNGE, COPY or
MOVE. The constructor touches no network; ``scan`` and ``open`` sign in when first needed.

The parts: the account, signing in and the errors (``protocols.imap``); which folders are
read, where each message goes, Gmail's labels and the listing order (``sources.imap_listing``);
reading messages back in batches, with read-ahead and a cache (``sources.imap_reading``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import BinaryIO, cast

from imapclient import IMAPClient

from degoogle.errors import BadItemError, FatalError
from degoogle.model import Item, SourceEntry
from degoogle.protocols.imap import (
    ICLOUD_HOST,
    ImapAccount,
    Security,
    Session,
    Side,
    TlsContext,
    close_quietly,
    connect,
    imap_errors_as_ours,
)
from degoogle.sources.base import Source, SourceOptions
from degoogle.sources.imap_listing import (
    BATCH_BYTES,
    BATCH_MESSAGES,
    INTERLEAVED_FOLDERS,
    gmail_labels,
    list_messages,
)
from degoogle.sources.imap_reading import CACHE_BYTES, MessageReader

__all__ = [
    "BATCH_BYTES", "BATCH_MESSAGES", "CACHE_BYTES", "ICLOUD_HOST", "INTERLEAVED_FOLDERS", "ImapAccount", "ImapSource",
    "Security", "Side", "TlsContext", "connect", "gmail_labels", "imap_errors_as_ours", "open_imap",
]


class ImapSource(Source):
    """An IMAP account read without changing anything (see the module docstring)."""

    def __init__(self, spec: str, options: SourceOptions | None = None, *, timeout: float = 60.0) -> None:
        self.spec = spec
        self.account = ImapAccount.parse(spec)
        self.options = options or SourceOptions()
        self.timeout = timeout
        self._tls = TlsContext()
        self._listing = Session(self._sign_in)
        self._reader = MessageReader(self._sign_in, timeout)

    @property
    def fetches(self) -> int:
        """FETCH commands sent by ``open`` (a figure for tests and benchmarks)."""
        return self._reader.fetches

    def describe(self) -> str:
        return ("iCloud Mail " if self.account.icloud else "mail account ") + self.account.describe()

    def _sign_in(self) -> IMAPClient:
        if not self.options.password:
            raise FatalError(f"no password for {self.account.describe()}", code="source_auth_failed")
        return connect(self.account, self.options.password, side="source", timeout=self.timeout, tls=self._tls)

    def probe(self) -> None:
        """Signs in and out once: ``RetryableError`` (``source_unreachable``) while the server cannot
        be reached, ``FatalError`` when it refuses the password."""
        close_quietly(self._sign_in())

    def scan(self) -> Iterator[SourceEntry]:
        with self._listing.lock:
            try:
                with imap_errors_as_ours(f"listing {self.account.host}", "source"):
                    yield from list_messages(self._listing, self.options)
            finally:
                self._listing.close()

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """The message's bytes as the server stores them; ``BadItemError`` (``source_changed``) when
        it is no longer there or its folder was renumbered, ``RetryableError`` on a dropped link."""
        try:
            where = json.loads(item.locator)
            folder, validity, uid = str(where["f"]), int(where["v"]), int(where["u"])
            lo, hi = (int(x) for x in where["b"])
        except (ValueError, KeyError, TypeError):
            raise BadItemError(f"{item.source_key}: no usable IMAP locator", code="internal_error") from None
        following = where.get("n")
        ahead = (int(following[0]), int(following[1])) if isinstance(following, list) and len(following) == 2 else None
        data = self._reader.message(folder, validity, uid, (lo, hi), ahead)
        if data is None:
            raise BadItemError(f"{item.source_path}: no longer in {folder} at the source", code="source_changed")
        return nullcontext(cast(BinaryIO, io.BytesIO(data)))

    def close(self) -> None:
        self._reader.stop()
        with self._listing.lock:
            self._listing.close()
        self._reader.close()


def open_imap(spec: str, rest: str, options: SourceOptions) -> Source:
    """``sources.registry`` factory for ``imap://``, ``imaps://`` and ``icloud-mail:``."""
    return ImapSource(spec, options)
