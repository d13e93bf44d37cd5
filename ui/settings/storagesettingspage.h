// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"
#include "settings/fielderror.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

/// Where the store lives, the optional Maildir mirror, how long messages are kept, and the
/// desktop behaviour (notifications, closing to the tray, opening at login, light or dark
/// appearance).
class StorageSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StorageSettingsPage)

public:
    explicit StorageSettingsPage(QWidget *parent = nullptr);
    ~StorageSettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    bool validate();
    /// Enables the options that need a system tray (notifications, closing to the tray), or
    /// disables them and says why. The constructor asks QSystemTrayIcon.
    void setTrayAvailable(bool available);
    /// Shows a failure of applying next to its field and focuses it; false when the error is
    /// about no field of this page.
    bool showApplyError(const Error &error);

signals:
    void changed();

private:
    void browse(QLineEdit *edit);

    QLineEdit *m_store = nullptr;
    QLabel *m_storeError = nullptr;
    QLineEdit *m_maildir = nullptr;
    QLabel *m_maildirError = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_openAtLogin = nullptr;
    QCheckBox *m_startMinimized = nullptr;
    QLabel *m_noTray = nullptr; ///< why the tray options are off
    AppliedError m_storeApplied;
    AppliedError m_maildirApplied;
    QSpinBox *m_retainMessages = nullptr;
    QSpinBox *m_retainDays = nullptr;
    QComboBox *m_appearance = nullptr;
};
