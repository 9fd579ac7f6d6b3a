<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About SoulSpot Bridge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;h3&gt;SoulSpot Bridge %1&lt;/h3&gt;&lt;p&gt;A download manager for music: web links and Soulseek (through slskd), with a priority queue, retries, and a local REST API for scripts.&lt;/p&gt;&lt;p&gt;License: GPL 3.0 or later.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AddDownloadsDialog</name>
        <message>
            <source>Add Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One link a line (http, https or slsk), or "Artist - Title" to search on Soulseek:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>https://example.org/music/song.mp3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download &amp;folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Confirmation</name>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DownloadError</name>
        <message>
            <source>HTTP %1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connection refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connection closed or reset by the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>host not found: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>too many redirects (more than %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>refused a redirect from https to http</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>network error: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>truncated: got %1 of %2 bytes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stalled: no data for %1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server sent a web page, not audio</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot create a file in %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unsupported URL: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no source can download "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the track has no URL and Soulseek is not set up: enter slskd's address and API key in Settings → Soulseek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd rejected the API key: check it in Settings → Soulseek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd finished the download, but the file did not appear in %1: check slskd's downloads folder in Settings → Soulseek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd did not say where its downloads folder is: enter it in Settings → Soulseek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>could not ask slskd where its downloads folder is (%1): enter it in Settings → Soulseek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the folder chosen for this download, %1, cannot be written: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>GettingStartedDialog</name>
        <message>
            <source>Getting Started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;h3&gt;Adding downloads&lt;/h3&gt;&lt;p&gt;Press Ctrl+N and enter one link a line (http, https or slsk), or &lt;i&gt;Artist - Title&lt;/i&gt; to search on Soulseek. You can also paste links with Ctrl+V, drop links or playlists (.m3u, .m3u8, .txt, .csv) onto the window, or import a list with Ctrl+O.&lt;/p&gt;&lt;h3&gt;Priorities&lt;/h3&gt;&lt;p&gt;High downloads start before Normal ones, and Normal ones before Low ones; within a priority, first come, first served. Change it with Ctrl+0, Ctrl+1 and Ctrl+2. The REST API calls them P0, P1 and P2.&lt;/p&gt;&lt;h3&gt;Where files go&lt;/h3&gt;&lt;p&gt;Into the download folder, now &lt;b&gt;%1&lt;/b&gt; (Settings → Downloads). A file is written as NAME.part until it is complete; a paused or interrupted download continues from there. Open Containing Folder (Ctrl+E) shows a file.&lt;/p&gt;&lt;h3&gt;The REST API&lt;/h3&gt;&lt;p&gt;Scripts can add and control downloads over HTTP. Turn it on in Settings → REST API; it then answers at http://127.0.0.1:8000 (port and address are settings), and describes itself at /api/openapi.json. Any address other than 127.0.0.1 needs a token.&lt;/p&gt;&lt;h3&gt;Soulseek&lt;/h3&gt;&lt;p&gt;Soulseek downloads run in slskd, a separate program. Enter its address and API key in Settings → Soulseek; then &lt;i&gt;Artist - Title&lt;/i&gt; lines and slsk:// links are searched and downloaded there and moved into the download folder.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportConfirmDialog</name>
        <message>
            <source>Add Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloads at &amp;once:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How many downloads run at the same time (1-10). Applied at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Retries of a failed download:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network errors are tried again after 1 s, 2 s, 4 s … up to this many times (1-10). For downloads added from now on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download higher &amp;priorities first (P0 before P1 before P2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Off: first come, first served, whatever the priority.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download &amp;folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>REST API</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Serve the REST API for scripts while the window is open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>127.0.0.1 serves only this computer. Any other address needs a token.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Port:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>0 picks any free port.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Token:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No token: only this computer may connect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Generate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes to the REST API take effect at the next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Desktop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show a &amp;notification when a download completes or fails</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Closing the window keeps downloading in the system tray</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new language takes effect at the next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Greyed-out values are set by the environment or the command line; hover over them to see where.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Speed &amp;limit:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The most all HTTP downloads together may take, shared fairly among them (0 = unlimited). Applied at once, also to running downloads.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlimited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The limit applies to HTTP downloads. Soulseek downloads run in slskd: set their speed limit in slskd's own settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Ask before quitting while downloads are running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Connections per download:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A large file from a server that allows byte ranges is fetched over up to this many connections at once (1-16; 1 = one stream). For downloads started from now on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Split files from:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Smaller files are fetched over one connection.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard Shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shortcut</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SlskdSettingsTab</name>
        <message>
            <source>slskd &amp;address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd's address, with its URL base if it has one. Empty: Soulseek is off.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API &amp;key:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An API key from slskd's configuration (web.authentication.api_keys).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd's &amp;downloads folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where slskd puts finished files, as seen from this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asked from slskd</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preferred &amp;formats:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File formats in order of preference, separated by commas.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minimum &amp;bitrate (lossy):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lossy files under this bitrate are tried after the others.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> kbps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Test Connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes here take effect at the next start.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::AboutDialog</name>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::AddDownloadsDialog</name>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot add: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln download(s) will be added.</source>
            <translation>
                <numerusform>%Ln download will be added.</numerusform>
                <numerusform>%Ln downloads will be added.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln line(s) cannot be added:</source>
            <translation>
                <numerusform>%Ln line cannot be added:</numerusform>
                <numerusform>%Ln lines cannot be added:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Add the %Ln Good One(s)</source>
            <translation>
                <numerusform>Add the %Ln Good One</numerusform>
                <numerusform>Add the %Ln Good Ones</numerusform>
            </translation>
        </message>
        <message>
            <source>The download folder of the settings (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” is not a full path to a folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The folder %1 cannot be used for downloads: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot Use This Folder</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadAdder</name>
        <message>
            <source>Import a List of Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lists and playlists (*.m3u *.m3u8 *.txt *.csv)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Added %Ln download(s).</source>
            <translation>
                <numerusform>Added %Ln download.</numerusform>
                <numerusform>Added %Ln downloads.</numerusform>
            </translation>
        </message>
        <message>
            <source>“%1” is already in the list or in the download folder.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln of the %1 downloads are already in the list or in the download folder.</source>
            <translation>
                <numerusform>%Ln of the %1 downloads is already in the list or in the download folder.</numerusform>
                <numerusform>%Ln of the %1 downloads are already in the list or in the download folder.</numerusform>
            </translation>
        </message>
        <message>
            <source>Already There</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skip These</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add Anyway</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Skipped %Ln already there.</source>
            <translation>
                <numerusform>Skipped %Ln already there.</numerusform>
                <numerusform>Skipped %Ln already there.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing can be added:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadCommandRunner</name>
        <message>
            <source>Not changed: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no longer exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not possible while %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Paused %1 of %Ln download(s).</source>
            <translation>
                <numerusform>Paused %1 of %Ln download.</numerusform>
                <numerusform>Paused %1 of %Ln downloads.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Resumed %1 of %Ln download(s).</source>
            <translation>
                <numerusform>Resumed %1 of %Ln download.</numerusform>
                <numerusform>Resumed %1 of %Ln downloads.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancelled %1 of %Ln download(s).</source>
            <translation>
                <numerusform>Cancelled %1 of %Ln download.</numerusform>
                <numerusform>Cancelled %1 of %Ln downloads.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Queued %1 of %Ln download(s) again.</source>
            <translation>
                <numerusform>Queued %1 of %Ln download again.</numerusform>
                <numerusform>Queued %1 of %Ln downloads again.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Set priority P%1 on %2 of %Ln download(s).</source>
            <translation>
                <numerusform>Set priority P%1 on %2 of %Ln download.</numerusform>
                <numerusform>Set priority P%1 on %2 of %Ln downloads.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed %1 of %Ln download(s) from the list.</source>
            <translation>
                <numerusform>Removed %1 of %Ln download from the list.</numerusform>
                <numerusform>Removed %1 of %Ln downloads from the list.</numerusform>
            </translation>
        </message>
        <message>
            <source>Skipped: %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadDetailsPanel</name>
        <message>
            <source>Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved as:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloaded:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Speed:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attempts:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Errors:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a download to see its details.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not chosen yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The errors could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connections:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not chosen yet, in %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::DownloadTableModel</name>
        <message>
            <source>Source: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Speed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ETA</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of ?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queue paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connections to the server: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connections</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved As</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloaded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed On</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Place in the queue: the order in which waiting downloads start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloaded by the worker %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::Format</name>
        <message>
            <source>Queued</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P0: highest, downloaded first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P1: normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P2: low, for large batches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1/s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1m %2s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1h %2m</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1d %2h</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>High</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Low</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 B</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::GettingStartedDialog</name>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::ImportConfirmDialog</name>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Add %Ln download(s)?</source>
            <translation>
                <numerusform>Add %Ln download?</numerusform>
                <numerusform>Add %Ln downloads?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %Ln more</source>
            <translation>
                <numerusform>… and %Ln more</numerusform>
                <numerusform>… and %Ln more</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Add the %Ln good download(s)?</source>
            <translation>
                <numerusform>Add the %Ln good download?</numerusform>
                <numerusform>Add the %Ln good downloads?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln line(s) cannot be added and will be left out:</source>
            <translation>
                <numerusform>%Ln line cannot be added and will be left out:</numerusform>
                <numerusform>%Ln lines cannot be added and will be left out:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::MainWindow</name>
        <message>
            <source>SoulSpot Bridge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main Toolbar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search downloads…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 downloading · %2 queued · %3 paused · %4 completed · %5 failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>↓ %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queue paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queue running, up to %1 at once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot Add Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Still downloading in the tray. Quit from the tray icon's menu.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Some Downloads Were Not Changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download completed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading the download list…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 - SoulSpot Bridge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No download matches the filter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No downloads yet.

Add links with Ctrl+N, paste them with Ctrl+V, or drop links and playlists (.m3u, .m3u8, .txt, .csv) here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The Download List Could Not Be Read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>↓ %1 (limit %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Speed limit %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloads paused: the folder %1 cannot be written (%2). They continue when it works again, or choose another folder in Settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloads Paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Details</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::MainWindowActions</name>
        <message>
            <source>&amp;Add Downloads…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import List…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Paste Links</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P&amp;ause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Cancel Download</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re&amp;try</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open Containing &amp;Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause A&amp;ll</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resume All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About SoulSpot Bridge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resume</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select &amp;All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set &amp;Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set the priority of the selected downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The queue is paused: running downloads stopped and keep their partial files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The queue is running again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could Not Open the Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file manager could not open %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;High (P0)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Normal (P1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Low (P2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re&amp;move…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove with &amp;Files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear Fi&amp;nished…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear Partial Files of Failed Downloads…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running downloads are stopped and their partial files deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also delete the downloaded files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There are no finished downloads to clear.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear Finished Downloads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their downloaded files stay in the download folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There are no failed downloads.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear Partial Files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The downloads stay in the list; a retry then starts from the beginning.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partial Files Not Deleted</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Remove %Ln download(s) from the list?</source>
            <translation>
                <numerusform>Remove %Ln download from the list?</numerusform>
                <numerusform>Remove %Ln downloads from the list?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Remove %Ln finished download(s) (completed or cancelled) from the list?</source>
            <translation>
                <numerusform>Remove %Ln finished download (completed or cancelled) from the list?</numerusform>
                <numerusform>Remove %Ln finished downloads (completed or cancelled) from the list?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Also remove the %Ln failed download(s)</source>
            <translation>
                <numerusform>Also remove the %Ln failed download</numerusform>
                <numerusform>Also remove the %Ln failed downloads</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete the partial files of %Ln failed download(s)?</source>
            <translation>
                <numerusform>Delete the partial files of %Ln failed download?</numerusform>
                <numerusform>Delete the partial files of %Ln failed downloads?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleted %Ln partial file(s), %1 freed.</source>
            <translation>
                <numerusform>Deleted %Ln partial file, %1 freed.</numerusform>
                <numerusform>Deleted %Ln partial files, %1 freed.</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Getting Started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Keyboard Shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move to T&amp;op</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move &amp;Up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move &amp;Down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move to &amp;Bottom</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Start Now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start the selected download now, even when the queue is full or paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloads Not Moved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The download could not start now: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::MimeImport</name>
        <message>
            <source>There is nothing to add.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not a list of downloads: use a .m3u, .m3u8, .txt or .csv file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The list holds no downloads.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The text holds no links and no "Artist - Title" lines.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>more than one link on one line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>neither a link (http, https, slsk) nor “Artist - Title”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not a http, https or slsk link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>an opening quote is never closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not the columns title,artist,album,url</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its link is not http, https or slsk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>neither a title nor a link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, line %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 — %3</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>… and %Ln more</source>
            <translation>
                <numerusform>… and %Ln more</numerusform>
                <numerusform>… and %Ln more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::QuitConfirmation</name>
        <message>
            <source>Quit SoulSpot Bridge?</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n download(s) are running; quit anyway?</source>
            <translation>
                <numerusform>%n download is running; quit anyway?</numerusform>
                <numerusform>%n downloads are running; quit anyway?</numerusform>
            </translation>
        </message>
        <message>
            <source>They continue from their partial files at the next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not ask again</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::RetryCountdown</name>
        <message numerus="yes">
            <source>%1 (retrying in %Ln s)</source>
            <translation>
                <numerusform>%1 (retrying in %Ln s)</numerusform>
                <numerusform>%1 (retrying in %Ln s)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::SettingsDialog</name>
        <message>
            <source>System default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This desktop has no system tray.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings Not Saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download Folder</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::SettingsStore</name>
        <message>
            <source>Set on the command line; it cannot be changed here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set by the environment variable %1; it cannot be changed here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The REST API's address must be an IP address or localhost, not "%1".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The REST API may listen on %1 only with a token. Set a token or use 127.0.0.1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not "%1".</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::ShortcutsDialog</name>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear the search</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::SlskdSettingsTab</name>
        <message>
            <source>Soulseek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter slskd's address, such as http://127.0.0.1:5030.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asking slskd…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd answers at %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd does not answer at %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The API key is accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd rejected the API key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd is logged in to Soulseek.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd is not logged in to Soulseek (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>slskd's Downloads Folder</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::StartError</name>
        <message>
            <source>SoulSpot Bridge cannot start</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::StatusFilterList</name>
        <message>
            <source>All (%1)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SoulSpot::Gui::TrayIcon</name>
        <message>
            <source>Hide Window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SoulSpot Bridge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Downloading %1, queued %2, paused %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed %1, failed %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The queue is paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Total speed %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show Window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Speed limit %1</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
