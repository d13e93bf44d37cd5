// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;
class QTranslator;

/// The app's translations, built into its resources: for now English, which gives the counted
/// strings their real forms (tr("%n message(s)", nullptr, n) reads "1 message", "3 messages").
/// Without a translation Qt would show the source text, "(s)" and all, so English is loaded
/// whatever the system's language, and a translation for that language, once there is one,
/// on top of it.
class Translations final
{
public:
    /// Where lrelease's output sits in the resources.
    static constexpr QLatin1StringView kResourceFolder{":/translations"};

    /// Installs the translators for `locale` on `app`, which owns them. Returns how many were
    /// installed (0 only when the resources lack the English one).
    static int install(QCoreApplication &app, const QLocale &locale = QLocale());
};
