// link: kmsync_widgets kmsync_engine
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include "engine/warehouse/localwarehouse.h"
#include "widgets/ddl/ddldialog.h"
#include "tests/widget/mainwindowio.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/taskeditor/taskeditor.h"

using kmsync::ui::DdlDialog;
using kmsync::ui::DdlResult;

class TestDdlDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createButtonNeedsACreator();
    void createsTheTableOffGuiThread();
    void generatesAndCreatesFromTheDestinationPage();

private:
    QTemporaryDir m_dir;
};

void TestDdlDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ddldialog"));
    QVERIFY(m_dir.isValid());
}

void TestDdlDialog::createButtonNeedsACreator()
{
    DdlDialog dialog(QStringLiteral("CREATE TABLE t (a STRING);"));
    auto *create = dialog.findChild<QPushButton *>(QStringLiteral("createTableButton"));
    QVERIFY(!create->isEnabled());
    dialog.setTableCreator([](const QString &, const kmsync::engine::StopToken &) { return DdlResult{true, {}}; });
    QVERIFY(create->isEnabled());
    QCOMPARE(dialog.ddl(), QStringLiteral("CREATE TABLE t (a STRING);"));
}

void TestDdlDialog::createsTheTableOffGuiThread()
{
    DdlDialog dialog(QStringLiteral("CREATE TABLE t (a STRING);"));
    QThread *ranOn = nullptr;
    QString ranDdl;
    dialog.setTableCreator([&](const QString &ddl, const kmsync::engine::StopToken &) {
        ranOn = QThread::currentThread();
        ranDdl = ddl;
        return DdlResult{false, QStringLiteral("table t already exists")};
    });
    // The user's edit is what runs.
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("ddlEdit"))
        ->setPlainText(QStringLiteral("CREATE TABLE u (b BIGINT);"));
    QSignalSpy created(&dialog, &DdlDialog::tableCreated);
    dialog.createTable();
    QVERIFY(created.wait(5000));
    QVERIFY(ranOn && ranOn != QThread::currentThread());
    QCOMPARE(ranDdl, QStringLiteral("CREATE TABLE u (b BIGINT);"));
    QVERIFY(!created.first().first().value<DdlResult>().ok);
    QVERIFY(
        dialog.findChild<QLabel *>(QStringLiteral("ddlStatusLabel"))->text().contains(QLatin1String("already exists")));
}

void TestDdlDialog::generatesAndCreatesFromTheDestinationPage()
{
    const QString samples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/");
    for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")})
        QVERIFY(QFile::copy(samples + name, m_dir.filePath(name)));
    kmsync::ui::MainWindow window;
    QVERIFY(kmsync::ui::test::openAndWait(window, m_dir.filePath(QStringLiteral("clicks-task.json"))));

    QString ddl;
    DdlResult result;
    bool sawDialog = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<DdlDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        sawDialog = true;
        ddl = dialog->ddl();
        QSignalSpy created(dialog, &DdlDialog::tableCreated);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("createTableButton")), Qt::LeftButton);
        if (created.wait(10000))
            result = created.first().first().value<DdlResult>();
        dialog->reject();
    });
    kmsync::ui::DestinationPage *destination = window.editor()->destinationPage();
    QSignalSpy tablesLoaded(destination, &kmsync::ui::DestinationPage::tablesLoaded);
    QTest::mouseClick(destination->findChild<QToolButton *>(QStringLiteral("generateDdlButton")), Qt::LeftButton);
    QVERIFY(sawDialog);
    QVERIFY2(ddl.contains(QLatin1String("CREATE TABLE IF NOT EXISTS `clicks`")), qPrintable(ddl));
    QVERIFY2(ddl.contains(QLatin1String("PARTITIONED BY")) && ddl.contains(QLatin1String("`ds` STRING")),
             qPrintable(ddl.right(300)));
    QVERIFY2(result.ok, qPrintable(result.message));

    // The warehouse has the table, and the refreshed listing gives the mapping its column types.
    {
        auto warehouse = kmsync::engine::warehouse::LocalWarehouse::open(
            m_dir.filePath(QStringLiteral("warehouse.db")));
        QVERIFY(warehouse.ok());
        auto tables = (*warehouse)->tables();
        QVERIFY(tables.ok());
        QVERIFY(tables->contains(QStringLiteral("clicks")));
    }
    QVERIFY(tablesLoaded.count() > 0 || tablesLoaded.wait(10000));
    QCOMPARE(destination->partitionKeys(), QStringList{QStringLiteral("ds")});
    const auto mapping = window.editor()->task().mapping;
    bool offsetIsBigint = false;
    for (const auto &target : mapping.targets)
        offsetIsBigint = offsetIsBigint
                      || (target.name == QLatin1String("__offset__") && target.type == QLatin1String("BIGINT"));
    QVERIFY(offsetIsBigint);
    QCOMPARE(mapping.links.size(), size_t(16)); // every link survived: the generated table has every mapped column
}

QTEST_MAIN(TestDdlDialog)
#include "tst_ddldialog.moc"
