// link: kmsync_widgets kmsync_engine
// While a failed attempt waits to run again, the Run panel counts down to the next attempt (shown in the task's
// time zone) and offers "Rerun now" and Cancel; the controller starts the next attempt at once or ends the run.
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/widget/unreachabletask.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"

using kmsync::engine::RunSummary;
using kmsync::ui::RunController;
using kmsync::ui::RunPanel;
using kmsync::ui::RunRequest;
using kmsync::ui::test::unreachableTask;

class TestRunRerun final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The panel alone: the countdown ticks, names the next attempt and its time, and its buttons ask for a rerun
    // now or a cancel; the next attempt or the end of the run hides it.
    void panelCountsDown()
    {
        RunPanel panel;
        panel.show();
        QSignalSpy rerunNow(&panel, &RunPanel::rerunNowRequested);
        QSignalSpy cancel(&panel, &RunPanel::cancelRequested);
        auto *box = panel.findChild<QWidget *>(QStringLiteral("rerunBox"));
        auto *nowButton = panel.findChild<QPushButton *>(QStringLiteral("rerunNowButton"));
        auto *cancelButton = panel.findChild<QPushButton *>(QStringLiteral("rerunCancelButton"));
        QVERIFY(box && nowButton && cancelButton);
        panel.showStarted();
        QVERIFY(!box->isVisible());
        QVERIFY(!panel.isWaitingToRerun());

        const QDateTime next = QDateTime::currentDateTimeUtc().addSecs(90);
        panel.showRerunScheduled(1, 4, next, QStringLiteral("2026-12-05 09:31:30 Asia/Shanghai"),
                                 QStringLiteral("cannot reach 127.0.0.1:1"));
        QVERIFY(box->isVisible());
        QVERIFY(panel.isWaitingToRerun());
        const QString first = panel.rerunCountdownText();
        QVERIFY2(first.contains(QLatin1String("Attempt 1 of 4 failed: cannot reach 127.0.0.1:1")), qPrintable(first));
        QVERIFY2(first.contains(QLatin1String("Attempt 2 starts in 1:30 (at 2026-12-05 09:31:30 Asia/Shanghai)"))
                     || first.contains(QLatin1String("Attempt 2 starts in 1:29 (at")),
                 qPrintable(first));
        QVERIFY2(panel.statusText().contains(QLatin1String("waiting to rerun")), qPrintable(panel.statusText()));
        // It counts down by itself.
        QTRY_VERIFY_WITH_TIMEOUT(panel.rerunCountdownText().contains(QLatin1String("starts in 1:28")), 4000);

        QTest::mouseClick(nowButton, Qt::LeftButton);
        QCOMPARE(rerunNow.count(), 1);
        QVERIFY(!nowButton->isEnabled()); // asked once
        QTest::mouseClick(cancelButton, Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);

        panel.showAttemptStarted(2, 4);
        QVERIFY(!box->isVisible());
        QVERIFY(!panel.isWaitingToRerun());
        QVERIFY2(panel.statusText().contains(QLatin1String("attempt 2 of 4")), qPrintable(panel.statusText()));

        panel.showRerunScheduled(2, 4, next, QStringLiteral("later"), QStringLiteral("again"));
        QVERIFY(box->isVisible());
        QVERIFY(nowButton->isEnabled());
        RunSummary failed;
        failed.errorCode = QStringLiteral("kafka.unreachable");
        failed.errorMessage = QStringLiteral("cannot reach 127.0.0.1:1");
        failed.attempts = 2;
        failed.seconds = 3.0;
        panel.showFinished(failed);
        QVERIFY(!box->isVisible());
        QVERIFY2(panel.statusText().contains(QLatin1String("after 2 attempts in 3.0 s")),
                 qPrintable(panel.statusText()));
    }

    // A real run whose Kafka refuses: the first attempt fails at once, the controller reports the wait (the next
    // attempt 10 minutes away, in the task's zone), and "Rerun now" starts attempt 2 without waiting.
    void rerunNowStartsTheNextAttempt()
    {
        QTemporaryDir dir;
        QString problem;
        RunRequest request = unreachableTask(dir, &problem);
        QVERIFY2(!request.taskPath.isEmpty(), qPrintable(problem));
        RunController controller;
        QSignalSpy scheduled(&controller, &RunController::rerunScheduled);
        QSignalSpy attempts(&controller, &RunController::attemptStarted);
        QSignalSpy finished(&controller, &RunController::finished);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(controller.start(request));
        QVERIFY(scheduled.wait(10000));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(scheduled.last().at(0).toInt(), 1);
        QCOMPARE(scheduled.last().at(1).toInt(), 2);
        const QDateTime next = scheduled.last().at(2).toDateTime();
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(next) - 600) < 10);
        QVERIFY2(scheduled.last().at(3).toString().endsWith(QLatin1String(" Asia/Shanghai")),
                 qPrintable(scheduled.last().at(3).toString()));
        QVERIFY(scheduled.last().at(4).toString().contains(QLatin1String("127.0.0.1:1")));
        QCOMPARE(attempts.count(), 1);

        controller.rerunNow();
        QVERIFY(finished.wait(10000));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(attempts.count(), 2);
        QCOMPARE(attempts.last().at(0).toInt(), 2);
        const RunSummary summary = finished.last().first().value<RunSummary>();
        QVERIFY(!summary.ok && !summary.cancelled);
        QCOMPARE(summary.errorCode, QStringLiteral("kafka.unreachable"));
        QCOMPARE(summary.attemptLog.size(), size_t(2));
        QCOMPARE(scheduled.count(), 1); // the last attempt has no rerun left
    }

    // Cancel during the wait ends the run at once, cancelled.
    void cancelEndsTheWait()
    {
        QTemporaryDir dir;
        QString problem;
        RunRequest request = unreachableTask(dir, &problem);
        QVERIFY2(!request.taskPath.isEmpty(), qPrintable(problem));
        RunController controller;
        QSignalSpy scheduled(&controller, &RunController::rerunScheduled);
        QSignalSpy finished(&controller, &RunController::finished);
        QVERIFY(controller.start(request));
        QVERIFY(scheduled.wait(10000));
        QElapsedTimer timer;
        timer.start();
        controller.cancel();
        QVERIFY(finished.wait(5000));
        QVERIFY(timer.elapsed() < 2000);
        const RunSummary summary = finished.last().first().value<RunSummary>();
        QVERIFY(summary.cancelled);
        QCOMPARE(summary.attemptLog.size(), size_t(1));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRunRerun)
#include "tst_runrerun.moc"
