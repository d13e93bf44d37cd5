// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageindexer.h"

#include "store/messageanalysis.h"

MessageIndexer::~MessageIndexer() = default;

Result<std::unique_ptr<MessageIndexer>> MessageIndexer::create(SqliteDatabase &db)
{
    std::unique_ptr<MessageIndexer> indexer(new MessageIndexer);
    struct Prepared
    {
        SqliteDatabase::Statement *statement;
        const char *sql;
    };
    const Prepared all[] = {
        {&indexer->m_insertIndex,
         "INSERT INTO messages_fts(rowid, subject, sender, recipients, cc, body)"
         " VALUES(?1, ?2, ?3, ?4, ?5, ?6)"},
        {&indexer->m_insertFinding, "INSERT INTO findings(message_id, seq, severity, code, message)"
                                    " VALUES(?1, ?2, ?3, ?4, ?5)"},
        {&indexer->m_updateFacts,
         "UPDATE messages SET has_attachments = ?2, finding_count = ?3, overview = ?4"
         " WHERE id = ?1"},
        {&indexer->m_removeIndex, "DELETE FROM messages_fts WHERE rowid = ?1"},
    };
    for (const Prepared &p : all) {
        *p.statement = db.prepare(p.sql);
        if (!p.statement->isValid())
            return db.lastError();
    }
    return indexer;
}

Result<void> MessageIndexer::insert(qint64 id, const MessageAnalysis &analysis)
{
    if (Result<void> r = insertIndexRow(id, analysis); !r)
        return r;
    return insertFindings(id, analysis);
}

Result<void> MessageIndexer::insertIndexRow(qint64 id, const MessageAnalysis &analysis)
{
    SqliteDatabase::Statement &index = m_insertIndex;
    index.bindInt64(1, id);
    index.bindText(2, analysis.summary.subject());
    index.bindText(3, analysis.senderText);
    index.bindText(4, analysis.recipientsText);
    index.bindText(5, analysis.ccText);
    index.bindText(6, analysis.indexedBody);
    if (!index.execute())
        return index.lastError();
    return {};
}

Result<void> MessageIndexer::insertFindings(qint64 id, const MessageAnalysis &analysis)
{
    qint64 seq = 0;
    for (const CheckFinding &finding : analysis.findings) {
        SqliteDatabase::Statement &insert = m_insertFinding;
        insert.bindInt64(1, id);
        insert.bindInt64(2, seq++);
        insert.bindInt64(3, severityToColumn(finding.severity));
        // NOT NULL columns: a null QString would bind NULL.
        insert.bindText(4, finding.code.isNull() ? QStringLiteral("") : finding.code);
        insert.bindText(5, finding.message.isNull() ? QStringLiteral("") : finding.message);
        if (!insert.execute())
            return insert.lastError();
    }
    return {};
}

Result<void> MessageIndexer::updateFacts(qint64 id, const MessageAnalysis &analysis)
{
    m_updateFacts.bindInt64(1, id);
    m_updateFacts.bindInt64(2, analysis.hasAttachments ? 1 : 0);
    m_updateFacts.bindInt64(3, analysis.findingCount());
    m_updateFacts.bindText(4, QString::fromUtf8(analysis.overview));
    if (!m_updateFacts.execute())
        return m_updateFacts.lastError();
    return {};
}

Result<void> MessageIndexer::removeIndexRow(qint64 id)
{
    m_removeIndex.bindInt64(1, id);
    if (!m_removeIndex.execute())
        return m_removeIndex.lastError();
    return {};
}

qint64 MessageIndexer::severityToColumn(CheckFinding::Severity severity)
{
    switch (severity) {
    case CheckFinding::Severity::Info:
        return 0;
    case CheckFinding::Severity::Warning:
        return 1;
    case CheckFinding::Severity::Error:
        return 2;
    }
    return 1;
}

CheckFinding::Severity MessageIndexer::severityFromColumn(qint64 value)
{
    switch (value) {
    case 0:
        return CheckFinding::Severity::Info;
    case 2:
        return CheckFinding::Severity::Error;
    default:
        return CheckFinding::Severity::Warning;
    }
}
