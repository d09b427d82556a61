"""Every string a person sees is translated: the .ts files have no unfinished French, English or Dutch
entry, and walking every page in French and in Dutch shows no English source text, nor the engine's
English wording of a reason (nor any text left identical to the English run that is not a name).
Also: accessible names on every control, and nothing clipped or cut off on the right at 200 % text
size, in the window's own size."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableWidget, QWidget

from degoogle.engine.reasons import known_codes, reason
from degoogle.gui.language import translations_dir
from degoogle.gui.widgets import Page
from tests.gui_helpers import (
    controls,
    open_wizard,
    practice_context,
    settle,
    shown_texts,
    visible_widgets,
    walk_every_page,
)

#: texts that are the same in English and the language checked: names, and words borrowed as they are
SAME_AS_ENGLISH = {
    "fr": {"Contacts", "iCloud (Apple)", "Port", "Nextcloud", "&Pause", "Port\u00a0:", "Port:", "Google Takeout",
           "degoogle", "Photos", "Notes"},
    "nl": {"iCloud (Apple)", "Nextcloud", "Google Takeout", "degoogle", "Apple ID", "Apple ID:"},
}


def _messages(lang: str) -> list[tuple[str, str, list[str], bool]]:
    """(context, source, translations, unfinished) of every message of a .ts file."""
    tree = ET.parse(translations_dir() / f"degoogle_{lang}.ts")
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
            found.append((name, message.findtext("source") or "", forms, translation.get("type") == "unfinished"))
    return found


@pytest.mark.parametrize("lang", ["fr", "en", "nl"])
def test_the_translations_are_complete(lang: str) -> None:
    missing = [(c, s) for c, s, forms, unfinished in _messages(lang) if unfinished or not all(f.strip() for f in forms)]
    assert not missing, f"untranslated in {lang}: {missing}"
    assert (translations_dir() / f"degoogle_{lang}.qm").stat().st_mtime >= \
        (translations_dir() / f"degoogle_{lang}.ts").stat().st_mtime - 1, "run: bash scripts/translations"


def _english_patterns(lang: str) -> list[re.Pattern[str]]:
    """Every English source whose translation differs, as a pattern matching it once filled in."""
    translated = {(c, s): forms for c, s, forms, _ in _messages(lang)}
    patterns = []
    for (_context, source), forms in translated.items():
        if source in forms or source.replace("&", "") in SAME_AS_ENGLISH[lang]:
            continue
        text = re.escape(source.replace("&", ""))
        text = re.sub(r"%\\?[1-9n]", ".+", text.replace("%n", "%n"))
        text = text.replace("%n", ".+")
        patterns.append(re.compile(f"^{text}$", re.DOTALL))
    return patterns


def _engine_english() -> set[str]:
    """The engine's English sentences (why, what to do): inside a Dutch or French text, they leaked."""
    return {t for code in known_codes() for t in (reason(code).en, reason(code).todo_en) if t}


@pytest.fixture
def practice(tmp_path: Path):
    ctx = practice_context(tmp_path, "fr")
    yield ctx
    ctx.practice.stop()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_page_shows_its_language_only(qtbot, practice, lang: str) -> None:
    wizard = open_wizard(qtbot, practice, lang)
    english = _english_patterns(lang)
    engine_english = _engine_english()
    problems: list[str] = []
    seen: dict[str, set[str]] = {}
    seen_en: dict[str, set[str]] = {}

    def visit(name: str, root: QWidget | None = None) -> None:
        root = root or wizard
        texts = {t.replace("&", "") for t, _ in shown_texts(root)}
        seen[name] = texts
        # the engine's reasons are shown beside the person's own file names (labels left out above)
        labels = {html.unescape(w.text()) for w in visible_widgets(root) if isinstance(w, QLabel)}
        problems.extend(f"{name}: the engine's English shown: {e!r}" for e in engine_english
                        if any(e in text for text in labels))
        for text in texts:
            if any(p.match(text) for p in english):
                problems.append(f"{name}: English text shown: {text!r}")
        wizard.switch_language("en")
        seen_en[name] = {t.replace("&", "") for t, _ in shown_texts(root)}
        wizard.switch_language(lang)
        again = {t.replace("&", "") for t, _ in shown_texts(root)}
        if again != texts:
            problems.append(f"{name}: switching language back changed {sorted(again ^ texts)[:4]}")

    walk_every_page(qtbot, wizard, visit)
    for name, texts in seen.items():
        for text in texts & seen_en[name]:
            if re.search(r"[A-Za-zÀ-ÿ]{3}", text) and text not in SAME_AS_ENGLISH[lang]:
                problems.append(f"{name}: same text in {lang} and English, not translated? {text!r}")
    assert not problems, "\n".join(problems)


#: Debian's default desktop fonts: Noto (fonts-noto-core, many desktops) is wider than DejaVu and clipped
#: a dialog that DejaVu did not
FONTS = ["Noto Sans", "DejaVu Sans"]


@pytest.mark.parametrize("family", FONTS)
@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_controls_are_named_and_nothing_is_clipped_at_200_percent(qtbot, practice, lang: str, family: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = QFont(app.font())
    big = QFont(normal)
    big.setFamily(family)
    assert QFontInfo(big).family() == family, f"{family} is not installed: run scripts/setup (EXTRAS=dev)"
    big.setPointSizeF(normal.pointSizeF() * 2)
    app.setFont(big)
    try:
        wizard = open_wizard(qtbot, practice, lang)  # at the size it opens with
        problems: list[str] = []

        def visit(name: str, root: QWidget | None = None) -> None:
            root = root or wizard
            settle()  # layouts settle
            for widget in controls(root):
                if not widget.accessibleName().strip():
                    problems.append(f"{name}: {type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r} "
                                    "has no accessible name")
            for widget in root.findChildren(QLabel):
                if (widget.isVisible() and widget.text() and widget.wordWrap() and widget.width() > 0
                        and widget.height() + 2 < widget.heightForWidth(widget.width())):
                    problems.append(f"{name}: label cut: {widget.text()[:50]!r}")
            for widget in root.findChildren(QPushButton):
                if widget.isVisible() and widget.width() + 2 < widget.sizeHint().width():
                    problems.append(f"{name}: button too narrow: {widget.text()!r}")
            for table in root.findChildren(QTableWidget):
                header = table.horizontalHeader()
                cut = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())
                       if header.sectionSize(c) + 2 < header.sectionSizeHint(c)]
                if table.isVisible() and (cut or table.horizontalScrollBar().isVisible()):
                    problems.append(f"{name}: a table is too wide for the window, cut off: {cut}")
            for page in root.findChildren(Page):
                # the page scrolls up and down only: anything wider is cut off on the right
                if page.isVisible() and page.scroll_area.widget().width() > page.scroll_area.viewport().width():
                    wide = [w for w in visible_widgets(page.scroll_area.widget()) if w.minimumSizeHint().width()
                            > page.scroll_area.viewport().width() - 40]
                    problems.append(f"{name}: the page is wider than the window, its right side is cut off "
                                    f"({[getattr(w, 'text', w.objectName)() or type(w).__name__ for w in wide]})")

        walk_every_page(qtbot, wizard, visit)
        assert not problems, "\n".join(problems)
    finally:
        app.setFont(normal)
