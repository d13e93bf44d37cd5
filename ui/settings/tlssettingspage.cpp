// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "tlssettingspage.h"

#include "errortext.h"

#include "settings/fielderror.h"
#include "settings/serversettingspage.h"
#include "settings/settingspinbox.h"
#include "smtp/smtpserversettings.h"
#include "tls/selfsignedcertificate.h"
#include "tls/tlssettings.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtConcurrentRun>

namespace {

constexpr int kGeneratedDays = 825; // what browsers accept for a server certificate
constexpr int kCheckDelayMs = 250;  // a pause in typing, not every keystroke

QWidget *withButton(QLineEdit *edit, QPushButton *button, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}

} // namespace

TlsSettingsPage::TlsSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_cert = new QLineEdit(this);
    m_cert->setObjectName(QStringLiteral("certificateEdit"));
    m_cert->setPlaceholderText(tr("PEM certificate (chain); empty: no TLS"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("keyEdit"));
    m_key->setPlaceholderText(tr("PEM private key (may be the same file)"));
    m_passphrase = new QLineEdit(this);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("only for an encrypted key"));
    auto *browseCert = new QPushButton(tr("Browse…"), this);
    auto *browseKey = new QPushButton(tr("Browse…"), this);
    connect(browseCert, &QPushButton::clicked, this,
            [this] { browse(m_cert, tr("Certificate file")); });
    connect(browseKey, &QPushButton::clicked, this, [this] { browse(m_key, tr("Key file")); });
    m_certError = createFieldErrorLabel(this);
    m_certError->setObjectName(QStringLiteral("certificateError"));
    m_keyError = createFieldErrorLabel(this);
    m_keyError->setObjectName(QStringLiteral("keyError"));
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("certificateInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_generate = new QPushButton(tr("Generate Self-Signed Certificate…"), this);
    m_generate->setToolTip(tr("Create an EC P-256 certificate for the host name (and localhost, "
                              "127.0.0.1, ::1) in Letterbox's data folder"));
    connect(m_generate, &QPushButton::clicked, this, &TlsSettingsPage::generate);

    auto *starttls = new QLabel(tr("STARTTLS is offered on the SMTP listener whenever a "
                                   "certificate is set."),
                                this);
    starttls->setWordWrap(true);
    m_requireTls =
        new QCheckBox(tr("&Require TLS (only NOOP, EHLO, STARTTLS and QUIT before it)"), this);
    m_tlsListen = new QLineEdit(this);
    m_tlsListen->setObjectName(QStringLiteral("tlsListenEdit"));
    m_tlsListen->setPlaceholderText(tr("off, e.g. 127.0.0.1:1465"));
    m_tlsListenError = createFieldErrorLabel(this);
    m_tlsListenError->setObjectName(QStringLiteral("tlsListenError"));
    m_tlsListenCheck = new ListenFieldCheck(m_tlsListen, this);
    connect(m_tlsListenCheck, &ListenFieldCheck::checked, this, &TlsSettingsPage::changed);
    m_handshakeTimeout = new SettingSpinBox(ConfigSetting::Id::TlsHandshakeTimeout, this);
    m_handshakeTimeout->setObjectName(QStringLiteral("handshakeTimeoutBox"));
    m_handshakeTimeout->setToolTip(
        tr("A client that has not finished the TLS handshake by then is disconnected"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Certificate:"), withButton(m_cert, browseCert, this));
    form->addRow(QString(), m_certError);
    form->addRow(tr("&Key:"), withButton(m_key, browseKey, this));
    form->addRow(QString(), m_keyError);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    form->addRow(tr("Loaded:"), m_info);
    form->addRow(QString(), m_generate);
    form->addRow(QString(), starttls);
    form->addRow(QString(), m_requireTls);
    form->addRow(tr("&Implicit TLS on:"), m_tlsListen);
    form->addRow(QString(), m_tlsListenError);
    form->addRow(tr("&Handshake timeout:"), m_handshakeTimeout);

    for (QLineEdit *edit : {m_cert, m_key, m_passphrase, m_tlsListen})
        connect(edit, &QLineEdit::textChanged, this, &TlsSettingsPage::changed);
    connect(m_requireTls, &QCheckBox::toggled, this, &TlsSettingsPage::changed);
    connect(m_handshakeTimeout, &QSpinBox::valueChanged, this, &TlsSettingsPage::changed);

    m_checkDelay.setSingleShot(true);
    m_checkDelay.setInterval(kCheckDelayMs);
    connect(&m_checkDelay, &QTimer::timeout, this, &TlsSettingsPage::startFileCheck);
    for (QLineEdit *edit : {m_cert, m_key, m_passphrase})
        connect(edit, &QLineEdit::textChanged, &m_checkDelay, qOverload<>(&QTimer::start));
    connect(&m_checkWatcher, &QFutureWatcher<FileCheck>::finished, this,
            &TlsSettingsPage::fileCheckFinished);
    connect(&m_generateWatcher, &QFutureWatcher<QString>::finished, this,
            &TlsSettingsPage::generationDone);
}

TlsSettingsPage::~TlsSettingsPage()
{
    // The workers only touch their own copies; waiting keeps a generation from writing files
    // after the dialog is gone without anyone hearing about it.
    m_checkWatcher.waitForFinished();
    m_generateWatcher.waitForFinished();
}

void TlsSettingsPage::load(const AppSettings &settings)
{
    m_cert->setText(settings.tlsCertFile);
    m_key->setText(settings.tlsKeyFile);
    m_passphrase->setText(QString::fromUtf8(settings.tlsPassphrase));
    m_requireTls->setChecked(settings.requireTls);
    m_tlsListen->setText(settings.tlsListen);
    m_handshakeTimeout->setValue(settings.tlsHandshakeSeconds);
}

void TlsSettingsPage::store(AppSettings *settings) const
{
    settings->tlsCertFile = m_cert->text().trimmed();
    settings->tlsKeyFile = m_key->text().trimmed();
    settings->tlsPassphrase = m_passphrase->text().toUtf8();
    settings->requireTls = m_requireTls->isChecked();
    settings->tlsListen = m_tlsListen->text().trimmed();
    settings->tlsHandshakeSeconds = m_handshakeTimeout->value();
}

bool TlsSettingsPage::validate()
{
    const QString cert = m_cert->text().trimmed();
    const QString key = m_key->text().trimmed();
    bool ok = true;
    setFieldError(m_certError, {});
    setFieldError(m_keyError, {});
    if (cert.isEmpty() && key.isEmpty()) {
        m_info->setText(tr("No certificate: STARTTLS and implicit TLS are off."));
    } else if (cert.isEmpty() || key.isEmpty()) {
        ok = setFieldError(cert.isEmpty() ? m_certError : m_keyError,
                           tr("The certificate and the key go together"));
        m_info->clear();
    } else if (!checkIsCurrent()) {
        ok = false;
        m_info->setText(tr("Checking the certificate and key…"));
        if (!m_checkWatcher.isRunning() && !m_checkDelay.isActive())
            m_checkDelay.start();
    } else if (m_check.error.isEmpty()) {
        m_info->setText(m_check.description);
        // What failed when applying, until the files are edited (the check found them fine).
        setFieldError(m_certError, m_certApplied.shownFor(cert));
        setFieldError(m_keyError, m_keyApplied.shownFor(key));
    } else {
        m_info->clear();
        ok = setFieldError(m_check.certificateAtFault && cert != key ? m_certError : m_keyError,
                           m_check.error);
    }
    const bool haveTls = !cert.isEmpty() && !key.isEmpty();
    const QString tlsListen = m_tlsListen->text().trimmed();
    QString listenError;
    if (!tlsListen.isEmpty()) {
        listenError = ServerSettingsPage::checkAddress(tlsListen);
        if (listenError.isEmpty() && !haveTls)
            listenError = tr("Implicit TLS needs a certificate and key");
        if (listenError.isEmpty())
            listenError = m_tlsListenCheck->problem();
    }
    ok = setFieldError(m_tlsListenError, listenError) && ok;
    if (listenError.isEmpty())
        setFieldError(m_tlsListenError, m_tlsListenApplied.shownFor(tlsListen));
    if (m_requireTls->isChecked() && !haveTls)
        ok = setFieldError(m_certError, tr("Requiring TLS needs a certificate and key")) && ok;
    return ok;
}

void TlsSettingsPage::setOwnPorts(ListenFieldCheck::PortSource source)
{
    m_tlsListenCheck->setOwnPorts(std::move(source));
}

void TlsSettingsPage::checkPorts()
{
    if (!m_tlsListen->text().trimmed().isEmpty())
        m_tlsListenCheck->checkNow();
}

bool TlsSettingsPage::showApplyError(const Error &error)
{
    using Id = ConfigSetting::Id;
    const ConfigSetting *setting = ConfigSetting::byKey(error.field);
    std::optional<Id> id = setting ? std::optional(setting->id) : std::nullopt;
    if (!id && error.code == ErrorCode::CertificateUnreadable)
        id = Id::TlsCertificate;
    else if (!id
             && (error.code == ErrorCode::KeyUnreadable || error.code == ErrorCode::KeyMismatch))
        id = Id::TlsKey;
    if (!id)
        return false;
    switch (*id) {
    case Id::TlsListen: {
        const QString tlsListen = m_tlsListen->text().trimmed();
        const auto address = ListenAddress::parse(tlsListen);
        m_tlsListenApplied = {tlsListen, address ? ListenFieldCheck::describe(error, address->port)
                                                 : ErrorText::of(error)};
        m_tlsListen->setFocus(Qt::OtherFocusReason);
        break;
    }
    case Id::TlsCertificate:
    case Id::RequireTls:
        m_certApplied = {m_cert->text().trimmed(), ErrorText::of(error)};
        m_cert->setFocus(Qt::OtherFocusReason);
        break;
    case Id::TlsKey:
    case Id::TlsPassphrase:
        m_keyApplied = {m_key->text().trimmed(), ErrorText::of(error)};
        m_key->setFocus(Qt::OtherFocusReason);
        break;
    default:
        return false;
    }
    emit changed();
    return true;
}

void TlsSettingsPage::browse(QLineEdit *edit, const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, edit->text().isEmpty() ? QDir::homePath() : edit->text(),
        tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

bool TlsSettingsPage::isBusy() const
{
    const bool haveFiles =
        !m_cert->text().trimmed().isEmpty() && !m_key->text().trimmed().isEmpty();
    return m_generateWatcher.isRunning() || (haveFiles && !checkIsCurrent());
}

bool TlsSettingsPage::checkIsCurrent() const
{
    return !m_checkDelay.isActive() && !m_checkWatcher.isRunning()
           && m_check.cert == m_cert->text().trimmed() && m_check.key == m_key->text().trimmed()
           && m_check.passphrase == m_passphrase->text().toUtf8();
}

void TlsSettingsPage::startFileCheck()
{
    FileCheck check{
        m_cert->text().trimmed(), m_key->text().trimmed(), m_passphrase->text().toUtf8(), {}, {}};
    m_checkWatcher.setFuture(QtConcurrent::run([check]() mutable {
        const Result<QSslConfiguration> result =
            TlsSettings::load(check.cert, check.key, check.passphrase);
        if (result) {
            check.description = TlsSettings::describe(result->localCertificate());
        } else {
            check.error = ErrorText::of(result.error());
            check.certificateAtFault =
                result.error().field == ConfigSetting::of(ConfigSetting::Id::TlsCertificate).key;
        }
        return check;
    }));
}

void TlsSettingsPage::fileCheckFinished()
{
    m_check = m_checkWatcher.result();
    // The fields may have changed while the files were read; validate() starts the next check.
    emit changed();
}

void TlsSettingsPage::generateInto(const QString &directory)
{
    if (m_generateWatcher.isRunning())
        return;
    m_generate->setEnabled(false);
    m_generateDirectory = directory;
    const QString host = m_hostName ? m_hostName() : QStringLiteral("localhost");
    m_generateWatcher.setFuture(QtConcurrent::run([host, directory]() -> QString {
        const Result<SelfSignedCertificate> generated =
            SelfSignedCertificate::generate(host, kGeneratedDays);
        if (!generated)
            return ErrorText::of(generated.error());
        if (!QDir().mkpath(directory))
            return tr("%1: cannot create the folder").arg(directory);
        const QDir dir(directory);
        if (const Result<void> written =
                generated->writeTo(dir.filePath(QStringLiteral("letterbox-cert.pem")),
                                   dir.filePath(QStringLiteral("letterbox-key.pem")));
            !written)
            return ErrorText::of(written.error());
        return {};
    }));
}

void TlsSettingsPage::generationDone()
{
    m_generate->setEnabled(true);
    const QString error = m_generateWatcher.result();
    if (error.isEmpty()) {
        const QDir dir(m_generateDirectory);
        m_cert->setText(dir.filePath(QStringLiteral("letterbox-cert.pem")));
        m_key->setText(dir.filePath(QStringLiteral("letterbox-key.pem")));
        m_passphrase->clear();
    }
    if (!error.isEmpty() && m_generateAsked)
        QMessageBox::warning(this, tr("Cannot generate a certificate"), error);
    m_generateAsked = false;
    emit generationFinished(error);
}

void TlsSettingsPage::generate()
{
    m_generateAsked = true;
    generateInto(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                     .filePath(QStringLiteral("tls")));
}
