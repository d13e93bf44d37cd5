// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/apifaultroutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject bodyOf(const ApiReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

FaultSubject rcpt(const QByteArray &to)
{
    FaultSubject subject;
    subject.remoteAddress = u"127.0.0.1"_s;
    subject.sender = "a@x.test";
    subject.recipient = to;
    return subject;
}

} // namespace

/// GET/PUT /api/v1/faults and Mailpit's /api/v1/chaos over a FaultInjector.
class TestApiFaultRoutes final : public QObject
{
    Q_OBJECT

private slots:
    void putThenGetFaults()
    {
        FaultInjector injector;
        const ApiReply put =
            ApiFaultRoutes::setFaults(injector, R"({"Seed": "42", "GreylistWindow": 60, "Rules": [
                {"Rule": "rcpt:*@blocked.test:550 5.1.1 no such user"},
                {"Rule": "data-end:*:disconnect", "Enabled": false},
                {"Stage": "mail", "Match": {"Field": "from", "Pattern": "*@slow.test"},
                 "Action": "delay", "DelayMs": 250, "Frequency": "next", "Next": 2}]})");
        QCOMPARE(put.status, 200);
        const QJsonObject body = bodyOf(put);
        QCOMPARE(body.value(u"Seed"_s).toString(), u"42"_s);
        QCOMPARE(body.value(u"EffectiveSeed"_s).toString(), u"42"_s);
        QCOMPARE(body.value(u"GreylistWindow"_s).toInt(), 60);
        QVERIFY(body.value(u"Active"_s).toBool());
        const QJsonArray rules = body.value(u"Rules"_s).toArray();
        QCOMPARE(rules.size(), 3);
        QCOMPARE(rules.at(1).toObject().value(u"Rule"_s).toString(),
                 u"data-end,off:*:disconnect"_s);
        QCOMPARE(rules.at(2).toObject().value(u"Rule"_s).toString(),
                 u"mail,next=2:from=*@slow.test:delay=250"_s);
        QCOMPARE(rules.at(0).toObject().value(u"Code"_s).toInt(), 550);
        QCOMPARE(rules.at(0).toObject().value(u"Match"_s).toObject().value(u"Pattern"_s).toString(),
                 u"*@blocked.test"_s);
        // In force at once.
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcpt("x@blocked.test")).code, 550);
        // GET gives the same; what it gives can be put back unchanged.
        const ApiReply get = ApiFaultRoutes::faults(injector);
        QCOMPARE(bodyOf(get), body);
        QCOMPARE(ApiFaultRoutes::setFaults(injector, get.body).status, 200);
        QCOMPARE(bodyOf(ApiFaultRoutes::faults(injector)).value(u"Rules"_s),
                 body.value(u"Rules"_s));
        // Fields left out keep their values.
        QCOMPARE(ApiFaultRoutes::setFaults(injector, R"({"Enabled": false})").status, 200);
        QCOMPARE(injector.settings().rules.size(), 3);
        QVERIFY(!injector.isActive());
    }

    void badRequestsChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::addRow("not-json") << "{"_ba << u"not JSON"_s;
        QTest::addRow("not-object") << "[]"_ba << u"object"_s;
        QTest::addRow("rules-not-array") << R"({"Rules": {}})"_ba << u"Rules must be an array"_s;
        QTest::addRow("bad-rule")
            << R"({"Rules": [{"Rule": "rcpt:*:550"}, {"Rule": "rcpt:*:250"}]})"_ba
            << u"Rules[1]: the reply code must be from 400 to 599"_s;
        QTest::addRow("bad-stage") << R"({"Rules": [{"Stage": "ehlo", "Action": "disconnect"}]})"_ba
                                   << u"Rules[0]: Stage"_s;
        QTest::addRow("bad-field")
            << R"({"Rules": [{"Stage": "mail", "Match": {"Field": "to"}, "Action": "disconnect"}]})"_ba
            << u"Rules[0]: a rule at mail cannot match to="_s;
        QTest::addRow("bad-enabled") << R"({"Enabled": "yes"})"_ba << u"Enabled"_s;
        QTest::addRow("bad-seed") << R"({"Seed": -1})"_ba << u"Seed"_s;
        QTest::addRow("bad-window") << R"({"GreylistWindow": 0})"_ba << u"GreylistWindow"_s;
    }

    void badRequestsChangeNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        FaultInjector injector;
        QCOMPARE(
            ApiFaultRoutes::setFaults(injector, R"({"Rules": [{"Rule": "rcpt:*:451"}]})").status,
            200);
        const FaultSettings before = injector.settings();
        const ApiReply reply = ApiFaultRoutes::setFaults(injector, body);
        QCOMPARE(reply.status, 400);
        QVERIFY2(QString::fromUtf8(reply.body).contains(says), reply.body.constData());
        QCOMPARE(injector.settings(), before);
    }

    void chaosAsMailpit()
    {
        FaultInjector injector;
        const QJsonObject off = bodyOf(ApiFaultRoutes::chaos(injector));
        QCOMPARE(off.value(u"Recipient"_s).toObject(),
                 (QJsonObject{{u"ErrorCode"_s, 451}, {u"Probability"_s, 0}}));
        QCOMPARE(off.value(u"Authentication"_s).toObject().value(u"ErrorCode"_s).toInt(), 535);

        const ApiReply set = ApiFaultRoutes::setChaos(
            injector, R"({"Recipient": {"ErrorCode": 452, "Probability": 100}})");
        QCOMPARE(set.status, 200);
        QCOMPARE(bodyOf(set).value(u"Recipient"_s).toObject().value(u"ErrorCode"_s).toInt(), 452);
        FaultDecision decision = injector.decide(FaultStage::Rcpt, rcpt("r@x.test"));
        QVERIFY(decision.chaos);
        QCOMPARE(decision.code, 452);
        QCOMPARE(decision.text, "Chaos recipient error");
        QVERIFY(!injector.decide(FaultStage::Mail, rcpt("r@x.test")).fired());
        // The configured rules do not touch the triggers, nor the triggers the rules.
        FaultSettings settings;
        settings.rules.append(*FaultRule::parse(u"mail:*:451"));
        injector.configure(settings);
        QCOMPARE(injector.chaos().recipient.probability, 100);

        QCOMPARE(ApiFaultRoutes::setChaos(injector, "{}").status, 200);
        QVERIFY(!injector.chaos().isActive());
        QVERIFY(!injector.decide(FaultStage::Rcpt, rcpt("r@x.test")).fired());

        for (const QByteArray &bad : {R"({"Sender": {"ErrorCode": 250, "Probability": 5}})"_ba,
                                      R"({"Sender": {"ErrorCode": 451, "Probability": 101}})"_ba,
                                      "nope"_ba, R"({"Sender": 5})"_ba}) {
            QCOMPARE(ApiFaultRoutes::setChaos(injector, bad).status, 400);
        }
    }

    void chaosProbabilityIsSeeded()
    {
        const auto pattern = [](quint64 seed) {
            FaultInjector injector;
            FaultSettings settings;
            settings.seed = seed;
            injector.configure(settings);
            ChaosTriggers triggers;
            triggers.recipient.probability = 50;
            injector.setChaos(triggers);
            QByteArray fired;
            for (int i = 0; i < 40; ++i)
                fired += injector.decide(FaultStage::Rcpt, rcpt("r@x.test")).fired() ? '1' : '0';
            return fired;
        };
        QCOMPARE(pattern(5), pattern(5));
        QVERIFY(pattern(5).contains('1') && pattern(5).contains('0'));
    }
};

QTEST_GUILESS_MAIN(TestApiFaultRoutes)
#include "tst_apifaultroutes.moc"
