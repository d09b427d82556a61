"""The benchmarks' home-link relay really limits: a known number of bytes takes the time its rate says
(within 10 %), each direction at its own rate, shared by parallel connections, and a request/answer pair
costs at least one round trip. Loopback only."""

from __future__ import annotations

import socket
import socketserver
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from homelink import HomeLink  # noqa: E402

MB = 1_000_000


class _Peer(socketserver.ThreadingTCPServer):
    """Reads a 12-byte command, then: ``sink`` swallows what comes until EOF and answers the count;
    ``give N`` sends N bytes; ``ping`` answers ``pong`` for each ``ping`` until EOF."""

    daemon_threads = True
    allow_reuse_address = True


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        command = _read_exactly(sock, 12).decode().strip()
        if command == "sink":
            total = 0
            while chunk := sock.recv(65536):
                total += len(chunk)
            sock.sendall(str(total).encode())
        elif command.startswith("give"):
            size = int(command.split()[1])
            block = b"x" * 65536
            while size > 0:
                sock.sendall(block[: min(size, len(block))])
                size -= min(size, len(block))
        elif command == "ping":
            while _read_exactly(sock, 4) == b"ping":
                sock.sendall(b"pong")


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


@pytest.fixture(scope="module")
def peer() -> Iterator[tuple[str, int]]:
    server = _Peer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[:2]
    server.shutdown()
    server.server_close()


def _upload(port: int, size: int) -> int:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"sink".ljust(12))
        block = b"u" * 65536
        left = size
        while left > 0:
            sock.sendall(block[: min(left, len(block))])
            left -= min(left, len(block))
        sock.shutdown(socket.SHUT_WR)
        return int(_read_exactly(sock, 20) or b"0")


def _download(port: int, size: int) -> int:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"give {size}".encode().ljust(12))
        got = 0
        while got < size and (chunk := sock.recv(65536)):
            got += len(chunk)
        return got


def test_an_upload_takes_the_time_its_rate_says(peer: tuple[str, int]) -> None:
    # 2.5 MB at 10 Mbit/s up = 2.0 s; the download rate is much higher and plays no part
    with HomeLink(peer, up_mbit=10, down_mbit=1000, rtt_ms=0) as link:
        started = time.monotonic()
        received = _upload(link.port, 2_500_000)
        took = time.monotonic() - started
    assert received == 2_500_000
    assert 1.8 <= took <= 2.2, took
    assert link.up.carried >= 2_500_000


def test_a_download_takes_the_time_its_own_rate_says(peer: tuple[str, int]) -> None:
    # 5 MB at 20 Mbit/s down = 2.0 s, although uploads are limited to 1 Mbit/s
    with HomeLink(peer, up_mbit=1, down_mbit=20, rtt_ms=0) as link:
        started = time.monotonic()
        got = _download(link.port, 5 * MB)
        took = time.monotonic() - started
    assert got == 5 * MB
    assert 1.8 <= took <= 2.2, took


def test_parallel_uploads_share_one_line(peer: tuple[str, int]) -> None:
    # four connections of 0.625 MB each: 2.5 MB in all at 10 Mbit/s = 2.0 s, not 0.5 s
    with HomeLink(peer, up_mbit=10, down_mbit=1000, rtt_ms=0) as link:
        started = time.monotonic()
        results: list[int] = []
        threads = [threading.Thread(target=lambda: results.append(_upload(link.port, 625_000))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        took = time.monotonic() - started
    assert results == [625_000] * 4
    assert 1.8 <= took <= 2.2, took


def test_two_servers_behind_one_line_share_its_rate(peer: tuple[str, int]) -> None:
    # a second route onto another server: 1.25 MB through each, 2.5 MB on the one 10 Mbit/s line = 2.0 s
    second = _Peer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=second.serve_forever, daemon=True).start()
    try:
        with HomeLink(peer, up_mbit=10, down_mbit=1000, rtt_ms=0) as link:
            other = link.route(second.server_address[:2])
            started = time.monotonic()
            results: list[int] = []
            threads = [threading.Thread(target=lambda p=port: results.append(_upload(p, 1_250_000)))
                       for port in (link.port, other)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            took = time.monotonic() - started
    finally:
        second.shutdown()
        second.server_close()
    assert results == [1_250_000] * 2
    assert 1.8 <= took <= 2.2, took


def test_each_request_and_answer_costs_a_round_trip(peer: tuple[str, int]) -> None:
    # 20 ping-pongs one after another over a 50 ms round trip: 1.0 s, plus what the two ends and the
    # relay's own work add per exchange (a few ms on a busy 2-core machine)
    with HomeLink(peer, up_mbit=100, down_mbit=100, rtt_ms=50) as link, \
            socket.create_connection(("127.0.0.1", link.port)) as sock:
        sock.sendall(b"ping".ljust(12))
        started = time.monotonic()
        for _ in range(20):
            sock.sendall(b"ping")
            assert _read_exactly(sock, 4) == b"pong"
        took = time.monotonic() - started
    assert 0.95 <= took <= 1.5, took  # a relay that delayed twice would take 2.0 s


def test_each_route_counts_its_connections_bytes_and_turns(peer: tuple[str, int]) -> None:
    # what account.py reports per server: 5 requests after answers on one connection are 5 turns,
    # the command before them counted in the first; another route's traffic is counted apart
    with HomeLink(peer, up_mbit=100, down_mbit=100, rtt_ms=0) as link:
        other = link.route(peer, "other")
        with socket.create_connection(("127.0.0.1", link.port)) as sock:
            sock.sendall(b"ping".ljust(12))
            for _ in range(5):
                sock.sendall(b"ping")
                assert _read_exactly(sock, 4) == b"pong"
        assert _download(other, 1000) == 1000
        main, second = link.routes[link.port], link.routes[other]
    assert (main.connections, main.turns, main.up, main.down) == (1, 5, 12 + 5 * 4, 5 * 4)
    assert (second.name, second.connections, second.turns, second.up, second.down) == ("other", 1, 1, 12, 1000)


def test_it_refuses_anything_but_this_machine() -> None:
    with pytest.raises(ValueError):
        HomeLink(("192.0.2.1", 80))
