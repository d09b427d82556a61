"""The only door to secrets: the OS keyring, or for scripts an environment variable or a file.

Secrets are looked up at the moment they are needed and handed to the target; they are never
written to the journal, the logs or the reports (``logs.Redactor`` masks them in case a library
echoes one back). There is no plaintext fallback: with no keyring the user is told how to pass the
secret for this run only.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from degoogle.errors import UserError

SERVICE = "degoogle"
TARGET_ENV = "DEGOOGLE_TARGET_PASSWORD"


class SecretStore:
    """Secrets in the OS keyring under the service name ``degoogle``."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def get(self, name: str) -> str | None:
        """The secret, or None when absent or when no keyring is usable here."""
        try:
            return keyring.get_password(self.service, name)
        except NoKeyringError:
            return None
        except KeyringError:
            return None

    def set(self, name: str, secret: str) -> None:
        """Store a secret; ``UserError`` when no keyring is usable (never a plaintext fallback)."""
        try:
            keyring.set_password(self.service, name, secret)
        except KeyringError as exc:
            raise UserError(
                "no usable keyring on this computer to keep the password safely; "
                f"pass it for this run with {TARGET_ENV} or --password-file",
                code="no_keyring",
            ) from exc

    def delete(self, name: str) -> None:
        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(self.service, name)


def target_password(keyring_name: str, *, password_file: Path | None = None,
                    store: SecretStore | None = None) -> str:
    """The target's password: ``--password-file``, then ``DEGOOGLE_TARGET_PASSWORD``, then the keyring.

    Raises ``UserError`` saying where it was looked for when there is none.
    """
    if password_file is not None:
        try:
            secret = password_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UserError(f"cannot read the password file {password_file.name}", code="no_password") from exc
        if secret:
            return secret
    secret = os.environ.get(TARGET_ENV, "")
    if secret:
        return secret
    secret = (store or SecretStore()).get(keyring_name) or ""
    if secret:
        return secret
    raise UserError(
        f"no password for {keyring_name}: none in the keyring, none in {TARGET_ENV}, no --password-file",
        code="no_password",
    )
