"""The only door to secrets: the OS keyring, or for scripts an environment variable or a file.

Secrets are looked up at the moment they are needed and handed to the target; they are never
written to the journal, the logs or the reports (``logs.Redactor`` masks them in case a library
echoes one back). There is no plaintext fallback: with no keyring the user is told how to pass the
secret for this run only.

Which keyring: the one the person configured for Python's ``keyring`` (``PYTHON_KEYRING_BACKEND``
or ``keyringrc.cfg``) is used as is; otherwise only a backend ``keyring`` itself recommends
(priority ≥ 1: Secret Service, KWallet, macOS Keychain, Windows Credential Locker). A lesser one that
``keyring`` would pick on its own when nothing better exists — keyrings.alt's plaintext file, if that
package happens to be installed — counts as no keyring at all.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from degoogle.errors import UserError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# ``keyring`` is imported where it is used: loading it looks up its backends among every installed
# package (~0.1 s of CPU), which a command given its passwords by environment variable or file never
# needs (issue 17)

log = logging.getLogger(__name__)

SERVICE = "degoogle"
TARGET_ENV = "DEGOOGLE_TARGET_PASSWORD"
SOURCE_ENV = "DEGOOGLE_SOURCE_PASSWORD"
MAIL_ENV = "DEGOOGLE_MAIL_PASSWORD"

NO_KEYRING_ADVICE = (
    "unlock the keyring (log in to your desktop session) and try again, or pass the app password "
    f"for this run only with {TARGET_ENV} or --password-file"
)


def _recommended(backend: KeyringBackend) -> bool:
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        # the chainer writes to its first member: that one must be a real keyring
        members = list(backend.backends)
        return bool(members) and members[0].priority >= 1
    return backend.priority >= 1


def _configured_by_the_person() -> bool:
    import keyring.core

    return bool(os.environ.get("PYTHON_KEYRING_BACKEND")) or keyring.core.load_config() is not None


class SecretStore:
    """Secrets in the OS keyring under the service name ``degoogle``.

    ``backend`` overrides the keyring ``keyring`` chose (used as given, without the "recommended"
    check). No method ever falls back to storing a secret anywhere else.
    """

    def __init__(self, service: str = SERVICE, backend: KeyringBackend | None = None) -> None:
        self.service = service
        self._backend = backend

    def _usable(self) -> KeyringBackend:
        """The keyring to use; ``UserError`` ``no_keyring`` when there is none worth the name."""
        import keyring
        from keyring.backends import fail, null

        backend = self._backend or keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring) or (
            self._backend is None and not _configured_by_the_person() and not _recommended(backend)
        ):
            raise UserError(f"no usable keyring on this computer to keep the password safely: {NO_KEYRING_ADVICE}",
                            code="no_keyring")
        return backend

    @staticmethod
    def _unusable(exc: Exception) -> UserError:
        # locked (KeyringLocked), no D-Bus session (InitError), no backend (NoKeyringError): the
        # exception's own text can be long or technical; the class name is enough for support staff
        log.info("keyring unusable: %s", type(exc).__name__)
        return UserError(f"the keyring cannot be used ({type(exc).__name__}): {NO_KEYRING_ADVICE}",
                         code="no_keyring")

    def available(self) -> bool:
        """True when a secret can be kept here: a usable keyring that answers a read."""
        from keyring.errors import KeyringError

        try:
            self._usable().get_password(self.service, "degoogle-probe")
        except (UserError, KeyringError):
            return False
        return True

    def get(self, name: str) -> str | None:
        """The secret, or None when absent or when no keyring is usable here (see ``require``)."""
        try:
            return self.require(name)
        except UserError:
            return None

    def require(self, name: str) -> str | None:
        """The secret, or None when absent; ``UserError`` ``no_keyring`` when no keyring is usable."""
        from keyring.errors import KeyringError

        backend = self._usable()
        try:
            return backend.get_password(self.service, name)
        except KeyringError as exc:
            raise self._unusable(exc) from exc

    def set(self, name: str, secret: str) -> None:
        """Store a secret; ``UserError`` ``no_keyring`` when no keyring is usable (never a plaintext
        fallback)."""
        from keyring.errors import KeyringError

        backend = self._usable()
        try:
            backend.set_password(self.service, name, secret)
        except KeyringError as exc:
            raise self._unusable(exc) from exc

    def delete(self, name: str) -> bool:
        """Remove a secret. True if one was removed, False if there was none; ``UserError``
        ``no_keyring`` when no keyring is usable."""
        from keyring.errors import KeyringError, PasswordDeleteError

        backend = self._usable()
        try:
            if backend.get_password(self.service, name) is None:
                return False
            backend.delete_password(self.service, name)
        except PasswordDeleteError:
            return False
        except KeyringError as exc:
            raise self._unusable(exc) from exc
        return True


def _password(keyring_name: str, env: str, option: str, hint: str, password_file: Path | None,
              store: SecretStore | None) -> str:
    if password_file is not None:
        try:
            secret = password_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UserError(f"cannot read the password file {password_file.name}", code="no_password") from exc
        if secret:
            return secret
    secret = os.environ.get(env, "")
    if secret:
        return secret
    try:
        secret = (store or SecretStore()).require(keyring_name) or ""
    except UserError as exc:
        raise UserError(f"no password for {keyring_name}: none in {env}, no {option}, "
                        f"and {exc.detail}", code="no_keyring") from exc
    if secret:
        return secret
    raise UserError(f"no password for {keyring_name}: none in the keyring, none in {env}, no {option} ({hint})",
                    code="no_password")


def target_password(keyring_name: str, *, password_file: Path | None = None,
                    store: SecretStore | None = None) -> str:
    """The target's password: ``--password-file``, then ``DEGOOGLE_TARGET_PASSWORD``, then the keyring.

    Raises ``UserError`` saying where it was looked for when there is none: ``no_password`` (the
    keyring works but holds none: ``degoogle login`` puts one there), ``no_keyring`` (no usable
    keyring here, with what to do instead).
    """
    return _password(keyring_name, TARGET_ENV, "--password-file",
                     "sign in once with: degoogle login nextcloud:<address>", password_file, store)


def account_keyring_name(spec: str) -> str:
    """The keyring entry of an account named by a source spec or a ``--mail-to`` address: its scheme
    and ``user@host[:port]`` (``imap:marie@imap.example.org:993``, ``icloud:marie@icloud.com``)."""
    scheme, _, rest = spec.partition(":")
    rest = rest.lstrip("/")
    if "://" in rest:  # caldav:https://user@host/path
        rest = rest.split("://", 1)[1]
    return f"{scheme}:{rest.split('/', 1)[0]}"


def source_password(spec: str, *, password_file: Path | None = None, store: SecretStore | None = None) -> str:
    """An account source's password: ``--source-password-file``, ``DEGOOGLE_SOURCE_PASSWORD``, the keyring
    (entry ``account_keyring_name(spec)``; for iCloud an app-specific password)."""
    return _password(account_keyring_name(spec), SOURCE_ENV, "--source-password-file",
                     f"keyring set {SERVICE} {account_keyring_name(spec)}", password_file, store)


def mail_password(mail_to: str, *, password_file: Path | None = None, store: SecretStore | None = None) -> str:
    """The hoster's mailbox password: ``--mail-password-file``, ``DEGOOGLE_MAIL_PASSWORD``, the keyring."""
    return _password(account_keyring_name(mail_to), MAIL_ENV, "--mail-password-file",
                     f"keyring set {SERVICE} {account_keyring_name(mail_to)}", password_file, store)


def optional_password(keyring_name: str, *, password_file: Path | None = None) -> str | None:
    """The password if one is at hand (same order as ``target_password``), else None — for steps
    that work without one and do better with one (planning asks the server for its name rules)."""
    try:
        return target_password(keyring_name, password_file=password_file)
    except UserError:
        return None
