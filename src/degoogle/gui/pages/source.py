"""Where from: a Google Takeout archive (recommended, with step-by-step help), Google sign-in (when an
OAuth client is set up), iCloud, a folder on this computer, or another mail account. What this
version cannot read yet is shown, disabled, with why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from degoogle.gui.context import APPLE_ACCOUNT_URL, APPLE_APP_PASSWORD_HELP, TAKEOUT_URL
from degoogle.gui.reasons import problem_html
from degoogle.gui.session import folder_problem, part_problem
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, label, mark_data, problem_label
from degoogle.gui.wrapping import FlowRow, WrappingRadioButton

OPTIONS = ("takeout", "google", "icloud", "folder", "imap")


class SourcePage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.intro = label()
        self.body.addWidget(self.intro)
        self.group = QButtonGroup(self)
        self.radios: dict[str, WrappingRadioButton] = {}
        self.panels: dict[str, QWidget] = {}
        self.why_not: dict[str, QLabel] = {}
        for option in OPTIONS:
            radio = WrappingRadioButton()
            self.group.addButton(radio)
            self.radios[option] = radio
            self.body.addWidget(radio)
            why = label()
            why.setContentsMargins(24, 0, 0, 0)
            self.why_not[option] = why
            self.body.addWidget(why)
            panel = QWidget()
            self.panels[option] = panel
            self.body.addWidget(panel)
            radio.toggled.connect(self._option_changed)
        self._build_takeout(self.panels["takeout"])
        self._build_icloud(self.panels["icloud"])
        self._build_folder(self.panels["folder"])
        self._build_imap(self.panels["imap"])
        self.body.addStretch(1)
        self._build_done = True
        if state.ctx.practice is not None:
            self._set_parts(state.ctx.practice.parts)
        self.radios["takeout"].setChecked(True)
        self.retranslate()

    # -- building -------------------------------------------------------------------------------

    def _build_takeout(self, panel: QWidget) -> None:
        box = QVBoxLayout(panel)
        box.setContentsMargins(24, 0, 0, 0)
        self.steps = label()
        box.addWidget(self.steps)
        row = FlowRow()
        self.open_takeout = QPushButton()
        self.open_takeout.clicked.connect(lambda: self.state.ctx.open_url(TAKEOUT_URL))
        self.choose_parts = QPushButton()
        self.choose_parts.clicked.connect(self._choose_parts)
        row.addWidget(self.open_takeout)
        row.addWidget(self.choose_parts)
        box.addLayout(row)
        self.parts_label = QLabel()
        box.addWidget(self.parts_label)
        self.parts = QListWidget()
        self.parts.setMaximumHeight(110)
        self.parts.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)  # remove several at once
        mark_data(self.parts)
        self.parts_label.setBuddy(self.parts)
        box.addWidget(self.parts)
        self.parts_problems = problem_label()
        box.addWidget(self.parts_problems)
        self.remove_part = QPushButton()
        self.remove_part.clicked.connect(self._remove_part)
        box.addWidget(self.remove_part)

    def _build_icloud(self, panel: QWidget) -> None:
        form = QFormLayout(panel)
        form.setContentsMargins(24, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.icloud_help = label()
        form.addRow(self.icloud_help)
        self.apple_id, self.apple_password = QLineEdit(), QLineEdit()
        self.apple_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.apple_id_label, self.apple_password_label = QLabel(), QLabel()
        self.apple_id_label.setBuddy(self.apple_id)
        self.apple_password_label.setBuddy(self.apple_password)
        form.addRow(self.apple_id_label, self.apple_id)
        form.addRow(self.apple_password_label, self.apple_password)
        row = FlowRow()
        self.apple_help = QPushButton()
        self.apple_help.clicked.connect(lambda: self.state.ctx.open_url(APPLE_APP_PASSWORD_HELP))
        self.apple_account = QPushButton()
        self.apple_account.clicked.connect(lambda: self.state.ctx.open_url(APPLE_ACCOUNT_URL))
        row.addWidget(self.apple_help)
        row.addWidget(self.apple_account)
        form.addRow(row)
        for edit in (self.apple_id, self.apple_password):
            edit.textChanged.connect(self.completeChanged)

    def _build_folder(self, panel: QWidget) -> None:
        row = QHBoxLayout(panel)
        row.setContentsMargins(24, 0, 0, 0)
        self.folder_label = QLabel()
        self.folder = QLineEdit()
        self.folder_label.setBuddy(self.folder)
        self.folder.textChanged.connect(self.completeChanged)
        self.choose_folder = QPushButton()
        self.choose_folder.clicked.connect(self._choose_folder)
        row.addWidget(self.folder_label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_folder)
        self.folder.editingFinished.connect(self._show_problems)
        self.folder_problem = problem_label()
        self.folder_problem.setContentsMargins(24, 0, 0, 0)
        outer = self.body.indexOf(panel)
        self.body.insertWidget(outer + 1, self.folder_problem)

    def _build_imap(self, panel: QWidget) -> None:
        form = QFormLayout(panel)
        form.setContentsMargins(24, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.imap_host, self.imap_user, self.imap_password = QLineEdit(), QLineEdit(), QLineEdit()
        self.imap_port = QSpinBox()
        self.imap_port.setRange(1, 65535)
        self.imap_port.setValue(993)
        self.imap_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.imap_labels = [QLabel() for _ in range(4)]
        for lab, edit in zip(self.imap_labels, (self.imap_host, self.imap_port, self.imap_user, self.imap_password),
                             strict=True):
            lab.setBuddy(edit)
            form.addRow(lab, edit)
        for edit in (self.imap_host, self.imap_user, self.imap_password):
            edit.textChanged.connect(self.completeChanged)

    # -- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Where is your data now?"))
        self.intro.setText(self.tr("Choose where to copy from. Nothing will be changed or deleted there."))
        names = {
            "takeout": self.tr("A Google Takeout archive (recommended for Google)"),
            "google": self.tr("Sign in to my Google account"),
            "icloud": self.tr("iCloud (Apple)"),
            "folder": self.tr("A folder on this computer (for example iCloud Drive or a USB disk)"),
            "imap": self.tr("Another mail account (IMAP)"),
        }
        for option, radio in self.radios.items():
            radio.setText(names[option])
            radio.setAccessibleName(names[option])
            available = self.available(option)
            radio.setEnabled(available)
            self.why_not[option].setVisible(not available)
            self.why_not[option].setText(self._why_not(option))
        self.steps.setText(self.tr(
            "1. Click \"Open Google Takeout\" and sign in to your Google account.\n"
            "2. Click \"Deselect all\", then tick Drive, Mail, Calendar and Contacts.\n"
            "3. Click \"Next step\"; keep \"Send download link via email\", \".zip\" and \"2 GB\", then click "
            "\"Create export\".\n"
            "4. Google sends you an e-mail when the archive is ready: a few hours, sometimes a day or two. "
            "Download every part it lists.\n"
            "5. Come back here and choose the downloaded files (all the parts, in one go)."))
        self.open_takeout.setText(self.tr("&Open Google Takeout"))
        self.open_takeout.setAccessibleName(self.tr("Open Google Takeout in the browser"))
        self.choose_parts.setText(self.tr("&Choose the downloaded files…"))
        self.choose_parts.setAccessibleName(self.tr("Choose the downloaded archive files"))
        self.parts_label.setText(self.tr("Archive &parts chosen:"))
        self.parts.setAccessibleName(self.tr("Archive parts chosen"))
        self.remove_part.setText(self.tr("&Remove the selected part"))
        self.remove_part.setAccessibleName(self.tr("Remove the selected archive part"))
        self.icloud_help.setText(self.tr(
            "iCloud asks for an app-specific password, not your usual one: a second password that Apple makes "
            "for one program only, and that you can withdraw later. Create it on Apple's account page (Sign-In "
            "and Security, App-Specific Passwords) and paste it here."))
        self.apple_id_label.setText(self.tr("Apple &ID:"))
        self.apple_id.setAccessibleName(self.tr("Apple ID"))
        self.apple_password_label.setText(self.tr("App-specific pass&word:"))
        self.apple_password.setAccessibleName(self.tr("App-specific password"))
        self.apple_help.setText(self.tr("How to create one"))
        self.apple_help.setAccessibleName(self.tr("Open Apple's help on app-specific passwords"))
        self.apple_account.setText(self.tr("Open Apple's account page"))
        self.apple_account.setAccessibleName(self.apple_account.text())
        self.folder_label.setText(self.tr("&Folder:"))
        self.folder.setAccessibleName(self.tr("Folder to copy"))
        self.choose_folder.setText(self.tr("C&hoose…"))
        self.choose_folder.setAccessibleName(self.tr("Choose the folder to copy"))
        for lab, text in zip(self.imap_labels, (self.tr("Mail &server:"), self.tr("&Port:"), self.tr("Log&in:"),
                                                  self.tr("Pass&word:")), strict=True):
            lab.setText(text)
        self.imap_host.setAccessibleName(self.tr("Mail server"))
        self.imap_port.setAccessibleName(self.tr("Port"))
        self.imap_user.setAccessibleName(self.tr("Mail login"))
        self.imap_password.setAccessibleName(self.tr("Mail password"))
        self._show_problems()

    def _why_not(self, option: str) -> str:
        if option == "google":
            return self.tr("Needs a Google sign-in key set up by your hoster or your helper; until then, use a "
                           "Takeout archive: it gives the same data.")
        return self.tr("Not in this version of degoogle yet.")

    # -- behaviour -------------------------------------------------------------------------------

    def available(self, option: str) -> bool:
        if option == "google":
            return self.state.ctx.google_configured
        if option == "imap":
            return bool({"imap", "imaps"} & self.state.ctx.source_schemes)
        return option in self.state.ctx.source_schemes

    def option(self) -> str:
        return next((o for o, r in self.radios.items() if r.isChecked()), "takeout")

    @Slot()
    def _option_changed(self) -> None:
        if not getattr(self, "_build_done", False):
            return
        chosen = self.option()
        for option, panel in self.panels.items():
            panel.setVisible(option == chosen)
        self._show_problems()
        self.completeChanged.emit()

    def _set_parts(self, paths: list[Path]) -> None:
        known = set(self.part_paths())
        for path in paths:
            if path not in known:
                # the file's name is what a person recognises (a long folder path would push it off the
                # right edge at large text sizes); the whole path is in the tooltip
                item = QListWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.parts.addItem(item)
        self._show_problems()
        self.completeChanged.emit()

    def part_problems(self) -> list[tuple[Path, str]]:
        """The chosen parts that cannot be read, each with why (a reason code)."""
        found = [(path, part_problem(path)) for path in self.part_paths()]
        return [(path, code) for path, code in found if code is not None]

    def _folder_problem(self) -> str | None:
        typed = self.folder.text().strip()
        return folder_problem(Path(typed).expanduser()) if typed else None

    @Slot()
    def _show_problems(self) -> None:
        """Each chosen file or folder that cannot be used, named, with why and what to do."""
        if not getattr(self, "_build_done", False):
            return
        self.parts_problems.setText("".join(f"<p>{problem_html(path.name, code)}</p>"
                                            for path, code in self.part_problems()))
        code = self._folder_problem()
        self.folder_problem.setText(problem_html(self.folder.text().strip(), code)
                                    if code and self.option() == "folder" else "")

    def part_paths(self) -> list[Path]:
        return [Path(self.parts.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.parts.count())]

    @Slot()
    def _choose_parts(self) -> None:
        ask = self.state.ctx.ask_open_paths
        if ask is not None:
            self._set_parts(ask("takeout"))
            return
        # opened, not exec'd: the wizard keeps answering (a move's progress, closing) while it is up
        dialog = QFileDialog(self, self.tr("Choose the parts of your Google archive"),
                             str(self.state.ctx.downloads_dir),
                             self.tr("Google archives (*.zip *.tgz *.tar.gz);;All files (*)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.filesSelected.connect(lambda names: self._set_parts([Path(n) for n in names]))
        self.file_dialog = dialog
        dialog.open()

    @Slot()
    def _remove_part(self) -> None:
        for item in self.parts.selectedItems():
            self.parts.takeItem(self.parts.row(item))
        self._show_problems()
        self.completeChanged.emit()

    @Slot()
    def _choose_folder(self) -> None:
        ask = self.state.ctx.ask_open_paths
        if ask is not None:
            chosen = ask("folder")
            name = str(chosen[0]) if chosen else ""
        else:
            name = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder to copy"), str(Path.home()))
        if name:
            self.folder.setText(name)
            self._show_problems()

    def isComplete(self) -> bool:
        option = self.option()
        if not self.available(option):
            return False
        if option == "takeout":
            return self.parts.count() > 0 and not self.part_problems()
        if option == "folder":
            return bool(self.folder.text().strip()) and self._folder_problem() is None
        if option == "icloud":
            return bool(self.apple_id.text().strip() and self.apple_password.text())
        if option == "imap":
            return bool(self.imap_host.text().strip() and self.imap_user.text().strip() and self.imap_password.text())
        return True

    def validatePage(self) -> bool:
        c = self.state.choices
        c.source = self.option()
        c.takeout_parts = self.part_paths()
        c.folder = Path(self.folder.text().strip()).expanduser() if self.folder.text().strip() else None
        c.apple_id = self.apple_id.text().strip()
        c.imap_host, c.imap_port, c.imap_user = (self.imap_host.text().strip(), self.imap_port.value(),
                                                 self.imap_user.text().strip())
        secret = {"icloud": self.apple_password.text(), "imap": self.imap_password.text()}.get(c.source)
        if secret:
            self.state.ctx.secrets.keep_source(c.source_spec(), secret)
        return True
