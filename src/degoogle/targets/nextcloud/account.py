"""A Nextcloud account as the user names it: ``nextcloud:https://marie@cloud.example.org[/path]``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from degoogle.errors import UserError
from degoogle.locality import is_this_computer


@dataclass(frozen=True)
class NextcloudAccount:
    """``base_url`` is where Nextcloud lives (no trailing slash, no ``/index.php``)."""

    base_url: str
    user: str

    @classmethod
    def parse(cls, spec: str) -> NextcloudAccount:
        """Parse a target spec. Raises ``UserError`` for anything but https (http on loopback only),
        a missing user name, or a password written in the spec (passwords never go in specs)."""
        body = spec.removeprefix("nextcloud:")
        parts = urlsplit(body)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise UserError(
                f"the target should look like nextcloud:https://user@cloud.example.org, not {spec!r}",
                code="bad_target",
            )
        if parts.password is not None:
            raise UserError(
                "do not put the password in the target address: use the keyring, "
                "DEGOOGLE_TARGET_PASSWORD or --password-file",
                code="password_in_spec",
            )
        if not parts.username:
            raise UserError(f"the target address has no user name: {spec!r} (user@host)", code="bad_target")
        if parts.scheme == "http" and not is_this_computer(parts.hostname):
            raise UserError("plain http is only allowed for a server on this computer (127.0.0.1); use https",
                            code="insecure_target")
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        port = f":{parts.port}" if parts.port else ""
        path = parts.path.rstrip("/").removesuffix("/index.php").rstrip("/")
        return cls(f"{parts.scheme}://{host}{port}{path}", parts.username)

    @property
    def spec(self) -> str:
        scheme, rest = self.base_url.split("://", 1)
        return f"nextcloud:{scheme}://{self.user}@{rest}"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def files_url(self) -> str:
        """The user's files over WebDAV, ending with a slash (assuming the user id is the login)."""
        return self.files_url_for(self.user)

    def files_url_for(self, user_id: str) -> str:
        """The files of user ``user_id`` over WebDAV. Nextcloud's user id names the DAV folders and
        can differ from the login name (LDAP accounts named by UUID, e-mail logins)."""
        return f"{self.base_url}/remote.php/dav/files/{quote(user_id, safe='')}/"

    def uploads_url_for(self, user_id: str) -> str:
        """Where chunked uploads of ``user_id`` go, ending with a slash."""
        return f"{self.base_url}/remote.php/dav/uploads/{quote(user_id, safe='')}/"

    @property
    def keyring_name(self) -> str:
        """The name under which this account's app password is kept in the OS keyring."""
        return f"{self.user}@{self.host}"
