// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

/// Where the store lives, the optional Maildir mirror, how long messages are kept, and the
/// desktop behaviour (notifications, closing to the tray, light or dark appearance).
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
    QSpinBox *m_retainMessages = nullptr;
    QSpinBox *m_retainDays = nullptr;
    QComboBox *m_appearance = nullptr;
};
