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
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "engine/config/taskconfig.h"
#include "engine/job/syncobserver.h"
#include "widgets/fieldmappingmodel.h"
#include "widgets/fieldmappingpage.h"
#include "widgets/mainwindow.h"
#include "widgets/runcontroller.h"
#include "widgets/runpanel.h"
#include "widgets/sourcepage.h"
#include "widgets/taskadapter.h"
#include "widgets/taskeditor.h"

using namespace kmsync::ui;

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
    void recentFilesAndGeometryRemembered();
    void screenshotsEveryPage();
    void firstStartOffersSampleTask();
    void tabOrderFollowsForm();
    void presetSetsCycleParametersAndReruns();

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
    QVERIFY(window.openFile(sampleTask()));
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
    QVERIFY(!window.openFile(broken));
    QVERIFY2(window.errorText().contains(QLatin1String("not valid JSON")), qPrintable(window.errorText()));
    QVERIFY(window.currentFile().isEmpty()); // the window keeps its (new) task
    QVERIFY(!window.openFile(m_dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(window.errorText().contains(QLatin1String("missing.json")));
}

void TestMainWindow::editingMarksModified()
{
    MainWindow window;
    QVERIFY(window.openFile(sampleTask()));
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
    QVERIFY(window.openFile(sampleTask()));
    auto *topic = window.findChild<QComboBox *>(QStringLiteral("topicCombo"));
    topic->setEditText(QStringLiteral("orders"));
    QVERIFY(window.isWindowModified());

    const QString path = m_dir.filePath(QStringLiteral("saved.json"));
    QVERIFY(window.saveFile(path));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.currentFile(), path);
    const QByteArray written = readAll(path);
    QVERIFY(!written.isEmpty());
    const QJsonObject reader = readerOf(written);
    QCOMPARE(reader.value(QLatin1String("topic")).toString(), QStringLiteral("orders"));
    QCOMPARE(reader.value(QLatin1String("column")).toArray().size(), 16);
    // The file loads back into the same task.
    MainWindow other;
    QVERIFY(other.openFile(path));
    QCOMPARE(other.editor()->task().source, window.editor()->task().source);
    QCOMPARE(other.editor()->task().mapping, window.editor()->task().mapping);
}

void TestMainWindow::saveKeepsEngineView()
{
    // Saving an unchanged task changes nothing the engine reads: same reader, writer and settings.
    MainWindow window;
    QVERIFY(window.openFile(sampleTask()));
    const QString path = m_dir.filePath(QStringLiteral("unchanged.json"));
    QVERIFY(window.saveFile(path));
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
    QVERIFY(window.openFile(sampleTask()));
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
    QVERIFY(window.saveFile(path));
    QCOMPARE(shown, QString::fromUtf8(readAll(path)));
}

void TestMainWindow::validationErrorNextToField_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("badText");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty topic") << "topicCombo" << "" << "Topic is required";
    QTest::newRow("13-digit start time") << "beginTimeEdit" << "2022112209520" << "14 digits";
    QTest::newRow("malformed partition") << "partitionEdit" << "ds" << "key=value";
    QTest::newRow("unknown time zone") << "timeZoneCombo" << "Mars/Olympus" << "Mars/Olympus";
}

void TestMainWindow::validationErrorNextToField()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, badText);
    QFETCH(QString, expected);
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(sampleTask()));
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
    window.openFile(sampleTask());
    QVERIFY(window.findChild<QLabel *>(fieldName + QStringLiteral("Error")) == nullptr);
}

void TestMainWindow::engineFindingsReachTheirPage()
{
    // A malformed JSON path is checked by the engine's validator; the finding lands under the mapping grid.
    MainWindow window;
    QVERIFY(window.openFile(sampleTask()));
    FieldMappingModel *model = window.editor()->mappingPage()->model();
    QVERIFY(model->setData(model->index(7, FieldMappingModel::SourceField), QStringLiteral("user..id")));
    QVERIFY(window.isWindowModified());
    const auto issues = window.validateNow();
    QVERIFY(std::any_of(issues.begin(), issues.end(), [](const FieldIssue &i) { return i.path == QLatin1String("mapping.links"); }));
    auto *label = window.findChild<QLabel *>(QStringLiteral("mappingViewError"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(QLatin1String("user..id")), qPrintable(label->text()));
    QVERIFY(window.editor()->tabs()->tabText(TaskEditor::MappingTab).endsWith(QLatin1String("(1)")));
}

void TestMainWindow::unsavedChangesPrompt()
{
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(sampleTask()));
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

void TestMainWindow::recentFilesAndGeometryRemembered()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openFile(sampleTask()));
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
    QVERIFY(window.openFile(sampleTask()));
    const QString dir = m_dir.filePath(QStringLiteral("shots"));
    const QStringList files = window.renderScreenshots(dir);
    // Every page, the run and results panels, the JSON, datasources, DDL, message preview and check production dialogs.
    QCOMPARE(files.size(), window.editor()->tabs()->count() + 7);
    for (const QString &name : {QStringLiteral("panel-results.png"), QStringLiteral("dialog-preview.png"),
                                QStringLiteral("dialog-check-production.png")})
        QVERIFY2(files.contains(QDir(dir).filePath(name)), qPrintable(files.join(QLatin1Char(' '))));
    for (const QString &file : files) {
        const QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QVERIFY(image.width() > 200 && image.height() > 200);
    }
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
    QTest::mouseClick(button, Qt::LeftButton);
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
    QVERIFY(again.openSample());
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
    QVERIFY(window.openFile(sampleTask()));
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
