// link: kmsync_kafka kmsync_core
// KafkaSourceOptions::fromReader: every DataWorks reader key, and errors that name the field, the value and
// what is allowed.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

#include "engine/kafka/kafkasourceoptions.h"

using namespace kmsync::engine;
using namespace kmsync::engine::kafka;

Q_DECLARE_METATYPE(kmsync::engine::kafka::OffsetSpec)

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

int64_t ms(int y, int mo, int d, int h, int mi, int s, const char *zone)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone(zone)).toMSecsSinceEpoch();
}

} // namespace

class TestOffsetResolveOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QByteArray>("parameter");
        QTest::addColumn<OffsetSpec>("begin");
        QTest::addColumn<OffsetSpec>("end");
        QTest::addColumn<QString>("groupId");
        QTest::addColumn<bool>("stopWhenPollEmpty");
        QTest::addColumn<int>("waitTime");
        QTest::addColumn<int>("partition"); // -1 = all

        QTest::newRow("time window in Shanghai") << QByteArray(
            R"({"topic":"t","beginDateTime":"20221122095200","endDateTime":"20221122095700","timeZone":"Asia/Shanghai"})")
                                                 << OffsetSpec::time(ms(2022, 11, 22, 9, 52, 0, "Asia/Shanghai"))
                                                 << OffsetSpec::time(ms(2022, 11, 22, 9, 57, 0, "Asia/Shanghai"))
                                                 << QString() << false << 60 << -1;
        QTest::newRow("time window in UTC")
            << QByteArray(
                   R"({"topic":"t","beginDateTime":"20221122095200","endDateTime":"20221122095700","timeZone":"UTC"})")
            << OffsetSpec::time(ms(2022, 11, 22, 9, 52, 0, "UTC"))
            << OffsetSpec::time(ms(2022, 11, 22, 9, 57, 0, "UTC")) << QString() << false << 60 << -1;
        QTest::newRow("millis") << QByteArray(
            R"({"topic":"t","beginTimestampMillis":1669081920000,"endTimestampMillis":"1669082220000"})")
                                << OffsetSpec::time(1669081920000) << OffsetSpec::time(1669082220000) << QString()
                                << false << 60 << -1;
        QTest::newRow("offsets and flags as strings") << QByteArray(
            R"({"topic":"t","beginOffset":"seekToBeginning","endOffset":"1200","stopWhenPollEmpty":"true","waitTime":"5","partition":"3","skipExceedRecord":"false"})")
                                                      << OffsetSpec::beginning() << OffsetSpec::number(1200)
                                                      << QString() << true << 5 << 3;
        QTest::newRow("seekToLast, groupId wins over kafkaConfig") << QByteArray(
            R"({"topic":"t","beginOffset":"seekToLast","endOffset":"seekToEnd","groupId":"g1","kafkaConfig":{"group.id":"g0","fetch.min.bytes":1}})")
                                                                   << OffsetSpec::last() << OffsetSpec::end()
                                                                   << QStringLiteral("g1") << false << 60 << -1;
        QTest::newRow("group from kafkaConfig, no end = seekToEnd")
            << QByteArray(
                   R"({"topic":"t","beginOffset":15553274,"kafkaConfig":{"group.id":"g0"},"stopWhenPollEmpty":false})")
            << OffsetSpec::number(15553274) << OffsetSpec::end() << QStringLiteral("g0") << false << 60 << -1;
        QTest::newRow("wizard types") << QByteArray(
            R"({"topic":"t","beginType":"current","endType":"latest","groupId":"g"})")
                                      << OffsetSpec::last() << OffsetSpec::end() << QStringLiteral("g") << false << 60
                                      << -1;
        QTest::newRow("wizard earliest") << QByteArray(
            R"({"topic":"t","beginType":"earliest","endType":"specific","endTimestampMillis":5000})")
                                         << OffsetSpec::beginning() << OffsetSpec::time(5000) << QString() << false
                                         << 60 << -1;
    }

    void valid()
    {
        QFETCH(QByteArray, parameter);
        QFETCH(OffsetSpec, begin);
        QFETCH(OffsetSpec, end);
        QFETCH(QString, groupId);
        QFETCH(bool, stopWhenPollEmpty);
        QFETCH(int, waitTime);
        QFETCH(int, partition);

        const QJsonObject connection{{QStringLiteral("bootstrap.servers"), QStringLiteral("b:9092")}};
        auto options = KafkaSourceOptions::fromReader(json(parameter.constData()), connection, 3000);
        QVERIFY2(options.ok(), qPrintable(options.ok() ? QString() : options.error().message));
        QCOMPARE(options->topic, QStringLiteral("t"));
        QCOMPARE(options->begin, begin);
        QCOMPARE(options->end, end);
        QCOMPARE(options->groupId, groupId);
        QCOMPARE(options->stopWhenPollEmpty, stopWhenPollEmpty);
        QCOMPARE(options->waitTimeSeconds, waitTime);
        QCOMPARE(options->partition.value_or(-1), partition);
        QCOMPARE(options->timeoutMs, 3000);
        QVERIFY(!options->kafkaConfig.contains(QLatin1String("group.id")));
        QCOMPARE(options->connection.value(QLatin1String("bootstrap.servers")).toString(), QStringLiteral("b:9092"));
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("parameter");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");

        QTest::newRow("bad offset")
            << QByteArray(R"({"topic":"t","beginOffset":"abc"})") << QStringLiteral("config.kafka.offset")
            << QStringLiteral(
                   "steps[0].parameter.beginOffset: \"abc\" is not seekToBeginning, seekToLast, seekToEnd or a number");
        QTest::newRow("negative offset")
            << QByteArray(R"({"topic":"t","beginOffset":0,"endOffset":-5})") << QStringLiteral("config.kafka.offset")
            << QStringLiteral(
                   "steps[0].parameter.endOffset: -5 is not seekToBeginning, seekToLast, seekToEnd or a number");
        QTest::newRow("no topic")
            << QByteArray(R"({"beginOffset":0})") << QStringLiteral("config.kafka.topic")
            << QStringLiteral(
                   "steps[0].parameter.topic: (undefined) is not a topic name; a non-empty string is required");
        QTest::newRow("no begin")
            << QByteArray(R"({"topic":"t"})") << QStringLiteral("config.kafka.range")
            << QStringLiteral(
                   "steps[0].parameter.beginDateTime: one of beginDateTime, beginTimestampMillis and beginOffset is required");
        QTest::newRow("two begins")
            << QByteArray(R"({"topic":"t","beginOffset":0,"beginDateTime":"20221122095200"})")
            << QStringLiteral("config.kafka.range")
            << QStringLiteral(
                   "steps[0].parameter.beginDateTime: set only one of beginDateTime, beginTimestampMillis and beginOffset");
        QTest::newRow("unresolved parameter")
            << QByteArray(R"({"topic":"t","beginDateTime":"${startTime}"})") << QStringLiteral("config.kafka.datetime")
            << QStringLiteral(
                   "steps[0].parameter.beginDateTime: \"${startTime}\" is not a date-time yyyyMMddHHmmss (14 digits, e.g. 20221122095200)");
        QTest::newRow("bad date")
            << QByteArray(R"({"topic":"t","beginDateTime":"20221340095200"})")
            << QStringLiteral("config.kafka.datetime")
            << QStringLiteral(
                   "steps[0].parameter.beginDateTime: \"20221340095200\" is not a valid date-time yyyyMMddHHmmss");
        QTest::newRow("end before begin")
            << QByteArray(R"({"topic":"t","beginTimestampMillis":2000,"endTimestampMillis":1000})")
            << QStringLiteral("config.kafka.range")
            << QStringLiteral(
                   "steps[0].parameter.endDateTime: the end (1970-01-01T00:00:01.000Z) is before the begin (1970-01-01T00:00:02.000Z); the range is [begin, end)");
        QTest::newRow("bad zone")
            << QByteArray(R"({"topic":"t","beginOffset":0,"timeZone":"Mars/Base"})")
            << QStringLiteral("config.kafka.timezone")
            << QStringLiteral(
                   "steps[0].parameter.timeZone: \"Mars/Base\" is not an IANA time zone id (e.g. Asia/Shanghai, UTC)");
        QTest::newRow("seekToLast without group")
            << QByteArray(R"({"topic":"t","beginOffset":"seekToLast"})") << QStringLiteral("config.kafka.groupId")
            << QStringLiteral(
                   "steps[0].parameter.groupId: seekToLast reads the group's committed offset, so groupId (or kafkaConfig group.id) is required");
        QTest::newRow("bad bool") << QByteArray(R"({"topic":"t","beginOffset":0,"stopWhenPollEmpty":"yes"})")
                                  << QStringLiteral("config.kafka.bool")
                                  << QStringLiteral(
                                         "steps[0].parameter.stopWhenPollEmpty: \"yes\" is not true or false");
        QTest::newRow("bad waitTime")
            << QByteArray(R"({"topic":"t","beginOffset":0,"waitTime":0})") << QStringLiteral("config.kafka.waitTime")
            << QStringLiteral("steps[0].parameter.waitTime: 0 is not a number of seconds from 1 to 86400");
        QTest::newRow("bad partition")
            << QByteArray(R"({"topic":"t","beginOffset":0,"partition":"x"})")
            << QStringLiteral("config.kafka.partition")
            << QStringLiteral("steps[0].parameter.partition: \"x\" is not a partition number (0 or more)");
        QTest::newRow("kafkaConfig not an object")
            << QByteArray(R"({"topic":"t","beginOffset":0,"kafkaConfig":"x"})")
            << QStringLiteral("config.kafka.kafkaConfig")
            << QStringLiteral("steps[0].parameter.kafkaConfig: \"x\" is not an object of Kafka consumer properties");
        QTest::newRow("specific without a time")
            << QByteArray(R"({"topic":"t","beginType":"specific"})") << QStringLiteral("config.kafka.range")
            << QStringLiteral(
                   "steps[0].parameter.beginDateTime: one of beginDateTime, beginTimestampMillis and beginOffset is required");
        QTest::newRow("bad beginType")
            << QByteArray(R"({"topic":"t","beginType":"latest"})") << QStringLiteral("config.kafka.range")
            << QStringLiteral("steps[0].parameter.beginType: \"latest\" is not specific, earliest or current");
    }

    void invalid()
    {
        QFETCH(QByteArray, parameter);
        QFETCH(QString, code);
        QFETCH(QString, message);
        auto options = KafkaSourceOptions::fromReader(json(parameter.constData()), QJsonObject());
        QVERIFY(!options.ok());
        QCOMPARE(options.error().code, code);
        QCOMPARE(options.error().message, message);
    }

    // DataWorks' `server` is the bootstrap address when the connection has none.
    void serverKey()
    {
        auto options = KafkaSourceOptions::fromReader(json(R"({"server":"h:9093","topic":"t","beginOffset":0})"), {});
        QVERIFY(options.ok());
        QCOMPARE(options->connection.value(QLatin1String("bootstrap.servers")).toString(), QStringLiteral("h:9093"));
    }
};

QTEST_APPLESS_MAIN(TestOffsetResolveOptions)
#include "tst_offsetresolve_options.moc"
