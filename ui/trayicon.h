// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/storedmessage.h"

#include <QIcon>
#include <QObject>

class QMenu;
class QSystemTrayIcon;

/// The system tray entry: the application icon with the unread count drawn on it, a menu, and
/// one notification per batch of new messages (one per message when few arrive, a count when a
/// flood does). Does nothing where the platform has no tray.
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    /// More new messages than this in one batch give one summary notification.
    static constexpr int kMaxSingleNotifications = 3;

    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    bool isAvailable() const;
    void setMenu(QMenu *menu);
    void setUnreadCount(int unread);
    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }
    void notifyArrivals(const QList<StoredMessage> &messages);

signals:
    /// The icon was clicked: show or hide the window.
    void toggleWindowRequested();
    void messageClicked();

private:
    QIcon m_baseIcon;
    QSystemTrayIcon *m_tray = nullptr;
    int m_unread = -1;
    bool m_notify = true;
};
