"""Sizes, durations and kinds of data in words, in the wizard's language."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QObject

from degoogle.console import human_bytes
from degoogle.engine.items import Kind

_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(text: str, *values: object) -> str:
    """Qt's ``%1``…``%9`` placeholders filled in one pass (PySide's ``tr`` gives a plain ``str``)."""
    return _PLACEHOLDER.sub(lambda m: str(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
                            else m.group(0), text)


def size_text(n: float, lang: str) -> str:
    """``1,8 Mo`` in French, ``1.8 MB`` in English, ``1,8 MB`` in Dutch."""
    if lang == "nl":
        return human_bytes(n, "en").replace(".", ",")
    return human_bytes(n, "fr" if lang == "fr" else "en")


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
    }
    return names.get(Kind(kind), str(kind))
