"""The sandbox behaves like the parts of Nextcloud that degoogle relies on.

Every test talks to a running sandbox over HTTP, as a client would (``requests``, a raw socket,
webdavclient3, the command line), and checks what a user of the server could see: status codes,
headers, PROPFIND answers, and the files on disk.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
import requests
from webdav3.client import Client

from degoogle.sandbox import RequestRecord, Sandbox
from tests.waiting import wait_until

OC = "{http://owncloud.org/ns}"
PROPS = ["{DAV:}getetag", "{DAV:}getlastmodified", "{DAV:}getcontentlength", "{DAV:}resourcetype"]
PROPS += [OC + "size", OC + "checksums", OC + "fileid"]


@dataclass
class Dav:
    """A client's view of one folder of the sandbox: URLs, an authenticated session, the disk path."""

    sandbox: Sandbox
    session: requests.Session
    url: str  # the folder's URL, ending with "/"
    path: str  # the folder's decoded URL path, ending with "/"
    disk: Path

    def put(self, name: str, data: bytes, **headers: str) -> requests.Response:
        return self.session.put(self.url + name, data=data, headers=headers)

    def propfind(self, name: str = "", depth: str = "0", props: list[str] | None = None) -> dict[str, dict]:
        """PROPFIND → {href: {property: (status, element)}}."""
        return propfind(self.session, self.url + name, depth, props or PROPS)


def propfind(session: requests.Session, url: str, depth: str, props: list[str]) -> dict[str, dict]:
    names = "".join(f'<x:{p.split("}")[1]} xmlns:x="{p[1:].split("}")[0]}"/>' for p in props)
    body = f'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop>{names}</d:prop></d:propfind>'
    answer = session.request("PROPFIND", url, data=body, headers={"Depth": depth})
    assert answer.status_code == 207, answer.text
    result: dict[str, dict] = {}
    for response in ElementTree.fromstring(answer.content).iter("{DAV:}response"):
        found = {}
        for propstat in response.iter("{DAV:}propstat"):
            status = int(propstat.findtext("{DAV:}status", "").split()[1])
            prop_element = propstat.find("{DAV:}prop")
            for prop in [] if prop_element is None else list(prop_element):
                found[prop.tag] = (status, prop)
        result[response.findtext("{DAV:}href", "")] = found
    return result


def checksums_of(props: dict) -> list[str]:
    status, element = props[OC + "checksums"]
    return [c.text or "" for c in element.iter(OC + "checksum")] if status == 200 else []


def port_of(sandbox: Sandbox) -> int:
    return int(sandbox.url.rsplit(":", 1)[1])


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(tmp_path_factory.mktemp("sandbox")) as server:
        yield server


@pytest.fixture
def dav(sandbox: Sandbox, request: pytest.FixtureRequest) -> Iterator[Dav]:
    """A fresh folder of the session's sandbox, named after the test (so faults and records stay apart)."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name).strip("-")
    session = requests.Session()
    session.auth = (sandbox.user, sandbox.password)
    path = f"/remote.php/dav/files/{sandbox.user}/{name}/"
    assert session.request("MKCOL", sandbox.url + path).status_code == 201
    yield Dav(sandbox, session, sandbox.url + path, path, sandbox.files_dir() / name)
    session.close()


# --- the server's face --------------------------------------------------------------------------


def test_status_php_answers_like_nextcloud(sandbox: Sandbox) -> None:
    answer = requests.get(sandbox.url + "/status.php")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json() == {
        "installed": True,
        "maintenance": False,
        "needsDbUpgrade": False,
        "version": "30.0.0.0",
        "versionstring": "30.0.0",
        "edition": "",
        "productname": "Nextcloud",
        "extendedSupport": False,
    }


@pytest.mark.parametrize("auth", [None, ("demo", "wrong-password"), ("someone", "x")])
def test_files_need_the_right_password(sandbox: Sandbox, auth: tuple[str, str] | None) -> None:
    for url in (f"/remote.php/dav/files/{sandbox.user}/", "/remote.php/webdav/"):
        answer = requests.request("PROPFIND", sandbox.url + url, auth=auth, headers={"Depth": "0"})
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"] == 'Basic realm="Nextcloud"'


def test_password_is_app_password_shaped_unless_given(tmp_path: Path) -> None:
    assert re.fullmatch(r"([A-Za-z0-9]{5}-){4}[A-Za-z0-9]{5}", Sandbox(tmp_path / "a").password)
    assert Sandbox(tmp_path / "b", password="secret").password == "secret"


def test_another_users_tree_and_unknown_paths_are_not_found(sandbox: Sandbox) -> None:
    auth = (sandbox.user, sandbox.password)
    other = requests.request("PROPFIND", sandbox.url + "/remote.php/dav/files/bob/", auth=auth)
    assert other.status_code in (403, 404)
    assert requests.get(sandbox.url + "/index.php", auth=auth).status_code == 404
    assert requests.get(sandbox.url + "/remote.php/dav/", auth=auth).status_code == 404


def test_legacy_webdav_url_serves_the_same_tree(dav: Dav) -> None:
    dav.put("same.txt", b"one tree", **{"OC-Checksum": "MD5:" + hashlib.md5(b"one tree").hexdigest()})
    legacy = dav.sandbox.url + "/remote.php/webdav/" + dav.disk.name + "/same.txt"
    assert dav.session.get(legacy).content == b"one tree"
    (props,) = propfind(dav.session, legacy, "0", PROPS).values()
    assert checksums_of(props) == ["MD5:" + hashlib.md5(b"one tree").hexdigest()]


def test_folder_answers_head_like_nextcloud(dav: Dav) -> None:
    assert dav.session.head(dav.url).status_code == 200
    assert dav.session.head(dav.url + "missing/").status_code == 404


# --- uploads --------------------------------------------------------------------------------------


def test_put_then_get_round_trip(dav: Dav) -> None:
    data = os.urandom(100_000)
    created = dav.put("photo.jpg", data)
    assert created.status_code == 201
    assert dav.session.get(dav.url + "photo.jpg").content == data
    assert (dav.disk / "photo.jpg").read_bytes() == data

    props = dav.propfind("photo.jpg")[dav.path + "photo.jpg"]
    assert created.headers["ETag"] == created.headers["OC-ETag"] == props["{DAV:}getetag"][1].text
    assert re.fullmatch(r'"[^"]+"', created.headers["ETag"])
    assert created.headers["OC-FileId"]
    assert props["{DAV:}getcontentlength"][1].text == props[OC + "size"][1].text == "100000"

    assert dav.put("photo.jpg", b"replaced").status_code == 204
    assert (dav.disk / "photo.jpg").read_bytes() == b"replaced"


def test_etag_changes_whenever_content_changes(dav: Dav) -> None:
    first = dav.put("a.txt", b"aaaa", **{"X-OC-Mtime": "1600000000"}).headers["ETag"]
    second = dav.put("a.txt", b"bbbb", **{"X-OC-Mtime": "1600000000"}).headers["ETag"]
    assert first != second
    assert dav.propfind("a.txt")[dav.path + "a.txt"]["{DAV:}getetag"][1].text == second


def test_x_oc_mtime_sets_the_modification_time(dav: Dav) -> None:
    answer = dav.put("old.txt", b"from 2020", **{"X-OC-Mtime": "1600000000"})
    assert answer.status_code == 201
    assert answer.headers["X-OC-MTime"] == "accepted"
    assert (dav.disk / "old.txt").stat().st_mtime == 1600000000
    modified = dav.propfind("old.txt")[dav.path + "old.txt"]["{DAV:}getlastmodified"][1].text
    assert modified == "Sun, 13 Sep 2020 12:26:40 GMT"
    assert "X-OC-MTime" not in dav.put("new.txt", b"now").headers


def test_malformed_x_oc_mtime_is_refused(dav: Dav) -> None:
    assert dav.put("bad.txt", b"x", **{"X-OC-Mtime": "yesterday"}).status_code == 400
    assert not (dav.disk / "bad.txt").exists()


@pytest.mark.parametrize(
    "algorithm, digest",
    [
        ("SHA1", lambda b: hashlib.sha1(b).hexdigest()),
        ("MD5", lambda b: hashlib.md5(b).hexdigest()),
        ("ADLER32", lambda b: f"{zlib.adler32(b):08x}"),
    ],
)
def test_good_checksum_is_stored_and_shown(dav: Dav, algorithm: str, digest: Callable[[bytes], str]) -> None:
    data = os.urandom(5000)
    checksum = f"{algorithm}:{digest(data)}"
    assert dav.put("doc.pdf", data, **{"OC-Checksum": checksum}).status_code == 201
    assert checksums_of(dav.propfind("doc.pdf")[dav.path + "doc.pdf"]) == [checksum]


def test_upload_without_checksum_has_none_and_drops_the_old_one(dav: Dav) -> None:
    dav.put("plain.txt", b"no checksum")
    dav.put("was.txt", b"v1", **{"OC-Checksum": "SHA1:" + hashlib.sha1(b"v1").hexdigest()})
    dav.put("was.txt", b"v2")
    listing = dav.propfind(depth="1")
    assert checksums_of(listing[dav.path + "plain.txt"]) == []
    assert checksums_of(listing[dav.path + "was.txt"]) == []


def test_bad_checksum_is_refused_and_nothing_is_written(dav: Dav) -> None:
    wrong = {"OC-Checksum": "SHA1:" + hashlib.sha1(b"something else").hexdigest()}
    assert dav.put("new.txt", b"content", **wrong).status_code == 400
    assert not (dav.disk / "new.txt").exists()

    good = "SHA1:" + hashlib.sha1(b"kept").hexdigest()
    dav.put("kept.txt", b"kept", **{"OC-Checksum": good})
    assert dav.put("kept.txt", b"content", **wrong).status_code == 400
    assert (dav.disk / "kept.txt").read_bytes() == b"kept"
    assert checksums_of(dav.propfind("kept.txt")[dav.path + "kept.txt"]) == [good]


def test_if_none_match_star_refuses_to_overwrite(dav: Dav) -> None:
    assert dav.put("once.txt", b"first", **{"If-None-Match": "*"}).status_code == 201
    assert dav.put("once.txt", b"second", **{"If-None-Match": "*"}).status_code == 412
    assert (dav.disk / "once.txt").read_bytes() == b"first"


def test_move_keeps_content_and_checksum(dav: Dav) -> None:
    checksum = "SHA1:" + hashlib.sha1(b"moving").hexdigest()
    dav.put("here.txt", b"moving", **{"OC-Checksum": checksum})
    moved = dav.session.request("MOVE", dav.url + "here.txt", headers={"Destination": dav.url + "there.txt"})
    assert moved.status_code == 201
    assert not (dav.disk / "here.txt").exists()
    assert checksums_of(dav.propfind("there.txt")[dav.path + "there.txt"]) == [checksum]


def aborted_put(sandbox: Sandbox, path: str) -> None:
    """Announce a 1 MB body, send 10 bytes, and close the socket."""
    auth = base64.b64encode(f"{sandbox.user}:{sandbox.password}".encode()).decode()
    with socket.create_connection(("127.0.0.1", port_of(sandbox))) as raw:
        head = f"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {auth}\r\n"
        raw.sendall(f"{head}Content-Length: 1000000\r\n\r\n".encode() + b"0123456789")


def test_aborted_put_leaves_no_file_and_keeps_the_old_one(dav: Dav) -> None:
    def refused(name: str) -> list[RequestRecord]:
        return [r for r in dav.sandbox.requests if r.path == dav.path + name and r.status >= 400]

    dav.put("existing.txt", b"intact")
    for name in ("fresh.bin", "existing.txt"):
        aborted_put(dav.sandbox, dav.path + name)
        wait_until(functools.partial(refused, name), f"{name} refused")
        (record,) = refused(name)
        assert record.bytes_in == 10
    assert sorted(p.name for p in dav.disk.iterdir()) == ["existing.txt"]
    assert (dav.disk / "existing.txt").read_bytes() == b"intact"
    assert dav.session.get(dav.url + "existing.txt").content == b"intact"


def test_parallel_uploads_all_land_with_their_checksums(dav: Dav) -> None:
    def upload(worker: int) -> None:
        with requests.Session() as session:
            session.auth = dav.session.auth
            for i in range(25):
                data = f"{worker}-{i}".encode() * 100
                headers = {"OC-Checksum": "SHA1:" + hashlib.sha1(data).hexdigest()}
                assert session.put(f"{dav.url}{worker}-{i}.txt", data=data, headers=headers).status_code == 201

    threads = [threading.Thread(target=upload, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    listing = dav.propfind(depth="1")
    assert len(listing) == 1 + 8 * 25
    for worker in range(8):
        data = f"{worker}-7".encode() * 100
        assert checksums_of(listing[f"{dav.path}{worker}-7.txt"]) == ["SHA1:" + hashlib.sha1(data).hexdigest()]


# --- listing ----------------------------------------------------------------------------------


def test_propfind_lists_a_folder_of_5000_files(dav: Dav) -> None:
    for i in range(5000):
        (dav.disk / f"f{i:04d}.txt").write_bytes(b"x" * (i % 50))
    (dav.disk / "sub").mkdir()
    (dav.disk / "sub" / "inner.bin").write_bytes(b"y" * 123)
    started = time.monotonic()
    listing = dav.propfind(depth="1")
    elapsed = time.monotonic() - started
    assert len(listing) == 5002
    assert listing[dav.path + "f0049.txt"]["{DAV:}getcontentlength"][1].text == "49"
    assert listing[dav.path + "sub/"][OC + "size"][1].text == "123"
    assert listing[dav.path + "sub/"]["{DAV:}resourcetype"][1].find("{DAV:}collection") is not None
    assert elapsed < 20, f"PROPFIND of 5,000 files took {elapsed:.1f} s"


# --- faults and the request log -------------------------------------------------------------------


def test_fault_answers_its_status_the_given_number_of_times(dav: Dav) -> None:
    dav.sandbox.add_fault("PUT", re.escape(dav.path) + r"busy\.txt$", 503, times=2, headers={"Retry-After": "1"})
    for _ in range(2):
        answer = dav.put("busy.txt", b"later")
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "1"
        assert not (dav.disk / "busy.txt").exists()
    assert dav.put("other.txt", b"unaffected").status_code == 201
    assert dav.put("busy.txt", b"later").status_code == 201
    assert (dav.disk / "busy.txt").read_bytes() == b"later"


def test_fault_can_refuse_for_lack_of_space(dav: Dav) -> None:
    dav.sandbox.add_fault("PUT", re.escape(dav.path), 507)
    assert dav.put("big.bin", b"z" * 1000).status_code == 507


def test_fault_status_0_drops_the_connection(dav: Dav) -> None:
    dav.sandbox.add_fault("PUT", re.escape(dav.path) + "dropped", 0)
    with pytest.raises(requests.ConnectionError):
        dav.put("dropped.txt", b"lost")
    assert not (dav.disk / "dropped.txt").exists()
    assert RequestRecord("PUT", dav.path + "dropped.txt", 0, 4) in dav.sandbox.requests
    assert dav.put("dropped.txt", b"again").status_code == 201


def test_a_hold_keeps_matching_requests_waiting_until_released(dav: Dav) -> None:
    """A busy server, on demand: the held PUT is being served (``serving``), not written, until released."""
    held = dav.sandbox.hold("PUT", re.escape(dav.path) + r"slow\.txt$")
    answers: list[int] = []
    writer = threading.Thread(target=lambda: answers.append(dav.put("slow.txt", b"en retard").status_code))
    writer.start()
    wait_until(lambda: held.waiting == 1, "the PUT to be held")
    assert dav.sandbox.serving >= 1 and not (dav.disk / "slow.txt").exists()
    assert dav.put("other.txt", b"not held").status_code == 201  # another path goes through
    held.release()
    writer.join(30)
    assert answers == [201] and (dav.disk / "slow.txt").read_bytes() == b"en retard"
    wait_until(lambda: dav.sandbox.serving == 0, "every request answered")
    assert held.waiting == 0


def test_requests_are_recorded_and_written_to_the_log_file(tmp_path: Path) -> None:
    log_file = tmp_path / "requests.log"
    with Sandbox(tmp_path / "root", password="pw", request_log=log_file) as sandbox:
        session = requests.Session()
        session.auth = ("demo", "pw")
        base = sandbox.url + "/remote.php/dav/files/demo/"
        session.request("MKCOL", base + "Été")
        session.put(base + "Été/a b.txt?x=1", data=b"12345")
        requests.get(sandbox.url + "/status.php")
        expected = [
            RequestRecord("MKCOL", "/remote.php/dav/files/demo/Été", 201, 0),
            RequestRecord("PUT", "/remote.php/dav/files/demo/Été/a b.txt", 201, 5),
            RequestRecord("GET", "/status.php", 200, 0),
        ]
        assert sandbox.requests == expected
        assert log_file.read_text("utf-8").splitlines() == [
            "MKCOL /remote.php/dav/files/demo/Été 201 0",
            "PUT /remote.php/dav/files/demo/Été/a b.txt 201 5",
            "GET /status.php 200 0",
        ]
        sandbox.clear_requests()
        assert sandbox.requests == []


# --- clients and lifecycle -------------------------------------------------------------------------


def test_webdavclient3_can_mkdir_list_upload_and_download(sandbox: Sandbox, tmp_path: Path) -> None:
    client = Client(
        {
            "webdav_hostname": f"{sandbox.url}/remote.php/dav/files/{sandbox.user}/",
            "webdav_login": sandbox.user,
            "webdav_password": sandbox.password,
        }
    )
    client.mkdir("webdavclient3")
    original = tmp_path / "up.bin"
    original.write_bytes(os.urandom(70_000))
    client.upload_sync(remote_path="webdavclient3/up.bin", local_path=str(original))
    assert "webdavclient3/" in client.list()
    assert "up.bin" in client.list("webdavclient3")
    client.download_sync(remote_path="webdavclient3/up.bin", local_path=str(tmp_path / "down.bin"))
    assert (tmp_path / "down.bin").read_bytes() == original.read_bytes()


def test_user_names_keep_their_case(tmp_path: Path) -> None:
    with Sandbox(tmp_path, user="Alice", password="pw") as sandbox:
        session = requests.Session()
        session.auth = ("Alice", "pw")
        assert session.put(sandbox.url + "/remote.php/dav/files/Alice/x.txt", data=b"x").status_code == 201
        assert (sandbox.files_dir("Alice") / "x.txt").read_bytes() == b"x"
        hrefs = propfind(session, sandbox.url + "/remote.php/dav/files/Alice/", "1", PROPS)
        assert sorted(hrefs) == ["/remote.php/dav/files/Alice/", "/remote.php/dav/files/Alice/x.txt"]


def test_restart_keeps_url_files_and_checksums(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path, password="pw").start()
    session = requests.Session()
    session.auth = ("demo", "pw")
    url = sandbox.url + "/remote.php/dav/files/demo/kept.txt"
    checksum = "SHA1:" + hashlib.sha1(b"kept").hexdigest()
    session.put(url, data=b"kept", headers={"OC-Checksum": checksum})
    sandbox.stop()
    sandbox.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(sandbox.url + "/status.php", timeout=5)
    with sandbox.start():
        assert session.get(url).content == b"kept"
        (props,) = propfind(session, url, "0", PROPS).values()
        assert checksums_of(props) == [checksum]


def test_command_line_prints_url_user_password_and_stops_on_sigterm(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "degoogle.sandbox", "--root", str(tmp_path), "--user", "marie"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        url, user, password = (process.stdout.readline().strip() for _ in range(3))
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert user == "marie"
        answer = requests.request("PROPFIND", url + "/remote.php/dav/files/marie/", auth=(user, password))
        assert answer.status_code == 207
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
