"""Plumbing shared by the sandbox's WSGI handlers: the body counter, small-body readers, plain answers.

Nothing here knows Nextcloud; the handlers (``gateway``, ``loginflow``, ``ocs``, ``chunking``) do.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

log = logging.getLogger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
StartResponse = Callable[..., Any]

_DRAIN_BLOCK = 1024 * 1024
#: form and JSON bodies of the login flow and OCS are tiny; anything bigger is not read into memory
SMALL_BODY_LIMIT = 64 * 1024


class CountingInput:
    """A ``wsgi.input`` wrapper that counts the body bytes the application actually read."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int | None = -1) -> bytes:
        data = self._stream.read() if size is None or size < 0 else self._stream.read(size)
        self.count += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = self._stream.readline() if size is None or size < 0 else self._stream.readline(size)
        self.count += len(data)
        return data

    def readlines(self, hint: int = -1) -> list[bytes]:
        lines = self._stream.readlines(hint)
        self.count += sum(len(line) for line in lines)
        return lines

    def __iter__(self) -> CountingInput:
        return self

    def __next__(self) -> bytes:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def drain(self) -> None:
        """Read and drop whatever is left of the body."""
        while self.read(_DRAIN_BLOCK):
            pass


def status_line(status: int) -> str:
    """``"503 Service Unavailable"`` for 503; unknown codes get a generic reason phrase."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Sandbox Fault"


def answer(
    environ: dict[str, Any],
    start_response: StartResponse,
    status: int,
    body: bytes,
    content_type: str,
    headers: list[tuple[str, str]] | None = None,
) -> list[bytes]:
    """Answer without WsgiDAV, after reading the request body to its end (so that the client, still
    sending, reads the answer instead of failing on a closed socket)."""
    environ["wsgi.input"].drain()
    if status < 200 or status in (204, 304):
        body = b""
    all_headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *(headers or [])]
    start_response(status_line(status), all_headers)
    return [] if environ["REQUEST_METHOD"].upper() == "HEAD" else [body]


def header(environ: dict[str, Any], name: str) -> str | None:
    """The request header ``name`` (any case), or None when absent."""
    key = name.upper().replace("-", "_")
    if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        return environ.get(key) or None
    value = environ.get("HTTP_" + key)
    return None if value is None else str(value)


def content_length(environ: dict[str, Any]) -> int | None:
    """The announced body length, or None for a chunked or unannounced body."""
    if "chunked" in (header(environ, "Transfer-Encoding") or "").lower():
        return None
    length = environ.get("CONTENT_LENGTH") or ""
    return int(length) if length.isdigit() else None


def query_fields(environ: dict[str, Any]) -> dict[str, str]:
    """The query string's fields (the last value wins)."""
    return dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))


def form_fields(environ: dict[str, Any]) -> dict[str, str]:
    """Query fields, overridden by an url-encoded or JSON body's fields, as PHP frameworks merge them.
    A body larger than ``SMALL_BODY_LIMIT`` or not parseable contributes nothing."""
    fields = query_fields(environ)
    length = content_length(environ)
    if length is None or length > SMALL_BODY_LIMIT:
        return fields
    raw = environ["wsgi.input"].read(length)
    content_type = (environ.get("CONTENT_TYPE") or "").lower()
    if "json" in content_type:
        try:
            parsed = json.loads(raw or b"{}")
        except ValueError:
            return fields
        if isinstance(parsed, dict):
            fields.update({str(k): str(v) for k, v in parsed.items() if isinstance(v, str | int)})
        return fields
    fields.update(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    return fields


def base_url(environ: dict[str, Any]) -> str:
    """``scheme://host[:port]`` as the client addressed the server (its Host header)."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '80')}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


def wants_json(environ: dict[str, Any]) -> bool:
    """OCS's format choice: ``format=json`` in the query, or ``application/json`` accepted."""
    fmt = query_fields(environ).get("format", "").lower()
    if fmt:
        return fmt == "json"
    return "application/json" in (header(environ, "Accept") or "").lower()
