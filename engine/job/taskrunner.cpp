#include "engine/job/taskrunner.h"

#include <mutex>
#include <thread>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUuid>

#include "engine/core/crashhandler.h"
#include "engine/job/destination.h"
#include "engine/job/ledger.h"
#include "engine/kafka/kafkasource.h"
#include "engine/kafka/kafkasourceoptions.h"
#include "engine/mapping/recordmapper.h"

namespace kmsync::engine {

namespace {

QString sanitizeForFileName(QString text)
{
    for (QChar &c : text) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('='))
            c = QLatin1Char('_');
    }
    return text;
}

bool isBadInputCode(const QString &code)
{
    return code.startsWith(QLatin1String("config.")) || code.startsWith(QLatin1String("mapping."))
        || code.startsWith(QLatin1String("datasource.")) || code == QLatin1String("sink.no_such_table")
        || code == QLatin1String("sink.invalid_partition_spec") || code == QLatin1String("kafka.topic_missing")
        || code == QLatin1String("kafka.config") || code == QLatin1String("ledger.corrupt");
}

} // namespace

QString readerWindow(const config::TaskConfig &task)
{
    const config::KafkaReaderConfig &r = task.reader;
    auto bound = [](const std::optional<QString> &dateTime, const QJsonValue &offset, const QJsonValue &millis) {
        if (dateTime && !dateTime->isEmpty())
            return *dateTime;
        if (!millis.isUndefined() && !millis.isNull())
            return QStringLiteral("ms:") + millis.toVariant().toString();
        if (!offset.isUndefined() && !offset.isNull())
            return QStringLiteral("offset:") + offset.toVariant().toString();
        return QStringLiteral("-");
    };
    QString text = QStringLiteral("topic=%1 begin=%2 end=%3")
                       .arg(r.topic, bound(r.beginDateTime, r.beginOffset, r.beginTimestampMillis),
                            bound(r.endDateTime, r.endOffset, r.endTimestampMillis));
    if (r.timeZone && !r.timeZone->isEmpty())
        text += QStringLiteral(" timeZone=") + *r.timeZone;
    if (const auto partition = r.partitionValue())
        text += QStringLiteral(" partition=%1").arg(*partition);
    return text;
}

QString ledgerTaskKey(const config::ResolvedTask &resolved)
{
    return QFileInfo(resolved.taskPath).completeBaseName() + QLatin1Char('@') + resolved.task.writer.table;
}

QString ledgerPathOf(const config::ResolvedTask &resolved)
{
    return Ledger::defaultPath(resolved.datasources.workspaceDir().isEmpty()
                                   ? QFileInfo(resolved.taskPath).absolutePath()
                                   : resolved.datasources.workspaceDir());
}

Result<JobPlan> planJob(const config::ResolvedTask &resolved, const PlanOptions &options)
{
    const config::TaskConfig &task = resolved.task;
    JobPlan plan;

    // Kafka connection: a datasource, or the 2019 form's single "server".
    QJsonObject connection;
    if (task.reader.datasource && !task.reader.datasource->isEmpty()) {
        auto datasource = resolved.datasources.resolve(*task.reader.datasource);
        if (!datasource.ok())
            return datasource.error();
        if (datasource->kind != config::DatasourceKind::Kafka) {
            return makeError(QStringLiteral("config.datasource_type"),
                             QStringLiteral("%1.datasource: \"%2\" is a %3 datasource; the reader needs a kafka one")
                                 .arg(task.readerPath(), datasource->name,
                                      config::datasourceKindName(datasource->kind)));
        }
        connection = datasource->connection;
    } else if (task.reader.server && !task.reader.server->isEmpty()) {
        connection.insert(QStringLiteral("bootstrap.servers"), *task.reader.server);
    } else {
        return makeError(QStringLiteral("config.missing"),
                         QStringLiteral("%1: set \"datasource\" (or \"server\") to say which Kafka cluster to read")
                             .arg(task.readerPath()));
    }
    const QJsonObject parameter = task.reader.toStep().value(QStringLiteral("parameter")).toObject();
    auto sourceOptions = kafka::KafkaSourceOptions::fromReader(parameter, connection, options.kafkaTimeoutMs,
                                                               task.readerPath());
    if (!sourceOptions.ok())
        return sourceOptions.error();

    plan.taskKey = ledgerTaskKey(resolved);
    plan.ledgerPath = ledgerPathOf(resolved);
    const QString partitionSpec = task.writer.partitionSpec();
    if (options.fromLedger) {
        auto ledger = Ledger::load(plan.ledgerPath);
        if (!ledger.ok())
            return ledger.error();
        const auto starts = ledger->startOffsets(plan.taskKey, partitionSpec);
        if (starts.empty()) {
            return makeError(QStringLiteral("config.ledger_empty"),
                             QStringLiteral("--from-ledger: the offset ledger %1 has no earlier run of this task to "
                                            "start from")
                                 .arg(plan.ledgerPath));
        }
        sourceOptions->startOffsets = starts;
    }

    // Window audit: only for a time window.
    if (sourceOptions->begin.kind == kafka::OffsetSpec::Kind::Time
        && sourceOptions->end.kind == kafka::OffsetSpec::Kind::Time) {
        plan.options.windowBeginMs = sourceOptions->begin.value;
        plan.options.windowEndMs = sourceOptions->end.value;
    }
    plan.source = std::make_unique<kafka::KafkaSource>(sourceOptions.value(), options.log);

    auto writerDatasource = resolved.datasources.resolve(task.writer.datasource);
    if (!writerDatasource.ok())
        return writerDatasource.error();
    static const StopToken neverStopped;
    auto sink = openSink(writerDatasource.value(), options.stop ? *options.stop : neverStopped, options.log);
    if (!sink.ok())
        return sink.error();
    plan.sink = std::move(sink.value());

    mapping::MapperSpec spec;
    for (const QString &field : task.reader.column)
        spec.sourceFields.push_back(field);
    for (const QString &column : task.writer.column)
        spec.destColumns.push_back(column);
    spec.keyType = config::kafkaDataTypeName(task.reader.keyTypeValue());
    spec.valueType = config::kafkaDataTypeName(task.reader.valueTypeValue());
    spec.encoding = task.reader.encodingValue();
    spec.emptyAsNull = task.writer.emptyAsNullValue();
    if (task.reader.timeZone && !task.reader.timeZone->isEmpty())
        spec.timeZone = QTimeZone(task.reader.timeZone->toUtf8());
    plan.mapperFactory = [spec](const TableSchema &table) mutable -> Result<MapFn> {
        spec.table = table;
        auto mapper = mapping::RecordMapper::create(spec);
        if (!mapper.ok())
            return mapper.error();
        auto shared = std::make_shared<mapping::RecordMapper>(std::move(mapper.value()));
        return MapFn([shared](const KafkaMessage &message, Row &row, QString *reason) {
            return shared->map(message, row, reason);
        });
    };

    plan.options.target = SinkTarget{task.writer.table, partitionSpec, task.writer.truncateValue()};
    plan.options.errorLimit = task.setting.errorLimitRecordValue().value_or(0);
    plan.options.throttle = task.setting.throttleValue();
    plan.options.mbps = task.setting.mbpsValue().value_or(0);
    plan.options.dirtyFile = options.dirtyFile;
    if (plan.options.dirtyFile.isEmpty()) {
        const QString name = QStringLiteral("%1-%2-%3.jsonl")
                                 .arg(sanitizeForFileName(QFileInfo(resolved.taskPath).completeBaseName()),
                                      sanitizeForFileName(partitionSpec.isEmpty() ? QStringLiteral("all")
                                                                                  : partitionSpec),
                                      QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMddHHmmss")));
        plan.options.dirtyFile =
            QDir(QFileInfo(plan.ledgerPath).absolutePath()).filePath(QStringLiteral("dirty/") + name);
    }
    return plan;
}

RunSummary runTask(const config::ResolvedTask &task, const TaskRunOptions &options, const StopToken &stop,
                   SyncObserver &observer, bool *badInput)
{
    const int reruns = options.reruns >= 0 ? options.reruns : task.task.kmsyncValue().rerunsValue();
    const int interval = options.rerunIntervalSeconds >= 0 ? options.rerunIntervalSeconds
                                                           : task.task.kmsyncValue().rerunIntervalSecondsValue();
    PlanOptions planOptions = options.plan;
    planOptions.stop = &stop;
    if (!planOptions.log)
        planOptions.log = [&observer](LogLevel level, const QString &message) { observer.onLog(level, message); };
    if (badInput)
        *badInput = false;

    RunSummary summary;
    for (int attempt = 1;; ++attempt) {
        auto plan = planJob(task, planOptions);
        if (!plan.ok()) {
            summary = RunSummary{};
            summary.errorCode = plan.error().code;
            summary.errorMessage = plan.error().message;
            summary.attempts = attempt;
            observer.onLog(LogLevel::Error, plan.error().message);
            if (badInput)
                *badInput = isBadInputCode(plan.error().code);
            return summary;
        }
        const QString taskKey = plan->taskKey;
        const QString ledgerPath = plan->ledgerPath;
        crashPoint("syncing records (source and destination open)");
        SyncJob job(plan->options, std::move(plan->source), std::move(plan->sink), std::move(plan->mapperFactory));
        summary = job.run(stop, observer);
        summary.attempts = attempt;

        // Runs of one process (a parallel backfill) read and rewrite the ledger file one at a time.
        static std::mutex ledgerMutex;
        const std::lock_guard<std::mutex> ledgerLock(ledgerMutex);
        auto ledger = Ledger::load(ledgerPath);
        if (ledger.ok())
            summary.ledger = ledger->check(taskKey, summary.partitionSpec, summary.ranges);
        if (summary.ok) {
            summary.commitId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (ledger.ok()) {
                Ledger::Entry entry{summary.partitionSpec,
                                    task.task.writer.table,
                                    QDateTime::currentDateTimeUtc().toString(Qt::ISODate),
                                    summary.ranges,
                                    summary.commitId,
                                    readerWindow(task.task)};
                if (auto recorded = ledger->record(taskKey, entry); !recorded.ok())
                    observer.onLog(LogLevel::Warning, recorded.error().message);
            } else {
                observer.onLog(LogLevel::Warning, ledger.error().message);
            }
            return summary;
        }
        if (summary.cancelled)
            return summary;
        if (isBadInputCode(summary.errorCode)) {
            if (badInput)
                *badInput = true;
            return summary;
        }
        if (summary.errorCode == QLatin1String("job.dirty_limit") || attempt > reruns)
            return summary;
        observer.onLog(
            LogLevel::Warning,
            QStringLiteral("attempt %1 of %2 failed; rerunning in %3 s").arg(attempt).arg(reruns + 1).arg(interval));
        for (int waited = 0; waited < interval * 10 && !stop.stopRequested(); ++waited)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (stop.stopRequested()) {
            summary.cancelled = true;
            summary.errorCode = QStringLiteral("job.cancelled");
            summary.errorMessage = QStringLiteral("cancelled while waiting to rerun; the destination is unchanged");
            return summary;
        }
    }
}

QByteArray summaryJson(const RunSummary &summary)
{
    QJsonArray partitions;
    for (const PartitionRange &range : summary.ranges) {
        partitions.append(QJsonObject{{QStringLiteral("partition"), range.partition},
                                      {QStringLiteral("start"), qint64(range.startOffset)},
                                      {QStringLiteral("end"), qint64(range.endOffset)},
                                      {QStringLiteral("records"), qint64(range.count())}});
    }
    QJsonArray audit;
    for (const WindowAudit &a : summary.audit) {
        audit.append(QJsonObject{{QStringLiteral("partition"), a.partition},
                                 {QStringLiteral("before"), qint64(a.before)},
                                 {QStringLiteral("after"), qint64(a.after)}});
    }
    QJsonObject ledger{{QStringLiteral("previous"), summary.ledger.hasPrevious}};
    if (summary.ledger.hasPrevious) {
        ledger.insert(QStringLiteral("previousPartition"), summary.ledger.previousPartitionSpec);
        ledger.insert(QStringLiteral("contiguous"), summary.ledger.contiguous());
        QJsonArray gaps;
        for (const auto &p : summary.ledger.partitions) {
            gaps.append(QJsonObject{{QStringLiteral("partition"), p.partition},
                                    {QStringLiteral("previousEnd"), qint64(p.previousEnd)},
                                    {QStringLiteral("start"), qint64(p.start)},
                                    {QStringLiteral("gap"), qint64(p.gap())}});
        }
        ledger.insert(QStringLiteral("partitions"), gaps);
    }
    QJsonObject object{{QStringLiteral("ok"), summary.ok},
                       {QStringLiteral("read"), qint64(summary.read)},
                       {QStringLiteral("written"), qint64(summary.written)},
                       {QStringLiteral("dirty"), qint64(summary.dirty)},
                       {QStringLiteral("partitions"), partitions},
                       {QStringLiteral("audit"), audit},
                       {QStringLiteral("seconds"), summary.seconds},
                       {QStringLiteral("destinationPartition"), summary.partitionSpec},
                       {QStringLiteral("ledger"), ledger},
                       {QStringLiteral("attempts"), summary.attempts}};
    if (!summary.dirtyFile.isEmpty())
        object.insert(QStringLiteral("dirtyFile"), summary.dirtyFile);
    if (!summary.commitId.isEmpty())
        object.insert(QStringLiteral("commitId"), summary.commitId);
    if (!summary.ok) {
        object.insert(QStringLiteral("error"), summary.errorCode);
        object.insert(QStringLiteral("message"), summary.errorMessage);
        object.insert(QStringLiteral("cancelled"), summary.cancelled);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace kmsync::engine
