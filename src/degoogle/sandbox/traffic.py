"""What the sandbox saw and what it was told to get wrong.

- ``RequestRecord``: one request as the server saw it: method, url-decoded path without the query, the
  status it answered (0 when it dropped the connection on purpose) and how many body bytes it actually
  read from the client.
- ``RequestLog``: the records, in order: the last ``MEMORY_LIMIT`` kept in memory (a long benchmark
  must not grow without bound) and every one (optionally) appended to a text file, one line
  ``METHOD path status bytes_in`` per request, flushed at once so another process can read it.
- ``Fault`` / ``FaultPlan``: "answer the next N requests matching (method, path regex) with this status
  and these headers", consumed in the order they were added; with ``after`` the request is served
  first and only its answer is replaced.
- ``Hold``: "keep every request matching (method, path regex) waiting until released", as a busy
  server keeps them: what a test needs to know which requests were under way at a given moment.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TextIO

log = logging.getLogger(__name__)

#: how many records ``RequestLog`` keeps in memory (the file, if any, keeps every one)
MEMORY_LIMIT = 200_000


class RequestRecord(NamedTuple):
    """One request the sandbox answered (or dropped: ``status == 0``)."""

    method: str
    path: str
    status: int
    bytes_in: int

    def as_line(self) -> str:
        """The request-log line for this record (no trailing newline)."""
        return f"{self.method} {self.path} {self.status} {self.bytes_in}"


class RequestLog:
    """A thread-safe, append-only list of the last ``limit`` ``RequestRecord``, mirrored to a file
    (every record) when one is given.

    The file is opened in append mode and each line is flushed as soon as it is written, so a test in
    another process sees a request as soon as the server has answered it.
    """

    def __init__(self, path: Path | None = None, *, limit: int = MEMORY_LIMIT) -> None:
        self._lock = threading.Lock()
        self._records: deque[RequestRecord] = deque(maxlen=limit)
        self._path = path
        self._file: TextIO | None = None
        self._serving = 0

    @contextmanager
    def serving_one(self) -> Iterator[None]:
        """Count one request as being served for as long as the block runs (``serving``)."""
        with self._lock:
            self._serving += 1
        try:
            yield
        finally:
            with self._lock:
                self._serving -= 1

    @property
    def serving(self) -> int:
        """How many requests the application is handling right now (reading, working, answering)."""
        with self._lock:
            return self._serving

    def open(self) -> None:
        """Open the mirror file (if any) for appending; calling it again is harmless."""
        with self._lock:
            if self._path is not None and self._file is None:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                self._file = self._path.open("a", encoding="utf-8", newline="\n")

    def close(self) -> None:
        """Close the mirror file; records stay readable in memory."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def add(self, record: RequestRecord) -> None:
        """Append one record (and its line, flushed, to the mirror file)."""
        with self._lock:
            self._records.append(record)
            if self._file is not None:
                self._file.write(record.as_line() + "\n")
                self._file.flush()

    def snapshot(self) -> list[RequestRecord]:
        """A copy of the records kept (the last ``limit``), oldest first."""
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        """Forget the in-memory records (the mirror file keeps its lines)."""
        with self._lock:
            self._records.clear()


@dataclass
class Fault:
    """Answer ``status`` (0: drop the connection) with ``headers`` to ``times`` matching requests;
    with ``after``, once the request has been served as usual."""

    method: str
    path_pattern: re.Pattern[str]
    status: int
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    after: bool = False

    def matches(self, method: str, path: str) -> bool:
        """True when this fault applies to a request with this method and decoded path."""
        return (self.method == "*" or self.method == method.upper()) and bool(self.path_pattern.search(path))


class Hold:
    """Requests matching ``method`` ("*": any) and ``path_pattern`` wait until ``release``; ``waiting``
    is how many wait now."""

    def __init__(self, method: str, path_pattern: str) -> None:
        self.method = method.upper()
        self.path_pattern = re.compile(path_pattern)
        self._released = threading.Event()
        self._lock = threading.Lock()
        self.waiting = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method == "*" or self.method == method.upper()) and bool(self.path_pattern.search(path))

    def wait(self) -> None:
        with self._lock:
            self.waiting += 1
        self._released.wait()
        with self._lock:
            self.waiting -= 1

    def release(self) -> None:
        """Let the waiting requests and every later one through."""
        self._released.set()


class FaultPlan:
    """Faults waiting to be served; each matching request uses up one ``times`` of the first match.
    Also the holds: ``wait_if_held`` keeps a matching request until its hold is released."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._holds: list[Hold] = []

    def hold(self, method: str, path_pattern: str) -> Hold:
        """Keep matching requests waiting from now on until the returned hold is released."""
        held = Hold(method, path_pattern)
        with self._lock:
            self._holds.append(held)
        return held

    def release_holds(self) -> None:
        """Release every hold (the server is stopping)."""
        with self._lock:
            holds = list(self._holds)
        for held in holds:
            held.release()

    def wait_if_held(self, method: str, path: str) -> None:
        with self._lock:
            holds = [h for h in self._holds if h.matches(method, path)]
        for held in holds:
            held.wait()

    def add(
        self,
        method: str,
        path_pattern: str,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        after: bool = False,
    ) -> None:
        """Queue a fault. ``method`` "*" matches every method. Raises ``ValueError`` on a bad status,
        ``times`` below 1, or a pattern that is not a valid regular expression."""
        if status != 0 and not 100 <= status <= 599:
            raise ValueError(f"status must be 0 (drop the connection) or an HTTP status, not {status}")
        if times < 1:
            raise ValueError(f"times must be at least 1, not {times}")
        fault = Fault(method.upper(), re.compile(path_pattern), status, times, dict(headers or {}), after)
        with self._lock:
            self._faults.append(fault)

    def take(self, method: str, path: str) -> Fault | None:
        """Use up one turn of the first fault matching this request, or return None when none does."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._faults.clear()
