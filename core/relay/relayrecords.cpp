// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relayrecords.h"

#include "store/sqlitedatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <utility>

namespace {

using L = QLatin1StringView;

constexpr std::array<std::pair<ErrorCode, L>, 12> kErrorWords{{
    {ErrorCode::NotAllowed, L("not-allowed")},
    {ErrorCode::ExtensionMissing, L("extension-missing")},
    {ErrorCode::TooLarge, L("too-large")},
    {ErrorCode::Timeout, L("timeout")},
    {ErrorCode::TlsFailed, L("tls")},
    {ErrorCode::AuthFailed, L("auth")},
    {ErrorCode::RemoteRejected, L("rejected")},
    {ErrorCode::RemoteTemporary, L("temporary")},
    {ErrorCode::MalformedInput, L("malformed-reply")},
    {ErrorCode::NotFound, L("not-found")},
    {ErrorCode::NetworkError, L("network")},
    {ErrorCode::InvalidValue, L("invalid")},
}};

// Bytes as JSON text: Latin-1 keeps every byte value as one character, so any trace line goes
// in and comes back exactly.
QString bytesText(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

QByteArray textBytes(const QJsonValue &value)
{
    return value.toString().toLatin1();
}

QByteArray recipientsJson(const QList<RecipientResult> &recipients)
{
    QJsonArray array;
    for (const RecipientResult &r : recipients) {
        array.append(QJsonObject{{L("address"), QString::fromUtf8(r.address)},
                                 {L("code"), r.code},
                                 {L("enhanced"), QString::fromLatin1(r.enhancedCode)},
                                 {L("text"), r.text},
                                 {L("temporary"), r.temporary}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<RecipientResult> recipientsFrom(const QByteArray &json)
{
    QList<RecipientResult> result;
    for (const QJsonValue &value : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = value.toObject();
        RecipientResult r;
        r.address = o.value(L("address")).toString().toUtf8();
        r.code = o.value(L("code")).toInt();
        r.enhancedCode = o.value(L("enhanced")).toString().toLatin1();
        r.text = o.value(L("text")).toString();
        r.temporary = o.value(L("temporary")).toBool();
        result.append(r);
    }
    return result;
}

QByteArray traceJson(const QList<ProtocolLine> &trace)
{
    QJsonArray array;
    for (const ProtocolLine &line : trace) {
        array.append(QJsonObject{{L("time"), line.time.toMSecsSinceEpoch()},
                                 {L("direction"), toString(line.direction)},
                                 {L("bytes"), bytesText(line.bytes)},
                                 {L("truncated"), line.truncatedBytes}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<ProtocolLine> traceFrom(const QByteArray &json)
{
    QList<ProtocolLine> result;
    for (const QJsonValue &value : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = value.toObject();
        ProtocolLine line;
        line.time = QDateTime::fromMSecsSinceEpoch(qint64(o.value(L("time")).toDouble()), Qt::UTC);
        const QString direction = o.value(L("direction")).toString();
        line.direction =
            direction == toString(Direction::ClientToServer)   ? Direction::ClientToServer
            : direction == toString(Direction::ServerToClient) ? Direction::ServerToClient
                                                               : Direction::Note;
        line.bytes = textBytes(o.value(L("bytes")));
        line.truncatedBytes = qsizetype(o.value(L("truncated")).toDouble());
        result.append(line);
    }
    return result;
}

QByteArray addressesJson(const QList<QByteArray> &addresses)
{
    QJsonArray array;
    for (const QByteArray &address : addresses)
        array.append(QString::fromUtf8(address));
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<QByteArray> addressesFrom(const QByteArray &json)
{
    QList<QByteArray> result;
    for (const QJsonValue &value : QJsonDocument::fromJson(json).array())
        result.append(value.toString().toUtf8());
    return result;
}

// Every row of `select` as `readRow` makes it; the statement's error when a step fails.
template<typename T, typename RowReader>
Result<QList<T>> readRows(SqliteDatabase::Statement &select, RowReader readRow)
{
    QList<T> result;
    for (;;) {
        const auto step = select.step();
        if (step == SqliteDatabase::Statement::StepResult::Done)
            return result;
        if (step == SqliteDatabase::Statement::StepResult::Error)
            return select.lastError();
        result.append(readRow(select));
    }
}

} // namespace

QLatin1StringView RelayRecords::errorWord(ErrorCode code)
{
    for (const auto &[known, word] : kErrorWords) {
        if (known == code)
            return word;
    }
    return L("other");
}

ErrorCode RelayRecords::errorCodeOf(QStringView word)
{
    for (const auto &[code, known] : kErrorWords) {
        if (known == word)
            return code;
    }
    return ErrorCode::Internal;
}

Result<void> RelayRecords::insertAttempt(SqliteDatabase &db, const RelayOutcome &outcome)
{
    SqliteDatabase::Statement insert = db.prepare(
        "INSERT INTO relay_attempts(message_id, started, target, error_code, error, recipients,"
        " trace) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS"
        " (SELECT 1 FROM messages WHERE id = ?1)");
    insert.bindInt64(1, outcome.messageId);
    insert.bindInt64(2, outcome.started.toMSecsSinceEpoch());
    insert.bindText(3, outcome.target);
    insert.bindText(4, outcome.error ? QString(errorWord(outcome.error->code)) : QString());
    insert.bindText(5, outcome.error ? outcome.error->message : QString());
    insert.bindText(6, QString::fromUtf8(recipientsJson(outcome.recipients)));
    insert.bindText(7, QString::fromUtf8(traceJson(outcome.trace)));
    if (Result<void> inserted = insert.execute(); !inserted)
        return inserted;
    SqliteDatabase::Statement trim =
        db.prepare("DELETE FROM relay_attempts WHERE message_id = ?1 AND id NOT IN"
                   " (SELECT id FROM relay_attempts WHERE message_id = ?1"
                   " ORDER BY id DESC LIMIT ?2)");
    trim.bindInt64(1, outcome.messageId);
    trim.bindInt64(2, kMaxAttemptsPerMessage);
    return trim.execute();
}

Result<QList<RelayOutcome>> RelayRecords::attempts(SqliteDatabase &db, qint64 messageId)
{
    SqliteDatabase::Statement select =
        db.prepare("SELECT started, target, error_code, error, recipients, trace"
                   " FROM relay_attempts WHERE message_id = ?1 ORDER BY id");
    select.bindInt64(1, messageId);
    return readRows<RelayOutcome>(select, [messageId](const SqliteDatabase::Statement &row) {
        RelayOutcome outcome;
        outcome.messageId = messageId;
        outcome.started = QDateTime::fromMSecsSinceEpoch(row.columnInt64(0), Qt::UTC);
        outcome.target = row.columnText(1);
        if (!row.columnIsNull(2))
            outcome.error = Error(errorCodeOf(row.columnText(2)), row.columnText(3));
        outcome.recipients = recipientsFrom(row.columnText(4).toUtf8());
        outcome.trace = traceFrom(row.columnText(5).toUtf8());
        return outcome;
    });
}

Result<void> RelayRecords::saveQueueEntry(SqliteDatabase &db, const RelayQueueEntry &entry)
{
    SqliteDatabase::Statement save = db.prepare(
        "INSERT INTO relay_queue(message_id, recipients, first_try, next_try, tries)"
        " SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM messages WHERE id = ?1)"
        " ON CONFLICT(message_id) DO UPDATE SET recipients = excluded.recipients,"
        " first_try = excluded.first_try, next_try = excluded.next_try, tries = excluded.tries");
    save.bindInt64(1, entry.messageId);
    save.bindText(2, QString::fromUtf8(addressesJson(entry.recipients)));
    save.bindInt64(3, entry.firstTry.toMSecsSinceEpoch());
    save.bindInt64(4, entry.nextTry.toMSecsSinceEpoch());
    save.bindInt64(5, entry.tries);
    return save.execute();
}

Result<void> RelayRecords::removeQueueEntry(SqliteDatabase &db, qint64 messageId)
{
    SqliteDatabase::Statement remove = db.prepare("DELETE FROM relay_queue WHERE message_id = ?1");
    remove.bindInt64(1, messageId);
    return remove.execute();
}

Result<QList<RelayQueueEntry>> RelayRecords::queue(SqliteDatabase &db)
{
    SqliteDatabase::Statement select =
        db.prepare("SELECT id, message_id, recipients, first_try, next_try, tries"
                   " FROM relay_queue ORDER BY next_try, id");
    return readRows<RelayQueueEntry>(select, [](const SqliteDatabase::Statement &row) {
        RelayQueueEntry entry;
        entry.id = row.columnInt64(0);
        entry.messageId = row.columnInt64(1);
        entry.recipients = addressesFrom(row.columnText(2).toUtf8());
        entry.firstTry = QDateTime::fromMSecsSinceEpoch(row.columnInt64(3), Qt::UTC);
        entry.nextTry = QDateTime::fromMSecsSinceEpoch(row.columnInt64(4), Qt::UTC);
        entry.tries = int(row.columnInt64(5));
        return entry;
    });
}
