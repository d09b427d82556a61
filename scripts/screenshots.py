"""Saves a PNG of every wizard page, in French and English, in practice mode:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR [--scale 2] [--langs fr,en,nl]

Files are named ``<lang>-<nn>-<page>.png`` (``--scale 2``: text at 200 %, as a person with poor
sight sets it); a page taller than the window is also saved whole, as ``…-full.png``. The run goes
through the real pages: the sample archive is moved into the sandbox, with one photo damaged on
purpose so that the Done page shows an item that needs attention.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop  # noqa: E402

from degoogle.gui.app import application, build_wizard, scale_text  # noqa: E402
from degoogle.gui.context import AppContext  # noqa: E402
from degoogle.gui.language import Translations  # noqa: E402
from degoogle.gui.widgets import Page  # noqa: E402
from degoogle.gui.wizard import PageId  # noqa: E402

#: the sample archive's member damaged for the Done page's "needs attention" part
DAMAGED = "Takeout/Drive/Photos/Scans/Photo de classe 1965.png"


def damage(parts: list[Path], member: str) -> None:
    """Flip one byte inside ``member``'s data, as a bad download does (reading it then fails)."""
    for part in parts:
        with zipfile.ZipFile(part) as archive:
            if member not in archive.namelist():
                continue
            info = archive.getinfo(member)
        with part.open("r+b") as fh:
            fh.seek(info.header_offset + 26)
            name_len, extra_len = struct.unpack("<HH", fh.read(4))
            where = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
            fh.seek(where)
            byte = fh.read(1)
            fh.seek(where)
            fh.write(bytes([byte[0] ^ 0xFF]))
        return
    raise ValueError(f"{member} is not in the sample archive")


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
        damage(ctx.practice.parts, DAMAGED)
        wizard = build_wizard(ctx, translations)
        wizard.show()

        def save(name: str, widget=None) -> None:  # noqa: ANN001
            _spin(app, lambda: False, 0.15, wait_only=True)
            path = out / f"{lang}-{len([p for p in saved if not p.stem.endswith('-full')]) + 1:02d}-{name}.png"
            (widget or wizard).grab().save(str(path))
            saved.append(path)
            page = wizard.currentPage() if widget is None else None
            if isinstance(page, Page) and page.scroll_area.widget().height() > page.scroll_area.viewport().height():
                whole = path.with_name(path.stem + "-full.png")
                page.scroll_area.widget().grab().save(str(whole))
                saved.append(whole)

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
            # what a wrong choice looks like: a PDF and a web page saved as the archive, named with what to do
            pdf, page_zip = Path(tmp) / "Relevé de compte.pdf", Path(tmp) / "takeout-20261203T101010Z-001.zip"
            pdf.write_bytes(b"%PDF-1.4\n")
            page_zip.write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
            ctx.ask_open_paths = lambda what: [pdf, page_zip]
            source.choose_parts.click()
            save("source-bad-files")
            for row in reversed(range(source.parts.count())):
                if source.part_paths()[row] in (pdf, page_zip):
                    source.parts.takeItem(row)
            source._show_problems()
            wizard.next()
            target = wizard.pages[PageId.TARGET]
            target.list.setCurrentRow(0)
            save("target")
            target.signin.by_hand.setChecked(True)
            save("target-app-password")
            target.signin.login.setText(ctx.practice.sandbox.user)
            target.signin.password.setText("not-the-password")
            target.signin.check.click()
            _spin(app, lambda: bool(target.signin.hand_problem.text()))
            save("target-wrong-password")
            target.signin.password.clear()
            target.signin.by_hand.setChecked(False)
            typed = target.address.text()
            target.address.setText("marie@exemple.org")
            target.signin.browser.click()
            _spin(app, lambda: "@" in target.signin.status.text())
            save("target-wrong-address")
            target.address.setText(typed)
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
    parser.add_argument("--langs", default="fr,en", help="languages, comma-separated (default: fr,en)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    scale_text(application(), args.scale)
    for lang in args.langs.split(","):
        for path in shoot(args.out, lang):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
