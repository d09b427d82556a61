"""Reason codes in plain words, in French and English, with what a person can do about them.

Codes are stable strings stored in the journal (public format). The GUI words them through Qt's
translation; the CLI and the reports use this table. A code missing here is shown as the generic
text with the code in brackets, so a new code never hides a problem.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    en: str
    fr: str
    todo_en: str = ""
    todo_fr: str = ""

    def text(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def todo(self, lang: str) -> str:
        return self.todo_fr if lang == "fr" else self.todo_en


_REASONS: dict[str, Reason] = {
    # -- renames (names Nextcloud or its desktop clients refuse) --------------------------------
    "unicode_nfc": Reason("The name's accents were written in a different Unicode form; it looks the same.",
                          "Les accents du nom étaient codés autrement ; le nom reste identique à l'œil."),
    "forbidden_name": Reason("This name is reserved by Nextcloud.", "Ce nom est réservé par Nextcloud."),
    "forbidden_basename": Reason("This name is reserved on Windows computers.",
                                 "Ce nom est réservé sur les ordinateurs Windows."),
    "forbidden_character": Reason("The name held a character Nextcloud refuses (\\ / : * ? \" < > |).",
                                  "Le nom contenait un caractère refusé par Nextcloud (\\ / : * ? \" < > |)."),
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
        "Un autre fichier portant ce nom se trouvait déjà dans votre Nextcloud : les deux sont conservés.",
        "Compare the two files and delete the one you do not need.",
        "Comparez les deux fichiers et supprimez celui dont vous n'avez pas besoin.",
    ),
    # -- skipped ------------------------------------------------------------------------------
    "not_supported_yet": Reason(
        "This kind of data is not moved by this version of degoogle.",
        "Ce type de données n'est pas encore transféré par cette version de degoogle.",
        "It stays safe in your archive; a later version will move it.",
        "Il reste en sécurité dans votre archive ; une prochaine version le transférera.",
    ),
    "not_selected": Reason("You chose not to move this kind of data.",
                           "Vous avez choisi de ne pas transférer ce type de données."),
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
        "Recommencez depuis l'inventaire (degoogle plan, puis degoogle run) : la nouvelle version sera copiée.",
    ),
    "refused_by_server": Reason(
        "Your hoster's server refused this file.",
        "Le serveur de votre hébergeur a refusé ce fichier.",
        "Send the details to your helper or your hoster.",
        "Envoyez le détail à la personne qui vous aide ou à votre hébergeur.",
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
        "Relancez degoogle plus tard : il reprendra là où il s'est arrêté.",
    ),
    "checksum_mismatch": Reason(
        "The copy at your hoster did not match the original.",
        "La copie chez votre hébergeur ne correspondait pas à l'original.",
        "Run degoogle again: it will copy the file again.",
        "Relancez degoogle : il recopiera le fichier.",
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
        "Vérifiez l'adresse de votre hébergeur ; envoyez le détail à la personne qui vous aide.",
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
}

_GENERIC = Reason("Something needs attention.", "Un point demande votre attention.")


def reason(code: str | None) -> Reason:
    """The plain-language reason for a code (a generic one naming the code if unknown)."""
    if code is None:
        return _GENERIC
    found = _REASONS.get(code)
    if found is not None:
        return found
    return Reason(f"{_GENERIC.en} [{code}]", f"{_GENERIC.fr} [{code}]")


def describe(codes: tuple[str, ...] | list[str], lang: str) -> str:
    """Several reason codes as one sentence list."""
    return " ".join(reason(c).text(lang) for c in codes)
