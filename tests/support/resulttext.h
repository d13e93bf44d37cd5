// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>

/// The error text of a Result for a test's failure message, empty when it holds a value:
/// QVERIFY2 evaluates its description whether the check passes or not.
template<typename T> QString errorText(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}
