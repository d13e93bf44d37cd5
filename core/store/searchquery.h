// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <memory>
#include <optional>
#include <variant>

struct SearchQueryNode;

/// The search language of the inbox and of `letterbox search`, parsed into a tree and turned
/// into one SQL statement over the store. A pure value: parse() and toSql() touch no database
/// and are thread-safe.
///
/// Syntax (case-insensitive field names; operators in capitals):
/// - `word` matches the word in the subject, addresses or body; `word*` matches words starting
///   with it; `"a phrase"` matches the words in that order. Letters are compared without case
///   and accents; punctuation separates words, so `"ann@example.com"` is the phrase
///   "ann example com".
/// - Terms next to each other must all match (`AND` may be written); `a OR b`; `-term` or
///   `NOT term` excludes; parentheses group.
/// - Text fields: `from:` (MAIL FROM and the From header), `to:` (RCPT TO, To and Cc), `cc:`,
///   `subject:`, `body:`, each followed by a word, a "phrase" or a (group) of words.
///   `from:<ann@example.com>` (also `to:`, `cc:`) matches that address exactly (without case),
///   not the words in it: not `joann@example.com`, not `ann@example.com.evil`.
/// - Filters: `has:attachment`, `has:findings`, `is:read`, `is:unread`, `id:N`,
///   `finding:CODE`, `larger:SIZE`, `smaller:SIZE` (bytes, or with k, M, G: 1024-based),
///   `after:YYYY-MM-DD` (from the start of that day), `before:YYYY-MM-DD` (until the start of
///   that day), `on:YYYY-MM-DD`; days are in the time zone given to parse(). `after:` and
///   `before:` also take a time, `2024-01-31T14:30[:05]`, in that zone or with `Z` or an
///   offset (`+02:00`).
///
/// The statements of toSql() call the SQL function that SearchFunctions::install() adds to a
/// connection (for exact addresses).
///
/// Errors are values: parse() returns the query, or an Error (code InvalidValue) that says why
/// ("unknown field foo:", "unbalanced parenthesis").
///
/// User input never becomes SQL or FTS5 syntax: every word and phrase is an FTS5 string
/// (double-quoted, quotes doubled), and every value is a bound parameter.
class SearchQuery final
{
public:
    /// Longer queries are refused; nobody types more, and the parser recurses.
    static constexpr qsizetype kMaxQueryLength = 4096;
    /// Parentheses and negations nest at most this deep.
    static constexpr int kMaxDepth = 32;
    /// At most this many words, phrases and filters.
    static constexpr int kMaxTerms = 128;
    /// The largest size `larger:` and `smaller:` take (1 TiB).
    static constexpr qint64 kMaxSize = qint64(1) << 40;

    /// One field of the search language, for the parser, the search box's completer and
    /// tooltip, and `--help`.
    struct Keyword
    {
        enum class Kind { Text, Filter };
        QLatin1StringView name;        ///< without the colon: "from"
        Kind kind;                     ///< Text takes words or a "phrase"; Filter one value
        QLatin1StringView argument;    ///< the value's form: "word", "attachment|findings"
        QLatin1StringView description; ///< one line
    };
    /// Every field the parser knows, in the order help shows them.
    static const QList<Keyword> &keywords();
    /// The keyword called `name` (without the colon, any case), or nullptr.
    static const Keyword *keyword(QStringView name);

    /// A bound parameter of the generated statement.
    using Value = std::variant<qint64, QString>;

    /// One SQL statement with numbered parameters (?1, ?2, ...), in `parameters` order.
    struct Sql
    {
        QByteArray text;
        QList<Value> parameters;
    };

    SearchQuery();
    ~SearchQuery();
    SearchQuery(const SearchQuery &other);
    SearchQuery &operator=(const SearchQuery &other);

    /// Parses a query. Dates (before:, after:, on:) are days in `timeZone`. An invalid query is
    /// an Error with the code InvalidValue.
    static Result<SearchQuery> parse(const QString &text,
                                     const QTimeZone &timeZone = QTimeZone::systemTimeZone());

    /// True for an empty query, which matches every message.
    bool matchesEverything() const { return !m_root; }

    /// A canonical form of the tree, for tests and debugging, e.g.
    /// `AND(from:"ann", NOT(any:"draft"), has:attachment)`.
    QString toString() const;

    /// The statement that selects `columns` (written against the alias `m` for `messages`) of
    /// the matching messages that are not flagged deleted, newest first, `limit` rows at most
    /// (negative: all) after skipping `offset`.
    Sql toSql(QByteArrayView columns, int limit, int offset) const;
    /// The same, ordered by `orderBy` (the terms of an ORDER BY clause over the alias `m`; a
    /// constant chosen by the caller, never user input) instead of newest first.
    Sql toSql(QByteArrayView columns, QByteArrayView orderBy, int limit, int offset) const;
    /// The same as toSql(columns, limit, offset) for a caller that knows no message is
    /// flagged deleted in the state the statement reads (in one read transaction with that
    /// check, see SqliteDatabase::ReadSnapshot): the statement may leave out that test.
    Sql toSql(QByteArrayView columns, int limit, int offset, bool noneDeleted) const;
    /// The statement that counts the matching messages that are not flagged deleted, and of
    /// those the unread ones: one row of two integers.
    Sql countSql() const;

    /// The FTS5 expression (for `messages_fts MATCH`) whose rows are exactly the matches,
    /// flagged deleted or not, when the full-text index alone answers the query: words,
    /// phrases, and AND, OR and NOT of them. nullopt for any other query. Lets a caller count
    /// matches from the index's rowids instead of joining every match's row.
    std::optional<QString> fullTextExpression() const;
    /// Whether a read and whether an unread message match, for a query that tests nothing but
    /// `is:read` and `is:unread` (with AND, OR, NOT), or nothing at all (the empty query: both);
    /// nullopt for any other query. Its counts then follow from the store's counters of live
    /// and unread messages.
    struct ReadStates
    {
        bool read = false;
        bool unread = false;
    };
    std::optional<ReadStates> readStates() const;

private:
    std::shared_ptr<const SearchQueryNode> m_root; ///< null: everything
};
