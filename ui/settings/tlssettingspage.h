// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

/// Certificate and key (with file pickers and a passphrase), STARTTLS, "require TLS", the
/// implicit-TLS listener, a button that generates a self-signed certificate for the host name,
/// and a line describing the loaded certificate. The files are loaded as they are chosen, so a
/// key that does not belong to the certificate is reported here, not at the first connection.
class TlsSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsSettingsPage)

public:
    explicit TlsSettingsPage(QWidget *parent = nullptr);
    ~TlsSettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    bool validate();
    /// Where the host name for "Generate" comes from (the server page).
    void setHostNameSource(std::function<QString()> source) { m_hostName = std::move(source); }
    /// Generates a certificate into `directory` and selects it. Returns false with a reason.
    bool generateInto(const QString &directory, QString *error);

    QLabel *certificateInfo() const { return m_info; }
    QLabel *keyError() const { return m_keyError; }
    QLineEdit *certificateEdit() const { return m_cert; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *tlsListenEdit() const { return m_tlsListen; }

signals:
    void changed();

private:
    void browse(QLineEdit *edit, const QString &title);
    void generate();

    QLineEdit *m_cert = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_passphrase = nullptr;
    QLabel *m_certError = nullptr;
    QLabel *m_keyError = nullptr;
    QLabel *m_info = nullptr;
    QCheckBox *m_requireTls = nullptr;
    QLineEdit *m_tlsListen = nullptr;
    QLabel *m_tlsListenError = nullptr;
    QPushButton *m_generate = nullptr;
    std::function<QString()> m_hostName;
};
