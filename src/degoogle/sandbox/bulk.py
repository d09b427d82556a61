"""Bulk upload: many small files in one ``POST /remote.php/dav/bulk``, as Nextcloud takes them.

Followed, in the nextcloud/server repository, ``apps/dav/lib/BulkUpload/`` (``BulkUploadPlugin``,
``MultipartRequestParser``); the capability is ``dav.bulkupload`` ``"1.0"`` (``capabilities``).

- The request's ``Content-Type`` is ``multipart/related; boundary=B`` (the boundary may be quoted);
  anything else is 400 before any part is read (sabre's XML error).
- The body is parts, each ``--B\\r\\n``, header lines ``Name: value`` (names case-insensitive) up to an
  empty line, then exactly ``Content-Length`` bytes and ``\\r\\n``; ``--B--\\r\\n`` ends it. The content
  is read by length, never searched for the boundary. ``Content-Length`` and ``X-File-MD5`` are
  required, the MD5 (lower-case hex) must match the content.
- Any of that going wrong (no boundary where one should be, a header line without ``:``, a missing
  header, a wrong MD5, the body ending early) stops the request: **400 with the JSON of the files
  written so far**; those stay written.
- Each file is written at ``X-File-Path`` (from the user's root), with the mtime of ``X-File-MTime``
  or else ``X-OC-MTime`` (Nextcloud's ``MtimeSanitizer``), **replacing whatever file is there** (no
  precondition is honoured), and answered ``{"error": false, "etag", "fileid", "permissions"}``. A file
  that cannot be written (no path, its folder missing, a folder in the way, over quota, a bad mtime)
  is answered ``{"error": true, "message": …}`` and the next part is read.
- The answer is 200 with one JSON object keyed by each part's ``X-File-Path`` as sent.
- Nextcloud writes the content through ``Folder::newFile``, which stores no checksum: an
  ``OC-Checksum`` part header is ignored, and a replaced file loses its stored checksum.
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
from collections.abc import Iterable
from typing import Any

from wsgidav.dav_error import DAVError

from degoogle.sandbox.assembly import Assembler
from degoogle.sandbox.files import file_id, stat_etag
from degoogle.sandbox.sabre import XML_TYPE, sabre_error
from degoogle.sandbox.upload import PartFile, parse_mtime_header
from degoogle.sandbox.wire import StartResponse, answer, header

log = logging.getLogger(__name__)

BULK_PATH = "/remote.php/dav/bulk"
_BLOCK = 1024 * 1024
#: a part's header line longer than this is not a header line
_LINE_LIMIT = 64 * 1024


class _Malformed(Exception):
    """The body is not what the parser expects: the request ends with 400."""


class BulkUpload:
    """The ``/remote.php/dav/bulk`` endpoint for one user's tree (the request is authenticated)."""

    def __init__(self, assembler: Assembler) -> None:
        """``assembler``: the chunked uploads' own, whose ``place`` writes into the tree (one way in)."""
        self.assembler = assembler

    def __call__(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"].upper() != "POST":
            message = sabre_error("Sabre\\DAV\\Exception\\NotFound", "Node with name 'bulk' could not be found")
            return answer(environ, start, 404, message, XML_TYPE)
        boundary = _boundary(header(environ, "Content-Type"))
        if isinstance(boundary, str):
            return answer(environ, start, 400, sabre_error("Sabre\\DAV\\Exception\\BadRequest", boundary), XML_TYPE)
        stream = environ["wsgi.input"]
        written: dict[str, dict[str, Any]] = {}
        status = 200
        try:
            while True:
                line = stream.readline(_LINE_LIMIT)
                if line == b"--" + boundary + b"--\r\n":
                    break
                if line != b"--" + boundary + b"\r\n":
                    raise _Malformed("Boundary not found where it should be.")
                headers = _part_headers(stream)
                path, entry = self._part(stream, headers)
                written[path] = entry
        except _Malformed as exc:
            log.info("bulk upload stopped after %d files: %s", len(written), exc)
            status = 400
        body = json.dumps(written, separators=(",", ":")).encode()
        return answer(environ, start, status, body, "application/json; charset=utf-8")

    def _part(self, stream: Any, headers: dict[str, str]) -> tuple[str, dict[str, Any]]:
        """Read one part's content and write it; ``(its X-File-Path, its entry in the answer)``.
        Raises ``_Malformed`` when the content is short or its MD5 is wrong (nothing written)."""
        length_text = headers["content-length"]
        digits = length_text[: len(length_text) - len(length_text.lstrip("0123456789"))]
        length = int(digits) if digits else 0  # PHP's (int) cast
        part = PartFile(self.assembler.new_part_path(), expected_length=length, checksum=None)
        md5 = hashlib.md5(usedforsecurity=False)
        try:
            left = length
            while left > 0:
                block = stream.read(min(_BLOCK, left))
                if not block:
                    break
                md5.update(block)
                part.write(block)
                left -= len(block)
            if md5.hexdigest() != headers["x-file-md5"] or left:
                raise _Malformed("Computed md5 hash is incorrect.")
            stream.read(2)  # the CRLF after the content, not checked (as Nextcloud)
            path = headers.get("x-file-path", "")
            return path, self._write(part, path, headers)
        finally:
            part.discard()  # after a move it is gone already

    def _write(self, part: PartFile, path: str, headers: dict[str, str]) -> dict[str, Any]:
        """Move ``part`` to ``path`` in the tree, replacing a file there; the answer's entry."""
        if not path:
            return _error("Could not create as provided path is empty")
        inside = posixpath.normpath("/" + path.lstrip("/"))
        full = f"/{self.assembler.user}/files{inside}"
        try:
            mtime_text = headers.get("x-file-mtime", headers.get("x-oc-mtime"))
            mtime = parse_mtime_header(mtime_text) if mtime_text is not None else None
        except DAVError as refused:
            return _error(str(refused.context_info))
        target = self.assembler.disk(inside)
        if inside == "/" or ".." in inside.split("/") or not target.parent.is_dir() or target.is_dir():
            return _error(f'Could not create path "{full}"')
        if self.assembler.quota.refusal(part.received, inside) is not None:
            # Nextcloud's quota wrapper makes file_put_contents fail: the same message as any failed write
            return _error(f'Could not create path "{full}"')
        part.verify()
        st = self.assembler.place(part, inside, mtime=mtime)  # no checksum: Folder::newFile stores none
        return {"error": False, "etag": stat_etag(st), "fileid": file_id(st, self.assembler.instance_id),
                "permissions": "RGDNVW"}


def _error(message: str) -> dict[str, Any]:
    return {"error": True, "message": message}


def _boundary(content_type: str | None) -> bytes | str:
    """The boundary of a ``multipart/related`` Content-Type, as ``MultipartRequestParser`` parses it;
    a str is the 400 message when it is not one."""
    if content_type is None:
        return "Content-Type can not be null"
    pieces = content_type.split(";")
    key_value = pieces[1].split("=") if len(pieces) > 1 else []
    if len(key_value) < 2:
        return "Error while parsing boundary in Content-Type header."
    value = key_value[1].strip()
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    if pieces[0].strip() != "multipart/related":
        return "Content-Type must be multipart/related"
    if key_value[0].strip() != "boundary":
        return "Boundary is invalid"
    return value.encode("latin-1", "replace")


def _part_headers(stream: Any) -> dict[str, str]:
    """A part's header lines up to the empty line, names lower-cased. Raises ``_Malformed``."""
    headers: dict[str, str] = {}
    while (line := stream.readline(_LINE_LIMIT)) != b"\r\n":
        if not line.endswith(b"\n"):
            raise _Malformed("An error occurred while reading headers of a part")
        text = line.decode("utf-8", "replace")
        if ":" not in text:
            raise _Malformed("An error occurred while reading headers of a part")
        key, _, value = text.partition(":")
        headers[key.strip().lower()] = value.strip()
    if "content-length" not in headers:
        raise _Malformed("The Content-Length header must not be null.")
    if "x-file-md5" not in headers:
        raise _Malformed("The X-File-MD5 header must not be null.")
    return headers
