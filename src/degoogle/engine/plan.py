"""Plan: list a source into the journal, deciding for each entry where it goes and whether it moves.

Planning is paged (a transaction per page) and resumable: a plan interrupted half-way is finished
by planning again with the same journal; entries already recorded keep what was decided for them,
and the names handed out so far are reloaded so new entries never take them.

Target names follow ``convert.names``: each path component is cleaned of what Nextcloud refuses,
and two entries whose cleaned names clash in one folder (same NFC + casefold key, e.g. an NFC and an
NFD spelling of "été.txt") are told apart with " (2)". Every rename is recorded with its reasons.
Calendars, contacts and mail keep their ``(collection, name)`` as they are: their names are the
target's business (resource names from UIDs, mail folders in modified UTF-7). Photos and notes are
files named like the others, but from the top of the person's files, not the target root: Nextcloud
Notes reads only ``Notes/``, and ``Photos/`` is where Nextcloud puts photos itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from degoogle.convert.names import NameRules, clean_name, name_key, numbered
from degoogle.engine.events import EventSink, PlanFinished, PlanProgress, ignore
from degoogle.engine.journal import Journal, PlannedEntry
from degoogle.model import Kind, SourceEntry, State
from degoogle.sources.base import Source

log = logging.getLogger(__name__)

#: kinds that are files at the top of the person's Nextcloud (``Photos/…``, ``Notes/…``)
TOP_LEVEL_KINDS = (Kind.PHOTOS, Kind.NOTES)

#: skipped for a choice the user may have changed since: planning again decides anew
RECONSIDERED = frozenset({"not_selected", "no_mail_destination", "not_supported_yet", "spam_trash_left_out"})


@dataclass(frozen=True)
class PlanOptions:
    """``kinds``: what the user chose to move; ``movable``: what the targets can take;
    ``target_root``: the folder of the Nextcloud that receives the files."""

    kinds: frozenset[Kind]
    movable: frozenset[Kind]
    target_root: str
    rules: NameRules


@dataclass(frozen=True)
class PlanSummary:
    found: int
    bytes: int
    to_move: int
    bytes_to_move: int
    new: int


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


class NamePlan:
    """Hands out target names folder by folder, remembering every name given (files and folders)."""

    def __init__(self, root: str, rules: NameRules) -> None:
        self.root = root
        self.rules = rules
        self._folders: dict[str, str] = {"": root}
        self._taken: dict[str, set[str]] = {}
        self.new_folders: list[tuple[str, str]] = []

    def load(self, folders: dict[str, str], target_paths: Iterable[str]) -> None:
        """Reload what an earlier (interrupted) plan decided."""
        for source, target in folders.items():
            self._folders[source] = target
            self._take(_parent(target), _base(target))
        for path in target_paths:
            self._take(_parent(path), _base(path))

    def _take(self, folder: str, name: str) -> None:
        self._taken.setdefault(folder, set()).add(name_key(name))

    def _free_name(self, folder: str, name: str) -> tuple[str, tuple[str, ...]]:
        cleaned = clean_name(name, self.rules)
        candidate, reasons = cleaned.name, cleaned.reasons
        taken = self._taken.setdefault(folder, set())
        n = 1
        while name_key(candidate) in taken:
            n += 1
            candidate = numbered(cleaned.name, n, self.rules.max_bytes)
        if n > 1:
            reasons = (*reasons, "name_clash")
        taken.add(name_key(candidate))
        return candidate, reasons

    def folder(self, components: tuple[str, ...]) -> str:
        """The target folder for a source folder, creating names for folders seen the first time."""
        source = ""
        target = self.root
        for component in components:
            source = f"{source}/{component}" if source else component
            known = self._folders.get(source)
            if known is None:
                name, _reasons = self._free_name(target, component)
                known = f"{target}/{name}" if target else name
                self._folders[source] = known
                self.new_folders.append((source, known))
            target = known
        return target

    def file(self, path: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
        """``(target path, target path had the name been kept, rename reasons)`` for a file."""
        folder = self.folder(path[:-1])
        name, reasons = self._free_name(folder, path[-1])
        join = (lambda n: f"{folder}/{n}") if folder else (lambda n: n)
        return join(name), join(path[-1]), reasons


class Planner:
    """Lists ``source`` into ``journal``. Use once per plan call."""

    def __init__(self, journal: Journal, source: Source, options: PlanOptions, sink: EventSink = ignore,
                 page_size: int = 500) -> None:
        self.journal = journal
        self.source = source
        self.options = options
        self.sink = sink
        self.page_size = page_size
        self.names = NamePlan(options.target_root, options.rules)
        self.top_names = {kind: NamePlan("", options.rules) for kind in TOP_LEVEL_KINDS}

    def _decide(self, entry: SourceEntry) -> PlannedEntry:
        if entry.problem is not None:
            return PlannedEntry(entry, State.QUARANTINED, reason=entry.problem, detail=entry.detail)
        if entry.kind == Kind.MAIL and entry.supported and entry.kind in self.options.kinds and (
                entry.kind not in self.options.movable):
            return PlannedEntry(entry, State.SKIPPED, reason="no_mail_destination")
        if not entry.supported or entry.kind not in self.options.movable:
            return PlannedEntry(entry, State.SKIPPED, reason="not_supported_yet", detail=entry.detail)
        if entry.kind not in self.options.kinds:
            return PlannedEntry(entry, State.SKIPPED, reason="not_selected")
        if entry.left_out is not None:
            return PlannedEntry(entry, State.SKIPPED, reason=entry.left_out, detail=entry.detail)
        names = self.top_names.get(entry.kind, self.names)
        if entry.kind != Kind.FILES and entry.kind not in self.top_names:
            # (collection, name): the target maps the collection to one of its own when it writes
            return PlannedEntry(entry, State.PENDING, "/".join(entry.path))
        target, unchanged, reasons = names.file(entry.path)
        if reasons:
            return PlannedEntry(entry, State.PENDING, target, renamed_from=unchanged, rename_reasons=reasons)
        return PlannedEntry(entry, State.PENDING, target)

    def plan(self) -> PlanSummary:
        """List the whole source; returns what the journal now holds. Raises what the source raises."""
        self.journal.set_meta({"plan_state": "listing"})
        self.names.load(self.journal.folders(Kind.FILES), self.journal.target_paths(Kind.FILES))
        for kind, names in self.top_names.items():
            names.load(self.journal.folders(kind), self.journal.target_paths(kind))
        page: list[PlannedEntry] = []
        found = found_bytes = new = 0
        # a first plan has nothing to bring up to date: no look-up per entry (a page's insert ignores
        # a key listed twice, as the look-up would have)
        earlier = bool(self.journal.tallies())

        def flush() -> None:
            nonlocal new
            folders = [(Kind.FILES, s, t) for s, t in self.names.new_folders]
            for kind, names in self.top_names.items():
                folders += [(kind, s, t) for s, t in names.new_folders]
                names.new_folders.clear()
            new += self.journal.add_planned(page, folders)
            self.names.new_folders.clear()
            page.clear()
            self.sink(PlanProgress(found, found_bytes))

        for entry in self.source.scan():
            found += 1
            found_bytes += entry.size
            recorded = self.journal.refresh(entry) if earlier else None
            if recorded is not None:
                if recorded.state == State.SKIPPED and recorded.reason in RECONSIDERED:
                    decided = self._decide(entry)
                    if decided.state != State.SKIPPED:
                        self.journal.replan(decided)
                        new += 1
                    elif decided.reason != recorded.reason:
                        self.journal.replan(decided)  # still not moved, for another reason now
                continue
            page.append(self._decide(entry))
            if len(page) >= self.page_size:
                flush()
        flush()
        self.journal.set_meta({"plan_state": "complete"})
        summary = self.summary(new)
        self.sink(PlanFinished(summary.found, summary.bytes, summary.to_move, summary.bytes_to_move))
        log.info("plan complete: %d entries, %d to move", summary.found, summary.to_move)
        return summary

    def summary(self, new: int = 0) -> PlanSummary:
        tallies = self.journal.tallies()
        found = sum(t.count for t in tallies.values())
        size = sum(t.bytes for t in tallies.values())
        moving = [t for (_k, state, _o), t in tallies.items() if state in (State.PENDING, State.DONE, State.FAILED)]
        return PlanSummary(found, size, sum(t.count for t in moving), sum(t.bytes for t in moving), new)
