// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"

#include <QList>
#include <QMetaType>
#include <QStringList>

/// What one import did (MessageImporter::run, MailService::importFinished). A damaged source or
/// entry costs only itself, so an import can succeed in part: `problems` lists what was left out.
struct ImportReport
{
    QList<qint64> ids; ///< the imported messages in order (empty when cancelled)
    /// One per source or entry that was not imported; `field` names it (the path, or the path
    /// and the message's place in an mbox). Codes: FileNotFound, FileUnreadable, FileUnwritable
    /// (the spool), MalformedInput (empty, not an mbox, no messages in it), DatabaseError and
    /// the other store codes (the store refused the message).
    QList<Error> problems;
    int sources = 0; ///< the paths given
    bool cancelled = false;

    /// The problems as lines for people: "<field>: <message>".
    QStringList problemLines() const
    {
        QStringList lines;
        lines.reserve(problems.size());
        for (const Error &problem : problems)
            lines.append(problem.field.isEmpty() ? problem.message
                                                 : problem.field + u": " + problem.message);
        return lines;
    }
};

Q_DECLARE_METATYPE(ImportReport)
