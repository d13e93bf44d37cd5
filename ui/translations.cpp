// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace {

bool installOne(QCoreApplication &app, const QLocale &locale, const QString &name,
                const QString &folder)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, name, QStringLiteral("_"), folder)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

int Translations::install(QCoreApplication &app, const QLocale &locale)
{
    const QString resources(kResourceFolder);
    // Installed later means asked first: English is the fallback under the user's language.
    int installed =
        installOne(app, QLocale(QLocale::English), QStringLiteral("letterbox"), resources) ? 1 : 0;
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return installed;
    if (installOne(app, locale, QStringLiteral("qtbase"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        ++installed;
    if (installOne(app, locale, QStringLiteral("letterbox"), resources))
        ++installed;
    return installed;
}

bool Translations::installFile(QCoreApplication &app, const QString &path)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(path)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}
