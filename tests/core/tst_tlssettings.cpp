// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "resulttext.h"
#include "tls/selfsignedcertificate.h"
#include "tls/tlssettings.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace {

struct BioFree
{
    void operator()(BIO *bio) const { BIO_free_all(bio); }
};
struct EvpPkeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct X509Free
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

constexpr char kPassphrase[] = "correct horse battery staple";

QByteArray bioContents(BIO *bio)
{
    const size_t pending = BIO_ctrl_pending(bio);
    QByteArray contents(static_cast<qsizetype>(pending), Qt::Uninitialized);
    const int read = BIO_read(bio, contents.data(), static_cast<int>(pending));
    contents.resize(read > 0 ? read : 0);
    return contents;
}

X509Ptr parseCertificate(const QByteArray &pem)
{
    const BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

EvpPkeyPtr parsePlainKey(const QByteArray &pem)
{
    const BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    return EvpPkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

enum class KeyFormat { Pkcs8, Traditional };

// The encrypted fixtures are made here rather than checked in, so they always match the
// generated certificate they belong to.
QByteArray keyPem(const QByteArray &plainPem, KeyFormat format, const QByteArray &passphrase)
{
    const EvpPkeyPtr key = parsePlainKey(plainPem);
    if (!key)
        return {};
    const BioPtr out(BIO_new(BIO_s_mem()));
    const EVP_CIPHER *cipher = passphrase.isEmpty() ? nullptr : EVP_aes_256_cbc();
    const auto *kstr = reinterpret_cast<const unsigned char *>(passphrase.constData());
    const int klen = static_cast<int>(passphrase.size());
    const int ok =
        format == KeyFormat::Pkcs8
            ? PEM_write_bio_PrivateKey(out.get(), key.get(), cipher, kstr, klen, nullptr, nullptr)
            : PEM_write_bio_PrivateKey_traditional(out.get(), key.get(), cipher, kstr, klen,
                                                   nullptr, nullptr);
    return ok == 1 ? bioContents(out.get()) : QByteArray();
}

// For what SelfSignedCertificate cannot make on purpose: RSA and Ed25519 keys, validity periods
// in the past or the future, and certificates issued by a CA (`issuer`, self-signed if null).
SelfSignedCertificate makeCertificate(EVP_PKEY *key, const char *commonName, long notBeforeSecs,
                                      long notAfterSecs,
                                      const SelfSignedCertificate *issuer = nullptr)
{
    const X509Ptr issuerCertificate = issuer ? parseCertificate(issuer->certificatePem) : nullptr;
    const EvpPkeyPtr issuerKey = issuer ? parsePlainKey(issuer->privateKeyPem) : nullptr;
    if (issuer && (!issuerCertificate || !issuerKey))
        return {};
    const X509Ptr certificate(X509_new());
    X509_set_version(certificate.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 4242);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), notBeforeSecs);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), notAfterSecs);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509_set_issuer_name(certificate.get(),
                         issuer ? X509_get_subject_name(issuerCertificate.get()) : name);
    X509_set_pubkey(certificate.get(), key);
    EVP_PKEY *signingKey = issuer ? issuerKey.get() : key;
    // Ed25519 signs without a separate digest.
    const EVP_MD *digest =
        EVP_PKEY_get_base_id(signingKey) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
    if (X509_sign(certificate.get(), signingKey, digest) <= 0)
        return {};
    const BioPtr certificateBio(BIO_new(BIO_s_mem()));
    const BioPtr keyBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certificateBio.get(), certificate.get());
    PEM_write_bio_PrivateKey(keyBio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return {bioContents(certificateBio.get()), bioContents(keyBio.get())};
}

QSslCertificate firstCertificate(const QByteArray &pem)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

// Stands in for SmtpServer's implicit-TLS path: the socket is made from the descriptor, gets
// the configuration under test, and starts the server side of the handshake.
class TlsLoopbackServer final : public QTcpServer
{
public:
    explicit TlsLoopbackServer(const QSslConfiguration &configuration)
        : m_configuration(configuration)
    {}
    QSslSocket *socket() const { return m_socket; }

protected:
    void incomingConnection(qintptr socketDescriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            delete socket;
            return;
        }
        socket->setSslConfiguration(m_configuration);
        socket->startServerEncryption();
        m_socket = socket;
    }

private:
    QSslConfiguration m_configuration;
    QPointer<QSslSocket> m_socket;
};

QString failureOf(const Result<QSslConfiguration> &result)
{
    return result ? QString() : result.error().message;
}

} // namespace

class TestTlsSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void generatedCertificateHasServerProfile();
    void generatedCertificateNames_data();
    void generatedCertificateNames();
    void generatedCertificatesDiffer();
    void generateRejectsBadInput_data();
    void generateRejectsBadInput();

    void writeToRestrictsKeyPermissions();
    void writeToCombinedFile();
    void writeToFailureNamesFile();

    void loadBuildsServerConfiguration();
    void loadSucceeds_data();
    void loadSucceeds();
    void loadFails_data();
    void loadFails();
    void loadSetsChain();
    void loadTakesFirstCertificateAsLeaf();
    void loadAcceptsExpiredCertificate();

    void describe_data();
    void describe();

    void handshakeOnLoopback_data();
    void handshakeOnLoopback();
    void strictClientVerifiesGeneratedCertificate_data();
    void strictClientVerifiesGeneratedCertificate();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool writeFixture(const QString &name, const QByteArray &contents);

    QTemporaryDir m_dir;
    SelfSignedCertificate m_a;
    SelfSignedCertificate m_b;
    SelfSignedCertificate m_rsa;
    SelfSignedCertificate m_ed25519;
    SelfSignedCertificate m_expired;
    SelfSignedCertificate m_future;
    SelfSignedCertificate m_issued;
};

bool TestTlsSettings::writeFixture(const QString &name, const QByteArray &contents)
{
    QFile file(path(name));
    return !contents.isEmpty() && file.open(QIODevice::WriteOnly)
           && file.write(contents) == contents.size();
}

void TestTlsSettings::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend (libqopensslbackend.so)");
    QVERIFY(m_dir.isValid());

    Result<SelfSignedCertificate> a =
        SelfSignedCertificate::generate(QStringLiteral("a.letterbox.test"), 30);
    QVERIFY2(a, qPrintable(errorText(a)));
    m_a = *a;
    Result<SelfSignedCertificate> b =
        SelfSignedCertificate::generate(QStringLiteral("b.letterbox.test"), 30);
    QVERIFY2(b, qPrintable(errorText(b)));
    m_b = *b;

    const EvpPkeyPtr rsaKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}));
    QVERIFY(rsaKey);
    m_rsa = makeCertificate(rsaKey.get(), "rsa.letterbox.test", -60, 86400);
    const EvpPkeyPtr edKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    QVERIFY(edKey);
    m_ed25519 = makeCertificate(edKey.get(), "ed25519.letterbox.test", -60, 86400);
    const EvpPkeyPtr ecKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    QVERIFY(ecKey);
    m_expired = makeCertificate(ecKey.get(), "expired.letterbox.test", -10 * 86400, -86400);
    m_future = makeCertificate(ecKey.get(), "future.letterbox.test", 10 * 86400, 20 * 86400);
    // A leaf issued by b, so the chain test has a real intermediate for clients to receive.
    m_issued = makeCertificate(ecKey.get(), "issued.letterbox.test", -60, 86400, &m_b);
    QVERIFY(!m_issued.certificatePem.isEmpty());

    QVERIFY(m_a.writeTo(path(QStringLiteral("a.crt")), path(QStringLiteral("a.key"))));
    QVERIFY(m_b.writeTo(path(QStringLiteral("b.crt")), path(QStringLiteral("b.key"))));
    QVERIFY(writeFixture(QStringLiteral("a-pkcs8-encrypted.key"),
                         keyPem(m_a.privateKeyPem, KeyFormat::Pkcs8, kPassphrase)));
    QVERIFY(writeFixture(QStringLiteral("a-traditional-encrypted.key"),
                         keyPem(m_a.privateKeyPem, KeyFormat::Traditional, kPassphrase)));
    QVERIFY(writeFixture(QStringLiteral("a-traditional.key"),
                         keyPem(m_a.privateKeyPem, KeyFormat::Traditional, {})));
    QVERIFY(writeFixture(QStringLiteral("rsa.crt"), m_rsa.certificatePem));
    QVERIFY(writeFixture(QStringLiteral("rsa.key"), m_rsa.privateKeyPem));
    QVERIFY(writeFixture(QStringLiteral("rsa-traditional-encrypted.key"),
                         keyPem(m_rsa.privateKeyPem, KeyFormat::Traditional, kPassphrase)));
    QVERIFY(writeFixture(QStringLiteral("ed25519.crt"), m_ed25519.certificatePem));
    QVERIFY(writeFixture(QStringLiteral("ed25519.key"), m_ed25519.privateKeyPem));
    QVERIFY(writeFixture(QStringLiteral("expired.crt"), m_expired.certificatePem));
    QVERIFY(writeFixture(QStringLiteral("expired.key"), m_expired.privateKeyPem));
    QVERIFY(writeFixture(QStringLiteral("combined.pem"), m_a.certificatePem + m_a.privateKeyPem));
    QVERIFY(writeFixture(QStringLiteral("chain.pem"), m_a.certificatePem + m_b.certificatePem));
    QVERIFY(writeFixture(QStringLiteral("issued-chain.pem"),
                         m_issued.certificatePem + m_b.certificatePem));
    QVERIFY(writeFixture(QStringLiteral("issued.key"), m_issued.privateKeyPem));
    QVERIFY(writeFixture(QStringLiteral("reversed-chain.pem"),
                         m_b.certificatePem + m_a.certificatePem));
    QVERIFY(writeFixture(QStringLiteral("garbage.pem"), "this is not a certificate\n"));
    QVERIFY(QFile(path(QStringLiteral("empty.pem"))).open(QIODevice::WriteOnly));
    QVERIFY(writeFixture(QStringLiteral("corrupt.crt"), "-----BEGIN CERTIFICATE-----\n"
                                                        "MIIBbroken!!\n"
                                                        "-----END CERTIFICATE-----\n"));
    QVERIFY(writeFixture(QStringLiteral("half-corrupt-chain.pem"),
                         m_a.certificatePem
                             + "-----BEGIN CERTIFICATE-----\n"
                               "MIIBbroken!!\n"
                               "-----END CERTIFICATE-----\n"));
    QVERIFY(writeFixture(QStringLiteral("corrupt.key"), "-----BEGIN PRIVATE KEY-----\n"
                                                        "MIIBbroken\n"
                                                        "-----END PRIVATE KEY-----\n"));
    QVERIFY(writeFixture(QStringLiteral("openssh.key"),
                         "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                         "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                         "-----END OPENSSH PRIVATE KEY-----\n"));
    QVERIFY(writeFixture(QStringLiteral("huge.pem"),
                         m_a.certificatePem + QByteArray(2 * 1024 * 1024, '#')));
}

// @short The generated certificate is what RFC 5280 and the CA/B profile expect of a TLS server
// leaf: v3, SHA-256 signature, P-256 key, not a CA, digitalSignature + serverAuth only.
void TestTlsSettings::generatedCertificateHasServerProfile()
{
    const X509Ptr certificate = parseCertificate(m_a.certificatePem);
    QVERIFY(certificate);
    QCOMPARE(X509_get_version(certificate.get()), X509_VERSION_3);
    QCOMPARE(X509_get_signature_nid(certificate.get()), NID_ecdsa_with_SHA256);
    QCOMPARE(X509_check_ca(certificate.get()), 0);
    QVERIFY(X509_get_extension_flags(certificate.get()) & EXFLAG_BCONS);
    QCOMPARE(X509_get_key_usage(certificate.get()), quint32(KU_DIGITAL_SIGNATURE));
    QCOMPARE(X509_get_extended_key_usage(certificate.get()), quint32(XKU_SSL_SERVER));
    QVERIFY(X509_check_purpose(certificate.get(), X509_PURPOSE_SSL_SERVER, 0) == 1);
    QVERIFY(X509_get0_subject_key_id(certificate.get()) != nullptr);

    const EvpPkeyPtr key = parsePlainKey(m_a.privateKeyPem);
    QVERIFY(key);
    QCOMPARE(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
    QCOMPARE(EVP_PKEY_get_bits(key.get()), 256);
    QCOMPARE(X509_check_private_key(certificate.get(), key.get()), 1);
    QVERIFY(m_a.privateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"));

    const QSslCertificate qtCertificate = firstCertificate(m_a.certificatePem);
    QCOMPARE(qtCertificate.subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("a.letterbox.test")});
    QCOMPARE(qtCertificate.subjectInfo(QSslCertificate::Organization),
             QStringList{QStringLiteral("Letterbox")});
    QCOMPARE(qtCertificate.issuerInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("a.letterbox.test")});
    QCOMPARE(qtCertificate.issuerInfo(QSslCertificate::Organization),
             QStringList{QStringLiteral("Letterbox")});
    // "xx:xx:…" for 16 octets: a 128-bit serial with no sign-padding byte.
    QCOMPARE(qtCertificate.serialNumber().split(':').size(), 16);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(qtCertificate.effectiveDate().secsTo(now.addSecs(-3600))) < 60);
    QCOMPARE(qtCertificate.effectiveDate().secsTo(qtCertificate.expiryDate()), 30 * 86400);
}

void TestTlsSettings::generatedCertificateNames_data()
{
    QTest::addColumn<QString>("hostName");
    QTest::addColumn<QStringList>("matchingHosts");
    QTest::addColumn<QStringList>("matchingAddresses");
    QTest::addColumn<QStringList>("otherNames");
    QTest::addColumn<int>("sanEntries");

    const QStringList loopbackAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    QTest::addRow("dns-name") << QStringLiteral("mail.letterbox.test")
                              << QStringList{QStringLiteral("mail.letterbox.test"),
                                             QStringLiteral("localhost")}
                              << loopbackAddresses << QStringList{QStringLiteral("other.test")}
                              << 4;
    QTest::addRow("localhost-not-duplicated")
        << QStringLiteral("localhost") << QStringList{QStringLiteral("localhost")}
        << loopbackAddresses << QStringList{QStringLiteral("mail.letterbox.test")} << 3;
    QTest::addRow("ipv4-address-becomes-ip-entry")
        << QStringLiteral("192.0.2.7") << QStringList{QStringLiteral("localhost")}
        << QStringList{QStringLiteral("192.0.2.7"), QStringLiteral("127.0.0.1"),
                       QStringLiteral("::1")}
        << QStringList{QStringLiteral("192.0.2.8")} << 4;
    QTest::addRow("ipv6-address-becomes-ip-entry")
        << QStringLiteral("2001:db8::25") << QStringList{QStringLiteral("localhost")}
        << QStringList{QStringLiteral("2001:db8::25"), QStringLiteral("::1")}
        << QStringList{QStringLiteral("2001:db8::26")} << 4;
    QTest::addRow("idn-as-punycode")
        << QStringLiteral("bücher.test") << QStringList{QStringLiteral("xn--bcher-kva.test")}
        << loopbackAddresses << QStringList{QStringLiteral("buecher.test")} << 4;
    QTest::addRow("surrounding-space-trimmed") << QStringLiteral("  mx.letterbox.test \n")
                                               << QStringList{QStringLiteral("mx.letterbox.test")}
                                               << loopbackAddresses << QStringList{} << 4;
}

// @short The SAN lists the host (DNS or IP as appropriate) and the loopback names, each once;
// OpenSSL's own matcher is the judge.
void TestTlsSettings::generatedCertificateNames()
{
    QFETCH(QString, hostName);
    QFETCH(QStringList, matchingHosts);
    QFETCH(QStringList, matchingAddresses);
    QFETCH(QStringList, otherNames);
    QFETCH(int, sanEntries);

    const Result<SelfSignedCertificate> generated = SelfSignedCertificate::generate(hostName, 1);
    QVERIFY2(generated, qPrintable(errorText(generated)));
    const X509Ptr certificate = parseCertificate(generated->certificatePem);
    QVERIFY(certificate);

    for (const QString &host : matchingHosts) {
        const QByteArray name = host.toUtf8();
        QVERIFY2(X509_check_host(certificate.get(), name.constData(), name.size(), 0, nullptr) == 1,
                 qPrintable(host));
    }
    for (const QString &address : matchingAddresses) {
        const QByteArray text = address.toLatin1();
        QVERIFY2(X509_check_ip_asc(certificate.get(), text.constData(), 0) == 1,
                 qPrintable(address));
    }
    for (const QString &other : otherNames) {
        const QByteArray text = other.toUtf8();
        QVERIFY2(X509_check_host(certificate.get(), text.constData(), text.size(), 0, nullptr) != 1
                     && X509_check_ip_asc(certificate.get(), text.constData(), 0) != 1,
                 qPrintable(other));
    }
    const QSslCertificate qtCertificate = firstCertificate(generated->certificatePem);
    QCOMPARE(qtCertificate.subjectAlternativeNames().size(), sanEntries);
    QCOMPARE(qtCertificate.subjectInfo(QSslCertificate::CommonName),
             QStringList{hostName.trimmed()});
}

void TestTlsSettings::generatedCertificatesDiffer()
{
    QCOMPARE_NE(m_a.privateKeyPem, m_b.privateKeyPem);
    const Result<SelfSignedCertificate> again =
        SelfSignedCertificate::generate(QStringLiteral("a.letterbox.test"), 30);
    QVERIFY2(again, qPrintable(errorText(again)));
    QCOMPARE_NE(firstCertificate(again->certificatePem).serialNumber(),
                firstCertificate(m_a.certificatePem).serialNumber());
    QCOMPARE_NE(again->privateKeyPem, m_a.privateKeyPem);
}

void TestTlsSettings::generateRejectsBadInput_data()
{
    QTest::addColumn<QString>("hostName");
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("problem");

    QTest::addRow("empty-host") << QString() << 30 << QStringLiteral("host name is empty");
    QTest::addRow("blank-host") << QStringLiteral("  ") << 30
                                << QStringLiteral("host name is empty");
    QTest::addRow("comma-would-inject-san")
        << QStringLiteral("a.test,IP:10.0.0.1") << 30 << QStringLiteral("not a valid host name");
    QTest::addRow("space-in-host")
        << QStringLiteral("mail server") << 30 << QStringLiteral("not a valid host name");
    QTest::addRow("65-character-host")
        << QString(65, QLatin1Char('a')) << 30 << QStringLiteral("at most 64 characters");
    QTest::addRow("zero-days") << QStringLiteral("a.test") << 0 << QStringLiteral("1 to 36500");
    QTest::addRow("negative-days")
        << QStringLiteral("a.test") << -5 << QStringLiteral("1 to 36500");
    QTest::addRow("too-many-days")
        << QStringLiteral("a.test") << SelfSignedCertificate::kMaxDays + 1
        << QStringLiteral("1 to 36500");
}

void TestTlsSettings::generateRejectsBadInput()
{
    QFETCH(QString, hostName);
    QFETCH(int, days);
    QFETCH(QString, problem);

    const Result<SelfSignedCertificate> refused = SelfSignedCertificate::generate(hostName, days);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, days < 1 || days > SelfSignedCertificate::kMaxDays
                                       ? ErrorCode::OutOfRange
                                       : ErrorCode::InvalidValue);
    QVERIFY2(refused.error().message.contains(problem), qPrintable(refused.error().message));
}

// @short The key file is 0600 even when it already existed world-readable; the certificate
// stays readable.
void TestTlsSettings::writeToRestrictsKeyPermissions()
{
    const QString certFile = path(QStringLiteral("perm.crt"));
    const QString keyFile = path(QStringLiteral("perm.key"));
    QVERIFY(writeFixture(QStringLiteral("perm.key"), "old key\n"));
    QVERIFY(QFile::setPermissions(keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                               | QFileDevice::ReadGroup | QFileDevice::ReadOther));

    const Result<void> written = m_a.writeTo(certFile, keyFile);
    QVERIFY2(written, qPrintable(errorText(written)));

    const QFileDevice::Permissions othersAndGroup =
        QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileDevice::Permissions keyPermissions = QFileInfo(keyFile).permissions();
    QVERIFY(keyPermissions & QFileDevice::ReadOwner);
    QVERIFY(keyPermissions & QFileDevice::WriteOwner);
    QCOMPARE(keyPermissions & (othersAndGroup | QFileDevice::ExeOwner), QFileDevice::Permissions());
    QVERIFY(QFileInfo(certFile).permissions() & QFileDevice::ReadOwner);

    QFile key(keyFile);
    QVERIFY(key.open(QIODevice::ReadOnly));
    QCOMPARE(key.readAll(), m_a.privateKeyPem);
    QFile cert(certFile);
    QVERIFY(cert.open(QIODevice::ReadOnly));
    QCOMPARE(cert.readAll(), m_a.certificatePem);
}

void TestTlsSettings::writeToCombinedFile()
{
    const QString file = path(QStringLiteral("written-combined.pem"));
    const Result<void> written = m_a.writeTo(file, file);
    QVERIFY2(written, qPrintable(errorText(written)));
    QCOMPARE(QFileInfo(file).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    const Result<QSslConfiguration> result = TlsSettings::load(file, file);
    QVERIFY2(result, qPrintable(failureOf(result)));
    QCOMPARE(result->localCertificate(), firstCertificate(m_a.certificatePem));
}

void TestTlsSettings::writeToFailureNamesFile()
{
    const QString certFile = path(QStringLiteral("no-such-dir/x.crt"));
    const QString keyFile = path(QStringLiteral("no-such-dir/x.key"));
    const Result<void> written = m_a.writeTo(certFile, keyFile);
    QVERIFY(!written);
    QCOMPARE(written.error().code, ErrorCode::FileUnwritable);
    QCOMPARE(written.error().field, certFile);
    QVERIFY2(written.error().message.startsWith(certFile + QStringLiteral(": ")),
             qPrintable(written.error().message));
}

// @short A generated pair loads into a server configuration: no peer verification, TLS 1.2+,
// the leaf and the EC key set.
void TestTlsSettings::loadBuildsServerConfiguration()
{
    const Result<QSslConfiguration> result =
        TlsSettings::load(path(QStringLiteral("a.crt")), path(QStringLiteral("a.key")));
    QVERIFY2(result, qPrintable(failureOf(result)));
    const QSslConfiguration &configuration = *result;
    QCOMPARE(configuration.peerVerifyMode(), QSslSocket::VerifyNone);
    QCOMPARE(configuration.protocol(), QSsl::TlsV1_2OrLater);
    QCOMPARE(configuration.localCertificate(), firstCertificate(m_a.certificatePem));
    QCOMPARE(configuration.localCertificateChain().size(), 1);
    QVERIFY(!configuration.privateKey().isNull());
    QCOMPARE(configuration.privateKey().algorithm(), QSsl::Ec);
    QCOMPARE(configuration.privateKey().type(), QSsl::PrivateKey);
    QCOMPARE(configuration.privateKey().length(), 256);
}

void TestTlsSettings::loadSucceeds_data()
{
    QTest::addColumn<QString>("certFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QByteArray>("expectedCertificate");
    QTest::addColumn<QSsl::KeyAlgorithm>("algorithm");

    const QByteArray passphrase(kPassphrase);
    QTest::addRow("ec-pkcs8") << path(QStringLiteral("a.crt")) << path(QStringLiteral("a.key"))
                              << QByteArray() << m_a.certificatePem << QSsl::Ec;
    QTest::addRow("ec-traditional")
        << path(QStringLiteral("a.crt")) << path(QStringLiteral("a-traditional.key"))
        << QByteArray() << m_a.certificatePem << QSsl::Ec;
    QTest::addRow("ec-pkcs8-encrypted-right-passphrase")
        << path(QStringLiteral("a.crt")) << path(QStringLiteral("a-pkcs8-encrypted.key"))
        << passphrase << m_a.certificatePem << QSsl::Ec;
    QTest::addRow("ec-traditional-encrypted-right-passphrase")
        << path(QStringLiteral("a.crt")) << path(QStringLiteral("a-traditional-encrypted.key"))
        << passphrase << m_a.certificatePem << QSsl::Ec;
    QTest::addRow("passphrase-ignored-for-plain-key")
        << path(QStringLiteral("a.crt")) << path(QStringLiteral("a.key")) << passphrase
        << m_a.certificatePem << QSsl::Ec;
    QTest::addRow("rsa-pkcs8") << path(QStringLiteral("rsa.crt")) << path(QStringLiteral("rsa.key"))
                               << QByteArray() << m_rsa.certificatePem << QSsl::Rsa;
    QTest::addRow("rsa-traditional-encrypted-right-passphrase")
        << path(QStringLiteral("rsa.crt")) << path(QStringLiteral("rsa-traditional-encrypted.key"))
        << passphrase << m_rsa.certificatePem << QSsl::Rsa;
    QTest::addRow("certificate-and-key-in-one-file")
        << path(QStringLiteral("combined.pem")) << path(QStringLiteral("combined.pem"))
        << QByteArray() << m_a.certificatePem << QSsl::Ec;
}

void TestTlsSettings::loadSucceeds()
{
    QFETCH(QString, certFile);
    QFETCH(QString, keyFile);
    QFETCH(QByteArray, passphrase);
    QFETCH(QByteArray, expectedCertificate);
    QFETCH(QSsl::KeyAlgorithm, algorithm);

    const Result<QSslConfiguration> result = TlsSettings::load(certFile, keyFile, passphrase);
    QVERIFY2(result, qPrintable(failureOf(result)));
    QCOMPARE(result->localCertificate(), firstCertificate(expectedCertificate));
    QVERIFY(!result->privateKey().isNull());
    QCOMPARE(result->privateKey().algorithm(), algorithm);
}

void TestTlsSettings::loadFails_data()
{
    QTest::addColumn<QString>("certFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QString>("expectedError");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field");

    const QString aCrt = path(QStringLiteral("a.crt"));
    const QString aKey = path(QStringLiteral("a.key"));
    const QByteArray passphrase(kPassphrase);
    auto at = [](const QString &file, const char *problem) -> QString {
        return file + QStringLiteral(": ") + QString::fromLatin1(problem);
    };

    const QString missingCrt = path(QStringLiteral("missing.crt"));
    QTest::addRow("missing-cert-file")
        << missingCrt << aKey << QByteArray() << at(missingCrt, "file not found")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString missingKey = path(QStringLiteral("missing.key"));
    QTest::addRow("missing-key-file")
        << aCrt << missingKey << QByteArray() << at(missingKey, "file not found")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.key");
    QTest::addRow("cert-file-is-directory")
        << m_dir.path() << aKey << QByteArray() << at(m_dir.path(), "cannot open: ")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString huge = path(QStringLiteral("huge.pem"));
    QTest::addRow("cert-file-too-large")
        << huge << aKey << QByteArray() << at(huge, "larger than 1 MiB, not a PEM file")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString garbage = path(QStringLiteral("garbage.pem"));
    QTest::addRow("cert-file-garbage")
        << garbage << aKey << QByteArray() << at(garbage, "no PEM certificate found")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString empty = path(QStringLiteral("empty.pem"));
    QTest::addRow("cert-file-empty")
        << empty << aKey << QByteArray() << at(empty, "no PEM certificate found")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString keyAsCert = path(QStringLiteral("a.key"));
    QTest::addRow("cert-file-holds-only-a-key")
        << keyAsCert << aKey << QByteArray() << at(keyAsCert, "no PEM certificate found")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString corruptCrt = path(QStringLiteral("corrupt.crt"));
    QTest::addRow("cert-file-corrupt-base64")
        << corruptCrt << aKey << QByteArray() << at(corruptCrt, "the PEM certificate is corrupt")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString halfCorrupt = path(QStringLiteral("half-corrupt-chain.pem"));
    QTest::addRow("chain-with-corrupt-second-certificate")
        << halfCorrupt << aKey << QByteArray()
        << at(halfCorrupt, "1 of 2 PEM certificates are corrupt")
        << ErrorCode::CertificateUnreadable << QStringLiteral("tls.certificate");
    const QString garbageKey = path(QStringLiteral("garbage.pem"));
    QTest::addRow("key-file-garbage")
        << aCrt << garbageKey << QByteArray() << at(garbageKey, "no PEM private key found")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.key");
    QTest::addRow("key-file-holds-only-a-certificate")
        << aCrt << aCrt << QByteArray() << at(aCrt, "no PEM private key found")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.key");
    const QString corruptKey = path(QStringLiteral("corrupt.key"));
    QTest::addRow("key-file-corrupt")
        << aCrt << corruptKey << QByteArray()
        << at(corruptKey, "private key is corrupt or in an unknown format")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.key");
    const QString opensshKey = path(QStringLiteral("openssh.key"));
    QTest::addRow("key-file-in-openssh-format")
        << aCrt << opensshKey << QByteArray()
        << at(opensshKey, "private key is corrupt or in an unknown format")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.key");
    const QString bKey = path(QStringLiteral("b.key"));
    QTest::addRow("key-of-another-certificate")
        << aCrt << bKey << QByteArray()
        << at(bKey, "private key does not match certificate ") + aCrt << ErrorCode::KeyMismatch
        << QStringLiteral("tls.key");
    QTest::addRow("rsa-key-for-ec-certificate")
        << aCrt << path(QStringLiteral("rsa.key")) << QByteArray()
        << at(path(QStringLiteral("rsa.key")), "private key does not match certificate ") + aCrt
        << ErrorCode::KeyMismatch << QStringLiteral("tls.key");
    const QString pkcs8Encrypted = path(QStringLiteral("a-pkcs8-encrypted.key"));
    const QString traditionalEncrypted = path(QStringLiteral("a-traditional-encrypted.key"));
    QTest::addRow("pkcs8-encrypted-wrong-passphrase")
        << aCrt << pkcs8Encrypted << QByteArray("wrong")
        << at(pkcs8Encrypted, "cannot decrypt private key: wrong passphrase")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.passphrase");
    QTest::addRow("pkcs8-encrypted-no-passphrase")
        << aCrt << pkcs8Encrypted << QByteArray()
        << at(pkcs8Encrypted, "private key is encrypted and no passphrase was given")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.passphrase");
    QTest::addRow("traditional-encrypted-wrong-passphrase")
        << aCrt << traditionalEncrypted << passphrase.left(7)
        << at(traditionalEncrypted, "cannot decrypt private key: wrong passphrase")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.passphrase");
    QTest::addRow("traditional-encrypted-no-passphrase")
        << aCrt << traditionalEncrypted << QByteArray()
        << at(traditionalEncrypted, "private key is encrypted and no passphrase was given")
        << ErrorCode::KeyUnreadable << QStringLiteral("tls.passphrase");
    const QString edKey = path(QStringLiteral("ed25519.key"));
    QTest::addRow("ed25519-key-unsupported")
        << path(QStringLiteral("ed25519.crt")) << edKey << QByteArray()
        << at(edKey, "unsupported key type ED25519 (use RSA or EC)") << ErrorCode::KeyUnreadable
        << QStringLiteral("tls.key");
}

// @short Every failure is one line that starts with the offending file, with a code and the
// setting at fault; nothing half-built comes back.
void TestTlsSettings::loadFails()
{
    QFETCH(QString, certFile);
    QFETCH(QString, keyFile);
    QFETCH(QByteArray, passphrase);
    QFETCH(QString, expectedError);
    QFETCH(ErrorCode, code);
    QFETCH(QString, field);

    const Result<QSslConfiguration> result = TlsSettings::load(certFile, keyFile, passphrase);
    QVERIFY(!result);
    const QString &message = result.error().message;
    QVERIFY2(message.startsWith(expectedError),
             qPrintable(message + QStringLiteral(" <> ") + expectedError));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    // The code and the field decide (which settings field shows it), never the text.
    QCOMPARE(result.error().code, code);
    QCOMPARE(result.error().field, field);
}

void TestTlsSettings::loadSetsChain()
{
    const Result<QSslConfiguration> result =
        TlsSettings::load(path(QStringLiteral("chain.pem")), path(QStringLiteral("a.key")));
    QVERIFY2(result, qPrintable(failureOf(result)));
    const QSslCertificate leaf = firstCertificate(m_a.certificatePem);
    const QSslCertificate intermediate = firstCertificate(m_b.certificatePem);
    QCOMPARE(result->localCertificate(), leaf);
    QCOMPARE(result->localCertificateChain(), (QList<QSslCertificate>{leaf, intermediate}));
}

// @short The key is checked against the first certificate only, so a chain in the wrong order
// is caught at load time rather than as a handshake failure.
void TestTlsSettings::loadTakesFirstCertificateAsLeaf()
{
    const QString certFile = path(QStringLiteral("reversed-chain.pem"));
    const QString keyFile = path(QStringLiteral("a.key"));
    const Result<QSslConfiguration> result = TlsSettings::load(certFile, keyFile);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::KeyMismatch);
    QCOMPARE(result.error().message,
             keyFile + QStringLiteral(": private key does not match certificate ") + certFile);
}

void TestTlsSettings::loadAcceptsExpiredCertificate()
{
    const Result<QSslConfiguration> result =
        TlsSettings::load(path(QStringLiteral("expired.crt")), path(QStringLiteral("expired.key")));
    QVERIFY2(result, qPrintable(failureOf(result)));
    QVERIFY(
        TlsSettings::describe(result->localCertificate()).contains(QStringLiteral("EXPIRED on ")));
}

void TestTlsSettings::describe_data()
{
    QTest::addColumn<QByteArray>("certificatePem");
    QTest::addColumn<QString>("expected");

    // The dates come from the certificates themselves, so the rows do not race midnight UTC;
    // the validity arithmetic is checked in generatedCertificateHasServerProfile().
    auto day = [](const QDateTime &time) {
        return time.toUTC().date().toString(Qt::ISODate);
    };
    QTest::addRow("generated")
        << m_a.certificatePem
        << QStringLiteral("CN=a.letterbox.test, issued by CN=a.letterbox.test (self-signed), "
                          "valid until ")
               + day(firstCertificate(m_a.certificatePem).expiryDate());
    QTest::addRow("expired") << m_expired.certificatePem
                             << QStringLiteral("CN=expired.letterbox.test, issued by "
                                               "CN=expired.letterbox.test (self-signed), "
                                               "EXPIRED on ")
                                    + day(firstCertificate(m_expired.certificatePem).expiryDate());
    QTest::addRow("not-yet-valid")
        << m_future.certificatePem
        << QStringLiteral("CN=future.letterbox.test, issued by CN=future.letterbox.test "
                          "(self-signed), NOT VALID before ")
               + day(firstCertificate(m_future.certificatePem).effectiveDate());
    QTest::addRow("issued-by-ca")
        << m_issued.certificatePem
        << QStringLiteral("CN=issued.letterbox.test, issued by CN=b.letterbox.test, valid until ")
               + day(firstCertificate(m_issued.certificatePem).expiryDate());
    QTest::addRow("null") << QByteArray() << QStringLiteral("no certificate");
}

void TestTlsSettings::describe()
{
    QFETCH(QByteArray, certificatePem);
    QFETCH(QString, expected);
    QCOMPARE(TlsSettings::describe(firstCertificate(certificatePem)), expected);
}

void TestTlsSettings::handshakeOnLoopback_data()
{
    QTest::addColumn<QString>("certFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QList<QSslCertificate>>("expectedChain");

    const QSslCertificate a = firstCertificate(m_a.certificatePem);
    QTest::addRow("ec-generated") << path(QStringLiteral("a.crt")) << path(QStringLiteral("a.key"))
                                  << QByteArray() << QList<QSslCertificate>{a};
    QTest::addRow("ec-encrypted-key")
        << path(QStringLiteral("a.crt")) << path(QStringLiteral("a-pkcs8-encrypted.key"))
        << QByteArray(kPassphrase) << QList<QSslCertificate>{a};
    QTest::addRow("rsa") << path(QStringLiteral("rsa.crt"))
                         << path(QStringLiteral("rsa-traditional-encrypted.key"))
                         << QByteArray(kPassphrase)
                         << QList<QSslCertificate>{firstCertificate(m_rsa.certificatePem)};
    QTest::addRow("leaf-with-intermediate")
        << path(QStringLiteral("issued-chain.pem")) << path(QStringLiteral("issued.key"))
        << QByteArray()
        << QList<QSslCertificate>{firstCertificate(m_issued.certificatePem),
                                  firstCertificate(m_b.certificatePem)};
}

// @short The loaded configuration really serves TLS: implicit-TLS handshake on 127.0.0.1, the
// client receives our certificate and intermediates, and bytes cross the encrypted channel.
void TestTlsSettings::handshakeOnLoopback()
{
    QFETCH(QString, certFile);
    QFETCH(QString, keyFile);
    QFETCH(QByteArray, passphrase);
    QFETCH(QList<QSslCertificate>, expectedChain);

    const Result<QSslConfiguration> result = TlsSettings::load(certFile, keyFile, passphrase);
    QVERIFY2(result, qPrintable(failureOf(result)));

    TlsLoopbackServer server(*result);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    QSslSocket client;
    client.setPeerVerifyMode(QSslSocket::VerifyNone);
    QSignalSpy encrypted(&client, &QSslSocket::encrypted);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort());

    QTRY_VERIFY2(client.isEncrypted(), qPrintable(client.errorString()));
    QCOMPARE(encrypted.size(), 1);
    QTRY_VERIFY(server.socket() && server.socket()->isEncrypted());
    QCOMPARE(client.peerCertificate(), expectedChain.first());
    QCOMPARE(client.peerCertificateChain(), expectedChain);
    QVERIFY(client.sessionProtocol() == QSsl::TlsV1_2 || client.sessionProtocol() == QSsl::TlsV1_3);

    client.write("EHLO tls.test\r\n");
    QTRY_COMPARE(server.socket()->bytesAvailable(), qint64(15));
    QCOMPARE(server.socket()->readAll(), QByteArray("EHLO tls.test\r\n"));
}

void TestTlsSettings::strictClientVerifiesGeneratedCertificate_data()
{
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("host-name") << QStringLiteral("a.letterbox.test") << true;
    QTest::addRow("localhost") << QStringLiteral("localhost") << true;
    QTest::addRow("loopback-ipv4") << QStringLiteral("127.0.0.1") << true;
    QTest::addRow("other-name") << QStringLiteral("b.letterbox.test") << false;
}

// @short A client that pins the generated certificate as its only CA (swaks --tls-ca-path,
// curl --cacert) accepts it for every name in the SAN, and only those.
void TestTlsSettings::strictClientVerifiesGeneratedCertificate()
{
    QFETCH(QString, peerName);
    QFETCH(bool, accepted);

    const Result<QSslConfiguration> result =
        TlsSettings::load(path(QStringLiteral("a.crt")), path(QStringLiteral("a.key")));
    QVERIFY2(result, qPrintable(failureOf(result)));
    TlsLoopbackServer server(*result);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    QSslSocket client;
    QSslConfiguration clientConfiguration = QSslConfiguration::defaultConfiguration();
    clientConfiguration.setCaCertificates({firstCertificate(m_a.certificatePem)});
    clientConfiguration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    client.setSslConfiguration(clientConfiguration);
    QList<QSslError::SslError> errors;
    connect(&client, &QSslSocket::sslErrors, this, [&errors](const QList<QSslError> &list) {
        for (const QSslError &error : list)
            errors.append(error.error());
    });
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(), peerName);

    if (accepted) {
        QTRY_VERIFY2(client.isEncrypted(), qPrintable(client.errorString()));
        QVERIFY(errors.isEmpty());
    } else {
        QTRY_VERIFY(!errors.isEmpty());
        QCOMPARE(errors, QList<QSslError::SslError>{QSslError::HostNameMismatch});
        QVERIFY(!client.isEncrypted());
    }
}

QTEST_GUILESS_MAIN(TestTlsSettings)
#include "tst_tlssettings.moc"
