// link: kmsync_widgets kmsync_engine
// Screenshots' text never shows a secret. A workspace's datasources hold a random planted value as the odps
// accessKey and the Kafka sasl.password of the datasources the task uses, once in clear text, once as
// ${env:PLANTED} and once in the (fake) desktop keychain, which answers with the planted value when an action asks.
// `kmsync --screenshot` (MainWindow::renderScreenshots) renders every page and dialog; each PNG gets a .txt with all
// the text a user could read on it (visibleText()). No .txt, and no PNG's raw bytes, may hold the value as is,
// base64- or percent-encoded.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include "engine/config/secretref.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/datasources/secretstore.h"

using namespace kmsync;

namespace {

class FakeSecretStore final : public ui::SecretStore
{
public:
    QMap<QString, QString> values;

    void read(const QString &key, ReadDone done) override
    {
        QTimer::singleShot(0, qApp, [this, key, done] {
            if (values.contains(key))
                done(values.value(key));
            else
                done(engine::makeError(QStringLiteral("keychain.error"), QStringLiteral("entry not found")));
        });
    }
    void write(const QString &key, const QString &secret, WriteDone done) override
    {
        values.insert(key, secret);
        QTimer::singleShot(0, qApp, [done] { done({}); });
    }
    void remove(const QString &key, WriteDone done) override
    {
        values.remove(key);
        QTimer::singleShot(0, qApp, [done] { done({}); });
    }
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSecretsScreenshots final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_planted;

    QList<QByteArray> forms() const
    {
        return {m_planted, m_planted.toBase64(), QUrl::toPercentEncoding(QString::fromLatin1(m_planted))};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_planted = QByteArrayLiteral("Pl4nted-") + QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                  + QByteArrayLiteral("-s3cr3t");
        qputenv("PLANTED", m_planted);
    }
    void cleanupTestCase() { qunsetenv("PLANTED"); }

    void screenshotsShowNoSecret_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("clear") << QStringLiteral("clear");
        QTest::newRow("env") << QStringLiteral("env");
        QTest::newRow("keychain") << QStringLiteral("keychain");
    }
    void screenshotsShowNoSecret()
    {
        QFETCH(QString, mode);
        const QString workspace = m_dir.filePath(mode);
        QVERIFY(QDir().mkpath(workspace));
        const QString dsFile = workspace + QStringLiteral("/datasources.json");
        auto store = std::make_shared<FakeSecretStore>();
        const auto secretForm = [&](const QString &datasource, const QString &property) {
            if (mode == QLatin1String("clear"))
                return QString::fromLatin1(m_planted);
            if (mode == QLatin1String("env"))
                return QStringLiteral("${env:PLANTED}");
            const QString key = engine::config::keychainEntryKey(dsFile, datasource, QStringLiteral("connection"),
                                                                 property);
            store->values.insert(key, QString::fromLatin1(m_planted));
            return engine::config::keychainReference(key);
        };
        // Nothing listens on port 1: listings and tests fail fast, and their messages are on screen too.
        const QJsonObject datasources{
            {QStringLiteral("kafka_secured"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                         {QStringLiteral("connection"),
                          QJsonObject{{QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:1")},
                                      {QStringLiteral("security.protocol"), QStringLiteral("SASL_PLAINTEXT")},
                                      {QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")},
                                      {QStringLiteral("sasl.username"), QStringLiteral("kmsync")},
                                      {QStringLiteral("sasl.password"),
                                       secretForm(QStringLiteral("kafka_secured"),
                                                  QStringLiteral("sasl.password"))}}}}},
            {QStringLiteral("odps_planted"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")},
                         {QStringLiteral("connection"),
                          QJsonObject{{QStringLiteral("endpoint"), QStringLiteral("http://127.0.0.1:1/api")},
                                      {QStringLiteral("project"), QStringLiteral("planted_project")},
                                      {QStringLiteral("accessId"), QStringLiteral("LTAIplanted")},
                                      {QStringLiteral("accessKey"),
                                       secretForm(QStringLiteral("odps_planted"), QStringLiteral("accessKey"))}}}}}};
        QFile ds(dsFile);
        QVERIFY(ds.open(QIODevice::WriteOnly));
        ds.write(QJsonDocument(QJsonObject{{QStringLiteral("datasources"), datasources}}).toJson());
        ds.close();
        // The sample task, reading from and writing to the datasources with the planted secret.
        QByteArray task = readFile(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
        QVERIFY(!task.isEmpty());
        task.replace("\"sandbox_kafka\"", "\"kafka_secured\"").replace("\"local_wh\"", "\"odps_planted\"");
        const QString taskFile = workspace + QStringLiteral("/task.json");
        QFile t(taskFile);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(task);
        t.close();

        const auto loaded = engine::config::Datasources::load(dsFile, QStringLiteral("dev"));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
        const QString shots = workspace + QStringLiteral("/shots");
        QStringList files;
        {
            ui::MainWindow window;
            window.setSecretAccess(ui::SecretAccess::forStore(store));
            QVERIFY(window.openFile(taskFile)); // read on a worker; renderScreenshots() waits for it
            files = window.renderScreenshots(shots);
            QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
        }
        QVERIFY(files.size() >= 10);
        for (const QString &png : files) {
            const QFileInfo info(png);
            const QString txt = info.absolutePath() + u'/' + info.completeBaseName() + QStringLiteral(".txt");
            QVERIFY2(QFile::exists(txt), qPrintable(txt + QStringLiteral(" was not written beside the screenshot")));
            const QByteArray text = readFile(txt);
            QVERIFY2(!text.trimmed().isEmpty(), qPrintable(txt));
            for (const QByteArray &form : forms()) {
                QVERIFY2(!text.contains(form),
                         qPrintable(
                             QStringLiteral("%1 shows the planted secret:\n%2").arg(txt, QString::fromUtf8(text))));
                QVERIFY2(!readFile(png).contains(form), qPrintable(png));
            }
        }
        // The text dumps do cover the datasources: names, the masked value or the reference, the secrets box.
        const QByteArray datasourcesText = readFile(shots + QStringLiteral("/dialog-datasources.txt"));
        QVERIFY2(datasourcesText.contains("odps_planted") && datasourcesText.contains("kafka_secured"),
                 datasourcesText.constData());
        QVERIFY2(datasourcesText.contains("LTAIplanted"), datasourcesText.constData());
        QVERIFY2(datasourcesText.contains(mode == QLatin1String("keychain") ? "${keychain:" : "******"),
                 datasourcesText.constData());
        QVERIFY2(datasourcesText.contains("Keep in the desktop keychain"), datasourcesText.constData());
        QVERIFY2(readFile(shots + QStringLiteral("/page-source.txt")).contains("kafka_secured"),
                 readFile(shots + QStringLiteral("/page-source.txt")).constData());
    }
};

QTEST_MAIN(TestSecretsScreenshots)
#include "tst_secrets_screenshots.moc"
