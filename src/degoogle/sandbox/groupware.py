"""Calendars and contacts: Radicale, in-process, under Nextcloud's ``/remote.php/dav/``.

Nextcloud serves CalDAV and CardDAV from the same sabre endpoint as files (``remote.php/dav``); the
sandbox hands every ``/remote.php/dav/…`` request that is neither ``files/`` nor ``uploads/`` to
Radicale (a WSGI application) with ``SCRIPT_NAME=/remote.php/dav``, so every href Radicale writes
carries the prefix. The gateway has already checked the app password: Radicale runs with
``[auth] type = remote_user`` and learns the user from ``REMOTE_USER``, its rights stay ``owner_only``
(another user's collections are 403).

The URL layout is Radicale's, not Nextcloud's (``calendars/<user>/<name>/``,
``addressbooks/users/<user>/<name>/``): a client finds its collections by discovery, as RFC 6764 and
RFC 4791/6352 have it. A PROPFIND on ``/remote.php/dav/`` answers ``current-user-principal``
``/remote.php/dav/<user>/``; that principal's ``calendar-home-set`` and ``addressbook-home-set`` are
the principal itself (``/remote.php/dav/<user>/``), where MKCALENDAR and an extended MKCOL
(resourcetype ``addressbook``) create collections. Nothing exists on disk until the first request.

Like Nextcloud (``CalDavBackend::createCalendar``), a calendar made without a
``supported-calendar-component-set`` takes events and tasks only (VEVENT, VTODO), and a PUT of a
component outside a calendar's set is refused as sabre refuses it (``CalDAV\\Plugin::validateICalendar``,
403 ``InvalidComponentType``); Radicale alone would store anything anywhere.

A ``MKCALENDAR`` first passes Nextcloud's limits on making calendars (``calendar_limits``): 429 "Too
many calendars created" or 403 "Calendar limit reached" in sabre's words, before Radicale sees it.
"""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import defusedxml.ElementTree
import radicale
from radicale import config as radicale_config

from degoogle.sandbox.calendar_limits import CalendarCreations, CalendarLimits
from degoogle.sandbox.sabre import XML_TYPE, sabre_error
from degoogle.sandbox.wire import StartResponse, answer

log = logging.getLogger(__name__)

__all__ = ["DAV_PREFIX", "Groupware", "is_groupware", "is_radicale_page"]

DAV_PREFIX = "/remote.php/dav"
#: what sabre serves there that is not calendars and contacts (the gateway routes these itself)
_NOT_GROUPWARE = ("/remote.php/dav/files/", "/remote.php/dav/uploads/", "/remote.php/dav/photos/")
#: request headers by which a reverse proxy would move Radicale's base prefix or claim a user
_PROXY_HEADERS = (
    "HTTP_X_SCRIPT_NAME",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_SERVER",
    "HTTP_X_REMOTE_USER",
    "HTTP_REMOTE_USER",
)


#: what Nextcloud gives a calendar made without a component set
DEFAULT_COMPONENTS = ("VEVENT", "VTODO")
_CALDAV = "urn:ietf:params:xml:ns:caldav"
_COMPONENT = re.compile(rb"^BEGIN:(VEVENT|VTODO|VJOURNAL|VFREEBUSY)\s*$", re.MULTILINE | re.IGNORECASE)


def is_groupware(route: str) -> bool:
    """True for a normalized path Radicale serves: ``/remote.php/dav`` and everything under it except
    ``files/`` and ``uploads/`` (the folders themselves included: ``/remote.php/dav/files`` is sabre's)."""
    if route != DAV_PREFIX and not route.startswith(DAV_PREFIX + "/"):
        return False
    folder = route.rstrip("/") + "/"
    return not any(folder.startswith(prefix) for prefix in _NOT_GROUPWARE)


def is_radicale_page(method: str, route: str) -> bool:
    """True for what only Radicale's web side would answer (Nextcloud has no page there, the gateway
    answers 404): a GET or HEAD of the prefix itself (Radicale redirects it to ``.web``) and
    anything under ``/remote.php/dav/.web``."""
    inside = route[len(DAV_PREFIX) :]
    if inside.startswith("/.web"):
        return True
    return method in ("GET", "HEAD") and inside in ("", "/")


class Groupware:
    """Radicale storing its collections under ``folder`` (``collection-root/<user>/…``), serving the
    user the gateway authenticated, with Nextcloud's ``limits`` on making calendars."""

    def __init__(self, folder: Path, limits: CalendarLimits | None = None) -> None:
        (folder / "collection-root").mkdir(parents=True, exist_ok=True)  # else Radicale warns as it creates it
        configuration = radicale_config.load()
        configuration.update(
            {
                "auth": {"type": "remote_user"},
                "rights": {"type": "owner_only"},
                # a UID index, as Nextcloud's tables have (``radicale_storage``); no fsync per
                # write: the hoster's disk is not what the sandbox stands for
                "storage": {"type": "degoogle.sandbox.radicale_storage", "filesystem_folder": str(folder),
                            "_filesystem_fsync": "False"},
                "web": {"type": "none"},
                "hook": {"type": "none"},
            },
            "degoogle sandbox",
            privileged=True,  # ``_filesystem_fsync`` is one of Radicale's internal options
        )
        self._app = radicale.Application(configuration)
        self.folder = folder
        self.creations = CalendarCreations(limits or CalendarLimits(), folder / "collection-root")
        self._metas: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}
        self._meta_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start: StartResponse, route: str, user: str) -> Iterable[bytes]:
        """Serve ``route`` (the decoded, normalized request path under ``/remote.php/dav``, trailing slash
        kept) for ``user``."""
        for name in _PROXY_HEADERS:
            environ.pop(name, None)
        environ["SCRIPT_NAME"] = DAV_PREFIX
        environ["PATH_INFO"] = route[len(DAV_PREFIX) :] or "/"
        environ["REMOTE_USER"] = user
        method = environ.get("REQUEST_METHOD", "").upper()
        if method == "MKCALENDAR":
            parts = [p for p in environ["PATH_INFO"].split("/") if p]
            refused = self.creations.refusal(user, parts[1]) if len(parts) == 2 and parts[0] == user else None
            if refused is not None:
                status, message = refused
                exception = ("Sabre\\DAV\\Exception\\Forbidden" if status == 403
                             else "OCA\\DAV\\Connector\\Sabre\\Exception\\TooManyRequests")
                return answer(environ, start, status, sabre_error(exception, message), XML_TYPE)
            _set_body(environ, _with_default_components(_body(environ)))
        elif method == "PUT" and route.endswith(".ics"):
            body = _body(environ)
            _set_body(environ, body)
            refused_type = self._refused_component(environ["PATH_INFO"], body)
            if refused_type:
                message = f"Storing this component type ({refused_type}) is not supported by this calendar"
                start("403 Forbidden", [("Content-Type", XML_TYPE)])
                return [sabre_error("Sabre\\CalDAV\\Exception\\InvalidComponentType", message)]
        return self._app(environ, start)

    def _refused_component(self, path: str, body: bytes) -> str | None:
        """The component type of ``body`` when the calendar at ``path``'s parent does not take it."""
        found = _COMPONENT.search(body)
        parts = [unquote(p) for p in path.strip("/").split("/")[:-1]]
        if found is None or not parts or any(p in ("", ".", "..") for p in parts):
            return None
        meta = self._meta(self.folder.joinpath("collection-root", *parts, ".Radicale.props"))
        if meta is None:
            return None
        if meta.get("tag") != "VCALENDAR":
            return None
        allowed = str(meta.get("C:supported-calendar-component-set") or ",".join(DEFAULT_COMPONENTS)).split(",")
        kind = found.group(1).decode("ascii").upper()
        return None if kind in allowed else kind


    def _meta(self, props: Path) -> dict[str, Any] | None:
        """The collection properties in ``props``, read again only when the file changed (a stat per PUT
        instead of reading and parsing it: Nextcloud holds them in a database table); None when unreadable."""
        try:
            stat = props.stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_ino, stat.st_size)
        with self._meta_lock:
            kept = self._metas.get(props)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        try:
            meta = json.loads(props.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict):
            return None
        with self._meta_lock:
            self._metas[props] = (stamp, meta)
        return meta


def _body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return bytes(environ["wsgi.input"].read(length)) if length > 0 else b""


def _set_body(environ: dict[str, Any], body: bytes) -> None:
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))


def _with_default_components(body: bytes) -> bytes:
    """A MKCALENDAR body that names Nextcloud's default component set when the client named none."""
    if b"supported-calendar-component-set" in body:
        return body
    ElementTree.register_namespace("D", "DAV:")
    ElementTree.register_namespace("C", _CALDAV)
    try:
        root = defusedxml.ElementTree.fromstring(body) if body.strip() else None
    except ElementTree.ParseError:
        return body  # Radicale answers a malformed body itself
    if root is None:
        root = ElementTree.Element(f"{{{_CALDAV}}}mkcalendar")
    prop = root.find("{DAV:}set/{DAV:}prop")
    if prop is None:
        prop = ElementTree.SubElement(ElementTree.SubElement(root, "{DAV:}set"), "{DAV:}prop")
    components = ElementTree.SubElement(prop, f"{{{_CALDAV}}}supported-calendar-component-set")
    for name in DEFAULT_COMPONENTS:
        ElementTree.SubElement(components, f"{{{_CALDAV}}}comp", {"name": name})
    return bytes(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True))
