// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainstatusbar.h"

#include "errortext.h"
#include "themeicon.h"

#include "models/inboxmodel.h"
#include "models/sessionlistmodel.h"
#include "settings/appsettings.h"
#include "smtp/smtpserversettings.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <algorithm>

MainStatusBar::MainStatusBar(MailService *controller, InboxModel *inbox, SessionListModel *sessions,
                             QWidget *parent)
    : QStatusBar(parent)
    , m_service(controller)
    , m_inbox(inbox)
    , m_sessions(sessions)
{
    m_stateIcon = new QLabel(this);
    m_stateIcon->setObjectName(QStringLiteral("listenStateIcon"));
    m_listenLabel = new QLabel(this);
    m_listenLabel->setObjectName(QStringLiteral("listenLabel"));
    m_startButton = new QToolButton(this);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setText(tr("Start"));
    m_startButton->setIcon(ThemeIcon::icon(ThemeIcon::Name::Start));
    m_startButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_startButton->setToolTip(tr("Start listening with the saved settings"));
    m_startButton->hide();
    connect(m_startButton, &QToolButton::clicked, this, &MainStatusBar::startRequested);
    m_apiButton = new QToolButton(this);
    m_apiButton->setObjectName(QStringLiteral("apiButton"));
    m_apiButton->setAutoRaise(true);
    m_apiButton->hide();
    auto *copyApiUrl = new QAction(tr("Copy API URL"), m_apiButton);
    copyApiUrl->setObjectName(QStringLiteral("copyApiUrlAction"));
    connect(copyApiUrl, &QAction::triggered, this, &MainStatusBar::copyApiUrl);
    m_apiButton->addAction(copyApiUrl);
    m_apiButton->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_apiButton, &QToolButton::clicked, copyApiUrl, &QAction::trigger);
    m_apiWarningLabel = new QLabel(this);
    m_apiWarningLabel->setObjectName(QStringLiteral("apiWarningLabel"));
    m_apiWarningLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette warningPalette = m_apiWarningLabel->palette();
    warningPalette.setColor(QPalette::WindowText, QColor(0xb0, 0x6a, 0x00));
    m_apiWarningLabel->setPalette(warningPalette);
    m_apiWarningLabel->hide();
    connect(m_service, &MailService::apiWarning, this, &MainStatusBar::showApiWarning);
    m_faultsButton = new QToolButton(this);
    m_faultsButton->setObjectName(QStringLiteral("faultsBadge"));
    m_faultsButton->setAutoRaise(true);
    m_faultsButton->setText(tr("Faults active"));
    QPalette faultsPalette = m_faultsButton->palette();
    faultsPalette.setColor(QPalette::ButtonText, QColor(0xb0, 0x1c, 0x1c));
    m_faultsButton->setPalette(faultsPalette);
    m_faultsButton->hide();
    connect(m_faultsButton, &QToolButton::clicked, this,
            [this] { emit fixRequested(SettingsDialog::Page::Faults); });
    connect(m_service, &MailService::faultsChanged, this, &MainStatusBar::showFaults);
    m_securityLabel = new QLabel(this);
    m_securityLabel->setToolTip(tr("TLS and authentication settings; change them in Settings"));
    m_countLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("problemLabel"));
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xd0, 0x45, 0x3a));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();
    m_fixButton = new QToolButton(this);
    m_fixButton->setText(tr("Fix…"));
    m_fixButton->setObjectName(QStringLiteral("problemFix"));
    m_fixButton->hide();
    connect(m_fixButton, &QToolButton::clicked, this, [this] { emit fixRequested(m_problemPage); });
    addWidget(m_errorLabel, 1);
    addWidget(m_fixButton);
    addWidget(m_apiWarningLabel);
    addPermanentWidget(m_faultsButton);
    addPermanentWidget(m_countLabel);
    addPermanentWidget(m_apiButton);
    addPermanentWidget(m_securityLabel);
    addPermanentWidget(m_stateIcon);
    addPermanentWidget(m_listenLabel);
    addPermanentWidget(m_startButton);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(200);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { refresh(m_starting); });
}

MainStatusBar::~MainStatusBar() = default;

void MainStatusBar::setSettings(const AppSettings &settings)
{
    QStringList security;
    if (settings.tlsConfigured())
        security.append(settings.requireTls ? tr("TLS required") : tr("STARTTLS"));
    else
        security.append(tr("no TLS"));
    if (settings.authEnabled)
        security.append(settings.authRequired    ? tr("AUTH required")
                        : settings.authAcceptAny ? tr("AUTH (any)")
                                                 : tr("AUTH"));
    m_securityLabel->setText(security.join(QStringLiteral(" · ")));
}

void MainStatusBar::refreshSoon()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void MainStatusBar::refresh(bool starting)
{
    m_starting = starting;
    m_refreshTimer.stop();
    // While a new configuration is tried the old one may still serve: "Starting…" only when
    // nothing does yet.
    if (m_service->isRunning()) {
        QStringList parts;
        if (const auto address = m_service->listenAddress())
            parts.append(tr("SMTP %1").arg(address->toString()));
        if (const auto address = m_service->tlsListenAddress())
            parts.append(tr("SMTPS %1").arg(address->toString()));
        setListenState(State::Listening,
                       tr("Listening: %1").arg(parts.join(QStringLiteral(" · "))));
    } else if (m_service->isApplying() || starting) {
        setListenState(State::Starting, tr("Starting…"));
    } else {
        setListenState(State::Stopped, tr("Stopped: not receiving mail"));
    }
    if (const auto api = m_service->apiAddress()) {
        m_apiButton->setText(tr("API %1").arg(api->toString()));
        m_apiButton->setToolTip(
            tr("The HTTP API (Mailpit API v1) answers at %1; click to copy the URL").arg(apiUrl()));
        m_apiButton->show();
    } else {
        m_apiButton->hide();
    }
    const int total = int(m_inbox->totalCount());
    m_countLabel->setText((m_inbox->query().isEmpty()
                               ? tr("%n message(s)", nullptr, total)
                               : tr("%1 of %n message(s)", nullptr, total).arg(m_inbox->rowCount()))
                          + tr(", %n unread", nullptr, m_inbox->unreadCount())
                          + QStringLiteral(" · ")
                          + tr("%n session(s)", nullptr, m_sessions->rowCount())
                          + tr(", %1 open").arg(m_service->activeSessions()));
}

void MainStatusBar::setListenState(State state, const QString &text)
{
    m_state = state;
    m_listenLabel->setText(text);
    // A dot in a colour of its own per state: the word alone is easy to miss in a status bar.
    const QColor colour = state == State::Listening  ? QColor(0x2e, 0x9d, 0x4f)
                          : state == State::Starting ? QColor(0xd9, 0x9a, 0x1e)
                                                     : QColor(0x9a, 0x9a, 0x9a);
    const int size = fontMetrics().height() * 2 / 3;
    const qreal ratio = devicePixelRatioF();
    QPixmap dot(QSize(size, size) * ratio);
    dot.setDevicePixelRatio(ratio);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(0, 0, size, size));
    painter.end();
    m_stateIcon->setPixmap(dot);
    m_stateIcon->setToolTip(text);
    // Stopped, TLS and AUTH describe nothing that runs; the way back is the Start button.
    m_securityLabel->setVisible(state != State::Stopped);
    m_startButton->setVisible(state == State::Stopped);
}

void MainStatusBar::applyFinished(bool ok, const Error &error, bool shownInSettings)
{
    // MailService warns about the API during the apply, before it finishes: what this apply
    // did not warn about again is over.
    if (!std::exchange(m_apiWarnedThisApply, false)) {
        m_apiWarningLabel->clear();
        m_apiWarningLabel->hide();
    }
    if (ok) {
        clearProblem();
        return;
    }
    if (error.code == ErrorCode::Cancelled)
        return; // stopped before it listened
    m_problem = error;
    SettingsDialog::Page page = SettingsDialog::Page::Server;
    QString hint = tr("Change the settings and apply them to try again.");
    switch (MailService::problemOf(error)) {
    case MailService::Problem::Tls:
        page = SettingsDialog::Page::Tls;
        hint = tr("Check the certificate and key files in the TLS settings, or generate a "
                  "self-signed certificate there.");
        break;
    case MailService::Problem::Auth:
        page = SettingsDialog::Page::Auth;
        break;
    case MailService::Problem::Store:
        page = SettingsDialog::Page::Storage;
        hint = tr("Choose a folder you can write to in the storage settings.");
        break;
    case MailService::Problem::Api:
        page = SettingsDialog::Page::Api;
        break;
    case MailService::Problem::Faults:
        page = SettingsDialog::Page::Faults;
        break;
    case MailService::Problem::Relay:
        page = SettingsDialog::Page::Relay;
        hint = relayHint();
        break;
    case MailService::Problem::Server:
    case MailService::Problem::None:
        break;
    }
    if (error.code == ErrorCode::AddressInUse)
        hint = page == SettingsDialog::Page::Api
                   ? tr("Another program (perhaps another Letterbox or mail catcher) already "
                        "listens there. Stop it, or choose another address for the HTTP API, or "
                        "turn it off, in the API settings.")
                   : tr("Another program (perhaps another Letterbox or mail catcher) already "
                        "listens there. Stop it, or choose another port in the server settings.");
    else if (error.code == ErrorCode::StoreInUse)
        hint = tr("Another Letterbox uses this store. Close it, or choose another folder in the "
                  "storage settings.");
    // Still running: the settings that failed were not applied, and the old ones serve on.
    const QString format =
        m_service->isRunning() ? tr("New settings not applied: %1") : tr("Not listening: %1");
    showProblem(format.arg(ErrorText::brief(error)), format.arg(ErrorText::of(error)), page, hint,
                !shownInSettings);
}

void MainStatusBar::storeFailed(const QString &message)
{
    const QString text = tr("Store: %1").arg(message);
    showProblem(text, text, SettingsDialog::Page::Storage,
                tr("Choose a folder you can write to in the storage settings."), true);
}

void MainStatusBar::relayFinished(const RelayOutcome &outcome)
{
    // A relay that failed for a reason the relay settings can fix (credentials, TLS mode,
    // allowed recipients, a refusing server) leads there; a retry that is still to come says
    // so. The failed apply, if one is on show, stays: it matters more. A relay that got
    // through takes back what an earlier one reported.
    if (outcome.delivered() && !m_problem && m_problemPage == SettingsDialog::Page::Relay) {
        clearProblem();
        return;
    }
    if (!outcome.error || m_problem
        || MailService::problemOf(*outcome.error) != MailService::Problem::Relay)
        return;
    const QString id = QString::number(outcome.messageId);
    const QString format = outcome.temporaryFailure()
                               ? tr("Relay of message %1 failed, will retry: %2")
                               : tr("Relay of message %1 failed: %2");
    showProblem(format.arg(id, ErrorText::brief(*outcome.error)),
                format.arg(id, ErrorText::of(*outcome.error)), SettingsDialog::Page::Relay,
                relayHint(), false);
}

QString MainStatusBar::relayHint()
{
    return tr("Check the relay host, its TLS mode, the user and password and the allowed "
              "recipients in the relay settings.");
}

void MainStatusBar::showProblem(const QString &text, const QString &detail,
                                SettingsDialog::Page page, const QString &hint, bool popUp)
{
    m_problemPage = page;
    m_errorLabel->setText(text);
    m_errorLabel->setToolTip(detail);
    m_errorLabel->show();
    m_fixButton->show();
    if (m_errorBox)
        m_errorBox->deleteLater();
    // The settings dialog shows the problem next to its field already; a box on top of it
    // would only hide the field.
    if (!popUp)
        return;
    const QString title =
        page == SettingsDialog::Page::Api       ? tr("Letterbox cannot serve the HTTP API")
        : page == SettingsDialog::Page::Storage ? tr("Letterbox cannot use the store")
        : page == SettingsDialog::Page::Tls     ? tr("Letterbox cannot use the certificate")
        : page == SettingsDialog::Page::Auth
            ? tr("Letterbox cannot use the authentication settings")
        : page == SettingsDialog::Page::Relay ? tr("Letterbox cannot relay")
                                              : tr("Letterbox cannot listen");
    // Not modal to the application: the inbox stays usable while the dialog is up.
    m_errorBox = new QMessageBox(QMessageBox::Warning, title, detail, QMessageBox::Close, window());
    m_errorBox->setObjectName(QStringLiteral("problemDialog"));
    m_errorBox->setInformativeText(hint);
    m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
    m_errorBox->setWindowModality(Qt::NonModal);
    QPushButton *fix = m_errorBox->addButton(tr("Open Settings…"), QMessageBox::AcceptRole);
    connect(fix, &QPushButton::clicked, this, [this] { emit fixRequested(m_problemPage); });
    m_errorBox->show();
}

void MainStatusBar::clearProblem()
{
    m_problem.reset();
    m_errorLabel->clear();
    m_errorLabel->hide();
    m_fixButton->hide();
    if (m_errorBox)
        m_errorBox->close();
}

void MainStatusBar::showFaults()
{
    const std::shared_ptr<FaultInjector> faults = m_service->faults();
    const FaultSettings settings = faults->settings();
    const bool chaos = faults->chaos().isActive();
    const auto rules = std::count_if(settings.rules.begin(), settings.rules.end(),
                                     [](const FaultRule &rule) { return rule.enabled; });
    m_faultsButton->setVisible(settings.isActive() || chaos);
    QString tip =
        settings.isActive()
            ? tr("%n fault rule(s) active, making the SMTP server fail on purpose (seed %1)", "",
                 int(rules))
                  .arg(faults->seed())
            : QString();
    if (chaos)
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n"))
               + tr("Mailpit chaos triggers are set through the HTTP API");
    m_faultsButton->setToolTip(tip + QStringLiteral("\n") + tr("Click to edit the rules"));
}

void MainStatusBar::showApiWarning(const Error &warning)
{
    m_apiWarnedThisApply = true;
    // Chosen by the code: MailService's text is for the log of headless mode.
    const QString text =
        warning.code == ErrorCode::AddressInUse
            ? tr("HTTP API off: %1 is in use by another program")
                  .arg(QString(ConfigSetting::of(ConfigSetting::Id::ApiListen).defaultText))
            : tr("HTTP API reachable from other machines without a password");
    m_apiWarningLabel->setText(text);
    m_apiWarningLabel->setToolTip(ErrorText::of(warning));
    m_apiWarningLabel->show();
}

QString MainStatusBar::apiUrl() const
{
    const auto api = m_service->apiAddress();
    if (!api)
        return {};
    QHostAddress host = api->address;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress::LocalHost;
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHostIPv6;
    const QString name = host.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + host.toString() + u']'
                             : host.toString();
    return QStringLiteral("http://%1:%2/").arg(name).arg(api->port);
}

void MainStatusBar::copyApiUrl()
{
    const QString url = apiUrl();
    if (url.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(url);
    showMessage(tr("Copied %1").arg(url), 3000);
}
