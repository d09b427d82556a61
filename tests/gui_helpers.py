"""Shared pieces of the wizard tests: offscreen Qt, a wizard in practice mode, and walking it as a
person would (mouse clicks and typing through qtbot). Imported before any QApplication exists."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402
from PySide6.QtCore import QCoreApplication, QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QRadioButton,
    QScrollArea,
    QWidget,
    QWizard,
)

from degoogle.chatons import Directory  # noqa: E402
from degoogle.gui.app import build_wizard  # noqa: E402
from degoogle.gui.context import AppContext  # noqa: E402
from degoogle.gui.language import Translations  # noqa: E402
from degoogle.gui.session import SecretKeeper  # noqa: E402
from degoogle.gui.widgets import DATA  # noqa: E402
from degoogle.gui.wizard import MigrationWizard, PageId  # noqa: E402

NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton
#: a run of the sample archive on the sandbox takes about a second; the margin is for slow CI machines
RUN_TIMEOUT = 60_000


def translations(app: QApplication, lang: str) -> Translations:
    """The application's one set of translators, as in a real session (a new set per test would leave
    the earlier ones installed, answering for Qt's own words in a language no longer chosen)."""
    found = app.property("degoogleTranslations")
    if not isinstance(found, Translations):
        found = Translations(app)
        app.setProperty("degoogleTranslations", found)
    found.use(lang)
    return found


def browser_that_approves(url: str) -> bool:
    """A person opening the sign-in page in their browser (the sandbox grants access on the visit)."""
    threading.Thread(target=lambda: requests.get(url, timeout=10), daemon=True).start()
    return True


class Desktop:
    """The desktop's answer to "keep this computer awake" (wakepy's real answer depends on the machine:
    a container says no, a laptop yes). ``held`` counts the requests still held."""

    def __init__(self, agrees: bool) -> None:
        self.agrees = agrees
        self.held = 0

    @contextmanager
    def __call__(self, enabled: bool) -> Iterator[bool]:
        self.held += 1
        try:
            yield self.agrees and enabled
        finally:
            self.held -= 1


def practice_context(tmp: Path, lang: str, *, keeps_awake: bool = False) -> AppContext:
    ctx = AppContext.for_practice(tmp, lang)
    ctx.open_url = lambda url: True  # buttons that open web pages: nothing to open in a test
    ctx.ask_save_path = lambda what, name: tmp / name
    ctx.stay_awake = Desktop(keeps_awake)
    return ctx


def person_context(tmp: Path, lang: str) -> AppContext:
    """The context of a real person's session (keyring, data folder) with a browser that approves."""
    return AppContext(data_dir=tmp / "data", lang=lang, secrets=SecretKeeper(), directory=Directory(tmp / "cache"),
                      open_url=browser_that_approves, save_dir=tmp,
                      ask_save_path=lambda what, name: tmp / name)


def open_wizard(qtbot, ctx: AppContext, lang: str) -> MigrationWizard:  # noqa: ANN001 - qtbot fixture
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    wizard = build_wizard(ctx, translations(app, lang))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.shutdown())
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def settle() -> None:
    """Deliver every event Qt has posted (layout requests, resizes, paints) until none is left: the
    widgets then stand where they will stand, with no waiting on the clock."""
    for _ in range(10):  # an event may post others (a layout asks its parent's); a few rounds drain them
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()


def click(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """A click where a person would click: the page is scrolled to the widget first (Qt delivers test
    clicks through the window, so a widget scrolled out of sight would not get it)."""
    assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName() or widget} cannot be clicked"
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)
    if isinstance(widget, QCheckBox | QRadioButton):  # on the box and its words, not the empty space after
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_next(qtbot, wizard: MigrationWizard, which: QWizard.WizardButton = NEXT) -> None:  # noqa: ANN001
    before = wizard.currentId()
    click(qtbot, wizard.button(which))
    qtbot.waitUntil(lambda: wizard.currentId() != before, timeout=5000)


def click_list_row(qtbot, view: QListWidget, row: int) -> None:  # noqa: ANN001
    item = view.item(row)
    view.scrollToItem(item)
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))


def walk_to_target_signed_in(qtbot, wizard: MigrationWizard) -> None:  # noqa: ANN001
    """Welcome → What → Where from (as filled) → Where to: pick the first hoster, sign in in the browser."""
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.TARGET
    page = wizard.pages[PageId.TARGET]
    click_list_row(qtbot, page.list, 0)
    assert page.address.text().startswith("http://127.0.0.1:")
    click(qtbot, page.signin.browser)
    qtbot.waitUntil(lambda: page.signin.account is not None, timeout=20_000)
    qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled(), timeout=5000)


def visible_widgets(root: QWidget) -> Iterator[QWidget]:
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root) and widget.isVisible():
            yield widget


def shown_texts(root: QWidget) -> list[tuple[str, QWidget]]:
    """Every text a person sees or hears (screen readers) on ``root``, except the person's own data."""
    found: list[tuple[str, QWidget]] = []
    for widget in visible_widgets(root):
        if widget.property(DATA) or (widget.parent() is not None and widget.parent().property(DATA)):
            continue
        texts = [widget.accessibleName(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        found += [(t, widget) for t in texts if t and t.strip()]
    if isinstance(root, QWizard):
        page = root.currentPage()
        found += [(t, page) for t in (root.windowTitle(), page.title(), page.subTitle()) if t]
    return found


def controls(root: QWidget) -> list[QWidget]:
    """The visible widgets a person operates."""
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QProgressBar)
    parts = (QComboBox, QAbstractSpinBox, QAbstractItemView)  # their inner widgets are named by them
    return [w for w in visible_widgets(root) if isinstance(w, kinds) and not isinstance(w.parent(), parts)
            and not isinstance(w, QHeaderView) and type(w).__name__ not in ("QScrollBar",)]


def walk_every_page(qtbot, wizard: MigrationWizard, visit) -> None:  # noqa: ANN001
    """Practice wizard from Welcome to Done, calling ``visit(name)`` on every page and every state a
    person meets (each source option, the Moving page paused, the closing question, the helper dialog)."""
    visit("welcome")
    click_next(qtbot, wizard)
    visit("what")
    click_next(qtbot, wizard)
    source = wizard.pages[PageId.SOURCE]
    for option in ("folder", "icloud", "imap", "takeout"):
        if source.radios[option].isEnabled():
            click(qtbot, source.radios[option])
        visit(f"source-{option}")
    click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]
    click_list_row(qtbot, target.list, 0)
    click(qtbot, target.signin.by_hand)
    visit("target")
    click(qtbot, target.signin.by_hand)
    click(qtbot, target.signin.browser)
    qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled(), timeout=20_000)
    visit("target-signed-in")
    click_next(qtbot, wizard)
    qtbot.waitUntil(wizard.pages[PageId.CHECK].isComplete, timeout=RUN_TIMEOUT)
    visit("check")
    wizard.state.bridge.control.pause()  # hold the run at its start, as the Pause button does
    click_next(qtbot, wizard, COMMIT)
    moving = wizard.pages[PageId.MOVING]
    qtbot.waitUntil(lambda: moving._state == "paused", timeout=RUN_TIMEOUT)
    visit("moving")
    wizard.close()
    qtbot.waitUntil(lambda: getattr(wizard, "close_box", None) is not None and wizard.close_box.isVisible())
    box = wizard.close_box
    qtbot.waitExposed(box)
    settle()
    visit("closing", box)
    click(qtbot, wizard.stay)
    click(qtbot, moving.pause)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
    visit("done")
    done = wizard.pages[PageId.DONE]
    click(qtbot, done.helper)
    qtbot.waitExposed(done.helper_dialog)
    visit("helper", done.helper_dialog)
    done.helper_dialog.reject()
