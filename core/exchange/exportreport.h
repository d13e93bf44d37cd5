// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// What one export did (MessageExporter::run, MailService::exportFinished).
struct ExportReport
{
    enum class Outcome {
        Finished,  ///< everything selected was written (but see `skipped`)
        Cancelled, ///< nothing is left of this run
        Failed,    ///< nothing is left of this run; `error` says why
    };
    Outcome outcome = Outcome::Finished;
    qint64 exported = 0;
    QString destination; ///< where it went (or was to go)
    /// One per requested id that is not in the store: NotFound, the id in `field`.
    QList<Error> skipped;
    /// Why the export failed, when Failed: FileExists (a name is taken), FileUnwritable,
    /// InvalidValue (the query does not parse), or a store code from reading the messages.
    Error error;

    /// The skipped ids as lines for people.
    QStringList skippedLines() const
    {
        QStringList lines;
        lines.reserve(skipped.size());
        for (const Error &problem : skipped)
            lines.append(problem.message);
        return lines;
    }
};

Q_DECLARE_METATYPE(ExportReport)
