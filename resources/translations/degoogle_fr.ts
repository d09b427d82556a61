<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/check.py" line="+99"/>
        <source>Here is what was found</source>
        <extracomment>home upload speeds (bytes/s) for the honest range: 20 Mbit/s down to 5 Mbit/s time per item beyond its bytes (requests, checks), with 4 items in flight past the hoster&apos;s maximum of calendars: leave the rest out instead of merging them</extracomment>
        <translation>Voici ce qui a été trouvé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start moving</source>
        <translation>&amp;Lancer le transfert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found</source>
        <translation>Trouvé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What will happen</source>
        <translation>Ce qui va se passer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was found, per kind of data</source>
        <translation>Ce qui a été trouvé, par type de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start anyway: move what fits, then pause until there is room</source>
        <translation>Lancer quand même&#xa0;: transférer ce qui tient, puis attendre qu&apos;il y ait de la place</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out the calendars your hoster cannot hold, instead of putting their events into calendars you already have</source>
        <translation>Laisser de côté les agendas que votre hébergeur ne peut pas accueillir, au lieu de mettre leurs événements dans des agendas que vous avez déjà</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing has been moved yet. Click &quot;Start moving&quot; when you are ready; you can pause at any time.</source>
        <translation>Rien n&apos;a encore été transféré. Cliquez sur «&#xa0;Lancer le transfert&#xa0;» quand vous êtes prêt ou prête&#x202f;; vous pourrez faire une pause à tout moment.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The data could not be looked through: %1</source>
        <translation>Impossible de parcourir vos données&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Looking through your data… %n items so far. Nothing is moved yet.</source>
        <translation>
            <numerusform>Examen de vos données… %Ln élément pour l&apos;instant. Rien n&apos;est encore transféré.</numerusform>
            <numerusform>Examen de vos données… %Ln éléments pour l&apos;instant. Rien n&apos;est encore transféré.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your data was looked through. Please read this before you start.</source>
        <translation>Vos données ont été examinées. Lisez ceci avant de commencer.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%Ln élément</numerusform>
            <numerusform>%Ln éléments</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not moved by this version: stays safe where it is</source>
        <translation>Pas encore transféré par cette version&#xa0;: reste en sécurité là où il est</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not moved: you did not choose it</source>
        <translation>Non transféré&#xa0;: vous ne l&apos;avez pas choisi</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n will be moved</source>
        <translation>
            <numerusform>%Ln sera transféré</numerusform>
            <numerusform>%Ln seront transférés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already done</source>
        <translation>
            <numerusform>%Ln déjà fait</numerusform>
            <numerusform>%Ln déjà faits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n damaged, set aside</source>
        <translation>
            <numerusform>%Ln abîmé, mis de côté</numerusform>
            <numerusform>%Ln abîmés, mis de côté</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not moved, see below</source>
        <translation>
            <numerusform>%Ln non transféré, voir ci-dessous</numerusform>
            <numerusform>%Ln non transférés, voir ci-dessous</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>You are moving %1. Your hoster does not say how much room you have left.</source>
        <translation>Vous transférez %1. Votre hébergeur n&apos;indique pas la place qu&apos;il vous reste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are moving %1; your hoster has %2 free for you. It fits.</source>
        <translation>Vous transférez %1&#x202f;; votre hébergeur vous laisse %2 de libre&#xa0;: il y a assez de place.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are moving %1 but your hoster has only %2 free for you. Free some room there or ask your hoster for more before you start.</source>
        <translation>Vous transférez %1, mais votre hébergeur ne vous laisse que %2 de libre. Faites de la place chez lui ou demandez-lui plus d&apos;espace avant de commencer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This should take less than a minute.</source>
        <translation>Cela devrait prendre moins d&apos;une minute.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With a usual home Internet connection this takes %1; it depends on how fast your connection sends. Once started, the next page shows a measured estimate. You can leave the computer on overnight: the move goes on by itself.</source>
        <translation>Avec une connexion Internet domestique ordinaire, comptez %1&#xa0;: cela dépend de la vitesse d&apos;envoi de votre connexion. Une fois lancé, l&apos;écran suivant affiche une estimation mesurée. Vous pouvez laisser l&apos;ordinateur allumé la nuit&#xa0;: le transfert continue tout seul.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: not moved by this version yet. It stays safe in your archive or account; the report will remind you.</source>
        <translation>%1&#xa0;: pas encore transféré par cette version. Cela reste en sécurité dans votre archive ou votre compte&#x202f;; le rapport vous le rappellera.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1: %n item(s) of a kind this version cannot move yet (%2). They stay safe in your archive or account; the report will remind you.</source>
        <translation>
            <numerusform>%1&#xa0;: %Ln élément d&apos;un type que cette version ne sait pas encore transférer (%2). Il reste en sécurité dans votre archive ou votre compte&#x202f;; le rapport vous le rappellera.</numerusform>
            <numerusform>%1&#xa0;: %Ln éléments d&apos;un type que cette version ne sait pas encore transférer (%2). Ils restent en sécurité dans votre archive ou votre compte&#x202f;; le rapport vous le rappellera.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Photos go to the Photos folder, one folder per year, each once with the date it was taken; the copies in albums become albums of Nextcloud Photos, not second files. Without the Photos app at your hoster the albums are not recreated and the report says so. Places (GPS) from Google are kept in degoogle&apos;s journal, not written into the photos, which stay exactly as they were.</source>
        <translation>Les photos vont dans le dossier Photos, un dossier par année, chacune une seule fois avec la date de la prise de vue&#xa0;; les copies des albums deviennent des albums de Nextcloud Photos, pas des fichiers en double. Si votre hébergeur n&apos;a pas l&apos;application Photos, les albums ne sont pas recréés et le rapport le dit. Les lieux (GPS) connus de Google restent dans le journal de degoogle, sans être écrits dans les photos, qui restent exactement telles quelles.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n item(s) of the archive are damaged and will be set aside. The report says which; downloading those archive parts again usually fixes it.</source>
        <translation>
            <numerusform>%Ln élément de l&apos;archive est abîmé et sera mis de côté. Le rapport dit lequel&#x202f;; retélécharger cette partie de l&apos;archive suffit en général.</numerusform>
            <numerusform>%Ln éléments de l&apos;archive sont abîmés et seront mis de côté. Le rapport dit lesquels&#x202f;; retélécharger ces parties de l&apos;archive suffit en général.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n calendar(s) to make. Your hoster allows only %2 new calendars every %3, so the move will wait about %4 for them; it goes on by itself.</source>
        <translation>
            <numerusform>%Ln agenda à créer. Votre hébergeur n&apos;autorise de nouveaux agendas que par %2 toutes les %3&#xa0;: le transfert attendra environ %4 pour lui, puis reprendra tout seul.</numerusform>
            <numerusform>%Ln agendas à créer. Votre hébergeur n&apos;autorise de nouveaux agendas que par %2 toutes les %3&#xa0;: le transfert attendra environ %4 pour eux, puis reprendra tout seul.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) will be left out, as chosen. The report will name them.</source>
        <translation>
            <numerusform>Agendas que votre hébergeur accepte encore&#xa0;: %1. Comme choisi, les événements de l&apos;autre agenda ne seront pas transférés. Le rapport les citera.</numerusform>
            <numerusform>Agendas que votre hébergeur accepte encore&#xa0;: %1. Comme choisi, les événements des %Ln autres agendas ne seront pas transférés. Le rapport les citera.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) will go into calendars you already have. The report will name them.</source>
        <translation>
            <numerusform>Agendas que votre hébergeur accepte encore&#xa0;: %1. Les événements de l&apos;autre agenda iront dans des agendas que vous avez déjà. Le rapport les citera.</numerusform>
            <numerusform>Agendas que votre hébergeur accepte encore&#xa0;: %1. Les événements des %Ln autres agendas iront dans des agendas que vous avez déjà. Le rapport les citera.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Download these parts of the archive again from the link in Google&apos;s e-mail, then choose them again: %1</source>
        <translation>Téléchargez de nouveau ces parties de l&apos;archive depuis le lien du courriel de Google, puis choisissez-les de nouveau&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n name(s) will be changed slightly, because Nextcloud refuses some characters or two names would clash. The report lists them.</source>
        <translation>
            <numerusform>%Ln nom sera légèrement modifié, car Nextcloud refuse certains caractères ou deux noms se confondraient. Le rapport le signale.</numerusform>
            <numerusform>%Ln noms seront légèrement modifiés, car Nextcloud refuse certains caractères ou deux noms se confondraient. Le rapport les énumère.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseQuestion</name>
    <message>
        <location filename="../../src/degoogle/gui/wizard.py" line="+66"/>
        <source>The move is still going on</source>
        <translation>Le transfert est toujours en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data is still being moved. What would you like to do?</source>
        <translation>Vos données sont encore en cours de transfert. Que voulez-vous faire&#x202f;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the background, the move goes on with the window out of the way. Paused, it stops safely; start degoogle again to go on where it stopped.</source>
        <translation>En arrière-plan, le transfert continue et la fenêtre se fait discrète. En pause, il s&apos;arrête sans rien perdre&#x202f;; relancez degoogle pour reprendre là où il s&apos;est arrêté.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep going in the background</source>
        <translation>Continuer en arrière-plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause and close</source>
        <translation>Mettre en pause et fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to the window</source>
        <translation>Revenir à la fenêtre</translation>
    </message>
</context>
<context>
    <name>Countries</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="+124"/>
        <source>France</source>
        <translation>France</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Belgium</source>
        <translation>Belgique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switzerland</source>
        <translation>Suisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Luxembourg</source>
        <translation>Luxembourg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canada</source>
        <translation>Canada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Netherlands</source>
        <translation>Pays-Bas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Germany</source>
        <translation>Allemagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spain</source>
        <translation>Espagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italy</source>
        <translation>Italie</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/done.py" line="+148"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Moved</source>
        <translation>Transférés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Already there</source>
        <translation>Déjà là</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>À regarder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not moved</source>
        <translation>Non transférés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was moved, per kind of data</source>
        <translation>Ce qui a été transféré, par type de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items that need your attention</source>
        <translation>Les éléments à regarder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do now</source>
        <translation>Que faire maintenant&#x202f;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open my Nextcloud</source>
        <translation>Ouvrir mon &amp;Nextcloud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open my Nextcloud in the browser</source>
        <translation>Ouvrir mon Nextcloud dans le navigateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the &amp;report…</source>
        <translation>Enregistrer le &amp;rapport…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as a web page</source>
        <translation>Enregistrer le rapport sous forme de page web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to my &amp;helper…</source>
        <translation>Envoyer à la personne qui m&apos;&amp;aide…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a file for the person who helps you</source>
        <translation>Enregistrer un fichier pour la personne qui vous aide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report saved: %1</source>
        <translation>Rapport enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File for your helper saved: %1</source>
        <translation>Fichier pour la personne qui vous aide enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save %1</source>
        <translation>Impossible d&apos;enregistrer %1</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Nothing was moved. %n item(s) need your attention: see below.</source>
        <translation>
            <numerusform>Rien n&apos;a été transféré. %Ln élément demande votre attention&#xa0;: voir ci-dessous.</numerusform>
            <numerusform>Rien n&apos;a été transféré. %Ln éléments demandent votre attention&#xa0;: voir ci-dessous.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was moved.</source>
        <translation>Rien n&apos;a été transféré.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Your data has moved. %n item(s) need your attention: see below.</source>
        <translation>
            <numerusform>Vos données ont été transférées. %Ln élément demande votre attention&#xa0;: voir ci-dessous.</numerusform>
            <numerusform>Vos données ont été transférées. %Ln éléments demandent votre attention&#xa0;: voir ci-dessous.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Where your data is now</source>
        <translation>Où se trouvent maintenant vos données</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n name(s) were changed slightly on the way, because Nextcloud refuses some characters or two names would clash; the saved report lists them.</source>
        <translation>
            <numerusform>%Ln nom a été légèrement modifié en chemin, car Nextcloud refuse certains caractères ou deux noms se confondaient&#x202f;; le rapport enregistré le signale.</numerusform>
            <numerusform>%Ln noms ont été légèrement modifiés en chemin, car Nextcloud refuse certains caractères ou deux noms se confondaient&#x202f;; le rapport enregistré les énumère.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-13"/>
        <source>What needs your attention</source>
        <translation>Ce qui demande votre attention</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Your data has moved. Everything that was moved was checked at your hoster.</source>
        <translation>Vos données ont été transférées. Tout ce qui a été transféré a été vérifié chez votre hébergeur.</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%1: %n item(s) not moved. %2</source>
        <translation>
            <numerusform>%1&#xa0;: %Ln élément non transféré. %2</numerusform>
            <numerusform>%1&#xa0;: %Ln éléments non transférés. %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(In your archive: %1.)</source>
        <translation>(Dans votre archive&#xa0;: %1.)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Click &quot;Open my Nextcloud&quot; and have a look: what was moved is there.</source>
        <translation>Cliquez sur «&#xa0;Ouvrir mon Nextcloud&#xa0;» et jetez-y un œil&#xa0;: ce qui a été transféré s&apos;y trouve.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read &quot;What needs your attention&quot; below: each point says why and what to do. Once it is done, run the assistant again: what is already at your hoster is not copied twice.</source>
        <translation>Lisez «&#xa0;Ce qui demande votre attention&#xa0;» ci-dessous&#xa0;: chaque point dit pourquoi et quoi faire. Une fois que c&apos;est fait, relancez l&apos;assistant&#xa0;: ce qui est déjà chez votre hébergeur n&apos;est pas copié deux fois.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What was not moved stays safe where it was: keep your archive.</source>
        <translation>Ce qui n&apos;a pas été transféré reste en sécurité là où il était&#xa0;: gardez votre archive.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click &quot;Save the report&quot; to keep a record of what moved. If something is not clear, click &quot;Send to my helper&quot; and send that file to the person who helps you.</source>
        <translation>Cliquez sur «&#xa0;Enregistrer le rapport&#xa0;» pour garder une trace de ce qui a été transféré. Si quelque chose n&apos;est pas clair, cliquez sur «&#xa0;Envoyer à la personne qui m&apos;aide&#xa0;» et envoyez-lui ce fichier.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was deleted at Google or iCloud. Close your account there only once you have found everything at your hoster.</source>
        <translation>Rien n&apos;a été supprimé chez Google ni chez iCloud. N&apos;y fermez votre compte qu&apos;une fois que vous avez tout retrouvé chez votre hébergeur.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>… and %n more: the saved report lists them all.</source>
        <translation>
            <numerusform>… et %Ln autre&#xa0;: le rapport enregistré les énumère tous.</numerusform>
            <numerusform>… et %Ln autres&#xa0;: le rapport enregistré les énumère tous.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n item(s): %1</source>
        <translation>
            <numerusform>%Ln élément&#xa0;: %1</numerusform>
            <numerusform>%Ln éléments&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What to do: %1</source>
        <translation>Que faire&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>degoogle report %1.html</source>
        <translation>rapport degoogle %1.html</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web page (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Zip file (*.zip)</source>
        <translation>Fichier zip (*.zip)</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message numerus="yes">
        <location filename="../../src/degoogle/gui/formats.py" line="-62"/>
        <source>%n min</source>
        <translation>
            <numerusform>%Ln&#xa0;min</numerusform>
            <numerusform>%Ln&#xa0;min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%Ln&#xa0;jour</numerusform>
            <numerusform>%Ln&#xa0;jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n h</source>
        <translation>
            <numerusform>%Ln&#xa0;h</numerusform>
            <numerusform>%Ln&#xa0;h</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2</source>
        <translation>%1&#xa0;h&#xa0;%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>less than a minute</source>
        <translation>moins d&apos;une minute</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>about %1</source>
        <translation>environ %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>up to %1</source>
        <translation>jusqu&apos;à %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>between %1 and %n min</source>
        <translation>
            <numerusform>entre %1 et %Ln&#xa0;min</numerusform>
            <numerusform>entre %1 et %Ln&#xa0;min</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>between %1 and %2</source>
        <translation>entre %1 et %2</translation>
    </message>
</context>
<context>
    <name>HelperDialog</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/done.py" line="-214"/>
        <source>Send to my helper</source>
        <translation>Envoyer à la personne qui m&apos;aide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>degoogle saves a file for the person who helps you: figures about your move, the versions of the programs and the log. It holds no password and no message contents. Send it to them by e-mail.</source>
        <translation>degoogle enregistre un fichier pour la personne qui vous aide&#xa0;: des chiffres sur votre transfert, les versions des programmes et le journal. Il ne contient aucun mot de passe ni le contenu d&apos;aucun message. Envoyez-le-lui par courriel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also include the &amp;names of files and folders (helps find a problem)</source>
        <translation>Inclure aussi les &amp;noms des fichiers et dossiers (aide à trouver un problème)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include the names of files and folders</source>
        <translation>Inclure les noms des fichiers et dossiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save…</source>
        <translation>&amp;Enregistrer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the file</source>
        <translation>Enregistrer le fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="+17"/>
        <source>Mail</source>
        <translation>Courriels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendars</source>
        <translation>Agendas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>LandedBox</name>
    <message numerus="yes">
        <location filename="../../src/degoogle/gui/landed.py" line="+107"/>
        <source>and %n more</source>
        <extracomment>names listed per place before &quot;and N more&quot; (the saved report lists them all)</extracomment>
        <translation>
            <numerusform>et %Ln autre</numerusform>
            <numerusform>et %Ln autres</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files: in the folder “%1” of your Nextcloud.</source>
        <translation>Fichiers&#xa0;: dans le dossier «&#xa0;%1&#xa0;» de votre Nextcloud.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos: in the folder “%1” of your Nextcloud, one folder per year; the Photos app shows them by date.</source>
        <translation>Photos&#xa0;: dans le dossier «&#xa0;%1&#xa0;» de votre Nextcloud, un dossier par année&#xa0;; l&apos;application Photos les montre par date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes: in the folder “%1” of your Nextcloud, which the Notes app reads.</source>
        <translation>Notes&#xa0;: dans le dossier «&#xa0;%1&#xa0;» de votre Nextcloud, que l&apos;application Notes lit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail: in your mailbox at %1, folders: %2.</source>
        <translation>Courriels&#xa0;: dans votre boîte aux lettres chez %1, dossiers&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail: in the folder “%1” of your Nextcloud, one file per mail folder: %2.</source>
        <translation>Courriels&#xa0;: dans le dossier «&#xa0;%1&#xa0;» de votre Nextcloud, un fichier par dossier de courriels&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calendars: %1, in your Nextcloud&apos;s Calendar.</source>
        <translation>Agendas&#xa0;: %1, dans l&apos;Agenda de votre Nextcloud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, in your Nextcloud&apos;s Contacts.</source>
        <translation>%1&#xa0;: %2, dans les Contacts de votre Nextcloud.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open “%1”</source>
        <translation>Ouvrir «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the calendars</source>
        <translation>Ouvrir les agendas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the contacts</source>
        <translation>Ouvrir les contacts</translation>
    </message>
</context>
<context>
    <name>MigrationWizard</name>
    <message>
        <location filename="../../src/degoogle/gui/wizard.py" line="+54"/>
        <source>degoogle: move out of Google</source>
        <translation>degoogle&#xa0;: quitter Google</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (practice)</source>
        <translation> (entraînement)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next step</source>
        <translation>Étape suivante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation>&amp;Précédent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous step</source>
        <translation>Étape précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close degoogle</source>
        <translation>Fermer degoogle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish and close degoogle</source>
        <translation>Terminer et fermer degoogle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start moving</source>
        <translation>&amp;Lancer le transfert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start moving</source>
        <translation>Lancer le transfert</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>degoogle is moving your data</source>
        <translation>degoogle transfère vos données</translation>
    </message>
</context>
<context>
    <name>Moments</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="-62"/>
        <source>%1 at %2</source>
        <extracomment>the no-break space that holds a number to its unit</extracomment>
        <translation>%1 à %2</translation>
    </message>
</context>
<context>
    <name>MovingPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/moving.py" line="+148"/>
        <source>Moving your data</source>
        <extracomment>the desktop said once that it cannot keep the computer awake (it will not say otherwise later) waiting for the account the data comes from (not the hoster) to answer again the hoster allows more calendars again at this time (``time.time()``), while waiting for it</extracomment>
        <translation>Transfert de vos données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overall progress</source>
        <translation>Avancement global</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep this computer awake until the move is over</source>
        <translation>&amp;Empêcher la mise en veille de cet ordinateur jusqu&apos;à la fin du transfert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this computer awake until the move is over</source>
        <translation>Empêcher la mise en veille de cet ordinateur jusqu&apos;à la fin du transfert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try the move again</source>
        <translation>Relancer le transfert</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The computer may go to sleep: the move then stops until it wakes up. Nothing is lost.</source>
        <translation>L&apos;ordinateur peut se mettre en veille&#xa0;: le transfert s&apos;arrête alors jusqu&apos;à son réveil. Rien n&apos;est perdu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer stays awake until the move is over (the screen may still go dark).</source>
        <translation>Cet ordinateur ne se mettra pas en veille avant la fin du transfert (l&apos;écran peut quand même s&apos;éteindre).</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>degoogle cannot keep this computer awake. Set it not to go to sleep until the move is over: in its energy (or power) settings, choose &quot;never&quot; for sleep. Otherwise the move stops while it sleeps, and goes on when it wakes up.</source>
        <translation>degoogle ne peut pas empêcher cet ordinateur de se mettre en veille. Réglez-le pour qu&apos;il ne se mette pas en veille avant la fin du transfert&#xa0;: dans ses réglages d&apos;énergie (ou d&apos;alimentation), choisissez «&#xa0;jamais&#xa0;» pour la mise en veille. Sinon, le transfert s&apos;arrête pendant la veille et reprend au réveil.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the move</source>
        <translation>Reprendre le transfert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause the move</source>
        <translation>Mettre le transfert en pause</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Getting ready…</source>
        <translation>Préparation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moving your data…</source>
        <translation>Transfert de vos données en cours…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused. Nothing is lost: click Resume to go on.</source>
        <translation>En pause. Rien n&apos;est perdu&#xa0;: cliquez sur «&#xa0;Reprendre&#xa0;» pour continuer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account your data comes from does not answer right now; trying again by itself…</source>
        <translation>Le compte d&apos;où viennent vos données ne répond pas pour le moment&#x202f;; nouvel essai automatique…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your hoster does not answer right now; trying again by itself…</source>
        <translation>Votre hébergeur ne répond pas pour le moment&#x202f;; nouvel essai automatique…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopping after the items in flight…</source>
        <translation>Arrêt après les éléments en cours…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything was moved. Checking at your hoster…</source>
        <translation>Tout a été transféré. Vérification chez votre hébergeur…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped. Start degoogle again to go on where it stopped.</source>
        <translation>Arrêté. Relancez degoogle pour reprendre là où il s&apos;est arrêté.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The move stopped.</source>
        <translation>Le transfert s&apos;est arrêté.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your hoster allows only a few new calendars an hour. The move waits and goes on by itself at %1.</source>
        <translation>Votre hébergeur n&apos;autorise que quelques nouveaux agendas par heure. Le transfert attend et reprend tout seul à %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The move is paused.</source>
        <translation>Le transfert est en pause.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You can use the computer meanwhile. If it is switched off or the connection drops, nothing is lost: the move resumes where it stopped.</source>
        <translation>Vous pouvez utiliser l&apos;ordinateur pendant ce temps. S&apos;il est éteint ou si la connexion coupe, rien n&apos;est perdu&#xa0;: le transfert reprend là où il s&apos;est arrêté.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 items · %3 of %4</source>
        <translation>Éléments&#xa0;: %1 sur %2 · %3 sur %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 items</source>
        <translation>Éléments&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Progress for %1</source>
        <translation>Avancement&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now: %1</source>
        <translation>En cours&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Speed: %1/s, %2 items a minute · time left: %3</source>
        <translation>Vitesse&#xa0;: %1/s · éléments par minute&#xa0;: %2 · temps restant&#xa0;: %3</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n item(s) need your attention so far; the report at the end says why.</source>
        <translation>
            <numerusform>%Ln élément demande votre attention pour l&apos;instant&#x202f;; le rapport final dira pourquoi.</numerusform>
            <numerusform>%Ln éléments demandent votre attention pour l&apos;instant&#x202f;; le rapport final dira pourquoi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message numerus="yes">
        <location filename="../../src/degoogle/gui/pages/resume.py" line="+51"/>
        <source>a Google Takeout archive (%n part(s))</source>
        <translation>
            <numerusform>une archive Google Takeout (%Ln partie)</numerusform>
            <numerusform>une archive Google Takeout (%Ln parties)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the folder %1</source>
        <translation>le dossier %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A move is not finished</source>
        <translation>Un transfert n&apos;est pas terminé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You started moving %1 to %2. %3 of %4 items are already there (last activity: %5). Nothing was lost: it can go on where it stopped.</source>
        <translation>Vous avez commencé à transférer %1 vers %2. Éléments déjà arrivés&#xa0;: %3 sur %4 (dernière activité&#xa0;: %5). Rien n&apos;est perdu&#xa0;: le transfert peut reprendre là où il s&apos;est arrêté.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Resume this move (recommended)</source>
        <translation>&amp;Reprendre ce transfert (conseillé)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume this move</source>
        <translation>Reprendre ce transfert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a &amp;new move</source>
        <translation>Commencer un &amp;nouveau transfert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new move</source>
        <translation>Commencer un nouveau transfert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To go on, sign in to your hoster again:</source>
        <translation>Pour continuer, reconnectez-vous chez votre hébergeur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of your Nextcloud</source>
        <translation>Adresse de votre Nextcloud</translation>
    </message>
</context>
<context>
    <name>SignInBox</name>
    <message>
        <location filename="../../src/degoogle/gui/signin.py" line="+105"/>
        <source>Sign in through my &amp;browser</source>
        <translation>Me &amp;connecter avec mon navigateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in through my browser</source>
        <translation>Me connecter avec mon navigateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop waiting</source>
        <translation>Arrêter d&apos;attendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop waiting for the sign-in</source>
        <translation>Arrêter d&apos;attendre la connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in address to open in a browser</source>
        <translation>Adresse de connexion à ouvrir dans un navigateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I would rather type a login and an app password</source>
        <translation>Je préfère saisir un identifiant et un mot de passe d&apos;application</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;App password:</source>
        <translation>Mot de passe d&apos;&amp;application&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App password</source>
        <translation>Mot de passe d&apos;application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check and use it</source>
        <translation>&amp;Vérifier et utiliser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the login and app password and use them</source>
        <translation>Vérifier l&apos;identifiant et le mot de passe d&apos;application, puis les utiliser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An app password is a second password made only for degoogle: your usual password stays yours, and you can withdraw this one later without changing anything else. To create it in your Nextcloud: your picture at the top right, then Settings, Security, &quot;Create new app password&quot;; copy it here. Your usual password also works when your account has no second factor.</source>
        <translation>Un mot de passe d&apos;application est un second mot de passe, réservé à degoogle&#xa0;: votre mot de passe habituel reste secret, et vous pourrez retirer celui-ci plus tard sans rien changer d&apos;autre. Pour le créer dans votre Nextcloud&#xa0;: votre photo en haut à droite, puis Paramètres, Sécurité, «&#xa0;Créer un nouveau mot de passe d&apos;application&#xa0;»&#x202f;; copiez-le ici. Votre mot de passe habituel fonctionne aussi si votre compte n&apos;a pas de double authentification.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Asking your hoster for a sign-in page…</source>
        <translation>Demande d&apos;une page de connexion à votre hébergeur…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your browser shows your hoster&apos;s sign-in page. Sign in there and click &quot;Grant access&quot; to let degoogle in; this window goes on by itself. If no browser opened, open this address on any device:</source>
        <translation>Votre navigateur affiche la page de connexion de votre hébergeur. Connectez-vous-y et cliquez sur «&#xa0;Autoriser l&apos;accès&#xa0;» pour laisser entrer degoogle&#x202f;; cette fenêtre continue toute seule. Si aucun navigateur ne s&apos;est ouvert, ouvrez cette adresse sur n&apos;importe quel appareil&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the login and app password…</source>
        <translation>Vérification de l&apos;identifiant et du mot de passe d&apos;application…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in as %1. The app password is kept safely in this computer&apos;s keyring.</source>
        <translation>Connecté en tant que %1. Le mot de passe d&apos;application est gardé en sécurité dans le trousseau de cet ordinateur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in as %1. This computer has no keyring to keep the app password: if the move stops, you will be asked to sign in again.</source>
        <translation>Connecté en tant que %1. Cet ordinateur n&apos;a pas de trousseau pour garder le mot de passe d&apos;application&#xa0;: si le transfert s&apos;arrête, il faudra vous reconnecter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in as %1 (practice: nothing is kept on this computer).</source>
        <translation>Connecté en tant que %1 (entraînement&#xa0;: rien n&apos;est gardé sur cet ordinateur).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in stopped. You can try again.</source>
        <translation>Connexion interrompue. Vous pouvez réessayer.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type both the login and the app password.</source>
        <translation>Saisissez l&apos;identifiant et le mot de passe d&apos;application.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your hoster refused this login or app password.</source>
        <translation>Votre hébergeur a refusé cet identifiant ou ce mot de passe d&apos;application.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the login, then copy the app password again from your Nextcloud (Settings, Security).</source>
        <translation>Vérifiez l&apos;identifiant, puis copiez de nouveau le mot de passe d&apos;application depuis votre Nextcloud (Paramètres, Sécurité).</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/source.py" line="+159"/>
        <source>Where is your data now?</source>
        <translation>Où sont vos données aujourd&apos;hui&#x202f;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose where to copy from. Nothing will be changed or deleted there.</source>
        <translation>Choisissez d&apos;où copier. Rien n&apos;y sera modifié ni supprimé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A Google Takeout archive (recommended for Google)</source>
        <translation>Une archive Google Takeout (conseillé pour Google)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to my Google account</source>
        <translation>Me connecter à mon compte Google</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iCloud (Apple)</source>
        <translation>iCloud (Apple)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A folder on this computer (for example iCloud Drive or a USB disk)</source>
        <translation>Un dossier de cet ordinateur (par exemple iCloud Drive ou une clé USB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another mail account (IMAP)</source>
        <translation>Un autre compte de messagerie (IMAP)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1. Click &quot;Open Google Takeout&quot; and sign in to your Google account.
2. Click &quot;Deselect all&quot;, then tick Drive, Mail, Calendar and Contacts.
3. Click &quot;Next step&quot;; keep &quot;Send download link via email&quot;, &quot;.zip&quot; and &quot;2 GB&quot;, then click &quot;Create export&quot;.
4. Google sends you an e-mail when the archive is ready: a few hours, sometimes a day or two. Download every part it lists.
5. Come back here and choose the downloaded files (all the parts, in one go).</source>
        <translation>1. Cliquez sur «&#xa0;Ouvrir Google Takeout&#xa0;» et connectez-vous à votre compte Google.
2. Cliquez sur «&#xa0;Tout désélectionner&#xa0;», puis cochez Drive, Mail, Agenda et Contacts.
3. Cliquez sur «&#xa0;Étape suivante&#xa0;»&#x202f;; gardez «&#xa0;Envoyer le lien de téléchargement par e-mail&#xa0;», «&#xa0;.zip&#xa0;» et «&#xa0;2 Go&#xa0;», puis cliquez sur «&#xa0;Créer une exportation&#xa0;».
4. Google vous envoie un courriel quand l&apos;archive est prête&#xa0;: quelques heures, parfois un jour ou deux. Téléchargez toutes les parties indiquées.
5. Revenez ici et choisissez les fichiers téléchargés (toutes les parties d&apos;un coup).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Open Google Takeout</source>
        <translation>&amp;Ouvrir Google Takeout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Google Takeout in the browser</source>
        <translation>Ouvrir Google Takeout dans le navigateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose the downloaded files…</source>
        <translation>&amp;Choisir les fichiers téléchargés…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the downloaded archive files</source>
        <translation>Choisir les fichiers d&apos;archive téléchargés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive &amp;parts chosen:</source>
        <translation>&amp;Parties de l&apos;archive choisies&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive parts chosen</source>
        <translation>Parties de l&apos;archive choisies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove the selected part</source>
        <translation>&amp;Retirer la partie sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected archive part</source>
        <translation>Retirer la partie d&apos;archive sélectionnée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>iCloud asks for an app-specific password, not your usual one: a second password that Apple makes for one program only, and that you can withdraw later. Create it on Apple&apos;s account page (Sign-In and Security, App-Specific Passwords) and paste it here.</source>
        <translation>iCloud demande un mot de passe pour app, pas votre mot de passe habituel&#xa0;: un second mot de passe qu&apos;Apple crée pour un seul programme, et que vous pourrez retirer plus tard. Créez-le sur la page de votre compte Apple (Connexion et sécurité, Mots de passe pour app) et collez-le ici.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apple &amp;ID:</source>
        <translation>&amp;Identifiant Apple&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apple ID</source>
        <translation>Identifiant Apple</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App-specific pass&amp;word:</source>
        <translation>Mot de passe pour a&amp;pp&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App-specific password</source>
        <translation>Mot de passe pour app</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to create one</source>
        <translation>Comment en créer un</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Apple&apos;s help on app-specific passwords</source>
        <translation>Ouvrir l&apos;aide d&apos;Apple sur les mots de passe pour app</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Apple&apos;s account page</source>
        <translation>Ouvrir la page du compte Apple</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Folder:</source>
        <translation>&amp;Dossier&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder to copy</source>
        <translation>Dossier à copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <source>Choose the folder to copy</source>
        <translation>Choisir le dossier à copier</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Mail &amp;server:</source>
        <translation>&amp;Serveur de messagerie&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log&amp;in:</source>
        <translation>Identi&amp;fiant&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server</source>
        <translation>Serveur de messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login</source>
        <translation>Identifiant de messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail password</source>
        <translation>Mot de passe de messagerie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Needs a Google sign-in key set up by your hoster or your helper; until then, use a Takeout archive: it gives the same data.</source>
        <translation>Il faut une clé de connexion Google installée par votre hébergeur ou la personne qui vous aide&#x202f;; en attendant, utilisez une archive Takeout&#xa0;: elle contient les mêmes données.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not in this version of degoogle yet.</source>
        <translation>Pas encore possible dans cette version de degoogle.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Choose the parts of your Google archive</source>
        <translation>Choisissez les parties de votre archive Google</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Google archives (*.zip *.tgz *.tar.gz);;All files (*)</source>
        <translation>Archives Google (*.zip *.tgz *.tar.gz);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/target.py" line="+161"/>
        <source>Where should your data go?</source>
        <translation>Où envoyer vos données&#x202f;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose your hoster in the list of the CHATONS collective, or type the address of any other Nextcloud. Your hoster gave you this address and your login when you opened your account.</source>
        <translation>Choisissez votre hébergeur dans la liste du collectif CHATONS, ou saisissez l&apos;adresse de n&apos;importe quel autre Nextcloud. Votre hébergeur vous a donné cette adresse et votre identifiant à l&apos;ouverture de votre compte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nextcloud is the program your hoster uses to keep your files, calendars and contacts on the Internet, in a space of your own: that is where your data goes.</source>
        <translation>Nextcloud est le logiciel qu&apos;utilise votre hébergeur pour garder vos fichiers, agendas et contacts sur Internet, dans un espace à vous&#xa0;: c&apos;est là que vont vos données.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search:</source>
        <translation>&amp;Rechercher&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name, town or service, e.g. Lyon, agenda</source>
        <translation>nom, ville ou service, par ex. Lyon, agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the list of hosters</source>
        <translation>Rechercher dans la liste des hébergeurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Update the list</source>
        <translation>&amp;Mettre à jour la liste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update the list of hosters from chatons.org</source>
        <translation>Mettre à jour la liste des hébergeurs depuis chatons.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hosters of the CHATONS collective</source>
        <translation>Hébergeurs du collectif CHATONS</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>any country</source>
        <translation>tous les pays</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>&amp;Only a Nextcloud taking new accounts, in:</source>
        <translation>&amp;Seulement un Nextcloud qui accepte de nouveaux comptes, dans&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only hosters whose Nextcloud takes new accounts</source>
        <translation>N&apos;afficher que les hébergeurs dont le Nextcloud accepte de nouveaux comptes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country of the hosters shown</source>
        <translation>Pays des hébergeurs affichés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open its &amp;sign-up page</source>
        <translation>Ouvrir sa page d&apos;&amp;inscription</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the hoster&apos;s sign-up page in your browser</source>
        <translation>Ouvrir la page d&apos;inscription de l&apos;hébergeur dans votre navigateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The &amp;address your hoster gave you:</source>
        <translation>L&apos;&amp;adresse que votre hébergeur vous a donnée&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the address of your Nextcloud, e.g. cloud.example.org</source>
        <translation>l&apos;adresse de votre Nextcloud, par ex. cloud.exemple.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address of your Nextcloud, as your hoster gave it</source>
        <translation>L&apos;adresse de votre Nextcloud, telle que votre hébergeur l&apos;a donnée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your hoster gives this address when you open your account: look in its welcome e-mail or on its website, or ask it. No account yet? Tick the box above to see the hosters taking new accounts, choose one and open its sign-up page. Then sign in: your browser opens your hoster&apos;s page, you sign in there as usual and allow degoogle. Your password is never typed into degoogle.</source>
        <translation>Votre hébergeur donne cette adresse à l&apos;ouverture de votre compte&#xa0;: cherchez-la dans son courriel de bienvenue ou sur son site, ou demandez-la-lui. Pas encore de compte&#x202f;? Cochez la case plus haut pour voir les hébergeurs qui en acceptent de nouveaux, choisissez-en un et ouvrez sa page d&apos;inscription. Ensuite, connectez-vous&#xa0;: votre navigateur ouvre la page de votre hébergeur, vous vous y connectez comme d&apos;habitude et autorisez degoogle. Votre mot de passe n&apos;est jamais saisi dans degoogle.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your mail</source>
        <translation>Vos courriels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster gives me a &amp;mailbox</source>
        <translation>Mon hébergeur me fournit une &amp;boîte mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster gives me a mailbox</source>
        <translation>Mon hébergeur me fournit une boîte mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster has no mailbox: keep my mail as an &amp;archive in my Nextcloud</source>
        <translation>Mon hébergeur n&apos;a pas de boîte mail&#xa0;: garder mes courriels en &amp;archive dans mon Nextcloud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep my mail as an archive in my Nextcloud</source>
        <translation>Garder mes courriels en archive dans mon Nextcloud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One file per mail folder (mbox), in a “Mail” folder of your cloud, that Thunderbird can open. Every message is kept exactly as it is; only the marks “read” and “starred” are not kept.</source>
        <translation>Un fichier par dossier de courriels, au format «&#xa0;mbox&#xa0;» que le logiciel de messagerie Thunderbird sait ouvrir, dans un dossier «&#xa0;Mail&#xa0;» de votre Nextcloud. Tous vos messages sont gardés tels quels&#xa0;; seules les marques «&#xa0;lu&#xa0;» et «&#xa0;suivi&#xa0;» ne sont pas conservées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server (IMAP):</source>
        <translation>Serveur de messagerie (IMAP)&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Port:</source>
        <translation>Port&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login:</source>
        <translation>Identifiant de messagerie&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mail password:</source>
        <translation>Mot de passe de messagerie&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server</source>
        <translation>Serveur de messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail server port</source>
        <translation>Port du serveur de messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login</source>
        <translation>Identifiant de messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail password</source>
        <translation>Mot de passe de messagerie</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Practice hoster (on this computer)</source>
        <translation>Hébergeur d&apos;entraînement (sur cet ordinateur)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>takes new accounts</source>
        <translation>accepte de nouveaux comptes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open to all</source>
        <translation>ouvert à tous</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No hoster in the list is known to take new accounts there. Untick the box to see every hoster, or update the list.</source>
        <translation>Aucun hébergeur de la liste n&apos;est connu pour accepter de nouveaux comptes à cet endroit. Décochez la case pour voir tous les hébergeurs, ou mettez la liste à jour.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Website: %1</source>
        <translation>Site web&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only for its members or its area.</source>
        <translation>Réservé à ses membres ou à sa région.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anybody may open an account there, free of charge.</source>
        <translation>Tout le monde peut y ouvrir un compte, gratuitement.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts for its customers: it says on its site what they cost.</source>
        <translation>Comptes pour ses clients&#xa0;: son site en indique le prix.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts for its members only.</source>
        <translation>Comptes réservés à ses membres.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It takes no new accounts for the moment.</source>
        <translation>Il n&apos;accepte pas de nouveaux comptes pour le moment.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To open an account: %1</source>
        <translation>Pour ouvrir un compte&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nextcloud: %1</source>
        <translation>Nextcloud&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its Nextcloud address is not in the list: type below the address your hoster gave you.</source>
        <translation>L&apos;adresse de son Nextcloud n&apos;est pas dans la liste&#xa0;: tapez ci-dessous l&apos;adresse que votre hébergeur vous a donnée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail server: %1</source>
        <translation>Serveur de messagerie&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>The list is up to date: %n hosters.</source>
        <translation>
            <numerusform>La liste est à jour&#xa0;: %Ln hébergeur.</numerusform>
            <numerusform>La liste est à jour&#xa0;: %Ln hébergeurs.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The list could not be updated (no connection to chatons.org?); the list you see is the one already known.</source>
        <translation>La liste n&apos;a pas pu être mise à jour (pas de connexion à chatons.org&#x202f;?)&#x202f;; vous voyez la liste déjà connue.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>the mail server</source>
        <translation>le serveur de messagerie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the mail login</source>
        <translation>l&apos;identifiant de la messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the mail password</source>
        <translation>le mot de passe de la messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To go on, type %1 (your hoster gave it with your mailbox), or choose the archive below.</source>
        <translation>Pour continuer, tapez %1 (votre hébergeur vous l&apos;a donné avec votre boîte aux lettres), ou choisissez l&apos;archive ci-dessous.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/welcome.py" line="+75"/>
        <source>Welcome</source>
        <extracomment>the collective&apos;s forum, where volunteers of the member hosters answer questions</extracomment>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Practice mode: a sample Google archive and a server on this computer stand in for yours. Try every step; nothing leaves this computer.</source>
        <translation>Mode entraînement&#xa0;: une archive Google d&apos;exemple et un serveur installé sur cet ordinateur remplacent les vôtres. Essayez chaque étape&#x202f;; rien ne quitte cet ordinateur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This assistant copies your mail, files, calendars and contacts from Google or iCloud to your hoster, a member of the CHATONS collective (small independent hosters who respect your privacy). It first looks at what you have and tells you how long it will take, then moves everything, overnight if need be, and picks up where it stopped if the computer is switched off. At the end, a report tells you what moved and what needs your attention.</source>
        <translation>Cet assistant copie vos courriels, fichiers, agendas et contacts de Google ou d&apos;iCloud vers votre hébergeur, membre du collectif CHATONS (de petits hébergeurs indépendants qui respectent votre vie privée). Il regarde d&apos;abord ce que vous avez et vous dit combien de temps il faudra, puis il transfère tout, la nuit s&apos;il le faut, et reprend là où il s&apos;était arrêté si l&apos;ordinateur est éteint. À la fin, un rapport vous dit ce qui a été transféré et ce qui demande votre attention.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before you start, you need</source>
        <translation>Avant de commencer, il vous faut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• An account at a hoster that gives you a Nextcloud, and the address it gave you. None yet? A later page lists the hosters of the CHATONS collective that take new accounts, with their sign-up page.</source>
        <translation>• Un compte chez un hébergeur qui vous fournit un Nextcloud, et l&apos;adresse qu&apos;il vous a donnée. Pas encore de compte&#x202f;? Une page suivante présente les hébergeurs du collectif CHATONS qui acceptent de nouveaux comptes, avec leur page d&apos;inscription.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>• Your Google data as an archive (Google calls it a Takeout): ask for it on Google&apos;s Takeout page; Google sends you an e-mail with a download link when it is ready, which can take from a few hours to a few days. For iCloud you need your Apple ID and an app-specific password instead.</source>
        <translation>• Vos données Google sous forme d&apos;archive (Google l&apos;appelle «&#xa0;Takeout&#xa0;»)&#xa0;: demandez-la sur la page Takeout de Google&#x202f;; Google vous envoie un courriel avec un lien de téléchargement quand elle est prête, ce qui peut prendre de quelques heures à quelques jours. Pour iCloud, il vous faut plutôt votre identifiant Apple et un mot de passe pour application.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open Google &amp;Takeout</source>
        <translation>Ouvrir Google &amp;Takeout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Google&apos;s Takeout page in your browser</source>
        <translation>Ouvrir la page Takeout de Google dans votre navigateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stuck? Your hoster can help you, and so can the volunteers of the CHATONS forum. At the end, degoogle can save a file for the person helping you: it says what happened, without any password.</source>
        <translation>Bloqué&#x202f;? Votre hébergeur peut vous aider, tout comme les bénévoles du forum des CHATONS. À la fin, degoogle peut enregistrer un fichier pour la personne qui vous aide&#xa0;: il dit ce qui s&apos;est passé, sans aucun mot de passe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the CHATONS &amp;forum</source>
        <translation>Ouvrir le &amp;forum des CHATONS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the forum of the CHATONS collective in your browser</source>
        <translation>Ouvrir le forum du collectif CHATONS dans votre navigateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data stays yours</source>
        <translation>Vos données restent à vous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is deleted or changed at Google or iCloud: you can look there afterwards and close your account only when you are sure. Your data goes straight from this computer to your hoster; it passes through no other server, not even ours.</source>
        <translation>Rien n&apos;est supprimé ni modifié chez Google ou iCloud&#xa0;: vous pourrez y vérifier ensuite et ne fermer votre compte qu&apos;une fois rassuré. Vos données vont directement de cet ordinateur à votre hébergeur&#x202f;; elles ne passent par aucun autre serveur, pas même le nôtre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the assistant</source>
        <translation>Langue de l&apos;assistant</translation>
    </message>
</context>
<context>
    <name>WhatPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/what.py" line="+42"/>
        <source>What would you like to move?</source>
        <translation>Que voulez-vous transférer&#x202f;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick what you want to find at your hoster. You can run the assistant again later for the rest.</source>
        <translation>Cochez ce que vous voulez retrouver chez votre hébergeur. Vous pourrez relancer l&apos;assistant plus tard pour le reste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your messages, sent ones included, with their folders and labels.</source>
        <translation>Vos messages, envoyés compris, avec leurs dossiers et libellés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your documents, photos and folders from Google Drive or iCloud Drive.</source>
        <translation>Vos documents, photos et dossiers de Google Drive ou iCloud Drive.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your appointments, birthdays and repeating events.</source>
        <translation>Vos rendez-vous, anniversaires et événements récurrents.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The names, phone numbers and addresses of your address book.</source>
        <translation>Les noms, numéros de téléphone et adresses de votre carnet d&apos;adresses.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your Google Photos, each once, with the date it was taken, in Photos/&lt;year&gt;. Albums become albums of Nextcloud Photos; if your Nextcloud has no Photos app, the photos move without their albums (no second copy) and the report says so.</source>
        <translation>Vos photos Google, chacune une seule fois, avec la date de la prise de vue, dans Photos/&lt;année&gt;. Les albums deviennent des albums de Nextcloud Photos&#xa0;; si votre Nextcloud n&apos;a pas l&apos;application Photos, les photos sont transférées sans leurs albums (sans copie en double) et le rapport le dit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your Google Keep notes, lists and attachments, as notes of Nextcloud Notes (the Notes folder, a label is a category). Notes in the Keep trash stay behind.</source>
        <translation>Vos notes Google Keep, listes et pièces jointes, comme notes de Nextcloud Notes (le dossier Notes, un libellé devient une catégorie). Les notes de la corbeille de Keep restent sur place.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not in this version yet: it stays safe where it is.</source>
        <translation>Pas encore dans cette version&#xa0;: cela reste en sécurité là où c&apos;est.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This version of degoogle cannot move everything yet. What it cannot move is listed in the final report and stays in your Google or iCloud account, and in your archive.</source>
        <translation>Cette version de degoogle ne sait pas encore tout transférer. Ce qu&apos;elle ne transfère pas est signalé dans le rapport final et reste dans votre compte Google ou iCloud, ainsi que dans votre archive.</translation>
    </message>
</context>
</TS>
