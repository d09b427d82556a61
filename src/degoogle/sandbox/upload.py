"""One PUT body on its way to disk, the way Nextcloud receives it.

Nextcloud writes an upload to a ``.part`` file and moves it over the target only once the whole body
arrived (``apps/dav/lib/Connector/Sabre/File.php``); a short body is refused with 400 "Expected filesize
of N bytes but read … Y bytes". The request headers it honours are listed in the developer manual,
``client_apis/WebDAV/basic.rst``, "Special Headers": ``X-OC-MTime`` (answered ``X-OC-MTime: accepted``)
and ``OC-Checksum`` (``TYPE:hex``, stored and shown as ``oc:checksums``).

Deliberate difference: the manual says the server does not validate ``OC-Checksum``; the sandbox does
(as ownCloud does) and refuses a mismatch with 400, so a client bug that sends the wrong checksum shows
up in tests instead of being silently stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from wsgidav.dav_error import HTTP_BAD_REQUEST, DAVError

log = logging.getLogger(__name__)

_CHECKSUM_RE = re.compile(r"^\s*([A-Za-z0-9-]+):([0-9A-Fa-f]+)\s*$")
_BUFFER_SIZE = 1024 * 1024


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


class _Adler32:
    """hashlib-style running Adler-32 (zlib's), as an 8-digit lower-case hex string."""

    def __init__(self) -> None:
        self._value = 1

    def update(self, data: bytes, /) -> None:
        self._value = zlib.adler32(data, self._value)

    def hexdigest(self) -> str:
        return f"{self._value:08x}"


_ALGORITHMS: dict[str, Callable[[], _Hasher]] = {
    "MD5": lambda: hashlib.md5(usedforsecurity=False),
    "SHA1": lambda: hashlib.sha1(usedforsecurity=False),
    "SHA256": hashlib.sha256,
    "SHA3-256": hashlib.sha3_256,
    "ADLER32": _Adler32,
}


@dataclass(frozen=True)
class Checksum:
    """A checksum as Nextcloud stores it: algorithm (upper case) and hex digest (lower case)."""

    algorithm: str
    hexdigest: str

    def __str__(self) -> str:
        return f"{self.algorithm}:{self.hexdigest}"

    def hasher(self) -> _Hasher:
        """A fresh running hash for this algorithm."""
        return _ALGORITHMS[self.algorithm]()


def parse_checksum_header(value: str) -> Checksum:
    """Parse an ``OC-Checksum`` header (``SHA1:<hex>``, ``MD5:…``, ``ADLER32:…``, ``SHA256:…``,
    ``SHA3-256:…``; algorithm case-insensitive). Raises ``DAVError(400)`` on anything else."""
    match = _CHECKSUM_RE.match(value)
    if not match:
        raise DAVError(HTTP_BAD_REQUEST, "OC-Checksum must look like TYPE:hexdigest")
    algorithm = match.group(1).upper()
    if algorithm not in _ALGORITHMS:
        raise DAVError(HTTP_BAD_REQUEST, f"Unsupported checksum type {algorithm}")
    return Checksum(algorithm, match.group(2).lower())


def parse_mtime_header(value: str) -> int:
    """Parse ``X-OC-MTime`` like Nextcloud's ``sanitizeMtime``: a decimal number of seconds (a
    fraction is dropped), later than one day after the epoch. Raises ``DAVError(400)`` otherwise."""
    text = value.strip()
    try:
        if text.lower().startswith(("0x", "+0x", "-0x")):
            raise ValueError(text)
        seconds = int(float(text))
    except (ValueError, OverflowError):
        raise DAVError(HTTP_BAD_REQUEST, "X-OC-MTime header must be an integer (unix timestamp).") from None
    if seconds <= 24 * 60 * 60:
        raise DAVError(HTTP_BAD_REQUEST, "X-OC-MTime header must be a valid positive integer")
    return seconds


class PartFile:
    """The body of one PUT, written to a part file beside the tree and moved over the target only
    once ``verify`` found it complete (and its checksum matching, if one was announced).

    ``write``/``close`` are what WsgiDAV's PUT handler calls; ``verify`` + ``move_to``, or ``discard``,
    end the upload.
    """

    def __init__(self, part_path: Path, *, expected_length: int | None, checksum: Checksum | None) -> None:
        self.part_path = part_path
        self.expected_length = expected_length
        self.checksum = checksum
        self.received = 0
        self._hasher = checksum.hasher() if checksum else None
        self._file: BinaryIO | None = part_path.open("wb", buffering=_BUFFER_SIZE)

    def write(self, data: bytes) -> int:
        """Append a block of the body; returns its length."""
        assert self._file is not None, "write after close"
        self._file.write(data)
        if self._hasher is not None:
            self._hasher.update(data)
        self.received += len(data)
        return len(data)

    def close(self) -> None:
        """Close the part file (the upload is neither committed nor discarded yet)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def discard(self) -> None:
        """Forget the upload: the part file is removed and the target is left as it was."""
        self.close()
        with contextlib.suppress(FileNotFoundError):
            self.part_path.unlink()

    def verify(self) -> None:
        """Check the upload is complete: as many bytes as the request's Content-Length announced, and
        the announced checksum (if any). Raises ``DAVError(400)`` and discards the part otherwise."""
        self.close()
        if self.expected_length is not None and self.received != self.expected_length:
            self.discard()
            raise DAVError(
                HTTP_BAD_REQUEST,
                f"Expected filesize of {self.expected_length} bytes but read {self.received} bytes.",
            )
        if self.checksum is not None and self._hasher is not None:
            actual = self._hasher.hexdigest()
            if actual != self.checksum.hexdigest:
                self.discard()
                log.info("checksum mismatch on upload: announced %s, received %s", self.checksum, actual)
                raise DAVError(
                    HTTP_BAD_REQUEST, "The computed checksum does not match the one received from the client."
                )

    def move_to(self, target: Path, *, mtime: int | None) -> None:
        """Set ``mtime`` (if given) on the verified part, then move it over ``target`` in one rename.
        Raises ``OSError`` (with the part discarded and ``target`` untouched) if either step fails."""
        self.close()
        try:
            if mtime is not None:
                os.utime(self.part_path, (mtime, mtime))
            os.replace(self.part_path, target)
        except OSError:
            self.discard()
            raise
