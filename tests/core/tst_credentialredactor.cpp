// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/credentialredactor.h"
#include "smtp/saslmechanism.h"
#include "smtp/smtpcommand.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

std::optional<CredentialRedactor::Redacted> command(const CredentialRedactor &redactor,
                                                    const QByteArray &line)
{
    const QByteArray content = line.left(line.size() - 2);
    return redactor.commandLine(line, SmtpCommand::parse(content));
}

} // namespace

/// What the protocol log shows of credential lines, masked and (when asked) in the clear.
class TestCredentialRedactor final : public QObject
{
    Q_OBJECT

private slots:
    void ordinaryCommandsAreNotTouched()
    {
        const CredentialRedactor redactor(true, "mx.test"_ba);
        QVERIFY(!command(redactor, "MAIL FROM:<a@b.test>\r\n"_ba));
        QVERIFY(!command(redactor, "AUTH PLAIN\r\n"_ba));
        QVERIFY(!command(redactor, "AUTH LOGIN   \r\n"_ba));
    }

    void initialResponseIsMasked_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("masked");
        QTest::addRow("plain") << "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"_ba
                               << "AUTH PLAIN ****\r\n"_ba;
        QTest::addRow("lower-case-verb") << "auth plain AGFsaWNlAHNlY3JldA==\r\n"_ba
                                         << "auth plain ****\r\n"_ba;
        // The parser refuses it (two words), but the secret is masked all the same.
        QTest::addRow("refused-by-parser") << "AUTH PLAIN abc def\r\n"_ba
                                           << "AUTH PLAIN ****\r\n"_ba;
        QTest::addRow("bare-lf") << "AUTH PLAIN AGFsaWNlAHNlY3JldA==\n"_ba
                                 << "AUTH PLAIN ****\n"_ba;
    }
    void initialResponseIsMasked()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, masked);
        const CredentialRedactor redactor(false, "mx.test"_ba);
        const auto redacted = command(redactor, line);
        QVERIFY(redacted);
        QCOMPARE(redacted->masked, masked);
        QVERIFY(redacted->revealed.isEmpty());
    }

    void revealShowsLineAndDecodedCredentials()
    {
        const CredentialRedactor redactor(true, "mx.test"_ba);
        const auto redacted = command(redactor, "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"_ba);
        QVERIFY(redacted);
        QCOMPARE(redacted->masked, "AUTH PLAIN ****\r\n"_ba);
        QVERIFY(redacted->revealed.startsWith("AUTH PLAIN AGFsaWNlAHNlY3JldA==  "_ba));
        QVERIFY(redacted->revealed.contains("alice"));
        QVERIFY(redacted->revealed.contains("secret"));
    }

    void saslResponsesAreMaskedButNotTheCancel()
    {
        const CredentialRedactor hidden(false, "mx.test"_ba);
        QVERIFY(!hidden.saslResponse("*\r\n"_ba, nullptr));
        const auto masked = hidden.saslResponse("YWxpY2U=\r\n"_ba, nullptr);
        QVERIFY(masked);
        QCOMPARE(masked->masked, "****\r\n"_ba);
        QVERIFY(masked->revealed.isEmpty());

        const CredentialRedactor shown(true, "mx.test"_ba);
        const auto login = SaslMechanism::create(SaslMechanism::Type::Login, "mx.test");
        const auto revealed = shown.saslResponse("YWxpY2U=\r\n"_ba, login.get());
        QVERIFY(revealed);
        QVERIFY(revealed->revealed.startsWith("YWxpY2U=  "_ba));
        QVERIFY(revealed->revealed.contains("alice"));
        QCOMPARE(shown.saslResponse("=\r\n"_ba, login.get())->revealed, "=  [empty response]"_ba);
        QCOMPARE(shown.saslResponse("%%%\r\n"_ba, login.get())->revealed, "%%%  [not base64]"_ba);
    }

    void longCredentialLinesAreCutInTheClearText()
    {
        const CredentialRedactor redactor(true, "mx.test"_ba);
        const QByteArray line(CredentialRedactor::kMaxShownLine + 100, 'A');
        const auto redacted = redactor.saslResponse(QByteArray(line + "\r\n"), nullptr);
        QVERIFY(redacted);
        QVERIFY(redacted->revealed.endsWith("… (+100 bytes)"_ba));
    }

    void overlongLinesMayHoldCredentials()
    {
        QVERIFY(CredentialRedactor::mayHoldCredential("AUTH PLAIN xyz"_ba, false));
        QVERIFY(CredentialRedactor::mayHoldCredential("auth plain xyz"_ba, false));
        QVERIFY(CredentialRedactor::mayHoldCredential("anything"_ba, true));
        QVERIFY(!CredentialRedactor::mayHoldCredential("MAIL FROM:<a@b>"_ba, false));
        QVERIFY(!CredentialRedactor::mayHoldCredential("AUT"_ba, false));
    }
};

QTEST_GUILESS_MAIN(TestCredentialRedactor)
#include "tst_credentialredactor.moc"
