"""Verify: list the targets again and compare with what the journal says was written."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from degoogle.engine.events import EventSink, VerifyFinished, ignore
from degoogle.engine.journal import Journal
from degoogle.engine.journal_views import JournalCollections, JournalVolumes
from degoogle.model import Kind, State
from degoogle.targets.base import Target, VerifyResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VerifySummary:
    checked: int
    ok: int
    problems: list[VerifyResult] = field(default_factory=list)


def verify(journal: Journal, targets: Iterable[Target], sink: EventSink = ignore) -> VerifySummary:
    """Check every done item against its target; record ``ok`` or a reason code per item. A target
    holding done items is prepared first (it learns what the server calls things: user id, limits);
    the others are not asked anything.

    Raises what the targets raise when they cannot be listed (``RetryableError``, ``FatalError``).
    """
    checked = ok = 0
    problems: list[VerifyResult] = []
    done_kinds = {Kind(kind) for (kind, state, _outcome), tally in journal.tallies().items()
                  if state == State.DONE and tally.count}
    for target in targets:
        kinds = sorted(target.kinds & done_kinds)
        if not kinds:
            continue
        target.collection_maps = lambda kind: JournalCollections(journal, kind)
        target.volume_books = lambda kind: JournalVolumes(journal, kind)
        target.prepare()
        for kind in kinds:
            done = journal.items(kind=kind, states=[State.DONE])
            batch: list[tuple[int, str]] = []
            for result in target.verify(done):
                checked += 1
                if result.ok:
                    ok += 1
                else:
                    problems.append(result)
                    log.warning("verify: item %d: %s %s", result.item.id, result.reason, result.detail)
                batch.append((result.item.id, "ok" if result.ok else (result.reason or "mismatch")))
                if len(batch) >= 500:
                    journal.mark_verified(batch)
                    batch.clear()
            journal.mark_verified(batch)
    sink(VerifyFinished(checked, len(problems)))
    return VerifySummary(checked, ok, problems)
