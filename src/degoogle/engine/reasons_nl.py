"""The reason codes in Dutch (Belgian Dutch, "u" form): why, and what to do, for each code of
``engine.reasons``, worded as the wizard's Dutch translation words things (hostingpartij, verhuizen,
archief, apart gezet, wie u helpt).

Kept apart from the French and English table as a ``.ts`` file is kept per language. A code missing
here is shown in English (``Reason.text``); a test fails until it is added.
"""

from __future__ import annotations

#: code → (why, what to do); "" when there is nothing to do
DUTCH: dict[str, tuple[str, str]] = {
    # -- renames (names Nextcloud or its desktop clients refuse) --------------------------------
    "unicode_nfc": ("De accenten in de naam waren anders gecodeerd; de naam ziet er hetzelfde uit.", ""),
    "forbidden_name": ("Deze naam is gereserveerd door Nextcloud.", ""),
    "forbidden_basename": ("Deze naam is gereserveerd op Windows-computers.", ""),
    "forbidden_character": ("De naam bevatte een teken dat Nextcloud weigert (\\ / : * ? \" < > |).", ""),
    "control_character": ("De naam bevatte een onzichtbaar stuurteken.", ""),
    "leading_space": ("De naam begon met een spatie.", ""),
    "trailing_space_or_dot": ("De naam eindigde op een spatie of een punt.", ""),
    "forbidden_extension": ("De naam eindigde op een extensie die Nextcloud voor zichzelf reserveert.", ""),
    "too_long": ("De naam was te lang voor Nextcloud.", ""),
    "empty_name": ("De naam was leeg.", ""),
    "name_clash": ("Een ander item in dezelfde map had dezelfde naam (hoofdletters en accenten niet meegerekend).",
                   ""),
    "kept_both": (
        "Er stond al een ander bestand met deze naam in uw Nextcloud: beide zijn bewaard.",
        "Vergelijk de twee bestanden en verwijder het bestand dat u niet nodig hebt.",
    ),
    # -- skipped ------------------------------------------------------------------------------
    "not_supported_yet": (
        "Dit soort gegevens wordt door deze versie van degoogle niet verhuisd.",
        "Het blijft veilig in uw archief; een latere versie zal het verhuizen.",
    ),
    "not_selected": ("U hebt gekozen om dit soort gegevens niet te verhuizen.", ""),
    "no_mail_destination": (
        "De e-mail is niet verhuisd: er is geen mailbox gekozen om hem te ontvangen.",
        "Stel de lijst opnieuw op met de mailbox van uw hostingpartij (--mail-to imaps://…) of met een archief "
        "in uw Nextcloud (--mail-to archive).",
    ),
    "spam_trash_left_out": (
        "Spam en Prullenbak worden alleen verhuisd als u erom vraagt.",
        "Om ze ook te verhuizen: stel de lijst opnieuw op met --include-spam-trash en start daarna opnieuw.",
    ),
    "deleted_at_source": (
        "Dit bericht was verwijderd in uw e-mailprogramma (gemarkeerd als verwijderd, nog niet gewist): "
        "het wordt niet verhuisd.",
        "",
    ),
    # -- quarantined --------------------------------------------------------------------------
    "archive_damaged": (
        "Dit deel van het archief is beschadigd of onvolledig.",
        "Download dit deel opnieuw via Google Takeout en start degoogle daarna opnieuw.",
    ),
    "corrupt_member": (
        "Dit bestand is beschadigd in het archief.",
        "Download het archiefdeel opnieuw via Google Takeout en start degoogle daarna opnieuw.",
    ),
    "unreadable": (
        "Dit bestand kon niet worden gelezen op uw computer.",
        "Controleer of het bestand op uw computer opengaat en start degoogle daarna opnieuw.",
    ),
    "source_changed": (
        "Dit bestand is veranderd terwijl het werd gekopieerd.",
        "Begin opnieuw bij de lijst (degoogle plan, daarna degoogle run): de nieuwe versie wordt gekopieerd.",
    ),
    "refused_by_server": (
        "De server van uw hostingpartij heeft dit bestand geweigerd.",
        "Stuur de details naar wie u helpt of naar uw hostingpartij.",
    ),
    "too_big_for_space": (
        "Dit bestand is groter dan de ruimte die nog vrij is bij uw hostingpartij; de rest ging door.",
        "Maak ruimte vrij of vraag uw hostingpartij om meer, en start degoogle dan opnieuw: het probeert "
        "dit bestand opnieuw.",
    ),
    "server_error": (
        "De server van uw hostingpartij faalde telkens op dit item, terwijl andere items wel doorkwamen.",
        "Stuur de details (de woorden van de server) naar uw hostingpartij of naar wie u helpt.",
    ),
    "too_large": (
        "Dit bestand is groter dan uw hostingpartij toelaat.",
        "Vraag uw hostingpartij wat de maximale grootte is.",
    ),
    # -- failed / paused ------------------------------------------------------------------------
    "temporary": (
        "De verbinding of de server had problemen, ook na meerdere pogingen.",
        "Start degoogle later opnieuw: het gaat verder waar het gestopt is.",
    ),
    "checksum_mismatch": (
        "De kopie bij uw hostingpartij kwam niet overeen met het origineel.",
        "Start degoogle opnieuw: het kopieert het bestand nog eens.",
    ),
    "unreachable": (
        "De server van uw hostingpartij is niet bereikbaar.",
        "Controleer uw internetverbinding en hervat dan de verhuizing.",
    ),
    "auth_failed": (
        "Uw hostingpartij heeft de gebruikersnaam of het app-wachtwoord geweigerd.",
        "Meld u opnieuw aan en hervat dan de verhuizing.",
    ),
    "no_space": (
        "Uw ruimte bij de hostingpartij is vol.",
        "Maak ruimte vrij of vraag uw hostingpartij om meer, en hervat dan de verhuizing.",
    ),
    "no_chunked_upload": (
        "De Nextcloud van uw hostingpartij kan geen bestanden in delen ontvangen, en dat is nodig voor het "
        "e-mailarchief.",
        "Vraag uw hostingpartij om Nextcloud bij te werken (versie 26 of later), of kies de mailbox van uw "
        "hostingpartij voor uw e-mail.",
    ),
    "server_maintenance": (
        "De server van uw hostingpartij is in onderhoud.",
        "Hervat de verhuizing iets later.",
    ),
    "tls_error": (
        "De beveiligde verbinding met uw hostingpartij kon niet worden gecontroleerd.",
        "Controleer het adres van uw hostingpartij; stuur de details naar wie u helpt.",
    ),
    "redirected_elsewhere": (
        "De server stuurde degoogle naar een ander adres; degoogle stuurt uw wachtwoord daar niet heen.",
        "Controleer het adres bij uw hostingpartij (of de dienst) en geef het adres dat nu gebruikt wordt.",
    ),
    "server_refused": (
        "De server van uw hostingpartij weigerde degoogle te antwoorden.",
        "Stuur de details naar wie u helpt of naar uw hostingpartij.",
    ),
    "not_installed": (
        "De Nextcloud op dit adres is niet of niet volledig geïnstalleerd.",
        "Controleer het adres bij uw hostingpartij.",
    ),
    "source_gone": (
        "Het archief of de map die gekopieerd werd, is er niet meer.",
        "Sluit de schijf opnieuw aan of zet het archief terug op zijn plaats, en hervat dan de verhuizing.",
    ),
    "internal_error": (
        "Er ging iets onverwachts mis in degoogle.",
        "Stuur de details naar wie u helpt.",
    ),
    "bad_item": (
        "Dit item kon niet worden verhuisd.",
        "Het blijft in uw archief. Stuur de details naar wie u helpt.",
    ),
    "skipped": ("Dit item is overgeslagen.", ""),
    "fatal": (
        "De verhuizing is gestopt op een probleem dat ze niet zelf kan oplossen.",
        "Stuur de details naar wie u helpt en start degoogle dan opnieuw: het gaat verder waar het stopte.",
    ),
    # -- verification ---------------------------------------------------------------------------
    "missing_at_target": ("Het bestand staat niet meer in uw Nextcloud.", ""),
    "size_mismatch": ("Het bestand in uw Nextcloud heeft niet de juiste grootte.", ""),
    # -- calendars and contacts -----------------------------------------------------------------
    "malformed_event": (
        "Deze afspraak kon niet worden gelezen: het agendabestand is op die plek beschadigd.",
        "De rest van de agenda is verhuisd. Maak deze afspraak zelf opnieuw aan als u ze nodig hebt (de details "
        "zeggen welke regel van het bestand beschadigd is).",
    ),
    "malformed_contact": (
        "Dit contact kon niet worden gelezen: het adresboekbestand is op die plek beschadigd.",
        "De andere contacten zijn verhuisd. Maak dit contact zelf opnieuw aan als u het nodig hebt (de details "
        "zeggen welke regel van het bestand beschadigd is).",
    ),
    "malformed_time_zone": (
        "Een tijdzone van deze agenda kon niet worden gelezen: het agendabestand is op die plek beschadigd.",
        "Afspraken met een bekende tijdzone van dezelfde naam zijn daarmee verhuisd; de andere staan apart vermeld.",
    ),
    "unknown_time_zone": (
        "Deze afspraak gebruikt een tijdzone die geen enkele tabel kent, en het agendabestand beschrijft haar niet.",
        "Om ze overal op hetzelfde kloktijdstip te verhuizen (zwevende tijd), maak de inventaris opnieuw met die "
        "keuze (--floating-unknown-zones) en start opnieuw; of maak ze zelf opnieuw aan.",
    ),
    "event_moved_floating": (
        "De afspraak is verhuisd, maar geen enkele tabel kent haar tijdzone: ze houdt overal hetzelfde "
        "kloktijdstip (zwevende tijd).",
        "Controleer het tijdstip in uw agenda en verbeter de tijdzone als dat nodig is.",
    ),
    "contact_photo_dropped": (
        "Het contact is verhuisd zonder foto: de foto is beschadigd in het adresboekbestand.",
        "Voeg opnieuw een foto toe aan het contact als u dat wilt.",
    ),
    "server_limit_wait": (
        "Uw hostingpartij weigert dit een tijdje volgens haar eigen regels: de verhuizing wacht en gaat dan vanzelf "
        "verder.",
        "",
    ),
    "calendar_creation_wait": (
        "Uw hostingpartij staat maar een beperkt aantal nieuwe agenda's per uur toe: de verhuizing wacht.",
        "",
    ),
    "calendar_merged": (
        "Uw hostingpartij aanvaardt geen agenda's meer voor uw account: de afspraken van deze agenda zijn, zoals "
        "u koos, in een andere agenda van u gezet (de details zeggen welke).",
        "Wilt u ze apart, verwijder dan bij uw hostingpartij een agenda die u niet gebruikt, maak de inventaris "
        "opnieuw en start opnieuw.",
    ),
    "calendar_limit_left_out": (
        "Uw hostingpartij aanvaardt geen agenda's meer voor uw account: zoals u koos, zijn de afspraken van "
        "deze agenda niet verhuisd.",
        "Verwijder bij uw hostingpartij een agenda die u niet gebruikt, of maak de inventaris opnieuw met "
        "\"samenvoegen\" (--calendars-over-limit merge), en start opnieuw.",
    ),
    "calendar_limit_reached": (
        "Uw hostingpartij aanvaardt geen agenda's meer voor uw account, en er was geen agenda om deze "
        "afspraken te ontvangen.",
        "Verwijder bij uw hostingpartij een agenda die u niet gebruikt, of vraag om er meer toe te staan, en "
        "start opnieuw.",
    ),
    "kept_both_event": (
        "Er stond al een andere versie van deze afspraak in uw agenda: beide zijn bewaard.",
        "Vergelijk de twee afspraken en verwijder de afspraak die u niet nodig hebt.",
    ),
    "contact_group_folded": (
        "Dit is een contactgroep, geen contact: de naam ervan is als groep (categorie) toegevoegd aan elk van "
        "de leden, zoals Nextcloud groepen van contacten toont.",
        "",
    ),
    "kept_both_contact": (
        "Er stond al een andere versie van dit contact in uw adresboek: beide zijn bewaard.",
        "Vergelijk de twee contacten en verwijder het contact dat u niet nodig hebt.",
    ),
    "conflict_skipped": (
        "Er stond al een andere versie van deze afspraak of dit contact bij uw hostingpartij; zoals u koos, is "
        "die versie gelaten zoals ze was en is deze niet gekopieerd.",
        "Om beide te bewaren: stel de lijst opnieuw op met \"beide bewaren\" (--on-conflict kept_both) en start "
        "daarna opnieuw.",
    ),
    "no_dav_service": (
        "De server van uw hostingpartij biedt geen agenda's of contacten (CalDAV/CardDAV) voor dit account.",
        "Vraag uw hostingpartij om agenda's en contacten in te schakelen en start degoogle daarna opnieuw.",
    ),
    "not_a_dav_server": (
        "De server antwoordde niet als een server voor agenda's en contacten.",
        "Controleer het adres; stuur de details naar wie u helpt.",
    ),
    "source_auth_failed": (
        "Het account waarvan u verhuist, weigerde de gebruikersnaam of het wachtwoord.",
        "Controleer het wachtwoord (voor iCloud: een app-specifiek wachtwoord, aangemaakt op appleid.apple.com) "
        "en probeer het opnieuw.",
    ),
    "source_unreachable": (
        "Het account waarvan u verhuist, is niet bereikbaar.",
        "Controleer uw internetverbinding en start degoogle daarna opnieuw: het gaat verder waar het gestopt is.",
    ),
    "refused_by_source": (
        "Het account waarvan u verhuist, weigerde dit item door te geven.",
        "Stuur de details naar wie u helpt.",
    ),
    # -- mail --------------------------------------------------------------------------------------
    "mail_too_large": (
        "Dit bericht is groter dan de mailbox van uw hostingpartij toelaat.",
        "Het blijft in uw archief. Vraag uw hostingpartij wat de maximale grootte is, of bewaar de bijlage "
        "ergens anders.",
    ),
    "mail_refused": (
        "De mailbox van uw hostingpartij heeft dit bericht geweigerd.",
        "Het blijft in uw archief. Stuur de details naar wie u helpt of naar uw hostingpartij.",
    ),
    "mail_oversized": (
        "Dit bericht is groter dan 100 MB: te groot om als e-mail te verhuizen.",
        "Het blijft in uw archief; sla de bijlagen op vanuit Gmail of het archief als u ze nodig hebt.",
    ),
    "not_calendar": (
        "Dit bestand is geen agendabestand (iCalendar, .ics) dat degoogle kan lezen.",
        "Open het om te zien wat erin staat; exporteer de agenda opnieuw vanuit Google Agenda of uw agendaprogramma.",
    ),
    "not_vcard": (
        "Dit bestand is geen adresboekbestand (vCard, .vcf) dat degoogle kan lezen.",
        "Open het om te zien wat erin staat; exporteer de contacten opnieuw vanuit Google Contacten of uw adresboek.",
    ),
    "not_mbox": (
        "Dit bestand is geen e-mailbestand (mbox) dat degoogle kan lezen.",
        "Controleer of het de e-mailexport van Google Takeout of van uw e-mailprogramma is.",
    ),
    # -- what the person gave that cannot be used ------------------------------------------------
    "source_not_found": (
        "Er staat niets: het bestand of de map is verplaatst, hernoemd of staat op een schijf die niet is "
        "aangesloten.",
        "Kies het opnieuw waar het nu staat; Google-archieven staan meestal in uw map Downloads.",
    ),
    "not_a_folder": ("Dit is een bestand, geen map.", "Kies de map met uw bestanden."),
    "not_an_archive": (
        "Dit bestand is geen Google-archief (een .zip- of .tgz-bestand gemaakt door Google Takeout).",
        "Kies de bestanden met de naam takeout-….zip die u via de link in de e-mail van Google hebt gedownload.",
    ),
    "archive_is_web_page": (
        "Dit bestand is een webpagina, geen archief: het downloaden is misgelopen (vaak werd de aanmeldpagina "
        "van Google bewaard).",
        "Download dit deel opnieuw via de link in de e-mail van Google, aangemeld bij uw Google-account.",
    ),
    "no_archive_in_folder": (
        "Deze map bevat geen Google-archief (geen takeout-….zip- of .tgz-bestand).",
        "Kies de archiefbestanden zelf, of de map waarin u ze hebt gedownload.",
    ),
    "nothing_found": (
        "In wat u koos, is niets gevonden om te verhuizen.",
        "Controleer of u uw Google-archief (alle delen) of de juiste map hebt gekozen.",
    ),
    "host_not_found": (
        "Geen enkele server heeft deze naam.",
        "Controleer de spelling van het adres dat uw hostingpartij u gaf (het lijkt op cloud.example.org). Klopt "
        "het, controleer dan of deze computer met het internet verbonden is.",
    ),
    "address_is_email": (
        "Dit is een e-mailadres, niet het adres van de server van uw hostingpartij.",
        "Typ het adres van uw Nextcloud, zoals cloud.example.org: uw hostingpartij gaf het u bij uw account.",
    ),
    "address_has_spaces": (
        "Een serveradres bevat geen spaties.",
        "Typ het opnieuw zonder spaties, zoals cloud.example.org.",
    ),
    "source_tls_error": (
        "De beveiligde verbinding met het account waarvan u verhuist, kon niet worden gecontroleerd.",
        "Controleer het adres van het account; stuur de details naar wie u helpt.",
    ),
    # -- photos and notes ---------------------------------------------------------------------------
    "photo_no_date": (
        "Voor deze foto is geen datum gevonden (geen Google-gegevens, geen cameradatum): hij is verhuisd met de "
        "datum van het archief.",
        "Hij kan op de verkeerde plek in de tijdlijn van Foto's staan; u kunt de datum daar aanpassen.",
    ),
    "photo_albums_no_app": (
        "Deze foto zit in albums, maar uw Nextcloud heeft geen Foto's-app voor albums: de foto is verhuisd, de "
        "albums zijn niet opnieuw gemaakt.",
        "Vraag uw hostingpartij de Foto's-app aan te zetten en start degoogle opnieuw: het voegt de albums toe "
        "zonder iets dubbel te kopiëren.",
    ),
    "photo_places_not_written": (
        "Deze foto's hebben een plaats (GPS-positie) in de gegevens van Google die niet in het bestand is "
        "geschreven: Nextcloud Foto's leest plaatsen alleen uit de foto zelf, en die daar schrijven zou de foto "
        "veranderen.",
        "De plaatsen blijven in het logboek van degoogle; foto's waarvan de camera de plaats vastlegde, houden die.",
    ),
    "photo_in_trash": ("Deze foto stond in de prullenbak van Google Foto's: hij wordt niet verhuisd.", ""),
    "photo_not_media": ("Dit bestand in de map Google Foto's is geen foto en geen video.", ""),
    "note_in_trash": ("Deze notitie stond in de prullenbak van Keep: ze wordt niet verhuisd.", ""),
    "malformed_note": (
        "Deze Keep-notitie kon niet worden gelezen.",
        "Ze blijft in uw archief (er staat een .html-kopie naast); stuur de details naar wie u helpt.",
    ),
}

#: what is shown for a code no language knows
GENERIC = "Er vraagt iets uw aandacht."
