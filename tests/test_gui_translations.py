"""Every string a person sees is translated: the .ts files have no unfinished French or English entry,
and walking every page in French shows no English source text (nor any text left identical to the
English run that is not a name). Also: accessible names on every control, and nothing clipped at 200 %
text size."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from degoogle.gui.language import translations_dir
from tests.gui_helpers import controls, open_wizard, practice_context, shown_texts, walk_every_page

#: texts that are the same in French and English: names, and words French borrows as they are
SAME_IN_BOTH = {"Contacts", "iCloud (Apple)", "Port", "Nextcloud", "&Pause", "Port :", "Port:", "Google Takeout",
                "degoogle"}


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


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_french_and_english_translations_are_complete(lang: str) -> None:
    missing = [(c, s) for c, s, forms, unfinished in _messages(lang) if unfinished or not all(f.strip() for f in forms)]
    assert not missing, f"untranslated in {lang}: {missing}"
    assert (translations_dir() / f"degoogle_{lang}.qm").stat().st_mtime >= \
        (translations_dir() / f"degoogle_{lang}.ts").stat().st_mtime - 1, "run: bash scripts/translations"


def test_dutch_covers_the_main_path() -> None:
    main_path = {"WelcomePage", "WhatPage", "Kinds", "MigrationWizard", "Durations"}
    missing = [(c, s) for c, s, forms, unfinished in _messages("nl")
               if c in main_path and (unfinished or not all(forms)) and "practice" not in s
               and c != "MigrationWizard" or (c == "MigrationWizard" and unfinished and s.startswith("&"))]
    assert not missing, missing


def _english_patterns() -> list[re.Pattern[str]]:
    """Every English source whose French differs, as a pattern matching it once filled in."""
    french = {(c, s): forms for c, s, forms, _ in _messages("fr")}
    patterns = []
    for (_context, source), forms in french.items():
        if source in forms or source.replace("&", "") in SAME_IN_BOTH:
            continue
        text = re.escape(source.replace("&", ""))
        text = re.sub(r"%\\?[1-9n]", ".+", text.replace("%n", "%n"))
        text = text.replace("%n", ".+")
        patterns.append(re.compile(f"^{text}$", re.DOTALL))
    return patterns


@pytest.fixture
def practice(tmp_path: Path):
    ctx = practice_context(tmp_path, "fr")
    yield ctx
    ctx.practice.stop()


def test_every_page_shows_french_only(qtbot, practice) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    english = _english_patterns()
    problems: list[str] = []
    seen_fr: dict[str, set[str]] = {}
    seen_en: dict[str, set[str]] = {}

    def visit(name: str, root: QWidget | None = None) -> None:
        root = root or wizard
        texts = {t.replace("&", "") for t, _ in shown_texts(root)}
        seen_fr[name] = texts
        for text in texts:
            if any(p.match(text) for p in english):
                problems.append(f"{name}: English text shown: {text!r}")
        wizard.switch_language("en")
        seen_en[name] = {t.replace("&", "") for t, _ in shown_texts(root)}
        wizard.switch_language("fr")
        again = {t.replace("&", "") for t, _ in shown_texts(root)}
        if again != texts:
            problems.append(f"{name}: switching language back changed {sorted(again ^ texts)[:4]}")

    walk_every_page(qtbot, wizard, visit)
    for name, texts in seen_fr.items():
        for text in texts & seen_en[name]:
            if re.search(r"[A-Za-zÀ-ÿ]{3}", text) and text not in SAME_IN_BOTH:
                problems.append(f"{name}: same text in French and English, not translated? {text!r}")
    assert not problems, "\n".join(problems)


def test_controls_are_named_and_nothing_is_clipped_at_200_percent(qtbot, practice) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = QFont(app.font())
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * 2)
    app.setFont(big)
    try:
        wizard = open_wizard(qtbot, practice, "fr")
        wizard.resize(1000, 760)
        problems: list[str] = []

        def visit(name: str, root: QWidget | None = None) -> None:
            root = root or wizard
            qtbot.wait(10)  # layouts settle
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

        walk_every_page(qtbot, wizard, visit)
        assert not problems, "\n".join(problems)
    finally:
        app.setFont(normal)
