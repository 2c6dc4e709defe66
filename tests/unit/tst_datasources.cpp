// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/datasources.h"

using namespace kmsync::engine;
using namespace kmsync::engine::config;

namespace {

const QString kFile = QStringLiteral(KMSYNC_TEST_DATA "/tasks/datasources.json");

QJsonObject fileObject()
{
    QFile f(kFile);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestDatasources final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        qputenv("KMSYNC_TEST_BROKER", "prod-broker:9093");
        qputenv("KMSYNC_TEST_SASL_PASSWORD", "s3cret-from-env");
        qputenv("KMSYNC_TEST_ACCESS_KEY", "ak-secret-from-env");
    }

    void environmentSelection_data()
    {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("servers");
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("password");
        QTest::newRow("dev") << "dev"
                             << "dev-broker:9092"
                             << "SASL_PLAINTEXT"
                             << "dev-clear-password";
        QTest::newRow("prod") << "prod"
                              << "prod-broker:9093"
                              << "SASL_SSL"
                              << "s3cret-from-env";
    }
    void environmentSelection()
    {
        QFETCH(QString, env);
        QFETCH(QString, servers);
        QFETCH(QString, protocol);
        QFETCH(QString, password);
        const auto ds = Datasources::load(kFile, env);
        QVERIFY2(ds.ok(), qPrintable(ds.ok() ? QString() : ds.error().message));
        QCOMPARE(ds->env(), env);
        QCOMPARE(ds->names(), QStringList({QStringLiteral("kafka_secure"), QStringLiteral("local_wh"),
                                           QStringLiteral("odps_first"), QStringLiteral("sandbox_kafka")}));
        const auto kafka = ds->find(QStringLiteral("kafka_secure"));
        QVERIFY(kafka.has_value());
        QCOMPARE(datasourceKindName(kafka->kind), QStringLiteral("kafka"));
        QCOMPARE(kafka->connection.value(QStringLiteral("bootstrap.servers")).toString(), servers);
        QCOMPARE(kafka->connection.value(QStringLiteral("security.protocol")).toString(), protocol);
        QCOMPARE(kafka->connection.value(QStringLiteral("sasl.password")).toString(), password);
        QVERIFY(!kafka->isSandbox());
        // a single "connection" serves both environments
        const auto sandbox = ds->find(QStringLiteral("sandbox_kafka"));
        QVERIFY(sandbox.has_value());
        QVERIFY(sandbox->isSandbox());
        QVERIFY(Datasources::connectionProblems(*sandbox).isEmpty());
        const auto odps = ds->find(QStringLiteral("odps_first"));
        QVERIFY(odps.has_value());
        QCOMPARE(odps->connection.value(QStringLiteral("accessKey")).toString(), QStringLiteral("ak-secret-from-env"));
        QCOMPARE(odps->raw.value(QStringLiteral("connection")).toObject().value(QStringLiteral("accessKey")).toString(),
                 QStringLiteral("${env:KMSYNC_TEST_ACCESS_KEY}"));
    }

    void localPathResolvedAgainstWorkspace()
    {
        const auto ds = Datasources::load(kFile, QStringLiteral("dev"));
        QVERIFY(ds.ok());
        QCOMPARE(ds->workspaceDir(), QStringLiteral(KMSYNC_TEST_DATA "/tasks"));
        const auto wh = ds->find(QStringLiteral("local_wh"));
        QVERIFY(wh.has_value());
        QCOMPARE(wh->connection.value(QStringLiteral("path")).toString(),
                 QStringLiteral(KMSYNC_TEST_DATA "/tasks/warehouse.db"));
        QCOMPARE(wh->raw.value(QStringLiteral("connection")).toObject().value(QStringLiteral("path")).toString(),
                 QStringLiteral("warehouse.db"));
        // an absolute path stays as it is
        const auto abs =
            Datasources::fromJson(QJsonDocument::fromJson(
                                      R"({"datasources":{"w":{"type":"local","connection":{"path":"/var/tmp/w.db"}}}})")
                                      .object(),
                                  QStringLiteral("dev"), QStringLiteral("/elsewhere"));
        QVERIFY(abs.ok());
        QCOMPARE(abs->find(QStringLiteral("w"))->connection.value(QStringLiteral("path")).toString(),
                 QStringLiteral("/var/tmp/w.db"));
    }

    void missingEnvVariableNamesDatasourceAndField()
    {
        qunsetenv("KMSYNC_TEST_SASL_PASSWORD");
        const auto ds = Datasources::load(kFile, QStringLiteral("prod"));
        QVERIFY(ds.ok()); // other datasources stay usable
        QVERIFY(!ds->find(QStringLiteral("kafka_secure")).has_value());
        const auto resolved = ds->resolve(QStringLiteral("kafka_secure"));
        QVERIFY(!resolved.ok());
        QCOMPARE(resolved.error().code, QStringLiteral("datasource.unresolved"));
        QCOMPARE(resolved.error().message,
                 QStringLiteral("datasource \"kafka_secure\" field \"sasl.password\": environment variable "
                                "KMSYNC_TEST_SASL_PASSWORD is not set"));
        QVERIFY(ds->find(QStringLiteral("local_wh")).has_value());
        // dev does not use the variable
        const auto dev = Datasources::load(kFile, QStringLiteral("dev"));
        QVERIFY(dev.ok());
        QVERIFY(dev->find(QStringLiteral("kafka_secure")).has_value());
    }

    void envEmbeddedInText()
    {
        qputenv("KMSYNC_TEST_HOST", "h1");
        const auto ds = Datasources::fromJson(
            QJsonDocument::fromJson(
                R"({"datasources":{"k":{"type":"kafka","connection":{"bootstrap.servers":"${env:KMSYNC_TEST_HOST}:9092,${env:KMSYNC_TEST_HOST}:9093"}}}})")
                .object(),
            QStringLiteral("dev"), QDir::tempPath());
        QVERIFY(ds.ok());
        QCOMPARE(ds->find(QStringLiteral("k"))->connection.value(QStringLiteral("bootstrap.servers")).toString(),
                 QStringLiteral("h1:9092,h1:9093"));
    }

    void secretsMasked()
    {
        const auto ds = Datasources::load(kFile, QStringLiteral("prod"));
        QVERIFY(ds.ok());
        const auto kafka = ds->find(QStringLiteral("kafka_secure"));
        QVERIFY(kafka.has_value());
        const QString shown = kafka->toDisplayString();
        QVERIFY2(!shown.contains(QLatin1String("s3cret-from-env")), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("\"sasl.password\":\"******\"")), qPrintable(shown));
        QVERIFY(shown.contains(QLatin1String("prod-broker:9093")));
        QVERIFY(shown.contains(QLatin1String("\"sasl.username\":\"prod\"")));
        const auto odps = ds->find(QStringLiteral("odps_first"));
        const QString odpsShown = odps->toDisplayString();
        QVERIFY2(!odpsShown.contains(QLatin1String("ak-secret-from-env")), qPrintable(odpsShown));
        QVERIFY2(!odpsShown.contains(QLatin1String("clear-token-value")), qPrintable(odpsShown));
        QVERIFY(odpsShown.contains(QLatin1String("LTAIexample")));
        // the raw entry shows ${env:...} references (not secrets) and masks clear secrets
        const QJsonObject rawMasked = maskSecrets(odps->raw);
        const QJsonObject conn = rawMasked.value(QStringLiteral("connection")).toObject();
        QCOMPARE(conn.value(QStringLiteral("accessKey")).toString(), QStringLiteral("${env:KMSYNC_TEST_ACCESS_KEY}"));
        QCOMPARE(conn.value(QStringLiteral("securityToken")).toString(), QStringLiteral("******"));
    }

    void secretKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("secret");
        QTest::newRow("accessKey") << "accessKey" << true;
        QTest::newRow("securityToken") << "securityToken" << true;
        QTest::newRow("sasl.password") << "sasl.password" << true;
        QTest::newRow("ssl.key.password") << "ssl.key.password" << true;
        QTest::newRow("ssl.keystore.password") << "ssl.keystore.password" << true;
        QTest::newRow("client secret") << "sasl.oauthbearer.client.secret" << true;
        QTest::newRow("MyPassword") << "MyPassword" << true;
        QTest::newRow("accessId") << "accessId" << false;
        QTest::newRow("sasl.username") << "sasl.username" << false;
        QTest::newRow("bootstrap.servers") << "bootstrap.servers" << false;
    }
    void secretKeys()
    {
        QFETCH(QString, key);
        QFETCH(bool, secret);
        QCOMPARE(isSecretKey(key), secret);
    }

    void saveKeepsEnvReferencesAndExtras()
    {
        const auto ds = Datasources::load(kFile, QStringLiteral("prod"));
        QVERIFY(ds.ok());
        const QJsonObject saved = ds->toJson();
        QCOMPARE(saved, fileObject());
        const QByteArray text = QJsonDocument(saved).toJson();
        QVERIFY(text.contains("${env:KMSYNC_TEST_SASL_PASSWORD}"));
        QVERIFY(!text.contains("s3cret-from-env"));
        QVERIFY(!text.contains("ak-secret-from-env"));
        QVERIFY(text.contains("dev-clear-password")); // was in clear: stays in clear
    }

    void saveFileRoundTrips()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto ds = Datasources::load(kFile, QStringLiteral("prod"));
        QVERIFY(ds.ok());
        QVERIFY(ds->remove(QStringLiteral("kafka_secure")));
        QVERIFY(!ds->remove(QStringLiteral("kafka_secure")));
        const QString file = dir.filePath(QStringLiteral("datasources.json"));
        QVERIFY(ds->saveFile(file).ok());
        QCOMPARE(ds->file(), file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(!text.contains("ak-secret-from-env"));
        QVERIFY(text.contains("${env:KMSYNC_TEST_ACCESS_KEY}"));
        const auto again = Datasources::load(file, QStringLiteral("prod"));
        QVERIFY(again.ok());
        QCOMPARE(again->names(), QStringList({QStringLiteral("local_wh"), QStringLiteral("odps_first"),
                                              QStringLiteral("sandbox_kafka")}));
        QCOMPARE(again->toJson(), ds->toJson());
        // the local path now resolves against the new workspace
        QCOMPARE(again->find(QStringLiteral("local_wh"))->connection.value(QStringLiteral("path")).toString(),
                 dir.filePath(QStringLiteral("warehouse.db")));
    }

    void insertResolves()
    {
        auto ds = Datasources::load(kFile, QStringLiteral("dev"));
        QVERIFY(ds.ok());
        QVERIFY(ds->insert(QStringLiteral("wh2"),
                           QJsonDocument::fromJson(R"({"type":"local","connection":{"path":"w2.db"}})").object())
                    .ok());
        QCOMPARE(ds->find(QStringLiteral("wh2"))->connection.value(QStringLiteral("path")).toString(),
                 QStringLiteral(KMSYNC_TEST_DATA "/tasks/w2.db"));
        QVERIFY(!ds->insert(QStringLiteral("bad"), QJsonDocument::fromJson(R"({"type":"mysql"})").object()).ok());
    }

    void unknownNameListsKnown()
    {
        const auto ds = Datasources::load(kFile, QStringLiteral("dev"));
        QVERIFY(ds.ok());
        const auto r = ds->resolve(QStringLiteral("nope"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("datasource.unknown"));
        QVERIFY2(r.error().message.contains(QLatin1String("kafka_secure, local_wh, odps_first, sandbox_kafka")),
                 qPrintable(r.error().message));
    }

    void loadErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("message");
        QTest::newRow("no datasources key") << QByteArray("{}") << "dev"
                                            << "missing \"datasources\"";
        QTest::newRow("list") << QByteArray(R"({"datasources":[]})") << "dev"
                              << "must be an object of named entries, got array";
        QTest::newRow("bad type") << QByteArray(R"({"datasources":{"x":{"type":"mysql","connection":{}}}})") << "dev"
                                  << "datasource \"x\": type \"mysql\" is not one of kafka, odps, local";
        QTest::newRow("entry not object") << QByteArray(R"({"datasources":{"x":3}})") << "dev"
                                          << "datasource \"x\" must be an object";
        QTest::newRow("connection not object")
            << QByteArray(R"({"datasources":{"x":{"type":"kafka","dev":"a"}}})") << "dev"
            << "datasource \"x\": \"dev\" must be an object";
        QTest::newRow("bad env") << QByteArray(R"({"datasources":{}})") << "test"
                                 << "environment \"test\" is not allowed; use dev or prod";
    }
    void loadErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, env);
        QFETCH(QString, message);
        const auto ds = Datasources::fromJson(QJsonDocument::fromJson(json).object(), env, QDir::tempPath());
        QVERIFY(!ds.ok());
        QVERIFY2(ds.error().message.contains(message), qPrintable(ds.error().message));
    }

    void missingEnvironmentSection()
    {
        const auto ds =
            Datasources::fromJson(QJsonDocument::fromJson(
                                      R"({"datasources":{"k":{"type":"kafka","dev":{"bootstrap.servers":"a:1"}}}})")
                                      .object(),
                                  QStringLiteral("prod"), QDir::tempPath());
        QVERIFY(ds.ok());
        const auto r = ds->resolve(QStringLiteral("k"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message,
                 QStringLiteral("datasource \"k\" has no \"prod\" connection (and no shared \"connection\")"));
    }

    void connectionProblems_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QStringList>("problems");
        QTest::newRow("kafka complete") << QByteArray(R"({"type":"kafka","connection":{"bootstrap.servers":"a:1"}})")
                                        << QStringList();
        QTest::newRow("kafka no servers") << QByteArray(R"({"type":"kafka","connection":{}})")
                                          << QStringList{"datasource \"d\" (kafka) has no \"bootstrap.servers\""};
        QTest::newRow("local no path") << QByteArray(R"({"type":"local","connection":{}})")
                                       << QStringList{"datasource \"d\" (local) has no \"path\""};
        QTest::newRow("odps partial") << QByteArray(R"({"type":"odps","connection":{"endpoint":"e","accessId":"i"}})")
                                      << QStringList{"datasource \"d\" (odps) has no \"project\"",
                                                     "datasource \"d\" (odps) has no \"accessKey\""};
    }
    void connectionProblems()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QStringList, problems);
        QJsonObject list{{QStringLiteral("d"), QJsonDocument::fromJson(entry).object()}};
        const auto ds = Datasources::fromJson(QJsonObject{{QStringLiteral("datasources"), list}}, QStringLiteral("dev"),
                                              QDir::tempPath());
        QVERIFY(ds.ok());
        QCOMPARE(Datasources::connectionProblems(*ds->find(QStringLiteral("d"))), problems);
    }

    void unreadableFile()
    {
        const auto ds = Datasources::load(QStringLiteral("/nonexistent/datasources.json"), QStringLiteral("dev"));
        QVERIFY(!ds.ok());
        QCOMPARE(ds.error().code, QStringLiteral("datasource.io"));
        QVERIFY(ds.error().message.contains(QLatin1String("/nonexistent/datasources.json")));
    }
};

QTEST_APPLESS_MAIN(TestDatasources)
#include "tst_datasources.moc"
