// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "gobjectptr.h"
#include "mimebounds.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QtGlobal>

/// One message parsed by GMime, with its leaves numbered and its bodies chosen. The shared core
/// of MessageParts (what the viewer shows) and MessageChecker (what is wrong); not part of the
/// public API of the library.
///
/// Lives on one thread; different documents may be used on different threads at once. Owns the
/// GMime objects; the `object` pointers it hands out live as long as the document.
class MimeDocument final
{
public:
    /// Deeper MIME trees are cut here: nobody writes more, and every level costs stack.
    static constexpr int kMaxDepth = MimeBounds::kMaxDepth;
    /// Distinct cid: references collected from one HTML body.
    static constexpr qsizetype kMaxCidReferences = 10000;
    /// Problems kept per document, so a message with a million bad header lines stays cheap.
    static constexpr qsizetype kMaxProblems = 50;

    /// A top-level header field, in the order it was written.
    struct HeaderField
    {
        QByteArray name;     ///< without the colon and any white space before it
        QByteArray rawName;  ///< exactly as written before the colon
        QByteArray rawValue; ///< after the colon, folded, without the final line break
        QString value;       ///< unfolded and decoded (RFC 2047, fallback charsets)
        qint64 offset = -1;  ///< of the field in the parsed bytes
    };

    /// A part that is not a multipart, numbered depth-first from 0. An attached message
    /// (message/rfc822) is one leaf: its inside is not numbered.
    struct Leaf
    {
        int index = -1;
        GMimeObject *object = nullptr; ///< owned by the document
        QByteArray contentType;        ///< lower-case "type/subtype"
        bool isMessage = false;        ///< a GMimeMessagePart (message/rfc822, /global, ...)
        bool attachmentDisposition = false;
        bool inlineDisposition = false;
        bool inAlternative = false; ///< below a multipart/alternative
    };

    struct Problem
    {
        /// About the MIME structure (boundaries, nesting, empty multiparts) rather than about a
        /// single header or parameter.
        bool structural = false;
        QString text;
    };

    /// Parses `raw` (copied), or as much of it as MimeBounds allows. Never fails: garbage gives
    /// a null message() and problems(). `extent` says whether `raw` is only the start of a
    /// longer message, whose missing end is then no problem.
    explicit MimeDocument(QByteArrayView raw,
                          MimeBounds::Extent extent = MimeBounds::Extent::WholeMessage);
    ~MimeDocument();
    Q_DISABLE_COPY_MOVE(MimeDocument)

    /// Null when GMime could not read even the header block (empty input, binary junk).
    GMimeMessage *message() const { return m_message.get(); }
    const QList<HeaderField> &headers() const { return m_headers; }
    const QList<Leaf> &leaves() const { return m_leaves; }
    /// Leaf number `index`, or nullptr.
    const Leaf *leaf(int index) const;
    /// The chosen text/plain and text/html bodies (leaf numbers), or -1. The first such leaf
    /// that is not an attachment wins; inside multipart/alternative the last one does, since
    /// RFC 2046 5.1.4 orders alternatives from plainest to richest.
    int textLeaf() const { return m_textLeaf; }
    int htmlLeaf() const { return m_htmlLeaf; }
    /// Parser warnings and structure problems, in the order found, at most kMaxProblems.
    const QList<Problem> &problems() const { return m_problems; }
    /// How many problems were dropped beyond kMaxProblems.
    qsizetype droppedProblems() const { return m_droppedProblems; }
    /// Where parsing stopped when the message exceeded MimeBounds' limits.
    const MimeBounds &bounds() const { return m_bounds; }

    /// The content of `leaf` with its transfer encoding undone; for an attached message, the
    /// message as bytes. `ok` turns false when GMime reported a decoding error.
    QByteArray content(const Leaf &leaf, bool *ok = nullptr) const;
    /// The size content() would return, counted without keeping the bytes.
    qint64 contentSize(const Leaf &leaf) const;
    /// The charset parameter as written, or empty.
    QByteArray charset(const Leaf &leaf) const;
    /// The decoded file name (RFC 2231, RFC 2047), or empty. Attached messages without a name
    /// are named after their subject.
    QString fileName(const Leaf &leaf) const;
    /// The Content-ID without angle brackets, or empty.
    QString contentId(const Leaf &leaf) const;

    /// The Content-IDs that `html` references with cid: URLs (RFC 2392), percent-decoded, in
    /// order of first use, at most kMaxCidReferences; `capped` says whether there were more.
    /// Linear in the size of `html`.
    static QStringList cidReferences(QStringView html, bool *capped = nullptr);

private:
    /// GMime calls this while parsing, and later while decoding header values lazily.
    static void onParserWarning(gint64 offset, GMimeParserWarning code, const gchar *item,
                                gpointer self);
    void collectHeaders();
    void walk(GMimeObject *object, int depth, bool inAlternative);
    void walkMultipart(GMimeMultipart *multipart, int depth, bool inAlternative);
    void addLeaf(GMimeObject *object, bool inAlternative);
    void addProblem(bool structural, const QString &text);

    // Declared first so it is destroyed last: GMime's header lists keep a pointer to it.
    GMimeParserOptionsPtr m_options;
    GObjectPtr<GMimeMessage> m_message;
    MimeBounds m_bounds;
    QList<HeaderField> m_headers;
    QList<Leaf> m_leaves;
    QList<Problem> m_problems;
    qsizetype m_droppedProblems = 0;
    int m_textLeaf = -1;
    int m_htmlLeaf = -1;
    bool m_depthReported = false;
};
