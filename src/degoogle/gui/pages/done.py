"""Done: per kind what moved, what was already there and what needs attention, each with a reason a
person understands and what to do; open the Nextcloud, save the HTML report, and "send to my
helper" (a diagnostic bundle without secrets, message contents or, unless agreed, file names)."""

from __future__ import annotations

import logging
import time
from html import escape as html_escape
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Slot, qVersion
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from degoogle.app.diagnose import bundle_name, write_bundle
from degoogle.engine.report import Report, to_html
from degoogle.gui.formats import fill, kind_name, number_text
from degoogle.gui.landed import LandedBox, places
from degoogle.gui.language import report_language
from degoogle.gui.reasons import reason_text, todo_text
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, counts_table, heading, label
from degoogle.gui.wrapping import FlowRow, WrappingCheckBox

log = logging.getLogger(__name__)


class HelperDialog(QDialog):
    """Asks whether file names may go in the bundle (no by default), then where to save it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.text = label()
        box.addWidget(self.text)
        self.names = WrappingCheckBox()
        box.addWidget(self.names)
        # buttons of our own: Qt's standard ones would take Qt's words back on a language change
        self.buttons = QDialogButtonBox()
        self.save, self.cancel = QPushButton(), QPushButton()
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        """As tall as its wrapped words need at a readable width: a dialog sizes itself from its
        layout's one-line size hint, and with a wider font (Noto) at 200 % that cut the text off."""
        em = self.fontMetrics().averageCharWidth()
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        layout = self.layout()
        assert layout is not None  # set in __init__
        width = max(layout.sizeHint().width(), 45 * em)
        if screen is not None:
            width = min(width, screen.width() - 40)
        height = layout.totalHeightForWidth(width)
        self.setMinimumSize(width, height)
        self.resize(width, height)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Send to my helper"))
        self.text.setText(self.tr(
            "degoogle saves a file for the person who helps you: figures about your move, the versions of the "
            "programs and the log. It holds no password and no message contents. Send it to them by e-mail."))
        self.names.setText(self.tr("Also include the &names of files and folders (helps find a problem)"))
        self.names.setAccessibleName(self.tr("Include the names of files and folders"))
        self.save.setText(self.tr("&Save…"))
        self.save.setAccessibleName(self.tr("Save the file"))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.tr("Cancel"))
        if self.isVisible():
            self._fit()


class DonePage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.headline = heading()
        self.body.addWidget(self.headline)
        self.table = counts_table(5)
        self.body.addWidget(self.table)
        self.not_moved = label(data=True, quiet=True)
        self.body.addWidget(self.not_moved)
        self.landed_title = heading()
        self.body.addWidget(self.landed_title)
        self.landed = LandedBox(lambda url: self.state.ctx.open_url(url))
        self.body.addWidget(self.landed)
        self.next_title = heading()
        self.body.addWidget(self.next_title)
        self.next_steps = label()
        self.body.addWidget(self.next_steps)
        row = FlowRow()
        self.open_cloud = QPushButton()
        self.open_cloud.clicked.connect(self._open_cloud)
        self.save_report = QPushButton()
        self.save_report.clicked.connect(self._save_report)
        self.helper = QPushButton()
        self.helper.clicked.connect(self._send_to_helper)
        for button in (self.open_cloud, self.save_report, self.helper):
            row.addWidget(button)
        self.body.addLayout(row)
        self.saved = label(data=True, selectable=True, quiet=True)
        self.body.addWidget(self.saved)
        self.attention_title = heading()
        self.body.addWidget(self.attention_title)
        # the person's own file names, grouped by reason: wrapped text reads better than a table's
        # cut-off cells, and a helper on the phone can have a name read out
        self.attention = label(data=True, selectable=True, rich=True)
        self.body.addWidget(self.attention)
        self.body.addStretch(1)
        self._saved_text = ("", "")
        self.retranslate()

    def initializePage(self) -> None:
        self.retranslate()

    def _report(self) -> Report | None:
        m = self.state.migration
        if m is None:
            return self.state.report
        lang = report_language(self.state.lang)
        if self.state.report is None or self.state.report.lang != lang:
            self.state.report = m.report(lang)
        return self.state.report

    def retranslate(self) -> None:
        self.setTitle(self.tr("Done"))
        self.table.setHorizontalHeaderLabels([self.tr("Data"), self.tr("Moved"), self.tr("Already there"),
                                              self.tr("Needs attention"), self.tr("Not moved")])
        self.table.setAccessibleName(self.tr("What was moved, per kind of data"))
        self.attention.setAccessibleName(self.tr("Items that need your attention"))
        self.next_title.setText(self.tr("What to do now"))
        self.open_cloud.setText(self.tr("&Open my Nextcloud"))
        self.open_cloud.setAccessibleName(self.tr("Open my Nextcloud in the browser"))
        self.save_report.setText(self.tr("Save the &report…"))
        self.save_report.setAccessibleName(self.tr("Save the report as a web page"))
        self.helper.setText(self.tr("Send to my &helper…"))
        self.helper.setAccessibleName(self.tr("Save a file for the person who helps you"))
        key, path = self._saved_text
        texts = {"": "", "report": self.tr("Report saved: %1"), "bundle": self.tr("File for your helper saved: %1"),
                 "error": self.tr("Could not save %1")}
        self.saved.setText(fill(texts[key], path) if key else "")
        self._show()

    def _show(self) -> None:
        report = self._report()
        if report is None:
            self.headline.setText("")
            return
        attention = report.needs_attention
        landed = sum(k.moved + k.kept_both + k.already_there for k in report.kinds)
        if not landed:
            # never "your data has moved" when nothing reached the hoster (a web page saved as .zip)
            self.headline.setText(self.tr("Nothing was moved. %n item(s) need your attention: see below.", "",
                                          attention) if attention else self.tr("Nothing was moved."))
        elif attention:
            self.headline.setText(self.tr("Your data has moved. %n item(s) need your attention: see below.", "",
                                       attention))
        else:
            self.headline.setText(self.tr("Your data has moved. Everything that was moved was checked at your "
                                          "hoster."))
        rows = [k for k in report.kinds if k.found]
        self.table.setRowCount(len(rows))
        for row, k in enumerate(rows):
            values = (kind_name(k.kind), *(number_text(n) for n in (k.moved + k.kept_both, k.already_there,
                                                                      k.needs_attention, k.skipped + k.pending)))
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(self.table.horizontalHeader().height()
                                  + sum(self.table.rowHeight(r) for r in range(len(rows))) + 4)
        self.not_moved.setText("\n".join(self._not_moved_lines(report)))
        found = places(self.state.migration, report) if self.state.migration is not None else []
        self.landed.show_places(found)
        self.landed_title.setText(self.tr("Where your data is now"))
        self.landed_title.setVisible(bool(found))
        self.next_steps.setText("\n".join(f"{n}. {step}" for n, step in enumerate(self._next_steps(report), 1)))
        self.attention.setText(self._attention_html(report))
        self.attention.setVisible(bool(report.attention))
        self.attention_title.setVisible(bool(report.attention))
        self.attention_title.setText(self.tr("What needs your attention"))

    def _not_moved_lines(self, report: Report) -> list[str]:
        lines = []
        for k in report.kinds:
            for code, n in report.skipped.get(k.kind, {}).items():
                where = report.skipped_where.get(k.kind) if code == "not_supported_yet" else None
                line = fill(self.tr("%1: %n item(s) not moved. %2", "", n), kind_name(k.kind), reason_text(code))
                line = f"{line} {todo_text(code)}".strip()
                if where:
                    line += " " + fill(self.tr("(In your archive: %1.)"), ", ".join(where))
                lines.append(line)
        if report.renames:
            lines.append(self.tr("%n name(s) were changed slightly on the way, because Nextcloud refuses some "
                                 "characters or two names would clash; the saved report lists them.", "",
                                 len(report.renames)))
        return lines

    def _next_steps(self, report: Report) -> list[str]:
        """What the person does now, in order; each step names the button it needs."""
        steps = [self.tr("Click \"Open my Nextcloud\" and have a look: what was moved is there.")]
        if report.attention:
            steps.append(self.tr("Read \"What needs your attention\" below: each point says why and what to do. "
                                 "Once it is done, run the assistant again: what is already at your hoster is not "
                                 "copied twice."))
        if any(report.skipped.values()):
            steps.append(self.tr("What was not moved stays safe where it was: keep your archive."))
        steps.append(self.tr("Click \"Save the report\" to keep a record of what moved. If something is not "
                             "clear, click \"Send to my helper\" and send that file to the person who helps you."))
        steps.append(self.tr("Nothing was deleted at Google or iCloud. Close your account there only once you "
                             "have found everything at your hoster."))
        return steps

    def _attention_html(self, report: Report) -> str:
        """The items needing a look, grouped by reason: why, what to do, then the items' names."""
        def escape(text: str) -> str:
            return html_escape(text, quote=False)

        groups: dict[str, list[str]] = {}
        for line in report.attention:
            groups.setdefault(line.reason, []).append(line.path)
        shown = 10
        parts = []
        for code, paths in sorted(groups.items(), key=lambda g: -len(g[1])):
            names = "<br>".join(escape(p) for p in paths[:shown])
            if len(paths) > shown:
                names += "<br>" + escape(self.tr("… and %n more: the saved report lists them all.", "",
                                                 len(paths) - shown))
            why = fill(self.tr("%n item(s): %1", "", len(paths)), reason_text(code))
            todo = todo_text(code)
            todo_line = "<br>" + escape(fill(self.tr("What to do: %1"), todo)) if todo else ""
            parts.append(f"<p><b>{escape(why)}</b>{todo_line}<br>{names}</p>")
        return "".join(parts)

    # -- actions --------------------------------------------------------------------------------

    def _ask_path(self, what: str, name: str, filter_text: str) -> Path | None:
        ask = self.state.ctx.ask_save_path
        if ask is not None:
            return ask(what, name)
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save"), str(self.state.ctx.save_dir / name),
                                                filter_text)
        return Path(chosen) if chosen else None

    @Slot()
    def _open_cloud(self) -> None:
        account = self.state.account()
        if account is not None:
            self.state.ctx.open_url(account.base_url)

    @Slot()
    def _save_report(self) -> None:
        report = self._report()
        name = fill(self.tr("degoogle report %1.html"), time.strftime("%Y-%m-%d"))
        path = self._ask_path("report", name, self.tr("Web page (*.html)"))
        if report is None or path is None:
            return
        try:
            path.write_text(to_html(report), encoding="utf-8")
            self._saved_text = ("report", str(path))
        except OSError as exc:
            log.warning("report not saved: %s", exc)
            self._saved_text = ("error", str(path))
        self.retranslate()

    @Slot()
    def _send_to_helper(self) -> None:
        self.helper_dialog = HelperDialog(self)
        self.helper_dialog.accepted.connect(lambda: self.make_bundle(self.helper_dialog.names.isChecked()))
        self.helper_dialog.open()

    def make_bundle(self, include_names: bool) -> Path | None:
        m = self.state.migration
        path = self._ask_path("bundle", bundle_name(),
                              self.tr("Zip file (*.zip)"))
        if m is None or path is None:
            return None
        try:
            write_bundle(path, m.journal, include_names=include_names, secrets=self.state.ctx.secrets.known(),
                         extra_versions={"Qt": qVersion(), "PySide6": pyside_version},
                         lang=report_language(self.state.lang))
            self._saved_text = ("bundle", str(path))
        except OSError as exc:
            log.warning("bundle not saved: %s", exc)
            self._saved_text = ("error", str(path))
        self.retranslate()
        return path
