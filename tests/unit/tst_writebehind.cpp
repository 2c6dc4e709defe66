// link: kmsync_warehouse
// WriteBehind, the helper that starts the write-out of a growing WAL while a run is still writing it: it waits for
// a file that does not exist yet, keeps one descriptor on it while it runs, stops promptly, closes what it opened,
// and never changes the file's contents.
#include <QTest>

#include <chrono>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "engine/warehouse/writebehind.h"

using namespace kmsync::engine::warehouse;
using namespace std::chrono_literals;

namespace {

// How many of this process's descriptors are open on path.
int descriptorsOn(const QString &path)
{
    const QString target = QFileInfo(path).canonicalFilePath();
    if (target.isEmpty())
        return 0;
    int n = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : fds.entryList(QDir::Files | QDir::System)) {
        if (QFileInfo(fds.filePath(fd)).symLinkTarget() == target)
            ++n;
    }
    return n;
}

} // namespace

class TestWriteBehind : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsAFileThatAppearsLater()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("run.db-wal"));
        WriteBehind behind(path, 5ms);
        QTest::qWait(30); // no file yet: nothing to open, nothing fails
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray chunk(1 << 20, 'w');
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(file.write(chunk), qint64(chunk.size()));
            QVERIFY(file.flush());
            QTest::qWait(5);
        }
        QTRY_COMPARE_WITH_TIMEOUT(descriptorsOn(path), 2, 2000); // ours and the helper's
        QElapsedTimer timer;
        timer.start();
        behind.stop();
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(descriptorsOn(path), 1); // the helper closed its own
        behind.stop();                    // idempotent
        file.close();
        QFile back(path);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.size(), qint64(8 * chunk.size()));
        QCOMPARE(back.read(chunk.size()), chunk);
    }

    void destructorStops()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("f"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        {
            WriteBehind behind(path, 1ms);
            QTRY_COMPARE_WITH_TIMEOUT(descriptorsOn(path), 2, 2000);
        }
        QCOMPARE(descriptorsOn(path), 1);
    }
};

QTEST_GUILESS_MAIN(TestWriteBehind)
#include "tst_writebehind.moc"
