<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/check.py" line="+99"/>
        <source>Here is what was found</source>
        <extracomment>home upload speeds (bytes/s) for the honest range: 20 Mbit/s down to 5 Mbit/s time per item beyond its bytes (requests, checks), with 4 items in flight past the hoster&apos;s maximum of calendars: leave the rest out instead of merging them</extracomment>
        <translation>Dit is gevonden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start moving</source>
        <translation>&amp;Verhuizing starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found</source>
        <translation>Gevonden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What will happen</source>
        <translation>Wat er gebeurt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was found, per kind of data</source>
        <translation>Wat gevonden is, per soort gegevens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start anyway: move what fits, then pause until there is room</source>
        <translation>Toch starten: verhuizen wat past en dan pauzeren tot er ruimte is</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out the calendars your hoster cannot hold, instead of putting their events into calendars you already have</source>
        <translation>De agenda&apos;s weglaten die uw hostingpartij niet kan bevatten, in plaats van hun afspraken in agenda&apos;s te zetten die u al hebt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing has been moved yet. Click &quot;Start moving&quot; when you are ready; you can pause at any time.</source>
        <translation>Er is nog niets verhuisd. Klik op &quot;Verhuizing starten&quot; als u klaar bent; u kunt altijd pauzeren.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The data could not be looked through: %1</source>
        <translation>De gegevens konden niet worden bekeken: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Looking through your data… %n items so far. Nothing is moved yet.</source>
        <translation>
            <numerusform>Uw gegevens worden bekeken… %n item tot nu toe. Er is nog niets verhuisd.</numerusform>
            <numerusform>Uw gegevens worden bekeken… %n items tot nu toe. Er is nog niets verhuisd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your data was looked through. Please read this before you start.</source>
        <translation>Uw gegevens zijn bekeken. Lees dit voordat u begint.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not moved by this version: stays safe where it is</source>
        <translation>Niet verhuisd door deze versie: blijft veilig waar het is</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not moved: you did not choose it</source>
        <translation>Niet verhuisd: u hebt het niet gekozen</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n will be moved</source>
        <translation>
            <numerusform>%n wordt verhuisd</numerusform>
            <numerusform>%n worden verhuisd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already done</source>
        <translation>
            <numerusform>%n al gedaan</numerusform>
            <numerusform>%n al gedaan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n damaged, set aside</source>
        <translation>
            <numerusform>%n beschadigd, apart gezet</numerusform>
            <numerusform>%n beschadigd, apart gezet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not moved, see below</source>
        <translation>
            <numerusform>%n niet verhuisd, zie hieronder</numerusform>
            <numerusform>%n niet verhuisd, zie hieronder</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>You are moving %1. Your hoster does not say how much room you have left.</source>
        <translation>U verhuist %1. Uw hostingpartij zegt niet hoeveel ruimte u nog hebt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are moving %1; your hoster has %2 free for you. It fits.</source>
        <translation>U verhuist %1; uw hostingpartij heeft %2 vrij voor u. Het past.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are moving %1 but your hoster has only %2 free for you. Free some room there or ask your hoster for more before you start.</source>
        <translation>U verhuist %1, maar uw hostingpartij heeft maar %2 vrij voor u. Maak daar ruimte vrij of vraag uw hostingpartij om meer voordat u begint.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This should take less than a minute.</source>
        <translation>Dit duurt minder dan een minuut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With a usual home Internet connection this takes %1; it depends on how fast your connection sends. Once started, the next page shows a measured estimate. You can leave the computer on overnight: the move goes on by itself.</source>
        <translation>Met een gewone internetaansluiting thuis duurt dit %1; het hangt af van hoe snel uw aansluiting verstuurt. Eenmaal gestart toont de volgende pagina een gemeten schatting. U kunt de computer &apos;s nachts aan laten: de verhuizing gaat vanzelf door.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: not moved by this version yet. It stays safe in your archive or account; the report will remind you.</source>
        <translation>%1: nog niet verhuisd door deze versie. Het blijft veilig in uw archief of account; het rapport herinnert u eraan.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1: %n item(s) of a kind this version cannot move yet (%2). They stay safe in your archive or account; the report will remind you.</source>
        <translation>
            <numerusform>%1: %n item van een soort die deze versie nog niet kan verhuizen (%2). Het blijft veilig in uw archief of account; het rapport herinnert u eraan.</numerusform>
            <numerusform>%1: %n items van een soort die deze versie nog niet kan verhuizen (%2). Ze blijven veilig in uw archief of account; het rapport herinnert u eraan.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Photos go to the Photos folder, one folder per year, each once with the date it was taken; the copies in albums become albums of Nextcloud Photos, not second files. Without the Photos app at your hoster the albums are not recreated and the report says so. Places (GPS) from Google are kept in degoogle&apos;s journal, not written into the photos, which stay exactly as they were.</source>
        <translation>Foto&apos;s gaan naar de map Photos, één map per jaar, elk één keer met de datum waarop ze zijn genomen; de kopieën in albums worden albums van Nextcloud Foto&apos;s, geen tweede bestanden. Zonder de Foto&apos;s-app bij uw hostingpartij worden de albums niet opnieuw gemaakt en zegt het rapport dat. Plaatsen (GPS) van Google blijven in het logboek van degoogle en worden niet in de foto&apos;s geschreven, die precies blijven zoals ze waren.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n item(s) of the archive are damaged and will be set aside. The report says which; downloading those archive parts again usually fixes it.</source>
        <translation>
            <numerusform>%n item van het archief is beschadigd en wordt apart gezet. Het rapport zegt welk; dat archiefdeel opnieuw downloaden lost het meestal op.</numerusform>
            <numerusform>%n items van het archief zijn beschadigd en worden apart gezet. Het rapport zegt welke; die archiefdelen opnieuw downloaden lost het meestal op.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n calendar(s) to make. Your hoster allows only %2 new calendars every %3, so the move will wait about %4 for them; it goes on by itself.</source>
        <translation>
            <numerusform>%n agenda aan te maken. Uw hostingpartij staat maar %2 nieuwe agenda&apos;s toe per %3, dus de verhuizing wacht er ongeveer %4 op; ze gaat vanzelf verder.</numerusform>
            <numerusform>%n agenda&apos;s aan te maken. Uw hostingpartij staat maar %2 nieuwe agenda&apos;s toe per %3, dus de verhuizing wacht er ongeveer %4 op; ze gaat vanzelf verder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) will be left out, as chosen. The report will name them.</source>
        <translation>
            <numerusform>Uw hostingpartij aanvaardt nog maar %1 agenda(&apos;s): zoals gekozen worden de afspraken van de %n andere agenda niet verhuisd. Het rapport zal ze noemen.</numerusform>
            <numerusform>Uw hostingpartij aanvaardt nog maar %1 agenda(&apos;s): zoals gekozen worden de afspraken van de %n andere agenda&apos;s niet verhuisd. Het rapport zal ze noemen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) will go into calendars you already have. The report will name them.</source>
        <translation>
            <numerusform>Uw hostingpartij aanvaardt nog maar %1 agenda(&apos;s): de afspraken van de %n andere agenda gaan naar agenda&apos;s die u al hebt. Het rapport zal ze noemen.</numerusform>
            <numerusform>Uw hostingpartij aanvaardt nog maar %1 agenda(&apos;s): de afspraken van de %n andere agenda&apos;s gaan naar agenda&apos;s die u al hebt. Het rapport zal ze noemen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Download these parts of the archive again from the link in Google&apos;s e-mail, then choose them again: %1</source>
        <translation>Download deze delen van het archief opnieuw via de link in de e-mail van Google en kies ze daarna opnieuw: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n name(s) will be changed slightly, because Nextcloud refuses some characters or two names would clash. The report lists them.</source>
        <translation>
            <numerusform>%n naam wordt licht aangepast, omdat Nextcloud sommige tekens weigert of twee namen botsen. Het rapport vermeldt dit.</numerusform>
            <numerusform>%n namen worden licht aangepast, omdat Nextcloud sommige tekens weigert of twee namen botsen. Het rapport somt ze op.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseQuestion</name>
    <message>
        <location filename="../../src/degoogle/gui/wizard.py" line="+66"/>
        <source>The move is still going on</source>
        <translation>De verhuizing is nog bezig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data is still being moved. What would you like to do?</source>
        <translation>Uw gegevens worden nog verhuisd. Wat wilt u doen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the background, the move goes on with the window out of the way. Paused, it stops safely; start degoogle again to go on where it stopped.</source>
        <translation>Op de achtergrond gaat de verhuizing door zonder dat het venster in de weg staat. Gepauzeerd stopt ze veilig; start degoogle opnieuw om verder te gaan waar ze stopte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep going in the background</source>
        <translation>Op de achtergrond doorgaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause and close</source>
        <translation>Pauzeren en sluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to the window</source>
        <translation>Terug naar het venster</translation>
    </message>
</context>
<context>
    <name>Countries</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="+124"/>
        <source>France</source>
        <translation>Frankrijk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Belgium</source>
        <translation>België</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switzerland</source>
        <translation>Zwitserland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Luxembourg</source>
        <translation>Luxemburg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canada</source>
        <translation>Canada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Netherlands</source>
        <translation>Nederland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Germany</source>
        <translation>Duitsland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spain</source>
        <translation>Spanje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italy</source>
        <translation>Italië</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/done.py" line="+148"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Moved</source>
        <translation>Verhuisd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Already there</source>
        <translation>Was er al</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>Na te kijken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not moved</source>
        <translation>Niet verhuisd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was moved, per kind of data</source>
        <translation>Wat verhuisd is, per soort gegevens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items that need your attention</source>
        <translation>Items die uw aandacht vragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do now</source>
        <translation>Wat nu?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open my Nextcloud</source>
        <translation>Mijn Nextcloud &amp;openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open my Nextcloud in the browser</source>
        <translation>Mijn Nextcloud in de browser openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the &amp;report…</source>
        <translation>&amp;Rapport opslaan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as a web page</source>
        <translation>Het rapport opslaan als webpagina</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to my &amp;helper…</source>
        <translation>Naar mijn &amp;helper sturen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a file for the person who helps you</source>
        <translation>Een bestand opslaan voor wie u helpt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report saved: %1</source>
        <translation>Rapport opgeslagen: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File for your helper saved: %1</source>
        <translation>Bestand voor uw helper opgeslagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save %1</source>
        <translation>Kon %1 niet opslaan</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Nothing was moved. %n item(s) need your attention: see below.</source>
        <translation>
            <numerusform>Er is niets verhuisd. %n item vraagt uw aandacht: zie hieronder.</numerusform>
            <numerusform>Er is niets verhuisd. %n items vragen uw aandacht: zie hieronder.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was moved.</source>
        <translation>Er is niets verhuisd.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Your data has moved. %n item(s) need your attention: see below.</source>
        <translation>
            <numerusform>Uw gegevens zijn verhuisd. %n item vraagt uw aandacht: zie hieronder.</numerusform>
            <numerusform>Uw gegevens zijn verhuisd. %n items vragen uw aandacht: zie hieronder.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Where your data is now</source>
        <translation>Waar uw gegevens nu staan</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n name(s) were changed slightly on the way, because Nextcloud refuses some characters or two names would clash; the saved report lists them.</source>
        <translation>
            <numerusform>%n naam is onderweg licht aangepast, omdat Nextcloud sommige tekens weigert of twee namen botsten; het opgeslagen rapport vermeldt dit.</numerusform>
            <numerusform>%n namen zijn onderweg licht aangepast, omdat Nextcloud sommige tekens weigert of twee namen botsten; het opgeslagen rapport somt ze op.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-13"/>
        <source>What needs your attention</source>
        <translation>Wat uw aandacht vraagt</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Your data has moved. Everything that was moved was checked at your hoster.</source>
        <translation>Uw gegevens zijn verhuisd. Alles wat verhuisd is, is gecontroleerd bij uw hostingpartij.</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%1: %n item(s) not moved. %2</source>
        <translation>
            <numerusform>%1: %n item niet verhuisd. %2</numerusform>
            <numerusform>%1: %n items niet verhuisd. %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(In your archive: %1.)</source>
        <translation>(In uw archief: %1.)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Click &quot;Open my Nextcloud&quot; and have a look: what was moved is there.</source>
        <translation>Klik op &quot;Mijn Nextcloud openen&quot; en kijk even: wat verhuisd is, staat daar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read &quot;What needs your attention&quot; below: each point says why and what to do. Once it is done, run the assistant again: what is already at your hoster is not copied twice.</source>
        <translation>Lees hieronder &quot;Wat uw aandacht vraagt&quot;: bij elk punt staat waarom en wat u kunt doen. Start daarna de assistent opnieuw: wat al bij uw hostingpartij staat, wordt niet twee keer gekopieerd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What was not moved stays safe where it was: keep your archive.</source>
        <translation>Wat niet verhuisd is, blijft veilig waar het was: bewaar uw archief.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click &quot;Save the report&quot; to keep a record of what moved. If something is not clear, click &quot;Send to my helper&quot; and send that file to the person who helps you.</source>
        <translation>Klik op &quot;Rapport opslaan&quot; om te bewaren wat er verhuisd is. Is iets niet duidelijk, klik dan op &quot;Naar mijn helper sturen&quot; en stuur dat bestand naar wie u helpt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was deleted at Google or iCloud. Close your account there only once you have found everything at your hoster.</source>
        <translation>Bij Google en iCloud is niets gewist. Zeg uw account daar pas op als u alles bij uw hostingpartij hebt teruggevonden.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>… and %n more: the saved report lists them all.</source>
        <translation>
            <numerusform>… en nog %n: het opgeslagen rapport somt ze allemaal op.</numerusform>
            <numerusform>… en nog %n: het opgeslagen rapport somt ze allemaal op.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n item(s): %1</source>
        <translation>
            <numerusform>%n item: %1</numerusform>
            <numerusform>%n items: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What to do: %1</source>
        <translation>Wat u kunt doen: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>degoogle report %1.html</source>
        <translation>degoogle-rapport %1.html</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web page (*.html)</source>
        <translation>Webpagina (*.html)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Zip file (*.zip)</source>
        <translation>Zip-bestand (*.zip)</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message numerus="yes">
        <location filename="../../src/degoogle/gui/formats.py" line="-62"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n uur</numerusform>
            <numerusform>%n uur</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2</source>
        <translation>%1 u %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>less than a minute</source>
        <translation>minder dan een minuut</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>about %1</source>
        <translation>ongeveer %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>up to %1</source>
        <translation>tot %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>between %1 and %n min</source>
        <translation>
            <numerusform>tussen %1 en %n min</numerusform>
            <numerusform>tussen %1 en %n min</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>between %1 and %2</source>
        <translation>tussen %1 en %2</translation>
    </message>
</context>
<context>
    <name>HelperDialog</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/done.py" line="-214"/>
        <source>Send to my helper</source>
        <translation>Naar mijn helper sturen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>degoogle saves a file for the person who helps you: figures about your move, the versions of the programs and the log. It holds no password and no message contents. Send it to them by e-mail.</source>
        <translation>degoogle slaat een bestand op voor wie u helpt: cijfers over uw verhuizing, de versies van de programma&apos;s en het logboek. Er staat geen wachtwoord en geen inhoud van berichten in. Stuur het per e-mail naar die persoon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also include the &amp;names of files and folders (helps find a problem)</source>
        <translation>Ook de &amp;namen van bestanden en mappen meesturen (helpt om een probleem te vinden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include the names of files and folders</source>
        <translation>De namen van bestanden en mappen meesturen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save…</source>
        <translation>&amp;Opslaan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the file</source>
        <translation>Het bestand opslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="+17"/>
        <source>Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendars</source>
        <translation>Agenda&apos;s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>Foto&apos;s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
</context>
<context>
    <name>LandedBox</name>
    <message numerus="yes">
        <location filename="../../src/degoogle/gui/landed.py" line="+107"/>
        <source>and %n more</source>
        <extracomment>names listed per place before &quot;and N more&quot; (the saved report lists them all)</extracomment>
        <translation>
            <numerusform>en nog %n</numerusform>
            <numerusform>en nog %n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files: in the folder “%1” of your Nextcloud.</source>
        <translation>Bestanden: in de map ‘%1’ van uw Nextcloud.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos: in the folder “%1” of your Nextcloud, one folder per year; the Photos app shows them by date.</source>
        <translation>Foto&apos;s: in de map „%1” van uw Nextcloud, één map per jaar; de app Foto&apos;s toont ze op datum.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes: in the folder “%1” of your Nextcloud, which the Notes app reads.</source>
        <translation>Notities: in de map „%1” van uw Nextcloud, die de app Notities leest.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail: in your mailbox at %1, folders: %2.</source>
        <translation>E-mails: in uw mailbox bij %1, mappen: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail: in the folder “%1” of your Nextcloud, one file per mail folder: %2.</source>
        <translation>E-mails: in de map ‘%1’ van uw Nextcloud, één bestand per e-mailmap: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calendars: %1, in your Nextcloud&apos;s Calendar.</source>
        <translation>Agenda&apos;s: %1, in de Agenda van uw Nextcloud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, in your Nextcloud&apos;s Contacts.</source>
        <translation>%1: %2, in Contactpersonen van uw Nextcloud.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open “%1”</source>
        <translation>‘%1’ openen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the calendars</source>
        <translation>De agenda&apos;s openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the contacts</source>
        <translation>De contactpersonen openen</translation>
    </message>
</context>
<context>
    <name>MigrationWizard</name>
    <message>
        <location filename="../../src/degoogle/gui/wizard.py" line="+54"/>
        <source>degoogle: move out of Google</source>
        <translation>degoogle: weg bij Google</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (practice)</source>
        <translation> (oefening)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next</source>
        <translation>&amp;Volgende</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next step</source>
        <translation>Volgende stap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation>V&amp;orige</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous step</source>
        <translation>Vorige stap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close degoogle</source>
        <translation>degoogle sluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finish</source>
        <translation>&amp;Voltooien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish and close degoogle</source>
        <translation>Voltooien en degoogle sluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start moving</source>
        <translation>&amp;Verhuizing starten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start moving</source>
        <translation>Verhuizing starten</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>degoogle is moving your data</source>
        <translation>degoogle verhuist uw gegevens</translation>
    </message>
</context>
<context>
    <name>Moments</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="-62"/>
        <source>%1 at %2</source>
        <extracomment>the no-break space that holds a number to its unit</extracomment>
        <translation>%1 om %2</translation>
    </message>
</context>
<context>
    <name>MovingPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/moving.py" line="+148"/>
        <source>Moving your data</source>
        <extracomment>the desktop said once that it cannot keep the computer awake (it will not say otherwise later) waiting for the account the data comes from (not the hoster) to answer again the hoster allows more calendars again at this time (``time.time()``), while waiting for it</extracomment>
        <translation>Uw gegevens verhuizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overall progress</source>
        <translation>Totale voortgang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep this computer awake until the move is over</source>
        <translation>Deze computer &amp;wakker houden tot de verhuizing klaar is</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this computer awake until the move is over</source>
        <translation>Deze computer wakker houden tot de verhuizing klaar is</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try again</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try the move again</source>
        <translation>De verhuizing opnieuw proberen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The computer may go to sleep: the move then stops until it wakes up. Nothing is lost.</source>
        <translation>De computer mag in slaapstand gaan: de verhuizing stopt dan tot hij weer wakker wordt. Er gaat niets verloren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer stays awake until the move is over (the screen may still go dark).</source>
        <translation>Deze computer blijft wakker tot de verhuizing klaar is (het scherm kan wel zwart worden).</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>degoogle cannot keep this computer awake. Set it not to go to sleep until the move is over: in its energy (or power) settings, choose &quot;never&quot; for sleep. Otherwise the move stops while it sleeps, and goes on when it wakes up.</source>
        <translation>degoogle kan deze computer niet wakker houden. Zorg dat hij niet in slaapstand gaat tot de verhuizing klaar is: kies in de energie-instellingen &quot;nooit&quot; voor de slaapstand. Anders stopt de verhuizing zolang hij slaapt en gaat ze verder als hij weer wakker wordt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Resume</source>
        <translation>&amp;Hervatten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pauzeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the move</source>
        <translation>De verhuizing hervatten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause the move</source>
        <translation>De verhuizing pauzeren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Getting ready…</source>
        <translation>Voorbereiden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moving your data…</source>
        <translation>Uw gegevens worden verhuisd…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused. Nothing is lost: click Resume to go on.</source>
        <translation>Gepauzeerd. Er gaat niets verloren: klik op Hervatten om verder te gaan.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account your data comes from does not answer right now; trying again by itself…</source>
        <translation>Het account waar uw gegevens vandaan komen antwoordt nu niet; er wordt vanzelf opnieuw geprobeerd…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your hoster does not answer right now; trying again by itself…</source>
        <translation>Uw hostingpartij antwoordt nu niet; er wordt vanzelf opnieuw geprobeerd…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopping after the items in flight…</source>
        <translation>Stoppen zodra de items die onderweg zijn, aangekomen zijn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything was moved. Checking at your hoster…</source>
        <translation>Alles is verhuisd. Controle bij uw hostingpartij…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped. Start degoogle again to go on where it stopped.</source>
        <translation>Gestopt. Start degoogle opnieuw om verder te gaan waar het stopte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The move stopped.</source>
        <translation>De verhuizing is gestopt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your hoster allows only a few new calendars an hour. The move waits and goes on by itself at %1.</source>
        <translation>Uw hostingpartij staat maar enkele nieuwe agenda&apos;s per uur toe. De verhuizing wacht en gaat vanzelf verder om %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The move is paused.</source>
        <translation>De verhuizing is gepauzeerd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You can use the computer meanwhile. If it is switched off or the connection drops, nothing is lost: the move resumes where it stopped.</source>
        <translation>U kunt de computer intussen gebruiken. Gaat hij uit of valt de verbinding weg, dan gaat er niets verloren: de verhuizing gaat verder waar ze stopte.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 items · %3 of %4</source>
        <translation>%1 van %2 items · %3 van %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 items</source>
        <translation>%1 van %2 items</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Progress for %1</source>
        <translation>Voortgang: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now: %1</source>
        <translation>Nu: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Speed: %1/s, %2 items a minute · time left: %3</source>
        <translation>Snelheid: %1/s, %2 items per minuut · resterende tijd: %3</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n item(s) need your attention so far; the report at the end says why.</source>
        <translation>
            <numerusform>Tot nu toe vraagt %n item uw aandacht; het rapport aan het eind zegt waarom.</numerusform>
            <numerusform>Tot nu toe vragen %n items uw aandacht; het rapport aan het eind zegt waarom.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message numerus="yes">
        <location filename="../../src/degoogle/gui/pages/resume.py" line="+51"/>
        <source>a Google Takeout archive (%n part(s))</source>
        <translation>
            <numerusform>een Google Takeout-archief (%n deel)</numerusform>
            <numerusform>een Google Takeout-archief (%n delen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the folder %1</source>
        <translation>de map %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A move is not finished</source>
        <translation>Een verhuizing is niet klaar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You started moving %1 to %2. %3 of %4 items are already there (last activity: %5). Nothing was lost: it can go on where it stopped.</source>
        <translation>U bent begonnen %1 naar %2 te verhuizen. %3 van de %4 items staan er al (laatste activiteit: %5). Er is niets verloren: de verhuizing kan verdergaan waar ze stopte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Resume this move (recommended)</source>
        <translation>Deze verhuizing &amp;hervatten (aanbevolen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume this move</source>
        <translation>Deze verhuizing hervatten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a &amp;new move</source>
        <translation>Een &amp;nieuwe verhuizing beginnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new move</source>
        <translation>Een nieuwe verhuizing beginnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To go on, sign in to your hoster again:</source>
        <translation>Meld u opnieuw aan bij uw hostingpartij om verder te gaan:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of your Nextcloud</source>
        <translation>Adres van uw Nextcloud</translation>
    </message>
</context>
<context>
    <name>SignInBox</name>
    <message>
        <location filename="../../src/degoogle/gui/signin.py" line="+105"/>
        <source>Sign in through my &amp;browser</source>
        <translation>Aanmelden via mijn bro&amp;wser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in through my browser</source>
        <translation>Aanmelden via mijn browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop waiting</source>
        <translation>Niet meer wachten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop waiting for the sign-in</source>
        <translation>Niet meer wachten op de aanmelding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in address to open in a browser</source>
        <translation>Aanmeldadres om in een browser te openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I would rather type a login and an app password</source>
        <translation>Ik typ liever een gebruikersnaam en een app-wachtwoord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Login:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;App password:</source>
        <translation>&amp;App-wachtwoord:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App password</source>
        <translation>App-wachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check and use it</source>
        <translation>&amp;Controleren en gebruiken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the login and app password and use them</source>
        <translation>Gebruikersnaam en app-wachtwoord controleren en gebruiken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An app password is a second password made only for degoogle: your usual password stays yours, and you can withdraw this one later without changing anything else. To create it in your Nextcloud: your picture at the top right, then Settings, Security, &quot;Create new app password&quot;; copy it here. Your usual password also works when your account has no second factor.</source>
        <translation>Een app-wachtwoord is een tweede wachtwoord, alleen voor degoogle: uw gewone wachtwoord blijft geheim, en u kunt dit wachtwoord later intrekken zonder iets anders te veranderen. Zo maakt u het aan in uw Nextcloud: uw foto rechtsboven, dan Instellingen, Beveiliging, &quot;Nieuw app-wachtwoord aanmaken&quot;; kopieer het hierheen. Uw gewone wachtwoord werkt ook als uw account geen tweestapsverificatie heeft.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Asking your hoster for a sign-in page…</source>
        <translation>Aanmeldpagina opvragen bij uw hostingpartij…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your browser shows your hoster&apos;s sign-in page. Sign in there and click &quot;Grant access&quot; to let degoogle in; this window goes on by itself. If no browser opened, open this address on any device:</source>
        <translation>Uw browser toont de aanmeldpagina van uw hostingpartij. Meld u daar aan en klik op &quot;Toegang verlenen&quot;; dit venster gaat vanzelf verder. Opende er geen browser, open dan dit adres op een willekeurig apparaat:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the login and app password…</source>
        <translation>Gebruikersnaam en app-wachtwoord worden gecontroleerd…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in as %1. The app password is kept safely in this computer&apos;s keyring.</source>
        <translation>Aangemeld als %1. Het app-wachtwoord wordt veilig bewaard in de sleutelbos van deze computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in as %1. This computer has no keyring to keep the app password: if the move stops, you will be asked to sign in again.</source>
        <translation>Aangemeld als %1. Deze computer heeft geen sleutelbos om het app-wachtwoord te bewaren: als de verhuizing stopt, moet u zich opnieuw aanmelden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in as %1 (practice: nothing is kept on this computer).</source>
        <translation>Aangemeld als %1 (oefening: er wordt niets op deze computer bewaard).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in stopped. You can try again.</source>
        <translation>Aanmelden gestopt. U kunt het opnieuw proberen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type both the login and the app password.</source>
        <translation>Typ zowel de gebruikersnaam als het app-wachtwoord.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your hoster refused this login or app password.</source>
        <translation>Uw hostingpartij heeft deze gebruikersnaam of dit app-wachtwoord geweigerd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the login, then copy the app password again from your Nextcloud (Settings, Security).</source>
        <translation>Controleer de gebruikersnaam en kopieer het app-wachtwoord opnieuw uit uw Nextcloud (Instellingen, Beveiliging).</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/source.py" line="+159"/>
        <source>Where is your data now?</source>
        <translation>Waar staan uw gegevens nu?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose where to copy from. Nothing will be changed or deleted there.</source>
        <translation>Kies waarvandaan u kopieert. Daar wordt niets gewijzigd of gewist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A Google Takeout archive (recommended for Google)</source>
        <translation>Een Google Takeout-archief (aanbevolen voor Google)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to my Google account</source>
        <translation>Aanmelden bij mijn Google-account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iCloud (Apple)</source>
        <translation>iCloud (Apple)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A folder on this computer (for example iCloud Drive or a USB disk)</source>
        <translation>Een map op deze computer (bijvoorbeeld iCloud Drive of een USB-schijf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another mail account (IMAP)</source>
        <translation>Een ander e-mailaccount (IMAP)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1. Click &quot;Open Google Takeout&quot; and sign in to your Google account.
2. Click &quot;Deselect all&quot;, then tick Drive, Mail, Calendar and Contacts.
3. Click &quot;Next step&quot;; keep &quot;Send download link via email&quot;, &quot;.zip&quot; and &quot;2 GB&quot;, then click &quot;Create export&quot;.
4. Google sends you an e-mail when the archive is ready: a few hours, sometimes a day or two. Download every part it lists.
5. Come back here and choose the downloaded files (all the parts, in one go).</source>
        <translation>1. Klik op &quot;Google Takeout openen&quot; en meld u aan bij uw Google-account.
2. Klik op &quot;Alles deselecteren&quot; en vink Drive, Mail, Agenda en Contacten aan.
3. Klik op &quot;Volgende stap&quot;; laat &quot;Downloadlink via e-mail sturen&quot;, &quot;.zip&quot; en &quot;2 GB&quot; staan en klik op &quot;Export maken&quot;.
4. Google stuurt u een e-mail als het archief klaar is: een paar uur, soms een dag of twee. Download alle delen.
5. Kom hier terug en kies de gedownloade bestanden (alle delen tegelijk).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Open Google Takeout</source>
        <translation>Google Takeout &amp;openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Google Takeout in the browser</source>
        <translation>Google Takeout in de browser openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose the downloaded files…</source>
        <translation>Gedownloade bestanden &amp;kiezen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the downloaded archive files</source>
        <translation>De gedownloade archiefbestanden kiezen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive &amp;parts chosen:</source>
        <translation>Gekozen archief&amp;delen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive parts chosen</source>
        <translation>Gekozen archiefdelen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove the selected part</source>
        <translation>Gekozen deel &amp;verwijderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected archive part</source>
        <translation>Het gekozen archiefdeel verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>iCloud asks for an app-specific password, not your usual one: a second password that Apple makes for one program only, and that you can withdraw later. Create it on Apple&apos;s account page (Sign-In and Security, App-Specific Passwords) and paste it here.</source>
        <translation>iCloud vraagt om een app-specifiek wachtwoord, niet om uw gewone wachtwoord: een tweede wachtwoord dat Apple voor één programma aanmaakt en dat u later kunt intrekken. Maak het aan op de accountpagina van Apple (Inloggen en beveiliging, App-specifieke wachtwoorden) en plak het hier.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apple &amp;ID:</source>
        <translation>Apple &amp;ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apple ID</source>
        <translation>Apple ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App-specific pass&amp;word:</source>
        <translation>App-specifiek &amp;wachtwoord:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App-specific password</source>
        <translation>App-specifiek wachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to create one</source>
        <translation>Hoe maak ik er een aan?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Apple&apos;s help on app-specific passwords</source>
        <translation>De uitleg van Apple over app-specifieke wachtwoorden openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Apple&apos;s account page</source>
        <translation>De accountpagina van Apple openen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Folder:</source>
        <translation>&amp;Map:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder to copy</source>
        <translation>Te kopiëren map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation>K&amp;iezen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <source>Choose the folder to copy</source>
        <translation>De te kopiëren map kiezen</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Mail &amp;server:</source>
        <translation>Mail&amp;server:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Port:</source>
        <translation>&amp;Poort:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log&amp;in:</source>
        <translation>Gebr&amp;uikersnaam:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server</source>
        <translation>Mailserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Poort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login</source>
        <translation>Gebruikersnaam voor e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail password</source>
        <translation>Wachtwoord voor e-mail</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Needs a Google sign-in key set up by your hoster or your helper; until then, use a Takeout archive: it gives the same data.</source>
        <translation>Hiervoor is een Google-aanmeldsleutel nodig van uw hostingpartij of helper; gebruik tot dan een Takeout-archief: dat bevat dezelfde gegevens.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not in this version of degoogle yet.</source>
        <translation>Nog niet in deze versie van degoogle.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Choose the parts of your Google archive</source>
        <translation>Kies de delen van uw Google-archief</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Google archives (*.zip *.tgz *.tar.gz);;All files (*)</source>
        <translation>Google-archieven (*.zip *.tgz *.tar.gz);;Alle bestanden (*)</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/target.py" line="+161"/>
        <source>Where should your data go?</source>
        <translation>Waar moeten uw gegevens heen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose your hoster in the list of the CHATONS collective, or type the address of any other Nextcloud. Your hoster gave you this address and your login when you opened your account.</source>
        <translation>Kies uw hostingpartij in de lijst van het CHATONS-collectief, of typ het adres van een andere Nextcloud. Uw hostingpartij gaf u dit adres en uw gebruikersnaam bij het openen van uw account.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nextcloud is the program your hoster uses to keep your files, calendars and contacts on the Internet, in a space of your own: that is where your data goes.</source>
        <translation>Nextcloud is het programma waarmee uw hostingpartij uw bestanden, agenda&apos;s en contacten op internet bewaart, in een eigen ruimte voor u: daar gaan uw gegevens naartoe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name, town or service, e.g. Lyon, agenda</source>
        <translation>naam, plaats of dienst, bv. Lyon, agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the list of hosters</source>
        <translation>In de lijst van hostingpartijen zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Update the list</source>
        <translation>Lijst &amp;bijwerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update the list of hosters from chatons.org</source>
        <translation>De lijst van hostingpartijen bijwerken via chatons.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hosters of the CHATONS collective</source>
        <translation>Hostingpartijen van het CHATONS-collectief</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>any country</source>
        <translation>elk land</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>&amp;Only a Nextcloud taking new accounts, in:</source>
        <translation>&amp;Alleen een Nextcloud die nieuwe accounts aanneemt, in:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only hosters whose Nextcloud takes new accounts</source>
        <translation>Alleen hostingpartijen tonen waarvan de Nextcloud nieuwe accounts aanneemt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country of the hosters shown</source>
        <translation>Land van de getoonde hostingpartijen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open its &amp;sign-up page</source>
        <translation>Zijn &amp;aanmeldpagina openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the hoster&apos;s sign-up page in your browser</source>
        <translation>De aanmeldpagina van de hostingpartij openen in uw browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The &amp;address your hoster gave you:</source>
        <translation>Het &amp;adres dat uw hostingpartij u gaf:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the address of your Nextcloud, e.g. cloud.example.org</source>
        <translation>het adres van uw Nextcloud, bijv. cloud.voorbeeld.nl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address of your Nextcloud, as your hoster gave it</source>
        <translation>Het adres van uw Nextcloud, zoals uw hostingpartij het gaf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your hoster gives this address when you open your account: look in its welcome e-mail or on its website, or ask it. No account yet? Tick the box above to see the hosters taking new accounts, choose one and open its sign-up page. Then sign in: your browser opens your hoster&apos;s page, you sign in there as usual and allow degoogle. Your password is never typed into degoogle.</source>
        <translation>Uw hostingpartij geeft dit adres wanneer u uw account opent: kijk in haar welkomstmail of op haar website, of vraag het haar. Nog geen account? Vink het vakje hierboven aan om de hostingpartijen te zien die nieuwe accounts aannemen, kies er een en open haar aanmeldpagina. Meld u daarna aan: uw browser opent de pagina van uw hostingpartij, u meldt u daar aan zoals altijd en geeft degoogle toestemming. Uw wachtwoord wordt nooit in degoogle getypt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your mail</source>
        <translation>Uw e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster gives me a &amp;mailbox</source>
        <translation>Mijn hostingpartij geeft mij een &amp;mailbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster gives me a mailbox</source>
        <translation>Mijn hostingpartij geeft mij een mailbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster has no mailbox: keep my mail as an &amp;archive in my Nextcloud</source>
        <translation>Mijn hostingpartij heeft geen mailbox: mijn e-mail als a&amp;rchief in mijn Nextcloud bewaren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep my mail as an archive in my Nextcloud</source>
        <translation>Mijn e-mail als archief in mijn Nextcloud bewaren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One file per mail folder (mbox), in a “Mail” folder of your cloud, that Thunderbird can open. Every message is kept exactly as it is; only the marks “read” and “starred” are not kept.</source>
        <translation>Eén bestand per e-mailmap (mbox), in een map ‘Mail’ in uw cloud, dat Thunderbird kan openen. Elk bericht blijft precies zoals het is; alleen de markeringen ‘gelezen’ en ‘met ster’ gaan verloren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server (IMAP):</source>
        <translation>Mailserver (IMAP):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Port:</source>
        <translation>Poort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login:</source>
        <translation>Gebruikersnaam voor e-mail:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mail password:</source>
        <translation>Wachtwoord voor e-mail:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server</source>
        <translation>Mailserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail server port</source>
        <translation>Poort van de mailserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login</source>
        <translation>Gebruikersnaam voor e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail password</source>
        <translation>Wachtwoord voor e-mail</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Practice hoster (on this computer)</source>
        <translation>Oefenhostingpartij (op deze computer)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>takes new accounts</source>
        <translation>neemt nieuwe accounts aan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open to all</source>
        <translation>open voor iedereen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No hoster in the list is known to take new accounts there. Untick the box to see every hoster, or update the list.</source>
        <translation>Van geen enkele hostingpartij in de lijst is bekend dat ze daar nieuwe accounts aanneemt. Vink het vakje uit om alle hostingpartijen te zien, of werk de lijst bij.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Website: %1</source>
        <translation>Website: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only for its members or its area.</source>
        <translation>Alleen voor de eigen leden of de eigen regio.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anybody may open an account there, free of charge.</source>
        <translation>Iedereen kan er gratis een account openen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts for its customers: it says on its site what they cost.</source>
        <translation>Accounts voor haar klanten: haar website vermeldt wat ze kosten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts for its members only.</source>
        <translation>Accounts alleen voor haar leden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It takes no new accounts for the moment.</source>
        <translation>Ze neemt op dit moment geen nieuwe accounts aan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To open an account: %1</source>
        <translation>Een account openen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nextcloud: %1</source>
        <translation>Nextcloud: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its Nextcloud address is not in the list: type below the address your hoster gave you.</source>
        <translation>Het adres van haar Nextcloud staat niet in de lijst: typ hieronder het adres dat uw hostingpartij u gaf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail server: %1</source>
        <translation>Mailserver: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>The list is up to date: %n hosters.</source>
        <translation>
            <numerusform>De lijst is bijgewerkt: %n hostingpartij.</numerusform>
            <numerusform>De lijst is bijgewerkt: %n hostingpartijen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The list could not be updated (no connection to chatons.org?); the list you see is the one already known.</source>
        <translation>De lijst kon niet worden bijgewerkt (geen verbinding met chatons.org?); u ziet de lijst die al bekend was.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>the mail server</source>
        <translation>de mailserver</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the mail login</source>
        <translation>de mailgebruikersnaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the mail password</source>
        <translation>het mailwachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To go on, type %1 (your hoster gave it with your mailbox), or choose the archive below.</source>
        <translation>Typ om verder te gaan %1 (uw hostingpartij gaf het u bij uw mailbox), of kies hieronder het archief.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/welcome.py" line="+75"/>
        <source>Welcome</source>
        <extracomment>the collective&apos;s forum, where volunteers of the member hosters answer questions</extracomment>
        <translation>Welkom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Practice mode: a sample Google archive and a server on this computer stand in for yours. Try every step; nothing leaves this computer.</source>
        <translation>Oefenmodus: een voorbeeldarchief van Google en een server op deze computer vervangen de uwe. Probeer elke stap; niets verlaat deze computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This assistant copies your mail, files, calendars and contacts from Google or iCloud to your hoster, a member of the CHATONS collective (small independent hosters who respect your privacy). It first looks at what you have and tells you how long it will take, then moves everything, overnight if need be, and picks up where it stopped if the computer is switched off. At the end, a report tells you what moved and what needs your attention.</source>
        <translation>Deze assistent kopieert uw e-mail, bestanden, agenda&apos;s en contacten van Google of iCloud naar uw hostingpartij, lid van het CHATONS-collectief (kleine, onafhankelijke hostingpartijen die uw privacy respecteren). Eerst bekijkt hij wat u hebt en zegt hij hoe lang het duurt; daarna verhuist hij alles, desnoods &apos;s nachts, en gaat hij verder waar hij stopte als de computer uitging. Aan het eind vertelt een rapport wat er verhuisd is en wat uw aandacht vraagt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before you start, you need</source>
        <translation>Voor u begint, hebt u nodig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• An account at a hoster that gives you a Nextcloud, and the address it gave you. None yet? A later page lists the hosters of the CHATONS collective that take new accounts, with their sign-up page.</source>
        <translation>• Een account bij een hostingpartij die u een Nextcloud geeft, en het adres dat ze u gaf. Nog geen account? Een volgende pagina toont de hostingpartijen van het CHATONS-collectief die nieuwe accounts aannemen, met hun aanmeldpagina.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>• Your Google data as an archive (Google calls it a Takeout): ask for it on Google&apos;s Takeout page; Google sends you an e-mail with a download link when it is ready, which can take from a few hours to a few days. For iCloud you need your Apple ID and an app-specific password instead.</source>
        <translation>• Uw Google-gegevens als archief (Google noemt het een Takeout): vraag het aan op de Takeout-pagina van Google; Google stuurt u een e-mail met een downloadlink zodra het klaar is, wat enkele uren tot enkele dagen kan duren. Voor iCloud hebt u in plaats daarvan uw Apple ID en een app-specifiek wachtwoord nodig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open Google &amp;Takeout</source>
        <translation>Google &amp;Takeout openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Google&apos;s Takeout page in your browser</source>
        <translation>De Takeout-pagina van Google openen in uw browser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stuck? Your hoster can help you, and so can the volunteers of the CHATONS forum. At the end, degoogle can save a file for the person helping you: it says what happened, without any password.</source>
        <translation>Vastgelopen? Uw hostingpartij kan u helpen, en ook de vrijwilligers van het CHATONS-forum. Aan het eind kan degoogle een bestand bewaren voor wie u helpt: het zegt wat er gebeurde, zonder enig wachtwoord.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the CHATONS &amp;forum</source>
        <translation>Het CHATONS-&amp;forum openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the forum of the CHATONS collective in your browser</source>
        <translation>Het forum van het CHATONS-collectief openen in uw browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data stays yours</source>
        <translation>Uw gegevens blijven van u</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is deleted or changed at Google or iCloud: you can look there afterwards and close your account only when you are sure. Your data goes straight from this computer to your hoster; it passes through no other server, not even ours.</source>
        <translation>Bij Google of iCloud wordt niets gewist of gewijzigd: u kunt daar achteraf kijken en uw account pas opzeggen als u zeker bent. Uw gegevens gaan rechtstreeks van deze computer naar uw hostingpartij, via geen enkele andere server, ook niet de onze.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the assistant</source>
        <translation>Taal van de assistent</translation>
    </message>
</context>
<context>
    <name>WhatPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/what.py" line="+42"/>
        <source>What would you like to move?</source>
        <translation>Wat wilt u verhuizen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick what you want to find at your hoster. You can run the assistant again later for the rest.</source>
        <translation>Vink aan wat u bij uw hostingpartij wilt terugvinden. U kunt de assistent later opnieuw starten voor de rest.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your messages, sent ones included, with their folders and labels.</source>
        <translation>Uw berichten, verzonden berichten inbegrepen, met hun mappen en labels.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your documents, photos and folders from Google Drive or iCloud Drive.</source>
        <translation>Uw documenten, foto&apos;s en mappen uit Google Drive of iCloud Drive.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your appointments, birthdays and repeating events.</source>
        <translation>Uw afspraken, verjaardagen en terugkerende gebeurtenissen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The names, phone numbers and addresses of your address book.</source>
        <translation>De namen, telefoonnummers en adressen uit uw adresboek.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your Google Photos, each once, with the date it was taken, in Photos/&lt;year&gt;. Albums become albums of Nextcloud Photos; if your Nextcloud has no Photos app, the photos move without their albums (no second copy) and the report says so.</source>
        <translation>Uw Google Foto&apos;s, elk één keer, met de datum waarop ze zijn genomen, in Photos/&lt;jaar&gt;. Albums worden albums van Nextcloud Foto&apos;s; heeft uw Nextcloud geen Foto&apos;s-app, dan verhuizen de foto&apos;s zonder hun albums (geen tweede kopie) en zegt het rapport dat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your Google Keep notes, lists and attachments, as notes of Nextcloud Notes (the Notes folder, a label is a category). Notes in the Keep trash stay behind.</source>
        <translation>Uw Google Keep-notities, lijsten en bijlagen, als notities van Nextcloud Notes (de map Notes, een label wordt een categorie). Notities in de prullenbak van Keep blijven achter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not in this version yet: it stays safe where it is.</source>
        <translation>Nog niet in deze versie: het blijft veilig waar het is.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This version of degoogle cannot move everything yet. What it cannot move is listed in the final report and stays in your Google or iCloud account, and in your archive.</source>
        <translation>Deze versie van degoogle kan nog niet alles verhuizen. Wat niet verhuist, staat in het eindrapport en blijft in uw Google- of iCloud-account en in uw archief.</translation>
    </message>
</context>
</TS>
