#pragma once

#include <vector>

#include <QByteArray>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QString>

#include "engine/core/tableschema.h"

// Small HTTP and format helpers the test server's REST (mcserver.cpp) and Tunnel (mcservertunnel.cpp) halves share.
namespace kmsync::test::mcserverhttp {

using Query = QList<QPair<QString, QString>>;

// The largest block id the Tunnel accepts, plus one.
constexpr qint64 kMaxBlockId = 20000;

QByteArray methodName(QHttpServerRequest::Method m);
// The query as the signer sees it: split the raw (encoded) query, then percent-decode names and values.
Query parseQuery(const QByteArray &raw);
bool has(const Query &q, const char *name);
QString get(const Query &q, const char *name);
QByteArray headerOf(const QHttpServerRequest &r, const QByteArray &name);
bool inflateZlib(const QByteArray &in, QByteArray &out);
// The partition forms both SDKs send (pyodps and the Java SDK alike): to the Tunnel, k=v[,k2=v2] with the quotes
// stripped; to the REST API (partition metadata), k='v'[,k2='v2']. Exactly the two ways PartitionSpec prints a spec.
bool isTunnelSpecForm(const QString &spec);
bool isQuotedSpecForm(const QString &spec);
// Columns as the service's table and session JSON list them.
QJsonArray columnsJson(const std::vector<engine::ColumnDef> &cols);

} // namespace kmsync::test::mcserverhttp
