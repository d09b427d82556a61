"""Controls whose words wrap, and rows of buttons that wrap, so that nothing runs off the right edge of a
page at 200 % text or with long French sentences.

Qt's check boxes, radio buttons and rows of push buttons never wrap: a long one makes the whole page
wider than the window, and the page's scroll area (which only scrolls up and down) then cuts every
line on the right. ``WrappingCheckBox`` and ``WrappingRadioButton`` keep their box and put their words
in a wrapped label inside; ``FlowRow`` lays buttons out left to right and starts a new line when the
next button does not fit.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QWidget,
)


class _WrappedWords:
    """What the two wrapping buttons share: the label inside, and the sizes taken from it."""

    _words: QLabel
    _indent: int

    def _wrap_words(self, radio: bool) -> None:
        button = cast(QAbstractButton, self)
        style = button.style()
        metric = QStyle.PixelMetric
        width = style.pixelMetric(metric.PM_ExclusiveIndicatorWidth if radio else metric.PM_IndicatorWidth)
        spacing = style.pixelMetric(metric.PM_RadioButtonLabelSpacing if radio else metric.PM_CheckBoxLabelSpacing)
        self._indent = width + spacing
        self._words = QLabel(button)
        self._words.setWordWrap(True)
        self._words.setTextFormat(Qt.TextFormat.PlainText)
        # the label underlines the mnemonic and, pressed with Alt, clicks its buddy: this button
        self._words.setBuddy(button)
        self._words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(button)
        row.setContentsMargins(self._indent, 0, 0, 0)
        row.addWidget(self._words)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        button.setSizePolicy(policy)
        self._text = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._text = text
        self._words.setText(text)
        cast(QAbstractButton, self).updateGeometry()

    def text(self) -> str:
        return self._text

    def indent(self) -> int:
        """How far right of the box the words start: where text meant to line up with them goes."""
        return self._indent

    def words(self) -> QLabel:
        """The label showing the button's words."""
        return self._words

    def _indicator_height(self) -> int:
        metric = QStyle.PixelMetric
        return cast(QAbstractButton, self).style().pixelMetric(metric.PM_IndicatorHeight) + 2

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return max(self._indicator_height(), self._words.heightForWidth(max(1, width - self._indent)))

    def sizeHint(self) -> QSize:  # noqa: N802
        words = self._words.sizeHint()
        return QSize(self._indent + words.width(), max(self._indicator_height(), words.height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        words = self._words.minimumSizeHint()
        return QSize(self._indent + words.width(), max(self._indicator_height(), words.height()))

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802
        # the words are part of the button, as with Qt's own: a click on them ticks it
        return cast(QAbstractButton, self).rect().contains(pos)


class WrappingCheckBox(_WrappedWords, QCheckBox):
    """A check box whose words wrap onto several lines instead of widening the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, parent)
        self._wrap_words(radio=False)


class WrappingRadioButton(_WrappedWords, QRadioButton):
    """A radio button whose words wrap onto several lines instead of widening the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        QRadioButton.__init__(self, parent)
        self._wrap_words(radio=True)


class FlowRow(QLayout):
    """Widgets left to right, a new line when the next one does not fit (Qt's "flow layout" example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (only measuring unless ``move``); returns the height used."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()
