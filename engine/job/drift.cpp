#include "engine/job/drift.h"

#include <memory>

#include <QJsonArray>
#include <QTimeZone>

#include "engine/config/ddlgenerator.h"
#include "engine/config/sourcefield.h"
#include "engine/job/preview.h"
#include "engine/mapping/bytesdecoder.h"

namespace kmsync::engine {

namespace {

// The task's mapped JSON paths with the destination columns (and their types) they feed.
Result<std::vector<mapping::ProfiledMapping>> mappedPaths(const config::TaskConfig &task, const TableSchema &table)
{
    QStringList dest = task.writer.column;
    if (dest.size() == 1 && dest.front().trimmed() == QLatin1String("*")) {
        dest.clear();
        for (const ColumnDef &c : table.columns)
            dest << c.name;
    }
    std::vector<mapping::ProfiledMapping> out;
    for (qsizetype i = 0; i < task.reader.column.size() && i < dest.size(); ++i) {
        const auto field = config::parseSourceField(task.reader.column.at(i));
        if (!field)
            return field.error();
        if (field->kind() != mapping::SourceField::Kind::Path)
            continue;
        mapping::ProfiledMapping m;
        m.sourceField = task.reader.column.at(i);
        m.path = field->path();
        m.column = dest.at(i);
        if (const auto index = table.columnIndex(dest.at(i))) {
            m.column = table.columns[std::size_t(*index)].name;
            m.type = table.columns[std::size_t(*index)].type;
        }
        out.push_back(std::move(m));
    }
    return out;
}

QJsonObject typesJson(const mapping::FieldProfile::Path &p)
{
    QJsonObject types;
    for (int k = 0; k < mapping::kProfileKinds; ++k) {
        if (p.types[std::size_t(k)] > 0)
            types.insert(mapping::profileKindName(mapping::ProfileKind(k)), qint64(p.types[std::size_t(k)]));
    }
    return types;
}

} // namespace

DriftReport makeDriftReport(mapping::FieldProfile profile, const TableSchema &table, bool tableExists,
                            const QString &writerTable)
{
    DriftReport report;
    report.profile = std::move(profile);
    report.table = table;
    report.tableExists = tableExists;
    QSet<QString> used;
    for (const ColumnDef &c : table.columns)
        used.insert(c.name.toLower());
    for (const ColumnDef &c : table.partitionKeys)
        used.insert(c.name.toLower());
    for (std::size_t i = 0; i < report.profile.paths.size(); ++i) {
        const auto &p = report.profile.paths[i];
        if (p.mapped)
            continue;
        const auto path = mapping::JsonPath::parse(p.path);
        if (!path)
            continue; // cannot happen: the profile prints parseable paths
        report.unmapped.push_back(i);
        report.newColumns.push_back(config::ddlPathColumn(p.path, path.value(), p.inferredType, used));
    }
    if (!report.newColumns.empty())
        report.alter = config::renderAddColumns(writerTable, report.newColumns);
    return report;
}

namespace {

// The profiler over a task's message values: the value decoder (STRING with the task's encoding, or BYTEARRAY
// read as UTF-8, as the mapper reads values for JSON paths) and the profiler with the task's mapped paths.
struct ValueProfiler
{
    mapping::BytesDecoder decoder;
    mapping::FieldProfiler profiler;
    std::string buffer;
    std::string problem;

    void add(const std::optional<std::string> &value)
    {
        if (!value) {
            profiler.addNullValue();
            return;
        }
        std::string_view text;
        if (!decoder.decodeText(*value, text, buffer, &problem))
            profiler.addInvalid();
        else
            profiler.addJson(text);
    }
};

Result<std::unique_ptr<ValueProfiler>> valueProfiler(const config::TaskConfig &task, const TableSchema &table)
{
    const config::KafkaDataType valueType = task.reader.valueTypeValue();
    if (valueType != config::KafkaDataType::String && valueType != config::KafkaDataType::ByteArray) {
        return makeError(QStringLiteral("drift.value_type"),
                         QStringLiteral(
                             "valueType %1 values are not JSON; drift profiles JSON message values (valueType "
                             "STRING or BYTEARRAY)")
                             .arg(config::kafkaDataTypeName(valueType)));
    }
    auto mapped = mappedPaths(task, table);
    if (!mapped.ok())
        return mapped.error();
    auto decoder = mapping::BytesDecoder::create(QStringLiteral("valueType"), config::kafkaDataTypeName(valueType),
                                                 task.reader.encodingValue());
    if (!decoder.ok())
        return decoder.error();
    mapping::FieldProfilerOptions options;
    if (task.reader.timeZone && !task.reader.timeZone->isEmpty())
        options.timeZone = QTimeZone(task.reader.timeZone->toUtf8());
    options.emptyAsNull = task.writer.emptyAsNullValue();
    return std::make_unique<ValueProfiler>(
        ValueProfiler{std::move(decoder.value()), mapping::FieldProfiler(std::move(mapped.value()), options), {}, {}});
}

} // namespace

Result<DriftReport> driftTask(const config::ResolvedTask &task, int limit, const StopToken &stop, const LogFn &log)
{
    if (const auto valueType = task.task.reader.valueTypeValue();
        valueType != config::KafkaDataType::String && valueType != config::KafkaDataType::ByteArray) {
        return valueProfiler(task.task, {}).error(); // the value type error, before anything is opened
    }
    PlanOptions options;
    options.log = log;
    options.stop = &stop;
    PreviewResult preview;
    auto setup = preparePreview(task, options, preview);
    if (!setup.ok())
        return setup.error();
    auto values = valueProfiler(task.task, preview.table);
    if (!values.ok())
        return values.error();
    ValueProfiler &profile = *values.value();

    auto ranges = setup->plan.source->open(stop);
    if (!ranges.ok())
        return ranges.error();
    std::vector<KafkaMessage> messages;
    int64_t read = 0;
    while ((limit <= 0 || read < limit) && !stop.stopRequested()) {
        messages.clear();
        const int batch = limit > 0 ? int(std::min<int64_t>(limit - read, 4096)) : 4096;
        auto more = setup->plan.source->poll(messages, batch, 200, stop);
        if (!more.ok())
            return more.error();
        for (const KafkaMessage &message : messages) {
            ++read;
            profile.add(message.value);
        }
        if (!more.value())
            break;
    }
    if (stop.stopRequested())
        return makeError(QString::fromLatin1(kCancelledCode), QStringLiteral("cancelled while reading the window"));
    return makeDriftReport(profile.profiler.profile(), preview.table, preview.tableExists, task.task.writer.table);
}

Result<DriftReport> driftOfPreview(const config::TaskConfig &task, const PreviewResult &preview)
{
    auto values = valueProfiler(task, preview.table);
    if (!values.ok())
        return values.error();
    for (const PreviewRecord &record : preview.records)
        values.value()->add(record.value);
    return makeDriftReport(values.value()->profiler.profile(), preview.table, preview.tableExists, task.writer.table);
}

QJsonObject driftJson(const DriftReport &report)
{
    const auto &profile = report.profile;
    QJsonArray unmapped;
    for (std::size_t i = 0; i < report.unmapped.size(); ++i) {
        const auto &p = profile.paths[report.unmapped[i]];
        unmapped.append(QJsonObject{{QStringLiteral("path"), p.path},
                                    {QStringLiteral("count"), qint64(p.count)},
                                    {QStringLiteral("types"), typesJson(p)},
                                    {QStringLiteral("sample"), p.sample},
                                    {QStringLiteral("column"), report.newColumns[i].name},
                                    {QStringLiteral("type"), report.newColumns[i].type.toString()}});
    }
    QJsonArray neverSeen;
    QJsonArray conflicts;
    for (const auto &m : profile.mappings) {
        if (m.count == 0)
            neverSeen.append(
                QJsonObject{{QStringLiteral("path"), m.sourceField}, {QStringLiteral("column"), m.column}});
        if (m.conflicts > 0) {
            conflicts.append(QJsonObject{{QStringLiteral("path"), m.sourceField},
                                         {QStringLiteral("column"), m.column},
                                         {QStringLiteral("type"), m.type ? m.type->toString() : QString()},
                                         {QStringLiteral("count"), qint64(m.conflicts)},
                                         {QStringLiteral("sample"), m.conflictSample},
                                         {QStringLiteral("reason"), m.conflictReason}});
        }
    }
    return QJsonObject{{QStringLiteral("messages"), qint64(profile.messages)},
                       {QStringLiteral("invalid"), qint64(profile.invalid)},
                       {QStringLiteral("unmapped"), unmapped},
                       {QStringLiteral("neverSeen"), neverSeen},
                       {QStringLiteral("typeConflicts"), conflicts},
                       {QStringLiteral("alter"), report.alter.isEmpty() ? QJsonValue() : QJsonValue(report.alter)},
                       {QStringLiteral("table"), report.table.name},
                       {QStringLiteral("tableExists"), report.tableExists},
                       {QStringLiteral("truncated"), profile.truncated}};
}

} // namespace kmsync::engine
