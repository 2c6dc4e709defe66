#include "widgets/taskadapter.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QTimeZone>

#include "engine/config/taskconfig.h"

namespace kmsync::ui {

namespace {

const QString kReaderStep = QStringLiteral("kafka");
const QString kWriterStep = QStringLiteral("odps");

// DataWorks writes booleans both as JSON booleans and as strings ("false").
bool toBool(const QJsonValue &value, bool fallback)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString())
        return value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    if (value.isDouble())
        return value.toDouble() != 0;
    return fallback;
}

// errorLimit.record and similar numbers may be strings in the official samples.
int toInt(const QJsonValue &value, int fallback)
{
    if (value.isDouble())
        return value.toInt(fallback);
    if (value.isString()) {
        bool ok = false;
        const int n = value.toString().trimmed().toInt(&ok);
        return ok ? n : fallback;
    }
    return fallback;
}

QString offsetText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return value.toString();
}

int findStep(const QJsonArray &steps, const QString &category, const QString &stepType)
{
    for (int i = 0; i < steps.size(); ++i) {
        const QJsonObject step = steps.at(i).toObject();
        if (step.value(QLatin1String("category")).toString() == category
            || step.value(QLatin1String("stepType")).toString() == stepType)
            return i;
    }
    return -1;
}

QString cycleName(engine::params::CycleUnit unit)
{
    using engine::params::CycleUnit;
    switch (unit) {
    case CycleUnit::Minute: return QStringLiteral("minute");
    case CycleUnit::Hour: return QStringLiteral("hour");
    case CycleUnit::Day: return QStringLiteral("day");
    case CycleUnit::Week: return QStringLiteral("week");
    case CycleUnit::Month: return QStringLiteral("month");
    }
    return QStringLiteral("hour");
}

engine::params::CycleUnit cycleFromName(const QString &name)
{
    using engine::params::CycleUnit;
    const QString n = name.toLower();
    if (n == QLatin1String("minute"))
        return CycleUnit::Minute;
    if (n == QLatin1String("day"))
        return CycleUnit::Day;
    if (n == QLatin1String("week"))
        return CycleUnit::Week;
    if (n == QLatin1String("month"))
        return CycleUnit::Month;
    return CycleUnit::Hour;
}

QTime timeFromText(const QJsonValue &value, QTime fallback)
{
    const QTime t = QTime::fromString(value.toString(), QStringLiteral("HH:mm"));
    return t.isValid() ? t : fallback;
}

SourceForm readSource(const QJsonObject &p)
{
    SourceForm s;
    s.datasource = p.value(QLatin1String("datasource")).toString(p.value(QLatin1String("server")).toString());
    s.topic = p.value(QLatin1String("topic")).toString();
    const QJsonObject kafkaConfig = p.value(QLatin1String("kafkaConfig")).toObject();
    s.groupId = p.value(QLatin1String("groupId")).toString(kafkaConfig.value(QLatin1String("group.id")).toString());
    for (auto it = kafkaConfig.begin(); it != kafkaConfig.end(); ++it) {
        if (it.key() == QLatin1String("group.id") && !p.contains(QLatin1String("groupId")))
            continue; // shown as the group id field
        const QJsonValue v = it.value();
        QString text = v.toString();
        if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 17);
        else if (v.isBool())
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        s.kafkaConfig.emplace_back(it.key(), text);
    }

    const QString beginType = p.value(QLatin1String("beginType")).toString();
    const QJsonValue beginOffset = p.value(QLatin1String("beginOffset"));
    s.beginDateTime = p.value(QLatin1String("beginDateTime")).toString();
    if (beginType == QLatin1String("earliest") || beginOffset.toString() == QLatin1String("seekToBeginning"))
        s.beginMode = BeginMode::Earliest;
    else if (beginType == QLatin1String("current") || beginOffset.toString() == QLatin1String("seekToLast"))
        s.beginMode = BeginMode::GroupCurrent;
    else if (!p.contains(QLatin1String("beginDateTime")) && beginOffset.isDouble())
        s.beginMode = BeginMode::SpecificOffset;
    else
        s.beginMode = BeginMode::SpecificTime;
    if (s.beginMode == BeginMode::SpecificOffset)
        s.beginOffset = offsetText(beginOffset);

    const QString endType = p.value(QLatin1String("endType")).toString();
    const QJsonValue endOffset = p.value(QLatin1String("endOffset"));
    s.endDateTime = p.value(QLatin1String("endDateTime")).toString();
    if (endType == QLatin1String("latest"))
        s.endMode = EndMode::Latest;
    else if (!p.contains(QLatin1String("endDateTime")) && !endOffset.isUndefined())
        s.endMode = EndMode::SpecificOffset;
    else
        s.endMode = EndMode::SpecificTime;
    if (s.endMode == EndMode::SpecificOffset)
        s.endOffset = offsetText(endOffset);

    s.timeZone = p.value(QLatin1String("timeZone")).toString();
    s.keyType = p.value(QLatin1String("keyType")).toString(QStringLiteral("string")).toLower();
    s.valueType = p.value(QLatin1String("valueType")).toString(QStringLiteral("string")).toLower();
    s.encoding = p.value(QLatin1String("encoding")).toString(QStringLiteral("UTF-8"));
    s.exitStrategy = toBool(p.value(QLatin1String("stopWhenPollEmpty")), false) ? ExitStrategy::PollEmpty
                                                                              : ExitStrategy::ReachEnd;
    return s;
}

void writeSource(const SourceForm &s, QJsonObject &p)
{
    // Keep the file's own spelling where the value did not change (keyType "STRING", group.id in kafkaConfig, ...).
    const QJsonObject before = p;
    auto keepOrSet = [&](const char *key, const QString &value) {
        if (before.value(QLatin1String(key)).toString().compare(value, Qt::CaseInsensitive) != 0)
            p.insert(QLatin1String(key), value);
    };
    if (!before.contains(QLatin1String("server")) || before.value(QLatin1String("server")).toString() != s.datasource) {
        p.remove(QLatin1String("server"));
        p.insert(QLatin1String("datasource"), s.datasource);
    }
    p.insert(QLatin1String("topic"), s.topic);
    const bool groupInKafkaConfig = !before.contains(QLatin1String("groupId"))
        && before.value(QLatin1String("kafkaConfig")).toObject().contains(QLatin1String("group.id"));
    if (s.groupId.isEmpty() || groupInKafkaConfig)
        p.remove(QLatin1String("groupId"));
    else
        p.insert(QLatin1String("groupId"), s.groupId);

    const bool hadBeginType = before.contains(QLatin1String("beginType"));
    const bool hadEndType = before.contains(QLatin1String("endType"));
    for (const char *key : {"beginType", "beginDateTime", "beginOffset", "endType", "endDateTime", "endOffset"})
        p.remove(QLatin1String(key));
    switch (s.beginMode) {
    case BeginMode::SpecificTime:
        if (hadBeginType)
            p.insert(QLatin1String("beginType"), QStringLiteral("specific"));
        p.insert(QLatin1String("beginDateTime"), s.beginDateTime);
        break;
    case BeginMode::Earliest: p.insert(QLatin1String("beginType"), QStringLiteral("earliest")); break;
    case BeginMode::GroupCurrent: p.insert(QLatin1String("beginType"), QStringLiteral("current")); break;
    case BeginMode::SpecificOffset: p.insert(QLatin1String("beginOffset"), s.beginOffset.toLongLong()); break;
    }
    switch (s.endMode) {
    case EndMode::SpecificTime:
        if (hadEndType)
            p.insert(QLatin1String("endType"), QStringLiteral("specific"));
        p.insert(QLatin1String("endDateTime"), s.endDateTime);
        break;
    case EndMode::Latest: p.insert(QLatin1String("endType"), QStringLiteral("latest")); break;
    case EndMode::SpecificOffset: p.insert(QLatin1String("endOffset"), s.endOffset.toLongLong()); break;
    }

    if (s.timeZone.isEmpty())
        p.remove(QLatin1String("timeZone"));
    else
        p.insert(QLatin1String("timeZone"), s.timeZone);
    keepOrSet("keyType", s.keyType);
    keepOrSet("valueType", s.valueType);
    keepOrSet("encoding", s.encoding);
    if (before.contains(QLatin1String("stopWhenPollEmpty")) || s.exitStrategy == ExitStrategy::PollEmpty) {
        if (toBool(before.value(QLatin1String("stopWhenPollEmpty")), false) != (s.exitStrategy == ExitStrategy::PollEmpty))
            p.insert(QLatin1String("stopWhenPollEmpty"), s.exitStrategy == ExitStrategy::PollEmpty);
    }

    const QJsonObject oldConfig = before.value(QLatin1String("kafkaConfig")).toObject();
    QJsonObject kafkaConfig;
    for (const auto &[key, value] : s.kafkaConfig) {
        const QJsonValue old = oldConfig.value(key);
        // A number or boolean the user did not change keeps its JSON type.
        if (!old.isUndefined() && !old.isString()) {
            const QString oldText = old.isBool() ? (old.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                                 : QString::number(old.toDouble(), 'g', 17);
            if (oldText == value) {
                kafkaConfig.insert(key, old);
                continue;
            }
        }
        kafkaConfig.insert(key, value);
    }
    if (groupInKafkaConfig && !s.groupId.isEmpty())
        kafkaConfig.insert(QLatin1String("group.id"), s.groupId);
    if (kafkaConfig.isEmpty())
        p.remove(QLatin1String("kafkaConfig"));
    else
        p.insert(QLatin1String("kafkaConfig"), kafkaConfig);
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out.append(v.isString() ? v.toString() : v.toObject().value(QLatin1String("name")).toString());
    return out;
}

// Where the editor shows an engine validation finding: a JSON path into the task file -> "<page>.<field>".
QString uiPathFor(const QString &jsonPath, const QString &readerPath, const QString &writerPath)
{
    auto firstKey = [](const QString &rest) {
        QString key = rest.section(QLatin1Char('.'), 0, 0);
        const qsizetype bracket = key.indexOf(QLatin1Char('['));
        return bracket > 0 ? key.left(bracket) : key;
    };
    if (jsonPath.startsWith(readerPath + QLatin1Char('.'))) {
        const QString key = firstKey(jsonPath.mid(readerPath.size() + 1));
        if (key == QLatin1String("column"))
            return QStringLiteral("mapping.links");
        if (key == QLatin1String("server"))
            return QStringLiteral("source.datasource");
        if (key == QLatin1String("stopWhenPollEmpty") || key == QLatin1String("waitTime"))
            return QStringLiteral("source.exitStrategy");
        return QStringLiteral("source.") + key;
    }
    if (jsonPath.startsWith(writerPath + QLatin1Char('.'))) {
        const QString key = firstKey(jsonPath.mid(writerPath.size() + 1));
        if (key == QLatin1String("column"))
            return QStringLiteral("mapping.links");
        return QStringLiteral("destination.") + key;
    }
    if (jsonPath.startsWith(QLatin1String("setting.errorLimit")))
        return QStringLiteral("settings.errorLimit");
    if (jsonPath.startsWith(QLatin1String("setting.speed.")))
        return QStringLiteral("settings.") + jsonPath.section(QLatin1Char('.'), 2, 2);
    if (jsonPath.startsWith(QLatin1String("kmsync.rerun")))
        return QStringLiteral("settings.rerun");
    return QStringLiteral("task.") + jsonPath;
}

} // namespace

std::vector<QString> defaultKafkaFields()
{
    return {QStringLiteral("__key__"),     QStringLiteral("__value__"),  QStringLiteral("__partition__"),
            QStringLiteral("__headers__"), QStringLiteral("__offset__"), QStringLiteral("__timestamp__")};
}

TaskForm newTask()
{
    TaskForm task;
    task.mapping.sourceFields = defaultKafkaFields();
    return task;
}

engine::Result<TaskForm> taskFromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return engine::makeError(QStringLiteral("task.json"),
                                 QStringLiteral("The task file is not valid JSON: %1 at byte %2.")
                                     .arg(parseError.errorString())
                                     .arg(parseError.offset));
    }
    if (!doc.isObject())
        return engine::makeError(QStringLiteral("task.shape"), QStringLiteral("The task file must be a JSON object."));
    const QJsonObject root = doc.object();
    const QJsonArray steps = root.value(QLatin1String("steps")).toArray();
    const int readerIndex = findStep(steps, QStringLiteral("reader"), kReaderStep);
    const int writerIndex = findStep(steps, QStringLiteral("writer"), kWriterStep);
    if (readerIndex < 0 || writerIndex < 0) {
        return engine::makeError(QStringLiteral("task.shape"),
                                 QStringLiteral("The task file needs a \"steps\" array with a reader step "
                                                "(\"stepType\": \"kafka\") and a writer step (\"stepType\": \"odps\")."));
    }
    const QJsonObject reader = steps.at(readerIndex).toObject().value(QLatin1String("parameter")).toObject();
    const QJsonObject writer = steps.at(writerIndex).toObject().value(QLatin1String("parameter")).toObject();
    const QJsonObject ext = root.value(QLatin1String("kmsync")).toObject();

    TaskForm task;
    task.original = root;
    task.source = readSource(reader);

    task.destination.datasource = writer.value(QLatin1String("datasource")).toString();
    task.destination.table = writer.value(QLatin1String("table")).toString();
    task.destination.partition = writer.value(QLatin1String("partition")).toString();
    task.destination.truncate = toBool(writer.value(QLatin1String("truncate")), true);

    // Mapping: reader.column[i] feeds writer.column[i]; the extension keeps the fields that are not mapped.
    const QStringList readerColumns = stringList(reader.value(QLatin1String("column")));
    QStringList writerColumns = stringList(writer.value(QLatin1String("column")));
    if (writerColumns == QStringList{QStringLiteral("*")})
        writerColumns.clear();
    const QStringList extSources = stringList(ext.value(QLatin1String("sourceFields")));
    task.mapping.sourceFields.assign(extSources.begin(), extSources.end());
    const QJsonArray extTargets = ext.value(QLatin1String("targetColumns")).toArray();
    for (const QJsonValue &t : extTargets) {
        const QJsonObject o = t.toObject();
        task.mapping.targets.push_back({o.value(QLatin1String("name")).toString(),
                                        o.value(QLatin1String("type")).toString()});
    }
    std::vector<bool> sourceUsed(task.mapping.sourceFields.size(), false);
    auto sourceIndex = [&](const QString &field) {
        for (size_t i = 0; i < task.mapping.sourceFields.size(); ++i) {
            if (!sourceUsed[i] && task.mapping.sourceFields[i] == field)
                return int(i);
        }
        task.mapping.sourceFields.push_back(field);
        sourceUsed.push_back(false);
        return int(task.mapping.sourceFields.size() - 1);
    };
    auto targetIndex = [&](const QString &name) {
        for (size_t i = 0; i < task.mapping.targets.size(); ++i) {
            if (task.mapping.targets[i].name.compare(name, Qt::CaseInsensitive) == 0)
                return int(i);
        }
        task.mapping.targets.push_back({name, QString()});
        return int(task.mapping.targets.size() - 1);
    };
    const qsizetype linked = writerColumns.isEmpty() ? 0 : std::min(readerColumns.size(), writerColumns.size());
    for (qsizetype i = 0; i < linked; ++i) {
        const int s = sourceIndex(readerColumns.at(i));
        sourceUsed[size_t(s)] = true;
        task.mapping.links.push_back({s, targetIndex(writerColumns.at(i))});
    }
    for (qsizetype i = linked; i < readerColumns.size(); ++i)
        sourceUsed[size_t(sourceIndex(readerColumns.at(i)))] = true;

    const QJsonObject schedule = ext.value(QLatin1String("schedule")).toObject();
    if (!schedule.isEmpty()) {
        engine::params::Cycle &c = task.schedule.cycle;
        c.unit = cycleFromName(schedule.value(QLatin1String("cycle")).toString());
        c.interval = toInt(schedule.value(QLatin1String("interval")), c.interval);
        c.startAt = timeFromText(schedule.value(QLatin1String("startAt")), c.startAt);
        c.endAt = timeFromText(schedule.value(QLatin1String("endAt")), c.endAt);
        c.weekday = toInt(schedule.value(QLatin1String("weekday")), c.weekday);
        c.dayOfMonth = toInt(schedule.value(QLatin1String("dayOfMonth")), c.dayOfMonth);
        task.schedule.parameters = schedule.value(QLatin1String("parameters")).toString();
    }

    const QJsonObject setting = root.value(QLatin1String("setting")).toObject();
    const QJsonObject speed = setting.value(QLatin1String("speed")).toObject();
    task.settings.errorLimit = toInt(setting.value(QLatin1String("errorLimit")).toObject().value(QLatin1String("record")), 0);
    task.settings.concurrent = toInt(speed.value(QLatin1String("concurrent")), 1);
    task.settings.throttle = toBool(speed.value(QLatin1String("throttle")), false);
    task.settings.mbps = toInt(speed.value(QLatin1String("mbps")), 1);
    if (ext.contains(QLatin1String("reruns"))) {
        const int reruns = toInt(ext.value(QLatin1String("reruns")), 3);
        task.settings.rerun = reruns > 0;
        task.settings.rerunTimes = reruns > 0 ? reruns : 3;
    }
    if (ext.contains(QLatin1String("rerunIntervalSeconds")))
        task.settings.rerunIntervalMinutes = std::max(1, toInt(ext.value(QLatin1String("rerunIntervalSeconds")), 120) / 60);
    return task;
}

QByteArray taskToJson(const TaskForm &task)
{
    QJsonObject root = task.original;
    if (!root.contains(QLatin1String("type")))
        root.insert(QLatin1String("type"), QStringLiteral("job"));
    if (!root.contains(QLatin1String("version")))
        root.insert(QLatin1String("version"), QStringLiteral("2.0"));
    QJsonArray steps = root.value(QLatin1String("steps")).toArray();
    int readerIndex = findStep(steps, QStringLiteral("reader"), kReaderStep);
    if (readerIndex < 0) {
        steps.append(QJsonObject{{QStringLiteral("stepType"), kReaderStep},
                                 {QStringLiteral("name"), QStringLiteral("Reader")},
                                 {QStringLiteral("category"), QStringLiteral("reader")}});
        readerIndex = int(steps.size() - 1);
    }
    int writerIndex = findStep(steps, QStringLiteral("writer"), kWriterStep);
    if (writerIndex < 0) {
        steps.append(QJsonObject{{QStringLiteral("stepType"), kWriterStep},
                                 {QStringLiteral("name"), QStringLiteral("Writer")},
                                 {QStringLiteral("category"), QStringLiteral("writer")}});
        writerIndex = int(steps.size() - 1);
    }
    QJsonObject readerStep = steps.at(readerIndex).toObject();
    QJsonObject writerStep = steps.at(writerIndex).toObject();
    QJsonObject reader = readerStep.value(QLatin1String("parameter")).toObject();
    QJsonObject writer = writerStep.value(QLatin1String("parameter")).toObject();

    writeSource(task.source, reader);
    QJsonArray readerColumns;
    QJsonArray writerColumns;
    for (const FieldLink &link : task.mapping.links) {
        if (link.source < 0 || link.target < 0 || size_t(link.source) >= task.mapping.sourceFields.size()
            || size_t(link.target) >= task.mapping.targets.size())
            continue;
        readerColumns.append(task.mapping.sourceFields[size_t(link.source)]);
        writerColumns.append(task.mapping.targets[size_t(link.target)].name);
    }
    reader.insert(QLatin1String("column"), readerColumns);
    writer.insert(QLatin1String("column"), writerColumns);
    writer.insert(QLatin1String("datasource"), task.destination.datasource);
    writer.insert(QLatin1String("table"), task.destination.table);
    writer.insert(QLatin1String("partition"), task.destination.partition);
    if (toBool(writer.value(QLatin1String("truncate")), !task.destination.truncate) != task.destination.truncate)
        writer.insert(QLatin1String("truncate"), task.destination.truncate);

    readerStep.insert(QLatin1String("parameter"), reader);
    writerStep.insert(QLatin1String("parameter"), writer);
    steps.replace(readerIndex, readerStep);
    steps.replace(writerIndex, writerStep);
    root.insert(QLatin1String("steps"), steps);
    if (!root.contains(QLatin1String("order"))) {
        root.insert(QLatin1String("order"),
                    QJsonObject{{QStringLiteral("hops"),
                                 QJsonArray{QJsonObject{{QStringLiteral("from"), readerStep.value(QLatin1String("name"))},
                                                        {QStringLiteral("to"), writerStep.value(QLatin1String("name"))}}}}});
    }

    QJsonObject setting = root.value(QLatin1String("setting")).toObject();
    QJsonObject errorLimit = setting.value(QLatin1String("errorLimit")).toObject();
    if (toInt(errorLimit.value(QLatin1String("record")), -1) != task.settings.errorLimit)
        errorLimit.insert(QLatin1String("record"), QString::number(task.settings.errorLimit));
    setting.insert(QLatin1String("errorLimit"), errorLimit);
    QJsonObject speed = setting.value(QLatin1String("speed")).toObject();
    if (toInt(speed.value(QLatin1String("concurrent")), -1) != task.settings.concurrent)
        speed.insert(QLatin1String("concurrent"), task.settings.concurrent);
    if (!speed.contains(QLatin1String("throttle")) || toBool(speed.value(QLatin1String("throttle")), false) != task.settings.throttle)
        speed.insert(QLatin1String("throttle"), task.settings.throttle);
    if (!task.settings.throttle)
        speed.remove(QLatin1String("mbps"));
    else if (toInt(speed.value(QLatin1String("mbps")), -1) != task.settings.mbps)
        speed.insert(QLatin1String("mbps"), task.settings.mbps);
    setting.insert(QLatin1String("speed"), speed);
    root.insert(QLatin1String("setting"), setting);

    QJsonObject ext = root.value(QLatin1String("kmsync")).toObject();
    QJsonArray sources;
    for (const QString &field : task.mapping.sourceFields)
        sources.append(field);
    QJsonArray targets;
    for (const DestinationColumn &t : task.mapping.targets)
        targets.append(QJsonObject{{QStringLiteral("name"), t.name}, {QStringLiteral("type"), t.type}});
    ext.insert(QLatin1String("sourceFields"), sources);
    ext.insert(QLatin1String("targetColumns"), targets);
    const engine::params::Cycle &c = task.schedule.cycle;
    ext.insert(QLatin1String("schedule"), QJsonObject{{QStringLiteral("cycle"), cycleName(c.unit)},
                                                      {QStringLiteral("interval"), c.interval},
                                                      {QStringLiteral("startAt"), c.startAt.toString(QStringLiteral("HH:mm"))},
                                                      {QStringLiteral("endAt"), c.endAt.toString(QStringLiteral("HH:mm"))},
                                                      {QStringLiteral("weekday"), c.weekday},
                                                      {QStringLiteral("dayOfMonth"), c.dayOfMonth},
                                                      {QStringLiteral("parameters"), task.schedule.parameters}});
    // The engine's KmsyncOptions: "reruns" (0 = no auto rerun) and "rerunIntervalSeconds".
    ext.insert(QLatin1String("reruns"), task.settings.rerun ? task.settings.rerunTimes : 0);
    ext.insert(QLatin1String("rerunIntervalSeconds"), task.settings.rerunIntervalMinutes * 60);
    root.insert(QLatin1String("kmsync"), ext);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::vector<FieldIssue> validateTask(const TaskForm &task)
{
    std::vector<FieldIssue> issues;
    auto error = [&](const QString &path, const QString &message) {
        issues.push_back({path, FieldIssue::Severity::Error, message});
    };
    const SourceForm &s = task.source;
    if (s.topic.trimmed().isEmpty())
        error(QStringLiteral("source.topic"), QStringLiteral("Topic is required: choose the Kafka topic to read."));
    static const QRegularExpression timeRe(QStringLiteral("^(\\d{14}|.*\\$[\\{\\[].*)$"));
    if (s.beginMode == BeginMode::SpecificTime && !timeRe.match(s.beginDateTime).hasMatch()) {
        error(QStringLiteral("source.beginDateTime"),
              QStringLiteral("Start time \"%1\" must be 14 digits yyyymmddhhmmss or a parameter such as ${startTime}.")
                  .arg(s.beginDateTime));
    }
    if (s.endMode == EndMode::SpecificTime && !timeRe.match(s.endDateTime).hasMatch()) {
        error(QStringLiteral("source.endDateTime"),
              QStringLiteral("End time \"%1\" must be 14 digits yyyymmddhhmmss or a parameter such as ${endTime}.")
                  .arg(s.endDateTime));
    }
    bool ok = false;
    if (s.beginMode == BeginMode::SpecificOffset && (s.beginOffset.toLongLong(&ok), !ok))
        error(QStringLiteral("source.beginOffset"),
              QStringLiteral("Start offset \"%1\" must be a whole number.").arg(s.beginOffset));
    if (s.endMode == EndMode::SpecificOffset && (s.endOffset.toLongLong(&ok), !ok))
        error(QStringLiteral("source.endOffset"), QStringLiteral("End offset \"%1\" must be a whole number.").arg(s.endOffset));
    if (!s.timeZone.isEmpty() && !QTimeZone(s.timeZone.toUtf8()).isValid())
        error(QStringLiteral("source.timeZone"),
              QStringLiteral("Time zone \"%1\" is not a known IANA zone such as Asia/Shanghai.").arg(s.timeZone));
    for (const auto &[key, value] : s.kafkaConfig) {
        if (key.trimmed().isEmpty()) {
            error(QStringLiteral("source.kafkaConfig"), QStringLiteral("Every advanced Kafka property needs a name."));
            break;
        }
    }

    const DestinationForm &d = task.destination;
    if (d.table.trimmed().isEmpty())
        error(QStringLiteral("destination.table"), QStringLiteral("Table is required: choose the destination table."));
    static const QRegularExpression partRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*=[^,=/]+([,/][A-Za-z_][A-Za-z0-9_]*=[^,=/]+)*$"));
    if (!d.partition.isEmpty() && !partRe.match(d.partition).hasMatch()) {
        error(QStringLiteral("destination.partition"),
              QStringLiteral("Partition \"%1\" must be key=value pairs separated by commas, e.g. ds=${partition}.")
                  .arg(d.partition));
    }

    if (task.mapping.links.empty())
        error(QStringLiteral("mapping.links"), QStringLiteral("Map at least one source field to a destination column."));

    const SettingsForm &st = task.settings;
    if (st.concurrent < 1 || st.concurrent > 32)
        error(QStringLiteral("settings.concurrent"),
              QStringLiteral("Concurrency %1 is out of range: allowed are 1 to 32.").arg(st.concurrent));
    if (st.throttle && st.mbps < 1)
        error(QStringLiteral("settings.mbps"), QStringLiteral("With throttling on, the rate must be at least 1 MB/s."));
    // Everything else the engine checks (types, enums, column counts, JSON path syntax, ...), on the exact file
    // Save would write; a finding for a field the checks above already reported is not repeated.
    if (auto config = engine::config::TaskConfig::fromJsonBytes(taskToJson(task))) {
        const QString readerPath = config->readerPath();
        const QString writerPath = config->writerPath();
        for (const engine::config::ValidationIssue &issue : config->validate()) {
            const QString path = uiPathFor(issue.path, readerPath, writerPath);
            const bool known = std::any_of(issues.begin(), issues.end(), [&](const FieldIssue &i) { return i.path == path; });
            if (known)
                continue;
            issues.push_back({path,
                              issue.severity == engine::config::ValidationIssue::Severity::Error ? FieldIssue::Severity::Error
                                                                                                : FieldIssue::Severity::Warning,
                              issue.path.section(QLatin1Char('.'), -1) + QStringLiteral(": ") + issue.message});
        }
    }
    if (task.schedule.parameters.trimmed().isEmpty() && (s.beginDateTime.contains(QLatin1String("${"))
                                                         || s.endDateTime.contains(QLatin1String("${")))) {
        issues.push_back({QStringLiteral("schedule.parameters"), FieldIssue::Severity::Warning,
                          QStringLiteral("The source uses ${...} parameters but the parameter line assigns none.")});
    }
    return issues;
}

} // namespace kmsync::ui
