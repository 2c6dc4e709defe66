// link: kmsync_widgets kmsync_engine
// The GUI's desktop-keychain secrets with a fake SecretStore: the datasource dialog stores a kept secret in the
// store and writes only the ${keychain:KEY} reference to datasources.json (and moves it back on request); an action
// (here Test connection) reads the store on its worker thread; when the store cannot answer, a masked prompt naming
// datasource and property appears, its answer is used for that action only and written nowhere, and cancelling it
// cancels the action with a message saying so.
#include <atomic>

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include "engine/config/secretref.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/datasources/secretprompt.h"
#include "widgets/datasources/secretstore.h"
#include "widgets/common/visibletext.h"

using namespace kmsync;
using engine::config::Datasources;
using ui::ConnectionCheck;
using ui::DatasourceDialog;

namespace {

// Answers on the GUI thread from the event loop, like QtKeychain's jobs; `available` false is a keychain that
// is not there (no Secret Service), so reads and writes fail.
class FakeSecretStore final : public ui::SecretStore
{
public:
    QMap<QString, QString> values;
    bool available = true;
    int reads = 0;

    void read(const QString &key, ReadDone done) override
    {
        ++reads;
        QTimer::singleShot(0, qApp, [this, key, done] {
            if (!available)
                done(engine::makeError(QStringLiteral("keychain.error"),
                                       QStringLiteral("the Secret Service is not running")));
            else if (!values.contains(key))
                done(engine::makeError(QStringLiteral("keychain.error"), QStringLiteral("entry not found")));
            else
                done(values.value(key));
        });
    }
    void write(const QString &key, const QString &secret, WriteDone done) override
    {
        QTimer::singleShot(0, qApp, [this, key, secret, done] {
            if (!available)
                return done(engine::makeError(QStringLiteral("keychain.error"),
                                              QStringLiteral("the Secret Service is not running")));
            values.insert(key, secret);
            done({});
        });
    }
    void remove(const QString &key, WriteDone done) override
    {
        QTimer::singleShot(0, qApp, [this, key, done] {
            values.remove(key);
            done({});
        });
    }
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ui::SecretPrompt *visiblePrompt()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *prompt = qobject_cast<ui::SecretPrompt *>(w); prompt && prompt->isVisible())
            return prompt;
    }
    return nullptr;
}

} // namespace

class TestKeychain final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_planted;
    std::shared_ptr<FakeSecretStore> m_store;
    ui::SecretAccess m_secrets; // over m_store, handed to each dialog

    // datasources.json with "mc" (odps) whose accessKey is `accessKey`, and a local "wh".
    QString writeWorkspace(const QString &name, const QString &accessKey)
    {
        const QString file = m_dir.filePath(name + QStringLiteral("/datasources.json"));
        QDir().mkpath(m_dir.filePath(name));
        const QJsonObject json{
            {QStringLiteral("datasources"),
             QJsonObject{{QStringLiteral("mc"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")},
                                      {QStringLiteral("connection"),
                                       QJsonObject{{QStringLiteral("endpoint"),
                                                    QStringLiteral("http://127.0.0.1:1/api")},
                                                   {QStringLiteral("project"), QStringLiteral("p")},
                                                   {QStringLiteral("accessId"), QStringLiteral("LTAIid")},
                                                   {QStringLiteral("accessKey"), accessKey}}}}},
                         {QStringLiteral("wh"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                      {QStringLiteral("connection"),
                                       QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}}}}}};
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QJsonDocument(json).toJson());
        return file;
    }

    QString keyFor(const QString &file) const
    {
        return engine::config::keychainEntryKey(file, QStringLiteral("mc"), QStringLiteral("connection"),
                                                QStringLiteral("accessKey"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_planted = QStringLiteral("Pl4nted-%1-s3cr3t").arg(QRandomGenerator::global()->generate64(), 0, 16);
    }
    void init()
    {
        m_store = std::make_shared<FakeSecretStore>();
        m_secrets = ui::SecretAccess::forStore(m_store);
    }
    void cleanup()
    {
        m_secrets = {};
        m_store.reset();
    }

    void dialogKeepsSecretInKeychain()
    {
        const QString file = writeWorkspace(QStringLiteral("keep"), QStringLiteral("old-clear-value"));
        auto loaded = Datasources::load(file, QStringLiteral("dev"));
        QVERIFY(loaded.ok());
        DatasourceDialog dialog(*loaded);
        dialog.setSecretAccess(m_secrets);
        dialog.show();
        QVERIFY(dialog.selectDatasource(QStringLiteral("mc")));
        auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("secret_connection_accessKey"));
        auto *keep = dialog.findChild<QCheckBox *>(QStringLiteral("keep_connection_accessKey"));
        QVERIFY(edit && keep);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QVERIFY(!keep->isChecked());
        QTest::keyClicks(edit, m_planted);
        keep->setChecked(true);
        QSignalSpy saved(&dialog, &DatasourceDialog::secretsSaved);
        dialog.findChild<QPushButton *>(QStringLiteral("saveSecretsButton"))->click();
        QVERIFY(saved.wait(5000));

        QCOMPARE(m_store->values.value(keyFor(file)), m_planted);
        const QByteArray bytes = readFile(file);
        QVERIFY2(bytes.contains(engine::config::keychainReference(keyFor(file)).toUtf8()), bytes.constData());
        QVERIFY2(!bytes.contains(m_planted.toUtf8()), bytes.constData());
        QVERIFY(!bytes.contains("old-clear-value"));
        QVERIFY2(!ui::visibleText(&dialog).contains(m_planted), qPrintable(ui::visibleText(&dialog)));
        // The saved set reached the signal's receivers with the reference.
        const auto reported = saved.first().first().value<Datasources>();
        QCOMPARE(reported.rawEntry(QStringLiteral("mc"))
                     ->value(QStringLiteral("connection"))
                     .toObject()
                     .value(QStringLiteral("accessKey"))
                     .toString(),
                 engine::config::keychainReference(keyFor(file)));

        // Back into the file: uncheck and type; the keychain entry goes away.
        edit = dialog.findChild<QLineEdit *>(QStringLiteral("secret_connection_accessKey"));
        keep = dialog.findChild<QCheckBox *>(QStringLiteral("keep_connection_accessKey"));
        QVERIFY(keep->isChecked());
        keep->setChecked(false);
        dialog.findChild<QPushButton *>(QStringLiteral("saveSecretsButton"))->click();
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("secretsStatusLabel"))
                    ->text()
                    .contains(QStringLiteral("type the secret")));
        QTest::keyClicks(edit, QStringLiteral("new-clear-value"));
        dialog.findChild<QPushButton *>(QStringLiteral("saveSecretsButton"))->click();
        QVERIFY(saved.wait(5000) || saved.size() == 2);
        QVERIFY(readFile(file).contains("new-clear-value"));
        QTRY_VERIFY(!m_store->values.contains(keyFor(file)));
    }

    // A clear-text secret already in the file moves into the keychain by ticking the box alone.
    void dialogMovesClearTextIntoKeychain()
    {
        const QString file = writeWorkspace(QStringLiteral("move"), m_planted);
        auto loaded = Datasources::load(file, QStringLiteral("dev"));
        QVERIFY(loaded.ok());
        DatasourceDialog dialog(*loaded);
        dialog.setSecretAccess(m_secrets);
        QVERIFY(dialog.selectDatasource(QStringLiteral("mc")));
        dialog.findChild<QCheckBox *>(QStringLiteral("keep_connection_accessKey"))->setChecked(true);
        QSignalSpy saved(&dialog, &DatasourceDialog::secretsSaved);
        dialog.saveSecrets();
        QVERIFY(saved.wait(5000));
        QCOMPARE(m_store->values.value(keyFor(file)), m_planted);
        QVERIFY(!readFile(file).contains(m_planted.toUtf8()));
    }

    void unavailableKeychainFailsSaveAndKeepsFile()
    {
        const QString file = writeWorkspace(QStringLiteral("nostore"), QStringLiteral("old-clear-value"));
        const QByteArray before = readFile(file);
        m_store->available = false;
        auto loaded = Datasources::load(file, QStringLiteral("dev"));
        QVERIFY(loaded.ok());
        DatasourceDialog dialog(*loaded);
        dialog.setSecretAccess(m_secrets);
        QVERIFY(dialog.selectDatasource(QStringLiteral("mc")));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("secret_connection_accessKey")), m_planted);
        dialog.findChild<QCheckBox *>(QStringLiteral("keep_connection_accessKey"))->setChecked(true);
        QSignalSpy failed(&dialog, &DatasourceDialog::secretsFailed);
        dialog.saveSecrets();
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("Secret Service is not running")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(readFile(file), before);
    }

    // The store answers: the action gets the value on its worker thread, and nobody is asked.
    void actionReadsKeychain()
    {
        const QString file = writeWorkspace(QStringLiteral("read"), QString());
        m_store->values.insert(keyFor(file), m_planted);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray json = f.readAll().replace("\"accessKey\": \"\"",
                                              "\"accessKey\": \""
                                                  + engine::config::keychainReference(keyFor(file)).toUtf8() + '"');
        f.resize(0);
        f.write(json);
        f.close();
        auto loaded = Datasources::load(file, QStringLiteral("dev"));
        QVERIFY(loaded.ok());
        QVERIFY(!loaded->find(QStringLiteral("mc"))); // nothing read while loading
        DatasourceDialog dialog(*loaded);
        dialog.setSecretAccess(m_secrets);
        QString seen;
        QMutex mutex;
        dialog.setConnectionTester([&](const engine::config::Datasource &ds, const engine::StopToken &) {
            const QMutexLocker lock(&mutex);
            seen = ds.connection.value(QStringLiteral("accessKey")).toString();
            return ConnectionCheck{true, ds.toDisplayString()};
        });
        QVERIFY(dialog.selectDatasource(QStringLiteral("mc")));
        QSignalSpy tested(&dialog, &DatasourceDialog::connectionTested);
        dialog.testSelected();
        QVERIFY(tested.wait(5000));
        QCOMPARE(seen, m_planted);
        QCOMPARE(m_store->reads, 1);
        QVERIFY(!visiblePrompt());
        const QString shown = tested.first().first().value<ConnectionCheck>().message;
        QVERIFY2(shown.contains(QStringLiteral("${keychain:")) && !shown.contains(m_planted), qPrintable(shown));
    }

    void unavailableKeychainPrompts_data()
    {
        QTest::addColumn<bool>("answer");
        QTest::newRow("answered") << true;
        QTest::newRow("cancelled") << false;
    }
    void unavailableKeychainPrompts()
    {
        QFETCH(bool, answer);
        const QString file = writeWorkspace(QStringLiteral("prompt"), QStringLiteral("${keychain:gone}"));
        const QByteArray before = readFile(file);
        m_store->available = false;
        auto loaded = Datasources::load(file, QStringLiteral("dev"));
        QVERIFY(loaded.ok());
        DatasourceDialog dialog(*loaded);
        dialog.setSecretAccess(m_secrets);
        dialog.show();
        int calls = 0;
        QString seen;
        QMutex mutex;
        dialog.setConnectionTester([&](const engine::config::Datasource &ds, const engine::StopToken &) {
            const QMutexLocker lock(&mutex);
            ++calls;
            seen = ds.connection.value(QStringLiteral("accessKey")).toString();
            return ConnectionCheck{true, QStringLiteral("ok")};
        });
        QVERIFY(dialog.selectDatasource(QStringLiteral("mc")));
        QSignalSpy tested(&dialog, &DatasourceDialog::connectionTested);
        dialog.testSelected();
        QTRY_VERIFY_WITH_TIMEOUT(visiblePrompt(), 5000);
        ui::SecretPrompt *prompt = visiblePrompt();
        const QString text = ui::visibleText(prompt);
        QVERIFY2(text.contains(QStringLiteral("\"mc\"")) && text.contains(QStringLiteral("accessKey"))
                     && text.contains(QStringLiteral("Secret Service is not running")),
                 qPrintable(text));
        auto *edit = prompt->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
        QVERIFY(edit);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QTest::keyClicks(edit, m_planted);
        QVERIFY2(!ui::visibleText(prompt).contains(m_planted), "the prompt shows the typed secret");
        if (answer)
            prompt->accept();
        else
            prompt->reject();
        QVERIFY(tested.wait(5000));
        const auto check = tested.first().first().value<ConnectionCheck>();
        if (answer) {
            QVERIFY(check.ok);
            QCOMPARE(seen, m_planted);
        } else {
            QVERIFY(!check.ok);
            QCOMPARE(calls, 0);
            QVERIFY2(check.message.contains(QStringLiteral("datasource \"mc\" property \"accessKey\""))
                         && check.message.contains(QStringLiteral("cancelled")),
                     qPrintable(check.message));
        }
        // Used, never kept: not in the store, not in the file; the next action asks again.
        QVERIFY(m_store->values.isEmpty());
        QCOMPARE(readFile(file), before);
        QVERIFY(!ui::visibleText(&dialog).contains(m_planted));
        if (answer) {
            tested.clear();
            dialog.testSelected();
            QTRY_VERIFY_WITH_TIMEOUT(visiblePrompt(), 5000);
            visiblePrompt()->reject();
            QVERIFY(tested.wait(5000));
            QVERIFY(!tested.first().first().value<ConnectionCheck>().ok);
        }
    }

    // Closing the dialog while its test waits for the prompt stops the test: the worker stops waiting for the
    // answer and the prompt closes, and nothing runs with a secret.
    void stoppedActionClosesPrompt()
    {
        const QString file = writeWorkspace(QStringLiteral("stop"), QStringLiteral("${keychain:gone}"));
        m_store->available = false;
        auto loaded = Datasources::load(file, QStringLiteral("dev"));
        QVERIFY(loaded.ok());
        auto *dialog = new DatasourceDialog(*loaded);
        dialog->setSecretAccess(m_secrets);
        dialog->show();
        std::atomic<int> calls = 0;
        dialog->setConnectionTester([&calls](const engine::config::Datasource &, const engine::StopToken &) {
            ++calls;
            return ConnectionCheck{true, QStringLiteral("ok")};
        });
        QVERIFY(dialog->selectDatasource(QStringLiteral("mc")));
        dialog->testSelected();
        QTRY_VERIFY_WITH_TIMEOUT(visiblePrompt(), 5000);
        QElapsedTimer sinceClose;
        sinceClose.start();
        delete dialog;
        QTRY_VERIFY_WITH_TIMEOUT(!visiblePrompt(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount(), 0, 5000);
        qInfo("the prompt closed and the worker ended %lld ms after the dialog", sinceClose.elapsed());
        QVERIFY(sinceClose.elapsed() < 1000);
        QCOMPARE(calls.load(), 0);
    }
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
