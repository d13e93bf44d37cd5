// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

/// The http and https links of a message's bodies, for tests that follow a signup link without
/// parsing HTML themselves: what a reader can click. In HTML that is a and area href
/// (character references decoded, as a browser reads them) and URLs written out in its text;
/// images, style sheets and scripts are not links (a logo above the button must not come
/// first). One linear scan, no DOM. In the text body, the URLs written out. Pure and
/// thread-safe.
class LinkExtractor final
{
public:
    /// More distinct links than this are not collected: a message with 100 000 links costs one
    /// scan and a bounded answer, and says it was cut.
    static constexpr qsizetype kMaxLinks = 1000;

    struct Link
    {
        QString url;         ///< with character references decoded
        bool inHtml = false; ///< found in the HTML body (else in the text body)
    };
    struct Links
    {
        QList<Link> links;      ///< in document order, HTML body first, each URL once
        bool truncated = false; ///< stopped at the limit; more links follow
    };

    /// Every distinct http(s) link of `html` then `text`, at most `maxLinks`.
    static Links extract(QStringView html, QStringView text, qsizetype maxLinks = kMaxLinks);
    /// `value` with HTML character references (&amp;, &#38;, &#x26;, the common named ones)
    /// replaced by their characters; references it does not know are left as written.
    static QString decodeEntities(QStringView value);
};
