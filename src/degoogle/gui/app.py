"""Entry points: ``main`` opens the wizard (``degoogle`` with no arguments), ``practice`` opens it on a
sample Takeout archive and a local sandbox server standing in for a hoster (``degoogle practice``)."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from degoogle.gui.context import AppContext
from degoogle.gui.language import LANGUAGES, Translations, system_language
from degoogle.gui.session import find_unfinished
from degoogle.gui.wizard import MigrationWizard

log = logging.getLogger(__name__)


def application() -> QApplication:
    """The running QApplication, or a new one."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("degoogle")
    app.setDesktopFileName("io.github.degoogle.Degoogle")  # packaging/*.desktop, metainfo, Flatpak
    return app


def scale_text(app: QApplication, factor: float) -> None:
    """Make every text ``factor`` times bigger (200 % text: ``2.0``)."""
    if factor and factor != 1.0:
        font = QFont(app.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        app.setFont(font)


def build_wizard(ctx: AppContext, translations: Translations | None = None) -> MigrationWizard:
    """The wizard for ``ctx``, offering first to resume an unfinished move found in its data folder."""
    unfinished = find_unfinished(ctx.data_dir)
    return MigrationWizard(ctx, unfinished, translations.use if translations is not None else None)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="degoogle", description="Move your data out of Google and iCloud.")
    parser.add_argument("--lang", choices=LANGUAGES, help="language (default: the system's)")
    parser.add_argument("--data-dir", type=Path, help="where journals are kept (default: the app's data folder)")
    parser.add_argument("--text-scale", type=float, default=1.0, help="make all text bigger, e.g. 2 for 200 %%")
    return parser.parse_args(argv)


def _run(ctx: AppContext, translations: Translations, app: QApplication) -> int:
    wizard = build_wizard(ctx, translations)
    wizard.show()
    try:
        return app.exec()
    finally:
        wizard.shutdown()


def main(argv: list[str] | None = None) -> int:
    """Open the wizard; returns the process exit code."""
    args = _parse(argv)
    app = application()
    scale_text(app, args.text_scale)
    translations = Translations(app)
    lang = translations.use(args.lang or system_language())
    return _run(AppContext.for_person(lang, args.data_dir), translations, app)


def practice(lang: str | None = None) -> int:
    """Open the wizard in practice mode: a sample Takeout archive and a local Nextcloud-shaped server,
    all in a temporary folder removed at the end. Returns the process exit code."""
    app = application()
    translations = Translations(app)
    lang = translations.use(lang or system_language())
    with tempfile.TemporaryDirectory(prefix="degoogle-practice-") as tmp:
        ctx = AppContext.for_practice(Path(tmp), lang)
        try:
            return _run(ctx, translations, app)
        finally:
            if ctx.practice is not None:
                ctx.practice.stop()


if __name__ == "__main__":
    sys.exit(main())
