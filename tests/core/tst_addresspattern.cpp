// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/addresspattern.h"

#include <QTest>

using namespace Qt::StringLiterals;

/// AddressPattern: case-insensitive glob with '*' and '?'.
class TestAddressPattern final : public QObject
{
    Q_OBJECT

private slots:
    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("matches");

        QTest::addRow("exact") << u"a@b.example"_s << u"a@b.example"_s << true;
        QTest::addRow("exact-shorter-address") << u"a@b.example"_s << u"a@b.exampl"_s << false;
        QTest::addRow("exact-longer-address") << u"a@b.example"_s << u"a@b.examplex"_s << false;
        QTest::addRow("case-insensitive") << u"A@B.Example"_s << u"a@b.EXAMPLE"_s << true;
        QTest::addRow("case-insensitive-non-ascii") << u"J\u00d6RG@*"_s << u"j\u00f6rg@x"_s << true;
        QTest::addRow("star-prefix") << u"*@example.com"_s << u"x@example.com"_s << true;
        QTest::addRow("star-prefix-matches-empty")
            << u"*@example.com"_s << u"@example.com"_s << true;
        QTest::addRow("star-prefix-other-domain")
            << u"*@example.com"_s << u"x@example.org"_s << false;
        QTest::addRow("star-prefix-subdomain")
            << u"*@example.com"_s << u"x@sub.example.com"_s << false;
        QTest::addRow("star-suffix") << u"test-*"_s << u"test-1@x.example"_s << true;
        QTest::addRow("star-suffix-no-match") << u"test-*"_s << u"tes@x.example"_s << false;
        QTest::addRow("star-middle") << u"a*z"_s << u"abcz"_s << true;
        QTest::addRow("star-middle-empty") << u"a*z"_s << u"az"_s << true;
        QTest::addRow("star-middle-trailing-text") << u"a*z"_s << u"abcza"_s << false;
        QTest::addRow("two-stars") << u"a*b*c"_s << u"aXbYc"_s << true;
        QTest::addRow("two-stars-wrong-order") << u"a*b*c"_s << u"acb"_s << false;
        QTest::addRow("star-needs-backtracking") << u"*ab"_s << u"aab"_s << true;
        QTest::addRow("star-backtracking-twice") << u"*a*b"_s << u"xaxaxb"_s << true;
        QTest::addRow("star-does-not-invent-text") << u"a*a"_s << u"a"_s << false;
        QTest::addRow("question-mark") << u"test-?@x"_s << u"test-1@x"_s << true;
        QTest::addRow("question-mark-needs-a-character") << u"test-?@x"_s << u"test-@x"_s << false;
        QTest::addRow("question-mark-only-one") << u"test-?@x"_s << u"test-12@x"_s << false;
        QTest::addRow("question-then-star-empty") << u"?*"_s << u""_s << false;
        QTest::addRow("question-then-star-one") << u"?*"_s << u"a"_s << true;
        QTest::addRow("empty-pattern-empty-address") << u""_s << u""_s << true;
        QTest::addRow("empty-pattern") << u""_s << u"a@b.example"_s << false;
        QTest::addRow("only-star") << u"*"_s << u"anything@example.com"_s << true;
        QTest::addRow("only-star-empty-address") << u"*"_s << u""_s << true;
        QTest::addRow("double-star") << u"**"_s << u"x"_s << true;
        QTest::addRow("dot-is-literal") << u"a.b"_s << u"axb"_s << false;
        QTest::addRow("brackets-are-literal") << u"[ab]"_s << u"a"_s << false;
    }

    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, address);
        QFETCH(bool, matches);

        QCOMPARE(AddressPattern(pattern).matches(address), matches);
    }

    void pathologicalPatternTerminates()
    {
        // A naive recursive matcher needs exponential time here; this one must simply return.
        const QString as(2000, u'a');
        const AddressPattern pattern(u"*a*a*a*a*a*a*b"_s);
        QVERIFY(!pattern.matches(as));
        QVERIFY(pattern.matches(QString(as + u'b')));
    }

    void matchesAny()
    {
        const QList<AddressPattern> patterns{AddressPattern(u"*@one.example"_s),
                                             AddressPattern(u"admin@*"_s)};
        QVERIFY(AddressPattern::matchesAny(patterns, u"x@one.example"));
        QVERIFY(AddressPattern::matchesAny(patterns, u"admin@two.example"));
        QVERIFY(!AddressPattern::matchesAny(patterns, u"x@two.example"));
        QVERIFY(!AddressPattern::matchesAny({}, u"x@one.example"));
    }
};

QTEST_GUILESS_MAIN(TestAddressPattern)
#include "tst_addresspattern.moc"
