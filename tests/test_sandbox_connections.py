"""The sandbox keeps connections open as a Nextcloud behind Apache does.

Apache's defaults (Debian's ``apache2.conf``): ``KeepAlive On``, ``MaxKeepAliveRequests 100``: a client
may hold as many idle connections as it likes (each waits for its next request), and a connection is
closed after its 100th request. The WSGI server under the sandbox (cheroot) would instead answer
``Connection: close`` as soon as more than 10 connections are held open at once, which costs a client
with a dozen requests in flight a new connection (a round trip more over a home link) per request.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from degoogle.sandbox import Sandbox
from degoogle.sandbox.server import MAX_KEEPALIVE_REQUESTS


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(tmp_path_factory.mktemp("nextcloud"), password="app-password") as server:
        yield server


def connect(server: Sandbox) -> http.client.HTTPConnection:
    address = urlsplit(server.url)
    return http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)


def status(connection: http.client.HTTPConnection) -> str | None:
    """GET /status.php on ``connection``; returns the answer's Connection header."""
    connection.request("GET", "/status.php")
    answer = connection.getresponse()
    answer.read()
    assert answer.status == 200
    return answer.getheader("Connection")


def test_many_idle_connections_are_all_kept_open(sandbox: Sandbox, tmp_path: Path) -> None:
    connections = [connect(sandbox) for _ in range(24)]
    try:
        # every connection made and left idle before any is used again: 24 held open at once
        assert [status(c) for c in connections] == [None] * len(connections)
        sockets = [c.sock for c in connections]
        assert [status(c) for c in connections] == [None] * len(connections)
        assert [c.sock for c in connections] == sockets  # the same connections, none made anew
    finally:
        for c in connections:
            c.close()


def test_a_connection_is_closed_after_its_hundredth_request(sandbox: Sandbox) -> None:
    assert MAX_KEEPALIVE_REQUESTS == 100
    connection = connect(sandbox)
    try:
        headers = [status(connection) for _ in range(MAX_KEEPALIVE_REQUESTS)]
        assert headers[:-1] == [None] * (MAX_KEEPALIVE_REQUESTS - 1)
        assert (headers[-1] or "").lower() == "close"
    finally:
        connection.close()
