// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "tlssettings.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QList>
#include <QSslKey>
#include <QSslSocket>

#include "config/configsetting.h"
#include "tls/opensslhandles.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>

namespace {

// A PEM chain plus key is a few KiB; the cap stops a wrong path (a mailbox, /dev/zero) from
// being read into memory whole.
constexpr qint64 kMaxPemFileSize = 1024 * 1024;

QString openSslReason()
{
    const unsigned long code = ERR_peek_last_error();
    const char *reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
    return reason != nullptr ? QString::fromLatin1(reason)
                             : QStringLiteral("unknown OpenSSL error");
}

QString fileError(const QString &path, const QString &problem)
{
    return QDir::toNativeSeparators(path) + QStringLiteral(": ") + problem;
}

QString keyOf(ConfigSetting::Id id)
{
    return QString(ConfigSetting::of(id).key);
}

// `code` and `field` say which of the two files it is.
Result<QByteArray> readPemFile(const QString &path, ErrorCode code, const QString &field)
{
    QFile file(path);
    if (!file.exists())
        return Error(code, fileError(path, QStringLiteral("file not found")), field);
    if (!file.open(QIODevice::ReadOnly))
        return Error(code, fileError(path, QStringLiteral("cannot open: ") + file.errorString()),
                     field);
    QByteArray contents = file.read(kMaxPemFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return Error(code, fileError(path, QStringLiteral("cannot read: ") + file.errorString()),
                     field);
    if (contents.size() > kMaxPemFileSize)
        return Error(code, fileError(path, QStringLiteral("larger than 1 MiB, not a PEM file")),
                     field);
    return contents;
}

struct PassphraseRequest
{
    const QByteArray *passphrase = nullptr;
    bool asked = false;
};

// Always installed, even without a passphrase: OpenSSL's default callback would otherwise
// prompt on the terminal, which blocks a headless server and any GUI thread.
int passphraseCallback(char *buffer, int size, int, void *userData)
{
    auto *request = static_cast<PassphraseRequest *>(userData);
    request->asked = true;
    const QByteArray &passphrase = *request->passphrase;
    // OpenSSL takes 0 as an empty passphrase and tries it; -1 aborts the read instead.
    if (passphrase.isEmpty() || passphrase.size() > size)
        return -1;
    std::memcpy(buffer, passphrase.constData(), static_cast<size_t>(passphrase.size()));
    return static_cast<int>(passphrase.size());
}

QByteArray bioContents(BIO *bio)
{
    const size_t pending = BIO_ctrl_pending(bio);
    QByteArray contents(static_cast<qsizetype>(pending), Qt::Uninitialized);
    const int read = BIO_read(bio, contents.data(), static_cast<int>(pending));
    contents.resize(read > 0 ? read : 0);
    return contents;
}

QString utcDate(const QDateTime &time)
{
    return time.toUTC().date().toString(Qt::ISODate);
}

QString nameOf(const QStringList &commonNames, const QString &fallback)
{
    if (!commonNames.isEmpty())
        return QStringLiteral("CN=") + commonNames.join(QStringLiteral(", CN="));
    return fallback.isEmpty() ? QStringLiteral("(no name)") : fallback;
}

} // namespace

Result<QSslConfiguration> TlsSettings::load(const QString &certFile, const QString &keyFile,
                                            const QByteArray &passphrase)
{
    const ErrorQueueGuard errorQueueGuard;
    const QString certField = keyOf(ConfigSetting::Id::TlsCertificate);
    const QString keyField = keyOf(ConfigSetting::Id::TlsKey);
    const auto certificateError = [&certField](const QString &message) {
        return Error(ErrorCode::CertificateUnreadable, message, certField);
    };
    const auto keyError = [&keyField](const QString &message) {
        return Error(ErrorCode::KeyUnreadable, message, keyField);
    };

    // Without a backend QSslCertificate::fromData() finds nothing, which would be misreported
    // as "no certificate in file".
    if (!QSslSocket::supportsSsl()) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("TLS is not available: Qt found no TLS backend (OpenSSL %1)")
                         .arg(QSslSocket::sslLibraryBuildVersionString()),
                     certField);
    }

    const Result<QByteArray> certData =
        readPemFile(certFile, ErrorCode::CertificateUnreadable, certField);
    if (!certData)
        return certData.error();
    const Result<QByteArray> keyData = readPemFile(keyFile, ErrorCode::KeyUnreadable, keyField);
    if (!keyData)
        return keyData.error();

    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certData, QSsl::Pem);
    const qsizetype pemBlocks = certData->count("-----BEGIN CERTIFICATE-----");
    if (chain.isEmpty() && pemBlocks == 0)
        return certificateError(fileError(certFile, QStringLiteral("no PEM certificate found")));
    // Qt silently drops PEM blocks it cannot decode; counting the markers tells a corrupt
    // intermediate from a file that simply holds one certificate.
    if (chain.isEmpty() || chain.size() < pemBlocks
        || std::any_of(chain.cbegin(), chain.cend(), std::mem_fn(&QSslCertificate::isNull))) {
        return certificateError(fileError(
            certFile, pemBlocks <= 1 ? QStringLiteral("the PEM certificate is corrupt")
                                     : QStringLiteral("%1 of %2 PEM certificates are corrupt")
                                           .arg(pemBlocks - chain.size())
                                           .arg(pemBlocks)));
    }

    // Parse the leaf again with OpenSSL from Qt's DER, so the key is compared with exactly the
    // certificate Qt will send.
    const QByteArray leafDer = chain.first().toDer();
    const auto *leafDerBytes = reinterpret_cast<const unsigned char *>(leafDer.constData());
    const X509Ptr leaf(d2i_X509(nullptr, &leafDerBytes, static_cast<long>(leafDer.size())));
    if (!leaf) {
        return certificateError(
            fileError(certFile, QStringLiteral("certificate 1 is not valid: ") + openSslReason()));
    }

    PassphraseRequest request;
    request.passphrase = &passphrase;
    const BioPtr keyBio(BIO_new_mem_buf(keyData->constData(), static_cast<int>(keyData->size())));
    const EvpPkeyPtr key(
        keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, &passphraseCallback, &request)
               : nullptr);
    if (!key) {
        // The key file is fine; the passphrase is what to change.
        if (request.asked && passphrase.isEmpty()) {
            return keyError(fileError(keyFile, QStringLiteral("private key is encrypted and no "
                                                              "passphrase was given")))
                .about(keyOf(ConfigSetting::Id::TlsPassphrase));
        }
        if (request.asked) {
            return keyError(fileError(keyFile, QStringLiteral("cannot decrypt private key: "
                                                              "wrong passphrase")))
                .about(keyOf(ConfigSetting::Id::TlsPassphrase));
        }
        if (!keyData->contains("PRIVATE KEY-----"))
            return keyError(fileError(keyFile, QStringLiteral("no PEM private key found")));
        // OpenSSL 3's decoders report such keys as "unsupported", which misleads more than it
        // helps.
        return keyError(fileError(keyFile, QStringLiteral("private key is corrupt or in an "
                                                          "unknown format (expected PKCS#8 or "
                                                          "traditional PEM)")));
    }

    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    default: {
        const char *typeName = OBJ_nid2sn(EVP_PKEY_get_base_id(key.get()));
        return keyError(fileError(
            keyFile, QStringLiteral("unsupported key type %1 (use RSA or EC)")
                         .arg(QString::fromLatin1(typeName != nullptr ? typeName : "unknown"))));
    }
    }

    // EVP_PKEY_eq compares the public halves; 0 is "different", negative "different types".
    if (EVP_PKEY_eq(X509_get0_pubkey(leaf.get()), key.get()) != 1) {
        return Error(ErrorCode::KeyMismatch,
                     fileError(keyFile, QStringLiteral("private key does not match certificate ")
                                            + QDir::toNativeSeparators(certFile)),
                     keyField);
    }

    // The key is decrypted once, above, where a missing and a wrong passphrase can be told
    // apart; Qt gets it unencrypted so the passphrase need not outlive this call.
    const BioPtr plainBio(BIO_new(BIO_s_mem()));
    if (!plainBio
        || PEM_write_bio_PrivateKey(plainBio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                    nullptr)
               != 1) {
        return Error(
            ErrorCode::Internal,
            fileError(keyFile, QStringLiteral("cannot re-encode private key: ") + openSslReason()),
            keyField);
    }
    const QSslKey sslKey(bioContents(plainBio.get()), algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (sslKey.isNull()) {
        return keyError(
            fileError(keyFile, QStringLiteral("Qt's TLS backend rejected the private key")));
    }

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    // Mail clients do not present certificates; asking for one only breaks handshakes.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    // Qt's chain includes the leaf: setLocalCertificateChain() replaces localCertificate() with
    // its first element, and the rest are sent as intermediates.
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(sslKey);
    return configuration;
}

QString TlsSettings::describe(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return QStringLiteral("no certificate");

    const QString subject = nameOf(certificate.subjectInfo(QSslCertificate::CommonName),
                                   certificate.subjectDisplayName());
    const QString issuer = nameOf(certificate.issuerInfo(QSslCertificate::CommonName),
                                  certificate.issuerDisplayName());
    // Compared by name, not by QSslCertificate::isSelfSigned(): OpenSSL does not consider a
    // certificate without keyCertSign (like the generated ones) its own issuer.
    const QList<QByteArray> attributes = certificate.subjectInfoAttributes();
    const bool selfIssued =
        attributes == certificate.issuerInfoAttributes()
        && std::all_of(attributes.cbegin(), attributes.cend(), [&](const QByteArray &attribute) {
               return certificate.subjectInfo(attribute) == certificate.issuerInfo(attribute);
           });

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString validity;
    if (certificate.expiryDate() < now)
        validity = QStringLiteral("EXPIRED on ") + utcDate(certificate.expiryDate());
    else if (certificate.effectiveDate() > now)
        validity = QStringLiteral("NOT VALID before ") + utcDate(certificate.effectiveDate());
    else
        validity = QStringLiteral("valid until ") + utcDate(certificate.expiryDate());

    return subject + QStringLiteral(", issued by ") + issuer
           + (selfIssued ? QStringLiteral(" (self-signed)") : QString()) + QStringLiteral(", ")
           + validity;
}
