"""The sandbox's bulk upload (``POST /remote.php/dav/bulk``) answers as Nextcloud's ``BulkUploadPlugin``.

Each test posts a ``multipart/related`` body the way a client does and checks what the client sees
(status, JSON) and what the server's disk holds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from degoogle.sandbox import Sandbox

BOUNDARY = "boundary_0123456789abcdef"
MTIME = 1_600_000_000


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(tmp_path_factory.mktemp("nextcloud"), password="bulk-app-password") as server:
        (server.files_dir() / "Documents").mkdir()
        yield server


def part(path: str, content: bytes, *, md5: str | None = None, mtime: int | None = MTIME) -> bytes:
    headers = [f"X-File-Path: {path}", f"X-File-MD5: {md5 or hashlib.md5(content).hexdigest()}",
               f"Content-Length: {len(content)}"]
    if mtime is not None:
        headers.append(f"X-OC-Mtime: {mtime}")
    return f"--{BOUNDARY}\r\n".encode() + "\r\n".join(headers).encode() + b"\r\n\r\n" + content + b"\r\n"


def post(server: Sandbox, *parts: bytes, end: bool = True, content_type: str | None = None) -> requests.Response:
    body = b"".join(parts) + (f"--{BOUNDARY}--\r\n".encode() if end else b"")
    return requests.post(f"{server.url}/remote.php/dav/bulk", data=body, auth=(server.user, server.password),
                         headers={"Content-Type": content_type or f"multipart/related; boundary={BOUNDARY}"},
                         timeout=30)


def test_the_capability_is_announced(sandbox: Sandbox) -> None:
    caps = requests.get(f"{sandbox.url}/ocs/v2.php/cloud/capabilities?format=json", timeout=10,
                        headers={"OCS-APIREQUEST": "true"}).json()["ocs"]["data"]["capabilities"]
    assert caps["dav"]["bulkupload"] == "1.0"


def test_files_land_with_their_mtime_and_each_gets_an_etag_and_file_id(sandbox: Sandbox) -> None:
    response = post(sandbox, part("/Documents/a.txt", b"alpha"), part("/Documents/b.txt", b"", mtime=None))
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {"/Documents/a.txt", "/Documents/b.txt"}
    assert answer["/Documents/a.txt"]["error"] is False
    assert answer["/Documents/a.txt"]["fileid"].endswith(sandbox.instance_id)
    assert answer["/Documents/a.txt"]["etag"] and answer["/Documents/a.txt"]["permissions"]
    a = sandbox.files_dir() / "Documents" / "a.txt"
    assert a.read_bytes() == b"alpha" and int(a.stat().st_mtime) == MTIME
    assert (sandbox.files_dir() / "Documents" / "b.txt").read_bytes() == b""


def test_an_existing_file_is_overwritten(sandbox: Sandbox) -> None:
    kept = sandbox.files_dir() / "Documents" / "theirs.txt"
    kept.write_bytes(b"someone else's file")
    response = post(sandbox, part("/Documents/theirs.txt", b"ours"))
    assert response.status_code == 200 and response.json()["/Documents/theirs.txt"]["error"] is False
    assert kept.read_bytes() == b"ours"


def test_a_file_that_cannot_be_written_is_an_error_and_the_next_one_lands(sandbox: Sandbox) -> None:
    response = post(sandbox, part("/Nowhere/x.txt", b"x"), part("/Documents", b"folder in the way"),
                    part("/Documents/bad-mtime.txt", b"m", mtime=12), part("/Documents/next.txt", b"next"))
    assert response.status_code == 200
    answer = response.json()
    message = f'Could not create path "/{sandbox.user}/files/Nowhere/x.txt"'
    assert answer["/Nowhere/x.txt"] == {"error": True, "message": message}
    assert answer["/Documents"]["error"] is True
    assert answer["/Documents/bad-mtime.txt"]["error"] is True
    assert answer["/Documents/next.txt"]["error"] is False
    assert not (sandbox.files_dir() / "Nowhere").exists()
    assert not (sandbox.files_dir() / "Documents" / "bad-mtime.txt").exists()
    assert (sandbox.files_dir() / "Documents" / "next.txt").read_bytes() == b"next"


def test_a_wrong_md5_stops_the_request_with_400_and_what_was_written_so_far(sandbox: Sandbox) -> None:
    response = post(sandbox, part("/Documents/first.txt", b"1"), part("/Documents/second.txt", b"2", md5="0" * 32),
                    part("/Documents/third.txt", b"3"))
    assert response.status_code == 400
    assert list(response.json()) == ["/Documents/first.txt"]
    assert (sandbox.files_dir() / "Documents" / "first.txt").exists()
    assert not (sandbox.files_dir() / "Documents" / "second.txt").exists()
    assert not (sandbox.files_dir() / "Documents" / "third.txt").exists()
    assert not any(p.suffix == ".part" for p in (sandbox.root / "data" / sandbox.user / "uploads").iterdir())


@pytest.mark.parametrize("broken", [
    b"X-File-Path: /Documents/h.txt\r\nContent-Length: 1\r\n\r\nh\r\n",  # no X-File-MD5
    b"X-File-Path: /Documents/h.txt\r\nX-File-MD5: 2510c39011c5be704182423e3a695e91\r\n\r\nh\r\n",  # no length
    b"X-File-Path /Documents/h.txt\r\n\r\n",  # a header line without ":"
])
def test_a_malformed_part_answers_400_with_the_files_before_it(sandbox: Sandbox, broken: bytes) -> None:
    response = post(sandbox, part("/Documents/before.txt", b"before"), f"--{BOUNDARY}\r\n".encode() + broken)
    assert response.status_code == 400
    assert list(response.json()) == ["/Documents/before.txt"]
    assert not (sandbox.files_dir() / "Documents" / "h.txt").exists()


def test_a_body_cut_short_answers_400_and_keeps_what_landed(sandbox: Sandbox) -> None:
    cut = part("/Documents/cut.txt", b"0123456789")[:-8]
    response = post(sandbox, part("/Documents/whole.txt", b"whole"), cut, end=False)
    assert response.status_code == 400 and list(response.json()) == ["/Documents/whole.txt"]
    assert not (sandbox.files_dir() / "Documents" / "cut.txt").exists()


def test_a_content_type_that_is_not_multipart_related_is_400(sandbox: Sandbox) -> None:
    response = post(sandbox, part("/Documents/ct.txt", b"c"), content_type=f"multipart/mixed; boundary={BOUNDARY}")
    assert response.status_code == 400
    assert b"multipart/related" in response.content
    quoted = post(sandbox, part("/Documents/q.txt", b"q"), content_type=f'multipart/related; boundary="{BOUNDARY}"')
    assert quoted.status_code == 200 and quoted.json()["/Documents/q.txt"]["error"] is False


def test_bulk_needs_a_password(sandbox: Sandbox) -> None:
    response = requests.post(f"{sandbox.url}/remote.php/dav/bulk", data=b"", timeout=10,
                             headers={"Content-Type": f"multipart/related; boundary={BOUNDARY}"})
    assert response.status_code == 401


def test_turned_off_it_is_not_announced_and_not_found(tmp_path: Path) -> None:
    with Sandbox(tmp_path, password="p", bulk_upload=False) as server:
        caps = requests.get(f"{server.url}/ocs/v2.php/cloud/capabilities?format=json", timeout=10,
                            headers={"OCS-APIREQUEST": "true"}).json()["ocs"]["data"]["capabilities"]
        assert "bulkupload" not in caps["dav"]
        response = post(server, part("/x.txt", b"x"))
        assert response.status_code == 404
        assert not os.path.exists(server.files_dir() / "x.txt")


def test_the_request_cost_option_is_accepted_and_requests_still_succeed(tmp_path: Path) -> None:
    with Sandbox(tmp_path, password="p", request_cost_ms=5) as server:
        assert post(server, part("/slow.txt", b"s")).status_code == 200
    with pytest.raises(ValueError):
        Sandbox(tmp_path, request_cost_ms=-1)
