"""Moving one item, or one batch of items, to its target for a worker thread of the run.

What happens to an item is decided by the class of error its write raised (``degoogle.errors``):
retried with backoff, quarantined, failed after the last try, or the whole run paused. An item is
marked done only after its target confirmed it; each change is committed at once, so a run killed
at any point resumes by running again (targets recognise what they already hold). A target that
writes several items at once (``Target.batch_limits``) gets them in batches (``engine.batching``),
each batch's outcomes committed in one transaction; an item of a batch to be tried again is tried
on its own, as are all of a batch that failed as a whole. An item that runs out of tries while its
target is unreachable waits for the target instead of failing (``backoff.outage_limit``). An item a
target refuses until a known time by its own rules (``WaitForServer``) is put off without spending
its tries: the run writes everything else, then waits until then, saying until when
(``RunStateChanged("waiting", until=…)``), and writes it (``WaitBoard``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from degoogle.engine.events import BytesMoved, EventSink, ItemFinished, ItemRetrying, ItemStarted, RunStateChanged
from degoogle.engine.journal import Journal
from degoogle.engine.journal_views import JournalCollections, JournalLedger, JournalVolumes
from degoogle.engine.retry import Backoff
from degoogle.errors import (
    SOURCE_UNREACHABLE,
    BadItemError,
    Cancelled,
    FatalError,
    ItemServerError,
    NoSpaceError,
    RetryableError,
    SkipItem,
    WaitForServer,
)
from degoogle.model import Item, Kind, State, WriteResult
from degoogle.sources.base import Source
from degoogle.targets.base import BatchContext, Target, WriteContext

log = logging.getLogger(__name__)


class WaitBoard:
    """Items put off because their target refuses them until a known time (``WaitForServer``): the
    run writes everything else, then waits until then and writes them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deferred = 0
        self._until = 0.0
        self._code = ""
        self._detail = ""

    def defer(self, exc: WaitForServer, detail: str) -> None:
        with self._lock:
            self._deferred += 1
            if exc.until >= self._until:
                self._until, self._code, self._detail = exc.until, exc.code, detail

    def take(self) -> tuple[float, str, str] | None:
        """``(until, code, detail)`` when items were put off since the last call, else None."""
        with self._lock:
            if not self._deferred:
                return None
            found = (self._until, self._code, self._detail)
            self._deferred, self._until = 0, 0.0
            return found


class ItemMover:
    """The part of ``engine.run.Runner`` that moves items: the runner sets every attribute below
    and its worker threads call ``_move`` and ``_move_batch``."""

    journal: Journal
    source: Source
    by_kind: dict[Kind, Target]
    sink: EventSink
    backoff: Backoff
    redact: Callable[[str], str]
    _stop: threading.Event
    _gate: threading.Event
    _fatal: FatalError | None
    _fatal_lock: threading.Lock
    _waits: WaitBoard
    #: when a worker last found the source, or a target, unreachable (``time.monotonic``), by ``id``
    _outage_seen_at: dict[int, float]

    def _move_batch(self, items: list[Item]) -> None:
        """A batch through its target's ``write_batch``: what it wrote committed in one transaction;
        an item to be tried again, or all of them when the batch failed as a whole, through ``_move``
        (its own tries, backoff and waits for an outage)."""
        target = self.by_kind[items[0].kind]
        ctx = BatchContext(
            source=self.source,
            on_bytes=lambda item, n: self.sink(BytesMoved(item.id, n)),
            should_stop=self._stop.is_set,
            ledger=lambda item: JournalLedger(self.journal, item.id),
            collections=JournalCollections(self.journal, items[0].kind),
        )
        for item in items:
            self.sink(ItemStarted(item.id, item.kind.value, item.target_path, item.size))
        try:
            results = target.write_batch(items, ctx)
        except Cancelled:
            return
        except FatalError as exc:
            self._pause_fatal(exc)
            return
        except Exception as exc:  # noqa: BLE001 - passing, or a bug: each item on its own decides
            log.info("a batch of %d items failed as a whole, writing them one by one: %s", len(items),
                     self.redact(f"{type(exc).__name__}: {exc}"))
            for item in items:
                if self._stop.is_set():
                    return
                self._move(item)
            return
        written = [(item, w) for item, w in zip(items, results, strict=True) if isinstance(w, WriteResult)]
        done = [(item, w) for item, w in written if not w.staged]  # staged: the target recorded them itself
        self.journal.mark_done_many(done)
        for item, w in written:
            if w.staged:
                self._finished(item, State.STAGED, None, None, w.target_path)
            else:
                self._finished(item, State.DONE, w.outcome.value, w.reason, w.target_path)
        for item, r in zip(items, results, strict=True):
            if isinstance(r, WriteResult | Cancelled):
                continue
            if isinstance(r, SkipItem):
                self._not_moved(item, State.SKIPPED, r.code, self.redact(r.detail))
            elif isinstance(r, BadItemError):
                self._not_moved(item, State.QUARANTINED, r.code, self.redact(r.detail))
            elif isinstance(r, FatalError):
                self._set_aside_or_pause(item, r)
            elif not self._stop.is_set():
                self._move(item)

    def _move(self, item: Item) -> None:
        target = self.by_kind.get(item.kind)
        if target is None:
            self._not_moved(item, State.SKIPPED, "not_supported_yet")
            return
        ctx = WriteContext(
            source=self.source,
            on_bytes=lambda n: self.sink(BytesMoved(item.id, n)),
            should_stop=self._stop.is_set,
            ledger=JournalLedger(self.journal, item.id),
            collections=JournalCollections(self.journal, item.kind),
            volumes=JournalVolumes(self.journal, item.kind),
        )
        attempt = 0
        while not self._stop.is_set():
            self.sink(ItemStarted(item.id, item.kind.value, item.target_path, item.size))
            try:
                result = target.write(item, ctx)
            except Cancelled:
                return
            except SkipItem as exc:
                self._not_moved(item, State.SKIPPED, exc.code, self.redact(exc.detail))
                return
            except BadItemError as exc:
                self._not_moved(item, State.QUARANTINED, exc.code, self.redact(exc.detail))
                return
            except FatalError as exc:
                self._set_aside_or_pause(item, exc)
                return
            except WaitForServer as exc:
                # left pending; the run writes the rest, then waits and writes it (``WaitBoard``)
                self._waits.defer(exc, self.redact(exc.detail))
                return
            except RetryableError as exc:
                attempt += 1
                if attempt == 1:
                    first_failure = time.monotonic()
                detail = self.redact(exc.detail)
                tries = min(self.backoff.attempts, exc.tries) if isinstance(exc, ItemServerError) \
                    else self.backoff.attempts
                if attempt >= tries:
                    side = id(self.source) if exc.code == SOURCE_UNREACHABLE else id(target)
                    if self._outage(target, exc) or self._outage_seen_at.get(side, 0.0) >= first_failure:
                        # its source or target was down, not this item: start its tries afresh. Also when
                        # another worker found it down while this item spent its tries (the outage may
                        # be over by the time this one asks: the item is not to blame)
                        attempt = 0
                        continue
                    if self._stop.is_set():
                        return
                    # the server answers, yet fails on this one item: set it aside with the server's
                    # words rather than trying it again on every run
                    state = State.QUARANTINED if isinstance(exc, ItemServerError) else State.FAILED
                    self._not_moved(item, state, exc.code, detail)
                    return
                delay = self.backoff.delay(attempt, exc.retry_after)
                log.info("retrying %s in %.1fs (try %d): %s", item.id, delay, attempt + 1, detail)
                self.sink(ItemRetrying(item.id, item.target_path, attempt, delay, exc.code))
                if self._stop.wait(delay):
                    return
                continue
            except Exception as exc:  # a bug or an unforeseen library error: keep the run going
                detail = self.redact(f"{type(exc).__name__}: {exc}")
                log.error("item %s failed unexpectedly: %s", item.id, detail, exc_info=True)
                self._not_moved(item, State.FAILED, "internal_error", detail)
                return
            if result.staged:  # the target recorded it staged itself, with its place in the volume
                self._finished(item, State.STAGED, None, None, result.target_path)
                return
            self.journal.mark_done(item, result.outcome, result.target_path, result.checksum,
                                   result.reason, result.detail)
            self._finished(item, State.DONE, result.outcome.value, result.reason, result.target_path)
            return

    def _wait_for_deferred(self) -> bool:
        """When items were put off (``WaitBoard``): wait until their target takes them, the run saying
        until when, and return True (they are pending: write again); False when none were, or the
        run stops meanwhile."""
        found = self._waits.take()
        if found is None or self._stop.is_set():
            return False
        until, code, detail = found
        log.info("waiting until %s: %s", time.strftime("%H:%M:%S", time.localtime(until)), detail)
        self.sink(RunStateChanged("waiting", code, detail, until=until))
        if self._stop.wait(max(0.0, until - time.time())):
            return False
        self.sink(RunStateChanged("running"))
        return True

    def _outage(self, target: Target, last: RetryableError) -> bool:
        """After an item ran out of tries: is the side it failed on unreachable — the source when the
        error says so (``SOURCE_UNREACHABLE``), else the target? If so wait until it answers again
        and return True; False when it answers (the item is to blame). Pauses the run (fatal) when
        the outage outlasts ``backoff.outage_limit``."""
        side, check, key = (("source", self.source.probe, id(self.source)) if last.code == SOURCE_UNREACHABLE
                            else ("target", target.prepare, id(target)))
        waited = 0.0
        probe = 0
        while not self._stop.is_set():
            try:
                check()
            except RetryableError as exc:
                probe += 1
                self._outage_seen_at[key] = time.monotonic()
                if waited >= self.backoff.outage_limit:
                    self._pause_fatal(FatalError(exc.detail, code=exc.code))
                    return False
                if probe == 1:
                    log.warning("%s unreachable, waiting: %s", side, self.redact(exc.detail))
                    self.sink(RunStateChanged("waiting", exc.code, self.redact(exc.detail)))
                delay = max(self.backoff.probe_delay(probe), exc.retry_after or 0.0)
                waited += delay
                if self._stop.wait(delay):
                    return False
                continue
            except FatalError as exc:
                self._pause_fatal(exc)
                return False
            if probe:
                log.info("%s answers again after %.0fs", side, waited)
                self.sink(RunStateChanged("running"))
                return True
            return False
        return False

    def _set_aside_or_pause(self, item: Item, exc: FatalError) -> None:
        """Pause the run for ``exc`` — unless the hoster only lacks room for this one item (a 507
        for a file bigger than what is left) and what is left to move still fits or nothing is: then
        the item is set aside (``too_big_for_space``, tried again by a later run) and the run goes
        on. It pauses (the item stays pending) only when every item left is too big as well."""
        if isinstance(exc, NoSpaceError) and exc.available is not None and item.size > exc.available:
            smallest = self.journal.smallest_pending(item.kind, but=item.id)
            if smallest is None or smallest <= exc.available:
                self._not_moved(item, State.QUARANTINED, "too_big_for_space",
                                f"{item.size} bytes, {exc.available} left at the hoster")
                return
        self._pause_fatal(exc)

    def _pause_fatal(self, exc: FatalError) -> None:
        with self._fatal_lock:
            if self._fatal is None:
                self._fatal = exc
                log.warning("run paused: %s (%s)", exc.code, self.redact(exc.detail))
        self._stop.set()
        self._gate.set()

    def _not_moved(self, item: Item, state: State, code: str, detail: str = "") -> None:
        """Record that ``item`` was skipped, set aside or failed (``code`` says why), and say so."""
        self.journal.mark(item, state, code, detail)
        self._finished(item, state, None, code)

    def _finished(self, item: Item, state: State, outcome: str | None, reason: str | None,
                  path: str | None = None) -> None:
        self.sink(ItemFinished(item.id, item.kind.value, path or item.target_path or item.source_path,
                               item.size, state.value, outcome, reason))
