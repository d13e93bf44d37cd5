// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLineEdit>
#include <QTimer>

class QAction;

/// The inbox's search box: the search language of SearchQuery with field names completed
/// inside the query, typing debounced into queryEdited(), Esc clears, and a query that does not
/// parse marked on the box (red frame, warning icon, the reason in the tooltip; InboxPage also
/// writes the reason under the box and greys the rows).
class SearchBox final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchBox)

public:
    /// Typing settles this long before the query runs.
    static constexpr int kDelayMs = 150;

    /// What the completer offers, from SearchQuery::keywords(): "from:" for a keyword that
    /// takes any value, one "has:attachment" per value for a keyword with a fixed set.
    static QStringList completions();
    /// The keyword part of the tooltip, from the same table: "Fields: from: ..." for the text
    /// keywords, "Filters: has:attachment|findings ..." with each filter's argument form.
    static QString keywordHelp();

    explicit SearchBox(QWidget *parent = nullptr);
    ~SearchBox() override;

    /// Shows why the query does not run; empty: it does.
    void setError(const QString &error);
    /// Empties the box without running the empty query (the caller runs it).
    void clearQuietly();

signals:
    /// The text after typing settled.
    void queryEdited(const QString &text);

private:
    qsizetype wordStart() const;

    QTimer m_delay;
    QAction *m_errorAction = nullptr;
};
