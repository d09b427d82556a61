"""Local files holding many items: ``ics:PATH``, ``vcf:PATH``, ``mbox:PATH``.

PATH is a file, or a folder whose files with the scheme's suffix are all taken (sorted, recursively);
several paths are separated by commas. The items are found by the kind's ``Expander``, the same
one that reads those files inside a Takeout archive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, cast

from degoogle.errors import BadItemError, FatalError, UserError
from degoogle.model import Item, Kind, SourceEntry
from degoogle.sources.base import FileRef, Source, SourceOptions

SUFFIXES: dict[Kind, tuple[str, ...]] = {
    Kind.CALENDAR: (".ics", ".ical", ".ifb"),
    Kind.CONTACTS: (".vcf", ".vcard"),
    Kind.MAIL: (".mbox", ".mbx", ""),
}
NAMES: dict[Kind, str] = {Kind.CALENDAR: "calendar", Kind.CONTACTS: "address book", Kind.MAIL: "mailbox"}


def _files(root: Path, kind: Kind) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise UserError(f"{root} does not exist", code="bad_source")
    suffixes = SUFFIXES[kind]
    return sorted(
        (p for p in root.rglob("*") if p.is_file() and p.suffix.casefold() in suffixes and not p.name.startswith(".")),
        key=lambda p: p.as_posix(),
    )


def _open_local(ref: str) -> AbstractContextManager[BinaryIO]:
    try:
        return cast("AbstractContextManager[BinaryIO]", open(ref, "rb"))  # noqa: SIM115 - the caller closes it
    except FileNotFoundError as exc:
        raise FatalError(f"{Path(ref).name} is no longer there", code="source_gone") from exc
    except OSError as exc:
        raise BadItemError(f"{Path(ref).name}: {exc.strerror or exc}", code="unreadable") from exc


class LocalFiles(Source):
    """Items of one ``kind`` in local files (see the module docstring)."""

    def __init__(self, kind: Kind, paths: list[Path], spec: str, options: SourceOptions | None = None) -> None:
        from degoogle.sources.registry import expander_class

        cls = expander_class(kind)
        if cls is None:
            raise UserError(f"this version cannot read {NAMES[kind]} files yet", code="bad_source")
        self.spec = spec
        self.kind = kind
        self.paths = [p.expanduser().resolve() for p in paths]
        for path in self.paths:
            if not path.exists():
                raise UserError(f"{path} does not exist", code="bad_source")
        self.expander = cls(_open_local, options or SourceOptions())

    def describe(self) -> str:
        names = ", ".join(p.name for p in self.paths)
        return f"{NAMES[self.kind]} files: {names}"

    def refs(self) -> list[FileRef]:
        found: list[FileRef] = []
        for root in self.paths:
            for path in _files(root, self.kind):
                st = path.stat()
                rel = path.relative_to(root.parent if root.is_file() else root)
                fingerprint = hashlib.sha1(f"{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
                found.append(FileRef(str(path), tuple(rel.parts), st.st_size, fingerprint))
        return found

    def scan(self) -> Iterator[SourceEntry]:
        yield from self.expander.expand(self.refs())

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        return self.expander.open(item)

    def close(self) -> None:
        self.expander.close()
