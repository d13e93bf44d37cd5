// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

class QMenuBar;

/// The texts of the Help menu, made from what the program really uses: the search syntax from
/// SearchQuery::keywords() (the parser's own table), the keyboard shortcuts from the menus'
/// QActions as they are when asked, and About from the build's version and Qt.
class HelpText final
{
    Q_DECLARE_TR_FUNCTIONS(HelpText)

public:
    HelpText() = delete;

    /// HTML: how words, phrases, OR, NOT and groups combine, then one row per keyword.
    static QString searchSyntax();
    /// HTML: one row per shortcut of every command in `menuBar`'s menus (and their submenus).
    static QString shortcuts(const QMenuBar *menuBar);
    /// HTML: name, version, license, and the Qt built against and running.
    static QString about();
};
