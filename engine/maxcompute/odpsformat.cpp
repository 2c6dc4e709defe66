#include "engine/maxcompute/odpsformat.h"

#include <QXmlStreamReader>

namespace kmsync::engine::maxcompute::odpsformat {

QStringList xmlTexts(const QByteArray &xml, const QString &name)
{
    QStringList out;
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        if (r.readNext() == QXmlStreamReader::StartElement && r.name() == name)
            out << r.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    return out;
}

QString xmlText(const QByteArray &xml, const QString &name)
{
    const QStringList all = xmlTexts(xml, name);
    return all.isEmpty() ? QString() : all.first();
}

QString cdata(const QString &text)
{
    QString escaped = text;
    escaped.replace(QStringLiteral("]]>"), QStringLiteral("]]]]><![CDATA[>"));
    return QStringLiteral("<![CDATA[") + escaped + QStringLiteral("]]>");
}

QString xmlEscape(const QString &s)
{
    return s.toHtmlEscaped();
}

QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any || !field.isEmpty()) {
                row << field;
                rows << row;
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

} // namespace kmsync::engine::maxcompute::odpsformat
