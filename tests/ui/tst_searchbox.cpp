// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "store/searchquery.h"
#include "views/searchbox.h"

#include <QCompleter>
#include <QStringListModel>
#include <QtTest>

using namespace Qt::StringLiterals;

class tst_SearchBox final : public QObject
{
    Q_OBJECT

private slots:
    /// The completer offers every keyword of SearchQuery::keywords() and nothing else: a
    /// keyword with a fixed set of values once per value, any other once with its colon.
    void completerCoversTheTable()
    {
        SearchBox box;
        const auto *completer = box.findChild<QCompleter *>();
        QVERIFY(completer);
        const auto *model = qobject_cast<const QStringListModel *>(completer->model());
        QVERIFY(model);
        const QStringList entries = model->stringList();
        QCOMPARE(entries, SearchBox::completions());

        QStringList expected;
        for (const SearchQuery::Keyword &keyword : SearchQuery::keywords()) {
            const QString name = keyword.name;
            if (name == u"has"_s || name == u"is"_s) {
                for (const QString &value : QString(keyword.argument).split(u'|'))
                    expected.append(name + u':' + value);
            } else {
                expected.append(name + u':');
            }
        }
        QCOMPARE(entries, expected);
        QVERIFY(entries.contains(u"has:attachment"_s));
        QVERIFY(entries.contains(u"is:unread"_s));
        QVERIFY(entries.contains(u"finding:"_s));
        // Every entry names a keyword the parser knows.
        for (const QString &entry : entries)
            QVERIFY2(SearchQuery::keyword(entry.section(u':', 0, 0)), qPrintable(entry));
    }

    /// The tooltip names every keyword of the table with its value form.
    void tooltipCoversTheTable()
    {
        SearchBox box;
        const QString tip = box.toolTip();
        QVERIFY(tip.contains(SearchBox::keywordHelp()));
        for (const SearchQuery::Keyword &keyword : SearchQuery::keywords()) {
            QString form = keyword.name + u':';
            if (keyword.kind == SearchQuery::Keyword::Kind::Filter)
                form += keyword.argument;
            QVERIFY2(tip.contains(form), qPrintable(form));
        }
    }
};

QTEST_MAIN(tst_SearchBox)
#include "tst_searchbox.moc"
