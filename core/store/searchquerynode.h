// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>
#include <QString>

#include <optional>
#include <vector>

/// One node of a parsed SearchQuery: a word or phrase, a filter, or AND/OR/NOT of nodes.
/// SearchQueryParser builds the tree, SearchSqlBuilder turns it into SQL. A pure value.
struct SearchQueryNode
{
    enum class Kind { And, Or, Not, Text, Filter };
    /// Which columns of the full-text index a word is looked for in.
    enum class Field { Any, From, To, Cc, Subject, Body };
    enum class Filter {
        HasAttachment,
        HasFindings,
        Read,
        Unread,
        ReceivedBefore, ///< received < number (ms since epoch)
        ReceivedFrom,   ///< received >= number
        Larger,         ///< size > number
        Smaller,        ///< size < number
        Id,
        FindingCode,
        /// `from:<a@b>`: `text` (lower case) is exactly one of the addresses of `field`
        Address,
    };

    Kind kind = Kind::Text;
    Field field = Field::Any;
    Filter filter = Filter::HasAttachment;
    QString text;        ///< Text: the word or phrase; FindingCode: the code; Address: the address
    bool prefix = false; ///< Text: `word*`
    qint64 number = 0;   ///< Filter: the bound value
    std::vector<SearchQueryNode> children;

    static SearchQueryNode textTerm(Field field, QString text, bool prefix);
    static SearchQueryNode filterTerm(Filter filter, qint64 number = 0, QString text = {});
    /// `children` joined by `kind` (And or Or); a single child stands for itself, and nested
    /// nodes of the same kind are flattened.
    static SearchQueryNode combine(Kind kind, std::vector<SearchQueryNode> children);
    /// NOT `child`; a double negation cancels out.
    static SearchQueryNode negate(SearchQueryNode child);

    /// The field a text keyword of SearchQuery::keywords() searches (`name` in lower case), or
    /// nullopt for a filter keyword or an unknown name.
    static std::optional<Field> textField(QStringView name);
    /// The keyword of a text field ("any" for Field::Any).
    static QLatin1StringView fieldName(Field field);
    /// `text` as an FTS5 string: inside double quotes nothing is syntax, and a quote is written
    /// twice.
    static QString ftsString(const QString &text);

    /// The canonical form of SearchQuery::toString().
    QString toString() const;
};
