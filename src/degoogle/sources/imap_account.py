"""Old home of the IMAP client, kept so ``degoogle.sources.imap_account`` imports keep working.

The client now lives in :mod:`degoogle.protocols.imap` (issue 14), where the IMAP source and the
hoster's mailbox (a target) both import it.
"""

from __future__ import annotations

from degoogle.protocols.imap import (
    ICLOUD_HOST,
    ImapAccount,
    Security,
    Session,
    Side,
    TlsContext,
    close_quietly,
    connect,
    error_text,
    imap_errors_as_ours,
)

__all__ = [
    "ICLOUD_HOST",
    "ImapAccount",
    "Security",
    "Session",
    "Side",
    "TlsContext",
    "close_quietly",
    "connect",
    "error_text",
    "imap_errors_as_ours",
]
