"""From the spec strings a person types (and the journal stores) to sources and targets.

SOURCE: ``takeout:PATH[,PATH…]`` (archive parts, or a folder holding them), ``folder:PATH``.
TARGET: ``nextcloud:https://user@cloud.example.org[/path]``.
"""

from __future__ import annotations

from pathlib import Path

from degoogle.errors import UserError
from degoogle.sources.base import Source
from degoogle.targets.nextcloud.account import NextcloudAccount

SOURCE_KINDS = ("takeout", "folder")


def open_source(spec: str) -> Source:
    """The source a spec names; ``UserError`` when the spec is malformed or names nothing."""
    scheme, sep, rest = spec.partition(":")
    if not sep or not rest:
        raise UserError(f"the source should look like takeout:PATH or folder:PATH, not {spec!r}", code="bad_source")
    if scheme == "takeout":
        from degoogle.sources.takeout import TakeoutArchive

        return TakeoutArchive([Path(p).expanduser() for p in rest.split(",") if p], spec)
    if scheme == "folder":
        from degoogle.sources.folder import LocalFolder

        return LocalFolder(Path(rest).expanduser(), spec)
    raise UserError(f"unknown source {scheme!r}: use one of {', '.join(SOURCE_KINDS)}", code="bad_source")


def normalise_source(spec: str) -> str:
    """The spec with absolute paths, so a journal still works when run from another folder."""
    scheme, _, rest = spec.partition(":")
    if scheme in SOURCE_KINDS and rest:
        return f"{scheme}:" + ",".join(str(Path(p).expanduser().resolve()) for p in rest.split(",") if p)
    return spec


def default_target_root(spec: str) -> str:
    """Where the files land in the Nextcloud when the user did not say."""
    scheme, _, rest = spec.partition(":")
    if scheme == "folder":
        name = Path(rest).expanduser().resolve().name
        return name or "Imported"
    return "Google Drive"


def parse_target(spec: str) -> NextcloudAccount:
    if not spec.startswith("nextcloud:"):
        raise UserError(f"the target should look like nextcloud:https://user@cloud.example.org, not {spec!r}",
                        code="bad_target")
    return NextcloudAccount.parse(spec)
