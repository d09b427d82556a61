"""Engine events → Qt signals, and the engine's work on a thread of its own.

The engine calls ``EngineBridge.sink`` from its worker threads. The sink folds the frequent events
(bytes sent, item started or finished) into a ``ProgressTally`` under a lock and emits at most one
``progress`` snapshot every ``PROGRESS_EVERY`` seconds; the rare ones (plan finished, run state,
retries, items that need attention) become a signal each. The bridge lives in the GUI thread, so Qt
delivers every signal emitted from an engine thread as a queued call: the UI thread only ever
repaints, it never waits on the engine.

Jobs (planning, the run, verify, sign-in) are plain callables handed to ``submit``; the engine thread
runs them one after another and the bridge answers with ``jobFinished``/``jobFailed``.
``control`` (``app.moving.RunControl``) pauses, resumes or cancels the run from the GUI thread.
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from degoogle.app.moving import RunControl
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
from degoogle.errors import DegoogleError

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
            # the overall counts agree with the per-kind bars until the run's own figures arrive
            # (``started``); a run held at its start never sends them
            self.total_items, self.done_items = sum(self.kind_totals.values()), sum(self.kind_done.values())
            self.total_bytes = self.done_bytes = 0
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
            if event.state in ("done", "staged"):  # staged: in the mail archive, complete at the run's end
                self.done_bytes += max(0, event.size - sent)  # an item already there sends nothing
            else:
                self.done_bytes -= sent  # a retried or set-aside item's bytes are not progress
            self.done_items += 1
            self.kind_done[event.kind] = self.kind_done.get(event.kind, 0) + 1
            if event.state in ("quarantined", "failed") or event.outcome == "kept_both":
                self.problems += 1

    @property
    def in_flight(self) -> int:
        """How many items have started and not finished yet (0 once a paused run's workers are idle)."""
        with self._lock:
            return len(self._in_flight)

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


def _serve_jobs(jobs: queue.Queue[tuple[str, Callable[[], object]] | None],
                results: queue.Queue[tuple[str, bool, object]], bridge: weakref.ref[EngineBridge]) -> None:
    """The engine thread: runs jobs one after another until told to stop or the bridge is gone.

    A plain Python thread rather than a QThread: Qt aborts the program when a QThread object is
    destroyed while running, which a garbage-collected window could cause; a daemon thread that
    only holds a weak reference to the bridge simply ends."""
    while True:
        try:
            entry = jobs.get(timeout=1.0)
        except queue.Empty:
            if bridge() is None:
                return
            continue
        if entry is None:
            return
        name, job = entry
        try:
            results.put((name, True, job()))
        except Exception as exc:  # any failure is answered, never lost in the thread
            if isinstance(exc, DegoogleError):  # foreseen: the page words it from its code
                log.warning("job %s failed: %s: %s", name, type(exc).__name__, exc.code)
            else:  # a bug: its traceback for whoever reads the log (the log's formatter masks secrets)
                log.error("job %s failed unexpectedly: %s", name, type(exc).__name__, exc_info=exc)
            results.put((name, False, exc))
        owner = bridge()
        if owner is not None:
            try:
                owner._done.emit()
            except RuntimeError:  # the window was closed and its objects deleted meanwhile
                return
        del owner


class EngineBridge(QObject):
    """The wizard's link to the engine: ``sink`` for engine events, ``submit`` for work.

    Signals emitted from other threads carry plain values only: the objects that go with some of them
    (job results, events) wait in thread-safe queues and the GUI-thread slot that relays them reads
    them. (PySide 6.12 miscounted references of Python objects passed this way.)
    ``jobFinished``/``jobFailed`` and ``planFinished``/``runStarted``/``itemProblem``/``retrying`` are
    then emitted in the GUI thread, where Python objects are safe to pass directly."""

    planProgress = Signal(int, int)
    planFinished = Signal(object)
    runStarted = Signal(object)
    progress = Signal(object)
    runState = Signal(str, str, str)
    #: the run waits for the hoster until this time (``time.time()`` seconds), then goes on by itself
    waitingUntil = Signal(float)
    itemProblem = Signal(object)
    retrying = Signal(object)
    verifyFinished = Signal(int, int)
    jobFinished = Signal(str, object)
    jobFailed = Signal(str, object)
    _done = Signal()
    _events = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tally = ProgressTally()
        self.control = RunControl()
        #: names of the threads the engine called the sink from (support staff and tests read it)
        self.engine_threads: set[str] = set()
        self._last_emit = 0.0
        self._emit_lock = threading.Lock()
        self._busy: set[str] = set()
        self._pending: queue.Queue[Event | ProgressSnapshot] = queue.Queue()
        self._jobs: queue.Queue[tuple[str, Callable[[], object]] | None] = queue.Queue()
        self._results: queue.Queue[tuple[str, bool, object]] = queue.Queue()
        self._done.connect(self._job_done, Qt.ConnectionType.QueuedConnection)
        self._events.connect(self._relay, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=_serve_jobs, args=(self._jobs, self._results, weakref.ref(self)),
                                        name="degoogle-engine", daemon=True)
        self._thread.start()

    # -- work ----------------------------------------------------------------------------------

    def submit(self, name: str, job: Callable[[], object]) -> None:
        """Run ``job`` on the engine thread; ``jobFinished(name, result)`` or ``jobFailed(name, exc)``
        follows in the GUI thread."""
        self._busy.add(name)
        self._jobs.put((name, job))

    def busy(self, name: str | None = None) -> bool:
        return bool(self._busy) if name is None else name in self._busy

    @Slot()
    def _job_done(self) -> None:
        try:
            name, ok, result = self._results.get_nowait()
        except queue.Empty:
            return
        self._relay()  # the job's last events come before its answer
        self._busy.discard(name)
        (self.jobFinished if ok else self.jobFailed).emit(name, result)

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the run if one is going (it stays resumable) and end the engine thread."""
        self.control.cancel()
        self._jobs.put(None)
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the engine thread did not stop in time")

    # -- engine events, from any thread ----------------------------------------------------------

    def sink(self, event: Event) -> None:
        self.engine_threads.add(threading.current_thread().name)
        relay: Event | ProgressSnapshot | None = None
        if isinstance(event, BytesMoved):
            self.tally.bytes_moved(event)
        elif isinstance(event, ItemStarted):
            self.tally.item_started(event)
        elif isinstance(event, ItemFinished):
            self.tally.item_finished(event)
            if event.state in ("quarantined", "failed") or event.outcome == "kept_both":
                relay = event
        elif isinstance(event, PlanProgress):
            if self._due():
                self.planProgress.emit(event.found, event.bytes)
            return
        elif isinstance(event, PlanFinished | ItemRetrying):
            relay = event
        elif isinstance(event, RunStarted):
            self.tally.started(event)
            relay = event
        elif isinstance(event, RunStateChanged):
            if event.until is not None:
                self.waitingUntil.emit(event.until)
            self.runState.emit(event.state, event.reason or "", event.message)
            self._pending.put(self.tally.snapshot())
            self._events.emit()
            return
        elif isinstance(event, VerifyFinished):
            self.verifyFinished.emit(event.checked, event.problems)
            return
        if relay is not None:
            self._pending.put(relay)
        if self._due():
            self._pending.put(self.tally.snapshot())
        elif relay is None:
            return
        self._events.emit()

    @Slot()
    def _relay(self) -> None:
        """In the GUI thread: hand the queued events and snapshots to the pages."""
        latest: ProgressSnapshot | None = None
        while True:
            try:
                item = self._pending.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, ProgressSnapshot):
                latest = item
            elif isinstance(item, PlanFinished):
                self.planFinished.emit(item)
            elif isinstance(item, RunStarted):
                self.runStarted.emit(item)
            elif isinstance(item, ItemRetrying):
                self.retrying.emit(item)
            elif isinstance(item, ItemFinished):
                self.itemProblem.emit(item)
        if latest is not None:
            self.progress.emit(latest)

    def _due(self) -> bool:
        now = time.monotonic()
        with self._emit_lock:
            if now - self._last_emit < PROGRESS_EVERY:
                return False
            self._last_emit = now
            return True


class GuiThreadCollector(QObject):
    """Python's cyclic garbage collector, run only in the GUI thread.

    Left to itself the collector runs in whichever thread happens to allocate, an engine thread
    included; a Qt widget caught in a reference cycle would then be destroyed outside the GUI thread,
    and Qt aborts the program. While this object lives, automatic collection is off and a timer
    collects in the GUI thread instead (the usual cure in PySide and PyQt applications)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    @Slot()
    def collect(self) -> None:
        threshold = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > threshold[generation]:
                gc.collect(generation)
                break

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
