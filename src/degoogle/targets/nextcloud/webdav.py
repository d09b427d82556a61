"""The WebDAV steps webdavclient3 does not offer: PROPFIND with Nextcloud's properties, and the
mapping of HTTP answers to degoogle's error classes.

PROPFIND (RFC 4918 §9.1) is sent with the properties we need: size, etag and Nextcloud's
``oc:checksums`` (what the server stored from the ``OC-Checksum`` header of the upload).
webdavclient3's ``list(get_info=True)`` cannot ask for ``oc:checksums``, so we ask ourselves.
"""

from __future__ import annotations

import email.utils
import re
import time
from urllib.parse import unquote, urlsplit

import requests
from defusedxml import ElementTree

from degoogle.errors import BadItemError, FatalError, ItemServerError, NoSpaceError, RetryableError
from degoogle.model import RemoteFile

DAV = "{DAV:}"
OC = "{http://owncloud.org/ns}"

PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop>'
    b"<d:resourcetype/><d:getcontentlength/><d:getetag/><oc:size/><oc:checksums/>"
    b"</d:prop></d:propfind>"
)


def parse_multistatus(body: bytes, folder_url: str) -> dict[str, RemoteFile]:
    """The members of a Depth 1 PROPFIND answer, by name (the folder itself left out)."""
    root = ElementTree.fromstring(body)
    folder_path = unquote(urlsplit(folder_url).path).rstrip("/")
    found: dict[str, RemoteFile] = {}
    for response in root.iter(f"{DAV}response"):
        href = response.findtext(f"{DAV}href") or ""
        path = unquote(urlsplit(href).path).rstrip("/")
        if path == folder_path or not path:
            continue
        name = path.rsplit("/", 1)[-1]
        size = 0
        etag = ""
        is_dir = False
        checksums: dict[str, str] = {}
        for propstat in response.iter(f"{DAV}propstat"):
            status = propstat.findtext(f"{DAV}status") or ""
            if " 200 " not in status:
                continue
            prop = propstat.find(f"{DAV}prop")
            if prop is None:
                continue
            rtype = prop.find(f"{DAV}resourcetype")
            if rtype is not None and rtype.find(f"{DAV}collection") is not None:
                is_dir = True
            length = prop.findtext(f"{DAV}getcontentlength") or prop.findtext(f"{OC}size")
            if length and length.strip().isdigit():
                size = int(length)
            etag = (prop.findtext(f"{DAV}getetag") or "").strip().strip('"')
            for checksum in prop.iter(f"{OC}checksum"):
                # Nextcloud puts several in one element, space separated: "SHA1:ab MD5:cd"
                for token in (checksum.text or "").split():
                    algo, _, value = token.partition(":")
                    if value:
                        checksums[algo.upper()] = value.lower()
        found[name] = RemoteFile(name=name, size=size, etag=etag, checksums=checksums, is_dir=is_dir)
    return found


#: Nextcloud's QuotaPlugin: "Insufficient space in <path>, <length> required, <free> available"
_SPACE_FIGURES = re.compile(r"(\d+) required, (-?\d+) available")


def retry_after(response: requests.Response) -> float | None:
    """Seconds the server asked us to wait (``Retry-After`` as seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def raise_for_status(response: requests.Response, what: str) -> None:
    """Turn an HTTP error answer into the right degoogle error; do nothing for 1xx–3xx.

    ``what`` names the operation for support staff ("upload Photos/a.jpg"); it must hold no secret.
    """
    status = response.status_code
    if status < 400:
        return
    detail = f"{what}: HTTP {status} {response.reason}"
    if status == 401:
        raise FatalError(detail, code="auth_failed")
    if status == 507:
        words = server_words(response)
        figures = _SPACE_FIGURES.search(words)
        raise NoSpaceError(f"{detail}: {words}" if words else detail,
                           required=int(figures.group(1)) if figures else None,
                           available=int(figures.group(2)) if figures else None)
    if status == 503 and "maintenance" in response.text.lower()[:2000]:
        raise RetryableError(detail, code="server_maintenance", retry_after=retry_after(response) or 60)
    if status == 500:
        words = server_words(response)
        raise ItemServerError(f"{detail}: {words}" if words else detail, retry_after=retry_after(response))
    if status in (408, 423, 425, 429) or status >= 500:
        raise RetryableError(detail, code="temporary", retry_after=retry_after(response))
    if status == 413:
        raise BadItemError(detail, code="too_large")
    raise BadItemError(detail, code="refused_by_server")


def server_words(response: requests.Response) -> str:
    """The message of a sabre/dav error body (``<s:exception>``, ``<s:message>``), "" when there is
    none: what the server said went wrong, for the details a helper reads."""
    try:
        root = ElementTree.fromstring(response.content[:16384])
    except ElementTree.ParseError:
        return ""
    message = (root.findtext("{http://sabredav.org/ns}message") or "").strip()
    exception = (root.findtext("{http://sabredav.org/ns}exception") or "").strip()
    return " ".join(part for part in (exception, message) if part)[:300]


def transport_error(exc: requests.RequestException, what: str) -> Exception:
    """The degoogle error for a failure below HTTP (no answer, reset, TLS)."""
    if isinstance(exc, requests.exceptions.SSLError):
        return FatalError(f"{what}: the server's certificate could not be verified", code="tls_error")
    return RetryableError(f"{what}: {type(exc).__name__}", code="temporary")
