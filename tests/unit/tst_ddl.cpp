// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
#include <QTest>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"

using namespace kmsync::engine;
using namespace kmsync::engine::config;

namespace {

TaskConfig sampleTask()
{
    auto task = TaskConfig::loadFile(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
    return task.ok() ? task.value() : TaskConfig();
}

TaskConfig taskWith(const QString &topic, const QStringList &columns, const QString &partition = QString())
{
    TaskConfig task;
    task.reader.topic = topic;
    task.reader.column = columns;
    if (!partition.isEmpty())
        task.writer.partition = partition;
    return task;
}

} // namespace

class TestDdl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleTaskExactText()
    {
        const TaskConfig task = sampleTask();
        QCOMPARE(task.reader.topic, QStringLiteral("clicks"));
        const QString expected = QStringLiteral(
            "CREATE TABLE IF NOT EXISTS `clicks` (\n"
            "  `__key__` STRING COMMENT 'The key of a Kafka message.',\n"
            "  `__value__` STRING COMMENT 'The value of a Kafka message.',\n"
            "  `__partition__` BIGINT COMMENT 'The ID of the partition to which a Kafka message belongs. The ID is an integer that starts from 0.',\n"
            "  `__headers__` STRING COMMENT 'The headers of a Kafka message.',\n"
            "  `__offset__` BIGINT COMMENT 'The sequence number that is assigned to a Kafka message when the message is transferred to a partition. The sequence number is an integer that starts from 0.',\n"
            "  `__timestamp__` BIGINT COMMENT 'The timestamp of a Kafka message. The timestamp is a 13-digit integer, in milliseconds.',\n"
            "  `event_id` STRING COMMENT 'JSON path event_id of the message value',\n"
            "  `user_id` BIGINT COMMENT 'JSON path user.id of the message value',\n"
            "  `user_name` STRING COMMENT 'JSON path user.name of the message value',\n"
            "  `page_url` STRING COMMENT 'JSON path page.url of the message value',\n"
            "  `page_ref_domain` STRING COMMENT 'JSON path [\\\"page\\\"][\\\"ref.domain\\\"] of the message value',\n"
            "  `items_0_sku` STRING COMMENT 'JSON path items[0].sku of the message value',\n"
            "  `items_0_qty` BIGINT COMMENT 'JSON path items[0].qty of the message value',\n"
            "  `amount` DOUBLE COMMENT 'JSON path amount of the message value',\n"
            "  `ts` STRING COMMENT 'JSON path ts of the message value',\n"
            "  `tags_0` STRING COMMENT 'JSON path tags[0] of the message value'\n"
            ")\n"
            "PARTITIONED BY (\n"
            "  `ds` STRING\n"
            ")\n"
            "LIFECYCLE 36500;\n");
        QMap<QString, QStringList> samples;
        samples.insert(QStringLiteral("user.id"), {QStringLiteral("42"), QStringLiteral("7")});
        samples.insert(QStringLiteral("items[0].qty"), {QStringLiteral("2")});
        samples.insert(QStringLiteral("amount"), {QStringLiteral("12.5"), QStringLiteral("3")});
        samples.insert(QStringLiteral("ts"), {QStringLiteral("\"2026-11-25 10:00:00\"")});
        QCOMPARE(generateDdl(task, samples), expected);

        // without samples every path column is STRING
        const QString plain = generateDdl(task);
        QVERIFY(plain.contains(QLatin1String("  `user_id` STRING COMMENT")));
        QVERIFY(plain.contains(QLatin1String("  `amount` STRING COMMENT")));
        QVERIFY(plain.contains(QLatin1String("  `__offset__` BIGINT COMMENT")));
    }

    void sampleWriterColumnsMatchSchema()
    {
        // the sample task writes exactly the columns the generated table has
        const TaskConfig task = sampleTask();
        const auto schema = ddlSchema(task);
        QVERIFY(schema.ok());
        QStringList names;
        for (const auto &c : schema->columns)
            names << c.name;
        QCOMPARE(names, task.writer.column);
        QCOMPARE(int(schema->partitionKeys.size()), 1);
        QCOMPARE(schema->partitionKeys.front().name, QStringLiteral("ds"));
        QCOMPARE(schema->partitionKeys.front().type.kind, TypeKind::String);
        QCOMPARE(schema->name, QStringLiteral("clicks"));
    }

    void tableNames_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("table");
        QTest::newRow("plain") << "clicks"
                               << "clicks";
        QTest::newRow("dash and dot") << "Web-Clicks.v2"
                                      << "web_clicks_v2";
        QTest::newRow("leading digit") << "1abc"
                                       << "t_1abc";
        QTest::newRow("leading underscore") << "_x"
                                            << "t__x";
        QTest::newRow("non-ascii") << QString::fromUtf8("点击") << "t___";
        QTest::newRow("empty") << ""
                               << "kafka_topic";
        QTest::newRow("too long") << QString(200, QLatin1Char('a')) << QString(128, QLatin1Char('a'));
    }
    void tableNames()
    {
        QFETCH(QString, topic);
        QFETCH(QString, table);
        QCOMPARE(sanitizeTableName(topic), table);
        QVERIFY(table.toUtf8().size() <= 128);
    }

    void inference_data()
    {
        QTest::addColumn<QStringList>("samples");
        QTest::addColumn<QString>("type");
        QTest::newRow("none") << QStringList() << "STRING";
        QTest::newRow("only null") << QStringList{"null"} << "STRING";
        QTest::newRow("integers") << QStringList{"1", "-2", "0"} << "BIGINT";
        QTest::newRow("integers and null") << QStringList{"null", "3"} << "BIGINT";
        QTest::newRow("mixed numbers") << QStringList{"1", "2.5"} << "DOUBLE";
        QTest::newRow("exponent") << QStringList{"1e3"} << "DOUBLE";
        QTest::newRow("beyond int64") << QStringList{"99999999999999999999"} << "DOUBLE";
        QTest::newRow("booleans") << QStringList{"true", "false"} << "BOOLEAN";
        QTest::newRow("bool and number") << QStringList{"true", "1"} << "STRING";
        QTest::newRow("number and string") << QStringList{"1", "\"a\""} << "STRING";
        QTest::newRow("numeric string") << QStringList{"\"12\""} << "STRING";
        QTest::newRow("object") << QStringList{"{\"a\":1}"} << "STRING";
    }
    void inference()
    {
        QFETCH(QStringList, samples);
        QFETCH(QString, type);
        QCOMPARE(inferColumnType(samples).toString(), type);
    }

    void columnNamesAndCollisions()
    {
        const TaskConfig task = taskWith(QStringLiteral("t"),
                                         {QStringLiteral("a.b"), QStringLiteral("a_b"), QStringLiteral("[\"a.b\"]"),
                                          QStringLiteral("'const'"), QStringLiteral("__key__"),
                                          QStringLiteral("d[0][\"x.y\"]")});
        const auto schema = ddlSchema(task);
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
        QStringList names;
        for (const auto &c : schema->columns)
            names << c.name;
        QCOMPARE(names, QStringList({"__key__", "__value__", "__partition__", "__headers__", "__offset__",
                                     "__timestamp__", "a_b", "a_b_2", "a_b_3", "d_0_x_y"}));
        QVERIFY(schema->partitionKeys.empty());
        const QString ddl = renderDdl(schema.value());
        QVERIFY(!ddl.contains(QLatin1String("PARTITIONED BY")));
        QVERIFY(ddl.endsWith(QLatin1String(")\nLIFECYCLE 36500;\n")));
    }

    void severalPartitionKeys()
    {
        const TaskConfig task = taskWith(QStringLiteral("t"), {QStringLiteral("__key__")},
                                         QStringLiteral("ds=${partition},hh=${hour}"));
        const QString ddl = generateDdl(task);
        QVERIFY2(ddl.contains(QLatin1String("PARTITIONED BY (\n  `ds` STRING,\n  `hh` STRING\n)\n")), qPrintable(ddl));
    }

    void quoting()
    {
        QCOMPARE(quoteIdentifier(QStringLiteral("a`b")), QStringLiteral("`a``b`"));
        QCOMPARE(quoteIdentifier(QStringLiteral("select")), QStringLiteral("`select`"));
        QCOMPARE(quoteComment(QStringLiteral("it's \\ \"q\"\n\t")), QStringLiteral("'it\\'s \\\\ \\\"q\\\"\\n\\t'"));
        // a JSON path with a quote ends up escaped in the comment
        const TaskConfig task = taskWith(QStringLiteral("t"), {QStringLiteral("[\"it's\"]")});
        QVERIFY(generateDdl(task).contains(
            QLatin1String("`it_s` STRING COMMENT 'JSON path [\\\"it\\'s\\\"] of the message value'")));
    }

    void errors()
    {
        const auto noTopic = ddlSchema(taskWith(QString(), {QStringLiteral("__key__")}));
        QVERIFY(!noTopic.ok());
        QCOMPARE(noTopic.error().code, QStringLiteral("ddl.no_topic"));
        const auto badPath = ddlSchema(taskWith(QStringLiteral("t"), {QStringLiteral("a..b")}));
        QVERIFY(!badPath.ok());
        QCOMPARE(badPath.error().code, QStringLiteral("mapping.path_syntax"));
        QVERIFY(generateDdl(taskWith(QStringLiteral("t"), {QStringLiteral("a..b")}))
                    .startsWith(QLatin1String("-- cannot generate DDL: ")));
        const auto badPartition = ddlSchema(
            taskWith(QStringLiteral("t"), {QStringLiteral("__key__")}, QStringLiteral("ds")));
        QVERIFY(!badPartition.ok());
        QCOMPARE(badPartition.error().code, QStringLiteral("config.partition"));
    }
};

QTEST_APPLESS_MAIN(TestDdl)
#include "tst_ddl.moc"
