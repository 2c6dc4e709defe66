// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
#include <algorithm>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/taskconfig.h"
#include "engine/config/taskloader.h"

using namespace kmsync::engine;
using namespace kmsync::engine::config;

namespace {

const QString kSample = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json");

QJsonObject sampleObject()
{
    QFile f(kSample);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Sets (or with "<remove>" removes) `key` in one object of the task: top, reader, writer, reader.step,
// setting, setting.errorLimit, setting.speed, kmsync, order.
void mutate(QJsonObject &doc, const QString &target, const QString &key, const QString &json)
{
    const bool remove = json == QLatin1String("<remove>");
    const QJsonValue value = remove ? QJsonValue() : QJsonDocument::fromJson("[" + json.toUtf8() + "]").array().at(0);
    const auto apply = [&](QJsonObject &o) {
        if (remove)
            o.remove(key);
        else
            o.insert(key, value);
    };
    if (target == QLatin1String("top")) {
        apply(doc);
        return;
    }
    if (target == QLatin1String("reader") || target == QLatin1String("writer")
        || target == QLatin1String("reader.step")) {
        QJsonArray steps = doc.value(QStringLiteral("steps")).toArray();
        const int i = target == QLatin1String("writer") ? 1 : 0;
        QJsonObject step = steps.at(i).toObject();
        if (target == QLatin1String("reader.step")) {
            apply(step);
        } else {
            QJsonObject p = step.value(QStringLiteral("parameter")).toObject();
            apply(p);
            step.insert(QStringLiteral("parameter"), p);
        }
        steps[i] = step;
        doc.insert(QStringLiteral("steps"), steps);
        return;
    }
    if (target.startsWith(QLatin1String("setting"))) {
        QJsonObject s = doc.value(QStringLiteral("setting")).toObject();
        if (target == QLatin1String("setting")) {
            apply(s);
        } else {
            const QString block = target.mid(8);
            QJsonObject b = s.value(block).toObject();
            apply(b);
            s.insert(block, b);
        }
        doc.insert(QStringLiteral("setting"), s);
        return;
    }
    QJsonObject o = doc.value(target).toObject();
    apply(o);
    doc.insert(target, o);
}

// The sample with the parameters already filled in: valid as it is.
QJsonObject resolvedSample()
{
    QJsonObject doc = sampleObject();
    mutate(doc, QStringLiteral("reader"), QStringLiteral("beginDateTime"), QStringLiteral("\"20221122095200\""));
    mutate(doc, QStringLiteral("reader"), QStringLiteral("endDateTime"), QStringLiteral("\"20221122095700\""));
    mutate(doc, QStringLiteral("writer"), QStringLiteral("partition"), QStringLiteral("\"ds=202211220952\""));
    return doc;
}

QStringList lines(const ValidationIssues &issues)
{
    QStringList out;
    for (const auto &issue : issues)
        out << issue.toString();
    return out;
}

} // namespace

class TestValidate final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleIsValid()
    {
        const auto task = TaskConfig::fromJson(resolvedSample());
        QVERIFY(task.ok());
        const QStringList found = lines(task->validate());
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        // the raw sample too: ${...} values are not linted by validate() (validateResolvedTask reports them)
        const auto raw = TaskConfig::loadFile(kSample);
        QVERIFY(raw.ok());
        QVERIFY2(raw->validate().empty(), qPrintable(lines(raw->validate()).join(QLatin1Char('\n'))));
    }

    void issues_data()
    {
        QTest::addColumn<QStringList>("mutations"); // "target|key|json"
        QTest::addColumn<QString>("expected");      // one full line that must be reported
        const QString r = QStringLiteral("steps[0].parameter");
        const QString w = QStringLiteral("steps[1].parameter");
        QTest::newRow("keyType not allowed")
            << QStringList{"reader|keyType|\"TEXT\""}
            << "ERROR steps[0].parameter.keyType: \"TEXT\" is not one of BYTEARRAY, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING";
        QTest::newRow("valueType not allowed")
            << QStringList{"reader|valueType|\"json\""}
            << "ERROR steps[0].parameter.valueType: \"json\" is not one of BYTEARRAY, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING";
        QTest::newRow("unknown encoding")
            << QStringList{"reader|encoding|\"UTF-9\""}
            << "ERROR steps[0].parameter.encoding: encoding \"UTF-9\" is not known; use e.g. UTF-8 or GBK";
        QTest::newRow("topic missing") << QStringList{"reader|topic|<remove>"}
                                       << "ERROR steps[0].parameter.topic: missing; name the Kafka topic to read";
        QTest::newRow("topic wrong type")
            << QStringList{"reader|topic|12"} << "ERROR steps[0].parameter.topic: expected a string, got number 12";
        QTest::newRow("topic illegal")
            << QStringList{"reader|topic|\"a b\""}
            << "ERROR steps[0].parameter.topic: \"a b\" is not a Kafka topic name; allowed: letters, digits, '.', '_', '-', at most 249 characters";
        QTest::newRow("datasource missing")
            << QStringList{"reader|datasource|<remove>"}
            << "ERROR steps[0].parameter.datasource: missing; name the Kafka datasource (or give the 2019 form \"server\": \"host:port\")";
        QTest::newRow("server not host:port")
            << QStringList{"reader|datasource|<remove>", "reader|server|\"broker\""}
            << "ERROR steps[0].parameter.server: \"broker\" is not host:port (e.g. \"broker1:9092\")";
        QTest::newRow("both begin modes")
            << QStringList{"reader|beginOffset|0"}
            << "ERROR steps[0].parameter.beginDateTime: more than one start position; set only one of beginDateTime, beginOffset, beginTimestampMillis";
        QTest::newRow("no begin")
            << QStringList{"reader|beginDateTime|<remove>"}
            << "ERROR steps[0].parameter.beginDateTime: no start position; set beginDateTime (yyyyMMddHHmmss, e.g. ${startTime}) or beginOffset";
        QTest::newRow("both end modes")
            << QStringList{"reader|endOffset|100"}
            << "ERROR steps[0].parameter.endDateTime: more than one end position; set only one of endDateTime, endOffset, endTimestampMillis";
        QTest::newRow("no end")
            << QStringList{"reader|endDateTime|<remove>"}
            << "WARNING steps[0].parameter.endDateTime: no end position; the run reads up to each partition's end offset when it "
               "starts (set endDateTime, e.g. ${endTime}, or endOffset for a fixed window)";
        QTest::newRow("seekToLast needs a group")
            << QStringList{"reader|beginDateTime|<remove>", "reader|beginOffset|\"SeekToLast\"",
                           "reader|kafkaConfig|<remove>"}
            << "ERROR steps[0].parameter.groupId: seekToLast reads the consumer group's committed offset; set groupId (or kafkaConfig group.id)";
        QTest::newRow("waitTime too long")
            << QStringList{"reader|waitTime|90000"}
            << "ERROR steps[0].parameter.waitTime: 90000 is out of range; expected seconds, 1..86400";
        QTest::newRow("15-digit begin (seed typo)")
            << QStringList{"reader|beginDateTime|\"202211220952000\""}
            << "ERROR steps[0].parameter.beginDateTime: \"202211220952000\" is not a date-time: expected 14 digits yyyyMMddHHmmss, got 15 digits";
        QTest::newRow("not a calendar date")
            << QStringList{"reader|endDateTime|\"20221332000000\""}
            << "ERROR steps[0].parameter.endDateTime: \"20221332000000\" is not a date-time: 14 digits yyyyMMddHHmmss must name a real calendar date";
        QTest::newRow("end not after begin")
            << QStringList{"reader|endDateTime|\"20221122095200\""}
            << "ERROR steps[0].parameter.endDateTime: endDateTime 2022-11-22 09:52:00 is not after beginDateTime 2022-11-22 09:52:00: the window [begin, end) is empty";
        QTest::newRow("bad offset keyword")
            << QStringList{"reader|beginDateTime|<remove>", "reader|beginOffset|\"seekToMiddle\""}
            << "ERROR steps[0].parameter.beginOffset: \"seekToMiddle\" is not an offset; expected a number >= 0, seekToBeginning, seekToLast or seekToEnd";
        QTest::newRow("end offset before begin")
            << QStringList{"reader|beginDateTime|<remove>", "reader|endDateTime|<remove>", "reader|beginOffset|10",
                           "reader|endOffset|\"5\""}
            << "ERROR steps[0].parameter.endOffset: 5 is before beginOffset 10";
        QTest::newRow("column counts differ")
            << QStringList{"writer|column|[\"a\",\"b\"]", "reader|column|[\"__key__\",\"__value__\",\"event_id\"]"}
            << "ERROR steps[1].parameter.column: 2 destination columns for 3 source columns; reader column[i] is written to writer column[i], so both lists need the same length";
        QTest::newRow("duplicate source")
            << QStringList{"reader|column|[\"__key__\",\"user.id\",\"user.id\"]", "writer|column|[\"a\",\"b\",\"c\"]"}
            << "ERROR steps[0].parameter.column[2]: \"user.id\" is already mapped by column[1]; each source field maps to one destination column";
        QTest::newRow("duplicate destination")
            << QStringList{"reader|column|[\"__key__\",\"user.id\",\"page.url\"]", "writer|column|[\"a\",\"B\",\"b\"]"}
            << "ERROR steps[1].parameter.column[2]: \"b\" is already the destination of column[1]; each destination column takes one source field";
        QTest::newRow("bad JSON path")
            << QStringList{"reader|column|[\"__key__\",\"items[0.sku\"]", "writer|column|[\"a\",\"b\"]"}
            << "ERROR steps[0].parameter.column[1]: JSON path \"items[0.sku\": expected ']' after the array index at position 8";
        QTest::newRow("bad quoted path")
            << QStringList{"reader|column|[\"[\\\"page\\\"][\\\"ref.domain]\"]", "writer|column|[\"a\"]"}
            << "ERROR steps[0].parameter.column[0]: JSON path \"[\"page\"][\"ref.domain]\": unterminated quoted key starting at position 10";
        QTest::newRow("unterminated constant")
            << QStringList{"reader|column|[\"'abc\"]", "writer|column|[\"a\"]"}
            << "ERROR steps[0].parameter.column[0]: constant 'abc has no closing single quote; write it as 'text'";
        QTest::newRow("Kafka field typo")
            << QStringList{"reader|column|[\"__topic__\"]", "writer|column|[\"a\"]"}
            << "WARNING steps[0].parameter.column[0]: \"__topic__\" is not a Kafka field (__key__, __value__, __partition__, __headers__, "
               "__offset__, __timestamp__); it is read as a JSON path into the value, write [\"__topic__\"] if that is meant";
        QTest::newRow("column element not a string")
            << QStringList{"reader|column|[\"__key__\", 5]"}
            << "ERROR steps[0].parameter.column[1]: expected a string, got number 5";
        QTest::newRow("skipExceedRecord not boolean")
            << QStringList{"reader|skipExceedRecord|\"maybe\""}
            << "ERROR steps[0].parameter.skipExceedRecord: \"maybe\" is not a boolean; use true or false";
        QTest::newRow("waitTime zero") << QStringList{
            "reader|waitTime|0"} << "ERROR steps[0].parameter.waitTime: 0 is out of range; expected seconds, 1..86400";
        QTest::newRow("partition not a number")
            << QStringList{"reader|partition|\"p1\""}
            << "ERROR steps[0].parameter.partition: \"p1\" is not an integer; expected a partition id >= 0";
        QTest::newRow("time zone")
            << QStringList{"reader|timeZone|\"Mars/Base\""}
            << "ERROR steps[0].parameter.timeZone: \"Mars/Base\" is not a time zone; use an IANA id such as Asia/Shanghai, or UTC+8";
        QTest::newRow("Java GMT offset")
            << QStringList{"reader|timeZone|\"GMT+8\""}
            << "ERROR steps[0].parameter.timeZone: \"GMT+8\" is not a time zone; use an IANA id such as Asia/Shanghai, or UTC+8";
        QTest::newRow("kafkaConfig value")
            << QStringList{"reader|kafkaConfig|{\"group.id\":\"g\",\"x\":{}}"}
            << "ERROR steps[0].parameter.kafkaConfig[\"x\"]: expected a string, number or boolean, got object";
        QTest::newRow("groupId wins")
            << QStringList{"reader|groupId|\"other\""}
            << "WARNING steps[0].parameter.groupId: differs from kafkaConfig group.id \"kmsync_clicks\"; groupId \"other\" is used";
        QTest::newRow("writer datasource missing")
            << QStringList{"writer|datasource|<remove>"}
            << "ERROR steps[1].parameter.datasource: missing; name the MaxCompute (or local) datasource to write to";
        QTest::newRow("table missing") << QStringList{"writer|table|\"\""}
                                       << "ERROR steps[1].parameter.table: missing; name the destination table";
        QTest::newRow("table name")
            << QStringList{"writer|table|\"1-clicks\""}
            << "ERROR steps[1].parameter.table: \"1-clicks\" is not a MaxCompute table name; use letters, digits and _, starting with a letter";
        QTest::newRow("partition syntax")
            << QStringList{"writer|partition|\"ds\""}
            << "ERROR steps[1].parameter.partition: partition \"ds\": \"ds\" is not key=value; write e.g. ds=${partition} or ds=20221122,hh=10";
        QTest::newRow("destination column name")
            << QStringList{"reader|column|[\"__key__\"]", "writer|column|[\"my key\"]"}
            << "ERROR steps[1].parameter.column[0]: \"my key\" is not a MaxCompute column name; use letters, digits and _";
        QTest::newRow("star")
            << QStringList{"writer|column|[\"*\"]"}
            << "WARNING steps[1].parameter.column[0]: \"*\" (all columns in table order) is not recommended; list the columns";
        QTest::newRow("truncate not boolean")
            << QStringList{"writer|truncate|1"}
            << "ERROR steps[1].parameter.truncate: 1 is not a boolean; use true or false";
        QTest::newRow("error limit")
            << QStringList{"setting.errorLimit|record|\"abc\""}
            << "ERROR setting.errorLimit.record: \"abc\" is not an integer; expected the number of dirty records allowed, >= 0";
        QTest::newRow("concurrent") << QStringList{"setting.speed|concurrent|0"}
                                    << "ERROR setting.speed.concurrent: 0 is out of range; expected 1..32";
        QTest::newRow("throttle without mbps")
            << QStringList{"setting.speed|throttle|true"}
            << "WARNING setting.speed.mbps: throttle is true but no mbps is set; nothing is throttled";
        QTest::newRow("type") << QStringList{"top|type|\"task\""}
                              << "ERROR type: \"task\" is not allowed; expected \"job\"";
        QTest::newRow("version missing") << QStringList{"top|version|<remove>"}
                                         << "ERROR version: missing; expected \"2.0\"";
        QTest::newRow("order hops")
            << QStringList{"order|hops|[{\"from\":\"Reader\",\"to\":\"Odps\"}]"}
            << "ERROR order.hops[0]: goes from \"Reader\" to \"Odps\"; the steps are named \"Reader\" (reader) and \"Writer\" (writer)";
        QTest::newRow("step name wrong type")
            << QStringList{"reader.step|name|7"} << "ERROR steps[0].name: expected a string, got number 7";
        QTest::newRow("reruns range") << QStringList{"kmsync|reruns|-1"}
                                      << "ERROR kmsync.reruns: -1 is out of range; expected 0..100";
        QTest::newRow("reruns type") << QStringList{"kmsync|reruns|\"three\""}
                                     << "ERROR kmsync.reruns: expected an integer, got string \"three\"";
        QTest::newRow("setting wrong type")
            << QStringList{"top|setting|[]"} << "ERROR setting: expected an object, got array []";
        Q_UNUSED(r);
        Q_UNUSED(w);
    }
    void issues()
    {
        QFETCH(QStringList, mutations);
        QFETCH(QString, expected);
        QJsonObject doc = resolvedSample();
        for (const QString &m : mutations) {
            const QStringList parts = m.split(QLatin1Char('|'));
            QCOMPARE(parts.size(), 3);
            mutate(doc, parts.at(0), parts.at(1), parts.at(2));
        }
        const auto task = TaskConfig::fromJson(doc);
        QVERIFY2(task.ok(), qPrintable(task.ok() ? QString() : task.error().message));
        const QStringList found = lines(task->validate());
        QVERIFY2(found.contains(expected), qPrintable(QStringLiteral("expected:\n  %1\nfound:\n  %2")
                                                          .arg(expected, found.join(QStringLiteral("\n  ")))));
        // the finding survives a save/load round trip of the broken file
        const auto again = TaskConfig::fromJsonBytes(task->toJsonBytes());
        QVERIFY(again.ok());
        QVERIFY(lines(again->validate()).contains(expected));
    }

    void codes_data()
    {
        // Each finding carries a stable code and its arguments beside the English message: what the desktop editor
        // translates (widgets/taskeditor/issuetext.cpp).
        QTest::addColumn<QStringList>("mutations"); // "target|key|json"
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code"); // issueCodeName()
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("allowed");
        QTest::addColumn<bool>("warning");
        QTest::newRow("keyType not allowed") << QStringList{"reader|keyType|\"TEXT\""} << "steps[0].parameter.keyType"
                                             << "not_one_of"
                                             << "TEXT"
                                             << "BYTEARRAY, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING" << false;
        QTest::newRow("topic wrong type") << QStringList{"reader|topic|12"} << "steps[0].parameter.topic"
                                          << "wrong_type"
                                          << "12"
                                          << "a string" << false;
        QTest::newRow("topic empty") << QStringList{"reader|topic|\"\""} << "steps[0].parameter.topic"
                                     << "topic_missing" << QString() << QString() << false;
        QTest::newRow("truncate yes") << QStringList{"writer|truncate|\"yes\""} << "steps[1].parameter.truncate"
                                      << "not_boolean"
                                      << "\"yes\"" << QString() << false;
        QTest::newRow("concurrency 0") << QStringList{"setting.speed|concurrent|0"} << "setting.speed.concurrent"
                                       << "out_of_range"
                                       << "0"
                                       << "1..32" << false;
        QTest::newRow("concurrency 40") << QStringList{"setting.speed|concurrent|40"} << "setting.speed.concurrent"
                                        << "above_maximum"
                                        << "40"
                                        << "32" << true;
        QTest::newRow("13-digit start time")
            << QStringList{"reader|beginDateTime|\"2022112209520\""} << "steps[0].parameter.beginDateTime"
            << "date_time_invalid"
            << "2022112209520" << QString() << false;
        QTest::newRow("offset text") << QStringList{"reader|beginDateTime|<remove>", "reader|beginOffset|\"abc\""}
                                     << "steps[0].parameter.beginOffset"
                                     << "not_an_offset"
                                     << "abc" << QString() << false;
        QTest::newRow("unknown time zone")
            << QStringList{"reader|timeZone|\"Mars/Olympus\""} << "steps[0].parameter.timeZone"
            << "unknown_time_zone"
            << "Mars/Olympus" << QString() << false;
        QTest::newRow("property without a name")
            << QStringList{"reader|kafkaConfig|{\"\": \"x\"}"} << "steps[0].parameter.kafkaConfig[\"\"]"
            << "kafka_property_name" << QString() << QString() << false;
        QTest::newRow("partition not key=value")
            << QStringList{"writer|partition|\"ds\""} << "steps[1].parameter.partition"
            << "partition_syntax"
            << "ds" << QString() << false;
        QTest::newRow("table name") << QStringList{"writer|table|\"1abc\""} << "steps[1].parameter.table"
                                    << "table_name"
                                    << "1abc" << QString() << false;
        QTest::newRow("bad JSON path") << QStringList{"reader|column|[\"__key__\",\"user..id\",\"__value__\"]"}
                                       << "steps[0].parameter.column[1]"
                                       << "source_field_syntax"
                                       << "user..id" << QString() << false;
        QTest::newRow("column count") << QStringList{"writer|column|[\"a\"]",
                                                     "reader|column|[\"__key__\",\"__value__\"]"}
                                      << "steps[1].parameter.column"
                                      << "column_count_mismatch"
                                      << "1"
                                      << "2" << false;
        QTest::newRow("hop mismatch") << QStringList{"order|hops|[{\"from\":\"Reader\",\"to\":\"Odps\"}]"}
                                      << "order.hops[0]"
                                      << "hop_mismatch"
                                      << "Reader → Odps"
                                      << "Reader → Writer" << false;
        QTest::newRow("reruns range") << QStringList{"kmsync|reruns|-1"} << "kmsync.reruns"
                                      << "out_of_range"
                                      << "-1"
                                      << "0..100" << false;
        QTest::newRow("empty parameter line")
            << QStringList{"reader|beginDateTime|\"${startTime}\"", "kmsync|schedule|{\"parameters\": \" \"}"}
            << "kmsync.schedule.parameters"
            << "schedule_parameters_missing" << QString() << QString() << true;
    }
    void codes()
    {
        QFETCH(QStringList, mutations);
        QFETCH(QString, path);
        QFETCH(QString, code);
        QFETCH(QString, value);
        QFETCH(QString, allowed);
        QFETCH(bool, warning);
        QJsonObject doc = resolvedSample();
        for (const QString &m : mutations) {
            const QStringList parts = m.split(QLatin1Char('|'));
            QCOMPARE(parts.size(), 3);
            mutate(doc, parts.at(0), parts.at(1), parts.at(2));
        }
        const auto task = TaskConfig::fromJson(doc);
        QVERIFY2(task.ok(), qPrintable(task.ok() ? QString() : task.error().message));
        const ValidationIssues issues = task->validate();
        const auto found = std::find_if(issues.begin(), issues.end(), [&](const ValidationIssue &i) {
            return i.path == path && issueCodeName(i.code) == code;
        });
        QVERIFY2(found != issues.end(), qPrintable(QStringLiteral("expected %1 at %2; found:\n  %3")
                                                       .arg(code, path, lines(issues).join(QStringLiteral("\n  ")))));
        QCOMPARE(found->field, lastKeyOf(path));
        QCOMPARE(found->value, value);
        QCOMPARE(found->allowed, allowed);
        QCOMPARE(found->severity, warning ? ValidationIssue::Severity::Warning : ValidationIssue::Severity::Error);
        QVERIFY(!found->message.isEmpty());
        if (code == QLatin1String("source_field_syntax"))
            QVERIFY(!found->detail.isEmpty()); // the parser's explanation
    }

    void resolvedCodes()
    {
        TaskRunOptions options;
        options.datasourcesFile = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json");
        options.cyctime = QDateTime(QDate(2022, 11, 22), QTime(10, 0));
        const auto resolved = loadTask(kSample, options);
        QVERIFY(resolved.ok());
        const ValidationIssues issues = validateResolvedTask(resolved.value());
        QCOMPARE(issues.size(), size_t(3));
        QCOMPARE(issues.front().code, IssueCode::ParameterUnassigned);
        QCOMPARE(issues.front().field, QStringLiteral("beginDateTime"));
        QCOMPARE(issues.front().value, QStringLiteral("startTime"));
    }

    void everyCodeIsListedAndNamed()
    {
        // kAllIssueCodes lists the enum in order, with no gap and nothing after it; each code has its own name.
        QStringList names;
        for (size_t i = 0; i < kAllIssueCodes.size(); ++i) {
            QCOMPARE(int(kAllIssueCodes[i]), int(i));
            const QString name = issueCodeName(kAllIssueCodes[i]);
            QVERIFY2(!name.isEmpty() && !names.contains(name), qPrintable(name));
            names << name;
        }
        QVERIFY(issueCodeName(IssueCode(int(kAllIssueCodes.size()))).isEmpty());
    }

    void lastKey_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("key");
        QTest::newRow("plain") << "steps[0].parameter.keyType"
                               << "keyType";
        QTest::newRow("index") << "steps[1].parameter.column[2]"
                               << "column";
        QTest::newRow("dotted name") << "steps[0].parameter.kafkaConfig[\"group.id\"]"
                                     << "kafkaConfig";
        QTest::newRow("top") << "type"
                             << "type";
    }
    void lastKey()
    {
        QFETCH(QString, path);
        QFETCH(QString, key);
        QCOMPARE(lastKeyOf(path), key);
    }

    void caseInsensitiveTypesAndLooseValuesPass()
    {
        QJsonObject doc = resolvedSample();
        mutate(doc, QStringLiteral("reader"), QStringLiteral("keyType"), QStringLiteral("\"ByteArray\""));
        mutate(doc, QStringLiteral("reader"), QStringLiteral("valueType"), QStringLiteral("\"long\""));
        mutate(doc, QStringLiteral("reader"), QStringLiteral("skipExceedRecord"), QStringLiteral("\"TRUE\""));
        mutate(doc, QStringLiteral("reader"), QStringLiteral("waitTime"), QStringLiteral("\"30\""));
        mutate(doc, QStringLiteral("reader"), QStringLiteral("timeZone"), QStringLiteral("\"UTC+8\""));
        mutate(doc, QStringLiteral("reader"), QStringLiteral("encoding"), QStringLiteral("\"GBK\""));
        mutate(doc, QStringLiteral("setting.errorLimit"), QStringLiteral("record"), QStringLiteral("5"));
        const auto task = TaskConfig::fromJson(doc);
        QVERIFY(task.ok());
        QVERIFY2(!hasErrors(task->validate()), qPrintable(lines(task->validate()).join(QLatin1Char('\n'))));
        QCOMPARE(task->reader.valueTypeValue(), KafkaDataType::Long);
        QCOMPARE(task->reader.skipExceedRecordValue(), true);
        QCOMPARE(task->reader.waitTimeSeconds(), 30);
    }

    void unresolvedParameters()
    {
        TaskRunOptions options;
        options.datasourcesFile = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json");
        options.cyctime = QDateTime(QDate(2022, 11, 22), QTime(10, 0));
        const auto resolved = loadTask(kSample, options);
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
        const QStringList found = lines(validateResolvedTask(resolved.value()));
        QCOMPARE(found,
                 QStringList(
                     {QStringLiteral(
                          "ERROR steps[0].parameter.beginDateTime: ${startTime} has no value; pass -p startTime=..."),
                      QStringLiteral(
                          "ERROR steps[0].parameter.endDateTime: ${endTime} has no value; pass -p endTime=..."),
                      QStringLiteral(
                          "ERROR steps[1].parameter.partition: ${partition} has no value; pass -p partition=...")}));
    }

    void parametersEvaluatedAgainstCyctime()
    {
        TaskRunOptions options;
        options.datasourcesFile = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json");
        options.cyctime = QDateTime(QDate(2022, 11, 22), QTime(10, 0));
        options.params = {{QStringLiteral("startTime"), QStringLiteral("$[yyyymmddhh24mi-8/24/60]00")},
                          {QStringLiteral("endTime"), QStringLiteral("$[yyyymmddhh24mi-3/24/60]00")},
                          {QStringLiteral("partition"), QStringLiteral("20221122")}};
        const auto resolved = loadTask(kSample, options);
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
        QCOMPARE(resolved->paramValues.value(QStringLiteral("startTime")), QStringLiteral("20221122095200"));
        QCOMPARE(resolved->task.reader.beginDateTime, std::optional<QString>(QStringLiteral("20221122095200")));
        QCOMPARE(resolved->task.reader.endDateTime, std::optional<QString>(QStringLiteral("20221122095700")));
        QCOMPARE(resolved->task.writer.partitionSpec(), QStringLiteral("ds=20221122"));
        QCOMPARE(resolved->raw.reader.beginDateTime, std::optional<QString>(QStringLiteral("${startTime}")));
        const QStringList found = lines(validateResolvedTask(resolved.value()));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        // the datasources came from the file, local path resolved against the workspace
        const auto wh = resolved->datasources.find(QStringLiteral("local_wh"));
        QVERIFY(wh.has_value());
        QCOMPARE(wh->connection.value(QStringLiteral("path")).toString(),
                 QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/warehouse.db"));
    }

    void builtInExpressionsInTheTaskAreEvaluated()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QJsonObject doc = sampleObject();
        mutate(doc, QStringLiteral("reader"), QStringLiteral("beginDateTime"),
               QStringLiteral("\"${yyyymmdd-1}000000\""));
        mutate(doc, QStringLiteral("reader"), QStringLiteral("endDateTime"),
               QStringLiteral("\"${bdp.system.bizdate}000000\""));
        mutate(doc, QStringLiteral("writer"), QStringLiteral("partition"),
               QStringLiteral("\"ds=${partition},hh=${a b}\""));
        const QString taskFile = dir.filePath(QStringLiteral("task.json"));
        QFile f(taskFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(doc).toJson());
        f.close();
        TaskRunOptions options;
        options.datasourcesFile = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json");
        options.cyctime = QDateTime(QDate(2022, 11, 22), QTime(10, 0));
        options.params = {{QStringLiteral("partition"), QStringLiteral("$[yyyymmdd]")}};
        const auto resolved = loadTask(taskFile, options);
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
        QCOMPARE(resolved->task.reader.beginDateTime, std::optional<QString>(QStringLiteral("20221120000000")));
        QCOMPARE(resolved->task.reader.endDateTime, std::optional<QString>(QStringLiteral("20221121000000")));
        QCOMPARE(resolved->task.writer.partition, std::optional<QString>(QStringLiteral("ds=20221122,hh=${a b}")));
        QCOMPARE(resolved->paramValues.keys(), QStringList{QStringLiteral("partition")});
        QCOMPARE(lines(validateResolvedTask(resolved.value())),
                 QStringList{
                     QStringLiteral("ERROR steps[1].parameter.partition: ${a b} is neither a parameter name (letters, "
                                    "digits, _ and .) nor a scheduling expression")});
    }

    void badParameterExpressionFailsLoad()
    {
        TaskRunOptions options;
        options.cyctime = QDateTime(QDate(2022, 11, 22), QTime(10, 0));
        options.params = {{QStringLiteral("startTime"), QStringLiteral("$[yyyymmddhh24mi-8/24/60")}};
        const auto resolved = loadTask(kSample, options);
        QVERIFY(!resolved.ok());
        QVERIFY2(resolved.error().code.startsWith(QStringLiteral("param.")), qPrintable(resolved.error().code));
    }

    void datasourceChecks_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("datasource");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown writer datasource")
            << "writer"
            << "nope"
            << "ERROR steps[1].parameter.datasource: unknown datasource \"nope\"; %1 has kafka_secure, local_wh, odps_first, sandbox_kafka";
        QTest::newRow("reader on a local datasource")
            << "reader"
            << "local_wh"
            << "ERROR steps[0].parameter.datasource: datasource \"local_wh\" is of type local; the Kafka reader needs kafka";
        QTest::newRow("writer on kafka")
            << "writer"
            << "sandbox_kafka"
            << "ERROR steps[1].parameter.datasource: datasource \"sandbox_kafka\" is of type kafka; the writer needs odps or local";
        QTest::newRow("missing env var")
            << "writer"
            << "odps_first"
            << "ERROR steps[1].parameter.datasource: datasource \"odps_first\" field \"accessKey\": environment variable KMSYNC_TEST_ACCESS_KEY is not set";
    }
    void datasourceChecks()
    {
        QFETCH(QString, target);
        QFETCH(QString, datasource);
        QFETCH(QString, expected);
        qunsetenv("KMSYNC_TEST_ACCESS_KEY");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QJsonObject doc = resolvedSample();
        mutate(doc, target, QStringLiteral("datasource"), QStringLiteral("\"%1\"").arg(datasource));
        const QString taskFile = dir.filePath(QStringLiteral("task.json"));
        QFile f(taskFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(doc).toJson());
        f.close();
        const QString dsFile = QStringLiteral(KMSYNC_TEST_DATA "/tasks/datasources.json");
        TaskRunOptions options;
        options.datasourcesFile = dsFile;
        const auto resolved = loadTask(taskFile, options);
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
        const QStringList found = lines(validateResolvedTask(resolved.value()));
        const QString line = expected.contains(QLatin1String("%1")) ? expected.arg(resolved->datasources.file())
                                                                    : expected;
        QVERIFY2(found.contains(line),
                 qPrintable(
                     QStringLiteral("expected:\n  %1\nfound:\n  %2").arg(line, found.join(QStringLiteral("\n  ")))));
    }

    void noDatasourcesFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString taskFile = dir.filePath(QStringLiteral("task.json"));
        QFile f(taskFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(resolvedSample()).toJson());
        f.close();
        const auto resolved = loadTask(taskFile, TaskRunOptions());
        QVERIFY(resolved.ok());
        const QStringList found = lines(validateResolvedTask(resolved.value()));
        QVERIFY2(found.contains(QStringLiteral(
                     "ERROR steps[0].parameter.datasource: unknown datasource \"sandbox_kafka\"; no datasources "
                     "file was found (pass --datasources FILE or put datasources.json next to the task)")),
                 qPrintable(found.join(QLatin1Char('\n'))));
        // The CLI's line above; the app words the code itself (IssueText), without --datasources.
        bool coded = false;
        for (const ValidationIssue &issue : validateResolvedTask(resolved.value()))
            coded = coded
                 || (issue.code == IssueCode::DatasourcesFileMissing && issue.value == QLatin1String("sandbox_kafka"));
        QVERIFY(coded);
    }
};

QTEST_APPLESS_MAIN(TestValidate)
#include "tst_validate.moc"
