"""Status counts: how far a migration is, summed from the journal's tallies in one place for every
face (``degoogle status``, the wizard's progress and its "resume?" page, the diagnostic bundle, the
room still needed at the hoster).

The journal gives counts and bytes per ``(kind, state, outcome)`` (``Journal.tallies``); the engine's
own figures (the report, the run's start announcement, the plan's summary) read the same tallies.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from degoogle.engine.journal import Journal, Tally
from degoogle.model import Kind, State

#: items that are still to move, or moved: what progress counts (skipped and quarantined ones are not
#: going anywhere, so they are no part of "n of m")
MOVING = (State.PENDING, State.FAILED, State.STAGED, State.DONE)
#: written: done, or staged (in an archive the target completes at the end of the run)
WRITTEN = (State.DONE, State.STAGED)
#: what still has to go
TO_MOVE = (State.PENDING, State.FAILED)


@dataclass(frozen=True)
class Counts:
    """A journal in figures (read once: ``Counts.of``)."""

    tallies: dict[tuple[str, str, str], Tally]

    @classmethod
    def of(cls, journal: Journal) -> Counts:
        return cls(journal.tallies())

    def by_kind(self) -> dict[str, dict[str, int]]:
        """Per kind, items per outcome of the done ones (``moved``, ``already_there``…) and per state
        of the others (``pending``, ``quarantined``…): what ``degoogle status --json`` prints."""
        counts: dict[str, dict[str, int]] = {}
        for (kind, state, outcome), tally in self.tallies.items():
            per_kind = counts.setdefault(kind, {})
            key = outcome or state
            per_kind[key] = per_kind.get(key, 0) + tally.count
        return counts

    def per_kind(self, kinds: Collection[Kind] | None = None,
                 states: Iterable[State] | None = None) -> dict[str, Tally]:
        """Items and bytes per kind, of ``kinds`` (all when None) in ``states`` (all when None)."""
        wanted_kinds = None if kinds is None else {k.value for k in kinds}
        wanted_states = None if states is None else {s.value for s in states}
        out: dict[str, Tally] = {}
        for (kind, state, _outcome), tally in self.tallies.items():
            if (wanted_kinds is not None and kind not in wanted_kinds) or (
                    wanted_states is not None and state not in wanted_states):
                continue
            was = out.get(kind, Tally(0, 0))
            out[kind] = Tally(was.count + tally.count, was.bytes + tally.bytes)
        return out

    def total(self, kinds: Collection[Kind] | None = None, states: Iterable[State] | None = None) -> Tally:
        """Items and bytes of ``kinds`` in ``states``, all kinds together."""
        found = self.per_kind(kinds, states).values()
        return Tally(sum(t.count for t in found), sum(t.bytes for t in found))


@dataclass(frozen=True)
class Progress:
    """How far the move is, per kind, for the kinds this version moves: ``totals`` items to move in
    all, ``written`` of them written (done or staged), ``done`` of them done (staged ones are not
    yet complete at the hoster)."""

    totals: dict[str, int]
    written: dict[str, int]
    done: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def finished(self) -> bool:
        """Nothing left to move (or nothing to move at all)."""
        return sum(self.done.values()) >= self.total


def progress(journal: Journal, movable: Collection[Kind]) -> Progress:
    """The move's progress over the kinds in ``movable`` (``Migration.movable()``)."""
    counts = Counts.of(journal)

    def items(states: Iterable[State]) -> dict[str, int]:
        return {kind: tally.count for kind, tally in counts.per_kind(movable, states).items()}

    return Progress(items(MOVING), items(WRITTEN), items([State.DONE]))


def status(journal: Journal) -> dict[str, object]:
    """The migration's state as ``degoogle status --json`` prints it (a public contract: only ever add
    keys). Raises nothing beyond what reading the journal raises."""
    last = journal.last_run()
    return {
        "journal": str(journal.path), "format": journal.schema_version, "source": journal.get_meta("source"),
        "target": journal.get_meta("target"), "plan": journal.get_meta("plan_state"),
        "counts": Counts.of(journal).by_kind(),
        "last_run": {"state": last["state"], "message": last["message"]} if last else None,
    }
