"""Google Keep in a Takeout: each note as a Markdown file for Nextcloud Notes, its attachments beside it.

The Keep folder holds one ``<note>.json`` per note, an ``.html`` copy of each (not moved: the JSON
says the same), the attachment files and ``Labels.txt`` (the labels are in the notes already).
Each note gives one item, ``Notes/[Archive/][<label>/]<title>.md`` (``convert.keep_notes``), whose
bytes are made from the JSON when it is opened (the same bytes each time: the size is known from
the listing); each attachment an item next to its note. A trashed note and its attachments are
listed as left out (``note_in_trash``), so the report counts them. A note whose JSON cannot be
read is listed with ``problem`` set (``malformed_note``). Any other file is not moved by this version.

``mtime`` is the note's last edit (``userEditedTimestampUsec``), else its creation.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, BinaryIO, cast

from degoogle.convert.keep_notes import file_name, folder_of, note_title, read_note, to_markdown
from degoogle.errors import BadItemError
from degoogle.model import Item, Kind, SourceEntry
from degoogle.sources.base import Expander, FileRef

log = logging.getLogger(__name__)

NOTE_MAX = 16 * 1024 * 1024
_NOT_ITEMS = frozenset({"labels.txt"})


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


class KeepExpander(Expander):
    """The notes of a Takeout's Keep folder (see the module docstring)."""

    kind = Kind.NOTES

    def expand(self, files: Sequence[FileRef]) -> Iterator[SourceEntry]:
        by_name = {ref.path[-1]: ref for ref in files}
        by_stem: dict[str, FileRef] = {}
        for ref in files:
            by_stem.setdefault(_stem(ref.path[-1]).casefold(), ref)
        json_stems = {_stem(ref.path[-1]).casefold() for ref in files if ref.path[-1].casefold().endswith(".json")}
        used: set[str] = set()
        for ref in files:
            if not ref.path[-1].casefold().endswith(".json"):
                continue
            yield from self._note(ref, by_name, by_stem, used)
        for ref in files:
            name = ref.path[-1]
            low = name.casefold()
            if name in used or low.endswith(".json") or low in _NOT_ITEMS or (
                    low.endswith(".html") and _stem(name).casefold() in json_stems):
                continue  # notes, their attachments, their HTML copies and the label list are done
            yield SourceEntry(kind=Kind.NOTES, key=f"notes:{'/'.join(ref.path)}", path=ref.path, size=ref.size,
                              fingerprint=ref.fingerprint, locator=ref.ref, supported=False,
                              detail=f"Takeout folder: {ref.path[0]}")

    def _note(self, ref: FileRef, by_name: dict[str, FileRef], by_stem: dict[str, FileRef],
              used: set[str]) -> Iterator[SourceEntry]:
        key = f"notes:{'/'.join(ref.path)}"
        try:
            note = read_note(self._load(ref.ref))
        except (ValueError, BadItemError) as exc:
            yield SourceEntry(kind=Kind.NOTES, key=key, path=ref.path, size=ref.size, locator=ref.ref,
                              problem="malformed_note", detail=f"{'/'.join(ref.path)}: {exc}")
            return
        # Keep's filePath may name another extension than the file beside it (".jpeg" for ".jpg")
        attached = [by_name.get(p) or by_stem.get(_stem(p).casefold()) for p in note.attachments]
        attachments = [a for a in attached if a is not None and a.path[-1] != ref.path[-1]]
        title = note_title(note, _stem(ref.path[-1]))
        folder = folder_of(note)
        names = [a.path[-1] for a in attachments]
        text = to_markdown(note, title, names).encode("utf-8")
        left_out = "note_in_trash" if note.trashed else None
        locator = json.dumps({"note": ref.ref, "title": title, "attachments": names})
        yield SourceEntry(kind=Kind.NOTES, key=key, path=(*folder, file_name(title)), size=len(text),
                          mtime=note.edited, fingerprint=f"{len(text)}:{ref.fingerprint}", locator=locator,
                          left_out=left_out, detail="/".join(ref.path),
                          attrs={"role": "note", "labels": list(note.labels), "pinned": note.pinned})
        for attachment in attachments:
            used.add(attachment.path[-1])
            yield SourceEntry(kind=Kind.NOTES, key=f"notes:{'/'.join(attachment.path)}",
                              path=(*folder, attachment.path[-1]), size=attachment.size, mtime=note.edited,
                              fingerprint=attachment.fingerprint, locator=attachment.ref, left_out=left_out,
                              detail="/".join(attachment.path), attrs={"role": "attachment"})

    def _load(self, ref: str) -> Any:
        try:
            with self.open_file(ref) as stream:
                raw = stream.read(NOTE_MAX + 1)
            return json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a readable JSON note ({type(exc).__name__})") from exc

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        """A note's Markdown (made again from its JSON), or an attachment's bytes as they are."""
        if item.attrs.get("role") != "note":
            return self.open_file(item.locator)
        try:
            where = json.loads(item.locator)
            note = read_note(self._load(where["note"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise BadItemError(f"{item.source_path}: {exc}", code="malformed_note") from exc
        text = to_markdown(note, str(where["title"]), [str(n) for n in where["attachments"]]).encode("utf-8")
        return cast("AbstractContextManager[BinaryIO]", io.BytesIO(text))
