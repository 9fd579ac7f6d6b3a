<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About SoulSpot Bridge</source>
            <translation>Über SoulSpot Bridge</translation>
        </message>
        <message>
            <source>&lt;h3&gt;SoulSpot Bridge %1&lt;/h3&gt;&lt;p&gt;A download manager for music: web links and Soulseek (through slskd), with a priority queue, retries, and a local REST API for scripts.&lt;/p&gt;&lt;p&gt;License: GPL 3.0 or later.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;SoulSpot Bridge %1&lt;/h3&gt;&lt;p&gt;Ein Download-Manager für Musik: Weblinks und Soulseek (über slskd), mit Prioritäts-Warteschlange, Wiederholungen und einer lokalen REST-API für Skripte.&lt;/p&gt;&lt;p&gt;Lizenz: GPL 3.0 oder neuer.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>AddDownloadsDialog</name>
        <message>
            <source>Add Downloads</source>
            <translation>Downloads hinzufügen</translation>
        </message>
        <message>
            <source>One link a line (http, https or slsk), or "Artist - Title" to search on Soulseek:</source>
            <translation>Ein Link pro Zeile (http, https oder slsk) oder „Künstler - Titel“, um auf Soulseek zu suchen:</translation>
        </message>
        <message>
            <source>https://example.org/music/song.mp3</source>
            <translation>https://example.org/musik/lied.mp3</translation>
        </message>
        <message>
            <source>Priority:</source>
            <translation>Priorität:</translation>
        </message>
        <message>
            <source>Download &amp;folder:</source>
            <translation>Download-&amp;Ordner:</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Durchsuchen …</translation>
        </message>
    </context>
    <context>
        <name>Confirmation</name>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
    </context>
    <context>
        <name>DownloadError</name>
        <message>
            <source>HTTP %1 %2</source>
            <translation>HTTP-Fehler %1 %2</translation>
        </message>
        <message>
            <source>connection refused</source>
            <translation>Verbindung abgelehnt</translation>
        </message>
        <message>
            <source>connection closed or reset by the server</source>
            <translation>Verbindung vom Server geschlossen oder zurückgesetzt</translation>
        </message>
        <message>
            <source>host not found: %1</source>
            <translation>Host nicht gefunden: %1</translation>
        </message>
        <message>
            <source>too many redirects (more than %1)</source>
            <translation>zu viele Weiterleitungen (mehr als %1)</translation>
        </message>
        <message>
            <source>refused a redirect from https to http</source>
            <translation>Weiterleitung von https auf http abgelehnt</translation>
        </message>
        <message>
            <source>network error: %1</source>
            <translation>Netzwerkfehler: %1</translation>
        </message>
        <message>
            <source>truncated: got %1 of %2 bytes</source>
            <translation>abgebrochen: %1 von %2 Bytes erhalten</translation>
        </message>
        <message>
            <source>stalled: no data for %1 s</source>
            <translation>hängt: seit %1 s keine Daten</translation>
        </message>
        <message>
            <source>the server sent a web page, not audio</source>
            <translation>der Server hat eine Webseite geschickt, kein Audio</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>%1 kann nicht geschrieben werden: %2</translation>
        </message>
        <message>
            <source>cannot create a file in %1: %2</source>
            <translation>in %1 kann keine Datei angelegt werden: %2</translation>
        </message>
        <message>
            <source>unsupported URL: %1</source>
            <translation>nicht unterstützte URL: %1</translation>
        </message>
        <message>
            <source>no source can download "%1"</source>
            <translation>keine Quelle kann „%1“ laden</translation>
        </message>
        <message>
            <source>the track has no URL and Soulseek is not set up: enter slskd's address and API key in Settings → Soulseek</source>
            <translation>der Titel hat keine URL und Soulseek ist nicht eingerichtet: Adresse und API-Schlüssel von slskd unter Einstellungen → Soulseek eintragen</translation>
        </message>
        <message>
            <source>slskd rejected the API key: check it in Settings → Soulseek</source>
            <translation>slskd hat den API-Schlüssel abgelehnt: unter Einstellungen → Soulseek prüfen</translation>
        </message>
        <message>
            <source>slskd finished the download, but the file did not appear in %1: check slskd's downloads folder in Settings → Soulseek</source>
            <translation>slskd hat den Download beendet, aber die Datei ist nicht in %1 erschienen: den Download-Ordner von slskd unter Einstellungen → Soulseek prüfen</translation>
        </message>
        <message>
            <source>slskd did not say where its downloads folder is: enter it in Settings → Soulseek</source>
            <translation>slskd hat nicht gesagt, wo sein Download-Ordner ist: ihn unter Einstellungen → Soulseek eintragen</translation>
        </message>
        <message>
            <source>could not ask slskd where its downloads folder is (%1): enter it in Settings → Soulseek</source>
            <translation>slskd konnte nicht nach seinem Download-Ordner gefragt werden (%1): ihn unter Einstellungen → Soulseek eintragen</translation>
        </message>
        <message>
            <source>the folder chosen for this download, %1, cannot be written: %2</source>
            <translation>in den für diesen Download gewählten Ordner %1 kann nicht geschrieben werden: %2</translation>
        </message>
    </context>
    <context>
        <name>GettingStartedDialog</name>
        <message>
            <source>Getting Started</source>
            <translation>Erste Schritte</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Adding downloads&lt;/h3&gt;&lt;p&gt;Press Ctrl+N and enter one link a line (http, https or slsk), or &lt;i&gt;Artist - Title&lt;/i&gt; to search on Soulseek. You can also paste links with Ctrl+V, drop links or playlists (.m3u, .m3u8, .txt, .csv) onto the window, or import a list with Ctrl+O.&lt;/p&gt;&lt;h3&gt;Priorities&lt;/h3&gt;&lt;p&gt;High downloads start before Normal ones, and Normal ones before Low ones; within a priority, first come, first served. Change it with Ctrl+0, Ctrl+1 and Ctrl+2. The REST API calls them P0, P1 and P2.&lt;/p&gt;&lt;h3&gt;Where files go&lt;/h3&gt;&lt;p&gt;Into the download folder, now &lt;b&gt;%1&lt;/b&gt; (Settings → Downloads). A file is written as NAME.part until it is complete; a paused or interrupted download continues from there. Open Containing Folder (Ctrl+E) shows a file.&lt;/p&gt;&lt;h3&gt;The REST API&lt;/h3&gt;&lt;p&gt;Scripts can add and control downloads over HTTP. Turn it on in Settings → REST API; it then answers at http://127.0.0.1:8000 (port and address are settings), and describes itself at /api/openapi.json. Any address other than 127.0.0.1 needs a token.&lt;/p&gt;&lt;h3&gt;Soulseek&lt;/h3&gt;&lt;p&gt;Soulseek downloads run in slskd, a separate program. Enter its address and API key in Settings → Soulseek; then &lt;i&gt;Artist - Title&lt;/i&gt; lines and slsk:// links are searched and downloaded there and moved into the download folder.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Downloads hinzufügen&lt;/h3&gt;&lt;p&gt;Strg+N drücken und einen Link pro Zeile eingeben (http, https oder slsk) oder &lt;i&gt;Künstler - Titel&lt;/i&gt;, um auf Soulseek zu suchen. Links lassen sich auch mit Strg+V einfügen, als Links oder Playlists (.m3u, .m3u8, .txt, .csv) auf das Fenster ziehen oder mit Strg+O als Liste importieren.&lt;/p&gt;&lt;h3&gt;Prioritäten&lt;/h3&gt;&lt;p&gt;Downloads mit hoher Priorität starten vor normalen, normale vor niedrigen; innerhalb einer Priorität gilt: wer zuerst kommt, wird zuerst geladen. Geändert wird sie mit Strg+0, Strg+1 und Strg+2. Die REST-API nennt sie P0, P1 und P2.&lt;/p&gt;&lt;h3&gt;Wohin die Dateien kommen&lt;/h3&gt;&lt;p&gt;In den Download-Ordner, derzeit &lt;b&gt;%1&lt;/b&gt; (Einstellungen → Downloads). Eine Datei wird als NAME.part geschrieben, bis sie vollständig ist; ein angehaltener oder unterbrochener Download setzt dort fort. „Enthaltenden Ordner öffnen“ (Strg+E) zeigt eine Datei.&lt;/p&gt;&lt;h3&gt;Die REST-API&lt;/h3&gt;&lt;p&gt;Skripte können Downloads über HTTP hinzufügen und steuern. Sie wird unter Einstellungen → REST-API eingeschaltet und antwortet dann unter http://127.0.0.1:8000 (Port und Adresse sind einstellbar); sie beschreibt sich unter /api/openapi.json. Jede andere Adresse als 127.0.0.1 braucht ein Token.&lt;/p&gt;&lt;h3&gt;Soulseek&lt;/h3&gt;&lt;p&gt;Soulseek-Downloads laufen in slskd, einem eigenen Programm. Dessen Adresse und API-Schlüssel unter Einstellungen → Soulseek eintragen; dann werden Zeilen wie &lt;i&gt;Künstler - Titel&lt;/i&gt; und slsk://-Links dort gesucht, geladen und in den Download-Ordner verschoben.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>ImportConfirmDialog</name>
        <message>
            <source>Add Downloads</source>
            <translation>Downloads hinzufügen</translation>
        </message>
        <message>
            <source>Priority:</source>
            <translation>Priorität:</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Downloads</source>
            <translation>Downloads</translation>
        </message>
        <message>
            <source>Downloads at &amp;once:</source>
            <translation>&amp;Gleichzeitige Downloads:</translation>
        </message>
        <message>
            <source>How many downloads run at the same time (1-10). Applied at once.</source>
            <translation>Wie viele Downloads gleichzeitig laufen (1-10). Wird sofort übernommen.</translation>
        </message>
        <message>
            <source>&amp;Retries of a failed download:</source>
            <translation>&amp;Wiederholungen bei Fehlern:</translation>
        </message>
        <message>
            <source>Network errors are tried again after 1 s, 2 s, 4 s … up to this many times (1-10). For downloads added from now on.</source>
            <translation>Netzwerkfehler werden nach 1 s, 2 s, 4 s … bis zu so oft erneut versucht (1-10). Gilt für ab jetzt hinzugefügte Downloads.</translation>
        </message>
        <message>
            <source>Download higher &amp;priorities first (P0 before P1 before P2)</source>
            <translation>Höhere &amp;Prioritäten zuerst laden (P0 vor P1 vor P2)</translation>
        </message>
        <message>
            <source>Off: first come, first served, whatever the priority.</source>
            <translation>Aus: Wer zuerst kommt, wird zuerst geladen, unabhängig von der Priorität.</translation>
        </message>
        <message>
            <source>Download &amp;folder:</source>
            <translation>Download-&amp;Ordner:</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Durchsuchen …</translation>
        </message>
        <message>
            <source>REST API</source>
            <translation>REST-API</translation>
        </message>
        <message>
            <source>&amp;Serve the REST API for scripts while the window is open</source>
            <translation>REST-API für &amp;Skripte anbieten, solange das Fenster offen ist</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>&amp;Adresse:</translation>
        </message>
        <message>
            <source>127.0.0.1 serves only this computer. Any other address needs a token.</source>
            <translation>127.0.0.1 bedient nur diesen Computer. Jede andere Adresse braucht ein Token.</translation>
        </message>
        <message>
            <source>&amp;Port:</source>
            <translation>&amp;Port:</translation>
        </message>
        <message>
            <source>0 picks any free port.</source>
            <translation>0 wählt einen beliebigen freien Port.</translation>
        </message>
        <message>
            <source>&amp;Token:</source>
            <translation>&amp;Token:</translation>
        </message>
        <message>
            <source>No token: only this computer may connect</source>
            <translation>Kein Token: Nur dieser Computer darf sich verbinden</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Erzeugen</translation>
        </message>
        <message>
            <source>Changes to the REST API take effect at the next start.</source>
            <translation>Änderungen an der REST-API wirken ab dem nächsten Start.</translation>
        </message>
        <message>
            <source>Desktop</source>
            <translation>Desktop</translation>
        </message>
        <message>
            <source>Show a &amp;notification when a download completes or fails</source>
            <translation>&amp;Benachrichtigen, wenn ein Download fertig ist oder fehlschlägt</translation>
        </message>
        <message>
            <source>&amp;Closing the window keeps downloading in the system tray</source>
            <translation>Beim S&amp;chließen des Fensters im Systembereich weiterladen</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>S&amp;prache:</translation>
        </message>
        <message>
            <source>A new language takes effect at the next start.</source>
            <translation>Eine neue Sprache wirkt ab dem nächsten Start.</translation>
        </message>
        <message>
            <source>Greyed-out values are set by the environment or the command line; hover over them to see where.</source>
            <translation>Ausgegraute Werte sind durch die Umgebung oder die Befehlszeile festgelegt; der Tooltip zeigt, wo.</translation>
        </message>
        <message>
            <source>Speed &amp;limit:</source>
            <translation>Geschwindigkeits&amp;limit:</translation>
        </message>
        <message>
            <source>The most all HTTP downloads together may take, shared fairly among them (0 = unlimited). Applied at once, also to running downloads.</source>
            <translation>Höchstens so viel dürfen alle HTTP-Downloads zusammen nutzen, gerecht unter ihnen geteilt (0 = unbegrenzt). Wird sofort übernommen, auch für laufende Downloads.</translation>
        </message>
        <message>
            <source>Unlimited</source>
            <translation>Unbegrenzt</translation>
        </message>
        <message>
            <source>The limit applies to HTTP downloads. Soulseek downloads run in slskd: set their speed limit in slskd's own settings.</source>
            <translation>Das Limit gilt für HTTP-Downloads. Soulseek-Downloads laufen in slskd: Ihr Geschwindigkeitslimit wird in den Einstellungen von slskd festgelegt.</translation>
        </message>
        <message>
            <source>&amp;Ask before quitting while downloads are running</source>
            <translation>Vor dem Beenden &amp;fragen, wenn Downloads laufen</translation>
        </message>
        <message>
            <source>&amp;Connections per download:</source>
            <translation>&amp;Verbindungen pro Download:</translation>
        </message>
        <message>
            <source>A large file from a server that allows byte ranges is fetched over up to this many connections at once (1-16; 1 = one stream). For downloads started from now on.</source>
            <translation>Eine große Datei von einem Server, der Byte-Bereiche erlaubt, wird über bis zu so viele Verbindungen gleichzeitig geladen (1-16; 1 = ein Datenstrom). Gilt für ab jetzt gestartete Downloads.</translation>
        </message>
        <message>
            <source>&amp;Split files from:</source>
            <translation>&amp;Dateien aufteilen ab:</translation>
        </message>
        <message>
            <source>Smaller files are fetched over one connection.</source>
            <translation>Kleinere Dateien werden über eine Verbindung geladen.</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard Shortcuts</source>
            <translation>Tastenkürzel</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Tastenkürzel</translation>
        </message>
    </context>
    <context>
        <name>SlskdSettingsTab</name>
        <message>
            <source>slskd &amp;address:</source>
            <translation>slskd-&amp;Adresse:</translation>
        </message>
        <message>
            <source>slskd's address, with its URL base if it has one. Empty: Soulseek is off.</source>
            <translation>Die Adresse von slskd, mit URL-Basis, falls vorhanden. Leer: Soulseek ist aus.</translation>
        </message>
        <message>
            <source>API &amp;key:</source>
            <translation>API-&amp;Schlüssel:</translation>
        </message>
        <message>
            <source>An API key from slskd's configuration (web.authentication.api_keys).</source>
            <translation>Ein API-Schlüssel aus der Konfiguration von slskd (web.authentication.api_keys).</translation>
        </message>
        <message>
            <source>slskd's &amp;downloads folder:</source>
            <translation>&amp;Download-Ordner von slskd:</translation>
        </message>
        <message>
            <source>Where slskd puts finished files, as seen from this computer.</source>
            <translation>Wo slskd fertige Dateien ablegt, von diesem Computer aus gesehen.</translation>
        </message>
        <message>
            <source>Asked from slskd</source>
            <translation>Wird bei slskd erfragt</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Durchsuchen …</translation>
        </message>
        <message>
            <source>Preferred &amp;formats:</source>
            <translation>Bevorzugte &amp;Formate:</translation>
        </message>
        <message>
            <source>File formats in order of preference, separated by commas.</source>
            <translation>Dateiformate in der bevorzugten Reihenfolge, durch Kommas getrennt.</translation>
        </message>
        <message>
            <source>Minimum &amp;bitrate (lossy):</source>
            <translation>Mindest-&amp;Bitrate (verlustbehaftet):</translation>
        </message>
        <message>
            <source>Lossy files under this bitrate are tried after the others.</source>
            <translation>Verlustbehaftete Dateien unter dieser Bitrate werden nach den anderen versucht.</translation>
        </message>
        <message>
            <source> kbps</source>
            <translation> kbit/s</translation>
        </message>
        <message>
            <source>&amp;Test Connection</source>
            <translation>Verbindung &amp;testen</translation>
        </message>
        <message>
            <source>Changes here take effect at the next start.</source>
            <translation>Änderungen hier wirken ab dem nächsten Start.</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::AboutDialog</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::AddDownloadsDialog</name>
        <message>
            <source>Add</source>
            <translation>Hinzufügen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Cannot add: %1</source>
            <translation>Hinzufügen nicht möglich: %1</translation>
        </message>
        <message numerus="yes">
            <source>%Ln download(s) will be added.</source>
            <translation>
                <numerusform>%Ln Download wird hinzugefügt.</numerusform>
                <numerusform>%Ln Downloads werden hinzugefügt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln line(s) cannot be added:</source>
            <translation>
                <numerusform>%Ln Zeile kann nicht hinzugefügt werden:</numerusform>
                <numerusform>%Ln Zeilen können nicht hinzugefügt werden:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Add the %Ln Good One(s)</source>
            <translation>
                <numerusform>Den %Ln fehlerfreien hinzufügen</numerusform>
                <numerusform>Die %Ln fehlerfreien hinzufügen</numerusform>
            </translation>
        </message>
        <message>
            <source>The download folder of the settings (%1)</source>
            <translation>Der Download-Ordner der Einstellungen (%1)</translation>
        </message>
        <message>
            <source>Download Folder</source>
            <translation>Download-Ordner</translation>
        </message>
        <message>
            <source>“%1” is not a full path to a folder.</source>
            <translation>„%1“ ist kein vollständiger Pfad zu einem Ordner.</translation>
        </message>
        <message>
            <source>The folder %1 cannot be used for downloads: %2</source>
            <translation>Der Ordner %1 kann nicht für Downloads verwendet werden: %2</translation>
        </message>
        <message>
            <source>Cannot Use This Folder</source>
            <translation>Ordner nicht verwendbar</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadAdder</name>
        <message>
            <source>Import a List of Downloads</source>
            <translation>Eine Liste von Downloads importieren</translation>
        </message>
        <message>
            <source>Lists and playlists (*.m3u *.m3u8 *.txt *.csv)</source>
            <translation>Listen und Wiedergabelisten (*.m3u *.m3u8 *.txt *.csv)</translation>
        </message>
        <message numerus="yes">
            <source>Added %Ln download(s).</source>
            <translation>
                <numerusform>%Ln Download hinzugefügt.</numerusform>
                <numerusform>%Ln Downloads hinzugefügt.</numerusform>
            </translation>
        </message>
        <message>
            <source>“%1” is already in the list or in the download folder.</source>
            <translation>„%1“ ist bereits in der Liste oder im Download-Ordner.</translation>
        </message>
        <message numerus="yes">
            <source>%Ln of the %1 downloads are already in the list or in the download folder.</source>
            <translation>
                <numerusform>%Ln der %1 Downloads ist bereits in der Liste oder im Download-Ordner.</numerusform>
                <numerusform>%Ln der %1 Downloads sind bereits in der Liste oder im Download-Ordner.</numerusform>
            </translation>
        </message>
        <message>
            <source>Already There</source>
            <translation>Bereits vorhanden</translation>
        </message>
        <message>
            <source>Skip</source>
            <translation>Überspringen</translation>
        </message>
        <message>
            <source>Skip These</source>
            <translation>Diese überspringen</translation>
        </message>
        <message>
            <source>Add Anyway</source>
            <translation>Trotzdem hinzufügen</translation>
        </message>
        <message numerus="yes">
            <source>Skipped %Ln already there.</source>
            <translation>
                <numerusform>%Ln bereits vorhandener übersprungen.</numerusform>
                <numerusform>%Ln bereits vorhandene übersprungen.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing can be added:</source>
            <translation>Nichts kann hinzugefügt werden:</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadCommandRunner</name>
        <message>
            <source>Not changed: %1.</source>
            <translation>Nicht geändert: %1.</translation>
        </message>
        <message>
            <source>no longer exists</source>
            <translation>existiert nicht mehr</translation>
        </message>
        <message>
            <source>not possible while %1</source>
            <translation>nicht möglich im Status „%1“</translation>
        </message>
        <message numerus="yes">
            <source>Paused %1 of %Ln download(s).</source>
            <translation>
                <numerusform>%1 von %Ln Download angehalten.</numerusform>
                <numerusform>%1 von %Ln Downloads angehalten.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Resumed %1 of %Ln download(s).</source>
            <translation>
                <numerusform>%1 von %Ln Download fortgesetzt.</numerusform>
                <numerusform>%1 von %Ln Downloads fortgesetzt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancelled %1 of %Ln download(s).</source>
            <translation>
                <numerusform>%1 von %Ln Download abgebrochen.</numerusform>
                <numerusform>%1 von %Ln Downloads abgebrochen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Queued %1 of %Ln download(s) again.</source>
            <translation>
                <numerusform>%1 von %Ln Download wieder eingereiht.</numerusform>
                <numerusform>%1 von %Ln Downloads wieder eingereiht.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Set priority P%1 on %2 of %Ln download(s).</source>
            <translation>
                <numerusform>Priorität P%1 für %2 von %Ln Download gesetzt.</numerusform>
                <numerusform>Priorität P%1 für %2 von %Ln Downloads gesetzt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed %1 of %Ln download(s) from the list.</source>
            <translation>
                <numerusform>%1 von %Ln Download aus der Liste entfernt.</numerusform>
                <numerusform>%1 von %Ln Downloads aus der Liste entfernt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Skipped: %1.</source>
            <translation>Übersprungen: %1.</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadDetailsPanel</name>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>Source:</source>
            <translation>Quelle:</translation>
        </message>
        <message>
            <source>Open Folder</source>
            <translation>Ordner öffnen</translation>
        </message>
        <message>
            <source>Saved as:</source>
            <translation>Gespeichert als:</translation>
        </message>
        <message>
            <source>Size:</source>
            <translation>Größe:</translation>
        </message>
        <message>
            <source>Downloaded:</source>
            <translation>Heruntergeladen:</translation>
        </message>
        <message>
            <source>Speed:</source>
            <translation>Geschwindigkeit:</translation>
        </message>
        <message>
            <source>Attempts:</source>
            <translation>Versuche:</translation>
        </message>
        <message>
            <source>Started:</source>
            <translation>Gestartet:</translation>
        </message>
        <message>
            <source>Completed:</source>
            <translation>Abgeschlossen:</translation>
        </message>
        <message>
            <source>Errors:</source>
            <translation>Fehler:</translation>
        </message>
        <message>
            <source>Select a download to see its details.</source>
            <translation>Einen Download auswählen, um seine Details zu sehen.</translation>
        </message>
        <message>
            <source>Not chosen yet</source>
            <translation>Noch nicht festgelegt</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Unbekannt</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>The errors could not be read: %1</source>
            <translation>Die Fehler konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Keine</translation>
        </message>
        <message>
            <source>Connections:</source>
            <translation>Verbindungen:</translation>
        </message>
        <message>
            <source>Not chosen yet, in %1</source>
            <translation>Noch nicht festgelegt, in %1</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadTableModel</name>
        <message>
            <source>Source: %1</source>
            <translation>Quelle: %1</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 von %2</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Tempo</translation>
        </message>
        <message>
            <source>ETA</source>
            <translation>Restzeit</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>Hinzugefügt</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>%1 of ?</source>
            <translation>%1 von ?</translation>
        </message>
        <message>
            <source>Queue paused</source>
            <translation>Warteschlange angehalten</translation>
        </message>
        <message>
            <source>Connections to the server: %1</source>
            <translation>Verbindungen zum Server: %1</translation>
        </message>
        <message>
            <source>Connections</source>
            <translation>Verbindungen</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <source>Saved As</source>
            <translation>Gespeichert als</translation>
        </message>
        <message>
            <source>Downloaded</source>
            <translation>Heruntergeladen</translation>
        </message>
        <message>
            <source>Completed On</source>
            <translation>Abgeschlossen am</translation>
        </message>
        <message>
            <source>Place in the queue: the order in which waiting downloads start</source>
            <translation>Platz in der Warteschlange: die Reihenfolge, in der wartende Downloads starten</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Downloaded by the worker %1</source>
            <translation>Geladen von der Instanz %1</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>Instanz</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::Format</name>
        <message>
            <source>Queued</source>
            <translation>Wartend</translation>
        </message>
        <message>
            <source>Downloading</source>
            <translation>Lädt</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Pausiert</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgebrochen</translation>
        </message>
        <message>
            <source>P0: highest, downloaded first</source>
            <translation>P0: höchste, wird zuerst geladen</translation>
        </message>
        <message>
            <source>P1: normal</source>
            <translation>P1: normal</translation>
        </message>
        <message>
            <source>P2: low, for large batches</source>
            <translation>P2: niedrig, für große Stapel</translation>
        </message>
        <message>
            <source>%1/s</source>
            <translation>%1/s</translation>
        </message>
        <message>
            <source>%1 %</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>%1s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1m %2s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1h %2m</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>%1d %2h</source>
            <translation>%1 T %2 h</translation>
        </message>
        <message>
            <source>High</source>
            <translation>Hoch</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Niedrig</translation>
        </message>
        <message>
            <source>%1 B</source>
            <translation>%1 B</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::GettingStartedDialog</name>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::ImportConfirmDialog</name>
        <message>
            <source>Add</source>
            <translation>Hinzufügen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message numerus="yes">
            <source>Add %Ln download(s)?</source>
            <translation>
                <numerusform>%Ln Download hinzufügen?</numerusform>
                <numerusform>%Ln Downloads hinzufügen?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %Ln more</source>
            <translation>
                <numerusform>… und %Ln weiterer</numerusform>
                <numerusform>… und %Ln weitere</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Add the %Ln good download(s)?</source>
            <translation>
                <numerusform>Den %Ln fehlerfreien Download hinzufügen?</numerusform>
                <numerusform>Die %Ln fehlerfreien Downloads hinzufügen?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln line(s) cannot be added and will be left out:</source>
            <translation>
                <numerusform>%Ln Zeile kann nicht hinzugefügt werden und wird ausgelassen:</numerusform>
                <numerusform>%Ln Zeilen können nicht hinzugefügt werden und werden ausgelassen:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::MainWindow</name>
        <message>
            <source>The Download List Could Not Be Read</source>
            <translation>Die Downloadliste konnte nicht gelesen werden</translation>
        </message>
        <message>
            <source>SoulSpot Bridge</source>
            <translation>SoulSpot Bridge</translation>
        </message>
        <message>
            <source>Main Toolbar</source>
            <translation>Hauptwerkzeugleiste</translation>
        </message>
        <message>
            <source>Search downloads…</source>
            <translation>Downloads durchsuchen …</translation>
        </message>
        <message>
            <source>%1 downloading · %2 queued · %3 paused · %4 completed · %5 failed</source>
            <translation>%1 aktiv · %2 in der Warteschlange · %3 pausiert · %4 fertig · %5 fehlgeschlagen</translation>
        </message>
        <message>
            <source>↓ %1</source>
            <translation>↓ %1</translation>
        </message>
        <message>
            <source>Queue paused</source>
            <translation>Warteschlange angehalten</translation>
        </message>
        <message>
            <source>Queue running, up to %1 at once</source>
            <translation>Warteschlange läuft, bis zu %1 gleichzeitig</translation>
        </message>
        <message>
            <source>Cannot Add Downloads</source>
            <translation>Downloads können nicht hinzugefügt werden</translation>
        </message>
        <message>
            <source>Still downloading in the tray. Quit from the tray icon's menu.</source>
            <translation>Lädt im Systembereich weiter. Beenden über das Menü des Symbols.</translation>
        </message>
        <message>
            <source>Some Downloads Were Not Changed</source>
            <translation>Einige Downloads wurden nicht geändert</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Download completed</source>
            <translation>Download fertig</translation>
        </message>
        <message>
            <source>Download failed</source>
            <translation>Download fehlgeschlagen</translation>
        </message>
        <message>
            <source>Loading the download list…</source>
            <translation>Die Download-Liste wird geladen …</translation>
        </message>
        <message>
            <source>%1 - SoulSpot Bridge</source>
            <translation>%1 - SoulSpot Bridge</translation>
        </message>
        <message>
            <source>No download matches the filter.</source>
            <translation>Kein Download passt zum Filter.</translation>
        </message>
        <message>
            <source>No downloads yet.

Add links with Ctrl+N, paste them with Ctrl+V, or drop links and playlists (.m3u, .m3u8, .txt, .csv) here.</source>
            <translation>Noch keine Downloads.

Links mit Strg+N hinzufügen, mit Strg+V einfügen oder Links und Wiedergabelisten (.m3u, .m3u8, .txt, .csv) hierher ziehen.</translation>
        </message>
        <message>
            <source>↓ %1 (limit %2)</source>
            <translation>↓ %1 (Limit %2)</translation>
        </message>
        <message>
            <source>Speed limit %1</source>
            <translation>Geschwindigkeitslimit %1</translation>
        </message>
        <message>
            <source>Downloads paused: the folder %1 cannot be written (%2). They continue when it works again, or choose another folder in Settings.</source>
            <translation>Downloads angehalten: In den Ordner %1 kann nicht geschrieben werden (%2). Sie laufen weiter, sobald er wieder funktioniert, oder wählen Sie in den Einstellungen einen anderen Ordner.</translation>
        </message>
        <message>
            <source>Downloads Paused</source>
            <translation>Downloads angehalten</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::MainWindowActions</name>
        <message>
            <source>&amp;Add Downloads…</source>
            <translation>Downloads &amp;hinzufügen …</translation>
        </message>
        <message>
            <source>&amp;Import List…</source>
            <translation>Liste &amp;importieren …</translation>
        </message>
        <message>
            <source>&amp;Paste Links</source>
            <translation>Links ein&amp;fügen</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation>&amp;Fortsetzen</translation>
        </message>
        <message>
            <source>P&amp;ause</source>
            <translation>&amp;Anhalten</translation>
        </message>
        <message>
            <source>&amp;Cancel Download</source>
            <translation>Download a&amp;bbrechen</translation>
        </message>
        <message>
            <source>Re&amp;try</source>
            <translation>Erneut &amp;versuchen</translation>
        </message>
        <message>
            <source>Open Containing &amp;Folder</source>
            <translation>Enthaltenden &amp;Ordner öffnen</translation>
        </message>
        <message>
            <source>Pause A&amp;ll</source>
            <translation>A&amp;lle anhalten</translation>
        </message>
        <message>
            <source>Resume All</source>
            <translation>Alle fortsetzen</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Einstellungen …</translation>
        </message>
        <message>
            <source>&amp;About SoulSpot Bridge</source>
            <translation>&amp;Über SoulSpot Bridge</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>&amp;Suchen</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Hinzufügen</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>Select &amp;All</source>
            <translation>&amp;Alle auswählen</translation>
        </message>
        <message>
            <source>Set &amp;Priority</source>
            <translation>&amp;Priorität setzen</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
        <message>
            <source>Set the priority of the selected downloads</source>
            <translation>Priorität der ausgewählten Downloads setzen</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <source>&amp;Downloads</source>
            <translation>Down&amp;loads</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>&amp;Einstellungen</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>The queue is paused: running downloads stopped and keep their partial files.</source>
            <translation>Die Warteschlange ist angehalten: Laufende Downloads wurden gestoppt und behalten ihre Teildateien.</translation>
        </message>
        <message>
            <source>The queue is running again.</source>
            <translation>Die Warteschlange läuft wieder.</translation>
        </message>
        <message>
            <source>Could Not Open the Folder</source>
            <translation>Ordner nicht geöffnet</translation>
        </message>
        <message>
            <source>The file manager could not open %1.</source>
            <translation>Der Dateimanager konnte %1 nicht öffnen.</translation>
        </message>
        <message>
            <source>&amp;High (P0)</source>
            <translation>&amp;Hoch (P0)</translation>
        </message>
        <message>
            <source>&amp;Normal (P1)</source>
            <translation>&amp;Normal (P1)</translation>
        </message>
        <message>
            <source>&amp;Low (P2)</source>
            <translation>N&amp;iedrig (P2)</translation>
        </message>
        <message>
            <source>Re&amp;move…</source>
            <translation>Ent&amp;fernen …</translation>
        </message>
        <message>
            <source>Remove with &amp;Files…</source>
            <translation>Mit &amp;Dateien entfernen …</translation>
        </message>
        <message>
            <source>Clear Fi&amp;nished…</source>
            <translation>&amp;Abgeschlossene entfernen …</translation>
        </message>
        <message>
            <source>Clear Partial Files of Failed Downloads…</source>
            <translation>Teildateien fehlgeschlagener Downloads löschen …</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Remove Downloads</source>
            <translation>Downloads entfernen</translation>
        </message>
        <message>
            <source>Running downloads are stopped and their partial files deleted.</source>
            <translation>Laufende Downloads werden angehalten und ihre Teildateien gelöscht.</translation>
        </message>
        <message>
            <source>Also delete the downloaded files</source>
            <translation>Auch die heruntergeladenen Dateien löschen</translation>
        </message>
        <message>
            <source>There are no finished downloads to clear.</source>
            <translation>Es gibt keine abgeschlossenen Downloads zu entfernen.</translation>
        </message>
        <message>
            <source>Clear Finished Downloads</source>
            <translation>Abgeschlossene Downloads entfernen</translation>
        </message>
        <message>
            <source>Their downloaded files stay in the download folder.</source>
            <translation>Die heruntergeladenen Dateien bleiben im Download-Ordner.</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>There are no failed downloads.</source>
            <translation>Es gibt keine fehlgeschlagenen Downloads.</translation>
        </message>
        <message>
            <source>Clear Partial Files</source>
            <translation>Teildateien löschen</translation>
        </message>
        <message>
            <source>The downloads stay in the list; a retry then starts from the beginning.</source>
            <translation>Die Downloads bleiben in der Liste; ein erneuter Versuch beginnt dann von vorn.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>Partial Files Not Deleted</source>
            <translation>Teildateien nicht gelöscht</translation>
        </message>
        <message numerus="yes">
            <source>Remove %Ln download(s) from the list?</source>
            <translation>
                <numerusform>%Ln Download aus der Liste entfernen?</numerusform>
                <numerusform>%Ln Downloads aus der Liste entfernen?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Remove %Ln finished download(s) (completed or cancelled) from the list?</source>
            <translation>
                <numerusform>%Ln abgeschlossenen Download (fertig oder abgebrochen) aus der Liste entfernen?</numerusform>
                <numerusform>%Ln abgeschlossene Downloads (fertig oder abgebrochen) aus der Liste entfernen?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Also remove the %Ln failed download(s)</source>
            <translation>
                <numerusform>Auch den %Ln fehlgeschlagenen Download entfernen</numerusform>
                <numerusform>Auch die %Ln fehlgeschlagenen Downloads entfernen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete the partial files of %Ln failed download(s)?</source>
            <translation>
                <numerusform>Die Teildatei des %Ln fehlgeschlagenen Downloads löschen?</numerusform>
                <numerusform>Die Teildateien der %Ln fehlgeschlagenen Downloads löschen?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleted %Ln partial file(s), %1 freed.</source>
            <translation>
                <numerusform>%Ln Teildatei gelöscht, %1 freigegeben.</numerusform>
                <numerusform>%Ln Teildateien gelöscht, %1 freigegeben.</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Getting Started</source>
            <translation>&amp;Erste Schritte</translation>
        </message>
        <message>
            <source>&amp;Keyboard Shortcuts</source>
            <translation>&amp;Tastenkürzel</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>Move to T&amp;op</source>
            <translation>An den &amp;Anfang</translation>
        </message>
        <message>
            <source>Move &amp;Up</source>
            <translation>Nach &amp;oben</translation>
        </message>
        <message>
            <source>Move &amp;Down</source>
            <translation>Nach &amp;unten</translation>
        </message>
        <message>
            <source>Move to &amp;Bottom</source>
            <translation>An das &amp;Ende</translation>
        </message>
        <message>
            <source>&amp;Start Now</source>
            <translation>&amp;Jetzt starten</translation>
        </message>
        <message>
            <source>Start the selected download now, even when the queue is full or paused</source>
            <translation>Den gewählten Download jetzt starten, auch wenn die Warteschlange voll oder angehalten ist</translation>
        </message>
        <message>
            <source>Downloads Not Moved</source>
            <translation>Downloads nicht verschoben</translation>
        </message>
        <message>
            <source>The download could not start now: %1</source>
            <translation>Der Download konnte nicht sofort starten: %1</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::MimeImport</name>
        <message>
            <source>There is nothing to add.</source>
            <translation>Es gibt nichts hinzuzufügen.</translation>
        </message>
        <message>
            <source>%1 is not a list of downloads: use a .m3u, .m3u8, .txt or .csv file.</source>
            <translation>%1 ist keine Liste von Downloads: Bitte eine .m3u-, .m3u8-, .txt- oder .csv-Datei verwenden.</translation>
        </message>
        <message>
            <source>The list holds no downloads.</source>
            <translation>Die Liste enthält keine Downloads.</translation>
        </message>
        <message>
            <source>The text holds no links and no "Artist - Title" lines.</source>
            <translation>Der Text enthält keine Links und keine Zeilen der Form „Künstler - Titel“.</translation>
        </message>
        <message>
            <source>more than one link on one line</source>
            <translation>mehr als ein Link in einer Zeile</translation>
        </message>
        <message>
            <source>neither a link (http, https, slsk) nor “Artist - Title”</source>
            <translation>weder ein Link (http, https, slsk) noch „Künstler - Titel“</translation>
        </message>
        <message>
            <source>not a http, https or slsk link</source>
            <translation>kein http-, https- oder slsk-Link</translation>
        </message>
        <message>
            <source>an opening quote is never closed</source>
            <translation>ein öffnendes Anführungszeichen wird nie geschlossen</translation>
        </message>
        <message>
            <source>not the columns title,artist,album,url</source>
            <translation>nicht die Spalten title,artist,album,url</translation>
        </message>
        <message>
            <source>its link is not http, https or slsk</source>
            <translation>ihr Link ist nicht http, https oder slsk</translation>
        </message>
        <message>
            <source>neither a title nor a link</source>
            <translation>weder ein Titel noch ein Link</translation>
        </message>
        <message>
            <source>Line %1</source>
            <translation>Zeile %1</translation>
        </message>
        <message>
            <source>%1, line %2</source>
            <translation>%1, Zeile %2</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>%1: %2 — %3</source>
            <translation>%1: %2 — %3</translation>
        </message>
        <message numerus="yes">
            <source>… and %Ln more</source>
            <translation>
                <numerusform>… und %Ln weiterer</numerusform>
                <numerusform>… und %Ln weitere</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::QuitConfirmation</name>
        <message>
            <source>Quit SoulSpot Bridge?</source>
            <translation>SoulSpot Bridge beenden?</translation>
        </message>
        <message numerus="yes">
            <source>%n download(s) are running; quit anyway?</source>
            <translation>
                <numerusform>%n Download läuft noch; trotzdem beenden?</numerusform>
                <numerusform>%n Downloads laufen noch; trotzdem beenden?</numerusform>
            </translation>
        </message>
        <message>
            <source>They continue from their partial files at the next start.</source>
            <translation>Sie werden beim nächsten Start an ihren Teildateien fortgesetzt.</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <source>Do not ask again</source>
            <translation>Nicht mehr fragen</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::RetryCountdown</name>
        <message numerus="yes">
            <source>%1 (retrying in %Ln s)</source>
            <translation>
                <numerusform>%1 (neuer Versuch in %Ln s)</numerusform>
                <numerusform>%1 (neuer Versuch in %Ln s)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::SettingsDialog</name>
        <message>
            <source>System default</source>
            <translation>Systemstandard</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Übernehmen</translation>
        </message>
        <message>
            <source>This desktop has no system tray.</source>
            <translation>Diese Arbeitsumgebung hat keinen Systembereich.</translation>
        </message>
        <message>
            <source>Settings Not Saved</source>
            <translation>Einstellungen nicht gespeichert</translation>
        </message>
        <message>
            <source>Download Folder</source>
            <translation>Download-Ordner</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::SettingsStore</name>
        <message>
            <source>Set on the command line; it cannot be changed here.</source>
            <translation>Auf der Befehlszeile festgelegt; hier nicht änderbar.</translation>
        </message>
        <message>
            <source>Set by the environment variable %1; it cannot be changed here.</source>
            <translation>Durch die Umgebungsvariable %1 festgelegt; hier nicht änderbar.</translation>
        </message>
        <message>
            <source>The REST API's address must be an IP address or localhost, not "%1".</source>
            <translation>Die Adresse der REST-API muss eine IP-Adresse oder localhost sein, nicht „%1“.</translation>
        </message>
        <message>
            <source>The REST API may listen on %1 only with a token. Set a token or use 127.0.0.1.</source>
            <translation>Die REST-API darf nur mit einem Token auf %1 lauschen. Bitte ein Token setzen oder 127.0.0.1 verwenden.</translation>
        </message>
        <message>
            <source>slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not "%1".</source>
            <translation>Die Adresse von slskd muss eine http(s)-URL wie http://127.0.0.1:5030 sein, nicht „%1“.</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::ShortcutsDialog</name>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Clear the search</source>
            <translation>Suche leeren</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::SlskdSettingsTab</name>
        <message>
            <source>Soulseek</source>
            <translation>Soulseek</translation>
        </message>
        <message>
            <source>Enter slskd's address, such as http://127.0.0.1:5030.</source>
            <translation>Adresse von slskd eingeben, etwa http://127.0.0.1:5030.</translation>
        </message>
        <message>
            <source>Asking slskd…</source>
            <translation>slskd wird gefragt …</translation>
        </message>
        <message>
            <source>slskd answers at %1.</source>
            <translation>slskd antwortet unter %1.</translation>
        </message>
        <message>
            <source>slskd does not answer at %1.</source>
            <translation>slskd antwortet nicht unter %1.</translation>
        </message>
        <message>
            <source>The API key is accepted.</source>
            <translation>Der API-Schlüssel wird akzeptiert.</translation>
        </message>
        <message>
            <source>slskd rejected the API key.</source>
            <translation>slskd hat den API-Schlüssel abgelehnt.</translation>
        </message>
        <message>
            <source>slskd is logged in to Soulseek.</source>
            <translation>slskd ist bei Soulseek angemeldet.</translation>
        </message>
        <message>
            <source>slskd is not logged in to Soulseek (%1).</source>
            <translation>slskd ist nicht bei Soulseek angemeldet (%1).</translation>
        </message>
        <message>
            <source>slskd's Downloads Folder</source>
            <translation>Download-Ordner von slskd</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::StartError</name>
        <message>
            <source>SoulSpot Bridge cannot start</source>
            <translation>SoulSpot Bridge kann nicht starten</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::StatusFilterList</name>
        <message>
            <source>All (%1)</source>
            <translation>Alle (%1)</translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::TrayIcon</name>
        <message>
            <source>Hide Window</source>
            <translation>Fenster ausblenden</translation>
        </message>
        <message>
            <source>SoulSpot Bridge</source>
            <translation>SoulSpot Bridge</translation>
        </message>
        <message>
            <source>Downloading %1, queued %2, paused %3</source>
            <translation>%1 aktiv, %2 wartend, %3 pausiert</translation>
        </message>
        <message>
            <source>Completed %1, failed %2</source>
            <translation>%1 fertig, %2 fehlgeschlagen</translation>
        </message>
        <message>
            <source>The queue is paused</source>
            <translation>Die Warteschlange ist angehalten</translation>
        </message>
        <message>
            <source>Total speed %1</source>
            <translation>Gesamtgeschwindigkeit %1</translation>
        </message>
        <message>
            <source>Show Window</source>
            <translation>Fenster zeigen</translation>
        </message>
        <message>
            <source>Speed limit %1</source>
            <translation>Geschwindigkeitslimit %1</translation>
        </message>
    </context>
</TS>
