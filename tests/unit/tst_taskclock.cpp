// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
// The default scheduled time is "now" in the task's time zone, not the machine's: an analyst in Shanghai on a UTC
// machine (or a UTC CI box) who asks for yesterday's window at 01:02 Shanghai time must get yesterday in Shanghai.
#include <QTest>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include "engine/config/taskloader.h"

using namespace kmsync::engine;
using namespace kmsync::engine::config;

class TestTaskClock : public QObject
{
    Q_OBJECT

    // The sample task with its reader's timeZone set to `zone` (removed when empty).
    static TaskConfig sampleIn(const QString &zone)
    {
        QFile file(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        auto task = TaskConfig::fromJsonBytes(file.readAll());
        if (!task)
            return {};
        TaskConfig t = *task;
        t.reader.timeZone = zone.isEmpty() ? std::nullopt : std::optional<QString>(zone);
        return t;
    }

    static QString yesterday(const TaskConfig &task, const QDateTime &now)
    {
        TaskRunOptions options;
        options.now = now;
        options.params = {{QStringLiteral("startTime"), QStringLiteral("$[yyyymmdd-1]000000")}};
        auto resolved = resolveTask(task, QString(), options);
        return resolved ? resolved->paramValues.value(QStringLiteral("startTime")) : resolved.error().message;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The machine runs in UTC, as CI machines and many servers do.
        qputenv("TZ", "UTC");
        QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray("UTC"));
    }

    void defaultIsNowInTheTasksZone()
    {
        // 2026-12-04 17:02 UTC is 2026-12-05 01:02 in Shanghai.
        const QDateTime now(QDate(2026, 12, 4), QTime(17, 2), QTimeZone::utc());
        const TaskConfig shanghai = sampleIn(QStringLiteral("Asia/Shanghai"));
        QCOMPARE(taskTimeZone(shanghai).id(), QByteArray("Asia/Shanghai"));
        QCOMPARE(defaultCyctime(shanghai, now), QDateTime(QDate(2026, 12, 5), QTime(1, 2), QTimeZone::utc()));
        QCOMPARE(yesterday(shanghai, now), QStringLiteral("20261204000000")); // the machine's day would give 20261203
        // An offset zone works as well.
        QCOMPARE(yesterday(sampleIn(QStringLiteral("UTC+08:00")), now), QStringLiteral("20261204000000"));
    }

    void withoutAZoneTheMachinesClock()
    {
        const QDateTime now(QDate(2026, 12, 4), QTime(17, 2), QTimeZone::utc());
        const TaskConfig noZone = sampleIn(QString());
        QCOMPARE(taskTimeZone(noZone).id(), QByteArray("UTC"));
        QCOMPARE(yesterday(noZone, now), QStringLiteral("20261203000000"));
        // A zone that is not one (the validator reports it) or still a ${parameter} falls back to the machine's.
        QCOMPARE(taskTimeZone(sampleIn(QStringLiteral("Mars/Olympus"))).id(), QByteArray("UTC"));
        QCOMPARE(taskTimeZone(sampleIn(QStringLiteral("${zone}"))).id(), QByteArray("UTC"));
    }

    void givenCyctimeWins()
    {
        TaskRunOptions options;
        options.now = QDateTime(QDate(2026, 12, 4), QTime(17, 2), QTimeZone::utc());
        options.cyctime = QDateTime(QDate(2022, 11, 22), QTime(10, 0), QTimeZone::utc());
        options.params = {{QStringLiteral("startTime"), QStringLiteral("$[yyyymmdd-1]000000")}};
        auto resolved = resolveTask(sampleIn(QStringLiteral("Asia/Shanghai")), QString(), options);
        QVERIFY(resolved.ok());
        QCOMPARE(resolved->paramValues.value(QStringLiteral("startTime")), QStringLiteral("20221121000000"));
    }
};

QTEST_GUILESS_MAIN(TestTaskClock)
#include "tst_taskclock.moc"
