#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills translations/soulspot_de.ts (and the plural forms of soulspot_en.ts) from the German texts below, after `ninja soulspot_gui_lupdate`
added new source strings. A source without a German text here stays "unfinished", and
tests/gui/tst_translation fails until it gets one."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

GERMAN = {
    # Queue order (the "#" column, moves, Start Now)
    "#": "#",
    "Place in the queue: the order in which waiting downloads start":
        "Platz in der Warteschlange: die Reihenfolge, in der wartende Downloads starten",
    "Move to T&op": "An den &Anfang",
    "Move &Up": "Nach &oben",
    "Move &Down": "Nach &unten",
    "Move to &Bottom": "An das &Ende",
    "&Start Now": "&Jetzt starten",
    "Start the selected download now, even when the queue is full or paused":
        "Den gewählten Download jetzt starten, auch wenn die Warteschlange voll oder angehalten ist",
    "Downloads Not Moved": "Downloads nicht verschoben",
    "The download could not start now: %1": "Der Download konnte nicht sofort starten: %1",
    # Settings dialog (Designer form)
    "Settings": "Einstellungen",
    "Downloads": "Downloads",
    "Downloads at &once:": "&Gleichzeitige Downloads:",
    "How many downloads run at the same time (1-10). Applied at once.":
        "Wie viele Downloads gleichzeitig laufen (1-10). Wird sofort übernommen.",
    "&Retries of a failed download:": "&Wiederholungen bei Fehlern:",
    "Network errors are tried again after 1 s, 2 s, 4 s … up to this many times (1-10). For downloads added from now on.":
        "Netzwerkfehler werden nach 1 s, 2 s, 4 s … bis zu so oft erneut versucht (1-10). Gilt für ab jetzt hinzugefügte Downloads.",
    "Download higher &priorities first (P0 before P1 before P2)":
        "Höhere &Prioritäten zuerst laden (P0 vor P1 vor P2)",
    "Off: first come, first served, whatever the priority.":
        "Aus: Wer zuerst kommt, wird zuerst geladen, unabhängig von der Priorität.",
    "Download &folder:": "Download-&Ordner:",
    "Browse…": "Durchsuchen …",
    "Speed &limit:": "Geschwindigkeits&limit:",
    "The most all HTTP downloads together may take, shared fairly among them (0 = unlimited). Applied at once, also to running downloads.":
        "Höchstens so viel dürfen alle HTTP-Downloads zusammen nutzen, gerecht unter ihnen geteilt (0 = unbegrenzt). Wird sofort übernommen, auch für laufende Downloads.",
    "Unlimited": "Unbegrenzt",
    "The limit applies to HTTP downloads. Soulseek downloads run in slskd: set their speed limit in slskd's own settings.":
        "Das Limit gilt für HTTP-Downloads. Soulseek-Downloads laufen in slskd: Ihr Geschwindigkeitslimit wird in den Einstellungen von slskd festgelegt.",
    "&Connections per download:": "&Verbindungen pro Download:",
    "A large file from a server that allows byte ranges is fetched over up to this many connections at once (1-16; 1 = one stream). For downloads started from now on.":
        "Eine große Datei von einem Server, der Byte-Bereiche erlaubt, wird über bis zu so viele Verbindungen gleichzeitig geladen (1-16; 1 = ein Datenstrom). Gilt für ab jetzt gestartete Downloads.",
    "&Split files from:": "&Dateien aufteilen ab:",
    "Smaller files are fetched over one connection.": "Kleinere Dateien werden über eine Verbindung geladen.",
    "REST API": "REST-API",
    "&Serve the REST API for scripts while the window is open":
        "REST-API für &Skripte anbieten, solange das Fenster offen ist",
    "&Address:": "&Adresse:",
    "127.0.0.1 serves only this computer. Any other address needs a token.":
        "127.0.0.1 bedient nur diesen Computer. Jede andere Adresse braucht ein Token.",
    "&Port:": "&Port:",
    "0 picks any free port.": "0 wählt einen beliebigen freien Port.",
    "&Token:": "&Token:",
    "No token: only this computer may connect": "Kein Token: Nur dieser Computer darf sich verbinden",
    "Generate": "Erzeugen",
    "Changes to the REST API take effect at the next start.":
        "Änderungen an der REST-API wirken ab dem nächsten Start.",
    "Desktop": "Desktop",
    "Show a &notification when a download completes or fails":
        "&Benachrichtigen, wenn ein Download fertig ist oder fehlschlägt",
    "&Closing the window keeps downloading in the system tray":
        "Beim S&chließen des Fensters im Systembereich weiterladen",
    "&Language:": "S&prache:",
    "A new language takes effect at the next start.": "Eine neue Sprache wirkt ab dem nächsten Start.",
    "Greyed-out values are set by the environment or the command line; hover over them to see where.":
        "Ausgegraute Werte sind durch die Umgebung oder die Befehlszeile festgelegt; der Tooltip zeigt, wo.",
    # Add dialog, confirmation
    "Add Downloads": "Downloads hinzufügen",
    'One link a line (http, https or slsk), or "Artist - Title" to search on Soulseek:':
        "Ein Link pro Zeile (http, https oder slsk) oder „Künstler - Titel“, um auf Soulseek zu suchen:",
    "https://example.org/music/song.mp3": "https://example.org/musik/lied.mp3",
    "Add": "Hinzufügen",
    "Cancel": "Abbrechen",
    "Priority:": "Priorität:",
    "Cannot add: %1": "Hinzufügen nicht möglich: %1",
    "%Ln download(s) will be added.": ["%Ln Download wird hinzugefügt.", "%Ln Downloads werden hinzugefügt."],
    "Add %Ln download(s)?": ["%Ln Download hinzufügen?", "%Ln Downloads hinzufügen?"],
    "… and %Ln more": ["… und %Ln weiterer", "… und %Ln weitere"],
    # Partial import (a list with some bad lines)
    "more than one link on one line": "mehr als ein Link in einer Zeile",
    "neither a link (http, https, slsk) nor “Artist - Title”":
        "weder ein Link (http, https, slsk) noch „Künstler - Titel“",
    "not a http, https or slsk link": "kein http-, https- oder slsk-Link",
    "an opening quote is never closed": "ein öffnendes Anführungszeichen wird nie geschlossen",
    "not the columns title,artist,album,url": "nicht die Spalten title,artist,album,url",
    "its link is not http, https or slsk": "ihr Link ist nicht http, https oder slsk",
    "neither a title nor a link": "weder ein Titel noch ein Link",
    "Line %1": "Zeile %1",
    "%1, line %2": "%1, Zeile %2",
    "%1: %2 — %3": "%1: %2 — %3",
    "Add the %Ln good download(s)?": ["Den %Ln fehlerfreien Download hinzufügen?",
                                      "Die %Ln fehlerfreien Downloads hinzufügen?"],
    "%Ln line(s) cannot be added and will be left out:": [
        "%Ln Zeile kann nicht hinzugefügt werden und wird ausgelassen:",
        "%Ln Zeilen können nicht hinzugefügt werden und werden ausgelassen:"],
    "%Ln line(s) cannot be added:": ["%Ln Zeile kann nicht hinzugefügt werden:",
                                     "%Ln Zeilen können nicht hinzugefügt werden:"],
    "Add the %Ln Good One(s)": ["Den %Ln fehlerfreien hinzufügen", "Die %Ln fehlerfreien hinzufügen"],
    "Nothing can be added:": "Nichts kann hinzugefügt werden:",
    # The Add dialog's download folder (a folder of the downloads' own)
    "The download folder of the settings (%1)": "Der Download-Ordner der Einstellungen (%1)",
    "“%1” is not a full path to a folder.": "„%1“ ist kein vollständiger Pfad zu einem Ordner.",
    "The folder %1 cannot be used for downloads: %2": "Der Ordner %1 kann nicht für Downloads verwendet werden: %2",
    "Cannot Use This Folder": "Ordner nicht verwendbar",
    "Not chosen yet, in %1": "Noch nicht festgelegt, in %1",
    "the folder chosen for this download, %1, cannot be written: %2":
        "in den für diesen Download gewählten Ordner %1 kann nicht geschrieben werden: %2",
    # Controller
    "Paused %1 of %Ln download(s).": ["%1 von %Ln Download angehalten.", "%1 von %Ln Downloads angehalten."],
    "Resumed %1 of %Ln download(s).": ["%1 von %Ln Download fortgesetzt.", "%1 von %Ln Downloads fortgesetzt."],
    "Cancelled %1 of %Ln download(s).": ["%1 von %Ln Download abgebrochen.", "%1 von %Ln Downloads abgebrochen."],
    "Queued %1 of %Ln download(s) again.": ["%1 von %Ln Download wieder eingereiht.",
                                           "%1 von %Ln Downloads wieder eingereiht."],
    "Set priority P%1 on %2 of %Ln download(s).": ["Priorität P%1 für %2 von %Ln Download gesetzt.",
                                                  "Priorität P%1 für %2 von %Ln Downloads gesetzt."],
    "Removed %1 of %Ln download(s) from the list.": ["%1 von %Ln Download aus der Liste entfernt.",
                                                    "%1 von %Ln Downloads aus der Liste entfernt."],
    "Not changed: %1.": "Nicht geändert: %1.",
    "Skipped: %1.": "Übersprungen: %1.",
    # Removing downloads (main window actions, confirmations)
    "Re&move…": "Ent&fernen …",
    "Remove with &Files…": "Mit &Dateien entfernen …",
    "Clear Fi&nished…": "&Abgeschlossene entfernen …",
    "Clear Partial Files of Failed Downloads…": "Teildateien fehlgeschlagener Downloads löschen …",
    "Remove": "Entfernen",
    "Remove Downloads": "Downloads entfernen",
    "Remove %Ln download(s) from the list?": ["%Ln Download aus der Liste entfernen?",
                                             "%Ln Downloads aus der Liste entfernen?"],
    "Running downloads are stopped and their partial files deleted.":
        "Laufende Downloads werden angehalten und ihre Teildateien gelöscht.",
    "Also delete the downloaded files": "Auch die heruntergeladenen Dateien löschen",
    "There are no finished downloads to clear.": "Es gibt keine abgeschlossenen Downloads zu entfernen.",
    "Clear Finished Downloads": "Abgeschlossene Downloads entfernen",
    "Remove %Ln finished download(s) (completed or cancelled) from the list?": [
        "%Ln abgeschlossenen Download (fertig oder abgebrochen) aus der Liste entfernen?",
        "%Ln abgeschlossene Downloads (fertig oder abgebrochen) aus der Liste entfernen?"],
    "Their downloaded files stay in the download folder.":
        "Die heruntergeladenen Dateien bleiben im Download-Ordner.",
    "Clear": "Entfernen",
    "Also remove the %Ln failed download(s)": ["Auch den %Ln fehlgeschlagenen Download entfernen",
                                              "Auch die %Ln fehlgeschlagenen Downloads entfernen"],
    "There are no failed downloads.": "Es gibt keine fehlgeschlagenen Downloads.",
    "Clear Partial Files": "Teildateien löschen",
    "Delete the partial files of %Ln failed download(s)?": [
        "Die Teildatei des %Ln fehlgeschlagenen Downloads löschen?",
        "Die Teildateien der %Ln fehlgeschlagenen Downloads löschen?"],
    "The downloads stay in the list; a retry then starts from the beginning.":
        "Die Downloads bleiben in der Liste; ein erneuter Versuch beginnt dann von vorn.",
    "Delete": "Löschen",
    "Partial Files Not Deleted": "Teildateien nicht gelöscht",
    "Deleted %Ln partial file(s), %1 freed.": ["%Ln Teildatei gelöscht, %1 freigegeben.",
                                              "%Ln Teildateien gelöscht, %1 freigegeben."],
    "no longer exists": "existiert nicht mehr",
    "not possible while %1": "nicht möglich im Status „%1“",
    # Model and formatting
    "%1 of %2": "%1 von %2",
    "Name": "Name",
    "Status": "Status",
    "Priority": "Priorität",
    "Progress": "Fortschritt",
    "Size": "Größe",
    "Speed": "Geschwindigkeit",
    "ETA": "Restzeit",
    "Added": "Hinzugefügt",
    "Error": "Fehler",
    "Connections": "Verbindungen",
    "Connections to the server: %1": "Verbindungen zum Server: %1",
    "Queued": "Wartend",
    "Downloading": "Lädt",
    "Paused": "Pausiert",
    "Completed": "Fertig",
    "Failed": "Fehlgeschlagen",
    "Cancelled": "Abgebrochen",
    "P0: highest, downloaded first": "P0: höchste, wird zuerst geladen",
    "P1: normal": "P1: normal",
    "P2: low, for large batches": "P2: niedrig, für große Stapel",
    "%1/s": "%1/s",
    "%1s": "%1 s",
    "%1m %2s": "%1 min %2 s",
    "%1h %2m": "%1 h %2 min",
    "%1d %2h": "%1 T %2 h",
    "%1 %": "%1 %",
    # Main window
    "%1 - SoulSpot Bridge": "%1 - SoulSpot Bridge",
    "No download matches the filter.": "Kein Download passt zum Filter.",
    "No downloads yet.\n\nAdd links with Ctrl+N, paste them with Ctrl+V, or drop links and playlists (.m3u, .m3u8, .txt, .csv) here.":
        "Noch keine Downloads.\n\nLinks mit Strg+N hinzufügen, mit Strg+V einfügen oder Links und "
        "Wiedergabelisten (.m3u, .m3u8, .txt, .csv) hierher ziehen.",
    "Loading the download list…": "Die Download-Liste wird geladen …",
    "Resume": "Fortsetzen",
    "Pause": "Anhalten",
    "Retry": "Wiederholen",
    "SoulSpot Bridge": "SoulSpot Bridge",
    "&Add Downloads…": "Downloads &hinzufügen …",
    "&Import List…": "Liste &importieren …",
    "&Paste Links": "Links ein&fügen",
    "&Quit": "&Beenden",
    "&Resume": "&Fortsetzen",
    "P&ause": "&Anhalten",
    "&Cancel Download": "Download a&bbrechen",
    "Re&try": "Erneut &versuchen",
    "Open Containing &Folder": "Enthaltenden &Ordner öffnen",
    "Pause A&ll": "A&lle anhalten",
    "Resume All": "Alle fortsetzen",
    "&Settings…": "&Einstellungen …",
    "&About SoulSpot Bridge": "&Über SoulSpot Bridge",
    "&Find": "&Suchen",
    "Select &All": "&Alle auswählen",
    "P0 (&Highest)": "P0 (&höchste)",
    "P1 (&Normal)": "P1 (&normal)",
    "P2 (&Low)": "P2 (n&iedrig)",
    "&File": "&Datei",
    "&Edit": "&Bearbeiten",
    "&Downloads": "Down&loads",
    "Set &Priority": "&Priorität setzen",
    "&Settings": "&Einstellungen",
    "&Help": "&Hilfe",
    "Main Toolbar": "Hauptwerkzeugleiste",
    "Set the priority of the selected downloads": "Priorität der ausgewählten Downloads setzen",
    "Search downloads…": "Downloads durchsuchen …",
    "%1 downloading · %2 queued · %3 paused · %4 completed · %5 failed":
        "%1 aktiv · %2 in der Warteschlange · %3 pausiert · %4 fertig · %5 fehlgeschlagen",
    "↓ %1": "↓ %1",
    "Queue paused": "Warteschlange angehalten",
    "Queue running, up to %1 at once": "Warteschlange läuft, bis zu %1 gleichzeitig",
    "Could Not Open the Folder": "Ordner nicht geöffnet",
    "The file manager could not open %1.": "Der Dateimanager konnte %1 nicht öffnen.",
    "%1 of ?": "%1 von ?",
    "Queue paused": "Warteschlange angehalten",
    "%1 B": "%1 B",
    "High": "Hoch",
    "Normal": "Normal",
    "Low": "Niedrig",
    "&High (P0)": "&Hoch (P0)",
    "&Normal (P1)": "&Normal (P1)",
    "&Low (P2)": "N&iedrig (P2)",
    "%1 (retrying in %Ln s)": ["%1 (neuer Versuch in %Ln s)", "%1 (neuer Versuch in %Ln s)"],
    "The queue is paused: running downloads stopped and keep their partial files.":
        "Die Warteschlange ist angehalten: Laufende Downloads wurden gestoppt und behalten ihre Teildateien.",
    "The queue is running again.": "Die Warteschlange läuft wieder.",
    "Import a List of Downloads": "Eine Liste von Downloads importieren",
    "Lists and playlists (*.m3u *.m3u8 *.txt *.csv)": "Listen und Wiedergabelisten (*.m3u *.m3u8 *.txt *.csv)",
    "Cannot Add Downloads": "Downloads können nicht hinzugefügt werden",
    "Added %Ln download(s).": ["%Ln Download hinzugefügt.", "%Ln Downloads hinzugefügt."],
    "About SoulSpot Bridge": "Über SoulSpot Bridge",
    "<h3>SoulSpot Bridge %1</h3><p>A download manager for music: web links and Soulseek (through slskd), with a priority queue, retries, and a local REST API for scripts.</p><p>License: GPL 3.0 or later.</p>":
        "<h3>SoulSpot Bridge %1</h3><p>Ein Download-Manager für Musik: Weblinks und Soulseek (über slskd), "
        "mit Prioritäts-Warteschlange, Wiederholungen und einer lokalen REST-API für Skripte.</p>"
        "<p>Lizenz: GPL 3.0 oder neuer.</p>",
    "Still downloading in the tray. Quit from the tray icon's menu.":
        "Lädt im Systembereich weiter. Beenden über das Menü des Symbols.",
    "Some Downloads Were Not Changed": "Einige Downloads wurden nicht geändert",
    "OK": "OK",
    "Download completed": "Download fertig",
    "Download failed": "Download fehlgeschlagen",
    # Drops and pastes
    "There is nothing to add.": "Es gibt nichts hinzuzufügen.",
    "%1 is not a list of downloads: use a .m3u, .m3u8, .txt or .csv file.":
        "%1 ist keine Liste von Downloads: Bitte eine .m3u-, .m3u8-, .txt- oder .csv-Datei verwenden.",
    "Cannot download %1: only http, https and slsk links work.":
        "%1 kann nicht geladen werden: Nur http-, https- und slsk-Links funktionieren.",
    "The list holds no downloads.": "Die Liste enthält keine Downloads.",
    'The text holds no links and no "Artist - Title" lines.':
        "Der Text enthält keine Links und keine Zeilen der Form „Künstler - Titel“.",
    # Settings dialog code, settings store
    "System default": "Systemstandard",
    "Apply": "Übernehmen",
    "This desktop has no system tray.": "Diese Arbeitsumgebung hat keinen Systembereich.",
    "The REST API may listen on %1 only with a token. Set a token or use 127.0.0.1.":
        "Die REST-API darf nur mit einem Token auf %1 lauschen. Bitte ein Token setzen oder 127.0.0.1 verwenden.",
    "The REST API's address must be an IP address or localhost, not \"%1\".":
        "Die Adresse der REST-API muss eine IP-Adresse oder localhost sein, nicht „%1“.",
    "slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not \"%1\".":
        "Die Adresse von slskd muss eine http(s)-URL wie http://127.0.0.1:5030 sein, nicht „%1“.",
    "Settings Not Saved": "Einstellungen nicht gespeichert",
    "The download folder %1 cannot be used: %2": "Der Download-Ordner %1 kann nicht verwendet werden: %2",
    "Downloads paused: the folder %1 cannot be written (%2). They continue when it works again, or choose another folder in Settings.":
        "Downloads angehalten: In den Ordner %1 kann nicht geschrieben werden (%2). Sie laufen weiter, sobald er wieder funktioniert, oder wählen Sie in den Einstellungen einen anderen Ordner.",
    "Downloads Paused": "Downloads angehalten",
    "Download Folder": "Download-Ordner",
    "Set on the command line; it cannot be changed here.":
        "Auf der Befehlszeile festgelegt; hier nicht änderbar.",
    "Set by the environment variable %1; it cannot be changed here.":
        "Durch die Umgebungsvariable %1 festgelegt; hier nicht änderbar.",
    "Unknown setting %1": "Unbekannte Einstellung %1",
    # Filter list, tray
    "All (%1)": "Alle (%1)",
    "Hide Window": "Fenster ausblenden",
    "Show Window": "Fenster zeigen",
    "Downloading %1, queued %2, paused %3": "%1 aktiv, %2 wartend, %3 pausiert",
    "Completed %1, failed %2": "%1 fertig, %2 fehlgeschlagen",
    "The queue is paused": "Die Warteschlange ist angehalten",
    "Total speed %1": "Gesamtgeschwindigkeit %1",
    "Speed limit %1": "Geschwindigkeitslimit %1",
    "↓ %1 (limit %2)": "↓ %1 (Limit %2)",
    # Soulseek page (ui/slskdsettingstab.ui) and its connection check
    "Source: %1": "Quelle: %1",
    "&Test Connection": "Verbindung &testen",
    "slskd's address, with its URL base if it has one. Empty: Soulseek is off.": "Die Adresse von slskd, mit URL-Basis, falls vorhanden. Leer: Soulseek ist aus.",
    "An API key from slskd's configuration (web.authentication.api_keys).": "Ein API-Schlüssel aus der Konfiguration von slskd (web.authentication.api_keys).",
    "Asked from slskd": "Wird bei slskd erfragt",
    "Where slskd puts finished files, as seen from this computer.": "Wo slskd fertige Dateien ablegt, von diesem Computer aus gesehen.",
    "File formats in order of preference, separated by commas.": "Dateiformate in der bevorzugten Reihenfolge, durch Kommas getrennt.",
    " kbps": " kbit/s",
    "Lossy files under this bitrate are tried after the others.": "Verlustbehaftete Dateien unter dieser Bitrate werden nach den anderen versucht.",
    "Changes here take effect at the next start.": "Änderungen hier wirken ab dem nächsten Start.",
    "slskd &address:": "slskd-&Adresse:",
    "API &key:": "API-&Schlüssel:",
    "slskd's &downloads folder:": "&Download-Ordner von slskd:",
    "Preferred &formats:": "Bevorzugte &Formate:",
    "Minimum &bitrate (lossy):": "Mindest-&Bitrate (verlustbehaftet):",
    "Soulseek": "Soulseek",
    "slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not \"%1\".": "Die Adresse von slskd muss eine http(s)-URL wie http://127.0.0.1:5030 sein, nicht „%1“.",
    "Enter slskd's address, such as http://127.0.0.1:5030.": "Adresse von slskd eingeben, etwa http://127.0.0.1:5030.",
    "Asking slskd…": "slskd wird gefragt …",
    "slskd answers at %1.": "slskd antwortet unter %1.",
    "slskd does not answer at %1.": "slskd antwortet nicht unter %1.",
    "The API key is accepted.": "Der API-Schlüssel wird akzeptiert.",
    "slskd rejected the API key.": "slskd hat den API-Schlüssel abgelehnt.",
    "slskd is logged in to Soulseek.": "slskd ist bei Soulseek angemeldet.",
    "slskd is not logged in to Soulseek (%1).": "slskd ist nicht bei Soulseek angemeldet (%1).",
    "slskd's Downloads Folder": "Download-Ordner von slskd",
    # Errors at the start and while reading the list
    "The Download List Could Not Be Read": "Die Downloadliste konnte nicht gelesen werden",
    "SoulSpot Bridge cannot start": "SoulSpot Bridge kann nicht starten",
    # Quitting while downloads run
    "Quit SoulSpot Bridge?": "SoulSpot Bridge beenden?",
    "%n download(s) are running; quit anyway?": [
        "%n Download läuft noch; trotzdem beenden?", "%n Downloads laufen noch; trotzdem beenden?"],
    "They continue from their partial files at the next start.":
        "Sie werden beim nächsten Start an ihren Teildateien fortgesetzt.",
    "Quit": "Beenden",
    "Do not ask again": "Nicht mehr fragen",
    "&Ask before quitting while downloads are running": "Vor dem Beenden &fragen, wenn Downloads laufen",
    # A download's errors (core's DownloadError, worded in the window)
    "HTTP %1 %2": "HTTP-Fehler %1 %2",
    "connection refused": "Verbindung abgelehnt",
    "connection closed or reset by the server": "Verbindung vom Server geschlossen oder zurückgesetzt",
    "host not found: %1": "Host nicht gefunden: %1",
    "too many redirects (more than %1)": "zu viele Weiterleitungen (mehr als %1)",
    "refused a redirect from https to http": "Weiterleitung von https auf http abgelehnt",
    "network error: %1": "Netzwerkfehler: %1",
    "truncated: got %1 of %2 bytes": "abgebrochen: %1 von %2 Bytes erhalten",
    "stalled: no data for %1 s": "hängt: seit %1 s keine Daten",
    "the server sent a web page, not audio": "der Server hat eine Webseite geschickt, kein Audio",
    "cannot write %1: %2": "%1 kann nicht geschrieben werden: %2",
    "cannot create a file in %1: %2": "in %1 kann keine Datei angelegt werden: %2",
    "unsupported URL: %1": "nicht unterstützte URL: %1",
    'no source can download "%1"': "keine Quelle kann „%1“ laden",
    "the track has no URL and Soulseek is not set up: enter slskd's address and API key in Settings → Soulseek":
        "der Titel hat keine URL und Soulseek ist nicht eingerichtet: Adresse und API-Schlüssel von slskd unter Einstellungen → Soulseek eintragen",
    "slskd rejected the API key: check it in Settings → Soulseek":
        "slskd hat den API-Schlüssel abgelehnt: unter Einstellungen → Soulseek prüfen",
    "slskd finished the download, but the file did not appear in %1: check slskd's downloads folder in Settings → Soulseek":
        "slskd hat den Download beendet, aber die Datei ist nicht in %1 erschienen: den Download-Ordner von slskd unter Einstellungen → Soulseek prüfen",
    "slskd did not say where its downloads folder is: enter it in Settings → Soulseek":
        "slskd hat nicht gesagt, wo sein Download-Ordner ist: ihn unter Einstellungen → Soulseek eintragen",
    "could not ask slskd where its downloads folder is (%1): enter it in Settings → Soulseek":
        "slskd konnte nicht nach seinem Download-Ordner gefragt werden (%1): ihn unter Einstellungen → Soulseek eintragen",
    # The details panel
    "&View": "&Ansicht",
    "Details": "Details",
    "Name:": "Name:",
    "Source:": "Quelle:",
    "Saved as:": "Gespeichert als:",
    "Open Folder": "Ordner öffnen",
    "Size:": "Größe:",
    "Downloaded:": "Heruntergeladen:",
    "Speed:": "Geschwindigkeit:",
    "Connections:": "Verbindungen:",
    "Attempts:": "Versuche:",
    "Started:": "Gestartet:",
    "Completed:": "Abgeschlossen:",
    "Errors:": "Fehler:",
    "Select a download to see its details.": "Einen Download auswählen, um seine Details zu sehen.",
    "Not chosen yet": "Noch nicht festgelegt",
    "Unknown": "Unbekannt",
    "%1: %2": "%1: %2",
    "The errors could not be read: %1": "Die Fehler konnten nicht gelesen werden: %1",
    "None": "Keine",
    # Columns hidden by default
    "Source": "Quelle",
    "Saved As": "Gespeichert als",
    "Downloaded": "Heruntergeladen",
    "Completed On": "Abgeschlossen am",
    "Worker": "Instanz",
    "Downloaded by the worker %1": "Geladen von der Instanz %1",
    # Duplicates
    "“%1” is already in the list or in the download folder.":
        "„%1“ ist bereits in der Liste oder im Download-Ordner.",
    "%Ln of the %1 downloads are already in the list or in the download folder.": [
        "%Ln der %1 Downloads ist bereits in der Liste oder im Download-Ordner.",
        "%Ln der %1 Downloads sind bereits in der Liste oder im Download-Ordner."],
    "Already There": "Bereits vorhanden",
    "Skip": "Überspringen",
    "Skip These": "Diese überspringen",
    "Add Anyway": "Trotzdem hinzufügen",
    "Skipped %Ln already there.": ["%Ln bereits vorhandener übersprungen.", "%Ln bereits vorhandene übersprungen."],
    # Help
    '&Getting Started': '&Erste Schritte',
    '&Keyboard Shortcuts': '&Tastenkürzel',
    'Getting Started': 'Erste Schritte',
    'Keyboard Shortcuts': 'Tastenkürzel',
    'Close': 'Schließen',
    'Action': 'Aktion',
    'Shortcut': 'Tastenkürzel',
    'Clear the search': 'Suche leeren',
    '<h3>Adding downloads</h3><p>Press Ctrl+N and enter one link a line (http, https or slsk), or <i>Artist - Title</i> to search on Soulseek. You can also paste links with Ctrl+V, drop links or playlists (.m3u, .m3u8, .txt, .csv) onto the window, or import a list with Ctrl+O.</p><h3>Priorities</h3><p>High downloads start before Normal ones, and Normal ones before Low ones; within a priority, first come, first served. Change it with Ctrl+0, Ctrl+1 and Ctrl+2. The REST API calls them P0, P1 and P2.</p><h3>Where files go</h3><p>Into the download folder, now <b>%1</b> (Settings → Downloads). A file is written as NAME.part until it is complete; a paused or interrupted download continues from there. Open Containing Folder (Ctrl+E) shows a file.</p><h3>The REST API</h3><p>Scripts can add and control downloads over HTTP. Turn it on in Settings → REST API; it then answers at http://127.0.0.1:8000 (port and address are settings), and describes itself at /api/openapi.json. Any address other than 127.0.0.1 needs a token.</p><h3>Soulseek</h3><p>Soulseek downloads run in slskd, a separate program. Enter its address and API key in Settings → Soulseek; then <i>Artist - Title</i> lines and slsk:// links are searched and downloaded there and moved into the download folder.</p>': '<h3>Downloads hinzufügen</h3><p>Strg+N drücken und einen Link pro Zeile eingeben (http, https oder slsk) oder <i>Künstler - Titel</i>, um auf Soulseek zu suchen. Links lassen sich auch mit Strg+V einfügen, als Links oder Playlists (.m3u, .m3u8, .txt, .csv) auf das Fenster ziehen oder mit Strg+O als Liste importieren.</p><h3>Prioritäten</h3><p>Downloads mit hoher Priorität starten vor normalen, normale vor niedrigen; innerhalb einer Priorität gilt: wer zuerst kommt, wird zuerst geladen. Geändert wird sie mit Strg+0, Strg+1 und Strg+2. Die REST-API nennt sie P0, P1 und P2.</p><h3>Wohin die Dateien kommen</h3><p>In den Download-Ordner, derzeit <b>%1</b> (Einstellungen → Downloads). Eine Datei wird als NAME.part geschrieben, bis sie vollständig ist; ein angehaltener oder unterbrochener Download setzt dort fort. „Enthaltenden Ordner öffnen“ (Strg+E) zeigt eine Datei.</p><h3>Die REST-API</h3><p>Skripte können Downloads über HTTP hinzufügen und steuern. Sie wird unter Einstellungen → REST-API eingeschaltet und antwortet dann unter http://127.0.0.1:8000 (Port und Adresse sind einstellbar); sie beschreibt sich unter /api/openapi.json. Jede andere Adresse als 127.0.0.1 braucht ein Token.</p><h3>Soulseek</h3><p>Soulseek-Downloads laufen in slskd, einem eigenen Programm. Dessen Adresse und API-Schlüssel unter Einstellungen → Soulseek eintragen; dann werden Zeilen wie <i>Künstler - Titel</i> und slsk://-Links dort gesucht, geladen und in den Download-Ordner verschoben.</p>',
}

# English plural forms where dropping or adding "s" is not enough (the verb changes too).
ENGLISH_PLURALS = {
    "%n download(s) are running; quit anyway?": [
        "%n download is running; quit anyway?", "%n downloads are running; quit anyway?"],
    "%Ln of the %1 downloads are already in the list or in the download folder.": [
        "%Ln of the %1 downloads is already in the list or in the download folder.",
        "%Ln of the %1 downloads are already in the list or in the download folder."],
}


def fill_english_plurals(path: Path) -> None:
    """English keeps its source texts; only the plural forms need a file ("%Ln download(s)")."""
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes":
            continue
        source = message.find("source").text
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        forms = ENGLISH_PLURALS.get(source, [source.replace("(s)", ""), source.replace("(s)", "s")])
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    write(tree, path)


def write(tree, path: Path) -> None:
    ET.indent(tree, space="    ")
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "translations/soulspot_de.ts")
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        german = GERMAN.get(source)
        if german is None:
            missing.append(source)
            continue
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = german if isinstance(german, list) else [german, german]
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = german if isinstance(german, str) else german[-1]
    write(tree, path)
    english = path.with_name("soulspot_en.ts")
    if english.exists():
        fill_english_plurals(english)
    for source in missing:
        print("no German text for:", source, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
