"""Where things landed, for the Done page: per kind of data, the folders, calendars, address books and
mail folders at the hoster, each place with a button that opens it in the browser (the Nextcloud's
Files, Calendar and Contacts apps). Mail put in the hoster's mailbox has no page of ours to open: its
folders are named, with the mail server. Photos and Keep notes are files too (``Photos/``, ``Notes/``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from degoogle.app.migration import Migration
from degoogle.engine.report import Report, collection_name
from degoogle.gui.formats import fill, kind_name
from degoogle.gui.widgets import label
from degoogle.model import Kind, State

#: names listed per place before "and N more" (the saved report lists them all)
SHOWN = 6


@dataclass(frozen=True)
class Place:
    """One place at the hoster: what kind of data, its words, and the page that shows it (or "")."""

    kind: str
    names: tuple[str, ...]
    url: str
    folder: str = ""
    server: str = ""


def _files_url(base: str, folder: str) -> str:
    return f"{base}/index.php/apps/files/?dir=/{quote(folder)}"


def places(m: Migration, report: Report) -> list[Place]:
    """Where each kind of data that reached the hoster now is, in the order of the report's kinds."""
    base = m.account.base_url.rstrip("/")
    found: list[Place] = []
    for k in report.kinds:
        if not (k.moved + k.already_there + k.kept_both):
            continue
        if k.kind in (Kind.FILES.value, Kind.PHOTOS.value, Kind.NOTES.value):
            # files, photos (Photos/<year>/) and Keep notes (Notes/) are all in the Nextcloud's files
            tops = sorted({item.target_path.split("/")[0] for item in m.journal.items(
                kind=Kind(k.kind), states=[State.DONE]) if item.target_path})
            found += [Place(k.kind, (top,), _files_url(base, top), folder=top) for top in tops[:SHOWN]]
            continue
        landed = [c for c in report.collections.get(k.kind, []) if c.moved + c.already_there + c.kept_both]
        if k.kind == Kind.MAIL.value and m.options.mail_to == "archive":
            names = tuple(c.target.rsplit("/", 1)[-1] for c in landed if c.target)
            folder = next((c.target.rsplit("/", 1)[0] for c in landed if "/" in c.target), "")
            found.append(Place(k.kind, names, _files_url(base, folder) if folder else "", folder=folder))
        elif k.kind == Kind.MAIL.value:
            server = urlsplit(m.options.mail_to or "").hostname or ""
            found.append(Place(k.kind, tuple(collection_name(report, c.name) for c in landed), "", server=server))
        else:
            app = "calendar" if k.kind == Kind.CALENDAR.value else "contacts"
            names = tuple((c.target or c.name).rstrip("/").rsplit("/", 1)[-1] for c in landed)
            found.append(Place(k.kind, names, f"{base}/index.php/apps/{app}/"))
    return found


class LandedBox(QWidget):
    """The list of places with their buttons; ``show_places`` fills it again (after a language change
    too)."""

    def __init__(self, open_url: Callable[[str], bool]) -> None:
        super().__init__()
        self._open_url = open_url
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.lines: list[QLabel] = []
        self.buttons: list[QPushButton] = []

    def _clear(self) -> None:
        for widget in (*self.lines, *self.buttons):
            self.grid.removeWidget(widget)
            widget.hide()  # gone from sight now, not when the event loop gets to deleting it
            widget.deleteLater()
        self.lines, self.buttons = [], []

    def show_places(self, found: list[Place]) -> None:
        self._clear()
        for row, place in enumerate(found):
            words = label(data=True, selectable=True)
            words.setText(self._words(place))
            self.grid.addWidget(words, row, 0)
            words.show()  # a layout shows a new child only later, from the event loop
            self.lines.append(words)
            if place.url:
                button = QPushButton(self._button_text(place))
                button.setAccessibleName(button.text())
                button.clicked.connect(lambda _=False, url=place.url: self._open_url(url))
                self.grid.addWidget(button, row, 1)
                button.show()
                self.buttons.append(button)
        self.setVisible(bool(found))

    def _words(self, place: Place) -> str:
        shown = ", ".join(place.names[:SHOWN])
        if len(place.names) > SHOWN:
            shown += " " + self.tr("and %n more", "", len(place.names) - SHOWN)
        if place.kind == Kind.FILES.value:
            return fill(self.tr("Files: in the folder “%1” of your Nextcloud."), place.folder)
        if place.kind == Kind.PHOTOS.value:
            return fill(self.tr("Photos: in the folder “%1” of your Nextcloud, one folder per year; the Photos "
                                "app shows them by date."), place.folder)
        if place.kind == Kind.NOTES.value:
            return fill(self.tr("Notes: in the folder “%1” of your Nextcloud, which the Notes app reads."),
                        place.folder)
        if place.kind == Kind.MAIL.value and place.server:
            return fill(self.tr("Mail: in your mailbox at %1, folders: %2."), place.server, shown)
        if place.kind == Kind.MAIL.value:
            return fill(self.tr("Mail: in the folder “%1” of your Nextcloud, one file per mail folder: %2."),
                        place.folder, shown)
        if place.kind == Kind.CALENDAR.value:
            return fill(self.tr("Calendars: %1, in your Nextcloud's Calendar."), shown)
        return fill(self.tr("%1: %2, in your Nextcloud's Contacts."), kind_name(place.kind), shown)

    def _button_text(self, place: Place) -> str:
        if place.kind in (Kind.FILES.value, Kind.MAIL.value, Kind.PHOTOS.value, Kind.NOTES.value):
            return fill(self.tr("Open “%1”"), place.folder)
        if place.kind == Kind.CALENDAR.value:
            return self.tr("Open the calendars")
        return self.tr("Open the contacts")
