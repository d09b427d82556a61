"""Sizes, durations and kinds of data in words, in the wizard's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from degoogle.console import human_bytes
from degoogle.engine.items import Kind


def size_text(n: float, lang: str) -> str:
    """``1,8 Mo`` in French, ``1.8 MB`` in English, ``1,8 MB`` in Dutch."""
    if lang == "nl":
        return human_bytes(n, "en").replace(".", ",")
    return human_bytes(n, "fr" if lang == "fr" else "en")


def duration_text(seconds: float) -> str:
    """A rounded duration a person reads at a glance: "less than a minute", "about 25 min", "about 3 h 10"."""
    tr = QCoreApplication.translate
    if seconds < 60:
        return tr("Durations", "less than a minute")
    minutes = round(seconds / 60)
    if minutes < 60:
        return tr("Durations", "about %n min", "", minutes)
    hours, rest = divmod(minutes, 60)
    if hours >= 48:
        return tr("Durations", "about %n days", "", round(hours / 24))
    if rest < 5:
        return tr("Durations", "about %n h", "", hours)
    return tr("Durations", "about %1 h %2").arg(hours).arg(f"{rest:02d}")


def kind_name(kind: str | Kind) -> str:
    """The kind of data as a heading: Mail, Files, Calendars, Contacts."""
    tr = QCoreApplication.translate
    names = {
        Kind.MAIL: tr("Kinds", "Mail"),
        Kind.FILES: tr("Kinds", "Files"),
        Kind.CALENDAR: tr("Kinds", "Calendars"),
        Kind.CONTACTS: tr("Kinds", "Contacts"),
    }
    return names.get(Kind(kind), str(kind))
