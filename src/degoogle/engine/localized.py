"""Numbers, sizes, dates and counted nouns as a person reads them in French, English or Dutch.

Babel (the CLDR data) knows each language's habits: "15 000" with a narrow no-break space in French,
"15,000" in English, "15.000" in Dutch; "1 élément" but "2 éléments"; "3 décembre 2026". The wizard
does the same with QLocale and Qt's plural forms; this module is for the engine and the command line,
which know nothing of Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal

#: the no-break space French puts between a number and its unit, and before : and »
NBSP = "\u00a0"

_SIZE_UNITS = {"fr": ("o", "ko", "Mo", "Go", "To")}
_DEFAULT_UNITS = ("B", "KB", "MB", "GB", "TB")
_AT = {"fr": "{date} à {time}", "nl": "{date} om {time}", "en": "{date} at {time}"}


def _locale(lang: str) -> str:
    return lang if lang in ("fr", "nl") else "en"


def number_text(n: float, lang: str) -> str:
    """``n`` with the language's digit grouping and decimal mark: 15 000 (fr), 15,000 (en), 15.000 (nl)."""
    return format_decimal(n, locale=_locale(lang))


def size_text(n: float, lang: str) -> str:
    """A size in decimal units, as disks and hosters count: ``1,8 Mo`` (fr), ``1.8 MB`` (en), ``1,8 MB`` (nl);
    the number and its unit are held together by a no-break space."""
    units = _SIZE_UNITS.get(lang, _DEFAULT_UNITS)
    value = float(n)
    for i, unit in enumerate(units):
        if abs(value) < 1000 or i == len(units) - 1:
            pattern = "#,##0" if i == 0 else "#,##0.0"
            return f"{format_decimal(value, format=pattern, locale=_locale(lang))}{NBSP}{unit}"
        value /= 1000
    raise AssertionError("unreachable")


def date_time_text(timestamp: float, lang: str) -> str:
    """A local date and time in words: "3 décembre 2026 à 14:05", "December 3, 2026 at 2:05 PM"."""
    moment = dt.datetime.fromtimestamp(timestamp)
    locale = _locale(lang)
    return _AT[locale].format(date=format_date(moment.date(), format="long", locale=locale),
                              time=format_time(moment.time(), format="short", locale=locale))


def plural_text(forms: Mapping[str, str], n: int, lang: str, **values: object) -> str:
    """The form of ``forms`` (CLDR categories: ``one``, ``other``…) that ``n`` takes in ``lang``, filled in
    with ``n`` (grouped, as ``{n}``) and ``values``. A category a language has but ``forms`` lacks falls
    back to ``other`` (French's "many" for round millions)."""
    category = Locale.parse(_locale(lang)).plural_form(abs(n))
    template = forms.get(category) or forms["other"]
    return template.format(n=number_text(n, lang), **values)
