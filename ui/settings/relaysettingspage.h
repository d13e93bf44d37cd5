// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class SettingSpinBox;

/// The relay that Message › Release… and automatic relay deliver through: host and port, TLS
/// mode and certificate check, credentials, envelope sender, the allowed recipient patterns
/// (one per line; none means nothing can be relayed) and the automatic-relay query. Checked as
/// ServerConfig checks them; the first problem shows under the fields.
class RelaySettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelaySettingsPage)

public:
    explicit RelaySettingsPage(QWidget *parent = nullptr);
    ~RelaySettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    /// Checks every field and shows the first problem; false when there is one.
    bool validate();
    /// Shows a failure of applying about a relay setting; false when `error` is about none.
    bool showApplyError(const Error &error);

signals:
    void changed();

private:
    QLineEdit *m_host = nullptr;
    QComboBox *m_tls = nullptr;
    QCheckBox *m_noVerify = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_sender = nullptr;
    QPlainTextEdit *m_allow = nullptr;
    QLineEdit *m_auto = nullptr;
    SettingSpinBox *m_timeout = nullptr;
    QLabel *m_error = nullptr;
};
