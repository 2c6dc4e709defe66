// link: kmsync_widgets kmsync_engine
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "engine/job/prodcheck.h"
#include "engine/warehouse/localwarehouse.h"
#include "widgets/results/checkproductiondialog.h"
#include "tests/widget/mainwindowio.h"
#include "widgets/mainwindow/mainwindow.h"

using kmsync::engine::ColumnDef;
using kmsync::engine::ColumnType;
using kmsync::engine::TableSchema;
using kmsync::engine::TypeKind;
using kmsync::ui::CheckProductionDialog;

namespace {

const QByteArray kTask = R"({"type": "job", "version": "2.0", "steps": [
    {"stepType": "kafka", "category": "reader", "name": "Reader",
     "parameter": {"datasource": "clicks_kafka", "topic": "clicks", "column": ["__value__", "event_id", "amount"],
                   "beginDateTime": "${startTime}", "endDateTime": "${endTime}"}},
    {"stepType": "odps", "category": "writer", "name": "Writer",
     "parameter": {"datasource": "wh", "table": "clicks", "partition": "ds=${partition}",
                   "column": ["value", "event_id", "amount"]}}],
    "setting": {"speed": {"concurrent": 1}}})";

// dev: the sandbox with topic clicks; prod: a sandbox whose only topic is orders. dev.db / PROD warehouses.
QByteArray datasourcesJson(const QString &prodWarehouse)
{
    return QStringLiteral(R"({"datasources": {
        "clicks_kafka": {"type": "kafka", "dev": {"sandbox": true, "sandboxMessages": 20},
                         "prod": {"sandbox": true, "sandboxTopic": "orders", "sandboxMessages": 20}},
        "wh": {"type": "local", "dev": {"path": "dev.db"}, "prod": {"path": "%1"}}}})")
        .arg(prodWarehouse)
        .toUtf8();
}

ColumnDef col(const char *name, TypeKind kind)
{
    return {QString::fromLatin1(name), ColumnType{kind}, QString()};
}

QStringList codes(const std::vector<kmsync::engine::ProdFinding> &findings)
{
    QStringList out;
    for (const auto &finding : findings)
        out.append(finding.code);
    return out;
}

} // namespace

// "Check production" on a workspace whose dev and prod datasources differ: the sandbox Kafka (dev has topic clicks,
// prod does not) and local warehouses in a temporary folder (prod's amount column has another type).
class TestCheckProduction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void compareSchemas_data();
    void compareSchemas();
    void listsMissingTopicAndDifferingColumnType();
    void missingProdTable();
    void noDatasourcesFile();
    void fromTheMainWindow();

private:
    QString writeWorkspace(const QString &name, const QString &prodWarehouse);
    void createTable(const QString &file, const QString &ddl);
    bool runCheck(CheckProductionDialog &dialog, const QString &datasourcesFile);

    QTemporaryDir m_dir;
};

void TestCheckProduction::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    createTable(m_dir.filePath(QStringLiteral("dev.db")),
                QStringLiteral(
                    "CREATE TABLE clicks (value STRING, event_id STRING, amount DOUBLE) PARTITIONED BY (ds STRING);"));
    createTable(m_dir.filePath(QStringLiteral("prod.db")),
                QStringLiteral(
                    "CREATE TABLE clicks (value STRING, event_id STRING, amount STRING) PARTITIONED BY (ds STRING);"));
}

void TestCheckProduction::createTable(const QString &file, const QString &ddl)
{
    auto warehouse = kmsync::engine::warehouse::LocalWarehouse::open(file);
    QVERIFY(warehouse.ok());
    auto created = (*warehouse)->executeSql(ddl);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
}

QString TestCheckProduction::writeWorkspace(const QString &name, const QString &prodWarehouse)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(datasourcesJson(prodWarehouse)) < 0)
        return {};
    return path;
}

bool TestCheckProduction::runCheck(CheckProductionDialog &dialog, const QString &datasourcesFile)
{
    const auto task = kmsync::engine::config::TaskConfig::fromJsonBytes(kTask).value();
    dialog.setChecker([task, datasourcesFile](const kmsync::engine::StopToken &stop) {
        return kmsync::ui::checkTaskInProduction(task, datasourcesFile, nullptr, stop, 20000);
    });
    QSignalSpy checked(&dialog, &CheckProductionDialog::checked);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("recheckButton")), Qt::LeftButton);
    return (checked.count() > 0 || checked.wait(60000)) && !dialog.isChecking();
}

void TestCheckProduction::compareSchemas_data()
{
    QTest::addColumn<TableSchema>("prod");
    QTest::addColumn<QStringList>("expected");
    const std::vector<ColumnDef> keys{col("ds", TypeKind::String)};
    QTest::newRow("same, other case") << TableSchema{"t",
                                                     {col("A", TypeKind::BigInt), col("b", TypeKind::String)},
                                                     keys}
                                      << QStringList{};
    QTest::newRow("type") << TableSchema{"t", {col("a", TypeKind::String), col("b", TypeKind::String)}, keys}
                          << QStringList{"prod.column_type"};
    QTest::newRow("missing") << TableSchema{"t", {col("a", TypeKind::BigInt)}, keys}
                             << QStringList{"prod.column_missing"};
    QTest::newRow("extra")
        << TableSchema{"t", {col("a", TypeKind::BigInt), col("b", TypeKind::String), col("c", TypeKind::Double)}, keys}
        << QStringList{"prod.column_extra"};
    QTest::newRow("order") << TableSchema{"t", {col("b", TypeKind::String), col("a", TypeKind::BigInt)}, keys}
                           << QStringList{"prod.column_order"};
    QTest::newRow("partition keys") << TableSchema{"t",
                                                   {col("a", TypeKind::BigInt), col("b", TypeKind::String)},
                                                   {col("ds", TypeKind::String), col("hh", TypeKind::String)}}
                                    << QStringList{"prod.partition_keys"};
    QTest::newRow("everything") << TableSchema{"t", {col("c", TypeKind::Double), col("a", TypeKind::Double)}, {}}
                                << QStringList{"prod.column_type", "prod.column_missing", "prod.column_extra",
                                               "prod.partition_keys"};
}

void TestCheckProduction::compareSchemas()
{
    QFETCH(TableSchema, prod);
    QFETCH(QStringList, expected);
    const TableSchema dev{QStringLiteral("t"),
                          {col("a", TypeKind::BigInt), col("b", TypeKind::String)},
                          {col("ds", TypeKind::String)}};
    const auto findings = kmsync::engine::compareTableSchemas(dev, prod);
    QCOMPARE(codes(findings), expected);
    for (const auto &finding : findings)
        QVERIFY2(finding.message.startsWith(QLatin1String("table t: ")), qPrintable(finding.message));
}

void TestCheckProduction::listsMissingTopicAndDifferingColumnType()
{
    const QString file = writeWorkspace(QStringLiteral("datasources.json"), QStringLiteral("prod.db"));
    QVERIFY(!file.isEmpty());
    CheckProductionDialog dialog;
    QVERIFY(runCheck(dialog, file));
    const auto &report = dialog.report();
    QCOMPARE(codes(report.findings),
             (QStringList{QStringLiteral("prod.topic_missing"), QStringLiteral("prod.column_type")}));
    QVERIFY2(report.findings[0].message.contains(
                 QLatin1String("topic clicks does not exist on the prod Kafka \"clicks_kafka\"")),
             qPrintable(report.findings[0].message));
    QCOMPARE(report.findings[1].message,
             QStringLiteral("table clicks: column amount is DOUBLE in dev but STRING in prod"));
    QVERIFY(report.passed.contains(QStringLiteral("table clicks exists in the prod destination \"wh\"")));

    // Every difference is a row of the dialog, then what passed.
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("findingsTable"));
    QCOMPARE(table->rowCount(), int(report.findings.size() + size_t(report.passed.size())));
    QCOMPARE(table->item(0, CheckProductionDialog::ResultColumn)->text(), QStringLiteral("✖"));
    QCOMPARE(table->item(0, CheckProductionDialog::CheckColumn)->text(), QStringLiteral("Topic"));
    QCOMPARE(table->item(1, CheckProductionDialog::CheckColumn)->text(), QStringLiteral("Column type"));
    QCOMPARE(table->item(1, CheckProductionDialog::DetailColumn)->text(), report.findings[1].message);
    QCOMPARE(table->item(2, CheckProductionDialog::ResultColumn)->text(), QStringLiteral("✔"));
    const QString status = dialog.findChild<QLabel *>(QStringLiteral("checkStatusLabel"))->text();
    QVERIFY2(status.startsWith(QStringLiteral("✖ 2 difference")), qPrintable(status));
}

void TestCheckProduction::missingProdTable()
{
    const QString file = writeWorkspace(QStringLiteral("datasources-empty.json"), QStringLiteral("empty.db"));
    CheckProductionDialog dialog;
    QVERIFY(runCheck(dialog, file));
    QCOMPARE(codes(dialog.report().findings),
             (QStringList{QStringLiteral("prod.topic_missing"), QStringLiteral("prod.table_missing")}));
    QCOMPARE(dialog.report().findings[1].message,
             QStringLiteral("table clicks does not exist in the prod destination \"wh\""));
    QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("findingsTable"))
                 ->item(1, CheckProductionDialog::CheckColumn)
                 ->text(),
             QStringLiteral("Table"));
}

void TestCheckProduction::noDatasourcesFile()
{
    CheckProductionDialog dialog;
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("recheckButton"))->isEnabled()); // no checker yet
    QVERIFY(runCheck(dialog, QString()));
    QCOMPARE(codes(dialog.report().findings), QStringList{QStringLiteral("prod.check_failed")});
    QVERIFY(dialog.report().findings[0].message.contains(QLatin1String("datasources.json")));
    QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("findingsTable"))
                 ->item(0, CheckProductionDialog::CheckColumn)
                 ->text(),
             QStringLiteral("Not checked"));
}

void TestCheckProduction::fromTheMainWindow()
{
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_checkproduction"));
    QVERIFY(!writeWorkspace(QStringLiteral("datasources.json"), QStringLiteral("prod.db")).isEmpty());
    QFile task(m_dir.filePath(QStringLiteral("task.json")));
    QVERIFY(task.open(QIODevice::WriteOnly));
    task.write(kTask);
    task.close();
    kmsync::ui::MainWindow window;
    QVERIFY(kmsync::ui::test::openAndWait(window, task.fileName()));
    QStringList found;
    bool sawDialog = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<CheckProductionDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        sawDialog = true;
        QSignalSpy checked(dialog, &CheckProductionDialog::checked);
        if (!dialog->report().table.isEmpty() || checked.wait(60000)) // the check started before the dialog showed
            found = codes(dialog->report().findings);
        dialog->reject();
    });
    window.findChild<QAction *>(QStringLiteral("actionCheckProduction"))->trigger();
    QVERIFY(sawDialog);
    QCOMPARE(found, (QStringList{QStringLiteral("prod.topic_missing"), QStringLiteral("prod.column_type")}));
}

QTEST_MAIN(TestCheckProduction)
#include "tst_checkproduction.moc"
