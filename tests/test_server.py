"""What a Nextcloud says about itself: its address, status, capabilities and quota (against the sandbox)."""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from degoogle.convert.names import FORBIDDEN_CHARACTER, clean_name, violations
from degoogle.errors import FatalError, RetryableError, UserError
from degoogle.sandbox import Sandbox
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.server import DEFAULT_CHUNK_SIZE, NextcloudServer, normalise_base_url
from tests.conftest import APP_PASSWORD


@pytest.mark.parametrize(
    ("typed", "base"),
    [
        ("cloud.example.org", "https://cloud.example.org"),
        ("  Cloud.Example.org  ", "https://cloud.example.org"),
        ("https://cloud.example.org/", "https://cloud.example.org"),
        ("https://cloud.example.org/index.php", "https://cloud.example.org"),
        ("https://cloud.example.org/index.php/apps/files/?dir=/Photos&fileid=12", "https://cloud.example.org"),
        ("https://cloud.example.org/apps/files/", "https://cloud.example.org"),
        ("https://cloud.example.org/login?redirect_url=/apps/files", "https://cloud.example.org"),
        ("https://cloud.example.org/remote.php/dav/files/marie/", "https://cloud.example.org"),
        ("https://cloud.example.org/status.php", "https://cloud.example.org"),
        ("https://example.org/nextcloud/", "https://example.org/nextcloud"),
        ("example.org/nextcloud/index.php/apps/files", "https://example.org/nextcloud"),
        ("https://marie@cloud.example.org", "https://cloud.example.org"),
        ("nextcloud:https://marie@cloud.example.org/", "https://cloud.example.org"),
        ("https://cloud.example.org:443/", "https://cloud.example.org"),
        ("https://cloud.example.org:8443/nc/", "https://cloud.example.org:8443/nc"),
        ("https://cloud.example.org/#top", "https://cloud.example.org"),
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:8080/index.php", "http://localhost:8080"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
        ("https://[2001:db8::1]/nextcloud", "https://[2001:db8::1]/nextcloud"),
    ],
)
def test_a_typed_address_becomes_the_base_url(typed: str, base: str) -> None:
    assert normalise_base_url(typed) == base


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("http://cloud.example.org", "insecure_target"),
        ("http://192.168.1.10/nextcloud", "insecure_target"),
        ("ftp://cloud.example.org", "bad_target"),
        ("", "bad_target"),
        ("https://", "bad_target"),
        ("https://cloud.example.org:99999/", "bad_target"),
    ],
)
def test_an_unusable_address_is_refused_with_a_reason(typed: str, code: str) -> None:
    with pytest.raises(UserError) as refused:
        normalise_base_url(typed)
    assert refused.value.code == code


# --- against the sandbox -------------------------------------------------------------------------


def signed_in(sandbox: Sandbox, password: str = APP_PASSWORD) -> NextcloudServer:
    return NextcloudServer.for_account(NextcloudAccount(sandbox.url, sandbox.user), password)


def test_status_of_a_running_server(sandbox: Sandbox) -> None:
    status = NextcloudServer(sandbox.url).status()
    assert status.installed and not status.maintenance and status.ready
    assert status.productname == "Nextcloud"
    assert status.version.startswith(status.versionstring.split(".")[0])


def test_discover_finds_the_base_behind_a_typed_page(sandbox: Sandbox) -> None:
    server = NextcloudServer.discover(sandbox.url + "/index.php/apps/files/?dir=/")
    assert server.base_url == sandbox.url


def test_capabilities_feed_the_name_rules(sandbox: Sandbox) -> None:
    caps = signed_in(sandbox).capabilities()
    files = caps.raw["files"]
    assert caps.version == "30.0.0"
    assert caps.chunking and caps.chunk_size == files["chunked_upload"]["max_size"] == 100 * 1024 * 1024
    assert caps.max_parallel_chunks == files["chunked_upload"]["max_parallel_count"]
    assert ":" in files["forbidden_filename_characters"]  # the sandbox has "Windows compatible" on
    for char in files["forbidden_filename_characters"]:
        name = f"a{char}b.txt"
        assert FORBIDDEN_CHARACTER in violations(name, caps.name_rules)
        assert char not in clean_name(name, caps.name_rules).name


def test_a_stock_server_s_rules_are_its_own(tmp_path: Path) -> None:
    with Sandbox(tmp_path / "stock", user="marie", password=APP_PASSWORD, windows_compatible=False) as stock:
        caps = signed_in(stock).capabilities()
    assert ":" not in caps.raw["files"]["forbidden_filename_characters"]
    assert not violations("10:30 meeting.txt", caps.name_rules)  # Windows' rules are not this server's
    assert FORBIDDEN_CHARACTER in violations("a\\b.txt", caps.name_rules)  # "\\" is always refused


@pytest.mark.parametrize(
    ("files", "chunk_size", "chunking"),
    [
        ({"bigfilechunking": True, "blacklisted_files": [".htaccess"]}, DEFAULT_CHUNK_SIZE, True),  # before 28
        ({"chunked_upload": {"max_size": 10_485_760, "max_parallel_count": 2}}, 10_485_760, True),
        ({"chunked_upload": {"max_size": 0, "max_parallel_count": 5}}, DEFAULT_CHUNK_SIZE, False),  # turned off
    ],
)
def test_chunking_limits_as_older_or_tuned_servers_say_them(tmp_path: Path, files: dict[str, Any],
                                                            chunk_size: int, chunking: bool) -> None:
    # an OCS answer as a file on a plain web server: servers the sandbox does not imitate
    answer = tmp_path / "ocs" / "v2.php" / "cloud" / "capabilities"
    answer.parent.mkdir(parents=True)
    answer.write_text(json.dumps({"ocs": {"meta": {"status": "ok", "statuscode": 200, "message": "OK"},
                                          "data": {"version": {"string": "25.0.13"},
                                                   "capabilities": {"files": files}}}}))
    with web_root(tmp_path) as url:
        caps = NextcloudServer(url).capabilities()
    assert (caps.version, caps.chunk_size, caps.chunking) == ("25.0.13", chunk_size, chunking)
    assert caps.name_rules.forbidden_names == frozenset({".htaccess"})


def test_anonymous_capabilities_still_answer(sandbox: Sandbox) -> None:
    caps = NextcloudServer(sandbox.url).capabilities()
    assert caps.name_rules is not None and caps.chunk_size > 0


def test_quota_of_the_signed_in_user(tmp_path: Path) -> None:
    with Sandbox(tmp_path / "q", user="marie", password=APP_PASSWORD, quota=1_000_000) as limited:
        (limited.files_dir() / "hello.txt").write_bytes(b"x" * 5000)
        user = signed_in(limited).current_user()
    assert user.id == "marie" and user.display_name == "marie"
    quota = user.quota
    assert quota.limit == 1_000_000
    assert quota.used == 5000 and quota.free == 995_000 and quota.total == 1_000_000
    assert quota.room_for(995_000) and not quota.room_for(995_001)


def test_an_unlimited_quota_still_has_the_disk_s_free_space(sandbox: Sandbox) -> None:
    # untouched and unlimited, neither cloud/user nor quota-available-bytes (-3) tells the room
    assert signed_in(sandbox).quota().free is None
    (sandbox.files_dir() / "hello.txt").write_bytes(b"x" * 5000)
    quota = signed_in(sandbox).quota()
    assert quota.limit is None  # Nextcloud's -3
    assert quota.free is not None and quota.free > 0  # the server's disk
    assert quota.total == quota.used + quota.free


def test_a_wrong_password_is_auth_failed(sandbox: Sandbox) -> None:
    with pytest.raises(FatalError) as refused:
        signed_in(sandbox, "not-the-password").quota()
    assert refused.value.code == "auth_failed"


def test_maintenance_is_a_retryable_pause(sandbox: Sandbox) -> None:
    server = signed_in(sandbox)
    sandbox.set_maintenance(True)
    status = server.status()  # status.php still answers, and says so
    assert status.maintenance and not status.ready
    for call in (server.require_ready, server.capabilities, server.quota,
                 lambda: NextcloudServer.discover(sandbox.url)):
        with pytest.raises(RetryableError) as busy:
            call()
        assert busy.value.code == "server_maintenance"
        assert busy.value.retry_after == 120
    sandbox.set_maintenance(False)
    assert server.require_ready().ready


def test_an_unreachable_server_is_retryable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"  # nobody listens there once closed
    with pytest.raises(RetryableError) as unreachable:
        NextcloudServer(url).status()
    assert unreachable.value.code == "unreachable"


def test_a_web_server_that_is_not_nextcloud(tmp_path: Path) -> None:
    with web_root(tmp_path) as url, pytest.raises(UserError) as refused:
        NextcloudServer.discover(url)
    assert refused.value.code == "not_nextcloud"


def test_the_web_root_tells_where_a_sub_path_nextcloud_lives(tmp_path: Path, sandbox: Sandbox) -> None:
    # a web root that is not Nextcloud but redirects /.well-known/caldav, as the admin manual asks
    with web_root(tmp_path, caldav=sandbox.url + "/remote.php/dav/") as url:
        assert NextcloudServer.discover(url).base_url == sandbox.url


def test_a_certificate_that_cannot_be_verified_is_fatal(tmp_path: Path) -> None:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    with web_root(tmp_path, tls=tls) as url, pytest.raises(FatalError) as refused:
        NextcloudServer(url.replace("http://", "https://")).status()
    assert refused.value.code == "tls_error"


# --- a plain web server on 127.0.0.1 ------------------------------------------------------------------


@contextlib.contextmanager
def web_root(root: Path, *, caldav: str | None = None, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """A web server that is not a Nextcloud: files from ``root`` (404 for the rest), and
    ``/.well-known/caldav`` redirecting to ``caldav`` when given."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self) -> None:
            if caldav and self.path.startswith("/.well-known/caldav"):
                self.send_response(301)
                self.send_header("Location", caldav)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
