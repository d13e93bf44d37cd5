// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"
#include "settings/fielderror.h"
#include "settings/listenfieldcheck.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

/// Certificate and key (with file pickers and a passphrase), STARTTLS, "require TLS", the
/// implicit-TLS listener, a button that generates a self-signed certificate for the host name,
/// and a line describing the loaded certificate. The files are loaded as they are chosen, so a
/// key that does not belong to the certificate is reported here, not at the first connection.
/// Loading and generating run in a worker thread (a certificate may sit on a slow or network
/// disk, and key generation takes a moment); until a check has finished, validate() says no and
/// the certificate line says "Checking…".
class TlsSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsSettingsPage)

public:
    explicit TlsSettingsPage(QWidget *parent = nullptr);
    ~TlsSettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    /// Whether the fields are valid as far as known: false while the files are being checked.
    bool validate();
    /// Where the ports the running server holds come from: they are not reported as in use.
    void setOwnPorts(ListenFieldCheck::PortSource source);
    /// Checks whether the implicit-TLS address can be bound, now.
    void checkPorts();
    /// Shows a failure of applying next to its field and focuses it; false when the error is
    /// about no field of this page.
    bool showApplyError(const Error &error);
    /// True while the certificate files are being loaded or a certificate is being generated.
    bool isBusy() const;
    /// Where the host name for "Generate" comes from (the server page).
    void setHostNameSource(std::function<QString()> source) { m_hostName = std::move(source); }
    /// Generates a certificate into `directory` in a worker thread and selects it;
    /// generationFinished follows.
    void generateInto(const QString &directory);

signals:
    /// A field changed, or a check of the files finished: validate() may say something new.
    void changed();
    /// generateInto() finished: `error` is empty on success.
    void generationFinished(const QString &error);

private:
    /// What a check of the files found, for the inputs it was made for.
    struct FileCheck
    {
        QString cert;
        QString key;
        QByteArray passphrase;
        QString description;             ///< TlsSettings::describe() of the certificate, on success
        QString error;                   ///< TlsSettings::load()'s reason, on failure
        bool certificateAtFault = false; ///< the error is about the certificate file
    };

    void browse(QLineEdit *edit, const QString &title);
    void generate();
    void startFileCheck();
    void fileCheckFinished();
    void generationDone();
    bool checkIsCurrent() const;

    QLineEdit *m_cert = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_passphrase = nullptr;
    QLabel *m_certError = nullptr;
    QLabel *m_keyError = nullptr;
    QLabel *m_info = nullptr;
    QCheckBox *m_requireTls = nullptr;
    QLineEdit *m_tlsListen = nullptr;
    QSpinBox *m_handshakeTimeout = nullptr;
    QLabel *m_tlsListenError = nullptr;
    ListenFieldCheck *m_tlsListenCheck = nullptr;
    AppliedError m_certApplied;
    AppliedError m_keyApplied;
    AppliedError m_tlsListenApplied;
    QPushButton *m_generate = nullptr;
    std::function<QString()> m_hostName;

    QTimer m_checkDelay; ///< typing a path should not load every prefix of it
    QFutureWatcher<FileCheck> m_checkWatcher;
    FileCheck m_check; ///< the last finished check
    bool m_checkPending = false;
    QFutureWatcher<QString> m_generateWatcher;
    QString m_generateDirectory;
    bool m_generateAsked = false; ///< the button, not a test: a failure gets a dialog
};
