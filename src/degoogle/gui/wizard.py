"""The wizard window: the pages in order, the buttons' words, the language switch, and what closing
the window means while a move is running (keep going in the background, or pause and close)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QEvent, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QSystemTrayIcon, QVBoxLayout, QWidget, QWizard, QWizardPage

from degoogle.gui.bridge import EngineBridge, GuiThreadCollector
from degoogle.gui.context import AppContext
from degoogle.gui.pages.check import CheckPage
from degoogle.gui.pages.done import DonePage
from degoogle.gui.pages.moving import MovingPage
from degoogle.gui.pages.resume import ResumePage
from degoogle.gui.pages.source import SourcePage
from degoogle.gui.pages.target import TargetPage
from degoogle.gui.pages.welcome import WelcomePage
from degoogle.gui.pages.what import WhatPage
from degoogle.gui.session import Unfinished
from degoogle.gui.state import WizardState

log = logging.getLogger(__name__)


class PageId(IntEnum):
    RESUME = 0
    WELCOME = 1
    WHAT = 2
    SOURCE = 3
    TARGET = 4
    CHECK = 5
    MOVING = 6
    DONE = 7


class CloseQuestion(QDialog):
    """Keep going in the background, pause and close, or go back. Buttons stack up, so long French
    words fit at any text size."""

    answered = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.question, self.explain = QLabel(), QLabel()
        for words in (self.question, self.explain):
            words.setWordWrap(True)
            layout.addWidget(words)
        self.keep_going, self.pause_close, self.stay = QPushButton(), QPushButton(), QPushButton()
        for button, answer in ((self.keep_going, "background"), (self.pause_close, "pause"), (self.stay, "stay")):
            button.clicked.connect(lambda _=False, a=answer: self._answer(a))
            layout.addWidget(button)
        self.keep_going.setDefault(True)
        self.retranslate()

    def _answer(self, answer: str) -> None:
        self.accept()
        self.answered.emit(answer)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("The move is still going on"))
        self.question.setText(self.tr("Your data is still being moved. What would you like to do?"))
        self.explain.setText(self.tr("In the background, the move goes on with the window out of the way. "
                                     "Paused, it stops safely; start degoogle again to go on where it stopped."))
        self.keep_going.setText(self.tr("Keep going in the background"))
        self.pause_close.setText(self.tr("Pause and close"))
        self.stay.setText(self.tr("Go back to the window"))
        for button in (self.keep_going, self.pause_close, self.stay):
            button.setAccessibleName(button.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class MigrationWizard(QWizard):
    """``switch_language`` is given by the application (it owns the translator)."""

    def __init__(self, ctx: AppContext, unfinished: list[Unfinished] | None = None,
                 switch_language: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.collector = GuiThreadCollector(self)
        self.state = WizardState(ctx, EngineBridge(self))
        self._switch_language = switch_language
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self.pages: dict[PageId, QWizardPage] = {}
        if unfinished:
            self._add(PageId.RESUME, ResumePage(self.state, unfinished, PageId.MOVING, PageId.WELCOME))
        self._add(PageId.WELCOME, WelcomePage(self.state))
        self._add(PageId.WHAT, WhatPage(self.state))
        self._add(PageId.SOURCE, SourcePage(self.state))
        self._add(PageId.TARGET, TargetPage(self.state))
        self._add(PageId.CHECK, CheckPage(self.state))
        self._add(PageId.MOVING, MovingPage(self.state))
        self._add(PageId.DONE, DonePage(self.state))
        self.setStartId(PageId.RESUME if unfinished else PageId.WELCOME)
        self._closing = False
        self._tray: QSystemTrayIcon | None = None
        self.state.bridge.jobFinished.connect(self._job_finished)
        self.state.bridge.jobFailed.connect(self._job_finished)
        self.resize(820, 680)
        self.retranslate()

    def _add(self, page_id: PageId, page: QWizardPage) -> None:
        self.setPage(page_id, page)
        self.pages[page_id] = page

    @property
    def moving(self) -> MovingPage:
        page = self.pages[PageId.MOVING]
        assert isinstance(page, MovingPage)
        return page

    # -- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("degoogle: move out of Google") + (
            self.tr(" (practice)") if self.state.ctx.practice is not None else ""))
        words = {
            QWizard.WizardButton.NextButton: (self.tr("&Next"), self.tr("Next step")),
            QWizard.WizardButton.BackButton: (self.tr("&Back"), self.tr("Previous step")),
            QWizard.WizardButton.CancelButton: (self.tr("Close"), self.tr("Close degoogle")),
            QWizard.WizardButton.FinishButton: (self.tr("&Finish"), self.tr("Finish and close degoogle")),
            QWizard.WizardButton.CommitButton: (self.tr("&Start moving"), self.tr("Start moving")),
        }
        for which, (text, name) in words.items():
            self.setButtonText(which, text)
            button = self.button(which)
            if isinstance(button, QPushButton):
                button.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def switch_language(self, lang: str) -> None:
        """Speak ``lang`` from now on; every page is worded again before this returns."""
        if self._switch_language is not None:
            self.state.ctx.lang = self._switch_language(lang)
        else:
            self.state.ctx.lang = lang
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    # -- closing --------------------------------------------------------------------------------

    def close_question(self) -> CloseQuestion:
        """The question asked when the window is closed during a move; its answer arrives later
        (``_answered``)."""
        box = CloseQuestion(self)
        self.keep_going, self.pause_close, self.stay = box.keep_going, box.pause_close, box.stay
        box.answered.connect(self._answered)
        self.close_box = box
        return box

    def _ask_on_close(self) -> None:
        if getattr(self, "close_box", None) is not None and self.close_box.isVisible():
            return  # asked already: a second Escape or click does not stack a second question
        self.close_question().open()

    @Slot(str)
    def _answered(self, answer: str) -> None:
        if answer == "background":
            self._to_background()
        elif answer == "pause":
            self._closing = True
            self.state.bridge.control.cancel()

    def _to_background(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(self.windowIcon(), self)
            self._tray.setToolTip(self.tr("degoogle is moving your data"))
            self._tray.activated.connect(self._from_background)
            self._tray.show()
            self.hide()
        else:
            self.showMinimized()

    @Slot()
    def _from_background(self) -> None:
        if self._tray is not None:
            self._tray.hide()
            self._tray = None
        self.showNormal()
        self.raise_()

    @Slot(str, object)
    def _job_finished(self, name: str, _result: object) -> None:
        if name != "moving.run":
            return
        if self._closing:
            self.close()
        elif self.isHidden() or self.isMinimized():
            self._from_background()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.moving.running():
            event.ignore()
            if not self._closing:
                self._ask_on_close()
            # else: closes once the items in flight are finished (see _job_finished)
            return
        self.shutdown()
        # QDialog's own closeEvent would call reject(), which comes back here: accept it ourselves
        event.accept()

    def done(self, result: int) -> None:
        """The Close button, Escape and Finish end here (QDialog's ``reject``/``accept``): while a move
        runs, ask first; otherwise close the window (which ends the application when it is the last)."""
        if self.moving.running():
            if not self._closing:
                self._ask_on_close()
            return
        self.setResult(result)
        self.close()

    def shutdown(self) -> None:
        """Stop the engine thread and close the journal; safe to call twice."""
        self.moving.keep_awake.off()
        self.state.bridge.shutdown()
        self.state.close_migration()
        self.collector.stop()
