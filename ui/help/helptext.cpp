// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "helptext.h"

#include "store/searchquery.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QMenuBar>

namespace {

QString row(const QString &left, const QString &right)
{
    return QStringLiteral("<tr><td style=\"padding-right:16px\"><tt>%1</tt></td><td>%2</td></tr>")
        .arg(left.toHtmlEscaped(), right.toHtmlEscaped());
}

// "&Delete All…" as the menu shows it: without the mnemonic's ampersand.
QString plainText(const QAction *action)
{
    QString text = action->text();
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}

void addShortcuts(const QMenu *menu, const QString &path, QString *rows)
{
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (const QMenu *sub = action->menu()) {
            addShortcuts(sub, path + QStringLiteral(" › ") + plainText(action), rows);
            continue;
        }
        QStringList keys;
        for (const QKeySequence &shortcut : action->shortcuts())
            keys.append(shortcut.toString(QKeySequence::NativeText));
        if (!keys.isEmpty())
            *rows += row(keys.join(QStringLiteral(", ")),
                         path + QStringLiteral(" › ") + plainText(action));
    }
}

} // namespace

QString HelpText::searchSyntax()
{
    QString rows;
    for (const SearchQuery::Keyword &keyword : SearchQuery::keywords())
        rows += row(keyword.name + u':' + keyword.argument,
                    QCoreApplication::translate("SearchQuery", keyword.description.data()));
    return tr("<h3>Searching the inbox</h3>"
              "<p>A word matches in the subject, the addresses or the text; <tt>word*</tt> "
              "matches words starting with it; <tt>\"a phrase\"</tt> matches the words in that "
              "order. Case and accents do not count.</p>"
              "<p>Terms next to each other must all match; <tt>a OR b</tt> lets either match; "
              "<tt>-term</tt> or <tt>NOT term</tt> excludes; parentheses group: "
              "<tt>from:alice (invoice OR receipt) -draft</tt>.</p>"
              "<p>A field takes a word, a \"phrase\" or a (group) of words: "
              "<tt>subject:\"weekly report\"</tt>. SIZE is bytes, or with k, M, G "
              "(1024-based).</p>")
           + QStringLiteral("<table>") + rows + QStringLiteral("</table>");
}

QString HelpText::shortcuts(const QMenuBar *menuBar)
{
    QString rows;
    for (const QAction *action : menuBar->actions()) {
        if (const QMenu *menu = action->menu())
            addShortcuts(menu, plainText(action), &rows);
    }
    return tr("<h3>Keyboard shortcuts</h3>") + QStringLiteral("<table>") + rows
           + QStringLiteral("</table>")
           + tr("<p>In the search box, Esc clears the search. Alt with the underlined letter "
                "opens a menu or a tab.</p>");
}

QString HelpText::about()
{
    return tr("<h3>Letterbox %1</h3>"
              "<p>A local SMTP mail catcher: it accepts the mail your applications send and "
              "shows it, and delivers nothing.</p>"
              "<p>Released under the MIT License.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>")
        .arg(QStringLiteral(LETTERBOX_VERSION), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(qVersion()));
}
