// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QDialog>

class AuthSettingsPage;
class QDialogButtonBox;
class QTabWidget;
class ServerSettingsPage;
class StorageSettingsPage;
class TlsSettingsPage;

/// Server, TLS, Authentication and Storage settings. Every page checks its input as it is
/// typed and shows the reason next to the field; Apply and OK stay disabled while something is
/// wrong. Applying emits applied() with the new settings; the window restarts the listeners.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Page { Server, Tls, Auth, Storage };

    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);
    /// The settings as currently entered (valid or not).
    AppSettings settings() const;
    /// Whether every page is valid; shows the reasons.
    bool validate();
    /// Validates and, if valid, emits applied(). Returns whether it did.
    bool apply();

signals:
    void applied(const AppSettings &settings);

private:
    void updateButtons();

    AppSettings m_base;
    QTabWidget *m_tabs = nullptr;
    ServerSettingsPage *m_server = nullptr;
    TlsSettingsPage *m_tls = nullptr;
    AuthSettingsPage *m_auth = nullptr;
    StorageSettingsPage *m_storage = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
