"""In-memory implementations of the Source and Target interfaces, to test the engine's decisions
(retry, quarantine, pause, cancel) in isolation — as vdirsyncer tests its sync algorithm over a
memory storage. Real protocols are tested against real servers elsewhere."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import BinaryIO

from degoogle.errors import RetryableError
from degoogle.model import Item, Kind, Outcome, SourceEntry, WriteResult
from degoogle.sources.base import Source
from degoogle.targets.base import NO_JOURNAL, Target, VerifyContext, VerifyResult, WriteContext


class MemorySource(Source):
    def __init__(self, files: dict[str, bytes], spec: str = "memory:") -> None:
        self.files = files
        self.spec = spec

    def describe(self) -> str:
        return "memory"

    def scan(self) -> Iterator[SourceEntry]:
        for key, data in self.files.items():
            yield SourceEntry(Kind.FILES, key, tuple(key.split("/")), size=len(data), mtime=1_700_000_000)

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        return nullcontext(io.BytesIO(self.files[item.source_key]))


Behaviour = Callable[[Item, int], None]
"""Called before each write with the item and its attempt number (from 1); may raise."""


class MemoryTarget(Target):
    kinds = frozenset({Kind.FILES})

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.spec = "memory:"
        self.stored: dict[str, bytes] = {}
        self.writes: list[str] = []
        self.attempts: dict[int, int] = {}
        self.behaviour = behaviour
        self.lock = threading.Lock()

    def describe(self) -> str:
        return "memory"

    #: while true, every request fails as if the network were down
    down = False
    probes = 0

    def prepare(self) -> None:
        self.probes += 1
        if self.down:
            raise RetryableError("connection refused", code="unreachable")

    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        with self.lock:
            self.attempts[item.id] = self.attempts.get(item.id, 0) + 1
            attempt = self.attempts[item.id]
        if self.down:
            raise RetryableError("connection refused", code="unreachable")
        if self.behaviour is not None:
            self.behaviour(item, attempt)
        with ctx.source.open(item) as stream:
            data = stream.read()
        ctx.on_bytes(len(data))
        with self.lock:
            if self.stored.get(item.target_path) == data:
                return WriteResult(Outcome.ALREADY_THERE, item.target_path)
            self.stored[item.target_path] = data
            self.writes.append(item.target_path)
        return WriteResult(Outcome.MOVED, item.target_path)

    def verify(self, items: Iterable[Item], ctx: VerifyContext = NO_JOURNAL) -> Iterator[VerifyResult]:
        for item in items:
            ok = item.target_path in self.stored and len(self.stored[item.target_path]) == item.size
            yield VerifyResult(item, ok, None if ok else "missing_at_target")
