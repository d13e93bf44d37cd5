// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apirelayroutes.h"

#include "api/apiinspectroutes.h"
#include "api/mailpitjson.h"
#include "relay/relayrecords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

using L = QLatin1StringView;

QJsonArray addressList(const QList<QByteArray> &addresses)
{
    QJsonArray array;
    for (const QByteArray &address : addresses)
        array.append(QString::fromUtf8(address));
    return array;
}

} // namespace

Result<QStringList> ApiRelayRoutes::releaseRecipients(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error(ErrorCode::InvalidValue, QStringLiteral("the body is not a JSON object"));
    const QJsonValue to = document.object().value(L("To"));
    if (!to.isArray() || to.toArray().isEmpty())
        return Error(ErrorCode::InvalidValue, QStringLiteral("\"To\" must list the recipients"));
    if (to.toArray().size() > kMaxAddresses)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("at most %1 recipients at once").arg(kMaxAddresses));
    QStringList recipients;
    for (const QJsonValue &value : to.toArray()) {
        if (!value.isString())
            return Error(ErrorCode::InvalidValue,
                         QStringLiteral("\"To\" must hold addresses as strings"));
        recipients.append(value.toString());
    }
    return recipients;
}

ApiReply ApiRelayRoutes::releaseReply(const Result<RelayOutcome> &outcome)
{
    if (!outcome) {
        const int status = outcome.error().code == ErrorCode::NotFound ? 404 : 400;
        return ApiReply::text(status, outcome.error().message.toUtf8());
    }
    if (outcome->delivered())
        return ApiReply::text(200, "ok");
    if (outcome->error && outcome->error->code == ErrorCode::NotFound)
        return ApiReply::text(404, outcome->error->message.toUtf8());
    QStringList failures;
    for (const RecipientResult &recipient : outcome->recipients) {
        if (recipient.delivered())
            continue;
        QString reply = recipient.code > 0 ? QString::number(recipient.code) + u' ' : QString();
        failures.append(QString::fromUtf8(recipient.address) + QStringLiteral(": ") + reply
                        + recipient.text);
    }
    QString text = QStringLiteral("relay to %1 failed").arg(outcome->target);
    if (outcome->error)
        text += QStringLiteral(": ") + outcome->error->message;
    if (!failures.isEmpty())
        text += QStringLiteral("; ") + failures.join(QStringLiteral("; "));
    return ApiReply::text(400, text.toUtf8());
}

QJsonObject ApiRelayRoutes::attemptJson(const RelayOutcome &attempt)
{
    QJsonArray recipients;
    for (const RecipientResult &r : attempt.recipients) {
        recipients.append(QJsonObject{{L("Address"), QString::fromUtf8(r.address)},
                                      {L("Code"), r.code},
                                      {L("EnhancedCode"), QString::fromLatin1(r.enhancedCode)},
                                      {L("Text"), r.text},
                                      {L("Delivered"), r.delivered()},
                                      {L("Temporary"), !r.delivered() && r.temporary}});
    }
    QJsonValue error = QJsonValue::Null;
    if (attempt.error)
        error = QJsonObject{{L("Code"), QString(RelayRecords::errorWord(attempt.error->code))},
                            {L("Message"), attempt.error->message}};
    return QJsonObject{{L("Started"), MailpitJson::time(attempt.started)},
                       {L("Target"), attempt.target},
                       {L("Delivered"), attempt.delivered()},
                       {L("Error"), error},
                       {L("Recipients"), recipients},
                       {L("Trace"), ApiInspectRoutes::traceJson(attempt.trace)}};
}

ApiReply ApiRelayRoutes::attempts(const QList<RelayOutcome> &attempts,
                                  const std::optional<RelayQueueEntry> &queued)
{
    QJsonArray list;
    for (const RelayOutcome &attempt : attempts)
        list.append(attemptJson(attempt));
    QJsonValue pending = QJsonValue::Null;
    if (queued)
        pending = QJsonObject{{L("Recipients"), addressList(queued->recipients)},
                              {L("FirstTry"), MailpitJson::time(queued->firstTry)},
                              {L("NextTry"), MailpitJson::time(queued->nextTry)},
                              {L("Tries"), queued->tries}};
    return ApiReply::json(QJsonObject{{L("Attempts"), list}, {L("Queued"), pending}});
}
