"""A request body streamed from a source: known length, hashed and counted on the way, stoppable."""

from __future__ import annotations

from typing import Any, Protocol

from degoogle.errors import BadItemError, Cancelled
from degoogle.targets.base import WriteContext


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


class StreamBody:
    """``length`` bytes of ``stream`` as a request body. Every byte read goes through ``hashers``
    and ``ctx.on_bytes``; ``ctx.should_stop()`` aborts the request (``Cancelled``); a source that
    ends early raises ``BadItemError`` (``source_changed``), and so does one that goes on past
    ``length`` when ``whole`` (the body is the whole file): checked before the last bytes are handed
    over, so the server never receives a complete body and keeps nothing.

    Giving requests a length (``__len__``) makes it send ``Content-Length`` rather than chunked
    transfer encoding, which PHP servers handle badly.
    """

    def __init__(self, stream: Any, length: int, ctx: WriteContext, *hashers: Hasher, whole: bool = False) -> None:
        self.stream = stream
        self.length = length
        self.whole = whole
        self.ctx = ctx
        self.hashers = hashers
        self.sent = 0

    def __len__(self) -> int:
        return self.length

    def read(self, n: int = -1) -> bytes:
        if self.ctx.should_stop():
            raise Cancelled("stopped while uploading")
        want = self.length - self.sent if n is None or n < 0 else min(n, self.length - self.sent)
        if want <= 0:
            return b""
        chunk = bytes(self.stream.read(want))
        if not chunk:
            raise BadItemError("the file shrank while it was being copied", code="source_changed")
        self.sent += len(chunk)
        if self.whole and self.sent >= self.length and self.stream.read(1):
            raise BadItemError("the file grew while it was being copied", code="source_changed")
        for hasher in self.hashers:
            hasher.update(chunk)
        self.ctx.on_bytes(len(chunk))
        return chunk
