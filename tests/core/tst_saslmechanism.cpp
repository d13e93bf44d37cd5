// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/saslmechanism.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

using Kind = SaslMechanism::Step::Kind;
using Type = SaslMechanism::Type;

char *toString(const SaslMechanism::Step::Kind &kind)
{
    switch (kind) {
    case Kind::Challenge:
        return qstrdup("Challenge");
    case Kind::Done:
        return qstrdup("Done");
    case Kind::Failed:
        return qstrdup("Failed");
    }
    return qstrdup("?");
}

/// SaslMechanism server steps for PLAIN (RFC 4616), LOGIN and CRAM-MD5 (RFC 2195).
class TestSaslMechanism final : public QObject
{
    Q_OBJECT

private slots:
    void plain_data()
    {
        QTest::addColumn<bool>("asInitialResponse");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QByteArray>("authorizationId");
        QTest::addColumn<QByteArray>("username");
        QTest::addColumn<QByteArray>("password");

        for (const bool initial : {true, false}) {
            const char *const how = initial ? "initial-response" : "after-empty-challenge";
            QTest::addRow("%s-empty-authzid", how)
                << initial << "\0tim\0tanstaaf"_ba << Kind::Done << ""_ba
                << "tim"_ba
                << "tanstaaf"_ba;
            QTest::addRow("%s-authzid-equal", how)
                << initial << "tim\0tim\0tanstaaf"_ba << Kind::Done << "tim"_ba
                << "tim"_ba
                << "tanstaaf"_ba;
            QTest::addRow("%s-authzid-different", how)
                << initial << "admin\0tim\0tanstaaf"_ba << Kind::Failed << QByteArray()
                << QByteArray() << QByteArray();
            QTest::addRow("%s-utf8-credentials", how)
                << initial << "\0j\xc3\xb6rg\0p\xc3\xa4ss"_ba << Kind::Done << ""_ba
                << "j\xc3\xb6rg"_ba
                << "p\xc3\xa4ss"_ba;
            QTest::addRow("%s-no-nul", how) << initial << "timtanstaaf"_ba << Kind::Failed
                                            << QByteArray() << QByteArray() << QByteArray();
            QTest::addRow("%s-one-nul", how) << initial << "tim\0tanstaaf"_ba << Kind::Failed
                                             << QByteArray() << QByteArray() << QByteArray();
            QTest::addRow("%s-four-parts", how) << initial << "a\0tim\0pw\0extra"_ba << Kind::Failed
                                                << QByteArray() << QByteArray() << QByteArray();
            QTest::addRow("%s-empty-authcid", how) << initial << "\0\0tanstaaf"_ba << Kind::Failed
                                                   << QByteArray() << QByteArray() << QByteArray();
            QTest::addRow("%s-empty-message", how)
                << initial << ""_ba << Kind::Failed << QByteArray() << QByteArray() << QByteArray();
        }
    }

    void plain()
    {
        QFETCH(bool, asInitialResponse);
        QFETCH(QByteArray, message);
        QFETCH(Kind, kind);
        QFETCH(QByteArray, authorizationId);
        QFETCH(QByteArray, username);
        QFETCH(QByteArray, password);

        const auto mechanism = SaslMechanism::create(Type::Plain, "mx.letterbox.test");
        QVERIFY(mechanism);
        QCOMPARE(mechanism->type(), Type::Plain);
        SaslMechanism::Step step;
        if (asInitialResponse) {
            step = mechanism->start(message);
        } else {
            // RFC 4954 §4: without an initial response the server sends an empty challenge.
            const SaslMechanism::Step first = mechanism->start(std::nullopt);
            QCOMPARE(first.kind, Kind::Challenge);
            QCOMPARE(first.challenge, QByteArray());
            step = mechanism->respond(message);
        }
        QCOMPARE(step.kind, kind);
        if (kind == Kind::Failed) {
            QVERIFY(!step.error.isEmpty());
            return;
        }
        QCOMPARE(mechanism->credentials().authorizationId, authorizationId);
        QCOMPARE(mechanism->credentials().username, username);
        QCOMPARE(mechanism->credentials().password, password);
    }

    void loginWithoutInitialResponse()
    {
        const auto mechanism = SaslMechanism::create(Type::Login, "mx.letterbox.test");
        QCOMPARE(mechanism->type(), Type::Login);
        const SaslMechanism::Step first = mechanism->start(std::nullopt);
        QCOMPARE(first.kind, Kind::Challenge);
        QCOMPARE(first.challenge, "Username:"_ba);
        const SaslMechanism::Step second = mechanism->respond("tim"_ba);
        QCOMPARE(second.kind, Kind::Challenge);
        QCOMPARE(second.challenge, "Password:"_ba);
        const SaslMechanism::Step third = mechanism->respond("tanstaaf"_ba);
        QCOMPARE(third.kind, Kind::Done);
        QCOMPARE(mechanism->credentials().username, "tim"_ba);
        QCOMPARE(mechanism->credentials().password, "tanstaaf"_ba);
    }

    void loginWithInitialUsername()
    {
        const auto mechanism = SaslMechanism::create(Type::Login, "mx.letterbox.test");
        const SaslMechanism::Step first = mechanism->start("tim"_ba);
        QCOMPARE(first.kind, Kind::Challenge);
        QCOMPARE(first.challenge, "Password:"_ba);
        const SaslMechanism::Step second = mechanism->respond("tanstaaf"_ba);
        QCOMPARE(second.kind, Kind::Done);
        QCOMPARE(mechanism->credentials().username, "tim"_ba);
        QCOMPARE(mechanism->credentials().password, "tanstaaf"_ba);
    }

    void loginEmptyUsernameFails()
    {
        const auto mechanism = SaslMechanism::create(Type::Login, "mx.letterbox.test");
        QCOMPARE(mechanism->start(std::nullopt).kind, Kind::Challenge);
        const SaslMechanism::Step step = mechanism->respond(QByteArray());
        QCOMPARE(step.kind, Kind::Failed);
        QVERIFY(!step.error.isEmpty());
    }

    void cramMd5Exchange()
    {
        const auto mechanism = SaslMechanism::create(Type::CramMd5, "mx.letterbox.test");
        QCOMPARE(mechanism->type(), Type::CramMd5);
        const SaslMechanism::Step first = mechanism->start(std::nullopt);
        QCOMPARE(first.kind, Kind::Challenge);
        // RFC 2195 §2: a msg-id style challenge, "<" unique-digits "@" host ">".
        static const QRegularExpression shape(u"^<\\d+\\.\\d+@mx\\.letterbox\\.test>$"_s);
        QVERIFY2(shape.match(QString::fromLatin1(first.challenge)).hasMatch(),
                 first.challenge.constData());

        const QByteArray digest = CramMd5::digest(first.challenge, "pw"_ba);
        const SaslMechanism::Step done = mechanism->respond("user " + digest);
        QCOMPARE(done.kind, Kind::Done);
        QCOMPARE(mechanism->credentials().username, "user"_ba);
        QCOMPARE(mechanism->credentials().password, digest);
        QCOMPARE(mechanism->credentials().challenge, first.challenge);
        QVERIFY(CramMd5::verify(first.challenge, "pw"_ba, mechanism->credentials().password));
        QVERIFY(!CramMd5::verify(first.challenge, "wrong"_ba, mechanism->credentials().password));
    }

    void cramMd5ChallengesAreUnique()
    {
        const auto one = SaslMechanism::create(Type::CramMd5, "mx.letterbox.test");
        const auto two = SaslMechanism::create(Type::CramMd5, "mx.letterbox.test");
        QVERIFY(one->start(std::nullopt).challenge != two->start(std::nullopt).challenge);
    }

    void cramMd5UsernameWithSpace()
    {
        const auto mechanism = SaslMechanism::create(Type::CramMd5, "mx.letterbox.test");
        const SaslMechanism::Step first = mechanism->start(std::nullopt);
        const QByteArray digest = CramMd5::digest(first.challenge, "pw"_ba);
        QCOMPARE(mechanism->respond("John Smith " + digest).kind, Kind::Done);
        QCOMPARE(mechanism->credentials().username, "John Smith"_ba);
    }

    void cramMd5MalformedResponse_data()
    {
        QTest::addColumn<QByteArray>("response");

        QTest::addRow("no-space") << "userb913a602c7eda7a495b4e6e7334d3890"_ba;
        QTest::addRow("empty-user") << " b913a602c7eda7a495b4e6e7334d3890"_ba;
        QTest::addRow("short-digest") << "user b913a602c7eda7a495b4e6e7334d389"_ba;
        QTest::addRow("long-digest") << "user b913a602c7eda7a495b4e6e7334d38900"_ba;
        QTest::addRow("empty") << ""_ba;
    }

    void cramMd5MalformedResponse()
    {
        QFETCH(QByteArray, response);

        const auto mechanism = SaslMechanism::create(Type::CramMd5, "mx.letterbox.test");
        QCOMPARE(mechanism->start(std::nullopt).kind, Kind::Challenge);
        const SaslMechanism::Step step = mechanism->respond(response);
        QCOMPARE(step.kind, Kind::Failed);
        QVERIFY(!step.error.isEmpty());
    }

    void cramMd5WithInitialResponseFails()
    {
        // RFC 2195: the server speaks first, so an initial response cannot be valid.
        const auto mechanism = SaslMechanism::create(Type::CramMd5, "mx.letterbox.test");
        const SaslMechanism::Step step = mechanism->start("user 0123"_ba);
        QCOMPARE(step.kind, Kind::Failed);
        QVERIFY(!step.error.isEmpty());
    }

    void cramMd5Rfc2195Example()
    {
        // RFC 2195 §2, the worked example.
        const QByteArray challenge = "<1896.697170952@postoffice.reston.mci.net>"_ba;
        QCOMPARE(CramMd5::digest(challenge, "tanstaaftanstaaf"_ba),
                 "b913a602c7eda7a495b4e6e7334d3890"_ba);
        QVERIFY(CramMd5::verify(challenge, "tanstaaftanstaaf"_ba,
                                "b913a602c7eda7a495b4e6e7334d3890"_ba));
    }

    void cramMd5Verify_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("digest");
        QTest::addColumn<bool>("valid");

        QTest::addRow("right-password") << "tanstaaftanstaaf"_ba
                                        << "b913a602c7eda7a495b4e6e7334d3890"_ba << true;
        QTest::addRow("uppercase-hex") << "tanstaaftanstaaf"_ba
                                       << "B913A602C7EDA7A495B4E6E7334D3890"_ba << true;
        QTest::addRow("wrong-password") << "tanstaaf"_ba
                                        << "b913a602c7eda7a495b4e6e7334d3890"_ba << false;
        QTest::addRow("last-digit-off") << "tanstaaftanstaaf"_ba
                                        << "b913a602c7eda7a495b4e6e7334d3891"_ba << false;
        QTest::addRow("truncated-digest") << "tanstaaftanstaaf"_ba
                                          << "b913a602c7eda7a495b4e6e7334d389"_ba << false;
        QTest::addRow("empty-digest") << "tanstaaftanstaaf"_ba
                                      << ""_ba << false;
    }

    void cramMd5Verify()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, digest);
        QFETCH(bool, valid);

        QCOMPARE(CramMd5::verify("<1896.697170952@postoffice.reston.mci.net>"_ba, password, digest),
                 valid);
    }

    void fromName_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("known");
        QTest::addColumn<Type>("type");

        QTest::addRow("plain") << "PLAIN"_ba << true << Type::Plain;
        QTest::addRow("plain-lowercase") << "plain"_ba << true << Type::Plain;
        QTest::addRow("login-mixed-case") << "LoGiN"_ba << true << Type::Login;
        QTest::addRow("cram-md5") << "CRAM-MD5"_ba << true << Type::CramMd5;
        QTest::addRow("cram-md5-lowercase") << "cram-md5"_ba << true << Type::CramMd5;
        QTest::addRow("unknown") << "GSSAPI"_ba << false << Type::Plain;
        QTest::addRow("prefix-of-known") << "PLAI"_ba << false << Type::Plain;
        QTest::addRow("known-with-suffix") << "PLAINX"_ba << false << Type::Plain;
        QTest::addRow("empty") << ""_ba << false << Type::Plain;
    }

    void fromName()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, known);
        QFETCH(Type, type);

        const std::optional<Type> result = SaslMechanism::fromName(name);
        QCOMPARE(result.has_value(), known);
        if (known)
            QCOMPARE(*result, type);
    }

    void names()
    {
        QCOMPARE(SaslMechanism::name(Type::Plain), "PLAIN"_L1);
        QCOMPARE(SaslMechanism::name(Type::Login), "LOGIN"_L1);
        QCOMPARE(SaslMechanism::name(Type::CramMd5), "CRAM-MD5"_L1);
        QCOMPARE(SaslMechanism::allTypes(), (QList<Type>{Type::Plain, Type::Login, Type::CramMd5}));
    }
};

QTEST_GUILESS_MAIN(TestSaslMechanism)
#include "tst_saslmechanism.moc"
