"""Moving: the run on the engine thread, overall and per kind progress, the item in flight, speed and
time left, pause / resume, and "keep this computer awake" (on by default) saying whether it is, or how
to set the computer not to sleep when it cannot be. Every change is in the journal as it happens: a
crash or a reboot loses nothing, the next start offers to resume."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton

from degoogle.app.moving import Move, Passwords, RunResult
from degoogle.app.status import progress
from degoogle.engine.report import Report
from degoogle.errors import SOURCE_UNREACHABLE
from degoogle.gui.bridge import ProgressSnapshot
from degoogle.gui.formats import duration_text, fill, kind_name, size_text
from degoogle.gui.language import report_language
from degoogle.gui.reasons import error_text
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, heading, label
from degoogle.gui.wrapping import WrappingCheckBox
from degoogle.logs import Redactor
from degoogle.targets.nextcloud.calendar_limits import CALENDARS_WAIT

log = logging.getLogger(__name__)


def run_migration(state: WizardState) -> tuple[RunResult, Report]:
    """On the engine thread: run (or resume) the move, check the hoster when it finished, report."""
    m = state.migration
    assert m is not None
    password = state.password()
    if password is None:
        return RunResult("paused", "auth_failed", "no password at hand"), m.report(report_language(state.lang))
    started = progress(m.journal, m.movable())
    state.bridge.tally.begin(started.totals, started.written)
    move = Move(m, Passwords(password, state.source_password(), state.mail_password()), lang=state.lang,
                report_lang=report_language(state.lang), redact=Redactor(state.ctx.secrets.known()))
    moved = move.run(state.bridge.sink, control=state.bridge.control)
    return moved.result, moved.report


class KeepAwake(QObject):
    """Asks the system not to sleep while on; the request is held by a thread of its own so that
    switching never waits on the desktop's answer. ``answered`` says whether the system agreed
    (``stay_awake`` is the context's: the desktop's answer, or a stand-in)."""

    answered = Signal(bool)

    def __init__(self, stay_awake: Callable[[bool], AbstractContextManager[bool]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stay_awake = stay_awake
        self._stop: threading.Event | None = None
        self.active: bool | None = None
        #: the desktop said once that it cannot keep the computer awake (it will not say otherwise later)
        self.refused = False

    def on(self) -> None:
        if self._stop is not None:
            return
        stop = threading.Event()
        self._stop = stop

        def hold() -> None:
            with self._stay_awake(True) as awake:
                if not stop.is_set():
                    self.active = awake
                    self.refused = self.refused or not awake
                    self.answered.emit(awake)  # queued to the page: this is not the GUI thread
                stop.wait()

        threading.Thread(target=hold, name="degoogle-keep-awake", daemon=True).start()

    def off(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None
        self.active = None


class MovingPage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.status = heading()
        self.body.addWidget(self.status)
        self.advice = label()
        self.body.addWidget(self.advice)
        self.overall = QProgressBar()
        self.overall.setRange(0, 1000)
        self.body.addWidget(self.overall)
        self.counts = label(data=True, quiet=True)
        self.body.addWidget(self.counts)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.kind_labels: dict[str, QLabel] = {}
        self.kind_bars: dict[str, QProgressBar] = {}
        self.body.addLayout(self.grid)
        self.current = label(data=True, quiet=True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.current)
        self.speed = label(data=True, quiet=True)
        self.body.addWidget(self.speed)
        self.problems = label(quiet=True)
        self.body.addWidget(self.problems)
        row = QHBoxLayout()
        self.pause = QPushButton()
        self.pause.clicked.connect(self._pause_or_resume)
        self.again = QPushButton()
        self.again.clicked.connect(self.start)
        self.again.hide()
        row.addWidget(self.pause)
        row.addWidget(self.again)
        row.addStretch(1)
        self.body.addLayout(row)
        self.awake = WrappingCheckBox()
        self.awake.setChecked(True)
        self.awake.toggled.connect(self._awake_toggled)
        self.body.addWidget(self.awake)
        self.awake_status = label(quiet=True)
        self.awake_status.setContentsMargins(self.awake.indent(), 0, 0, 0)
        self.body.addWidget(self.awake_status)
        self.body.addStretch(1)
        self.keep_awake = KeepAwake(state.ctx.stay_awake, self)
        self.keep_awake.answered.connect(self._show_awake)
        self._snapshot: ProgressSnapshot | None = None
        self._state = "starting"
        self._reason = ""
        #: waiting for the account the data comes from (not the hoster) to answer again
        self._source_down = False
        #: the hoster allows more calendars again at this time (``time.time()``), while waiting for it
        self._until: float | None = None
        state.bridge.progress.connect(self._progress)
        state.bridge.waitingUntil.connect(self._waiting_until)
        state.bridge.runState.connect(self._run_state)
        state.bridge.jobFinished.connect(self._job_finished)
        state.bridge.jobFailed.connect(self._job_failed)
        self.retranslate()

    # -- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Moving your data"))
        self.overall.setAccessibleName(self.tr("Overall progress"))
        self.awake.setText(self.tr("&Keep this computer awake until the move is over"))
        self.awake.setAccessibleName(self.tr("Keep this computer awake until the move is over"))
        self.again.setText(self.tr("&Try again"))
        self.again.setAccessibleName(self.tr("Try the move again"))
        self._show_state()
        self._show_progress()

    @Slot()
    def _show_awake(self) -> None:
        """Whether the computer is kept awake, and what to do when it cannot be."""
        if self.keep_awake.refused:
            # the desktop said no: a ticked box would promise what is not done
            self.awake.blockSignals(True)
            self.awake.setChecked(False)
            self.awake.blockSignals(False)
            self.awake.setEnabled(False)
            text = self.tr("degoogle cannot keep this computer awake. Set it not to go to sleep until the move is "
                           "over: in its energy (or power) settings, choose \"never\" for sleep. Otherwise the "
                           "move stops while it sleeps, and goes on when it wakes up.")
        elif not self.awake.isChecked():
            text = self.tr("The computer may go to sleep: the move then stops until it wakes up. Nothing is lost.")
        elif self.keep_awake.active is None:
            text = ""  # not asked yet, or the desktop has not answered
        else:
            text = self.tr("This computer stays awake until the move is over (the screen may still go dark).")
        self.awake_status.setText(text)

    def _show_state(self) -> None:
        paused = self._state == "paused" and not self._reason
        self.pause.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        self.pause.setAccessibleName(self.tr("Resume the move") if paused else self.tr("Pause the move"))
        texts = {
            "starting": self.tr("Getting ready…"),
            "running": self.tr("Moving your data…"),
            "paused": self.tr("Paused. Nothing is lost: click Resume to go on."),
            "waiting": (self.tr("The account your data comes from does not answer right now; trying again by "
                                "itself…") if self._source_down
                        else self.tr("Your hoster does not answer right now; trying again by itself…")),
            "stopping": self.tr("Stopping after the items in flight…"),
            "finished": self.tr("Everything was moved. Checking at your hoster…"),
            "cancelled": self.tr("Stopped. Start degoogle again to go on where it stopped."),
            "failed": self.tr("The move stopped."),
        }
        if self._state == "waiting" and self._until is not None:
            at = QLocale().toString(QDateTime.fromSecsSinceEpoch(round(self._until)).time(),
                                    QLocale.FormatType.ShortFormat)
            texts["waiting"] = fill(self.tr("Your hoster allows only a few new calendars an hour. The move waits and "
                                            "goes on by itself at %1."), at)
        if self._state == "paused" and self._reason:
            self.status.setText(self.tr("The move is paused."))
            self.advice.setText(error_text(self._reason))
        else:
            self.status.setText(texts.get(self._state, texts["running"]))
            self.advice.setText(self.tr("You can use the computer meanwhile. If it is switched off or the "
                                        "connection drops, nothing is lost: the move resumes where it stopped."))
        self.pause.setVisible(self._state in ("starting", "running", "paused", "waiting") and not self._reason)
        self.again.setVisible(bool(self._reason) or self._state == "failed")
        self._show_awake()

    def _kind_row(self, kind: str) -> None:
        if kind in self.kind_bars:
            return
        row = len(self.kind_bars)
        lab = QLabel()
        bar = QProgressBar()
        lab.setBuddy(bar)
        self.grid.addWidget(lab, row, 0)
        self.grid.addWidget(bar, row, 1)
        self.kind_labels[kind], self.kind_bars[kind] = lab, bar

    def _show_progress(self) -> None:
        s = self._snapshot
        if s is None:
            self.counts.setText("")
            self.current.setText("")
            self.speed.setText("")
            self.problems.setText("")
            self.overall.setValue(0)
            return
        lang = self.state.lang
        self.overall.setValue(round(s.fraction * 1000))
        # the percentage the language's way ("42 %" in French, with a no-break space)
        self.overall.setFormat(fill(self.tr("%1%"), round(s.fraction * 100)))
        if s.total_bytes:
            self.counts.setText(fill(self.tr("%1 of %2 items · %3 of %4"), s.done_items, s.total_items,
                                     size_text(s.done_bytes, lang), size_text(s.total_bytes, lang)))
        else:  # sizes not known yet (the run has not announced itself)
            self.counts.setText(fill(self.tr("%1 of %2 items"), s.done_items, s.total_items))
        for kind, (handled, total) in s.kinds.items():
            self._kind_row(kind)
            self.kind_labels[kind].setText(kind_name(kind))
            bar = self.kind_bars[kind]
            bar.setRange(0, max(1, total))
            bar.setValue(min(handled, max(1, total)))
            bar.setFormat(fill("%1 / %2", handled, total))
            bar.setAccessibleName(fill(self.tr("Progress for %1"), kind_name(kind)))
        self.current.setText(fill(self.tr("Now: %1"), s.current) if s.current and self._state == "running" else "")
        if s.bytes_per_second > 0 or s.items_per_second > 0:
            left = duration_text(s.seconds_left) if s.seconds_left is not None else "…"
            self.speed.setText(fill(self.tr("Speed: %1/s, %2 items a minute · time left: %3"),
                                    size_text(s.bytes_per_second, lang), round(s.items_per_second * 60), left))
        self.problems.setText(self.tr("%n item(s) need your attention so far; the report at the end says why.", "",
                                      s.problems) if s.problems else "")

    # -- behaviour -------------------------------------------------------------------------------

    def initializePage(self) -> None:
        self.wizard().button(self.wizard().WizardButton.BackButton).setEnabled(False)
        self.start()

    @Slot()
    def start(self) -> None:
        if self.state.bridge.busy("moving.run"):
            return
        self._state, self._reason = "starting", ""
        self.state.run_result = None
        self._snapshot = None
        if self.awake.isChecked():
            self.keep_awake.on()
        self._show_state()
        self._show_progress()
        self.state.bridge.submit("moving.run", lambda: run_migration(self.state))
        self.completeChanged.emit()

    @Slot()
    def _pause_or_resume(self) -> None:
        if self.state.bridge.control.paused:
            self.state.bridge.control.resume()
        else:
            self.state.bridge.control.pause()

    @Slot(bool)
    def _awake_toggled(self, on: bool) -> None:
        if on and self.state.bridge.busy("moving.run"):
            self.keep_awake.on()
        elif not on:
            self.keep_awake.off()
        self._show_awake()

    @Slot(object)
    def _progress(self, snapshot: ProgressSnapshot) -> None:
        self._snapshot = snapshot
        self._show_progress()

    @Slot(float)
    def _waiting_until(self, until: float) -> None:
        self._until = until

    @Slot(str, str, str)
    def _run_state(self, run_state: str, reason: str, _message: str) -> None:
        if run_state == "resuming" or (run_state == "waiting" and not reason):
            run_state = "running"
        if run_state == "running" and self.state.bridge.control.paused:
            run_state = "paused"  # the runner announces "running" as it starts, even when asked to hold
        self._state = run_state
        self._reason = reason if run_state == "paused" else ""
        self._source_down = run_state == "waiting" and reason == SOURCE_UNREACHABLE
        if run_state != "waiting" or reason != CALENDARS_WAIT:
            self._until = None
        self._show_state()

    @Slot(str, object)
    def _job_finished(self, name: str, result: object) -> None:
        if name != "moving.run":
            return
        self.keep_awake.off()
        assert isinstance(result, tuple)
        run_result, report = result
        assert isinstance(run_result, RunResult) and isinstance(report, Report)
        self.state.run_result, self.state.report = run_result, report
        self._state = run_result.state
        self._reason = run_result.reason or "" if run_result.state == "paused" else ""
        self._show_state()
        self.completeChanged.emit()
        if run_result.state == "finished" and self.wizard() is not None and self.wizard().currentPage() is self:
            QTimer.singleShot(0, self.wizard().next)

    @Slot(str, object)
    def _job_failed(self, name: str, exc: object) -> None:
        if name != "moving.run":
            return
        self.keep_awake.off()
        self._state = "paused"
        self._reason = getattr(exc, "code", "internal_error")
        self._show_state()

    def running(self) -> bool:
        return self.state.bridge.busy("moving.run")

    def isComplete(self) -> bool:
        result = self.state.run_result
        return result is not None and result.state == "finished" and not self.running()
