// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"
#include "settings/listenfieldcheck.h"

#include <QDialog>

class ApiSettingsPage;
class AuthSettingsPage;
class FaultsSettingsPage;
class FieldErrorLabel;
class QDialogButtonBox;
class QTabWidget;
class RelaySettingsPage;
class ServerSettingsPage;
class StorageSettingsPage;
class TlsSettingsPage;

/// Server, TLS, Authentication, Storage, HTTP API and Faults settings. Every page checks its input
/// as it is typed and shows the reason next to the field (a listen port is bound for a moment to
/// see whether another program has it); Apply and OK stay disabled while something is wrong.
/// Applying emits applied() with the new settings; the window applies them in the background
/// and reports back through applyFinished(). A failure shows next to the field at fault, on
/// its page, and the dialog stays open (OK closes it only once the settings work).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    /// In the order of the tabs.
    enum class Page { Server, Tls, Auth, Storage, Api, Faults, Relay };

    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);
    /// The settings as currently entered (valid or not).
    AppSettings settings() const;
    /// Whether every page is valid; shows the reasons.
    bool validate();
    /// Validates and, if valid, emits applied() and waits for applyFinished(). Returns whether
    /// it emitted.
    bool apply();
    /// What applying came to. A failure shows next to its field (chosen by the error's field
    /// and code), on its page, with the field focused; success closes the dialog if OK asked
    /// for it.
    void applyFinished(bool ok, const Error &error);
    /// Shows a problem of the settings as they are (the last start failed) next to the field
    /// at fault, on its page.
    void showProblem(const Error &error);
    /// True from apply() until applyFinished().
    bool isApplying() const { return m_applying; }
    /// Where the ports the running server holds come from: they are not reported as in use.
    void setOwnPorts(const ListenFieldCheck::PortSource &source);

signals:
    void applied(const AppSettings &settings);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateButtons();

    AppSettings m_base;
    QTabWidget *m_tabs = nullptr;
    ServerSettingsPage *m_server = nullptr;
    TlsSettingsPage *m_tls = nullptr;
    AuthSettingsPage *m_auth = nullptr;
    StorageSettingsPage *m_storage = nullptr;
    ApiSettingsPage *m_api = nullptr;
    FaultsSettingsPage *m_faults = nullptr;
    RelaySettingsPage *m_relay = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    FieldErrorLabel *m_applyError = nullptr;
    bool m_applying = false;
    bool m_closeWhenApplied = false; ///< OK was pressed: close once the settings work
};
