"""One migration: a journal plus the source and target it names. The API the CLI and the GUI share.

    m = Migration.create(path, "takeout:/home/marie/takeout.zip", "nextcloud:https://marie@cloud.example")
    m.plan()
    moved = Move(m, Passwords(password)).run(sink=print)   # app.moving: run, verify, report
    print(to_text(moved.report))
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from degoogle import __version__
from degoogle.app.status import TO_MOVE, Counts
from degoogle.convert.names import NameRules
from degoogle.engine.events import EventSink, ignore
from degoogle.engine.journal import Journal
from degoogle.engine.journal_file import JournalFiles
from degoogle.engine.plan import Planner, PlanOptions, PlanSummary
from degoogle.engine.report import Report, build_report
from degoogle.engine.run import Redactor, Runner
from degoogle.engine.verify import VerifySummary, verify
from degoogle.errors import BadItemError, FatalError, RetryableError, UserError
from degoogle.model import ALL_KINDS, Kind, State
from degoogle.sources.base import MailPolicy, Source, SourceOptions
from degoogle.specs import default_target_root, normalise_source, open_source, parse_target
from degoogle.targets import registry
from degoogle.targets.base import Target
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.chunk_sizes import DEFAULT_CHUNK
from degoogle.targets.registry import FILES_KINDS, TargetOptions

if TYPE_CHECKING:
    from degoogle.targets.nextcloud.calendar_limits import CalendarRoom

# The Nextcloud modules (HTTP, CalDAV and WebDAV clients) are imported where the hoster is contacted,
# not here: a listing, a status or a mail-only move never loads them (issue 17: start-up time).

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preflight:
    """Room at the hoster for what is still to move. ``free`` None: the server does not say.
    ``calendars``: the calendars to make against the hoster's limits (None: none to make, or the
    hoster could not be asked)."""

    to_move: dict[str, int]
    free: int | None
    calendars: CalendarRoom | None = None

    @property
    def total(self) -> int:
        return sum(self.to_move.values())

    @property
    def fits(self) -> bool:
        return self.free is None or self.total <= self.free


@dataclass(frozen=True)
class MigrationOptions:
    """The user's choices, kept in the journal (never a secret).

    ``mail_to``: where mail goes — None (mail not moved), ``"archive"`` (mbox files in the Nextcloud,
    for hosters with no mailbox) or ``"imaps://user@host[:port]"`` / ``"imap://…"`` (the mailbox);
    ``mail_policy``: a message with several labels is one copy (other labels as keywords) or a copy per
    label; ``include_spam_trash``: also move Spam and Trash; ``merge_calendars``: write into an existing
    calendar of the same name; ``on_conflict``: ``kept_both`` or ``skip`` an item whose UID is at the
    target with other content; ``floating_unknown_zones``: an event whose time zone nobody knows moves in
    floating time instead of being set aside; ``calendar_limits``: the hoster's limits on making calendars
    (``PER/SECONDS/MAX``, Nextcloud's 10/3600/30 when None); ``over_limit``: past its maximum, the
    rest of the calendars ``merge``d into existing ones or left out (``leave_out``)."""

    mail_to: str | None = None
    mail_policy: MailPolicy = "one_copy"
    include_spam_trash: bool = False
    merge_calendars: bool = False
    on_conflict: Literal["kept_both", "skip"] = "kept_both"
    floating_unknown_zones: bool = False
    calendar_limits: str | None = None
    over_limit: Literal["merge", "leave_out"] = "merge"

    def to_meta(self) -> dict[str, str]:
        return {
            "mail_to": self.mail_to or "", "mail_policy": self.mail_policy,
            "include_spam_trash": "1" if self.include_spam_trash else "0",
            "merge_calendars": "1" if self.merge_calendars else "0", "on_conflict": self.on_conflict,
            "floating_unknown_zones": "1" if self.floating_unknown_zones else "0",
            "calendar_limits": self.calendar_limits or "", "over_limit": self.over_limit,
        }

    @classmethod
    def from_journal(cls, journal: Journal) -> MigrationOptions:
        policy = journal.get_meta("mail_policy") or "one_copy"
        conflict = journal.get_meta("on_conflict") or "kept_both"
        return cls(
            mail_to=journal.get_meta("mail_to") or None,
            mail_policy=cast("MailPolicy", policy if policy in ("one_copy", "copy_per_label") else "one_copy"),
            include_spam_trash=journal.get_meta("include_spam_trash") == "1",
            merge_calendars=journal.get_meta("merge_calendars") == "1",
            on_conflict="skip" if conflict == "skip" else "kept_both",
            floating_unknown_zones=journal.get_meta("floating_unknown_zones") == "1",
            calendar_limits=journal.get_meta("calendar_limits") or None,
            over_limit="leave_out" if journal.get_meta("over_limit") == "leave_out" else "merge",
        )

    def targets(self, workers: int = 4, chunk_size: int = DEFAULT_CHUNK, lang: str | None = None) -> TargetOptions:
        return TargetOptions(self.merge_calendars, self.on_conflict, workers, chunk_size, lang,
                             self.calendar_limits, self.over_limit)


def movable_kinds(account: NextcloudAccount, options: MigrationOptions) -> frozenset[Kind]:
    """The kinds this version can write for these choices (files always; the others when their
    target exists, and mail only with somewhere to put it)."""
    kinds = set(FILES_KINDS)
    found = registry.groupware(account, options.targets())
    if found is not None:
        kinds |= found[0]
    pictures = registry.photos(account, options.targets())
    if pictures is not None:
        kinds |= pictures[0]
    if options.mail_to:
        mail = registry.mail(options.mail_to, account, options.targets())
        if mail is not None:
            kinds |= mail[0]
    return frozenset(kinds)


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
            raise UserError(f"unknown kind {word!r}: use files, calendar, contacts, mail, photos, notes",
                            code="bad_only") from None
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
        self.options = MigrationOptions.from_journal(journal)

    @classmethod
    def create(cls, path: Path, source_spec: str, target_spec: str, *, kinds: frozenset[Kind] | None = None,
               target_root: str | None = None, options: MigrationOptions | None = None) -> Migration:
        """A new journal, or the existing one when it was made for the same source and target
        (planning again then finishes or refreshes the plan; ``options`` given replace the old ones)."""
        account = parse_target(target_spec)
        source_spec = normalise_source(source_spec)
        if options is not None and options.mail_to and registry.mail(options.mail_to, account,
                                                                       options.targets()) is None:
            raise UserError(f"this version cannot write mail to {options.mail_to!r}", code="bad_mail_to")
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
        if options is not None and journal.get_meta("on_conflict") == "skip" and options.on_conflict != "skip":
            journal.requeue_skipped("conflict_skipped")  # the user now wants both kept
        if options is not None or journal.get_meta("on_conflict") is None:
            journal.set_meta((options or MigrationOptions()).to_meta())
        return cls(journal)

    @classmethod
    def open(cls, path: Path) -> Migration:
        return cls(Journal.open(path))

    @property
    def files(self) -> JournalFiles:
        """The files this migration's journal owns (its log among them)."""
        return self.journal.files

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> Migration:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the steps -----------------------------------------------------------------------------

    def source_options(self, source_password: str | None = None) -> SourceOptions:
        return SourceOptions(source_password, self.options.mail_policy, self.options.include_spam_trash,
                             self.options.floating_unknown_zones)

    def open_source(self, source_password: str | None = None) -> Source:
        return open_source(self.source_spec, self.source_options(source_password))

    def targets(self, password: str, *, workers: int = 4, chunk_size: int = DEFAULT_CHUNK,
                mail_password: str | None = None, lang: str | None = None) -> list[Target]:
        """The targets of this migration; ``chunk_size`` 0 sends every file in one PUT; ``lang`` names
        what the targets make (the mail archive's files), the locale's language when None."""
        from degoogle.targets.nextcloud.files import NextcloudFiles

        targets: list[Target] = [NextcloudFiles(self.account, password, workers=workers, chunk_size=chunk_size)]
        options = self.options.targets(workers, chunk_size, lang)
        found = registry.groupware(self.account, options)
        if found is not None:
            targets.append(found[1](password, mail_password))
        pictures = registry.photos(self.account, options)
        if pictures is not None:
            targets.append(pictures[1](password, mail_password))
        if self.options.mail_to:
            mail = registry.mail(self.options.mail_to, self.account, options)
            if mail is not None:
                targets.append(mail[1](password, mail_password))
        return targets

    def movable(self) -> frozenset[Kind]:
        """The kinds this migration can write somewhere."""
        return movable_kinds(self.account, self.options)

    def with_options(self, options: MigrationOptions) -> None:
        """Change the user's choices (before running; planning again applies what they change)."""
        self.journal.set_meta(options.to_meta())
        self.options = replace(options)

    def to_move(self, *, nextcloud_only: bool = False) -> dict[str, int]:
        """Bytes still to move, per kind (pending and failed items of the kinds we can write); with
        ``nextcloud_only`` only what lands in the Nextcloud (mail to a mailbox uses another quota)."""
        kinds = self.movable()
        if nextcloud_only and self.options.mail_to != "archive":
            kinds -= {Kind.MAIL}
        return {kind: tally.bytes for kind, tally in Counts.of(self.journal).per_kind(kinds, TO_MOVE).items()}

    def preflight(self, password: str) -> Preflight:
        """What is still to move against the free space the server reports, before anything moves.

        Raises ``FatalError`` when the server refuses the password; a server that cannot tell its
        quota (no OCS API) gives ``free=None`` rather than an error.
        """
        from degoogle.targets.nextcloud.server import NextcloudServer

        calendars = self.calendar_room(password)
        try:
            quota = NextcloudServer.for_account(self.account, password).quota()
        except (UserError, RetryableError, BadItemError) as exc:
            log.warning("no quota figures from the server (%s): %s", exc.code, exc.detail)
            return Preflight(self.to_move(nextcloud_only=True), None, calendars)
        return Preflight(self.to_move(nextcloud_only=True), quota.free, calendars)

    def calendar_room(self, password: str) -> CalendarRoom | None:
        """The calendars still to make against the hoster's limits (``calendar_limits``); None when there
        are none to make or the hoster's calendars cannot be listed (the run then finds out)."""
        if Kind.CALENDAR not in self.movable():
            return None
        sources = {item.collection or "Calendar"
                   for item in self.journal.items(Kind.CALENDAR, [State.PENDING, State.FAILED])}
        if not sources:
            return None
        from degoogle.targets.nextcloud.calendar_limits import CalendarLimits, calendar_room
        from degoogle.targets.nextcloud.dav import DavCollections

        limits = (CalendarLimits.parse(self.options.calendar_limits) if self.options.calendar_limits
                  else CalendarLimits())
        dav = DavCollections(self.account.base_url, self.account.user, password)
        try:
            room = calendar_room(dav, sources, self.journal.collections(Kind.CALENDAR), limits)
        except (RetryableError, BadItemError, FatalError, UserError) as exc:
            log.warning("the hoster's calendars could not be listed (%s): %s", exc.code, exc.detail)
            return None
        return room if room.to_make else None

    def name_rules(self, password: str | None) -> NameRules:
        """The defaults (Windows-compatible names) plus what the server declares it refuses, when it
        can be asked (a real Nextcloud only tells a signed-in user); the defaults alone otherwise."""
        rules = NameRules.nextcloud_default()
        if password is None:
            return rules
        from degoogle.targets.nextcloud.server import NextcloudServer

        try:
            server = NextcloudServer.for_account(self.account, password)
            return rules.with_(server.capabilities().name_rules)
        except (UserError, RetryableError, FatalError, BadItemError) as exc:
            log.warning("file-name rules of the server unknown (%s): using the defaults", exc.code)
            return rules

    def plan(self, sink: EventSink = ignore, password: str | None = None,
             source_password: str | None = None) -> PlanSummary:
        """List the source into the journal. With ``password`` the server's own file-name rules are
        asked for and applied on top of the defaults; ``source_password`` for account sources."""
        source = self.open_source(source_password)
        try:
            options = PlanOptions(self.kinds, self.movable(), self.target_root, self.name_rules(password))
            return Planner(self.journal, source, options, sink).plan()
        finally:
            source.close()

    def runner(self, password: str, *, sink: EventSink = ignore, workers: int = 4,
               redact: Redactor = lambda text: text, chunk_size: int = DEFAULT_CHUNK,
               source_password: str | None = None, mail_password: str | None = None,
               lang: str | None = None) -> Runner:
        """A runner over this journal; the caller runs it and closes its source and targets via
        ``close_runner``."""
        if self.journal.get_meta("plan_state") != "complete":
            raise UserError("the plan is not finished; run `degoogle plan` again first", code="plan_incomplete")
        targets = self.targets(password, workers=workers, chunk_size=chunk_size, mail_password=mail_password,
                               lang=lang)
        return Runner(self.journal, self.open_source(source_password), targets, sink=sink,
                      workers=workers, redact=redact)

    @staticmethod
    def close_runner(runner: Runner) -> None:
        runner.source.close()
        for target in runner.targets:
            target.close()

    def verify(self, password: str, sink: EventSink = ignore, mail_password: str | None = None, *,
               after: Runner | None = None) -> VerifySummary:
        """Check the hoster against the journal (``engine.verify``). ``after``: the runner of the run
        that just ended, its targets still open (their sign-ins, connections and discovered addresses
        serve again; what is checked is listed afresh all the same); the caller closes them. Without
        it, the migration's targets are made, prepared, and closed here."""
        if after is not None:
            return verify(self.journal, after.targets, sink, prepared=after.prepared)
        made = self.targets(password, workers=1, mail_password=mail_password)
        try:
            return verify(self.journal, made, sink)  # prepares the targets it asks
        finally:
            for target in made:
                target.close()

    def report(self, lang: str | None = None) -> Report:
        return build_report(self.journal, lang)
