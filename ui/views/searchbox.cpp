// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchbox.h"

#include "themeicon.h"

#include "store/searchquery.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QRegularExpression>
#include <QStyle>

SearchBox::SearchBox(QWidget *parent)
    : QLineEdit(parent)
{
    setObjectName(QStringLiteral("inboxSearch"));
    setPlaceholderText(tr("Search: from:alice has:attachment … (Ctrl+F)"));
    setClearButtonEnabled(true);
    addAction(ThemeIcon::icon(ThemeIcon::Name::Search), QLineEdit::LeadingPosition);
    m_errorAction =
        addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::TrailingPosition);
    m_errorAction->setVisible(false);
    setMinimumWidth(300);
    setMaximumWidth(460);
    setError({});

    m_delay.setSingleShot(true);
    m_delay.setInterval(kDelayMs);
    connect(this, &QLineEdit::textChanged, &m_delay, qOverload<>(&QTimer::start));
    connect(&m_delay, &QTimer::timeout, this, [this] { emit queryEdited(text()); });

    // Esc in the box clears the search, as the empty inbox promises.
    auto *clearSearch = new QAction(this);
    clearSearch->setShortcut(QKeySequence(Qt::Key_Escape));
    clearSearch->setShortcutContext(Qt::WidgetShortcut);
    connect(clearSearch, &QAction::triggered, this, &QLineEdit::clear);
    addAction(clearSearch);

    // Field names complete as they are typed, anywhere in the query (a plain QCompleter would
    // complete the whole text only).
    auto *fields = new QCompleter(completions(), this);
    fields->setCaseSensitivity(Qt::CaseInsensitive);
    fields->setWidget(this);
    connect(this, &QLineEdit::textEdited, fields, [this, fields] {
        const qsizetype start = wordStart();
        const QString word = text().mid(start, cursorPosition() - start);
        if (word.size() < 2 || word.contains(u':')) {
            fields->popup()->hide();
            return;
        }
        fields->setCompletionPrefix(word);
        if (fields->completionCount() > 0)
            fields->complete();
        else
            fields->popup()->hide();
    });
    connect(fields, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &field) {
                const qsizetype start = wordStart();
                const QString now = text();
                setText(now.left(start) + field + now.mid(cursorPosition()));
                setCursorPosition(int(start + field.size()));
            });
}

SearchBox::~SearchBox() = default;

// A fixed set of values is written in lower case ("attachment|findings"); a placeholder for
// any value in upper case ("CODE", "YYYY-MM-DD") or as "word".
static QStringList fixedValues(const SearchQuery::Keyword &keyword)
{
    const QString argument = keyword.argument;
    if (keyword.kind != SearchQuery::Keyword::Kind::Filter || argument != argument.toLower())
        return {};
    return argument.split(u'|');
}

QStringList SearchBox::completions()
{
    QStringList entries;
    for (const SearchQuery::Keyword &keyword : SearchQuery::keywords()) {
        const QString field = keyword.name + u':';
        const QStringList values = fixedValues(keyword);
        if (values.isEmpty()) {
            entries.append(field);
            continue;
        }
        for (const QString &value : values)
            entries.append(field + value);
    }
    return entries;
}

QString SearchBox::keywordHelp()
{
    QStringList fields;
    QStringList filters;
    for (const SearchQuery::Keyword &keyword : SearchQuery::keywords()) {
        if (keyword.kind == SearchQuery::Keyword::Kind::Text)
            fields.append(keyword.name + u':');
        else
            filters.append(keyword.name + u':' + keyword.argument);
    }
    return tr("Fields: %1 (a word, \"phrase\" or (group))\nFilters: %2")
        .arg(fields.join(u' '), filters.join(u' '));
}

qsizetype SearchBox::wordStart() const
{
    static const QRegularExpression separator(QStringLiteral("[\\s()\"-]"));
    return text().left(cursorPosition()).lastIndexOf(separator) + 1;
}

void SearchBox::setError(const QString &error)
{
    const QString help =
        tr("Words and \"phrases\" must all match; OR, -word and NOT exclude, ( ) group.") + u'\n'
        + keywordHelp() + u'\n' + tr("SIZE: bytes, or 10k, 2M, 1G");
    m_errorAction->setVisible(!error.isEmpty());
    m_errorAction->setToolTip(error);
    setToolTip(error.isEmpty() ? help : tr("Cannot search: %1").arg(error) + u"\n\n" + help);
    // A red frame says "this query is not running".
    setStyleSheet(error.isEmpty() ? QString()
                                  : QStringLiteral("QLineEdit { border: 2px solid #d0453a; "
                                                   "border-radius: 3px; }"));
}

void SearchBox::clearQuietly()
{
    const QSignalBlocker blocker(this);
    clear();
    m_delay.stop();
}
