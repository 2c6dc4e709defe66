#include "engine/warehouse/csvwriter.h"

namespace kmsync::engine::warehouse {

QString csvField(const QString &text)
{
    bool needsQuotes = false;
    for (const QChar c : text) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n') {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return text;
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (const QChar c : text) {
        if (c == u'"')
            out += u'"';
        out += c;
    }
    out += u'"';
    return out;
}

QString csvRecord(const std::vector<std::optional<QString>> &fields)
{
    QString out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += u',';
        if (fields[i])
            out += csvField(*fields[i]);
    }
    return out;
}

QString csvRecord(const QStringList &fields)
{
    QString out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += u',';
        out += csvField(fields[i]);
    }
    return out;
}

QByteArray toCsv(const QueryResult &result, CsvLineEnd lineEnd)
{
    const QByteArray eol = lineEnd == CsvLineEnd::CrLf ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    QByteArray out = csvRecord(result.columns).toUtf8() + eol;
    for (const auto &row : result.rows)
        out += csvRecord(row).toUtf8() + eol;
    return out;
}

} // namespace kmsync::engine::warehouse
