"""Which target writes each kind, besides the Nextcloud files target.

One place, so a new target is one function here: ``groupware`` (calendars and contacts, into the
Nextcloud's CalDAV/CardDAV) and ``mail`` (``--mail-to``: the hoster's IMAP mailbox, or ``archive``:
mbox files in the Nextcloud). Each returns the kinds it writes and a factory taking the secrets
(the Nextcloud app password, the mailbox password), or ``None`` when this version has none.

The kinds are known here without importing a target: planning asks which kinds can be written, and
a target's module brings its protocol's libraries (CalDAV, HTTP clients) that only writing needs.
A factory imports its target when it is called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from degoogle.model import Kind
from degoogle.targets.base import Target
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.chunk_sizes import DEFAULT_CHUNK


@dataclass(frozen=True)
class TargetOptions:
    """The user's choices for the targets: ``merge_calendars`` — write a source calendar into an existing
    target calendar of the same name instead of making "Name (2)"; ``on_conflict`` — an item whose UID is
    at the target with other content is written beside it (``kept_both``) or left out (``skip``);
    ``chunk_size`` — the size of the chunks big files and mail archives go up in; ``lang`` — the language
    of names the targets make (a mail archive's "Inbox.mbox"), the user's locale's when None;
    ``calendar_limits`` — the hoster's limits on making calendars (Nextcloud's defaults when None);
    ``over_limit`` — past the hoster's maximum of calendars, the rest ``merge``d into existing ones
    or left out (``leave_out``)."""

    merge_calendars: bool = False
    on_conflict: Literal["kept_both", "skip"] = "kept_both"
    workers: int = 4
    chunk_size: int = DEFAULT_CHUNK
    lang: str | None = None
    calendar_limits: str | None = None
    over_limit: Literal["merge", "leave_out"] = "merge"


#: (Nextcloud app password, mailbox password or None) -> the target
Factory = Callable[[str, str | None], Target]

#: what ``NextcloudFiles`` writes (the target every migration has)
FILES_KINDS = frozenset({Kind.FILES})
#: what ``NextcloudGroupware`` writes
GROUPWARE_KINDS = frozenset({Kind.CALENDAR, Kind.CONTACTS})
#: what ``NextcloudPhotos`` writes
PHOTOS_KINDS = frozenset({Kind.PHOTOS, Kind.NOTES})


def groupware(account: NextcloudAccount, options: TargetOptions) -> tuple[frozenset[Kind], Factory] | None:
    """Calendars and address books in the Nextcloud, or None when this version has no such target."""
    limits = None
    if options.calendar_limits:  # a wrong text is a UserError now, not when the run starts
        from degoogle.targets.nextcloud.calendar_limits import CalendarLimits

        limits = CalendarLimits.parse(options.calendar_limits)

    def factory(password: str, _mail_password: str | None) -> Target:
        from degoogle.targets.nextcloud.groupware import NextcloudGroupware

        return NextcloudGroupware(account, password, merge_calendars=options.merge_calendars,
                                  on_conflict=options.on_conflict, calendar_limits=limits,
                                  over_limit=options.over_limit)

    return GROUPWARE_KINDS, factory


def photos(account: NextcloudAccount, options: TargetOptions) -> tuple[frozenset[Kind], Factory] | None:
    """Google Photos (files with their albums in Nextcloud Photos) and Keep notes (Markdown files for
    Nextcloud Notes), or None when this version has no such target."""
    def factory(password: str, _mail_password: str | None) -> Target:
        from degoogle.targets.nextcloud.photos import NextcloudPhotos

        return NextcloudPhotos(account, password, workers=options.workers, chunk_size=options.chunk_size)

    return PHOTOS_KINDS, factory


def mail(mail_to: str, account: NextcloudAccount, options: TargetOptions) -> tuple[frozenset[Kind], Factory] | None:
    """The mail target ``mail_to`` names (``imaps://…``, ``imap://…``, ``archive``), or None."""
    if mail_to.casefold().startswith(("imap://", "imaps://")):
        from degoogle.protocols.imap import ImapAccount

        ImapAccount.parse(mail_to)  # a malformed address is a UserError now, at planning

        def imap_factory(_password: str, mail_password: str | None) -> Target:
            from degoogle.targets.imap import ImapTarget

            return ImapTarget(mail_to, mail_password)

        return frozenset({Kind.MAIL}), imap_factory
    if mail_to.casefold() == "archive":
        def archive_factory(password: str, _mail_password: str | None) -> Target:
            from degoogle.targets.nextcloud.mail_archive import MailArchive

            return MailArchive(account, password, chunk_size=options.chunk_size, workers=options.workers,
                               lang=options.lang)

        return frozenset({Kind.MAIL}), archive_factory
    return None
