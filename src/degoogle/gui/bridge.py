"""Engine events → Qt signals, and the engine's work on a thread of its own.

The engine calls ``EngineBridge.sink`` from its worker threads. The sink folds the frequent events
(bytes sent, item started or finished) into a ``ProgressTally`` under a lock and emits at most one
``progress`` snapshot every ``PROGRESS_EVERY`` seconds; the rare ones (plan finished, run state,
retries, items that need attention) become a signal each. The bridge lives in the GUI thread, so Qt
delivers every signal emitted from an engine thread as a queued call: the UI thread only ever
repaints, it never waits on the engine.

Jobs (planning, the run, verify, sign-in) are plain callables handed to ``submit``; a ``JobWorker``
moved to a ``QThread`` runs them one after another and answers with ``jobFinished``/``jobFailed``.
``control`` pauses, resumes or cancels the run from the GUI thread (``Runner`` allows any thread).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, Signal, Slot

from degoogle.engine.events import (
    BytesMoved,
    Event,
    ItemFinished,
    ItemRetrying,
    ItemStarted,
    PlanFinished,
    PlanProgress,
    RunStarted,
    RunStateChanged,
    VerifyFinished,
)
from degoogle.engine.run import Runner

log = logging.getLogger(__name__)

PROGRESS_EVERY = 0.1
RATE_WINDOW = 30.0


@dataclass(frozen=True)
class ProgressSnapshot:
    """Where the run stands. ``kinds``: kind → (handled, total) items. ``seconds_left`` None while
    there is no rate yet."""

    total_items: int
    done_items: int
    total_bytes: int
    done_bytes: int
    kinds: dict[str, tuple[int, int]]
    current: str
    bytes_per_second: float
    items_per_second: float
    seconds_left: float | None
    problems: int

    @property
    def fraction(self) -> float:
        if self.total_bytes > 0:
            by_bytes = self.done_bytes / self.total_bytes
            by_items = self.done_items / max(1, self.total_items)
            return min(1.0, (by_bytes + by_items) / 2)  # many small files weigh like a few big ones
        return min(1.0, self.done_items / max(1, self.total_items))


@dataclass
class ProgressTally:
    """Counters the engine threads update; ``snapshot`` reads them consistently."""

    total_items: int = 0
    done_items: int = 0
    total_bytes: int = 0
    done_bytes: int = 0
    kind_totals: dict[str, int] = field(default_factory=dict)
    kind_done: dict[str, int] = field(default_factory=dict)
    current: str = ""
    problems: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _in_flight: dict[int, int] = field(default_factory=dict, repr=False)
    _samples: deque[tuple[float, int, int]] = field(default_factory=deque, repr=False)

    def begin(self, kind_totals: dict[str, int], kind_done: dict[str, int]) -> None:
        """A new run: items per kind to handle in all, and handled by earlier runs."""
        with self._lock:
            self.kind_totals = dict(kind_totals)
            self.kind_done = {k: kind_done.get(k, 0) for k in kind_totals}
            self.current = ""
            self._samples.clear()
            self._in_flight.clear()
            self.problems = 0

    def started(self, event: RunStarted) -> None:
        with self._lock:
            self.total_items, self.done_items = event.total_items, event.done_items
            self.total_bytes, self.done_bytes = event.total_bytes, event.done_bytes
            self._samples.clear()
            self._samples.append((time.monotonic(), self.done_bytes, self.done_items))

    def item_started(self, event: ItemStarted) -> None:
        with self._lock:
            self.current = event.path
            self._in_flight[event.item_id] = 0

    def bytes_moved(self, event: BytesMoved) -> None:
        with self._lock:
            self.done_bytes += event.bytes
            self._in_flight[event.item_id] = self._in_flight.get(event.item_id, 0) + event.bytes

    def item_finished(self, event: ItemFinished) -> None:
        with self._lock:
            sent = self._in_flight.pop(event.item_id, 0)
            if event.state == "done":
                self.done_bytes += max(0, event.size - sent)  # an item already there sends nothing
            else:
                self.done_bytes -= sent  # a retried or set-aside item's bytes are not progress
            self.done_items += 1
            self.kind_done[event.kind] = self.kind_done.get(event.kind, 0) + 1
            if event.state in ("quarantined", "failed") or event.outcome == "kept_both":
                self.problems += 1

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            now = time.monotonic()
            self._samples.append((now, self.done_bytes, self.done_items))
            while len(self._samples) > 2 and now - self._samples[0][0] > RATE_WINDOW:
                self._samples.popleft()
            t0, b0, i0 = self._samples[0]
            elapsed = now - t0
            byte_rate = (self.done_bytes - b0) / elapsed if elapsed > 0.5 else 0.0
            item_rate = (self.done_items - i0) / elapsed if elapsed > 0.5 else 0.0
            left: float | None = None
            if item_rate > 0:
                left = (self.total_items - self.done_items) / item_rate
                if byte_rate > 0:
                    left = max(left, (self.total_bytes - self.done_bytes) / byte_rate)
            kinds = {k: (self.kind_done.get(k, 0), total) for k, total in self.kind_totals.items()}
            return ProgressSnapshot(self.total_items, self.done_items, self.total_bytes, max(0, self.done_bytes),
                                    kinds, self.current, max(0.0, byte_rate), item_rate, left, self.problems)


class RunControl:
    """Pause, resume and cancel for the run in flight, callable before its ``Runner`` exists (the
    request is applied as soon as it does)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runner: Runner | None = None
        self._cancelled = False
        self._paused = False

    def attach(self, runner: Runner) -> None:
        with self._lock:
            self._runner = runner
            if self._cancelled:
                runner.cancel()
            elif self._paused:
                runner.pause()

    def detach(self) -> None:
        with self._lock:
            self._runner = None
            self._cancelled = self._paused = False

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            if self._runner is not None:
                self._runner.pause()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            if self._runner is not None:
                self._runner.resume()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._runner is not None:
                self._runner.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def paused(self) -> bool:
        return self._paused


class JobWorker(QObject):
    """Runs submitted jobs on its own thread, one at a time."""

    finished = Signal(str, object)
    failed = Signal(str, object)

    @Slot(str, object)
    def execute(self, name: str, job: Callable[[], object]) -> None:
        try:
            result = job()
        except Exception as exc:  # any failure is answered, never lost in the thread
            log.warning("job %s failed: %s: %s", name, type(exc).__name__, getattr(exc, "code", ""))
            self.failed.emit(name, exc)
            return
        self.finished.emit(name, result)


class EngineBridge(QObject):
    """The wizard's link to the engine: ``sink`` for engine events, ``submit`` for work."""

    planProgress = Signal(int, int)
    planFinished = Signal(object)
    runStarted = Signal(object)
    progress = Signal(object)
    runState = Signal(str, str, str)
    itemProblem = Signal(object)
    retrying = Signal(object)
    verifyFinished = Signal(int, int)
    jobFinished = Signal(str, object)
    jobFailed = Signal(str, object)
    _work = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tally = ProgressTally()
        self.control = RunControl()
        #: names of the threads the engine called the sink from (support staff and tests read it)
        self.engine_threads: set[str] = set()
        self._last_emit = 0.0
        self._emit_lock = threading.Lock()
        self._busy: set[str] = set()
        self._thread = QThread()
        self._thread.setObjectName("degoogle-engine")
        self._worker = JobWorker()
        self._worker.moveToThread(self._thread)
        self._work.connect(self._worker.execute)
        self._worker.finished.connect(self._job_finished)
        self._worker.failed.connect(self._job_failed)
        self._thread.start()

    # -- work ----------------------------------------------------------------------------------

    def submit(self, name: str, job: Callable[[], object]) -> None:
        """Run ``job`` on the engine thread; ``jobFinished(name, result)`` or ``jobFailed(name, exc)``
        follows in the GUI thread."""
        self._busy.add(name)
        self._work.emit(name, job)

    def busy(self, name: str | None = None) -> bool:
        return bool(self._busy) if name is None else name in self._busy

    @Slot(str, object)
    def _job_finished(self, name: str, result: object) -> None:
        self._busy.discard(name)
        self.jobFinished.emit(name, result)

    @Slot(str, object)
    def _job_failed(self, name: str, exc: object) -> None:
        self._busy.discard(name)
        self.jobFailed.emit(name, exc)

    def shutdown(self, timeout_ms: int = 30000) -> None:
        """Stop the run if one is going (it stays resumable) and end the engine thread."""
        self.control.cancel()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.warning("the engine thread did not stop in time")

    # -- engine events, from any thread ----------------------------------------------------------

    def sink(self, event: Event) -> None:
        self.engine_threads.add(threading.current_thread().name)
        if isinstance(event, BytesMoved):
            self.tally.bytes_moved(event)
        elif isinstance(event, ItemStarted):
            self.tally.item_started(event)
        elif isinstance(event, ItemFinished):
            self.tally.item_finished(event)
            if event.state in ("quarantined", "failed") or event.outcome == "kept_both":
                self.itemProblem.emit(event)
        elif isinstance(event, PlanProgress):
            if self._due():
                self.planProgress.emit(event.found, event.bytes)
            return
        elif isinstance(event, PlanFinished):
            self.planFinished.emit(event)
            return
        elif isinstance(event, RunStarted):
            self.tally.started(event)
            self.runStarted.emit(event)
        elif isinstance(event, ItemRetrying):
            self.retrying.emit(event)
        elif isinstance(event, RunStateChanged):
            self.runState.emit(event.state, event.reason or "", event.message)
            self.progress.emit(self.tally.snapshot())
            return
        elif isinstance(event, VerifyFinished):
            self.verifyFinished.emit(event.checked, event.problems)
            return
        if self._due():
            self.progress.emit(self.tally.snapshot())

    def _due(self) -> bool:
        now = time.monotonic()
        with self._emit_lock:
            if now - self._last_emit < PROGRESS_EVERY:
                return False
            self._last_emit = now
            return True
