"""One migration: a journal plus the source and target it names. The API the CLI and the GUI share.

    m = Migration.create(path, "takeout:/home/marie/takeout.zip", "nextcloud:https://marie@cloud.example")
    m.plan()
    runner = m.runner(password, sink=print)   # pause() / resume() / cancel() from another thread
    runner.run()
    m.verify(password)
    print(to_text(m.report()))
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from degoogle import __version__
from degoogle.convert.names import NameRules
from degoogle.engine.events import EventSink, ignore
from degoogle.engine.items import ALL_KINDS, Kind, State
from degoogle.engine.journal import Journal
from degoogle.engine.plan import Planner, PlanOptions, PlanSummary
from degoogle.engine.report import Report, build_report
from degoogle.engine.run import Redactor, Runner
from degoogle.engine.verify import VerifySummary, verify
from degoogle.errors import BadItemError, FatalError, RetryableError, UserError
from degoogle.sources.base import Source
from degoogle.specs import default_target_root, normalise_source, open_source, parse_target
from degoogle.targets.base import Target
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.chunked import DEFAULT_CHUNK
from degoogle.targets.nextcloud.files import NextcloudFiles
from degoogle.targets.nextcloud.server import NextcloudServer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preflight:
    """Room at the hoster for what is still to move. ``free`` None: the server does not say."""

    to_move: dict[str, int]
    free: int | None

    @property
    def total(self) -> int:
        return sum(self.to_move.values())

    @property
    def fits(self) -> bool:
        return self.free is None or self.total <= self.free


def parse_kinds(text: str | None) -> frozenset[Kind]:
    """``"files,calendar"`` → kinds; all kinds when empty. ``UserError`` on an unknown name."""
    if not text:
        return frozenset(ALL_KINDS)
    kinds = set()
    for word in text.split(","):
        word = word.strip().lower()
        try:
            kinds.add(Kind(word))
        except ValueError:
            raise UserError(f"unknown kind {word!r}: use files, calendar, contacts, mail", code="bad_only") from None
    return frozenset(kinds)


class Migration:
    """A journal and what it says to move. Close it when done."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        source = journal.get_meta("source")
        target = journal.get_meta("target")
        if not source or not target:
            raise UserError(f"{journal.path.name} holds no plan; run `degoogle plan` first", code="no_plan")
        self.source_spec = source
        self.target_spec = target
        self.account: NextcloudAccount = parse_target(target)
        self.kinds = parse_kinds(journal.get_meta("only"))
        self.target_root = journal.get_meta("target_root") or ""

    @classmethod
    def create(cls, path: Path, source_spec: str, target_spec: str, *, kinds: frozenset[Kind] | None = None,
               target_root: str | None = None) -> Migration:
        """A new journal, or the existing one when it was made for the same source and target
        (planning again then finishes or refreshes the plan)."""
        account = parse_target(target_spec)
        source_spec = normalise_source(source_spec)
        open_source(source_spec).close()  # fail now, with a clear message, if the source is wrong
        if path.exists():
            journal = Journal.open(path)
            if journal.get_meta("source") not in (None, source_spec) or journal.get_meta("target") not in (
                    None, account.spec):
                journal.close()
                raise UserError(f"{path.name} belongs to another migration; choose another --journal file",
                                code="journal_mismatch")
        else:
            journal = Journal.create(path)
        chosen = kinds or frozenset(ALL_KINDS)
        journal.set_meta({
            "source": source_spec,
            "target": account.spec,
            "only": ",".join(k.value for k in ALL_KINDS if k in chosen),
            "target_root": target_root if target_root is not None else default_target_root(source_spec),
            "created_by": __version__,
            "created_at": journal.get_meta("created_at") or str(int(time.time())),
        })
        return cls(journal)

    @classmethod
    def open(cls, path: Path) -> Migration:
        return cls(Journal.open(path))

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> Migration:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the steps -----------------------------------------------------------------------------

    def open_source(self) -> Source:
        return open_source(self.source_spec)

    def targets(self, password: str, *, workers: int = 4, chunk_size: int = DEFAULT_CHUNK) -> list[Target]:
        """The targets of this migration; ``chunk_size`` 0 sends every file in one PUT."""
        return [NextcloudFiles(self.account, password, workers=workers, chunk_size=chunk_size)]

    @staticmethod
    def movable() -> frozenset[Kind]:
        """The kinds this version can write somewhere."""
        return NextcloudFiles.kinds

    def to_move(self) -> dict[str, int]:
        """Bytes still to move, per kind (pending and failed items of the kinds we can write)."""
        bytes_by_kind: dict[str, int] = {}
        for (kind, state, _outcome), tally in self.journal.tallies().items():
            if Kind(kind) in self.movable() and state in (State.PENDING, State.FAILED):
                bytes_by_kind[kind] = bytes_by_kind.get(kind, 0) + tally.bytes
        return bytes_by_kind

    def preflight(self, password: str) -> Preflight:
        """What is still to move against the free space the server reports, before anything moves.

        Raises ``FatalError`` when the server refuses the password; a server that cannot tell its
        quota (no OCS API) gives ``free=None`` rather than an error.
        """
        try:
            quota = NextcloudServer.for_account(self.account, password).quota()
        except (UserError, RetryableError, BadItemError) as exc:
            log.warning("no quota figures from the server (%s): %s", exc.code, exc.detail)
            return Preflight(self.to_move(), None)
        return Preflight(self.to_move(), quota.free)

    def name_rules(self, password: str | None) -> NameRules:
        """The defaults (Windows-compatible names) plus what the server declares it refuses, when it
        can be asked (a real Nextcloud only tells a signed-in user); the defaults alone otherwise."""
        rules = NameRules.nextcloud_default()
        if password is None:
            return rules
        try:
            server = NextcloudServer.for_account(self.account, password)
            return rules.with_(server.capabilities().name_rules)
        except (UserError, RetryableError, FatalError, BadItemError) as exc:
            log.warning("file-name rules of the server unknown (%s): using the defaults", exc.code)
            return rules

    def plan(self, sink: EventSink = ignore, password: str | None = None) -> PlanSummary:
        """List the source into the journal. With ``password`` the server's own file-name rules are
        asked for and applied on top of the defaults."""
        source = self.open_source()
        try:
            options = PlanOptions(self.kinds, self.movable(), self.target_root, self.name_rules(password))
            return Planner(self.journal, source, options, sink).plan()
        finally:
            source.close()

    def runner(self, password: str, *, sink: EventSink = ignore, workers: int = 4,
               redact: Redactor = lambda text: text, chunk_size: int = DEFAULT_CHUNK) -> Runner:
        """A runner over this journal; the caller runs it and closes its source and targets via
        ``close_runner``."""
        if self.journal.get_meta("plan_state") != "complete":
            raise UserError("the plan is not finished; run `degoogle plan` again first", code="plan_incomplete")
        targets = self.targets(password, workers=workers, chunk_size=chunk_size)
        return Runner(self.journal, self.open_source(), targets, sink=sink,
                      workers=workers, redact=redact)

    @staticmethod
    def close_runner(runner: Runner) -> None:
        runner.source.close()
        for target in runner.targets:
            target.close()

    def verify(self, password: str, sink: EventSink = ignore) -> VerifySummary:
        targets = self.targets(password, workers=1)
        try:
            for target in targets:
                target.prepare()  # learns what the server calls things (user id, limits) before listing
            return verify(self.journal, targets, sink)
        finally:
            for target in targets:
                target.close()

    def report(self, lang: str | None = None) -> Report:
        return build_report(self.journal, lang)
