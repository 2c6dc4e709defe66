// link: kmsync_widgets kmsync_engine
// The real desktop keychain: QtKeychainStore and KeychainSecretLookup against a Secret Service, namely a
// gnome-keyring-daemon (--components=secrets, unlocked with a throwaway password) on a private D-Bus session from
// dbus-run-session, with HOME in a temporary folder. The test runs itself again inside that session
// (KMSYNC_KEYRING_CHILD=1), where it stores an entry, reads it back directly and through a worker-thread lookup
// resolving a datasources file's ${keychain:KEY}, deletes it and sees it gone. Skips only when dbus-run-session or
// gnome-keyring-daemon is not installed (Debian packages dbus and gnome-keyring).
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/config/datasources.h"
#include "engine/config/secretref.h"
#include "widgets/datasources/secretstore.h"

using namespace kmsync;

namespace {

// Waits (with a running event loop, as QtKeychain's jobs need) for one asynchronous store call.
template <typename Result, typename Start>
std::optional<Result> await(Start start)
{
    std::optional<Result> out;
    QEventLoop loop;
    start([&](const Result &result) {
        out = result;
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out;
}

} // namespace

class TestKeychainSecretService final : public QObject
{
    Q_OBJECT

    static bool isChild() { return qEnvironmentVariable("KMSYNC_KEYRING_CHILD") == QLatin1String("1"); }

private Q_SLOTS:
    // Outside the session: start one and run the child in it.
    void secretServiceRoundTrip()
    {
        if (isChild())
            QSKIP("the child runs realStore() only");
        const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
        const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        if (dbus.isEmpty() || keyring.isEmpty())
            QSKIP("needs dbus-run-session and gnome-keyring-daemon (Debian packages dbus and gnome-keyring)");
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KMSYNC_KEYRING_CHILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("XDG_CURRENT_DESKTOP"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        // The daemon reads the keyring password from stdin and daemonizes; then the test binary runs in the session.
        child.start(dbus, {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                           QStringLiteral("printf kmsync-test | \"$1\" --unlock --components=secrets >/dev/null && "
                                          "exec \"$0\" realStore"),
                           QCoreApplication::applicationFilePath(), keyring});
        QVERIFY(child.waitForStarted(10000));
        QVERIFY2(child.waitForFinished(120000), "the keyring session did not finish in 120 s");
        const QByteArray output = child.readAll();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("PASS   : TestKeychainSecretService::realStore()"), output.constData());
    }

    // Inside the session: the real QtKeychain backend.
    void realStore()
    {
        if (!isChild())
            QSKIP("runs inside the D-Bus session that secretServiceRoundTrip() starts");
        const QString planted = QStringLiteral("Pl4nted-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
        const QString key = engine::config::keychainEntryKey(QStringLiteral("/w/datasources.json"),
                                                             QStringLiteral("mc"), QStringLiteral("connection"),
                                                             QStringLiteral("accessKey"));
        auto store = std::make_shared<ui::QtKeychainStore>();

        const auto written = await<engine::Result<void>>([&](auto done) { store->write(key, planted, done); });
        QVERIFY(written);
        QVERIFY2(written->ok(), written->ok() ? "" : qPrintable(written->error().message));
        const auto read = await<engine::Result<QString>>([&](auto done) { store->read(key, done); });
        QVERIFY(read);
        QVERIFY2(read->ok(), read->ok() ? "" : qPrintable(read->error().message));
        QCOMPARE(read->value(), planted);

        // An action on a worker thread resolves the datasource through the lookup, which reads the keychain on the
        // GUI (here: main) thread; nobody is asked.
        const ui::SecretAccess secrets = ui::SecretAccess::forStore(store);
        const QJsonObject json{
            {QStringLiteral("datasources"),
             QJsonObject{
                 {QStringLiteral("mc"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")},
                              {QStringLiteral("connection"),
                               QJsonObject{{QStringLiteral("endpoint"), QStringLiteral("http://mc/api")},
                                           {QStringLiteral("project"), QStringLiteral("p")},
                                           {QStringLiteral("accessId"), QStringLiteral("id")},
                                           {QStringLiteral("accessKey"), engine::config::keychainReference(key)}}}}}}}};
        const auto datasources = engine::config::Datasources::fromJson(json, QStringLiteral("dev"),
                                                                       QStringLiteral("/w"));
        QVERIFY(datasources.ok());
        QFuture<QString> resolved = QtConcurrent::run(
            [datasources = *datasources, prompter = secrets.prompter]() -> QString {
                const engine::StopToken stop;
                const auto with = ui::withSecrets(prompter.get(), datasources, {QStringLiteral("mc")}, stop);
                if (!with)
                    return QStringLiteral("error: ") + with.error().message;
                return with->find(QStringLiteral("mc"))->connection.value(QStringLiteral("accessKey")).toString();
            });
        QTRY_VERIFY_WITH_TIMEOUT(resolved.isFinished(), 20000);
        QCOMPARE(resolved.result(), planted);

        const auto removed = await<engine::Result<void>>([&](auto done) { store->remove(key, done); });
        QVERIFY(removed && removed->ok());
        const auto gone = await<engine::Result<QString>>([&](auto done) { store->read(key, done); });
        QVERIFY(gone);
        QVERIFY(!gone->ok());
        QVERIFY2(!gone->ok() && gone->error().message.contains(QStringLiteral("desktop keychain")),
                 qPrintable(gone->error().message));
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretService)
#include "tst_keychain_secretservice.moc"
