"""From the spec strings a person types (and the journal stores) to sources and targets.

SOURCE: ``takeout:PATH[,PATH…]`` (archive parts, or a folder holding them), ``folder:PATH``,
``ics:PATH``, ``vcf:PATH``, ``mbox:PATH`` (files, or folders of them), and the account sources of
``sources.registry`` (``caldav:``, ``carddav:``, ``icloud:``, ``imap://``, ``imaps://``).
TARGET: ``nextcloud:https://user@cloud.example.org[/path]``.

Specs never hold a secret: a password typed into one (``imap://marie:secret@…``) is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from degoogle.errors import UserError
from degoogle.sources.base import Source, SourceOptions
from degoogle.sources.registry import FILE_SCHEMES, account_schemes
from degoogle.targets.nextcloud.account import NextcloudAccount

PATH_SCHEMES = ("takeout", "folder", *FILE_SCHEMES)
_SECRET_IN_URL = re.compile(r"^[a-z]+://[^/@:]+:[^/@]*@", re.IGNORECASE)


def source_schemes() -> tuple[str, ...]:
    return (*PATH_SCHEMES, *account_schemes())


def _paths(rest: str) -> list[Path]:
    return [Path(p).expanduser() for p in rest.split(",") if p]


def open_source(spec: str, options: SourceOptions | None = None) -> Source:
    """The source a spec names; ``UserError`` when the spec is malformed or names nothing."""
    options = options or SourceOptions()
    scheme, sep, rest = spec.partition(":")
    if not sep or not rest:
        raise UserError(f"the source should look like takeout:PATH or folder:PATH, not {spec!r}", code="bad_source")
    if _SECRET_IN_URL.match(rest.lstrip(":")) or _SECRET_IN_URL.match(spec):
        raise UserError("never put a password in the source address: degoogle asks for it, or reads "
                        "DEGOOGLE_SOURCE_PASSWORD / --source-password-file", code="bad_source")
    if scheme == "takeout":
        from degoogle.sources.takeout import TakeoutArchive

        return TakeoutArchive(_paths(rest), spec, options)
    if scheme == "folder":
        from degoogle.sources.folder import LocalFolder

        return LocalFolder(Path(rest).expanduser(), spec)
    if scheme in FILE_SCHEMES:
        from degoogle.sources.local_files import LocalFiles

        return LocalFiles(FILE_SCHEMES[scheme], _paths(rest), spec, options)
    factory = account_schemes().get(scheme)
    if factory is not None:
        return factory(spec, rest, options)
    raise UserError(f"unknown source {scheme!r}: use one of {', '.join(source_schemes())}", code="bad_source")


def normalise_source(spec: str) -> str:
    """The spec with absolute paths, so a journal still works when run from another folder."""
    scheme, _, rest = spec.partition(":")
    if scheme in PATH_SCHEMES and rest:
        return f"{scheme}:" + ",".join(str(Path(p).expanduser().resolve()) for p in rest.split(",") if p)
    return spec


def source_needs_password(spec: str) -> bool:
    """Account sources sign in; file sources do not."""
    return spec.partition(":")[0] in account_schemes()


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
