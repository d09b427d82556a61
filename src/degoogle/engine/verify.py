"""Verify: list the targets again and compare with what the journal says was written."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from degoogle.engine.events import EventSink, VerifyFinished, ignore
from degoogle.engine.journal import Journal
from degoogle.engine.journal_views import JournalCollections, JournalVolumes
from degoogle.model import Kind, State
from degoogle.targets.base import Target, VerifyContext, VerifyResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VerifySummary:
    checked: int
    ok: int
    problems: list[VerifyResult] = field(default_factory=list)


def verify(journal: Journal, targets: Iterable[Target], sink: EventSink = ignore, *,
           prepared: Iterable[Target] = ()) -> VerifySummary:
    """Check every done item against its target; record ``ok`` or a reason code per item. Only targets
    holding done items are asked, each prepared first (it learns what the server calls things: user id,
    limits) unless it is one of ``prepared``, the targets the run that just ended prepared (over a
    home link a sign-in again is several round trips of a person's wait). The targets are checked
    side by side (each lists its own server: over a home link their round trips overlap), and so
    are the kinds of one target. Whatever was prepared, each item is checked against a listing the
    server gives now.

    Raises what the targets raise when they cannot be listed (``RetryableError``, ``FatalError``).
    """
    done_kinds = {Kind(kind) for (kind, state, _outcome), tally in journal.tallies().items()
                  if state == State.DONE and tally.count}
    found = [(target, sorted(target.kinds & done_kinds)) for target in targets]
    found = [(target, kinds) for target, kinds in found if kinds]
    ready = {id(target) for target in prepared}
    if len(found) <= 1:
        results = [_verify_target(journal, target, kinds, id(target) in ready) for target, kinds in found]
    else:
        with ThreadPoolExecutor(len(found), thread_name_prefix="degoogle-verify-target") as pool:
            futures = [pool.submit(_verify_target, journal, target, kinds, id(target) in ready)
                       for target, kinds in found]
            results = [future.result() for future in futures]
    checked = sum(r.checked for r in results)
    ok = sum(r.ok for r in results)
    problems = [p for r in results for p in r.problems]
    sink(VerifyFinished(checked, len(problems)))
    return VerifySummary(checked, ok, problems)


def _verify_target(journal: Journal, target: Target, kinds: list[Kind], ready: bool) -> VerifySummary:
    """Prepare ``target`` once (unless ``ready``), then check its kinds side by side (each lists its own
    collections: calendars and address books of one server, one after another, were the end of a
    run's wait)."""
    started = time.monotonic()
    if not ready:
        target.prepare()
        log.info("verify: %s prepared in %.1f s", target.describe(), time.monotonic() - started)
    if len(kinds) <= 1:
        results = [_verify_kind(journal, target, kind, started) for kind in kinds]
    else:
        with ThreadPoolExecutor(len(kinds), thread_name_prefix="degoogle-verify-kind") as pool:
            futures = [pool.submit(_verify_kind, journal, target, kind, started) for kind in kinds]
            results = [future.result() for future in futures]
    return VerifySummary(sum(r.checked for r in results), sum(r.ok for r in results),
                         [p for r in results for p in r.problems])


def _verify_kind(journal: Journal, target: Target, kind: Kind, started: float) -> VerifySummary:
    checked = ok = 0
    problems: list[VerifyResult] = []
    ctx = VerifyContext(collections=lambda kind: JournalCollections(journal, kind),
                        volumes=lambda kind: JournalVolumes(journal, kind))
    done = journal.items(kind=kind, states=[State.DONE])
    batch: list[tuple[int, str]] = []
    for result in target.verify(done, ctx):
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
    log.info("verify: %s checked, %.1f s from the start", kind.value, time.monotonic() - started)
    return VerifySummary(checked, ok, problems)
