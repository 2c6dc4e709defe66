#include "engine/job/preview.h"

#include <cmath>

#include <QDateTime>
#include <QTimeZone>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskloader.h"
#include "engine/job/connector.h"
#include "engine/job/taskrunner.h"

namespace kmsync::engine {

QJsonValue valueToJson(const Value &value, const ColumnType &type, const QTimeZone &zone)
{
    struct Visitor
    {
        const ColumnType &type;
        const QTimeZone &zone;
        QJsonValue operator()(std::monostate) const { return QJsonValue(QJsonValue::Null); }
        QJsonValue operator()(bool b) const { return b; }
        QJsonValue operator()(int64_t i) const
        {
            constexpr int64_t kExact = int64_t(1) << 53;
            if (i > kExact || i < -kExact)
                return QString::number(i);
            return qint64(i);
        }
        QJsonValue operator()(double d) const
        {
            if (std::isnan(d))
                return QStringLiteral("NaN");
            if (std::isinf(d))
                return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
            return d;
        }
        QJsonValue operator()(const std::string &s) const
        {
            if (type.kind == TypeKind::Binary)
                return QString::fromLatin1(QByteArray::fromStdString(s).toBase64());
            return QString::fromUtf8(s.data(), qsizetype(s.size()));
        }
        QJsonValue operator()(const Decimal &d) const { return QString::fromStdString(d.text); }
        QJsonValue operator()(const DateTime &d) const { return config::zonedTimeText(d.epochMs, zone); }
        QJsonValue operator()(const Date &d) const
        {
            return QDate(1970, 1, 1).addDays(d.epochDays).toString(QStringLiteral("yyyy-MM-dd"));
        }
        QJsonValue operator()(const Timestamp &t) const
        {
            // "yyyy-MM-dd HH:mm:ss ZONE" with the nanoseconds put in after the seconds.
            const QString text = config::zonedTimeText(t.epochSeconds * 1000, zone, false);
            constexpr qsizetype kSeconds = 19; // "yyyy-MM-dd HH:mm:ss"
            return text.left(kSeconds) + QStringLiteral(".%1").arg(t.nanos, 9, 10, QLatin1Char('0'))
                 + text.mid(kSeconds);
        }
    };
    return std::visit(Visitor{type, zone}, value);
}

namespace {

// Maps each message as a run would (into the reused `row`) and appends it to result.records (dirty ones
// with the reason).
void appendRecords(const std::vector<KafkaMessage> &messages, const MapFn &map, Row &row, PreviewResult &result)
{
    for (const KafkaMessage &message : messages) {
        PreviewRecord record;
        record.partition = message.partition;
        record.offset = message.offset;
        record.timestampMs = message.timestampMs;
        record.value = message.value;
        QString reason;
        if (map(message, row, &reason)) {
            for (size_t i = 0; i < result.table.columns.size() && i < row.size(); ++i)
                record.columns.insert(result.table.columns[i].name,
                                      valueToJson(row[i], result.table.columns[i].type, result.timeZone));
        } else {
            record.dirty = true;
            record.reason = reason;
        }
        result.records.push_back(std::move(record));
    }
}

} // namespace

Result<PreviewSetup> preparePreview(const config::ResolvedTask &task, const PlanOptions &options, PreviewResult &result)
{
    auto plan = planJob(task, options);
    if (!plan.ok())
        return plan.error();
    auto schema = plan->sink->tableSchema(plan->options.target.table);
    if (!schema.ok()) {
        if (schema.error().code != QLatin1String("sink.no_such_table"))
            return schema.error();
        // Not created yet: preview against the table "Generate destination table schema" would create.
        auto generated = config::ddlSchema(task.task);
        if (!generated.ok())
            return generated.error();
        schema = generated.value();
        result.tableExists = false;
    }
    result.table = schema.value();
    result.timeZone = config::taskTimeZone(task.task);
    auto map = plan->mapperFactory(result.table);
    if (!map.ok())
        return map.error();
    return PreviewSetup{std::move(plan.value()), std::move(map.value())};
}

Result<PreviewResult> previewTask(const config::ResolvedTask &task, int limit, const StopToken &stop, const LogFn &log)
{
    PlanOptions options;
    options.log = log;
    options.stop = &stop;
    PreviewResult result;
    auto setup = preparePreview(task, options, result);
    if (!setup.ok())
        return setup.error();
    auto ranges = setup->plan.source->open(stop);
    if (!ranges.ok())
        return ranges.error();

    std::vector<KafkaMessage> messages;
    Row row;
    while (int(result.records.size()) < limit && !stop.stopRequested()) {
        messages.clear();
        auto more = setup->plan.source->poll(messages, limit - int(result.records.size()), 200, stop);
        if (!more.ok())
            return more.error();
        appendRecords(messages, setup->map, row, result);
        if (!more.value())
            break;
    }
    return result;
}

Result<PreviewResult> previewLatest(const config::ResolvedTask &task, int limit, const StopToken &stop,
                                    int kafkaTimeoutMs)
{
    PlanOptions options;
    options.kafkaTimeoutMs = kafkaTimeoutMs;
    options.stop = &stop;
    PreviewResult result;
    auto setup = preparePreview(task, options, result);
    if (!setup.ok())
        return setup.error();
    auto source = readerDatasource(task);
    if (!source.ok())
        return source.error();
    auto messages =
        connectorFor(source->kind).latestMessages(*source, task.task.reader.topic, limit, kafkaTimeoutMs, stop);
    if (!messages.ok())
        return messages.error();
    Row row;
    appendRecords(*messages, setup->map, row, result);
    return result;
}

} // namespace kmsync::engine
