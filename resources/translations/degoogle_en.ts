<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/check.py" line="+99"/>
        <source>Here is what was found</source>
        <extracomment>home upload speeds (bytes/s) for the honest range: 20 Mbit/s down to 5 Mbit/s time per item beyond its bytes (requests, checks), with 4 items in flight past the hoster&apos;s maximum of calendars: leave the rest out instead of merging them</extracomment>
        <translation>Here is what was found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start moving</source>
        <translation>&amp;Start moving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found</source>
        <translation>Found</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What will happen</source>
        <translation>What will happen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was found, per kind of data</source>
        <translation>What was found, per kind of data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start anyway: move what fits, then pause until there is room</source>
        <translation>Start anyway: move what fits, then pause until there is room</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out the calendars your hoster cannot hold, instead of putting their events into calendars you already have</source>
        <translation>Leave out the calendars your hoster cannot hold, instead of putting their events into calendars you already have</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing has been moved yet. Click &quot;Start moving&quot; when you are ready; you can pause at any time.</source>
        <translation>Nothing has been moved yet. Click &quot;Start moving&quot; when you are ready; you can pause at any time.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The data could not be looked through: %1</source>
        <translation>The data could not be looked through: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Looking through your data… %n items so far. Nothing is moved yet.</source>
        <translation>
            <numerusform>Looking through your data… %n item so far. Nothing is moved yet.</numerusform>
            <numerusform>Looking through your data… %n items so far. Nothing is moved yet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your data was looked through. Please read this before you start.</source>
        <translation>Your data was looked through. Please read this before you start.</translation>
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
        <translation>Not moved by this version: stays safe where it is</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not moved: you did not choose it</source>
        <translation>Not moved: you did not choose it</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n will be moved</source>
        <translation>
            <numerusform>%n will be moved</numerusform>
            <numerusform>%n will be moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already done</source>
        <translation>
            <numerusform>%n already done</numerusform>
            <numerusform>%n already done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n damaged, set aside</source>
        <translation>
            <numerusform>%n damaged, set aside</numerusform>
            <numerusform>%n damaged, set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not moved, see below</source>
        <translation>
            <numerusform>%n not moved, see below</numerusform>
            <numerusform>%n not moved, see below</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>You are moving %1. Your hoster does not say how much room you have left.</source>
        <translation>You are moving %1. Your hoster does not say how much room you have left.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are moving %1; your hoster has %2 free for you. It fits.</source>
        <translation>You are moving %1; your hoster has %2 free for you. It fits.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are moving %1 but your hoster has only %2 free for you. Free some room there or ask your hoster for more before you start.</source>
        <translation>You are moving %1 but your hoster has only %2 free for you. Free some room there or ask your hoster for more before you start.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This should take less than a minute.</source>
        <translation>This should take less than a minute.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With a usual home Internet connection this takes %1; it depends on how fast your connection sends. Once started, the next page shows a measured estimate. You can leave the computer on overnight: the move goes on by itself.</source>
        <translation>With a usual home Internet connection this takes %1; it depends on how fast your connection sends. Once started, the next page shows a measured estimate. You can leave the computer on overnight: the move goes on by itself.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: not moved by this version yet. It stays safe in your archive or account; the report will remind you.</source>
        <translation>%1: not moved by this version yet. It stays safe in your archive or account; the report will remind you.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1: %n item(s) of a kind this version cannot move yet (%2). They stay safe in your archive or account; the report will remind you.</source>
        <translation>
            <numerusform>%1: %n item of a kind this version cannot move yet (%2). It stays safe in your archive or account; the report will remind you.</numerusform>
            <numerusform>%1: %n items of a kind this version cannot move yet (%2). They stay safe in your archive or account; the report will remind you.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Photos go to the Photos folder, one folder per year, each once with the date it was taken; the copies in albums become albums of Nextcloud Photos, not second files. Without the Photos app at your hoster the albums are not recreated and the report says so. Places (GPS) from Google are kept in degoogle&apos;s journal, not written into the photos, which stay exactly as they were.</source>
        <translation>Photos go to the Photos folder, one folder per year, each once with the date it was taken; the copies in albums become albums of Nextcloud Photos, not second files. Without the Photos app at your hoster the albums are not recreated and the report says so. Places (GPS) from Google are kept in degoogle&apos;s journal, not written into the photos, which stay exactly as they were.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n item(s) of the archive are damaged and will be set aside. The report says which; downloading those archive parts again usually fixes it.</source>
        <translation>
            <numerusform>%n item of the archive is damaged and will be set aside. The report says which; downloading that archive part again usually fixes it.</numerusform>
            <numerusform>%n items of the archive are damaged and will be set aside. The report says which; downloading those archive parts again usually fixes it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n calendar(s) to make. Your hoster allows only %2 new calendars every %3, so the move will wait about %4 for them; it goes on by itself.</source>
        <translation>
            <numerusform>%n calendar to make. Your hoster allows only %2 new calendars every %3, so the move will wait about %4 for it; it goes on by itself.</numerusform>
            <numerusform>%n calendars to make. Your hoster allows only %2 new calendars every %3, so the move will wait about %4 for them; it goes on by itself.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) will be left out, as chosen. The report will name them.</source>
        <translation>
            <numerusform>Your hoster holds only %1 more calendar(s): the events of the %n other calendar will be left out, as chosen. The report will name them.</numerusform>
            <numerusform>Your hoster holds only %1 more calendar(s): the events of the %n other calendars will be left out, as chosen. The report will name them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Your hoster holds only %1 more calendar(s): the events of the %n other calendar(s) will go into calendars you already have. The report will name them.</source>
        <translation>
            <numerusform>Your hoster holds only %1 more calendar(s): the events of the %n other calendar will go into calendars you already have. The report will name them.</numerusform>
            <numerusform>Your hoster holds only %1 more calendar(s): the events of the %n other calendars will go into calendars you already have. The report will name them.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Download these parts of the archive again from the link in Google&apos;s e-mail, then choose them again: %1</source>
        <translation>Download these parts of the archive again from the link in Google&apos;s e-mail, then choose them again: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n name(s) will be changed slightly, because Nextcloud refuses some characters or two names would clash. The report lists them.</source>
        <translation>
            <numerusform>%n name will be changed slightly, because Nextcloud refuses some characters or two names would clash. The report lists them.</numerusform>
            <numerusform>%n names will be changed slightly, because Nextcloud refuses some characters or two names would clash. The report lists them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseQuestion</name>
    <message>
        <location filename="../../src/degoogle/gui/wizard.py" line="+66"/>
        <source>The move is still going on</source>
        <translation>The move is still going on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data is still being moved. What would you like to do?</source>
        <translation>Your data is still being moved. What would you like to do?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the background, the move goes on with the window out of the way. Paused, it stops safely; start degoogle again to go on where it stopped.</source>
        <translation>In the background, the move goes on with the window out of the way. Paused, it stops safely; start degoogle again to go on where it stopped.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep going in the background</source>
        <translation>Keep going in the background</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause and close</source>
        <translation>Pause and close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to the window</source>
        <translation>Go back to the window</translation>
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
        <translation>Belgium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switzerland</source>
        <translation>Switzerland</translation>
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
        <translation>Netherlands</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Germany</source>
        <translation>Germany</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spain</source>
        <translation>Spain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italy</source>
        <translation>Italy</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/done.py" line="+148"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Moved</source>
        <translation>Moved</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Already there</source>
        <translation>Already there</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not moved</source>
        <translation>Not moved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was moved, per kind of data</source>
        <translation>What was moved, per kind of data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items that need your attention</source>
        <translation>Items that need your attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do now</source>
        <translation>What to do now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open my Nextcloud</source>
        <translation>&amp;Open my Nextcloud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open my Nextcloud in the browser</source>
        <translation>Open my Nextcloud in the browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the &amp;report…</source>
        <translation>Save the &amp;report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as a web page</source>
        <translation>Save the report as a web page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to my &amp;helper…</source>
        <translation>Send to my &amp;helper…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a file for the person who helps you</source>
        <translation>Save a file for the person who helps you</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report saved: %1</source>
        <translation>Report saved: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File for your helper saved: %1</source>
        <translation>File for your helper saved: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save %1</source>
        <translation>Could not save %1</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Nothing was moved. %n item(s) need your attention: see below.</source>
        <translation>
            <numerusform>Nothing was moved. %n item needs your attention: see below.</numerusform>
            <numerusform>Nothing was moved. %n items need your attention: see below.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was moved.</source>
        <translation>Nothing was moved.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Your data has moved. %n item(s) need your attention: see below.</source>
        <translation>
            <numerusform>Your data has moved. %n item needs your attention: see below.</numerusform>
            <numerusform>Your data has moved. %n items need your attention: see below.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Where your data is now</source>
        <translation>Where your data is now</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n name(s) were changed slightly on the way, because Nextcloud refuses some characters or two names would clash; the saved report lists them.</source>
        <translation>
            <numerusform>%n name was changed slightly on the way, because Nextcloud refuses some characters or two names would clash; the saved report lists them.</numerusform>
            <numerusform>%n names were changed slightly on the way, because Nextcloud refuses some characters or two names would clash; the saved report lists them.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-13"/>
        <source>What needs your attention</source>
        <translation>What needs your attention</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Your data has moved. Everything that was moved was checked at your hoster.</source>
        <translation>Your data has moved. Everything that was moved was checked at your hoster.</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%1: %n item(s) not moved. %2</source>
        <translation>
            <numerusform>%1: %n item not moved. %2</numerusform>
            <numerusform>%1: %n items not moved. %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(In your archive: %1.)</source>
        <translation>(In your archive: %1.)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Click &quot;Open my Nextcloud&quot; and have a look: what was moved is there.</source>
        <translation>Click &quot;Open my Nextcloud&quot; and have a look: what was moved is there.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read &quot;What needs your attention&quot; below: each point says why and what to do. Once it is done, run the assistant again: what is already at your hoster is not copied twice.</source>
        <translation>Read &quot;What needs your attention&quot; below: each point says why and what to do. Once it is done, run the assistant again: what is already at your hoster is not copied twice.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What was not moved stays safe where it was: keep your archive.</source>
        <translation>What was not moved stays safe where it was: keep your archive.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click &quot;Save the report&quot; to keep a record of what moved. If something is not clear, click &quot;Send to my helper&quot; and send that file to the person who helps you.</source>
        <translation>Click &quot;Save the report&quot; to keep a record of what moved. If something is not clear, click &quot;Send to my helper&quot; and send that file to the person who helps you.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was deleted at Google or iCloud. Close your account there only once you have found everything at your hoster.</source>
        <translation>Nothing was deleted at Google or iCloud. Close your account there only once you have found everything at your hoster.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>… and %n more: the saved report lists them all.</source>
        <translation>
            <numerusform>… and %n more: the saved report lists them all.</numerusform>
            <numerusform>… and %n more: the saved report lists them all.</numerusform>
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
        <translation>What to do: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>degoogle report %1.html</source>
        <translation>degoogle report %1.html</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web page (*.html)</source>
        <translation>Web page (*.html)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Zip file (*.zip)</source>
        <translation>Zip file (*.zip)</translation>
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
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2</source>
        <translation>%1 h %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>less than a minute</source>
        <translation>less than a minute</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>about %1</source>
        <translation>about %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>up to %1</source>
        <translation>up to %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>between %1 and %n min</source>
        <translation>
            <numerusform>between %1 and %n min</numerusform>
            <numerusform>between %1 and %n min</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>between %1 and %2</source>
        <translation>between %1 and %2</translation>
    </message>
</context>
<context>
    <name>HelperDialog</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/done.py" line="-214"/>
        <source>Send to my helper</source>
        <translation>Send to my helper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>degoogle saves a file for the person who helps you: figures about your move, the versions of the programs and the log. It holds no password and no message contents. Send it to them by e-mail.</source>
        <translation>degoogle saves a file for the person who helps you: figures about your move, the versions of the programs and the log. It holds no password and no message contents. Send it to them by e-mail.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also include the &amp;names of files and folders (helps find a problem)</source>
        <translation>Also include the &amp;names of files and folders (helps find a problem)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include the names of files and folders</source>
        <translation>Include the names of files and folders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the file</source>
        <translation>Save the file</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="+17"/>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendars</source>
        <translation>Calendars</translation>
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
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files: in the folder “%1” of your Nextcloud.</source>
        <translation>Files: in the folder “%1” of your Nextcloud.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos: in the folder “%1” of your Nextcloud, one folder per year; the Photos app shows them by date.</source>
        <translation>Photos: in the folder “%1” of your Nextcloud, one folder per year; the Photos app shows them by date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes: in the folder “%1” of your Nextcloud, which the Notes app reads.</source>
        <translation>Notes: in the folder “%1” of your Nextcloud, which the Notes app reads.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail: in your mailbox at %1, folders: %2.</source>
        <translation>Mail: in your mailbox at %1, folders: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail: in the folder “%1” of your Nextcloud, one file per mail folder: %2.</source>
        <translation>Mail: in the folder “%1” of your Nextcloud, one file per mail folder: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calendars: %1, in your Nextcloud&apos;s Calendar.</source>
        <translation>Calendars: %1, in your Nextcloud&apos;s Calendar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, in your Nextcloud&apos;s Contacts.</source>
        <translation>%1: %2, in your Nextcloud&apos;s Contacts.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open “%1”</source>
        <translation>Open “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the calendars</source>
        <translation>Open the calendars</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the contacts</source>
        <translation>Open the contacts</translation>
    </message>
</context>
<context>
    <name>MigrationWizard</name>
    <message>
        <location filename="../../src/degoogle/gui/wizard.py" line="+54"/>
        <source>degoogle: move out of Google</source>
        <translation>degoogle: move out of Google</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (practice)</source>
        <translation> (practice)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous step</source>
        <translation>Previous step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close degoogle</source>
        <translation>Close degoogle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish and close degoogle</source>
        <translation>Finish and close degoogle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start moving</source>
        <translation>&amp;Start moving</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start moving</source>
        <translation>Start moving</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>degoogle is moving your data</source>
        <translation>degoogle is moving your data</translation>
    </message>
</context>
<context>
    <name>Moments</name>
    <message>
        <location filename="../../src/degoogle/gui/formats.py" line="-62"/>
        <source>%1 at %2</source>
        <extracomment>the no-break space that holds a number to its unit</extracomment>
        <translation>%1 at %2</translation>
    </message>
</context>
<context>
    <name>MovingPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/moving.py" line="+148"/>
        <source>Moving your data</source>
        <extracomment>the desktop said once that it cannot keep the computer awake (it will not say otherwise later) waiting for the account the data comes from (not the hoster) to answer again the hoster allows more calendars again at this time (``time.time()``), while waiting for it</extracomment>
        <translation>Moving your data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overall progress</source>
        <translation>Overall progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep this computer awake until the move is over</source>
        <translation>&amp;Keep this computer awake until the move is over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this computer awake until the move is over</source>
        <translation>Keep this computer awake until the move is over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try the move again</source>
        <translation>Try the move again</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The computer may go to sleep: the move then stops until it wakes up. Nothing is lost.</source>
        <translation>The computer may go to sleep: the move then stops until it wakes up. Nothing is lost.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer stays awake until the move is over (the screen may still go dark).</source>
        <translation>This computer stays awake until the move is over (the screen may still go dark).</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>degoogle cannot keep this computer awake. Set it not to go to sleep until the move is over: in its energy (or power) settings, choose &quot;never&quot; for sleep. Otherwise the move stops while it sleeps, and goes on when it wakes up.</source>
        <translation>degoogle cannot keep this computer awake. Set it not to go to sleep until the move is over: in its energy (or power) settings, choose &quot;never&quot; for sleep. Otherwise the move stops while it sleeps, and goes on when it wakes up.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Resume</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the move</source>
        <translation>Resume the move</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause the move</source>
        <translation>Pause the move</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Getting ready…</source>
        <translation>Getting ready…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moving your data…</source>
        <translation>Moving your data…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused. Nothing is lost: click Resume to go on.</source>
        <translation>Paused. Nothing is lost: click Resume to go on.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account your data comes from does not answer right now; trying again by itself…</source>
        <translation>The account your data comes from does not answer right now; trying again by itself…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your hoster does not answer right now; trying again by itself…</source>
        <translation>Your hoster does not answer right now; trying again by itself…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopping after the items in flight…</source>
        <translation>Stopping after the items in flight…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything was moved. Checking at your hoster…</source>
        <translation>Everything was moved. Checking at your hoster…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped. Start degoogle again to go on where it stopped.</source>
        <translation>Stopped. Start degoogle again to go on where it stopped.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The move stopped.</source>
        <translation>The move stopped.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your hoster allows only a few new calendars an hour. The move waits and goes on by itself at %1.</source>
        <translation>Your hoster allows only a few new calendars an hour. The move waits and goes on by itself at %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The move is paused.</source>
        <translation>The move is paused.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You can use the computer meanwhile. If it is switched off or the connection drops, nothing is lost: the move resumes where it stopped.</source>
        <translation>You can use the computer meanwhile. If it is switched off or the connection drops, nothing is lost: the move resumes where it stopped.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 items · %3 of %4</source>
        <translation>%1 of %2 items · %3 of %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 items</source>
        <translation>%1 of %2 items</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Progress for %1</source>
        <translation>Progress for %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now: %1</source>
        <translation>Now: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Speed: %1/s, %2 items a minute · time left: %3</source>
        <translation>Speed: %1/s, %2 items a minute · time left: %3</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n item(s) need your attention so far; the report at the end says why.</source>
        <translation>
            <numerusform>%n item needs your attention so far; the report at the end says why.</numerusform>
            <numerusform>%n items need your attention so far; the report at the end says why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message numerus="yes">
        <location filename="../../src/degoogle/gui/pages/resume.py" line="+51"/>
        <source>a Google Takeout archive (%n part(s))</source>
        <translation>
            <numerusform>a Google Takeout archive (%n part)</numerusform>
            <numerusform>a Google Takeout archive (%n parts)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the folder %1</source>
        <translation>the folder %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A move is not finished</source>
        <translation>A move is not finished</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You started moving %1 to %2. %3 of %4 items are already there (last activity: %5). Nothing was lost: it can go on where it stopped.</source>
        <translation>You started moving %1 to %2. %3 of %4 items are already there (last activity: %5). Nothing was lost: it can go on where it stopped.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Resume this move (recommended)</source>
        <translation>&amp;Resume this move (recommended)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume this move</source>
        <translation>Resume this move</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a &amp;new move</source>
        <translation>Start a &amp;new move</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new move</source>
        <translation>Start a new move</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To go on, sign in to your hoster again:</source>
        <translation>To go on, sign in to your hoster again:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of your Nextcloud</source>
        <translation>Address of your Nextcloud</translation>
    </message>
</context>
<context>
    <name>SignInBox</name>
    <message>
        <location filename="../../src/degoogle/gui/signin.py" line="+105"/>
        <source>Sign in through my &amp;browser</source>
        <translation>Sign in through my &amp;browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in through my browser</source>
        <translation>Sign in through my browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop waiting</source>
        <translation>Stop waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop waiting for the sign-in</source>
        <translation>Stop waiting for the sign-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in address to open in a browser</source>
        <translation>Sign-in address to open in a browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I would rather type a login and an app password</source>
        <translation>I would rather type a login and an app password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;App password:</source>
        <translation>&amp;App password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App password</source>
        <translation>App password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check and use it</source>
        <translation>&amp;Check and use it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the login and app password and use them</source>
        <translation>Check the login and app password and use them</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An app password is a second password made only for degoogle: your usual password stays yours, and you can withdraw this one later without changing anything else. To create it in your Nextcloud: your picture at the top right, then Settings, Security, &quot;Create new app password&quot;; copy it here. Your usual password also works when your account has no second factor.</source>
        <translation>An app password is a second password made only for degoogle: your usual password stays yours, and you can withdraw this one later without changing anything else. To create it in your Nextcloud: your picture at the top right, then Settings, Security, &quot;Create new app password&quot;; copy it here. Your usual password also works when your account has no second factor.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Asking your hoster for a sign-in page…</source>
        <translation>Asking your hoster for a sign-in page…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your browser shows your hoster&apos;s sign-in page. Sign in there and click &quot;Grant access&quot; to let degoogle in; this window goes on by itself. If no browser opened, open this address on any device:</source>
        <translation>Your browser shows your hoster&apos;s sign-in page. Sign in there and click &quot;Grant access&quot; to let degoogle in; this window goes on by itself. If no browser opened, open this address on any device:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the login and app password…</source>
        <translation>Checking the login and app password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in as %1. The app password is kept safely in this computer&apos;s keyring.</source>
        <translation>Signed in as %1. The app password is kept safely in this computer&apos;s keyring.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in as %1. This computer has no keyring to keep the app password: if the move stops, you will be asked to sign in again.</source>
        <translation>Signed in as %1. This computer has no keyring to keep the app password: if the move stops, you will be asked to sign in again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in as %1 (practice: nothing is kept on this computer).</source>
        <translation>Signed in as %1 (practice: nothing is kept on this computer).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in stopped. You can try again.</source>
        <translation>Sign-in stopped. You can try again.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type both the login and the app password.</source>
        <translation>Type both the login and the app password.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your hoster refused this login or app password.</source>
        <translation>Your hoster refused this login or app password.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the login, then copy the app password again from your Nextcloud (Settings, Security).</source>
        <translation>Check the login, then copy the app password again from your Nextcloud (Settings, Security).</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/source.py" line="+159"/>
        <source>Where is your data now?</source>
        <translation>Where is your data now?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose where to copy from. Nothing will be changed or deleted there.</source>
        <translation>Choose where to copy from. Nothing will be changed or deleted there.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A Google Takeout archive (recommended for Google)</source>
        <translation>A Google Takeout archive (recommended for Google)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to my Google account</source>
        <translation>Sign in to my Google account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iCloud (Apple)</source>
        <translation>iCloud (Apple)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A folder on this computer (for example iCloud Drive or a USB disk)</source>
        <translation>A folder on this computer (for example iCloud Drive or a USB disk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another mail account (IMAP)</source>
        <translation>Another mail account (IMAP)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1. Click &quot;Open Google Takeout&quot; and sign in to your Google account.
2. Click &quot;Deselect all&quot;, then tick Drive, Mail, Calendar and Contacts.
3. Click &quot;Next step&quot;; keep &quot;Send download link via email&quot;, &quot;.zip&quot; and &quot;2 GB&quot;, then click &quot;Create export&quot;.
4. Google sends you an e-mail when the archive is ready: a few hours, sometimes a day or two. Download every part it lists.
5. Come back here and choose the downloaded files (all the parts, in one go).</source>
        <translation>1. Click &quot;Open Google Takeout&quot; and sign in to your Google account.
2. Click &quot;Deselect all&quot;, then tick Drive, Mail, Calendar and Contacts.
3. Click &quot;Next step&quot;; keep &quot;Send download link via email&quot;, &quot;.zip&quot; and &quot;2 GB&quot;, then click &quot;Create export&quot;.
4. Google sends you an e-mail when the archive is ready: a few hours, sometimes a day or two. Download every part it lists.
5. Come back here and choose the downloaded files (all the parts, in one go).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Open Google Takeout</source>
        <translation>&amp;Open Google Takeout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Google Takeout in the browser</source>
        <translation>Open Google Takeout in the browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose the downloaded files…</source>
        <translation>&amp;Choose the downloaded files…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the downloaded archive files</source>
        <translation>Choose the downloaded archive files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive &amp;parts chosen:</source>
        <translation>Archive &amp;parts chosen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive parts chosen</source>
        <translation>Archive parts chosen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove the selected part</source>
        <translation>&amp;Remove the selected part</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected archive part</source>
        <translation>Remove the selected archive part</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>iCloud asks for an app-specific password, not your usual one: a second password that Apple makes for one program only, and that you can withdraw later. Create it on Apple&apos;s account page (Sign-In and Security, App-Specific Passwords) and paste it here.</source>
        <translation>iCloud asks for an app-specific password, not your usual one: a second password that Apple makes for one program only, and that you can withdraw later. Create it on Apple&apos;s account page (Sign-In and Security, App-Specific Passwords) and paste it here.</translation>
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
        <translation>App-specific pass&amp;word:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App-specific password</source>
        <translation>App-specific password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to create one</source>
        <translation>How to create one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Apple&apos;s help on app-specific passwords</source>
        <translation>Open Apple&apos;s help on app-specific passwords</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Apple&apos;s account page</source>
        <translation>Open Apple&apos;s account page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Folder:</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder to copy</source>
        <translation>Folder to copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoose…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <source>Choose the folder to copy</source>
        <translation>Choose the folder to copy</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Mail &amp;server:</source>
        <translation>Mail &amp;server:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log&amp;in:</source>
        <translation>Log&amp;in:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server</source>
        <translation>Mail server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login</source>
        <translation>Mail login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail password</source>
        <translation>Mail password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Needs a Google sign-in key set up by your hoster or your helper; until then, use a Takeout archive: it gives the same data.</source>
        <translation>Needs a Google sign-in key set up by your hoster or your helper; until then, use a Takeout archive: it gives the same data.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not in this version of degoogle yet.</source>
        <translation>Not in this version of degoogle yet.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Choose the parts of your Google archive</source>
        <translation>Choose the parts of your Google archive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Google archives (*.zip *.tgz *.tar.gz);;All files (*)</source>
        <translation>Google archives (*.zip *.tgz *.tar.gz);;All files (*)</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/target.py" line="+161"/>
        <source>Where should your data go?</source>
        <translation>Where should your data go?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose your hoster in the list of the CHATONS collective, or type the address of any other Nextcloud. Your hoster gave you this address and your login when you opened your account.</source>
        <translation>Choose your hoster in the list of the CHATONS collective, or type the address of any other Nextcloud. Your hoster gave you this address and your login when you opened your account.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nextcloud is the program your hoster uses to keep your files, calendars and contacts on the Internet, in a space of your own: that is where your data goes.</source>
        <translation>Nextcloud is the program your hoster uses to keep your files, calendars and contacts on the Internet, in a space of your own: that is where your data goes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name, town or service, e.g. Lyon, agenda</source>
        <translation>name, town or service, e.g. Lyon, agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the list of hosters</source>
        <translation>Search the list of hosters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Update the list</source>
        <translation>&amp;Update the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update the list of hosters from chatons.org</source>
        <translation>Update the list of hosters from chatons.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hosters of the CHATONS collective</source>
        <translation>Hosters of the CHATONS collective</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>any country</source>
        <translation>any country</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>&amp;Only a Nextcloud taking new accounts, in:</source>
        <translation>&amp;Only a Nextcloud taking new accounts, in:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only hosters whose Nextcloud takes new accounts</source>
        <translation>Show only hosters whose Nextcloud takes new accounts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country of the hosters shown</source>
        <translation>Country of the hosters shown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open its &amp;sign-up page</source>
        <translation>Open its &amp;sign-up page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the hoster&apos;s sign-up page in your browser</source>
        <translation>Open the hoster&apos;s sign-up page in your browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The &amp;address your hoster gave you:</source>
        <translation>The &amp;address your hoster gave you:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the address of your Nextcloud, e.g. cloud.example.org</source>
        <translation>the address of your Nextcloud, e.g. cloud.example.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address of your Nextcloud, as your hoster gave it</source>
        <translation>The address of your Nextcloud, as your hoster gave it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your hoster gives this address when you open your account: look in its welcome e-mail or on its website, or ask it. No account yet? Tick the box above to see the hosters taking new accounts, choose one and open its sign-up page. Then sign in: your browser opens your hoster&apos;s page, you sign in there as usual and allow degoogle. Your password is never typed into degoogle.</source>
        <translation>Your hoster gives this address when you open your account: look in its welcome e-mail or on its website, or ask it. No account yet? Tick the box above to see the hosters taking new accounts, choose one and open its sign-up page. Then sign in: your browser opens your hoster&apos;s page, you sign in there as usual and allow degoogle. Your password is never typed into degoogle.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your mail</source>
        <translation>Your mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster gives me a &amp;mailbox</source>
        <translation>My hoster gives me a &amp;mailbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster gives me a mailbox</source>
        <translation>My hoster gives me a mailbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My hoster has no mailbox: keep my mail as an &amp;archive in my Nextcloud</source>
        <translation>My hoster has no mailbox: keep my mail as an &amp;archive in my Nextcloud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep my mail as an archive in my Nextcloud</source>
        <translation>Keep my mail as an archive in my Nextcloud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One file per mail folder (mbox), in a “Mail” folder of your cloud, that Thunderbird can open. Every message is kept exactly as it is; only the marks “read” and “starred” are not kept.</source>
        <translation>One file per mail folder (mbox), in a “Mail” folder of your cloud, that Thunderbird can open. Every message is kept exactly as it is; only the marks “read” and “starred” are not kept.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server (IMAP):</source>
        <translation>Mail server (IMAP):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login:</source>
        <translation>Mail login:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mail password:</source>
        <translation>Mail password:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server</source>
        <translation>Mail server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail server port</source>
        <translation>Mail server port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail login</source>
        <translation>Mail login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail password</source>
        <translation>Mail password</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Practice hoster (on this computer)</source>
        <translation>Practice hoster (on this computer)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>takes new accounts</source>
        <translation>takes new accounts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open to all</source>
        <translation>open to all</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No hoster in the list is known to take new accounts there. Untick the box to see every hoster, or update the list.</source>
        <translation>No hoster in the list is known to take new accounts there. Untick the box to see every hoster, or update the list.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Website: %1</source>
        <translation>Website: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only for its members or its area.</source>
        <translation>Only for its members or its area.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anybody may open an account there, free of charge.</source>
        <translation>Anybody may open an account there, free of charge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts for its customers: it says on its site what they cost.</source>
        <translation>Accounts for its customers: it says on its site what they cost.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts for its members only.</source>
        <translation>Accounts for its members only.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It takes no new accounts for the moment.</source>
        <translation>It takes no new accounts for the moment.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To open an account: %1</source>
        <translation>To open an account: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nextcloud: %1</source>
        <translation>Nextcloud: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its Nextcloud address is not in the list: type below the address your hoster gave you.</source>
        <translation>Its Nextcloud address is not in the list: type below the address your hoster gave you.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail server: %1</source>
        <translation>Mail server: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>The list is up to date: %n hosters.</source>
        <translation>
            <numerusform>The list is up to date: %n hoster.</numerusform>
            <numerusform>The list is up to date: %n hosters.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The list could not be updated (no connection to chatons.org?); the list you see is the one already known.</source>
        <translation>The list could not be updated (no connection to chatons.org?); the list you see is the one already known.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>the mail server</source>
        <translation>the mail server</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the mail login</source>
        <translation>the mail login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the mail password</source>
        <translation>the mail password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To go on, type %1 (your hoster gave it with your mailbox), or choose the archive below.</source>
        <translation>To go on, type %1 (your hoster gave it with your mailbox), or choose the archive below.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/welcome.py" line="+75"/>
        <source>Welcome</source>
        <extracomment>the collective&apos;s forum, where volunteers of the member hosters answer questions</extracomment>
        <translation>Welcome</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Practice mode: a sample Google archive and a server on this computer stand in for yours. Try every step; nothing leaves this computer.</source>
        <translation>Practice mode: a sample Google archive and a server on this computer stand in for yours. Try every step; nothing leaves this computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This assistant copies your mail, files, calendars and contacts from Google or iCloud to your hoster, a member of the CHATONS collective (small independent hosters who respect your privacy). It first looks at what you have and tells you how long it will take, then moves everything, overnight if need be, and picks up where it stopped if the computer is switched off. At the end, a report tells you what moved and what needs your attention.</source>
        <translation>This assistant copies your mail, files, calendars and contacts from Google or iCloud to your hoster, a member of the CHATONS collective (small independent hosters who respect your privacy). It first looks at what you have and tells you how long it will take, then moves everything, overnight if need be, and picks up where it stopped if the computer is switched off. At the end, a report tells you what moved and what needs your attention.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before you start, you need</source>
        <translation>Before you start, you need</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• An account at a hoster that gives you a Nextcloud, and the address it gave you. None yet? A later page lists the hosters of the CHATONS collective that take new accounts, with their sign-up page.</source>
        <translation>• An account at a hoster that gives you a Nextcloud, and the address it gave you. None yet? A later page lists the hosters of the CHATONS collective that take new accounts, with their sign-up page.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>• Your Google data as an archive (Google calls it a Takeout): ask for it on Google&apos;s Takeout page; Google sends you an e-mail with a download link when it is ready, which can take from a few hours to a few days. For iCloud you need your Apple ID and an app-specific password instead.</source>
        <translation>• Your Google data as an archive (Google calls it a Takeout): ask for it on Google&apos;s Takeout page; Google sends you an e-mail with a download link when it is ready, which can take from a few hours to a few days. For iCloud you need your Apple ID and an app-specific password instead.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open Google &amp;Takeout</source>
        <translation>Open Google &amp;Takeout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Google&apos;s Takeout page in your browser</source>
        <translation>Open Google&apos;s Takeout page in your browser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stuck? Your hoster can help you, and so can the volunteers of the CHATONS forum. At the end, degoogle can save a file for the person helping you: it says what happened, without any password.</source>
        <translation>Stuck? Your hoster can help you, and so can the volunteers of the CHATONS forum. At the end, degoogle can save a file for the person helping you: it says what happened, without any password.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the CHATONS &amp;forum</source>
        <translation>Open the CHATONS &amp;forum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the forum of the CHATONS collective in your browser</source>
        <translation>Open the forum of the CHATONS collective in your browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data stays yours</source>
        <translation>Your data stays yours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is deleted or changed at Google or iCloud: you can look there afterwards and close your account only when you are sure. Your data goes straight from this computer to your hoster; it passes through no other server, not even ours.</source>
        <translation>Nothing is deleted or changed at Google or iCloud: you can look there afterwards and close your account only when you are sure. Your data goes straight from this computer to your hoster; it passes through no other server, not even ours.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the assistant</source>
        <translation>Language of the assistant</translation>
    </message>
</context>
<context>
    <name>WhatPage</name>
    <message>
        <location filename="../../src/degoogle/gui/pages/what.py" line="+42"/>
        <source>What would you like to move?</source>
        <translation>What would you like to move?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick what you want to find at your hoster. You can run the assistant again later for the rest.</source>
        <translation>Tick what you want to find at your hoster. You can run the assistant again later for the rest.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your messages, sent ones included, with their folders and labels.</source>
        <translation>Your messages, sent ones included, with their folders and labels.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your documents, photos and folders from Google Drive or iCloud Drive.</source>
        <translation>Your documents, photos and folders from Google Drive or iCloud Drive.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your appointments, birthdays and repeating events.</source>
        <translation>Your appointments, birthdays and repeating events.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The names, phone numbers and addresses of your address book.</source>
        <translation>The names, phone numbers and addresses of your address book.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your Google Photos, each once, with the date it was taken, in Photos/&lt;year&gt;. Albums become albums of Nextcloud Photos; if your Nextcloud has no Photos app, the photos move without their albums (no second copy) and the report says so.</source>
        <translation>Your Google Photos, each once, with the date it was taken, in Photos/&lt;year&gt;. Albums become albums of Nextcloud Photos; if your Nextcloud has no Photos app, the photos move without their albums (no second copy) and the report says so.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your Google Keep notes, lists and attachments, as notes of Nextcloud Notes (the Notes folder, a label is a category). Notes in the Keep trash stay behind.</source>
        <translation>Your Google Keep notes, lists and attachments, as notes of Nextcloud Notes (the Notes folder, a label is a category). Notes in the Keep trash stay behind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not in this version yet: it stays safe where it is.</source>
        <translation>Not in this version yet: it stays safe where it is.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This version of degoogle cannot move everything yet. What it cannot move is listed in the final report and stays in your Google or iCloud account, and in your archive.</source>
        <translation>This version of degoogle cannot move everything yet. What it cannot move is listed in the final report and stays in your Google or iCloud account, and in your archive.</translation>
    </message>
</context>
</TS>
