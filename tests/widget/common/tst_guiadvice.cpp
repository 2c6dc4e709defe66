// link: kmsync_widgets kmsync_engine
// What the engine says reaches the desktop without kmsync-cli's advice (--datasources, --from/--to): each error
// names the app's own way out (Advice, IssueText), while kmsync-cli keeps its wording.
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/taskconfig.h"
#include "widgets/backfill/backfilldialog.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/run/runcontroller.h"

using namespace kmsync;

namespace {

const QString kSamples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples");

} // namespace

class TestGuiAdvice final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir; // the sample task alone: no datasources.json next to it
    ui::RunRequest m_request;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString taskPath = m_dir.filePath(QStringLiteral("clicks-task.json"));
        QVERIFY(QFile::copy(kSamples + QStringLiteral("/clicks-task.json"), taskPath));
        auto task = engine::config::TaskConfig::loadFile(taskPath);
        QVERIFY(task.ok());
        m_request.config = *task;
        m_request.taskPath = taskPath;
        m_request.parameters = {{QStringLiteral("partition"), QStringLiteral("2026112610")}};
        m_request.cyctime = QDateTime::currentDateTime();
    }

    // The preview of a task without datasources.json points at Tools > Datasources, not at --datasources.
    void previewWithoutDatasourcesFile()
    {
        ui::MessagePreviewDialog dialog(m_request);
        dialog.setRange(ui::PreviewRequest::Range::Latest);
        QSignalSpy fetched(&dialog, &ui::MessagePreviewDialog::fetched);
        dialog.fetch();
        QVERIFY(fetched.wait(30000));
        const QString error = dialog.outcome().error;
        QVERIFY2(error.contains(QLatin1String("sandbox_kafka")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("Tools > Datasources")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("--datasources")), qPrintable(error));
    }

    // So does a run: its check before starting words the finding for the app.
    void runWithoutDatasourcesFile()
    {
        ui::RunController controller;
        QSignalSpy finished(&controller, &ui::RunController::finished);
        QVERIFY(controller.start(m_request));
        QVERIFY(finished.wait(30000));
        const auto summary = finished.last().first().value<engine::RunSummary>();
        QVERIFY(!summary.ok);
        QVERIFY2(summary.errorMessage.contains(QLatin1String("Tools > Datasources")), qPrintable(summary.errorMessage));
        QVERIFY2(!summary.errorMessage.contains(QLatin1String("--datasources")), qPrintable(summary.errorMessage));
    }

    // Tools > Backfill with the first business date after the last names its date pickers, not --from/--to.
    void backfillReversedRange()
    {
        ui::BackfillDialog dialog(m_request.config, m_request.taskPath, QStringLiteral("dev"));
        auto *from = dialog.findChild<QDateEdit *>(QStringLiteral("backfillFrom"));
        auto *to = dialog.findChild<QDateEdit *>(QStringLiteral("backfillTo"));
        QVERIFY(from && to);
        to->setDate(QDate(2026, 11, 20));
        from->setDate(QDate(2026, 11, 21));
        const QString summary = dialog.findChild<QLabel *>(QStringLiteral("backfillSummary"))->text();
        QVERIFY2(summary.contains(QLatin1String("2026-11-21")) && summary.contains(QLatin1String("2026-11-20")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("Under Business dates, pick a first date on or before the last one")),
                 qPrintable(summary));
        QVERIFY2(!summary.contains(QLatin1String("--from")) && !summary.contains(QLatin1String("--to")),
                 qPrintable(summary));
    }
};

QTEST_MAIN(TestGuiAdvice)
#include "tst_guiadvice.moc"
