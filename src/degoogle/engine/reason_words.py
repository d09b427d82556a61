"""The English words of every reason code: why, and what a person can do about it.

These are the source strings of the gettext catalogues (``degoogle/wording.py``): the French and the
Dutch are in ``degoogle/locale``. Read them through ``engine.reasons.reason(code)``, which translates.
Every member of ``degoogle.reasons.Reason`` has an entry (``tests/test_reason_words.py``).
"""

from __future__ import annotations

from degoogle.reasons import Reason
from degoogle.wording import N_

#: code → (why, what to do; "" when there is nothing to do), in English
ENGLISH: dict[str, tuple[str, str]] = {
    # -- renames (names Nextcloud or its desktop clients refuse) ---------------------------------------------
    Reason.UNICODE_NFC: (N_("The name's accents were written in a different Unicode form; it looks the same."), ""),
    Reason.FORBIDDEN_NAME: (N_("This name is reserved by Nextcloud."), ""),
    Reason.FORBIDDEN_BASENAME: (N_("This name is reserved on Windows computers."), ""),
    Reason.FORBIDDEN_CHARACTER: (N_("The name held a character Nextcloud refuses (\\ / : * ? \" < > |)."), ""),
    Reason.CONTROL_CHARACTER: (N_("The name held an invisible control character."), ""),
    Reason.LEADING_SPACE: (N_("The name began with a space."), ""),
    Reason.TRAILING_SPACE_OR_DOT: (N_("The name ended with a space or a dot."), ""),
    Reason.FORBIDDEN_EXTENSION: (N_("The name ended in an extension Nextcloud reserves for itself."), ""),
    Reason.TOO_LONG: (N_("The name was too long for Nextcloud."), ""),
    Reason.EMPTY_NAME: (N_("The name was empty."), ""),
    Reason.NAME_CLASH: (N_("Another item in the same folder had the same name (ignoring case and accents form)."), ""),
    Reason.KEPT_BOTH: (
        N_("A different file with this name was already in your Nextcloud: both are kept."),
        N_("Compare the two files and delete the one you do not need."),
    ),
    # -- skipped ---------------------------------------------------------------------------------------------
    Reason.NOT_SUPPORTED_YET: (
        N_("This kind of data is not moved by this version of degoogle."),
        N_("It stays safe in your archive; a later version will move it."),
    ),
    Reason.NOT_SELECTED: (N_("You chose not to move this kind of data."), ""),
    Reason.NO_MAIL_DESTINATION: (
        N_("Mail was not moved: no mailbox was chosen to receive it."),
        N_("Plan again with your hoster's mailbox (--mail-to imaps://…) or as an archive in your Nextcloud "
           "(--mail-to archive)."),
    ),
    Reason.SPAM_TRASH_LEFT_OUT: (
        N_("Spam and Trash are not moved unless you ask for them."),
        N_("To move them too, plan again with --include-spam-trash, then run again."),
    ),
    Reason.DELETED_AT_SOURCE: (
        N_("This message was deleted in your mail program (marked deleted, not yet removed): it is not moved."),
        "",
    ),
    # -- quarantined -----------------------------------------------------------------------------------------
    Reason.ARCHIVE_DAMAGED: (
        N_("This part of the archive is damaged or incomplete."),
        N_("Download this part again from Google Takeout, then run degoogle again."),
    ),
    Reason.CORRUPT_MEMBER: (
        N_("This file is damaged inside the archive."),
        N_("Download the archive part again from Google Takeout, then run degoogle again."),
    ),
    Reason.UNREADABLE: (
        N_("This file could not be read on your computer."),
        N_("Check that the file opens on your computer, then run degoogle again."),
    ),
    Reason.SOURCE_CHANGED: (
        N_("This file changed while it was being copied."),
        N_("Start again from the listing (degoogle plan, then degoogle run): the new version will be copied."),
    ),
    Reason.REFUSED_BY_SERVER: (
        N_("Your hoster's server refused this file."),
        N_("Send the details to your helper or your hoster."),
    ),
    Reason.TOO_BIG_FOR_SPACE: (
        N_("This file is bigger than the space left at your hoster; the rest went on."),
        N_("Free some space or ask your hoster for more, then run degoogle again: it will try this file again."),
    ),
    Reason.SERVER_ERROR: (
        N_("Your hoster's server failed on this item again and again, while other items went through."),
        N_("Send the details (the server's own words) to your hoster or your helper."),
    ),
    Reason.TOO_LARGE: (
        N_("This file is larger than your hoster accepts."),
        N_("Ask your hoster about the size limit."),
    ),
    # -- failed / paused -------------------------------------------------------------------------------------
    Reason.TEMPORARY: (
        N_("The connection or the server had trouble, even after several tries."),
        N_("Run degoogle again later: it will pick up where it stopped."),
    ),
    Reason.CHECKSUM_MISMATCH: (
        N_("The copy at your hoster did not match the original."),
        N_("Run degoogle again: it will copy the file again."),
    ),
    # -- what the person gave that cannot be used (the error's ``subject`` names it) -------------------------
    Reason.SOURCE_NOT_FOUND: (
        N_("Nothing is there: the file or folder was moved, renamed, or is on a disk that is not plugged in."),
        N_("Choose it again where it is now; Google archives are usually in your Downloads folder."),
    ),
    Reason.NOT_A_FOLDER: (N_("This is a file, not a folder."), N_("Choose the folder that holds your files.")),
    Reason.NOT_AN_ARCHIVE: (
        N_("This file is not a Google archive (a .zip or .tgz file made by Google Takeout)."),
        N_("Choose the files named takeout-….zip that you downloaded from the link in Google's e-mail."),
    ),
    Reason.ARCHIVE_IS_WEB_PAGE: (
        N_("This file is a web page, not an archive: the download went wrong (often Google's sign-in page was saved"
           " instead)."),
        N_("Download this part again from the link in Google's e-mail, signed in to your Google account."),
    ),
    Reason.NO_ARCHIVE_IN_FOLDER: (
        N_("This folder holds no Google archive (no takeout-….zip or .tgz file)."),
        N_("Choose the archive files themselves, or the folder you downloaded them to."),
    ),
    Reason.NOTHING_FOUND: (
        N_("Nothing to move was found in what you chose."),
        N_("Check that you chose your Google archive (all its parts) or the right folder."),
    ),
    Reason.HOST_NOT_FOUND: (
        N_("No server has this name."),
        N_("Check the spelling of the address your hoster gave you (it looks like cloud.example.org). If it is "
           "right, check that this computer is connected to the Internet."),
    ),
    Reason.ADDRESS_IS_EMAIL: (
        N_("This is an e-mail address, not the address of your hoster's server."),
        N_("Type the address of your Nextcloud, like cloud.example.org: your hoster gave it with your account."),
    ),
    Reason.ADDRESS_HAS_SPACES: (
        N_("A server address has no spaces."),
        N_("Type it again without spaces, like cloud.example.org."),
    ),
    Reason.UNREACHABLE: (
        N_("Your hoster's server could not be reached."),
        N_("Check your Internet connection, then resume."),
    ),
    Reason.AUTH_FAILED: (N_("Your hoster refused the login or the app password."), N_("Sign in again, then resume.")),
    Reason.NO_SPACE: (
        N_("Your space at the hoster is full."),
        N_("Free some space or ask your hoster for more, then resume."),
    ),
    Reason.NO_CHUNKED_UPLOAD: (
        N_("Your hoster's Nextcloud cannot receive files in parts, which the mail archive needs."),
        N_("Ask your hoster to update Nextcloud (version 26 or later), or choose your hoster's mailbox for the mail."),
    ),
    Reason.SERVER_MAINTENANCE: (N_("Your hoster's server is in maintenance."), N_("Resume a little later.")),
    Reason.TLS_ERROR: (
        N_("The secure connection to your hoster could not be checked."),
        N_("Check the address of your hoster; send the details to your helper."),
    ),
    Reason.REDIRECTED_ELSEWHERE: (
        N_("The server sent degoogle to another address; degoogle does not send your password there."),
        N_("Check the address with your hoster (or the service), and give the one it now uses."),
    ),
    Reason.SERVER_REFUSED: (
        N_("Your hoster's server refused to answer degoogle."),
        N_("Send the details to your helper or your hoster."),
    ),
    Reason.NOT_INSTALLED: (
        N_("The Nextcloud at this address is not installed or not finished."),
        N_("Check the address with your hoster."),
    ),
    Reason.SOURCE_GONE: (
        N_("The archive or folder being copied is no longer there."),
        N_("Plug the disk back in or put the archive back, then resume."),
    ),
    # the codes an error carries when the code raising it named none: worded, so nothing shows as a bare code
    Reason.BAD_ITEM: (
        N_("This item could not be moved."),
        N_("It stays in your archive. Send the details to your helper."),
    ),
    Reason.SKIPPED: (N_("This item was left aside."), ""),
    Reason.FATAL: (
        N_("The move stopped on a problem it cannot get past by itself."),
        N_("Send the details to your helper, then run degoogle again: it picks up where it stopped."),
    ),
    Reason.INTERNAL_ERROR: (N_("Something unexpected went wrong in degoogle."), N_("Send the details to your helper.")),
    # -- verification ----------------------------------------------------------------------------------------
    Reason.MISSING_AT_TARGET: (N_("The file is no longer in your Nextcloud."), ""),
    Reason.SIZE_MISMATCH: (N_("The file in your Nextcloud does not have the right size."), ""),
    # -- calendars and contacts ------------------------------------------------------------------------------
    Reason.MALFORMED_EVENT: (
        N_("This event could not be read: it is damaged in the calendar file."),
        N_("The rest of the calendar was moved. Re-create this event by hand if you need it (the details say which "
           "line of the file is damaged)."),
    ),
    Reason.MALFORMED_CONTACT: (
        N_("This contact could not be read: it is damaged in the address book file."),
        N_("The other contacts were moved. Re-create this one by hand if you need it (the details say which line of"
           " the file is damaged)."),
    ),
    Reason.NOT_CALENDAR: (
        N_("This file is not a calendar file (iCalendar, .ics) that degoogle can read."),
        N_("Open it to see what it holds; export the calendar again from Google Calendar or your calendar program."),
    ),
    Reason.NOT_VCARD: (
        N_("This file is not an address book file (vCard, .vcf) that degoogle can read."),
        N_("Open it to see what it holds; export the contacts again from Google Contacts or your address book."),
    ),
    Reason.CONTACT_GROUP_FOLDED: (
        N_("This is a contact group, not a contact: its name was added as a group (category) to each of its "
           "members, which is how Nextcloud Contacts shows groups."),
        "",
    ),
    Reason.MALFORMED_TIME_ZONE: (
        N_("A time zone of this calendar could not be read: it is damaged in the calendar file."),
        N_("Events using a well-known zone of the same name were moved with it; the others are listed apart."),
    ),
    Reason.UNKNOWN_TIME_ZONE: (
        N_("This event uses a time zone that no zone table knows, and the calendar file does not describe it."),
        N_("To move it at the same clock time wherever you are (floating time), plan again with that choice "
           "(--floating-unknown-zones) and run again; or re-create it by hand."),
    ),
    Reason.EVENT_MOVED_FLOATING: (
        N_("The event was moved, but its time zone is known to no zone table: it keeps the same clock time wherever"
           " you are (floating time)."),
        N_("Check its time in your calendar and correct the time zone if needed."),
    ),
    Reason.CONTACT_PHOTO_DROPPED: (
        N_("The contact was moved without its photo: the photo is damaged in the address book file."),
        N_("Add a photo to the contact again if you want one."),
    ),
    Reason.KEPT_BOTH_EVENT: (
        N_("A different version of this event was already in your calendar: both are kept."),
        N_("Compare the two events and delete the one you do not need."),
    ),
    Reason.KEPT_BOTH_CONTACT: (
        N_("A different version of this contact was already in your address book: both are kept."),
        N_("Compare the two contacts and delete the one you do not need."),
    ),
    Reason.SERVER_LIMIT_WAIT: (
        N_("Your hoster refuses this for a while by its own rules: the move waits, then goes on by itself."),
        "",
    ),
    Reason.CALENDAR_CREATION_WAIT: (
        N_("Your hoster allows only so many new calendars an hour: the move waits for it."),
        "",
    ),
    Reason.CALENDAR_MERGED: (
        N_("Your hoster holds no more calendars for your account: this calendar's events were put into another of "
           "your calendars (the details say which), as you chose."),
        N_("If you would rather have them apart, delete a calendar you do not use at your hoster, then plan and run"
           " again."),
    ),
    Reason.CALENDAR_LIMIT_LEFT_OUT: (
        N_("Your hoster holds no more calendars for your account: as you chose, this calendar's events were left out."),
        N_("Delete a calendar you do not use at your hoster, or plan again with \"merge\" (--calendars-over-limit "
           "merge), then run again."),
    ),
    Reason.CALENDAR_LIMIT_REACHED: (
        N_("Your hoster holds no more calendars for your account, and none was there to take these events."),
        N_("Delete a calendar you do not use at your hoster, or ask it for more, then run again."),
    ),
    Reason.CONFLICT_SKIPPED: (
        N_("A different version of this event or contact was already at your hoster; as you chose, it was left as "
           "it is and this one was not copied."),
        N_('To keep both, plan again with "keep both" (--on-conflict kept_both) and run again.'),
    ),
    Reason.NO_DAV_SERVICE: (
        N_("Your hoster's server offers no calendars or contacts (CalDAV/CardDAV) for this account."),
        N_("Ask your hoster to turn on calendars and contacts, then run degoogle again."),
    ),
    Reason.NOT_A_DAV_SERVER: (
        N_("The server did not answer as a calendar and contacts server."),
        N_("Check the address; send the details to your helper."),
    ),
    Reason.SOURCE_AUTH_FAILED: (
        N_("The account you are moving from refused the login or the password."),
        N_("Check the password (for iCloud, an app-specific password made at appleid.apple.com), then try again."),
    ),
    Reason.SOURCE_UNREACHABLE: (
        N_("The account you are moving from could not be reached."),
        N_("Check your Internet connection, then run degoogle again: it picks up where it stopped."),
    ),
    Reason.REFUSED_BY_SOURCE: (
        N_("The account you are moving from refused to give this item."),
        N_("Send the details to your helper."),
    ),
    # -- mail ------------------------------------------------------------------------------------------------
    Reason.MAIL_TOO_LARGE: (
        N_("This message is larger than your hoster's mailbox accepts."),
        N_("It stays in your archive. Ask your hoster about the size limit, or keep the attachment elsewhere."),
    ),
    Reason.MAIL_REFUSED: (
        N_("Your hoster's mailbox refused this message."),
        N_("It stays in your archive. Send the details to your helper or your hoster."),
    ),
    Reason.MAIL_OVERSIZED: (
        N_("This message is over 100 MB: too large to be moved as an e-mail."),
        N_("It stays in your archive; save its attachments from Gmail or the archive if you need them."),
    ),
    Reason.NOT_MBOX: (
        N_("This file is not a mailbox file (mbox) that degoogle can read."),
        N_("Check that it is the mail export from Google Takeout or your mail program."),
    ),
    Reason.SOURCE_TLS_ERROR: (
        N_("The secure connection to the account you are moving from could not be checked."),
        N_("Check the address of the account; send the details to your helper."),
    ),
    # -- photos and notes ------------------------------------------------------------------------------------
    Reason.PHOTO_NO_DATE: (
        N_("No date was found for this photo (no Google data, no camera date): it was moved with the archive's date."),
        N_("It may appear at the wrong place in the Photos timeline; you can fix its date there."),
    ),
    Reason.PHOTO_ALBUMS_NO_APP: (
        N_("This photo is in albums, but your Nextcloud has no Photos app to hold albums: the photo was moved, its "
           "albums were not recreated."),
        N_("Ask your hoster to enable the Photos app, then run degoogle again: it adds the albums without copying "
           "anything twice."),
    ),
    Reason.PHOTO_PLACES_NOT_WRITTEN: (
        N_("These photos have a place (GPS position) in Google's data that is not written into them: Nextcloud "
           "Photos reads places only from inside the photo file, and writing there would change the photo."),
        N_("The places stay in degoogle's journal; the photos whose camera recorded the place keep it."),
    ),
    Reason.PHOTO_IN_TRASH: (N_("This photo was in the Google Photos trash: it is not moved."), ""),
    Reason.PHOTO_NOT_MEDIA: (N_("This file of the Google Photos folder is neither a photo nor a video."), ""),
    Reason.NOTE_IN_TRASH: (N_("This note was in the Keep trash: it is not moved."), ""),
    Reason.MALFORMED_NOTE: (
        N_("This Keep note could not be read."),
        N_("It stays in your archive (an .html copy of it is beside it); send the details to your helper."),
    ),
    # -- what was asked cannot be done as asked (the command line shows the error's own detail) --------------
    Reason.USAGE: (N_("What was asked cannot be done as asked."), N_("Check what you chose or typed, then try again.")),
    Reason.ERROR: (N_("Something went wrong."), N_("Send the details to your helper.")),
    Reason.BAD_SOURCE: (N_("The archive or folder could not be read. Check that you chose the right one."), ""),
    Reason.BAD_TARGET: (N_("This is not a server address. It looks like cloud.example.org."), ""),
    Reason.INSECURE_TARGET: (N_("This address is not secure (no https). Check it with your hoster."), ""),
    Reason.NOT_NEXTCLOUD: (N_("No Nextcloud answers at this address. Check it with your hoster."), ""),
    Reason.PASSWORD_IN_SPEC: (
        N_("The address holds a password: degoogle does not take a password there."),
        N_("Give the address without the password: sign in with degoogle login, or give a password file."),
    ),
    Reason.NO_PASSWORD: (
        N_("No password was found for this account."),
        N_("Sign in first (degoogle login), or give the password in a file (--password-file)."),
    ),
    Reason.NO_KEYRING: (N_("This computer has no keyring to keep the password safely."), ""),
    Reason.LOGIN_TIMEOUT: (N_("Nobody allowed the sign-in in time. Click the button again."), ""),
    Reason.LOGIN_CANCELLED: (N_("The sign-in was cancelled; nothing was stored."), ""),
    Reason.BAD_ONLY: (
        N_("This is not a kind of data degoogle moves."),
        N_("Choose among files, calendar, contacts, mail, photos and notes."),
    ),
    Reason.BAD_MAIL_TO: (
        N_("This version of degoogle cannot put mail there."),
        N_("Give your hoster's mailbox (imaps://…) or an archive in your Nextcloud (archive)."),
    ),
    # -- the journal of a move -------------------------------------------------------------------------------
    Reason.JOURNAL_EXISTS: (
        N_("A journal of this name is already there: it holds another move."),
        N_("Choose another name for the journal, or resume that move (degoogle run)."),
    ),
    Reason.JOURNAL_MISSING: (
        N_("There is no journal at this place."),
        N_("Check the journal's name and folder: it is the file degoogle plan made."),
    ),
    Reason.JOURNAL_INVALID: (N_("This file is not a degoogle journal."), N_("Choose the file degoogle plan made.")),
    Reason.JOURNAL_TOO_NEW: (
        N_("This journal was written by a newer version of degoogle."),
        N_("Install that version of degoogle (or a later one) to go on with this move."),
    ),
    Reason.JOURNAL_MISMATCH: (N_("This move belongs to another source or hoster."), ""),
    Reason.NO_PLAN: (N_("This move was never prepared."), ""),
    Reason.PLAN_INCOMPLETE: (N_("The list of what to move is not finished. Go back and check again."), ""),
    Reason.CANCELLED: (N_("The move was paused or stopped before this item was done: the next run moves it."), ""),
}
