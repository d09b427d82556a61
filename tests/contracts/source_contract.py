"""The contract every ``Source`` keeps (``sources/base.py``), as one suite each implementation inherits.

A test class per implementation (``tests/test_contract_sources.py``) derives from ``SourceContract``
and gives a ``case`` fixture: a ``SourceCase`` that put real data where the source reads it (archive
parts, a folder, ics/vcf/mbox files, a CalDAV/CardDAV server, an IMAP account), some of it damaged,
and opens the source by its spec as a person or a resumed run does.

The promises checked:
- two listings of the same data give the same entries in the same order, and so does a source opened
  anew (a resumed run in a new process): its keys and locators still open the same items;
- reading an item twice gives the same bytes, and so does reading items from several threads at once;
- bad input is listed with its reason or refused with ``BadItemError`` and a reason code when read,
  never an exception that stops the listing, and everything else still reads; the same for an item
  that vanished between the listing and the reading;
- listing and reading change nothing at the source (files, their dates, a server's items, IMAP flags).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor

from degoogle.errors import BadItemError
from degoogle.model import Item, SourceEntry, State
from degoogle.sources.base import Source


class SourceCase(ABC):
    """One source implementation over data this case put in place for one test."""

    #: entries of the case's data that are damaged on purpose (listed with a problem or refused when read)
    bad: int
    #: entries that read well
    good: int

    @abstractmethod
    def open(self) -> Source:
        """The source, opened by its spec (a new object each call, as a new process makes it)."""

    @abstractmethod
    def state(self) -> Hashable:
        """What the source's data is now, as a value to compare: files with their bytes and dates, a
        server's items with their etags, messages with their flags."""

    def mine(self, entry: SourceEntry) -> bool:
        """Whether the entry is of this case's data (a server shared by the session holds others')."""
        return True

    def vanish(self, entries: list[SourceEntry]) -> str | None:
        """Remove one item of the listing at the source behind its back, as another program would;
        its key, or None when this kind of source cannot lose an item (an archive)."""
        return None


def listed(entry: SourceEntry) -> tuple[object, ...]:
    return (entry.kind, entry.key, entry.path, entry.size, entry.fingerprint, entry.locator, entry.problem,
            entry.left_out, entry.supported)


def movable(entries: list[SourceEntry]) -> list[SourceEntry]:
    return [e for e in entries if e.supported and e.problem is None and e.left_out is None]


def as_item(entry: SourceEntry, number: int) -> Item:
    """The journal's row for ``entry``, as a run reads it back (the planner's target names do not matter here)."""
    path = "/".join(entry.path)
    return Item(number, entry.kind, entry.key, path, path, entry.size, entry.mtime, entry.fingerprint, entry.locator,
                State.PENDING, attrs=dict(entry.attrs))


def read(source: Source, entry: SourceEntry, number: int = 1) -> bytes:
    with source.open(as_item(entry, number)) as stream:
        return stream.read()


def read_all(source: Source, entries: list[SourceEntry]) -> tuple[dict[str, bytes], dict[str, str]]:
    """Each item's bytes by key, and the reason code of each that was refused with ``BadItemError``."""
    data: dict[str, bytes] = {}
    refused: dict[str, str] = {}
    for number, entry in enumerate(movable(entries), 1):
        try:
            data[entry.key] = read(source, entry, number)
        except BadItemError as exc:
            refused[entry.key] = exc.code
    return data, refused


class SourceContract:
    """The suite; subclasses give the ``case`` fixture."""

    def test_two_listings_give_the_same_entries_in_the_same_order(self, case: SourceCase) -> None:
        source = case.open()
        try:
            first = [listed(e) for e in source.scan()]
            second = [listed(e) for e in source.scan()]
        finally:
            source.close()
        assert first == second
        keys = [entry[:2] for entry in first]
        assert len(set(keys)) == len(keys), "a key listed twice"

    def test_a_source_opened_anew_lists_the_same_ids_and_they_open_the_same_items(self, case: SourceCase) -> None:
        source = case.open()
        try:
            entries = list(source.scan())
            before, _ = read_all(source, entries)
        finally:
            source.close()
            source.close()  # safe twice
        again = case.open()
        try:
            assert [listed(e) for e in again.scan()] == [listed(e) for e in entries]
            # a resumed run opens items from the journal's keys and locators, without listing first
            fresh = case.open()
            try:
                after, _ = read_all(fresh, entries)
            finally:
                fresh.close()
        finally:
            again.close()
        assert after == before

    def test_reading_an_item_twice_gives_the_same_bytes(self, case: SourceCase) -> None:
        source = case.open()
        try:
            entries = list(source.scan())
            first, refused_first = read_all(source, entries)
            second, refused_second = read_all(source, entries)
        finally:
            source.close()
        assert first == second and refused_first == refused_second
        assert len([e for e in movable(entries) if case.mine(e) and e.key in first]) == case.good

    def test_items_read_from_several_threads_at_once_are_the_same_bytes(self, case: SourceCase) -> None:
        source = case.open()
        try:
            entries = list(source.scan())
            alone, _ = read_all(source, entries)
            numbered = list(enumerate(movable(entries), 1))

            def one(pair: tuple[int, SourceEntry]) -> tuple[str, bytes | str]:
                number, entry = pair
                try:
                    return entry.key, read(source, entry, number)
                except BadItemError as exc:
                    return entry.key, exc.code

            # the run's workers share one source object (``Source.open`` is thread-safe)
            with ThreadPoolExecutor(4) as pool:
                together = dict(pool.map(one, [*numbered, *reversed(numbered)]))
        finally:
            source.close()
        assert {k: v for k, v in together.items() if isinstance(v, bytes)} == alone

    def test_bad_input_is_set_aside_with_a_reason_and_the_rest_reads(self, case: SourceCase) -> None:
        source = case.open()
        try:
            entries = list(source.scan())  # never raises for bad content
            gone = case.vanish(entries)
            data, refused = read_all(source, entries)
        finally:
            source.close()
        mine = [e for e in entries if case.mine(e)]
        problems = {e.key: (e.problem, e.detail) for e in mine if e.problem}
        assert all(code and detail for code, detail in problems.values()), problems
        refused_mine = {e.key: refused[e.key] for e in mine if e.key in refused}
        assert all(refused_mine.values()), refused_mine
        assert "internal_error" not in {*refused_mine.values(), *(code for code, _ in problems.values())}
        if gone is not None:
            assert gone in refused_mine, f"{gone} vanished at the source but still read"
        assert len(problems) + len(refused_mine) == case.bad + (gone is not None), (problems, refused_mine)
        assert len([e for e in movable(mine) if e.key in data]) == case.good - (gone is not None)

    def test_listing_and_reading_change_nothing_at_the_source(self, case: SourceCase) -> None:
        before = case.state()
        source = case.open()
        try:
            entries = list(source.scan())
            read_all(source, entries)
            read_all(source, entries)
        finally:
            source.close()
        assert case.state() == before
