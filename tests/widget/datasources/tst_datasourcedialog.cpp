// link: kmsync_widgets kmsync_engine
#include <functional>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "widgets/datasources/datasourcedialog.h"
#include "widgets/datasources/datasourceeditdialog.h"
#include "widgets/common/engineadapter.h"

using kmsync::engine::config::Datasource;
using kmsync::engine::config::Datasources;
using kmsync::ui::ConnectionCheck;
using kmsync::ui::DatasourceDialog;
using kmsync::ui::DatasourceEditDialog;

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

// A datasources.json on disk: a Kafka source with a clear-text password and a property the form does not show
// as a field, a MaxCompute entry with a clear-text accessKey and keys the form does not know, a local warehouse.
QString writeWorkspace(const QString &dir)
{
    const QString file = dir + QStringLiteral("/datasources.json");
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(R"({"datasources": {
        "kafka_dev": {"type": "kafka", "connection": {"bootstrap.servers": "broker1:9092", "client.id": "kmsync-reader",
                                                      "sasl.username": "reader", "sasl.password": "hunter2-secret"}},
        "mc": {"type": "odps", "owner": "analytics", "connection": {"endpoint": "https:\/\/mc.example\/api", "project": "p1",
               "accessId": "LTAIid", "accessKey": "planted-access-key", "region": "cn-shanghai"}},
        "wh": {"type": "local", "connection": {"path": "warehouse.db"}}
    }})");
    return file;
}

// Runs `act` on the next modal window (a dialog's exec() or a message box) once it is open.
void onModal(const std::function<void(QWidget *)> &act, int attempts = 200)
{
    QTimer::singleShot(10, [act, attempts] {
        if (QWidget *modal = QApplication::activeModalWidget())
            act(modal);
        else if (attempts > 0)
            onModal(act, attempts - 1);
    });
}

template <typename T>
T *field(QWidget *form, const char *connection, const char *key)
{
    auto *part = form->findChild<QWidget *>(QString::fromLatin1(connection));
    return part ? part->findChild<T *>(QString::fromLatin1(key)) : nullptr;
}

void setType(QWidget *form, const char *type)
{
    auto *combo = form->findChild<QComboBox *>(QStringLiteral("typeCombo"));
    combo->setCurrentIndex(combo->findData(QString::fromLatin1(type)));
}

QString errorText(QWidget *form, const QString &fieldName)
{
    const auto *label = form->findChild<QLabel *>(fieldName + QStringLiteral("Error"));
    return label && !label->isHidden() ? label->text() : QString();
}

} // namespace

class TestDatasourceDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsDatasourcesWithSecretsMasked();
    void unresolvedEnvKeepsTypeAndNamesTheReference();
    void testsConnectionOffGuiThread();
    void localWarehouseCheck();
    void addsKafkaWithSeparateEnvironments();
    void addsLocalAndMaxComputeWithSecret();
    void editKeepsUnknownKeysAndUnchangedSecret();
    void renameReplacesTheEntry();
    void removeAsksFirst();
    void validationNamesFieldAndValue();

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

// A MaxCompute datasource whose ${env:} variable is unset: its type is known from the file, and the Connection
// column names the unresolved reference.
void TestDatasourceDialog::unresolvedEnvKeepsTypeAndNamesTheReference()
{
    qunsetenv("KMSYNC_TEST_UNSET_MC_KEY");
    const QByteArray json = R"({"datasources": {
        "mc": {"type": "odps", "connection": {"endpoint": "https://mc.example/api", "project": "p1",
               "accessId": "LTAIid", "accessKey": "${env:KMSYNC_TEST_UNSET_MC_KEY}"}}
    }})";
    auto loaded = Datasources::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("dev"), m_dir.path());
    QVERIFY(loaded.ok());
    QVERIFY(!loaded->resolve(QStringLiteral("mc")).ok());
    DatasourceDialog dialog(*loaded);
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("datasourceTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("mc"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("odps"));
    QVERIFY2(table->item(0, 2)->text().contains(QLatin1String("KMSYNC_TEST_UNSET_MC_KEY")),
             qPrintable(table->item(0, 2)->text()));
}

void TestDatasourceDialog::testsConnectionOffGuiThread()
{
    DatasourceDialog dialog(workspace(m_dir.path()));
    QThread *testedOn = nullptr;
    QString testedName;
    dialog.setConnectionTester([&](const Datasource &ds, const kmsync::engine::StopToken &) {
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
    QVERIFY(
        dialog.findChild<QLabel *>(QStringLiteral("testStatusLabel"))->text().contains(QLatin1String("unreachable")));
}

void TestDatasourceDialog::localWarehouseCheck()
{
    // The real tester on a local datasource whose file does not exist says which file.
    const Datasources ds = workspace(m_dir.path());
    const auto wh = ds.resolve(QStringLiteral("wh"));
    QVERIFY(wh.ok());
    const kmsync::engine::StopToken stop;
    const ConnectionCheck check = kmsync::ui::testConnection(*wh, stop);
    QVERIFY(!check.ok);
    QVERIFY2(check.message.contains(QLatin1String("warehouse.db")), qPrintable(check.message));
}

void TestDatasourceDialog::addsKafkaWithSeparateEnvironments()
{
    QTemporaryDir dir;
    const QString file = writeWorkspace(dir.path());
    auto loaded = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(loaded.ok());
    DatasourceDialog dialog(*loaded);
    QString tested;
    dialog.setConnectionTester([&](const Datasource &ds, const kmsync::engine::StopToken &) {
        tested = ds.name + QLatin1Char(' ') + ds.connection.value(QStringLiteral("bootstrap.servers")).toString();
        return ConnectionCheck{true, QStringLiteral("ok")};
    });
    dialog.show();
    QSignalSpy saved(&dialog, &DatasourceDialog::datasourcesSaved);
    bool filled = false;
    onModal([&](QWidget *modal) {
        auto *form = qobject_cast<DatasourceEditDialog *>(modal);
        if (!form)
            return;
        QTest::keyClicks(form->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("clicks_kafka"));
        setType(form, "kafka");
        form->findChild<QComboBox *>(QStringLiteral("layoutCombo"))->setCurrentIndex(1);
        QCOMPARE(form->findChild<QTabWidget *>(QStringLiteral("environmentTabs"))->count(), 2);
        field<QLineEdit>(form, "firstConnection", "bootstrap.servers")->setText(QStringLiteral("dev-broker:9092"));
        field<QLineEdit>(form, "secondConnection", "bootstrap.servers")->clear();
        field<QLineEdit>(form, "secondConnection", "bootstrap.servers")->setText(QStringLiteral("prod-broker:9093"));
        field<QComboBox>(form, "secondConnection", "security.protocol")->setCurrentText(QStringLiteral("SASL_SSL"));
        filled = true;
        form->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save)->click();
    });
    dialog.findChild<QPushButton *>(QStringLiteral("addButton"))->click();
    QVERIFY(filled);
    QVERIFY(saved.wait(5000));
    QVERIFY(saved.first().first().value<Datasources>().names().contains(QStringLiteral("clicks_kafka")));

    const auto dev = Datasources::load(file, QStringLiteral("dev"));
    const auto prod = Datasources::load(file, QStringLiteral("prod"));
    QVERIFY(dev.ok() && prod.ok());
    QCOMPARE(
        dev->resolve(QStringLiteral("clicks_kafka"))->connection.value(QStringLiteral("bootstrap.servers")).toString(),
        QStringLiteral("dev-broker:9092"));
    const auto prodKafka = prod->resolve(QStringLiteral("clicks_kafka"));
    QVERIFY(prodKafka.ok());
    QCOMPARE(prodKafka->connection.value(QStringLiteral("bootstrap.servers")).toString(),
             QStringLiteral("prod-broker:9093"));
    QCOMPARE(prodKafka->connection.value(QStringLiteral("security.protocol")).toString(), QStringLiteral("SASL_SSL"));
    QVERIFY(!prodKafka->raw.contains(QStringLiteral("connection")));
    QCOMPARE(dev->names().size(), 4);

    // The list shows it and "Test connection" works on it.
    QVERIFY(dialog.selectDatasource(QStringLiteral("clicks_kafka")));
    QSignalSpy checked(&dialog, &DatasourceDialog::connectionTested);
    dialog.testSelected();
    QVERIFY(checked.wait(5000));
    QCOMPARE(tested, QStringLiteral("clicks_kafka dev-broker:9092"));
}

void TestDatasourceDialog::addsLocalAndMaxComputeWithSecret()
{
    QTemporaryDir dir;
    const QString file = writeWorkspace(dir.path());
    auto loaded = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(loaded.ok());
    DatasourceDialog dialog(*loaded);
    QSignalSpy saved(&dialog, &DatasourceDialog::datasourcesSaved);
    {
        DatasourceEditDialog form(*loaded);
        form.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("archive"));
        setType(&form, "local");
        field<QLineEdit>(&form, "firstConnection", "path")->setText(QStringLiteral("data/archive.db"));
        QVERIFY(form.validate());
        QVERIFY(dialog.saveDatasource(QString(), form.name(), form.entry()));
        QVERIFY(saved.wait(5000));
    }
    {
        DatasourceEditDialog form(saved.last().first().value<Datasources>());
        form.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("mc_new"));
        setType(&form, "odps");
        field<QLineEdit>(&form, "firstConnection", "endpoint")->setText(QStringLiteral("https://mc2.example/api"));
        field<QLineEdit>(&form, "firstConnection", "project")->setText(QStringLiteral("p2"));
        field<QLineEdit>(&form, "firstConnection", "accessId")->setText(QStringLiteral("${env:MC_ID}"));
        auto *key = field<QLineEdit>(&form, "firstConnection", "accessKey");
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        QTest::keyClicks(key, QStringLiteral("typed-secret"));
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        QVERIFY(form.validate());
        QVERIFY(dialog.saveDatasource(QString(), form.name(), form.entry()));
        QVERIFY(saved.wait(5000));
    }
    const auto back = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(back.ok());
    QCOMPARE(back->names(), (QStringList{QStringLiteral("archive"), QStringLiteral("kafka_dev"), QStringLiteral("mc"),
                                         QStringLiteral("mc_new"), QStringLiteral("wh")}));
    QCOMPARE(back->resolve(QStringLiteral("archive"))->connection.value(QStringLiteral("path")).toString(),
             QDir(dir.path()).absoluteFilePath(QStringLiteral("data/archive.db")));
    const QJsonObject mc = back->rawEntry(QStringLiteral("mc_new"))->value(QStringLiteral("connection")).toObject();
    QCOMPARE(mc.value(QStringLiteral("accessKey")).toString(), QStringLiteral("typed-secret"));
    QCOMPARE(mc.value(QStringLiteral("accessId")).toString(), QStringLiteral("${env:MC_ID}"));
    QCOMPARE(mc.value(QStringLiteral("project")).toString(), QStringLiteral("p2"));
    QVERIFY(!mc.contains(QStringLiteral("tunnelEndpoint"))); // optional and left empty
    // The list refreshed and masks the new secret.
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("datasourceTable"));
    QCOMPARE(table->rowCount(), 5);
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY(!table->item(row, 2)->text().contains(QLatin1String("typed-secret")));
}

void TestDatasourceDialog::editKeepsUnknownKeysAndUnchangedSecret()
{
    QTemporaryDir dir;
    const QString file = writeWorkspace(dir.path());
    auto loaded = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(loaded.ok());
    DatasourceDialog dialog(*loaded);
    QSignalSpy saved(&dialog, &DatasourceDialog::datasourcesSaved);
    {
        DatasourceEditDialog form(*loaded, QStringLiteral("mc"));
        QCOMPARE(form.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(), QStringLiteral("mc"));
        auto *key = field<QLineEdit>(&form, "firstConnection", "accessKey");
        QVERIFY(key->text().isEmpty()); // never shown
        QVERIFY(!key->placeholderText().isEmpty());
        QCOMPARE(field<QLineEdit>(&form, "firstConnection", "project")->text(), QStringLiteral("p1"));
        field<QLineEdit>(&form, "firstConnection", "project")->setText(QStringLiteral("p1_renamed"));
        QVERIFY(form.validate());
        QVERIFY(dialog.saveDatasource(QStringLiteral("mc"), form.name(), form.entry()));
        QVERIFY(saved.wait(5000));
    }
    {
        const Datasources current = saved.last().first().value<Datasources>();
        DatasourceEditDialog form(current, QStringLiteral("kafka_dev"));
        QVERIFY(field<QLineEdit>(&form, "firstConnection", "sasl.password")->text().isEmpty());
        auto *extra = field<QTableWidget>(&form, "firstConnection", "extraProperties");
        QVERIFY(extra);
        QCOMPARE(extra->rowCount(), 1);
        QCOMPARE(extra->item(0, 0)->text(), QStringLiteral("client.id"));
        field<QLineEdit>(&form, "firstConnection", "bootstrap.servers")->setText(QStringLiteral("broker2:9092"));
        QVERIFY(form.validate());
        QVERIFY(dialog.saveDatasource(QStringLiteral("kafka_dev"), form.name(), form.entry()));
        QVERIFY(saved.wait(5000));
    }
    const auto back = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(back.ok());
    const QJsonObject mc = *back->rawEntry(QStringLiteral("mc"));
    QCOMPARE(mc.value(QStringLiteral("owner")).toString(), QStringLiteral("analytics"));
    const QJsonObject mcConnection = mc.value(QStringLiteral("connection")).toObject();
    QCOMPARE(mcConnection.value(QStringLiteral("project")).toString(), QStringLiteral("p1_renamed"));
    QCOMPARE(mcConnection.value(QStringLiteral("accessKey")).toString(), QStringLiteral("planted-access-key"));
    QCOMPARE(mcConnection.value(QStringLiteral("region")).toString(), QStringLiteral("cn-shanghai"));
    const QJsonObject kafka =
        back->rawEntry(QStringLiteral("kafka_dev"))->value(QStringLiteral("connection")).toObject();
    QCOMPARE(kafka.value(QStringLiteral("bootstrap.servers")).toString(), QStringLiteral("broker2:9092"));
    QCOMPARE(kafka.value(QStringLiteral("sasl.password")).toString(), QStringLiteral("hunter2-secret"));
    QCOMPARE(kafka.value(QStringLiteral("client.id")).toString(), QStringLiteral("kmsync-reader"));
}

void TestDatasourceDialog::renameReplacesTheEntry()
{
    QTemporaryDir dir;
    const QString file = writeWorkspace(dir.path());
    auto loaded = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(loaded.ok());
    DatasourceDialog dialog(*loaded);
    QSignalSpy saved(&dialog, &DatasourceDialog::datasourcesSaved);
    DatasourceEditDialog form(*loaded, QStringLiteral("wh"));
    form.show();
    auto *rename = form.findChild<QLabel *>(QStringLiteral("renameLabel"));
    QVERIFY(!rename->isVisible());
    form.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("warehouse"));
    QVERIFY(rename->isVisible());
    QVERIFY(rename->text().contains(QLatin1String("\"wh\"")));
    QVERIFY(form.validate());
    QVERIFY(dialog.saveDatasource(QStringLiteral("wh"), form.name(), form.entry()));
    QVERIFY(saved.wait(5000));
    const auto back = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(back.ok());
    QVERIFY(!back->names().contains(QStringLiteral("wh")));
    QCOMPARE(back->rawEntry(QStringLiteral("warehouse"))
                 ->value(QStringLiteral("connection"))
                 .toObject()
                 .value(QStringLiteral("path"))
                 .toString(),
             QStringLiteral("warehouse.db"));
}

void TestDatasourceDialog::removeAsksFirst()
{
    QTemporaryDir dir;
    const QString file = writeWorkspace(dir.path());
    auto loaded = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(loaded.ok());
    DatasourceDialog dialog(*loaded);
    dialog.show();
    QSignalSpy saved(&dialog, &DatasourceDialog::datasourcesSaved);
    QVERIFY(dialog.selectDatasource(QStringLiteral("mc")));
    QString question;
    onModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box)
            return;
        question = box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    dialog.findChild<QPushButton *>(QStringLiteral("removeButton"))->click();
    QVERIFY2(question.contains(QLatin1String("\"mc\"")), qPrintable(question));
    QVERIFY(!saved.wait(300));
    QVERIFY(Datasources::load(file, QStringLiteral("dev"))->names().contains(QStringLiteral("mc")));

    onModal([&](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            box->button(QMessageBox::Yes)->click();
    });
    dialog.findChild<QPushButton *>(QStringLiteral("removeButton"))->click();
    QVERIFY(saved.wait(5000));
    const auto back = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(back.ok());
    QCOMPARE(back->names(), (QStringList{QStringLiteral("kafka_dev"), QStringLiteral("wh")}));
    QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("datasourceTable"))->rowCount(), 2);
}

void TestDatasourceDialog::validationNamesFieldAndValue()
{
    QTemporaryDir dir;
    const QString file = writeWorkspace(dir.path());
    auto loaded = Datasources::load(file, QStringLiteral("dev"));
    QVERIFY(loaded.ok());
    DatasourceEditDialog form(*loaded);
    form.show();
    auto *name = form.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->setText(QStringLiteral("wh"));
    setType(&form, "kafka");
    QVERIFY(!form.validate());
    QVERIFY2(errorText(&form, QStringLiteral("nameEdit")).contains(QLatin1String("\"wh\" is already used")),
             qPrintable(errorText(&form, QStringLiteral("nameEdit"))));
    QVERIFY2(errorText(&form, QStringLiteral("bootstrap.servers"))
                 .contains(QLatin1String("bootstrap.servers is required")),
             qPrintable(errorText(&form, QStringLiteral("bootstrap.servers"))));

    name->setText(QStringLiteral("my-kafka"));
    QVERIFY(!form.validate());
    QVERIFY(errorText(&form, QStringLiteral("nameEdit")).contains(QLatin1String("\"my-kafka\" is not allowed")));

    // The sandbox needs no bootstrap.servers.
    name->setText(QStringLiteral("sandbox2"));
    field<QCheckBox>(&form, "firstConnection", "sandbox")->setChecked(true);
    QVERIFY(!field<QLineEdit>(&form, "firstConnection", "bootstrap.servers")->isEnabled());
    QVERIFY(form.validate());
    QCOMPARE(form.entry().value(QStringLiteral("connection")).toObject(),
             QJsonObject({{QStringLiteral("sandbox"), true}}));

    setType(&form, "odps");
    field<QLineEdit>(&form, "firstConnection", "endpoint")->setText(QStringLiteral("https://mc.example/api"));
    field<QLineEdit>(&form, "firstConnection", "accessId")->setText(QStringLiteral("id"));
    field<QLineEdit>(&form, "firstConnection", "accessKey")->setText(QStringLiteral("key"));
    QVERIFY(!form.validate());
    QVERIFY(errorText(&form, QStringLiteral("project"))
                .contains(QLatin1String("project is required for a MaxCompute datasource")));
    QVERIFY(errorText(&form, QStringLiteral("endpoint")).isEmpty());
    // Save does not close the form while a problem remains.
    form.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save)->click();
    QVERIFY(form.isVisible());
    QCOMPARE(form.result(), int(QDialog::Rejected));
}

QTEST_MAIN(TestDatasourceDialog)
#include "tst_datasourcedialog.moc"
