#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/maxcompute/odpstransport.h"
#include "engine/odpssql/partitionspec.h"
#include "engine/odpssql/queryresult.h"

namespace kmsync::engine::maxcompute {

using odpssql::PartitionSpec;

// MaxCompute REST client: the catalogue, SQL instances and partitions. Its HTTP goes through an OdpsTransport
// (signing, retries, stop-token waits, error mapping), which TunnelSink shares for the Tunnel. Blocking, works from
// any thread that has a QCoreApplication in the process (no GUI needed). Copyable value.
class OdpsClient
{
public:
    static Result<OdpsClient> create(const QJsonObject &connection, OdpsClientOptions options = {});
    static Result<OdpsClient> create(OdpsConnection connection, OdpsClientOptions options = {});

    const QString &project() const { return connection().project; }
    const OdpsConnection &connection() const { return m_http.connection(); }
    const OdpsClientOptions &options() const { return m_http.options(); }
    void setOptions(OdpsClientOptions options) { m_http.setOptions(std::move(options)); }
    bool stopRequested() const { return m_http.stopRequested(); }
    // The HTTP exchanges this client makes (TunnelSink sends its Tunnel requests through it too).
    OdpsTransport &transport() { return m_http; }

    // Catalogue.
    Result<QStringList> listTables();
    // Data columns (Tunnel order) and partition keys. 404 → "sink.no_such_table"; an unsupported column type
    // (ARRAY, MAP, STRUCT, ...) → "sink.unsupported_type".
    Result<TableSchema> tableSchema(const QString &table);
    Result<bool> tableExists(const QString &table);
    Result<bool> partitionExists(const QString &table, const PartitionSpec &spec);

    // SQL instances. runSql waits until the instance terminates and fails with the server's error text; stopped while
    // it waits, it asks the service to terminate the instance (best effort, one short request) and returns;
    // settings become the task's "settings" JSON. A CREATE/ALTER TABLE that uses a 2.0 type (INT, DATE, VARCHAR,
    // DECIMAL(p,s), ...) gets odps.sql.type.system.odps2=true unless `settings` says otherwise.
    Result<void> runSql(const QString &sql, const QMap<QString, QString> &settings = {});
    // The service's CSV result as text cells, \N as NULL, no column types. maxRows > 0 keeps that many rows and
    // sets `truncated` when there were more.
    Result<QueryResult> query(const QString &sql, const QMap<QString, QString> &settings = {}, int maxRows = 0);
    // ALTER TABLE `p`.`t` ADD|DROP IF [NOT] EXISTS PARTITION (k='v', ...).
    Result<void> addPartition(const QString &table, const PartitionSpec &spec);
    Result<void> dropPartition(const QString &table, const PartitionSpec &spec);
    // Settings a DDL needs: odps2 type system when `sql` uses a 2.0 type of `schema` (for DDL text, runSql asks
    // odpssql::ddlUsesOdps2Types).
    static QMap<QString, QString> settingsFor(const TableSchema &schema);

    // The Tunnel endpoint: the configured one, or discovered with GET /projects/{p}/tunnel?service (cached).
    Result<QUrl> tunnelEndpoint() { return m_http.tunnelEndpoint(); }

    static QString quoteIdentifier(const QString &name);

private:
    explicit OdpsClient(OdpsTransport http);
    // taskName: the SQL task's name; the SDKs call a partition DDL SQLAddPartitionTask / SQLDropPartitionTask.
    // ALTER TABLE `p`.`t` <change> PARTITION (k='v'), as the SDKs' partition DDL task named taskName.
    Result<void> partitionDdl(const QString &table, const PartitionSpec &spec, const QString &change,
                              const QString &taskName);
    Result<QString> runInstance(const QString &sql, const QMap<QString, QString> &settings, bool wantResult,
                                const QString &taskName = QStringLiteral("AnonymousSQLTask"));
    void terminateInstance(const QString &instancePath);

    OdpsTransport m_http;
};

} // namespace kmsync::engine::maxcompute
