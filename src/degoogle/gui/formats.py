"""Sizes, durations and kinds of data in words, in the wizard's language."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from degoogle.console import human_bytes
from degoogle.engine.items import Kind

_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(text: str, *values: object) -> str:
    """Qt's ``%1``…``%9`` placeholders filled in one pass (PySide's ``tr`` gives a plain ``str``)."""
    return _PLACEHOLDER.sub(lambda m: str(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
                            else m.group(0), text)


def size_text(n: float, lang: str) -> str:
    """``1,8 Mo`` in French, ``1.8 MB`` in English, ``1,8 MB`` in Dutch."""
    return human_bytes(n, lang)


class Durations(QObject):
    """Durations in words (a class only so that Qt's tools find its plural forms)."""

    def text(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("less than a minute")
        minutes = round(seconds / 60)
        if minutes < 60:
            return self.tr("about %n min", "", minutes)
        hours, rest = divmod(minutes, 60)
        if hours >= 48:
            return self.tr("about %n day(s)", "", round(hours / 24))
        if rest < 5:
            return self.tr("about %n h", "", hours)
        return fill(self.tr("about %1 h %2"), hours, f"{rest:02d}")


def duration_text(seconds: float) -> str:
    """A rounded duration a person reads at a glance: "less than a minute", "about 25 min", "about 3 h 10"."""
    return Durations().text(seconds)


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
