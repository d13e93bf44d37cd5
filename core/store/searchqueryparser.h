// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/searchquerynode.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <optional>

/// The search language's text to a SearchQueryNode tree, by recursive descent:
///   query   := or
///   or      := and ("OR" and)*
///   and     := unary (["AND"] unary)*
///   unary   := ("-" | "NOT") unary | primary
///   primary := "(" or ")" | FIELD ":" value | word | "phrase" | "<" address ">"   (in from:,
///              to:, cc:)
/// Field names are those of SearchQuery::keywords(); the limits are SearchQuery's. One parser
/// per text, used once; the text must outlive it.
class SearchQueryParser final
{
public:
    /// Dates (before:, after:, on:) are days in `timeZone`.
    SearchQueryParser(const QString &text, const QTimeZone &timeZone);

    /// The tree, or nullopt for an empty query or an error (see error()).
    std::optional<SearchQueryNode> parseQuery();
    /// Why parseQuery() failed; empty when it did not.
    QString error() const { return m_error; }

    /// The zone of an ISO 8601 offset: "Z", "+02:00" or "-0530" (hours up to 23, minutes up
    /// to 59); nullopt otherwise. Shared with MailpitQuery, which reads the same date-times.
    static std::optional<QTimeZone> offsetZone(const QString &offset);

private:
    using Node = SearchQueryNode;
    enum class Operator { None, Or, And, Not };

    bool atEnd() const { return m_position >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_position); }
    void skipSpace();
    std::nullopt_t fail(const QString &message);
    static bool endsWord(QChar c) { return c.isSpace() || c == u'(' || c == u')' || c == u'"'; }
    Operator peekOperator() const;
    void consumeOperator(Operator op);

    // `field` is the text field of an enclosing `from:(...)` group.
    std::optional<Node> parseOr(int depth, Node::Field field);
    std::optional<Node> parseAnd(int depth, Node::Field field);
    std::optional<Node> parseUnary(int depth, Node::Field field);
    std::optional<Node> parsePrimary(int depth, Node::Field field);
    std::optional<Node> parseText(Node::Field field);
    std::optional<QString> fieldValue(const QString &name);
    std::optional<Node> parseField(int depth, Node::Field outer, const QString &name,
                                   qsizetype valueStart);
    qint64 startOfDay(QDate date) const;
    std::optional<qint64> parseDateTime(const QString &text) const;
    static bool isAddressField(Node::Field field);
    std::optional<Node> parseAddress(Node::Field field);
    static std::optional<qint64> parseSize(const QString &text);

    const QString &m_text;
    QTimeZone m_timeZone;
    qsizetype m_position = 0;
    int m_terms = 0;
    QString m_error;
};
