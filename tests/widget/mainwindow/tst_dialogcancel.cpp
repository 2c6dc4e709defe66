// link: kmsync_widgets kmsync_engine
// Closing a dialog (or panel, or page) while its worker waits on a server that never answers: the GUI thread never
// stalls (a 10 ms GUI-thread ticker sees no gap of 250 ms or more), and the worker, told to stop, ends within a
// second of the close. The server is a TCP listener that accepts and stays silent, the slowest server there is: a
// MaxCompute request would wait its 120 s timeout, a Kafka metadata request its 10 s.
#include <algorithm>
#include <functional>
#include <memory>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include "engine/config/datasources.h"
#include "engine/core/stoptoken.h"
#include "widgets/results/checkproductiondialog.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/common/engineadapter.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/results/querypanel.h"
#include "widgets/taskeditor/sourcepage.h"

using kmsync::engine::StopToken;
using kmsync::engine::config::Datasources;
using namespace kmsync::ui;

namespace {

constexpr qint64 kMaxStallMs = 250;
constexpr qint64 kStopBudgetMs = 1000;

// Accepts every connection and never sends a byte.
class SilentServer final : public QTcpServer
{
public:
    SilentServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                socket->setParent(this);
                ++m_accepted;
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
    int accepted() const { return m_accepted; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(serverPort()); }

private:
    int m_accepted = 0;
};

const QByteArray kTask = R"({"type": "job", "version": "2.0", "steps": [
    {"stepType": "kafka", "category": "reader", "name": "Reader",
     "parameter": {"datasource": "kafka", "topic": "clicks", "column": ["__value__"],
                   "beginDateTime": "20260101000000", "endDateTime": "20260101010000"}},
    {"stepType": "odps", "category": "writer", "name": "Writer",
     "parameter": {"datasource": "mc", "table": "clicks", "column": ["__value__"]}}],
    "setting": {"speed": {"concurrent": 1}}})";

// A 10 ms GUI-thread ticker: the largest gap between its ticks is the longest the GUI thread was blocked.
class StallMeter
{
public:
    StallMeter()
    {
        m_ticker.setTimerType(Qt::PreciseTimer);
        m_ticker.setInterval(10);
        QObject::connect(&m_ticker, &QTimer::timeout, &m_ticker, [this] {
            m_largest = std::max(m_largest, m_sinceTick.restart());
            ++m_ticks;
        });
        m_sinceTick.start();
        m_ticker.start();
    }
    qint64 largestGap() const { return m_largest; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    qint64 m_largest = 0;
    int m_ticks = 0;
};

} // namespace

class TestDialogCancel final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SilentServer m_server;
    QString m_datasourcesFile;
    Datasources m_datasources;

    // Waits until the worker has reached the silent server, then closes `widget` from the event loop while the
    // ticker runs; checks the largest stall and that every worker has ended within a second of the close.
    void closeWhileWaiting(const char *what, QWidget *widget, int connectionsBefore)
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_server.accepted() > connectionsBefore, 10000);
        QTest::qWait(100); // the request is out; its answer would take minutes
        QVERIFY(QThreadPool::globalInstance()->activeThreadCount() > 0);
        StallMeter meter;
        QTRY_VERIFY(meter.ticks() >= 5);
        QElapsedTimer sinceClose;
        QTimer::singleShot(0, widget, [widget, &sinceClose] {
            sinceClose.start();
            widget->close();
            delete widget;
        });
        QTRY_VERIFY_WITH_TIMEOUT(sinceClose.isValid() && QThreadPool::globalInstance()->activeThreadCount() == 0,
                                 10000);
        const qint64 stopped = sinceClose.elapsed();
        QTest::qWait(50);
        qInfo("%s: largest GUI stall %lld ms over %d ticks; worker ended %lld ms after the close", what,
              meter.largestGap(), meter.ticks(), stopped);
        QVERIFY2(meter.largestGap() < kMaxStallMs, qPrintable(QStringLiteral("%1: the GUI thread was blocked for %2 ms")
                                                                  .arg(QLatin1String(what))
                                                                  .arg(meter.largestGap())));
        QVERIFY2(stopped < kStopBudgetMs, qPrintable(QStringLiteral("%1: the worker ended %2 ms after the close")
                                                         .arg(QLatin1String(what))
                                                         .arg(stopped)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.isListening());
        // The same silent server for dev and prod, for Kafka and MaxCompute.
        const QJsonObject kafka{{QStringLiteral("type"), QStringLiteral("kafka")},
                                {QStringLiteral("connection"),
                                 QJsonObject{{QStringLiteral("bootstrap.servers"), m_server.address()}}}};
        const QJsonObject mc{{QStringLiteral("type"), QStringLiteral("odps")},
                             {QStringLiteral("connection"),
                              QJsonObject{{QStringLiteral("endpoint"),
                                           QStringLiteral("http://%1/api").arg(m_server.address())},
                                          {QStringLiteral("project"), QStringLiteral("p")},
                                          {QStringLiteral("accessId"), QStringLiteral("id")},
                                          {QStringLiteral("accessKey"), QStringLiteral("key")}}}};
        // A local warehouse without the table: a preview into it goes straight to Kafka.
        const QJsonObject wh{{QStringLiteral("type"), QStringLiteral("local")},
                             {QStringLiteral("connection"),
                              QJsonObject{{QStringLiteral("path"), m_dir.filePath(QStringLiteral("wh.db"))}}}};
        const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("datasources"),
                                                           QJsonObject{{QStringLiteral("kafka"), kafka},
                                                                       {QStringLiteral("mc"), mc},
                                                                       {QStringLiteral("wh"), wh}}}})
                                    .toJson();
        m_datasourcesFile = m_dir.filePath(QStringLiteral("datasources.json"));
        QFile file(m_datasourcesFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        auto loaded = Datasources::load(m_datasourcesFile, QStringLiteral("dev"));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
        m_datasources = *loaded;
        QFile task(m_dir.filePath(QStringLiteral("task.json")));
        QVERIFY(task.open(QIODevice::WriteOnly));
        task.write(kTask);
    }
    void cleanup() { QVERIFY(QThreadPool::globalInstance()->waitForDone(5000)); }

    void productionCheck()
    {
        const int before = m_server.accepted();
        auto *dialog = new CheckProductionDialog;
        const QString file = m_datasourcesFile;
        const auto task = kmsync::engine::config::TaskConfig::fromJsonBytes(kTask).value();
        dialog->setChecker(
            [task, file](const StopToken &stop) { return checkTaskInProduction(task, file, nullptr, stop); });
        dialog->show();
        dialog->check();
        closeWhileWaiting("production check", dialog, before);
    }

    void ddlCreateTable()
    {
        const int before = m_server.accepted();
        auto *dialog = new DdlDialog(QStringLiteral("CREATE TABLE t (a STRING);"));
        const Datasources datasources = m_datasources;
        dialog->setTableCreator([datasources](const QString &ddl, const StopToken &stop) {
            return runDdl(datasources, QStringLiteral("mc"), ddl, nullptr, stop);
        });
        dialog->show();
        dialog->createTable();
        closeWhileWaiting("DDL create table", dialog, before);
    }

    void queryPanel()
    {
        const int before = m_server.accepted();
        auto *panel = new QueryPanel;
        const Datasources datasources = m_datasources;
        panel->setQueryRunner([datasources](const QString &sql, const StopToken &stop) {
            return queryDatasource(datasources, QStringLiteral("mc"), sql, QueryPanel::kMaxRows, nullptr, stop);
        });
        panel->setSql(QStringLiteral("select * from clicks limit 10"));
        panel->show();
        panel->runQuery();
        QVERIFY(panel->isRunning());
        closeWhileWaiting("query panel", panel, before);
    }

    // The Results panel stays open: its Run button says "Stop query" while a query runs, and stops it; the
    // outcome says so.
    void queryPanelCancel()
    {
        const int before = m_server.accepted();
        QueryPanel panel;
        const Datasources datasources = m_datasources;
        panel.setQueryRunner([datasources](const QString &sql, const StopToken &stop) {
            return queryDatasource(datasources, QStringLiteral("mc"), sql, QueryPanel::kMaxRows, nullptr, stop);
        });
        panel.setSql(QStringLiteral("select count(*) from clicks"));
        panel.show();
        panel.runQuery();
        QTRY_VERIFY_WITH_TIMEOUT(m_server.accepted() > before, 10000);
        QSignalSpy finished(&panel, &QueryPanel::queryFinished);
        auto *button = panel.findChild<QPushButton *>(QStringLiteral("runQueryButton"));
        QVERIFY(button && button->isEnabled());
        QCOMPARE(button->text(), QStringLiteral("&Stop query"));
        QElapsedTimer sinceCancel;
        sinceCancel.start();
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(finished.wait(5000));
        qInfo("query panel: cancelled query finished %lld ms after the cancel", sinceCancel.elapsed());
        QVERIFY(sinceCancel.elapsed() < kStopBudgetMs);
        QVERIFY2(panel.outcome().error.contains(QLatin1String("cancelled")), qPrintable(panel.outcome().error));
        QCOMPARE(button->text(), QStringLiteral("Run &query"));
    }

    void messagePreview_data()
    {
        QTest::addColumn<QString>("writer");
        QTest::newRow("MaxCompute table schema") << QStringLiteral("mc");
        QTest::newRow("Kafka messages") << QStringLiteral("wh");
    }
    void messagePreview()
    {
        QFETCH(QString, writer);
        const int before = m_server.accepted();
        RunRequest request;
        request.config = *kmsync::engine::config::TaskConfig::fromJsonBytes(
            QByteArray(kTask).replace("\"datasource\": \"mc\"", "\"datasource\": \"" + writer.toUtf8() + '"'));
        request.taskPath = m_dir.filePath(QStringLiteral("task.json"));
        auto *dialog = new MessagePreviewDialog(request);
        dialog->show();
        dialog->fetch();
        QVERIFY(dialog->isFetching());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.accepted() > before || !dialog->isFetching(), 10000);
        QVERIFY2(dialog->isFetching(), qPrintable(dialog->outcome().error));
        closeWhileWaiting(writer == QLatin1String("mc") ? "message preview (MaxCompute)" : "message preview (Kafka)",
                          dialog, before);
    }

    void datasourceTestConnection_data()
    {
        QTest::addColumn<QString>("datasource");
        QTest::newRow("kafka") << QStringLiteral("kafka");
        QTest::newRow("odps") << QStringLiteral("mc");
    }
    void datasourceTestConnection()
    {
        QFETCH(QString, datasource);
        const int before = m_server.accepted();
        auto *dialog = new DatasourceDialog(m_datasources);
        dialog->setConnectionTester(&kmsync::ui::testConnection);
        dialog->show();
        QVERIFY(dialog->selectDatasource(datasource));
        dialog->testSelected();
        QVERIFY(dialog->isTesting());
        closeWhileWaiting(datasource == QLatin1String("kafka") ? "test connection (Kafka)"
                                                               : "test connection (MaxCompute)",
                          dialog, before);
    }

    void topicAndTableLists()
    {
        {
            const int before = m_server.accepted();
            auto *page = new SourcePage;
            const Datasources datasources = m_datasources;
            page->setDatasources({QStringLiteral("kafka")});
            SourceForm form;
            form.datasource = QStringLiteral("kafka");
            page->setConfig(form);
            page->setTopicLister([datasources](const QString &name, const StopToken &stop) {
                return listTopics(datasources, name, nullptr, stop);
            });
            page->show();
            page->refreshTopics();
            QVERIFY(page->isRefreshing());
            closeWhileWaiting("topic list", page, before);
        }
        {
            const int before = m_server.accepted();
            auto *page = new DestinationPage;
            const Datasources datasources = m_datasources;
            page->setDatasources({QStringLiteral("mc")});
            DestinationForm form;
            form.datasource = QStringLiteral("mc");
            page->setConfig(form);
            page->setTableLister([datasources](const QString &name, const StopToken &stop) {
                return listTables(datasources, name, nullptr, stop);
            });
            page->show();
            page->refreshTables();
            QVERIFY(page->isRefreshing());
            closeWhileWaiting("table list", page, before);
        }
    }
};

QTEST_MAIN(TestDialogCancel)
#include "tst_dialogcancel.moc"
