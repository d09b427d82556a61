"""The sandbox answers the Photos app's album requests as nextcloud/photos ``lib/Sabre/Album/`` does."""

from __future__ import annotations

from pathlib import Path

import requests

from degoogle.sandbox import Sandbox
from tests.conftest import APP_PASSWORD

PROPFIND = b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>'


def _session(server: Sandbox) -> requests.Session:
    session = requests.Session()
    session.auth = (server.user, APP_PASSWORD)
    return session


def test_albums_are_made_listed_and_filled_without_copies(sandbox: Sandbox) -> None:
    s = _session(sandbox)
    files = f"{sandbox.url}/remote.php/dav/files/{sandbox.user}"
    home = f"{sandbox.url}/remote.php/dav/photos/{sandbox.user}/albums"
    assert s.request("MKCOL", f"{files}/Photos").status_code == 201
    assert s.put(f"{files}/Photos/IMG 1.jpg", data=b"jpeg bytes").status_code == 201

    assert s.request("MKCOL", f"{home}/Été 2019").status_code == 201
    assert s.request("MKCOL", f"{home}/Été 2019").status_code == 405  # exists: sabre's MethodNotAllowed
    assert s.request("MKCOL", f"{home}/Été 2019/inner").status_code == 403  # no folders in an album

    copy = {"Destination": f"{home}/Été 2019/IMG 1.jpg"}
    assert s.request("COPY", f"{files}/Photos/IMG 1.jpg", headers=copy).status_code == 201
    again = s.request("COPY", f"{files}/Photos/IMG 1.jpg", headers=copy)
    assert again.status_code == 409 and b"already in the folder" in again.content
    missing = {"Destination": f"{home}/Nowhere/IMG 1.jpg"}
    assert s.request("COPY", f"{files}/Photos/IMG 1.jpg", headers=missing).status_code == 409

    listing = s.request("PROPFIND", f"{home}/", headers={"Depth": "1"}, data=PROPFIND)
    assert listing.status_code == 207 and "Été 2019" in requests.utils.unquote(listing.text)
    inside = s.request("PROPFIND", f"{home}/Été 2019/", headers={"Depth": "1"}, data=PROPFIND)
    ino = (sandbox.files_dir() / "Photos" / "IMG 1.jpg").stat().st_ino
    assert inside.status_code == 207 and f"{ino}-IMG%201.jpg" in inside.text
    # the album holds the file's id, not a second copy of it
    assert [p.name for p in sandbox.files_dir().rglob("*") if p.is_file()] == ["IMG 1.jpg"]
    assert sandbox.photo_albums.albums() == {
        "Été 2019": [{"id": ino, "name": "IMG 1.jpg", "size": 10, "path": "Photos/IMG 1.jpg"}]}


def test_without_the_photos_app_albums_are_not_found(tmp_path: Path) -> None:
    with Sandbox(tmp_path / "server", user="marie", password=APP_PASSWORD, photos_app=False) as server:
        s = _session(server)
        home = f"{server.url}/remote.php/dav/photos/{server.user}/albums/"
        assert s.request("PROPFIND", home, headers={"Depth": "1"}, data=PROPFIND).status_code == 404
        assert s.request("MKCOL", home + "Vacances").status_code == 404
