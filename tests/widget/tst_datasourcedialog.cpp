// link: kmsync_widgets kmsync_engine
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "widgets/datasourcedialog.h"
#include "widgets/engineadapter.h"

using kmsync::engine::config::Datasource;
using kmsync::engine::config::Datasources;
using kmsync::ui::ConnectionCheck;
using kmsync::ui::DatasourceDialog;

namespace {

Datasources workspace(const QString &dir)
{
    const QByteArray json = R"({"datasources": {
        "kafka_dev": {"type": "kafka", "connection": {"bootstrap.servers": "broker1:9092",
                                                      "sasl.username": "reader", "sasl.password": "hunter2-secret"}},
        "wh": {"type": "local", "connection": {"path": "warehouse.db"}}
    }})";
    auto loaded = Datasources::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("dev"), dir);
    return loaded ? *loaded : Datasources{};
}

} // namespace

class TestDatasourceDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsDatasourcesWithSecretsMasked();
    void testsConnectionOffGuiThread();
    void localWarehouseCheck();

private:
    QTemporaryDir m_dir;
};

void TestDatasourceDialog::listsDatasourcesWithSecretsMasked()
{
    DatasourceDialog dialog(workspace(m_dir.path()));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("datasourceTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QStringList names;
    for (int row = 0; row < table->rowCount(); ++row) {
        names.append(table->item(row, 0)->text());
        for (int column = 0; column < table->columnCount(); ++column)
            QVERIFY2(!table->item(row, column)->text().contains(QLatin1String("hunter2")), "a secret is shown");
    }
    QCOMPARE(names, (QStringList{QStringLiteral("kafka_dev"), QStringLiteral("wh")}));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("kafka"));
    QVERIFY(table->item(0, 2)->text().contains(QLatin1String("broker1:9092")));
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("testButton"))->isEnabled()); // no tester yet
}

void TestDatasourceDialog::testsConnectionOffGuiThread()
{
    DatasourceDialog dialog(workspace(m_dir.path()));
    QThread *testedOn = nullptr;
    QString testedName;
    dialog.setConnectionTester([&](const Datasource &ds) {
        testedOn = QThread::currentThread();
        testedName = ds.name;
        return ConnectionCheck{false, QStringLiteral("broker1:9092 is unreachable")};
    });
    QVERIFY(dialog.selectDatasource(QStringLiteral("kafka_dev")));
    QVERIFY(!dialog.selectDatasource(QStringLiteral("nope")));
    QSignalSpy tested(&dialog, &DatasourceDialog::connectionTested);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
    QVERIFY(tested.wait(5000));
    QVERIFY(testedOn && testedOn != QThread::currentThread());
    QCOMPARE(testedName, QStringLiteral("kafka_dev"));
    const auto check = tested.first().first().value<ConnectionCheck>();
    QVERIFY(!check.ok);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("testStatusLabel"))->text().contains(QLatin1String("unreachable")));
}

void TestDatasourceDialog::localWarehouseCheck()
{
    // The real tester on a local datasource whose file does not exist says which file.
    const Datasources ds = workspace(m_dir.path());
    const auto wh = ds.resolve(QStringLiteral("wh"));
    QVERIFY(wh.ok());
    const ConnectionCheck check = kmsync::ui::testConnection(*wh);
    QVERIFY(!check.ok);
    QVERIFY2(check.message.contains(QLatin1String("warehouse.db")), qPrintable(check.message));
}

QTEST_MAIN(TestDatasourceDialog)
#include "tst_datasourcedialog.moc"
