// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "trayicon.h"

#include "themeicon.h"

#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_baseIcon(ThemeIcon::icon(ThemeIcon::Name::Letterbox))
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(m_baseIcon, this);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger)
                    emit toggleWindowRequested();
            });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::messageClicked);
    setUnreadCount(0);
    m_tray->show();
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::isAvailable() const
{
    return m_tray != nullptr;
}

void TrayIcon::setMenu(QMenu *menu)
{
    if (m_tray)
        m_tray->setContextMenu(menu);
}

void TrayIcon::setUnreadCount(int unread)
{
    if (!m_tray || unread == m_unread)
        return;
    m_unread = unread;
    m_tray->setToolTip(unread == 0 ? tr("Letterbox: no unread mail")
                                   : tr("Letterbox: %n unread message(s)", nullptr, unread));
    if (unread == 0) {
        m_tray->setIcon(m_baseIcon);
        return;
    }
    constexpr int kSize = 64;
    QPixmap pixmap = m_baseIcon.pixmap(kSize, kSize);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    QFont font = painter.font();
    font.setPixelSize(kSize / 3);
    font.setBold(true);
    painter.setFont(font);
    const int width = std::max(kSize / 2, painter.fontMetrics().horizontalAdvance(text) + 10);
    const QRect badge(kSize - width, 0, width, kSize / 2);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xd0, 0x45, 0x3a));
    painter.drawRoundedRect(badge, kSize / 4, kSize / 4);
    painter.setPen(Qt::white);
    painter.drawText(badge, Qt::AlignCenter, text);
    painter.end();
    m_tray->setIcon(QIcon(pixmap));
}

void TrayIcon::notifyArrivals(const QList<StoredMessage> &messages)
{
    if (!m_tray || !m_notify || messages.isEmpty())
        return;
    if (messages.size() > kMaxSingleNotifications) {
        m_tray->showMessage(tr("%n new message(s)", nullptr, int(messages.size())),
                            tr("Latest: %1").arg(messages.constLast().subject),
                            QSystemTrayIcon::Information);
        return;
    }
    // The tray shows one balloon at a time; the newest wins.
    const StoredMessage &message = messages.constLast();
    const QString from =
        message.from.isEmpty() ? QString::fromUtf8(message.mailFrom) : message.from;
    m_tray->showMessage(message.subject.isEmpty() ? tr("(no subject)") : message.subject,
                        tr("From %1").arg(from), QSystemTrayIcon::Information);
}
