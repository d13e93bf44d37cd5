// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "mime/messagechecker.h"
#include "store/headersummary.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <chrono>

class MessageSpool;

/// Everything the store derives from a message's bytes: the header summary, the text of the
/// full-text index, the results of the message checks and whether it carries attachments.
/// Computed once at delivery (on the store's analysis pool, never on an SMTP worker), and
/// again when an old store is migrated or the index is rebuilt. A pure value; analyse() is
/// thread-safe, linear in the size of the message, bounded in what it examines (MimeBounds,
/// MessageChecker) and given kTimeBudget.
class MessageAnalysis final
{
public:
    /// The checks read a message up to this size; larger ones get the first part and an Info
    /// finding saying so. Big enough for any realistic text and HTML, small enough that the
    /// delivering thread never holds more than this of a 32 MiB message in memory.
    static constexpr qsizetype kMaxCheckedBytes = 8 * 1024 * 1024;
    /// How much of the body (after the header block) goes into the full-text index.
    static constexpr qsizetype kMaxIndexedBodyBytes = 64 * 1024;
    /// The attachment test only looks at this much of the message: MIME part headers of the
    /// first parts are there, and a complete parse of every message would cost far more.
    static constexpr qsizetype kAttachmentScanBytes = 64 * 1024;
    /// The checks stop once a message has taken this long (a finding says so). With the bounds
    /// on what is examined no real message comes near it; it caps what a hostile one can cost
    /// the messages queued behind it.
    static constexpr std::chrono::milliseconds kTimeBudget{1000};
    /// The code of the Info finding added when only the first kMaxCheckedBytes were checked.
    static constexpr QLatin1StringView kPartiallyCheckedCode{"partially-checked"};

    /// Analyses a message on its way into the store; reads at most kMaxCheckedBytes of it.
    static MessageAnalysis analyse(const MessageSpool &spool, const Envelope &envelope);
    /// Analyses stored bytes: `bytes` is the whole message, or its first kMaxCheckedBytes when
    /// `totalSize` is larger.
    static MessageAnalysis analyse(const QByteArray &bytes, qint64 totalSize,
                                   const Envelope &envelope);

    /// The cheap attachment test on the start of a message: a MIME part header (or the top
    /// header) with `Content-Disposition: attachment`, or with a file name in a
    /// Content-Disposition or Content-Type field and no Content-ID. A part with a Content-ID is
    /// what an HTML body shows inline by cid:, which the viewer lists as an inline image, not
    /// as an attachment (MessageParts), so the inbox's paperclip agrees with the viewer.
    static bool looksLikeItHasAttachments(QByteArrayView head);

    HeaderSummary summary;
    QString indexedBody;    ///< the start of the body as text, for the index
    QString senderText;     ///< MAIL FROM and the From header, for `from:`
    QString recipientsText; ///< RCPT TO and the To header, for `to:`
    QString ccText;         ///< the Cc header, for `cc:` (and `to:`)
    bool hasAttachments = false;
    QList<CheckFinding> findings;
    /// MessageOverview::toJson() of the message: what the API's message list shows.
    QByteArray overview;

    /// Findings with severity Warning or Error: what the inbox counts and `has:findings` finds.
    int findingCount() const;
};
