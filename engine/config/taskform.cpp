#include "engine/config/taskform.h"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include <QJsonArray>

#include "engine/config/loosejson.h"
#include "engine/config/sourcefield.h"

namespace kmsync::engine::config {

namespace {

// The keys of the wizard's begin/end choice and of the editor's own data in the "kmsync" block.
const QString kBeginType = QStringLiteral("beginType");
const QString kEndType = QStringLiteral("endType");
const QString kSourceFields = QStringLiteral("sourceFields");
const QString kTargetColumns = QStringLiteral("targetColumns");
const QString kSchedule = QStringLiteral("schedule");

constexpr std::array<std::pair<params::CycleUnit, const char *>, 5> kCycleNames{{
    {params::CycleUnit::Minute, "minute"},
    {params::CycleUnit::Hour, "hour"},
    {params::CycleUnit::Day, "day"},
    {params::CycleUnit::Week, "week"},
    {params::CycleUnit::Month, "month"},
}};

QString cycleName(params::CycleUnit unit)
{
    for (const auto &[u, name] : kCycleNames) {
        if (u == unit)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("hour");
}

params::CycleUnit cycleFromName(const QString &name)
{
    for (const auto &[unit, text] : kCycleNames) {
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return unit;
    }
    return params::CycleUnit::Hour;
}

int intOr(const QJsonValue &value, int fallback)
{
    const auto n = looseInt(value);
    return n && *n >= std::numeric_limits<int>::min() && *n <= std::numeric_limits<int>::max() ? int(*n) : fallback;
}

QTime timeOr(const QJsonValue &value, QTime fallback)
{
    const QTime t = QTime::fromString(value.toString(), QStringLiteral("HH:mm"));
    return t.isValid() ? t : fallback;
}

// A kafkaConfig value as the advanced-properties table shows it.
QString propertyText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

QString offsetText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return value.toString();
}

QStringList names(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out.append(v.isString() ? v.toString() : v.toObject().value(QLatin1String("name")).toString());
    return out;
}

// The group id lives in kafkaConfig["group.id"] when the file has no groupId key.
bool groupInKafkaConfig(const KafkaReaderConfig &r)
{
    return !r.groupId && r.kafkaConfig && r.kafkaConfig->contains(QLatin1String("group.id"));
}

SourceForm readSource(const KafkaReaderConfig &r)
{
    SourceForm s;
    s.datasource = r.datasource ? *r.datasource : r.server.value_or(QString());
    s.topic = r.topic;
    s.groupId = r.groupId ? *r.groupId
                          : r.kafkaConfig.value_or(QJsonObject()).value(QLatin1String("group.id")).toString();
    if (r.kafkaConfig) {
        const bool skipGroup = groupInKafkaConfig(r);
        for (auto it = r.kafkaConfig->begin(); it != r.kafkaConfig->end(); ++it) {
            if (skipGroup && it.key() == QLatin1String("group.id"))
                continue; // shown as the group id field
            s.kafkaConfig.emplace_back(it.key(), propertyText(it.value()));
        }
    }

    const QString beginType = r.extra.value(kBeginType).toString();
    s.beginDateTime = r.beginDateTime.value_or(QString());
    if (beginType == QLatin1String("earliest") || r.beginOffset.toString() == QLatin1String("seekToBeginning"))
        s.beginMode = BeginMode::Earliest;
    else if (beginType == QLatin1String("current") || r.beginOffset.toString() == QLatin1String("seekToLast"))
        s.beginMode = BeginMode::GroupCurrent;
    else if (!r.beginDateTime && !r.beginOffset.isUndefined())
        s.beginMode = BeginMode::SpecificOffset;
    else
        s.beginMode = BeginMode::SpecificTime;
    if (s.beginMode == BeginMode::SpecificOffset)
        s.beginOffset = offsetText(r.beginOffset);

    const QString endType = r.extra.value(kEndType).toString();
    s.endDateTime = r.endDateTime.value_or(QString());
    if (endType == QLatin1String("latest"))
        s.endMode = EndMode::Latest;
    else if (!r.endDateTime && !r.endOffset.isUndefined())
        s.endMode = EndMode::SpecificOffset;
    else
        s.endMode = EndMode::SpecificTime;
    if (s.endMode == EndMode::SpecificOffset)
        s.endOffset = offsetText(r.endOffset);

    s.timeZone = r.timeZone.value_or(QString());
    s.keyType = r.keyType.value_or(QStringLiteral("string")).toLower();
    s.valueType = r.valueType.value_or(QStringLiteral("string")).toLower();
    s.encoding = r.encoding.value_or(QStringLiteral("UTF-8"));
    s.exitStrategy = r.stopWhenPollEmptyValue() ? ExitStrategy::PollEmpty : ExitStrategy::ReachEnd;
    return s;
}

// An offset as the page's text gives it: a whole number is written as one; any other text is written as it is,
// so that the validator reports it ("abc" is not an offset) instead of a silent 0. Text the page did not change
// keeps the file's value ("100" stays a string).
QJsonValue offsetValue(const QJsonValue &old, const QString &text)
{
    if (!old.isUndefined() && offsetText(old) == text)
        return old;
    bool ok = false;
    const qint64 number = text.trimmed().toLongLong(&ok);
    return ok ? QJsonValue(number) : QJsonValue(text);
}

// Keeps the file's spelling ("STRING") when the value did not change.
void keepOrSet(std::optional<QString> &field, const QString &value)
{
    if (field.value_or(QString()).compare(value, Qt::CaseInsensitive) != 0)
        field = value;
}

void writeSource(const SourceForm &s, KafkaReaderConfig &r)
{
    if (!r.server || *r.server != s.datasource) {
        r.server.reset();
        r.datasource = s.datasource;
    }
    r.topic = s.topic;
    r.extra.remove(QStringLiteral("topic"));
    const bool groupInConfig = groupInKafkaConfig(r);
    if (s.groupId.isEmpty() || groupInConfig)
        r.groupId.reset();
    else
        r.groupId = s.groupId;

    const bool hadBeginType = r.extra.contains(kBeginType);
    const bool hadEndType = r.extra.contains(kEndType);
    r.extra.remove(kBeginType);
    r.extra.remove(kEndType);
    r.beginDateTime.reset();
    r.endDateTime.reset();
    const QJsonValue oldBeginOffset = std::exchange(r.beginOffset, QJsonValue(QJsonValue::Undefined));
    const QJsonValue oldEndOffset = std::exchange(r.endOffset, QJsonValue(QJsonValue::Undefined));
    switch (s.beginMode) {
    case BeginMode::SpecificTime:
        if (hadBeginType)
            r.extra.insert(kBeginType, QStringLiteral("specific"));
        r.beginDateTime = s.beginDateTime;
        break;
    case BeginMode::Earliest:
        r.extra.insert(kBeginType, QStringLiteral("earliest"));
        break;
    case BeginMode::GroupCurrent:
        r.extra.insert(kBeginType, QStringLiteral("current"));
        break;
    case BeginMode::SpecificOffset:
        r.beginOffset = offsetValue(oldBeginOffset, s.beginOffset);
        break;
    }
    switch (s.endMode) {
    case EndMode::SpecificTime:
        if (hadEndType)
            r.extra.insert(kEndType, QStringLiteral("specific"));
        r.endDateTime = s.endDateTime;
        break;
    case EndMode::Latest:
        r.extra.insert(kEndType, QStringLiteral("latest"));
        break;
    case EndMode::SpecificOffset:
        r.endOffset = offsetValue(oldEndOffset, s.endOffset);
        break;
    }

    if (s.timeZone.isEmpty())
        r.timeZone.reset();
    else
        r.timeZone = s.timeZone;
    keepOrSet(r.keyType, s.keyType);
    keepOrSet(r.valueType, s.valueType);
    keepOrSet(r.encoding, s.encoding);
    const bool pollEmpty = s.exitStrategy == ExitStrategy::PollEmpty;
    if ((!r.stopWhenPollEmpty.isUndefined() || pollEmpty) && r.stopWhenPollEmptyValue() != pollEmpty)
        r.stopWhenPollEmpty = pollEmpty;

    const QJsonObject oldConfig = r.kafkaConfig.value_or(QJsonObject());
    QJsonObject kafkaConfig;
    for (const auto &[key, value] : s.kafkaConfig) {
        const QJsonValue old = oldConfig.value(key);
        // A number or boolean the user did not change keeps its JSON type.
        if (!old.isUndefined() && !old.isString() && propertyText(old) == value)
            kafkaConfig.insert(key, old);
        else
            kafkaConfig.insert(key, value);
    }
    if (groupInConfig && !s.groupId.isEmpty())
        kafkaConfig.insert(QLatin1String("group.id"), s.groupId);
    if (kafkaConfig.isEmpty())
        r.kafkaConfig.reset();
    else
        r.kafkaConfig = kafkaConfig;
}

MappingForm readMapping(const KafkaReaderConfig &r, const OdpsWriterConfig &w, const QJsonObject &ext)
{
    // reader.column[i] feeds writer.column[i]; the "kmsync" block keeps the fields that are not mapped.
    MappingForm m;
    const QStringList readerColumns = r.column;
    QStringList writerColumns = w.column;
    if (writerColumns == QStringList{QStringLiteral("*")})
        writerColumns.clear();
    const QStringList extSources = names(ext.value(kSourceFields));
    m.sourceFields.assign(extSources.begin(), extSources.end());
    const QJsonArray extTargets = ext.value(kTargetColumns).toArray();
    for (const QJsonValue &t : extTargets) {
        const QJsonObject o = t.toObject();
        m.targets.push_back({o.value(QLatin1String("name")).toString(), o.value(QLatin1String("type")).toString()});
    }
    std::vector<bool> sourceUsed(m.sourceFields.size(), false);
    auto sourceIndex = [&](const QString &field) {
        for (size_t i = 0; i < m.sourceFields.size(); ++i) {
            if (!sourceUsed[i] && m.sourceFields[i] == field)
                return int(i);
        }
        m.sourceFields.push_back(field);
        sourceUsed.push_back(false);
        return int(m.sourceFields.size() - 1);
    };
    auto targetIndex = [&](const QString &name) {
        for (size_t i = 0; i < m.targets.size(); ++i) {
            if (m.targets[i].name.compare(name, Qt::CaseInsensitive) == 0)
                return int(i);
        }
        m.targets.push_back({name, QString()});
        return int(m.targets.size() - 1);
    };
    const qsizetype linked = writerColumns.isEmpty() ? 0 : std::min(readerColumns.size(), writerColumns.size());
    for (qsizetype i = 0; i < linked; ++i) {
        const int s = sourceIndex(readerColumns.at(i));
        sourceUsed[size_t(s)] = true;
        m.links.push_back({s, targetIndex(writerColumns.at(i))});
    }
    for (qsizetype i = linked; i < readerColumns.size(); ++i)
        sourceUsed[size_t(sourceIndex(readerColumns.at(i)))] = true;
    return m;
}

ScheduleForm readSchedule(const QJsonObject &ext)
{
    ScheduleForm form;
    const QJsonObject schedule = ext.value(kSchedule).toObject();
    if (schedule.isEmpty())
        return form;
    params::Cycle &c = form.cycle;
    c.unit = cycleFromName(schedule.value(QLatin1String("cycle")).toString());
    c.interval = intOr(schedule.value(QLatin1String("interval")), c.interval);
    c.startAt = timeOr(schedule.value(QLatin1String("startAt")), c.startAt);
    c.endAt = timeOr(schedule.value(QLatin1String("endAt")), c.endAt);
    c.weekday = intOr(schedule.value(QLatin1String("weekday")), c.weekday);
    c.dayOfMonth = intOr(schedule.value(QLatin1String("dayOfMonth")), c.dayOfMonth);
    form.parameters = schedule.value(QLatin1String("parameters")).toString();
    return form;
}

SettingsForm readSettings(const JobSettings &setting, const QJsonObject &ext)
{
    SettingsForm s;
    s.errorLimit = intOr(setting.errorLimitRecord, 0);
    s.concurrent = intOr(setting.concurrent, 1);
    s.throttle = setting.throttleValue();
    s.mbps = intOr(setting.mbps, 1);
    // "reruns" (0 = no auto rerun) and "rerunIntervalSeconds", as KmsyncOptions reads them, or as loose text.
    if (ext.contains(QLatin1String("reruns"))) {
        const int reruns = intOr(ext.value(QLatin1String("reruns")), 3);
        s.rerun = reruns > 0;
        s.rerunTimes = reruns > 0 ? reruns : 3;
    }
    if (ext.contains(QLatin1String("rerunIntervalSeconds")))
        s.rerunIntervalMinutes = std::max(1, intOr(ext.value(QLatin1String("rerunIntervalSeconds")), 120) / 60);
    return s;
}

void writeSettings(const SettingsForm &form, JobSettings &s)
{
    // The editor always writes the setting block with errorLimit and speed.
    if (!s.extra)
        s.extra = QJsonObject();
    if (!s.errorLimitExtra)
        s.errorLimitExtra = QJsonObject();
    if (!s.speedExtra)
        s.speedExtra = QJsonObject();
    if (intOr(s.errorLimitRecord, -1) != form.errorLimit)
        s.errorLimitRecord = QString::number(form.errorLimit);
    if (intOr(s.concurrent, -1) != form.concurrent)
        s.concurrent = form.concurrent;
    if (s.throttle.isUndefined() || s.throttleValue() != form.throttle)
        s.throttle = form.throttle;
    if (!form.throttle) {
        s.mbps = QJsonValue(QJsonValue::Undefined);
    } else if (intOr(s.mbps, -1) != form.mbps) {
        s.mbps = form.mbps;
    }
}

} // namespace

TaskForm taskFormFrom(const TaskConfig &config)
{
    TaskForm task;
    task.config = config;
    const QJsonObject ext = config.kmsync ? config.kmsync->toJson() : QJsonObject();
    task.source = readSource(config.reader);
    const OdpsWriterConfig &w = config.writer;
    task.destination = {w.datasource, w.table, w.partition.value_or(QString()), w.truncateValue()};
    task.mapping = readMapping(config.reader, w, ext);
    task.schedule = readSchedule(ext);
    task.settings = readSettings(config.setting, ext);
    return task;
}

TaskConfig applyTaskForm(const TaskForm &form)
{
    TaskConfig c = form.config;
    if (!c.type && !c.extra.contains(QLatin1String("type")))
        c.type = QStringLiteral("job");
    if (!c.version && !c.extra.contains(QLatin1String("version")))
        c.version = QStringLiteral("2.0");

    KafkaReaderConfig &r = c.reader;
    OdpsWriterConfig &w = c.writer;
    writeSource(form.source, r);
    const MappingForm &m = form.mapping;
    r.column.clear();
    w.column.clear();
    for (const FieldLink &link : m.links) {
        if (link.source < 0 || link.target < 0 || size_t(link.source) >= m.sourceFields.size()
            || size_t(link.target) >= m.targets.size())
            continue;
        r.column.append(m.sourceFields[size_t(link.source)]);
        w.column.append(m.targets[size_t(link.target)].name);
    }
    r.extra.remove(QStringLiteral("column"));
    w.extra.remove(QStringLiteral("column"));
    const DestinationForm &d = form.destination;
    w.datasource = d.datasource;
    w.table = d.table;
    w.partition = d.partition;
    for (const char *key : {"datasource", "table", "partition"})
        w.extra.remove(QLatin1String(key));
    if (w.truncate.isUndefined() || w.truncateValue() != d.truncate)
        w.truncate = d.truncate;

    if (!c.order && !c.extra.contains(QLatin1String("order"))) {
        c.order = QJsonObject{{QStringLiteral("hops"), QJsonArray{QJsonObject{{QStringLiteral("from"), r.name},
                                                                              {QStringLiteral("to"), w.name}}}}};
    }
    writeSettings(form.settings, c.setting);

    KmsyncOptions k = c.kmsyncValue();
    QJsonArray sources;
    for (const QString &field : m.sourceFields)
        sources.append(field);
    QJsonArray targets;
    for (const DestinationColumn &t : m.targets)
        targets.append(QJsonObject{{QStringLiteral("name"), t.name}, {QStringLiteral("type"), t.type}});
    k.extra.insert(kSourceFields, sources);
    k.extra.insert(kTargetColumns, targets);
    const params::Cycle &cycle = form.schedule.cycle;
    k.extra.insert(kSchedule, QJsonObject{{QStringLiteral("cycle"), cycleName(cycle.unit)},
                                          {QStringLiteral("interval"), cycle.interval},
                                          {QStringLiteral("startAt"), cycle.startAt.toString(QStringLiteral("HH:mm"))},
                                          {QStringLiteral("endAt"), cycle.endAt.toString(QStringLiteral("HH:mm"))},
                                          {QStringLiteral("weekday"), cycle.weekday},
                                          {QStringLiteral("dayOfMonth"), cycle.dayOfMonth},
                                          {QStringLiteral("parameters"), form.schedule.parameters}});
    k.reruns = form.settings.rerun ? form.settings.rerunTimes : 0;
    k.rerunIntervalSeconds = form.settings.rerunIntervalMinutes * 60;
    k.extra.remove(QStringLiteral("reruns"));
    k.extra.remove(QStringLiteral("rerunIntervalSeconds"));
    c.kmsync = k;
    c.extra.remove(QStringLiteral("kmsync"));
    return c;
}

std::optional<QString> editorParameterLine(const TaskConfig &task)
{
    if (!task.kmsync)
        return std::nullopt;
    const QJsonValue line = task.kmsync->extra.value(kSchedule).toObject().value(QLatin1String("parameters"));
    return line.isString() ? std::optional<QString>(line.toString()) : std::nullopt;
}

TaskForm newTaskForm()
{
    TaskForm task;
    const QStringList &fields = kafkaFieldNames();
    task.mapping.sourceFields.assign(fields.begin(), fields.end());
    return task;
}

} // namespace kmsync::engine::config
