"""Run: move every pending item of a journal with bounded pools of worker threads, one lane per kind.

The kinds are written side by side, each by its own lane (a feed in plan order and its workers):
over a home link a kind bound by round trips (events, contacts: one small PUT each) then goes on
while another fills the line (files, mail), instead of waiting for it in plan order. A lane has the
run's ``workers``, or more when its target asks for them (``Target.items_in_flight``).

Each worker moves items through ``engine.moving``, where the class of error a write raised decides
what happens to the item (retried, quarantined, failed, or the whole run paused). An item is marked
done only after its target confirmed it; each change is committed at once, so a run killed at any
point resumes by running again (targets recognise what they already hold).

A target that gathers items into bigger files (the mail archive) reports them *staged*; once every
worker ended normally the runner calls ``Target.finish``, which makes them done file by file (also
in a run that had nothing pending, only what a stopped run left staged). Items a target put back to
pending while finishing are written again in the same run (``ROUNDS``).

``pause``, ``resume`` and ``cancel`` may be called from any thread (the GUI, a signal handler).
Pause lets items in flight finish and holds the workers; cancel stops streaming at once (the item
in flight stays pending and nothing half-written is left at the target).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from degoogle import __version__
from degoogle.engine.batching import Batcher, Work
from degoogle.engine.events import EventSink, RunStarted, RunStateChanged, ignore
from degoogle.engine.journal import Journal
from degoogle.engine.journal_views import JournalCollections, JournalLedger, JournalVolumes
from degoogle.engine.moving import ItemMover, WaitBoard
from degoogle.engine.retry import Backoff
from degoogle.errors import BadItemError, Cancelled, FatalError, RetryableError
from degoogle.model import Kind, State
from degoogle.sources.base import Source
from degoogle.targets.base import FinishContext, Target

__all__ = ["ROUNDS", "JournalCollections", "JournalLedger", "JournalVolumes", "Redactor", "RunResult", "Runner"]

log = logging.getLogger(__name__)

Redactor = Callable[[str], str]


@dataclass(frozen=True)
class RunResult:
    """``state``: finished (nothing left pending), paused (a fatal condition; resumable) or
    cancelled (stopped on request; resumable)."""

    state: str
    reason: str | None = None
    message: str = ""


#: rounds of writing then finishing in one run: a round after the first writes again what a target
#: put back to pending because it lost a volume (an upload the server expired)
ROUNDS = 3


class Runner(ItemMover):
    """Moves the pending items of ``journal`` from ``source`` to ``targets``. One ``run`` per object."""

    def __init__(
        self,
        journal: Journal,
        source: Source,
        targets: Iterable[Target],
        *,
        sink: EventSink = ignore,
        workers: int = 4,
        backoff: Backoff | None = None,
        redact: Redactor = lambda text: text,
    ) -> None:
        self.journal = journal
        self.source = source
        self.targets = list(targets)
        self.by_kind: dict[Kind, Target] = {k: t for t in self.targets for k in t.kinds}
        self.sink = sink
        self.workers = max(1, workers)
        self.backoff = backoff or Backoff()
        self.redact = redact
        self._stop = threading.Event()
        self._gate = threading.Event()
        self._gate.set()
        self._fatal: FatalError | None = None
        self._fatal_lock = threading.Lock()
        self._outage_seen_at: dict[int, float] = {}
        self._waits = WaitBoard()
        #: the targets this run prepared (signed in, limits learned): a verification right after need not again
        self.prepared: list[Target] = []

    # -- control, from any thread -------------------------------------------------------------

    def pause(self) -> None:
        if self._gate.is_set() and not self._stop.is_set():
            self._gate.clear()
            self.sink(RunStateChanged("paused"))

    def resume(self) -> None:
        if not self._gate.is_set():
            self._gate.set()
            self.sink(RunStateChanged("running"))

    def cancel(self) -> None:
        if not self._stop.is_set():
            self._stop.set()
            self._gate.set()
            self.sink(RunStateChanged("stopping"))

    @property
    def paused(self) -> bool:
        return not self._gate.is_set()

    # -- the run ------------------------------------------------------------------------------

    def run(self) -> RunResult:
        retried = self.journal.retry_failed()
        if retried:
            log.info("%d items that failed last time are tried again", retried)
        run_id = self.journal.start_run(__version__)
        result = self._run()
        self.journal.end_run(run_id, result.state, result.message)
        self.sink(RunStateChanged(result.state, result.reason, result.message))
        return result

    def _run(self) -> RunResult:
        try:
            self._prepare_targets()
        except FatalError as exc:
            return RunResult("paused", exc.code, self.redact(exc.detail))
        if self._stop.is_set():
            return RunResult("cancelled")
        self._announce()
        self.sink(RunStateChanged("running"))
        for _round in range(ROUNDS):
            self._write_pending()
            while self._fatal is None and self._wait_for_deferred():
                self._write_pending()
            if self._fatal is not None or self._stop.is_set():
                break
            self._finish_targets()
            if self._fatal is not None or self._stop.is_set() or not self.journal.pending(limit=1):
                break
            log.info("items were put back to pending while finishing: writing them again")
        if self._fatal is not None:
            return RunResult("paused", self._fatal.code, self.redact(self._fatal.detail))
        if self._stop.is_set():
            return RunResult("cancelled")
        return RunResult("finished")

    def _write_pending(self) -> None:
        """Write what is pending, one lane per kind (``lanes``), the lanes side by side."""
        threads: list[threading.Thread] = []
        for kinds, count in self.lanes(self.journal.pending_kinds()):
            name = "+".join(sorted(k.value for k in kinds))
            work: queue.Queue[Work | None] = queue.Queue(maxsize=count * 4)
            threads.append(threading.Thread(target=self._feed, args=(work, kinds, count),
                                            name=f"degoogle-feed-{name}", daemon=True))
            threads += [threading.Thread(target=self._work, args=(work,), name=f"degoogle-{name}-{i}", daemon=True)
                        for i in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def lanes(self, kinds: set[Kind]) -> list[tuple[frozenset[Kind], int]]:
        """The lanes that write ``kinds``: one per kind, each with its own feed and workers, so that a
        kind bound by round trips (events, contacts) is written while another fills the line (files,
        mail) instead of after it, in plan order; within a lane items go in plan order. A lane has
        the run's ``workers``, or as many as its target wants in flight (``items_in_flight``)."""
        found: list[tuple[frozenset[Kind], int]] = []
        for kind in sorted(kinds):
            target = self.by_kind.get(kind)
            wanted = target.items_in_flight() if target is not None else None
            found.append((frozenset({kind}), max(self.workers, wanted or 0)))
        return found

    def _finish_targets(self) -> None:
        """Let each target complete what its writes left staged, retrying passing faults; a fatal
        error or tries run out pause the run (the staged items wait for the next run)."""
        for target in self.targets:
            for kind in sorted(target.kinds):
                ctx = FinishContext(JournalVolumes(self.journal, kind), self._stop.is_set,
                                    JournalCollections(self.journal, kind))
                attempt = 0
                while not self._stop.is_set():
                    try:
                        target.finish(ctx)
                        break
                    except Cancelled:
                        return
                    except FatalError as exc:
                        self._pause_fatal(exc)
                        return
                    except (RetryableError, BadItemError) as exc:
                        attempt += 1
                        if attempt >= self.backoff.attempts:
                            self._pause_fatal(FatalError(exc.detail, code=exc.code))
                            return
                        delay = self.backoff.delay(attempt, getattr(exc, "retry_after", None))
                        log.info("finishing %s again in %.1fs: %s", kind.value, delay, self.redact(exc.detail))
                        if self._stop.wait(delay):
                            return

    def _prepare_targets(self) -> None:
        """Prepare the targets this run writes to or finishes at; the others are left alone (a run
        moving only mail does not discover the Nextcloud's calendars and address books)."""
        busy = self._kinds_with_work()
        for target in self.targets:
            if not target.kinds & busy:
                continue
            attempt = 0
            while True:
                try:
                    target.prepare()
                    self.prepared.append(target)
                    break
                except RetryableError as exc:
                    attempt += 1
                    if attempt >= self.backoff.attempts:
                        raise FatalError(exc.detail, code=exc.code) from exc
                    delay = self.backoff.delay(attempt, exc.retry_after)
                    self.sink(RunStateChanged("waiting", exc.code, self.redact(exc.detail)))
                    if self._stop.wait(delay):
                        return

    def _kinds_with_work(self) -> set[Kind]:
        """Kinds with items to write (pending, or failed: tried again) or to finish (staged, or a
        volume still open)."""
        busy = {Kind(kind) for (kind, state, _outcome), tally in self.journal.tallies().items()
                if tally.count and state in (State.PENDING, State.FAILED, State.STAGED)}
        busy |= {kind for kind in self.by_kind if self.journal.volumes(kind)}
        return busy

    def _announce(self) -> None:
        total = done = total_bytes = done_bytes = 0
        for (kind, state, _outcome), tally in self.journal.tallies().items():
            if Kind(kind) not in self.by_kind or state not in (State.PENDING, State.STAGED, State.DONE):
                continue
            total += tally.count
            total_bytes += tally.bytes
            if state in (State.DONE, State.STAGED):  # staged: written, the target completes it at the end
                done += tally.count
                done_bytes += tally.bytes
        self.sink(RunStarted(total, total_bytes, done, done_bytes))

    def _feed(self, work: queue.Queue[Work | None], kinds: frozenset[Kind], workers: int) -> None:
        last = 0
        limits = {kind: limit for kind, target in self.by_kind.items()
                  if kind in kinds and (limit := target.batch_limits())}
        spanning = frozenset(kind for kind in limits if self.by_kind[kind].batches_span_collections)
        batcher = Batcher(limits, spanning)
        try:
            while not self._stop.is_set():
                page = self.journal.pending(after_id=last, kinds=kinds)
                if not page:
                    break
                for item in page:
                    for ready in batcher.add(item):
                        self._put(work, ready)
                last = page[-1].id
            for ready in batcher.flush():
                self._put(work, ready)
        finally:
            for _ in range(workers):
                while True:
                    try:
                        work.put(None, timeout=0.2)
                        break
                    except queue.Full:
                        if self._stop.is_set():
                            self._drain(work)

    def _put(self, work: queue.Queue[Work | None], ready: Work) -> None:
        while not self._stop.is_set():
            try:
                work.put(ready, timeout=0.2)
                return
            except queue.Full:
                continue

    @staticmethod
    def _drain(work: queue.Queue[Work | None]) -> None:
        try:
            while True:
                work.get_nowait()
        except queue.Empty:
            pass

    def _work(self, work: queue.Queue[Work | None]) -> None:
        while True:
            while not self._gate.wait(0.2):
                pass
            item = work.get()
            if item is None or self._stop.is_set():
                return
            if isinstance(item, list):
                self._move_batch(item)
            else:
                self._move(item)
