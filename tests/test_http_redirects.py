"""The redirect rule of ``protocols.http``: credentials never reach another origin.

Two real servers on 127.0.0.1: the *first* (where the password was given) answers every request with a
redirect to the same path on the *second*, another origin (another port), and sets a session cookie as
Nextcloud does; the second records the headers of every request it gets. Whatever the client (the
Nextcloud target's files, OCS and DAV code, webdavclient3, the caldav library on niquests, the
CalDAV/CardDAV source), no Authorization header and no cookie may ever reach the second one, and the
person gets ``RedirectRefused`` naming where the server pointed.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
import requests

from degoogle.engine.reasons import reason
from degoogle.errors import UserError
from degoogle.protocols.http import RedirectRefused, https_hosts_under, origin, peer_session
from degoogle.sources.dav import DavSource
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.calendars import CalendarHome
from degoogle.targets.nextcloud.dav import DavCollections
from degoogle.targets.nextcloud.files import NextcloudFiles
from degoogle.targets.nextcloud.login import Revocation, revoke
from degoogle.targets.nextcloud.server import NextcloudServer, make_session

USER, PASSWORD = "marie", "s3cret-app-password"
METHODS = ("GET", "PUT", "PROPFIND", "POST", "DELETE", "MKCOL", "REPORT", "HEAD")


@dataclass
class Peer:
    """A server on 127.0.0.1: its ``url`` and what it was sent (method, path, headers)."""

    url: str
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    #: the redirect status the first server answers with
    status: int = 302
    #: where the first server sends requests (None: the same path on the second server)
    elsewhere: str | None = None
    #: whether the first server sets a session cookie with its redirect
    cookie: bool = True
    #: path prefix the first server keeps for itself (a same-origin redirect target), answering 207/200
    local: str = "/here/"

    def credentials_seen(self) -> list[tuple[str, str, str]]:
        return [(method, path, name) for method, path, headers in self.seen for name in headers
                if name.lower() in ("authorization", "cookie")]


def _serve(answer: Callable[[http.server.BaseHTTPRequestHandler, Peer], None]) -> Iterator[Peer]:
    peer = Peer("")
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # one write per answer: no Nagle/delayed-ACK wait between headers and body

        def any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            with lock:
                peer.seen.append((self.command, self.path, dict(self.headers.items())))
            answer(self, peer)

        def log_message(self, *args: object) -> None:
            pass

    for method in METHODS:
        setattr(Handler, f"do_{method}", Handler.any)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    peer.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield peer
    server.shutdown()
    server.server_close()


def _reply(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes = b"",
           headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


_MULTISTATUS = (b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/</d:href>'
                b"<d:propstat><d:prop><d:current-user-principal><d:href>/principal/</d:href>"
                b"</d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
                b"</d:response></d:multistatus>")


def _content(handler: http.server.BaseHTTPRequestHandler) -> None:
    if handler.command in ("PROPFIND", "REPORT"):
        _reply(handler, 207, _MULTISTATUS, {"Content-Type": "application/xml; charset=utf-8"})
    else:
        _reply(handler, 200, b'{"ocs": {"data": {}}}', {"Content-Type": "application/json"})


@pytest.fixture
def second() -> Iterator[Peer]:
    """The other origin: records every request, answers as a DAV/OCS server would."""
    yield from _serve(lambda handler, _peer: _content(handler))


@pytest.fixture
def first(second: Peer) -> Iterator[Peer]:
    """The origin the password belongs to: sets a session cookie and redirects everything to ``second``
    (same path), except under ``local``, which it answers itself."""

    def answer(handler: http.server.BaseHTTPRequestHandler, peer: Peer) -> None:
        if handler.path.startswith(peer.local):
            _content(handler)
            return
        target = peer.elsewhere or second.url + handler.path
        if handler.path.startswith("/same/"):
            target = peer.local + handler.path.removeprefix("/same/")
        headers = {"Location": target}
        if peer.cookie:
            headers["Set-Cookie"] = "oc_sessionPassphrase=abc; Path=/"
        _reply(handler, peer.status, b"", headers)

    yield from _serve(answer)


def _refused_towards(raised: pytest.ExceptionInfo[RedirectRefused], second: Peer) -> None:
    where = second.url
    assert raised.value.code == "redirected_elsewhere"
    assert raised.value.subject == where and where in raised.value.detail
    assert PASSWORD not in raised.value.detail


STATUSES = [301, 302, 307, 308]


@pytest.mark.parametrize("status", STATUSES)
def test_the_targets_dav_discovery_never_takes_the_password_elsewhere(first: Peer, second: Peer,
                                                                      status: int) -> None:
    first.status = status
    with pytest.raises(RedirectRefused) as raised:
        DavCollections(first.url, USER, PASSWORD).calendars()
    _refused_towards(raised, second)
    assert any(method == "PROPFIND" for method, _path, _headers in first.seen)
    assert second.seen == []


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("method", ["GET", "PUT", "PROPFIND", "MKCOL"])
def test_the_targets_file_requests_never_take_the_password_elsewhere(first: Peer, second: Peer, status: int,
                                                                     method: str) -> None:
    first.status = status
    files = NextcloudFiles(NextcloudAccount(first.url, USER), PASSWORD)
    with pytest.raises(RedirectRefused) as raised:
        files.request_url(method, files.url("Documents/a.txt"), "upload", data=b"hello")
    _refused_towards(raised, second)
    assert second.seen == []
    files.close()


@pytest.mark.parametrize("status", STATUSES)
def test_webdavclient3_on_our_session_never_takes_the_password_elsewhere(first: Peer, second: Peer,
                                                                         status: int) -> None:
    first.status = status
    files = NextcloudFiles(NextcloudAccount(first.url, USER), PASSWORD)
    with pytest.raises(RedirectRefused):
        files._client.mkdir("Documents")  # webdavclient3's own MKCOL, as the target calls it
    assert second.credentials_seen() == [] and second.seen == []
    files.close()


@pytest.mark.parametrize("status", STATUSES)
def test_the_servers_ocs_calls_never_take_the_password_elsewhere(first: Peer, second: Peer, status: int) -> None:
    first.status = status
    server = NextcloudServer.for_account(NextcloudAccount(first.url, USER), PASSWORD)
    with pytest.raises(RedirectRefused) as raised:
        server.current_user()
    _refused_towards(raised, second)
    assert second.seen == []


@pytest.mark.parametrize("status", STATUSES)
def test_the_caldav_library_on_niquests_never_takes_the_password_elsewhere(first: Peer, second: Peer,
                                                                           status: int) -> None:
    first.status = status
    with pytest.raises(RedirectRefused) as raised:
        CalendarHome(first.url + "/", USER, PASSWORD).home_url()
    _refused_towards(raised, second)
    assert second.seen == []


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("scheme", ["caldav", "carddav"])
def test_the_dav_source_never_takes_the_password_elsewhere(first: Peer, second: Peer, status: int,
                                                           scheme: str) -> None:
    first.status = status
    url = first.url + "/"
    source = (DavSource(f"caldav:{url}", USER, PASSWORD, caldav_url=url) if scheme == "caldav"
              else DavSource(f"carddav:{url}", USER, PASSWORD, carddav_url=url))
    with pytest.raises(RedirectRefused) as raised:
        list(source.scan())
    _refused_towards(raised, second)
    assert second.seen == []
    source.close()


@pytest.mark.parametrize("status", STATUSES)
def test_a_redirect_within_the_origin_is_followed_with_the_password(first: Peer, second: Peer, status: int) -> None:
    first.status = status
    session = peer_session(first.url, (USER, PASSWORD))
    answer = session.request_following("PROPFIND", first.url + "/same/dav/", headers={"Depth": "0"})
    assert answer.status_code == 207 and answer.url == first.url + "/here/dav/"
    method, path, headers = first.seen[-1]
    assert (method, path) == ("PROPFIND", "/here/dav/") and headers["Authorization"].startswith("Basic ")
    assert "oc_sessionPassphrase=abc" in headers["Cookie"]
    session.close()


def test_a_request_without_credentials_follows_anywhere(first: Peer, second: Peer) -> None:
    first.cookie = False
    with make_session() as session:
        assert session.get(first.url + "/status.php", timeout=10).status_code == 200
    assert [(m, p) for m, p, _h in second.seen] == [("GET", "/status.php")]
    assert second.credentials_seen() == []


def test_a_cookie_of_the_first_origin_is_a_credential(first: Peer, second: Peer) -> None:
    # a cookie is not scoped by port (RFC 6265 §8.5): the first's would go to the second
    with make_session() as session, pytest.raises(RedirectRefused):
        session.get(first.url + "/status.php", timeout=10)
    assert second.seen == []


def test_a_callers_trusted_origins_are_https_hosts_of_that_provider_only() -> None:
    trusted = https_hosts_under("icloud.com")
    assert trusted("https://p42-caldav.icloud.com/123/calendars/")
    assert trusted("https://caldav.icloud.com:443/")
    assert not trusted("http://p42-caldav.icloud.com/")
    assert not trusted("https://p42-caldav.icloud.com:8443/")
    assert not trusted("https://evil-icloud.com/")
    assert origin("https://Cloud.Example.org/x") == origin("https://cloud.example.org:443/y")


def test_the_person_is_told_in_their_language() -> None:
    words = reason("redirected_elsewhere")
    assert all(words.text(lang) for lang in ("en", "fr", "nl"))
    assert "mot de passe" in words.text("fr") and "wachtwoord" in words.text("nl")


def test_a_request_addressed_to_another_origin_with_the_password_is_refused(second: Peer) -> None:
    session = peer_session("https://cloud.example.org/", (USER, PASSWORD))
    with pytest.raises(RedirectRefused):
        session.get(second.url + "/principal/")
    assert second.seen == []


def test_a_redirect_to_plain_http_elsewhere_is_refused_before_anything_is_sent(first: Peer) -> None:
    first.elsewhere = "http://cloud.example.org/remote.php/dav/"
    with make_session() as session, pytest.raises(UserError) as raised:
        session.get(first.url + "/remote.php/dav/", timeout=10)
    assert raised.value.code == "insecure_url"


@pytest.mark.parametrize("status", STATUSES)
def test_revoking_an_app_password_never_sends_it_elsewhere(first: Peer, second: Peer, status: int) -> None:
    first.status, first.cookie = status, False
    assert revoke(NextcloudAccount(first.url, USER), PASSWORD) is Revocation.REFUSED
    assert second.seen == []


def test_the_environments_proxy_carries_every_request_of_a_session(second: Peer,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # the session reads the environment's proxies once per origin (requests would walk the whole
    # environment twice a request): a proxy named there still carries every request, ``no_proxy`` still holds
    monkeypatch.setenv("http_proxy", second.url)
    monkeypatch.setenv("no_proxy", "localhost")
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    with peer_session() as session:
        for n in range(3):
            assert session.put(f"http://127.0.0.1:9/card-{n}.vcf", data=b"x", timeout=10).status_code == 200
        with pytest.raises(requests.ConnectionError):
            session.get("http://localhost:9/", timeout=10)  # past the proxy: nothing listens there
    assert [(m, p) for m, p, _h in second.seen] == [("PUT", f"http://127.0.0.1:9/card-{n}.vcf") for n in range(3)]


def test_a_session_cookie_the_server_set_goes_back_with_each_request_to_it() -> None:
    # Nextcloud signs a request carrying its session cookies in as that session: the session's own
    # jar is read for every request (without requests' copies of it), as requests itself would
    def answer(handler: http.server.BaseHTTPRequestHandler, _peer: Peer) -> None:
        _reply(handler, 201, b"", {"Set-Cookie": "oc_sessionPassphrase=abc; Path=/"})

    server = _serve(answer)
    peer = next(server)
    try:
        with peer_session(peer.url, (USER, PASSWORD)) as session:
            for n in range(3):
                session.put(f"{peer.url}/remote.php/dav/card-{n}.vcf", data=b"x", headers={"If-None-Match": "*"})
    finally:
        next(server, None)
    sent = [(headers.get("Cookie"), "Authorization" in headers, headers.get("If-None-Match"))
            for _m, _p, headers in peer.seen]
    assert sent == [(None, True, "*"), ("oc_sessionPassphrase=abc", True, "*"), ("oc_sessionPassphrase=abc", True, "*")]
