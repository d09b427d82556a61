"""The wizard's language: French, English or Dutch, the system's by default, switchable at any time.

Translations are Qt ``.qm`` files compiled from ``resources/translations/degoogle_<lang>.ts``
(``bash scripts/translations`` regenerates both). Switching installs another translator; Qt then
sends ``LanguageChange`` to every widget, and each page words itself again (``retranslate``).
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from degoogle.wording import LANGUAGES as REPORT_LANGUAGES

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en", "nl")
#: each language named in itself, as a person looks for it in a list
NATIVE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands"}


def translations_dir() -> Path:
    """Where the ``.qm`` files are: inside the installed package if packaged there, else the source tree."""
    packaged = resources.files("degoogle").joinpath("resources").joinpath("translations")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "resources" / "translations"


def system_language() -> str:
    """The system's language when the wizard speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def report_language(lang: str) -> str:
    """The language of the engine's reports and reason texts for the wizard's ``lang`` (English if unknown)."""
    return lang if lang in REPORT_LANGUAGES else "en"


class Translations:
    """The application's translators: its own words, and Qt's (file chooser, message boxes, the
    context menu of a text field) from the translations shipped with PySide6. ``use(lang)`` switches
    language."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.lang = "en"

    def use(self, lang: str) -> str:
        """Switch to ``lang`` (unknown → English); returns the language now in use."""
        lang = lang if lang in LANGUAGES else "en"
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = []
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for path in (translations_dir() / f"degoogle_{lang}.qm", Path(qt_dir) / f"qtbase_{lang}.qm"):
            translator = QTranslator(self._app)
            if translator.load(str(path)):
                self._app.installTranslator(translator)
                self._translators.append(translator)
            else:
                log.warning("no translation file %s; its source texts are shown", path)
        self.lang = lang
        QLocale.setDefault(QLocale(lang))
        return lang
