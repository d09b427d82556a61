"""Sizes, durations and kinds of data in words, in the wizard's language."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject

from degoogle.model import Kind

_PLACEHOLDER = re.compile(r"%([1-9])")


def number_text(n: int) -> str:
    """A whole number with the wizard's digit grouping: "15 000" in French, "15,000" in English."""
    return QLocale().toString(n)


def fill(text: str, *values: object) -> str:
    """Qt's ``%1``…``%9`` placeholders filled in one pass (PySide's ``tr`` gives a plain ``str``); whole
    numbers are written the wizard language's way ("15 000"), so no template shows "15000"."""
    def shown(value: object) -> str:
        return number_text(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)

    return _PLACEHOLDER.sub(lambda m: shown(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
                            else m.group(0), text)


#: the no-break space that holds a number to its unit
NBSP = "\u00a0"
_UNITS = {"fr": ("o", "ko", "Mo", "Go", "To")}


def size_text(n: float, lang: str) -> str:
    """``1,8 Mo`` in French, ``1.8 MB`` in English, ``1,8 MB`` in Dutch: decimal units as disks and hosters
    count, the number written by QLocale for ``lang`` and held to its unit by a no-break space."""
    units = _UNITS.get(lang, ("B", "KB", "MB", "GB", "TB"))
    locale = QLocale(lang)
    value = float(n)
    for i, unit in enumerate(units):
        if abs(value) < 1000 or i == len(units) - 1:
            number = locale.toString(round(value)) if i == 0 else locale.toString(value, "f", 1)
            return f"{number}{NBSP}{unit}"
        value /= 1000
    raise AssertionError("unreachable")


class Moments(QObject):
    """Dates and times in words (a class only so that Qt's tools find its strings)."""

    def text(self, timestamp: float) -> str:
        moment = QDateTime.fromSecsSinceEpoch(round(timestamp))
        locale = QLocale()
        return fill(self.tr("%1 at %2"), locale.toString(moment.date(), QLocale.FormatType.LongFormat),
                    locale.toString(moment.time(), QLocale.FormatType.ShortFormat))


def date_time_text(timestamp: float) -> str:
    """A local date and time as a person reads it, never ISO: "jeudi 3 décembre 2026 à 14:05"."""
    return Moments().text(timestamp)


class Durations(QObject):
    """Durations in words (a class only so that Qt's tools find its plural forms)."""

    def bare(self, seconds: float) -> str:
        """A rounded duration without "about": "25 min", "3 h 10", "2 days"."""
        minutes = max(1, round(seconds / 60))
        if minutes < 60:
            return self.tr("%n min", "", minutes)
        hours, rest = divmod(minutes, 60)
        if hours >= 48:
            return self.tr("%n day(s)", "", round(hours / 24))
        if rest < 5:
            return self.tr("%n h", "", hours)
        return fill(self.tr("%1 h %2"), hours, f"{rest:02d}")

    def text(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("less than a minute")
        return fill(self.tr("about %1"), self.bare(seconds))

    def range(self, fast: float, slow: float) -> str:
        if slow < 60:
            return self.tr("less than a minute")
        if fast < 60:
            return fill(self.tr("up to %1"), self.bare(slow))
        low, high = self.bare(fast), self.bare(slow)
        if low == high:
            return self.text(slow)
        if slow < 3600 - 30:  # both in minutes: the unit once, "between 6 and 7 min"
            return self.tr("between %1 and %n min", "", round(slow / 60)).replace("%1", number_text(
                max(1, round(fast / 60))))
        return fill(self.tr("between %1 and %2"), low, high)


def duration_text(seconds: float) -> str:
    """A rounded duration a person reads at a glance: "less than a minute", "about 25 min", "about 3 h 10"."""
    return Durations().text(seconds)


def duration_range_text(fast: float, slow: float) -> str:
    """A span of durations with "about" said at most once: "between 6 and 7 min", "between 50 min and
    2 h 10", "up to 3 min", or one duration when both round alike."""
    return Durations().range(fast, slow)


def kind_name(kind: str | Kind) -> str:
    """The kind of data as a heading: Mail, Files, Calendars, Contacts."""
    names = {
        Kind.MAIL: QCoreApplication.translate("Kinds", "Mail"),
        Kind.FILES: QCoreApplication.translate("Kinds", "Files"),
        Kind.CALENDAR: QCoreApplication.translate("Kinds", "Calendars"),
        Kind.CONTACTS: QCoreApplication.translate("Kinds", "Contacts"),
        Kind.PHOTOS: QCoreApplication.translate("Kinds", "Photos"),
        Kind.NOTES: QCoreApplication.translate("Kinds", "Notes"),
    }
    return names.get(Kind(kind), str(kind))


def _country_names() -> dict[str, str]:
    # the countries of the CHATONS collective's members, and their neighbours
    return {
        "FR": QCoreApplication.translate("Countries", "France"),
        "BE": QCoreApplication.translate("Countries", "Belgium"),
        "CH": QCoreApplication.translate("Countries", "Switzerland"),
        "LU": QCoreApplication.translate("Countries", "Luxembourg"),
        "CA": QCoreApplication.translate("Countries", "Canada"),
        "NL": QCoreApplication.translate("Countries", "Netherlands"),
        "DE": QCoreApplication.translate("Countries", "Germany"),
        "ES": QCoreApplication.translate("Countries", "Spain"),
        "IT": QCoreApplication.translate("Countries", "Italy"),
    }


def country_name(country: str) -> str:
    """A country as a person reads it, in the wizard's language: "BE" → "Belgique", "België" or
    "Belgium". A code not in the table gets Qt's name for it (in the wizard's language when Qt has
    that language for the country, else in English); anything else, a name already, is kept as it is."""
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        return country
    found = _country_names().get(code)
    if found is not None:
        return found
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return country
    local = QLocale(QLocale().language(), territory)
    if local.territory() == territory and local.nativeTerritoryName():
        return local.nativeTerritoryName()
    return QLocale.territoryToString(territory)
