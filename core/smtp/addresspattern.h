// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

/// A recipient pattern such as "*@example.com" or "test-?@*.invalid": '*' matches any run of
/// characters, '?' one character, everything else itself, without regard to case (domains are
/// case-insensitive and most local parts are treated so in practice). Immutable, thread-safe.
class AddressPattern final
{
public:
    explicit AddressPattern(QString pattern);

    bool matches(QStringView address) const;
    QString pattern() const { return m_pattern; }

    /// True when `address` matches any of `patterns`.
    static bool matchesAny(const QList<AddressPattern> &patterns, QStringView address);

private:
    QString m_pattern;
};
