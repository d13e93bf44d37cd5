// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "linkpolicy.h"

namespace {

/// Head and tail of an elided URL: the host and the start of the path are what people read,
/// the tail shows where the URL ends.
constexpr qsizetype kShownHead = 80;
constexpr qsizetype kShownTail = LinkPolicy::kMaxShownUrl - kShownHead - 1;

/// ASCII, lower case, without a trailing dot or a leading "www.": two spellings of one host
/// compare equal.
QString normalisedHost(const QString &host)
{
    QString ascii = QString::fromLatin1(QUrl::toAce(host)).toLower();
    if (ascii.endsWith(u'.'))
        ascii.chop(1);
    if (ascii.startsWith(u"www."))
        ascii.remove(0, 4);
    return ascii;
}

QString domainOfAddress(QStringView address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    if (at < 0)
        return {};
    QStringView domain = address.mid(at + 1);
    // "a@b.test?subject=x" in a mailto: path or in link text.
    const qsizetype end = domain.indexOf(u'?');
    if (end >= 0)
        domain = domain.left(end);
    return normalisedHost(domain.toString());
}

} // namespace

LinkPolicy::Decision LinkPolicy::decide(const QUrl &url)
{
    if (!url.isValid())
        return Decision::Refuse;
    // QUrl keeps schemes in lower case, so "HTTPS:" and "https:" are one case here.
    const QString scheme = url.scheme();
    if (scheme == u"http" || scheme == u"https")
        return url.host().isEmpty() ? Decision::Refuse : Decision::AskThenOpen;
    if (scheme == u"mailto")
        return url.path().isEmpty() ? Decision::Refuse : Decision::AskThenOpen;
    return Decision::Refuse;
}

QString LinkPolicy::shownUrl(const QUrl &url)
{
    const QString full = QString::fromLatin1(url.toEncoded());
    if (full.size() <= kMaxShownUrl)
        return full;
    return full.left(kShownHead) + u'…' + full.right(kShownTail);
}

QString LinkPolicy::targetHost(const QUrl &url)
{
    if (url.scheme() == u"mailto")
        return domainOfAddress(url.path());
    return url.host().isEmpty() ? QString() : normalisedHost(url.host());
}

QString LinkPolicy::hostNamedBy(const QString &linkText)
{
    const QString text = linkText.trimmed();
    if (text.isEmpty())
        return {};
    for (const QChar c : text) {
        if (c.isSpace())
            return {};
    }
    if (text.contains(u"://")) {
        const QUrl named(text);
        return named.host().isEmpty() ? QString() : normalisedHost(named.host());
    }
    if (text.startsWith(u"www.", Qt::CaseInsensitive)) {
        const QUrl named(QStringLiteral("http://") + text);
        return named.host().isEmpty() ? QString() : normalisedHost(named.host());
    }
    if (text.startsWith(u"mailto:", Qt::CaseInsensitive) || text.contains(u'@'))
        return domainOfAddress(text);
    return {};
}

bool LinkPolicy::textMisleads(const QString &linkText, const QUrl &url)
{
    const QString named = hostNamedBy(linkText);
    if (named.isEmpty())
        return false;
    const QString target = targetHost(url);
    return target != named && !target.endsWith(u'.' + named);
}
