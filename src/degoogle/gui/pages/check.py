"""Check: the source is listed into a new journal (nothing moves yet); then what was found per kind
of data with sizes, the room at the hoster, an honest duration and the warnings, in plain words.
Its "Start moving" button commits: there is no going back from the Moving page."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QProgressBar, QTableWidgetItem, QWizard

from degoogle.app.migration import Migration
from degoogle.app.planning import Planned, plan
from degoogle.engine.events import PlanFinished
from degoogle.gui.formats import duration_range_text, duration_text, fill, kind_name, size_text
from degoogle.gui.language import report_language
from degoogle.gui.reasons import error_text, problem_text
from degoogle.gui.session import create_migration, journal_for
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, counts_table, label
from degoogle.gui.wrapping import WrappingCheckBox
from degoogle.logs import Redactor, setup_logging
from degoogle.model import Kind

log = logging.getLogger(__name__)

#: home upload speeds (bytes/s) for the honest range: 20 Mbit/s down to 5 Mbit/s
FAST_LINK, SLOW_LINK = 20e6 / 8, 5e6 / 8
#: time per item beyond its bytes (requests, checks), with 4 items in flight
PER_ITEM = 0.1 / 4


def plan_migration(state: WizardState) -> tuple[Migration, Planned]:
    """On the engine thread: a journal for the chosen source and target, listed, with the room at the
    hoster. Reuses the current journal when source and target did not change."""
    choices, ctx = state.choices, state.ctx
    password = state.password()
    m = state.migration
    if m is not None and (m.source_spec, m.target_spec) != (choices.source_spec(), choices.target_spec()):
        m = None
    if m is None:
        # the same source to the same account again continues the earlier move's journal: what it
        # moved is known, so nothing is written a second time (no "Contacts (2)" at the hoster)
        path = journal_for(ctx.data_dir, choices)
        earlier = path.exists()
        m = create_migration(path, choices, ctx.movable)
        if earlier:
            m.journal.count_earlier_moves_as_there()
    setup_logging(m.files.log, Redactor(ctx.secrets.known()))
    return m, plan(m, state.bridge.sink, password=password, source_password=ctx.secrets.source(m.source_spec),
                   lang=report_language(state.lang))


class CheckPage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.setCommitPage(True)
        self.status = label()
        self.body.addWidget(self.status)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.body.addWidget(self.busy)
        self.table = counts_table(3)
        self.body.addWidget(self.table)
        self.room = label()
        self.body.addWidget(self.room)
        self.duration = label()
        self.body.addWidget(self.duration)
        self.warnings = label()
        self.body.addWidget(self.warnings)
        self.anyway = WrappingCheckBox()
        self.anyway.toggled.connect(self.completeChanged)
        self.body.addWidget(self.anyway)
        #: past the hoster's maximum of calendars: leave the rest out instead of merging them
        self.leave_out = WrappingCheckBox()
        self.leave_out.toggled.connect(self._leave_out_toggled)
        self.body.addWidget(self.leave_out)
        self.nothing_yet = label()
        self.body.addWidget(self.nothing_yet)
        self.body.addStretch(1)
        self._found = 0
        self._error: str | None = None
        state.bridge.planProgress.connect(self._progress)
        state.bridge.planFinished.connect(self._plan_finished)
        state.bridge.jobFinished.connect(self._job_finished)
        state.bridge.jobFailed.connect(self._job_failed)
        self.retranslate()

    def initializePage(self) -> None:
        self.state.planned = None
        self._error = None
        self._found = 0
        self.anyway.setChecked(False)
        self.state.bridge.submit("check.plan", lambda: plan_migration(self.state))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Here is what was found"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Start moving"))
        self.table.setHorizontalHeaderLabels([self.tr("Data"), self.tr("Found"), self.tr("What will happen")])
        self.table.setAccessibleName(self.tr("What was found, per kind of data"))
        self.anyway.setText(self.tr("Start anyway: move what fits, then pause until there is room"))
        self.anyway.setAccessibleName(self.anyway.text())
        self.leave_out.setText(self.tr("Leave out the calendars your hoster cannot hold, instead of putting their "
                                       "events into calendars you already have"))
        self.leave_out.setAccessibleName(self.leave_out.text())
        self.nothing_yet.setText(self.tr("Nothing has been moved yet. Click \"Start moving\" when you are ready; "
                                         "you can pause at any time."))
        self._show()

    def _show(self) -> None:
        planned = self.state.planned
        done = planned is not None
        self.busy.setVisible(not done and self._error is None)
        for widget in (self.table, self.room, self.duration, self.nothing_yet):
            widget.setVisible(done)
        self.anyway.setVisible(done and planned is not None and planned.preflight is not None
                               and not planned.preflight.fits)
        calendars = planned.preflight.calendars if planned is not None and planned.preflight is not None else None
        self.leave_out.setVisible(calendars is not None and calendars.left_over > 0)
        if self.state.migration is not None:
            self.leave_out.blockSignals(True)
            self.leave_out.setChecked(self.state.migration.options.over_limit == "leave_out")
            self.leave_out.blockSignals(False)
        if self._error is not None:
            self.status.setText(fill(self.tr("The data could not be looked through: %1"), self._error))
            self.warnings.setText("")
            return
        if planned is None:
            self.status.setText(self.tr("Looking through your data… %n items so far. Nothing is moved yet.", "",
                                        self._found))
            self.warnings.setText("")
            return
        if self.nothing_to_move():
            # a web page saved as .zip, an empty folder: starting would "succeed" at moving nothing
            self.status.setText(error_text("nothing_found"))
            self.nothing_yet.setVisible(False)
        else:
            self.status.setText(self.tr("Your data was looked through. Please read this before you start."))
        self._fill_table(planned)
        self._fill_texts(planned)

    def _fill_table(self, planned: Planned) -> None:
        lang = self.state.lang
        rows = list(planned.report.kinds)
        self.table.setRowCount(len(rows))
        movable = planned.movable
        for row, k in enumerate(rows):
            found = self.tr("%n item(s)", "", k.found) + f" ({size_text(k.bytes_found, lang)})"
            if Kind(k.kind) not in movable:
                what = self.tr("Not moved by this version: stays safe where it is")
            elif k.kind not in {kind.value for kind in self.state.choices.kinds}:
                what = self.tr("Not moved: you did not choose it")
            else:
                left = k.pending + k.failed
                what = self.tr("%n will be moved", "", left)
                if k.moved + k.already_there:
                    what += " · " + self.tr("%n already done", "", k.moved + k.already_there)
                if k.quarantined:
                    what += " · " + self.tr("%n damaged, set aside", "", k.quarantined)
                if k.skipped:
                    what += " · " + self.tr("%n not moved, see below", "", k.skipped)
            for col, text in enumerate((kind_name(k.kind), found, what)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + sum(
            self.table.rowHeight(r) for r in range(len(rows))) + 4)

    def _fill_texts(self, planned: Planned) -> None:
        lang = self.state.lang
        pre = planned.preflight
        to_move = pre.total if pre is not None else sum(k.bytes_found for k in planned.report.kinds)
        items = sum(k.pending + k.failed for k in planned.report.kinds if Kind(k.kind) in planned.movable)
        if pre is None or pre.free is None:
            self.room.setText(fill(self.tr("You are moving %1. Your hoster does not say how much room you have "
                                           "left."), size_text(to_move, lang)))
        elif pre.fits:
            self.room.setText(fill(self.tr("You are moving %1; your hoster has %2 free for you. It fits."),
                                   size_text(to_move, lang), size_text(pre.free, lang)))
        else:
            self.room.setText(fill(self.tr("You are moving %1 but your hoster has only %2 free for you. Free some "
                                           "room there or ask your hoster for more before you start."),
                                   size_text(to_move, lang), size_text(pre.free, lang)))
        fast = to_move / FAST_LINK + items * PER_ITEM
        slow = to_move / SLOW_LINK + items * PER_ITEM
        if slow < 60:
            self.duration.setText(self.tr("This should take less than a minute."))
        else:
            self.duration.setText(fill(self.tr(
                "With a usual home Internet connection this takes %1; it depends on how fast your "
                "connection sends. Once started, the next page shows a measured estimate. You can leave the "
                "computer on overnight: the move goes on by itself."), duration_range_text(fast, slow)))
        warnings = []
        not_yet = [k for k in planned.report.kinds if Kind(k.kind) not in planned.movable]
        if not_yet:
            warnings.append(fill(self.tr("%1: not moved by this version yet. It stays safe in your archive or "
                                         "account; the report will remind you."),
                                 ", ".join(kind_name(k.kind) for k in not_yet)))
        for k in planned.report.kinds:
            later = planned.report.skipped.get(k.kind, {}).get("not_supported_yet", 0)
            if Kind(k.kind) in planned.movable and later:
                where = ", ".join(planned.report.skipped_where.get(k.kind, []))
                warnings.append(fill(self.tr("%1: %n item(s) of a kind this version cannot move yet (%2). They stay "
                                             "safe in your archive or account; the report will remind you.", "",
                                             later), kind_name(k.kind), where))
        photos = next((k for k in planned.report.kinds if k.kind == Kind.PHOTOS.value), None)
        if photos is not None and Kind.PHOTOS in planned.movable:
            warnings.append(self.tr("Photos go to the Photos folder, one folder per year, each once with the date it "
                                    "was taken; the copies in albums become albums of Nextcloud Photos, not second "
                                    "files. Without the Photos app at your hoster the albums are not recreated and "
                                    "the report says so. Places (GPS) from Google are kept in degoogle's journal, "
                                    "not written into the photos, which stay exactly as they were."))
        if planned.quarantined:
            warnings.append(self.tr("%n item(s) of the archive are damaged and will be set aside. The report says "
                                    "which; downloading those archive parts again usually fixes it.", "",
                                    planned.quarantined))
        calendars = planned.preflight.calendars if planned.preflight is not None else None
        if calendars is not None and calendars.waits:
            warnings.append(fill(self.tr("%n calendar(s) to make. Your hoster allows only %2 new calendars every "
                                         "%3, so the move will wait about %4 for them; it goes on by itself.", "",
                                         calendars.to_make), calendars.to_make, calendars.limits.per_period,
                                 duration_text(calendars.limits.period), duration_text(calendars.wait_seconds)))
        if calendars is not None and calendars.left_over:
            room = calendars.limits.room(calendars.existing) or 0
            if self.state.migration is not None and self.state.migration.options.over_limit == "leave_out":
                text = self.tr("Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) "
                               "will be left out, as chosen. The report will name them.", "", calendars.left_over)
            else:
                text = self.tr("Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) "
                               "will go into calendars you already have. The report will name them.", "",
                               calendars.left_over)
            warnings.append(fill(text, room))
        damaged_parts = sorted({line.path for line in planned.report.attention if line.reason == "archive_damaged"})
        if damaged_parts:
            # a part cut short or saved wrong: say which file to download again, not only "1 damaged item"
            warnings.append(fill(self.tr("Download these parts of the archive again from the link in Google's "
                                         "e-mail, then choose them again: %1"), ", ".join(damaged_parts)))
        if planned.renamed:
            warnings.append(self.tr("%n name(s) will be changed slightly, because Nextcloud refuses some characters "
                                    "or two names would clash. The report lists them.", "", planned.renamed))
        self.warnings.setText("\n\n".join(warnings))

    @Slot(bool)
    def _leave_out_toggled(self, on: bool) -> None:
        """The person's choice for the calendars past the hoster's maximum, kept in the journal."""
        m = self.state.migration
        if m is None:
            return
        m.with_options(replace(m.options, over_limit="leave_out" if on else "merge"))
        if self.state.planned is not None:
            self._fill_texts(self.state.planned)

    @Slot(int, int)
    def _progress(self, found: int, _bytes: int) -> None:
        self._found = found
        if self.state.planned is None and self._error is None:
            self._show()

    @Slot(object)
    def _plan_finished(self, event: PlanFinished) -> None:
        self._found = event.found

    @Slot(str, object)
    def _job_finished(self, name: str, result: object) -> None:
        if name != "check.plan":
            return
        assert isinstance(result, tuple)
        migration, planned = result
        assert isinstance(migration, Migration) and isinstance(planned, Planned)
        if self.state.migration is not None and self.state.migration is not migration:
            self.state.close_migration()
        self.state.migration = migration
        self.state.planned = planned
        self._show()
        self.completeChanged.emit()

    @Slot(str, object)
    def _job_failed(self, name: str, exc: object) -> None:
        if name != "check.plan":
            return
        self._error = problem_text(exc)
        self._show()

    def nothing_to_move(self) -> bool:
        """True when the listing found nothing this move can write, nor anything an earlier run wrote."""
        planned = self.state.planned
        if planned is None:
            return False
        return not any(k.pending + k.failed + k.moved + k.already_there + k.kept_both
                       for k in planned.report.kinds if Kind(k.kind) in planned.movable)

    def isComplete(self) -> bool:
        planned = self.state.planned
        if planned is None or self.state.bridge.busy("check.plan") or self.nothing_to_move():
            return False
        if planned.preflight is not None and not planned.preflight.fits:
            return self.anyway.isChecked()
        return True
