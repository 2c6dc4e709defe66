#include "engine/config/taskvalidator.h"

#include <utility>

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>
#include <QTimeZone>

#include "engine/config/loosejson.h"
#include "engine/config/sourcefield.h"
#include "engine/config/taskconfig.h"
#include "engine/config/taskform.h"
#include "engine/mapping/bytesdecoder.h"
#include "engine/params/lint.h"

namespace kmsync::engine::config {

namespace {

// A finding's code and arguments (ValidationIssue); its field is the key its path ends with.
struct Facts
{
    Facts(IssueCode code, QString value = QString(), QString allowed = QString(), QString detail = QString())
        : code(code)
        , value(std::move(value))
        , allowed(std::move(allowed))
        , detail(std::move(detail))
    {
    }

    IssueCode code;
    QString value;
    QString allowed;
    QString detail;
};

bool hasPlaceholder(const QString &text)
{
    return text.contains(QLatin1String("${")) || text.contains(QLatin1String("$["));
}

class Checker
{
public:
    explicit Checker(const TaskConfig &task)
        : m_task(task)
    {
    }

    ValidationIssues run()
    {
        checkTop();
        checkReader();
        checkWriter();
        checkMapping();
        checkSetting();
        checkOrder();
        checkKmsync();
        return std::move(m_issues);
    }

private:
    void error(const QString &path, Facts facts, const QString &message)
    {
        add(ValidationIssue::Severity::Error, path, std::move(facts), message);
    }
    void warning(const QString &path, Facts facts, const QString &message)
    {
        add(ValidationIssue::Severity::Warning, path, std::move(facts), message);
    }
    void add(ValidationIssue::Severity severity, const QString &path, Facts facts, const QString &message)
    {
        m_issues.push_back({path, severity, message, facts.code, lastKeyOf(path), std::move(facts.value),
                            std::move(facts.allowed), std::move(facts.detail)});
    }
    static QString join(const QString &base, const QString &key)
    {
        return base.isEmpty() ? key : base + QLatin1Char('.') + key;
    }

    // Known keys that landed in `extra` because their value had the wrong type.
    void checkTypes(const QString &base, const QJsonObject &extra,
                    const QList<std::pair<const char *, const char *>> &known)
    {
        for (const auto &[key, expected] : known) {
            const QString k = QString::fromLatin1(key);
            const auto it = extra.constFind(k);
            if (it == extra.constEnd())
                continue;
            const QString path = join(base, k);
            if (it->isArray() && QLatin1String(expected) == QLatin1String("an array of strings")) {
                const QJsonArray array = it->toArray();
                for (int i = 0; i < array.size(); ++i) {
                    if (!array.at(i).isString()) {
                        error(QStringLiteral("%1[%2]").arg(path).arg(i),
                              {IssueCode::WrongType, jsonText(array.at(i)), QStringLiteral("a string"),
                               jsonTypeName(array.at(i))},
                              QStringLiteral("expected a string, got %1 %2")
                                  .arg(jsonTypeName(array.at(i)), jsonText(array.at(i))));
                    }
                }
                continue;
            }
            error(path, {IssueCode::WrongType, jsonText(*it), QLatin1String(expected), jsonTypeName(*it)},
                  QStringLiteral("expected %1, got %2 %3")
                      .arg(QLatin1String(expected), jsonTypeName(*it), jsonText(*it)));
        }
    }

    void checkLooseBool(const QString &path, const QJsonValue &value)
    {
        if (value.isUndefined() || looseBool(value))
            return;
        error(path, {IssueCode::NotBoolean, jsonText(value)},
              QStringLiteral("%1 is not a boolean; use true or false").arg(jsonText(value)));
    }

    // `what` says in English what is expected; `range` is the allowed range (">= min" unless given).
    void checkLooseInt(const QString &path, const QJsonValue &value, qint64 min, const QString &what,
                       QString range = QString())
    {
        if (range.isEmpty())
            range = QStringLiteral(">= %1").arg(min);
        if (value.isUndefined())
            return;
        if (value.isString() && hasPlaceholder(value.toString()))
            return;
        const auto v = looseInt(value);
        if (!v) {
            error(path, {IssueCode::NotInteger, jsonText(value), range},
                  QStringLiteral("%1 is not an integer; expected %2").arg(jsonText(value), what));
        } else if (*v < min) {
            error(path, {IssueCode::OutOfRange, jsonText(value), range},
                  QStringLiteral("%1 is out of range; expected %2").arg(jsonText(value), what));
        }
    }

    void checkStep(const QString &base, const QString &stepType, const QString &category, const QString &name,
                   const QJsonObject &stepExtra, const char *expectedType, const char *expectedCategory)
    {
        checkTypes(base, stepExtra,
                   {{"stepType", "a string"},
                    {"category", "a string"},
                    {"name", "a string"},
                    {"parameter", "an object"}});
        if (stepType != QLatin1String(expectedType))
            warning(join(base, QStringLiteral("stepType")),
                    {IssueCode::StepSpelling, stepType, QLatin1String(expectedType)},
                    QStringLiteral("\"%1\" is written as \"%2\" in DataWorks")
                        .arg(stepType, QLatin1String(expectedType)));
        if (category != QLatin1String(expectedCategory))
            warning(join(base, QStringLiteral("category")),
                    {IssueCode::StepSpelling, category, QLatin1String(expectedCategory)},
                    QStringLiteral("\"%1\" is written as \"%2\" in DataWorks")
                        .arg(category, QLatin1String(expectedCategory)));
        if (name.isEmpty())
            error(join(base, QStringLiteral("name")), {IssueCode::StepNameMissing},
                  QStringLiteral("missing; the step needs a name that order.hops refers to"));
    }

    void checkTop()
    {
        checkTypes(QString(), m_task.extra,
                   {{"type", "a string"},
                    {"version", "a string"},
                    {"setting", "an object"},
                    {"order", "an object"},
                    {"kmsync", "an object"}});
        if (!m_task.type) {
            if (!m_task.extra.contains(QStringLiteral("type")))
                error(QStringLiteral("type"), {IssueCode::MissingKey, {}, QStringLiteral("job")},
                      QStringLiteral("missing; expected \"job\""));
        } else if (*m_task.type != QLatin1String("job")) {
            error(QStringLiteral("type"), {IssueCode::NotAllowed, *m_task.type, QStringLiteral("job")},
                  QStringLiteral("\"%1\" is not allowed; expected \"job\"").arg(*m_task.type));
        }
        if (!m_task.version) {
            if (!m_task.extra.contains(QStringLiteral("version")))
                error(QStringLiteral("version"), {IssueCode::MissingKey, {}, QStringLiteral("2.0")},
                      QStringLiteral("missing; expected \"2.0\""));
        } else if (*m_task.version != QLatin1String("2.0")) {
            warning(QStringLiteral("version"), {IssueCode::UnknownVersion, *m_task.version, QStringLiteral("2.0")},
                    QStringLiteral("\"%1\" is not the version kmsync knows; expected \"2.0\"").arg(*m_task.version));
        }
    }

    void checkDateTime(const QString &path, const std::optional<QString> &value)
    {
        if (!value || hasPlaceholder(*value))
            return;
        const auto parsed = params::parseDataWorksDateTime(*value);
        if (!parsed)
            error(path, {IssueCode::DateTimeInvalid, *value, {}, parsed.error().message}, parsed.error().message);
    }

    void checkOffset(const QString &path, const QJsonValue &value)
    {
        if (value.isUndefined())
            return;
        if (value.isString()) {
            const QString text = value.toString().trimmed();
            if (hasPlaceholder(text))
                return;
            for (const char *keyword : {"seekToBeginning", "seekToLast", "seekToEnd"}) {
                if (text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0)
                    return;
            }
        }
        const auto v = looseInt(value);
        if (v && *v >= 0)
            return;
        error(path, {IssueCode::NotAnOffset, value.isString() ? value.toString() : jsonText(value)},
              QStringLiteral("%1 is not an offset; expected a number >= 0, seekToBeginning, seekToLast or seekToEnd")
                  .arg(jsonText(value)));
    }

    void checkReader()
    {
        const KafkaReaderConfig &r = m_task.reader;
        const QString stepBase = QStringLiteral("steps[%1]").arg(m_task.writerFirst ? 1 : 0);
        const QString base = m_task.readerPath();
        checkStep(stepBase, r.stepType, r.category, r.name, r.stepExtra, "kafka", "reader");
        checkTypes(base, r.extra,
                   {{"server", "a string"},
                    {"datasource", "a string"},
                    {"topic", "a string"},
                    {"column", "an array of strings"},
                    {"keyType", "a string"},
                    {"valueType", "a string"},
                    {"encoding", "a string"},
                    {"beginDateTime", "a string"},
                    {"endDateTime", "a string"},
                    {"timeZone", "a string"},
                    {"kafkaConfig", "an object"},
                    {"groupId", "a string"}});

        // where to read
        const bool hasServer = r.server.has_value();
        const bool hasDatasource = r.datasource.has_value();
        if (!hasServer && !hasDatasource && !r.extra.contains(QStringLiteral("server"))
            && !r.extra.contains(QStringLiteral("datasource"))) {
            error(join(base, QStringLiteral("datasource")), {IssueCode::SourceMissing},
                  QStringLiteral(
                      "missing; name the Kafka datasource (or give the 2019 form \"server\": \"host:port\")"));
        }
        if (hasServer && hasDatasource)
            warning(join(base, QStringLiteral("server")), {IssueCode::ServerAndDatasource},
                    QStringLiteral("both server and datasource are set; datasource is used"));
        if (hasDatasource && r.datasource->trimmed().isEmpty())
            error(join(base, QStringLiteral("datasource")), {IssueCode::DatasourceEmpty},
                  QStringLiteral("is empty; name the Kafka datasource"));
        if (hasServer && !hasPlaceholder(*r.server)) {
            static const QRegularExpression hostPort(QStringLiteral(R"(^[^\s:,]+:\d{1,5}(,[^\s:,]+:\d{1,5})*$)"));
            if (!hostPort.match(r.server->trimmed()).hasMatch())
                error(join(base, QStringLiteral("server")), {IssueCode::NotHostPort, *r.server},
                      QStringLiteral("\"%1\" is not host:port (e.g. \"broker1:9092\")").arg(*r.server));
        }

        // topic
        if (!r.extra.contains(QStringLiteral("topic"))) {
            if (r.topic.trimmed().isEmpty()) {
                error(join(base, QStringLiteral("topic")), {IssueCode::TopicMissing},
                      QStringLiteral("missing; name the Kafka topic to read"));
            } else if (!hasPlaceholder(r.topic)) {
                static const QRegularExpression legal(QStringLiteral(R"(^[A-Za-z0-9._-]{1,249}$)"));
                if (!legal.match(r.topic).hasMatch())
                    error(join(base, QStringLiteral("topic")), {IssueCode::TopicName, r.topic},
                          QStringLiteral("\"%1\" is not a Kafka topic name; allowed: letters, digits, '.', '_', '-', "
                                         "at most 249 characters")
                              .arg(r.topic));
            }
        }

        // columns
        if (r.column.isEmpty() && !r.extra.contains(QStringLiteral("column")))
            error(join(base, QStringLiteral("column")), {IssueCode::SourceFieldsMissing},
                  QStringLiteral(
                      "missing; list the source fields (__key__, __value__, ..., 'constant' or JSON paths)"));
        for (int i = 0; i < r.column.size(); ++i) {
            const QString path = QStringLiteral("%1.column[%2]").arg(base).arg(i);
            // the mapper's parser: what it rejects is an error here, with its position and what was expected
            const auto field = parseSourceField(r.column.at(i));
            if (!field) {
                error(path, {IssueCode::SourceFieldSyntax, r.column.at(i), {}, field.error().message},
                      field.error().message);
                continue;
            }
            if (looksLikeKafkaField(field.value()))
                warning(path, {IssueCode::NotAKafkaField, r.column.at(i), kafkaFieldNames().join(QStringLiteral(", "))},
                        QStringLiteral("\"%1\" is not a Kafka field (%2); it is read as a JSON path into the value, "
                                       "write [\"%1\"] if that is meant")
                            .arg(r.column.at(i), kafkaFieldNames().join(QStringLiteral(", "))));
        }

        // types
        const auto checkType = [this, &base](const char *key, const std::optional<QString> &value) {
            if (value && !parseKafkaDataType(*value))
                error(join(base, QString::fromLatin1(key)), {IssueCode::NotOneOf, *value, allowedKafkaDataTypes()},
                      QStringLiteral("\"%1\" is not one of %2").arg(*value, allowedKafkaDataTypes()));
        };
        checkType("keyType", r.keyType);
        checkType("valueType", r.valueType);
        if (r.encoding && r.encoding->trimmed().isEmpty()) {
            error(join(base, QStringLiteral("encoding")), {IssueCode::EncodingEmpty},
                  QStringLiteral("is empty; e.g. UTF-8"));
        } else if (r.encoding && !hasPlaceholder(*r.encoding)) {
            // the decoder the run uses decides which encodings exist
            const auto decoder = mapping::BytesDecoder::create(QStringLiteral("valueType"), QStringLiteral("STRING"),
                                                               *r.encoding);
            if (!decoder)
                error(join(base, QStringLiteral("encoding")),
                      {IssueCode::UnknownEncoding, *r.encoding, {}, decoder.error().message}, decoder.error().message);
        }

        // begin and end
        const auto countSet = [](bool a, bool b, bool c) { return int(a) + int(b) + int(c); };
        const int begins = countSet(r.beginDateTime.has_value() || r.extra.contains(QStringLiteral("beginDateTime")),
                                    !r.beginOffset.isUndefined(), !r.beginTimestampMillis.isUndefined());
        const int ends = countSet(r.endDateTime.has_value() || r.extra.contains(QStringLiteral("endDateTime")),
                                  !r.endOffset.isUndefined(), !r.endTimestampMillis.isUndefined());
        if (begins == 0)
            error(join(base, QStringLiteral("beginDateTime")), {IssueCode::StartMissing},
                  QStringLiteral(
                      "no start position; set beginDateTime (yyyyMMddHHmmss, e.g. ${startTime}) or beginOffset"));
        else if (begins > 1)
            error(
                join(base, r.beginDateTime ? QStringLiteral("beginDateTime") : QStringLiteral("beginOffset")),
                {IssueCode::StartAmbiguous},
                QStringLiteral(
                    "more than one start position; set only one of beginDateTime, beginOffset, beginTimestampMillis"));
        if (ends == 0)
            warning(join(base, QStringLiteral("endDateTime")), {IssueCode::EndMissing},
                    QStringLiteral("no end position; the run reads up to each partition's end offset when it starts "
                                   "(set endDateTime, e.g. ${endTime}, or endOffset for a fixed window)"));
        else if (ends > 1)
            error(join(base, r.endDateTime ? QStringLiteral("endDateTime") : QStringLiteral("endOffset")),
                  {IssueCode::EndAmbiguous},
                  QStringLiteral(
                      "more than one end position; set only one of endDateTime, endOffset, endTimestampMillis"));
        checkDateTime(join(base, QStringLiteral("beginDateTime")), r.beginDateTime);
        checkDateTime(join(base, QStringLiteral("endDateTime")), r.endDateTime);
        if (r.beginDateTime && r.endDateTime) {
            const auto begin = params::parseDataWorksDateTime(*r.beginDateTime);
            const auto end = params::parseDataWorksDateTime(*r.endDateTime);
            if (begin && end) {
                if (const auto problem = params::checkWindow(*begin, *end))
                    error(join(base, QStringLiteral("endDateTime")),
                          {IssueCode::WindowEmpty, *r.endDateTime, *r.beginDateTime}, *problem);
            }
        }
        checkOffset(join(base, QStringLiteral("beginOffset")), r.beginOffset);
        checkOffset(join(base, QStringLiteral("endOffset")), r.endOffset);
        const auto isKeyword = [](const QJsonValue &v, const char *keyword) {
            return v.isString() && v.toString().trimmed().compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
        };
        if ((isKeyword(r.beginOffset, "seekToLast") || isKeyword(r.endOffset, "seekToLast"))
            && r.effectiveGroupId().isEmpty())
            error(join(base, QStringLiteral("groupId")), {IssueCode::GroupIdNeeded},
                  QStringLiteral(
                      "seekToLast reads the consumer group's committed offset; set groupId (or kafkaConfig group.id)"));
        if (isKeyword(r.beginOffset, "seekToEnd"))
            warning(join(base, QStringLiteral("beginOffset")), {IssueCode::ReadsNothing, r.beginOffset.toString()},
                    QStringLiteral("seekToEnd reads nothing"));
        const auto beginOffset = looseInt(r.beginOffset);
        const auto endOffset = looseInt(r.endOffset);
        if (beginOffset && endOffset && *endOffset < *beginOffset)
            error(join(base, QStringLiteral("endOffset")),
                  {IssueCode::EndBeforeBegin, QString::number(*endOffset), QString::number(*beginOffset)},
                  QStringLiteral("%1 is before beginOffset %2").arg(*endOffset).arg(*beginOffset));
        checkLooseInt(join(base, QStringLiteral("beginTimestampMillis")), r.beginTimestampMillis, 0,
                      QStringLiteral("epoch milliseconds"));
        checkLooseInt(join(base, QStringLiteral("endTimestampMillis")), r.endTimestampMillis, 0,
                      QStringLiteral("epoch milliseconds"));

        // time zone
        if (r.timeZone && !r.timeZone->isEmpty() && !hasPlaceholder(*r.timeZone)) {
            // what the run accepts (QTimeZone): IANA ids and UTC offsets such as UTC+8; Java's "GMT+8" is not one
            if (!QTimeZone(r.timeZone->toUtf8()).isValid())
                error(join(base, QStringLiteral("timeZone")), {IssueCode::UnknownTimeZone, *r.timeZone},
                      QStringLiteral("\"%1\" is not a time zone; use an IANA id such as Asia/Shanghai, or UTC+8")
                          .arg(*r.timeZone));
        }

        // consumer group and properties
        if (r.kafkaConfig) {
            for (auto it = r.kafkaConfig->constBegin(); it != r.kafkaConfig->constEnd(); ++it) {
                const QString path = QStringLiteral("%1.kafkaConfig[\"%2\"]").arg(base, it.key());
                if (it.key().trimmed().isEmpty())
                    error(path, {IssueCode::KafkaPropertyName},
                          QStringLiteral("a property without a name; name the librdkafka property or remove it"));
                if (it->isObject() || it->isArray() || it->isNull())
                    error(path, {IssueCode::KafkaPropertyType, it.key(), {}, jsonTypeName(*it)},
                          QStringLiteral("expected a string, number or boolean, got %1").arg(jsonTypeName(*it)));
            }
            const QJsonValue gid = r.kafkaConfig->value(QStringLiteral("group.id"));
            if (r.groupId && gid.isString() && gid.toString() != *r.groupId)
                warning(join(base, QStringLiteral("groupId")), {IssueCode::GroupIdConflict, gid.toString(), *r.groupId},
                        QStringLiteral("differs from kafkaConfig group.id \"%1\"; groupId \"%2\" is used")
                            .arg(gid.toString(), *r.groupId));
        }
        if (r.groupId && r.groupId->trimmed().isEmpty())
            error(join(base, QStringLiteral("groupId")), {IssueCode::GroupIdEmpty},
                  QStringLiteral("is empty; remove it or name the consumer group"));

        checkLooseInt(join(base, QStringLiteral("waitTime")), r.waitTime, 1, QStringLiteral("seconds, 1..86400"),
                      QStringLiteral("1..86400"));
        if (const auto wait = looseInt(r.waitTime); wait && *wait > 86400)
            error(join(base, QStringLiteral("waitTime")),
                  {IssueCode::OutOfRange, QString::number(*wait), QStringLiteral("1..86400")},
                  QStringLiteral("%1 is out of range; expected seconds, 1..86400").arg(*wait));
        checkLooseBool(join(base, QStringLiteral("stopWhenPollEmpty")), r.stopWhenPollEmpty);
        checkLooseBool(join(base, QStringLiteral("stopWhenReachEndOffset")), r.stopWhenReachEndOffset);
        checkLooseBool(join(base, QStringLiteral("skipExceedRecord")), r.skipExceedRecord);
        checkLooseInt(join(base, QStringLiteral("partition")), r.partition, 0, QStringLiteral("a partition id >= 0"));
        if (r.stopWhenReachEndOffsetValue() && !r.stopWhenPollEmptyValue())
            warning(join(base, QStringLiteral("stopWhenReachEndOffset")), {IssueCode::NeedsStopWhenPollEmpty},
                    QStringLiteral("takes effect only with stopWhenPollEmpty=true"));
    }

    void checkWriter()
    {
        const OdpsWriterConfig &w = m_task.writer;
        const QString stepBase = QStringLiteral("steps[%1]").arg(m_task.writerFirst ? 0 : 1);
        const QString base = m_task.writerPath();
        checkStep(stepBase, w.stepType, w.category, w.name, w.stepExtra, "odps", "writer");
        checkTypes(base, w.extra,
                   {{"datasource", "a string"},
                    {"table", "a string"},
                    {"partition", "a string"},
                    {"column", "an array of strings"}});
        if (!w.extra.contains(QStringLiteral("datasource")) && w.datasource.trimmed().isEmpty())
            error(join(base, QStringLiteral("datasource")), {IssueCode::DestinationMissing},
                  QStringLiteral("missing; name the MaxCompute (or local) datasource to write to"));
        if (!w.extra.contains(QStringLiteral("table"))) {
            if (w.table.trimmed().isEmpty())
                error(join(base, QStringLiteral("table")), {IssueCode::TableMissing},
                      QStringLiteral("missing; name the destination table"));
            else if (!hasPlaceholder(w.table))
                if (const auto problem = tableNameProblem(w.table))
                    error(join(base, QStringLiteral("table")), {problem->code, w.table}, problem->message);
        }
        if (w.partition) {
            const auto kvs = w.partitionKeyValues();
            if (!kvs) {
                error(join(base, QStringLiteral("partition")),
                      {IssueCode::PartitionSyntax, *w.partition, {}, kvs.error().message}, kvs.error().message);
            } else {
                if (kvs->size() > 6)
                    error(join(base, QStringLiteral("partition")),
                          {IssueCode::PartitionLevels, QString::number(kvs->size()), QStringLiteral("6")},
                          QStringLiteral("%1 partition levels; MaxCompute allows at most 6").arg(kvs->size()));
                for (const auto &[key, value] : kvs.value()) {
                    if (hasPlaceholder(key))
                        continue;
                    if (const auto problem = columnNameProblem(key))
                        error(join(base, QStringLiteral("partition")), {IssueCode::PartitionKeyName, key},
                              QStringLiteral("partition key %1").arg(problem->message));
                }
            }
        }
        if (w.column.isEmpty() && !w.extra.contains(QStringLiteral("column")))
            error(join(base, QStringLiteral("column")), {IssueCode::TargetColumnsMissing},
                  QStringLiteral("missing; list the destination columns"));
        for (int i = 0; i < w.column.size(); ++i) {
            const QString &name = w.column.at(i);
            if (name == QLatin1String("*")) {
                if (w.column.size() > 1)
                    error(QStringLiteral("%1.column[%2]").arg(base).arg(i), {IssueCode::StarNotAlone, name},
                          QStringLiteral("\"*\" must be the only column"));
                else
                    warning(QStringLiteral("%1.column[0]").arg(base), {IssueCode::StarColumns, name},
                            QStringLiteral("\"*\" (all columns in table order) is not recommended; list the columns"));
                continue;
            }
            if (const auto problem = columnNameProblem(name))
                error(QStringLiteral("%1.column[%2]").arg(base).arg(i), {problem->code, name}, problem->message);
        }
        checkLooseBool(join(base, QStringLiteral("truncate")), w.truncate);
        checkLooseBool(join(base, QStringLiteral("emptyAsNull")), w.emptyAsNull);
        checkLooseBool(join(base, QStringLiteral("compress")), w.compress);
    }

    void checkMapping()
    {
        const QStringList &src = m_task.reader.column;
        const QStringList &dst = m_task.writer.column;
        const QString rbase = m_task.readerPath();
        const QString wbase = m_task.writerPath();
        // each source field maps to one destination column...
        for (int i = 0; i < src.size(); ++i) {
            if (src.at(i).startsWith(QLatin1Char('\'')))
                continue; // constants may repeat
            for (int j = 0; j < i; ++j) {
                if (src.at(j) == src.at(i)) {
                    error(QStringLiteral("%1.column[%2]").arg(rbase).arg(i),
                          {IssueCode::DuplicateSource, src.at(i), {}, QString::number(j)},
                          QStringLiteral("\"%1\" is already mapped by column[%2]; each source field maps to one "
                                         "destination column")
                              .arg(src.at(i))
                              .arg(j));
                    break;
                }
            }
        }
        // ...and each destination column has one source field
        for (int i = 0; i < dst.size(); ++i) {
            for (int j = 0; j < i; ++j) {
                if (dst.at(j).compare(dst.at(i), Qt::CaseInsensitive) == 0) {
                    error(QStringLiteral("%1.column[%2]").arg(wbase).arg(i),
                          {IssueCode::DuplicateTarget, dst.at(i), {}, QString::number(j)},
                          QStringLiteral("\"%1\" is already the destination of column[%2]; each destination column "
                                         "takes one source field")
                              .arg(dst.at(i))
                              .arg(j));
                    break;
                }
            }
        }
        const bool star = dst.size() == 1 && dst.first() == QLatin1String("*");
        if (!star && !src.isEmpty() && !dst.isEmpty() && src.size() != dst.size()) {
            error(join(wbase, QStringLiteral("column")),
                  {IssueCode::ColumnCountMismatch, QString::number(dst.size()), QString::number(src.size())},
                  QStringLiteral("%1 destination columns for %2 source columns; reader column[i] is written to "
                                 "writer column[i], so both lists need the same length")
                      .arg(dst.size())
                      .arg(src.size()));
        }
    }

    void checkSetting()
    {
        const JobSettings &s = m_task.setting;
        if (s.extra)
            checkTypes(QStringLiteral("setting"), *s.extra, {{"errorLimit", "an object"}, {"speed", "an object"}});
        if (!s.errorLimitRecord.isUndefined())
            checkLooseInt(QStringLiteral("setting.errorLimit.record"), s.errorLimitRecord, 0,
                          QStringLiteral("the number of dirty records allowed, >= 0"));
        if (!s.concurrent.isUndefined()) {
            checkLooseInt(QStringLiteral("setting.speed.concurrent"), s.concurrent, 1, QStringLiteral("1..32"),
                          QStringLiteral("1..32"));
            const auto c = looseInt(s.concurrent);
            if (c && *c > 32)
                warning(QStringLiteral("setting.speed.concurrent"),
                        {IssueCode::AboveMaximum, QString::number(*c), QStringLiteral("32")},
                        QStringLiteral("%1 is above DataWorks' maximum of 32").arg(*c));
        }
        checkLooseBool(QStringLiteral("setting.speed.throttle"), s.throttle);
        if (!s.mbps.isUndefined()) {
            const auto m = looseDouble(s.mbps);
            if (!m || *m <= 0)
                error(QStringLiteral("setting.speed.mbps"), {IssueCode::NotPositive, jsonText(s.mbps)},
                      QStringLiteral("%1 is not a positive number of MB/s").arg(jsonText(s.mbps)));
        }
        if (s.throttleValue() && s.mbps.isUndefined())
            warning(QStringLiteral("setting.speed.mbps"), {IssueCode::ThrottleWithoutRate},
                    QStringLiteral("throttle is true but no mbps is set; nothing is throttled"));
    }

    void checkOrder()
    {
        const QString expectedHop = QStringLiteral("%1 → %2").arg(m_task.reader.name, m_task.writer.name);
        if (!m_task.order) {
            if (!m_task.extra.contains(QStringLiteral("order")))
                warning(QStringLiteral("order"), {IssueCode::OrderMissing, {}, expectedHop},
                        QStringLiteral("missing; DataWorks expects {\"hops\":[{\"from\":\"%1\",\"to\":\"%2\"}]}")
                            .arg(m_task.reader.name, m_task.writer.name));
            return;
        }
        const QJsonValue hops = m_task.order->value(QStringLiteral("hops"));
        if (!hops.isArray() || hops.toArray().isEmpty()) {
            error(QStringLiteral("order.hops"), {IssueCode::HopsMissing, {}, expectedHop},
                  QStringLiteral("expected [{\"from\":\"%1\",\"to\":\"%2\"}]")
                      .arg(m_task.reader.name, m_task.writer.name));
            return;
        }
        const QJsonArray array = hops.toArray();
        for (int i = 0; i < array.size(); ++i) {
            const QJsonObject hop = array.at(i).toObject();
            const QString from = hop.value(QStringLiteral("from")).toString();
            const QString to = hop.value(QStringLiteral("to")).toString();
            if (from != m_task.reader.name || to != m_task.writer.name)
                error(QStringLiteral("order.hops[%1]").arg(i),
                      {IssueCode::HopMismatch, QStringLiteral("%1 → %2").arg(from, to), expectedHop},
                      QStringLiteral(
                          "goes from \"%1\" to \"%2\"; the steps are named \"%3\" (reader) and \"%4\" (writer)")
                          .arg(from, to, m_task.reader.name, m_task.writer.name));
        }
    }

    void checkKmsync()
    {
        if (!m_task.kmsync)
            return;
        // The editor's parameter line: ${...} in the window needs a value from it.
        const auto parameterLine = editorParameterLine(m_task);
        const auto usesParameter = [](const std::optional<QString> &text) {
            return text && text->contains(QLatin1String("${"));
        };
        if (parameterLine && parameterLine->trimmed().isEmpty()
            && (usesParameter(m_task.reader.beginDateTime) || usesParameter(m_task.reader.endDateTime)))
            warning(kEditorParameterLinePath, {IssueCode::ScheduleParametersMissing},
                    QStringLiteral(
                        "is empty, but beginDateTime or endDateTime use ${...} parameters; assign them here, "
                        "e.g. startTime=$[yyyymmddhh24-1/24]0000"));
        checkTypes(QStringLiteral("kmsync"), m_task.kmsync->extra,
                   {{"reruns", "an integer"}, {"rerunIntervalSeconds", "an integer"}});
        if (m_task.kmsync->reruns && (*m_task.kmsync->reruns < 0 || *m_task.kmsync->reruns > 100))
            error(QStringLiteral("kmsync.reruns"),
                  {IssueCode::OutOfRange, QString::number(*m_task.kmsync->reruns), QStringLiteral("0..100")},
                  QStringLiteral("%1 is out of range; expected 0..100").arg(*m_task.kmsync->reruns));
        if (m_task.kmsync->rerunIntervalSeconds && *m_task.kmsync->rerunIntervalSeconds < 0)
            error(
                QStringLiteral("kmsync.rerunIntervalSeconds"),
                {IssueCode::OutOfRange, QString::number(*m_task.kmsync->rerunIntervalSeconds), QStringLiteral(">= 0")},
                QStringLiteral("%1 is out of range; expected seconds >= 0").arg(*m_task.kmsync->rerunIntervalSeconds));
    }

    const TaskConfig &m_task;
    ValidationIssues m_issues;
};

} // namespace

ValidationIssues validateTask(const TaskConfig &task)
{
    return Checker(task).run();
}

std::optional<NameProblem> tableNameProblem(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
    if (!re.match(name).hasMatch())
        return NameProblem{IssueCode::TableName,
                           QStringLiteral("\"%1\" is not a MaxCompute table name; use letters, digits and _, "
                                          "starting with a letter")
                               .arg(name)};
    if (name.toUtf8().size() > 128)
        return NameProblem{IssueCode::NameTooLong, QStringLiteral("\"%1\" is longer than 128 bytes").arg(name)};
    return std::nullopt;
}

std::optional<NameProblem> columnNameProblem(const QString &name)
{
    static const QRegularExpression re(QStringLiteral(R"(^[A-Za-z0-9_\x{4e00}-\x{9fff}]+$)"));
    if (!re.match(name).hasMatch())
        return NameProblem{IssueCode::ColumnName,
                           QStringLiteral("\"%1\" is not a MaxCompute column name; use letters, digits and _")
                               .arg(name)};
    if (name.toUtf8().size() > 128)
        return NameProblem{IssueCode::NameTooLong, QStringLiteral("\"%1\" is longer than 128 bytes").arg(name)};
    return std::nullopt;
}

} // namespace kmsync::engine::config
