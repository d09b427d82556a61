"""Nextcloud Photos albums over DAV, as the Photos app answers them (nextcloud/photos ``lib/Sabre/Album/``).

``/remote.php/dav/photos/<user>/albums/`` is the albums home (``AlbumsHome``): PROPFIND lists the
albums as collections; ``MKCOL albums/<name>`` makes one (``createDirectory``) — sabre answers 405
when the name exists already, and 403 for a folder inside an album (``AlbumRoot::createDirectory``).
An album (``AlbumRoot``) lists its photos as ``<fileid>-<file name>`` (``AlbumPhoto::getName``),
never holding a copy: a file joins with ``COPY <files-DAV URL>`` whose ``Destination`` is
``albums/<name>/<file name>`` (``copyInto`` → ``addFile``): 201, or 409 Conflict "File <id> is
already in the folder" when it is in the album already; a folder as source is refused (403).
A destination album that does not exist is 409 (sabre: the destination's parent is missing).

Without the Photos app (``Sandbox(photos_app=False)``) every ``/remote.php/dav/photos/`` path is 404,
as on a server where the app is disabled. Albums are kept in ``albums.json`` beside the files.
File ids are the inode, as ``files.file_id`` gives them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from degoogle.sandbox.sabre import DAV, XML_TYPE, multistatus, requested_properties, sabre_error
from degoogle.sandbox.wire import StartResponse, answer, header

PHOTOS_PREFIX = "/remote.php/dav/photos/"
OC = "{http://owncloud.org/ns}"
NC = "{http://nextcloud.org/ns}"


def is_photos(route: str) -> bool:
    return route.rstrip("/") + "/" == PHOTOS_PREFIX or route.startswith(PHOTOS_PREFIX)


def copies_into_album(method: str, environ: dict[str, Any]) -> bool:
    """True for a COPY whose destination is under the Photos DAV (a file joining an album)."""
    if method != "COPY":
        return False
    destination = unquote(urlsplit(header(environ, "Destination") or "").path)
    return destination.startswith(PHOTOS_PREFIX)


class PhotoAlbums:
    """The albums of the sandbox's one user, kept in ``store`` (a JSON file)."""

    def __init__(self, store: Path, files_dir: Path, user: str, instance_id: str, *, enabled: bool = True) -> None:
        self.store = store
        self.files_dir = files_dir
        self.user = user
        self.instance_id = instance_id
        self.enabled = enabled
        self._lock = threading.Lock()

    # -- what tests look at ----------------------------------------------------------------------

    def albums(self) -> dict[str, list[dict[str, Any]]]:
        """Album name → its members (``{"id": inode, "name": file name, "path": path in the files}``)."""
        with self._lock:
            return self._load()

    def _load(self) -> dict[str, list[dict[str, Any]]]:
        if not self.store.exists():
            return {}
        data: dict[str, list[dict[str, Any]]] = json.loads(self.store.read_text(encoding="utf-8"))
        return data

    def _save(self, albums: dict[str, list[dict[str, Any]]]) -> None:
        tmp = self.store.with_suffix(".tmp")
        tmp.write_text(json.dumps(albums, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.store)

    # -- requests ----------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start: StartResponse, method: str, route: str,
                 files_inside: str | None = None) -> Iterable[bytes]:
        """Answer a request under the Photos DAV; ``files_inside`` is the source path (inside the
        user's files) of a COPY into an album."""
        if not self.enabled:
            return _error(environ, start, 404, "NotFound", "File with name photos could not be located")
        if files_inside is not None:
            return self._copy(environ, start, files_inside)
        rest = route[len(PHOTOS_PREFIX):].strip("/").split("/") if route.startswith(PHOTOS_PREFIX) else []
        if len(rest) < 2 or rest[0] != self.user or rest[1] != "albums":
            return _error(environ, start, 404, "NotFound", "Not found")
        inside = rest[2:]
        if method == "PROPFIND":
            return self._propfind(environ, start, inside)
        if method == "MKCOL":
            return self._mkcol(environ, start, inside)
        return _error(environ, start, 405, "MethodNotAllowed", f"{method} is not allowed here")

    def _home(self) -> str:
        return f"{PHOTOS_PREFIX}{self.user}/albums/"

    def _propfind(self, environ: dict[str, Any], start: StartResponse, inside: list[str]) -> Iterable[bytes]:
        requested = requested_properties(environ["wsgi.input"].read())
        depth = header(environ, "Depth") or "1"
        with self._lock:
            albums = self._load()
        if not inside:
            responses: list[tuple[str, dict[str, Any]]] = [(self._home(), {DAV + "resourcetype": True})]
            if depth != "0":
                responses += [(f"{self._home()}{name}/", {DAV + "resourcetype": True, NC + "nbItems": len(members)})
                              for name, members in albums.items()]
        elif len(inside) == 1 and inside[0] in albums:
            members = albums[inside[0]]
            responses = [(f"{self._home()}{inside[0]}/", {DAV + "resourcetype": True, NC + "nbItems": len(members)})]
            if depth != "0":
                responses += [(f"{self._home()}{inside[0]}/{m['id']}-{m['name']}",
                               {DAV + "resourcetype": False, DAV + "getcontentlength": m.get("size", 0),
                                OC + "fileid": m["id"]}) for m in members]
        else:
            return _error(environ, start, 404, "NotFound", f"{'/'.join(inside)} not found")
        return answer(environ, start, 207, multistatus(responses, requested), XML_TYPE)

    def _mkcol(self, environ: dict[str, Any], start: StartResponse, inside: list[str]) -> Iterable[bytes]:
        with self._lock:
            albums = self._load()
            if len(inside) != 1:
                if inside and inside[0] in albums:
                    return _error(environ, start, 403, "Forbidden", "Not allowed to create directories in this folder")
                return _error(environ, start, 409, "Conflict", "Parent node does not exist")
            if inside[0] in albums:
                return _error(environ, start, 405, "MethodNotAllowed",
                              "The resource you tried to create already exists")
            albums[inside[0]] = []
            self._save(albums)
        return answer(environ, start, 201, b"", "text/html; charset=UTF-8")

    def _copy(self, environ: dict[str, Any], start: StartResponse, files_inside: str) -> Iterable[bytes]:
        destination = unquote(urlsplit(header(environ, "Destination") or "").path)
        rest = destination[len(PHOTOS_PREFIX):].strip("/").split("/")
        source = self.files_dir / files_inside.strip("/")
        if not source.exists():
            return _error(environ, start, 404, "NotFound", f"File with name {files_inside} could not be located")
        if len(rest) != 4 or rest[0] != self.user or rest[1] != "albums":
            return _error(environ, start, 409, "Conflict", "The destination node is not found")
        if source.is_dir():
            return _error(environ, start, 403, "Forbidden", "The source is not a file")
        st = source.stat()
        with self._lock:
            albums = self._load()
            members = albums.get(rest[2])
            if members is None:
                return _error(environ, start, 409, "Conflict", "The destination node is not found")
            if any(m["id"] == st.st_ino for m in members):
                return _error(environ, start, 409, "Conflict", f"File {st.st_ino} is already in the folder")
            members.append({"id": st.st_ino, "name": source.name, "size": st.st_size,
                            "path": source.relative_to(self.files_dir).as_posix()})
            self._save(albums)
        return answer(environ, start, 201, b"", "text/html; charset=UTF-8")


def _error(environ: dict[str, Any], start: StartResponse, status: int, exception: str, message: str) -> list[bytes]:
    return answer(environ, start, status, sabre_error(f"Sabre\\DAV\\Exception\\{exception}", message), XML_TYPE)
