"""What a person reads outside the wizard's widgets, in French, English or Dutch: GNU gettext catalogues.

The source strings are English, written in the code where they are used and marked with ``N_`` (a
counted noun with ``N_plural``) so that ``pybabel extract`` finds them (``scripts/translations``). Their
translations are in ``degoogle/locale/<lang>/LC_MESSAGES/degoogle.po``, compiled to the ``.mo`` beside it
that this module reads. The wizard's own widgets keep Qt Linguist (``resources/translations``); the
engine's words reach the wizard through this module too (``gui/reasons.py``).

Each language has its own translator, chosen by the caller's ``lang``: nothing here switches a
process-wide locale, so a French report and an English log line can be made side by side.

Placeholders are named, ``{name}``, filled with ``str.format`` after translation, so a translation may
put them in any order. French typography (a no-break space before ; : ! ? and », after «) is in the
French catalogue itself; ``tests/test_french_typography.py`` reads it.
"""

from __future__ import annotations

import functools
import gettext
import os
from importlib import resources
from pathlib import Path

#: the languages the catalogues speak (a report, a command line message, a reason)
LANGUAGES = ("fr", "en", "nl")
#: the gettext domain: ``degoogle.mo`` in each language's ``LC_MESSAGES``
DOMAIN = "degoogle"


def N_(text: str) -> str:  # noqa: N802 (gettext's own name for "translate later")
    """Mark ``text`` for extraction into the catalogues; it is translated where it is shown."""
    return text


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a counted phrase (``"{n} item"``, ``"{n} items"``) for extraction as one plural message."""
    return singular, plural


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/degoogle.mo`` (inside the installed package)."""
    return Path(str(resources.files("degoogle").joinpath("locale")))


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translator for ``lang``; a language without a catalogue gets the English source strings."""
    return gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)


def translate(lang: str, text: str) -> str:
    """``text`` (an English source string) in ``lang``; ``""`` stays ``""`` (gettext would give the
    catalogue's header for it)."""
    return catalogue(lang).gettext(text) if text else ""


def translate_plural(lang: str, forms: tuple[str, str], n: int) -> str:
    """The form of ``forms`` (singular, plural in English) that ``n`` takes in ``lang``, by the
    language's own plural rule (French: 0 and 1 are singular)."""
    return catalogue(lang).ngettext(forms[0], forms[1], n)


def default_lang() -> str:
    """French when the user's locale is French, else English (Dutch only when a person chooses it)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


#: a mail folder's role (RFC 6154 special use) as people name it: the report's folder lines and the
#: files of the mail archive (``Mail/Boîte de réception.mbox``) both say it so
_ROLES = {"\\Inbox": N_("Inbox"), "\\Sent": N_("Sent"), "\\Drafts": N_("Drafts"), "\\Junk": N_("Spam"),
          "\\Trash": N_("Trash"), "\\Archive": N_("Archive")}


def role_name(lang: str, name: str) -> str:
    """A mail folder's role (``\\Sent``) by its name in ``lang`` (fr, en or nl); other names as they are."""
    role = _ROLES.get(name)
    return translate(lang, role) if role is not None else name
