"""Google Keep notes (Takeout's ``Keep/*.json``) as Markdown notes for Nextcloud Notes. Pure functions.

A Keep note is a JSON object: ``title``; ``textContent`` or ``listContent`` (items with ``text``
and ``isChecked``); ``labels`` (``[{"name": …}]``); ``attachments`` (``[{"filePath", "mimetype"}]``,
files beside the JSON); ``isArchived``, ``isTrashed``, ``isPinned``, ``color``; and
``createdTimestampUsec`` / ``userEditedTimestampUsec`` in microseconds.

Nextcloud Notes reads Markdown files from the ``Notes/`` folder of the user's files; a note's
category is its subfolder. So a note becomes ``Notes/[Archive/][<first label>/]<title>.md``:

    # <title>

    <text, as it was>            or    - [ ] an item / - [x] a checked item

    ![photo.jpg](photo.jpg)            (an image attachment; other files as a plain link)

    Labels: <every label, when there are several>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

#: Notes' subfolder (category) for archived notes
ARCHIVE_FOLDER = "Archive"
NOTES_FOLDER = "Notes"
TITLE_MAX = 60


@dataclass(frozen=True)
class KeepNote:
    """What a Keep JSON says, read defensively (any field may be missing or of another type)."""

    title: str
    text: str
    checklist: tuple[tuple[str, bool], ...]
    labels: tuple[str, ...]
    attachments: tuple[str, ...]
    archived: bool
    trashed: bool
    pinned: bool
    created: float | None
    edited: float | None


def _usec(value: Any) -> float | None:
    try:
        stamp = float(value) / 1_000_000
    except (TypeError, ValueError):
        return None
    return stamp if stamp > 0 else None


def read_note(data: Any) -> KeepNote:
    """A Keep note from its parsed JSON; ``ValueError`` when it is not a JSON object."""
    if not isinstance(data, dict):
        raise ValueError("a Keep note is a JSON object")
    items = data.get("listContent")
    checklist = tuple(
        (str(i.get("text", "")), bool(i.get("isChecked")))
        for i in (items if isinstance(items, list) else []) if isinstance(i, dict)
    )
    labels = tuple(str(x["name"]) for x in data.get("labels") or [] if isinstance(x, dict) and x.get("name"))
    attachments = tuple(str(x["filePath"]) for x in data.get("attachments") or []
                        if isinstance(x, dict) and x.get("filePath"))
    text = data.get("textContent")
    return KeepNote(
        title=str(data.get("title") or "").strip(),
        text=text if isinstance(text, str) else "",
        checklist=checklist, labels=labels, attachments=attachments,
        archived=bool(data.get("isArchived")), trashed=bool(data.get("isTrashed")),
        pinned=bool(data.get("isPinned")),
        created=_usec(data.get("createdTimestampUsec")),
        edited=_usec(data.get("userEditedTimestampUsec")) or _usec(data.get("createdTimestampUsec")),
    )


def note_title(note: KeepNote, fallback: str) -> str:
    """The note's title; a note without one is named by its first line of text (as Notes does), else
    ``fallback`` (the JSON's file name without ``.json``)."""
    title = note.title
    if not title:
        first = next((line.strip() for line in note.text.splitlines() if line.strip()), "")
        first = first or next((text.strip() for text, _ in note.checklist if text.strip()), "")
        title = first[:TITLE_MAX].strip()
    return title or fallback


def file_name(title: str) -> str:
    """The Markdown file's name: the title with path separators replaced, plus ``.md``."""
    return re.sub(r"[/\\]", "-", title).strip() + ".md"


def folder_of(note: KeepNote) -> tuple[str, ...]:
    """``("Notes", [ARCHIVE_FOLDER,] [first label])``."""
    folder: tuple[str, ...] = (NOTES_FOLDER,)
    if note.archived:
        folder += (ARCHIVE_FOLDER,)
    if note.labels:
        folder += (re.sub(r"[/\\]", "-", note.labels[0]).strip() or "_",)
    return folder


def _link(name: str) -> str:
    target = quote(name, safe="")
    image = name.rsplit(".", 1)[-1].casefold() in {"jpg", "jpeg", "png", "gif", "webp", "heic", "bmp"}
    return f"![{name}]({target})" if image else f"[{name}]({target})"


def to_markdown(note: KeepNote, title: str, attachments: list[str]) -> str:
    """The note as Markdown (see the module docstring); ``attachments`` are the names of the files
    as they sit next to the note."""
    lines = [f"# {title}", ""]
    if note.text:
        lines += [note.text.rstrip("\n"), ""]
    if note.checklist:
        lines += [f"- [{'x' if checked else ' '}] {text}" for text, checked in note.checklist]
        lines.append("")
    if attachments:
        lines += [_link(name) for name in attachments]
        lines.append("")
    if len(note.labels) > 1:
        lines += ["Labels: " + ", ".join(note.labels), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
