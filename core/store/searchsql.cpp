// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchsql.h"

#include "store/storeschema.h"

Result<void> runSearchSql(SqliteDatabase &db, const SearchQuery::Sql &sql,
                          const std::function<void(const SqliteDatabase::Statement &)> &onRow)
{
    auto statement = db.prepare(sql.text.constData());
    if (!statement.isValid()) {
        // The statement is ours and valid for this schema; when it does not prepare, the
        // index cannot be opened (FTS5 says "vtable constructor failed").
        return Error(ErrorCode::StoreDamaged,
                     StoreSchema::damagedMessage(db.fileName(), db.lastError().message));
    }
    for (qsizetype i = 0; i < sql.parameters.size(); ++i) {
        const int index = int(i + 1);
        if (const auto *number = std::get_if<qint64>(&sql.parameters[i]))
            statement.bindInt64(index, *number);
        else
            statement.bindText(index, std::get<QString>(sql.parameters[i]));
    }
    SqliteDatabase::Statement::StepResult step;
    while ((step = statement.step()) == SqliteDatabase::Statement::StepResult::Row)
        onRow(statement);
    if (step == SqliteDatabase::Statement::StepResult::Error) {
        // A damaged full-text index shows up here first, as "database disk image is
        // malformed"; rebuild-index recreates it from the stored messages.
        if (StoreSchema::isCorruption(db.errorCode()))
            return Error(ErrorCode::StoreDamaged,
                         StoreSchema::damagedMessage(db.fileName(), statement.lastError().message));
        return Error(statement.lastError().code,
                     QStringLiteral("cannot search: %1").arg(statement.lastError().message));
    }
    return {};
}
