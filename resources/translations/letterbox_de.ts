<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiSettingsPage</name>
    <message>
        <source>Serve the HTTP &amp;API (Mailpit API v1)</source>
        <translation>HTTP-&amp;API bereitstellen (Mailpit-API v1)</translation>
    </message>
    <message>
        <source>ADDR:PORT, e.g. %1 (Mailpit&apos;s and MailHog&apos;s port)</source>
        <translation>ADRESSE:PORT, z. B. %1 (der Port von Mailpit und MailHog)</translation>
    </message>
    <message>
        <source>With users, every request needs HTTP Basic authentication as one of them; without, anyone who reaches the address can read and delete the mail.</source>
        <translation>Mit Benutzern braucht jede Anfrage HTTP-Basic-Authentifizierung als einer von ihnen; ohne kann jeder, der die Adresse erreicht, die Post lesen und löschen.</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Lauschen auf:</translation>
    </message>
    <message>
        <source>Users:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>%1: Letterbox runs without the API until it is free</source>
        <translation>%1: Letterbox läuft ohne die API, bis die Adresse frei ist</translation>
    </message>
    <message>
        <source>Reachable from other machines without a password: anyone who can reach it can read and delete your mail; add a user</source>
        <translation>Ohne Passwort von anderen Rechnern erreichbar: Wer sie erreicht, kann Ihre Post lesen und löschen; fügen Sie einen Benutzer hinzu</translation>
    </message>
</context>
<context>
    <name>AttachmentFolder</name>
    <message>
        <source>cannot create a private folder in %1: %2</source>
        <translation>In %1 kann kein privater Ordner angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>AuthSettingsPage</name>
    <message>
        <source>Offer SMTP &amp;authentication (AUTH)</source>
        <translation>SMTP-&amp;Authentifizierung anbieten (AUTH)</translation>
    </message>
    <message>
        <source>Re&amp;quire it before MAIL (only AUTH, EHLO, HELO, NOOP, RSET, QUIT and STARTTLS before)</source>
        <translation>Vor MAIL &amp;verlangen (davor nur AUTH, EHLO, HELO, NOOP, RSET, QUIT und STARTTLS)</translation>
    </message>
    <message>
        <source>Accept &amp;any user name and password (still shown in the log)</source>
        <translation>&amp;Jeden Benutzernamen und jedes Passwort annehmen (erscheinen trotzdem im Protokoll)</translation>
    </message>
    <message>
        <source>Allow PLAIN and LOGIN &amp;before TLS</source>
        <translation>PLAIN und LOGIN &amp;schon vor TLS erlauben</translation>
    </message>
    <message>
        <source>PLAIN and LOGIN send the password in the clear, so by default (RFC 4954) they are offered and accepted only after STARTTLS or on the implicit-TLS port. CRAM-MD5 is always available. Allow them before TLS only to test a client that cannot do TLS.</source>
        <translation>PLAIN und LOGIN senden das Passwort im Klartext, daher werden sie standardmäßig (RFC 4954) nur nach STARTTLS oder auf dem Port mit implizitem TLS angeboten und angenommen. CRAM-MD5 ist immer verfügbar. Erlauben Sie sie vor TLS nur, um einen Client zu testen, der kein TLS beherrscht.</translation>
    </message>
    <message>
        <source>Mechanisms:</source>
        <translation>Verfahren:</translation>
    </message>
    <message>
        <source>Add a user, or accept any credentials</source>
        <translation>Fügen Sie einen Benutzer hinzu oder nehmen Sie beliebige Zugangsdaten an</translation>
    </message>
    <message>
        <source>Choose at least one mechanism</source>
        <translation>Wählen Sie mindestens ein Verfahren</translation>
    </message>
</context>
<context>
    <name>AutostartEntry</name>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Usage:
  letterbox [options]                              desktop app
  letterbox --headless [options]                   no window, until SIGINT/SIGTERM
  letterbox list [--store DIR] [--json] [--limit N] [--] [QUERY]
                                                   stored messages, oldest first
  letterbox search [--store DIR] [--json] [--limit N] [--] QUERY
                                                   matching messages, newest first
  letterbox show [--store DIR] ID [--raw|--json]   one message
  letterbox delete [--store DIR] ID...|--all       delete messages (not while a
                                                   Letterbox runs on the store)
  letterbox rebuild-index [--store DIR]            rebuild the search index; salvage a
                                                   damaged store
  letterbox export [--store DIR] [--format eml|mbox|maildir]
                   (--query QUERY | --all | ID...) DEST
                                                   copy messages out: .eml files in the
                                                   folder DEST, an mbox file or a Maildir
  letterbox import [--store DIR] PATH...           .eml files, folders of them, mbox files,
                                                   Maildirs (not while a Letterbox runs on
                                                   the store)
  letterbox release [--store DIR] --relay-host HOST:PORT --relay-allow PATTERN...
                    [relay options] ID --to ADDR...
                                                   deliver a stored message for real (not
                                                   while a Letterbox runs on the store: use
                                                   its API or Release... there)

Retention when serving: --retain-messages N keeps the newest N messages, --retain-days D
  removes messages older than D days (both off unless given; the desktop app also has
  them under Settings &gt; Storage &amp; Desktop).
Export format when --format is not given: mbox if DEST ends in .mbox, maildir if DEST is
  a Maildir (has cur/ or new/), otherwise a folder of .eml files.

</source>
        <translation>Aufruf:
  letterbox [options]                              Desktop-Anwendung
  letterbox --headless [options]                   ohne Fenster, bis SIGINT/SIGTERM
  letterbox list [--store DIR] [--json] [--limit N] [--] [QUERY]
                                                   gespeicherte Nachrichten, älteste zuerst
  letterbox search [--store DIR] [--json] [--limit N] [--] QUERY
                                                   passende Nachrichten, neueste zuerst
  letterbox show [--store DIR] ID [--raw|--json]   eine Nachricht
  letterbox delete [--store DIR] ID...|--all       Nachrichten löschen (nicht, während
                                                   ein Letterbox die Ablage verwendet)
  letterbox rebuild-index [--store DIR]            den Suchindex neu aufbauen; eine
                                                   beschädigte Ablage retten
  letterbox export [--store DIR] [--format eml|mbox|maildir]
                   (--query QUERY | --all | ID...) DEST
                                                   Nachrichten hinauskopieren: .eml-Dateien
                                                   im Ordner DEST, eine mbox-Datei oder ein
                                                   Maildir
  letterbox import [--store DIR] PATH...           .eml-Dateien, Ordner davon, mbox-Dateien,
                                                   Maildirs (nicht, während ein Letterbox
                                                   die Ablage verwendet)
  letterbox release [--store DIR] --relay-host HOST:PORT --relay-allow PATTERN...
                    [relay options] ID --to ADDR...
                                                   eine gespeicherte Nachricht wirklich
                                                   zustellen (nicht, während ein Letterbox
                                                   die Ablage verwendet: dann über dessen
                                                   API oder Freigeben …)

Aufbewahrung beim Betrieb: --retain-messages N behält die neuesten N Nachrichten,
  --retain-days D entfernt Nachrichten, die älter als D Tage sind (beide aus, wenn nicht
  angegeben; die Desktop-Anwendung hat sie auch unter Einstellungen &gt; Ablage &amp; Desktop).
Exportformat ohne --format: mbox, wenn DEST auf .mbox endet, maildir, wenn DEST ein
  Maildir ist (cur/ oder new/ enthält), sonst ein Ordner mit .eml-Dateien.

</translation>
    </message>
    <message>
        <source>%1: cannot read %2: %3</source>
        <translation>%1: %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>%1: %2 is larger than %3 bytes</source>
        <translation>%1: %2 ist größer als %3 Byte</translation>
    </message>
    <message>
        <source>warning: %1 %2 can be read by other users (chmod 600)</source>
        <translation>Warnung: %1 %2 kann von anderen Benutzern gelesen werden (chmod 600)</translation>
    </message>
    <message>
        <source> (default %1)</source>
        <translation> (Vorgabe %1)</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe zeigen.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version zeigen.</translation>
    </message>
    <message>
        <source>Run without a window.</source>
        <translation>Ohne Fenster laufen.</translation>
    </message>
    <message>
        <source>Passphrase of the key: the first line of FILE (else $LETTERBOX_TLS_PASSPHRASE, when no passphrase option is given).</source>
        <translation>Passphrase des Schlüssels: die erste Zeile von FILE (sonst $LETTERBOX_TLS_PASSPHRASE, wenn keine Passphrase-Option angegeben ist).</translation>
    </message>
    <message>
        <source>Repeatable; like --auth-user, one USER:PASSWORD per line (blank lines and lines starting with # are skipped).</source>
        <translation>Wiederholbar; wie --auth-user, ein USER:PASSWORD je Zeile (leere Zeilen und Zeilen, die mit # beginnen, werden übersprungen).</translation>
    </message>
    <message>
        <source>One line per event on stdout: json, text or none.</source>
        <translation>Eine Zeile je Ereignis auf stdout: json, text oder none.</translation>
    </message>
    <message>
        <source>list/show: JSON output.</source>
        <translation>list/show: Ausgabe als JSON.</translation>
    </message>
    <message>
        <source>show: exactly the stored bytes.</source>
        <translation>show: genau die gespeicherten Bytes.</translation>
    </message>
    <message>
        <source>delete/export: every stored message.</source>
        <translation>delete/export: jede gespeicherte Nachricht.</translation>
    </message>
    <message>
        <source>export: the messages matching QUERY.</source>
        <translation>export: die zu QUERY passenden Nachrichten.</translation>
    </message>
    <message>
        <source>export: eml, mbox or maildir.</source>
        <translation>export: eml, mbox oder maildir.</translation>
    </message>
    <message>
        <source>list/search: at most N messages, the newest.</source>
        <translation>list/search: höchstens N Nachrichten, die neuesten.</translation>
    </message>
    <message>
        <source>release: a recipient (repeatable).</source>
        <translation>release: ein Empfänger (wiederholbar).</translation>
    </message>
    <message>
        <source>QUERY: words (all must match), &quot;a phrase&quot;, word*, a OR b, -word, NOT word, ( ), and
</source>
        <translation>QUERY: Wörter (alle müssen passen), &quot;eine Phrase&quot;, wort*, a OR b, -wort, NOT wort, ( ) und
</translation>
    </message>
    <message>
        <source>  -- ends the options, so a query can start with -: letterbox search -- -draft
  (export: --query=-draft).
</source>
        <translation>  -- beendet die Optionen, damit eine Suche mit - beginnen kann: letterbox search -- -draft
  (export: --query=-draft).
</translation>
    </message>
    <message>
        <source>Letterbox catches the mail your application sends and shows it.

</source>
        <translation>Letterbox fängt die Post, die Ihre Anwendung sendet, und zeigt sie.

</translation>
    </message>
    <message>
        <source>%1 or %2 (optional)</source>
        <translation>%1 oder %2 (optional)</translation>
    </message>
    <message>
        <source> (a query starting with - goes after --, e.g. letterbox %1 -- -draft; see --help)</source>
        <translation> (eine Suche, die mit - beginnt, steht nach --, z. B. letterbox %1 -- -draft; siehe --help)</translation>
    </message>
    <message>
        <source> (see --help)</source>
        <translation> (siehe --help)</translation>
    </message>
    <message>
        <source>search needs a query (see --help)</source>
        <translation>search braucht eine Suche (siehe --help)</translation>
    </message>
    <message>
        <source>delete: &quot;%1&quot; is not a message id</source>
        <translation>delete: „%1“ ist keine Nachrichten-ID</translation>
    </message>
    <message>
        <source>delete needs message ids or --all (not both)</source>
        <translation>delete braucht Nachrichten-IDs oder --all (nicht beides)</translation>
    </message>
    <message>
        <source>export needs a destination (see --help)</source>
        <translation>export braucht ein Ziel (siehe --help)</translation>
    </message>
    <message>
        <source>export: &quot;%1&quot; is not a message id</source>
        <translation>export: „%1“ ist keine Nachrichten-ID</translation>
    </message>
    <message>
        <source>--format must be eml, mbox or maildir</source>
        <translation>--format muss eml, mbox oder maildir sein</translation>
    </message>
    <message>
        <source>import needs at least one file or folder</source>
        <translation>import braucht mindestens eine Datei oder einen Ordner</translation>
    </message>
    <message>
        <source>rebuild-index takes no arguments</source>
        <translation>rebuild-index nimmt keine Argumente</translation>
    </message>
    <message>
        <source>release needs one message id and --to ADDR</source>
        <translation>release braucht eine Nachrichten-ID und --to ADDR</translation>
    </message>
    <message>
        <source>release needs at least one --to ADDR</source>
        <translation>release braucht mindestens ein --to ADDR</translation>
    </message>
    <message>
        <source>show needs one message id (see letterbox list)</source>
        <translation>show braucht eine Nachrichten-ID (siehe letterbox list)</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see --help)</source>
        <translation>unbekannter Befehl „%1“ (siehe --help)</translation>
    </message>
    <message>
        <source>--raw and --json exclude each other</source>
        <translation>--raw und --json schließen sich aus</translation>
    </message>
    <message>
        <source>--all goes with delete and export</source>
        <translation>--all gehört zu delete und export</translation>
    </message>
    <message>
        <source>--query and --format go with export</source>
        <translation>--query und --format gehören zu export</translation>
    </message>
    <message>
        <source>--retain-messages and --retain-days go with serving</source>
        <translation>--retain-messages und --retain-days gehören zum Betrieb</translation>
    </message>
    <message>
        <source>--limit goes with list and search</source>
        <translation>--limit gehört zu list und search</translation>
    </message>
    <message>
        <source>--limit must be a number from 1 to %1</source>
        <translation>--limit muss eine Zahl von 1 bis %1 sein</translation>
    </message>
    <message>
        <source>--to goes with release</source>
        <translation>--to gehört zu release</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>--tls-passphrase and --tls-passphrase-file exclude each other</source>
        <translation>--tls-passphrase und --tls-passphrase-file schließen sich aus</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert und --tls-key gehören zusammen</translation>
    </message>
    <message>
        <source>--tls-listen needs --tls-cert and --tls-key</source>
        <translation>--tls-listen braucht --tls-cert und --tls-key</translation>
    </message>
    <message>
        <source>--require-tls needs --tls-cert and --tls-key</source>
        <translation>--require-tls braucht --tls-cert und --tls-key</translation>
    </message>
    <message>
        <source>--auth-user: &quot;%1&quot; is not USER:PASSWORD</source>
        <translation>--auth-user: „%1“ ist nicht USER:PASSWORD</translation>
    </message>
    <message>
        <source>--auth-user-file: %1 line %2 is not USER:PASSWORD</source>
        <translation>--auth-user-file: %1 Zeile %2 ist nicht USER:PASSWORD</translation>
    </message>
    <message>
        <source>--auth-user-file: %1 has no USER:PASSWORD line</source>
        <translation>--auth-user-file: %1 hat keine Zeile USER:PASSWORD</translation>
    </message>
    <message>
        <source>AUTH options need --auth-user, --auth-user-file or --auth-accept-any</source>
        <translation>AUTH-Optionen brauchen --auth-user, --auth-user-file oder --auth-accept-any</translation>
    </message>
    <message>
        <source>--auth-mechanisms: no mechanism given</source>
        <translation>--auth-mechanisms: kein Verfahren angegeben</translation>
    </message>
    <message>
        <source>--api-auth: &quot;%1&quot; is not USER:PASSWORD</source>
        <translation>--api-auth: „%1“ ist nicht USER:PASSWORD</translation>
    </message>
    <message>
        <source>--fault %1 (&quot;%2&quot;): %3</source>
        <translation>--fault %1 („%2“): %3</translation>
    </message>
    <message>
        <source>--fault: at most %1 rules</source>
        <translation>--fault: höchstens %1 Regeln</translation>
    </message>
    <message>
        <source>release needs --relay-host HOST:PORT</source>
        <translation>release braucht --relay-host HOST:PORT</translation>
    </message>
    <message>
        <source>--events must be json, text or none</source>
        <translation>--events muss json, text oder none sein</translation>
    </message>
    <message>
        <source>Stop the Letterbox running on the store (--store DIR; without it the desktop app&apos;s store, then the default one) the way SIGTERM does, and wait until it has stopped; exit 1 when none runs.</source>
        <translation>Die Letterbox, die auf der Ablage läuft (--store DIR; ohne die Option die Ablage der Desktop-App, dann die voreingestellte), so beenden, wie es SIGTERM tut, und warten, bis sie beendet ist; Exit-Code 1, wenn keine läuft.</translation>
    </message>
    <message>
        <source>Desktop app: start in the system tray (minimised where there is none); what the &quot;Open at login&quot; entry runs.</source>
        <translation>Desktop-App: im Systemabschnitt starten (minimiert, wo es keinen gibt); das, was der Eintrag „Beim Anmelden öffnen“ ausführt.</translation>
    </message>
    <message>
        <source>--quit takes only --store DIR</source>
        <translation>--quit nimmt nur --store DIR</translation>
    </message>
    <message>
        <source>--minimized goes with the desktop app</source>
        <translation>--minimized gehört zur Desktop-App</translation>
    </message>
</context>
<context>
    <name>ConfigSetting</name>
    <message>
        <source>Plain SMTP listener with optional STARTTLS</source>
        <translation>SMTP-Dienst ohne TLS, mit STARTTLS auf Wunsch</translation>
    </message>
    <message>
        <source>Implicit-TLS (SMTPS) listener; off unless given</source>
        <translation>Dienst mit implizitem TLS (SMTPS); aus, wenn nicht angegeben</translation>
    </message>
    <message>
        <source>Host name in greetings and Received headers</source>
        <translation>Hostname in Grüßen und Received-Kopfzeilen</translation>
    </message>
    <message>
        <source>Application name in the greeting</source>
        <translation>Anwendungsname im Gruß</translation>
    </message>
    <message>
        <source>Largest message</source>
        <translation>Größte Nachricht</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>Byte</translation>
    </message>
    <message>
        <source>Recipients per message</source>
        <translation>Empfänger je Nachricht</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Idle timeout per command</source>
        <translation>Zeitlimit bei Untätigkeit je Befehl</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Concurrent connections</source>
        <translation>Gleichzeitige Verbindungen</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Protocol errors before 421 and close</source>
        <translation>Protokollfehler vor 421 und Trennen</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Repeatable; accept only recipients matching this wildcard pattern</source>
        <translation>Wiederholbar; nur Empfänger annehmen, die zu diesem Platzhaltermuster passen</translation>
    </message>
    <message>
        <source>PEM certificate (chain) file</source>
        <translation>PEM-Zertifikatsdatei (Kette)</translation>
    </message>
    <message>
        <source>PEM private key file</source>
        <translation>Datei mit privatem PEM-Schlüssel</translation>
    </message>
    <message>
        <source>Passphrase of the key</source>
        <translation>Passphrase des Schlüssels</translation>
    </message>
    <message>
        <source>Only NOOP, EHLO, STARTTLS and QUIT before TLS</source>
        <translation>Vor TLS nur NOOP, EHLO, STARTTLS und QUIT</translation>
    </message>
    <message>
        <source>Seconds a client has to finish the TLS handshake</source>
        <translation>Sekunden, die ein Client für den TLS-Handshake hat</translation>
    </message>
    <message>
        <source>Offer AUTH</source>
        <translation>AUTH anbieten</translation>
    </message>
    <message>
        <source>Only AUTH, EHLO, HELO, NOOP, RSET, QUIT (and STARTTLS) before AUTH</source>
        <translation>Vor AUTH nur AUTH, EHLO, HELO, NOOP, RSET, QUIT (und STARTTLS)</translation>
    </message>
    <message>
        <source>AUTH accepts any credentials (still reported)</source>
        <translation>AUTH nimmt beliebige Zugangsdaten an (trotzdem gemeldet)</translation>
    </message>
    <message>
        <source>Repeatable; enables AUTH with this user</source>
        <translation>Wiederholbar; schaltet AUTH mit diesem Benutzer ein</translation>
    </message>
    <message>
        <source>Mechanisms to offer</source>
        <translation>Anzubietende Verfahren</translation>
    </message>
    <message>
        <source>Offer LOGIN and PLAIN before TLS too</source>
        <translation>LOGIN und PLAIN auch vor TLS anbieten</translation>
    </message>
    <message>
        <source>Store directory</source>
        <translation>Ablageordner</translation>
    </message>
    <message>
        <source>Also mirror every committed message into this Maildir</source>
        <translation>Jede gespeicherte Nachricht auch in dieses Maildir spiegeln</translation>
    </message>
    <message>
        <source>Keep at most N messages, removing the oldest</source>
        <translation>Höchstens N Nachrichten behalten, die ältesten werden entfernt</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Remove messages older than D days</source>
        <translation>Nachrichten entfernen, die älter als D Tage sind</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Repeatable; the HTTP API asks for Basic auth with this user</source>
        <translation>Wiederholbar; die HTTP-API verlangt Basic-Authentifizierung mit diesem Benutzer</translation>
    </message>
    <message>
        <source>Apply the fault rules</source>
        <translation>Die Fehlerregeln anwenden</translation>
    </message>
    <message>
        <source>Seed of the fault rules&apos; probabilities; 0 picks one at start (shown in the API)</source>
        <translation>Startwert der Wahrscheinlichkeiten der Fehlerregeln; 0 wählt beim Start einen (in der API gezeigt)</translation>
    </message>
    <message>
        <source>Greylisting counts a triple&apos;s attempts within this window</source>
        <translation>Greylisting zählt die Versuche eines Tripels innerhalb dieses Zeitfensters</translation>
    </message>
    <message>
        <source>SMTP server that released messages are delivered to; off unless given</source>
        <translation>SMTP-Server, an den freigegebene Nachrichten zugestellt werden; aus, wenn nicht angegeben</translation>
    </message>
    <message>
        <source>Encryption to the relay: none, starttls or implicit</source>
        <translation>Verschlüsselung zum Relay: none, starttls oder implicit</translation>
    </message>
    <message>
        <source>Do not check the relay&apos;s certificate (a staging server&apos;s self-signed one)</source>
        <translation>Das Zertifikat des Relays nicht prüfen (das selbstsignierte eines Staging-Servers)</translation>
    </message>
    <message>
        <source>Authenticate to the relay (AUTH PLAIN or LOGIN)</source>
        <translation>Am Relay authentifizieren (AUTH PLAIN oder LOGIN)</translation>
    </message>
    <message>
        <source>Envelope sender of relayed messages instead of the original one</source>
        <translation>Umschlag-Absender weitergeleiteter Nachrichten statt des ursprünglichen</translation>
    </message>
    <message>
        <source>Repeatable; recipients a message may be relayed to (none unless given)</source>
        <translation>Wiederholbar; Empfänger, an die eine Nachricht weitergeleitet werden darf (keine, wenn nicht angegeben)</translation>
    </message>
    <message>
        <source>Relay every arriving message that matches QUERY to its allowed envelope recipients</source>
        <translation>Jede ankommende Nachricht, die zu QUERY passt, an ihre erlaubten Umschlag-Empfänger weiterleiten</translation>
    </message>
    <message>
        <source>Seconds the relay has for each reply</source>
        <translation>Sekunden, die das Relay für jede Antwort hat</translation>
    </message>
    <message>
        <source>Automatic relays waiting for a retry, at most</source>
        <translation>Höchstzahl automatischer Weiterleitungen, die auf einen neuen Versuch warten</translation>
    </message>
    <message>
        <source>Hours an automatic relay is retried after a temporary failure</source>
        <translation>Stunden, die eine automatische Weiterleitung nach einem vorübergehenden Fehler wiederholt wird</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>off by default</source>
        <translation>standardmäßig aus</translation>
    </message>
    <message>
        <source>default %1</source>
        <translation>Vorgabe %1</translation>
    </message>
    <message>
        <source>, from %1 to %2</source>
        <translation>, von %1 bis %2</translation>
    </message>
</context>
<context>
    <name>DeleteMessagesDialog</name>
    <message>
        <source>Delete Messages</source>
        <translation>Nachrichten löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n message(s) the search shows, or every message in the store?</source>
        <translation>
            <numerusform>Die %n Nachricht löschen, die die Suche zeigt, oder jede Nachricht der Ablage?</numerusform>
            <numerusform>Die %n Nachrichten löschen, die die Suche zeigt, oder jede Nachricht der Ablage?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The store holds %n message(s). Deleting cannot be undone.</source>
        <translation>
            <numerusform>Die Ablage enthält %n Nachricht. Löschen kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Die Ablage enthält %n Nachrichten. Löschen kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete all %n message(s) from the store?</source>
        <translation>
            <numerusform>Die %n Nachricht aus der Ablage löschen?</numerusform>
            <numerusform>Alle %n Nachrichten aus der Ablage löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting cannot be undone.</source>
        <translation>Löschen kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n shown</source>
        <translation>
            <numerusform>Die %n gezeigte löschen</numerusform>
            <numerusform>Die %n gezeigten löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete all %n</source>
        <translation>
            <numerusform>Die %n löschen</numerusform>
            <numerusform>Alle %n löschen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The value is not valid</source>
        <translation>Der Wert ist ungültig</translation>
    </message>
    <message>
        <source>The value is out of range</source>
        <translation>Der Wert liegt außerhalb des erlaubten Bereichs</translation>
    </message>
    <message>
        <source>The settings contradict each other</source>
        <translation>Die Einstellungen widersprechen sich</translation>
    </message>
    <message>
        <source>The address is in use by another program</source>
        <translation>Die Adresse wird von einem anderen Programm verwendet</translation>
    </message>
    <message>
        <source>This computer has no such address</source>
        <translation>Dieser Rechner hat keine solche Adresse</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>The certificate cannot be read</source>
        <translation>Das Zertifikat kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The key cannot be read</source>
        <translation>Der Schlüssel kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The key does not belong to the certificate</source>
        <translation>Der Schlüssel gehört nicht zum Zertifikat</translation>
    </message>
    <message>
        <source>The file does not exist</source>
        <translation>Die Datei existiert nicht</translation>
    </message>
    <message>
        <source>The file cannot be read</source>
        <translation>Die Datei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The file cannot be written</source>
        <translation>Die Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The file already exists</source>
        <translation>Die Datei existiert bereits</translation>
    </message>
    <message>
        <source>The store cannot be written</source>
        <translation>In die Ablage kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Another Letterbox uses this store</source>
        <translation>Ein anderes Letterbox verwendet diese Ablage</translation>
    </message>
    <message>
        <source>The store is damaged</source>
        <translation>Die Ablage ist beschädigt</translation>
    </message>
    <message>
        <source>The store was written by a newer Letterbox</source>
        <translation>Die Ablage wurde von einem neueren Letterbox geschrieben</translation>
    </message>
    <message>
        <source>The store has an older layout</source>
        <translation>Die Ablage hat ein älteres Format</translation>
    </message>
    <message>
        <source>Database error</source>
        <translation>Datenbankfehler</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>The input is malformed</source>
        <translation>Die Eingabe ist fehlerhaft</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Interner Fehler</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nicht erlaubt</translation>
    </message>
    <message>
        <source>The server lacks an extension the message needs</source>
        <translation>Dem Server fehlt eine Erweiterung, die die Nachricht braucht</translation>
    </message>
    <message>
        <source>The message is too large for the server</source>
        <translation>Die Nachricht ist zu groß für den Server</translation>
    </message>
    <message>
        <source>The server did not answer in time</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>The TLS handshake failed</source>
        <translation>Der TLS-Handshake ist gescheitert</translation>
    </message>
    <message>
        <source>The server refused the credentials</source>
        <translation>Der Server hat die Zugangsdaten abgelehnt</translation>
    </message>
    <message>
        <source>The server rejected it</source>
        <translation>Der Server hat abgelehnt</translation>
    </message>
    <message>
        <source>The server failed temporarily</source>
        <translation>Der Server ist vorübergehend gescheitert</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>ExchangeCommands</name>
    <message>
        <source>exported %1 of %2</source>
        <translation>%1 von %2 exportiert</translation>
    </message>
    <message>
        <source>cancelled; nothing exported</source>
        <translation>abgebrochen; nichts exportiert</translation>
    </message>
    <message numerus="yes">
        <source>exported %n message(s) to %1</source>
        <translation>
            <numerusform>%n Nachricht nach %1 exportiert</numerusform>
            <numerusform>%n Nachrichten nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>imported %n message(s) (%1%)</source>
        <translation>
            <numerusform>%n Nachricht importiert (%1 %)</numerusform>
            <numerusform>%n Nachrichten importiert (%1 %)</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled; nothing imported</source>
        <translation>abgebrochen; nichts importiert</translation>
    </message>
    <message>
        <source>imported %1 from %2</source>
        <translation>%1 aus %2 importiert</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n Quelle</numerusform>
            <numerusform>%n Quellen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FaultsSettingsPage</name>
    <message>
        <source>Apply &amp;fault rules</source>
        <translation>&amp;Fehlerregeln anwenden</translation>
    </message>
    <message>
        <source>Make the SMTP server fail on purpose, as the rules say; open sessions follow a change at their next command</source>
        <translation>Den SMTP-Server absichtlich scheitern lassen, wie es die Regeln sagen; offene Sitzungen folgen einer Änderung bei ihrem nächsten Befehl</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Rule (STAGE:MATCH:ACTION)</source>
        <translation>Regel (STUFE:MUSTER:AKTION)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Add a rule and edit it</source>
        <translation>Eine Regel hinzufügen und bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>Die ausgewählte Regel entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Try the selected rule earlier (the first rule that fires wins)</source>
        <translation>Die ausgewählte Regel früher prüfen (die erste Regel, die greift, gewinnt)</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Try the selected rule later</source>
        <translation>Die ausgewählte Regel später prüfen</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>&amp;Vorlagen</translation>
    </message>
    <message>
        <source>Add the rules of a usual failure</source>
        <translation>Die Regeln eines üblichen Fehlers hinzufügen</translation>
    </message>
    <message>
        <source>e.g. rcpt:*@blocked.test:550 5.1.1 no such user — data-end:*:disconnect — mail:*:delay=3000 — rcpt:*:greylist=1 — rcpt,p=0.3:*:451 4.3.0 try later (see the README)</source>
        <translation>z. B. rcpt:*@blocked.test:550 5.1.1 no such user — data-end:*:disconnect — mail:*:delay=3000 — rcpt:*:greylist=1 — rcpt,p=0.3:*:451 4.3.0 try later (siehe README)</translation>
    </message>
    <message>
        <source>picked at start</source>
        <translation>beim Start gewählt</translation>
    </message>
    <message>
        <source>&amp;Seed of probabilities:</source>
        <translation>&amp;Startwert der Wahrscheinlichkeiten:</translation>
    </message>
    <message>
        <source>&amp;Greylisting window:</source>
        <translation>&amp;Greylisting-Zeitfenster:</translation>
    </message>
    <message>
        <source>Reject all recipients (550)</source>
        <translation>Alle Empfänger abweisen (550)</translation>
    </message>
    <message>
        <source>Temporary failure (451)</source>
        <translation>Vorübergehender Fehler (451)</translation>
    </message>
    <message>
        <source>Greylist (451 once per sender, recipient and address)</source>
        <translation>Greylisting (451 einmal je Absender, Empfänger und Adresse)</translation>
    </message>
    <message>
        <source>Slow server (5 s per reply)</source>
        <translation>Langsamer Server (5 s je Antwort)</translation>
    </message>
    <message>
        <source>Drop the connection at the end of the data</source>
        <translation>Die Verbindung am Ende der Daten trennen</translation>
    </message>
    <message>
        <source>Use this rule</source>
        <translation>Diese Regel verwenden</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Regel %1: %2</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schwere</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>parse</source>
        <translation>Analyse</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>warning: --api-listen: %1</source>
        <translation>Warnung: --api-listen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) dropped (stdout was not being read)</source>
        <translation>
            <numerusform>%n Ereignis verworfen (stdout wurde nicht gelesen)</numerusform>
            <numerusform>%n Ereignisse verworfen (stdout wurde nicht gelesen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpText</name>
    <message>
        <source>&lt;h3&gt;Searching the inbox&lt;/h3&gt;&lt;p&gt;A word matches in the subject, the addresses or the text; &lt;tt&gt;word*&lt;/tt&gt; matches words starting with it; &lt;tt&gt;&quot;a phrase&quot;&lt;/tt&gt; matches the words in that order. Case and accents do not count.&lt;/p&gt;&lt;p&gt;Terms next to each other must all match; &lt;tt&gt;a OR b&lt;/tt&gt; lets either match; &lt;tt&gt;-term&lt;/tt&gt; or &lt;tt&gt;NOT term&lt;/tt&gt; excludes; parentheses group: &lt;tt&gt;from:alice (invoice OR receipt) -draft&lt;/tt&gt;.&lt;/p&gt;&lt;p&gt;A field takes a word, a &quot;phrase&quot; or a (group) of words: &lt;tt&gt;subject:&quot;weekly report&quot;&lt;/tt&gt;. SIZE is bytes, or with k, M, G (1024-based).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Den Posteingang durchsuchen&lt;/h3&gt;&lt;p&gt;Ein Wort findet sich im Betreff, in den Adressen oder im Text; &lt;tt&gt;wort*&lt;/tt&gt; findet Wörter, die damit beginnen; &lt;tt&gt;&quot;eine Phrase&quot;&lt;/tt&gt; findet die Wörter in dieser Reihenfolge. Groß- und Kleinschreibung sowie Akzente zählen nicht.&lt;/p&gt;&lt;p&gt;Nebeneinanderstehende Begriffe müssen alle passen; &lt;tt&gt;a OR b&lt;/tt&gt; lässt einen von beiden passen; &lt;tt&gt;-begriff&lt;/tt&gt; oder &lt;tt&gt;NOT begriff&lt;/tt&gt; schließt aus; Klammern gruppieren: &lt;tt&gt;from:alice (rechnung OR quittung) -entwurf&lt;/tt&gt;.&lt;/p&gt;&lt;p&gt;Ein Feld nimmt ein Wort, eine &quot;Phrase&quot; oder eine (Gruppe) von Wörtern: &lt;tt&gt;subject:&quot;Wochenbericht&quot;&lt;/tt&gt;. SIZE ist in Byte, oder mit k, M, G (Basis 1024).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Tastenkürzel&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;In the search box, Esc clears the search. Alt with the underlined letter opens a menu or a tab.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Im Suchfeld leert Esc die Suche. Alt mit dem unterstrichenen Buchstaben öffnet ein Menü oder einen Reiter.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Letterbox %1&lt;/h3&gt;&lt;p&gt;A local SMTP mail catcher: it accepts the mail your applications send and shows it, and delivers nothing.&lt;/p&gt;&lt;p&gt;Released under the MIT License.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Letterbox %1&lt;/h3&gt;&lt;p&gt;Ein lokaler SMTP-Mailfänger: Er nimmt die Post an, die Ihre Anwendungen senden, zeigt sie und stellt nichts zu.&lt;/p&gt;&lt;p&gt;Veröffentlicht unter der MIT-Lizenz.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>HtmlPreview</name>
    <message>
        <source>Load remote content</source>
        <translation>Externe Inhalte laden</translation>
    </message>
    <message>
        <source>Fetch the blocked images and styles of this message only</source>
        <translation>Die blockierten Bilder und Stile nur dieser Nachricht abrufen</translation>
    </message>
    <message>
        <source>Phone (%1 px)</source>
        <translation>Telefon (%1 px)</translation>
    </message>
    <message>
        <source>Tablet (%1 px)</source>
        <translation>Tablet (%1 px)</translation>
    </message>
    <message>
        <source>Desktop (full width)</source>
        <translation>Desktop (volle Breite)</translation>
    </message>
    <message>
        <source>Preview width</source>
        <translation>Vorschaubreite</translation>
    </message>
    <message>
        <source>Letterbox runs as root, so the HTML renderer has no sandbox. Rendering this message&apos;s HTML could let a malicious message attack your system. Below is its text.</source>
        <translation>Letterbox läuft als root, daher hat der HTML-Renderer keine Sandbox. Das Darstellen des HTML dieser Nachricht könnte einer bösartigen Nachricht erlauben, Ihr System anzugreifen. Unten steht ihr Text.</translation>
    </message>
    <message>
        <source>The HTML renderer runs without a sandbox (QTWEBENGINE_CHROMIUM_FLAGS or QTWEBENGINE_DISABLE_SANDBOX). Rendering this message&apos;s HTML could let a malicious message attack your system. Below is its text.</source>
        <translation>Der HTML-Renderer läuft ohne Sandbox (QTWEBENGINE_CHROMIUM_FLAGS oder QTWEBENGINE_DISABLE_SANDBOX). Das Darstellen des HTML dieser Nachricht könnte einer bösartigen Nachricht erlauben, Ihr System anzugreifen. Unten steht ihr Text.</translation>
    </message>
    <message>
        <source>Render HTML for this message</source>
        <translation>HTML dieser Nachricht darstellen</translation>
    </message>
    <message>
        <source>

[… the rest of this HTML body is not shown as text]</source>
        <translation>

[… der Rest dieses HTML-Inhalts wird nicht als Text gezeigt]</translation>
    </message>
    <message>
        <source>Converting the HTML to text…</source>
        <translation>HTML wird in Text umgewandelt …</translation>
    </message>
    <message>
        <source>(no scheme)</source>
        <translation>(kein Schema)</translation>
    </message>
    <message>
        <source>Did not open a %1 link: only http, https and mailto links open, after you confirm.</source>
        <translation>Ein %1-Link wurde nicht geöffnet: Nur http-, https- und mailto-Links öffnen sich, nach Ihrer Bestätigung.</translation>
    </message>
    <message>
        <source>Remote content is allowed for this message.</source>
        <translation>Externe Inhalte sind für diese Nachricht erlaubt.</translation>
    </message>
    <message numerus="yes">
        <source>Blocked %n remote resource(s) to protect your privacy.</source>
        <translation>
            <numerusform>%n externe Ressource zum Schutz Ihrer Privatsphäre blockiert.</numerusform>
            <numerusform>%n externe Ressourcen zum Schutz Ihrer Privatsphäre blockiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>JavaScript is off; remote content is blocked.</source>
        <translation>JavaScript ist aus; externe Inhalte sind blockiert.</translation>
    </message>
    <message>
        <source>Always for This Sender</source>
        <translation>Immer für diesen Absender</translation>
    </message>
    <message>
        <source>Block for This Sender</source>
        <translation>Für diesen Absender blockieren</translation>
    </message>
    <message>
        <source>Copy Link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>No mail program opened %1. Copy the address instead?</source>
        <translation>Kein E-Mail-Programm hat %1 geöffnet. Stattdessen die Adresse kopieren?</translation>
    </message>
    <message>
        <source>No browser opened %1. Copy the link instead?</source>
        <translation>Kein Browser hat %1 geöffnet. Stattdessen den Link kopieren?</translation>
    </message>
    <message>
        <source>Remote content is allowed for messages from %1.</source>
        <translation>Externe Inhalte sind für Nachrichten von %1 erlaubt.</translation>
    </message>
    <message numerus="yes">
        <source>Refused %n local file(s) or other non-web resource(s) for good.</source>
        <translation>
            <numerusform>%n lokale Datei oder andere Nicht-Web-Ressource endgültig abgelehnt.</numerusform>
            <numerusform>%n lokale Dateien oder andere Nicht-Web-Ressourcen endgültig abgelehnt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Load remote content of every message from %1</source>
        <translation>Externe Inhalte jeder Nachricht von %1 laden</translation>
    </message>
</context>
<context>
    <name>InboxListPane</name>
    <message>
        <source>Cannot search: %1</source>
        <translation>Suche nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Select a message to see it here.</source>
        <translation>Wählen Sie eine Nachricht, um sie hier zu sehen.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No mail yet&lt;/h3&gt;&lt;p&gt;Send mail to &lt;b&gt;%1&lt;/b&gt;: point your application&apos;s SMTP settings there, or try&lt;/p&gt;&lt;p&gt;&lt;tt&gt;swaks --server %1 --to you@example.test&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Noch keine Post&lt;/h3&gt;&lt;p&gt;Senden Sie Post an &lt;b&gt;%1&lt;/b&gt;: Stellen Sie die SMTP-Einstellungen Ihrer Anwendung darauf ein, oder versuchen Sie&lt;/p&gt;&lt;p&gt;&lt;tt&gt;swaks --server %1 --to you@example.test&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No mail yet&lt;/h3&gt;&lt;p&gt;Letterbox is not listening. Press &lt;b&gt;Start&lt;/b&gt;, or fix the problem shown in the status bar.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Noch keine Post&lt;/h3&gt;&lt;p&gt;Letterbox lauscht nicht. Drücken Sie &lt;b&gt;Starten&lt;/b&gt; oder beheben Sie das in der Statusleiste gezeigte Problem.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The message was deleted.</source>
        <translation>Die Nachricht wurde gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s)</source>
        <translation>
            <numerusform>%n Nachricht gelöscht</numerusform>
            <numerusform>%n Nachrichten gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h3&gt;No messages match “%1”&lt;/h3&gt;&lt;p&gt;Press Esc in the search box to see every message.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Keine Nachricht passt zu „%1“&lt;/h3&gt;&lt;p&gt;Drücken Sie Esc im Suchfeld, um alle Nachrichten zu sehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Correct the search to see messages again, or press Esc in the search box to see every message.</source>
        <translation>Korrigieren Sie die Suche, um wieder Nachrichten zu sehen, oder drücken Sie Esc im Suchfeld, um alle Nachrichten zu sehen.</translation>
    </message>
    <message>
        <source>No message matches the search.</source>
        <translation>Keine Nachricht passt zur Suche.</translation>
    </message>
    <message>
        <source>Releasing message %1 to %2…</source>
        <translation>Nachricht %1 wird an %2 freigegeben …</translation>
    </message>
    <message>
        <source>Message %1 relayed to %2: %3</source>
        <translation>Nachricht %1 über %2 weitergeleitet: %3</translation>
    </message>
</context>
<context>
    <name>InboxRowFormat</name>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>From: %1
MAIL FROM: &lt;%2&gt;</source>
        <translation>Von: %1
MAIL FROM: &lt;%2&gt;</translation>
    </message>
    <message>
        <source>To: %1
RCPT TO: %2</source>
        <translation>An: %1
RCPT TO: %2</translation>
    </message>
    <message>
        <source>Has attachments</source>
        <translation>Hat Anhänge</translation>
    </message>
    <message>
        <source>Received over TLS</source>
        <translation>Über TLS empfangen</translation>
    </message>
    <message>
        <source>Received without TLS</source>
        <translation>Ohne TLS empfangen</translation>
    </message>
    <message>
        <source>authenticated as %1</source>
        <translation>authentifiziert als %1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>TLS / Auth</source>
        <translation>TLS / Auth</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s); the Checks tab of the message lists them</source>
        <translation>
            <numerusform>%n Befund; der Reiter Prüfungen der Nachricht listet ihn auf</numerusform>
            <numerusform>%n Befunde; der Reiter Prüfungen der Nachricht listet sie auf</numerusform>
        </translation>
    </message>
    <message>
        <source>Findings of the message checks</source>
        <translation>Befunde der Nachrichtenprüfungen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Byte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InstanceLaunch</name>
    <message>
        <source>warning: a second launch on this store will not find this one: %1</source>
        <translation>Warnung: ein zweiter Start auf dieser Ablage wird diese Instanz nicht finden: %1</translation>
    </message>
    <message>
        <source>a headless Letterbox already runs on %1 (%2)</source>
        <translation>eine Letterbox ohne Fenster läuft bereits auf %1 (%2)</translation>
    </message>
    <message>
        <source>it has no window to show; stop it with letterbox --quit --store DIR first</source>
        <translation>sie hat kein Fenster, das sie zeigen könnte; beenden Sie sie zuerst mit letterbox --quit --store DIR</translation>
    </message>
    <message>
        <source>stop it with letterbox --quit --store DIR first</source>
        <translation>beenden Sie sie zuerst mit letterbox --quit --store DIR</translation>
    </message>
    <message>
        <source>the Letterbox desktop app already runs on %1 (stop it with letterbox --quit --store DIR first)</source>
        <translation>die Letterbox-Desktop-App läuft bereits auf %1 (beenden Sie sie zuerst mit letterbox --quit --store DIR)</translation>
    </message>
    <message>
        <source>no Letterbox runs on %1</source>
        <translation>auf %1 läuft keine Letterbox</translation>
    </message>
    <message>
        <source>another launch asked for this window</source>
        <translation>ein weiterer Start hat dieses Fenster angefordert</translation>
    </message>
</context>
<context>
    <name>ListenFieldCheck</name>
    <message>
        <source>Port %1 is in use by another program</source>
        <translation>Port %1 wird von einem anderen Programm verwendet</translation>
    </message>
    <message>
        <source>Port %1 needs administrator rights; use 1024 or above</source>
        <translation>Port %1 braucht Administratorrechte; verwenden Sie 1024 oder höher</translation>
    </message>
    <message>
        <source>This computer has no such address</source>
        <translation>Dieser Rechner hat keine solche Adresse</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop or start the SMTP listeners</source>
        <translation>Die SMTP-Dienste stoppen oder starten</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete All…</source>
        <translation>Alle löschen …</translation>
    </message>
    <message>
        <source>Shift+Del</source>
        <translation>Shift+Del</translation>
    </message>
    <message>
        <source>Mark Read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Mark Unread</source>
        <translation>Als ungelesen markieren</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>Save as .eml…</source>
        <translation>Als .eml speichern …</translation>
    </message>
    <message>
        <source>Open Store Folder</source>
        <translation>Ablageordner öffnen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Write the selected messages, the search result or all messages as .eml files, an mbox file or a Maildir</source>
        <translation>Die ausgewählten Nachrichten, das Suchergebnis oder alle Nachrichten als .eml-Dateien, als mbox-Datei oder in ein Maildir schreiben</translation>
    </message>
    <message>
        <source>Import Files…</source>
        <translation>Dateien importieren …</translation>
    </message>
    <message>
        <source>Add .eml or mbox files to the store (or drop them on the window)</source>
        <translation>.eml- oder mbox-Dateien zur Ablage hinzufügen (oder auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Import Folder or Maildir…</source>
        <translation>Ordner oder Maildir importieren …</translation>
    </message>
    <message>
        <source>Add a Maildir, or every .eml file of a folder</source>
        <translation>Ein Maildir oder jede .eml-Datei eines Ordners hinzufügen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>%1 as .eml Files…</source>
        <translation>%1 als .eml-Dateien …</translation>
    </message>
    <message>
        <source>%1 as an mbox File…</source>
        <translation>%1 als mbox-Datei …</translation>
    </message>
    <message>
        <source>%1 into a Maildir…</source>
        <translation>%1 in ein Maildir …</translation>
    </message>
    <message numerus="yes">
        <source>%n Selected Message(s)</source>
        <translation>
            <numerusform>%n ausgewählte Nachricht</numerusform>
            <numerusform>%n ausgewählte Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Search Result(s)</source>
        <translation>
            <numerusform>%n Suchergebnis</numerusform>
            <numerusform>%n Suchergebnisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n Message(s)</source>
        <translation>
            <numerusform>Die %n Nachricht</numerusform>
            <numerusform>Alle %n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Nachricht</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Show / Hide</source>
        <translation>Zeigen / Ausblenden</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Search Syntax</source>
        <translation>Suchsyntax</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>About Letterbox</source>
        <translation>Über Letterbox</translation>
    </message>
    <message>
        <source>Release…</source>
        <translation>Freigeben …</translation>
    </message>
    <message>
        <source>Deliver the message for real through the relay</source>
        <translation>Die Nachricht über das Relay wirklich zustellen</translation>
    </message>
    <message>
        <source>Retry Relay Now</source>
        <translation>Weiterleitung jetzt wiederholen</translation>
    </message>
    <message>
        <source>Try the queued relay of the message again now instead of at its time</source>
        <translation>Die wartende Weiterleitung der Nachricht jetzt statt zu ihrer Zeit erneut versuchen</translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message>
        <source>TLS and authentication settings; change them in Settings</source>
        <translation>TLS- und Authentifizierungseinstellungen; ändern Sie sie in den Einstellungen</translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation>Beheben …</translation>
    </message>
    <message>
        <source>TLS required</source>
        <translation>TLS verlangt</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>no TLS</source>
        <translation>kein TLS</translation>
    </message>
    <message>
        <source>AUTH required</source>
        <translation>AUTH verlangt</translation>
    </message>
    <message>
        <source>AUTH (any)</source>
        <translation>AUTH (beliebig)</translation>
    </message>
    <message>
        <source>AUTH</source>
        <translation>AUTH</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>SMTP %1</source>
        <translation>SMTP %1</translation>
    </message>
    <message>
        <source>SMTPS %1</source>
        <translation>SMTPS %1</translation>
    </message>
    <message>
        <source>Listening: %1</source>
        <translation>Lauscht: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n message(s)</source>
        <translation>
            <numerusform>%1 von %n Nachricht</numerusform>
            <numerusform>%1 von %n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n unread</source>
        <translation>
            <numerusform>, %n ungelesen</numerusform>
            <numerusform>, %n ungelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n Sitzung</numerusform>
            <numerusform>%n Sitzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 open</source>
        <translation>, %1 offen</translation>
    </message>
    <message>
        <source>Change the settings and apply them to try again.</source>
        <translation>Ändern Sie die Einstellungen und wenden Sie sie an, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>Check the certificate and key files in the TLS settings, or generate a self-signed certificate there.</source>
        <translation>Prüfen Sie die Zertifikats- und Schlüsseldateien in den TLS-Einstellungen oder erzeugen Sie dort ein selbstsigniertes Zertifikat.</translation>
    </message>
    <message>
        <source>Choose a folder you can write to in the storage settings.</source>
        <translation>Wählen Sie in den Ablage-Einstellungen einen Ordner, in den Sie schreiben können.</translation>
    </message>
    <message>
        <source>Another program (perhaps another Letterbox or mail catcher) already listens there. Stop it, or choose another port in the server settings.</source>
        <translation>Ein anderes Programm (vielleicht ein anderes Letterbox oder ein anderer Mailfänger) lauscht dort bereits. Beenden Sie es oder wählen Sie in den Server-Einstellungen einen anderen Port.</translation>
    </message>
    <message>
        <source>Another Letterbox uses this store. Close it, or choose another folder in the storage settings.</source>
        <translation>Ein anderes Letterbox verwendet diese Ablage. Schließen Sie es oder wählen Sie in den Ablage-Einstellungen einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Ablage: %1</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>Lauscht nicht: %1</translation>
    </message>
    <message>
        <source>Letterbox cannot listen</source>
        <translation>Letterbox kann nicht lauschen</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen …</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start listening with the saved settings</source>
        <translation>Mit den gespeicherten Einstellungen zu lauschen beginnen</translation>
    </message>
    <message>
        <source>Stopped: not receiving mail</source>
        <translation>Gestoppt: Es wird keine Post empfangen</translation>
    </message>
    <message>
        <source>New settings not applied: %1</source>
        <translation>Neue Einstellungen nicht angewendet: %1</translation>
    </message>
    <message>
        <source>Letterbox cannot use the store</source>
        <translation>Letterbox kann die Ablage nicht verwenden</translation>
    </message>
    <message>
        <source>Letterbox cannot use the certificate</source>
        <translation>Letterbox kann das Zertifikat nicht verwenden</translation>
    </message>
    <message>
        <source>Letterbox cannot use the authentication settings</source>
        <translation>Letterbox kann die Authentifizierungseinstellungen nicht verwenden</translation>
    </message>
    <message>
        <source>Copy API URL</source>
        <translation>API-URL kopieren</translation>
    </message>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message>
        <source>The HTTP API (Mailpit API v1) answers at %1; click to copy the URL</source>
        <translation>Die HTTP-API (Mailpit-API v1) antwortet unter %1; klicken, um die URL zu kopieren</translation>
    </message>
    <message>
        <source>Another program (perhaps another Letterbox or mail catcher) already listens there. Stop it, or choose another address for the HTTP API, or turn it off, in the API settings.</source>
        <translation>Ein anderes Programm (vielleicht ein anderes Letterbox oder ein anderer Mailfänger) lauscht dort bereits. Beenden Sie es, wählen Sie in den API-Einstellungen eine andere Adresse für die HTTP-API oder schalten Sie sie dort aus.</translation>
    </message>
    <message>
        <source>Letterbox cannot serve the HTTP API</source>
        <translation>Letterbox kann die HTTP-API nicht bereitstellen</translation>
    </message>
    <message>
        <source>HTTP API off: %1 is in use by another program</source>
        <translation>HTTP-API aus: %1 wird von einem anderen Programm verwendet</translation>
    </message>
    <message>
        <source>HTTP API reachable from other machines without a password</source>
        <translation>HTTP-API ohne Passwort von anderen Rechnern erreichbar</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Faults active</source>
        <translation>Fehlerregeln aktiv</translation>
    </message>
    <message>
        <source>Mailpit chaos triggers are set through the HTTP API</source>
        <translation>Mailpit-Chaos-Auslöser werden über die HTTP-API gesetzt</translation>
    </message>
    <message>
        <source>Click to edit the rules</source>
        <translation>Klicken, um die Regeln zu bearbeiten</translation>
    </message>
    <message numerus="yes">
        <source>%n fault rule(s) active, making the SMTP server fail on purpose (seed %1)</source>
        <translation>
            <numerusform>%n Fehlerregel aktiv, der SMTP-Server scheitert absichtlich (Startwert %1)</numerusform>
            <numerusform>%n Fehlerregeln aktiv, der SMTP-Server scheitert absichtlich (Startwert %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Relay of message %1 failed, will retry: %2</source>
        <translation>Weiterleitung von Nachricht %1 fehlgeschlagen, wird wiederholt: %2</translation>
    </message>
    <message>
        <source>Relay of message %1 failed: %2</source>
        <translation>Weiterleitung von Nachricht %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Check the relay host, its TLS mode, the user and password and the allowed recipients in the relay settings.</source>
        <translation>Prüfen Sie in den Relay-Einstellungen den Relay-Host, seinen TLS-Modus, Benutzer und Passwort sowie die erlaubten Empfänger.</translation>
    </message>
    <message>
        <source>Letterbox cannot relay</source>
        <translation>Letterbox kann nicht weiterleiten</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Letterbox</source>
        <translation>Letterbox</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Posteingang</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>S&amp;itzungen</translation>
    </message>
    <message>
        <source>Cannot read the store: %1</source>
        <translation>Die Ablage kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Letterbox — %1</source>
        <translation>Letterbox — %1</translation>
    </message>
    <message>
        <source>stored as message %1 (%2); double-click to show it</source>
        <translation>gespeichert als Nachricht %1 (%2); doppelklicken, um sie zu zeigen</translation>
    </message>
    <message>
        <source>Retrying the relay of message %1…</source>
        <translation>Weiterleitung von Nachricht %1 wird wiederholt …</translation>
    </message>
    <message>
        <source>Cannot retry the relay: %1</source>
        <translation>Die Weiterleitung kann nicht wiederholt werden: %1</translation>
    </message>
    <message>
        <source>Open at login: %1</source>
        <translation>Beim Anmelden öffnen: %1</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Kopfzeilen</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Rohdaten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern …</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open with the program your system uses for this type</source>
        <translation>Mit dem Programm öffnen, das Ihr System für diesen Typ verwendet</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Envelope</source>
        <translation>Umschlag</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Mitschnitt</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Select a message to see it here.</source>
        <translation>Wählen Sie eine Nachricht, um sie hier zu sehen.</translation>
    </message>
    <message>
        <source>(This message has only an HTML body.)</source>
        <translation>(Diese Nachricht hat nur einen HTML-Inhalt.)</translation>
    </message>
    <message>
        <source>Trace (%1)</source>
        <translation>Mitschnitt (%1)</translation>
    </message>
    <message>
        <source> · over TLS</source>
        <translation> · über TLS</translation>
    </message>
    <message>
        <source> · without TLS</source>
        <translation> · ohne TLS</translation>
    </message>
    <message>
        <source> · authenticated as %1</source>
        <translation> · authentifiziert als %1</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), see the Checks tab</source>
        <translation>
            <numerusform>%n Befund, siehe den Reiter Prüfungen</numerusform>
            <numerusform>%n Befunde, siehe den Reiter Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <source>(part %1)</source>
        <translation>(Teil %1)</translation>
    </message>
    <message>
        <source>(inline %1)</source>
        <translation>(eingebettet %1)</translation>
    </message>
    <message>
        <source> (inline)</source>
        <translation> (eingebettet)</translation>
    </message>
    <message>
        <source>Attachments (%1)</source>
        <translation>Anhänge (%1)</translation>
    </message>
    <message>
        <source>MAIL FROM</source>
        <translation>MAIL FROM</translation>
    </message>
    <message>
        <source>RCPT TO</source>
        <translation>RCPT TO</translation>
    </message>
    <message>
        <source>Bcc: not in To or Cc</source>
        <translation>Bcc: nicht in An oder Cc</translation>
    </message>
    <message>
        <source>in To/Cc</source>
        <translation>in An/Cc</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>HELO/EHLO</source>
        <translation>HELO/EHLO</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Authenticated as</source>
        <translation>Authentifiziert als</translation>
    </message>
    <message>
        <source>(not authenticated)</source>
        <translation>(nicht authentifiziert)</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Store id</source>
        <translation>Ablage-ID</translation>
    </message>
    <message>
        <source>Checks (%1)</source>
        <translation>Prüfungen (%1)</translation>
    </message>
    <message>
        <source>Save message</source>
        <translation>Nachricht speichern</translation>
    </message>
    <message>
        <source>E-mail messages (*.eml);;All files (*)</source>
        <translation>E-Mail-Nachrichten (*.eml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter …</translation>
    </message>
    <message numerus="yes">
        <source>

[… %n more byte(s); use Save as .eml to get them all]</source>
        <translation>
            <numerusform>

[… noch %n Byte; mit „Als .eml speichern“ erhalten Sie alle]</numerusform>
            <numerusform>

[… noch %n Byte; mit „Als .eml speichern“ erhalten Sie alle]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n Anhang</numerusform>
            <numerusform>%n Anhänge</numerusform>
        </translation>
    </message>
    <message>
        <source>no attachments</source>
        <translation>keine Anhänge</translation>
    </message>
    <message numerus="yes">
        <source>%n inline image(s)</source>
        <translation>
            <numerusform>%n eingebettetes Bild</numerusform>
            <numerusform>%n eingebettete Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>no problems found</source>
        <translation>keine Probleme gefunden</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Inline images, shown in the HTML body (%1)</source>
        <translation>Eingebettete Bilder, im HTML-Inhalt gezeigt (%1)</translation>
    </message>
    <message>
        <source>Inline Images (%1)</source>
        <translation>Eingebettete Bilder (%1)</translation>
    </message>
    <message>
        <source>No program opens “%1” here. Save it somewhere instead?</source>
        <translation>Kein Programm öffnet „%1“ hier. Stattdessen woanders speichern?</translation>
    </message>
    <message>
        <source>none (imported)</source>
        <translation>keine (importiert)</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <source>Relay (%1)</source>
        <translation>Relay (%1)</translation>
    </message>
</context>
<context>
    <name>OpenLinkDialog</name>
    <message>
        <source>Open this link in your mail program?</source>
        <translation>Diesen Link in Ihrem E-Mail-Programm öffnen?</translation>
    </message>
    <message>
        <source>Open this link in your browser?</source>
        <translation>Diesen Link in Ihrem Browser öffnen?</translation>
    </message>
    <message>
        <source>Careful: the link text shows %1, but the link goes to %2.</source>
        <translation>Vorsicht: Der Linktext zeigt %1, aber der Link führt zu %2.</translation>
    </message>
    <message>
        <source>Open Link</source>
        <translation>Link öffnen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>This is a file, not a folder</source>
        <translation>Das ist eine Datei, kein Ordner</translation>
    </message>
    <message>
        <source>You cannot write to this folder</source>
        <translation>Sie können nicht in diesen Ordner schreiben</translation>
    </message>
    <message>
        <source>This folder cannot be created here</source>
        <translation>Dieser Ordner kann hier nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>RelaySettingsPage</name>
    <message>
        <source>off, e.g. smtp.example.com:587</source>
        <translation>aus, z. B. smtp.example.com:587</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>Implicit TLS (SMTPS)</source>
        <translation>Implizites TLS (SMTPS)</translation>
    </message>
    <message>
        <source>None (plain text)</source>
        <translation>Keine (Klartext)</translation>
    </message>
    <message>
        <source>Do not check the server&apos;s certificate</source>
        <translation>Das Zertifikat des Servers nicht prüfen</translation>
    </message>
    <message>
        <source>no authentication</source>
        <translation>keine Authentifizierung</translation>
    </message>
    <message>
        <source>the message&apos;s own sender</source>
        <translation>der eigene Absender der Nachricht</translation>
    </message>
    <message>
        <source>One pattern per line, e.g. *@example.com; none: nothing can be relayed</source>
        <translation>Ein Muster je Zeile, z. B. *@example.com; keines: Nichts kann weitergeleitet werden</translation>
    </message>
    <message>
        <source>off; a search, e.g. to:@staging.example.com</source>
        <translation>aus; eine Suche, z. B. to:@staging.example.com</translation>
    </message>
    <message>
        <source>&amp;Relay host:</source>
        <translation>&amp;Relay-Server:</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Envelope &amp;sender:</source>
        <translation>Umschlag-&amp;Absender:</translation>
    </message>
    <message>
        <source>&amp;Allowed recipients:</source>
        <translation>&amp;Erlaubte Empfänger:</translation>
    </message>
    <message>
        <source>Relay &amp;automatically:</source>
        <translation>Au&amp;tomatisch weiterleiten:</translation>
    </message>
    <message>
        <source>&amp;Timeout per reply:</source>
        <translation>&amp;Zeitlimit je Antwort:</translation>
    </message>
    <message>
        <source>Message › Release… delivers a caught message for real through this server, to allowed recipients only.</source>
        <translation>Nachricht › Freigeben … stellt eine gefangene Nachricht über diesen Server wirklich zu, nur an erlaubte Empfänger.</translation>
    </message>
</context>
<context>
    <name>RelayView</name>
    <message>
        <source>Attempt / Recipient</source>
        <translation>Versuch / Empfänger</translation>
    </message>
    <message>
        <source>Target / Reply</source>
        <translation>Ziel / Antwort</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Not relayed yet. Use Message › Release… to deliver it for real.</source>
        <translation>Noch nicht weitergeleitet. Mit Nachricht › Freigeben … stellen Sie sie wirklich zu.</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>delivered to %1 of %2</source>
        <translation>an %1 von %2 zugestellt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>gescheitert</translation>
    </message>
    <message>
        <source> (temporary)</source>
        <translation> (vorübergehend)</translation>
    </message>
    <message>
        <source>not delivered (temporary)</source>
        <translation>nicht zugestellt (vorübergehend)</translation>
    </message>
    <message>
        <source>not delivered</source>
        <translation>nicht zugestellt</translation>
    </message>
</context>
<context>
    <name>ReleaseCommand</name>
    <message>
        <source>; release through the running Letterbox (POST /api/v1/message/%1/release, or Release... in the app)</source>
        <translation>; geben Sie über das laufende Letterbox frei (POST /api/v1/message/%1/release oder Freigeben … in der Anwendung)</translation>
    </message>
    <message>
        <source>no message %1 in the store</source>
        <translation>keine Nachricht %1 in der Ablage</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <source>Release Message</source>
        <translation>Nachricht freigeben</translation>
    </message>
    <message>
        <source>No relay is set up: give Letterbox a relay (--relay-host and --relay-allow) to deliver messages for real.</source>
        <translation>Kein Relay eingerichtet: Geben Sie Letterbox ein Relay (--relay-host und --relay-allow), um Nachrichten wirklich zuzustellen.</translation>
    </message>
    <message>
        <source>Deliver “%1” for real through %2. Only recipients that an allowed pattern matches are accepted.</source>
        <translation>„%1“ wirklich über %2 zustellen. Nur Empfänger, zu denen ein erlaubtes Muster passt, werden angenommen.</translation>
    </message>
    <message>
        <source>&amp;Recipients:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>Nicht freigegeben: %1</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search: from:alice has:attachment … (Ctrl+F)</source>
        <translation>Suche: from:alice has:attachment … (Strg+F)</translation>
    </message>
    <message>
        <source>Fields: %1 (a word, &quot;phrase&quot; or (group))
Filters: %2</source>
        <translation>Felder: %1 (ein Wort, eine &quot;Phrase&quot; oder eine (Gruppe))
Filter: %2</translation>
    </message>
    <message>
        <source>Words and &quot;phrases&quot; must all match; OR, -word and NOT exclude, ( ) group.</source>
        <translation>Wörter und &quot;Phrasen&quot; müssen alle passen; OR, -wort und NOT schließen aus, ( ) gruppieren.</translation>
    </message>
    <message>
        <source>SIZE: bytes, or 10k, 2M, 1G</source>
        <translation>SIZE: Byte, oder 10k, 2M, 1G</translation>
    </message>
    <message>
        <source>Cannot search: %1</source>
        <translation>Suche nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>SearchQuery</name>
    <message>
        <source>MAIL FROM or the From header</source>
        <translation>MAIL FROM oder die From-Kopfzeile</translation>
    </message>
    <message>
        <source>RCPT TO, the To or the Cc header</source>
        <translation>RCPT TO, die To- oder die Cc-Kopfzeile</translation>
    </message>
    <message>
        <source>the Cc header</source>
        <translation>die Cc-Kopfzeile</translation>
    </message>
    <message>
        <source>the Subject header</source>
        <translation>die Subject-Kopfzeile</translation>
    </message>
    <message>
        <source>the message text</source>
        <translation>der Text der Nachricht</translation>
    </message>
    <message>
        <source>messages with attachments, or with findings of the message checks</source>
        <translation>Nachrichten mit Anhängen oder mit Befunden der Nachrichtenprüfungen</translation>
    </message>
    <message>
        <source>messages read or not yet read</source>
        <translation>gelesene oder noch nicht gelesene Nachrichten</translation>
    </message>
    <message>
        <source>messages with a finding of this code</source>
        <translation>Nachrichten mit einem Befund dieses Codes</translation>
    </message>
    <message>
        <source>the message with this number</source>
        <translation>die Nachricht mit dieser Nummer</translation>
    </message>
    <message>
        <source>bigger than SIZE bytes (or k, M, G)</source>
        <translation>größer als SIZE Byte (oder k, M, G)</translation>
    </message>
    <message>
        <source>smaller than SIZE bytes (or k, M, G)</source>
        <translation>kleiner als SIZE Byte (oder k, M, G)</translation>
    </message>
    <message>
        <source>received on or after that day (or at or after that time)</source>
        <translation>an oder nach diesem Tag empfangen (oder zu oder nach dieser Zeit)</translation>
    </message>
    <message>
        <source>received before that day (or before that time)</source>
        <translation>vor diesem Tag empfangen (oder vor dieser Zeit)</translation>
    </message>
    <message>
        <source>received on that day</source>
        <translation>an diesem Tag empfangen</translation>
    </message>
</context>
<context>
    <name>ServerSettingsPage</name>
    <message>
        <source>ADDR:PORT, e.g. 127.0.0.1:2525, [::1]:2525 or :2525 (all interfaces)</source>
        <translation>ADRESSE:PORT, z. B. 127.0.0.1:2525, [::1]:2525 oder :2525 (alle Schnittstellen)</translation>
    </message>
    <message>
        <source>Used in the greeting, EHLO reply and Received header</source>
        <translation>Erscheint im Gruß, in der EHLO-Antwort und in der Received-Kopfzeile</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>One pattern per line, e.g. *@example.com
Empty: accept every recipient</source>
        <translation>Ein Muster je Zeile, z. B. *@example.com
Leer: jeden Empfänger annehmen</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Lauschen auf:</translation>
    </message>
    <message>
        <source>&amp;Host name:</source>
        <translation>&amp;Hostname:</translation>
    </message>
    <message>
        <source>&amp;Application name:</source>
        <translation>&amp;Anwendungsname:</translation>
    </message>
    <message>
        <source>Largest &amp;message:</source>
        <translation>Größte &amp;Nachricht:</translation>
    </message>
    <message>
        <source>&amp;Recipients per message:</source>
        <translation>&amp;Empfänger je Nachricht:</translation>
    </message>
    <message>
        <source>&amp;Idle timeout:</source>
        <translation>Zeitlimit bei &amp;Untätigkeit:</translation>
    </message>
    <message>
        <source>Concurrent &amp;connections:</source>
        <translation>Gleichzeitige &amp;Verbindungen:</translation>
    </message>
    <message>
        <source>Accept recipients &amp;matching:</source>
        <translation>Empfänger annehmen, &amp;passend zu:</translation>
    </message>
    <message>
        <source>Enter an address and port, e.g. %1</source>
        <translation>Geben Sie Adresse und Port ein, z. B. %1</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535</source>
        <translation>Der Port muss eine Zahl von 1 bis 65535 sein</translation>
    </message>
    <message>
        <source>The port must be from 1 to 65535</source>
        <translation>Der Port muss zwischen 1 und 65535 liegen</translation>
    </message>
    <message>
        <source>“%1”: a pattern has no spaces</source>
        <translation>„%1“: Ein Muster enthält keine Leerzeichen</translation>
    </message>
    <message>
        <source>Reachable from other machines: anyone who can reach it can send mail into your inbox; consider requiring authentication</source>
        <translation>Von anderen Rechnern erreichbar: Wer ihn erreicht, kann Post in Ihren Posteingang senden; erwägen Sie, Authentifizierung zu verlangen</translation>
    </message>
</context>
<context>
    <name>SessionListModel</name>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>handshake</source>
        <translation>Handshake</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>failed ✗</source>
        <translation>gescheitert ✗</translation>
    </message>
    <message>
        <source>%1 %2%3</source>
        <translation>%1 %2%3</translation>
    </message>
    <message>
        <source> (implicit TLS)</source>
        <translation> (implizites TLS)</translation>
    </message>
    <message>
        <source> (STARTTLS)</source>
        <translation> (STARTTLS)</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s); last failure: %1</source>
        <translation>
            <numerusform>%n Versuch; letzter Fehlschlag: %1</numerusform>
            <numerusform>%n Versuche; letzter Fehlschlag: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>HELO/EHLO %1</source>
        <translation>HELO/EHLO %1</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <source>Msgs</source>
        <translation>Nachr.</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>SessionLogModel</name>
    <message>
        <source>client to server</source>
        <translation>Client an Server</translation>
    </message>
    <message>
        <source>server to client</source>
        <translation>Server an Client</translation>
    </message>
    <message>
        <source>note from Letterbox</source>
        <translation>Hinweis von Letterbox</translation>
    </message>
    <message>
        <source>Double-click to show message %1</source>
        <translation>Doppelklicken, um Nachricht %1 zu zeigen</translation>
    </message>
    <message>
        <source>Shown because Show credentials is on.</source>
        <translation>Gezeigt, weil „Zugangsdaten zeigen“ an ist.</translation>
    </message>
    <message>
        <source>Credentials masked. Turn on Show credentials in the log&apos;s context menu to see them.</source>
        <translation>Zugangsdaten maskiert. Schalten Sie „Zugangsdaten zeigen“ im Kontextmenü des Protokolls ein, um sie zu sehen.</translation>
    </message>
    <message>
        <source>Credentials masked. Their clear text was not kept for this line (the store never has it), so it cannot be shown.</source>
        <translation>Zugangsdaten maskiert. Ihr Klartext wurde für diese Zeile nicht behalten (die Ablage hat ihn nie), daher kann er nicht gezeigt werden.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>a fault rule fired (Settings › Faults)</source>
        <translation>eine Fehlerregel hat gegriffen (Einstellungen › Fehlerregeln)</translation>
    </message>
</context>
<context>
    <name>SessionLogView</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Show &amp;Credentials</source>
        <translation>&amp;Zugangsdaten zeigen</translation>
    </message>
    <message>
        <source>Show the user names and passwords of AUTH exchanges in clear text, for sessions seen live in this window (never for stored traces)</source>
        <translation>Die Benutzernamen und Passwörter von AUTH-Dialogen im Klartext zeigen, für Sitzungen, die in diesem Fenster live zu sehen sind (nie für gespeicherte Mitschnitte)</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Show All Sessions</source>
        <translation>Alle Sitzungen zeigen</translation>
    </message>
    <message>
        <source>%1 older lines were dropped from the live log (it keeps the newest %2). The trace of every delivered message stays in the store: see the Trace tab of the message.</source>
        <translation>%1 ältere Zeilen wurden aus dem Live-Protokoll entfernt (es behält die neuesten %2). Der Mitschnitt jeder zugestellten Nachricht bleibt in der Ablage: siehe den Reiter Mitschnitt der Nachricht.</translation>
    </message>
    <message>
        <source>Protocol log (newest at the bottom; scroll up to stop following)</source>
        <translation>Protokoll (neueste Zeilen unten; nach oben scrollen, um nicht mehr zu folgen)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Letterbox Settings</source>
        <translation>Letterbox-Einstellungen</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>Storage &amp;&amp; Desktop</source>
        <translation>Ablage &amp;&amp; Desktop</translation>
    </message>
    <message>
        <source>Restart the listeners with these settings; the inbox stays</source>
        <translation>Die Dienste mit diesen Einstellungen neu starten; der Posteingang bleibt</translation>
    </message>
    <message>
        <source>HTTP API</source>
        <translation>HTTP-API</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>Fehlerregeln</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
</context>
<context>
    <name>StorageSettingsPage</name>
    <message>
        <source>Holds letterbox.sqlite3. Changing it opens that store instead; the old one stays where it is.</source>
        <translation>Enthält letterbox.sqlite3. Eine Änderung öffnet stattdessen jene Ablage; die alte bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Also write every message into this Maildir, for mutt, neomutt or notmuch</source>
        <translation>Jede Nachricht auch in dieses Maildir schreiben, für mutt, neomutt oder notmuch</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Older messages are deleted as new ones arrive</source>
        <translation>Ältere Nachrichten werden gelöscht, wenn neue ankommen</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>für immer</translation>
    </message>
    <message>
        <source>Messages older than this are deleted</source>
        <translation>Nachrichten, die älter sind, werden gelöscht</translation>
    </message>
    <message>
        <source>Like the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Show a &amp;notification for each new message</source>
        <translation>Für jede neue Nachricht eine Be&amp;nachrichtigung zeigen</translation>
    </message>
    <message>
        <source>&amp;Closing the window keeps Letterbox running in the tray</source>
        <translation>&amp;Schließen des Fensters lässt Letterbox im Systemabschnitt weiterlaufen</translation>
    </message>
    <message>
        <source>&amp;Store folder:</source>
        <translation>&amp;Ablageordner:</translation>
    </message>
    <message>
        <source>&amp;Maildir mirror:</source>
        <translation>&amp;Maildir-Spiegel:</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>Be&amp;halten:</translation>
    </message>
    <message>
        <source>Keep &amp;for:</source>
        <translation>Aufbewahren &amp;für:</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Erscheinungsbild:</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Einen Ordner wählen</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so Letterbox cannot show notifications or keep running there.</source>
        <translation>Diese Arbeitsfläche hat keinen Systemabschnitt, daher kann Letterbox dort weder Benachrichtigungen zeigen noch weiterlaufen.</translation>
    </message>
    <message>
        <source>&amp;Open Letterbox when I log in</source>
        <translation>&amp;Letterbox beim Anmelden öffnen</translation>
    </message>
    <message>
        <source>Adds Letterbox to the programs your desktop starts at login</source>
        <translation>Nimmt Letterbox in die Programme auf, die Ihre Arbeitsumgebung beim Anmelden startet</translation>
    </message>
    <message>
        <source>Start m&amp;inimised to the tray</source>
        <translation>M&amp;inimiert im Systemabschnitt starten</translation>
    </message>
    <message>
        <source>At login, only the tray icon appears (a minimised window where there is no tray)</source>
        <translation>Beim Anmelden erscheint nur das Symbol im Systemabschnitt (ein minimiertes Fenster, wo es keinen gibt)</translation>
    </message>
</context>
<context>
    <name>StoreCommands</name>
    <message>
        <source>; stop the running Letterbox first or use the app</source>
        <translation>; beenden Sie zuerst das laufende Letterbox oder verwenden Sie die Anwendung</translation>
    </message>
    <message>
        <source>no message %1 in %2</source>
        <translation>keine Nachricht %1 in %2</translation>
    </message>
    <message numerus="yes">
        <source>deleted %n message(s)</source>
        <translation>
            <numerusform>%n Nachricht gelöscht</numerusform>
            <numerusform>%n Nachrichten gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>the database was damaged (%1); salvaged %2 messages, %3 could not be read; the damaged file is kept as %4</source>
        <translation>die Datenbank war beschädigt (%1); %2 Nachrichten gerettet, %3 konnten nicht gelesen werden; die beschädigte Datei bleibt als %4 erhalten</translation>
    </message>
    <message numerus="yes">
        <source>rebuilt the search index of %n message(s)</source>
        <translation>
            <numerusform>Suchindex von %n Nachricht neu aufgebaut</numerusform>
            <numerusform>Suchindex von %n Nachrichten neu aufgebaut</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1, received %2 from %3 (%4)%5%6</source>
        <translation>Nachricht %1, empfangen %2 von %3 (%4)%5%6</translation>
    </message>
    <message>
        <source>, AUTH as %1</source>
        <translation>, AUTH als %1</translation>
    </message>
</context>
<context>
    <name>StoreLoader</name>
    <message>
        <source>The store cannot be read</source>
        <translation>Die Ablage kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Message %1 is no longer in the store</source>
        <translation>Nachricht %1 ist nicht mehr in der Ablage</translation>
    </message>
    <message>
        <source>The part is not in the message</source>
        <translation>Der Teil ist nicht in der Nachricht</translation>
    </message>
</context>
<context>
    <name>TlsSettingsPage</name>
    <message>
        <source>PEM certificate (chain); empty: no TLS</source>
        <translation>PEM-Zertifikat (Kette); leer: kein TLS</translation>
    </message>
    <message>
        <source>PEM private key (may be the same file)</source>
        <translation>Privater PEM-Schlüssel (darf dieselbe Datei sein)</translation>
    </message>
    <message>
        <source>only for an encrypted key</source>
        <translation>nur für einen verschlüsselten Schlüssel</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <source>Generate Self-Signed Certificate…</source>
        <translation>Selbstsigniertes Zertifikat erzeugen …</translation>
    </message>
    <message>
        <source>Create an EC P-256 certificate for the host name (and localhost, 127.0.0.1, ::1) in Letterbox&apos;s data folder</source>
        <translation>Ein EC-P-256-Zertifikat für den Hostnamen (und localhost, 127.0.0.1, ::1) im Datenordner von Letterbox erzeugen</translation>
    </message>
    <message>
        <source>STARTTLS is offered on the SMTP listener whenever a certificate is set.</source>
        <translation>STARTTLS wird auf dem SMTP-Dienst angeboten, sobald ein Zertifikat gesetzt ist.</translation>
    </message>
    <message>
        <source>&amp;Require TLS (only NOOP, EHLO, STARTTLS and QUIT before it)</source>
        <translation>TLS &amp;verlangen (davor nur NOOP, EHLO, STARTTLS und QUIT)</translation>
    </message>
    <message>
        <source>off, e.g. 127.0.0.1:1465</source>
        <translation>aus, z. B. 127.0.0.1:1465</translation>
    </message>
    <message>
        <source>A client that has not finished the TLS handshake by then is disconnected</source>
        <translation>Ein Client, der den TLS-Handshake bis dahin nicht abgeschlossen hat, wird getrennt</translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Loaded:</source>
        <translation>Geladen:</translation>
    </message>
    <message>
        <source>&amp;Implicit TLS on:</source>
        <translation>&amp;Implizites TLS auf:</translation>
    </message>
    <message>
        <source>&amp;Handshake timeout:</source>
        <translation>&amp;Handshake-Zeitlimit:</translation>
    </message>
    <message>
        <source>No certificate: STARTTLS and implicit TLS are off.</source>
        <translation>Kein Zertifikat: STARTTLS und implizites TLS sind aus.</translation>
    </message>
    <message>
        <source>The certificate and the key go together</source>
        <translation>Zertifikat und Schlüssel gehören zusammen</translation>
    </message>
    <message>
        <source>Checking the certificate and key…</source>
        <translation>Zertifikat und Schlüssel werden geprüft …</translation>
    </message>
    <message>
        <source>Implicit TLS needs a certificate and key</source>
        <translation>Implizites TLS braucht ein Zertifikat und einen Schlüssel</translation>
    </message>
    <message>
        <source>Requiring TLS needs a certificate and key</source>
        <translation>TLS zu verlangen braucht ein Zertifikat und einen Schlüssel</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: Der Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot generate a certificate</source>
        <translation>Zertifikat kann nicht erzeugt werden</translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <source>&lt;b&gt;Session #%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sitzung #%1&lt;/b&gt; von &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (HELO/EHLO %1)</source>
        <translation> (HELO/EHLO %1)</translation>
    </message>
    <message>
        <source> · TLS: %1 %2 (%3)</source>
        <translation> · TLS: %1 %2 (%3)</translation>
    </message>
    <message>
        <source>implicit TLS</source>
        <translation>implizites TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source> · no TLS</source>
        <translation> · kein TLS</translation>
    </message>
    <message>
        <source> · no AUTH</source>
        <translation> · kein AUTH</translation>
    </message>
    <message>
        <source> · AUTH as %1</source>
        <translation> · AUTH als %1</translation>
    </message>
    <message>
        <source> · ended: %1</source>
        <translation> · beendet: %1</translation>
    </message>
    <message>
        <source>Imported from &lt;b&gt;%1&lt;/b&gt;: not delivered by an SMTP session, so there is no protocol trace.</source>
        <translation>Importiert aus &lt;b&gt;%1&lt;/b&gt;: nicht von einer SMTP-Sitzung zugestellt, daher gibt es keinen Protokollmitschnitt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Session #%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sitzung #%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Where this message&apos;s transaction is in the trace was not recorded (it was stored by an older Letterbox, or after the trace reached its limit).</source>
        <translation>Wo die Transaktion dieser Nachricht im Mitschnitt steht, wurde nicht aufgezeichnet (sie wurde von einem älteren Letterbox gespeichert oder nachdem der Mitschnitt seine Grenze erreicht hatte).</translation>
    </message>
    <message>
        <source>This message&apos;s transaction is past the end of the stored trace (the trace reached its limit).</source>
        <translation>Die Transaktion dieser Nachricht liegt hinter dem Ende des gespeicherten Mitschnitts (der Mitschnitt hat seine Grenze erreicht).</translation>
    </message>
    <message>
        <source>This message: lines %1–%2 of %3, highlighted (from MAIL FROM to &quot;queued as %4&quot;); the rest of the session is dimmed.</source>
        <translation>Diese Nachricht: Zeilen %1–%2 von %3, hervorgehoben (von MAIL FROM bis &quot;queued as %4&quot;); der Rest der Sitzung ist abgeblendet.</translation>
    </message>
</context>
<context>
    <name>TransferPresenter</name>
    <message numerus="yes">
        <source>Export %n message(s) as mbox</source>
        <translation>
            <numerusform>%n Nachricht als mbox exportieren</numerusform>
            <numerusform>%n Nachrichten als mbox exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>mbox files (*.mbox);;All files (*)</source>
        <translation>mbox-Dateien (*.mbox);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Export %n message(s) as .eml files to</source>
        <translation>
            <numerusform>%n Nachricht als .eml-Datei exportieren nach</numerusform>
            <numerusform>%n Nachrichten als .eml-Dateien exportieren nach</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n message(s) into the Maildir</source>
        <translation>
            <numerusform>%n Nachricht in das Maildir exportieren</numerusform>
            <numerusform>%n Nachrichten in das Maildir exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert …</translation>
    </message>
    <message>
        <source>Import messages</source>
        <translation>Nachrichten importieren</translation>
    </message>
    <message>
        <source>Messages and mailboxes (*.eml *.mbox *.mbx *.mbs);;All files (*)</source>
        <translation>Nachrichten und Postfächer (*.eml *.mbox *.mbx *.mbs);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import a Maildir or a folder of .eml files</source>
        <translation>Ein Maildir oder einen Ordner mit .eml-Dateien importieren</translation>
    </message>
    <message>
        <source>Another import or export is still running</source>
        <translation>Ein anderer Import oder Export läuft noch</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Letterbox</source>
        <translation>Letterbox</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported</source>
        <translation>Import abgebrochen; nichts wurde importiert</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>Export abgebrochen; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export gescheitert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n message(s)</source>
        <translation>
            <numerusform>%n Nachricht importiert</numerusform>
            <numerusform>%n Nachrichten importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n message(s) to %1</source>
        <translation>
            <numerusform>%n Nachricht nach %1 exportiert</numerusform>
            <numerusform>%n Nachrichten nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) were left out.</source>
        <translation>
            <numerusform>%n Eintrag wurde ausgelassen.</numerusform>
            <numerusform>%n Einträge wurden ausgelassen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %L1 message(s) (%2 of %3)</source>
        <translation>
            <numerusform>%L1 Nachricht importiert (%2 von %3)</numerusform>
            <numerusform>%L1 Nachrichten importiert (%2 von %3)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %L1 of %L2 message(s)</source>
        <translation>
            <numerusform>%L1 von %L2 Nachricht exportiert</numerusform>
            <numerusform>%L1 von %L2 Nachrichten exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Letterbox: no unread mail</source>
        <translation>Letterbox: keine ungelesene Post</translation>
    </message>
    <message numerus="yes">
        <source>Letterbox: %n unread message(s)</source>
        <translation>
            <numerusform>Letterbox: %n ungelesene Nachricht</numerusform>
            <numerusform>Letterbox: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n neue Nachricht</numerusform>
            <numerusform>%n neue Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Latest: %1</source>
        <translation>Neueste: %1</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Von %1</translation>
    </message>
</context>
<context>
    <name>UserTable</name>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Add User</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>“%1”: a user name cannot contain “:”</source>
        <translation>„%1“: Ein Benutzername darf kein „:“ enthalten</translation>
    </message>
</context>
</TS>
