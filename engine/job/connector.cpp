#include "engine/job/connector.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include "engine/kafka/kafkaadmin.h"
#include "engine/kafka/kafkasource.h"
#include "engine/kafka/kafkasourceoptions.h"
#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelsink.h"
#include "engine/warehouse/localwarehouse.h"
#include "engine/odpssql/mcsql.h"

namespace kmsync::engine {

using config::Datasource;
using config::DatasourceKind;

namespace {

Error wrongKind(const Datasource &datasource, const QString &sentence)
{
    return makeError(QStringLiteral("config.datasource_type"),
                     sentence.arg(datasource.name, config::datasourceKindName(datasource.kind)));
}

Error notADestination(const Datasource &datasource)
{
    return wrongKind(datasource,
                     QStringLiteral("datasource \"%1\" has type \"%2\"; a destination is a local or an odps "
                                    "datasource"));
}

Error notASource(const Datasource &datasource)
{
    return wrongKind(datasource, QStringLiteral("Datasource \"%1\" is of type %2, not kafka."));
}

} // namespace

// What a kind does not have.

Result<QStringList> Connector::listTopics(const Datasource &datasource, int, const StopToken &) const
{
    return notASource(datasource);
}

Result<OpenedSource> Connector::openSource(const Datasource &datasource, const config::KafkaReaderConfig &,
                                           const SourceOptions &) const
{
    return notASource(datasource);
}

Result<std::vector<KafkaMessage>> Connector::latestMessages(const Datasource &datasource, const QString &, int, int,
                                                            const StopToken &) const
{
    return notASource(datasource);
}

Result<std::unique_ptr<RecordSink>> Connector::openSink(const Datasource &datasource, const StopToken &, const LogFn &,
                                                        const SinkOptions &) const
{
    return notADestination(datasource);
}

Result<QStringList> Connector::runSql(const Datasource &datasource, const QString &, const StopToken &,
                                      const LogFn &) const
{
    return notADestination(datasource);
}

Result<QueryResult> Connector::query(const Datasource &datasource, const QString &, int, const StopToken &,
                                     const LogFn &) const
{
    return notADestination(datasource);
}

Result<QStringList> Connector::listTables(const Datasource &datasource, const StopToken &, const LogFn &) const
{
    return notADestination(datasource);
}

Result<std::vector<TableSchema>> Connector::tableSchemas(const Datasource &datasource, const StopToken &) const
{
    return wrongKind(datasource, QStringLiteral("Datasource \"%1\" is of type %2; tables live in local or odps "
                                                "datasources."));
}

namespace {

// Kafka ("kafka"): a cluster given by librdkafka properties, or {"sandbox": true}. The source of every task: a run
// and a preview open it with the task's reader.
class KafkaConnector final : public Connector
{
public:
    Result<OpenedSource> openSource(const Datasource &datasource, const config::KafkaReaderConfig &reader,
                                    const SourceOptions &options) const override
    {
        const QJsonObject parameter = reader.toStep().value(QStringLiteral("parameter")).toObject();
        auto sourceOptions = kafka::KafkaSourceOptions::fromReader(parameter, datasource.connection, options.timeoutMs,
                                                                   options.fieldPrefix);
        if (!sourceOptions.ok())
            return sourceOptions.error();
        if (!options.startOffsets.empty())
            sourceOptions->startOffsets = options.startOffsets;
        sourceOptions->readHeaders = options.readHeaders;
        OpenedSource opened;
        if (sourceOptions->begin.kind == kafka::OffsetSpec::Kind::Time
            && sourceOptions->end.kind == kafka::OffsetSpec::Kind::Time) {
            opened.windowBeginMs = sourceOptions->begin.value;
            opened.windowEndMs = sourceOptions->end.value;
        }
        opened.source = std::make_unique<kafka::KafkaSource>(std::move(sourceOptions.value()), options.log);
        return opened;
    }

    Result<std::vector<KafkaMessage>> latestMessages(const Datasource &datasource, const QString &topic, int limit,
                                                     int timeoutMs, const StopToken &stop) const override
    {
        return kafka::fetchSample(datasource.connection, topic, limit, kafka::SampleRange::latestMessages(), timeoutMs,
                                  &stop);
    }

    Result<QString> testConnection(const Datasource &datasource, const StopToken &stop) const override
    {
        return kafka::testConnection(datasource.connection, kConnectTimeoutMs, &stop);
    }

    Result<QStringList> listTopics(const Datasource &datasource, int timeoutMs, const StopToken &stop) const override
    {
        return kafka::listTopics(datasource.connection, timeoutMs, &stop);
    }
};

// MaxCompute ("odps"): a project reached through REST (catalogue, SQL) and Tunnel (the sink).
class MaxComputeConnector final : public Connector
{
public:
    Result<QString> testConnection(const Datasource &datasource, const StopToken &stop) const override
    {
        auto tables = listTables(datasource, stop, {});
        if (!tables)
            return tables.error();
        return QCoreApplication::translate("Connector", "Connected to MaxCompute project %1: %2 table(s).")
            .arg(datasource.connection.value(QLatin1String("project")).toString())
            .arg(tables->size());
    }

    Result<std::unique_ptr<RecordSink>> openSink(const Datasource &datasource, const StopToken &stop, const LogFn &log,
                                                 const SinkOptions &sinkOptions) const override
    {
        auto client = odpsClient(datasource, stop, log);
        if (!client.ok())
            return client.error();
        maxcompute::TunnelSinkOptions options;
        options.log = log;
        options.concurrent = sinkOptions.concurrent;
        options.maxBytesPerSecond = sinkOptions.mbps > 0 ? sinkOptions.mbps * 1024.0 * 1024.0 : 0;
        // Read Kafka while the partition and the upload session are made: with the service far away those round
        // trips would otherwise come before the first message.
        options.overlapSetup = true;
        return std::unique_ptr<RecordSink>(
            std::make_unique<maxcompute::TunnelSink>(std::move(client.value()), options));
    }

    Result<QStringList> runSql(const Datasource &datasource, const QString &sql, const StopToken &stop,
                               const LogFn &log) const override
    {
        // Parse first so that a typo fails here, with its position, before anything reaches the service.
        auto statements = odpssql::parseScript(sql);
        if (!statements.ok())
            return statements.error();
        auto client = odpsClient(datasource, stop, log);
        if (!client.ok())
            return client.error();
        if (auto ran = client->runSql(sql); !ran.ok())
            return ran.error();
        return QStringList{QCoreApplication::translate("Connector", "ran %1 statement(s) on MaxCompute project %2")
                               .arg(statements->size())
                               .arg(client->project())};
    }

    Result<QueryResult> query(const Datasource &datasource, const QString &sql, int maxRows, const StopToken &stop,
                              const LogFn &log) const override
    {
        // Refuse anything but a query before it reaches the service (the local warehouse checks the same way).
        static const QRegularExpression readOnly(QStringLiteral(R"(^\s*(--[^\n]*\n\s*)*(select|with)\b)"),
                                                 QRegularExpression::CaseInsensitiveOption);
        if (!readOnly.match(sql).hasMatch()
            || sql.trimmed().chopped(sql.trimmed().endsWith(QLatin1Char(';')) ? 1 : 0).contains(QLatin1Char(';'))) {
            return makeError(QStringLiteral("query.not_read_only"),
                             QCoreApplication::translate(
                                 "Connector", "only one read-only SELECT (or WITH ... SELECT) can run as a query"));
        }
        auto client = odpsClient(datasource, stop, log);
        if (!client.ok())
            return client.error();
        return client->query(sql, {}, maxRows); // \N read as NULL, cut at maxRows
    }

    Result<QStringList> listTables(const Datasource &datasource, const StopToken &stop, const LogFn &log) const override
    {
        auto client = odpsClient(datasource, stop, log);
        if (!client.ok())
            return client.error();
        return client->listTables();
    }

    Result<std::vector<TableSchema>> tableSchemas(const Datasource &datasource, const StopToken &stop) const override
    {
        auto names = listTables(datasource, stop, {});
        if (!names)
            return names.error();
        std::vector<TableSchema> tables;
        for (const QString &name : *names) {
            auto sink = openSink(datasource, stop, {}, {});
            auto schema = sink ? sink.value()->tableSchema(name) : Result<TableSchema>(sink.error());
            if (schema)
                tables.push_back(*schema);
            else if (schema.error().code == QLatin1String(kCancelledCode))
                return schema.error();
        }
        return tables;
    }

private:
    static Result<maxcompute::OdpsClient> odpsClient(const Datasource &datasource, const StopToken &stop,
                                                     const LogFn &log)
    {
        maxcompute::OdpsClientOptions options;
        options.log = log;
        options.stop = &stop;
        return maxcompute::OdpsClient::create(datasource.connection, options);
    }
};

// The local warehouse ("local"): a SQLite file that speaks MaxCompute DDL; "path" is made absolute at load.
class LocalConnector final : public Connector
{
public:
    Result<QString> testConnection(const Datasource &datasource, const StopToken &) const override
    {
        auto warehouse = openExisting(datasource);
        if (!warehouse)
            return warehouse.error();
        auto tables = (*warehouse)->tables();
        if (!tables)
            return tables.error();
        return QCoreApplication::translate("Connector", "Opened %1: %2 table(s).")
            .arg(QDir::toNativeSeparators(path(datasource)))
            .arg(tables->size());
    }

    Result<std::unique_ptr<RecordSink>> openSink(const Datasource &datasource, const StopToken &, const LogFn &,
                                                 const SinkOptions &) const override
    {
        auto warehouse = warehouse::LocalWarehouse::open(path(datasource));
        if (!warehouse.ok())
            return warehouse.error();
        return std::unique_ptr<RecordSink>(std::move(warehouse.value()));
    }

    Result<QStringList> runSql(const Datasource &datasource, const QString &sql, const StopToken &,
                               const LogFn &) const override
    {
        auto warehouse = warehouse::LocalWarehouse::open(path(datasource));
        if (!warehouse.ok())
            return warehouse.error();
        return warehouse.value()->executeSql(sql);
    }

    Result<QueryResult> query(const Datasource &datasource, const QString &sql, int maxRows, const StopToken &,
                              const LogFn &) const override
    {
        return warehouse::LocalWarehouse::queryFile(path(datasource), sql, maxRows);
    }

    Result<QStringList> listTables(const Datasource &datasource, const StopToken &, const LogFn &) const override
    {
        auto warehouse = warehouse::LocalWarehouse::open(path(datasource));
        if (!warehouse.ok())
            return warehouse.error();
        return warehouse.value()->tables();
    }

    Result<std::vector<TableSchema>> tableSchemas(const Datasource &datasource, const StopToken &) const override
    {
        auto warehouse = openExisting(datasource);
        if (!warehouse)
            return warehouse.error();
        auto names = (*warehouse)->tables();
        if (!names)
            return names.error();
        std::vector<TableSchema> tables;
        for (const QString &name : *names) {
            if (auto schema = (*warehouse)->tableSchema(name))
                tables.push_back(*schema);
        }
        return tables;
    }

private:
    static QString path(const Datasource &datasource)
    {
        return datasource.connection.value(QLatin1String("path")).toString();
    }

    static Result<std::unique_ptr<warehouse::LocalWarehouse>> openExisting(const Datasource &datasource)
    {
        warehouse::WarehouseOptions options;
        options.create = false;
        return warehouse::LocalWarehouse::open(path(datasource), options);
    }
};

} // namespace

const Connector &connectorFor(DatasourceKind kind)
{
    static const KafkaConnector kafka;
    static const MaxComputeConnector maxCompute;
    static const LocalConnector local;
    switch (kind) {
    case DatasourceKind::Kafka:
        return kafka;
    case DatasourceKind::MaxCompute:
        return maxCompute;
    case DatasourceKind::Local:
        return local;
    }
    return kafka; // not reached: every kind has its case
}

} // namespace kmsync::engine
