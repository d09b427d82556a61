"""Assembling a chunked upload into the user's tree: ``MOVE …/uploads/<user>/<id>/.file``.

The checks, in the order Nextcloud makes them (sabre/dav's ``Server::checkPreconditions`` and
``getCopyAndMoveInfo``, then the ``beforeMove`` listeners ``QuotaPlugin``, ``ChunkingV2Plugin`` and
``ChunkingPlugin``), and the answers are listed in ``chunking``'s docstring; followed:
``client_apis/WebDAV/chunking.rst`` ("Assembling the chunks", "Setting the modification time") and
``client_apis/WebDAV/basic.rst`` ("Special Headers") for ``X-OC-MTime`` and ``OC-Checksum``, which a
MOVE of ``.file`` honours as a PUT does (Nextcloud writes the assembled file through ``File::put``).

Assembly streams each chunk into a part file beside the uploads (constant memory), verifies length and
checksum, sets the mtime and renames the part over the destination: the destination is never seen
half-written, and a failure leaves it as it was.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from wsgidav.dav_error import DAVError

from degoogle.sandbox.files import CHECKSUMS, checksums_xml, file_id, stat_etag
from degoogle.sandbox.properties import SqlitePropertyStore
from degoogle.sandbox.quota import Quota, TreeSizes
from degoogle.sandbox.sabre import SabreAnswer
from degoogle.sandbox.upload import Checksum, PartFile, parse_checksum_header, parse_mtime_header
from degoogle.sandbox.wire import header

log = logging.getLogger(__name__)

MIN_CHUNK = 5 * 1024 * 1024
MAX_CHUNK = 5 * 1024 * 1024 * 1024
_BLOCK = 1024 * 1024


def destination_path(value: str, user: str) -> str | None:
    """The path inside ``user``'s tree (``/a/b.txt``) that a ``Destination`` header names (a full URL
    or an absolute path under ``/remote.php/dav/files/<user>/``); None for anything else, the tree's
    root included."""
    try:
        path = unquote(urlsplit(value.strip()).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    prefix = f"/remote.php/dav/files/{user}/"
    if not path.startswith(prefix):
        return None
    inside = posixpath.normpath("/" + path[len(prefix) :])
    return None if inside == "/" else inside


def _natural_key(name: str) -> tuple[int, int, str]:
    return (0, int(name), "") if name.isascii() and name.isdigit() else (1, 0, name)


class Assembler:
    """Turns an upload folder into a file of the user's tree."""

    def __init__(
        self,
        *,
        user: str,
        files_dir: Path,
        uploads_dir: Path,
        store: SqlitePropertyStore,
        sizes: TreeSizes,
        quota: Quota,
        instance_id: str,
    ) -> None:
        self.user = user
        self.files_dir = files_dir
        self.uploads_dir = uploads_dir
        self.store = store
        self.sizes = sizes
        self.quota = quota
        self.instance_id = instance_id

    def new_part_path(self) -> Path:
        """A fresh, unused path for a part file (beside the upload folders: same filesystem)."""
        return self.uploads_dir / f"{uuid.uuid4().hex}.part"

    def quota_path(self, inside: str) -> str:
        """The path ``QuotaPlugin`` names for a write at ``inside``: the file if it exists, else its folder."""
        return inside if self.disk(inside).exists() else posixpath.dirname(inside)

    def disk(self, inside: str) -> Path:
        """Where the file at ``inside`` (a path from the user's root) is on disk."""
        return self.files_dir.joinpath(*[p for p in inside.split("/") if p])

    def place(self, part: PartFile, inside: str, *, mtime: int | None,
              checksum: Checksum | None = None) -> os.stat_result:
        """Move the verified ``part`` to ``inside``, replacing a file there: the checksum property is
        dropped first and written after (a crash between the two leaves "no checksum", never the old
        file's), the tree's sizes updated. The new file's ``stat``."""
        target = self.disk(inside)
        ref_url = quote(inside)
        self.store.remove_property(ref_url, CHECKSUMS)
        part.move_to(target, mtime=mtime)
        if checksum is not None:
            self.store.write_property(ref_url, CHECKSUMS, checksums_xml(checksum))
        st = target.stat()
        self.sizes.file_written(target, st.st_size)
        return st

    def assemble(self, environ: dict[str, Any], folder: Path, *, v2: bool) -> tuple[int, list[tuple[str, str]]]:
        """Assemble ``folder``'s chunks at the request's ``Destination``; returns the status (201 new,
        204 replaced) and the headers to answer with. Raises ``SabreAnswer`` for every refusal."""
        _check_preconditions(environ)
        destination = header(environ, "Destination")
        if destination is None:
            raise SabreAnswer(400, "BadRequest", "The destination header was not supplied")
        inside = destination_path(destination, self.user)
        if inside is None:
            raise SabreAnswer(403, "Forbidden", "The destination is not in the files of this user")
        target = self.disk(inside)
        if not target.parent.is_dir():
            raise SabreAnswer(409, "Conflict", "The destination node is not found")
        existed = target.exists()
        if existed and target.is_dir():
            raise SabreAnswer(409, "Conflict", "A folder already exists at the destination")
        if existed and (header(environ, "Overwrite") or "T").strip().upper() == "F":
            raise SabreAnswer(412, "PreconditionFailed",
                              "The destination node already exists, and the overwrite header is set to false")
        mtime_header, checksum_header = header(environ, "X-OC-MTime"), header(environ, "OC-Checksum")
        try:
            mtime = parse_mtime_header(mtime_header) if mtime_header is not None else None
            checksum = parse_checksum_header(checksum_header) if checksum_header is not None else None
        except DAVError as refused:
            raise SabreAnswer(400, "BadRequest", str(refused.context_info)) from None

        chunks = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: _natural_key(p.name))
        sizes = [chunk.stat().st_size for chunk in chunks]
        total = sum(sizes)
        refusal = self.quota.refusal(total, self.quota_path(inside))
        if refusal is not None:
            raise SabreAnswer(507, "InsufficientStorage", refusal)
        expected = header(environ, "OC-Total-Length")
        if expected is not None and expected.strip() != str(total):
            raise SabreAnswer(400, "BadRequest", f"Chunks on server do not sum up to {expected} but to {total} bytes")
        if v2 and (any(size < MIN_CHUNK for size in sizes[:-1]) or any(size > MAX_CHUNK for size in sizes)):
            # what S3 refuses at CompleteMultipartUpload; Nextcloud aborts the multipart upload
            log.info("chunked upload %s refused: a chunk but the last is outside 5 MiB..5 GiB", folder.name)
            shutil.rmtree(folder, ignore_errors=True)
            raise SabreAnswer(500, "OCP\\Files\\GenericFileException", "Could not write chunked file")

        part = PartFile(self.new_part_path(), expected_length=total, checksum=checksum)
        try:
            for chunk in chunks:
                with chunk.open("rb") as source:
                    while block := source.read(_BLOCK):
                        part.write(block)
            part.verify()
        except DAVError as refused:
            raise SabreAnswer(400, "BadRequest", str(refused.context_info)) from None
        except BaseException:
            part.discard()
            raise
        st = self.place(part, inside, mtime=mtime, checksum=checksum)  # as on PUT
        shutil.rmtree(folder, ignore_errors=True)
        log.debug("upload %s assembled: %d chunks, %d bytes", folder.name, len(chunks), total)
        etag = f'"{stat_etag(st)}"'
        headers = [("OC-ETag", etag), ("ETag", etag), ("OC-FileId", file_id(st, self.instance_id))]
        if mtime is not None:
            headers.append(("X-OC-MTime", "accepted"))
        return (204 if existed else 201), headers


def _check_preconditions(environ: dict[str, Any]) -> None:
    """sabre/dav's If-Match / If-None-Match against the request URI, ``.file``, which always exists
    and whose etag a client cannot know."""
    if_none_match = header(environ, "If-None-Match")
    if if_none_match is not None and if_none_match.strip() == "*":
        raise SabreAnswer(412, "PreconditionFailed",
                          "An If-None-Match header was specified, but the ETag matched (or * was specified).")
    if_match = header(environ, "If-Match")
    if if_match is not None and if_match.strip() != "*":
        raise SabreAnswer(412, "PreconditionFailed",
                          "An If-Match header was specified, but none of the specified ETags matched.")
