// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArrayView>
#include <QStringView>

class SqliteDatabase;

/// The SQL functions the search statements (SearchQuery::toSql()) call, added to a connection
/// with install(). Stateless; the functions are pure and may run on any thread.
class SearchFunctions final
{
public:
    /// `letterbox_address_in(list, address)`: 1 when the address list `list` (a header value
    /// such as `Ann <ann@example.com>, bob@example.org`, or addresses separated by commas)
    /// holds `address` (lower case), compared without case; 0 otherwise, and for NULL.
    static constexpr char kAddressIn[] = "letterbox_address_in";

    /// Adds the functions to `db`. Errors: the code SqliteDatabase gives.
    static Result<void> install(SqliteDatabase &db);

    /// The test of letterbox_address_in, for callers and tests outside SQL.
    static bool addressIn(QByteArrayView list, QStringView address);
};
