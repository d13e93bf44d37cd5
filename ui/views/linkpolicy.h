// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QUrl>

/// What the HTML preview does with a link the user clicked, and how the link is shown when the
/// user is asked. Pure functions; PreviewPage, HtmlPreview and the tests use them.
///
/// A caught message is untrusted: a link to `file:`, `javascript:`, `data:`, `ftp:` or a custom
/// application scheme (`vscode:`, `ms-msdt:`, `steam:`, ...) handed to the desktop can start
/// programs or open local files, so only web and mail links leave the preview, and only after
/// the user saw where they really go.
class LinkPolicy final
{
public:
    enum class Decision {
        AskThenOpen, ///< http, https (with a host) and mailto (with an address): confirm, then open
        Refuse,      ///< every other scheme, and invalid URLs: never handed to the desktop
    };

    /// URLs longer than this are shown elided in the middle (the whole URL is still opened).
    static constexpr qsizetype kMaxShownUrl = 120;

    static Decision decide(const QUrl &url);

    /// The URL as it will be opened, fully encoded (ASCII only: punycode hosts, percent-encoded
    /// paths, so no look-alike letters or bidirectional controls) and elided in the middle when
    /// longer than kMaxShownUrl.
    static QString shownUrl(const QUrl &url);

    /// The host a link really goes to, in ASCII (punycode), lower case: the host of an http(s)
    /// URL, the domain of a mailto address; empty otherwise.
    static QString targetHost(const QUrl &url);

    /// The host that the visible text of a link names, in the same form as targetHost(), when
    /// the text looks like a web address ("https://bank.test/login", "www.bank.test") or a mail
    /// address; empty for ordinary words ("Click here").
    static QString hostNamedBy(const QString &linkText);

    /// Whether the visible text of a link names a host other than the one the link goes to
    /// ("https://bank.test" over a link to evil.test). A target that is a subdomain of the named
    /// host (www.bank.test, login.bank.test for "bank.test") does not count.
    static bool textMisleads(const QString &linkText, const QUrl &url);
};
