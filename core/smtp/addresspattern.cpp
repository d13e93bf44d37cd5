// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "addresspattern.h"

AddressPattern::AddressPattern(QString pattern)
    : m_pattern(std::move(pattern).toCaseFolded())
{}

bool AddressPattern::matches(QStringView address) const
{
    const QString text = address.toString().toCaseFolded();
    // Iterative glob matching with one backtrack point: linear in practice and never
    // exponential, whatever pattern a user types.
    qsizetype t = 0;
    qsizetype p = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < m_pattern.size() && (m_pattern[p] == u'?' || m_pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < m_pattern.size() && m_pattern[p] == u'*') {
            starP = p++;
            starT = t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < m_pattern.size() && m_pattern[p] == u'*')
        ++p;
    return p == m_pattern.size();
}

bool AddressPattern::matchesAny(const QList<AddressPattern> &patterns, QStringView address)
{
    for (const AddressPattern &pattern : patterns) {
        if (pattern.matches(address))
            return true;
    }
    return false;
}
