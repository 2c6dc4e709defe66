#include "engine/config/jsonpath.h"

namespace kmsync::engine::config {

namespace {

Error pathError(const QString &text, qsizetype index, const QString &what)
{
    return makeError(QStringLiteral("config.json_path"),
                     QStringLiteral("JSON path \"%1\": %2 at position %3").arg(text, what).arg(index + 1));
}

bool isPlainKeyChar(QChar c)
{
    return c != QLatin1Char('.') && c != QLatin1Char('[') && c != QLatin1Char(']') && c != QLatin1Char('"');
}

} // namespace

Result<JsonPath> JsonPath::parse(const QString &text)
{
    JsonPath path;
    path.m_text = text;
    const qsizetype n = text.size();
    if (n == 0)
        return makeError(QStringLiteral("config.json_path"), QStringLiteral("JSON path is empty"));
    qsizetype i = 0;
    bool expectKey = true; // at the start and after '.'
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('[')) {
            if (expectKey && i > 0)
                return pathError(text, i, QStringLiteral("expected a field name after '.', found '['"));
            ++i;
            if (i >= n)
                return pathError(text, i, QStringLiteral("expected a number or a quoted key after '['"));
            const QChar open = text.at(i);
            if (open == QLatin1Char('"')) {
                const qsizetype quoteAt = i;
                ++i;
                QString key;
                bool closed = false;
                while (i < n) {
                    const QChar k = text.at(i);
                    if (k == QLatin1Char('\\')) {
                        if (i + 1 >= n)
                            return pathError(text, i, QStringLiteral("unfinished escape"));
                        const QChar e = text.at(i + 1);
                        if (e != QLatin1Char('"') && e != QLatin1Char('\\'))
                            return pathError(text, i, QStringLiteral("unknown escape '\\%1' (allowed: \\\" and \\\\)").arg(e));
                        key += e;
                        i += 2;
                        continue;
                    }
                    if (k == open) {
                        closed = true;
                        ++i;
                        break;
                    }
                    key += k;
                    ++i;
                }
                if (!closed)
                    return pathError(text, quoteAt, QStringLiteral("unterminated quote %1").arg(open));
                if (i >= n || text.at(i) != QLatin1Char(']'))
                    return pathError(text, i, QStringLiteral("expected ']' after the quoted key"));
                ++i;
                path.m_segments.emplace_back(key);
            } else if (open.isDigit()) {
                const qsizetype start = i;
                while (i < n && text.at(i).isDigit())
                    ++i;
                if (i >= n || text.at(i) != QLatin1Char(']'))
                    return pathError(text, i, QStringLiteral("expected ']' after the array index"));
                bool ok = false;
                const int index = text.mid(start, i - start).toInt(&ok);
                if (!ok)
                    return pathError(text, start, QStringLiteral("array index is too large"));
                ++i;
                path.m_segments.emplace_back(index);
            } else {
                return pathError(text, i, QStringLiteral("expected a number or a \"quoted key\" after '[', found '%1'").arg(open));
            }
            expectKey = false;
            if (i < n && text.at(i) != QLatin1Char('.') && text.at(i) != QLatin1Char('['))
                return pathError(text, i, QStringLiteral("expected '.', '[' or the end after ']', found '%1'").arg(text.at(i)));
        } else if (c == QLatin1Char('.')) {
            if (expectKey)
                return pathError(text, i, QStringLiteral("empty field name"));
            expectKey = true;
            ++i;
            if (i >= n)
                return pathError(text, i, QStringLiteral("expected a field name after '.'"));
        } else if (c == QLatin1Char(']')) {
            return pathError(text, i, QStringLiteral("']' without '['"));
        } else if (c == QLatin1Char('"')) {
            return pathError(text, i, QStringLiteral("a quoted key must be written in brackets, e.g. [\"a.b\"]"));
        } else {
            if (!expectKey)
                return pathError(text, i, QStringLiteral("expected '.' or '[' before '%1'").arg(c));
            const qsizetype start = i;
            while (i < n && isPlainKeyChar(text.at(i)))
                ++i;
            path.m_segments.emplace_back(text.mid(start, i - start));
            expectKey = false;
        }
    }
    return path;
}

QString JsonPath::toString() const
{
    QString out;
    for (const Segment &segment : m_segments) {
        if (const int *index = std::get_if<int>(&segment)) {
            out += QStringLiteral("[%1]").arg(*index);
            continue;
        }
        const QString &key = std::get<QString>(segment);
        bool plain = !key.isEmpty();
        for (QChar c : key) {
            if (!isPlainKeyChar(c))
                plain = false;
        }
        // a first key that would read as a Kafka field or a 'constant' needs quotes too
        if (out.isEmpty() && (key.startsWith(QLatin1Char('\'')) || (key.startsWith(QLatin1String("__")) && key.endsWith(QLatin1String("__")))))
            plain = false;
        if (plain) {
            if (!out.isEmpty())
                out += QLatin1Char('.');
            out += key;
        } else {
            QString escaped = key;
            escaped.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\""));
            out += QStringLiteral("[\"%1\"]").arg(escaped);
        }
    }
    return out;
}

QString JsonPath::columnName() const
{
    QString raw;
    for (const Segment &segment : m_segments) {
        if (!raw.isEmpty())
            raw += QLatin1Char('_');
        if (const int *index = std::get_if<int>(&segment))
            raw += QString::number(*index);
        else
            raw += std::get<QString>(segment);
    }
    QString out;
    for (QChar c : raw.toLower()) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (keep)
            out += c;
        else if (!out.endsWith(QLatin1Char('_')))
            out += QLatin1Char('_');
    }
    while (out.startsWith(QLatin1Char('_')))
        out.remove(0, 1);
    while (out.endsWith(QLatin1Char('_')))
        out.chop(1);
    if (out.isEmpty() || out.at(0).isDigit())
        out.prepend(QStringLiteral("col_"));
    return out;
}

} // namespace kmsync::engine::config
