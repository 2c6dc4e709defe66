#include "engine/mapping/jsonpath.h"

#include <limits>

#include "engine/mapping/sourcefield.h"

namespace kmsync::engine::mapping {

namespace {

Error syntaxError(const QString &text, qsizetype index, const QString &what)
{
    return makeError(QStringLiteral("mapping.path_syntax"),
                     QStringLiteral("JSON path \"%1\": %2 at position %3").arg(text, what).arg(index + 1));
}

bool isPlainKeyChar(QChar c)
{
    return c != QLatin1Char('.') && c != QLatin1Char('[') && c != QLatin1Char(']') && c != QLatin1Char('"');
}

bool needsQuotes(const std::string &key, bool first)
{
    if (key.empty())
        return true;
    for (const char c : key) {
        if (c == '.' || c == '[' || c == ']' || c == '"')
            return true;
    }
    if (first) {
        if (key.front() == '\'')
            return true;
        if (SourceField::isDefaultFieldName(QString::fromStdString(key)))
            return true;
    }
    return false;
}

QString quoted(const std::string &key)
{
    QString out = QStringLiteral("[\"");
    for (const QChar c : QString::fromStdString(key)) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QStringLiteral("\"]");
    return out;
}

} // namespace

Result<JsonPath> JsonPath::parse(const QString &text)
{
    JsonPath path;
    const qsizetype n = text.size();
    if (n == 0)
        return makeError(QStringLiteral("mapping.path_syntax"), QStringLiteral("JSON path is empty"));
    qsizetype i = 0;
    bool expectKey = true; // at the start, or after '.'
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('[')) {
            if (expectKey && i > 0)
                return syntaxError(text, i, QStringLiteral("expected a key name after '.', found '['"));
            ++i;
            if (i >= n)
                return syntaxError(text, i, QStringLiteral("expected an index or a \"quoted key\" after '['"));
            Segment seg;
            if (text.at(i) == QLatin1Char('"')) {
                const qsizetype open = i;
                ++i;
                QString key;
                bool closed = false;
                while (i < n) {
                    const QChar k = text.at(i);
                    if (k == QLatin1Char('\\')) {
                        if (i + 1 >= n)
                            break;
                        const QChar e = text.at(i + 1);
                        if (e != QLatin1Char('"') && e != QLatin1Char('\\')) {
                            return syntaxError(text, i,
                                               QStringLiteral("unknown escape '\\%1' in a quoted key (only \\\" and "
                                                              "\\\\ are allowed)")
                                                   .arg(e));
                        }
                        key += e;
                        i += 2;
                        continue;
                    }
                    if (k == QLatin1Char('"')) {
                        closed = true;
                        ++i;
                        break;
                    }
                    key += k;
                    ++i;
                }
                if (!closed)
                    return syntaxError(text, open, QStringLiteral("unterminated quoted key starting"));
                if (i >= n || text.at(i) != QLatin1Char(']'))
                    return syntaxError(text, i, QStringLiteral("expected ']' after the quoted key"));
                ++i;
                seg.key = key.toStdString();
            } else {
                const qsizetype start = i;
                std::size_t value = 0;
                while (i < n && text.at(i).isDigit() && text.at(i).unicode() < 128) {
                    const std::size_t digit = std::size_t(text.at(i).unicode() - '0');
                    if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10)
                        return syntaxError(text, start, QStringLiteral("array index too large"));
                    value = value * 10 + digit;
                    ++i;
                }
                if (i == start) {
                    return syntaxError(text, i,
                                       QStringLiteral(
                                           "expected an array index (digits) or a \"quoted key\" after '['"));
                }
                if (i >= n || text.at(i) != QLatin1Char(']'))
                    return syntaxError(text, i, QStringLiteral("expected ']' after the array index"));
                ++i;
                seg.isIndex = true;
                seg.index = value;
            }
            path.m_segments.push_back(std::move(seg));
            expectKey = false;
            continue;
        }
        if (c == QLatin1Char('.')) {
            if (expectKey)
                return syntaxError(text, i, QStringLiteral("expected a key name, found '.'"));
            ++i;
            if (i >= n)
                return syntaxError(text, i, QStringLiteral("expected a key name after '.'"));
            expectKey = true;
            continue;
        }
        if (c == QLatin1Char(']'))
            return syntaxError(text, i, QStringLiteral("unexpected ']'"));
        if (c == QLatin1Char('"'))
            return syntaxError(text, i, QStringLiteral("unexpected '\"' (quoted keys are written [\"key\"])"));
        if (!expectKey)
            return syntaxError(text, i, QStringLiteral("expected '.' or '[' after ']'"));
        const qsizetype start = i;
        while (i < n && isPlainKeyChar(text.at(i)))
            ++i;
        Segment seg;
        seg.key = text.mid(start, i - start).toStdString();
        path.m_segments.push_back(std::move(seg));
        expectKey = false;
    }
    return path;
}

QString JsonPath::toString() const
{
    QString out;
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
        const Segment &seg = m_segments[i];
        if (seg.isIndex) {
            out += QStringLiteral("[%1]").arg(seg.index);
        } else if (needsQuotes(seg.key, i == 0)) {
            out += quoted(seg.key);
        } else {
            if (i > 0)
                out += QLatin1Char('.');
            out += QString::fromStdString(seg.key);
        }
    }
    return out;
}

} // namespace kmsync::engine::mapping
