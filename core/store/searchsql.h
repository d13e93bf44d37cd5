// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "store/searchquery.h"
#include "store/sqlitedatabase.h"

#include <functional>

/// Prepares, binds and steps a statement of SearchQuery (or one of its shape), calling `onRow`
/// for each row. Errors: ErrorCode::StoreDamaged when the statement does not prepare or SQLite
/// reports corruption (a damaged full-text index; rebuild-index recreates it), else the code
/// SQLite gave.
Result<void> runSearchSql(SqliteDatabase &db, const SearchQuery::Sql &sql,
                          const std::function<void(const SqliteDatabase::Statement &)> &onRow);
