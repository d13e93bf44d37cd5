// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messagechecker.h"

#include "charsetdecoder.h"
#include "mimedocument.h"

#include <QDeadlineTimer>
#include <QSet>

#include <new>

QLatin1StringView toString(CheckFinding::Severity severity)
{
    switch (severity) {
    case CheckFinding::Severity::Info:
        return QLatin1StringView("info");
    case CheckFinding::Severity::Warning:
        return QLatin1StringView("warning");
    case CheckFinding::Severity::Error:
        return QLatin1StringView("error");
    }
    return QLatin1StringView("?");
}

namespace {

using Severity = CheckFinding::Severity;
using Findings = QList<CheckFinding>;

/// RFC 5322 2.1.1: "Each line of characters MUST be no more than 998 characters ... excluding
/// the CRLF".
constexpr qsizetype kMaxLineLength = 998;

/// Fields RFC 5322 3.6 allows at most once that developers get wrong most often.
constexpr const char *kSingleFields[] = {"Date", "From", "Subject", "Message-ID",
                                         "To",   "Cc",   "Sender",  "Reply-To"};

/// Addresses taken from one kind of header field (all To fields, say); a bulk mailing with
/// more names no one but the sender, and each costs a GMime object.
constexpr qsizetype kMaxAddresses = 10000;
/// A findings message names at most this many addresses or Content-IDs, then says how many more.
constexpr qsizetype kMaxListed = 20;

/// "1 bare CR" / "2 bare CRs": the messages are read by people.
QString counted(qsizetype n, const char *singular, const char *plural)
{
    return QString::number(n) + u' ' + QString::fromLatin1(n == 1 ? singular : plural);
}

void add(Findings &findings, Severity severity, const char *code, const QString &message)
{
    findings.append({severity, QString::fromLatin1(code), message});
}

/// `items` joined by `separator`, at most kMaxListed of them, then "and N more".
QString listed(const QStringList &items, const QString &separator)
{
    if (items.size() <= kMaxListed)
        return items.join(separator);
    return items.first(kMaxListed).join(separator)
           + QStringLiteral(" and %1 more").arg(items.size() - kMaxListed);
}

/// What the checks could not look at, for one Info finding at the end.
struct Limits
{
    QStringList reasons;
    QDeadlineTimer deadline;

    void note(const QString &reason)
    {
        if (!reasons.contains(reason))
            reasons.append(reason);
    }
    /// True once the time budget is spent; the remaining checks are skipped.
    bool outOfTime()
    {
        if (!deadline.hasExpired())
            return false;
        note(QStringLiteral("analysis stopped: time budget used up"));
        return true;
    }
};

/// The bytes after our own Received field, which SmtpSession puts first on every stored
/// message; a message that does not start with one is checked whole.
QByteArrayView withoutOurReceived(const QByteArray &raw)
{
    constexpr QByteArrayView field("Received:");
    if (raw.size() < field.size()
        || QByteArrayView(raw).first(field.size()).compare(field, Qt::CaseInsensitive) != 0)
        return raw;
    qsizetype position = 0;
    while (true) {
        const qsizetype newline = raw.indexOf('\n', position);
        if (newline < 0)
            return {};
        position = newline + 1;
        // RFC 5322 2.2.3: a line starting with white space continues the field.
        if (position >= raw.size() || (raw.at(position) != ' ' && raw.at(position) != '\t'))
            return QByteArrayView(raw).sliced(position);
    }
}

// ---- line-level checks: one pass over the bytes ----

struct LineStats
{
    qsizetype bareLf = 0;
    qsizetype firstBareLfLine = 0;
    qsizetype bareCr = 0;
    qsizetype firstBareCrLine = 0;
    qsizetype longLines = 0;
    qsizetype longestLength = 0;
    qsizetype longestLine = 0;
    bool eightBit = false;
};

/// Lines are counted by LF, from 1 at the first line after our Received field. No allocation
/// and one branch per ordinary byte: ~30 ms for the 32 MiB the server accepts.
LineStats scanLines(QByteArrayView data)
{
    LineStats stats;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    const qsizetype size = data.size();
    unsigned char seen = 0;
    qsizetype line = 1;
    qsizetype lineStart = 0;
    const auto endLine = [&stats, &line, &lineStart](qsizetype end) {
        const qsizetype length = end - lineStart;
        if (length > kMaxLineLength) {
            ++stats.longLines;
            if (length > stats.longestLength) {
                stats.longestLength = length;
                stats.longestLine = line;
            }
        }
    };
    for (qsizetype i = 0; i < size; ++i) {
        const unsigned char c = bytes[i];
        seen |= c;
        if (c > '\r')
            continue;
        if (c == '\n') {
            const bool crlf = i > 0 && bytes[i - 1] == '\r';
            if (!crlf && stats.bareLf++ == 0)
                stats.firstBareLfLine = line;
            endLine(crlf ? i - 1 : i);
            ++line;
            lineStart = i + 1;
        } else if (c == '\r' && (i + 1 == size || bytes[i + 1] != '\n')) {
            if (stats.bareCr++ == 0)
                stats.firstBareCrLine = line;
        }
    }
    if (lineStart < size)
        endLine(size);
    stats.eightBit = (seen & 0x80) != 0;
    return stats;
}

void checkBareLf(const LineStats &stats, Findings &findings)
{
    if (stats.bareLf == 0)
        return;
    // RFC 5321 2.3.8: lines end in CRLF; a bare LF is how SMTP smuggling starts.
    add(findings, Severity::Error, "bare-lf",
        QStringLiteral("%1 (first at line %2)")
            .arg(counted(stats.bareLf, "bare LF line ending", "bare LF line endings"))
            .arg(stats.firstBareLfLine));
}

void checkBareCr(const LineStats &stats, Findings &findings)
{
    if (stats.bareCr == 0)
        return;
    add(findings, Severity::Error, "bare-cr",
        QStringLiteral("%1 (first at line %2)")
            .arg(counted(stats.bareCr, "bare CR character", "bare CR characters"))
            .arg(stats.firstBareCrLine));
}

void checkLongLines(const LineStats &stats, Findings &findings)
{
    if (stats.longLines == 0)
        return;
    add(findings, Severity::Error, "long-line",
        QStringLiteral("%1 longer than %2 octets (longest: %3 octets at line %4)")
            .arg(counted(stats.longLines, "line", "lines"))
            .arg(kMaxLineLength)
            .arg(stats.longestLength)
            .arg(stats.longestLine));
}

void checkEightBit(const LineStats &stats, const Envelope &envelope, Findings &findings)
{
    // RFC 6152: 8-bit data needs BODY=8BITMIME (or SMTPUTF8, RFC 6531 3.3, which implies it).
    if (!stats.eightBit || envelope.eightBitMime || envelope.smtpUtf8)
        return;
    add(findings, Severity::Warning, "eight-bit-without-8bitmime",
        QStringLiteral("8-bit data sent without BODY=8BITMIME or SMTPUTF8"));
}

// ---- header checks ----

using Fields = QList<MimeDocument::HeaderField>;

bool hasField(const Fields &fields, QByteArrayView name)
{
    return std::any_of(fields.cbegin(), fields.cend(), [name](const auto &field) {
        return field.name.compare(name, Qt::CaseInsensitive) == 0;
    });
}

void checkRequiredField(const Fields &fields, Findings &findings, const char *name,
                        Severity severity, const char *code, const char *rfc)
{
    if (hasField(fields, name))
        return;
    add(findings, severity, code,
        QStringLiteral("no %1 header (%2)")
            .arg(QString::fromLatin1(name), QString::fromLatin1(rfc)));
}

void checkDuplicates(const Fields &fields, Findings &findings)
{
    QStringList repeated;
    for (const char *name : kSingleFields) {
        const auto count = std::count_if(fields.cbegin(), fields.cend(), [name](const auto &f) {
            return f.name.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (count > 1)
            repeated.append(
                QStringLiteral("%1 (%2 times)").arg(QString::fromLatin1(name)).arg(count));
    }
    if (repeated.isEmpty())
        return;
    add(findings, Severity::Error, "duplicate-header",
        QStringLiteral("header fields allowed once appear more often (RFC 5322 3.6): %1")
            .arg(repeated.join(QStringLiteral(", "))));
}

/// The addr-specs of every mailbox in the fields called `name`, groups included, as written;
/// at most kMaxAddresses, noted in `limits` when there were more.
QList<QByteArray> mailboxes(const Fields &fields, QByteArrayView name, Limits &limits)
{
    QList<QByteArray> result;
    const auto collect = [&result](auto &self, InternetAddressList *list) -> void {
        const int count = list ? internet_address_list_length(list) : 0;
        for (int i = 0; i < count && result.size() < kMaxAddresses; ++i) {
            InternetAddress *address = internet_address_list_get_address(list, i);
            if (auto *mailbox = gobjectCast<InternetAddressMailbox>(
                    address, internet_address_mailbox_get_type())) {
                const QByteArray addr(internet_address_mailbox_get_addr(mailbox));
                if (!addr.isEmpty())
                    result.append(addr);
            } else if (auto *group = gobjectCast<InternetAddressGroup>(
                           address, internet_address_group_get_type())) {
                self(self, internet_address_group_get_members(group));
            }
        }
    };
    for (const MimeDocument::HeaderField &field : fields) {
        if (field.name.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (result.size() >= kMaxAddresses) {
            limits.note(QStringLiteral("analysis stopped after %1 %2 addresses")
                            .arg(kMaxAddresses)
                            .arg(QString::fromLatin1(name)));
            break;
        }
        // MimeBounds keeps a field's length within kMaxHeaderFieldBytes, so GMime's parse of
        // the whole field stays bounded.
        const GObjectPtr<InternetAddressList> list(
            internet_address_list_parse(nullptr, field.rawValue.constData()));
        const int count = list ? internet_address_list_length(list.get()) : 0;
        collect(collect, list.get());
        if (result.size() >= kMaxAddresses && count > 0) {
            limits.note(QStringLiteral("analysis stopped after %1 %2 addresses")
                            .arg(kMaxAddresses)
                            .arg(QString::fromLatin1(name)));
            break;
        }
    }
    return result;
}

/// RFC 5321 2.4: the local part is case-sensitive, the domain is not.
QString addressKey(QByteArrayView address)
{
    QString text = QString::fromUtf8(address.trimmed());
    const qsizetype at = text.lastIndexOf(u'@');
    if (at >= 0)
        text = text.first(at) + text.sliced(at).toLower();
    return text;
}

void checkMultipleFrom(const Fields &fields, Findings &findings, Limits &limits)
{
    const qsizetype authors = mailboxes(fields, "From", limits).size();
    if (authors < 2 || hasField(fields, "Sender"))
        return;
    add(findings, Severity::Error, "multiple-from-without-sender",
        QStringLiteral("From has %1 mailboxes but there is no Sender header (RFC 5322 3.6.2)")
            .arg(authors));
}

void checkUtf8Addresses(const Fields &fields, const Envelope &envelope, Findings &findings,
                        Limits &limits)
{
    if (envelope.smtpUtf8)
        return;
    QStringList found;
    for (const char *name : {"From", "To", "Cc", "Sender", "Reply-To"}) {
        for (const QByteArray &address : mailboxes(fields, name, limits)) {
            if (CharsetDecoder::hasEightBit(address))
                found.append(QString::fromUtf8(address));
        }
    }
    if (found.isEmpty())
        return;
    // RFC 6532 needs SMTPUTF8 for these; envelope addresses are already refused by the server.
    add(findings, Severity::Warning, "utf8-address-without-smtputf8",
        QStringLiteral("non-ASCII header addresses without SMTPUTF8: %1")
            .arg(listed(found, QStringLiteral(", "))));
}

/// Linear in the number of addresses: every membership test is a hash lookup.
void checkRecipients(const Fields &fields, const Envelope &envelope, Findings &findings,
                     Limits &limits)
{
    QList<QByteArray> headerAddresses = mailboxes(fields, "To", limits);
    headerAddresses += mailboxes(fields, "Cc", limits);
    QSet<QString> inHeaders;
    inHeaders.reserve(headerAddresses.size());
    for (const QByteArray &address : headerAddresses)
        inHeaders.insert(addressKey(address));
    QSet<QString> inEnvelope;
    inEnvelope.reserve(envelope.recipients.size());
    for (const QByteArray &recipient : envelope.recipients)
        inEnvelope.insert(addressKey(recipient));

    QStringList bcc;
    QSet<QString> bccSeen;
    for (const QByteArray &recipient : envelope.recipients) {
        const QString text = QString::fromUtf8(recipient);
        if (!inHeaders.contains(addressKey(recipient)) && !bccSeen.contains(text)) {
            bccSeen.insert(text);
            bcc.append(text);
        }
    }
    if (!bcc.isEmpty()) {
        add(findings, Severity::Info, "bcc-recipient",
            QStringLiteral("%1 not in To or Cc: delivered as Bcc")
                .arg(listed(bcc, QStringLiteral(", "))));
    }

    QStringList missing;
    QSet<QString> missingSeen;
    for (const QByteArray &address : headerAddresses) {
        const QString text = QString::fromUtf8(address);
        if (!inEnvelope.contains(addressKey(address)) && !missingSeen.contains(text)) {
            missingSeen.insert(text);
            missing.append(text);
        }
    }
    if (!missing.isEmpty()) {
        add(findings, Severity::Warning, "missing-recipient",
            QStringLiteral("%1 in To or Cc but not an envelope recipient: it was never sent "
                           "there")
                .arg(listed(missing, QStringLiteral(", "))));
    }
}

// ---- MIME checks ----

void checkStructure(const MimeDocument &document, Findings &findings)
{
    QStringList problems;
    for (const MimeDocument::Problem &problem : document.problems()) {
        if (problem.structural)
            problems.append(problem.text);
    }
    if (problems.isEmpty())
        return;
    add(findings, Severity::Error, "malformed-mime", problems.join(QStringLiteral("; ")));
}

void checkCharsets(const MimeDocument &document, Findings &findings, Limits &limits)
{
    QStringList undeclared;
    QStringList unknown;
    for (const MimeDocument::Leaf &leaf : document.leaves()) {
        if (limits.outOfTime())
            break;
        if (!leaf.contentType.startsWith("text/"))
            continue;
        const QByteArray charset = document.charset(leaf);
        if (charset.trimmed().isEmpty()) {
            // RFC 2046 4.1.2: no charset means US-ASCII, which has no 8-bit octets.
            if (CharsetDecoder::hasEightBit(document.content(leaf)))
                undeclared.append(QStringLiteral("part %1").arg(leaf.index));
        } else if (!CharsetDecoder::isKnown(charset)) {
            unknown.append(
                QStringLiteral("%1 in part %2").arg(QString::fromLatin1(charset)).arg(leaf.index));
        }
    }
    if (!undeclared.isEmpty()) {
        add(findings, Severity::Warning, "undeclared-charset",
            QStringLiteral("8-bit text without a charset parameter: %1")
                .arg(listed(undeclared, QStringLiteral(", "))));
    }
    if (!unknown.isEmpty()) {
        add(findings, Severity::Warning, "unknown-charset",
            QStringLiteral("unknown charset %1").arg(listed(unknown, QStringLiteral(", "))));
    }
}

QString htmlBody(const MimeDocument &document)
{
    const MimeDocument::Leaf *leaf = document.leaf(document.htmlLeaf());
    if (!leaf)
        return {};
    return CharsetDecoder::decode(document.content(*leaf), document.charset(*leaf)).text;
}

void checkHtmlWithoutText(const MimeDocument &document, Findings &findings)
{
    if (document.htmlLeaf() < 0 || document.textLeaf() >= 0)
        return;
    add(findings, Severity::Warning, "html-without-text",
        QStringLiteral("HTML body without a text/plain alternative"));
}

void checkContentIds(const MimeDocument &document, const QString &html, Findings &findings,
                     Limits &limits)
{
    QSet<QString> available;
    for (const MimeDocument::Leaf &leaf : document.leaves()) {
        const QString id = document.contentId(leaf);
        if (!id.isEmpty())
            available.insert(id);
    }
    bool capped = false;
    QStringList missing;
    for (const QString &id : MimeDocument::cidReferences(html, &capped)) {
        if (!available.contains(id))
            missing.append(id);
    }
    if (capped) {
        limits.note(QStringLiteral("analysis stopped after %1 distinct cid: references")
                        .arg(MimeDocument::kMaxCidReferences));
    }
    if (missing.isEmpty())
        return;
    add(findings, Severity::Error, "missing-cid",
        QStringLiteral("the HTML references cid:%1 but no part has that Content-ID")
            .arg(listed(missing, QStringLiteral(", cid:"))));
}

void runChecks(const QByteArray &raw, const Envelope &envelope, MimeBounds::Extent extent,
               Findings &findings, Limits &limits)
{
    const QByteArrayView message = withoutOurReceived(raw);

    // A prefix may end between CR and LF; that CR is no bare one.
    const LineStats lines = scanLines(extent == MimeBounds::Extent::Prefix && message.endsWith('\r')
                                          ? message.chopped(1)
                                          : message);
    checkBareLf(lines, findings);
    checkBareCr(lines, findings);
    checkLongLines(lines, findings);
    checkEightBit(lines, envelope, findings);
    if (limits.outOfTime())
        return;

    const MimeDocument document(message, extent);
    if (const QString cut = document.bounds().describe(); !cut.isEmpty())
        limits.note(cut);
    if (document.bounds().isShortened())
        limits.note(document.bounds().describeShortening());
    if (!document.message() && !message.isEmpty()) {
        // Binary junk: the header checks below still say what is missing.
        QStringList problems;
        for (const MimeDocument::Problem &problem : document.problems())
            problems.append(problem.text);
        add(findings, Severity::Error, "malformed-mime", problems.join(QStringLiteral("; ")));
    }
    const Fields &fields = document.headers();
    checkRequiredField(fields, findings, "Date", Severity::Warning, "missing-date",
                       "RFC 5322 3.6 requires it");
    checkRequiredField(fields, findings, "From", Severity::Error, "missing-from",
                       "RFC 5322 3.6 requires it");
    checkRequiredField(fields, findings, "Message-ID", Severity::Warning, "missing-message-id",
                       "RFC 5322 3.6.4 says it SHOULD be present");
    checkDuplicates(fields, findings);
    if (limits.outOfTime())
        return;
    checkMultipleFrom(fields, findings, limits);
    checkUtf8Addresses(fields, envelope, findings, limits);
    if (limits.outOfTime())
        return;
    checkRecipients(fields, envelope, findings, limits);

    if (!document.message() || limits.outOfTime())
        return;
    checkStructure(document, findings);
    checkCharsets(document, findings, limits);
    checkHtmlWithoutText(document, findings);
    if (limits.outOfTime())
        return;
    if (extent == MimeBounds::Extent::WholeMessage)
        checkContentIds(document, htmlBody(document), findings, limits);
}

} // namespace

QList<CheckFinding> MessageChecker::check(const QByteArray &raw, const Envelope &envelope,
                                          QDeadlineTimer deadline, MimeBounds::Extent extent)
{
    Findings findings;
    Limits limits;
    limits.deadline = deadline;
    try {
        runChecks(raw, envelope, extent, findings, limits);
    } catch (const std::bad_alloc &) {
        // Only Qt containers throw here; the store keeps the message either way.
        return {{Severity::Warning, QStringLiteral("check-failed"),
                 QStringLiteral("out of memory while checking the message")}};
    }
    if (!limits.reasons.isEmpty()) {
        add(findings, Severity::Info, kLimitedCode.data(),
            limits.reasons.join(QStringLiteral("; ")));
    }
    return findings;
}
