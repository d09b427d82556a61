"""Welcome: what will happen in three sentences, what one needs before starting and where to find help,
the privacy promise, and the language."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from degoogle.gui.context import TAKEOUT_URL
from degoogle.gui.language import LANGUAGES, NATIVE_NAMES
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, heading, label

#: the collective's forum, where volunteers of the member hosters answer questions
CHATONS_FORUM_URL = "https://forum.chatons.org/"


class WelcomePage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.practice = label()
        self.practice.setStyleSheet("background: #fff4d6; padding: 8px; border-radius: 4px;")
        self.practice.setVisible(state.ctx.practice is not None)
        self.body.addWidget(self.practice)
        self.intro = label()
        self.body.addWidget(self.intro)
        self._build_needs()
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

    def _build_needs(self) -> None:
        needs = QFrame()
        needs.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(needs)
        self.needs_title = heading()
        self.need_account, self.need_archive, self.need_help = label(), label(), label()
        self.open_takeout, self.open_forum = QPushButton(), QPushButton()
        self.open_takeout.clicked.connect(lambda: self.state.ctx.open_url(TAKEOUT_URL))
        self.open_forum.clicked.connect(lambda: self.state.ctx.open_url(CHATONS_FORUM_URL))
        box.addWidget(self.needs_title)
        box.addWidget(self.need_account)
        box.addWidget(self.need_archive)
        row = QHBoxLayout()
        row.addWidget(self.open_takeout)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.need_help)
        row = QHBoxLayout()
        row.addWidget(self.open_forum)
        row.addStretch(1)
        box.addLayout(row)
        self.body.addWidget(needs)

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
        self.needs_title.setText(self.tr("Before you start, you need"))
        self.need_account.setText(self.tr(
            "• An account at a hoster that gives you a Nextcloud, and the address it gave you. None yet? "
            "A later page lists the hosters of the CHATONS collective that take new accounts, with their "
            "sign-up page."))
        self.need_archive.setText(self.tr(
            "• Your Google data as an archive (Google calls it a Takeout): ask for it on Google's Takeout "
            "page; Google sends you an e-mail with a download link when it is ready, which can take from a "
            "few hours to a few days. For iCloud you need your Apple ID and an app-specific password "
            "instead."))
        self.open_takeout.setText(self.tr("Open Google &Takeout"))
        self.open_takeout.setAccessibleName(self.tr("Open Google's Takeout page in your browser"))
        self.need_help.setText(self.tr(
            "Stuck? Your hoster can help you, and so can the volunteers of the CHATONS forum. At the end, "
            "degoogle can save a file for the person helping you: it says what happened, without any "
            "password."))
        self.open_forum.setText(self.tr("Open the CHATONS &forum"))
        self.open_forum.setAccessibleName(self.tr("Open the forum of the CHATONS collective in your browser"))
        self.promise_title.setText(self.tr("Your data stays yours"))
        self.promise.setText(self.tr(
            "Nothing is deleted or changed at Google or iCloud: you can look there afterwards and close "
            "your account only when you are sure. Your data goes straight from this computer to your hoster; "
            "it passes through no other server, not even ours."))
        self.language_label.setText(self.tr("&Language:"))
        self.language.setAccessibleName(self.tr("Language of the assistant"))

    @Slot(int)
    def _language_chosen(self, index: int) -> None:
        from degoogle.gui.wizard import MigrationWizard  # here, not on top: that module imports this page

        wizard = self.wizard()
        if isinstance(wizard, MigrationWizard):
            wizard.switch_language(self.language.itemData(index))
