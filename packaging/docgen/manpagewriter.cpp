// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "manpagewriter.h"

#include "usagetext.h"

#include <QStringList>

namespace {

QString bold(const QString &text)
{
    return QStringLiteral("\\fB") + ManPageWriter::escape(text) + QStringLiteral("\\fR");
}

QString italic(const QString &text)
{
    return QStringLiteral("\\fI") + ManPageWriter::escape(text) + QStringLiteral("\\fR");
}

// "-h, --help" or "--store DIR", as the heading of the option's paragraph.
QString optionHeading(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &name : option.names())
        names.append(bold((name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name));
    QString heading = names.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty())
        heading += u' ' + italic(option.valueName());
    return heading;
}

// Preformatted lines (the search language keeps its columns).
QString verbatim(const QString &text)
{
    QString result = QStringLiteral(".PP\n.RS 2\n.nf\n");
    for (const QString &line : text.split(u'\n')) {
        if (!line.isEmpty())
            result += ManPageWriter::escape(line) + u'\n';
    }
    return result + QStringLiteral(".fi\n.RE\n");
}

void paragraph(QString *page, const QString &heading, const QString &text)
{
    *page += QStringLiteral(".TP\n") + heading + u'\n' + ManPageWriter::escape(text) + u'\n';
}

// The default locations are QStandardPaths' AppDataLocation and AppConfigLocation for the
// application name "letterbox" (ServerConfig::defaultStoreDirectory, AppSettings).
const char *const kFiles[][2] = {
    {"~/.local/share/letterbox/",
     "The default store ($XDG_DATA_HOME/letterbox): letterbox.sqlite3 and the messages' "
     "spool. --store chooses another."},
    {"~/.config/letterbox/letterbox.conf",
     "The desktop app's settings ($XDG_CONFIG_HOME/letterbox), readable only by its owner: it "
     "can hold the TLS passphrase and AUTH passwords. Headless mode and the store commands do "
     "not read it."},
    {"~/.config/autostart/io.github.letterbox.Letterbox.desktop",
     "Written by the desktop app's \"Open Letterbox when I log in\" setting "
     "($XDG_CONFIG_HOME/autostart), removed when it is switched off."},
    {"$XDG_RUNTIME_DIR/letterbox-UID-HASH.socket",
     "The local socket over which a second launch on the same store reaches the running "
     "Letterbox (raise its window, --quit), with its .lock file; in /tmp when XDG_RUNTIME_DIR "
     "is unset or not a private folder of the user."},
    {"/usr/lib/systemd/user/letterbox-headless.service",
     "A systemd user unit that runs letterbox --headless on the default store: systemctl --user "
     "enable --now letterbox-headless. Options go into a drop-in (systemctl --user edit "
     "letterbox-headless) as a new ExecStart= line."},
};

const char *const kEnvironment[][2] = {
    {"LETTERBOX_TLS_PASSPHRASE",
     "The passphrase of the TLS key given with --tls-key, when neither --tls-passphrase nor "
     "--tls-passphrase-file is given (the command line is visible to every user of the "
     "machine)."},
    {"DISPLAY, WAYLAND_DISPLAY",
     "Without either (and without QT_QPA_PLATFORM), letterbox without --headless or a command "
     "refuses to start the desktop app and says so."},
    {"XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_RUNTIME_DIR",
     "Where the default store, the settings file and the autostart entry, and the "
     "single-instance socket live."},
    {"QTWEBENGINE_CHROMIUM_FLAGS, QTWEBENGINE_DISABLE_SANDBOX",
     "When run as root, the desktop app adds --no-sandbox to the flags (Chromium refuses its "
     "sandbox to root) and shows HTML messages as text until asked to render them."},
    {"G_SLICE",
     "Set to always-malloc when unset (letterbox restarts itself once to apply it), so memory "
     "freed after large messages goes back to the system."},
};

const char *const kExitStatus[][2] = {
    {"0", "Success; a server (--headless or the desktop app) stopped cleanly."},
    {"1", "A command failed for another reason: a message that does not exist, a store "
          "that cannot be read, an import or export that failed or was cancelled."},
    {"2", "A bad command line or configuration: an unknown option, a value out of range, an "
          "unreadable certificate or key, a port in use, an unwritable store or a store in use "
          "by another Letterbox. One line on stderr names the problem."},
    {"3", "Another Letterbox already runs on the store and cannot do what was asked: it runs "
          "headless (no window to show), or this launch is headless. --quit stops it."},
};

} // namespace

QString ManPageWriter::escape(const QString &text)
{
    QString result;
    result.reserve(text.size() + 16);
    bool lineStart = true;
    for (const QChar c : text) {
        if (lineStart && (c == u'.' || c == u'\''))
            result += QStringLiteral("\\&");
        if (c == u'\\')
            result += QStringLiteral("\\e");
        else if (c == u'-')
            result += QStringLiteral("\\-");
        else
            result += c;
        lineStart = c == u'\n';
    }
    return result;
}

QString ManPageWriter::write(const Input &input)
{
    const UsageText usage = UsageText::parse(input.usage);
    QString page =
        QStringLiteral(".\\\" Generated by letterbox-docgen from the command line's option table; "
                       "do not edit.\n"
                       ".TH LETTERBOX 1 \"\" \"letterbox %1\" \"User Commands\"\n"
                       ".SH NAME\n"
                       "letterbox \\- catch the mail your application sends and show it\n"
                       ".SH SYNOPSIS\n")
            .arg(input.version);
    for (const UsageText::Entry &entry : usage.entries)
        page += QStringLiteral(".HP 4\n") + escape(entry.synopsis) + u'\n';
    page += QStringLiteral(
        ".SH DESCRIPTION\n"
        "Letterbox is a local SMTP server for developers and testers. It accepts every message, "
        "commits it to a SQLite store before it answers 250, and shows it with its envelope and "
        "the SMTP dialogue that delivered it. It speaks STARTTLS, implicit TLS and SMTP AUTH, and "
        "serves an HTTP API compatible with Mailpit's v1.\n"
        ".PP\n"
        "Without a command, letterbox runs the server: as the desktop app, or with "
        "\\fB\\-\\-headless\\fR without a window until SIGINT or SIGTERM. The commands work on "
        "the store directly.\n"
        ".SH COMMANDS\n");
    for (const UsageText::Entry &entry : usage.entries)
        paragraph(&page, bold(entry.synopsis), entry.description);
    for (const QString &note : usage.notes)
        page += QStringLiteral(".PP\n") + escape(note) + u'\n';
    page += QStringLiteral(".SH OPTIONS\n");
    for (const QCommandLineOption &option : input.options) {
        if (option.flags().testFlag(QCommandLineOption::HiddenFromHelp))
            continue;
        paragraph(&page, optionHeading(option), option.description());
    }
    page += QStringLiteral(".SH SEARCH QUERIES\n") + verbatim(input.searchHelp);
    page += QStringLiteral(".SH EXIT STATUS\n");
    for (const auto &[code, text] : kExitStatus)
        paragraph(&page, bold(QString::fromLatin1(code)), QString::fromLatin1(text));
    page += QStringLiteral(".SH ENVIRONMENT\n");
    for (const auto &[name, text] : kEnvironment)
        paragraph(&page, bold(QString::fromLatin1(name)), QString::fromLatin1(text));
    page += QStringLiteral(".SH FILES\n");
    for (const auto &[path, text] : kFiles)
        paragraph(&page, italic(QString::fromLatin1(path)), QString::fromLatin1(text));
    page += QStringLiteral(".SH SEE ALSO\n"
                           ".BR swaks (1),\n"
                           ".BR systemctl (1),\n"
                           "/usr/share/doc/letterbox/README.md\n");
    return page;
}
