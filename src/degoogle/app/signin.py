"""Finishing a Nextcloud sign-in: keep the new app password, revoke the one it replaces, check.

The one code path behind ``degoogle login`` and the wizard's sign-in box: both get ``Credentials``
(from Login Flow v2, or a login and app password typed by hand) and call ``finish_sign_in`` with
what they kept before for that account and how they keep secrets.

Why the order and the fresh connections: a real Nextcloud (29, seen against one) signs a request
carrying its session cookies in as the cookie's session, whatever its ``Authorization`` header says.
Revoking the previous app password on a connection that had just used the new one deleted the new
one. So every check here runs on a connection of its own (``make_session``), revocation too
(``login.revoke``), and the new password is asked for again once the old one is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from degoogle.errors import FatalError, RetryableError, UserError
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.login import Credentials, Revocation, revoke
from degoogle.targets.nextcloud.server import NextcloudServer, make_session

log = logging.getLogger(__name__)

#: keeps an account's app password; True when kept beyond this session (the keyring)
Keep = Callable[[NextcloudAccount, str], bool]


@dataclass(frozen=True)
class SignedIn:
    """What ``finish_sign_in`` did. ``user_id`` is the server's id for the account (None when the
    server did not say); ``replaced`` what became of the previous app password (None: there was none,
    or it was the same); ``kept`` whether the new one is kept beyond this session."""

    account: NextcloudAccount
    user_id: str | None
    replaced: Revocation | None
    kept: bool


def user_id(account: NextcloudAccount, password: str) -> str | None:
    """The server's user id for ``account`` signed in with ``password``, asked on a connection of its
    own; None when the server cannot tell now (no answer, no OCS API). Raises ``FatalError``
    ``auth_failed`` when the server refuses the password, and what ``NextcloudServer`` raises for a
    refused certificate."""
    with make_session() as session:
        try:
            return NextcloudServer.for_account(account, password, session).current_user().id
        except FatalError as exc:
            if exc.code in ("auth_failed", "tls_error"):
                raise
            log.info("who signed in is unknown: %s", exc.code)
        except (RetryableError, UserError) as exc:
            log.info("who signed in is unknown: %s", exc.code)
    return None


def finish_sign_in(credentials: Credentials, *, previous: str | None, keep: Keep) -> SignedIn:
    """Check the new app password, keep it (``keep``), then revoke ``previous`` (what was kept for
    this account before) at the server and check the new one still works.

    Raises ``FatalError`` ``auth_failed`` when the server refuses the new password (nothing is
    kept), or when it stopped working once the previous one was revoked (it is kept, so that
    ``degoogle logout`` can still try to revoke it); what ``keep`` raises (``UserError``
    ``no_keyring``).
    """
    account, password = credentials.account, credentials.app_password
    uid = user_id(account, password)
    kept = keep(account, password)
    replaced: Revocation | None = None
    if previous and previous != password:
        replaced = revoke(account, previous)
        log.info("previous app password of %s: %s", account.keyring_name, replaced.value)
        user_id(account, password)  # raises auth_failed if revoking took the new one with it
    return SignedIn(account, uid, replaced, kept)
