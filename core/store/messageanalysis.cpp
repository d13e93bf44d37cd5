// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageanalysis.h"

#include "mime/messageoverview.h"
#include "store/messagespool.h"

#include <QDeadlineTimer>
#include <QStringList>

// The index gets text, and a cut in the middle of a UTF-8 sequence would make the whole body
// fail the UTF-8 check and be read as Latin-1.
static QByteArrayView withoutPartialUtf8Tail(QByteArrayView bytes)
{
    for (qsizetype back = 1; back <= 4 && back <= bytes.size(); ++back) {
        const auto byte = static_cast<unsigned char>(bytes[bytes.size() - back]);
        if ((byte & 0xC0) == 0x80)
            continue; // continuation byte: keep looking for the lead byte
        const qsizetype needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        return needed > back ? bytes.first(bytes.size() - back) : bytes;
    }
    return bytes;
}

static bool startsWithCaseInsensitive(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size()
           && text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

// `; name=` or `; name*=` (RFC 2231) in a header field's parameters, case-insensitively.
static bool hasParameter(QByteArrayView field, QByteArrayView name)
{
    const QByteArray lower = field.toByteArray().toLower();
    for (qsizetype at = lower.indexOf(';'); at >= 0; at = lower.indexOf(';', at + 1)) {
        QByteArrayView rest = QByteArrayView(lower).sliced(at + 1).trimmed();
        if (rest.startsWith(name)) {
            rest = rest.sliced(name.size());
            if (rest.startsWith('*'))
                return true;
            if (rest.trimmed().startsWith('='))
                return true;
        }
    }
    return false;
}

/// What the Content-* fields of one header block say about its part.
struct PartFacts
{
    bool attachmentDisposition = false;
    bool fileName = false;
    bool contentId = false;

    /// The rule MessageParts uses: a part the HTML body shows by its Content-ID is an inline
    /// image, not an attachment, unless it says `attachment`. Whether the HTML really refers to
    /// it would take a parse; a Content-ID on a part that is not `attachment` is the mark of an
    /// inline image (Outlook and Thunderbird give those file names, "image001.png", too).
    bool attachment() const { return attachmentDisposition || (fileName && !contentId); }
};

static void noteField(QByteArrayView field, PartFacts &facts)
{
    static constexpr QByteArrayView kDisposition = "content-disposition:";
    static constexpr QByteArrayView kType = "content-type:";
    static constexpr QByteArrayView kId = "content-id:";
    if (startsWithCaseInsensitive(field, kDisposition)) {
        const QByteArrayView value = field.sliced(kDisposition.size()).trimmed();
        facts.attachmentDisposition |= startsWithCaseInsensitive(value, "attachment");
        facts.fileName |= hasParameter(field, "filename");
    } else if (startsWithCaseInsensitive(field, kType)) {
        facts.fileName |= hasParameter(field, "name");
    } else if (startsWithCaseInsensitive(field, kId)) {
        facts.contentId |= !field.sliced(kId.size()).trimmed().isEmpty();
    }
}

bool MessageAnalysis::looksLikeItHasAttachments(QByteArrayView head)
{
    head = head.first(qMin(head.size(), kAttachmentScanBytes));
    // Header fields can be folded over several lines; collect a Content-* field with its
    // continuation lines before looking at its parameters. Lines elsewhere (body text) are
    // only looked at when they start like one of these fields, which plain text rarely does.
    // An empty line ends a header block, and with it what is known about that part.
    QByteArray field;
    PartFacts facts;
    qsizetype position = 0;
    while (position < head.size()) {
        qsizetype end = head.indexOf('\n', position);
        const qsizetype next = end < 0 ? head.size() : end + 1;
        if (end < 0)
            end = head.size();
        QByteArrayView line = head.sliced(position, end - position);
        if (line.endsWith('\r'))
            line.chop(1);
        position = next;
        const bool continuation = !line.isEmpty() && (line.front() == ' ' || line.front() == '\t');
        if (continuation && !field.isEmpty()) {
            field.append(line);
            continue;
        }
        if (!field.isEmpty())
            noteField(field, facts);
        field.clear();
        if (line.isEmpty()) {
            if (facts.attachment())
                return true;
            facts = {};
        } else if (startsWithCaseInsensitive(line, "content-")) {
            field = line.toByteArray();
        }
    }
    if (!field.isEmpty())
        noteField(field, facts);
    return facts.attachment();
}

int MessageAnalysis::findingCount() const
{
    int count = 0;
    for (const CheckFinding &finding : findings) {
        if (finding.severity != CheckFinding::Severity::Info)
            ++count;
    }
    return count;
}

MessageAnalysis MessageAnalysis::analyse(const MessageSpool &spool, const Envelope &envelope)
{
    if (spool.isInMemory() && spool.size() <= kMaxCheckedBytes)
        return analyse(spool.memory(), spool.size(), envelope);
    return analyse(spool.size() <= kMaxCheckedBytes ? spool.readAll()
                                                    : spool.head(kMaxCheckedBytes),
                   spool.size(), envelope);
}

MessageAnalysis MessageAnalysis::analyse(const QByteArray &bytes, qint64 totalSize,
                                         const Envelope &envelope)
{
    const QDeadlineTimer deadline(kTimeBudget);
    MessageAnalysis analysis;
    const QByteArrayView view(bytes);
    analysis.summary =
        HeaderSummary::parse(view.first(qMin(view.size(), HeaderSummary::kMaxHeaderBytes)));
    if (const qsizetype bodyOffset = analysis.summary.bodyOffset(); bodyOffset >= 0) {
        QByteArrayView body = view.sliced(bodyOffset);
        if (body.size() > kMaxIndexedBodyBytes)
            body = withoutPartialUtf8Tail(body.first(kMaxIndexedBodyBytes));
        analysis.indexedBody = HeaderSummary::textFromBytes(body);
    }

    QStringList sender{HeaderSummary::textFromBytes(envelope.mailFrom), analysis.summary.from()};
    analysis.senderText = sender.join(QLatin1Char('\n'));
    QStringList recipients;
    recipients.reserve(envelope.recipients.size() + 1);
    for (const QByteArray &recipient : envelope.recipients)
        recipients.append(HeaderSummary::textFromBytes(recipient));
    recipients.append(analysis.summary.to());
    analysis.recipientsText = recipients.join(QLatin1Char('\n'));
    analysis.ccText = analysis.summary.cc();

    analysis.hasAttachments = looksLikeItHasAttachments(view);
    // Here, once, rather than for every page of the message list that shows it: a MIME parse
    // of the message's start costs about 1 ms (bench/apibench).
    analysis.overview = MessageOverview::parse(bytes).toJson();
    analysis.findings = MessageChecker::check(
        bytes, envelope, deadline,
        totalSize > bytes.size() ? MimeBounds::Extent::Prefix : MimeBounds::Extent::WholeMessage);
    if (totalSize > bytes.size()) {
        CheckFinding note;
        note.severity = CheckFinding::Severity::Info;
        note.code = kPartiallyCheckedCode;
        note.message = QStringLiteral("only the first %1 MiB of this %2 MiB message were checked")
                           .arg(bytes.size() / (1024 * 1024))
                           .arg(double(totalSize) / (1024 * 1024), 0, 'f', 1);
        analysis.findings.append(note);
    }
    return analysis;
}
