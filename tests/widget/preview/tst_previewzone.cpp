// link: kmsync_widgets kmsync_engine
// On a machine in UTC, the preview dialog of a task that reads in Asia/Shanghai shows its begin/end pickers in
// Shanghai time, names the zone next to them, and reads what is entered there as Shanghai time.
#include <ctime>

#include <QApplication>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include "engine/config/taskconfig.h"
#include "widgets/preview/messagepreviewdialog.h"

using kmsync::ui::MessagePreviewDialog;
using kmsync::ui::PreviewOutcome;
using kmsync::ui::PreviewRequest;
using kmsync::ui::RunRequest;

namespace {

const QString kFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

RunRequest sampleTask()
{
    QFile file(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
    RunRequest request;
    if (!file.open(QIODevice::ReadOnly))
        return request;
    auto config = kmsync::engine::config::TaskConfig::fromJsonBytes(file.readAll());
    if (config.ok())
        request.config = *config;
    request.taskPath = file.fileName();
    return request;
}

} // namespace

class TestPreviewZone : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pickersShowTheTaskZone();
    void enteredTimesAreTheTaskZone();
    void anotherTaskKeepsTheInstants();
};

void TestPreviewZone::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCOMPARE(QTimeZone::systemTimeZone().offsetFromUtc(QDateTime::currentDateTimeUtc()), 0);
    QCOMPARE(sampleTask().config.reader.timeZone.value_or(QString()), QStringLiteral("Asia/Shanghai"));
}

// The default range (the last hour) as the task's clock reads it, the zone named.
void TestPreviewZone::pickersShowTheTaskZone()
{
    MessagePreviewDialog dialog(sampleTask());
    auto *begin = dialog.findChild<QDateTimeEdit *>(QStringLiteral("beginEdit"));
    auto *end = dialog.findChild<QDateTimeEdit *>(QStringLiteral("endEdit"));
    auto *zone = dialog.findChild<QLabel *>(QStringLiteral("rangeZoneLabel"));
    QVERIFY(begin && end && zone);
    QCOMPARE(zone->text(), QStringLiteral("Asia/Shanghai"));
    const QDateTime shanghaiNow = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Asia/Shanghai"));
    const QDateTime shownEnd = QDateTime::fromString(end->text(), kFormat);
    const QDateTime shownBegin = QDateTime::fromString(begin->text(), kFormat);
    QVERIFY2(shownEnd.isValid() && shownBegin.isValid(), qPrintable(end->text()));
    const QDateTime wallNow(shanghaiNow.date(), shanghaiNow.time());
    QVERIFY2(qAbs(shownEnd.secsTo(wallNow)) < 10,
             qPrintable(end->text() + QStringLiteral(" vs ") + wallNow.toString()));
    QCOMPARE(shownBegin.secsTo(shownEnd), 3600);
    // Unchanged, the request is the last hour.
    dialog.setRange(PreviewRequest::Range::TimeRange);
    const PreviewRequest request = dialog.request();
    QVERIFY(qAbs(request.end.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch()) < 10000);
    QCOMPARE(request.begin.secsTo(request.end), 3600);
}

// 10:00 to 11:00 typed into the pickers is 10:00 to 11:00 in Shanghai (02:00 to 03:00 UTC), in the window the
// fetch asks for.
void TestPreviewZone::enteredTimesAreTheTaskZone()
{
    MessagePreviewDialog dialog(sampleTask());
    PreviewRequest asked;
    dialog.setFetcher([&asked](const PreviewRequest &request, const kmsync::engine::StopToken &) {
        asked = request;
        return PreviewOutcome{QStringLiteral("not fetched in this test"), {}};
    });
    dialog.setRange(PreviewRequest::Range::TimeRange);
    auto *begin = dialog.findChild<QDateTimeEdit *>(QStringLiteral("beginEdit"));
    auto *end = dialog.findChild<QDateTimeEdit *>(QStringLiteral("endEdit"));
    begin->setDate(QDate(2026, 12, 5));
    begin->setTime(QTime(10, 0));
    end->setDate(QDate(2026, 12, 5));
    end->setTime(QTime(11, 0));
    QSignalSpy fetched(&dialog, &MessagePreviewDialog::fetched);
    dialog.fetch();
    QVERIFY(fetched.wait(10000));
    QCOMPARE(asked.range, PreviewRequest::Range::TimeRange);
    QCOMPARE(asked.begin.toUTC(), QDateTime(QDate(2026, 12, 5), QTime(2, 0), QTimeZone::utc()));
    QCOMPARE(asked.end.toUTC(), QDateTime(QDate(2026, 12, 5), QTime(3, 0), QTimeZone::utc()));

    // And a range set from instants shows them on the task's clock.
    dialog.setTimeRange(QDateTime(QDate(2026, 7, 1), QTime(16, 30), QTimeZone::utc()),
                        QDateTime(QDate(2026, 7, 1), QTime(17, 30), QTimeZone::utc()));
    QCOMPARE(begin->text(), QStringLiteral("2026-07-02 00:30:00"));
    QCOMPARE(end->text(), QStringLiteral("2026-07-02 01:30:00"));
}

// The task's zone changes (another task, or its timeZone edited): the same instants, on the new clock.
void TestPreviewZone::anotherTaskKeepsTheInstants()
{
    MessagePreviewDialog dialog(sampleTask());
    const QDateTime from(QDate(2026, 12, 5), QTime(2, 0), QTimeZone::utc());
    dialog.setTimeRange(from, from.addSecs(3600));
    RunRequest berlin = sampleTask();
    berlin.config.reader.timeZone = QStringLiteral("Europe/Berlin");
    dialog.setTask(berlin);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("rangeZoneLabel"))->text(), QStringLiteral("Europe/Berlin"));
    QCOMPARE(dialog.findChild<QDateTimeEdit *>(QStringLiteral("beginEdit"))->text(),
             QStringLiteral("2026-12-05 03:00:00"));
    QCOMPARE(dialog.rangeBegin().toUTC(), from);
    QCOMPARE(dialog.rangeEnd().toUTC(), from.addSecs(3600));
}

// The machine's clock is UTC, set before anything reads the system time zone.
int main(int argc, char *argv[])
{
    qputenv("TZ", "UTC");
    tzset();
    QApplication app(argc, argv);
    TestPreviewZone test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_previewzone.moc"
