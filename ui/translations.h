// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;
class QTranslator;

/// The app's translations, built into its resources (lrelease's letterbox_<language>.qm), and
/// Qt's own for the standard buttons and dialogs. English gives the counted strings their real
/// forms (tr("%n message(s)", nullptr, n) reads "1 message", "3 messages"); without it Qt would
/// show the source text, "(s)" and all. So English is loaded whatever the system's language, and
/// the translation for that language, when there is one, on top of it.
class Translations final
{
public:
    /// Where lrelease's output sits in the resources.
    static constexpr QLatin1StringView kResourceFolder{":/translations"};

    /// Installs the translators for `locale` on `app`, which owns them: English, then Qt's own
    /// translation for the language (qtbase_<language>.qm in QLibraryInfo::TranslationsPath,
    /// Debian's qt6-translations-l10n) when it is there, then Letterbox's. Returns how many
    /// were installed (0 only when the resources lack the English one).
    static int install(QCoreApplication &app, const QLocale &locale = QLocale());

    /// Installs one more translation from the .qm file `path` on top of those installed
    /// (tests load a generated pseudo translation this way). Returns whether it loaded.
    static bool installFile(QCoreApplication &app, const QString &path);
};
