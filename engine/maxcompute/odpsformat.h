#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// The text formats of the MaxCompute REST API: XML bodies (catalogue, instances, errors) and the CSV of an SQL
// instance's result. Used by OdpsTransport (error bodies) and OdpsClient.
namespace kmsync::engine::maxcompute::odpsformat {

// Text of every element named `name`, in document order.
QStringList xmlTexts(const QByteArray &xml, const QString &name);
// The first of them, or "".
QString xmlText(const QByteArray &xml, const QString &name);
// `text` as one CDATA section (a "]]>" inside is split across two).
QString cdata(const QString &text);
QString xmlEscape(const QString &s);
// RFC 4180 CSV (quotes optional), as SQL instance results come.
QList<QStringList> parseCsv(const QString &text);

} // namespace kmsync::engine::maxcompute::odpsformat
