// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "tlssettingspage.h"

#include "settings/fielderror.h"
#include "settings/serversettingspage.h"
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
#include <QStandardPaths>

namespace {

constexpr int kGeneratedDays = 825; // what browsers accept for a server certificate

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
    m_cert->setPlaceholderText(tr("PEM certificate (chain); empty: no TLS"));
    m_key = new QLineEdit(this);
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
    m_keyError = createFieldErrorLabel(this);
    m_info = new QLabel(this);
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
    m_tlsListen->setPlaceholderText(tr("off, e.g. 127.0.0.1:1465"));
    m_tlsListenError = createFieldErrorLabel(this);

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

    for (QLineEdit *edit : {m_cert, m_key, m_passphrase, m_tlsListen})
        connect(edit, &QLineEdit::textChanged, this, &TlsSettingsPage::changed);
    connect(m_requireTls, &QCheckBox::toggled, this, &TlsSettingsPage::changed);
}

TlsSettingsPage::~TlsSettingsPage() = default;

void TlsSettingsPage::load(const AppSettings &settings)
{
    m_cert->setText(settings.tlsCertFile);
    m_key->setText(settings.tlsKeyFile);
    m_passphrase->setText(QString::fromUtf8(settings.tlsPassphrase));
    m_requireTls->setChecked(settings.requireTls);
    m_tlsListen->setText(settings.tlsListen);
}

void TlsSettingsPage::store(AppSettings *settings) const
{
    settings->tlsCertFile = m_cert->text().trimmed();
    settings->tlsKeyFile = m_key->text().trimmed();
    settings->tlsPassphrase = m_passphrase->text().toUtf8();
    settings->requireTls = m_requireTls->isChecked();
    settings->tlsListen = m_tlsListen->text().trimmed();
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
    } else {
        // Two small files, read when the user edits them; the dialog is the place to fail.
        const TlsLoadResult result = TlsSettings::load(cert, key, m_passphrase->text().toUtf8());
        if (result) {
            m_info->setText(TlsSettings::describe(result.configuration->localCertificate()));
        } else {
            m_info->clear();
            ok = setFieldError(result.error.startsWith(cert) && cert != key ? m_certError
                                                                            : m_keyError,
                               result.error);
        }
    }
    const bool haveTls = !cert.isEmpty() && !key.isEmpty();
    QString listenError;
    if (!m_tlsListen->text().trimmed().isEmpty()) {
        listenError = ServerSettingsPage::checkAddress(m_tlsListen->text());
        if (listenError.isEmpty() && !haveTls)
            listenError = tr("Implicit TLS needs a certificate and key");
    }
    ok = setFieldError(m_tlsListenError, listenError) && ok;
    if (m_requireTls->isChecked() && !haveTls)
        ok = setFieldError(m_certError, tr("Requiring TLS needs a certificate and key")) && ok;
    return ok;
}

void TlsSettingsPage::browse(QLineEdit *edit, const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, edit->text().isEmpty() ? QDir::homePath() : edit->text(),
        tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

bool TlsSettingsPage::generateInto(const QString &directory, QString *error)
{
    const QString host = m_hostName ? m_hostName() : QStringLiteral("localhost");
    const auto generated = SelfSignedCertificate::generate(host, kGeneratedDays, error);
    if (!generated)
        return false;
    if (!QDir().mkpath(directory)) {
        *error = tr("%1: cannot create the folder").arg(directory);
        return false;
    }
    const QDir dir(directory);
    const QString cert = dir.filePath(QStringLiteral("letterbox-cert.pem"));
    const QString key = dir.filePath(QStringLiteral("letterbox-key.pem"));
    if (!generated->writeTo(cert, key, error))
        return false;
    m_cert->setText(cert);
    m_key->setText(key);
    m_passphrase->clear();
    validate();
    return true;
}

void TlsSettingsPage::generate()
{
    const QString directory =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("tls"));
    QString error;
    if (!generateInto(directory, &error))
        QMessageBox::warning(this, tr("Cannot generate a certificate"), error);
}
