// link: kmsync_widgets kmsync_engine
#include <algorithm>

#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QAction>
#include <QApplication>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"
#include "engine/warehouse/localwarehouse.h"
#include "widgets/ddl/ddldialog.h"
#include "tests/widget/mainwindowio.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/common/engineadapter.h"
#include "widgets/taskeditor/fieldmappingmodel.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/taskeditor/taskeditor.h"
#include "widgets/preview/jsontreemodel.h"
#include "widgets/preview/messagepreviewdialog.h"

using kmsync::ui::JsonTreeModel;
using kmsync::ui::MessagePreviewDialog;
using kmsync::ui::PreviewRequest;
using kmsync::ui::RunRequest;

namespace {

const QString kSamples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples");

int columnOf(const QTableWidget *table, const QString &name)
{
    for (int column = 0; column < table->columnCount(); ++column) {
        if (table->horizontalHeaderItem(column)->text() == name)
            return column;
    }
    return -1;
}

} // namespace

// The message preview against the sandbox Kafka ({"sandbox": true}, topic clicks) and a local warehouse whose
// table declares amount BIGINT, so that fractional amounts are dirty records.
class TestMessagePreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void timeRangeShowsMappedRowsAndDirtyReasons();
    void latestMessagesNewestFirst();
    void badTaskShowsReason();
    void clickingDottedKeyAddsQuotedSourceField();
    void samplesFeedTypeInference();
    void mainWindowPreviewAddsToTheMappingPage();

private:
    RunRequest request() const;
    bool fetchInto(MessagePreviewDialog &dialog);

    QTemporaryDir m_dir;
    QByteArray m_taskJson;
};

void TestMessagePreview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")})
        QVERIFY(QFile::copy(kSamples + QLatin1Char('/') + name, m_dir.filePath(name)));
    QFile file(m_dir.filePath(QStringLiteral("clicks-task.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_taskJson = file.readAll();
    auto task = kmsync::engine::config::TaskConfig::fromJsonBytes(m_taskJson);
    QVERIFY(task.ok());
    QString ddl = kmsync::engine::config::generateDdl(*task);
    QVERIFY2(ddl.contains(QLatin1String("`amount` STRING")), qPrintable(ddl));
    ddl.replace(QLatin1String("`amount` STRING"), QLatin1String("`amount` BIGINT"));
    auto warehouse = kmsync::engine::warehouse::LocalWarehouse::open(m_dir.filePath(QStringLiteral("warehouse.db")));
    QVERIFY(warehouse.ok());
    auto created = (*warehouse)->executeSql(ddl);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
}

RunRequest TestMessagePreview::request() const
{
    RunRequest request;
    request.config = *kmsync::engine::config::TaskConfig::fromJsonBytes(m_taskJson);
    request.taskPath = m_dir.filePath(QStringLiteral("clicks-task.json"));
    request.parameters = {{QStringLiteral("partition"), QStringLiteral("2026112610")}};
    request.cyctime = QDateTime::currentDateTime();
    return request;
}

bool TestMessagePreview::fetchInto(MessagePreviewDialog &dialog)
{
    QSignalSpy fetched(&dialog, &MessagePreviewDialog::fetched);
    dialog.fetch();
    return (fetched.count() > 0 || fetched.wait(90000)) && !dialog.isFetching();
}

void TestMessagePreview::timeRangeShowsMappedRowsAndDirtyReasons()
{
    MessagePreviewDialog dialog(request());
    const QDateTime now = QDateTime::currentDateTime();
    dialog.setRange(PreviewRequest::Range::TimeRange);
    dialog.setTimeRange(now.addSecs(-49 * 3600), now.addSecs(3600));
    dialog.setLimit(80);
    QVERIFY(fetchInto(dialog));
    QVERIFY2(dialog.outcome().error.isEmpty(), qPrintable(dialog.outcome().error));
    const auto &records = dialog.outcome().result.records;
    QCOMPARE(records.size(), size_t(80));
    QVERIFY(dialog.outcome().result.tableExists);

    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("recordTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 80);
    const int eventId = columnOf(table, QStringLiteral("event_id"));
    const int amount = columnOf(table, QStringLiteral("amount"));
    const int refDomain = columnOf(table, QStringLiteral("page_ref_domain"));
    QVERIFY(eventId >= MessagePreviewDialog::FirstDataColumn && amount > 0 && refDomain > 0);
    QCOMPARE(table->horizontalHeaderItem(amount)->toolTip(), QStringLiteral("BIGINT"));
    int clean = 0;
    int dirty = 0;
    for (int row = 0; row < table->rowCount(); ++row) {
        const auto &record = records[size_t(row)];
        QCOMPARE(table->item(row, MessagePreviewDialog::OffsetColumn)->text(), QString::number(record.offset));
        // The message time in the task's zone (the sample reads in Asia/Shanghai), the zone named.
        QCOMPARE(table->item(row, MessagePreviewDialog::TimestampColumn)->text(),
                 QDateTime::fromMSecsSinceEpoch(record.timestampMs, QTimeZone("Asia/Shanghai"))
                         .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                     + QStringLiteral(" Asia/Shanghai"));
        const QString status = table->item(row, MessagePreviewDialog::StatusColumn)->text();
        const QJsonObject value =
            QJsonDocument::fromJson(QByteArray::fromStdString(record.value.value_or(""))).object();
        if (record.dirty) {
            ++dirty;
            QCOMPARE(status, QStringLiteral("Dirty: ") + record.reason);
            QVERIFY2(!record.reason.isEmpty(), "a dirty record without a reason");
            QVERIFY(table->item(row, eventId)->text().isEmpty());
            // Fractional amounts cannot go into BIGINT (or the value is not JSON at all).
            if (!value.isEmpty()) {
                QVERIFY2(record.reason.contains(QLatin1String("amount")), qPrintable(record.reason));
                QVERIFY(value.value(QLatin1String("amount")).toDouble()
                        != double(qint64(value.value(QLatin1String("amount")).toDouble())));
            }
        } else {
            ++clean;
            QCOMPARE(status, QStringLiteral("OK"));
            // The grid shows what a run would write, taken from the message itself.
            QCOMPARE(table->item(row, eventId)->text(), value.value(QLatin1String("event_id")).toString());
            QCOMPARE(table->item(row, amount)->text(),
                     QString::number(value.value(QLatin1String("amount")).toInteger()));
            QCOMPARE(table->item(row, refDomain)->text(),
                     value.value(QLatin1String("page")).toObject().value(QLatin1String("ref.domain")).toString());
        }
    }
    QVERIFY2(clean > 0 && dirty > 0, qPrintable(QStringLiteral("clean %1, dirty %2").arg(clean).arg(dirty)));
    const QString status = dialog.findChild<QLabel *>(QStringLiteral("previewStatusLabel"))->text();
    QVERIFY2(status.contains(QStringLiteral("%1 dirty").arg(dirty)), qPrintable(status));
}

void TestMessagePreview::latestMessagesNewestFirst()
{
    MessagePreviewDialog dialog(request());
    dialog.setRange(PreviewRequest::Range::Latest);
    dialog.setLimit(7);
    QVERIFY(fetchInto(dialog));
    QVERIFY2(dialog.outcome().error.isEmpty(), qPrintable(dialog.outcome().error));
    const auto &records = dialog.outcome().result.records;
    QCOMPARE(records.size(), size_t(7));
    QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("recordTable"))->rowCount(), 7);
    for (size_t i = 1; i < records.size(); ++i)
        QVERIFY(records[i - 1].timestampMs >= records[i].timestampMs);
    // Within the last hour of the sandbox's 48 hours.
    QVERIFY(records.front().timestampMs > QDateTime::currentMSecsSinceEpoch() - 3600 * 1000);
}

void TestMessagePreview::badTaskShowsReason()
{
    RunRequest bad = request();
    bad.config.reader.datasource = QStringLiteral("no_such_kafka");
    MessagePreviewDialog dialog(bad);
    dialog.setRange(PreviewRequest::Range::Latest);
    QVERIFY(fetchInto(dialog));
    QVERIFY(dialog.outcome().error.contains(QLatin1String("no_such_kafka")));
    const QString status = dialog.findChild<QLabel *>(QStringLiteral("previewStatusLabel"))->text();
    QVERIFY2(status.startsWith(QStringLiteral("✖")) && status.contains(QLatin1String("no_such_kafka")),
             qPrintable(status));
    QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("recordTable"))->rowCount(), 0);
}

void TestMessagePreview::clickingDottedKeyAddsQuotedSourceField()
{
    kmsync::ui::FieldMappingModel mapping;
    kmsync::ui::MappingForm form;
    form.sourceFields = {QStringLiteral("event_id"), QStringLiteral("user.id")};
    mapping.setMapping(form);
    MessagePreviewDialog dialog(request());
    dialog.setFieldAdder([&mapping](const QString &field) {
        return mapping.addSourceField(field) >= 0 ? QString() : mapping.lastError();
    });
    QSignalSpy added(&dialog, &MessagePreviewDialog::sourceFieldAdded);
    dialog.setRange(PreviewRequest::Range::Latest);
    dialog.setLimit(5);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(fetchInto(dialog));
    QVERIFY2(dialog.outcome().error.isEmpty(), qPrintable(dialog.outcome().error));

    // Show a message whose value is JSON (the sandbox has a few malformed ones).
    const auto &records = dialog.outcome().result.records;
    int row = -1;
    for (int i = 0; i < int(records.size()) && row < 0; ++i) {
        if (records[size_t(i)].value
            && !QJsonDocument::fromJson(QByteArray::fromStdString(*records[size_t(i)].value)).isNull())
            row = i;
    }
    QVERIFY(row >= 0);
    dialog.selectRecord(row);
    auto *tree = dialog.findChild<QTreeView *>(QStringLiteral("jsonTree"));
    QVERIFY(tree);
    QCOMPARE(tree->model(), dialog.treeModel());
    const QModelIndex node = dialog.treeModel()->indexForPath(QStringLiteral("page[\"ref.domain\"]"));
    QVERIFY(node.isValid());
    QCOMPARE(node.data().toString(), QStringLiteral("ref.domain"));
    tree->scrollTo(node);
    QTRY_VERIFY(tree->visualRect(node).isValid());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(node).center());
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.first().first().toString(), QStringLiteral("[\"page\"][\"ref.domain\"]"));
    QCOMPARE(mapping.mapping().sourceFields.back(), QStringLiteral("[\"page\"][\"ref.domain\"]"));
    auto *fieldStatus = dialog.findChild<QLabel *>(QStringLiteral("fieldStatusLabel"));
    QVERIFY2(fieldStatus->text().startsWith(QStringLiteral("✔")), qPrintable(fieldStatus->text()));

    // A plain nested key keeps the dotted spelling; a field already listed is refused with the model's reason.
    const QModelIndex userId = dialog.treeModel()->indexForPath(QStringLiteral("user.id"));
    tree->scrollTo(userId);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(userId).center());
    QCOMPARE(added.count(), 1);
    QCOMPARE(mapping.mapping().sourceFields.size(), size_t(3));
    QVERIFY2(fieldStatus->text().startsWith(QStringLiteral("✖"))
                 && fieldStatus->text().contains(QLatin1String("user.id")),
             qPrintable(fieldStatus->text()));
    const QModelIndex userName = dialog.treeModel()->indexForPath(QStringLiteral("user.name"));
    tree->scrollTo(userName);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(userName).center());
    QCOMPARE(added.count(), 2);
    QCOMPARE(added.last().first().toString(), QStringLiteral("user.name"));
}

void TestMessagePreview::samplesFeedTypeInference()
{
    MessagePreviewDialog dialog(request());
    dialog.setRange(PreviewRequest::Range::Latest);
    dialog.setLimit(20);
    QVERIFY(fetchInto(dialog));
    const QMap<QString, QStringList> samples = dialog.samples();
    QVERIFY(samples.contains(QStringLiteral("user.id")));
    QVERIFY(samples.contains(QStringLiteral("[\"page\"][\"ref.domain\"]")));
    QVERIFY(!samples.contains(QStringLiteral("__key__")));
    QVERIFY(samples.value(QStringLiteral("event_id")).first().startsWith(QLatin1Char('"')));
    using kmsync::engine::TypeKind;
    QCOMPARE(kmsync::engine::config::inferColumnType(samples.value(QStringLiteral("user.id"))).kind, TypeKind::BigInt);
    QCOMPARE(kmsync::engine::config::inferColumnType(samples.value(QStringLiteral("amount"))).kind, TypeKind::Double);
    QCOMPARE(kmsync::engine::config::inferColumnType(samples.value(QStringLiteral("event_id"))).kind, TypeKind::String);
    // "Generate destination table schema" types the JSON path columns from them; without samples they are STRING.
    const auto task = kmsync::engine::config::TaskConfig::fromJsonBytes(m_taskJson);
    QVERIFY(task.ok());
    const QString typed = kmsync::engine::config::generateDdl(*task, samples);
    QVERIFY2(typed.contains(QLatin1String("`user_id` BIGINT")) && typed.contains(QLatin1String("`amount` DOUBLE"))
                 && typed.contains(QLatin1String("`event_id` STRING")),
             qPrintable(typed));
    QVERIFY(kmsync::engine::config::generateDdl(*task).contains(QLatin1String("`amount` STRING")));
}

void TestMessagePreview::mainWindowPreviewAddsToTheMappingPage()
{
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_messagepreview"));
    kmsync::ui::MainWindow window;
    QVERIFY(kmsync::ui::test::openAndWait(window, m_dir.filePath(QStringLiteral("clicks-task.json"))));
    kmsync::ui::FieldMappingModel *mapping = window.editor()->mappingPage()->model();
    const QString dotted = QStringLiteral("[\"page\"][\"ref.domain\"]");
    const auto &fields = mapping->mapping().sourceFields;
    const auto it = std::find(fields.begin(), fields.end(), dotted);
    QVERIFY(it != fields.end());
    QVERIFY(mapping->removeSourceField(int(it - fields.begin())));
    QVERIFY(window.isWindowModified());

    bool sawDialog = false;
    QString fetchError;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<MessagePreviewDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        sawDialog = true;
        dialog->setRange(PreviewRequest::Range::Latest);
        dialog->setLimit(5);
        QSignalSpy fetched(dialog, &MessagePreviewDialog::fetched);
        dialog->fetch();
        if (!fetched.wait(90000) || !dialog->outcome().error.isEmpty()) {
            fetchError = dialog->outcome().error + QStringLiteral(" (no result)");
            dialog->reject();
            return;
        }
        const auto &records = dialog->outcome().result.records;
        for (int i = 0; i < int(records.size()); ++i) {
            if (records[size_t(i)].value
                && !QJsonDocument::fromJson(QByteArray::fromStdString(*records[size_t(i)].value)).isNull()) {
                dialog->selectRecord(i);
                break;
            }
        }
        auto *tree = dialog->findChild<QTreeView *>(QStringLiteral("jsonTree"));
        for (const QString &path : {QStringLiteral("page[\"ref.domain\"]"), QStringLiteral("user.vip")}) {
            const QModelIndex node = dialog->treeModel()->indexForPath(path);
            tree->scrollTo(node);
            QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(node).center());
        }
        dialog->reject();
    });
    window.findChild<QAction *>(QStringLiteral("actionPreview"))->trigger();
    QVERIFY(sawDialog);
    QVERIFY2(fetchError.isEmpty(), qPrintable(fetchError));
    const auto &after = mapping->mapping().sourceFields;
    QCOMPARE(after.at(after.size() - 2), dotted);
    QCOMPARE(after.back(), QStringLiteral("user.vip"));
    QCOMPARE(window.editor()->task().mapping.sourceFields, after); // what Save would write

    // The preview's sample values type the columns of the generated DDL.
    QString ddl;
    QTimer::singleShot(0, this, [&] {
        if (auto *dialog = qobject_cast<kmsync::ui::DdlDialog *>(QApplication::activeModalWidget())) {
            ddl = dialog->ddl();
            dialog->reject();
        }
    });
    QTest::mouseClick(window.editor()->destinationPage()->findChild<QToolButton *>(QStringLiteral("generateDdlButton")),
                      Qt::LeftButton);
    QVERIFY2(ddl.contains(QLatin1String("`user_id` BIGINT")) && ddl.contains(QLatin1String("`amount` DOUBLE")),
             qPrintable(ddl));
}

QTEST_MAIN(TestMessagePreview)
#include "tst_messagepreview.moc"
