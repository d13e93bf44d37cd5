// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "settingsdialog.h"

#include "errortext.h"

#include "service/mailservice.h"
#include "settings/apisettingspage.h"
#include "settings/authsettingspage.h"
#include "settings/faultssettingspage.h"
#include "settings/fielderrorlabel.h"
#include "settings/relaysettingspage.h"
#include "settings/serversettingspage.h"
#include "settings/storagesettingspage.h"
#include "settings/tlssettingspage.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_base(settings)
{
    setWindowTitle(tr("Letterbox Settings"));
    m_server = new ServerSettingsPage(this);
    m_tls = new TlsSettingsPage(this);
    m_auth = new AuthSettingsPage(this);
    m_storage = new StorageSettingsPage(this);
    m_api = new ApiSettingsPage(this);
    m_faults = new FaultsSettingsPage(this);
    m_relay = new RelaySettingsPage(this);
    m_tls->setHostNameSource([this] { return m_server->hostName(); });
    m_server->load(settings);
    m_tls->load(settings);
    m_auth->load(settings);
    m_storage->load(settings);
    m_api->load(settings);
    m_faults->load(settings);
    m_relay->load(settings);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_server, tr("Server"));
    m_tabs->addTab(m_tls, tr("TLS"));
    m_tabs->addTab(m_auth, tr("Authentication"));
    m_tabs->addTab(m_storage, tr("Storage && Desktop"));
    m_tabs->addTab(m_api, tr("HTTP API"));
    m_tabs->addTab(m_faults, tr("Faults"));
    m_tabs->addTab(m_relay, tr("Relay"));

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Apply)
        ->setToolTip(tr("Restart the listeners with these settings; the inbox stays"));
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);
    connect(m_buttons->button(QDialogButtonBox::Ok), &QPushButton::clicked, this,
            [this] { m_closeWhenApplied = apply(); });
    m_applyError = new FieldErrorLabel(this);
    m_applyError->setObjectName(QStringLiteral("applyError"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_applyError);
    layout->addWidget(m_buttons);

    connect(m_server, &ServerSettingsPage::changed, this, &SettingsDialog::updateButtons);
    connect(m_tls, &TlsSettingsPage::changed, this, &SettingsDialog::updateButtons);
    connect(m_auth, &AuthSettingsPage::changed, this, &SettingsDialog::updateButtons);
    connect(m_storage, &StorageSettingsPage::changed, this, &SettingsDialog::updateButtons);
    connect(m_api, &ApiSettingsPage::changed, this, &SettingsDialog::updateButtons);
    connect(m_faults, &FaultsSettingsPage::changed, this, &SettingsDialog::updateButtons);
    connect(m_relay, &RelaySettingsPage::changed, this, &SettingsDialog::updateButtons);
    updateButtons();
    resize(640, 560);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

AppSettings SettingsDialog::settings() const
{
    AppSettings result = m_base;
    m_server->store(&result);
    m_tls->store(&result);
    m_auth->store(&result);
    m_storage->store(&result);
    m_api->store(&result);
    m_faults->store(&result);
    m_relay->store(&result);
    return result;
}

bool SettingsDialog::validate()
{
    // Every page, so that each shows its own reasons.
    bool ok = m_server->validate();
    ok = m_tls->validate() && ok;
    ok = m_auth->validate() && ok;
    ok = m_storage->validate() && ok;
    ok = m_api->validate() && ok;
    ok = m_faults->validate() && ok;
    ok = m_relay->validate() && ok;
    return ok;
}

bool SettingsDialog::apply()
{
    if (!validate())
        return false;
    m_base = settings();
    m_applying = true;
    m_applyError->setError({});
    updateButtons();
    emit applied(m_base);
    return true;
}

void SettingsDialog::applyFinished(bool ok, const Error &error)
{
    if (!m_applying)
        return; // not ours: the window started the server
    m_applying = false;
    const bool close = std::exchange(m_closeWhenApplied, false);
    if (ok) {
        if (close)
            accept();
        updateButtons();
        return;
    }
    if (error.code != ErrorCode::Cancelled)
        showProblem(error);
    updateButtons();
}

void SettingsDialog::showProblem(const Error &error)
{
    // The error's field (a ServerConfig key) and code choose page and field, never its text.
    // The page shows first: a field on a hidden page cannot take the focus.
    bool placed = false;
    switch (MailService::problemOf(error)) {
    case MailService::Problem::Tls:
        showPage(Page::Tls);
        placed = m_tls->showApplyError(error);
        break;
    case MailService::Problem::Auth:
        showPage(Page::Auth);
        break;
    case MailService::Problem::Store:
        showPage(Page::Storage);
        placed = m_storage->showApplyError(error);
        break;
    case MailService::Problem::Api:
        showPage(Page::Api);
        placed = m_api->showApplyError(error);
        break;
    case MailService::Problem::Faults:
        showPage(Page::Faults);
        placed = m_faults->showApplyError(error);
        break;
    case MailService::Problem::Relay:
        showPage(Page::Relay);
        placed = m_relay->showApplyError(error);
        break;
    case MailService::Problem::Server:
    case MailService::Problem::None:
        showPage(Page::Server);
        placed = m_server->showApplyError(error);
        break;
    }
    m_applyError->setError(placed ? QString() : ErrorText::of(error));
    // A port may have been taken since it was last checked: check again, so that Apply waits
    // for a change of the port.
    m_server->checkPorts();
    m_tls->checkPorts();
    m_api->checkPorts();
}

void SettingsDialog::setOwnPorts(const ListenFieldCheck::PortSource &source)
{
    m_server->setOwnPorts(source);
    m_tls->setOwnPorts(source);
    m_api->setOwnPorts(source);
}

void SettingsDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // Another program may have taken or freed a port while the dialog was closed.
    m_server->checkPorts();
    m_tls->checkPorts();
    m_api->checkPorts();
}

void SettingsDialog::updateButtons()
{
    const bool ok = validate() && !m_applying;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(ok);
}
