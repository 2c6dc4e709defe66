#pragma once

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/config/datasource.h"
#include "engine/config/kafkareaderconfig.h"
#include "engine/core/kafkamessage.h"
#include "engine/core/log.h"
#include "engine/core/messagesource.h"
#include "engine/core/recordsink.h"
#include "engine/core/stoptoken.h"
#include "engine/core/tableschema.h"
#include "engine/odpssql/queryresult.h"

namespace kmsync::engine {

// Everything kmsync does with one kind of datasource: connect, test, list, and open it as a source or a sink.
// Each kind has one section in connector.cpp (Kafka, MaxCompute, local warehouse), and connectorFor() picks it.
// The front doors use only this: a run and a preview (taskrunner.cpp, preview.cpp: the CLI's run and preview, the
// GUI's run panel and message preview) open their source and sink here, the production check lists topics here,
// destination.h (the CLI's sql, query and ddl --apply, and the GUI's table lists, query panel and "Create table")
// and the GUI's "Test connection" and topic list. To add a kind, see engine/config/datasourcekind.h.
//
// An operation that a kind does not have (the topics of a warehouse, the tables of a Kafka cluster) returns the
// Error "config.datasource_type" naming the datasource and its type. `stop` cuts network calls short with the
// Error kCancelledCode; it must outlive what is returned (a sink keeps it).
// How a run or a preview opens the task's source.
struct SourceOptions
{
    QString fieldPrefix;                     // errors name the reader's fields with it, e.g. "steps[0].parameter"
    int timeoutMs = 10000;                   // for every broker request
    std::map<int32_t, int64_t> startOffsets; // per-partition starts that replace the reader's begin (--from-ledger)
    bool readHeaders = true;                 // false when nothing maps __headers__: skips parsing them per message
    LogFn log;
};

// A source, not connected yet (MessageSource::open() connects), and the time window it reads.
struct OpenedSource
{
    std::unique_ptr<MessageSource> source;
    std::optional<int64_t> windowBeginMs; // the reader's [begin, end) when both are times (the run's window audit)
    std::optional<int64_t> windowEndMs;
};

class Connector
{
public:
    virtual ~Connector() = default;

    // "Test connection": connects and says in plain words what it found (brokers and topics, or tables).
    virtual Result<QString> testConnection(const config::Datasource &datasource, const StopToken &stop) const = 0;

    // A source: its topic names, sorted, without internal ones.
    virtual Result<QStringList> listTopics(const config::Datasource &datasource, int timeoutMs,
                                           const StopToken &stop) const;
    // A source: the range the task's reader names (an Error names the reader field that is wrong).
    virtual Result<OpenedSource> openSource(const config::Datasource &datasource,
                                            const config::KafkaReaderConfig &reader,
                                            const SourceOptions &options) const;
    // A source: up to `limit` of the newest messages of a topic (newest first), whatever range a task names.
    virtual Result<std::vector<KafkaMessage>> latestMessages(const config::Datasource &datasource, const QString &topic,
                                                             int limit, int timeoutMs, const StopToken &stop) const;

    // A destination: the sink a run writes through, with the task's speed settings.
    virtual Result<std::unique_ptr<RecordSink>> openSink(const config::Datasource &datasource, const StopToken &stop,
                                                         const LogFn &log, const SinkOptions &options) const;
    // Runs MaxCompute DDL; one line per statement saying what it did.
    virtual Result<QStringList> runSql(const config::Datasource &datasource, const QString &sql, const StopToken &stop,
                                       const LogFn &log) const;
    // A read-only query; at most maxRows rows (<= 0: all).
    virtual Result<QueryResult> query(const config::Datasource &datasource, const QString &sql, int maxRows,
                                      const StopToken &stop, const LogFn &log) const;
    virtual Result<QStringList> listTables(const config::Datasource &datasource, const StopToken &stop,
                                           const LogFn &log) const;
    // Every table with its schema, for a table picker: a table whose schema cannot be read is left out; a missing
    // local warehouse is an error (it is not created).
    virtual Result<std::vector<TableSchema>> tableSchemas(const config::Datasource &datasource,
                                                          const StopToken &stop) const;
};

// The connector of a kind; it lives as long as the program.
const Connector &connectorFor(config::DatasourceKind kind);

// How long a Kafka metadata call of testConnection() waits.
inline constexpr int kConnectTimeoutMs = 10000;

} // namespace kmsync::engine
