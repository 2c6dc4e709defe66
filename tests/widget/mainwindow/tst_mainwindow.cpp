// link: kmsync_widgets kmsync_engine
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

#include "engine/config/taskconfig.h"
#include "tests/widget/mainwindowio.h"
#include "engine/job/syncobserver.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/datasources/datasourceeditdialog.h"
#include "widgets/taskeditor/fieldmappingmodel.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/results/querypanel.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/sourcepage.h"
#include "widgets/taskeditor/taskadapter.h"
#include "widgets/taskeditor/taskeditor.h"

using namespace kmsync::ui;
using kmsync::ui::test::openAndWait;
using kmsync::ui::test::openSampleAndWait;
using kmsync::ui::test::saveAndWait;

namespace {

QString sampleTask()
{
    return QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject readerOf(const QByteArray &json)
{
    const QJsonArray steps = QJsonDocument::fromJson(json).object().value(QLatin1String("steps")).toArray();
    for (const QJsonValue &step : steps) {
        if (step.toObject().value(QLatin1String("category")).toString() == QLatin1String("reader"))
            return step.toObject().value(QLatin1String("parameter")).toObject();
    }
    return {};
}

// A writable copy of the sample task at `path`.
void copySample(const QString &path)
{
    QFile::remove(path);
    QFile::copy(sampleTask(), path);
    QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::WriteOwner);
}

// Opens `path`, makes every later write wait for `letWrite`, and edits the group id to `groupId`: a modified task
// whose save, once started, stays in flight until the test releases it.
bool openWithBlockedWrites(MainWindow &window, const QString &path, QSemaphore &letWrite, const QString &groupId)
{
    if (!openAndWait(window, path))
        return false;
    window.setTaskFileIo(nullptr, [&letWrite](const QString &file, const QByteArray &bytes) {
        letWrite.acquire();
        return MainWindow::writeTaskFile(file, bytes);
    });
    auto *group = window.findChild<QLineEdit *>(QStringLiteral("groupIdEdit"));
    group->clear();
    QTest::keyClicks(group, groupId);
    return window.isWindowModified();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void loadsSampleTask();
    void loadErrorShownInBanner();
    void editingMarksModified();
    void saveWritesFile();
    void saveKeepsEngineView();
    void viewJsonIsWhatSaveWrites();
    void validationErrorNextToField_data();
    void validationErrorNextToField();
    void engineFindingsReachTheirPage();
    void unsavedChangesPrompt();
    void openReadsOffGuiThread();
    void fileIoHooksRunOnWorker();
    void closeWaitsForSaveInFlight();
    void newTaskWaitsForPromptedSave();
    void recentFilesAndGeometryRemembered();
    void screenshotsEveryPage();
    void firstStartOffersSampleTask();
    void tabOrderFollowsForm();
    void presetSetsCycleParametersAndReruns();
    void addedDatasourceReachesPickers();

private:
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(sampleTask()));
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::loadsSampleTask()
{
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.currentFile(), sampleTask());
    const TaskForm task = window.editor()->task();
    QCOMPARE(task.source.datasource, QStringLiteral("sandbox_kafka"));
    QCOMPARE(task.source.topic, QStringLiteral("clicks"));
    QCOMPARE(task.source.groupId, QStringLiteral("kmsync_clicks"));
    QCOMPARE(task.source.beginMode, BeginMode::SpecificTime);
    QCOMPARE(task.source.beginDateTime, QStringLiteral("${startTime}"));
    QCOMPARE(task.source.keyType, QStringLiteral("string"));
    QCOMPARE(task.destination.table, QStringLiteral("clicks"));
    QCOMPARE(task.destination.partition, QStringLiteral("ds=${partition}"));
    QCOMPARE(task.mapping.links.size(), size_t(16));
    QCOMPARE(task.mapping.sourceFields[7], QStringLiteral("user.id"));
    QCOMPARE(task.mapping.targets[size_t(task.mapping.links[7].target)].name, QStringLiteral("user_id"));
    QCOMPARE(task.settings.rerunTimes, 3);
    QCOMPARE(task.settings.rerunIntervalMinutes, 2);
    // The widgets show it.
    QCOMPARE(window.findChild<QComboBox *>(QStringLiteral("topicCombo"))->currentText(), QStringLiteral("clicks"));
    QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("partitionEdit"))->text(), QStringLiteral("ds=${partition}"));
    QVERIFY(window.windowTitle().contains(QLatin1String("clicks-task.json")));
    // The sample is a valid task: no finding on any page.
    const auto issues = window.validateNow();
    QStringList text;
    for (const FieldIssue &issue : issues)
        text.append(issue.path + QStringLiteral(": ") + issue.message);
    QVERIFY2(issues.empty(), qPrintable(text.join(QLatin1Char('\n'))));
}

void TestMainWindow::loadErrorShownInBanner()
{
    MainWindow window;
    const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"type\": \"job\", \"steps\": [");
    file.close();
    QVERIFY(!openAndWait(window, broken));
    QVERIFY2(window.errorText().contains(QLatin1String("not valid JSON")), qPrintable(window.errorText()));
    QVERIFY(window.currentFile().isEmpty()); // the window keeps its (new) task
    QVERIFY(!openAndWait(window, m_dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(window.errorText().contains(QLatin1String("missing.json")));
}

void TestMainWindow::editingMarksModified()
{
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    QVERIFY(!window.isWindowModified());
    auto *group = window.findChild<QLineEdit *>(QStringLiteral("groupIdEdit"));
    QVERIFY(group);
    QTest::keyClicks(group, QStringLiteral("_v2"));
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.editor()->task().source.groupId, QStringLiteral("kmsync_clicks_v2"));
}

void TestMainWindow::saveWritesFile()
{
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    auto *topic = window.findChild<QComboBox *>(QStringLiteral("topicCombo"));
    topic->setEditText(QStringLiteral("orders"));
    QVERIFY(window.isWindowModified());

    const QString path = m_dir.filePath(QStringLiteral("saved.json"));
    QVERIFY(saveAndWait(window, path));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.currentFile(), path);
    const QByteArray written = readAll(path);
    QVERIFY(!written.isEmpty());
    const QJsonObject reader = readerOf(written);
    QCOMPARE(reader.value(QLatin1String("topic")).toString(), QStringLiteral("orders"));
    QCOMPARE(reader.value(QLatin1String("column")).toArray().size(), 16);
    // The file loads back into the same task.
    MainWindow other;
    QVERIFY(openAndWait(other, path));
    QCOMPARE(other.editor()->task().source, window.editor()->task().source);
    QCOMPARE(other.editor()->task().mapping, window.editor()->task().mapping);
}

void TestMainWindow::saveKeepsEngineView()
{
    // Saving an unchanged task changes nothing the engine reads: same reader, writer and settings.
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    const QString path = m_dir.filePath(QStringLiteral("unchanged.json"));
    QVERIFY(saveAndWait(window, path));
    auto before = kmsync::engine::config::TaskConfig::fromJsonBytes(readAll(sampleTask()));
    auto after = kmsync::engine::config::TaskConfig::fromJsonBytes(readAll(path));
    QVERIFY(before.ok());
    QVERIFY2(after.ok(), after.ok() ? "" : qPrintable(after.error().message));
    QCOMPARE(after->reader, before->reader);
    QCOMPARE(after->writer, before->writer);
    QCOMPARE(after->setting, before->setting);
    QCOMPARE(after->kmsyncValue().rerunsValue(), before->kmsyncValue().rerunsValue());
    QCOMPARE(after->kmsyncValue().rerunIntervalSecondsValue(), before->kmsyncValue().rerunIntervalSecondsValue());
}

void TestMainWindow::viewJsonIsWhatSaveWrites()
{
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    window.findChild<QLineEdit *>(QStringLiteral("groupIdEdit"))->setText(QStringLiteral("g2"));
    QString shown;
    QTimer::singleShot(0, this, [&shown] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        shown = dialog->findChild<QPlainTextEdit *>(QStringLiteral("jsonText"))->toPlainText();
        dialog->reject();
    });
    window.findChild<QAction *>(QStringLiteral("actionViewJson"))->trigger();
    QVERIFY(!shown.isEmpty());
    const QString path = m_dir.filePath(QStringLiteral("view.json"));
    QVERIFY(saveAndWait(window, path));
    QCOMPARE(shown, QString::fromUtf8(readAll(path)));
}

void TestMainWindow::validationErrorNextToField_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("badText");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty topic") << "topicCombo"
                                 << ""
                                 << "Topic is required";
    QTest::newRow("13-digit start time") << "beginTimeEdit"
                                         << "2022112209520"
                                         << "14 digits";
    QTest::newRow("malformed partition") << "partitionEdit"
                                         << "ds"
                                         << "key=value";
    QTest::newRow("unknown time zone") << "timeZoneCombo"
                                       << "Mars/Olympus"
                                       << "Mars/Olympus";
}

void TestMainWindow::validationErrorNextToField()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, badText);
    QFETCH(QString, expected);
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, sampleTask()));
    QVERIFY(window.findChild<QLabel *>(fieldName + QStringLiteral("Error")) == nullptr);

    QWidget *field = window.findChild<QWidget *>(fieldName);
    QVERIFY(field);
    if (auto *combo = qobject_cast<QComboBox *>(field))
        combo->setEditText(badText);
    else
        qobject_cast<QLineEdit *>(field)->setText(badText);
    window.validateNow();

    auto *label = window.findChild<QLabel *>(fieldName + QStringLiteral("Error"));
    QVERIFY2(label, qPrintable(fieldName));
    QVERIFY2(label->text().contains(expected), qPrintable(label->text()));
    QCOMPARE(label->buddy(), field);
    QCOMPARE(label->parentWidget(), field->parentWidget()); // in the field's own form, right below it
    // Below the field (or below the row holding it), once the layout of its page has placed the new label.
    QTabWidget *tabs = window.editor()->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i)->isAncestorOf(field))
            tabs->setCurrentIndex(i);
    }
    QVERIFY(tabs->tabText(tabs->currentIndex()).endsWith(QLatin1String("(1)"))); // the tab counts its problems
    QTRY_VERIFY(label->geometry().top() >= field->mapTo(field->parentWidget(), QPoint(0, field->height())).y() - 1);

    // Fixing the value removes the message.
    QVERIFY(openAndWait(window, sampleTask()));
    QVERIFY(window.findChild<QLabel *>(fieldName + QStringLiteral("Error")) == nullptr);
}

void TestMainWindow::engineFindingsReachTheirPage()
{
    // A malformed JSON path is checked by the engine's validator; the finding lands under the mapping grid.
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    FieldMappingModel *model = window.editor()->mappingPage()->model();
    QVERIFY(model->setData(model->index(7, FieldMappingModel::SourceField), QStringLiteral("user..id")));
    QVERIFY(window.isWindowModified());
    const auto issues = window.validateNow();
    QVERIFY(std::any_of(issues.begin(), issues.end(),
                        [](const FieldIssue &i) { return i.path == QLatin1String("mapping.links"); }));
    auto *label = window.findChild<QLabel *>(QStringLiteral("mappingViewError"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(QLatin1String("user..id")), qPrintable(label->text()));
    QVERIFY(window.editor()->tabs()->tabText(TaskEditor::MappingTab).endsWith(QLatin1String("(1)")));
}

void TestMainWindow::unsavedChangesPrompt()
{
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, sampleTask()));
    window.findChild<QLineEdit *>(QStringLiteral("groupIdEdit"))->setText(QStringLiteral("changed"));
    QTest::keyClicks(window.findChild<QLineEdit *>(QStringLiteral("groupIdEdit")), QStringLiteral("!"));
    QVERIFY(window.isWindowModified());

    // Cancel keeps the window open and the edit in place.
    bool prompted = false;
    auto answer = [&prompted](QMessageBox::StandardButton button) {
        return [&prompted, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            prompted = true;
            box->button(button)->click();
        };
    };
    QTimer::singleShot(0, this, answer(QMessageBox::Cancel));
    QVERIFY(!window.close());
    QVERIFY(prompted);
    QVERIFY(window.isVisible());
    QCOMPARE(window.editor()->task().source.groupId, QStringLiteral("changed!"));

    // Discard closes without writing.
    const QByteArray before = readAll(sampleTask());
    prompted = false;
    QTimer::singleShot(0, this, answer(QMessageBox::Discard));
    QVERIFY(window.close());
    QVERIFY(prompted);
    QCOMPARE(readAll(sampleTask()), before);
}

void TestMainWindow::openReadsOffGuiThread()
{
    // The task file is a FIFO: reading it blocks until the test feeds it. The window must keep processing events
    // meanwhile. A watchdog feeds it after 5 s anyway, so a GUI-thread read fails this test instead of hanging it.
    const QString fifo = m_dir.filePath(QStringLiteral("task.fifo"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const QByteArray bytes = readAll(sampleTask());
    QSemaphore feedNow;
    std::unique_ptr<QThread> feeder(QThread::create([&feedNow, fifo, bytes] {
        feedNow.tryAcquire(1, 5000);
        QFile out(fifo);
        if (out.open(QIODevice::WriteOnly))
            out.write(bytes);
    }));
    feeder->start();
    const auto joinFeeder = qScopeGuard([&feedNow, &feeder] {
        feedNow.release();
        feeder->wait();
    });

    MainWindow window;
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window.openFile(fifo));
    const qint64 returnedAfter = clock.elapsed();
    QTest::qWait(200);
    const int ticksWhileReading = ticks;
    const bool busyWhileReading = window.isFileBusy();
    const bool openEnabledWhileReading = window.findChild<QAction *>(QStringLiteral("actionOpen"))->isEnabled();
    const bool secondOpenStarted = window.openFile(sampleTask());
    feedNow.release();
    QVERIFY(opened.wait(10000) || opened.count() == 1);

    QVERIFY2(returnedAfter < 2000, qPrintable(QString::number(returnedAfter)));
    QVERIFY2(ticksWhileReading >= 5, qPrintable(QString::number(ticksWhileReading)));
    QVERIFY(busyWhileReading);
    QVERIFY(!openEnabledWhileReading); // no second open or save while one is in flight
    QVERIFY(!secondOpenStarted);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(window.currentFile(), fifo);
    QCOMPARE(window.editor()->task().source.topic, QStringLiteral("clicks"));
    QVERIFY(!window.isFileBusy());
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionOpen"))->isEnabled());
}

void TestMainWindow::fileIoHooksRunOnWorker()
{
    MainWindow window;
    QThread *readThread = nullptr;
    QThread *writeThread = nullptr;
    window.setTaskFileIo(
        [&readThread](const QString &path) {
            readThread = QThread::currentThread();
            return MainWindow::readTaskFile(path);
        },
        [&writeThread](const QString &path, const QByteArray &bytes) {
            writeThread = QThread::currentThread();
            return MainWindow::writeTaskFile(path, bytes);
        });
    QVERIFY(openAndWait(window, sampleTask()));
    QVERIFY(readThread && readThread != QThread::currentThread());
    QVERIFY(saveAndWait(window, m_dir.filePath(QStringLiteral("hooked.json"))));
    QVERIFY(writeThread && writeThread != QThread::currentThread());
    QCOMPARE(readerOf(readAll(m_dir.filePath(QStringLiteral("hooked.json")))).value(QLatin1String("topic")).toString(),
             QStringLiteral("clicks"));
    // A failed write is reported, and the window stays modified.
    window.findChild<QLineEdit *>(QStringLiteral("groupIdEdit"))->setText(QStringLiteral("g3"));
    QTest::keyClicks(window.findChild<QLineEdit *>(QStringLiteral("groupIdEdit")), QStringLiteral("x"));
    QVERIFY(!saveAndWait(window, m_dir.filePath(QStringLiteral("no/such/dir/task.json"))));
    QVERIFY2(window.errorText().contains(QLatin1String("task.json")), qPrintable(window.errorText()));
    QVERIFY(window.isWindowModified());
}

void TestMainWindow::closeWaitsForSaveInFlight()
{
    // "Save" in the close prompt: the write runs on its worker, and the window closes only once it is on disk.
    const QString path = m_dir.filePath(QStringLiteral("closing.json"));
    copySample(path);
    QSemaphore letWrite; // outlives the window, whose destructor waits for the write
    MainWindow window;
    // Whatever happens below, the blocked write is let go before the window waits for it.
    const auto unblock = qScopeGuard([&letWrite] { letWrite.release(); });
    window.show();
    QVERIFY(openWithBlockedWrites(window, path, letWrite, QStringLiteral("before_close")));

    QTimer::singleShot(0, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Save)->click();
    });
    QVERIFY(!window.close()); // not yet: the save is in flight
    QVERIFY(window.isVisible());
    QVERIFY(window.isFileBusy());
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionSave"))->isEnabled());
    QVERIFY(!window.saveFile(path)); // no second save meanwhile
    QVERIFY(!window.close());        // closing again while it is written still waits
    QTest::qWait(50);
    QVERIFY(window.isVisible());
    letWrite.release();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 10000);
    QVERIFY2(readAll(path).contains("\"before_close\""), readAll(path).constData());
}

void TestMainWindow::newTaskWaitsForPromptedSave()
{
    // File > New on a modified task, "Save" in the prompt: the new task replaces the old one only once the
    // save has finished, and the saved file holds the edit.
    const QString path = m_dir.filePath(QStringLiteral("before-new.json"));
    copySample(path);
    QSemaphore letWrite; // outlives the window, whose destructor waits for the write
    MainWindow window;
    // Whatever happens below, the blocked write is let go before the window waits for it.
    const auto unblock = qScopeGuard([&letWrite] { letWrite.release(); });
    window.show();
    QVERIFY(openWithBlockedWrites(window, path, letWrite, QStringLiteral("before_new")));
    QSignalSpy saved(&window, &MainWindow::fileSaved);
    QTimer::singleShot(0, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Save)->click();
    });
    window.findChild<QAction *>(QStringLiteral("actionNew"))->trigger();
    QTest::qWait(50);
    QCOMPARE(window.currentFile(), path); // still the old task while it is written
    QCOMPARE(window.editor()->task().source.groupId, QStringLiteral("before_new"));
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionNew"))->isEnabled());
    letWrite.release();
    QVERIFY(saved.wait(10000));
    QVERIFY(window.currentFile().isEmpty()); // then the new task
    QVERIFY(window.editor()->task().source.groupId != QLatin1String("before_new"));
    QVERIFY(readAll(path).contains("\"before_new\""));
}

void TestMainWindow::recentFilesAndGeometryRemembered()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, sampleTask()));
        QCOMPARE(window.recentFiles().value(0), QFileInfo(sampleTask()).absoluteFilePath());
        window.resize(900, 700);
        QVERIFY(window.close());
    }
    QVERIFY(!QSettings().value(QStringLiteral("MainWindow/Geometry")).toByteArray().isEmpty());
    MainWindow again;
    QCOMPARE(again.recentFiles().value(0), QFileInfo(sampleTask()).absoluteFilePath());
    QCOMPARE(again.size(), QSize(900, 700));
}

void TestMainWindow::screenshotsEveryPage()
{
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    const QString dir = m_dir.filePath(QStringLiteral("shots"));
    const QStringList files = window.renderScreenshots(dir);
    // Every page, the run and results panels, the JSON, datasources, datasource form, DDL, message preview (and its
    // Drift tab), check production and backfill dialogs.
    QCOMPARE(files.size(), window.editor()->tabs()->count() + 10);
    for (const QString &name :
         {QStringLiteral("panel-results.png"), QStringLiteral("dialog-preview.png"),
          QStringLiteral("dialog-preview-drift.png"), QStringLiteral("dialog-datasource-edit.png"),
          QStringLiteral("dialog-check-production.png"), QStringLiteral("dialog-backfill.png")})
        QVERIFY2(files.contains(QDir(dir).filePath(name)), qPrintable(files.join(QLatin1Char(' '))));
    for (const QString &file : files) {
        const QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QVERIFY(image.width() > 200 && image.height() > 200);
    }
    // The sample reads the sandbox: the panels were filled with a real run and the count query before the grabs.
    QVERIFY2(window.runPanel()->statusText().contains(QLatin1String("Done")),
             qPrintable(window.runPanel()->statusText()));
    auto *results = window.findChild<QueryPanel *>(QStringLiteral("queryPanel"));
    QVERIFY(results);
    QVERIFY2(results->sql().startsWith(QLatin1String("select count(*)")), qPrintable(results->sql()));
    QCOMPARE(results->outcome().result.rows.size(), size_t(1));
    QVERIFY(window.findChild<QComboBox *>(QStringLiteral("tableCombo"))->count() >= 1);
    QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("partitionKey_ds")));
    // The backfill dialog ran 24 hourly instances (the editor's schedule) on the sandbox (the text saved
    // beside its PNG).
    QFile backfillText(QDir(dir).filePath(QStringLiteral("dialog-backfill.txt")));
    QVERIFY(backfillText.open(QIODevice::ReadOnly));
    const QString shown = QString::fromUtf8(backfillText.readAll());
    QVERIFY2(shown.count(QStringLiteral("Done: ")) == 24, qPrintable(shown));
    // The task the window shows is still the sample's own.
    QCOMPARE(window.editor()->task().source.topic, QStringLiteral("clicks"));
}

void TestMainWindow::firstStartOffersSampleTask()
{
    const QString workspace =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("sample"));
    QVERIFY(QDir(workspace).removeRecursively()); // a first start: no workspace, no recent files (init())
    MainWindow window;
    QCOMPARE(window.sampleWorkspace(), workspace);
    QVERIFY(window.offerSampleOnFirstStart());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<QWidget *>(QStringLiteral("sampleBanner"));
    auto *button = window.findChild<QPushButton *>(QStringLiteral("openSampleButton"));
    QVERIFY(banner && button);
    QVERIFY(banner->isVisible());
    QVERIFY(button->isVisible());
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionOpenSample")));

    // One click: the sample is copied into the writable workspace, its warehouse table created, and it is opened.
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(opened.wait(30000));
    QCOMPARE(window.currentFile(), QDir(workspace).filePath(QStringLiteral("clicks-task.json")));
    QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
    QVERIFY(!banner->isVisible());
    QCOMPARE(readAll(window.currentFile()), readAll(sampleTask()));
    QCOMPARE(readAll(QDir(workspace).filePath(QStringLiteral("datasources.json"))),
             readAll(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json")));
    QVERIFY(QFileInfo(window.currentFile()).isWritable());
    QVERIFY(QFile::exists(QDir(workspace).filePath(QStringLiteral("warehouse.db"))));
    QCOMPARE(window.recentFiles().value(0), window.currentFile());

    // Run works against the sandbox at once: the last full hour into the sample's local warehouse.
    QDateTime cyctime = QDateTime::currentDateTime();
    cyctime.setTime(QTime(cyctime.time().hour(), 0));
    window.runPanel()->setCyctime(cyctime);
    QSignalSpy finished(window.runController(), &RunController::finished);
    window.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    const auto summary = finished.last().first().value<kmsync::engine::RunSummary>();
    QVERIFY2(summary.ok, qPrintable(summary.errorCode + QStringLiteral(": ") + summary.errorMessage));
    QVERIFY(summary.read > 0);
    QCOMPARE(summary.partitionSpec, QStringLiteral("ds=") + cyctime.toString(QStringLiteral("yyyyMMddHH")));

    // With a recent file the next start offers nothing; opening the sample again keeps the user's copy.
    MainWindow again;
    QVERIFY(!again.offerSampleOnFirstStart());
    QVERIFY(!again.findChild<QWidget *>(QStringLiteral("sampleBanner"))->isVisibleTo(&again));
    QFile edited(window.currentFile());
    QVERIFY(edited.open(QIODevice::Append));
    edited.write("\n");
    edited.close();
    QVERIFY(openSampleAndWait(again));
    QCOMPARE(readAll(again.currentFile()), readAll(sampleTask()) + "\n");
}

void TestMainWindow::tabOrderFollowsForm()
{
    // Keyboard users move down the Source form in reading order.
    SourcePage page;
    page.show();
    QApplication::setActiveWindow(&page);
    QVERIFY(QTest::qWaitForWindowActive(&page));
    auto owner = [](QWidget *w) -> QString {
        // An editable combo's line edit stands for the combo.
        while (w && w->objectName().isEmpty())
            w = w->parentWidget();
        return w ? w->objectName() : QString();
    };
    page.findChild<QWidget *>(QStringLiteral("sourceDatasourceCombo"))->setFocus();
    QStringList order{owner(QApplication::focusWidget())};
    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        order.append(owner(QApplication::focusWidget()));
    }
    QCOMPARE(order, (QStringList{QStringLiteral("sourceDatasourceCombo"), QStringLiteral("topicCombo"),
                                 QStringLiteral("refreshTopicsButton"), QStringLiteral("groupIdEdit")}));
}

void TestMainWindow::presetSetsCycleParametersAndReruns()
{
    MainWindow window;
    QVERIFY(openAndWait(window, sampleTask()));
    window.findChild<QCheckBox *>(QStringLiteral("rerunCheck"))->setChecked(false);
    auto *presets = window.findChild<QComboBox *>(QStringLiteral("presetCombo"));
    const int daily = presets->findData(QStringLiteral("day"));
    QVERIFY(daily > 0);
    presets->setCurrentIndex(daily);
    Q_EMIT presets->activated(daily); // what choosing it with mouse or keyboard sends
    const TaskForm task = window.editor()->task();
    QCOMPARE(task.schedule.cycle.unit, kmsync::engine::params::CycleUnit::Day);
    QCOMPARE(task.schedule.parameters,
             QStringLiteral("startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000 partition=$[yyyymmdd-1]"));
    QVERIFY(task.settings.rerun);
    QCOMPARE(task.settings.rerunTimes, 3);
    QCOMPARE(task.settings.rerunIntervalMinutes, 2);
    QVERIFY(window.isWindowModified());
}

// Tools > Datasources > Add…: once the new entry is written, the source page's datasource picker lists it.
void TestMainWindow::addedDatasourceReachesPickers()
{
    const QString dir = m_dir.filePath(QStringLiteral("add-datasource"));
    QVERIFY(QDir().mkpath(dir));
    const QString task = dir + QStringLiteral("/clicks-task.json");
    copySample(task);
    const QString datasources = dir + QStringLiteral("/datasources.json");
    QVERIFY(QFile::copy(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json"), datasources));
    QFile::setPermissions(datasources, QFile::permissions(datasources) | QFileDevice::WriteOwner);
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, task));
    auto *combo = window.findChild<QComboBox *>(QStringLiteral("sourceDatasourceCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->findText(QStringLiteral("orders_kafka")), -1);

    bool added = false;
    QTimer::singleShot(50, &window, [&] {
        auto *manager = qobject_cast<kmsync::ui::DatasourceDialog *>(QApplication::activeModalWidget());
        if (!manager)
            return;
        QSignalSpy saved(manager, &kmsync::ui::DatasourceDialog::datasourcesSaved);
        QTimer::singleShot(50, manager, [] {
            auto *form = qobject_cast<kmsync::ui::DatasourceEditDialog *>(QApplication::activeModalWidget());
            if (!form)
                return;
            form->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("orders_kafka"));
            form->findChild<QWidget *>(QStringLiteral("firstConnection"))
                ->findChild<QLineEdit *>(QStringLiteral("bootstrap.servers"))
                ->setText(QStringLiteral("orders-broker:9092"));
            form->accept();
        });
        manager->findChild<QPushButton *>(QStringLiteral("addButton"))->click();
        added = saved.wait(5000);
        manager->reject();
    });
    window.findChild<QAction *>(QStringLiteral("actionDatasources"))->trigger();
    QVERIFY(added);
    QVERIFY(combo->findText(QStringLiteral("orders_kafka")) >= 0);
    QVERIFY(readAll(datasources).contains("orders-broker:9092"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
