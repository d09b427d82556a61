"""The run loop's decisions, over in-memory source and target: retry, quarantine, pause, cancel."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from degoogle.convert.names import NameRules
from degoogle.engine.events import Event, ItemFinished, ItemRetrying, RunStateChanged
from degoogle.engine.journal import Journal
from degoogle.engine.plan import Planner, PlanOptions
from degoogle.engine.retry import Backoff
from degoogle.engine.run import Runner
from degoogle.errors import BadItemError, FatalError, RetryableError
from degoogle.model import Item, Kind, State
from degoogle.targets.base import BatchContext, BatchResult
from tests.memory import Behaviour, MemorySource, MemoryTarget
from tests.waiting import wait_until

FAST = Backoff(base=0.001, cap=0.01, attempts=4, rng=random.Random(0))


def planned(tmp_path: Path, files: dict[str, bytes]) -> tuple[Journal, MemorySource]:
    journal = Journal.create(tmp_path / "j.db")
    source = MemorySource(files)
    options = PlanOptions(frozenset({Kind.FILES}), frozenset({Kind.FILES}), "Drive", NameRules.nextcloud_default())
    Planner(journal, source, options).plan()
    return journal, source


def files(n: int) -> dict[str, bytes]:
    return {f"d{i % 7}/f{i}.txt": f"content {i}".encode() for i in range(n)}


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.lock = threading.Lock()

    def __call__(self, event: Event) -> None:
        with self.lock:
            self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]


def test_everything_moves_once(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(50))
    target = MemoryTarget()
    result = Runner(journal, source, [target], workers=4, backoff=FAST).run()
    assert result.state == "finished"
    assert len(target.writes) == 50 and len(set(target.writes)) == 50
    assert target.stored["Drive/d3/f3.txt"] == b"content 3"
    assert journal.tallies()[("files", "done", "moved")].count == 50


def test_passing_faults_are_retried_then_succeed(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(10))

    def flaky(item: Item, attempt: int) -> None:
        if attempt < 3:
            raise RetryableError("503", retry_after=0.0)

    rec = Recorder()
    target = MemoryTarget(flaky)
    assert Runner(journal, source, [target], sink=rec, backoff=FAST).run().state == "finished"
    assert len(target.stored) == 10
    assert len(rec.of(ItemRetrying)) == 20
    assert all(n == 3 for n in target.attempts.values())


def test_retries_exhausted_mark_failed_and_the_next_run_retries(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(3))
    always = MemoryTarget(lambda item, attempt: (_ for _ in ()).throw(RetryableError("down")))
    Runner(journal, source, [always], backoff=FAST).run()
    assert journal.tallies()[("files", "failed", "")].count == 3
    assert all(n == FAST.attempts for n in always.attempts.values())
    healthy = MemoryTarget()
    assert Runner(journal, source, [healthy], backoff=FAST).run().state == "finished"
    assert len(healthy.stored) == 3


def test_a_bad_item_is_quarantined_and_the_run_goes_on(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(20))

    def picky(item: Item, attempt: int) -> None:
        if item.source_key == "d5/f5.txt":
            raise BadItemError("Bad CRC-32 for file 'f5.txt'", code="corrupt_member")

    rec = Recorder()
    target = MemoryTarget(picky)
    Runner(journal, source, [target], sink=rec, backoff=FAST).run()
    assert len(target.stored) == 19
    [bad] = list(journal.items(states=[State.QUARANTINED]))
    assert (bad.source_key, bad.reason, bad.detail) == ("d5/f5.txt", "corrupt_member", "Bad CRC-32 for file 'f5.txt'")
    assert [e.reason for e in rec.of(ItemFinished) if e.state == "quarantined"] == ["corrupt_member"]


def test_a_fatal_error_pauses_the_whole_run_and_resume_finishes(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(40))
    count = {"n": 0}
    lock = threading.Lock()

    def fills_up(item: Item, attempt: int) -> None:
        with lock:
            count["n"] += 1
            if count["n"] > 10:
                raise FatalError("HTTP 507", code="no_space")

    first = MemoryTarget(fills_up)
    result = Runner(journal, source, [first], workers=2, backoff=FAST).run()
    assert (result.state, result.reason) == ("paused", "no_space")
    assert 10 <= len(first.stored) < 40
    assert journal.tallies().get(("files", "failed", "")) is None  # nothing is lost or marked bad
    second = MemoryTarget()
    assert Runner(journal, source, [second], backoff=FAST).run().state == "finished"
    assert len(first.stored) + len(second.stored) == 40
    assert set(first.stored).isdisjoint(second.stored)


def test_pause_holds_workers_and_resume_continues(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(30))
    gate = threading.Event()
    entered = threading.Semaphore(0)
    events: list[Event] = []

    def slow(item: Item, attempt: int) -> None:
        entered.release()
        gate.wait(5)

    def finished() -> int:
        return sum(isinstance(e, ItemFinished) for e in list(events))

    target = MemoryTarget(slow)
    runner = Runner(journal, source, [target], workers=2, backoff=FAST, sink=events.append)
    thread = threading.Thread(target=runner.run)
    thread.start()
    assert entered.acquire(timeout=10) and entered.acquire(timeout=10)  # both workers hold an item
    runner.pause()
    gate.set()
    wait_until(lambda: finished() == 2, "the two items under way to finish")
    # a pause is a stretch of time in which nothing moves: the duration is what is tested here
    time.sleep(0.3)
    assert len(target.stored) == finished() == 2  # nothing more moved while paused
    runner.resume()
    thread.join(10)
    assert not thread.is_alive() and len(target.stored) == 30


def test_cancel_stops_soon_and_leaves_the_rest_pending(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(200))
    runner: Runner

    def cancel_at_the_twentieth(item: Item, attempt: int) -> None:
        if len(target.writes) >= 20:
            runner.cancel()

    target = MemoryTarget(cancel_at_the_twentieth)
    runner = Runner(journal, source, [target], workers=2, backoff=FAST)
    assert runner.run().state == "cancelled"
    done = journal.tallies()[("files", "done", "moved")].count
    assert 20 <= done < 200 and done == len(target.stored)
    assert journal.tallies()[("files", "pending", "")].count == 200 - done


def test_an_unexpected_exception_fails_one_item_not_the_run(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(5))

    def buggy(item: Item, attempt: int) -> None:
        if item.source_key == "d1/f1.txt":
            raise ZeroDivisionError("boom")

    Runner(journal, source, [MemoryTarget(buggy)], backoff=FAST).run()
    [failed] = list(journal.items(states=[State.FAILED]))
    assert (failed.reason, failed.detail) == ("internal_error", "ZeroDivisionError: boom")


@pytest.mark.parametrize("workers", [1, 4])
def test_a_second_run_after_success_writes_nothing(tmp_path: Path, workers: int) -> None:
    journal, source = planned(tmp_path, files(25))
    Runner(journal, source, [MemoryTarget()], workers=workers, backoff=FAST).run()
    again = MemoryTarget()
    assert Runner(journal, source, [again], workers=workers, backoff=FAST).run().state == "finished"
    assert again.attempts == {}


def test_an_outage_is_waited_out_instead_of_failing_every_item(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(30))

    class BackAfterThreeProbes(MemoryTarget):
        """The network comes back once the run has asked three times whether it was back."""

        down_probes = 0

        def prepare(self) -> None:
            if self.down:
                self.down_probes += 1
                self.down = self.down_probes <= 3
            super().prepare()

    target = BackAfterThreeProbes()
    rec = Recorder()
    runner = Runner(journal, source, [target], sink=rec, workers=3,
                    backoff=Backoff(base=0.001, cap=0.005, attempts=3, outage_cap=0.05, rng=random.Random(3)))

    def network_drops(item: Item, attempt: int) -> None:
        if item.source_key == "d2/f9.txt" and attempt == 1:
            target.down = True

    target.behaviour = network_drops
    assert runner.run().state == "finished"
    assert len(target.stored) == 30, (journal.tallies(), sorted(target.stored))
    assert journal.tallies().get(("files", "failed", "")) is None
    assert target.probes > 3  # it kept asking whether the server was back
    assert any(e.state == "waiting" and e.reason == "unreachable" for e in rec.of(RunStateChanged))


def test_an_outage_longer_than_the_limit_pauses_the_run(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, files(5))
    target = MemoryTarget()
    runner = Runner(journal, source, [target], workers=1,
                    backoff=Backoff(base=0.001, cap=0.005, attempts=2, outage_cap=0.02, outage_limit=0.2))

    def network_goes_down(item: Item, attempt: int) -> None:
        target.down = True
        raise RetryableError("connection reset", code="temporary")

    target.behaviour = network_goes_down
    result = runner.run()
    assert (result.state, result.reason) == ("paused", "unreachable")
    assert journal.tallies()[("files", "pending", "")].count == 5  # nothing failed, nothing lost


class BatchingTarget(MemoryTarget):
    """A target that takes batches (written one after the other, ``Target.write_batch``'s default)."""

    def __init__(self, behaviour: Behaviour | None = None, limits: tuple[int, int] = (4, 10**6)) -> None:
        super().__init__(behaviour)
        self.limits = limits
        self.batches: list[list[str]] = []

    def batch_limits(self) -> tuple[int, int] | None:
        return self.limits

    def write_batch(self, items: Sequence[Item], ctx: BatchContext) -> list[BatchResult]:
        with self.lock:
            self.batches.append([item.source_key for item in items])
        return super().write_batch(items, ctx)


def test_a_target_that_writes_batches_gets_items_of_one_folder_and_retries_alone(tmp_path: Path) -> None:
    journal, source = planned(tmp_path, {f"d{i % 2}/f{i}.txt": f"content {i}".encode() for i in range(60)})

    def moody(item: Item, attempt: int) -> None:
        if item.source_key == "d1/f5.txt":
            raise BadItemError("refused", code="corrupt_member")
        if item.source_key.endswith("7.txt") and attempt == 1:
            raise RetryableError("503", retry_after=0.0)

    rec = Recorder()
    target = BatchingTarget(moody)
    assert Runner(journal, source, [target], sink=rec, workers=3, backoff=FAST).run().state == "finished"
    folders = [{key.split("/")[0] for key in batch} for batch in target.batches]
    assert all(len(f) == 1 for f in folders) and max(map(len, target.batches)) == 4
    assert sum(map(len, target.batches)) == 60  # each item in one batch; the retried ones on their own after
    assert len(target.stored) == 59 == len(target.writes)
    assert all(n == 2 for key, n in target.attempts.items() if journal.get(key).source_key.endswith("7.txt"))
    tallies = journal.tallies()
    assert (tallies[("files", "done", "moved")].count, tallies[("files", "quarantined", "")].count) == (59, 1)
    assert len(rec.of(ItemFinished)) == 60


def test_batches_hold_at_most_their_bytes_and_a_larger_item_goes_alone(tmp_path: Path) -> None:
    sizes = {"a/1": 10, "a/2": 10, "a/3": 25, "a/4": 10, "a/5": 10, "a/6": 10}
    journal, source = planned(tmp_path, {path: b"x" * n for path, n in sizes.items()})
    target = BatchingTarget(limits=(10, 20))
    assert Runner(journal, source, [target], workers=1, backoff=FAST).run().state == "finished"
    assert target.batches == [["a/1", "a/2"], ["a/3"], ["a/4", "a/5"], ["a/6"]]
