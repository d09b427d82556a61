"""A home Internet link, simulated: a TCP relay that limits each direction's rate and adds a round trip.

    python benchmarks/homelink.py --listen 127.0.0.1:8443 --to 127.0.0.1:8080 \
        [--up-mbit 20] [--down-mbit 100] [--rtt-ms 40]

Put it between degoogle and a server on this machine (the sandbox, Dovecot) and degoogle sees roughly
what a person at home sees: uploads (client → server) at ``--up-mbit``, downloads at ``--down-mbit``,
and every byte arriving ``rtt/2`` after it was sent in each direction (so a request/answer pair costs
one round trip). Used by the other benchmarks through :class:`HomeLink`; also runs on its own.

How the link is modelled — what matters for a move, and nothing more:

* **One pipe per direction, shared by every connection**, as a home line is: a token bucket per
  direction, filled at the rate and never holding more than ``BURST_S`` seconds' worth, so eight
  parallel uploads share 20 Mbit/s instead of getting 20 Mbit/s each.
* **Propagation delay** per direction: data read from one side is written to the other no earlier than
  ``rtt/2`` after it was read (a delay line per connection, so ordering is kept and a slow reader does
  not hold up the others).
* Not modelled: loss, reordering, TCP slow start, bufferbloat. A benchmark over this relay measures
  round trips, request counts and idle connections — the things degoogle can change.

Only addresses on this machine: the relay refuses to listen on or forward to anything but loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: how far ahead of the line a connection may read (seconds): the relay's buffer per direction
BURST_S = 0.05
#: read size from each side; small enough that the token bucket paces smoothly
READ_SIZE = 16 * 1024


@dataclass
class Direction:
    """One direction of the link: its rate (bytes/s, 0 = unlimited) and the bytes it carried.

    A virtual clock, not a bucket refilled after each sleep: ``_free_at`` is when the line finishes
    sending what it was given, so a late wake-up of the event loop is not lost time (sleeps overshoot
    on a busy machine, and a bucket reset after each one would run slow)."""

    rate: float
    carried: int = 0
    _free_at: float = 0.0

    def send(self, size: int) -> float:
        """Put ``size`` bytes on the line (shared by every connection: one event-loop thread);
        return the moment they are all sent."""
        self.carried += size
        now = time.monotonic()
        if self.rate <= 0:
            return now
        self._free_at = max(self._free_at, now) + size / self.rate
        return self._free_at


@dataclass
class RouteStats:
    """What one port of the relay (one server) carried: connections, bytes each way, and *turns*: how
    often a connection's traffic went from the server back to the client, each turn costing at least
    one round trip (a request after an answer: for HTTP with keep-alive, about one per request; for
    IMAP, one per command waited for)."""

    name: str
    connections: int = 0
    up: int = 0
    down: int = 0
    turns: int = 0


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        return False


class HomeLink:
    """The relay, run on its own thread: ``with HomeLink(("127.0.0.1", 8080), up_mbit=20) as link:``
    then connect to ``link.port``. ``link.up.carried`` / ``link.down.carried`` count the bytes.
    ``link.route(("127.0.0.1", 1143))`` opens one more port onto another server *over the same line*
    (a home has one Internet link, whatever the servers): its port is returned."""

    def __init__(self, target: tuple[str, int], *, up_mbit: float = 20.0, down_mbit: float = 100.0,
                 rtt_ms: float = 40.0, listen: tuple[str, int] = ("127.0.0.1", 0)) -> None:
        if not (_loopback(target[0]) and _loopback(listen[0])):
            raise ValueError("the home link relays between addresses of this machine only")
        self.target = target
        self.listen = listen
        self.up = Direction(up_mbit * 1e6 / 8)
        self.down = Direction(down_mbit * 1e6 / 8)
        self.delay = rtt_ms / 2000.0
        self.port = 0
        self.connections = 0
        #: per port of the relay: what it carried (``route`` names the others)
        self.routes: dict[int, RouteStats] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._servers: list[asyncio.Server] = []
        self._live: set[asyncio.Task[None]] = set()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    # --- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> HomeLink:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="homelink", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the home link relay did not start")

    def stop(self) -> None:
        if self._loop is not None and self._server is not None:
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    async def _shutdown(self) -> None:
        for server in self._servers:
            server.close()
        # a cancelled connection's pipes start no new task, but one may be on its way: until none is left
        for _ in range(10):
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            if not tasks:
                break
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def route(self, target: tuple[str, int], name: str = "") -> int:
        """Another port of this relay, onto ``target``, sharing the line's rates and delay; its traffic
        is counted apart in ``routes[port]`` under ``name``."""
        if not _loopback(target[0]):
            raise ValueError("the home link relays between addresses of this machine only")
        assert self._loop is not None

        stats = RouteStats(name or f"{target[0]}:{target[1]}")

        async def open_route() -> int:
            server = await asyncio.start_server(lambda r, w: self._client(r, w, target, stats), self.listen[0], 0)
            self._servers.append(server)
            port = int(server.sockets[0].getsockname()[1])
            self.routes[port] = stats
            return port

        return asyncio.run_coroutine_threadsafe(open_route(), self._loop).result(10)

    def link_seconds(self) -> float:
        """The time the link alone needs for what it carried: bytes up / up rate, bytes down / down
        rate, whichever is longer (both directions run at once)."""
        up = self.up.carried / self.up.rate if self.up.rate else 0.0
        down = self.down.carried / self.down.rate if self.down.rate else 0.0
        return max(up, down)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        main = RouteStats(f"{self.target[0]}:{self.target[1]}")
        self._server = loop.run_until_complete(
            asyncio.start_server(lambda r, w: self._client(r, w, None, main), *self.listen))
        self.port = self._server.sockets[0].getsockname()[1]
        self.routes[self.port] = main
        self._servers = [self._server]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    # --- relaying --------------------------------------------------------------------------------
    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                      target: tuple[str, int] | None = None, stats: RouteStats | None = None) -> None:
        self.connections += 1
        # asyncio's stream protocol drops its reference to this task when the client side closes: held
        # here, or the task may be collected while its pipes still deliver ("Task was destroyed")
        task = asyncio.current_task()
        if task is not None:
            self._live.add(task)
            task.add_done_callback(self._live.discard)
        stats = stats or RouteStats("")
        stats.connections += 1
        turn = _Turns(stats)
        try:
            up_reader, up_writer = await asyncio.open_connection(*(target or self.target))
        except OSError:
            writer.close()
            return
        try:
            with contextlib.suppress(asyncio.CancelledError, GeneratorExit):
                await asyncio.gather(self._pipe(reader, up_writer, self.up, turn.up),
                                     self._pipe(up_reader, writer, self.down, turn.down),
                                     return_exceptions=True)
        finally:
            for side in (writer, up_writer):
                with contextlib.suppress(Exception):
                    side.close()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, way: Direction,
                    seen: Callable[[int], None]) -> None:
        """Read from one side, let the bytes through the direction's bucket, deliver them ``delay``
        after they were read (a delay line: ordering kept, reading goes on meanwhile)."""
        line: deque[tuple[float, bytes]] = deque()
        arrived = asyncio.Event()
        done = False

        async def deliver() -> None:
            while True:
                while not line:
                    if done:
                        return
                    arrived.clear()
                    await arrived.wait()
                due, data = line.popleft()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()

        sender = asyncio.ensure_future(deliver())
        self._live.add(sender)
        sender.add_done_callback(self._live.discard)
        try:
            while True:
                data = await reader.read(READ_SIZE)
                if not data:
                    break
                sent = way.send(len(data))
                seen(len(data))
                line.append((sent + self.delay, data))
                arrived.set()
                # hold the reader back while the line is busy, so that the relay buffers no more
                # than ``BURST_S`` of data and the sender feels the link's rate (TCP back-pressure)
                ahead = sent - time.monotonic() - BURST_S
                if ahead > 0:
                    await asyncio.sleep(ahead)
        except ConnectionError:
            pass
        except asyncio.CancelledError:
            sender.cancel()  # the relay stops: nothing more to deliver
        finally:
            done = True
            arrived.set()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await sender
            with contextlib.suppress(Exception):
                if writer.can_write_eof():
                    writer.write_eof()
                else:
                    writer.close()


class _Turns:
    """Counts one connection's bytes and turns into its route's ``RouteStats`` (one event-loop thread)."""

    def __init__(self, stats: RouteStats) -> None:
        self.stats = stats
        self.last_up: bool | None = None

    def up(self, size: int) -> None:
        self.stats.up += size
        if self.last_up is not True:
            self.stats.turns += 1
            self.last_up = True

    def down(self, size: int) -> None:
        self.stats.down += size
        self.last_up = False


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", type=_address, default=("127.0.0.1", 0))
    parser.add_argument("--to", type=_address, required=True)
    parser.add_argument("--up-mbit", type=float, default=20.0)
    parser.add_argument("--down-mbit", type=float, default=100.0)
    parser.add_argument("--rtt-ms", type=float, default=40.0)
    args = parser.parse_args(argv)
    with HomeLink(args.to, up_mbit=args.up_mbit, down_mbit=args.down_mbit, rtt_ms=args.rtt_ms,
                  listen=args.listen) as link:
        print(f"home link on 127.0.0.1:{link.port} → {args.to[0]}:{args.to[1]} "
              f"({args.up_mbit:g} Mbit/s up, {args.down_mbit:g} down, {args.rtt_ms:g} ms); Ctrl-C to stop", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
