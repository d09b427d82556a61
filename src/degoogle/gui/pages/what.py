"""What to move: mail, files, photos, calendars, contacts, notes, each with a line saying what it is. What this
version cannot move yet is shown, unticked, with why."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel

from degoogle.gui.formats import kind_name
from degoogle.gui.state import WizardState
from degoogle.gui.widgets import Page, label
from degoogle.model import ALL_KINDS, Kind


class WhatPage(Page):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.intro = label()
        self.body.addWidget(self.intro)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.boxes: dict[Kind, QCheckBox] = {}
        self.lines: dict[Kind, QLabel] = {}
        order = (Kind.MAIL, Kind.FILES, Kind.PHOTOS, Kind.CALENDAR, Kind.CONTACTS, Kind.NOTES)
        for row, kind in enumerate(order):
            box = QCheckBox()
            movable = kind in state.ctx.movable
            box.setChecked(movable)
            box.setEnabled(movable)
            box.toggled.connect(self.completeChanged)
            line = label()
            line.setBuddy(box)
            grid.addWidget(box, row, 0)
            grid.addWidget(line, row, 1)
            self.boxes[kind], self.lines[kind] = box, line
        self.body.addLayout(grid)
        self.later = label()
        self.body.addWidget(self.later)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("What would you like to move?"))
        self.intro.setText(self.tr("Tick what you want to find at your hoster. You can run the assistant again "
                                   "later for the rest."))
        explain = {
            Kind.MAIL: self.tr("Your messages, sent ones included, with their folders and labels."),
            Kind.FILES: self.tr("Your documents, photos and folders from Google Drive or iCloud Drive."),
            Kind.CALENDAR: self.tr("Your appointments, birthdays and repeating events."),
            Kind.CONTACTS: self.tr("The names, phone numbers and addresses of your address book."),
            Kind.PHOTOS: self.tr("Your Google Photos, each once, with the date it was taken, in Photos/<year>. "
                                 "Albums become albums of Nextcloud Photos; if your Nextcloud has no Photos app, "
                                 "the photos move without their albums (no second copy) and the report says so."),
            Kind.NOTES: self.tr("Your Google Keep notes, lists and attachments, as notes of Nextcloud Notes (the "
                                "Notes folder, a label is a category). Notes in the Keep trash stay behind."),
        }
        not_yet = self.tr("Not in this version yet: it stays safe where it is.")
        for kind in ALL_KINDS:
            box = self.boxes[kind]
            box.setText(kind_name(kind))
            box.setAccessibleName(kind_name(kind))
            text = explain[kind]
            if kind not in self.state.ctx.movable:
                text = f"{text} {not_yet}"
            self.lines[kind].setText(text)
            box.setAccessibleDescription(text)
        missing = [k for k in ALL_KINDS if k not in self.state.ctx.movable]
        self.later.setVisible(bool(missing))
        self.later.setText(self.tr("This version of degoogle cannot move everything yet. What it cannot move is "
                                   "listed in the final report and stays in your Google or iCloud account, and "
                                   "in your archive."))

    def chosen(self) -> set[Kind]:
        return {k for k, box in self.boxes.items() if box.isChecked() and box.isEnabled()}

    def isComplete(self) -> bool:
        return bool(self.chosen())

    def validatePage(self) -> bool:
        # kinds this version cannot move stay in the plan, so the report says "not moved by this
        # version" rather than "you chose not to move it"
        self.state.choices.kinds = self.chosen() | {k for k in ALL_KINDS if k not in self.state.ctx.movable}
        return True
