"""Where degoogle may talk without encryption: this computer only.

One rule for every peer (a Nextcloud and its sign-in, CalDAV/CardDAV sources, contact photos, IMAP):
TLS everywhere — https, imaps, STARTTLS — and plain text only to this computer, named ``localhost``
or by a loopback address (127.0.0.0/8, ::1), where nothing crosses a network. The practice sandbox,
the tests' servers and a person's own local server live there. Every hop of an HTTP redirect is held
to the same rule, and credentials never follow a redirect to another origin (``protocols.http``).
"""

from __future__ import annotations

from ipaddress import ip_address
from urllib.parse import urlsplit

from degoogle.errors import UserError


def is_this_computer(host: str | None) -> bool:
    """True for ``localhost`` and loopback addresses (``127.0.0.1``, ``127.1.2.3``, ``::1``, ``[::1]``)."""
    if not host:
        return False
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ip_address(name).is_loopback
    except ValueError:
        return False


def is_secure_url(url: str) -> bool:
    """https to any host, or plain http to this computer."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and is_this_computer(parts.hostname))


def require_secure_url(url: str, code: str = "insecure_url") -> None:
    """Raises ``UserError`` (with ``code``) unless ``is_secure_url``; the message names only the host."""
    if not is_secure_url(url):
        parts = urlsplit(url)
        raise UserError(f"{parts.scheme}://{parts.hostname}: only https (or http to this computer) is accepted",
                        code=code)
