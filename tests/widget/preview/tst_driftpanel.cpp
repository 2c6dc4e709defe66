// link: kmsync_widgets kmsync_engine
// The preview dialog's Drift tab: the report of the fetched messages (fake fetcher, so every count is known),
// "Add to mapping" and "Alter table", and the whole flow in the main window on the sample workspace: add a new
// field to the mapping, alter the local warehouse table (off the GUI thread) and see the mapping grid link it.
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"
#include "engine/warehouse/localwarehouse.h"
#include "tests/widget/mainwindowio.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/preview/driftpanel.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/taskeditor/fieldmappingmodel.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/taskeditor/taskeditor.h"

using kmsync::ui::DriftPanel;
using kmsync::ui::MessagePreviewDialog;
using kmsync::ui::PreviewOutcome;
using kmsync::ui::PreviewRequest;
using kmsync::ui::RunRequest;
using namespace kmsync::engine;

namespace {

const QString kSamples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples");

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QStringLiteral("<none>");
}

// A task mapping id (BIGINT), name and gone.x onto a table t.
RunRequest fakeTask()
{
    const QByteArray json = R"({"type":"job","version":"2.0","steps":[
        {"stepType":"kafka","category":"reader","name":"Reader","parameter":{"datasource":"k","topic":"t",
         "column":["id","name","gone.x"],"beginOffset":"seekToBeginning","endOffset":"seekToEnd"}},
        {"stepType":"odps","category":"writer","name":"Writer","parameter":{"datasource":"wh","table":"t",
         "partition":"ds=1","column":["id","name","gone_x"]}}]})";
    RunRequest request;
    request.config = *config::TaskConfig::fromJsonBytes(json);
    return request;
}

PreviewOutcome fakeOutcome()
{
    PreviewOutcome outcome;
    TableSchema &table = outcome.result.table;
    table.name = QStringLiteral("t");
    table.columns = {{QStringLiteral("id"), *ColumnType::parse(QStringLiteral("BIGINT")), {}},
                     {QStringLiteral("name"), *ColumnType::parse(QStringLiteral("STRING")), {}},
                     {QStringLiteral("gone_x"), *ColumnType::parse(QStringLiteral("STRING")), {}}};
    for (const char *value : {R"({"id":1,"name":"a","z":{"z1":10}})", R"({"id":"two","name":"b","z":{"z1":11}})",
                              R"(not json)", R"({"id":3,"flag":true})"}) {
        PreviewRecord record;
        record.value = std::string(value);
        outcome.result.records.push_back(record);
    }
    return outcome;
}

} // namespace

class TestDriftPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void reportOfTheFetchedMessages()
    {
        MessagePreviewDialog dialog(fakeTask());
        dialog.setFetcher([](const PreviewRequest &, const StopToken &) { return fakeOutcome(); });
        auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("previewTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->widget(1), static_cast<QWidget *>(dialog.driftPanel()));
        QSignalSpy fetched(&dialog, &MessagePreviewDialog::fetched);
        dialog.fetch();
        QVERIFY(fetched.wait(10000));

        DriftPanel *panel = dialog.driftPanel();
        const QTableWidget *unmapped = panel->unmappedTable();
        QCOMPARE(unmapped->rowCount(), 2);
        QCOMPARE(cell(unmapped, 0, DriftPanel::PathColumn), QStringLiteral("z.z1"));
        QCOMPARE(cell(unmapped, 0, DriftPanel::CountColumn), QStringLiteral("2"));
        QCOMPARE(cell(unmapped, 0, DriftPanel::TypesColumn), QStringLiteral("number 2"));
        QCOMPARE(cell(unmapped, 0, DriftPanel::SampleColumn), QStringLiteral("10"));
        QCOMPARE(cell(unmapped, 0, DriftPanel::NewColumnColumn), QStringLiteral("z_z1"));
        QCOMPARE(cell(unmapped, 0, DriftPanel::NewTypeColumn), QStringLiteral("BIGINT"));
        QCOMPARE(cell(unmapped, 1, DriftPanel::PathColumn), QStringLiteral("flag"));
        QCOMPARE(cell(unmapped, 1, DriftPanel::NewTypeColumn), QStringLiteral("BOOLEAN"));
        QCOMPARE(panel->neverSeenTable()->rowCount(), 1);
        QCOMPARE(cell(panel->neverSeenTable(), 0, 0), QStringLiteral("gone.x"));
        QCOMPARE(cell(panel->neverSeenTable(), 0, 1), QStringLiteral("gone_x"));
        QCOMPARE(panel->conflictTable()->rowCount(), 1);
        QCOMPARE(cell(panel->conflictTable(), 0, 0), QStringLiteral("id"));
        QCOMPARE(cell(panel->conflictTable(), 0, 1), QStringLiteral("id BIGINT"));
        QCOMPARE(cell(panel->conflictTable(), 0, 2), QStringLiteral("1"));
        QCOMPARE(cell(panel->conflictTable(), 0, 3), QStringLiteral("two"));
        const auto *summary = panel->findChild<QLabel *>(QStringLiteral("driftSummaryLabel"));
        QVERIFY2(summary->text().startsWith(QStringLiteral("4 message(s), 1 not JSON.")), qPrintable(summary->text()));
        QVERIFY(panel->alterStatement().startsWith(QStringLiteral("ALTER TABLE `t` ADD COLUMNS (\n  `z_z1` BIGINT")));

        // Without an adder or an alterer the buttons are off; selecting rows enables Add to mapping.
        auto *add = panel->findChild<QPushButton *>(QStringLiteral("addToMappingButton"));
        auto *alter = panel->findChild<QPushButton *>(QStringLiteral("alterTableButton"));
        QVERIFY(!add->isEnabled());
        QVERIFY(!alter->isEnabled());
        QStringList added;
        panel->setMappingAdder([&added](const QString &path, const QString &column, const QString &type) {
            if (path == QLatin1String("flag"))
                return QStringLiteral("already listed");
            added << path + u'>' + column + u':' + type;
            return QString();
        });
        QVERIFY(!add->isEnabled()); // nothing selected
        panel->unmappedTable()->selectAll();
        QVERIFY(add->isEnabled());
        QSignalSpy mappingAdded(panel, &DriftPanel::mappingAdded);
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(added, QStringList{QStringLiteral("z.z1>z_z1:BIGINT")});
        QCOMPARE(mappingAdded.count(), 1);
        const auto *status = panel->findChild<QLabel *>(QStringLiteral("driftStatusLabel"));
        QVERIFY2(status->text().contains(QStringLiteral("flag: already listed")), qPrintable(status->text()));

        QString ran;
        panel->setAlterer([&ran](const QString &sql) {
            ran = sql;
            return true;
        });
        QVERIFY(alter->isEnabled());
        QSignalSpy altered(panel, &DriftPanel::tableAltered);
        QTest::mouseClick(alter, Qt::LeftButton);
        QCOMPARE(ran, panel->alterStatement());
        QCOMPARE(altered.count(), 1);

        // A failed fetch clears the report and says why.
        dialog.setFetcher([](const PreviewRequest &, const StopToken &) {
            return PreviewOutcome{QStringLiteral("broker down"), {}};
        });
        dialog.fetch();
        QVERIFY(fetched.wait(10000));
        QCOMPARE(panel->unmappedTable()->rowCount(), 0);
        QVERIFY(summary->text().contains(QStringLiteral("broker down")));
        QVERIFY(!alter->isEnabled());
    }

    void mainWindowAddsToMappingAndAltersTheTable()
    {
        QTemporaryDir dir;
        for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")})
            QVERIFY(QFile::copy(kSamples + QLatin1Char('/') + name, dir.filePath(name)));
        {
            QFile file(dir.filePath(QStringLiteral("clicks-task.json")));
            QVERIFY(file.open(QIODevice::ReadOnly));
            auto task = config::TaskConfig::fromJsonBytes(file.readAll());
            QVERIFY(task.ok());
            auto warehouse = warehouse::LocalWarehouse::open(dir.filePath(QStringLiteral("warehouse.db")));
            QVERIFY(warehouse.ok());
            QVERIFY((*warehouse)->executeSql(config::generateDdl(*task)).ok());
        }
        QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_driftpanel"));
        kmsync::ui::MainWindow window;
        QVERIFY(kmsync::ui::test::openAndWait(window, dir.filePath(QStringLiteral("clicks-task.json"))));
        kmsync::ui::FieldMappingModel *mapping = window.editor()->mappingPage()->model();

        QString problem;
        QString alterResult;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<MessagePreviewDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                problem = QStringLiteral("no preview dialog");
                return;
            }
            dialog->setRange(PreviewRequest::Range::Latest);
            dialog->setLimit(50);
            QSignalSpy fetched(dialog, &MessagePreviewDialog::fetched);
            dialog->fetch();
            if (!fetched.wait(90000) || !dialog->outcome().error.isEmpty()) {
                problem = dialog->outcome().error + QStringLiteral(" (no result)");
                dialog->reject();
                return;
            }
            DriftPanel *panel = dialog->driftPanel();
            QTableWidget *unmapped = panel->unmappedTable();
            int vip = -1;
            for (int row = 0; row < unmapped->rowCount(); ++row) {
                if (cell(unmapped, row, DriftPanel::PathColumn) == QLatin1String("user.vip"))
                    vip = row;
            }
            if (vip < 0) {
                problem = QStringLiteral("user.vip is not listed as unmapped");
                dialog->reject();
                return;
            }
            unmapped->selectRow(vip);
            QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("addToMappingButton")), Qt::LeftButton);
            // Alter table opens the ALTER (editable); create it there, wait for it, close.
            QTimer::singleShot(0, this, [&] {
                auto *ddl = qobject_cast<kmsync::ui::DdlDialog *>(QApplication::activeModalWidget());
                if (!ddl) {
                    problem = QStringLiteral("no ALTER dialog");
                    return;
                }
                QSignalSpy done(ddl, &kmsync::ui::DdlDialog::tableCreated);
                QTest::mouseClick(ddl->findChild<QPushButton *>(QStringLiteral("createTableButton")), Qt::LeftButton);
                if (!done.wait(30000))
                    problem = QStringLiteral("the ALTER did not finish");
                else
                    alterResult = done.first().first().value<kmsync::ui::DdlResult>().message;
                ddl->reject();
            });
            QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("alterTableButton")), Qt::LeftButton);
            dialog->reject();
        });
        window.findChild<QAction *>(QStringLiteral("actionPreview"))->trigger();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(alterResult.startsWith(QStringLiteral("table clicks: added column "))
                     && alterResult.contains(QStringLiteral("user_vip BOOLEAN")),
                 qPrintable(alterResult));

        // The source field is added and linked to user_vip, which the refreshed grid now shows as a real column.
        const auto &fields = mapping->mapping().sourceFields;
        QCOMPARE(fields.back(), QStringLiteral("user.vip"));
        const int source = int(fields.size()) - 1;
        QTRY_VERIFY_WITH_TIMEOUT(mapping->targetOf(source) >= 0
                                     && mapping->mapping().targets[std::size_t(mapping->targetOf(source))].type
                                            == QLatin1String("BOOLEAN"),
                                 20000);
        QCOMPARE(mapping->mapping().targets[std::size_t(mapping->targetOf(source))].name, QStringLiteral("user_vip"));
        auto info = warehouse::LocalWarehouse::open(dir.filePath(QStringLiteral("warehouse.db")));
        QVERIFY(info.ok());
        QVERIFY((*info)->tableInfo(QStringLiteral("clicks"))->schema.columnIndex(QStringLiteral("user_vip")));
        QVERIFY(window.isWindowModified());
        QVERIFY(window.editor()->task().mapping.sourceFields.back() == QStringLiteral("user.vip"));
    }
};

QTEST_MAIN(TestDriftPanel)
#include "tst_driftpanel.moc"
