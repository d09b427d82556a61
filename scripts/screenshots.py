"""Saves a PNG of every wizard page, in French and English, in practice mode:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR [--scale 2]

Files are named ``<lang>-<nn>-<page>.png`` (``--scale 2``: text at 200 %, as a person with poor
sight sets it). The run goes through the real pages: the sample archive is moved into the sandbox.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop  # noqa: E402

from degoogle.gui.app import application, build_wizard, scale_text  # noqa: E402
from degoogle.gui.context import AppContext  # noqa: E402
from degoogle.gui.language import Translations  # noqa: E402
from degoogle.gui.wizard import PageId  # noqa: E402


def _spin(app, until, limit: float = 60.0, *, wait_only: bool = False) -> None:  # noqa: ANN001
    end = time.monotonic() + limit
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if until():
            return
    if wait_only:
        return
    raise TimeoutError("the wizard did not get there in time")


def shoot(out: Path, lang: str) -> list[Path]:
    app = application()
    translations = Translations(app)
    translations.use(lang)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="degoogle-shots-") as tmp:
        ctx = AppContext.for_practice(Path(tmp), lang)
        ctx.open_url = lambda url: True
        wizard = build_wizard(ctx, translations)
        wizard.resize(860, 720)
        wizard.show()

        def save(name: str, widget=None) -> None:  # noqa: ANN001
            _spin(app, lambda: False, 0.15, wait_only=True)
            path = out / f"{lang}-{len(saved) + 1:02d}-{name}.png"
            (widget or wizard).grab().save(str(path))
            saved.append(path)

        try:
            save("welcome")
            wizard.next()
            save("what")
            wizard.next()
            save("source-takeout")
            source = wizard.pages[PageId.SOURCE]
            for option in ("icloud", "folder"):
                if source.radios[option].isEnabled():
                    source.radios[option].setChecked(True)
                    save(f"source-{option}")
            source.radios["takeout"].setChecked(True)
            wizard.next()
            target = wizard.pages[PageId.TARGET]
            target.list.setCurrentRow(0)
            save("target")
            target.signin.browser.click()
            _spin(app, lambda: target.isComplete())
            save("target-signed-in")
            wizard.next()
            _spin(app, wizard.pages[PageId.CHECK].isComplete)
            save("check")
            wizard.state.bridge.control.pause()
            wizard.next()
            moving = wizard.pages[PageId.MOVING]
            _spin(app, lambda: moving._state == "paused")
            save("moving-paused")
            wizard.close()
            _spin(app, lambda: getattr(wizard, "close_box", None) is not None and wizard.close_box.isVisible())
            save("closing-question", wizard.close_box)
            wizard.close_box.stay.click()
            moving.pause.click()
            _spin(app, lambda: wizard.currentId() == PageId.DONE)
            save("done")
            done = wizard.pages[PageId.DONE]
            done.helper.click()
            save("helper", done.helper_dialog)
            done.helper_dialog.reject()
        finally:
            wizard.shutdown()
            ctx.practice.stop()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description="Save a PNG of every wizard page in French and English.")
    parser.add_argument("out", type=Path, help="folder for the PNG files (created if needed)")
    parser.add_argument("--scale", type=float, default=1.0, help="text size factor, e.g. 2 for 200 %%")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    scale_text(application(), args.scale)
    for lang in ("fr", "en"):
        for path in shoot(args.out, lang):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
