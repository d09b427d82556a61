"""The contract every ``Target`` keeps (``targets/base.py``), as one suite each implementation inherits.

A test class per implementation (``tests/test_contract_targets.py``) derives from ``TargetContract``
and gives a ``case`` fixture: a ``TargetCase`` that makes the target against its real peer, writes
the items to move (the real sources read them: folder, ics, vcf, mbox, takeout files) and reads back
what the peer holds. Each item carries a *marker*, bytes that its copy at the target holds exactly
once whatever the target does to it (a file's bytes, an event's summary, a message's body line), so
the suite counts copies at the peer without knowing how a target stores things.

Two sets of items share names: ``ours`` and a ``rival`` one, whose items have the same paths, UIDs and
Message-IDs with other content: what a person already had at the hoster.

The promises checked, each against a fresh target object (a new process) and the real engine:
- a move puts each item there once, and verification finds each (and notices one removed since);
- a second move of the same data with a new journal writes nothing and says "already there";
- a write that reached the target but never the journal (a kill between the two) is found, not repeated;
- a run stopped while an item's bytes were on their way, then resumed, leaves one whole copy of each;
- an item under a name (UID, Message-ID) that a different item holds never replaces it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from degoogle.engine.run import Runner
from degoogle.model import Item, Kind, Outcome, State
from degoogle.sources.base import Source
from degoogle.targets.base import Target
from tests.contracts.moving import StoppingSource, check, fates, items, move, plan, run, stale_copy

OURS, RIVAL = "ours", "rival"


class TargetCase(ABC):
    """One target implementation against its peer, for one test."""

    #: the kinds the case moves through the target
    kinds: frozenset[Kind]

    @abstractmethod
    def make(self) -> Target:
        """A new target object, as a new process would make it (nothing remembered from earlier moves)."""

    @abstractmethod
    def source(self, variant: str) -> Source:
        """A source holding the ``variant`` items (``OURS`` or ``RIVAL``), made on first use."""

    @abstractmethod
    def markers(self, variant: str) -> list[bytes]:
        """One marker per item of ``variant``."""

    @abstractmethod
    def stored(self) -> list[bytes]:
        """Every unit the peer holds where this case writes (a file, a calendar resource, a message)."""

    @abstractmethod
    def remove(self, marker: bytes) -> int:
        """Delete the unit holding ``marker`` at the peer, as the person or another program would; the
        number of items it held (a mail archive holds several)."""

    def footprint(self) -> object:
        """A value any write at the peer changes (the sandbox: its successful writing requests; a mailbox:
        the next UIDs); by default what the peer holds."""
        return sorted(self.stored())

    def before_stopping(self) -> None:  # noqa: B027 - optional hook
        """Called before the stopped-run test writes its items (a case may make them bigger there)."""

    def cut(self, planned: list[Item]) -> Item:
        """The item whose write the stopped run cuts: the biggest (a big file's first chunks are at the
        server by then)."""
        return max(planned, key=lambda item: item.size)

    def skipping(self) -> Target:
        """The target made to leave out an item whose name a different item holds (``on_conflict="skip"``),
        for the targets that offer it (``SkipOnConflictContract``)."""
        raise NotImplementedError(f"{type(self).__name__} has no on_conflict option")


def copies(stored: list[bytes], marker: bytes) -> int:
    return sum(unit.count(marker) for unit in stored)


def assert_each_once(case: TargetCase, *variants: str) -> None:
    """Each item of ``variants`` is at the peer exactly once, and nothing else is (no partial copy)."""
    stored = case.stored()
    markers = [m for v in variants for m in case.markers(v)]
    assert {m: copies(stored, m) for m in markers} == dict.fromkeys(markers, 1)
    strays = [unit[:200] for unit in stored if not any(m in unit for m in markers)]
    assert strays == []


def assert_at_most_once(case: TargetCase, *variants: str) -> None:
    """No item of ``variants`` is at the peer twice, and nothing else is there (no partial copy)."""
    stored = case.stored()
    markers = [m for v in variants for m in case.markers(v)]
    assert max((copies(stored, m) for m in markers), default=0) <= 1
    assert [unit[:200] for unit in stored if not any(m in unit for m in markers)] == []


def assert_all_done(journal: Path, *outcomes: Outcome) -> None:
    found = fates(journal)
    assert {state for state, _ in found} == {State.DONE}, found
    assert {outcome for _, outcome in found} <= set(outcomes), found


def assert_verified(journal: Path, case: TargetCase) -> None:
    summary = check(journal, case.make())
    assert summary.problems == []
    assert summary.ok == summary.checked == len(items(journal))


class TargetContract:
    """The suite; subclasses give the ``case`` fixture."""

    def test_a_move_puts_each_item_there_once_and_verification_finds_each_and_notices_one_removed(
            self, case: TargetCase, tmp_path: Path) -> None:
        journal = tmp_path / "first.db"
        assert move(journal, case.source(OURS), case.make(), case.kinds).state == "finished"
        assert_all_done(journal, Outcome.MOVED)
        assert_each_once(case, OURS)
        assert_verified(journal, case)
        # and it notices what is no longer there
        lost = case.remove(case.markers(OURS)[0])
        summary = check(journal, case.make())
        assert summary.checked == len(items(journal)) and len(summary.problems) == lost >= 1
        assert {p.reason for p in summary.problems} == {"missing_at_target"}

    def test_a_second_move_with_a_new_journal_writes_nothing_and_finds_everything_there(
            self, case: TargetCase, tmp_path: Path) -> None:
        assert move(tmp_path / "first.db", case.source(OURS), case.make(), case.kinds).state == "finished"
        before, footprint = sorted(case.stored()), case.footprint()
        second = tmp_path / "second.db"
        assert move(second, case.source(OURS), case.make(), case.kinds).state == "finished"
        assert_all_done(second, Outcome.ALREADY_THERE)
        assert sorted(case.stored()) == before
        assert case.footprint() == footprint
        assert_verified(second, case)

    def test_writes_the_journal_never_heard_of_are_found_at_the_target_not_repeated(
            self, case: TargetCase, tmp_path: Path) -> None:
        journal = tmp_path / "j.db"
        plan(journal, case.source(OURS), case.kinds)
        before_the_run = stale_copy(journal, tmp_path / "killed.db")
        assert run(journal, case.source(OURS), case.make()).state == "finished"
        # the process "killed" after its writes reached the target: its journal still says pending
        assert {state for state, _ in fates(before_the_run)} == {State.PENDING}
        assert run(before_the_run, case.source(OURS), case.make()).state == "finished"
        assert_all_done(before_the_run, Outcome.ALREADY_THERE)
        assert_each_once(case, OURS)
        assert_verified(before_the_run, case)

    def test_a_run_stopped_while_an_item_was_on_its_way_then_resumed_leaves_one_whole_copy_of_each(
            self, case: TargetCase, tmp_path: Path) -> None:
        case.before_stopping()
        journal = tmp_path / "j.db"
        plan(journal, case.source(OURS), case.kinds)
        killed = stale_copy(journal, tmp_path / "killed.db")
        # stopped when the cut item's last bytes are read: its write is under way, the items before it
        # are written (or staged, for a target that gathers items into volumes)
        cut = case.cut(items(journal))
        stopping = StoppingSource(case.source(OURS), cut.source_key, after=max(1, cut.size - 1))

        def hold(runner: Runner) -> None:
            stopping.stop = runner.cancel

        assert run(journal, stopping, case.make(), workers=1, hold=hold).state == "cancelled"
        assert stopping.stopped
        assert State.PENDING in {state for state, _ in fates(journal)}
        # nothing half-written is left at the target (``Cancelled``, targets/base.py), nothing twice
        assert_at_most_once(case, OURS)
        # resumed by a process that was killed there, its journal knowing nothing of what was under way
        assert run(killed, case.source(OURS), case.make()).state == "finished"
        assert_all_done(killed, Outcome.MOVED, Outcome.ALREADY_THERE)
        assert_each_once(case, OURS)
        # and by the run that was stopped, from its own journal
        assert run(journal, case.source(OURS), case.make()).state == "finished"
        assert_all_done(journal, Outcome.MOVED, Outcome.ALREADY_THERE)
        assert_each_once(case, OURS)
        assert_verified(journal, case)
        assert_verified(killed, case)

    def test_an_item_whose_name_a_different_item_holds_never_replaces_it(
            self, case: TargetCase, tmp_path: Path) -> None:
        assert move(tmp_path / "rival.db", case.source(RIVAL), case.make(), case.kinds).state == "finished"
        journal = tmp_path / "ours.db"
        assert move(journal, case.source(OURS), case.make(), case.kinds).state == "finished"
        assert_all_done(journal, Outcome.MOVED, Outcome.KEPT_BOTH)
        assert_each_once(case, OURS, RIVAL)
        assert_verified(journal, case)
        # the same again, a new journal: our copies beside theirs are found, not made a third time, never
        # written. The targets that name the copy beside (files, photos, events, contacts) say "kept both"
        # again, so the report keeps telling where ours is; the mail targets say "already there"
        before, footprint = sorted(case.stored()), case.footprint()
        again = tmp_path / "again.db"
        assert move(again, case.source(OURS), case.make(), case.kinds).state == "finished"
        assert_all_done(again, Outcome.ALREADY_THERE, Outcome.KEPT_BOTH)
        assert sorted(case.stored()) == before
        assert case.footprint() == footprint
        assert_verified(again, case)



class SkipOnConflictContract:
    """For targets that offer ``on_conflict="skip"`` (``TargetOptions``): an item whose name a different
    item holds is left out, said so with its reason, and the other item stays as it was. The
    ``case`` fixture's ``skipping()`` makes the target with that option."""

    def test_with_skip_an_item_whose_name_a_different_item_holds_is_left_out_with_its_reason(
            self, case: TargetCase, tmp_path: Path) -> None:
        assert move(tmp_path / "rival.db", case.source(RIVAL), case.make(), case.kinds).state == "finished"
        before, footprint = sorted(case.stored()), case.footprint()
        journal = tmp_path / "ours.db"
        assert move(journal, case.source(OURS), case.skipping(), case.kinds).state == "finished"
        assert {(i.state, i.reason) for i in items(journal)} == {(State.SKIPPED, "conflict_skipped")}
        assert sorted(case.stored()) == before
        assert case.footprint() == footprint
        assert_each_once(case, RIVAL)
