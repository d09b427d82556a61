"""Reason codes in plain words, in French, English and Dutch, with what a person can do about them.

Codes are stable strings stored in the journal (public format). The wizard, the CLI and the reports
use this table (the wizard words a few codes its own way). The Dutch wording is kept in
``engine.reasons_nl``; a code without Dutch is shown in English there. A code missing here is shown
as the generic text with the code in brackets, so a new code never hides a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from degoogle.engine.reasons_nl import DUTCH
from degoogle.engine.reasons_nl import GENERIC as GENERIC_NL


@dataclass(frozen=True)
class Reason:
    """Why, and what to do (``""`` when nothing), per language; no Dutch (``nl`` empty) → English."""

    en: str
    fr: str
    todo_en: str = ""
    todo_fr: str = ""
    nl: str = ""
    todo_nl: str = ""

    def text(self, lang: str) -> str:
        """The wording in ``lang`` (fr, nl; English for any other, and where there is no Dutch)."""
        if lang == "fr":
            return self.fr
        if lang == "nl" and self.nl:
            return self.nl
        return self.en

    def todo(self, lang: str) -> str:
        """What to do in ``lang``, as ``text``: English where there is no Dutch, never nothing."""
        if lang == "fr":
            return self.todo_fr
        if lang == "nl" and self.todo_nl:
            return self.todo_nl
        return self.todo_en


_REASONS: dict[str, Reason] = {
    # -- renames (names Nextcloud or its desktop clients refuse) --------------------------------
    "unicode_nfc": Reason("The name's accents were written in a different Unicode form; it looks the same.",
                          "Les accents du nom étaient codés autrement ; le nom reste identique à l'œil."),
    "forbidden_name": Reason("This name is reserved by Nextcloud.", "Ce nom est réservé par Nextcloud."),
    "forbidden_basename": Reason("This name is reserved on Windows computers.",
                                 "Ce nom est réservé sur les ordinateurs Windows."),
    "forbidden_character": Reason("The name held a character Nextcloud refuses (\\ / : * ? \" < > |).",
                                  "Le nom contenait un caractère refusé par Nextcloud (\\ / : * ? \" < > |)."),
    "control_character": Reason("The name held an invisible control character.",
                                "Le nom contenait un caractère de contrôle invisible."),
    "leading_space": Reason("The name began with a space.", "Le nom commençait par une espace."),
    "trailing_space_or_dot": Reason("The name ended with a space or a dot.",
                                    "Le nom se terminait par une espace ou un point."),
    "forbidden_extension": Reason("The name ended in an extension Nextcloud reserves for itself.",
                                  "Le nom se terminait par une extension réservée par Nextcloud."),
    "too_long": Reason("The name was too long for Nextcloud.", "Le nom était trop long pour Nextcloud."),
    "empty_name": Reason("The name was empty.", "Le nom était vide."),
    "name_clash": Reason("Another item in the same folder had the same name (ignoring case and accents form).",
                         "Un autre élément du même dossier portait le même nom (majuscules et accents mis à part)."),
    "kept_both": Reason(
        "A different file with this name was already in your Nextcloud: both are kept.",
        "Un autre fichier portant ce nom se trouvait déjà dans votre Nextcloud : les deux sont conservés.",
        "Compare the two files and delete the one you do not need.",
        "Comparez les deux fichiers et supprimez celui dont vous n'avez pas besoin.",
    ),
    # -- skipped ------------------------------------------------------------------------------
    "not_supported_yet": Reason(
        "This kind of data is not moved by this version of degoogle.",
        "Ce type de données n'est pas encore transféré par cette version de degoogle.",
        "It stays safe in your archive; a later version will move it.",
        "Il reste en sécurité dans votre archive ; une prochaine version le transférera.",
    ),
    "not_selected": Reason("You chose not to move this kind of data.",
                           "Vous avez choisi de ne pas transférer ce type de données."),
    "no_mail_destination": Reason(
        "Mail was not moved: no mailbox was chosen to receive it.",
        "Les courriels n'ont pas été transférés : aucune boîte aux lettres n'a été choisie pour les recevoir.",
        "Plan again with your hoster's mailbox (--mail-to imaps://…) or as an archive in your Nextcloud "
        "(--mail-to archive).",
        "Refaites l'inventaire en indiquant la boîte aux lettres de votre hébergeur (--mail-to imaps://…) ou "
        "une archive dans votre Nextcloud (--mail-to archive).",
    ),
    "spam_trash_left_out": Reason(
        "Spam and Trash are not moved unless you ask for them.",
        "Les messages indésirables et la corbeille ne sont transférés que si vous le demandez.",
        "To move them too, plan again with --include-spam-trash, then run again.",
        "Pour les transférer aussi, refaites l'inventaire avec --include-spam-trash, puis relancez.",
    ),
    "deleted_at_source": Reason(
        "This message was deleted in your mail program (marked deleted, not yet removed): it is not moved.",
        "Ce message avait été supprimé dans votre logiciel de courriel (marqué supprimé, pas encore effacé) : "
        "il n'est pas transféré.",
    ),
    # -- quarantined --------------------------------------------------------------------------
    "archive_damaged": Reason(
        "This part of the archive is damaged or incomplete.",
        "Cette partie de l'archive est abîmée ou incomplète.",
        "Download this part again from Google Takeout, then run degoogle again.",
        "Téléchargez de nouveau cette partie depuis Google Takeout, puis relancez degoogle.",
    ),
    "corrupt_member": Reason(
        "This file is damaged inside the archive.",
        "Ce fichier est abîmé à l'intérieur de l'archive.",
        "Download the archive part again from Google Takeout, then run degoogle again.",
        "Téléchargez de nouveau la partie de l'archive depuis Google Takeout, puis relancez degoogle.",
    ),
    "unreadable": Reason(
        "This file could not be read on your computer.",
        "Ce fichier n'a pas pu être lu sur votre ordinateur.",
        "Check that the file opens on your computer, then run degoogle again.",
        "Vérifiez que le fichier s'ouvre sur votre ordinateur, puis relancez degoogle.",
    ),
    "source_changed": Reason(
        "This file changed while it was being copied.",
        "Ce fichier a changé pendant sa copie.",
        "Start again from the listing (degoogle plan, then degoogle run): the new version will be copied.",
        "Recommencez depuis l'inventaire (degoogle plan, puis degoogle run) : la nouvelle version sera copiée.",
    ),
    "refused_by_server": Reason(
        "Your hoster's server refused this file.",
        "Le serveur de votre hébergeur a refusé ce fichier.",
        "Send the details to your helper or your hoster.",
        "Envoyez le détail à la personne qui vous aide ou à votre hébergeur.",
    ),
    "too_big_for_space": Reason(
        "This file is bigger than the space left at your hoster; the rest went on.",
        "Ce fichier est plus gros que la place qui reste chez votre hébergeur ; le reste a continué.",
        "Free some space or ask your hoster for more, then run degoogle again: it will try this file again.",
        "Libérez de la place ou demandez plus d'espace à votre hébergeur, puis relancez degoogle : "
        "il réessaiera ce fichier.",
    ),
    "server_error": Reason(
        "Your hoster's server failed on this item again and again, while other items went through.",
        "Le serveur de votre hébergeur a échoué sur cet élément à chaque essai, alors que les autres passaient.",
        "Send the details (the server's own words) to your hoster or your helper.",
        "Envoyez le détail (les mots du serveur) à votre hébergeur ou à la personne qui vous aide.",
    ),
    "too_large": Reason(
        "This file is larger than your hoster accepts.",
        "Ce fichier est plus gros que ce qu'accepte votre hébergeur.",
        "Ask your hoster about the size limit.",
        "Demandez à votre hébergeur quelle est la taille maximale.",
    ),
    # -- failed / paused ------------------------------------------------------------------------
    "temporary": Reason(
        "The connection or the server had trouble, even after several tries.",
        "La connexion ou le serveur a eu des difficultés, même après plusieurs essais.",
        "Run degoogle again later: it will pick up where it stopped.",
        "Relancez degoogle plus tard : il reprendra là où il s'est arrêté.",
    ),
    "checksum_mismatch": Reason(
        "The copy at your hoster did not match the original.",
        "La copie chez votre hébergeur ne correspondait pas à l'original.",
        "Run degoogle again: it will copy the file again.",
        "Relancez degoogle : il recopiera le fichier.",
    ),
    # -- what the person gave that cannot be used (the error's ``subject`` names it) --------------
    "source_not_found": Reason(
        "Nothing is there: the file or folder was moved, renamed, or is on a disk that is not plugged in.",
        "Il n'y a rien à cet endroit\u00a0: le fichier ou le dossier a été déplacé, renommé, ou se trouve sur un "
        "disque qui n'est pas branché.",
        "Choose it again where it is now; Google archives are usually in your Downloads folder.",
        "Choisissez-le de nouveau là où il se trouve\u00a0; les archives Google sont en général dans votre "
        "dossier Téléchargements.",
    ),
    "not_a_folder": Reason(
        "This is a file, not a folder.",
        "C'est un fichier, pas un dossier.",
        "Choose the folder that holds your files.",
        "Choisissez le dossier qui contient vos fichiers.",
    ),
    "not_an_archive": Reason(
        "This file is not a Google archive (a .zip or .tgz file made by Google Takeout).",
        "Ce fichier n'est pas une archive Google (un fichier .zip ou .tgz fait par Google Takeout).",
        "Choose the files named takeout-….zip that you downloaded from the link in Google's e-mail.",
        "Choisissez les fichiers nommés takeout-….zip que vous avez téléchargés depuis le lien du courriel de "
        "Google.",
    ),
    "archive_is_web_page": Reason(
        "This file is a web page, not an archive: the download went wrong (often Google's sign-in page was "
        "saved instead).",
        "Ce fichier est une page web, pas une archive\u00a0: le téléchargement a mal tourné (souvent, c'est la "
        "page de connexion de Google qui a été enregistrée).",
        "Download this part again from the link in Google's e-mail, signed in to your Google account.",
        "Téléchargez de nouveau cette partie depuis le lien du courriel de Google, en étant connecté à votre "
        "compte Google.",
    ),
    "no_archive_in_folder": Reason(
        "This folder holds no Google archive (no takeout-….zip or .tgz file).",
        "Ce dossier ne contient aucune archive Google (aucun fichier takeout-….zip ou .tgz).",
        "Choose the archive files themselves, or the folder you downloaded them to.",
        "Choisissez les fichiers d'archive eux-mêmes, ou le dossier où vous les avez téléchargés.",
    ),
    "nothing_found": Reason(
        "Nothing to move was found in what you chose.",
        "Rien à transférer n'a été trouvé dans ce que vous avez choisi.",
        "Check that you chose your Google archive (all its parts) or the right folder.",
        "Vérifiez que vous avez choisi votre archive Google (toutes ses parties) ou le bon dossier.",
    ),
    "host_not_found": Reason(
        "No server has this name.",
        "Aucun serveur ne porte ce nom.",
        "Check the spelling of the address your hoster gave you (it looks like cloud.example.org). If it is "
        "right, check that this computer is connected to the Internet.",
        "Vérifiez l'orthographe de l'adresse donnée par votre hébergeur (elle ressemble à cloud.exemple.org). "
        "Si elle est juste, vérifiez que cet ordinateur est connecté à Internet.",
    ),
    "address_is_email": Reason(
        "This is an e-mail address, not the address of your hoster's server.",
        "C'est une adresse de courriel, pas l'adresse du serveur de votre hébergeur.",
        "Type the address of your Nextcloud, like cloud.example.org: your hoster gave it with your account.",
        "Tapez l'adresse de votre Nextcloud, du genre cloud.exemple.org\u00a0: votre hébergeur vous l'a donnée "
        "avec votre compte.",
    ),
    "address_has_spaces": Reason(
        "A server address has no spaces.",
        "Une adresse de serveur ne contient pas d'espace.",
        "Type it again without spaces, like cloud.example.org.",
        "Tapez-la de nouveau sans espace, du genre cloud.exemple.org.",
    ),
    "unreachable": Reason(
        "Your hoster's server could not be reached.",
        "Le serveur de votre hébergeur est injoignable.",
        "Check your Internet connection, then resume.",
        "Vérifiez votre connexion Internet, puis reprenez.",
    ),
    "auth_failed": Reason(
        "Your hoster refused the login or the app password.",
        "Votre hébergeur a refusé l'identifiant ou le mot de passe d'application.",
        "Sign in again, then resume.",
        "Reconnectez-vous, puis reprenez.",
    ),
    "no_space": Reason(
        "Your space at the hoster is full.",
        "Votre espace chez l'hébergeur est plein.",
        "Free some space or ask your hoster for more, then resume.",
        "Libérez de la place ou demandez plus d'espace à votre hébergeur, puis reprenez.",
    ),
    "no_chunked_upload": Reason(
        "Your hoster's Nextcloud cannot receive files in parts, which the mail archive needs.",
        "Le Nextcloud de votre hébergeur ne sait pas recevoir de fichiers en plusieurs parties, ce dont "
        "l'archive des courriels a besoin.",
        "Ask your hoster to update Nextcloud (version 26 or later), or choose your hoster's mailbox for the mail.",
        "Demandez à votre hébergeur de mettre Nextcloud à jour (version 26 ou plus), ou choisissez sa boîte "
        "mail pour les courriels.",
    ),
    "server_maintenance": Reason(
        "Your hoster's server is in maintenance.",
        "Le serveur de votre hébergeur est en maintenance.",
        "Resume a little later.",
        "Reprenez un peu plus tard.",
    ),
    "tls_error": Reason(
        "The secure connection to your hoster could not be checked.",
        "La connexion sécurisée avec votre hébergeur n'a pas pu être vérifiée.",
        "Check the address of your hoster; send the details to your helper.",
        "Vérifiez l'adresse de votre hébergeur ; envoyez le détail à la personne qui vous aide.",
    ),
    "redirected_elsewhere": Reason(
        "The server sent degoogle to another address; degoogle does not send your password there.",
        "Le serveur a envoyé degoogle vers une autre adresse\u00a0; degoogle n'y envoie pas votre mot de passe.",
        "Check the address with your hoster (or the service), and give the one it now uses.",
        "Vérifiez l'adresse auprès de votre hébergeur (ou du service) et indiquez celle qu'il utilise désormais.",
    ),
    "server_refused": Reason(
        "Your hoster's server refused to answer degoogle.",
        "Le serveur de votre hébergeur a refusé de répondre à degoogle.",
        "Send the details to your helper or your hoster.",
        "Envoyez le détail à la personne qui vous aide ou à votre hébergeur.",
    ),
    "not_installed": Reason(
        "The Nextcloud at this address is not installed or not finished.",
        "Le Nextcloud à cette adresse n'est pas installé ou pas terminé.",
        "Check the address with your hoster.",
        "Vérifiez l'adresse auprès de votre hébergeur.",
    ),
    "source_gone": Reason(
        "The archive or folder being copied is no longer there.",
        "L'archive ou le dossier en cours de copie n'est plus là.",
        "Plug the disk back in or put the archive back, then resume.",
        "Rebranchez le disque ou remettez l'archive à sa place, puis reprenez.",
    ),
    # the codes an error carries when the code raising it named none: worded, so nothing shows as a bare code
    "bad_item": Reason(
        "This item could not be moved.",
        "Cet élément n'a pas pu être transféré.",
        "It stays in your archive. Send the details to your helper.",
        "Il reste dans votre archive. Envoyez le détail à la personne qui vous aide.",
    ),
    "skipped": Reason("This item was left aside.", "Cet élément a été laissé de côté."),
    "fatal": Reason(
        "The move stopped on a problem it cannot get past by itself.",
        "Le transfert s'est arrêté sur un problème qu'il ne peut pas régler seul.",
        "Send the details to your helper, then run degoogle again: it picks up where it stopped.",
        "Envoyez le détail à la personne qui vous aide, puis relancez degoogle : il reprendra là où il s'est "
        "arrêté.",
    ),
    "internal_error": Reason(
        "Something unexpected went wrong in degoogle.",
        "Un problème inattendu est survenu dans degoogle.",
        "Send the details to your helper.",
        "Envoyez le détail à la personne qui vous aide.",
    ),
    # -- verification ---------------------------------------------------------------------------
    "missing_at_target": Reason("The file is no longer in your Nextcloud.",
                                "Le fichier n'est plus dans votre Nextcloud."),
    "size_mismatch": Reason("The file in your Nextcloud does not have the right size.",
                            "Le fichier dans votre Nextcloud n'a pas la bonne taille."),
    # -- calendars and contacts -----------------------------------------------------------------
    "malformed_event": Reason(
        "This event could not be read: it is damaged in the calendar file.",
        "Cet événement n'a pas pu être lu : il est abîmé dans le fichier de l'agenda.",
        "The rest of the calendar was moved. Re-create this event by hand if you need it (the details say "
        "which line of the file is damaged).",
        "Le reste de l'agenda a été transféré. Recréez cet événement à la main si vous en avez besoin (le détail "
        "indique la ligne abîmée du fichier).",
    ),
    "malformed_contact": Reason(
        "This contact could not be read: it is damaged in the address book file.",
        "Ce contact n'a pas pu être lu : il est abîmé dans le fichier du carnet d'adresses.",
        "The other contacts were moved. Re-create this one by hand if you need it (the details say which line "
        "of the file is damaged).",
        "Les autres contacts ont été transférés. Recréez celui-ci à la main si vous en avez besoin (le détail "
        "indique la ligne abîmée du fichier).",
    ),
    "contact_group_folded": Reason(
        "This is a contact group, not a contact: its name was added as a group (category) to each of its "
        "members, which is how Nextcloud Contacts shows groups.",
        "Ceci est un groupe de contacts, pas un contact : son nom a été ajouté comme groupe (catégorie) à "
        "chacun de ses membres, comme Nextcloud Contacts affiche les groupes.",
    ),
    "malformed_time_zone": Reason(
        "A time zone of this calendar could not be read: it is damaged in the calendar file.",
        "Un fuseau horaire de cet agenda n'a pas pu être lu : il est abîmé dans le fichier de l'agenda.",
        "Events using a well-known zone of the same name were moved with it; the others are listed apart.",
        "Les événements qui utilisent un fuseau connu du même nom ont été transférés avec lui ; les autres sont "
        "listés à part.",
    ),
    "unknown_time_zone": Reason(
        "This event uses a time zone that no zone table knows, and the calendar file does not describe it.",
        "Cet événement utilise un fuseau horaire qu'aucune table ne connaît, et le fichier de l'agenda ne le "
        "décrit pas.",
        "To move it at the same clock time wherever you are (floating time), plan again with that choice "
        "(--floating-unknown-zones) and run again; or re-create it by hand.",
        "Pour le transférer à la même heure où que vous soyez (heure flottante), refaites l'inventaire avec ce "
        "choix (--floating-unknown-zones) et relancez ; ou recréez-le à la main.",
    ),
    "event_moved_floating": Reason(
        "The event was moved, but its time zone is known to no zone table: it keeps the same clock time "
        "wherever you are (floating time).",
        "L'événement a été transféré, mais son fuseau horaire n'est connu d'aucune table : il garde la même "
        "heure où que vous soyez (heure flottante).",
        "Check its time in your calendar and correct the time zone if needed.",
        "Vérifiez son heure dans votre agenda et corrigez le fuseau horaire si nécessaire.",
    ),
    "contact_photo_dropped": Reason(
        "The contact was moved without its photo: the photo is damaged in the address book file.",
        "Le contact a été transféré sans sa photo : la photo est abîmée dans le fichier du carnet d'adresses.",
        "Add a photo to the contact again if you want one.",
        "Ajoutez de nouveau une photo au contact si vous le souhaitez.",
    ),
    "kept_both_event": Reason(
        "A different version of this event was already in your calendar: both are kept.",
        "Une autre version de cet événement se trouvait déjà dans votre agenda : les deux sont conservées.",
        "Compare the two events and delete the one you do not need.",
        "Comparez les deux événements et supprimez celui dont vous n'avez pas besoin.",
    ),
    "kept_both_contact": Reason(
        "A different version of this contact was already in your address book: both are kept.",
        "Une autre version de ce contact se trouvait déjà dans votre carnet d'adresses : les deux sont conservées.",
        "Compare the two contacts and delete the one you do not need.",
        "Comparez les deux contacts et supprimez celui dont vous n'avez pas besoin.",
    ),
    "server_limit_wait": Reason(
        "Your hoster refuses this for a while by its own rules: the move waits, then goes on by itself.",
        "Votre hébergeur refuse cela pour un moment, selon ses propres règles : le transfert attend, "
        "puis reprend tout seul.",
    ),
    "calendar_creation_wait": Reason(
        "Your hoster allows only so many new calendars an hour: the move waits for it.",
        "Votre hébergeur n'autorise qu'un certain nombre de nouveaux agendas par heure : le transfert attend.",
    ),
    "calendar_merged": Reason(
        "Your hoster holds no more calendars for your account: this calendar's events were put into another "
        "of your calendars (the details say which), as you chose.",
        "Votre hébergeur n'accepte plus d'agenda pour votre compte : les événements de cet agenda ont été mis "
        "dans un autre de vos agendas (le détail dit lequel), comme vous l'avez choisi.",
        "If you would rather have them apart, delete a calendar you do not use at your hoster, then plan and "
        "run again.",
        "Si vous les préférez à part, supprimez chez votre hébergeur un agenda dont vous ne vous servez pas, "
        "puis refaites l'inventaire et relancez.",
    ),
    "calendar_limit_left_out": Reason(
        "Your hoster holds no more calendars for your account: as you chose, this calendar's events were "
        "left out.",
        "Votre hébergeur n'accepte plus d'agenda pour votre compte : comme vous l'avez choisi, les événements "
        "de cet agenda n'ont pas été transférés.",
        "Delete a calendar you do not use at your hoster, or plan again with \"merge\" "
        "(--calendars-over-limit merge), then run again.",
        "Supprimez chez votre hébergeur un agenda dont vous ne vous servez pas, ou refaites l'inventaire avec "
        "« fusionner » (--calendars-over-limit merge), puis relancez.",
    ),
    "calendar_limit_reached": Reason(
        "Your hoster holds no more calendars for your account, and none was there to take these events.",
        "Votre hébergeur n'accepte plus d'agenda pour votre compte, et aucun agenda n'était là pour recevoir "
        "ces événements.",
        "Delete a calendar you do not use at your hoster, or ask it for more, then run again.",
        "Supprimez chez votre hébergeur un agenda dont vous ne vous servez pas, ou demandez-lui d'en autoriser "
        "plus, puis relancez.",
    ),
    "conflict_skipped": Reason(
        "A different version of this event or contact was already at your hoster; as you chose, it was left "
        "as it is and this one was not copied.",
        "Une autre version de cet événement ou de ce contact se trouvait déjà chez votre hébergeur ; comme vous "
        "l'avez choisi, elle a été laissée telle quelle et celle-ci n'a pas été copiée.",
        "To keep both, plan again with \"keep both\" (--on-conflict kept_both) and run again.",
        "Pour garder les deux, refaites l'inventaire avec « garder les deux » (--on-conflict kept_both) et "
        "relancez.",
    ),
    "no_dav_service": Reason(
        "Your hoster's server offers no calendars or contacts (CalDAV/CardDAV) for this account.",
        "Le serveur de votre hébergeur ne propose ni agendas ni contacts (CalDAV/CardDAV) pour ce compte.",
        "Ask your hoster to turn on calendars and contacts, then run degoogle again.",
        "Demandez à votre hébergeur d'activer les agendas et les contacts, puis relancez degoogle.",
    ),
    "not_a_dav_server": Reason(
        "The server did not answer as a calendar and contacts server.",
        "Le serveur n'a pas répondu comme un serveur d'agendas et de contacts.",
        "Check the address; send the details to your helper.",
        "Vérifiez l'adresse ; envoyez le détail à la personne qui vous aide.",
    ),
    "source_auth_failed": Reason(
        "The account you are moving from refused the login or the password.",
        "Le compte d'origine a refusé l'identifiant ou le mot de passe.",
        "Check the password (for iCloud, an app-specific password made at appleid.apple.com), then try again.",
        "Vérifiez le mot de passe (pour iCloud, un mot de passe pour app créé sur appleid.apple.com), puis "
        "réessayez.",
    ),
    "source_unreachable": Reason(
        "The account you are moving from could not be reached.",
        "Le compte d'origine est injoignable.",
        "Check your Internet connection, then run degoogle again: it picks up where it stopped.",
        "Vérifiez votre connexion Internet, puis relancez degoogle : il reprendra là où il s'est arrêté.",
    ),
    "refused_by_source": Reason(
        "The account you are moving from refused to give this item.",
        "Le compte d'origine a refusé de fournir cet élément.",
        "Send the details to your helper.",
        "Envoyez le détail à la personne qui vous aide.",
    ),
    # -- mail --------------------------------------------------------------------------------------
    "mail_too_large": Reason(
        "This message is larger than your hoster's mailbox accepts.",
        "Ce message est plus gros que ce qu'accepte la boîte aux lettres de votre hébergeur.",
        "It stays in your archive. Ask your hoster about the size limit, or keep the attachment elsewhere.",
        "Il reste dans votre archive. Demandez à votre hébergeur quelle est la taille maximale, ou gardez la "
        "pièce jointe ailleurs.",
    ),
    "mail_refused": Reason(
        "Your hoster's mailbox refused this message.",
        "La boîte aux lettres de votre hébergeur a refusé ce message.",
        "It stays in your archive. Send the details to your helper or your hoster.",
        "Il reste dans votre archive. Envoyez le détail à la personne qui vous aide ou à votre hébergeur.",
    ),
    "mail_oversized": Reason(
        "This message is over 100 MB: too large to be moved as an e-mail.",
        "Ce message dépasse 100 Mo : trop gros pour être transféré comme un courriel.",
        "It stays in your archive; save its attachments from Gmail or the archive if you need them.",
        "Il reste dans votre archive ; enregistrez ses pièces jointes depuis Gmail ou l'archive si vous en avez "
        "besoin.",
    ),
    "not_calendar": Reason(
        "This file is not a calendar file (iCalendar, .ics) that degoogle can read.",
        "Ce fichier n'est pas un fichier d'agenda (iCalendar, .ics) que degoogle sait lire.",
        "Open it to see what it holds; export the calendar again from Google Calendar or your calendar program.",
        "Ouvrez-le pour voir ce qu'il contient ; exportez de nouveau l'agenda depuis Google Agenda ou votre "
        "logiciel d'agenda.",
    ),
    "not_vcard": Reason(
        "This file is not an address book file (vCard, .vcf) that degoogle can read.",
        "Ce fichier n'est pas un fichier de carnet d'adresses (vCard, .vcf) que degoogle sait lire.",
        "Open it to see what it holds; export the contacts again from Google Contacts or your address book.",
        "Ouvrez-le pour voir ce qu'il contient ; exportez de nouveau les contacts depuis Google Contacts ou votre "
        "carnet d'adresses.",
    ),
    "not_mbox": Reason(
        "This file is not a mailbox file (mbox) that degoogle can read.",
        "Ce fichier n'est pas un fichier de courriels (mbox) que degoogle sait lire.",
        "Check that it is the mail export from Google Takeout or your mail program.",
        "Vérifiez qu'il s'agit bien de l'export des courriels de Google Takeout ou de votre logiciel de messagerie.",
    ),
    "source_tls_error": Reason(
        "The secure connection to the account you are moving from could not be checked.",
        "La connexion sécurisée avec le compte d'origine n'a pas pu être vérifiée.",
        "Check the address of the account; send the details to your helper.",
        "Vérifiez l'adresse du compte ; envoyez le détail à la personne qui vous aide.",
    ),
    # -- photos and notes ---------------------------------------------------------------------------
    "photo_no_date": Reason(
        "No date was found for this photo (no Google data, no camera date): it was moved with the archive's date.",
        "Aucune date n'a été trouvée pour cette photo (ni donnée Google, ni date de l'appareil) : elle a été "
        "transférée avec la date de l'archive.",
        "It may appear at the wrong place in the Photos timeline; you can fix its date there.",
        "Elle peut apparaître au mauvais endroit dans la chronologie de Photos ; vous pouvez y corriger sa date.",
    ),
    "photo_albums_no_app": Reason(
        "This photo is in albums, but your Nextcloud has no Photos app to hold albums: the photo was moved, "
        "its albums were not recreated.",
        "Cette photo fait partie d'albums, mais votre Nextcloud n'a pas l'application Photos qui les gère : la "
        "photo a été transférée, ses albums n'ont pas été recréés.",
        "Ask your hoster to enable the Photos app, then run degoogle again: it adds the albums without copying "
        "anything twice.",
        "Demandez à votre hébergeur d'activer l'application Photos, puis relancez degoogle : il ajoutera les "
        "albums sans rien copier deux fois.",
    ),
    "photo_places_not_written": Reason(
        "These photos have a place (GPS position) in Google's data that is not written into them: Nextcloud "
        "Photos reads places only from inside the photo file, and writing there would change the photo.",
        "Ces photos ont un lieu (position GPS) dans les données de Google qui n'est pas écrit dans le fichier : "
        "Nextcloud Photos ne lit les lieux qu'à l'intérieur de la photo, et les y écrire modifierait la photo.",
        "The places stay in degoogle's journal; the photos whose camera recorded the place keep it.",
        "Les lieux restent dans le journal de degoogle ; les photos dont l'appareil avait noté le lieu le gardent.",
    ),
    "photo_in_trash": Reason("This photo was in the Google Photos trash: it is not moved.",
                             "Cette photo était dans la corbeille de Google Photos : elle n'est pas transférée."),
    "photo_not_media": Reason("This file of the Google Photos folder is neither a photo nor a video.",
                              "Ce fichier du dossier Google Photos n'est ni une photo ni une vidéo."),
    "note_in_trash": Reason("This note was in the Keep trash: it is not moved.",
                            "Cette note était dans la corbeille de Keep : elle n'est pas transférée."),
    "malformed_note": Reason(
        "This Keep note could not be read.", "Cette note Keep n'a pas pu être lue.",
        "It stays in your archive (an .html copy of it is beside it); send the details to your helper.",
        "Elle reste dans votre archive (une copie .html se trouve à côté) ; envoyez le détail à la personne "
        "qui vous aide.",
    ),
}

_REASONS = {code: replace(r, nl=DUTCH[code][0], todo_nl=DUTCH[code][1]) if code in DUTCH else r
            for code, r in _REASONS.items()}

_GENERIC = Reason("Something needs attention.", "Un point demande votre attention.", nl=GENERIC_NL)


def reason(code: str | None) -> Reason:
    """The plain-language reason for a code (a generic one naming the code if unknown)."""
    if code is None:
        return _GENERIC
    found = _REASONS.get(code)
    if found is not None:
        return found
    return Reason(f"{_GENERIC.en} [{code}]", f"{_GENERIC.fr} [{code}]", nl=f"{_GENERIC.nl} [{code}]")


def describe(codes: tuple[str, ...] | list[str], lang: str) -> str:
    """Several reason codes as one sentence list."""
    return " ".join(reason(c).text(lang) for c in codes)


def known_codes() -> tuple[str, ...]:
    """Every code this table words (for checks that each is worded in every language)."""
    return tuple(_REASONS)
