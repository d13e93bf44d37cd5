// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchquerynode.h"

#include <QStringList>

namespace {

using Node = SearchQueryNode;

struct FieldName
{
    QLatin1StringView name;
    Node::Field field;
};

// The index columns behind the text keywords of SearchQuery::keywords(), which stays the one
// list of keywords; the parser asserts that the two agree.
constexpr FieldName kTextFields[] = {
    {QLatin1StringView("from"), Node::Field::From},
    {QLatin1StringView("to"), Node::Field::To},
    {QLatin1StringView("cc"), Node::Field::Cc},
    {QLatin1StringView("subject"), Node::Field::Subject},
    {QLatin1StringView("body"), Node::Field::Body},
};

} // namespace

std::optional<SearchQueryNode::Field> SearchQueryNode::textField(QStringView name)
{
    for (const FieldName &known : kTextFields) {
        if (known.name == name)
            return known.field;
    }
    return std::nullopt;
}

QLatin1StringView SearchQueryNode::fieldName(Field field)
{
    for (const FieldName &known : kTextFields) {
        if (known.field == field)
            return known.name;
    }
    return QLatin1StringView("any");
}

QString SearchQueryNode::ftsString(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'"', QLatin1StringView("\"\""));
    return u'"' + quoted + u'"';
}

SearchQueryNode SearchQueryNode::textTerm(Field field, QString text, bool prefix)
{
    Node node;
    node.kind = Node::Kind::Text;
    node.field = field;
    node.text = std::move(text);
    node.prefix = prefix;
    return node;
}

SearchQueryNode SearchQueryNode::filterTerm(Filter filter, qint64 number, QString text)
{
    Node node;
    node.kind = Node::Kind::Filter;
    node.filter = filter;
    node.number = number;
    node.text = std::move(text);
    return node;
}

SearchQueryNode SearchQueryNode::combine(Kind kind, std::vector<SearchQueryNode> children)
{
    if (children.size() == 1)
        return std::move(children.front());
    Node node;
    node.kind = kind;
    // a AND (b AND c) is AND(a, b, c): fewer, larger FTS5 expressions.
    for (Node &child : children) {
        if (child.kind == kind) {
            for (Node &grandchild : child.children)
                node.children.push_back(std::move(grandchild));
        } else {
            node.children.push_back(std::move(child));
        }
    }
    return node;
}

SearchQueryNode SearchQueryNode::negate(SearchQueryNode child)
{
    if (child.kind == Node::Kind::Not)
        return std::move(child.children.front()); // --a is a
    Node node;
    node.kind = Node::Kind::Not;
    node.children.push_back(std::move(child));
    return node;
}

QString SearchQueryNode::toString() const
{
    switch (kind) {
    case Node::Kind::And:
    case Node::Kind::Or:
    case Node::Kind::Not: {
        QStringList parts;
        for (const Node &child : children)
            parts.append(child.toString());
        const QLatin1StringView name = kind == Node::Kind::And  ? QLatin1StringView("AND")
                                       : kind == Node::Kind::Or ? QLatin1StringView("OR")
                                                                : QLatin1StringView("NOT");
        return name + u'(' + parts.join(QLatin1StringView(", ")) + u')';
    }
    case Node::Kind::Text:
        return fieldName(field) + u':' + ftsString(text)
               + (prefix ? QStringLiteral("*") : QString());
    case Node::Kind::Filter:
        switch (filter) {
        case Node::Filter::HasAttachment:
            return QStringLiteral("has:attachment");
        case Node::Filter::HasFindings:
            return QStringLiteral("has:findings");
        case Node::Filter::Read:
            return QStringLiteral("is:read");
        case Node::Filter::Unread:
            return QStringLiteral("is:unread");
        case Node::Filter::ReceivedBefore:
            return QStringLiteral("received<%1").arg(number);
        case Node::Filter::ReceivedFrom:
            return QStringLiteral("received>=%1").arg(number);
        case Node::Filter::Larger:
            return QStringLiteral("size>%1").arg(number);
        case Node::Filter::Smaller:
            return QStringLiteral("size<%1").arg(number);
        case Node::Filter::Id:
            return QStringLiteral("id=%1").arg(number);
        case Node::Filter::FindingCode:
            return QStringLiteral("finding:") + ftsString(text);
        case Node::Filter::Address:
            return fieldName(field) + QStringLiteral(":<") + text + u'>';
        }
        break;
    }
    return {};
}
