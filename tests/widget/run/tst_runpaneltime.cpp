// link: kmsync_widgets kmsync_engine
// The Run panel's default scheduled time is the cycle's latest one in the task's time zone, and the panel names the
// zone: on a UTC machine, an hourly task that reads in Asia/Shanghai defaults to the Shanghai hour, eight hours
// after the UTC one (as kmsync-cli's default, tst_taskclock).
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "tests/widget/mainwindowio.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/run/runpanel.h"

using namespace kmsync::ui;

class TestRunPanelTime : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The sample task, hourly, its reader in `zone`.
    QString writeTask(const QString &name, const QString &zone)
    {
        QFile sample(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
        if (!sample.open(QIODevice::ReadOnly))
            return {};
        QJsonObject task = QJsonDocument::fromJson(sample.readAll()).object();
        QJsonArray steps = task.value(QStringLiteral("steps")).toArray();
        QJsonObject reader = steps.at(0).toObject();
        QJsonObject parameter = reader.value(QStringLiteral("parameter")).toObject();
        parameter.insert(QStringLiteral("timeZone"), zone);
        reader.insert(QStringLiteral("parameter"), parameter);
        steps[0] = reader;
        task.insert(QStringLiteral("steps"), steps);
        QJsonObject kmsync = task.value(QStringLiteral("kmsync")).toObject();
        kmsync.insert(QStringLiteral("schedule"), QJsonObject{{QStringLiteral("cycle"), QStringLiteral("hour")},
                                                              {QStringLiteral("interval"), 1},
                                                              {QStringLiteral("startAt"), QStringLiteral("00:00")},
                                                              {QStringLiteral("endAt"), QStringLiteral("23:59")},
                                                              {QStringLiteral("parameters"), QString()}});
        task.insert(QStringLiteral("kmsync"), kmsync);
        const QString path = m_dir.filePath(name);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(QJsonDocument(task).toJson());
        QFile::copy(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json"),
                    m_dir.filePath(QStringLiteral("datasources.json")));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TZ", "UTC"); // the machine's zone
        QVERIFY(m_dir.isValid());
    }

    void defaultIsTheTasksHour()
    {
        const QString shanghaiTask = writeTask(QStringLiteral("shanghai.json"), QStringLiteral("Asia/Shanghai"));
        const QString utcTask = writeTask(QStringLiteral("utc.json"), QStringLiteral("UTC"));
        MainWindow window;
        QDateTime shanghai;
        QDateTime utc;
        // Retried if an hour ends between the two opens.
        for (int attempt = 0; attempt < 3; ++attempt) {
            const int hourBefore = QDateTime::currentDateTimeUtc().time().hour();
            QVERIFY(test::openAndWait(window, shanghaiTask));
            shanghai = window.runPanel()->cyctime();
            QCOMPARE(window.runPanel()->cyctimeZone(), QStringLiteral("Asia/Shanghai"));
            QVERIFY(test::openAndWait(window, utcTask));
            utc = window.runPanel()->cyctime();
            QCOMPARE(window.runPanel()->cyctimeZone(), QStringLiteral("UTC"));
            if (QDateTime::currentDateTimeUtc().time().hour() == hourBefore)
                break;
        }
        // Wall-clock times, compared as such: the Shanghai default is eight hours after the UTC one.
        const QDateTime a(shanghai.date(), shanghai.time(), QTimeZone::utc());
        const QDateTime b(utc.date(), utc.time(), QTimeZone::utc());
        QCOMPARE(b.secsTo(a), qint64(8 * 3600));
        QCOMPARE(utc.time().minute(), 0);
        QVERIFY(
            window.runPanel()->findChild<QLabel *>(QStringLiteral("cyctimeZoneLabel"))->isVisibleTo(window.runPanel()));
    }
};

QTEST_MAIN(TestRunPanelTime)
#include "tst_runpaneltime.moc"
