<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ApiSettingsPage</name>
        <message>
            <source>Serve the HTTP &amp;API (Mailpit API v1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ADDR:PORT, e.g. %1 (Mailpit's and MailHog's port)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With users, every request needs HTTP Basic authentication as one of them; without, anyone who reaches the address can read and delete the mail.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Listen on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: Letterbox runs without the API until it is free</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reachable from other machines without a password: anyone who can reach it can read and delete your mail; add a user</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AttachmentFolder</name>
        <message>
            <source>cannot create a private folder in %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot create %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AuthSettingsPage</name>
        <message>
            <source>Offer SMTP &amp;authentication (AUTH)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re&amp;quire it before MAIL (only AUTH, EHLO, HELO, NOOP, RSET, QUIT and STARTTLS before)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept &amp;any user name and password (still shown in the log)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Allow PLAIN and LOGIN &amp;before TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PLAIN and LOGIN send the password in the clear, so by default (RFC 4954) they are offered and accepted only after STARTTLS or on the implicit-TLS port. CRAM-MD5 is always available. Allow them before TLS only to test a client that cannot do TLS.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mechanisms:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a user, or accept any credentials</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose at least one mechanism</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AutostartEntry</name>
        <message>
            <source>cannot remove %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation type="unfinished" />
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
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: cannot read %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 is larger than %3 bytes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>warning: %1 %2 can be read by other users (chmod 600)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (default %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show this help.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run without a window.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passphrase of the key: the first line of FILE (else $LETTERBOX_TLS_PASSPHRASE, when no passphrase option is given).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeatable; like --auth-user, one USER:PASSWORD per line (blank lines and lines starting with # are skipped).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One line per event on stdout: json, text or none.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list/show: JSON output.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show: exactly the stored bytes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>delete/export: every stored message.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>export: the messages matching QUERY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>export: eml, mbox or maildir.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list/search: at most N messages, the newest.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>release: a recipient (repeatable).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>QUERY: words (all must match), "a phrase", word*, a OR b, -word, NOT word, ( ), and
</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>  -- ends the options, so a query can start with -: letterbox search -- -draft
  (export: --query=-draft).
</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox catches the mail your application sends and shows it.

</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 or %2 (optional)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (a query starting with - goes after --, e.g. letterbox %1 -- -draft; see --help)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (see --help)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>search needs a query (see --help)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>delete: "%1" is not a message id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>delete needs message ids or --all (not both)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>export needs a destination (see --help)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>export: "%1" is not a message id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--format must be eml, mbox or maildir</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>import needs at least one file or folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>rebuild-index takes no arguments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>release needs one message id and --to ADDR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>release needs at least one --to ADDR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show needs one message id (see letterbox list)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown command "%1" (see --help)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--raw and --json exclude each other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--all goes with delete and export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--query and --format go with export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--retain-messages and --retain-days go with serving</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--limit goes with list and search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--limit must be a number from 1 to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--to goes with release</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--tls-passphrase and --tls-passphrase-file exclude each other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--tls-cert and --tls-key go together</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--tls-listen needs --tls-cert and --tls-key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--require-tls needs --tls-cert and --tls-key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--auth-user: "%1" is not USER:PASSWORD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--auth-user-file: %1 line %2 is not USER:PASSWORD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--auth-user-file: %1 has no USER:PASSWORD line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>AUTH options need --auth-user, --auth-user-file or --auth-accept-any</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--auth-mechanisms: no mechanism given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--api-auth: "%1" is not USER:PASSWORD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--fault %1 ("%2"): %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--fault: at most %1 rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>release needs --relay-host HOST:PORT</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--events must be json, text or none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop the Letterbox running on the store (--store DIR; without it the desktop app's store, then the default one) the way SIGTERM does, and wait until it has stopped; exit 1 when none runs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Desktop app: start in the system tray (minimised where there is none); what the "Open at login" entry runs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--quit takes only --store DIR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--minimized goes with the desktop app</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConfigSetting</name>
        <message>
            <source>Plain SMTP listener with optional STARTTLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Implicit-TLS (SMTPS) listener; off unless given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host name in greetings and Received headers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Application name in the greeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bytes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recipients per message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>recipients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Idle timeout per command</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Concurrent connections</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connections</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Protocol errors before 421 and close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>errors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeatable; accept only recipients matching this wildcard pattern</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM certificate (chain) file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM private key file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passphrase of the key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only NOOP, EHLO, STARTTLS and QUIT before TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seconds a client has to finish the TLS handshake</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offer AUTH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only AUTH, EHLO, HELO, NOOP, RSET, QUIT (and STARTTLS) before AUTH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>AUTH accepts any credentials (still reported)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeatable; enables AUTH with this user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mechanisms to offer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offer LOGIN and PLAIN before TLS too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also mirror every committed message into this Maildir</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep at most N messages, removing the oldest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>messages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove messages older than D days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeatable; the HTTP API asks for Basic auth with this user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply the fault rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seed of the fault rules' probabilities; 0 picks one at start (shown in the API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Greylisting counts a triple's attempts within this window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SMTP server that released messages are delivered to; off unless given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Encryption to the relay: none, starttls or implicit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not check the relay's certificate (a staging server's self-signed one)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Authenticate to the relay (AUTH PLAIN or LOGIN)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Envelope sender of relayed messages instead of the original one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeatable; recipients a message may be relayed to (none unless given)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay every arriving message that matches QUERY to its allowed envelope recipients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seconds the relay has for each reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic relays waiting for a retry, at most</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hours an automatic relay is retried after a temporary failure</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>off by default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>default %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, from %1 to %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DeleteMessagesDialog</name>
        <message>
            <source>Delete Messages</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Delete the %n message(s) the search shows, or every message in the store?</source>
            <translation>
                <numerusform>Delete the %n message the search shows, or every message in the store?</numerusform>
                <numerusform>Delete the %n messages the search shows, or every message in the store?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The store holds %n message(s). Deleting cannot be undone.</source>
            <translation>
                <numerusform>The store holds %n message. Deleting cannot be undone.</numerusform>
                <numerusform>The store holds %n messages. Deleting cannot be undone.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete all %n message(s) from the store?</source>
            <translation>
                <numerusform>Delete all %n message from the store?</numerusform>
                <numerusform>Delete all %n messages from the store?</numerusform>
            </translation>
        </message>
        <message>
            <source>Deleting cannot be undone.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Delete the %n shown</source>
            <translation>
                <numerusform>Delete the %n shown</numerusform>
                <numerusform>Delete the %n shown</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete all %n</source>
            <translation>
                <numerusform>Delete all %n</numerusform>
                <numerusform>Delete all %n</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ErrorText</name>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The value is not valid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The value is out of range</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The settings contradict each other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The address is in use by another program</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer has no such address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Permission denied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate cannot be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key cannot be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key does not belong to the certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file does not exist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file cannot be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file cannot be written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file already exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store cannot be written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another Letterbox uses this store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store is damaged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store was written by a newer Letterbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store has an older layout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The input is malformed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not allowed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server lacks an extension the message needs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The message is too large for the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server did not answer in time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The TLS handshake failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the credentials</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server rejected it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server failed temporarily</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Error</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ExchangeCommands</name>
        <message>
            <source>exported %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cancelled; nothing exported</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>exported %n message(s) to %1</source>
            <translation>
                <numerusform>exported %n message to %1</numerusform>
                <numerusform>exported %n messages to %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>imported %n message(s) (%1%)</source>
            <translation>
                <numerusform>imported %n message (%1%)</numerusform>
                <numerusform>imported %n messages (%1%)</numerusform>
            </translation>
        </message>
        <message>
            <source>cancelled; nothing imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>imported %1 from %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n message</numerusform>
                <numerusform>%n messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n source(s)</source>
            <translation>
                <numerusform>%n source</numerusform>
                <numerusform>%n sources</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FaultsSettingsPage</name>
        <message>
            <source>Apply &amp;fault rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Make the SMTP server fail on purpose, as the rules say; open sessions follow a change at their next command</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule (STAGE:MATCH:ACTION)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a rule and edit it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the selected rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the selected rule earlier (the first rule that fires wins)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the selected rule later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Presets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the rules of a usual failure</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. rcpt:*@blocked.test:550 5.1.1 no such user — data-end:*:disconnect — mail:*:delay=3000 — rcpt:*:greylist=1 — rcpt,p=0.3:*:451 4.3.0 try later (see the README)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>picked at start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Seed of probabilities:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Greylisting window:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reject all recipients (550)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Temporary failure (451)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Greylist (451 once per sender, recipient and address)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slow server (5 s per reply)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop the connection at the end of the data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use this rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule %1: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FindingsView</name>
        <message>
            <source>Error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Info</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No problems found.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>parse</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HeadlessRunner</name>
        <message>
            <source>warning: --api-listen: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n event(s) dropped (stdout was not being read)</source>
            <translation>
                <numerusform>%n event dropped (stdout was not being read)</numerusform>
                <numerusform>%n events dropped (stdout was not being read)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HelpText</name>
        <message>
            <source>&lt;h3&gt;Searching the inbox&lt;/h3&gt;&lt;p&gt;A word matches in the subject, the addresses or the text; &lt;tt&gt;word*&lt;/tt&gt; matches words starting with it; &lt;tt&gt;"a phrase"&lt;/tt&gt; matches the words in that order. Case and accents do not count.&lt;/p&gt;&lt;p&gt;Terms next to each other must all match; &lt;tt&gt;a OR b&lt;/tt&gt; lets either match; &lt;tt&gt;-term&lt;/tt&gt; or &lt;tt&gt;NOT term&lt;/tt&gt; excludes; parentheses group: &lt;tt&gt;from:alice (invoice OR receipt) -draft&lt;/tt&gt;.&lt;/p&gt;&lt;p&gt;A field takes a word, a "phrase" or a (group) of words: &lt;tt&gt;subject:"weekly report"&lt;/tt&gt;. SIZE is bytes, or with k, M, G (1024-based).&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;In the search box, Esc clears the search. Alt with the underlined letter opens a menu or a tab.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;h3&gt;Letterbox %1&lt;/h3&gt;&lt;p&gt;A local SMTP mail catcher: it accepts the mail your applications send and shows it, and delivers nothing.&lt;/p&gt;&lt;p&gt;Released under the MIT License.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HtmlPreview</name>
        <message>
            <source>Load remote content</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fetch the blocked images and styles of this message only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone (%1 px)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tablet (%1 px)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Desktop (full width)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview width</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox runs as root, so the HTML renderer has no sandbox. Rendering this message's HTML could let a malicious message attack your system. Below is its text.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The HTML renderer runs without a sandbox (QTWEBENGINE_CHROMIUM_FLAGS or QTWEBENGINE_DISABLE_SANDBOX). Rendering this message's HTML could let a malicious message attack your system. Below is its text.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Render HTML for this message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>

[… the rest of this HTML body is not shown as text]</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Converting the HTML to text…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no scheme)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Did not open a %1 link: only http, https and mailto links open, after you confirm.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remote content is allowed for this message.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Blocked %n remote resource(s) to protect your privacy.</source>
            <translation>
                <numerusform>Blocked %n remote resource to protect your privacy.</numerusform>
                <numerusform>Blocked %n remote resources to protect your privacy.</numerusform>
            </translation>
        </message>
        <message>
            <source>JavaScript is off; remote content is blocked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Always for This Sender</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Block for This Sender</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy Link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No mail program opened %1. Copy the address instead?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No browser opened %1. Copy the link instead?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remote content is allowed for messages from %1.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Refused %n local file(s) or other non-web resource(s) for good.</source>
            <translation>
                <numerusform>Refused %n local file or other non-web resource for good.</numerusform>
                <numerusform>Refused %n local files or other non-web resources for good.</numerusform>
            </translation>
        </message>
        <message>
            <source>Load remote content of every message from %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>InboxListPane</name>
        <message>
            <source>Cannot search: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>InboxPage</name>
        <message>
            <source>Select a message to see it here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;h3&gt;No mail yet&lt;/h3&gt;&lt;p&gt;Send mail to &lt;b&gt;%1&lt;/b&gt;: point your application's SMTP settings there, or try&lt;/p&gt;&lt;p&gt;&lt;tt&gt;swaks --server %1 --to you@example.test&lt;/tt&gt;&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;h3&gt;No mail yet&lt;/h3&gt;&lt;p&gt;Letterbox is not listening. Press &lt;b&gt;Start&lt;/b&gt;, or fix the problem shown in the status bar.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The message was deleted.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Deleted %n message(s)</source>
            <translation>
                <numerusform>Deleted %n message</numerusform>
                <numerusform>Deleted %n messages</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;h3&gt;No messages match “%1”&lt;/h3&gt;&lt;p&gt;Press Esc in the search box to see every message.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Correct the search to see messages again, or press Esc in the search box to see every message.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No message matches the search.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Releasing message %1 to %2…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message %1 relayed to %2: %3</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>InboxRowFormat</name>
        <message>
            <source>(no subject)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From: %1
MAIL FROM: &lt;%2&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To: %1
RCPT TO: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Has attachments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Received over TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Received without TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>authenticated as %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS / Auth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n finding(s); the Checks tab of the message lists them</source>
            <translation>
                <numerusform>%n finding; the Checks tab of the message lists them</numerusform>
                <numerusform>%n findings; the Checks tab of the message lists them</numerusform>
            </translation>
        </message>
        <message>
            <source>Findings of the message checks</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln byte(s)</source>
            <translation>
                <numerusform>%Ln byte</numerusform>
                <numerusform>%Ln bytes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InstanceLaunch</name>
        <message>
            <source>warning: a second launch on this store will not find this one: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a headless Letterbox already runs on %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it has no window to show; stop it with letterbox --quit --store DIR first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stop it with letterbox --quit --store DIR first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the Letterbox desktop app already runs on %1 (stop it with letterbox --quit --store DIR first)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no Letterbox runs on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>another launch asked for this window</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ListenFieldCheck</name>
        <message>
            <source>Port %1 is in use by another program</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port %1 needs administrator rights; use 1024 or above</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer has no such address</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainActions</name>
        <message>
            <source>Stop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop or start the SMTP listeners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+,</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete All…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shift+Del</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark Read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+R</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark Unread</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+U</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save as .eml…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open Store Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the selected messages, the search result or all messages as .eml files, an mbox file or a Maildir</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import Files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add .eml or mbox files to the store (or drop them on the window)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import Folder or Maildir…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a Maildir, or every .eml file of a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 as .eml Files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 as an mbox File…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 into a Maildir…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n Selected Message(s)</source>
            <translation>
                <numerusform>%n Selected Message</numerusform>
                <numerusform>%n Selected Messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n Search Result(s)</source>
            <translation>
                <numerusform>%n Search Result</numerusform>
                <numerusform>%n Search Results</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n Message(s)</source>
            <translation>
                <numerusform>All %n Message</numerusform>
                <numerusform>All %n Messages</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show / Hide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search Syntax</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keyboard Shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About Letterbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Release…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deliver the message for real through the relay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry Relay Now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the queued relay of the message again now instead of at its time</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainStatusBar</name>
        <message>
            <source>TLS and authentication settings; change them in Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>STARTTLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>AUTH required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>AUTH (any)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>AUTH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Starting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SMTP %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SMTPS %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listening: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n message</numerusform>
                <numerusform>%n messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n message(s)</source>
            <translation>
                <numerusform>%1 of %n message</numerusform>
                <numerusform>%1 of %n messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n unread</source>
            <translation>
                <numerusform>, %n unread</numerusform>
                <numerusform>, %n unread</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n session(s)</source>
            <translation>
                <numerusform>%n session</numerusform>
                <numerusform>%n sessions</numerusform>
            </translation>
        </message>
        <message>
            <source>, %1 open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change the settings and apply them to try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the certificate and key files in the TLS settings, or generate a self-signed certificate there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a folder you can write to in the storage settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another program (perhaps another Letterbox or mail catcher) already listens there. Stop it, or choose another port in the server settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another Letterbox uses this store. Close it, or choose another folder in the storage settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not listening: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox cannot listen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start listening with the saved settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped: not receiving mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New settings not applied: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox cannot use the store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox cannot use the certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox cannot use the authentication settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy API URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The HTTP API (Mailpit API v1) answers at %1; click to copy the URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another program (perhaps another Letterbox or mail catcher) already listens there. Stop it, or choose another address for the HTTP API, or turn it off, in the API settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox cannot serve the HTTP API</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HTTP API off: %1 is in use by another program</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HTTP API reachable from other machines without a password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copied %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Faults active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mailpit chaos triggers are set through the HTTP API</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click to edit the rules</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n fault rule(s) active, making the SMTP server fail on purpose (seed %1)</source>
            <translation>
                <numerusform>%n fault rule active, making the SMTP server fail on purpose (seed %1)</numerusform>
                <numerusform>%n fault rules active, making the SMTP server fail on purpose (seed %1)</numerusform>
            </translation>
        </message>
        <message>
            <source>Relay of message %1 failed, will retry: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay of message %1 failed: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the relay host, its TLS mode, the user and password and the allowed recipients in the relay settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox cannot relay</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Letterbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Inbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read the store: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox — %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stored as message %1 (%2); double-click to show it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retrying the relay of message %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot retry the relay: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open at login: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MessageView</name>
        <message>
            <source>HTML</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Headers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Raw</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open with the program your system uses for this type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Envelope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trace</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a message to see it here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(This message has only an HTML body.)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trace (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · over TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · without TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · authenticated as %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no subject)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cc</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n finding(s), see the Checks tab</source>
            <translation>
                <numerusform>%n finding, see the Checks tab</numerusform>
                <numerusform>%n findings, see the Checks tab</numerusform>
            </translation>
        </message>
        <message>
            <source>(part %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(inline %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (inline)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MAIL FROM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RCPT TO</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bcc: not in To or Cc</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in To/Cc</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HELO/EHLO</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Authenticated as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not authenticated)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checks (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E-mail messages (*.eml);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save attachment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save As…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>

[… %n more byte(s); use Save as .eml to get them all]</source>
            <translation>
                <numerusform>

[… %n more byte; use Save as .eml to get them all]</numerusform>
                <numerusform>

[… %n more bytes; use Save as .eml to get them all]</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n attachment(s)</source>
            <translation>
                <numerusform>%n attachment</numerusform>
                <numerusform>%n attachments</numerusform>
            </translation>
        </message>
        <message>
            <source>no attachments</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n inline image(s)</source>
            <translation>
                <numerusform>%n inline image</numerusform>
                <numerusform>%n inline images</numerusform>
            </translation>
        </message>
        <message>
            <source>no problems found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inline images, shown in the HTML body (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inline Images (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No program opens “%1” here. Save it somewhere instead?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none (imported)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay (%1)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OpenLinkDialog</name>
        <message>
            <source>Open this link in your mail program?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open this link in your browser?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Careful: the link text shows %1, but the link goes to %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open Link</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>This is a file, not a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You cannot write to this folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This folder cannot be created here</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RelaySettingsPage</name>
        <message>
            <source>off, e.g. smtp.example.com:587</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>STARTTLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Implicit TLS (SMTPS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None (plain text)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not check the server's certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no authentication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the message's own sender</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One pattern per line, e.g. *@example.com; none: nothing can be relayed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>off; a search, e.g. to:@staging.example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Relay host:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Encryption:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;User:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Envelope &amp;sender:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Allowed recipients:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay &amp;automatically:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Timeout per reply:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message › Release… delivers a caught message for real through this server, to allowed recipients only.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RelayView</name>
        <message>
            <source>Attempt / Recipient</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target / Reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not relayed yet. Use Message › Release… to deliver it for real.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>delivered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>delivered to %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (temporary)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not delivered (temporary)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not delivered</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReleaseCommand</name>
        <message>
            <source>; release through the running Letterbox (POST /api/v1/message/%1/release, or Release... in the app)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no message %1 in the store</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReleaseDialog</name>
        <message>
            <source>Release Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No relay is set up: give Letterbox a relay (--relay-host and --relay-allow) to deliver messages for real.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deliver “%1” for real through %2. Only recipients that an allowed pattern matches are accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Recipients:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Release</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not released: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SearchBox</name>
        <message>
            <source>Search: from:alice has:attachment … (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fields: %1 (a word, "phrase" or (group))
Filters: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Words and "phrases" must all match; OR, -word and NOT exclude, ( ) group.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SIZE: bytes, or 10k, 2M, 1G</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot search: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SearchQuery</name>
        <message>
            <source>MAIL FROM or the From header</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RCPT TO, the To or the Cc header</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the Cc header</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the Subject header</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the message text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>messages with attachments, or with findings of the message checks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>messages read or not yet read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>messages with a finding of this code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the message with this number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bigger than SIZE bytes (or k, M, G)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>smaller than SIZE bytes (or k, M, G)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>received on or after that day (or at or after that time)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>received before that day (or before that time)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>received on that day</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ServerSettingsPage</name>
        <message>
            <source>ADDR:PORT, e.g. 127.0.0.1:2525, [::1]:2525 or :2525 (all interfaces)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used in the greeting, EHLO reply and Received header</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MiB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One pattern per line, e.g. *@example.com
Empty: accept every recipient</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Listen on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Host name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Application name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest &amp;message:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Recipients per message:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Idle timeout:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Concurrent &amp;connections:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept recipients &amp;matching:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter an address and port, e.g. %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The port must be a number from 1 to 65535</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The port must be from 1 to 65535</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1”: a pattern has no spaces</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reachable from other machines: anyone who can reach it can send mail into your inbox; consider requiring authentication</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SessionListModel</name>
        <message>
            <source>open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 ms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>handshake</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 ✓</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed ✗</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2%3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (implicit TLS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (STARTTLS)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n attempt(s); last failure: %1</source>
            <translation>
                <numerusform>%n attempt; last failure: %1</numerusform>
                <numerusform>%n attempts; last failure: %1</numerusform>
            </translation>
        </message>
        <message>
            <source>HELO/EHLO %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Msgs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SessionLogModel</name>
        <message>
            <source>client to server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>server to client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>note from Letterbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Double-click to show message %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shown because Show credentials is on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Credentials masked. Turn on Show credentials in the log's context menu to see them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Credentials masked. Their clear text was not kept for this line (the store never has it), so it cannot be shown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a fault rule fired (Settings › Faults)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SessionLogView</name>
        <message>
            <source>&amp;Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show &amp;Credentials</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the user names and passwords of AUTH exchanges in clear text, for sessions seen live in this window (never for stored traces)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SessionsPage</name>
        <message>
            <source>Show All Sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 older lines were dropped from the live log (it keeps the newest %2). The trace of every delivered message stays in the store: see the Trace tab of the message.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Protocol log (newest at the bottom; scroll up to stop following)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Letterbox Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Authentication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Storage &amp;&amp; Desktop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restart the listeners with these settings; the inbox stays</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HTTP API</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Faults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relay</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StorageSettingsPage</name>
        <message>
            <source>Holds letterbox.sqlite3. Changing it opens that store instead; the old one stays where it is.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also write every message into this Maildir, for mutt, neomutt or notmuch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Older messages are deleted as new ones arrive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>forever</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Messages older than this are deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Like the system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Light</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dark</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show a &amp;notification for each new message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Closing the window keeps Letterbox running in the tray</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Store folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Maildir mirror:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Keep:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep &amp;for:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Appearance:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This desktop has no system tray, so Letterbox cannot show notifications or keep running there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open Letterbox when I log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Adds Letterbox to the programs your desktop starts at login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start m&amp;inimised to the tray</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At login, only the tray icon appears (a minimised window where there is no tray)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StoreCommands</name>
        <message>
            <source>; stop the running Letterbox first or use the app</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no message %1 in %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>deleted %n message(s)</source>
            <translation>
                <numerusform>deleted %n message</numerusform>
                <numerusform>deleted %n messages</numerusform>
            </translation>
        </message>
        <message>
            <source>the database was damaged (%1); salvaged %2 messages, %3 could not be read; the damaged file is kept as %4</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>rebuilt the search index of %n message(s)</source>
            <translation>
                <numerusform>rebuilt the search index of %n message</numerusform>
                <numerusform>rebuilt the search index of %n messages</numerusform>
            </translation>
        </message>
        <message>
            <source>Message %1, received %2 from %3 (%4)%5%6</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, AUTH as %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StoreLoader</name>
        <message>
            <source>The store cannot be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message %1 is no longer in the store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The part is not in the message</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TlsSettingsPage</name>
        <message>
            <source>PEM certificate (chain); empty: no TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM private key (may be the same file)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>only for an encrypted key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Key file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Generate Self-Signed Certificate…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create an EC P-256 certificate for the host name (and localhost, 127.0.0.1, ::1) in Letterbox's data folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>STARTTLS is offered on the SMTP listener whenever a certificate is set.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Require TLS (only NOOP, EHLO, STARTTLS and QUIT before it)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>off, e.g. 127.0.0.1:1465</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A client that has not finished the TLS handshake by then is disconnected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Certificate:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Key:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loaded:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Implicit TLS on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Handshake timeout:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No certificate: STARTTLS and implicit TLS are off.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate and the key go together</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the certificate and key…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Implicit TLS needs a certificate and key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requiring TLS needs a certificate and key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: cannot create the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot generate a certificate</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TraceView</name>
        <message>
            <source>&lt;b&gt;Session #%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (HELO/EHLO %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · TLS: %1 %2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>implicit TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>STARTTLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · no TLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · no AUTH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · AUTH as %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · ended: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imported from &lt;b&gt;%1&lt;/b&gt;: not delivered by an SMTP session, so there is no protocol trace.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;Session #%1&lt;/b&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where this message's transaction is in the trace was not recorded (it was stored by an older Letterbox, or after the trace reached its limit).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This message's transaction is past the end of the stored trace (the trace reached its limit).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This message: lines %1–%2 of %3, highlighted (from MAIL FROM to "queued as %4"); the rest of the session is dimmed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TransferPresenter</name>
        <message numerus="yes">
            <source>Export %n message(s) as mbox</source>
            <translation>
                <numerusform>Export %n message as mbox</numerusform>
                <numerusform>Export %n messages as mbox</numerusform>
            </translation>
        </message>
        <message>
            <source>mbox files (*.mbox);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Export %n message(s) as .eml files to</source>
            <translation>
                <numerusform>Export %n message as .eml files to</numerusform>
                <numerusform>Export %n messages as .eml files to</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Export %n message(s) into the Maildir</source>
            <translation>
                <numerusform>Export %n message into the Maildir</numerusform>
                <numerusform>Export %n messages into the Maildir</numerusform>
            </translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import messages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Messages and mailboxes (*.eml *.mbox *.mbx *.mbs);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import a Maildir or a folder of .eml files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another import or export is still running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letterbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import cancelled; nothing was imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export cancelled; nothing was written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Imported %n message(s)</source>
            <translation>
                <numerusform>Imported %n message</numerusform>
                <numerusform>Imported %n messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n message(s) to %1</source>
            <translation>
                <numerusform>Exported %n message to %1</numerusform>
                <numerusform>Exported %n messages to %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n entry(ies) were left out.</source>
            <translation>
                <numerusform>%n entry was left out.</numerusform>
                <numerusform>%n entries were left out.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %L1 message(s) (%2 of %3)</source>
            <translation>
                <numerusform>Imported %L1 message (%2 of %3)</numerusform>
                <numerusform>Imported %L1 messages (%2 of %3)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %L1 of %L2 message(s)</source>
            <translation>
                <numerusform>Exported %L1 of %L2 message</numerusform>
                <numerusform>Exported %L1 of %L2 messages</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TrayIcon</name>
        <message>
            <source>Letterbox: no unread mail</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Letterbox: %n unread message(s)</source>
            <translation>
                <numerusform>Letterbox: %n unread message</numerusform>
                <numerusform>Letterbox: %n unread messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s)</source>
            <translation>
                <numerusform>%n new message</numerusform>
                <numerusform>%n new messages</numerusform>
            </translation>
        </message>
        <message>
            <source>Latest: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no subject)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UserTable</name>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1”: a user name cannot contain “:”</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
