"""Numbers, sizes, dates and counted nouns as a person reads them in French, English or Dutch.

Babel (the CLDR data) knows each language's habits: "15 000" with a narrow no-break space in French,
"15,000" in English, "15.000" in Dutch; "3 décembre 2026". The units and the "at" between a date and a
time are words of the catalogues (``degoogle/wording.py``), as are counted nouns ("1 élément", "2
éléments"). The wizard does the same with QLocale and Qt's plural forms; this module is for the engine
and the command line, which know nothing of Qt.
"""

from __future__ import annotations

import datetime as dt

from degoogle.wording import N_, translate

# Babel is imported by the functions that use it, not here: with its CLDR data, pytz and the local time
# zone's lookup it is a tenth of a second that a command printing no number (``status --json``) or
# a module merely imported never needs (issue 17: start-up time).

#: the no-break space French puts between a number and its unit, and before : and »
NBSP = "\u00a0"

#: decimal size units, as disks and hosters count (French says octets: "o", "ko", "Mo"…)
_SIZE_UNITS = (N_("B"), N_("KB"), N_("MB"), N_("GB"), N_("TB"))


def _locale(lang: str) -> str:
    return lang if lang in ("fr", "nl") else "en"


def number_text(n: float, lang: str) -> str:
    """``n`` with the language's digit grouping and decimal mark: 15 000 (fr), 15,000 (en), 15.000 (nl)."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_locale(lang))


def size_text(n: float, lang: str) -> str:
    """A size in decimal units, as disks and hosters count: ``1,8 Mo`` (fr), ``1.8 MB`` (en), ``1,8 MB`` (nl);
    the number and its unit are held together by a no-break space."""
    from babel.numbers import format_decimal

    value = float(n)
    for i, unit in enumerate(_SIZE_UNITS):
        if abs(value) < 1000 or i == len(_SIZE_UNITS) - 1:
            pattern = "#,##0" if i == 0 else "#,##0.0"
            return f"{format_decimal(value, format=pattern, locale=_locale(lang))}{NBSP}{translate(lang, unit)}"
        value /= 1000
    raise AssertionError("unreachable")


def date_time_text(timestamp: float, lang: str) -> str:
    """A local date and time in words: "3 décembre 2026 à 14:05", "December 3, 2026 at 2:05 PM"."""
    from babel.dates import format_date, format_time

    moment = dt.datetime.fromtimestamp(timestamp)
    locale = _locale(lang)
    return translate(lang, N_("{date} at {time}")).format(
        date=format_date(moment.date(), format="long", locale=locale),
        time=format_time(moment.time(), format="short", locale=locale))
