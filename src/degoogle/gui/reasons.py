"""Problems in plain words, in the wizard's language.

Codes the engine already words (``engine/reasons.py``, French, English and Dutch) are taken from there,
so the wizard, the CLI and the reports say the same thing.
The sign-in and set-up problems only the wizard meets are worded here, through Qt's translations, and
so is what to do where the engine's words name command-line options a wizard user never sees.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QLocale

from degoogle.engine import reasons
from degoogle.errors import DegoogleError
from degoogle.gui.formats import fill
from degoogle.gui.language import report_language


def _lang() -> str:
    return report_language(QLocale().name().split("_")[0])


def _wizard_texts() -> dict[str, str]:
    return {
        "bad_target": QCoreApplication.translate(
            "Problems", "This is not a server address. It looks like cloud.example.org."),
        "insecure_target": QCoreApplication.translate(
            "Problems", "This address is not secure (no https). Check it with your hoster."),
        "not_nextcloud": QCoreApplication.translate(
            "Problems", "No Nextcloud answers at this address. Check it with your hoster."),
        "login_timeout": QCoreApplication.translate(
            "Problems", "Nobody allowed the sign-in in time. Click the button again."),
        "no_keyring": QCoreApplication.translate(
            "Problems", "This computer has no keyring to keep the password safely."),
        "bad_source": QCoreApplication.translate(
            "Problems", "The archive or folder could not be read. Check that you chose the right one."),
        "not_found": QCoreApplication.translate(
            "Problems", "The archive or folder is not where it was chosen. Choose it again."),
        "journal_mismatch": QCoreApplication.translate(
            "Problems", "This move belongs to another source or hoster."),
        "no_plan": QCoreApplication.translate(
            "Problems", "This move was never prepared."),
        "plan_incomplete": QCoreApplication.translate(
            "Problems", "The list of what to move is not finished. Go back and check again."),
    }


def _wizard_reasons() -> dict[str, tuple[str, str]]:
    """Codes whose engine wording speaks of command-line options: (why, what to do) as the wizard says it."""
    return {
        # the wizard only leaves mail without a destination when this version cannot write it at this hoster
        "no_mail_destination": (
            QCoreApplication.translate("Problems", "This version of degoogle cannot put mail at this hoster yet."),
            QCoreApplication.translate("Problems", "It stays safe in your archive or your account.")),
        "source_changed": (
            reasons.reason("source_changed").text(_lang()),
            QCoreApplication.translate("Problems", "Run the assistant again from the start: the new version of the "
                                                   "file will be copied.")),
        "spam_trash_left_out": (
            reasons.reason("spam_trash_left_out").text(_lang()),
            QCoreApplication.translate("Problems", "If you need them too, ask the person who helps you: it takes "
                                                   "one more run.")),
        "conflict_skipped": (
            reasons.reason("conflict_skipped").text(_lang()),
            QCoreApplication.translate("Problems", "If you need this version too, ask the person who helps you.")),
    }


def error_text(code: str | None) -> str:
    """What went wrong, and what to do when there is something to do."""
    own = _wizard_texts().get(code or "")
    if own is not None:
        return own
    return f"{reason_text(code)} {todo_text(code)}".strip()


def problem_text(exc: object) -> str:
    """An error as the person reads it: what they gave that is wrong (the file, the address as typed)
    when the error names it, what is wrong with it, and what to do."""
    code = exc.code if isinstance(exc, DegoogleError) else "internal_error"
    return subject_text(getattr(exc, "subject", ""), code)


def subject_text(subject: str, code: str) -> str:
    """``error_text(code)`` about ``subject`` (a file name or an address; nothing when empty)."""
    text = error_text(code)
    return fill(QCoreApplication.translate("Problems", "“%1”: %2"), subject, text) if subject else text


def problem_html(subject: str, code: str) -> str:
    """``subject_text`` as rich text: what is wrong in bold, what to do in plain words after it."""
    own = _wizard_texts().get(code)
    why, todo = (own, "") if own is not None else (reason_text(code), todo_text(code))
    head = fill(QCoreApplication.translate("Problems", "“%1”: %2"), subject, why) if subject else why
    return f"<b>{html.escape(head, quote=False)}</b> {html.escape(todo, quote=False)}".strip()


def reason_text(code: str | None) -> str:
    """Why an item was not moved or needs a look, in plain words."""
    own = _wizard_reasons().get(code or "")
    return own[0] if own is not None else reasons.reason(code).text(_lang())


def todo_text(code: str | None) -> str:
    """What the person can do about it ("" when there is nothing to do)."""
    own = _wizard_reasons().get(code or "")
    return own[1] if own is not None else reasons.reason(code).todo(_lang())
