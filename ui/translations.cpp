// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace {

bool installOne(QCoreApplication &app, const QLocale &locale)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, QStringLiteral("letterbox"), QStringLiteral("_"),
                          QString(Translations::kResourceFolder))) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

int Translations::install(QCoreApplication &app, const QLocale &locale)
{
    // Installed later means asked first: English is the fallback under the user's language.
    int installed = installOne(app, QLocale(QLocale::English)) ? 1 : 0;
    if (locale.language() != QLocale::English && locale.language() != QLocale::C
        && installOne(app, locale))
        ++installed;
    return installed;
}
