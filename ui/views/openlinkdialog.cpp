// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "openlinkdialog.h"

#include "views/linkpolicy.h"

#include <QUrl>

OpenLinkDialog::OpenLinkDialog(const QUrl &url, const QStringList &linkTexts, QWidget *parent)
    : QMessageBox(parent)
{
    setObjectName(QStringLiteral("openLinkDialog"));
    // Rich text built from escaped parts only: the URL and the link text come from the message.
    const bool mail = url.scheme() == u"mailto";
    QString text = QStringLiteral("<p>%1</p><p><tt>%2</tt></p>")
                       .arg((mail ? tr("Open this link in your mail program?")
                                  : tr("Open this link in your browser?"))
                                .toHtmlEscaped(),
                            LinkPolicy::shownUrl(url).toHtmlEscaped());
    QString misleading;
    for (const QString &linkText : linkTexts) {
        if (LinkPolicy::textMisleads(linkText, url)) {
            misleading = LinkPolicy::hostNamedBy(linkText);
            break;
        }
    }
    if (!misleading.isEmpty())
        text += QStringLiteral("<p><b>%1</b></p>")
                    .arg(tr("Careful: the link text shows %1, but the link goes to %2.")
                             .arg(misleading, LinkPolicy::targetHost(url))
                             .toHtmlEscaped());
    setIcon(misleading.isEmpty() ? QMessageBox::Question : QMessageBox::Warning);
    setWindowTitle(tr("Open Link"));
    setTextFormat(Qt::RichText);
    setText(text);
    setStandardButtons(QMessageBox::Open | QMessageBox::Cancel);
    setDefaultButton(QMessageBox::Cancel);
    // The whole URL, for when the shown one is elided.
    if (LinkPolicy::shownUrl(url).size() < url.toEncoded().size())
        setDetailedText(QString::fromLatin1(url.toEncoded()));
}

OpenLinkDialog::~OpenLinkDialog() = default;
