// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxrowformat.h"

#include "themeicon.h"

#include "models/inboxmodel.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

#include <climits>

namespace {

QString recipientsText(const StoredMessage &message)
{
    return message.displayedRecipients();
}

QString senderText(const StoredMessage &message)
{
    return message.displayedSender();
}

} // namespace

QString InboxRowFormat::receivedText(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

InboxRowFormat::InboxRowFormat()
    : m_attachmentIcon(ThemeIcon::icon(ThemeIcon::Name::Attachment))
    , m_tlsIcon(ThemeIcon::icon(ThemeIcon::Name::Lock))
    // The theme's warning sign (QStyle, without a widget: the model has none; nor a style
    // without a QApplication).
    , m_findingsIcon(qobject_cast<QApplication *>(QCoreApplication::instance())
                         ? QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning)
                         : QIcon())
{
    m_boldFont.setBold(true);
}

QVariant InboxRowFormat::data(const StoredMessage &m, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case InboxModel::ReceivedColumn:
            return receivedText(m.received);
        case InboxModel::FromColumn:
            return senderText(m);
        case InboxModel::ToColumn:
            return recipientsText(m);
        case InboxModel::SubjectColumn:
            return m.subject.isEmpty() ? tr("(no subject)") : m.subject;
        case InboxModel::SizeColumn:
            return QLocale().formattedDataSize(m.size);
        case InboxModel::SecurityColumn:
            return m.authUser;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (column == InboxModel::AttachmentColumn && m.hasAttachments)
            return m_attachmentIcon;
        if (column == InboxModel::SecurityColumn && m.tls)
            return m_tlsIcon;
        if (column == InboxModel::ChecksColumn && m.findingCount > 0)
            return m_findingsIcon;
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case InboxModel::ReceivedColumn:
            return QLocale().toString(m.received.toLocalTime(), QLocale::LongFormat);
        case InboxModel::FromColumn:
            return tr("From: %1\nMAIL FROM: <%2>")
                .arg(senderText(m), QString::fromUtf8(m.mailFrom));
        case InboxModel::ToColumn: {
            QStringList envelope;
            for (const QByteArray &recipient : m.recipients)
                envelope.append(QString::fromUtf8(recipient));
            return tr("To: %1\nRCPT TO: %2").arg(m.to, envelope.join(QStringLiteral(", ")));
        }
        case InboxModel::SizeColumn:
            return tr("%Ln byte(s)", nullptr, int(qMin<qint64>(m.size, INT_MAX)));
        case InboxModel::ChecksColumn:
            return m.findingCount > 0
                       ? tr("%n finding(s); the Checks tab of the message lists them", nullptr,
                            m.findingCount)
                       : QVariant();
        case InboxModel::AttachmentColumn:
            return m.hasAttachments ? tr("Has attachments") : QVariant();
        case InboxModel::SecurityColumn: {
            QStringList facts;
            facts.append(m.tls ? tr("Received over TLS") : tr("Received without TLS"));
            if (!m.authUser.isEmpty())
                facts.append(tr("authenticated as %1").arg(m.authUser));
            return facts.join(QStringLiteral(", "));
        }
        default:
            return {};
        }
    case Qt::FontRole:
        return m.read ? QVariant() : QVariant(m_boldFont);
    case Qt::TextAlignmentRole:
        if (column == InboxModel::SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant InboxRowFormat::headerData(int section, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (section) {
        case InboxModel::ReceivedColumn:
            return tr("Received");
        case InboxModel::FromColumn:
            return tr("From");
        case InboxModel::ToColumn:
            return tr("To");
        case InboxModel::SubjectColumn:
            return tr("Subject");
        case InboxModel::SizeColumn:
            return tr("Size");
        case InboxModel::AttachmentColumn:
            return {};
        case InboxModel::SecurityColumn:
            return tr("TLS / Auth");
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && section == InboxModel::AttachmentColumn)
        return m_attachmentIcon;
    if (role == Qt::DecorationRole && section == InboxModel::ChecksColumn)
        return m_findingsIcon;
    if (role == Qt::ToolTipRole && section == InboxModel::AttachmentColumn)
        return tr("Attachments");
    if (role == Qt::ToolTipRole && section == InboxModel::ChecksColumn)
        return tr("Findings of the message checks");
    return {};
}
