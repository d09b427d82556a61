"""Moves as ``degoogle plan`` / ``run`` / ``verify`` make them, for the contract suites: the real planner,
journal, runner and verification, with the source and target under test handed in as objects."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO

from degoogle.convert.names import NameRules
from degoogle.engine.journal import Journal
from degoogle.engine.plan import Planner, PlanOptions
from degoogle.engine.run import Runner, RunResult
from degoogle.engine.verify import VerifySummary, verify
from degoogle.model import Item, Kind, Outcome, SourceEntry, State
from degoogle.sources.base import Source
from degoogle.targets.base import Target

#: where the files of the contract moves land in the Nextcloud (photos and mail have folders of their own)
ROOT = "Contrat"


def plan(journal_path: Path, source: Source, kinds: frozenset[Kind]) -> None:
    """A new journal at ``journal_path`` holding ``source``'s plan for ``kinds``, closed again."""
    with Journal.create(journal_path) as journal:
        Planner(journal, source, PlanOptions(kinds, kinds, ROOT, NameRules.nextcloud_default())).plan()


def run(journal_path: Path, source: Source, target: Target, workers: int = 2,
        hold: Callable[[Runner], None] | None = None) -> RunResult:
    """Run the journal's pending items into ``target``; ``hold`` receives the runner before it starts
    (to cancel it from another thread). The target is closed afterwards."""
    with Journal.open(journal_path) as journal:
        runner = Runner(journal, source, [target], workers=workers)
        if hold is not None:
            hold(runner)
        try:
            return runner.run()
        finally:
            target.close()


def move(journal_path: Path, source: Source, target: Target, kinds: frozenset[Kind]) -> RunResult:
    """Plan into a new journal, then run it to the end."""
    plan(journal_path, source, kinds)
    return run(journal_path, source, target)


def check(journal_path: Path, target: Target) -> VerifySummary:
    """``degoogle verify``: the target listed again against the journal's done items."""
    with Journal.open(journal_path) as journal:
        try:
            return verify(journal, [target])
        finally:
            target.close()


def items(journal_path: Path) -> list[Item]:
    with Journal.open(journal_path) as journal:
        return list(journal.items())


def fates(journal_path: Path) -> dict[tuple[State, Outcome | None], int]:
    """How many items ended in each (state, outcome)."""
    counts: dict[tuple[State, Outcome | None], int] = {}
    for item in items(journal_path):
        counts[(item.state, item.outcome)] = counts.get((item.state, item.outcome), 0) + 1
    return counts


def stale_copy(journal_path: Path, copy: Path) -> Path:
    """The journal file as it is now (closed: nothing left in its write-ahead log), copied: what a
    process killed after its writes reached the target but before the journal heard of them left."""
    shutil.copyfile(journal_path, copy)
    return copy


class StoppingSource(Source):
    """The source under a run, which calls ``stop`` (the runner's ``cancel``, as a person pressing Stop
    does) once the run has read ``after`` bytes of the item keyed ``key``: the write of that item is
    then cut while its bytes are on their way to the target."""

    def __init__(self, inner: Source, key: str, after: int = 1) -> None:
        self.inner = inner
        self.spec = inner.spec
        self.key = key
        self.after = after
        self.stop: Callable[[], None] = lambda: None
        self.stopped = False

    def describe(self) -> str:
        return self.inner.describe()

    def scan(self) -> Iterator[SourceEntry]:
        return self.inner.scan()

    @contextmanager
    def _open(self, item: Item) -> Iterator[BinaryIO]:
        with self.inner.open(item) as stream:
            if item.source_key != self.key:
                yield stream
                return
            outer = self

            class Cut:
                """The item's stream; past ``after`` bytes it asks the run to stop."""

                read_so_far = 0

                def read(self, size: int = -1) -> bytes:
                    data = stream.read(size)
                    self.read_so_far += len(data)
                    if self.read_so_far >= outer.after and not outer.stopped:
                        outer.stopped = True
                        outer.stop()
                    return data

                def __getattr__(self, name: str) -> object:
                    return getattr(stream, name)

            yield Cut()  # type: ignore[misc]

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        return self._open(item)

    def close(self) -> None:
        self.inner.close()
