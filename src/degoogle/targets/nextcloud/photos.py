"""Photos and notes into a Nextcloud: files like any other, plus the photo's albums in Nextcloud Photos.

A photo or note is written exactly as ``NextcloudFiles`` writes a file (its bytes unchanged, its
mtime the date it was taken or edited, a repeat recognised by size and checksum). A photo then
joins its albums through the Photos app's DAV (``/remote.php/dav/photos/<user>/albums/<name>``,
nextcloud/photos ``lib/Sabre/Album/``):

- the albums home lists the albums (PROPFIND Depth 1); an album is made with ``MKCOL`` (sabre
  answers 405 when it exists already: it is then reused, never made twice);
- a file joins an album with ``COPY`` of its files-DAV URL to ``<album>/<file name>``; the album
  stores the file's id, no second copy (``AlbumRoot::copyInto``). A file already in the album is
  answered 409 (``addFile``: "File … is already in the folder"): that is success for us, so a
  second run, or a run after a crash between the upload and the album, adds nothing twice.

Without the Photos app (the albums home answers 404) albums are not recreated: the photos move
all the same, each album's members stay in the journal, and the report says so per photo
(``photo_albums_no_app``). Copying the album folders instead would store every photo twice and
show it twice in the person's timeline; a later run once the app is enabled adds them.

GPS positions are not written anywhere: Nextcloud Photos reads places only from the file's EXIF,
and writing them there would change the photo's bytes. They stay in the journal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from urllib.parse import quote

from degoogle.errors import DegoogleError
from degoogle.model import Item, Kind, WriteResult
from degoogle.targets.base import BatchContext, BatchResult, WriteContext
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.chunked import DEFAULT_CHUNK
from degoogle.targets.nextcloud.files import NextcloudFiles
from degoogle.targets.nextcloud.webdav import parse_multistatus, raise_for_status

log = logging.getLogger(__name__)

ALBUMS_PROPFIND = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>'
)


def album_name(title: str) -> str:
    """An album's name as a DAV path component (no ``/``)."""
    return title.replace("/", "-").replace("\\", "-").strip() or "_"


class NextcloudPhotos(NextcloudFiles):
    """Photos (with albums) and notes in a Nextcloud. Thread-safe: one instance serves every worker."""

    kinds = frozenset({Kind.PHOTOS, Kind.NOTES})

    def __init__(self, account: NextcloudAccount, password: str, *, workers: int = 4,
                 verify_tls: bool | str = True, chunk_size: int = DEFAULT_CHUNK) -> None:
        super().__init__(account, password, workers=workers, verify_tls=verify_tls, chunk_size=chunk_size)
        self._albums: set[str] | None = None
        self._albums_known = False
        self._album_lock = threading.Lock()

    def describe(self) -> str:
        return f"Nextcloud Photos and Notes {self.account.host}, {self.account.user}"

    def albums_url(self) -> str:
        return f"{self.account.base_url}/remote.php/dav/photos/{quote(self.dav_user, safe='')}/albums/"

    def albums(self) -> set[str] | None:
        """The names of the person's albums, or None when the server has no Photos app (asked once)."""
        with self._album_lock:
            if not self._albums_known:
                url = self.albums_url()
                response = self.request_url("PROPFIND", url, "list the photo albums",
                                            headers={"Depth": "1"}, data=ALBUMS_PROPFIND)
                if response.status_code in (404, 405, 501):
                    log.info("no Photos app on this server (HTTP %d): albums are not recreated",
                             response.status_code)
                    self._albums = None
                else:
                    raise_for_status(response, "list the photo albums")
                    self._albums = {name for name, f in parse_multistatus(response.content, url).items() if f.is_dir}
                self._albums_known = True
            return self._albums

    def _ensure_album(self, name: str) -> None:
        with self._album_lock:
            assert self._albums is not None
            if name in self._albums:
                return
            url = self.albums_url() + quote(name, safe="")
            response = self.request_url("MKCOL", url, f"make the album {name}")
            if response.status_code != 405:  # 405: it exists (made by a run the journal did not hear of)
                raise_for_status(response, f"make the album {name}")
            self._albums.add(name)

    def add_to_album(self, title: str, path: str) -> None:
        """Put the file at ``path`` into the album ``title`` (made if needed); a file already in it is fine."""
        name = album_name(title)
        self._ensure_album(name)
        destination = self.albums_url() + quote(name, safe="") + "/" + quote(path.rsplit("/", 1)[-1], safe="")
        response = self.request_url("COPY", self.url(path), f"add {path} to the album {name}",
                                    headers={"Destination": destination, "Overwrite": "F"})
        if response.status_code != 409:  # 409: the file is in the album already
            raise_for_status(response, f"add {path} to the album {name}")

    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        """Write the file as ``NextcloudFiles`` does; then, for a photo, join its albums. The result
        carries ``photo_no_date`` when no date was found for it, ``photo_albums_no_app`` when it
        belongs to albums this server cannot hold."""
        return self._joined(item, super().write(item, ctx))

    def write_batch(self, items: Sequence[Item], ctx: BatchContext) -> list[BatchResult]:
        """Small files go up in bulk as ``NextcloudFiles`` sends them; then each photo that landed
        joins its albums as in ``write``. An album step that fails leaves that item's error in its
        place: the engine then writes it alone, which finds the file there and joins the albums."""
        results = super().write_batch(items, ctx)
        joined: list[BatchResult] = []
        for item, result in zip(items, results, strict=True):
            if isinstance(result, WriteResult):
                try:
                    result = self._joined(item, result)
                except DegoogleError as exc:
                    result = exc
            joined.append(result)
        return joined

    def _joined(self, item: Item, result: WriteResult) -> WriteResult:
        """After a photo is at its place: add it to its albums; the result says what is worth saying."""
        if item.kind != Kind.PHOTOS:
            return result
        reason: str | None = None
        titles = [str(t) for t in item.attrs.get("albums") or []]
        if titles:
            if self.albums() is None:
                reason = "photo_albums_no_app"
            else:
                for title in titles:
                    self.add_to_album(title, result.target_path)
        if item.attrs.get("date_from") == "archive":
            reason = "photo_no_date"
        if reason is None or result.reason is not None:
            return result
        return WriteResult(result.outcome, result.target_path, result.checksum, reason, result.detail)
