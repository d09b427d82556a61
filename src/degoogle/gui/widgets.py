"""Pieces every page uses: the page frame (scrolls rather than clips at 200 % text), wrapped labels,
and a heading."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from degoogle.gui.state import WizardState

#: a widget showing the person's own data (names, addresses, counts): the translation test skips it
DATA = "degoogleData"


class _QuietLabel(QLabel):
    """A label that takes no room on the page while it has nothing to say."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))


def label(*, data: bool = False, selectable: bool = False, rich: bool = False, quiet: bool = False) -> QLabel:
    """A label that wraps (long French sentences never run off the page); ``quiet``: hidden while empty."""
    widget = _QuietLabel() if quiet else QLabel()
    if quiet:
        widget.hide()
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if rich:
        widget.setOpenExternalLinks(True)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                       | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    widget.setProperty(DATA, data)
    return widget


def problem_label() -> QLabel:
    """Where a problem with what the person just did is said, beside the control that caused it (rich
    text: what is wrong in bold, what to do after it; see ``reasons.problem_html``), selectable so a
    helper can have it read out, hidden while there is nothing wrong."""
    widget = label(data=True, selectable=True, quiet=True, rich=True)
    widget.setOpenExternalLinks(False)
    return widget


def heading() -> QLabel:
    widget = label()
    font = QFont(widget.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    widget.setFont(font)
    return widget


def counts_table(columns: int) -> QTableWidget:
    """A read-only table of figures (the Check and Done pages): columns fit their contents, the last
    one takes the rest, no row numbers."""
    table = QTableWidget(0, columns)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    mark_data(table)
    return table


def mark_data(widget: QWidget) -> QWidget:
    widget.setProperty(DATA, True)
    return widget


class Page(QWizardPage):
    """A wizard page whose content sits in a scroll area; ``retranslate`` words it (again on a
    language change)."""

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setSpacing(10)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.scroll_area = scroll

    def retranslate(self) -> None:
        """Set every text of the page in the current language."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
