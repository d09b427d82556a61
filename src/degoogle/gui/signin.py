"""Signing in to a Nextcloud from the wizard: Login Flow v2 in the browser, or a login and an app
password typed by hand. The network work runs on the engine thread; the app password goes to the
``SecretKeeper`` and never into a widget the person can read back."""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from degoogle.app.signin import SignedIn, finish_sign_in
from degoogle.errors import Cancelled
from degoogle.gui.formats import fill
from degoogle.gui.reasons import problem_html
from degoogle.gui.session import server_address
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import label, mark_data, problem_label
from degoogle.gui.wrapping import FlowRow, WrappingCheckBox
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.login import Credentials, LoginFlow, LoginStart
from degoogle.targets.nextcloud.server import NextcloudServer

log = logging.getLogger(__name__)


class SignInBox(QWidget):
    """``address()`` gives what the person typed as their Nextcloud's address. ``signedIn`` fires
    once an app password is kept; ``signedOut`` when the address changes after that."""

    signedIn = Signal(object)

    def __init__(self, state: WizardState, address: Callable[[], str], name: str = "signin") -> None:
        super().__init__()
        self.state = state
        self.address = address
        self.job = name
        self.account: NextcloudAccount | None = None
        self._cancel: threading.Event | None = None
        self._flow: LoginFlow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = FlowRow()
        self.browser = QPushButton()
        self.browser.clicked.connect(self.start_browser)
        self.stop = QPushButton()
        self.stop.clicked.connect(self.cancel)
        self.stop.hide()
        row.addWidget(self.browser)
        row.addWidget(self.stop)
        layout.addLayout(row)
        self.status = label(selectable=True, quiet=True)
        layout.addWidget(self.status)
        self.link = QLineEdit()
        self.link.setReadOnly(True)
        mark_data(self.link)
        self.link.hide()
        layout.addWidget(self.link)
        self.by_hand = WrappingCheckBox()
        self.by_hand.toggled.connect(self._show_by_hand)
        layout.addWidget(self.by_hand)
        self.hand = QWidget()
        form = QFormLayout(self.hand)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.login = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.check = QPushButton()
        self.check.clicked.connect(self.check_password)
        self.login_label, self.password_label = QLabel(), QLabel()
        self.login_label.setBuddy(self.login)
        self.password_label.setBuddy(self.password)
        self.hand_help = label()
        form.addRow(self.hand_help)
        form.addRow(self.login_label, self.login)
        form.addRow(self.password_label, self.password)
        form.addRow(self.check)
        self.hand.hide()
        layout.addWidget(self.hand)
        # a refused login or password is said right under the button that was clicked, not up at the top
        # (outside the form: a form row holding rich text that appears later was given the wrong height)
        self.hand_problem = problem_label()
        self.hand_problem.setContentsMargins(form.contentsMargins().left(), 0, 0, 0)
        layout.addWidget(self.hand_problem)
        self._hand_error: object = None
        state.bridge.jobFinished.connect(self._finished)
        state.bridge.jobFailed.connect(self._failed)
        self._status: tuple[str, dict[str, str]] = ("", {})
        self._error: object = None
        self.retranslate()

    # -- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.browser.setText(self.tr("Sign in through my &browser"))
        self.browser.setAccessibleName(self.tr("Sign in through my browser"))
        self.stop.setText(self.tr("Stop waiting"))
        self.stop.setAccessibleName(self.tr("Stop waiting for the sign-in"))
        self.link.setAccessibleName(self.tr("Sign-in address to open in a browser"))
        self.by_hand.setText(self.tr("I would rather type a login and an app password"))
        self.by_hand.setAccessibleName(self.by_hand.text())
        self.login_label.setText(self.tr("&Login:"))
        self.password_label.setText(self.tr("&App password:"))
        self.login.setAccessibleName(self.tr("Login"))
        self.password.setAccessibleName(self.tr("App password"))
        self.check.setText(self.tr("&Check and use it"))
        self.check.setAccessibleName(self.tr("Check the login and app password and use them"))
        self.hand_help.setText(self.tr(
            "An app password is a second password made only for degoogle: your usual password stays yours, "
            "and you can withdraw this one later without changing anything else. To create it in your "
            "Nextcloud: your picture at the top right, then Settings, Security, \"Create new app password\"; "
            "copy it here. Your usual password also works when your account has no second factor."))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, key: str, **values: str) -> None:
        if key != "error":
            self._error = None
        if key not in ("", "error"):
            self._hand_error = None
        self._status = (key, values)
        self._show_status()

    def _show_status(self) -> None:
        key, values = self._status
        login = values.get("login", "")
        texts = {
            "": "",
            "asking": self.tr("Asking your hoster for a sign-in page…"),
            "waiting": self.tr("Your browser shows your hoster's sign-in page. Sign in there and click "
                               "\"Grant access\" to let degoogle in; this window goes on by itself. If no browser "
                               "opened, open this address on any device:"),
            "checking": self.tr("Checking the login and app password…"),
            "signed_in": fill(self.tr("Signed in as %1. The app password is kept safely in this computer's "
                                      "keyring."), login),
            "signed_in_session": fill(self.tr("Signed in as %1. This computer has no keyring to keep the app "
                                              "password: if the move stops, you will be asked to sign in again."),
                                      login),
            "signed_in_practice": fill(self.tr("Signed in as %1 (practice: nothing is kept on this computer)."),
                                       login),
            "stopped": self.tr("Sign-in stopped. You can try again."),
            "error": problem_html(getattr(self._error, "subject", ""), getattr(self._error, "code", "internal_error"))
            if self._error is not None else "",
        }
        # a problem reads as the others do: what is wrong in bold, what to do after it (rich text);
        # everything else is plain text (an address or a login is never read as markup)
        self.status.setTextFormat(Qt.TextFormat.RichText if key == "error" else Qt.TextFormat.PlainText)
        self.status.setText(texts.get(key, ""))
        self.hand_problem.setText(self._hand_problem_text())
        self.status.setProperty("degoogleData", key == "error")

    def _hand_problem_text(self) -> str:
        if self._hand_error == "missing":
            return "<b>" + html.escape(self.tr("Type both the login and the app password."), quote=False) + "</b>"
        if self._hand_error is None:
            return ""
        error = self._hand_error
        if getattr(error, "code", "") == "auth_failed":
            # the engine's words for it speak of a paused move ("sign in again, then resume")
            return ("<b>" + html.escape(self.tr("Your hoster refused this login or app password."), quote=False)
                    + "</b> " + html.escape(self.tr("Check the login, then copy the app password again from your "
                                                    "Nextcloud (Settings, Security)."), quote=False))
        return problem_html(getattr(error, "subject", ""), getattr(error, "code", "internal_error"))

    def _show_by_hand(self, on: bool) -> None:
        self.hand.setVisible(on)
        if not on:
            self._hand_error = None
            self._show_status()

    # -- work -----------------------------------------------------------------------------------

    def _busy(self, on: bool) -> None:
        self.browser.setEnabled(not on)
        self.check.setEnabled(not on)
        self.stop.setVisible(on and self._cancel is not None)

    @Slot()
    def start_browser(self) -> None:
        typed = self.address().strip()
        self.account = None
        cancel = threading.Event()
        self._cancel = cancel

        def begin() -> tuple[LoginFlow, LoginStart]:
            server = NextcloudServer.discover(server_address(typed))
            flow = LoginFlow(server.session)
            return flow, flow.start(server.base_url)

        self._say("asking")
        self._busy(True)
        self.state.bridge.submit(f"{self.job}.start", begin)

    def _wait(self, flow: LoginFlow, started: LoginStart) -> None:
        cancel = self._cancel or threading.Event()
        self.link.setText(started.login_url)
        self.link.show()
        self._say("waiting")
        self.state.ctx.open_login_page(started.login_url)
        self.state.bridge.submit(f"{self.job}.wait", lambda: self._finish(flow.wait(cancel)))

    @Slot()
    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    @Slot()
    def check_password(self) -> None:
        typed, login, password = self.address().strip(), self.login.text().strip(), self.password.text()
        self._hand_error = None
        if not login or not password:
            self._hand_error = "missing"
            self._say("")
            return
        self._cancel = None

        def check() -> SignedIn:
            server = NextcloudServer.discover(server_address(typed))
            NextcloudServer(server.base_url, server.session, auth=(login, password)).current_user()
            return self._finish(Credentials(server.base_url, login, password))

        self._say("checking")
        self._busy(True)
        self.state.bridge.submit(f"{self.job}.check", check)

    @Slot(str, object)
    def _finished(self, name: str, result: object) -> None:
        if name == f"{self.job}.start":
            assert isinstance(result, tuple)
            flow, started = result
            assert isinstance(flow, LoginFlow) and isinstance(started, LoginStart)
            self._flow = flow
            self._wait(flow, started)
        elif name in (f"{self.job}.wait", f"{self.job}.check"):
            assert isinstance(result, SignedIn)
            self.password.clear()
            self._signed_in(result)

    @Slot(str, object)
    def _failed(self, name: str, exc: object) -> None:
        if not name.startswith(f"{self.job}."):
            return
        self._cancel = None
        self._busy(False)
        self.link.hide()
        if isinstance(exc, Cancelled):
            self._say("stopped")
        elif name == f"{self.job}.check":
            self._hand_error = exc
            self._say("")
        else:
            self._error = exc
            self._say("error")

    def _finish(self, credentials: Credentials) -> SignedIn:
        """On the engine thread: keep the new app password and revoke the one it replaces, as
        ``degoogle login`` does (``app.signin``)."""
        keeper = self.state.ctx.secrets
        return finish_sign_in(credentials, previous=keeper.target(credentials.account), keep=keeper.keep_target)

    def _signed_in(self, done: SignedIn) -> None:
        self._cancel = None
        self._busy(False)
        self.link.hide()
        account, kept = done.account, done.kept
        self.account = account
        if self.state.ctx.practice is not None:
            self._say("signed_in_practice", login=account.user)
        else:
            self._say("signed_in" if kept else "signed_in_session", login=account.user)
        self.signedIn.emit(account)

    def reset(self) -> None:
        """The address changed: whoever signed in before no longer counts."""
        self.cancel()
        self.account = None
        self._say("")
