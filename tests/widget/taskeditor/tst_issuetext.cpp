// link: kmsync_widgets kmsync_engine
// The validator's findings as the task editor shows them: every IssueCode has its text (English and zh_CN), and the
// checks the editor once made on its own now come from the engine's validator.
#include <algorithm>

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "engine/config/validationissue.h"
#include "widgets/taskeditor/issuetext.h"
#include "widgets/taskeditor/taskadapter.h"

using namespace kmsync::ui;
using kmsync::engine::config::issueCodeName;
using kmsync::engine::config::kAllIssueCodes;
using kmsync::engine::config::ValidationIssue;

namespace {

// The finished translations of translations/kmsync_zh_CN.ts (the .qm is embedded in the app, not in kmsync_widgets).
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
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!unfinished && !text.isEmpty())
                    m_texts.insert(context + QLatin1Char('\n') + source, text);
            }
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

const QString kUntranslated = QStringLiteral("<the engine's English message>");

bool hasChinese(const QString &text)
{
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    return cjk.match(text).hasMatch();
}

TaskForm sampleTask()
{
    QFile file(QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return taskFromJson(file.readAll()).value();
}

const FieldIssue *findingAt(const std::vector<FieldIssue> &issues, const QString &path)
{
    const auto it = std::find_if(issues.begin(), issues.end(), [&](const FieldIssue &i) { return i.path == path; });
    return it == issues.end() ? nullptr : &*it;
}

QString describe(const std::vector<FieldIssue> &issues)
{
    QStringList out;
    for (const FieldIssue &issue : issues)
        out << issue.path + QStringLiteral(": ") + issue.message;
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestIssueText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void everyCodeHasText();
    void sampleHasNoFinding();
    void movedChecksComeFromTheEngine_data();
    void movedChecksComeFromTheEngine();
    void oneFindingPerField();
    void findingsFollowTheLanguage();

private:
    TsTranslator m_zh;
    bool m_installed = false;
};

void TestIssueText::initTestCase()
{
    QVERIFY(m_zh.loadTs(QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_zh_CN.ts")));
}

void TestIssueText::cleanup()
{
    if (m_installed)
        QCoreApplication::removeTranslator(&m_zh);
    m_installed = false;
}

void TestIssueText::everyCodeHasText()
{
    // A code added to the engine without a text in issuetext.cpp and translations/kmsync_zh_CN.ts fails here.
    for (const auto code : kAllIssueCodes) {
        // both field variants ("Start time ..." / "End time ...")
        for (const QString &field : {QStringLiteral("beginDateTime"), QStringLiteral("endOffset")}) {
            ValidationIssue issue;
            issue.code = code;
            issue.field = field;
            issue.value = QStringLiteral("v");
            issue.allowed = QStringLiteral("a");
            issue.detail = QStringLiteral("d");
            issue.message = kUntranslated;
            const QString where = issueCodeName(code) + QLatin1Char(' ') + field;

            const QString english = issueText(issue);
            QVERIFY2(!english.isEmpty() && english != kUntranslated, qPrintable(where));
            QVERIFY2(!hasChinese(english), qPrintable(where));
            QVERIFY2(!english.contains(QRegularExpression(QStringLiteral("%\\d"))), qPrintable(where + english));

            QVERIFY(QCoreApplication::installTranslator(&m_zh));
            const QString chinese = issueText(issue);
            QCoreApplication::removeTranslator(&m_zh);
            QVERIFY2(hasChinese(chinese), qPrintable(where + QStringLiteral(": no zh_CN text for \"") + english));
            QVERIFY2(!chinese.contains(QRegularExpression(QStringLiteral("%\\d"))), qPrintable(where + chinese));
        }
    }
}

void TestIssueText::sampleHasNoFinding()
{
    const std::vector<FieldIssue> issues = validateTask(sampleTask());
    QVERIFY2(issues.empty(), qPrintable(describe(issues)));
}

void TestIssueText::movedChecksComeFromTheEngine_data()
{
    // Each row: a page value the editor once checked itself (taskadapter.cpp), where the finding shows, and a part of
    // its text.
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("warning");
    QTest::newRow("empty topic") << "topic"
                                 << "source.topic"
                                 << "Topic is required" << false;
    QTest::newRow("13-digit start time") << "beginDateTime"
                                         << "source.beginDateTime"
                                         << "14 digits" << false;
    QTest::newRow("start offset text") << "beginOffset"
                                       << "source.beginOffset"
                                       << "\"12a\"" << false;
    QTest::newRow("end offset text") << "endOffset"
                                     << "source.endOffset"
                                     << "End offset \"\"" << false;
    QTest::newRow("unknown time zone") << "timeZone"
                                       << "source.timeZone"
                                       << "Mars/Olympus" << false;
    QTest::newRow("property without a name") << "kafkaConfig"
                                             << "source.kafkaConfig"
                                             << "needs a name" << false;
    QTest::newRow("empty table") << "table"
                                 << "destination.table"
                                 << "Table is required" << false;
    QTest::newRow("malformed partition") << "partition"
                                         << "destination.partition"
                                         << "key=value" << false;
    QTest::newRow("nothing mapped") << "links"
                                    << "mapping.links"
                                    << "Map at least one source field" << false;
    QTest::newRow("no rate") << "mbps"
                             << "settings.mbps"
                             << "not a positive number" << false;
    QTest::newRow("empty parameter line") << "parameters"
                                          << "schedule.parameters"
                                          << "assigns none" << true;
}

void TestIssueText::movedChecksComeFromTheEngine()
{
    QFETCH(QString, change);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QFETCH(bool, warning);
    TaskForm task = sampleTask();
    if (change == QLatin1String("topic")) {
        task.source.topic = QStringLiteral("  ");
    } else if (change == QLatin1String("beginDateTime")) {
        task.source.beginDateTime = QStringLiteral("2022112209520");
    } else if (change == QLatin1String("beginOffset")) {
        task.source.beginMode = BeginMode::SpecificOffset;
        task.source.beginOffset = QStringLiteral("12a");
    } else if (change == QLatin1String("endOffset")) {
        task.source.endMode = EndMode::SpecificOffset;
        task.source.endOffset = QString();
    } else if (change == QLatin1String("timeZone")) {
        task.source.timeZone = QStringLiteral("Mars/Olympus");
    } else if (change == QLatin1String("kafkaConfig")) {
        task.source.kafkaConfig.emplace_back(QStringLiteral(" "), QStringLiteral("1"));
    } else if (change == QLatin1String("table")) {
        task.destination.table.clear();
    } else if (change == QLatin1String("partition")) {
        task.destination.partition = QStringLiteral("ds");
    } else if (change == QLatin1String("links")) {
        task.mapping.links.clear();
    } else if (change == QLatin1String("mbps")) {
        task.settings.throttle = true;
        task.settings.mbps = 0;
    } else if (change == QLatin1String("parameters")) {
        task.schedule.parameters = QStringLiteral(" ");
    }
    const std::vector<FieldIssue> issues = validateTask(task);
    const FieldIssue *issue = findingAt(issues, path);
    QVERIFY2(issue, qPrintable(describe(issues)));
    QVERIFY2(issue->message.contains(expected), qPrintable(issue->message));
    QCOMPARE(issue->severity, warning ? FieldIssue::Severity::Warning : FieldIssue::Severity::Error);
    // The finding is the engine's: the task Save writes reports the same thing to the CLI's validator.
    const auto engineIssues = taskConfig(task).validate();
    QVERIFY(!engineIssues.empty());
}

void TestIssueText::oneFindingPerField()
{
    // Nothing mapped: the reader's and the writer's column lists are both missing (two engine findings); the grid
    // shows one message.
    TaskForm task = sampleTask();
    task.mapping.links.clear();
    const std::vector<FieldIssue> issues = validateTask(task);
    QCOMPARE(std::count_if(issues.begin(), issues.end(),
                           [](const FieldIssue &i) { return i.path == QLatin1String("mapping.links"); }),
             1);
    QCOMPARE(taskConfig(task).validate().size(), size_t(2));
}

void TestIssueText::findingsFollowTheLanguage()
{
    TaskForm task = sampleTask();
    task.source.topic.clear();
    task.source.timeZone = QStringLiteral("Mars/Olympus");
    QVERIFY(QCoreApplication::installTranslator(&m_zh));
    m_installed = true;
    const std::vector<FieldIssue> issues = validateTask(task);
    const FieldIssue *topic = findingAt(issues, QStringLiteral("source.topic"));
    const FieldIssue *zone = findingAt(issues, QStringLiteral("source.timeZone"));
    QVERIFY2(topic && zone, qPrintable(describe(issues)));
    QCOMPARE(topic->message, QStringLiteral("必须填写主题：请选择要读取的 Kafka 主题。"));
    QVERIFY2(hasChinese(zone->message) && zone->message.contains(QLatin1String("Mars/Olympus")),
             qPrintable(zone->message));
}

QTEST_GUILESS_MAIN(TestIssueText)
#include "tst_issuetext.moc"
