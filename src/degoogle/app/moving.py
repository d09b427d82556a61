"""Run with progress: the one sequence behind ``degoogle run``, the wizard's "Moving" page and the demo.

    move = Move(migration, Passwords(app_password), lang="fr")
    room = move.check_room()            # optional: before anything moves (FatalError: a person must act)
    moved = move.run(sink, control=control)   # run → close the runner → verify when finished → report

``RunControl`` pauses, resumes and cancels the run from any thread (a window's button, a signal
handler), before the runner exists too. What a face does with the outcome (print it, show it, an exit
code) is its own business; the order of the steps is not.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from degoogle import __version__
from degoogle.app.migration import Migration, Preflight
from degoogle.engine.events import EventSink, ignore
from degoogle.engine.report import Report
from degoogle.engine.run import Runner, RunResult
from degoogle.engine.verify import VerifySummary
from degoogle.errors import FatalError
from degoogle.logs import Redactor
from degoogle.targets.nextcloud.chunk_sizes import DEFAULT_CHUNK

__all__ = ["Move", "Moved", "Passwords", "RunControl", "RunResult"]  # RunResult: how a run ended, for the faces

log = logging.getLogger(__name__)


class RunControl:
    """Pause, resume and cancel for the run in flight, callable from any thread and before its
    ``Runner`` exists (the request is applied as soon as it does)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runner: Runner | None = None
        self._cancelled = False
        self._paused = False

    def attach(self, runner: Runner) -> None:
        with self._lock:
            self._runner = runner
            if self._cancelled:
                runner.cancel()
            elif self._paused:
                runner.pause()

    def detach(self) -> None:
        with self._lock:
            self._runner = None
            self._cancelled = self._paused = False

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            if self._runner is not None:
                self._runner.pause()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            if self._runner is not None:
                self._runner.resume()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._runner is not None:
                self._runner.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def paused(self) -> bool:
        return self._paused


@dataclass(frozen=True)
class Passwords:
    """The secrets a run needs: the hoster's app password, the source account's password (account
    sources only) and the hoster's mailbox password (``--mail-to imaps://…`` only)."""

    target: str
    source: str | None = None
    mail: str | None = None

    def known(self) -> list[str]:
        """Every secret given, for a ``Redactor``."""
        return [s for s in (self.target, self.source, self.mail) if s]


@dataclass(frozen=True)
class Moved:
    """What one ``Move.run`` did: how the run ended, the verification (None when not asked or the
    run did not finish) and the report after both."""

    result: RunResult
    verified: VerifySummary | None
    report: Report


class Move:
    """One run of a migration as a person starts it. ``lang`` names what the targets make (the mail
    archive's files) and is the report's language unless ``report_lang`` is given; ``redact`` masks
    secrets in what the run records (all of ``passwords`` when None)."""

    def __init__(self, migration: Migration, passwords: Passwords, *, lang: str | None = None,
                 report_lang: str | None = None, redact: Redactor | None = None) -> None:
        self.migration = migration
        self.passwords = passwords
        self.lang = lang
        self.report_lang = report_lang or lang
        self.redact = redact or Redactor(passwords.known())

    def check_room(self) -> Preflight:
        """What is still to move against the room at the hoster, before anything moves.

        Raises ``FatalError`` when a person must act first (the password refused, the server in
        maintenance); the journal then records a paused run, so that ``status`` says so rather than
        "planned, not started"."""
        m = self.migration
        try:
            return m.preflight(self.passwords.target)
        except FatalError as exc:
            log.warning("run not started: %s (%s)", exc.code, self.redact(exc.detail))
            m.journal.end_run(m.journal.start_run(__version__), "paused", self.redact(exc.detail))
            raise

    def run(self, sink: EventSink = ignore, *, control: RunControl | None = None, workers: int = 4,
            chunk_size: int = DEFAULT_CHUNK, verify: bool = True) -> Moved:
        """Run (or resume) the move to its end, a pause or a cancel (through ``control``); close the
        runner's source and targets whatever happens; check the hoster when the run finished (with
        ``verify``); then report. Raises what ``Migration.runner`` raises (``UserError``
        ``plan_incomplete``) and what verification raises when the hoster cannot be listed."""
        m, passwords = self.migration, self.passwords
        control = control or RunControl()
        runner = m.runner(passwords.target, sink=sink, workers=workers, redact=self.redact, chunk_size=chunk_size,
                          source_password=passwords.source, mail_password=passwords.mail, lang=self.lang)
        control.attach(runner)
        verified = None
        try:
            result = runner.run()
            control.detach()
            if result.state == "finished" and verify:
                # the run's own targets, still signed in: discovery and sign-ins again were a
                # second or so of a person's wait over a home link
                log.info("run finished: verifying the hoster")
                verified = m.verify(passwords.target, sink, mail_password=passwords.mail, after=runner)
        finally:
            control.detach()
            Migration.close_runner(runner)
        return Moved(result, verified, m.report(self.report_lang))

