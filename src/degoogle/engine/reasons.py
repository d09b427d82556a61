"""Reason codes in plain words, with what a person can do about them, in French, English and Dutch.

The codes are ``degoogle.reasons.Reason``. Their words are written in English in ``engine.reason_words``:
the source strings of the gettext catalogues (``degoogle/wording.py``) that hold the French and the
Dutch. The wizard, the command line and the reports all word a code through ``reason(code)``; the
wizard says a few codes its own way where the command line's words name options a wizard user never
sees (``WIZARD``). A code without words is shown as the generic text with the code in brackets, so a
new code never hides a problem; ``tests/test_reason_words.py`` fails first.
"""

from __future__ import annotations

from dataclasses import dataclass

from degoogle.engine.reason_words import ENGLISH
from degoogle.reasons import Reason
from degoogle.wording import N_, translate

#: codes whose words name command-line options: (why, what to do) as the wizard says them ("" for "why":
#: the words of ``ENGLISH``)
WIZARD: dict[str, tuple[str, str]] = {
    # the wizard only leaves mail without a destination when this version cannot write it at this hoster
    Reason.NO_MAIL_DESTINATION: (N_("This version of degoogle cannot put mail at this hoster yet."),
                                 N_("It stays safe in your archive or your account.")),
    Reason.SOURCE_CHANGED: ("", N_("Run the assistant again from the start: the new version of the file will be "
                                   "copied.")),
    Reason.SPAM_TRASH_LEFT_OUT: ("", N_("If you need them too, ask the person who helps you: it takes one more "
                                        "run.")),
    Reason.CONFLICT_SKIPPED: ("", N_("If you need this version too, ask the person who helps you.")),
}

#: codes whose error ``detail`` names exactly what was wrong in what was typed (an option's value, a
#: journal's path): the command line shows that detail, the wizard these words
TOLD_BY_DETAIL = frozenset({
    Reason.USAGE, Reason.ERROR, Reason.BAD_SOURCE, Reason.BAD_TARGET, Reason.INSECURE_TARGET,
    Reason.NOT_NEXTCLOUD, Reason.PASSWORD_IN_SPEC, Reason.NO_PASSWORD, Reason.NO_KEYRING, Reason.LOGIN_TIMEOUT,
    Reason.LOGIN_CANCELLED, Reason.BAD_ONLY, Reason.BAD_MAIL_TO, Reason.JOURNAL_EXISTS, Reason.JOURNAL_MISSING,
    Reason.JOURNAL_INVALID, Reason.JOURNAL_TOO_NEW, Reason.JOURNAL_MISMATCH, Reason.NO_PLAN,
    Reason.PLAN_INCOMPLETE, Reason.CANCELLED,
})

_GENERIC = N_("Something needs attention.")


@dataclass(frozen=True)
class Wording:
    """A code's words: ``text`` (why) and ``todo`` (what to do, ``""`` when nothing) in a language.
    ``code`` is ``None`` for the generic words; an unknown code is named in brackets after them."""

    code: str | None

    def _english(self) -> tuple[str, str]:
        return ENGLISH.get(self.code, (_GENERIC, "")) if self.code is not None else (_GENERIC, "")

    def text(self, lang: str) -> str:
        """Why, in ``lang`` (fr, nl; English for any other language and where a translation is missing)."""
        words = translate(lang, self._english()[0])
        return words if self.code is None or self.code in ENGLISH else f"{words} [{self.code}]"

    def todo(self, lang: str) -> str:
        """What to do in ``lang``, as ``text``; ``""`` when there is nothing to do."""
        return translate(lang, self._english()[1])

    # the three languages by name, for checks and tests that hold them side by side
    @property
    def en(self) -> str:
        return self.text("en")

    @property
    def fr(self) -> str:
        return self.text("fr")

    @property
    def nl(self) -> str:
        return self.text("nl")

    @property
    def todo_en(self) -> str:
        return self.todo("en")

    @property
    def todo_fr(self) -> str:
        return self.todo("fr")

    @property
    def todo_nl(self) -> str:
        return self.todo("nl")


def reason(code: str | None) -> Wording:
    """The plain-language words for a code (the generic ones, naming the code, if it is unknown)."""
    return Wording(code)


def wizard_words(code: str | None, lang: str) -> tuple[str, str]:
    """(why, what to do) as the wizard says them in ``lang``: ``WIZARD``'s words where it has them."""
    own = WIZARD.get(code) if code is not None else None
    words = reason(code)
    if own is None:
        return words.text(lang), words.todo(lang)
    return (translate(lang, own[0]) if own[0] else words.text(lang)), translate(lang, own[1])


def about(subject: str, words: str, lang: str) -> str:
    """``words`` about ``subject`` (a file name, an address as typed), quoted the language's way:
    “x”: … in English, « x » : … in French, ‘x’: … in Dutch."""
    return translate(lang, N_("“{subject}”: {words}")).format(subject=subject, words=words)


def describe(codes: tuple[str, ...] | list[str], lang: str) -> str:
    """Several reason codes as one sentence list."""
    return " ".join(reason(c).text(lang) for c in codes)


def known_codes() -> tuple[str, ...]:
    """Every code worded here (for checks that each is worded in every language)."""
    return tuple(ENGLISH)
