"""What the mail archives at the hoster already hold, for the mail archive (``mail_archive``): so that
a second move of the same mail — even with a new journal — writes nothing twice.

A message is known by its content (``content_key``: SHA-256 of its bytes, a final line break added
as an mbox adds one): the same bytes once, two different messages with the same Message-ID and Date
both. For one mail folder, the archives looked at are its own ``Mail/<folder>.mbox`` and the
numbered ones beside it (``<folder> (2).mbox``…), as degoogle names them; each is read once per run,
streamed through a temporary file (``convert.mbox.iter_mbox``: mboxrd un-quoting, as written).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import threading
from typing import BinaryIO, cast

from degoogle.convert.mbox import NotAnMboxError, iter_mbox
from degoogle.convert.names import name_key, numbered
from degoogle.targets.nextcloud.files import NextcloudFiles
from degoogle.targets.nextcloud.webdav import raise_for_status

log = logging.getLogger(__name__)

__all__ = ["ArchivedMail", "content_key"]

_BLOCK = 1024 * 1024


def content_key(raw: bytes) -> str:
    """A message's identity in an archive: its size and SHA-256, a final line break added if missing."""
    body = raw if raw.endswith(b"\n") else raw + b"\n"
    return f"{len(body)}:{hashlib.sha256(body).hexdigest()}"


class ArchivedMail:
    """The messages in a Nextcloud's mail archives, by mail folder. Thread-safe; reads each folder's
    archives on first use."""

    def __init__(self, files: NextcloudFiles) -> None:
        self.files = files
        self._by_path: dict[str, dict[str, str]] = {}  # archive path asked for → content key → file holding it
        self._lock = threading.Lock()
        self._path_locks: dict[str, threading.Lock] = {}

    def where(self, wanted: str, raw: bytes) -> str | None:
        """The archive beside ``wanted`` (``Mail/<folder>.mbox``, or a numbered one) holding ``raw``, or None."""
        return self._keys(wanted).get(content_key(raw))

    def _keys(self, wanted: str) -> dict[str, str]:
        with self._lock:
            known = self._by_path.get(wanted)
            if known is not None:
                return known
            lock = self._path_locks.setdefault(wanted, threading.Lock())
        with lock:
            with self._lock:
                if wanted in self._by_path:
                    return self._by_path[wanted]
            keys = self._read_all(wanted)
            with self._lock:
                self._by_path[wanted] = keys
            return keys

    def archives(self, wanted: str) -> dict[str, int]:
        """The archives beside ``wanted`` at the hoster now (it, and the numbered ones): path → size."""
        folder, _, base = wanted.rpartition("/")
        listing = self.files.list_folder(folder)
        names = {name_key(n): n for n, f in listing.items() if not f.is_dir}
        found: dict[str, int] = {}
        for candidate in [base] + [numbered(base, n) for n in range(2, len(listing) + 2)]:
            name = names.get(name_key(candidate))
            if name is not None:
                found[f"{folder}/{name}" if folder else name] = listing[name].size
        return found

    def _read_all(self, wanted: str) -> dict[str, str]:
        keys: dict[str, str] = {}
        for path in self.archives(wanted):
            for key in self._read(path):
                keys.setdefault(key, path)
        if keys:
            log.info("the hoster's archives of %s hold %d messages already", wanted, len(keys))
        return keys

    def _read(self, path: str) -> list[str]:
        """The content keys of the messages of the mbox at ``path`` (none when it is not an mbox)."""
        what = f"read the archive {path}"
        response = self.files.request_url("GET", self.files.url(path), what, stream=True, timeout=(15, 900))
        with response, tempfile.TemporaryFile() as spool:
            raise_for_status(response, what)
            for block in response.iter_content(_BLOCK):
                spool.write(block)
            spool.seek(0)
            try:
                return [content_key(m.raw) for m in iter_mbox(cast(BinaryIO, spool)) if not m.too_large]
            except NotAnMboxError:
                log.info("%s is not an mbox: its messages are not looked for", path)
                return []
