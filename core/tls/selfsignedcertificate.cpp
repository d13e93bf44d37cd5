// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "selfsignedcertificate.h"

#include <QDir>
#include <QHostAddress>
#include <QSaveFile>
#include <QStringList>
#include <QUrl>

#include "tls/opensslhandles.h"
#include <openssl/bn.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace {

// RFC 5280 section 4.1.2.5 limits a certificate CN to 64 characters (ub-common-name).
constexpr qsizetype kMaxCommonNameLength = 64;
constexpr int kSerialBytes = 16;
constexpr long kBackdateSeconds = 3600;

QString openSslReason()
{
    const unsigned long code = ERR_peek_last_error();
    const char *reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
    return reason != nullptr ? QString::fromLatin1(reason)
                             : QStringLiteral("unknown OpenSSL error");
}

QByteArray bioContents(BIO *bio)
{
    const size_t pending = BIO_ctrl_pending(bio);
    QByteArray contents(static_cast<qsizetype>(pending), Qt::Uninitialized);
    const int read = BIO_read(bio, contents.data(), static_cast<int>(pending));
    contents.resize(read > 0 ? read : 0);
    return contents;
}

// The SAN entry is spliced into an OpenSSL configuration string, where ',' separates entries.
// Allowing only host name characters keeps a host name like "a,IP:10.0.0.1" from adding names.
bool isPlainHostName(const QByteArray &ace)
{
    if (ace.isEmpty())
        return false;
    for (const char c : ace) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '*';
        if (!ok)
            return false;
    }
    return true;
}

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    const X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

Result<void> writeFile(const QString &path, const QByteArray &contents, bool secret)
{
    auto fail = [&](const QString &problem) {
        return Error(ErrorCode::FileUnwritable,
                     QDir::toNativeSeparators(path) + QStringLiteral(": ") + problem, path);
    };
    // QSaveFile writes to a temporary file and renames it on commit(), so a crash or a full disk
    // never leaves a half-written PEM that the next start would reject.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    // Narrow the permissions of the (still empty) temporary file before the key goes in; an
    // existing key file's wider permissions must not be inherited either.
    if (secret && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(QStringLiteral("cannot restrict permissions: ") + file.errorString());
    if (file.write(contents) != contents.size())
        return fail(file.errorString());
    if (!file.commit())
        return fail(file.errorString());
    return {};
}

} // namespace

Result<SelfSignedCertificate> SelfSignedCertificate::generate(const QString &hostName, int days)
{
    const ErrorQueueGuard errorQueueGuard;
    auto fail = [](const QString &message, ErrorCode code = ErrorCode::Internal) {
        return Error(code, message);
    };

    const QString host = hostName.trimmed();
    if (host.isEmpty())
        return fail(QStringLiteral("cannot generate a certificate: the host name is empty"),
                    ErrorCode::InvalidValue);
    if (days < 1 || days > kMaxDays) {
        return fail(QStringLiteral("cannot generate a certificate: validity must be 1 to %1 "
                                   "days, not %2")
                        .arg(kMaxDays)
                        .arg(days),
                    ErrorCode::OutOfRange);
    }
    if (host.size() > kMaxCommonNameLength) {
        return fail(QStringLiteral("cannot generate a certificate for \"%1\": a certificate "
                                   "name has at most %2 characters")
                        .arg(host)
                        .arg(kMaxCommonNameLength),
                    ErrorCode::InvalidValue);
    }

    QString primaryName;
    QHostAddress address;
    if (address.setAddress(host)) {
        address.setScopeId({});
        primaryName = QStringLiteral("IP:") + address.toString();
    } else {
        const QByteArray ace = QUrl::toAce(host);
        if (!isPlainHostName(ace)) {
            return fail(QStringLiteral("cannot generate a certificate for \"%1\": not a valid "
                                       "host name or address")
                            .arg(host),
                        ErrorCode::InvalidValue);
        }
        primaryName = QStringLiteral("DNS:") + QString::fromLatin1(ace);
    }
    QStringList altNames = {primaryName, QStringLiteral("DNS:localhost"),
                            QStringLiteral("IP:127.0.0.1"), QStringLiteral("IP:::1")};
    altNames.removeDuplicates();
    const QByteArray altNamesConf = altNames.join(QLatin1Char(',')).toLatin1();

    auto failOpenSsl = [&fail](const char *step) {
        return fail(QStringLiteral("cannot generate a certificate: ") + QString::fromLatin1(step)
                    + QStringLiteral(" failed: ") + openSslReason());
    };

    // P-256 rather than RSA: generation is instant and every TLS 1.2+ client supports it.
    const EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return failOpenSsl("EC key generation");

    const X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        return failOpenSsl("X509_new");

    // A random serial keeps clients that cache certificates by issuer + serial (Firefox, NSS)
    // from confusing two generated certificates. The top bit is cleared so the DER INTEGER is
    // positive without a padding byte, and the next one set so it never shrinks below 16 octets.
    unsigned char serialBytes[kSerialBytes];
    if (RAND_bytes(serialBytes, kSerialBytes) != 1)
        return failOpenSsl("RAND_bytes");
    serialBytes[0] = static_cast<unsigned char>((serialBytes[0] & 0x7f) | 0x40);
    const BignumPtr serial(BN_bin2bn(serialBytes, kSerialBytes, nullptr));
    if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return failOpenSsl("setting the serial number");

    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -kBackdateSeconds)
        || !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), days, -kBackdateSeconds,
                             nullptr)) {
        return failOpenSsl("setting the validity");
    }

    const QByteArray commonName = host.toUtf8();
    X509_NAME *name = X509_get_subject_name(certificate.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(commonName.constData()),
                                   static_cast<int>(commonName.size()), -1, 0)
            != 1
        || X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                      reinterpret_cast<const unsigned char *>("Letterbox"), -1, -1,
                                      0)
               != 1
        || X509_set_issuer_name(certificate.get(), name) != 1) {
        return failOpenSsl("setting the subject");
    }
    if (X509_set_pubkey(certificate.get(), key.get()) != 1)
        return failOpenSsl("setting the public key");

    X509V3_CTX context{};
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    // The subject key identifier must exist before "keyid:always" can copy it into the
    // authority key identifier. Modern clients ignore the CN and match only the SAN (RFC 6125).
    if (!addExtension(certificate.get(), &context, NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate.get(), &context, NID_key_usage, "critical,digitalSignature")
        || !addExtension(certificate.get(), &context, NID_ext_key_usage, "serverAuth")
        || !addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash")
        || !addExtension(certificate.get(), &context, NID_authority_key_identifier, "keyid:always")
        || !addExtension(certificate.get(), &context, NID_subject_alt_name,
                         altNamesConf.constData())) {
        return failOpenSsl("adding the X.509v3 extensions");
    }

    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0)
        return failOpenSsl("signing");

    const BioPtr certificateBio(BIO_new(BIO_s_mem()));
    const BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certificateBio || !keyBio
        || PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
               != 1) {
        return failOpenSsl("PEM encoding");
    }

    SelfSignedCertificate result;
    result.certificatePem = bioContents(certificateBio.get());
    result.privateKeyPem = bioContents(keyBio.get());
    return result;
}

Result<void> SelfSignedCertificate::writeTo(const QString &certFile, const QString &keyFile) const
{
    if (QDir::cleanPath(certFile) == QDir::cleanPath(keyFile))
        return writeFile(keyFile, certificatePem + privateKeyPem, true);
    if (Result<void> written = writeFile(certFile, certificatePem, false); !written)
        return written;
    return writeFile(keyFile, privateKeyPem, true);
}
