// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/datasourcekind.h"
#include "engine/config/datasources.h"

using namespace kmsync::engine;
using namespace kmsync::engine::config;

Q_DECLARE_METATYPE(kmsync::engine::config::DatasourceKind)

class TestDatasourceKind final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<DatasourceKind>("kind");
        QTest::newRow("kafka") << "kafka" << DatasourceKind::Kafka;
        QTest::newRow("odps") << "odps" << DatasourceKind::MaxCompute;
        QTest::newRow("local") << "local" << DatasourceKind::Local;
    }
    void textForms()
    {
        QFETCH(QString, text);
        QFETCH(DatasourceKind, kind);
        QCOMPARE(parseDatasourceKind(text), std::optional<DatasourceKind>(kind));
        QCOMPARE(datasourceKindName(kind), text);
        const auto parsed = datasourceKindOf(QStringLiteral("x"), text);
        QVERIFY(parsed.ok());
        QCOMPARE(*parsed, kind);
    }

    void everyKindHasItsOwnText()
    {
        QStringList texts;
        for (const DatasourceKind kind : kAllDatasourceKinds) {
            QVERIFY(!datasourceKindName(kind).isEmpty());
            QVERIFY(!texts.contains(datasourceKindName(kind)));
            texts << datasourceKindName(kind);
        }
    }

    // Only the exact text form is a kind: no case folding, no spaces, no aliases.
    void nearMissesAreNotKinds_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("upper case") << "Kafka";
        QTest::newRow("spaces") << " odps";
        QTest::newRow("alias") << "maxcompute";
        QTest::newRow("empty") << "";
        QTest::newRow("other") << "mysql";
    }
    void nearMissesAreNotKinds()
    {
        QFETCH(QString, text);
        QCOMPARE(parseDatasourceKind(text), std::nullopt);
    }

    // The error names the datasource, the value as the file has it and the allowed values.
    void unknownTypeError_data()
    {
        QTest::addColumn<QJsonValue>("type");
        QTest::addColumn<QString>("message");
        QTest::newRow("other") << QJsonValue(QStringLiteral("mysql"))
                               << "datasource \"wh\": type \"mysql\" is not one of kafka, odps, local";
        QTest::newRow("alias") << QJsonValue(QStringLiteral("maxcompute"))
                               << "datasource \"wh\": type \"maxcompute\" is not one of kafka, odps, local";
        QTest::newRow("number") << QJsonValue(3) << "datasource \"wh\": type 3 is not one of kafka, odps, local";
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined)
                                 << "datasource \"wh\": type null is not one of kafka, odps, local";
    }
    void unknownTypeError()
    {
        QFETCH(QJsonValue, type);
        QFETCH(QString, message);
        const auto parsed = datasourceKindOf(QStringLiteral("wh"), type);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("datasource.type"));
        QCOMPARE(parsed.error().message, message);
    }

    // Loading parses each entry's type once; the load fails on an unknown one, naming it, the same way.
    void loadParsesTypes()
    {
        const auto ds = Datasources::fromJson(QJsonDocument::fromJson(R"({"datasources":{
            "k": {"type": "kafka", "connection": {"sandbox": true}},
            "m": {"type": "odps", "connection": {"project": "p"}},
            "w": {"type": "local", "connection": {"path": "w.db"}}}})")
                                                  .object(),
                                              QStringLiteral("dev"), QDir::tempPath());
        QVERIFY(ds.ok());
        QCOMPARE(ds->find(QStringLiteral("k"))->kind, DatasourceKind::Kafka);
        QCOMPARE(ds->find(QStringLiteral("m"))->kind, DatasourceKind::MaxCompute);
        QCOMPARE(ds->find(QStringLiteral("w"))->kind, DatasourceKind::Local);
        QCOMPARE(ds->kind(QStringLiteral("w")), std::optional<DatasourceKind>(DatasourceKind::Local));
        QCOMPARE(ds->kind(QStringLiteral("none")), std::nullopt);

        const auto bad =
            Datasources::fromJson(QJsonDocument::fromJson(
                                      R"({"datasources":{"k":{"type":"kafka","connection":{}},"x":{"type":"Kafka"}}})")
                                      .object(),
                                  QStringLiteral("dev"), QDir::tempPath());
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, QStringLiteral("datasource.type"));
        QCOMPARE(bad.error().message,
                 QStringLiteral("datasource \"x\": type \"Kafka\" is not one of kafka, odps, local"));
    }

    // The kind's text is written back as the file had it: a save is byte for byte the file it loaded.
    void saveKeepsTypeText()
    {
        const QByteArray file = QJsonDocument::fromJson(R"({"datasources":{
            "k": {"type": "kafka", "connection": {"sandbox": true}},
            "m": {"type": "odps", "connection": {"project": "p"}},
            "w": {"type": "local", "connection": {"path": "w.db"}}}})")
                                    .toJson(QJsonDocument::Indented);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("datasources.json"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(file);
        out.close();
        auto ds = Datasources::load(path, QStringLiteral("dev"));
        QVERIFY(ds.ok());
        const QString copy = dir.filePath(QStringLiteral("copy.json"));
        QVERIFY(ds->saveFile(copy).ok());
        QFile in(copy);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), file);
    }
};

QTEST_APPLESS_MAIN(TestDatasourceKind)
#include "tst_datasourcekind.moc"
