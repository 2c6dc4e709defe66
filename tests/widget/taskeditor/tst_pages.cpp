// link: kmsync_widgets kmsync_engine
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QThread>

#include "engine/params/windowpreview.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/fieldmappingmodel.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/taskeditor/schedulingpage.h"
#include "widgets/taskeditor/settingspage.h"
#include "widgets/taskeditor/sourcepage.h"

using namespace kmsync::ui;

Q_DECLARE_METATYPE(kmsync::ui::SourceForm)

// Every page writes back exactly the value it was given (the pages are the only place the editor keeps state).
class TestPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sourceRoundTrip_data();
    void sourceRoundTrip();
    void sourceModeRowsFollowMode();
    void sourceTopicsListedOffGuiThread();
    void sourceListingErrorShown();
    void destinationRoundTrip_data();
    void destinationRoundTrip();
    void destinationPartitionKeyFields();
    void mappingRoundTrip();
    void mappingRejectionShownOnPage();
    void schedulingRoundTrip();
    void schedulingPreviewMarksGapsAndLint();
    void settingsRoundTrip();
    void editsEmitChanged();
};

void TestPages::sourceRoundTrip_data()
{
    QTest::addColumn<SourceForm>("form");
    SourceForm times;
    times.datasource = QStringLiteral("sandbox_kafka");
    times.topic = QStringLiteral("clicks");
    times.groupId = QStringLiteral("g1");
    times.beginDateTime = QStringLiteral("20221122095200");
    times.endDateTime = QStringLiteral("${endTime}");
    times.timeZone = QStringLiteral("Asia/Shanghai");
    times.keyType = QStringLiteral("bytearray");
    times.valueType = QStringLiteral("long");
    times.encoding = QStringLiteral("GBK");
    times.exitStrategy = ExitStrategy::PollEmpty;
    times.kafkaConfig = {{QStringLiteral("fetch.min.bytes"), QStringLiteral("1")},
                         {QStringLiteral("session.timeout.ms"), QStringLiteral("30000")}};
    QTest::newRow("specific times") << times;

    SourceForm offsets = times;
    offsets.beginMode = BeginMode::SpecificOffset;
    offsets.beginOffset = QStringLiteral("15553274");
    offsets.endMode = EndMode::SpecificOffset;
    offsets.endOffset = QStringLiteral("15560000");
    offsets.kafkaConfig.clear();
    QTest::newRow("specific offsets") << offsets;

    SourceForm open;
    open.topic = QStringLiteral("t");
    open.beginMode = BeginMode::Earliest;
    open.endMode = EndMode::Latest;
    QTest::newRow("earliest to latest") << open;

    SourceForm group = open;
    group.beginMode = BeginMode::GroupCurrent;
    group.timeZone = QStringLiteral("UTC");
    QTest::newRow("group offsets") << group;
}

void TestPages::sourceRoundTrip()
{
    QFETCH(SourceForm, form);
    SourcePage page;
    QSignalSpy changed(&page, &SourcePage::changed);
    page.setConfig(form);
    QCOMPARE(page.config(), form);
    QCOMPARE(changed.count(), 0); // loading is not an edit
}

void TestPages::sourceModeRowsFollowMode()
{
    SourcePage page;
    page.show();
    SourceForm form;
    form.beginMode = BeginMode::SpecificOffset;
    form.endMode = EndMode::Latest;
    page.setConfig(form);
    auto *beginTime = page.findChild<QLineEdit *>(QStringLiteral("beginTimeEdit"));
    auto *beginOffset = page.findChild<QLineEdit *>(QStringLiteral("beginOffsetEdit"));
    auto *endTime = page.findChild<QLineEdit *>(QStringLiteral("endTimeEdit"));
    QVERIFY(beginTime && beginOffset && endTime);
    QVERIFY(!beginTime->isVisible());
    QVERIFY(beginOffset->isVisible());
    QVERIFY(!endTime->isVisible());
    form.beginMode = BeginMode::SpecificTime;
    page.setConfig(form);
    QVERIFY(beginTime->isVisible());
    QVERIFY(!beginOffset->isVisible());
}

void TestPages::sourceTopicsListedOffGuiThread()
{
    SourcePage page;
    SourceForm form;
    form.datasource = QStringLiteral("kafka_dev");
    form.topic = QStringLiteral("orders");
    page.setConfig(form);

    QThread *listingThread = nullptr;
    QString askedFor;
    page.setTopicLister([&](const QString &datasource, const kmsync::engine::StopToken &) {
        listingThread = QThread::currentThread();
        askedFor = datasource;
        return TopicListing{{QStringLiteral("clicks"), QStringLiteral("orders")}, {}};
    });
    QSignalSpy loaded(&page, &SourcePage::topicsLoaded);
    page.refreshTopics();
    QVERIFY(loaded.wait(5000));
    QVERIFY(listingThread != nullptr);
    QVERIFY(listingThread != QThread::currentThread());
    QCOMPARE(askedFor, QStringLiteral("kafka_dev"));
    auto *topics = page.findChild<QComboBox *>(QStringLiteral("topicCombo"));
    QCOMPARE(topics->count(), 2);
    QCOMPARE(topics->itemText(0), QStringLiteral("clicks"));
    QCOMPARE(page.config().topic, QStringLiteral("orders")); // the selection survives the refresh
}

void TestPages::sourceListingErrorShown()
{
    SourcePage page;
    page.setTopicLister([](const QString &, const kmsync::engine::StopToken &) {
        return TopicListing{{}, QStringLiteral("broker unreachable")};
    });
    QSignalSpy loaded(&page, &SourcePage::topicsLoaded);
    page.refreshTopics();
    QVERIFY(loaded.wait(5000));
    auto *status = page.findChild<QLabel *>(QStringLiteral("topicStatusLabel"));
    QVERIFY(status->text().contains(QLatin1String("broker unreachable")));
}

void TestPages::destinationRoundTrip_data()
{
    QTest::addColumn<QString>("datasource");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("partition");
    QTest::addColumn<bool>("truncate");
    QTest::newRow("one key, truncate") << "local_wh"
                                       << "clicks"
                                       << "ds=${partition}" << true;
    QTest::newRow("two keys, append") << "odps_first"
                                      << "t2"
                                      << "ds=${bizdate},hh=${hour}" << false;
    QTest::newRow("not partitioned") << "odps_first"
                                     << "t3"
                                     << "" << true;
}

void TestPages::destinationRoundTrip()
{
    QFETCH(QString, datasource);
    QFETCH(QString, table);
    QFETCH(QString, partition);
    QFETCH(bool, truncate);
    DestinationPage page;
    const DestinationForm form{datasource, table, partition, truncate};
    page.setConfig(form);
    QCOMPARE(page.config(), form);
}

void TestPages::destinationPartitionKeyFields()
{
    DestinationPage page;
    page.setConfig({QStringLiteral("wh"), QStringLiteral("t"), QStringLiteral("ds=${bizdate},hh=${hour}"), true});
    QCOMPARE(page.partitionKeys(), (QStringList{QStringLiteral("ds"), QStringLiteral("hh")}));
    auto *hh = page.findChild<QLineEdit *>(QStringLiteral("partitionKey_hh"));
    QVERIFY(hh);
    QCOMPARE(hh->text(), QStringLiteral("${hour}"));
    // Editing one key's field rewrites the partition.
    QSignalSpy changed(&page, &DestinationPage::changed);
    hh->selectAll();
    QTest::keyClicks(hh, QStringLiteral("10"));
    QCOMPARE(page.config().partition, QStringLiteral("ds=${bizdate},hh=10"));
    QVERIFY(changed.count() > 0);

    // A listed table's schema decides the key fields.
    kmsync::engine::TableSchema schema;
    schema.name = QStringLiteral("t");
    schema.columns = {{QStringLiteral("id"), {}, {}}};
    schema.partitionKeys = {{QStringLiteral("pt"), {}, {}}};
    page.setTableLister([schema](const QString &, const kmsync::engine::StopToken &) {
        return TableListing{{schema}, {}};
    });
    QSignalSpy selected(&page, &DestinationPage::schemaSelected);
    QSignalSpy loaded(&page, &DestinationPage::tablesLoaded);
    page.refreshTables();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(page.partitionKeys(), QStringList{QStringLiteral("pt")});
    QCOMPARE(page.config().partition, QStringLiteral("pt="));
}

void TestPages::mappingRoundTrip()
{
    FieldMappingPage page;
    MappingForm form;
    form.sourceFields = {QStringLiteral("__key__"), QStringLiteral("user.id"), QStringLiteral("'const'")};
    form.targets = {{QStringLiteral("user_id"), QStringLiteral("BIGINT")},
                    {QStringLiteral("k"), QStringLiteral("STRING")},
                    {QStringLiteral("unused"), QString()}};
    form.links = {{1, 0}, {0, 1}};
    QSignalSpy changed(&page, &FieldMappingPage::changed);
    page.setConfig(form);
    QCOMPARE(page.config(), form);
    QCOMPARE(changed.count(), 0);
}

void TestPages::mappingRejectionShownOnPage()
{
    FieldMappingPage page;
    page.show();
    MappingForm form;
    form.sourceFields = {QStringLiteral("a"), QStringLiteral("b")};
    form.targets = {{QStringLiteral("x"), QString()}};
    form.links = {{0, 0}};
    page.setConfig(form);
    QVERIFY(!page.model()->setData(page.model()->index(1, FieldMappingModel::MappedTo), QStringLiteral("x")));
    auto *reason = page.findChild<QLabel *>(QStringLiteral("reasonLabel"));
    QVERIFY(reason->isVisible());
    QVERIFY2(reason->text().contains(QLatin1String("only one source field")), qPrintable(reason->text()));
    // The next successful edit clears the reason.
    page.model()->mapByRow();
    QVERIFY(!reason->isVisible());
}

void TestPages::schedulingRoundTrip()
{
    SchedulingPage page;
    ScheduleForm form;
    form.cycle = {kmsync::engine::params::CycleUnit::Minute, 5, QTime(0, 0), QTime(23, 59), 1, 1};
    form.parameters = QStringLiteral("startTime=$[yyyymmddhh24mi-8/24/60]00 endTime=$[yyyymmddhh24mi-3/24/60]00 "
                                     "partition=$[yyyymmddhh24mi-8/24/60]");
    page.setConfig(form);
    QCOMPARE(page.config(), form);

    ScheduleForm weekly;
    weekly.cycle = {kmsync::engine::params::CycleUnit::Week, 1, QTime(0, 15), QTime(23, 59), 3, 1};
    weekly.parameters = QStringLiteral("startTime=$[yyyymmdd-7]000000 endTime=$[yyyymmdd]000000");
    page.setConfig(weekly);
    QCOMPARE(page.config(), weekly);
}

void TestPages::schedulingPreviewMarksGapsAndLint()
{
    SchedulingPage page;
    ScheduleForm form; // hourly preset: contiguous one-hour windows
    page.setConfig(form);
    QVERIFY2(page.lintMessages().isEmpty(), qPrintable(page.lintMessages().join(QLatin1Char('\n'))));
    auto *table = page.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    QCOMPARE(table->rowCount(), 24);
    QCOMPARE(table->item(1, SchedulingPage::JunctionColumn)->data(Qt::UserRole).toInt(),
             int(kmsync::engine::params::Junction::Contiguous));

    // Every 2 hours with 1-hour windows leaves gaps: marked in the table and said in the lint line.
    form.cycle.interval = 2;
    page.setConfig(form);
    QCOMPARE(table->item(1, SchedulingPage::JunctionColumn)->data(Qt::UserRole).toInt(),
             int(kmsync::engine::params::Junction::Gap));
    QVERIFY(!page.lintMessages().isEmpty());
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("lintLabel"))->text().contains(QLatin1String("gap")));

    // The seed's "every 3 hours" typo resolves to 15 digits: every instance says so, and the lint line too.
    form.parameters = QStringLiteral("startTime=$[yyyymmddhh24-3/24]00000 endTime=$[yyyymmddhh24]0000");
    page.setConfig(form);
    QVERIFY(table->rowCount() > 0);
    QVERIFY2(page.lintMessages().join(QLatin1Char(' ')).contains(QLatin1String("15")),
             qPrintable(page.lintMessages().join(QLatin1Char('\n'))));

    // A broken parameter line is reported inline.
    form.parameters = QStringLiteral("startTime = x");
    page.setConfig(form);
    QVERIFY(!page.lintMessages().isEmpty());
    QCOMPARE(table->rowCount(), 0);
}

void TestPages::settingsRoundTrip()
{
    SettingsPage page;
    const SettingsForm form{5, 8, true, 20, false, 2, 7};
    page.setConfig(form);
    QCOMPARE(page.config(), form);
    const SettingsForm other{0, 1, false, 1, true, 3, 2};
    page.setConfig(other);
    QCOMPARE(page.config(), other);
}

void TestPages::editsEmitChanged()
{
    SourcePage source;
    QSignalSpy sourceChanged(&source, &SourcePage::changed);
    QTest::keyClicks(source.findChild<QLineEdit *>(QStringLiteral("groupIdEdit")), QStringLiteral("g"));
    QCOMPARE(sourceChanged.count(), 1);

    SettingsPage settings;
    QSignalSpy settingsChanged(&settings, &SettingsPage::changed);
    settings.findChild<QSpinBox *>(QStringLiteral("concurrentSpin"))->setValue(4);
    QCOMPARE(settingsChanged.count(), 1);
    QCOMPARE(settings.config().concurrent, 4);
}

QTEST_MAIN(TestPages)
#include "tst_pages.moc"
