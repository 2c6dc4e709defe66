// link: kmsync_widgets kmsync_engine
// Texts built at runtime (per partition key, per run) follow a language switch like the Designer forms do.
#include <QFile>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "engine/config/taskconfig.h"
#include "engine/job/syncobserver.h"
#include "widgets/run/runcontroller.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/sourcepage.h"
#include "widgets/taskeditor/taskform.h"

using namespace kmsync::ui;

namespace {

// The zh_CN translations straight from translations/kmsync_zh_CN.ts (the .qm is embedded in the app, not in
// kmsync_widgets). Installing it sends QEvent::LanguageChange to every widget, as the Language menu does.
class TsTranslator final : public QTranslator
{
public:
    bool loadTs(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("source"))
                source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation"))
                m_texts.insert(context + QLatin1Char('\n') + source,
                               xml.readElementText(QXmlStreamReader::IncludeChildElements));
        }
        return !xml.hasError() && !m_texts.isEmpty();
    }
    bool isEmpty() const override { return m_texts.isEmpty(); }
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        return m_texts.value(QString::fromUtf8(context) + QLatin1Char('\n') + QString::fromUtf8(sourceText));
    }

private:
    QHash<QString, QString> m_texts;
};

} // namespace

class TestRetranslate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void partitionKeyLabels();
    void runStatusLine();
    void tableHeaders();
    void runFindingsInUiLanguage();

private:
    void switchToChinese();
    TsTranslator m_zh;
    bool m_installed = false;
};

void TestRetranslate::initTestCase()
{
    QVERIFY(m_zh.loadTs(QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_zh_CN.ts")));
}

void TestRetranslate::switchToChinese()
{
    QVERIFY(QCoreApplication::installTranslator(&m_zh));
    m_installed = true;
    QCoreApplication::processEvents(); // LanguageChange is posted
}

void TestRetranslate::cleanup()
{
    if (m_installed)
        QCoreApplication::removeTranslator(&m_zh);
    m_installed = false;
}

void TestRetranslate::partitionKeyLabels()
{
    DestinationPage page;
    DestinationForm form;
    form.table = QStringLiteral("clicks");
    form.partition = QStringLiteral("ds=${partition},hh=10");
    page.setConfig(form);
    page.show();
    auto *ds = page.findChild<QLabel *>(QStringLiteral("partitionKeyLabel_ds"));
    auto *hh = page.findChild<QLabel *>(QStringLiteral("partitionKeyLabel_hh"));
    QVERIFY(ds && hh);
    QCOMPARE(ds->text(), QStringLiteral("Partition key column ds ="));

    switchToChinese();
    QCOMPARE(ds->text(), QStringLiteral("分区键列 ds ="));
    QCOMPARE(hh->text(), QStringLiteral("分区键列 hh ="));
    QCOMPARE(ds->buddy(), page.findChild<QWidget *>(QStringLiteral("partitionKey_ds")));

    // Labels built after the switch are in the new language too, and switching back restores English.
    form.partition = QStringLiteral("dt=${partition}");
    page.setConfig(form);
    auto *dt = page.findChild<QLabel *>(QStringLiteral("partitionKeyLabel_dt"));
    QVERIFY(dt);
    QCOMPARE(dt->text(), QStringLiteral("分区键列 dt ="));
    cleanup();
    QCoreApplication::processEvents();
    QCOMPARE(dt->text(), QStringLiteral("Partition key column dt ="));
}

// A task that fails its resolved-task checks is reported in the Run panel with the editor's translated text, not
// the CLI's English message.
void TestRetranslate::runFindingsInUiLanguage()
{
    QFile sample(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QByteArray json = sample.readAll();
    json.replace("\"local_wh\"", "\"no_such_wh\"");
    auto config = kmsync::engine::config::TaskConfig::fromJsonBytes(json);
    QVERIFY(config);
    switchToChinese();
    RunController controller;
    QSignalSpy finished(&controller, &RunController::finished);
    RunRequest request;
    request.config = *config;
    request.taskPath = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json");
    request.parameters = {{QStringLiteral("startTime"), QStringLiteral("20221122090000")},
                          {QStringLiteral("endTime"), QStringLiteral("20221122100000")},
                          {QStringLiteral("partition"), QStringLiteral("2022112210")}};
    QVERIFY(controller.start(request));
    QVERIFY(finished.wait(10000));
    const auto summary = finished.last().at(0).value<kmsync::engine::RunSummary>();
    QVERIFY(!summary.ok);
    QVERIFY2(summary.errorMessage.contains(QStringLiteral("无法使用数据源“no_such_wh”")),
             qPrintable(summary.errorMessage));
}

void TestRetranslate::runStatusLine()
{
    RunPanel panel;
    panel.show();
    kmsync::engine::JobProgress progress;
    progress.read = 12;
    progress.written = 11;
    progress.dirty = 1;
    panel.showStarted();
    panel.showProgress(progress);
    QVERIFY2(panel.statusText().startsWith(QLatin1String("Running: 12 read")), qPrintable(panel.statusText()));
    kmsync::engine::RunSummary summary;
    summary.ok = true;
    summary.read = 12;
    summary.written = 11;
    summary.dirty = 1;
    summary.partitionSpec = QStringLiteral("ds=2024010100");
    panel.showFinished(summary);
    QVERIFY2(panel.statusText().contains(QLatin1String("Done: 12 read")), qPrintable(panel.statusText()));

    switchToChinese();
    QVERIFY2(panel.statusText().contains(QStringLiteral("完成：读取 12，写入 11，脏数据 1")),
             qPrintable(panel.statusText()));
    QVERIFY(panel.statusText().contains(QLatin1String("ds=2024010100")));
}

void TestRetranslate::tableHeaders()
{
    // The other runtime-filled headers: the Source page's kafkaConfig table and the mapping grid.
    SourcePage source;
    FieldMappingPage mapping;
    auto *config = source.findChild<QTableWidget *>(QStringLiteral("kafkaConfigTable"));
    auto *grid = mapping.findChild<QTableView *>(QStringLiteral("mappingView"));
    QVERIFY(config && grid);
    QCOMPARE(config->horizontalHeaderItem(0)->text(), QStringLiteral("Property"));
    const QString englishHeader = grid->model()->headerData(0, Qt::Horizontal).toString();
    QCOMPARE(englishHeader, QStringLiteral("Source field"));

    switchToChinese();
    QCOMPARE(config->horizontalHeaderItem(0)->text(),
             m_zh.translate("kmsync::ui::SourcePage", "Property", nullptr, -1));
    QVERIFY(!config->horizontalHeaderItem(0)->text().isEmpty());
    QCOMPARE(grid->model()->headerData(0, Qt::Horizontal).toString(),
             m_zh.translate("kmsync::ui::FieldMappingModel", "Source field", nullptr, -1));
    QVERIFY(grid->model()->headerData(0, Qt::Horizontal).toString() != englishHeader);
}

QTEST_MAIN(TestRetranslate)
#include "tst_retranslate.moc"
