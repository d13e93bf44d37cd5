// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class UserTable;

/// SMTP AUTH: on or off, required or not, "accept any credentials", the users and passwords,
/// and the mechanisms, with RFC 4954's rule that PLAIN and LOGIN wait for TLS explained.
class AuthSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthSettingsPage)

public:
    explicit AuthSettingsPage(QWidget *parent = nullptr);
    ~AuthSettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    bool validate();

signals:
    void changed();

private:
    QGroupBox *m_enabled = nullptr;
    QCheckBox *m_required = nullptr;
    QCheckBox *m_acceptAny = nullptr;
    UserTable *m_users = nullptr;
    QLabel *m_usersError = nullptr;
    QCheckBox *m_plain = nullptr;
    QCheckBox *m_login = nullptr;
    QCheckBox *m_cramMd5 = nullptr;
    QLabel *m_mechanismsError = nullptr;
    QCheckBox *m_allowInsecure = nullptr;
};
