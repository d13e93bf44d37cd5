// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "store/searchquery.h"

#include <QTimeZone>

#include <cstddef>
#include <cstdint>

// Arbitrary bytes as a query (decoded as UTF-8, the way the command line and the search field
// hand it over), then the canonical form and the SQL. Values travel as bound parameters, so
// every ?N in the statement must have one.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<SearchQuery> parsed = SearchQuery::parse(text, QTimeZone::utc());
    if (!parsed) {
        if (parsed.error().message.isEmpty())
            __builtin_trap();
        return 0;
    }
    const SearchQuery &query = *parsed;
    (void)query.toString();
    const SearchQuery copy = query;
    if (copy.toString() != query.toString())
        __builtin_trap();
    const SearchQuery::Sql sql = query.toSql("m.id", 50, 0);
    const SearchQuery::Sql ordered = query.toSql("m.id, m.subject", "m.size DESC", -1, 10);
    if (sql.text.isEmpty() || ordered.text.isEmpty())
        __builtin_trap();
    // Every ?N the statement uses has a parameter.
    for (const SearchQuery::Sql *statement : {&sql, &ordered}) {
        const QByteArray &s = statement->text;
        for (qsizetype i = s.indexOf('?'); i >= 0; i = s.indexOf('?', i + 1)) {
            qsizetype end = i + 1;
            while (end < s.size() && s.at(end) >= '0' && s.at(end) <= '9')
                ++end;
            const int number = s.mid(i + 1, end - i - 1).toInt();
            if (number < 1 || number > statement->parameters.size())
                __builtin_trap();
        }
    }
    return 0;
}
