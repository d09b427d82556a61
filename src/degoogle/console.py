"""Engine events on a terminal: a rich progress bar with rate and ETA, or plain lines in logs/pipes."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from degoogle.engine.events import (
    BytesMoved,
    Event,
    ItemFinished,
    ItemRetrying,
    PlanFinished,
    PlanProgress,
    RunStarted,
    RunStateChanged,
)
from degoogle.engine.reasons import reason


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


class ConsoleProgress:
    """An event sink for the CLI. ``fancy`` (a terminal) draws a bar; otherwise prints a line every
    ``every`` seconds and one per problem, which reads well in an overnight log file."""

    def __init__(self, lang: str = "en", out: TextIO | None = None, fancy: bool | None = None,
                 every: float = 10.0) -> None:
        self.out = out or sys.stdout
        self.lang = lang
        self.fancy = self.out.isatty() if fancy is None else fancy
        self.every = every
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._total_items = self._done_items = 0
        self._total_bytes = self._done_bytes = 0
        self._started = time.monotonic()
        self._last_line = 0.0
        self._start_bytes = 0

    def __enter__(self) -> ConsoleProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._progress is not None:
                self._progress.stop()
                self._progress = None

    def _print(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.out, flush=True)

    def __call__(self, event: Event) -> None:
        with self._lock:
            self._handle(event)

    def _handle(self, event: Event) -> None:
        if isinstance(event, PlanProgress):
            if not self.fancy and time.monotonic() - self._last_line > self.every:
                self._last_line = time.monotonic()
                self._print(f"listing: {event.found} items, {human_bytes(event.bytes)}")
        elif isinstance(event, PlanFinished):
            self._print(f"plan: {event.found} items found ({human_bytes(event.bytes)}), "
                        f"{event.to_move} to move ({human_bytes(event.bytes_to_move)})")
        elif isinstance(event, RunStarted):
            self._total_items, self._done_items = event.total_items, event.done_items
            self._total_bytes, self._done_bytes = event.total_bytes, event.done_bytes
            self._start_bytes = event.done_bytes
            self._started = time.monotonic()
            self._print(f"to move: {event.total_items - event.done_items} items "
                        f"({human_bytes(event.total_bytes - event.done_bytes)}); "
                        f"already done: {event.done_items}")
            if self.fancy:
                self._progress = Progress(
                    TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                    TimeRemainingColumn(), console=Console(file=self.out), transient=False,
                )
                self._progress.start()
                self._task = self._progress.add_task("moving", total=max(1, event.total_bytes),
                                                     completed=event.done_bytes)
        elif isinstance(event, BytesMoved):
            self._done_bytes += event.bytes
            if self._progress is not None and self._task is not None:
                self._progress.update(self._task, completed=self._done_bytes)
        elif isinstance(event, ItemFinished):
            self._done_items += 1
            if event.state in ("quarantined", "failed") or event.outcome == "kept_both":
                self._print(f"  ! {event.path}: {reason(event.reason).text(self.lang)}")
            if self._progress is not None and self._task is not None:
                self._progress.update(self._task, description=f"{self._done_items}/{self._total_items}")
            elif time.monotonic() - self._last_line > self.every:
                self._last_line = time.monotonic()
                self._print(self._line())
        elif isinstance(event, ItemRetrying):
            if not self.fancy:
                self._print(f"  retrying {event.path} in {event.delay:.0f}s ({reason(event.reason).text(self.lang)})")
        elif isinstance(event, RunStateChanged) and event.state in ("paused", "waiting", "stopping"):
            text = reason(event.reason).text(self.lang) if event.reason else ""
            self._print(f"{event.state}{': ' + text if text else ''}")

    def _line(self) -> str:
        elapsed = max(0.001, time.monotonic() - self._started)
        rate = (self._done_bytes - self._start_bytes) / elapsed
        left = max(0, self._total_bytes - self._done_bytes)
        eta = f", about {left / rate / 60:.0f} min left" if rate > 0 else ""
        return (f"{self._done_items}/{self._total_items} items, {human_bytes(self._done_bytes)} of "
                f"{human_bytes(self._total_bytes)}, {human_bytes(rate)}/s{eta}")
