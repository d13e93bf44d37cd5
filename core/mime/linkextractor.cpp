// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "linkextractor.h"

#include <QSet>

namespace {

bool isSpace(QChar c)
{
    // HTML's ASCII whitespace (WHATWG Infra): tab, LF, FF, CR, space.
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

bool isAsciiAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool startsWithUrlScheme(QStringView s)
{
    return s.startsWith(u"http://", Qt::CaseInsensitive)
           || s.startsWith(u"https://", Qt::CaseInsensitive);
}

class Collector
{
public:
    explicit Collector(qsizetype maxLinks)
        : m_max(maxLinks)
    {}

    // False once full: the caller stops scanning.
    bool add(QString url, bool inHtml)
    {
        if (full()) {
            m_result.truncated = m_result.truncated || !m_seen.contains(url);
            return !m_result.truncated;
        }
        if (m_seen.contains(url))
            return true;
        m_seen.insert(url);
        m_result.links.append({std::move(url), inHtml});
        return true;
    }
    bool full() const { return m_result.links.size() >= m_max; }
    bool stopped() const { return m_result.truncated; }
    LinkExtractor::Links take() { return std::move(m_result); }

private:
    qsizetype m_max;
    QSet<QString> m_seen;
    LinkExtractor::Links m_result;
};

// Bare URLs in plain text: from "http://" or "https://" (not inside a word) to white space or a
// character URLs do not hold unescaped (RFC 3986 §2; RFC 3986 Appendix C: "<" ">" and quotes
// delimit URLs in text); trailing punctuation of the sentence is left out.
void scanText(QStringView text, bool inHtml, Collector &collector)
{
    qsizetype from = 0;
    while (!collector.stopped()) {
        const qsizetype at = text.indexOf(u"http", from, Qt::CaseInsensitive);
        if (at < 0)
            return;
        from = at + 4;
        if ((at > 0 && isAsciiAlnum(text.at(at - 1))) || !startsWithUrlScheme(text.sliced(at)))
            continue;
        qsizetype end = at;
        while (end < text.size()) {
            const QChar c = text.at(end);
            if (isSpace(c) || c.unicode() < 0x20 || c == u'<' || c == u'>' || c == u'"' || c == u'`'
                || c == u'{' || c == u'}' || c == u'|' || c == u'\\' || c == u'^')
                break;
            ++end;
        }
        from = end;
        QStringView url = text.sliced(at, end - at);
        while (!url.isEmpty()) {
            const QChar last = url.back();
            if (last == u'.' || last == u',' || last == u';' || last == u':' || last == u'!'
                || last == u'?' || last == u'\'' || last == u'*') {
                url.chop(1);
            } else if ((last == u')' && !url.contains(u'('))
                       || (last == u']' && !url.contains(u'['))) {
                url.chop(1);
            } else {
                break;
            }
        }
        const qsizetype schemeEnd = url.indexOf(u"://") + 3;
        if (url.size() <= schemeEnd)
            continue;
        collector.add(url.toString(), inHtml);
    }
}

// The attribute that holds the link of an element a reader can follow (HTML §4.6.1).
QStringView linkAttribute(QStringView element)
{
    if (element == u"a" || element == u"area")
        return u"href";
    return {};
}

// Scans `html` once, left to right: tags, their attributes, comments, and the text between.
class HtmlScanner
{
public:
    HtmlScanner(QStringView html, Collector &collector)
        : m_html(html)
        , m_collector(collector)
    {}

    void run()
    {
        qsizetype i = 0;
        while (i < m_html.size() && !m_collector.stopped()) {
            const qsizetype open = m_html.indexOf(u'<', i);
            const qsizetype textEnd = open < 0 ? m_html.size() : open;
            if (textEnd > i)
                scanText(LinkExtractor::decodeEntities(m_html.sliced(i, textEnd - i)), true,
                         m_collector);
            if (open < 0)
                return;
            i = markup(open);
        }
    }

private:
    // Handles the markup that starts with "<" at `at`; returns where the text goes on.
    qsizetype markup(qsizetype at)
    {
        const QStringView rest = m_html.sliced(at);
        if (rest.startsWith(u"<!--")) {
            const qsizetype end = m_html.indexOf(u"-->", at + 4);
            return end < 0 ? m_html.size() : end + 3;
        }
        if (rest.size() < 2)
            return m_html.size();
        const QChar next = rest.at(1);
        if (next == u'!' || next == u'?' || next == u'/') {
            const qsizetype end = m_html.indexOf(u'>', at + 1);
            return end < 0 ? m_html.size() : end + 1;
        }
        if (!next.isLetter())
            return at + 1; // a "<" that starts no tag is text (HTML tokenizer, tag open state)
        qsizetype i = at + 1;
        while (i < m_html.size() && !isSpace(m_html.at(i)) && m_html.at(i) != u'/'
               && m_html.at(i) != u'>')
            ++i;
        const QString element = m_html.sliced(at + 1, i - at - 1).toString().toLower();
        const QStringView wanted = linkAttribute(element);
        i = attributes(i, wanted);
        if (element == u"script" || element == u"style") {
            // Raw text: nothing inside is markup or a link, up to the closing tag.
            const qsizetype close =
                m_html.indexOf(QString(u"</" + element), i, Qt::CaseInsensitive);
            if (close < 0)
                return m_html.size();
            const qsizetype end = m_html.indexOf(u'>', close);
            return end < 0 ? m_html.size() : end + 1;
        }
        return i;
    }

    // Reads the attributes of a start tag from `i`; returns the position after the tag.
    qsizetype attributes(qsizetype i, QStringView wanted)
    {
        const qsizetype size = m_html.size();
        while (i < size) {
            while (i < size && (isSpace(m_html.at(i)) || m_html.at(i) == u'/'))
                ++i;
            if (i >= size)
                return size;
            if (m_html.at(i) == u'>')
                return i + 1;
            const qsizetype nameStart = i;
            while (i < size && !isSpace(m_html.at(i)) && m_html.at(i) != u'/'
                   && m_html.at(i) != u'>' && (m_html.at(i) != u'=' || i == nameStart))
                ++i;
            const QStringView name = m_html.sliced(nameStart, i - nameStart);
            while (i < size && isSpace(m_html.at(i)))
                ++i;
            if (i >= size || m_html.at(i) != u'=')
                continue; // an attribute without a value
            ++i;
            while (i < size && isSpace(m_html.at(i)))
                ++i;
            if (i >= size)
                return size;
            qsizetype valueStart = i;
            qsizetype valueEnd = i;
            const QChar quote = m_html.at(i);
            if (quote == u'"' || quote == u'\'') {
                valueStart = i + 1;
                valueEnd = m_html.indexOf(quote, valueStart);
                if (valueEnd < 0)
                    return size;
                i = valueEnd + 1;
            } else {
                while (i < size && !isSpace(m_html.at(i)) && m_html.at(i) != u'>')
                    ++i;
                valueEnd = i;
            }
            if (!wanted.isEmpty() && name.compare(wanted, Qt::CaseInsensitive) == 0)
                link(m_html.sliced(valueStart, valueEnd - valueStart));
        }
        return size;
    }

    void link(QStringView value)
    {
        // A URL attribute loses leading and trailing white space, and tabs and newlines inside
        // (WHATWG URL parser).
        QString url = LinkExtractor::decodeEntities(value).trimmed();
        url.remove(u'\t').remove(u'\n').remove(u'\r');
        if (startsWithUrlScheme(url) && url.size() > url.indexOf(u"://") + 3)
            m_collector.add(std::move(url), true);
    }

    QStringView m_html;
    Collector &m_collector;
};

} // namespace

QString LinkExtractor::decodeEntities(QStringView value)
{
    if (!value.contains(u'&'))
        return value.toString();
    struct Named
    {
        const char16_t *name;
        char16_t character;
    };
    static constexpr Named kNamed[] = {{u"amp", u'&'},  {u"lt", u'<'},     {u"gt", u'>'},
                                       {u"quot", u'"'}, {u"apos", u'\''},  {u"nbsp", 0xa0},
                                       {u"sol", u'/'},  {u"colon", u':'},  {u"quest", u'?'},
                                       {u"num", u'#'},  {u"equals", u'='}, {u"percnt", u'%'}};
    QString out;
    out.reserve(value.size());
    qsizetype i = 0;
    while (i < value.size()) {
        const QChar c = value.at(i);
        if (c != u'&') {
            out.append(c);
            ++i;
            continue;
        }
        // References are short; a ";" further away than this is not the end of one.
        const qsizetype semicolon = value.indexOf(u';', i + 1);
        if (semicolon < 0 || semicolon - i > 12) {
            out.append(c);
            ++i;
            continue;
        }
        const QStringView name = value.sliced(i + 1, semicolon - i - 1);
        bool decoded = false;
        if (name.startsWith(u'#')) {
            bool ok = false;
            const uint code = (name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X'))
                                  ? name.sliced(2).toUInt(&ok, 16)
                                  : name.sliced(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
                const char32_t character = code;
                out.append(QString::fromUcs4(&character, 1));
                decoded = true;
            }
        } else {
            for (const Named &named : kNamed) {
                if (name == QStringView(named.name)) {
                    out.append(QChar(named.character));
                    decoded = true;
                    break;
                }
            }
        }
        if (decoded) {
            i = semicolon + 1;
        } else {
            out.append(c);
            ++i;
        }
    }
    return out;
}

LinkExtractor::Links LinkExtractor::extract(QStringView html, QStringView text, qsizetype maxLinks)
{
    Collector collector(maxLinks);
    HtmlScanner(html, collector).run();
    if (!collector.stopped())
        scanText(text, false, collector);
    return collector.take();
}
