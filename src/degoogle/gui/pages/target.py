"""Where to: a hoster from the CHATONS directory (searchable, updatable) or any Nextcloud by its
address; signing in to it; and, when mail is to be moved, the mailbox (pre-filled from the directory
when known) or "no mailbox: keep my mail as an archive in my Nextcloud"."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from degoogle.chatons import Hoster, UpdateOutcome, UpdateResult
from degoogle.gui.formats import country_name, fill, kind_name
from degoogle.gui.signin import SignInBox
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, label, mark_data
from degoogle.gui.wrapping import WrappingCheckBox, WrappingRadioButton
from degoogle.hosters import search, taking_new_accounts
from degoogle.targets.nextcloud.account import NextcloudAccount

_SERVICE_KINDS = ("files", "mail", "calendar", "contacts")


class TargetPage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.hosters: list[Hoster] = state.ctx.hosters()
        self.intro = label()
        self.body.addWidget(self.intro)
        self.nextcloud_help = label()
        self.body.addWidget(self.nextcloud_help)
        row = QHBoxLayout()
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.search.textChanged.connect(self._fill)
        self.update_list = QPushButton()
        self.update_list.clicked.connect(self._update_list)
        row.addWidget(self.search_label)
        row.addWidget(self.search, 1)
        row.addWidget(self.update_list)
        self.body.addLayout(row)
        self._build_filter()
        self.list = QListWidget()
        self.list.setMinimumHeight(140)
        self.list.setWordWrap(True)
        mark_data(self.list)
        self.list.currentItemChanged.connect(self._hoster_chosen)
        self.body.addWidget(self.list)
        self.update_status = label(quiet=True)
        self.body.addWidget(self.update_status)
        self.details = label(data=True, selectable=True, quiet=True)
        self.body.addWidget(self.details)
        self.signup = QPushButton()
        self.signup.setVisible(False)
        self.signup.clicked.connect(self._open_signup)
        self.body.addWidget(self.signup, 0, Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.address_label = QLabel()
        self.address = QLineEdit()
        self.address_label.setBuddy(self.address)
        self.address.textEdited.connect(self._address_edited)
        form.addRow(self.address_label, self.address)
        self.body.addLayout(form)
        self.address_help = label()
        self.body.addWidget(self.address_help)
        self.signin = SignInBox(state, lambda: self.address.text(), "target.signin")
        self.signin.signedIn.connect(self._signed_in)
        self.body.addWidget(self.signin)
        self._build_mailbox()
        self.body.addStretch(1)
        state.bridge.jobFinished.connect(self._job_finished)
        self._update_result: UpdateResult | None = None
        self._fill()
        self.retranslate()

    def _build_filter(self) -> None:
        # the box's words wrap and the country sits under them: long French at 200 % never widens the page
        self.open_only = WrappingCheckBox()
        self.open_only.toggled.connect(self._fill)
        self.body.addWidget(self.open_only)
        row = QHBoxLayout()
        row.addSpacing(24)
        self.country = QComboBox()
        self.country.currentIndexChanged.connect(self._fill)
        row.addWidget(self.country)
        row.addStretch(1)
        self.body.addLayout(row)
        self.none_open = label(quiet=True)
        self.body.addWidget(self.none_open)

    def _fill_countries(self) -> None:
        """The countries of the listed hosters, the person's own first selected (Qt's locale for it)."""
        chosen = self.country.currentData() or QLocale.territoryToCode(QLocale.system().territory()).upper()
        codes = sorted({(h.country or "").upper() for h in self.hosters if h.country and len(h.country) == 2},
                       key=country_name)
        self.country.blockSignals(True)
        self.country.clear()
        self.country.addItem(self.tr("any country"), "")
        for code in codes:
            self.country.addItem(country_name(code), code)
        index = self.country.findData(chosen)
        self.country.setCurrentIndex(index if index >= 0 else 0)
        self.country.blockSignals(False)

    def _build_mailbox(self) -> None:
        self.mailbox = QGroupBox()
        box = QVBoxLayout(self.mailbox)
        self.mail_group = QButtonGroup(self)
        self.imap_radio, self.archive_radio = WrappingRadioButton(), WrappingRadioButton()
        self.mail_group.addButton(self.imap_radio)
        self.mail_group.addButton(self.archive_radio)
        self.imap_radio.setChecked(True)
        box.addWidget(self.imap_radio)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.mail_host, self.mail_user, self.mail_password = QLineEdit(), QLineEdit(), QLineEdit()
        self.mail_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.mail_port = QSpinBox()
        self.mail_port.setRange(1, 65535)
        self.mail_port.setValue(993)
        self.mail_labels = [QLabel() for _ in range(4)]
        for lab, edit in zip(self.mail_labels, (self.mail_host, self.mail_port, self.mail_user, self.mail_password),
                             strict=True):
            lab.setBuddy(edit)
            form.addRow(lab, edit)
        box.addLayout(form)
        # why "Next" stays grey: said where the missing field is, not left for the person to guess
        self.mail_missing = label(quiet=True)
        self.mail_missing.setIndent(24)
        box.addWidget(self.mail_missing)
        box.addWidget(self.archive_radio)
        self.archive_hint = QLabel()
        self.archive_hint.setWordWrap(True)
        self.archive_hint.setIndent(24)
        box.addWidget(self.archive_hint)
        for widget in (self.mail_host, self.mail_user, self.mail_password):
            widget.textChanged.connect(self.completeChanged)
            widget.textChanged.connect(self._show_mail_missing)
        self.imap_radio.toggled.connect(self._mail_mode)
        self.body.addWidget(self.mailbox)

    # -- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Where should your data go?"))
        self.intro.setText(self.tr(
            "Choose your hoster in the list of the CHATONS collective, or type the address of any other "
            "Nextcloud. Your hoster gave you this address and your login when you opened your account."))
        self.nextcloud_help.setText(self.tr(
            "Nextcloud is the program your hoster uses to keep your files, calendars and contacts on the "
            "Internet, in a space of your own: that is where your data goes."))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("name, town or service, e.g. Lyon, agenda"))
        self.search.setAccessibleName(self.tr("Search the list of hosters"))
        self.update_list.setText(self.tr("&Update the list"))
        self.update_list.setAccessibleName(self.tr("Update the list of hosters from chatons.org"))
        self.list.setAccessibleName(self.tr("Hosters of the CHATONS collective"))
        self.open_only.setText(self.tr("&Only a Nextcloud taking new accounts, in:"))
        self.open_only.setAccessibleName(self.tr("Show only hosters whose Nextcloud takes new accounts"))
        self.country.setAccessibleName(self.tr("Country of the hosters shown"))
        self._fill_countries()
        self.signup.setText(self.tr("Open its &sign-up page"))
        self.signup.setAccessibleName(self.tr("Open the hoster's sign-up page in your browser"))
        self.address_label.setText(self.tr("The &address your hoster gave you:"))
        self.address.setPlaceholderText(self.tr("the address of your Nextcloud, e.g. cloud.example.org"))
        self.address.setAccessibleName(self.tr("The address of your Nextcloud, as your hoster gave it"))
        self.address_help.setText(self.tr(
            "Your hoster gives this address when you open your account: look in its welcome e-mail or on its "
            "website, or ask it. No account yet? Tick the box above to see the hosters taking new accounts, "
            "choose one and open its sign-up page. Then sign in: your browser opens your hoster's page, you "
            "sign in there as usual and allow degoogle. Your password is never typed into degoogle."))
        self.mailbox.setTitle(self.tr("Your mail"))
        self.imap_radio.setText(self.tr("My hoster gives me a &mailbox"))
        self.imap_radio.setAccessibleName(self.tr("My hoster gives me a mailbox"))
        self.archive_radio.setText(self.tr("My hoster has no mailbox: keep my mail as an &archive in my Nextcloud"))
        self.archive_radio.setAccessibleName(self.tr("Keep my mail as an archive in my Nextcloud"))
        self.archive_hint.setText(self.tr(
            "One file per mail folder (mbox), in a “Mail” folder of your cloud, that Thunderbird can open. "
            "Every message is kept exactly as it is; only the marks “read” and “starred” are not kept."))
        for lab, text in zip(self.mail_labels, (self.tr("Mail server (IMAP):"), self.tr("Port:"),
                                                  self.tr("Mail login:"), self.tr("Mail password:")), strict=True):
            lab.setText(text)
        self.mail_host.setAccessibleName(self.tr("Mail server"))
        self.mail_port.setAccessibleName(self.tr("Mail server port"))
        self.mail_user.setAccessibleName(self.tr("Mail login"))
        self.mail_password.setAccessibleName(self.tr("Mail password"))
        self._show_mail_missing()
        self._fill()
        self._show_details()
        self._show_update()

    def _hoster_line(self, hoster: Hoster) -> str:
        place = ", ".join(p for p in (hoster.city, country_name(hoster.country) if hoster.country else None) if p)
        services = ", ".join(kind_name(s) for s in hoster.services if s in _SERVICE_KINDS)
        parts = [hoster.name + (f" ({place})" if place else "")]
        if hoster.source == "practice mode":
            parts = [self.tr("Practice hoster (on this computer)")]
        if services:
            parts.append(services)
        if hoster.taking_new_accounts:
            parts.append(self.tr("takes new accounts"))
        elif hoster.open_to_all:
            parts.append(self.tr("open to all"))
        return " · ".join(parts)

    @Slot()
    def _fill(self) -> None:
        current = self._current()
        self.list.blockSignals(True)
        self.list.clear()
        shown = search(self.hosters, self.search.text())
        if self.open_only.isChecked():
            country = self.country.currentData() or None
            open_now = taking_new_accounts(shown, country)
            practice = [h for h in shown if h.source == "practice mode"]  # the practice server stays reachable
            shown = practice + [h for h in open_now if h not in practice]
            self.none_open.setText("" if len(shown) > len(practice) else self.tr(
                "No hoster in the list is known to take new accounts there. Untick the box to see every "
                "hoster, or update the list."))
        else:
            self.none_open.setText("")
        for hoster in shown:
            item = QListWidgetItem(self._hoster_line(hoster))
            item.setData(Qt.ItemDataRole.UserRole, hoster)
            self.list.addItem(item)
            if current is not None and hoster == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _current(self) -> Hoster | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_details(self) -> None:
        hoster = self._current()
        if hoster is None:
            self.details.setText("")
            return
        lines = []
        self.signup.setVisible(bool(hoster.signup_url))
        if hoster.website:
            lines.append(fill(self.tr("Website: %1"), hoster.website))
        if hoster.open_to_all is False:
            lines.append(self.tr("Only for its members or its area."))
        registration = {"Free": self.tr("Anybody may open an account there, free of charge."),
                        "Client": self.tr("Accounts for its customers: it says on its site what they cost."),
                        "Member": self.tr("Accounts for its members only."),
                        }.get(hoster.nextcloud_registration or "")
        if registration:
            lines.append(registration)
        if hoster.nextcloud_load == "FULL":
            lines.append(self.tr("It takes no new accounts for the moment."))
        if hoster.signup_url:
            lines.append(fill(self.tr("To open an account: %1"), hoster.signup_url))
        if hoster.nextcloud_url:
            lines.append(fill(self.tr("Nextcloud: %1"), hoster.nextcloud_url))
        else:
            lines.append(self.tr("Its Nextcloud address is not in the list: type below the address your hoster "
                                 "gave you."))
        if hoster.imap_host:
            lines.append(fill(self.tr("Mail server: %1"), hoster.imap_host))
        self.details.setText("\n".join(lines))

    def _show_update(self) -> None:
        result = self._update_result
        if result is None:
            self.update_status.setText("")
        elif result.outcome is UpdateOutcome.UPDATED:
            self.update_status.setText(self.tr("The list is up to date: %n hosters.", "", result.count))
        else:
            self.update_status.setText(self.tr("The list could not be updated (no connection to chatons.org?); "
                                               "the list you see is the one already known."))

    # -- behaviour -------------------------------------------------------------------------------

    @Slot()
    def _hoster_chosen(self) -> None:
        hoster = self._current()
        self._show_details()
        if hoster is None:
            return
        self.state.choices.hoster = hoster.name
        # never keep the address of the hoster chosen before: this one's, or an empty field to fill in
        self.address.setText(hoster.nextcloud_url or "")
        self._address_edited()
        if hoster.imap_host and not self.mail_host.text():
            self.mail_host.setText(hoster.imap_host)

    @Slot()
    def _open_signup(self) -> None:
        hoster = self._current()
        if hoster is not None and hoster.signup_url:
            self.state.ctx.open_url(hoster.signup_url)

    @Slot()
    def _address_edited(self) -> None:
        if self.signin.account is not None:
            self.signin.reset()
            self.completeChanged.emit()

    @Slot()
    def _update_list(self) -> None:
        self.update_list.setEnabled(False)
        self.state.bridge.submit("target.update", self.state.ctx.directory.update)

    @Slot(str, object)
    def _job_finished(self, name: str, result: object) -> None:
        if name != "target.update":
            return
        self.update_list.setEnabled(True)
        assert isinstance(result, UpdateResult)
        self._update_result = result
        self.hosters = self.state.ctx.hosters()
        self._fill_countries()
        self._fill()
        self._show_update()

    @Slot(object)
    def _signed_in(self, account: NextcloudAccount) -> None:
        self.state.choices.base_url, self.state.choices.login = account.base_url, account.user
        if not self.mail_user.text():
            self.mail_user.setText(account.user)
        if not self.mail_host.text():
            self.mail_host.setText(urlsplit(account.base_url).hostname or "")
        self.completeChanged.emit()
        self._show_mail_missing()
        if getattr(self, "_mail_needed", False) and self.mailbox.isVisible():
            # signed in, the mail section is what is left: bring it into view (it starts below the fold)
            self.scroll_area.ensureWidgetVisible(self.mailbox)
            missing = self._missing_mail_fields()
            if missing:
                missing[0].setFocus()

    def _missing_mail_fields(self) -> list[QLineEdit]:
        if not (getattr(self, "_mail_needed", False) and self.imap_radio.isChecked()):
            return []
        return [w for w in (self.mail_host, self.mail_user, self.mail_password)
                if not (w.text() if w is self.mail_password else w.text().strip())]

    @Slot()
    def _show_mail_missing(self) -> None:
        missing = self._missing_mail_fields() if self.signin.account is not None else []
        names = {self.mail_host: self.tr("the mail server"), self.mail_user: self.tr("the mail login"),
                 self.mail_password: self.tr("the mail password")}
        self.mail_missing.setText(fill(self.tr("To go on, type %1 (your hoster gave it with your mailbox), or "
                                               "choose the archive below."),
                                       ", ".join(names[w] for w in missing)) if missing else "")

    @Slot(bool)
    def _mail_mode(self, imap: bool) -> None:
        for widget in (self.mail_host, self.mail_port, self.mail_user, self.mail_password, *self.mail_labels):
            widget.setEnabled(imap)
        self.completeChanged.emit()
        self._show_mail_missing()

    def initializePage(self) -> None:
        self._mail_needed = self.state.choices.wants_mail(self.state.ctx.movable)
        self.mailbox.setVisible(self._mail_needed)
        destinations = self.state.ctx.mail_destinations
        self.imap_radio.setEnabled("imap" in destinations)
        self.archive_radio.setEnabled("archive" in destinations)
        if "imap" not in destinations or (self.state.ctx.practice is not None and "archive" in destinations):
            self.archive_radio.setChecked(True)  # the practice hoster has no mailbox

    def isComplete(self) -> bool:
        if self.signin.account is None:
            return False
        if getattr(self, "_mail_needed", False) and self.imap_radio.isChecked():
            return bool(self.mail_host.text().strip() and self.mail_user.text().strip() and self.mail_password.text())
        return True

    def validatePage(self) -> bool:
        c = self.state.choices
        c.mailbox.mode = "imap" if self.imap_radio.isChecked() else "archive"
        c.mailbox.host, c.mailbox.port, c.mailbox.user = (self.mail_host.text().strip(), self.mail_port.value(),
                                                          self.mail_user.text().strip())
        if c.wants_mail(self.state.ctx.movable) and c.mailbox.mode == "imap":
            self.state.ctx.secrets.keep_mailbox(c.mailbox.destination(), self.mail_password.text())
        return True
