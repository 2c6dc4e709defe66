#include <QTemporaryDir>
#include <QTest>

#include "engine/job/connector.h"
#include "engine/job/destination.h"

using namespace kmsync::engine;
using config::Datasource;
using config::DatasourceKind;

namespace {

Datasource datasource(const QString &name, DatasourceKind kind, const QJsonObject &connection)
{
    Datasource ds;
    ds.name = name;
    ds.kind = kind;
    ds.connection = connection;
    return ds;
}

} // namespace

// Each kind's connector does what that kind can do; what it cannot do is an error naming the datasource and its type.
class TestConnector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kafkaIsNoDestination()
    {
        const StopToken stop;
        const Datasource kafka = datasource(QStringLiteral("k"), DatasourceKind::Kafka, {});
        const auto sink = openSink(kafka, stop);
        QVERIFY(!sink.ok());
        QCOMPARE(sink.error().code, QStringLiteral("config.datasource_type"));
        QCOMPARE(sink.error().message,
                 QStringLiteral("datasource \"k\" has type \"kafka\"; a destination is a local or an odps datasource"));
        QCOMPARE(runDestinationSql(kafka, QStringLiteral("DROP TABLE t"), stop).error().code,
                 QStringLiteral("config.datasource_type"));
        QCOMPARE(queryDestination(kafka, QStringLiteral("select 1"), 1, stop).error().code,
                 QStringLiteral("config.datasource_type"));
        QCOMPARE(destinationTableSchemas(kafka, stop).error().message,
                 QStringLiteral("Datasource \"k\" is of type kafka; tables live in local or odps datasources."));
    }

    void localWarehouseThroughItsConnector()
    {
        QTemporaryDir dir;
        const StopToken stop;
        const Datasource wh = datasource(QStringLiteral("wh"), DatasourceKind::Local,
                                         {{QStringLiteral("path"), dir.filePath(QStringLiteral("w.db"))}});
        // A missing warehouse is not created by a test or a table listing.
        QVERIFY(!connectorFor(DatasourceKind::Local).testConnection(wh, stop).ok());
        QVERIFY(!destinationTableSchemas(wh, stop).ok());
        QVERIFY(
            runDestinationSql(wh, QStringLiteral("CREATE TABLE t (a BIGINT) PARTITIONED BY (ds STRING)"), stop).ok());
        const auto tables = destinationTableSchemas(wh, stop);
        QVERIFY2(tables.ok(), qPrintable(tables.ok() ? QString() : tables.error().message));
        QCOMPARE(tables->size(), size_t(1));
        QCOMPARE(listDestinationTables(wh, stop).value(), QStringList{QStringLiteral("t")});
        const auto tested = connectorFor(DatasourceKind::Local).testConnection(wh, stop);
        QVERIFY(tested.ok());
        QVERIFY2(tested->endsWith(QLatin1String(": 1 table(s).")), qPrintable(*tested));
        const auto topics = connectorFor(wh.kind).listTopics(wh, 1000, stop);
        QVERIFY(!topics.ok());
        QCOMPARE(topics.error().message, QStringLiteral("Datasource \"wh\" is of type local, not kafka."));
    }

    // A run and a preview open their source through the kind's connector: Kafka reads the task's reader, with its
    // field names in the errors; a destination kind is no source.
    void sourceThroughItsConnector()
    {
        config::KafkaReaderConfig reader;
        reader.topic = QStringLiteral("clicks");
        reader.beginTimestampMillis = QJsonValue(qint64(1700000000000));
        reader.endTimestampMillis = QJsonValue(qint64(1700003600000));
        SourceOptions options;
        options.fieldPrefix = QStringLiteral("steps[0].parameter");
        options.timeoutMs = 1000;
        options.startOffsets = {{0, 42}};
        const Datasource kafka = datasource(QStringLiteral("k"), DatasourceKind::Kafka,
                                            {{QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:1")}});
        // Opening does not connect (MessageSource::open() does), so no broker is needed here.
        const auto opened = connectorFor(kafka.kind).openSource(kafka, reader, options);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QVERIFY(opened->source);
        QCOMPARE(opened->windowBeginMs, std::optional<int64_t>(1700000000000));
        QCOMPARE(opened->windowEndMs, std::optional<int64_t>(1700003600000));

        // Offsets, not times: no window to audit.
        reader.beginTimestampMillis = QJsonValue(QJsonValue::Undefined);
        reader.endTimestampMillis = QJsonValue(QJsonValue::Undefined);
        reader.beginOffset = QStringLiteral("seekToBeginning");
        reader.endOffset = QStringLiteral("seekToEnd");
        const auto offsets = connectorFor(kafka.kind).openSource(kafka, reader, options);
        QVERIFY(offsets.ok());
        QVERIFY(!offsets->windowBeginMs && !offsets->windowEndMs);

        reader.beginOffset = QStringLiteral("abc");
        const auto bad = connectorFor(kafka.kind).openSource(kafka, reader, options);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.startsWith(QLatin1String("steps[0].parameter.beginOffset: ")),
                 qPrintable(bad.error().message));

        const StopToken stop;
        const Datasource wh = datasource(QStringLiteral("wh"), DatasourceKind::Local, {});
        const auto notKafka = connectorFor(wh.kind).openSource(wh, reader, options);
        QVERIFY(!notKafka.ok());
        QCOMPARE(notKafka.error().code, QStringLiteral("config.datasource_type"));
        QCOMPARE(notKafka.error().message, QStringLiteral("Datasource \"wh\" is of type local, not kafka."));
        const auto sample = connectorFor(wh.kind).latestMessages(wh, QStringLiteral("clicks"), 5, 1000, stop);
        QVERIFY(!sample.ok());
        QCOMPARE(sample.error().code, QStringLiteral("config.datasource_type"));
    }

    void sqlIsCheckedBeforeAnyDatasource()
    {
        QVERIFY(checkDestinationSql(QStringLiteral("DROP TABLE t")).ok());
        QVERIFY(!checkDestinationSql(QStringLiteral("DROP TABEL t")).ok());
    }
};

QTEST_GUILESS_MAIN(TestConnector)
#include "tst_connector.moc"
