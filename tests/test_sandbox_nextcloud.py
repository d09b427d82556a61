"""The sandbox behaves like the parts of Nextcloud a client meets around WebDAV.

Login Flow v2 and app passwords, the OCS API (capabilities, cloud/user), the quota, chunked upload v2,
maintenance mode, faults that strike after the work is done, and the ``.well-known`` redirects. Every
test talks HTTP to a running sandbox, as a client would, and checks what the client or the user could
see: statuses, JSON and XML bodies, headers, and the files on disk.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
import requests

from degoogle.convert.names import FORBIDDEN_BASENAME, FORBIDDEN_CHARACTER, NameRules, violations
from degoogle.sandbox import RequestRecord, Sandbox
from degoogle.sandbox.accounts import AppPasswords
from degoogle.sandbox.loginflow import FLOW_LIFETIME, LoginFlows
from degoogle.sandbox.traffic import RequestLog

MiB = 1024 * 1024
OC = "{http://owncloud.org/ns}"
OCS = {"OCS-APIREQUEST": "true", "Accept": "application/json"}
SABRE = "{http://sabredav.org/ns}"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(tmp_path_factory.mktemp("nextcloud"), password="first-app-password") as server:
        yield server


@pytest.fixture
def session(sandbox: Sandbox) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.auth = (sandbox.user, "first-app-password")
        yield s


def files_url(server: Sandbox, path: str = "") -> str:
    return f"{server.url}/remote.php/dav/files/{server.user}/{path}"


def sabre_exception(answer: requests.Response) -> tuple[str, str]:
    root = ElementTree.fromstring(answer.content)
    return root.findtext(SABRE + "exception", ""), root.findtext(SABRE + "message", "")


def propfind(session: requests.Session, url: str, depth: str, props: list[str]) -> dict[str, dict[str, str]]:
    """PROPFIND → {href: {property: text}} for the properties found (200)."""
    names = "".join(f'<x:{p.split("}")[1]} xmlns:x="{p[1:].split("}")[0]}"/>' for p in props)
    body = f'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop>{names}</d:prop></d:propfind>'
    answer = session.request("PROPFIND", url, data=body, headers={"Depth": depth})
    assert answer.status_code == 207, answer.text
    result: dict[str, dict[str, str]] = {}
    for response in ElementTree.fromstring(answer.content).iter("{DAV:}response"):
        found = {}
        for propstat in response.iter("{DAV:}propstat"):
            element = propstat.find("{DAV:}prop")
            if " 200 " in propstat.findtext("{DAV:}status", "") and element is not None:
                found.update((prop.tag, prop.text or "") for prop in element)
        result[response.findtext("{DAV:}href", "")] = found
    return result


# --- Login Flow v2 and app passwords ---------------------------------------------------------------


def start_login(server: Sandbox) -> dict:
    started = requests.post(server.url + "/index.php/login/v2")
    assert started.status_code == 200
    body = started.json()
    assert set(body) == {"poll", "login"} and set(body["poll"]) == {"token", "endpoint"}
    assert body["poll"]["endpoint"] == server.url + "/index.php/login/v2/poll"
    assert re.fullmatch(re.escape(server.url) + r"/index\.php/login/v2/flow/[A-Za-z0-9]+", body["login"])
    return body


def poll(body: dict) -> requests.Response:
    return requests.post(body["poll"]["endpoint"], data={"token": body["poll"]["token"]})


def test_login_flow_gives_a_new_app_password_that_can_be_revoked(sandbox: Sandbox) -> None:
    body = start_login(sandbox)
    waiting = poll(body)
    assert (waiting.status_code, waiting.json()) == (404, [])

    page = requests.get(body["login"])  # the browser; demo mode grants at once
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    granted = poll(body)
    assert granted.status_code == 200
    credentials = granted.json()
    assert credentials["server"] == sandbox.url and credentials["loginName"] == sandbox.user
    new = credentials["appPassword"]
    assert new != "first-app-password" and new in sandbox.app_passwords()
    assert poll(body).status_code == 404  # the credentials come once

    root = files_url(sandbox)
    assert requests.request("PROPFIND", root, auth=(sandbox.user, new), headers={"Depth": "0"}).status_code == 207
    revoked = requests.delete(sandbox.url + "/ocs/v2.php/core/apppassword", auth=(sandbox.user, new), headers=OCS)
    assert revoked.status_code == 200
    assert revoked.json()["ocs"]["meta"] == {"status": "ok", "statuscode": 200, "message": "OK"}
    assert requests.request("PROPFIND", root, auth=(sandbox.user, new), headers={"Depth": "0"}).status_code == 401
    first = requests.request("PROPFIND", root, auth=(sandbox.user, "first-app-password"), headers={"Depth": "0"})
    assert first.status_code == 207
    assert sandbox.app_passwords() == ["first-app-password"]


def test_without_auto_approve_the_poll_waits_for_the_grant(tmp_path: Path) -> None:
    with Sandbox(tmp_path, auto_approve_login=False) as server:
        body = start_login(server)
        page = requests.get(body["login"])
        assert page.status_code == 200 and "Grant access" in page.text
        assert poll(body).status_code == 404  # seeing the page grants nothing
        assert server.approve_login() is True
        assert poll(body).json()["appPassword"] in server.app_passwords()
        assert server.approve_login() is False  # none pending

        second = start_login(server)
        token = re.search(r'name="token" value="([^"]+)"', requests.get(second["login"]).text)
        assert token is not None
        clicked = requests.post(server.url + "/index.php/login/v2/grant", data={"token": token.group(1)})
        assert clicked.status_code == 200
        assert poll(second).status_code == 200
        assert len(server.app_passwords()) == 3


def test_a_login_flow_expires_after_20_minutes() -> None:
    now = [1000.0]
    flows = LoginFlows(AppPasswords("demo", "pw"), auto_approve=True, clock=lambda: now[0])
    flow = flows.start("http://127.0.0.1:1")
    now[0] += FLOW_LIFETIME - 1
    assert flows.find(flow.login_token) is flow
    now[0] += 2
    assert flows.find(flow.login_token) is None
    assert flows.approve_oldest() is False and flows.poll(flow.poll_token) is None


def test_an_unknown_login_token_is_forbidden(sandbox: Sandbox) -> None:
    assert requests.get(sandbox.url + "/index.php/login/v2/flow/nonsense").status_code == 403


def test_revoking_needs_the_ocs_header_and_the_password(sandbox: Sandbox) -> None:
    url = sandbox.url + "/ocs/v2.php/core/apppassword"
    no_header = requests.delete(url, auth=(sandbox.user, "first-app-password"))
    assert (no_header.status_code, no_header.json()) == (412, {"message": "CSRF check failed"})
    wrong = requests.delete(url, auth=(sandbox.user, "guess"), headers=OCS)
    assert wrong.status_code == 401 and wrong.json()["ocs"]["meta"]["statuscode"] == 997
    assert "first-app-password" in sandbox.app_passwords()


# --- OCS: capabilities and the current user ---------------------------------------------------------


@pytest.mark.parametrize(("version", "code"), [(1, 100), (2, 200)])
def test_capabilities_look_like_nextcloud_30(sandbox: Sandbox, version: int, code: int) -> None:
    answer = requests.get(f"{sandbox.url}/ocs/v{version}.php/cloud/capabilities", params={"format": "json"})
    assert answer.status_code == 200
    ocs = answer.json()["ocs"]
    assert ocs["meta"] == {"status": "ok", "statuscode": code, "message": "OK"}
    assert ocs["data"]["version"]["string"] == "30.0.0" and ocs["data"]["version"]["major"] == 30
    caps = ocs["data"]["capabilities"]
    assert caps["core"]["webdav-root"] == "remote.php/webdav" and caps["core"]["pollinterval"] == 60
    assert caps["dav"]["chunking"] == "1.0"
    files = caps["files"]
    assert files["bigfilechunking"] is True
    assert files["chunked_upload"] == {"max_size": 100 * MiB, "max_parallel_count": 5}
    assert files["forbidden_filenames"] == files["blacklisted_files"] == [".htaccess"]


def test_capabilities_in_xml_by_default(sandbox: Sandbox) -> None:
    answer = requests.get(sandbox.url + "/ocs/v1.php/cloud/capabilities")
    root = ElementTree.fromstring(answer.content)
    assert root.findtext("meta/statuscode") == "100"
    assert root.findtext("data/capabilities/dav/chunking") == "1.0"
    assert [e.text for e in root.findall("data/capabilities/files/forbidden_filenames/element")] == [".htaccess"]


@pytest.mark.parametrize("windows", [True, False])
def test_file_name_lists_follow_the_windows_setting(tmp_path: Path, windows: bool) -> None:
    with Sandbox(tmp_path, windows_compatible=windows) as server:
        answer = requests.get(server.url + "/ocs/v2.php/cloud/capabilities", headers={"Accept": "application/json"})
    files = answer.json()["ocs"]["data"]["capabilities"]["files"]
    rules = NameRules.from_capabilities(files)
    assert files["forbidden_filename_characters"][:2] == ["\\", "/"]
    assert files["forbidden_filename_extensions"][-1] == ".part"
    if windows:
        assert {"con", "lpt¹"} <= set(files["forbidden_filename_basenames"])
        assert {":", "?", "*"} <= set(files["forbidden_filename_characters"])
        assert files["forbidden_filename_extensions"][:2] == [" ", "."]
        assert FORBIDDEN_BASENAME in violations("con.txt", rules)
        assert FORBIDDEN_CHARACTER in violations("a:b.txt", rules)
    else:
        assert files["forbidden_filename_basenames"] == []
        assert files["forbidden_filename_characters"] == ["\\", "/"]
        assert files["forbidden_filename_extensions"] == [".filepart", ".part"]
        assert violations("con.txt", rules) == violations("a:b.txt", rules) == ()


def current_user(server: Sandbox, password: str) -> dict:
    answer = requests.get(server.url + "/ocs/v2.php/cloud/user", auth=(server.user, password), headers=OCS)
    assert answer.status_code == 200
    return answer.json()["ocs"]["data"]


def test_cloud_user_reports_an_unlimited_quota_as_nextcloud_does(tmp_path: Path) -> None:
    with Sandbox(tmp_path, password="pw") as server:
        (server.files_dir() / "a").mkdir()
        (server.files_dir() / "a" / "one.bin").write_bytes(b"x" * 3000)
        data = current_user(server, "pw")
        assert data["id"] == server.user and data["display-name"] == server.user
        quota = data["quota"]
        assert quota["quota"] == -3 and quota["used"] == 3000
        assert quota["free"] > 0 and quota["total"] == quota["used"] + quota["free"]
        anonymous = requests.get(server.url + "/ocs/v2.php/cloud/user", headers=OCS)
        assert anonymous.status_code == 401 and anonymous.json()["ocs"]["meta"]["statuscode"] == 997


def test_cloud_user_reports_a_set_quota(tmp_path: Path) -> None:
    with Sandbox(tmp_path, password="pw", quota=10_000) as server:
        (server.files_dir() / "one.bin").write_bytes(b"x" * 2500)
        assert current_user(server, "pw")["quota"] == {
            "free": 7500, "used": 2500, "total": 10_000, "relative": 25, "quota": 10_000,
        }
        server.set_quota(None)
        assert current_user(server, "pw")["quota"]["quota"] == -3


# --- quota -----------------------------------------------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[Sandbox, requests.Session]]:
    with Sandbox(tmp_path, password="pw", quota=8 * MiB) as server, requests.Session() as s:
        s.auth = (server.user, "pw")
        yield server, s


def test_a_put_over_quota_is_507_and_writes_nothing(small: tuple[Sandbox, requests.Session]) -> None:
    server, s = small
    assert s.put(files_url(server, "fits.bin"), data=b"a" * (5 * MiB)).status_code == 201
    refused = s.put(files_url(server, "too-much.bin"), data=b"b" * (4 * MiB))
    assert refused.status_code == 507
    exception, message = sabre_exception(refused)
    assert exception == "Sabre\\DAV\\Exception\\InsufficientStorage"
    assert message == f"Insufficient space in /too-much.bin, {4 * MiB} required, {3 * MiB} available"
    assert not (server.files_dir() / "too-much.bin").exists()
    assert sorted(p.name for p in server.files_dir().iterdir()) == ["fits.bin"]

    props = propfind(s, files_url(server), "0", ["{DAV:}quota-used-bytes", "{DAV:}quota-available-bytes"])
    assert props[f"/remote.php/dav/files/{server.user}/"] == {
        "{DAV:}quota-used-bytes": str(5 * MiB), "{DAV:}quota-available-bytes": str(3 * MiB),
    }
    server.set_quota(None)
    assert s.put(files_url(server, "too-much.bin"), data=b"b" * (4 * MiB)).status_code == 201


def test_folder_sizes_follow_uploads_deletions_and_disk_changes(sandbox: Sandbox, session: requests.Session) -> None:
    folder = f"sizes-{uuid.uuid4().hex[:8]}/"
    session.request("MKCOL", files_url(sandbox, folder))
    session.request("MKCOL", files_url(sandbox, folder + "inner/"))
    session.put(files_url(sandbox, folder + "inner/a.bin"), data=b"a" * 1000)

    def size() -> str:
        return propfind(session, files_url(sandbox, folder), "0", [OC + "size"]).popitem()[1][OC + "size"]

    assert size() == "1000"
    session.put(files_url(sandbox, folder + "inner/a.bin"), data=b"a" * 10)
    (sandbox.files_dir() / folder / "inner" / "deep").mkdir()
    (sandbox.files_dir() / folder / "inner" / "deep" / "b.bin").write_bytes(b"b" * 200)
    assert size() == "210"
    assert session.delete(files_url(sandbox, folder + "inner/")).status_code == 204
    assert size() == "0"


# --- chunked upload v2 ---------------------------------------------------------------------------------


class Upload:
    """One chunked upload against a sandbox, as a client sends it."""

    def __init__(self, server: Sandbox, s: requests.Session, target: str, *, v2: bool = True) -> None:
        self.server, self.s = server, s
        self.url = f"{server.url}/remote.php/dav/uploads/{server.user}/up-{uuid.uuid4().hex}"
        self.destination = files_url(server, target)
        answer = s.request("MKCOL", self.url, headers={"Destination": self.destination} if v2 else {})
        assert answer.status_code == 201

    def put(self, n: int | str, data: bytes, total: int) -> requests.Response:
        headers = {"Destination": self.destination, "OC-Total-Length": str(total)}
        return self.s.put(f"{self.url}/{n}", data=data, headers=headers)

    def move(self, total: int, **headers: str) -> requests.Response:
        headers = {"Destination": self.destination, "OC-Total-Length": str(total), **headers}
        return self.s.request("MOVE", self.url + "/.file", headers=headers)


def send_chunks(upload: Upload, data: bytes, size: int = 5 * MiB) -> None:
    for n, start in enumerate(range(0, len(data), size), 1):
        assert upload.put(f"{n:05d}", data[start : start + size], len(data)).status_code == 201


def test_a_chunked_upload_lands_whole_with_mtime_and_checksum(sandbox: Sandbox, session: requests.Session) -> None:
    data = os.urandom(12 * MiB)
    sha1 = hashlib.sha1(data).hexdigest()
    upload = Upload(sandbox, session, "film.mkv")
    send_chunks(upload, data)
    moved = upload.move(len(data), **{"X-OC-Mtime": "1600000000", "OC-Checksum": f"SHA1:{sha1}"})
    assert moved.status_code == 201, moved.text
    landed = sandbox.files_dir() / "film.mkv"
    assert hashlib.sha1(landed.read_bytes()).hexdigest() == sha1
    assert landed.stat().st_mtime == 1_600_000_000
    assert moved.headers["X-OC-MTime"] == "accepted" and moved.headers["OC-FileId"]
    props = propfind(session, files_url(sandbox, "film.mkv"), "0", ["{DAV:}getetag", OC + "checksums"])
    (found,) = props.values()
    assert moved.headers["ETag"] == moved.headers["OC-ETag"] == found["{DAV:}getetag"]
    checksums = propfind_checksums(session, files_url(sandbox, "film.mkv"))
    assert checksums == [f"SHA1:{sha1}"]
    assert session.request("PROPFIND", upload.url, headers={"Depth": "0"}).status_code == 404  # folder gone

    puts = [r for r in sandbox.requests if r.method == "PUT" and r.path.startswith(upload.url[len(sandbox.url) :])]
    assert [(r.path.rsplit("/", 1)[1], r.bytes_in) for r in puts] == [
        ("00001", 5 * MiB), ("00002", 5 * MiB), ("00003", 2 * MiB),
    ]
    assert RequestRecord("MOVE", upload.url[len(sandbox.url) :] + "/.file", 201, 0) in sandbox.requests

    again = Upload(sandbox, session, "film.mkv")
    send_chunks(again, b"new content")
    assert again.move(11).status_code == 204
    assert landed.read_bytes() == b"new content"
    assert propfind_checksums(session, files_url(sandbox, "film.mkv")) == []


def propfind_checksums(session: requests.Session, url: str) -> list[str]:
    body = '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:checksums/></d:prop></d:propfind>'
    answer = session.request("PROPFIND", url, data=body, headers={"Depth": "0"})
    return [c.text or "" for c in ElementTree.fromstring(answer.content).iter(OC + "checksum")]


def test_the_upload_folder_lists_its_chunks(sandbox: Sandbox, session: requests.Session) -> None:
    upload = Upload(sandbox, session, "listed.bin")
    upload.put("00001", b"a" * 100, 150)
    upload.put(2, b"b" * 50, 150)
    listing = propfind(session, upload.url + "/", "1", ["{DAV:}getcontentlength", "{DAV:}resourcetype"])
    path = upload.url[len(sandbox.url) :]
    assert {href: props.get("{DAV:}getcontentlength") for href, props in listing.items()} == {
        path + "/": None, path + "/00001": "100", path + "/2": "50",
    }
    assert session.get(upload.url + "/00001").status_code == 405
    home = propfind(session, f"{sandbox.url}/remote.php/dav/uploads/{sandbox.user}/", "1", ["{DAV:}resourcetype"])
    assert f"/remote.php/dav/uploads/{sandbox.user}/" in home and path + "/" in home
    assert not [href for href in home if href.endswith(".part")]


def test_a_small_chunk_that_is_not_the_last_is_refused_at_assembly(
        sandbox: Sandbox, session: requests.Session) -> None:
    upload = Upload(sandbox, session, "small-chunks.bin")
    upload.put(1, b"a" * MiB, 6 * MiB)
    upload.put(2, b"b" * (5 * MiB), 6 * MiB)
    refused = upload.move(6 * MiB)
    assert refused.status_code == 500
    assert sabre_exception(refused) == ("OCP\\Files\\GenericFileException", "Could not write chunked file")
    assert not (sandbox.files_dir() / "small-chunks.bin").exists()
    assert upload.move(6 * MiB).status_code == 404  # the upload was aborted, as S3 aborts it


def test_chunk_names_and_destination_are_checked_on_v2(sandbox: Sandbox, session: requests.Session) -> None:
    upload = Upload(sandbox, session, "names.bin")
    assert upload.put("0", b"x", 1).status_code == 400
    assert upload.put("10001", b"x", 1).status_code == 400
    assert upload.put("part-a", b"x", 1).status_code == 400
    assert session.put(upload.url + "/1", data=b"x").status_code == 400  # no Destination
    assert upload.put("10000", b"x", 1).status_code == 201


def test_v1_upload_is_assembled_in_name_order_without_size_rule(sandbox: Sandbox, session: requests.Session) -> None:
    upload = Upload(sandbox, session, "v1.txt", v2=False)
    for name, data in (("10", b"c"), ("2", b"b"), ("1", b"a")):
        assert session.put(f"{upload.url}/{name}", data=data).status_code == 201
    assert upload.move(3).status_code == 201
    assert (sandbox.files_dir() / "v1.txt").read_bytes() == b"abc"


def test_assembly_checks_length_overwrite_and_preconditions(sandbox: Sandbox, session: requests.Session) -> None:
    session.put(files_url(sandbox, "kept.txt"), data=b"kept")
    upload = Upload(sandbox, session, "kept.txt")
    upload.put(1, b"new", 3)
    short = upload.move(4)
    assert short.status_code == 400
    assert sabre_exception(short)[1] == "Chunks on server do not sum up to 4 but to 3 bytes"
    assert upload.move(3, Overwrite="F").status_code == 412
    assert upload.move(3, **{"If-None-Match": "*"}).status_code == 412
    assert (sandbox.files_dir() / "kept.txt").read_bytes() == b"kept"
    assert session.request("MOVE", upload.url + "/.file").status_code == 400  # no Destination
    lost = session.request("MOVE", upload.url + "/.file", headers={"Destination": files_url(sandbox, "no/dir/x")})
    assert lost.status_code == 409
    assert upload.move(3).status_code == 204
    assert (sandbox.files_dir() / "kept.txt").read_bytes() == b"new"


def test_expired_or_aborted_uploads_are_gone(sandbox: Sandbox, session: requests.Session) -> None:
    expired = Upload(sandbox, session, "expired.bin")
    expired.put(1, b"x" * 10, 10)
    aborted = Upload(sandbox, session, "aborted.bin")
    assert session.delete(aborted.url + "/").status_code == 204
    assert aborted.move(0).status_code == 404
    assert sandbox.expire_uploads() >= 1
    gone = expired.move(10)
    assert gone.status_code == 404 and sabre_exception(gone)[0] == "Sabre\\DAV\\Exception\\NotFound"
    assert expired.put(2, b"y", 10).status_code == 404
    assert not (sandbox.files_dir() / "expired.bin").exists()


def test_uploads_of_another_user_are_not_found(sandbox: Sandbox, session: requests.Session) -> None:
    other = f"{sandbox.url}/remote.php/dav/uploads/someone-else/x"
    assert session.request("MKCOL", other).status_code == 404
    anonymous = requests.request("MKCOL", f"{sandbox.url}/remote.php/dav/uploads/{sandbox.user}/x")
    assert anonymous.status_code == 401


def test_quota_refuses_a_chunked_upload_at_the_chunk_and_at_the_move(
        small: tuple[Sandbox, requests.Session]) -> None:
    server, s = small
    upload = Upload(server, s, "big.bin")
    assert upload.put(1, b"a" * (5 * MiB), 9 * MiB).status_code == 507  # OC-Total-Length says it won't fit
    upload.put(1, b"a" * (5 * MiB), 5 * MiB)
    upload.put(2, b"b" * (4 * MiB), 5 * MiB)  # the client lied about the total on the way
    refused = upload.move(9 * MiB)
    assert refused.status_code == 507
    assert sabre_exception(refused)[0] == "Sabre\\DAV\\Exception\\InsufficientStorage"
    assert list(server.files_dir().iterdir()) == []
    server.set_quota(20 * MiB)
    assert upload.move(9 * MiB).status_code == 201


# --- maintenance, faults after the work, .well-known --------------------------------------------------


def test_maintenance_mode_answers_503_everywhere_but_status(tmp_path: Path) -> None:
    with Sandbox(tmp_path, password="pw") as server:
        server.set_maintenance(True)
        assert requests.get(server.url + "/status.php").json()["maintenance"] is True
        dav = requests.request("PROPFIND", files_url(server), auth=(server.user, "pw"))
        assert dav.status_code == 503 and dav.headers["X-Nextcloud-Maintenance-Mode"] == "1"
        assert sabre_exception(dav) == ("Sabre\\DAV\\Exception\\ServiceUnavailable", "System in maintenance mode.")
        ocs = requests.get(server.url + "/ocs/v2.php/cloud/capabilities", headers=OCS)
        assert ocs.status_code == 503 and ocs.json()["ocs"]["meta"]["statuscode"] == 503
        login = requests.post(server.url + "/index.php/login/v2")
        assert login.status_code == 503 and login.headers["Retry-After"] == "120"
        server.set_maintenance(False)
        assert requests.get(server.url + "/status.php").json()["maintenance"] is False
        assert requests.request("PROPFIND", files_url(server), auth=(server.user, "pw")).status_code == 207


def test_a_fault_after_the_move_hides_an_assembled_file(sandbox: Sandbox, session: requests.Session) -> None:
    data = os.urandom(6 * MiB)
    upload = Upload(sandbox, session, "slow.bin")
    send_chunks(upload, data)
    sandbox.add_fault("MOVE", re.escape(upload.url[len(sandbox.url) :]), 504, after=True)
    assert upload.move(len(data)).status_code == 504
    assert (sandbox.files_dir() / "slow.bin").read_bytes() == data

    dropped = Upload(sandbox, session, "dropped.bin")
    send_chunks(dropped, b"tiny")
    sandbox.add_fault("MOVE", re.escape(dropped.url[len(sandbox.url) :]), 0, after=True)
    with pytest.raises(requests.ConnectionError):
        dropped.move(4)
    assert (sandbox.files_dir() / "dropped.bin").read_bytes() == b"tiny"

    sandbox.add_fault("PUT", r"/late\.txt$", 502, after=True)
    assert session.put(files_url(sandbox, "late.txt"), data=b"landed anyway").status_code == 502
    assert (sandbox.files_dir() / "late.txt").read_bytes() == b"landed anyway"
    assert RequestRecord("PUT", f"/remote.php/dav/files/{sandbox.user}/late.txt", 502, 13) in sandbox.requests


@pytest.mark.parametrize("service", ["caldav", "carddav"])
def test_well_known_redirects_to_the_dav_root(sandbox: Sandbox, service: str) -> None:
    answer = requests.get(f"{sandbox.url}/.well-known/{service}", allow_redirects=False)
    assert answer.status_code == 301
    assert answer.headers["Location"] == sandbox.url + "/remote.php/dav/"


# --- the request log and the command line ---------------------------------------------------------------


def test_the_request_log_keeps_the_last_records_in_memory_and_all_in_its_file(tmp_path: Path) -> None:
    log = RequestLog(tmp_path / "requests.log", limit=3)
    log.open()
    for i in range(5):
        log.add(RequestRecord("PUT", f"/f{i}", 201, i))
    log.close()
    assert [r.path for r in log.snapshot()] == ["/f2", "/f3", "/f4"]
    assert len((tmp_path / "requests.log").read_text().splitlines()) == 5


def test_command_line_takes_a_quota_and_manual_approval(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "degoogle.sandbox", "--root", str(tmp_path), "--password", "pw",
               "--quota", "123456", "--no-auto-approve"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        url, user, _ = (process.stdout.readline().strip() for _ in range(3))
        try:
            answer = requests.get(url + "/ocs/v2.php/cloud/user", auth=(user, "pw"), headers=OCS)
            assert answer.json()["ocs"]["data"]["quota"]["quota"] == 123456
            login = requests.post(url + "/index.php/login/v2").json()
            assert "Grant access" in requests.get(login["login"]).text
        finally:
            process.terminate()
            process.wait(timeout=10)
