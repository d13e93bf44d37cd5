// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apisettings.h"
#include "common/result.h"
#include "mime/messagebuilder.h"

#include <QByteArray>
#include <QJsonObject>

/// POST /api/v1/send: Mailpit's send request (From {Email, Name}; To, Cc, ReplyTo as lists of
/// {Email, Name}; Bcc as a list of addresses; Subject, Text, HTML; Attachments {Content
/// (base64), Filename, ContentType, ContentID}; Headers {name: value}; Tags) turned into a
/// message and its envelope. Pure; runs in the API thread.
class ApiSendRoute final
{
public:
    /// The draft and envelope of a request body. Errors are InvalidValue (or MalformedInput for
    /// JSON that does not parse) with `field` naming the offending JSON field and a message
    /// fit for a 400 answer. As in Mailpit, From, Subject and at least one recipient are
    /// required, unknown fields are ignored, and the headers Mailpit refuses to overwrite
    /// (From, To, Cc, Bcc, Reply-To, Date, Subject, Content-Type, MIME-Version) are refused.
    static Result<std::pair<MessageBuilder::Draft, Envelope>> parse(const QByteArray &body);
    /// Builds the submission for a request: the parsed body built with MessageBuilder. The
    /// Message-ID's domain is the sender's.
    static Result<ApiSettings::Submission> submission(const QByteArray &body);
    /// The user name of a Basic Authorization header value (RFC 7617), empty if none.
    static QString basicUser(const QByteArray &authorization);
    /// The answer: {"ID": "<id>"}.
    static QJsonObject answer(qint64 id);
    /// Whether `address` is an addr-spec (RFC 5322 §3.4.1) a client would send to: a local
    /// part and a domain, no white space, controls or angle brackets.
    static bool isAddress(const QString &address);
};
