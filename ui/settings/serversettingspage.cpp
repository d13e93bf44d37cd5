// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "serversettingspage.h"

#include "errortext.h"

#include "settings/fielderror.h"
#include "settings/fielderrorlabel.h"
#include "settings/settingspinbox.h"
#include "smtp/smtpserversettings.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>

namespace {

constexpr qint64 kMiB = 1024 * 1024;
using Id = ConfigSetting::Id;

} // namespace

ServerSettingsPage::ServerSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_listen = new QLineEdit(this);
    m_listen->setObjectName(QStringLiteral("listenEdit"));
    m_listen->setPlaceholderText(QString(ConfigSetting::of(Id::Listen).defaultText));
    m_listen->setToolTip(
        tr("ADDR:PORT, e.g. 127.0.0.1:2525, [::1]:2525 or :2525 (all interfaces)"));
    m_listenError = new FieldErrorLabel(this);
    m_listenError->setObjectName(QStringLiteral("listenError"));
    m_listenCheck = new ListenFieldCheck(m_listen, this);
    connect(m_listenCheck, &ListenFieldCheck::checked, this, &ServerSettingsPage::changed);
    m_hostName = new QLineEdit(this);
    m_hostName->setObjectName(QStringLiteral("hostNameEdit"));
    m_hostName->setPlaceholderText(SmtpServerSettings().effectiveHostName());
    m_hostName->setToolTip(tr("Used in the greeting, EHLO reply and Received header"));
    m_appName = new QLineEdit(this);
    m_appName->setPlaceholderText(QString(ConfigSetting::of(Id::AppName).defaultText));
    m_maxSizeMiB = new SettingSpinBox(Id::MaxMessageSize, this, kMiB, tr("MiB"));
    m_maxRecipients = new SettingSpinBox(Id::MaxRecipients, this);
    m_timeout = new SettingSpinBox(Id::IdleTimeout, this);
    m_maxConnections = new SettingSpinBox(Id::MaxConnections, this);
    m_patterns = new QPlainTextEdit(this);
    m_patterns->setPlaceholderText(tr("One pattern per line, e.g. *@example.com\nEmpty: accept "
                                      "every recipient"));
    m_patterns->setTabChangesFocus(true);
    m_patterns->setMaximumHeight(fontMetrics().height() * 6);
    m_patternsError = createFieldErrorLabel(this);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Listen on:"), m_listen);
    form->addRow(QString(), m_listenError);
    form->addRow(tr("&Host name:"), m_hostName);
    form->addRow(tr("&Application name:"), m_appName);
    form->addRow(tr("Largest &message:"), m_maxSizeMiB);
    form->addRow(tr("&Recipients per message:"), m_maxRecipients);
    form->addRow(tr("&Idle timeout:"), m_timeout);
    form->addRow(tr("Concurrent &connections:"), m_maxConnections);
    form->addRow(tr("Accept recipients &matching:"), m_patterns);
    form->addRow(QString(), m_patternsError);

    for (QLineEdit *edit : {m_listen, m_hostName, m_appName})
        connect(edit, &QLineEdit::textChanged, this, &ServerSettingsPage::changed);
    for (QSpinBox *box : {m_maxSizeMiB, m_maxRecipients, m_timeout, m_maxConnections})
        connect(box, &QSpinBox::valueChanged, this, &ServerSettingsPage::changed);
    connect(m_patterns, &QPlainTextEdit::textChanged, this, &ServerSettingsPage::changed);
}

ServerSettingsPage::~ServerSettingsPage() = default;

void ServerSettingsPage::load(const AppSettings &settings)
{
    m_listen->setText(settings.listen);
    m_hostName->setText(settings.hostName);
    m_appName->setText(settings.appName);
    m_maxSizeMiB->setSettingValue(settings.maxMessageSize);
    m_maxRecipients->setSettingValue(settings.maxRecipients);
    m_timeout->setSettingValue(settings.timeoutSeconds);
    m_maxConnections->setSettingValue(settings.maxConnections);
    m_patterns->setPlainText(settings.acceptRcptPatterns.join(u'\n'));
}

void ServerSettingsPage::store(AppSettings *settings) const
{
    settings->listen = m_listen->text().trimmed();
    settings->hostName = m_hostName->text().trimmed();
    settings->appName = m_appName->text().trimmed();
    // Keep a limit that is not a whole number of MiB (from the command line) when unchanged.
    settings->maxMessageSize = m_maxSizeMiB->settingValue(settings->maxMessageSize);
    settings->maxRecipients = int(m_maxRecipients->settingValue(settings->maxRecipients));
    settings->timeoutSeconds = int(m_timeout->settingValue(settings->timeoutSeconds));
    settings->maxConnections = int(m_maxConnections->settingValue(settings->maxConnections));
    QStringList patterns;
    for (const QString &line : m_patterns->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            patterns.append(line.trimmed());
    }
    settings->acceptRcptPatterns = patterns;
}

QString ServerSettingsPage::checkAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter an address and port, e.g. %1")
            .arg(QString(ConfigSetting::of(Id::Listen).defaultText));
    bool numeric = false;
    const uint port = trimmed.mid(trimmed.lastIndexOf(u':') + 1).toUInt(&numeric);
    if (trimmed.contains(u':') && (!numeric || port < 1 || port > 65535))
        return tr("The port must be a number from 1 to 65535");
    const auto address = ListenAddress::parse(trimmed);
    if (!address)
        return ErrorText::of(address.error());
    if (address->port < 1)
        return tr("The port must be from 1 to 65535");
    return {};
}

bool ServerSettingsPage::validate()
{
    const QString listen = m_listen->text().trimmed();
    QString listenError = checkAddress(listen);
    if (listenError.isEmpty())
        listenError = m_listenCheck->problem();
    bool ok = listenError.isEmpty();
    if (listenError.isEmpty())
        listenError = m_listenApplied.shownFor(listen);
    if (!listenError.isEmpty()) {
        m_listenError->setError(listenError);
    } else if (const auto address = ListenAddress::parse(listen);
               address && !address->address.isLoopback()) {
        m_listenError->setWarning(tr("Reachable from other machines: anyone who can reach it can "
                                     "send mail into your inbox; consider requiring "
                                     "authentication"));
    } else {
        m_listenError->setError({});
    }
    QString patternError;
    for (const QString &line : m_patterns->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (line.trimmed().contains(u' '))
            patternError = tr("“%1”: a pattern has no spaces").arg(line.trimmed());
    }
    ok = setFieldError(m_patternsError, patternError) && ok;
    return ok;
}

void ServerSettingsPage::setOwnPorts(ListenFieldCheck::PortSource source)
{
    m_listenCheck->setOwnPorts(std::move(source));
}

void ServerSettingsPage::checkPorts()
{
    m_listenCheck->checkNow();
}

bool ServerSettingsPage::showApplyError(const Error &error)
{
    const ConfigSetting *setting = ConfigSetting::byKey(error.field);
    if (!setting || setting->id != Id::Listen)
        return false;
    const QString listen = m_listen->text().trimmed();
    const auto address = ListenAddress::parse(listen);
    m_listenApplied = {listen, address ? ListenFieldCheck::describe(error, address->port)
                                       : ErrorText::of(error)};
    m_listen->setFocus(Qt::OtherFocusReason);
    emit changed();
    return true;
}

QString ServerSettingsPage::hostName() const
{
    return m_hostName->text().trimmed().isEmpty() ? m_hostName->placeholderText()
                                                  : m_hostName->text().trimmed();
}
