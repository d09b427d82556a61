"""Bodies shaped like the ones Nextcloud's WebDAV server (sabre/dav) sends.

- ``sabre_error``: the ``<d:error>`` body of every failed DAV request (``Sabre\\DAV\\Server::exec``
  writes the exception's class and message into ``s:exception`` / ``s:message``).
- ``SabreError``: a WsgiDAV ``DAVError`` that renders that body, so errors raised inside WsgiDAV
  (a quota refusal found only once a chunked-transfer PUT arrived) look like Nextcloud's too.
- ``multistatus`` / ``requested_properties``: a 207 PROPFIND answer, for the parts of the URL space
  the sandbox serves without WsgiDAV (the chunked-upload folders).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import defusedxml.ElementTree
from wsgidav.dav_error import DAVError

log = logging.getLogger(__name__)

DAV = "{DAV:}"
SABRE_NS = "http://sabredav.org/ns"
XML_TYPE = "application/xml; charset=utf-8"
_PREFIXES = {"DAV:": "d", SABRE_NS: "s", "http://owncloud.org/ns": "oc", "http://nextcloud.org/ns": "nc"}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sabre_error(exception: str, message: str) -> bytes:
    """An error body shaped like the ones Nextcloud's WebDAV server (sabre/dav) sends."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">\n'
        f"  <s:exception>{_escape(exception)}</s:exception>\n"
        f"  <s:message>{_escape(message)}</s:message>\n"
        "</d:error>\n"
    ).encode()


class SabreError(DAVError):
    """A ``DAVError`` whose response page is sabre/dav's error body (``exception`` is the PHP class)."""

    def __init__(self, status: int, exception: str, message: str) -> None:
        super().__init__(status, message)
        self.sabre_exception = exception
        self.sabre_message = message

    def get_response_page(self) -> tuple[str, bytes]:
        return XML_TYPE, sabre_error(self.sabre_exception, self.sabre_message)


class SabreAnswer(Exception):
    """A sabre/dav error to answer with, raised by the handlers the sandbox writes itself: HTTP status,
    exception class (a short name is under ``Sabre\\DAV\\Exception``) and message."""

    def __init__(self, status: int, exception: str, message: str) -> None:
        super().__init__(f"{status} {exception}: {message}")
        self.status = status
        self.exception = exception if "\\" in exception else "Sabre\\DAV\\Exception\\" + exception
        self.message = message

    def body(self) -> bytes:
        """The error body to send."""
        return sabre_error(self.exception, self.message)


def requested_properties(body: bytes) -> list[str] | None:
    """The property names (Clark notation) a PROPFIND body asks for; None for ``allprop``, an empty
    body or one that cannot be parsed (sabre/dav treats an empty body as allprop)."""
    if not body.strip():
        return None
    try:
        root = defusedxml.ElementTree.fromstring(body)
    except (ElementTree.ParseError, ValueError):
        log.debug("unparseable PROPFIND body treated as allprop")
        return None
    prop = root.find(DAV + "prop")
    if prop is None:
        return None
    return [child.tag for child in prop]


def _namespace(name: str) -> str:
    return name[1:].partition("}")[0] if name.startswith("{") else ""


def _qualified(name: str, prefixes: Mapping[str, str]) -> str:
    namespace, local = _namespace(name), name.rpartition("}")[2]
    return f"{prefixes[namespace]}:{local}" if namespace else local


def _value_element(parent: ElementTree.Element, name: str, value: Any, prefixes: Mapping[str, str]) -> None:
    element = ElementTree.SubElement(parent, _qualified(name, prefixes))
    if name == DAV + "resourcetype":
        if value:
            ElementTree.SubElement(element, "d:collection")
    elif value is not None:
        element.text = str(value)


def multistatus(
    responses: Sequence[tuple[str, Mapping[str, Any]]], requested: list[str] | None
) -> bytes:
    """A 207 body: for each ``(path, properties)`` a ``d:response`` (the path is quoted into the href);
    with ``requested`` the asked-for properties it has (200) and those it lacks (404), else all."""
    prefixes = dict(_PREFIXES)
    for name in requested or []:
        if _namespace(name):
            prefixes.setdefault(_namespace(name), f"x{len(prefixes)}")
    root = ElementTree.Element("d:multistatus")
    for uri, prefix in prefixes.items():
        root.set(f"xmlns:{prefix}", uri)
    for path, props in responses:
        response = ElementTree.SubElement(root, "d:response")
        ElementTree.SubElement(response, "d:href").text = quote(path)
        names = list(props) if requested is None else requested
        found = [name for name in names if name in props]
        missing = [name for name in names if name not in props]
        for group, status in ((found, "200 OK"), (missing, "404 Not Found")):
            if not group:
                continue
            propstat = ElementTree.SubElement(response, "d:propstat")
            prop = ElementTree.SubElement(propstat, "d:prop")
            for name in group:
                _value_element(prop, name, props.get(name), prefixes)
            ElementTree.SubElement(propstat, "d:status").text = f"HTTP/1.1 {status}"
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root)
