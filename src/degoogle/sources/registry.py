"""Which code reads what: the expanders for files holding many items, and the account sources.

One table each, so a new kind of source is one line here and nothing else changes:

- ``expanders``: for file-based sources (a Takeout archive, ``ics:``/``vcf:``/``mbox:`` local
  files), the ``Expander`` of each kind. A kind with no expander is listed as "not moved by this
  version".
- ``ACCOUNT_SCHEMES``: spec scheme → ``factory(spec, rest, options) -> Source`` for sources that
  are accounts on a server (CalDAV/CardDAV, iCloud, IMAP). Factories import lazily.
"""

from __future__ import annotations

from collections.abc import Callable

from degoogle.model import Kind
from degoogle.sources.base import Expander, OpenFile, Source, SourceOptions

AccountFactory = Callable[[str, str, SourceOptions], Source]


def expander_classes() -> dict[Kind, type[Expander]]:
    """The expander class of each kind this version can read from files."""
    classes: dict[Kind, type[Expander]] = {}
    from degoogle.sources.contact_files import ContactsExpander
    from degoogle.sources.groupware_files import CalendarExpander

    classes[Kind.CALENDAR] = CalendarExpander
    classes[Kind.CONTACTS] = ContactsExpander
    from degoogle.sources.mail_files import MailExpander

    classes[Kind.MAIL] = MailExpander
    from degoogle.sources.photos_files import PhotosExpander

    classes[Kind.PHOTOS] = PhotosExpander
    from degoogle.sources.keep_files import KeepExpander

    classes[Kind.NOTES] = KeepExpander
    return classes


def expanders(open_file: OpenFile, options: SourceOptions) -> dict[Kind, Expander]:
    return {kind: cls(open_file, options) for kind, cls in expander_classes().items()}


def account_schemes() -> dict[str, AccountFactory]:
    """Spec schemes of account sources (``caldav:``, ``imap://``…) and how to open them."""
    schemes: dict[str, AccountFactory] = {}
    from degoogle.sources import dav  # no connection is made before a scan

    schemes.update({"caldav": dav.open_caldav, "carddav": dav.open_carddav, "icloud": dav.open_icloud})
    from degoogle.sources import imap  # no connection is made before a scan

    schemes.update({"imap": imap.open_imap, "imaps": imap.open_imap, "icloud-mail": imap.open_imap})
    return schemes


#: file-based local sources: scheme → the kind of items its files hold
FILE_SCHEMES: dict[str, Kind] = {"ics": Kind.CALENDAR, "vcf": Kind.CONTACTS, "mbox": Kind.MAIL}
