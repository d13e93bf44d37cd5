// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"
#include "settings/fielderror.h"
#include "settings/listenfieldcheck.h"

#include <QWidget>

class FieldErrorLabel;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class SettingSpinBox;

/// Addresses and ports, host and application name, limits, timeout and recipient patterns.
/// The listen address is bound for a moment as it is typed (ListenFieldCheck), so a port in use
/// is reported here; an address reachable from other machines gets a warning on the same line.
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
    /// Where the ports the running server holds come from: they are not reported as in use.
    void setOwnPorts(ListenFieldCheck::PortSource source);
    /// Checks whether the listen address can be bound, now.
    void checkPorts();
    /// Shows a failure of applying next to its field and focuses it; false when the error is
    /// about no field of this page that can show it.
    bool showApplyError(const Error &error);

    /// "ADDR:PORT" with a port from 1 to 65535, or a reason.
    static QString checkAddress(const QString &text);

signals:
    void changed();

private:
    QLineEdit *m_listen = nullptr;
    FieldErrorLabel *m_listenError = nullptr;
    ListenFieldCheck *m_listenCheck = nullptr;
    AppliedError m_listenApplied;
    QLineEdit *m_hostName = nullptr;
    QLineEdit *m_appName = nullptr;
    SettingSpinBox *m_maxSizeMiB = nullptr;
    SettingSpinBox *m_maxRecipients = nullptr;
    SettingSpinBox *m_timeout = nullptr;
    SettingSpinBox *m_maxConnections = nullptr;
    QPlainTextEdit *m_patterns = nullptr;
    QLabel *m_patternsError = nullptr;
};
