// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class SettingSpinBox;

/// Addresses and ports, host and application name, limits, timeout and recipient patterns.
class ServerSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerSettingsPage)

public:
    explicit ServerSettingsPage(QWidget *parent = nullptr);
    ~ServerSettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    /// Checks every field and shows the reasons next to them.
    bool validate();
    QString hostName() const;

    /// "ADDR:PORT" with a port from 1 to 65535, or a reason.
    static QString checkAddress(const QString &text);

signals:
    void changed();

private:
    QLineEdit *m_listen = nullptr;
    QLabel *m_listenError = nullptr;
    QLabel *m_exposureWarning = nullptr;
    QLineEdit *m_hostName = nullptr;
    QLineEdit *m_appName = nullptr;
    SettingSpinBox *m_maxSizeMiB = nullptr;
    SettingSpinBox *m_maxRecipients = nullptr;
    SettingSpinBox *m_timeout = nullptr;
    SettingSpinBox *m_maxConnections = nullptr;
    QPlainTextEdit *m_patterns = nullptr;
    QLabel *m_patternsError = nullptr;
};
