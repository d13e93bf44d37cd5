// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apisettingspage.h"

#include "errortext.h"

#include "settings/fielderrorlabel.h"
#include "settings/serversettingspage.h"
#include "settings/usertable.h"
#include "smtp/smtpserversettings.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace {

using Id = ConfigSetting::Id;

QString defaultAddress()
{
    return QString(ConfigSetting::of(Id::ApiListen).defaultText);
}

} // namespace

ApiSettingsPage::ApiSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_enabled = new QGroupBox(tr("Serve the HTTP &API (Mailpit API v1)"), this);
    m_enabled->setObjectName(QStringLiteral("apiEnabledBox"));
    m_enabled->setCheckable(true);
    m_listen = new QLineEdit(m_enabled);
    m_listen->setObjectName(QStringLiteral("apiListenEdit"));
    m_listen->setPlaceholderText(defaultAddress());
    m_listen->setToolTip(
        tr("ADDR:PORT, e.g. %1 (Mailpit's and MailHog's port)").arg(defaultAddress()));
    m_listenError = new FieldErrorLabel(m_enabled);
    m_listenError->setObjectName(QStringLiteral("apiListenError"));
    m_listenCheck = new ListenFieldCheck(m_listen, this);
    connect(m_listenCheck, &ListenFieldCheck::checked, this, &ApiSettingsPage::changed);
    m_users = new UserTable(QStringLiteral("api"), m_enabled);
    m_usersError = createFieldErrorLabel(m_enabled);
    m_usersError->setObjectName(QStringLiteral("apiUsersError"));
    auto *usersNote = new QLabel(tr("With users, every request needs HTTP Basic authentication "
                                    "as one of them; without, anyone who reaches the address "
                                    "can read and delete the mail."),
                                 m_enabled);
    usersNote->setWordWrap(true);
    usersNote->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Listen on:"), m_listen);
    form->addRow(QString(), m_listenError);
    auto *box = new QVBoxLayout(m_enabled);
    box->addLayout(form);
    box->addWidget(new QLabel(tr("Users:"), m_enabled));
    box->addWidget(m_users, 1);
    box->addWidget(m_usersError);
    box->addWidget(usersNote);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_enabled);

    connect(m_enabled, &QGroupBox::toggled, this, &ApiSettingsPage::changed);
    connect(m_listen, &QLineEdit::textChanged, this, &ApiSettingsPage::changed);
    connect(m_users, &UserTable::changed, this, &ApiSettingsPage::changed);
}

ApiSettingsPage::~ApiSettingsPage() = default;

void ApiSettingsPage::load(const AppSettings &settings)
{
    m_enabled->setChecked(settings.apiEnabled());
    // Turned off, the setting keeps no address: the default comes back with the API.
    m_listen->setText(settings.apiEnabled() ? settings.apiListen.trimmed() : defaultAddress());
    m_users->setSpecs(settings.apiUsers);
}

QString ApiSettingsPage::listenText() const
{
    const QString text = m_listen->text().trimmed();
    return text.isEmpty() ? defaultAddress() : text;
}

void ApiSettingsPage::store(AppSettings *settings) const
{
    settings->apiListen = m_enabled->isChecked() ? listenText() : QString(ServerConfig::kApiOff);
    settings->apiUsers = m_users->specs();
}

bool ApiSettingsPage::validate()
{
    const QString usersError = m_users->problem();
    bool ok = setFieldError(m_usersError, usersError);
    if (!m_enabled->isChecked()) {
        m_listenError->setError({});
        return ok;
    }
    const QString listen = listenText();
    QString listenError = ServerSettingsPage::checkAddress(listen);
    QString warning;
    if (listenError.isEmpty()) {
        listenError = m_listenCheck->problem();
        // MailService runs without the API when the default port is busy (it warns, it does not
        // fail), so only an address somebody chose keeps Apply off.
        if (!listenError.isEmpty() && listen == defaultAddress()
            && m_listenCheck->problemCode() == ErrorCode::AddressInUse) {
            warning = tr("%1: Letterbox runs without the API until it is free").arg(listenError);
            listenError.clear();
        }
    }
    ok = listenError.isEmpty() && ok;
    if (listenError.isEmpty())
        listenError = m_listenApplied.shownFor(listen);
    if (!listenError.isEmpty()) {
        m_listenError->setError(listenError);
    } else if (!warning.isEmpty()) {
        m_listenError->setWarning(warning);
    } else if (const auto address = ListenAddress::parse(listen);
               address && !address->address.isLoopback() && m_users->specs().isEmpty()) {
        m_listenError->setWarning(tr("Reachable from other machines without a password: anyone "
                                     "who can reach it can read and delete your mail; add a user"));
    } else {
        m_listenError->setError({});
    }
    return ok;
}

void ApiSettingsPage::setOwnPorts(ListenFieldCheck::PortSource source)
{
    m_listenCheck->setOwnPorts(std::move(source));
}

void ApiSettingsPage::checkPorts()
{
    m_listenCheck->checkNow();
}

bool ApiSettingsPage::showApplyError(const Error &error)
{
    const ConfigSetting *setting = ConfigSetting::byKey(error.field);
    if (!setting || setting->id != Id::ApiListen)
        return false;
    const QString listen = listenText();
    const auto address = ListenAddress::parse(listen);
    m_listenApplied = {listen, address ? ListenFieldCheck::describe(error, address->port)
                                       : ErrorText::of(error)};
    m_enabled->setChecked(true);
    m_listen->setFocus(Qt::OtherFocusReason);
    emit changed();
    return true;
}
