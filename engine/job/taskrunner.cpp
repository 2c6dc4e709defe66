#include "engine/job/taskrunner.h"

#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUuid>

#include "engine/core/crashhandler.h"
#include "engine/core/errorkind.h"
#include "engine/job/connector.h"
#include "engine/job/destination.h"
#include "engine/job/ledger.h"
#include "engine/maxcompute/odpstransport.h"
#include "engine/mapping/recordmapper.h"
#include "engine/mapping/sourcefield.h"

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

} // namespace

bool isBadInputCode(const QString &code)
{
    return code.startsWith(QLatin1String("config.")) || code.startsWith(QLatin1String("mapping."))
        || code.startsWith(QLatin1String("datasource.")) || code == QLatin1String("sink.no_such_table")
        || code == QLatin1String("sink.invalid_partition_spec") || code == QLatin1String("kafka.topic_missing")
        || code == QLatin1String("kafka.config") || code == QLatin1String("ledger.corrupt");
}

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

Result<config::Datasource> readerDatasource(const config::ResolvedTask &resolved)
{
    const config::TaskConfig &task = resolved.task;
    if (task.reader.datasource && !task.reader.datasource->isEmpty()) {
        auto datasource = resolved.datasources.resolve(*task.reader.datasource);
        if (!datasource.ok())
            return datasource.error();
        if (datasource->kind != config::DatasourceKind::Kafka) {
            return makeError(QStringLiteral("config.datasource_type"),
                             QCoreApplication::translate("TaskRunner",
                                                         "%1.datasource: \"%2\" is a %3 datasource; the reader needs "
                                                         "a kafka one")
                                 .arg(task.readerPath(), datasource->name,
                                      config::datasourceKindName(datasource->kind)));
        }
        return datasource;
    }
    if (task.reader.server && !task.reader.server->isEmpty()) {
        config::Datasource datasource;
        datasource.name = *task.reader.server;
        datasource.kind = config::DatasourceKind::Kafka;
        datasource.connection.insert(QStringLiteral("bootstrap.servers"), *task.reader.server);
        return datasource;
    }
    return makeError(QStringLiteral("config.missing"),
                     QCoreApplication::translate("TaskRunner",
                                                 "%1: set \"datasource\" (or \"server\") to say which Kafka cluster "
                                                 "to read")
                         .arg(task.readerPath()));
}

Result<JobPlan> planJob(const config::ResolvedTask &resolved, const PlanOptions &options)
{
    const config::TaskConfig &task = resolved.task;
    JobPlan plan;

    auto sourceDatasource = readerDatasource(resolved);
    if (!sourceDatasource.ok())
        return sourceDatasource.error();

    plan.taskKey = ledgerTaskKey(resolved);
    plan.ledgerPath = ledgerPathOf(resolved);
    const QString partitionSpec = task.writer.partitionSpec();
    SourceOptions sourceOptions;
    sourceOptions.fieldPrefix = task.readerPath();
    sourceOptions.timeoutMs = options.kafkaTimeoutMs;
    sourceOptions.log = options.log;
    sourceOptions.readHeaders = mapping::needsHeaders(task.reader.column);
    std::optional<Error> ledgerError; // reported after the reader's own errors
    if (options.fromLedger) {
        auto ledger = Ledger::load(plan.ledgerPath);
        if (!ledger.ok()) {
            ledgerError = ledger.error();
        } else {
            sourceOptions.startOffsets = ledger->startOffsets(plan.taskKey, partitionSpec);
            if (sourceOptions.startOffsets.empty()) {
                ledgerError = makeError(QStringLiteral("config.ledger_empty"),
                                        QStringLiteral("--from-ledger: the offset ledger %1 has no earlier run of this "
                                                       "task to start from")
                                            .arg(plan.ledgerPath));
            }
        }
    }
    auto source = connectorFor(sourceDatasource->kind).openSource(*sourceDatasource, task.reader, sourceOptions);
    if (!source.ok())
        return source.error();
    if (ledgerError)
        return *ledgerError;
    plan.options.windowBeginMs = source->windowBeginMs; // the window audit: only for a time window
    plan.options.windowEndMs = source->windowEndMs;
    plan.source = std::move(source->source);

    auto writerDatasource = resolved.datasources.resolve(task.writer.datasource);
    if (!writerDatasource.ok())
        return writerDatasource.error();
    static const StopToken neverStopped;
    SinkOptions speed;
    speed.concurrent = task.setting.concurrentValue();
    speed.mbps = task.setting.throttleValue() ? task.setting.mbpsValue().value_or(0) : 0;
    auto sink = openSink(writerDatasource.value(), options.stop ? *options.stop : neverStopped, options.log, speed);
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
    spec.profile = true; // the summary's drift counts
    plan.mapper = std::make_shared<std::shared_ptr<mapping::RecordMapper>>();
    plan.mapperFactory = [spec, slot = plan.mapper](const TableSchema &table) mutable -> Result<MapFn> {
        spec.table = table;
        auto mapper = mapping::RecordMapper::create(spec);
        if (!mapper.ok())
            return mapper.error();
        auto shared = std::make_shared<mapping::RecordMapper>(std::move(mapper.value()));
        *slot = shared;
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

std::optional<DriftCounts> planDrift(const JobPlan &plan)
{
    if (!plan.mapper || !*plan.mapper)
        return std::nullopt;
    const mapping::FieldProfiler *profiler = (*plan.mapper)->profiler();
    if (!profiler)
        return std::nullopt;
    return DriftCounts{profiler->unmappedCount(), profiler->neverSeenCount()};
}

RunSummary runTask(const config::ResolvedTask &task, const TaskRunOptions &options, const StopToken &stop,
                   SyncObserver &observer, bool *badInput)
{
    // MaxCompute requests this thread makes for the run (schema, checks, commit) share their connections.
    maxcompute::OdpsConnectionScope connections;
    const int reruns = options.reruns >= 0 ? options.reruns : task.task.kmsyncValue().rerunsValue();
    const int interval = options.rerunIntervalSeconds >= 0 ? options.rerunIntervalSeconds
                                                           : task.task.kmsyncValue().rerunIntervalSecondsValue();
    PlanOptions planOptions = options.plan;
    planOptions.stop = &stop;
    if (!planOptions.log)
        planOptions.log = [&observer](LogLevel level, const QString &message) { observer.onLog(level, message); };
    if (badInput)
        *badInput = false;

    const auto runStarted = std::chrono::steady_clock::now();
    auto secondsSince = [](std::chrono::steady_clock::time_point start) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    std::vector<RunAttempt> attempts;
    // The last attempt's summary with every attempt and the whole run's time.
    auto finish = [&](RunSummary summary) {
        summary.attempts = int(attempts.size());
        summary.attemptLog = attempts;
        summary.seconds = secondsSince(runStarted);
        return summary;
    };
    auto record = [&](int number, const RunSummary &summary, std::chrono::steady_clock::time_point started) {
        RunAttempt attempt;
        attempt.number = number;
        attempt.ok = summary.ok;
        attempt.cancelled = summary.cancelled;
        attempt.errorCode = summary.errorCode;
        attempt.errorMessage = summary.errorMessage;
        attempt.seconds = secondsSince(started);
        attempts.push_back(attempt);
    };

    RunSummary summary;
    for (int attempt = 1;; ++attempt) {
        const auto attemptStarted = std::chrono::steady_clock::now();
        observer.onAttemptStarted(attempt, reruns + 1);
        auto plan = planJob(task, planOptions);
        if (!plan.ok()) {
            summary = RunSummary{};
            summary.errorCode = plan.error().code;
            summary.errorMessage = plan.error().message;
            record(attempt, summary, attemptStarted);
            observer.onLog(LogLevel::Error, plan.error().message);
            if (badInput)
                *badInput = isBadInputCode(plan.error().code);
            return finish(summary);
        }
        const QString taskKey = plan->taskKey;
        const QString ledgerPath = plan->ledgerPath;
        crashPoint("syncing records (source and destination open)");
        SyncJob job(plan->options, std::move(plan->source), std::move(plan->sink), std::move(plan->mapperFactory));
        summary = job.run(stop, observer);
        summary.drift = planDrift(plan.value());
        record(attempt, summary, attemptStarted);

        {
            // Runs of one process (a parallel backfill) read and rewrite the ledger file one at a time; the lock is
            // not held while a failed attempt waits for its rerun.
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
            }
        }
        if (summary.ok)
            return finish(summary);
        if (summary.cancelled)
            return finish(summary);
        if (isBadInputCode(summary.errorCode) && badInput)
            *badInput = true;
        const ErrorKind kind = errorKindOf(summary.errorCode);
        if (attempt > reruns)
            return finish(summary);
        if (!isRerunnable(kind)) {
            observer.onLog(LogLevel::Info,
                           QCoreApplication::translate("TaskRunner", "attempt %1 failed with a %2 error (%3), which "
                                                                     "waiting cannot fix; not rerunning")
                               .arg(attempt)
                               .arg(errorKindName(kind), summary.errorCode));
            return finish(summary);
        }

        RerunSchedule schedule;
        schedule.failedAttempt = attempt;
        schedule.maxAttempts = reruns + 1;
        schedule.waitSeconds = interval;
        schedule.nextAttempt = QDateTime::currentDateTimeUtc().addSecs(interval);
        const QTimeZone zone = config::taskTimeZone(task.task);
        schedule.nextAttemptText = schedule.nextAttempt.toTimeZone(zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                 + QLatin1Char(' ') + QString::fromUtf8(zone.id());
        schedule.errorCode = summary.errorCode;
        schedule.errorMessage = summary.errorMessage;
        if (options.rerunNow)
            options.rerunNow->reset();
        observer.onLog(LogLevel::Warning,
                       QCoreApplication::translate("TaskRunner", "attempt %1 of %2 failed (%3); waiting %4 s, "
                                                                 "attempt %5 starts at %6")
                           .arg(attempt)
                           .arg(reruns + 1)
                           .arg(errorKindName(kind))
                           .arg(interval)
                           .arg(attempt + 1)
                           .arg(schedule.nextAttemptText));
        observer.onRerunScheduled(schedule);
        const auto waitEnds = std::chrono::steady_clock::now() + std::chrono::seconds(interval);
        while (std::chrono::steady_clock::now() < waitEnds && !stop.stopRequested()
               && !(options.rerunNow && options.rerunNow->stopRequested()))
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (stop.stopRequested()) {
            summary.cancelled = true;
            summary.errorCode = QStringLiteral("job.cancelled");
            summary.errorMessage =
                QCoreApplication::translate("TaskRunner",
                                            "cancelled while waiting to rerun; the destination is unchanged");
            return finish(summary);
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
    // Every attempt with its outcome and time (a summary not from runTask() stands for one attempt).
    QJsonArray attempts;
    std::vector<RunAttempt> attemptLog = summary.attemptLog;
    if (attemptLog.empty()) {
        attemptLog.push_back(RunAttempt{summary.attempts, summary.ok, summary.cancelled, summary.errorCode,
                                        summary.errorMessage, summary.seconds});
    }
    for (const RunAttempt &a : attemptLog) {
        QJsonObject attempt{{QStringLiteral("attempt"), a.number},
                            {QStringLiteral("ok"), a.ok},
                            {QStringLiteral("seconds"), a.seconds}};
        if (!a.ok) {
            attempt.insert(QStringLiteral("error"), a.errorCode);
            attempt.insert(QStringLiteral("kind"), errorKindName(errorKindOf(a.errorCode)));
            attempt.insert(QStringLiteral("message"), a.errorMessage);
        }
        attempts.append(attempt);
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
                       {QStringLiteral("attempts"), attempts}};
    if (!summary.dirtyFile.isEmpty())
        object.insert(QStringLiteral("dirtyFile"), summary.dirtyFile);
    if (summary.drift) {
        object.insert(QStringLiteral("drift"),
                      QJsonObject{{QStringLiteral("unmapped"), qint64(summary.drift->unmapped)},
                                  {QStringLiteral("neverSeen"), qint64(summary.drift->neverSeen)}});
    }
    if (!summary.commitId.isEmpty())
        object.insert(QStringLiteral("commitId"), summary.commitId);
    if (summary.ok)
        object.insert(QStringLiteral("commitSeconds"), summary.commitSeconds);
    if (!summary.ok) {
        object.insert(QStringLiteral("error"), summary.errorCode);
        object.insert(QStringLiteral("errorKind"), errorKindName(errorKindOf(summary.errorCode)));
        object.insert(QStringLiteral("message"), summary.errorMessage);
        object.insert(QStringLiteral("cancelled"), summary.cancelled);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace kmsync::engine
