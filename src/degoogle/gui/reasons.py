"""Problems in plain words, in the wizard's language.

Every code is worded by the engine's catalogue (``engine/reasons.py`` in English, translated by the
gettext catalogues of ``degoogle/wording.py``), so the wizard, the CLI and the reports say the same
thing. Where the command line's words name options a wizard user never sees, the wizard's own words
for that code come from the same catalogue (``engine.reasons.WIZARD``). Qt's translations stay for the
widgets themselves.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale

from degoogle.engine import reasons
from degoogle.errors import DegoogleError
from degoogle.gui.language import report_language


def _lang() -> str:
    return report_language(QLocale().name().split("_")[0])


def error_text(code: str | None) -> str:
    """What went wrong, and what to do when there is something to do."""
    return " ".join(part for part in reasons.wizard_words(code, _lang()) if part)


def problem_text(exc: object) -> str:
    """An error as the person reads it: what they gave that is wrong (the file, the address as typed)
    when the error names it, what is wrong with it, and what to do."""
    code = exc.code if isinstance(exc, DegoogleError) else "internal_error"
    return subject_text(getattr(exc, "subject", ""), code)


def subject_text(subject: str, code: str) -> str:
    """``error_text(code)`` about ``subject`` (a file name or an address; nothing when empty)."""
    text = error_text(code)
    return reasons.about(subject, text, _lang()) if subject else text


def problem_html(subject: str, code: str) -> str:
    """``subject_text`` as rich text: what is wrong in bold, what to do in plain words after it."""
    why, todo = reasons.wizard_words(code, _lang())
    head = reasons.about(subject, why, _lang()) if subject else why
    return f"<b>{html.escape(head, quote=False)}</b> {html.escape(todo, quote=False)}".strip()


def reason_text(code: str | None) -> str:
    """Why an item was not moved or needs a look, in plain words."""
    return reasons.wizard_words(code, _lang())[0]


def todo_text(code: str | None) -> str:
    """What the person can do about it ("" when there is nothing to do)."""
    return reasons.wizard_words(code, _lang())[1]
