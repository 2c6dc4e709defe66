// link: kmsync_widgets kmsync_engine
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "engine/config/datasources.h"
#include "engine/warehouse/csvwriter.h"
#include "engine/warehouse/localwarehouse.h"
#include "widgets/mainwindow/mainwindow.h"
#include "tests/widget/mainwindowio.h"
#include "widgets/results/querypanel.h"
#include "widgets/run/runpanel.h"

using kmsync::engine::config::Datasources;
using kmsync::ui::QueryOutcome;
using kmsync::ui::QueryPanel;

namespace {

constexpr int kRows = 37;
const QString kPartition = QStringLiteral("2026112610");

} // namespace

// The Results panel on a local warehouse in a temporary folder: the seed's two checks, the result grid, CSV export.
class TestQueryPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void checkQueries_data();
    void checkQueries();
    void targetFromTaskAndParameters();
    void countCheckReturnsRowsOfThePartition();
    void selectCheckAndCsvExport();
    void badSqlShowsReason();
    void resultsActionChecksTheTasksPartition();

private:
    QueryPanel::QueryRunner runner();
    bool run(QueryPanel &panel, const QString &sql);

    QTemporaryDir m_dir;
    Datasources m_datasources;
    QThread *m_ranOn = nullptr;
};

void TestQueryPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto loaded = Datasources::fromJson(
        QJsonDocument::fromJson(R"({"datasources": {"wh": {"type": "local", "connection": {"path": "warehouse.db"}}}})")
            .object(),
        QStringLiteral("dev"), m_dir.path());
    QVERIFY(loaded.ok());
    m_datasources = *loaded;

    // clicks: kRows rows in the checked partition, 5 in another one.
    auto warehouse = kmsync::engine::warehouse::LocalWarehouse::open(m_dir.filePath(QStringLiteral("warehouse.db")));
    QVERIFY(warehouse.ok());
    auto created =
        (*warehouse)
            ->executeSql(QStringLiteral(
                "CREATE TABLE clicks (event_id STRING, amount DOUBLE, note STRING) PARTITIONED BY (ds STRING);"));
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
    for (const auto &[spec, count] :
         {std::pair{QStringLiteral("ds=") + kPartition, kRows}, std::pair{QStringLiteral("ds=2026112609"), 5}}) {
        QVERIFY((*warehouse)->tableSchema(QStringLiteral("clicks")).ok());
        QVERIFY((*warehouse)->begin({QStringLiteral("clicks"), spec, true}).ok());
        std::vector<kmsync::engine::Row> rows;
        for (int i = 0; i < count; ++i) {
            kmsync::engine::Row row{std::string("e-") + std::to_string(i), double(i) + 0.5,
                                    i == 3 ? kmsync::engine::Value{}
                                           : kmsync::engine::Value{std::string("a, \"quoted\" note")}};
            rows.push_back(row);
        }
        QVERIFY((*warehouse)->write(rows).ok());
        QVERIFY((*warehouse)->commit().ok());
    }
}

QueryPanel::QueryRunner TestQueryPanel::runner()
{
    const Datasources datasources = m_datasources;
    return [this, datasources](const QString &sql, const kmsync::engine::StopToken &stop) {
        m_ranOn = QThread::currentThread();
        return kmsync::ui::queryDatasource(datasources, QStringLiteral("wh"), sql, QueryPanel::kMaxRows, nullptr, stop);
    };
}

bool TestQueryPanel::run(QueryPanel &panel, const QString &sql)
{
    panel.setSql(sql);
    QSignalSpy finished(&panel, &QueryPanel::queryFinished);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("runQueryButton")), Qt::LeftButton);
    return finished.count() > 0 || finished.wait(20000);
}

void TestQueryPanel::checkQueries_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("partition");
    QTest::addColumn<QStringList>("queries");
    QTest::newRow("seed") << "clicks"
                          << "ds=2026112610"
                          << QStringList{"select * from clicks where ds=2026112610 limit 10",
                                         "select count(*) from clicks where ds=2026112610"};
    QTest::newRow("two keys") << "t"
                              << "ds=20221122,hh=10"
                              << QStringList{"select * from t where ds=20221122 and hh=10 limit 10",
                                             "select count(*) from t where ds=20221122 and hh=10"};
    QTest::newRow("text value") << "t"
                                << "region=cn-shanghai"
                                << QStringList{"select * from t where region='cn-shanghai' limit 10",
                                               "select count(*) from t where region='cn-shanghai'"};
    QTest::newRow("no partition") << "t"
                                  << "" << QStringList{"select * from t limit 10", "select count(*) from t"};
}

void TestQueryPanel::checkQueries()
{
    QFETCH(QString, table);
    QFETCH(QString, partition);
    QFETCH(QStringList, queries);
    QCOMPARE(QueryPanel::checkQueries(table, partition), queries);
    QueryPanel panel;
    panel.setTarget(table, partition);
    QCOMPARE(panel.checks(), queries);
    QCOMPARE(panel.sql(), queries.first());
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("checkCombo"));
    combo->setCurrentIndex(1);
    Q_EMIT combo->activated(1);
    QCOMPARE(panel.sql(), queries.at(1));
}

void TestQueryPanel::targetFromTaskAndParameters()
{
    QFile sample(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    kmsync::ui::RunRequest request;
    request.config = *kmsync::engine::config::TaskConfig::fromJsonBytes(sample.readAll());
    request.parameters = {{QStringLiteral("partition"), QStringLiteral("$[yyyymmddhh24-1/24]")}};
    request.cyctime = QDateTime(QDate(2026, 11, 26), QTime(10, 15));
    const kmsync::ui::QueryTarget target = kmsync::ui::resolveQueryTarget(request);
    QVERIFY2(target.error.isEmpty(), qPrintable(target.error));
    QCOMPARE(target.datasource, QStringLiteral("local_wh"));
    QCOMPARE(target.table, QStringLiteral("clicks"));
    QCOMPARE(target.partitionSpec, QStringLiteral("ds=2026112609"));

    request.config = {}; // no destination table
    QVERIFY(!kmsync::ui::resolveQueryTarget(request).error.isEmpty());
}

void TestQueryPanel::countCheckReturnsRowsOfThePartition()
{
    QueryPanel panel;
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("runQueryButton"))->isEnabled()); // no runner yet
    panel.setQueryRunner(runner());
    panel.setTarget(QStringLiteral("clicks"), QStringLiteral("ds=") + kPartition);
    m_ranOn = nullptr;
    QVERIFY(run(panel, panel.checks().at(1)));
    QVERIFY(m_ranOn && m_ranOn != QThread::currentThread());
    QVERIFY2(panel.outcome().error.isEmpty(), qPrintable(panel.outcome().error));
    auto *grid = panel.findChild<QTableWidget *>(QStringLiteral("resultTable"));
    QCOMPARE(grid->rowCount(), 1);
    QCOMPARE(grid->columnCount(), 1);
    QCOMPARE(grid->item(0, 0)->text(), QString::number(kRows));
    QVERIFY2(panel.statusText().contains(QLatin1String("1 row")), qPrintable(panel.statusText()));
}

void TestQueryPanel::selectCheckAndCsvExport()
{
    QueryPanel panel;
    panel.setQueryRunner(runner());
    auto *exportButton = panel.findChild<QPushButton *>(QStringLiteral("exportCsvButton"));
    QVERIFY(!exportButton->isEnabled());
    const QString file = m_dir.filePath(QStringLiteral("result.csv"));
    QVERIFY(!panel.exportCsv(file)); // nothing to export yet
    QVERIFY(!QFile::exists(file));

    panel.setTarget(QStringLiteral("clicks"), QStringLiteral("ds=") + kPartition);
    QVERIFY(run(panel, panel.checks().at(0)));
    QVERIFY2(panel.outcome().error.isEmpty(), qPrintable(panel.outcome().error));
    const auto &result = panel.outcome().result;
    auto *grid = panel.findChild<QTableWidget *>(QStringLiteral("resultTable"));
    QCOMPARE(grid->rowCount(), 10);
    QCOMPARE(grid->horizontalHeaderItem(0)->text(), QStringLiteral("event_id"));
    QVERIFY(result.columns.contains(QStringLiteral("ds")));
    for (int row = 0; row < grid->rowCount(); ++row)
        QCOMPARE(grid->item(row, int(result.columns.indexOf(QStringLiteral("ds"))))->text(), kPartition);
    QVERIFY(exportButton->isEnabled());

    QSignalSpy exported(&panel, &QueryPanel::csvExported);
    QVERIFY(panel.exportCsv(file));
    QVERIFY(!exportButton->isEnabled()); // written on a worker meanwhile
    QVERIFY(exported.wait(10000));
    QCOMPARE(exported.first().first().toBool(), true);
    QVERIFY(exportButton->isEnabled());
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    QCOMPARE(bytes, kmsync::engine::warehouse::toCsv(result, kmsync::engine::warehouse::CsvLineEnd::CrLf));
    const QList<QByteArray> lines = bytes.split('\n');
    QCOMPARE(lines.first(), QByteArray("event_id,amount,note,ds\r"));
    QCOMPARE(lines.size(), 12); // header, 10 rows, and the empty rest after the last CRLF
    QVERIFY(bytes.contains("\"a, \"\"quoted\"\" note\""));
    QVERIFY2(panel.statusText().contains(QLatin1String("10 row")), qPrintable(panel.statusText()));

    // A write that fails is reported, on the status line and by the signal.
    exported.clear();
    QVERIFY(panel.exportCsv(m_dir.filePath(QStringLiteral("no/such/dir/result.csv"))));
    QVERIFY(exported.wait(10000));
    QCOMPARE(exported.first().first().toBool(), false);
    QVERIFY2(panel.statusText().contains(QLatin1String("Could not write")), qPrintable(panel.statusText()));
}

void TestQueryPanel::badSqlShowsReason()
{
    QueryPanel panel;
    panel.setQueryRunner(runner());
    QVERIFY(run(panel, QStringLiteral("select * from no_such_table")));
    QVERIFY(!panel.outcome().error.isEmpty());
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("✖"))
                 && panel.statusText().contains(QLatin1String("no_such_table")),
             qPrintable(panel.statusText()));
    QCOMPARE(panel.findChild<QTableWidget *>(QStringLiteral("resultTable"))->rowCount(), 0);
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("exportCsvButton"))->isEnabled());
}

void TestQueryPanel::resultsActionChecksTheTasksPartition()
{
    // The sample task (writer: local_wh, table clicks, partition ds=${partition}) next to this warehouse.
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_querypanel"));
    const QString samples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/");
    QVERIFY(
        QFile::copy(samples + QStringLiteral("clicks-task.json"), m_dir.filePath(QStringLiteral("clicks-task.json"))));
    QFile datasources(m_dir.filePath(QStringLiteral("datasources.json")));
    QVERIFY(datasources.open(QIODevice::WriteOnly));
    datasources.write(R"({"datasources": {"sandbox_kafka": {"type": "kafka", "connection": {"sandbox": true}},
                                          "local_wh": {"type": "local", "connection": {"path": "warehouse.db"}}}})");
    datasources.close();
    kmsync::ui::MainWindow window;
    QVERIFY(kmsync::ui::test::openAndWait(window, m_dir.filePath(QStringLiteral("clicks-task.json"))));
    window.runPanel()->setParameters(QStringLiteral("partition=") + kPartition);
    window.findChild<QAction *>(QStringLiteral("actionResults"))->trigger();
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("queryDock"))->isVisibleTo(&window));
    auto *panel = window.findChild<QueryPanel *>(QStringLiteral("queryPanel"));
    QVERIFY(panel);
    QCOMPARE(panel->checks(), QueryPanel::checkQueries(QStringLiteral("clicks"), QStringLiteral("ds=") + kPartition));
    QVERIFY(run(*panel, panel->checks().at(1)));
    QVERIFY2(panel->outcome().error.isEmpty(), qPrintable(panel->outcome().error));
    QCOMPARE(panel->outcome().result.rows.at(0).at(0).value_or(QString()), QString::number(kRows));
}

QTEST_MAIN(TestQueryPanel)
#include "tst_querypanel.moc"
