"""Welcome: what will happen in three sentences, the privacy promise, and the language."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout

from degoogle.gui.language import LANGUAGES, NATIVE_NAMES
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, heading, label


class WelcomePage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.practice = label()
        self.practice.setStyleSheet("background: #fff4d6; padding: 8px; border-radius: 4px;")
        self.practice.setVisible(state.ctx.practice is not None)
        self.body.addWidget(self.practice)
        self.intro = label()
        self.body.addWidget(self.intro)
        promise = QFrame()
        promise.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(promise)
        self.promise_title = heading()
        self.promise = label()
        box.addWidget(self.promise_title)
        box.addWidget(self.promise)
        self.body.addWidget(promise)
        row = QHBoxLayout()
        self.language_label = QLabel()
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(NATIVE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(state.ctx.lang) if state.ctx.lang in LANGUAGES else 1)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_label.setBuddy(self.language)
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome"))
        self.practice.setText(self.tr(
            "Practice mode: a sample Google archive and a server on this computer stand in for yours. "
            "Try every step; nothing leaves this computer."))
        self.intro.setText(self.tr(
            "This assistant copies your mail, files, calendars and contacts from Google or iCloud to your "
            "hoster, a member of the CHATONS collective (small independent hosters who respect your privacy). "
            "It first looks at what you have and tells you how long "
            "it will take, then moves everything, overnight if need be, and picks up where it stopped if the "
            "computer is switched off. At the end, a report tells you what moved and what needs your attention."))
        self.promise_title.setText(self.tr("Your data stays yours"))
        self.promise.setText(self.tr(
            "Nothing is deleted or changed at Google or iCloud: you can look there afterwards and close "
            "your account only when you are sure. Your data goes straight from this computer to your hoster; "
            "it passes through no other server, not even ours."))
        self.language_label.setText(self.tr("&Language:"))
        self.language.setAccessibleName(self.tr("Language of the assistant"))

    @Slot(int)
    def _language_chosen(self, index: int) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.switch_language(self.language.itemData(index))  # type: ignore[attr-defined]
