// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
// ${keychain:KEY} references in datasources.json: parsing, the entry key, the error without a SecretLookup (what
// kmsync-cli says), resolution through a fake lookup (asked once per key, only for the named datasources, errors
// named), and that saved files and display strings keep the reference, never the value. Also the free-text masking
// of the crash handler's Qt message handler.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/datasources.h"
#include "engine/config/secretref.h"
#include "engine/config/taskloader.h"
#include "engine/core/crashhandler.h"

using namespace kmsync::engine;
using namespace kmsync::engine::config;

namespace {

const QString kSecret = QStringLiteral("Fake-s3cret-value");

// The test's SecretLookup: a map, a count of questions, and an optional refusal.
class FakeLookup final : public SecretLookup
{
public:
    QMap<QString, QString> values;
    QStringList asked;
    QString refusal; // non-empty: every question fails with this

    Result<QString> secret(const SecretRequest &request) override
    {
        asked.append(request.datasource + u'/' + request.property + u'=' + request.key);
        if (!refusal.isEmpty())
            return makeError(QStringLiteral("test.refused"), refusal);
        const auto it = values.constFind(request.key);
        if (it == values.constEnd())
            return makeError(QStringLiteral("test.missing"), QStringLiteral("no such entry"));
        return *it;
    }
};

QJsonObject workspace()
{
    const QJsonObject odps{{QStringLiteral("endpoint"), QStringLiteral("http://mc")},
                           {QStringLiteral("project"), QStringLiteral("p")},
                           {QStringLiteral("accessId"), QStringLiteral("LTAIid")},
                           {QStringLiteral("accessKey"), QStringLiteral("${keychain:k1}")}};
    const QJsonObject kafka{{QStringLiteral("bootstrap.servers"), QStringLiteral("b:9092")},
                            {QStringLiteral("sasl.password"), QStringLiteral("${keychain:k2}")},
                            {QStringLiteral("ssl.key.password"), QStringLiteral("${keychain:k2}")}};
    return {{QStringLiteral("datasources"),
             QJsonObject{{QStringLiteral("mc"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")}, {QStringLiteral("dev"), odps}}},
                         {QStringLiteral("kf"), QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                                            {QStringLiteral("connection"), kafka}}},
                         {QStringLiteral("wh"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                      {QStringLiteral("connection"),
                                       QJsonObject{{QStringLiteral("path"), QStringLiteral("w.db")}}}}}}}};
}

} // namespace

class TestSecretRef final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("key"); // empty: not a reference
        QTest::newRow("plain") << QStringLiteral("${keychain:abc}") << QStringLiteral("abc");
        QTest::newRow("entry key") << QStringLiteral("${keychain:/w/datasources.json#mc/dev/accessKey}")
                                   << QStringLiteral("/w/datasources.json#mc/dev/accessKey");
        QTest::newRow("empty key") << QStringLiteral("${keychain:}") << QString();
        QTest::newRow("inside text") << QStringLiteral("x${keychain:abc}") << QString();
        QTest::newRow("trailing text") << QStringLiteral("${keychain:abc}x") << QString();
        QTest::newRow("env") << QStringLiteral("${env:ABC}") << QString();
        QTest::newRow("clear") << QStringLiteral("hunter2") << QString();
    }
    void parse()
    {
        QFETCH(QString, value);
        QFETCH(QString, key);
        const auto parsed = keychainReferenceKey(value);
        QCOMPARE(parsed.value_or(QString()), key);
        if (!key.isEmpty())
            QCOMPARE(keychainReference(key), value);
    }

    void entryKey()
    {
        QCOMPARE(keychainEntryKey(QStringLiteral("/w/datasources.json"), QStringLiteral("mc"), QStringLiteral("dev"),
                                  QStringLiteral("accessKey")),
                 QStringLiteral("/w/datasources.json#mc/dev/accessKey"));
    }

    // Without a lookup (kmsync-cli) the datasource does not resolve, and the reason says how to supply the secret.
    void unresolvedWithoutLookup()
    {
        const auto ds = Datasources::fromJson(workspace(), QStringLiteral("dev"), QStringLiteral("/w"));
        QVERIFY(ds.ok());
        QVERIFY(!ds->find(QStringLiteral("mc")));
        const auto mc = ds->resolve(QStringLiteral("mc"));
        QVERIFY(!mc.ok());
        QCOMPARE(mc.error().code, QStringLiteral("datasource.unresolved"));
        const QString message = mc.error().message;
        QVERIFY2(message.contains(
                     QStringLiteral("datasource \"mc\" property \"accessKey\" is kept in the desktop keychain")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("${keychain:k1}")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("${env:NAME}")), qPrintable(message));
        QVERIFY(ds->resolve(QStringLiteral("wh")).ok()); // datasources without references are untouched
    }

    void resolvesThroughLookup()
    {
        const auto ds = Datasources::fromJson(workspace(), QStringLiteral("dev"), QStringLiteral("/w"));
        QVERIFY(ds.ok());
        FakeLookup lookup;
        lookup.values = {{QStringLiteral("k1"), kSecret}, {QStringLiteral("k2"), QStringLiteral("kafka-") + kSecret}};
        const auto resolved = ds->withSecrets(lookup,
                                              {QStringLiteral("mc"), QStringLiteral("kf"), QStringLiteral("wh")});
        QVERIFY2(resolved.ok(), resolved.ok() ? "" : qPrintable(resolved.error().message));
        // k2 appears twice in "kf": asked once.
        QCOMPARE(lookup.asked, (QStringList{QStringLiteral("mc/accessKey=k1"), QStringLiteral("kf/sasl.password=k2")}));
        const auto mc = resolved->resolve(QStringLiteral("mc"));
        QVERIFY(mc.ok());
        QCOMPARE(mc->connection.value(QStringLiteral("accessKey")).toString(), kSecret);
        const auto kf = resolved->resolve(QStringLiteral("kf"));
        QVERIFY(kf.ok());
        QCOMPARE(kf->connection.value(QStringLiteral("ssl.key.password")).toString(),
                 QStringLiteral("kafka-") + kSecret);

        // Shown and saved as the reference; the value is nowhere but in the connection.
        for (const QString &shown : {mc->toDisplayString(), kf->toDisplayString()}) {
            QVERIFY2(!shown.contains(kSecret), qPrintable(shown));
            QVERIFY2(shown.contains(QStringLiteral("${keychain:k")), qPrintable(shown));
        }
        QVERIFY(!QJsonDocument(resolved->toJson()).toJson().contains(kSecret.toUtf8()));
        QCOMPARE(resolved->toJson(), ds->toJson());
        QCOMPARE(
            maskSecrets(mc->raw).value(QStringLiteral("dev")).toObject().value(QStringLiteral("accessKey")).toString(),
            QStringLiteral("${keychain:k1}"));
        // The original stays unresolved: the secret lives only in the copy made for one action.
        QVERIFY(!ds->find(QStringLiteral("mc")));
    }

    void onlyNamedDatasourcesAreAsked()
    {
        const auto ds = Datasources::fromJson(workspace(), QStringLiteral("dev"), QStringLiteral("/w"));
        QVERIFY(ds.ok());
        FakeLookup lookup;
        lookup.values = {{QStringLiteral("k1"), kSecret}};
        const auto resolved = ds->withSecrets(lookup, {QStringLiteral("mc"), QStringLiteral("wh")});
        QVERIFY(resolved.ok());
        QCOMPARE(lookup.asked, QStringList{QStringLiteral("mc/accessKey=k1")});
        QVERIFY(resolved->find(QStringLiteral("mc")));
        QVERIFY(!resolved->find(QStringLiteral("kf")));
        // The prod environment has no references for "mc" (no prod section): nothing to ask.
        const auto prod = Datasources::fromJson(workspace(), QStringLiteral("prod"), QStringLiteral("/w"));
        QVERIFY(prod.ok());
        QVERIFY(prod->secretRequests({QStringLiteral("mc")}).empty());
    }

    void lookupErrorIsNamed()
    {
        const auto ds = Datasources::fromJson(workspace(), QStringLiteral("dev"), QStringLiteral("/w"));
        QVERIFY(ds.ok());
        FakeLookup lookup;
        lookup.refusal = QStringLiteral("the prompt was cancelled");
        const auto resolved = ds->withSecrets(lookup, {QStringLiteral("kf")});
        QVERIFY(!resolved.ok());
        QCOMPARE(resolved.error().code, QStringLiteral("datasource.secret"));
        QCOMPARE(
            resolved.error().message,
            QStringLiteral(
                "datasource \"kf\" property \"sasl.password\" (kept in the desktop keychain): the prompt was cancelled"));
    }

    // resolveTask() resolves the reader's and writer's references when the options carry a lookup.
    void resolveTaskUsesLookup()
    {
        QJsonObject file = workspace();
        const QJsonObject task{
            {QStringLiteral("type"), QStringLiteral("job")},
            {QStringLiteral("version"), QStringLiteral("2.0")},
            {QStringLiteral("steps"),
             QJsonArray{QJsonObject{{QStringLiteral("stepType"), QStringLiteral("kafka")},
                                    {QStringLiteral("category"), QStringLiteral("reader")},
                                    {QStringLiteral("name"), QStringLiteral("Reader")},
                                    {QStringLiteral("parameter"),
                                     QJsonObject{{QStringLiteral("datasource"), QStringLiteral("kf")},
                                                 {QStringLiteral("topic"), QStringLiteral("t")},
                                                 {QStringLiteral("column"), QJsonArray{QStringLiteral("id")}}}}},
                        QJsonObject{{QStringLiteral("stepType"), QStringLiteral("odps")},
                                    {QStringLiteral("category"), QStringLiteral("writer")},
                                    {QStringLiteral("name"), QStringLiteral("Writer")},
                                    {QStringLiteral("parameter"),
                                     QJsonObject{{QStringLiteral("datasource"), QStringLiteral("mc")},
                                                 {QStringLiteral("table"), QStringLiteral("t")},
                                                 {QStringLiteral("column"), QJsonArray{QStringLiteral("id")}}}}}}}};
        const auto raw = TaskConfig::fromJson(task);
        QVERIFY2(raw.ok(), raw.ok() ? "" : qPrintable(raw.error().message));
        QTemporaryDir dir;
        QFile out(dir.filePath(QStringLiteral("datasources.json")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(file).toJson());
        out.close();
        const QString taskPath = dir.filePath(QStringLiteral("task.json"));

        TaskRunOptions options;
        const auto without = resolveTask(*raw, taskPath, options);
        QVERIFY(without.ok());
        QVERIFY(!without->datasources.find(QStringLiteral("mc")));

        auto lookup = std::make_shared<FakeLookup>();
        lookup->values = {{QStringLiteral("k1"), kSecret}, {QStringLiteral("k2"), kSecret}};
        options.secrets = lookup;
        const auto with = resolveTask(*raw, taskPath, options);
        QVERIFY2(with.ok(), with.ok() ? "" : qPrintable(with.error().message));
        QCOMPARE(lookup->asked.size(), 2);
        QCOMPARE(with->datasources.find(QStringLiteral("mc"))->connection.value(QStringLiteral("accessKey")).toString(),
                 kSecret);

        lookup->refusal = QStringLiteral("cancelled");
        const auto refused = resolveTask(*raw, taskPath, options);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("datasource.secret"));
    }

    void maskSecretText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("masked");
        QTest::newRow("json") << QStringLiteral(R"({"accessKey":"abc","accessId":"id"})")
                              << QStringLiteral(R"({"accessKey":"******","accessId":"id"})");
        QTest::newRow("properties") << QStringLiteral("sasl.password=abc, sasl.username=u")
                                    << QStringLiteral(R"(sasl.password="******", sasl.username=u)");
        QTest::newRow("spaced") << QStringLiteral("ssl.key.password: 'abc'")
                                << QStringLiteral(R"(ssl.key.password: "******")");
        QTest::newRow("nothing secret") << QStringLiteral("topic=events partition=3")
                                        << QStringLiteral("topic=events partition=3");
    }
    void maskSecretText()
    {
        QFETCH(QString, text);
        QFETCH(QString, masked);
        QCOMPARE(kmsync::engine::maskSecretText(text), masked);
    }
};

QTEST_GUILESS_MAIN(TestSecretRef)
#include "tst_secretref.moc"
