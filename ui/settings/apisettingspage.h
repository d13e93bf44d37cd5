// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"
#include "settings/fielderror.h"
#include "settings/listenfieldcheck.h"

#include <QWidget>

class FieldErrorLabel;
class QGroupBox;
class QLabel;
class QLineEdit;
class UserTable;

/// The HTTP API (Mailpit API v1): on or off, the address it listens on, and the users of its
/// Basic authentication. The address is checked as it is typed, as the SMTP listen field is
/// (ListenFieldCheck). A busy port at the default address is only a warning, because the
/// server then runs without the API and says so; at an address the user chose it keeps Apply
/// off. An address reachable from other machines without users gets a warning.
class ApiSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiSettingsPage)

public:
    explicit ApiSettingsPage(QWidget *parent = nullptr);
    ~ApiSettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    /// Checks every field and shows the reasons next to them.
    bool validate();
    /// Where the ports the running server holds come from: they are not reported as in use.
    void setOwnPorts(ListenFieldCheck::PortSource source);
    /// Checks whether the API address can be bound, now.
    void checkPorts();
    /// Shows a failure of applying next to its field and focuses it; false when the error is
    /// about no field of this page.
    bool showApplyError(const Error &error);

signals:
    void changed();

private:
    /// The address as entered; the default when the field is empty.
    QString listenText() const;

    QGroupBox *m_enabled = nullptr;
    QLineEdit *m_listen = nullptr;
    FieldErrorLabel *m_listenError = nullptr;
    ListenFieldCheck *m_listenCheck = nullptr;
    AppliedError m_listenApplied;
    UserTable *m_users = nullptr;
    QLabel *m_usersError = nullptr;
};
