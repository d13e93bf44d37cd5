// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "autostartentry.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

// Desktop Entry Specification, "The Exec key": an argument holding one of these is quoted.
constexpr QStringView kReserved = u" \t\n\"'\\><~|&;$*?#()`";

QString quoted(const QString &argument)
{
    QString result = argument;
    result.replace(u'%', QStringLiteral("%%")); // % starts a field code
    const bool needsQuotes = std::any_of(argument.begin(), argument.end(),
                                         [](QChar c) { return kReserved.contains(c); });
    if (!needsQuotes)
        return result;
    QString escaped;
    for (const QChar c : std::as_const(result)) {
        // Inside the quotes, these four take a backslash.
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// The value as a desktop file string: a backslash is written as two (the rule for every
// string value, applied after the Exec quoting).
QString stringValue(const QString &value)
{
    QString result = value;
    return result.replace(u'\\', QStringLiteral("\\\\"));
}

} // namespace

AutostartEntry::AutostartEntry(const QString &configDirectory)
{
    const QString base =
        configDirectory.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            : configDirectory;
    m_path = QDir(base).filePath(QStringLiteral("autostart/") + kFileName);
}

bool AutostartEntry::exists() const
{
    return QFileInfo::exists(m_path);
}

QString AutostartEntry::execLine(const QString &program, bool minimized)
{
    QString line = quoted(program);
    if (minimized)
        line += QStringLiteral(" --minimized");
    return line;
}

Result<void> AutostartEntry::apply(bool enabled, bool minimized, const QString &program) const
{
    if (!enabled) {
        if (exists() && !QFile::remove(m_path))
            return Error(ErrorCode::FileUnwritable,
                         QCoreApplication::translate("AutostartEntry", "cannot remove %1")
                             .arg(QDir::toNativeSeparators(m_path)),
                         m_path);
        return {};
    }
    QDir().mkpath(QFileInfo(m_path).path());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::FileUnwritable,
                     QCoreApplication::translate("AutostartEntry", "cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(m_path), file.errorString()),
                     m_path);
    const QString entry = QStringLiteral("[Desktop Entry]\n"
                                         "Type=Application\n"
                                         "Name=Letterbox\n"
                                         "Comment=Catches the mail your application sends\n"
                                         "Icon=io.github.letterbox.Letterbox\n"
                                         "Exec=%1\n"
                                         "Terminal=false\n"
                                         "X-GNOME-Autostart-enabled=true\n")
                              .arg(stringValue(execLine(program, minimized)));
    file.write(entry.toUtf8());
    if (!file.commit())
        return Error(ErrorCode::FileUnwritable,
                     QCoreApplication::translate("AutostartEntry", "cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(m_path), file.errorString()),
                     m_path);
    return {};
}
