// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relayview.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

constexpr int kAttemptRole = Qt::UserRole; ///< index into the attempt list, on top-level items

QString replyText(const RecipientResult &recipient)
{
    if (recipient.code == 0)
        return recipient.text;
    QString text = QString::number(recipient.code);
    if (!recipient.enhancedCode.isEmpty())
        text += u' ' + QString::fromLatin1(recipient.enhancedCode);
    return text + u' ' + recipient.text;
}

} // namespace

RelayView::RelayView(QWidget *parent)
    : QWidget(parent)
{
    m_attempts = new QTreeWidget(this);
    m_attempts->setObjectName(QStringLiteral("relayAttempts"));
    m_attempts->setHeaderLabels({tr("Attempt / Recipient"), tr("Target / Reply"), tr("Result")});
    m_attempts->setUniformRowHeights(true);
    m_attempts->setAllColumnsShowFocus(true);
    m_attempts->header()->setStretchLastSection(true);

    m_trace = new QPlainTextEdit(this);
    m_trace->setObjectName(QStringLiteral("relayTrace"));
    m_trace->setReadOnly(true);
    m_trace->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_trace->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_attempts);
    splitter->addWidget(m_trace);

    m_empty =
        new QLabel(tr("Not relayed yet. Use Message › Release… to deliver it for real."), this);
    m_empty->setObjectName(QStringLiteral("relayEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_attempts, &QTreeWidget::currentItemChanged, this, &RelayView::showTrace);
}

RelayView::~RelayView() = default;

QString RelayView::summary(const RelayOutcome &attempt)
{
    if (attempt.delivered())
        return tr("delivered");
    qsizetype delivered = 0;
    for (const RecipientResult &recipient : attempt.recipients)
        delivered += recipient.delivered() ? 1 : 0;
    QString text = delivered > 0
                       ? tr("delivered to %1 of %2").arg(delivered).arg(attempt.recipients.size())
                       : tr("failed");
    if (attempt.error)
        text += QStringLiteral(": ") + attempt.error->message;
    if (attempt.temporaryFailure())
        text += tr(" (temporary)");
    return text;
}

void RelayView::setAttempts(const QList<RelayOutcome> &attempts)
{
    m_list = attempts;
    m_attempts->clear();
    m_trace->clear();
    m_stack->setCurrentIndex(attempts.isEmpty() ? 0 : 1);
    const QLocale locale;
    // Newest first: the attempt just made is what one looks for.
    for (qsizetype i = attempts.size() - 1; i >= 0; --i) {
        const RelayOutcome &attempt = attempts.at(i);
        auto *item = new QTreeWidgetItem(
            m_attempts, {locale.toString(attempt.started.toLocalTime(), QLocale::ShortFormat),
                         attempt.target, summary(attempt)});
        item->setData(0, kAttemptRole, int(i));
        for (const RecipientResult &recipient : attempt.recipients) {
            new QTreeWidgetItem(item, {QString::fromUtf8(recipient.address), replyText(recipient),
                                       recipient.delivered() ? tr("delivered")
                                       : recipient.temporary ? tr("not delivered (temporary)")
                                                             : tr("not delivered")});
        }
        item->setExpanded(true);
    }
    m_attempts->resizeColumnToContents(0);
    m_attempts->resizeColumnToContents(1);
    if (QTreeWidgetItem *newest = m_attempts->topLevelItem(0))
        m_attempts->setCurrentItem(newest);
}

void RelayView::showTrace()
{
    QTreeWidgetItem *item = m_attempts->currentItem();
    while (item && item->parent())
        item = item->parent();
    if (!item) {
        m_trace->clear();
        return;
    }
    const RelayOutcome &attempt = m_list.at(item->data(0, kAttemptRole).toInt());
    QString text;
    for (const ProtocolLine &line : attempt.trace) {
        const QString prefix = line.direction == Direction::ClientToServer ? QStringLiteral("C: ")
                               : line.direction == Direction::ServerToClient
                                   ? QStringLiteral("S: ")
                                   : QStringLiteral("   ");
        QString content = QString::fromUtf8(line.bytes);
        while (content.endsWith(u'\n') || content.endsWith(u'\r'))
            content.chop(1);
        text += prefix + content + u'\n';
    }
    m_trace->setPlainText(text);
}
