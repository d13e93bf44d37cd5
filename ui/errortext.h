// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"

#include <QCoreApplication>
#include <QString>

/// A core Error as the window shows it. Core's texts are English and stay so: the HTTP API, the
/// event stream and the command line give them to programs and logs. In an English UI they are
/// shown as they are; in another language what the error's code means comes first, translated,
/// and core's text follows in parentheses as the detail (the file, address or value it names).
class ErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    static QString of(const Error &error);
    /// For one line (the status bar): in English core's text, otherwise only the summary; of()
    /// goes in its tooltip. German with core's detail does not fit beside the counters.
    static QString brief(const Error &error);
    /// What `code` means, translated ("The address is in use by another program").
    static QString summary(ErrorCode code);
};
