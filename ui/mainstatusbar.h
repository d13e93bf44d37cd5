// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "service/mailservice.h"
#include "settings/settingsdialog.h"

#include <QPointer>
#include <QStatusBar>
#include <QTimer>

#include <optional>

class InboxModel;
class QLabel;
class QMessageBox;
class QToolButton;
class SessionListModel;
struct AppSettings;

/// The window's status bar: where Letterbox listens, behind a green dot, its TLS and AUTH
/// settings, the message and session counts, and the last problem with a "Fix…" button (and,
/// unless the settings dialog shows it already, a dialog) that lead to the settings page
/// concerned. Stopped, it says so behind a grey dot and offers a Start button instead of the
/// TLS and AUTH state. Short notes from elsewhere come and go in its message area.
///
/// While the HTTP API runs, a button shows its address ("API 127.0.0.1:8025"); clicking it, or
/// "Copy API URL" in its context menu, puts http://ADDR:PORT/ on the clipboard. When the API
/// runs other than asked (MailService::apiWarning: the default port was busy, or it is
/// reachable from other machines without a password), a warning says so until an apply
/// without that warning.
class MainStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainStatusBar)

public:
    /// Reads the state it shows from these; all outlive it.
    MainStatusBar(MailService *controller, InboxModel *inbox, SessionListModel *sessions,
                  QWidget *parent = nullptr);
    ~MainStatusBar() override;

    void setSettings(const AppSettings &settings);
    /// Shows the listening state, the security settings and the counts now. `starting`: a
    /// start waits for something (an import to stop) before the controller applies it.
    void refresh(bool starting = false);
    /// The same, within 200 ms: sessions and rows come in floods.
    void refreshSoon();

    enum class State { Starting, Listening, Stopped };
    State listenState() const { return m_state; }

    /// What the last apply of the settings came to: clears the problem, or shows it with a
    /// hint and the settings page to fix it on. `shownInSettings`: the open settings dialog
    /// shows it next to its field, so no dialog pops up over it.
    void applyFinished(bool ok, const Error &error, bool shownInSettings = false);
    /// The error of the failed apply on show; none once an apply worked.
    std::optional<Error> problem() const { return m_problem; }
    /// A relay attempt ended: a failure the relay settings may fix is shown with a "Fix…"
    /// button that opens them (no dialog: the attempt was not the user's doing just now).
    void relayFinished(const RelayOutcome &outcome);
    /// The store failed after it was opened.
    void storeFailed(const QString &message);
    /// The URL of the running HTTP API, "http://127.0.0.1:8025/"; empty while it does not run.
    /// An address of all interfaces is given as loopback, where it can be reached from here.
    QString apiUrl() const;

signals:
    /// "Fix…" or the dialog's "Open Settings…" was pressed.
    void fixRequested(SettingsDialog::Page page);
    /// The Start button of the stopped state was pressed.
    void startRequested();

private:
    void setListenState(State state, const QString &text);
    /// `text` on the status bar's one line, `detail` (the whole story) in its tooltip and in
    /// the dialog that pops up.
    void showProblem(const QString &text, const QString &detail, SettingsDialog::Page page,
                     const QString &hint, bool popUp);
    void clearProblem();
    static QString relayHint();
    void showApiWarning(const Error &warning);
    /// The "Faults active" badge, while a fault rule or chaos trigger can fire.
    void showFaults();
    void copyApiUrl();

    MailService *m_service = nullptr;
    InboxModel *m_inbox = nullptr;
    SessionListModel *m_sessions = nullptr;
    QToolButton *m_faultsButton = nullptr;
    bool m_starting = false;
    QTimer m_refreshTimer;
    State m_state = State::Stopped;
    QLabel *m_stateIcon = nullptr;
    QLabel *m_listenLabel = nullptr;
    QToolButton *m_startButton = nullptr;
    QToolButton *m_apiButton = nullptr;
    QLabel *m_apiWarningLabel = nullptr;
    bool m_apiWarnedThisApply = false; ///< apiWarning() came since the last applyFinished()
    QLabel *m_securityLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QToolButton *m_fixButton = nullptr;
    QPointer<QMessageBox> m_errorBox;
    SettingsDialog::Page m_problemPage = SettingsDialog::Page::Server;
    std::optional<Error> m_problem;
};
