"""Resume: shown first when the app's data folder holds a move that is not finished. Resuming goes
straight to the Moving page (signing in again first when no app password is kept); otherwise the
wizard starts afresh and the old journal stays where it is."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup, QLineEdit, QRadioButton

from degoogle.app.migration import Migration
from degoogle.gui.formats import date_time_text, fill
from degoogle.gui.session import Unfinished
from degoogle.gui.signin import SignInBox
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, label, mark_data
from degoogle.targets.nextcloud.account import NextcloudAccount


class ResumePage(Page):
    def __init__(self, state: WizardState, unfinished: list[Unfinished], next_page: int, new_page: int) -> None:
        super().__init__(state)
        self.unfinished = unfinished[0]
        self.next_page, self.new_page = next_page, new_page
        self.text = label(data=True)
        self.body.addWidget(self.text)
        self.group = QButtonGroup(self)
        self.resume, self.fresh = QRadioButton(), QRadioButton()
        self.group.addButton(self.resume)
        self.group.addButton(self.fresh)
        self.resume.setChecked(True)
        self.body.addWidget(self.resume)
        self.body.addWidget(self.fresh)
        self.need_signin = label()
        self.body.addWidget(self.need_signin)
        self.address = QLineEdit(NextcloudAccount.parse(self.unfinished.target).base_url)
        self.address.setReadOnly(True)
        mark_data(self.address)
        self.body.addWidget(self.address)
        self.signin = SignInBox(state, lambda: self.address.text(), "resume.signin")
        self.signin.signedIn.connect(self.completeChanged)
        self.body.addWidget(self.signin)
        self.body.addStretch(1)
        for radio in (self.resume, self.fresh):
            radio.toggled.connect(self._changed)
        self.retranslate()

    def source_words(self, spec: str) -> str:
        """The source as a person recognises it (their own folder's name may show: it is their screen)."""
        scheme, _, rest = spec.partition(":")
        if scheme == "takeout":
            return self.tr("a Google Takeout archive (%n part(s))", "", len([p for p in rest.split(",") if p]))
        if scheme == "folder":
            return fill(self.tr("the folder %1"), rest)
        return spec

    def _account(self) -> NextcloudAccount:
        return NextcloudAccount.parse(self.unfinished.target)

    def _has_password(self) -> bool:
        return self.state.ctx.secrets.target(self._account()) is not None

    def retranslate(self) -> None:
        u = self.unfinished
        self.setTitle(self.tr("A move is not finished"))
        when = date_time_text(u.started)
        self.text.setText(fill(self.tr("You started moving %1 to %2. %3 of %4 items are already there (last "
                                       "activity: %5). Nothing was lost: it can go on where it stopped."),
                               self.source_words(u.source), self._account().host, u.done, u.total, when))
        self.resume.setText(self.tr("&Resume this move (recommended)"))
        self.resume.setAccessibleName(self.tr("Resume this move"))
        self.fresh.setText(self.tr("Start a &new move"))
        self.fresh.setAccessibleName(self.tr("Start a new move"))
        self.need_signin.setText(self.tr("To go on, sign in to your hoster again:"))
        self.address.setAccessibleName(self.tr("Address of your Nextcloud"))
        self._changed()

    @Slot()
    def _changed(self) -> None:
        need = self.resume.isChecked() and not self._has_password()
        for widget in (self.need_signin, self.address, self.signin):
            widget.setVisible(need)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.fresh.isChecked() or self._has_password()

    def validatePage(self) -> bool:
        if self.fresh.isChecked():
            return True
        self.state.close_migration()
        self.state.migration = Migration.open(self.unfinished.path)
        account = self.state.migration.account
        self.state.choices.base_url, self.state.choices.login = account.base_url, account.user
        self.state.resume = self.unfinished
        return True

    def nextId(self) -> int:
        return self.next_page if self.resume.isChecked() else self.new_page
