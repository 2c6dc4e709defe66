// link: kmsync_widgets kmsync_engine
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLabel>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

#include "widgets/mainwindow/mainwindow.h"
#include "widgets/taskeditor/schedulingpage.h"
#include "widgets/taskeditor/taskform.h"

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one per numerus form, or one
    bool unfinished = false;
    bool numerus = false; // <message numerus="yes">: a tr() with %n
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message{context,
                              {},
                              {},
                              false,
                              xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            // Either plain text or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    current.translations.append(xml.readElementText());
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            out.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data();
    void complete();
    void engineMessagesTranslated();
    void languageIsRemembered();
    void englishPluralForms();
    void englishOnlyPlurals();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("needsChinese");
    QTest::addColumn<int>("minimum");
    // Every page, dialog and the main window in Chinese; only the plural forms in English (englishOnlyPlurals).
    QTest::newRow("zh_CN") << QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_zh_CN.ts") << true << 100;
    QTest::newRow("en") << QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_en.ts") << false << 20;
}

void TestTranslations::complete()
{
    QFETCH(QString, file);
    QFETCH(bool, needsChinese);
    QFETCH(int, minimum);
    QString error;
    const QList<Message> messages = readTs(file, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(messages.size() > minimum, qPrintable(QString::number(messages.size())));
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    int chinese = 0;
    for (const Message &m : messages) {
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(!m.unfinished, qPrintable(where));
        for (const QString &t : m.translations) {
            QVERIFY2(!t.isEmpty(), qPrintable(where));
            QCOMPARE(placeholders(t), placeholders(m.source)); // %1, %2, %n survive translation
        }
        if (cjk.match(m.translations.first()).hasMatch())
            ++chinese;
    }
    if (needsChinese)
        QVERIFY2(chinese > messages.size() * 3 / 4, qPrintable(QString::number(chinese)));
    else
        QCOMPARE(chinese, 0);
}

// Every message the engine translates (QCoreApplication::translate("Context", "text") and QT_TRANSLATE_NOOP in
// engine/**.cpp: the run log, preview and error texts) has a finished Chinese translation in kmsync_zh_CN.ts.
void TestTranslations::engineMessagesTranslated()
{
    QString error;
    QHash<QString, Message> zh;
    for (const Message &m : readTs(QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_zh_CN.ts"), &error))
        zh.insert(m.context + QLatin1Char('\n') + m.source, m);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // A call's context and its (possibly split) string literal. Plain literals, not raw ones: moc reads this file
    // and would take the macro's name in a raw string for a use of it.
    static const QRegularExpression call(
        QStringLiteral("(?:QCoreApplication::translate|QT_TRANSLATE_"
                       "NOOP)\\(\\s*\"([^\"]+)\",\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+)"));
    static const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    int found = 0;
    QDirIterator files(QStringLiteral(KMSYNC_SOURCE_DIR "/engine"), {QStringLiteral("*.cpp")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        for (auto it = call.globalMatch(text); it.hasNext();) {
            const auto match = it.next();
            QString source;
            for (auto part = literal.globalMatch(match.captured(2)); part.hasNext();)
                source += part.next().captured(1);
            source.replace(QStringLiteral("\\\""), QStringLiteral("\""))
                .replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
            const QString key = match.captured(1) + QLatin1Char('\n') + source;
            const QString where = QFileInfo(path).fileName() + QStringLiteral(": ") + key;
            QVERIFY2(zh.contains(key), qPrintable(where + QStringLiteral(" (run the update_translations target)")));
            QVERIFY2(!zh.value(key).unfinished, qPrintable(where));
            QVERIFY2(cjk.match(zh.value(key).translations.value(0)).hasMatch(), qPrintable(where));
            ++found;
        }
    }
    // The run log's lines (syncjob, the Kafka source, the offset resolver), the missing table, the cycles, ...
    QVERIFY2(found >= 30, qPrintable(QString::number(found)));
}

void TestTranslations::languageIsRemembered()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QSettings().clear();
    {
        kmsync::ui::MainWindow window;
        QCOMPARE(window.language(), QStringLiteral("en"));
        window.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(window.language(), QStringLiteral("zh_CN"));
        window.setLanguage(QStringLiteral("klingon")); // unknown codes fall back to English
        QCOMPARE(window.language(), QStringLiteral("en"));
        window.setLanguage(QStringLiteral("zh_CN"));
    }
    QCOMPARE(QSettings().value(QStringLiteral("UI/Language")).toString(), QStringLiteral("zh_CN"));
    kmsync::ui::MainWindow again;
    QCOMPARE(again.language(), QStringLiteral("zh_CN"));
    again.setLanguage(QStringLiteral("en"));
}

// In English the window installs kmsync_en.ts too, for its plural forms: "24 instances", "1 instance", "0 gaps".
void TestTranslations::englishPluralForms()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    kmsync::ui::MainWindow window;
    window.setLanguage(QStringLiteral("en"));
    kmsync::ui::SchedulingPage page;
    page.setConfig(kmsync::ui::ScheduleForm{}); // the hourly preset: 24 contiguous windows a day
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("previewSummaryLabel"))->text(),
             QStringLiteral("24 instances: 0 gaps, 0 overlaps, 0 with errors."));
    QCOMPARE(QCoreApplication::translate("kmsync::ui::SchedulingPage", "%n instance(s)", nullptr, 1),
             QStringLiteral("1 instance"));
    QSettings().clear();
}

// The source texts are the English texts, so kmsync_en.ts holds exactly the numerus messages (lupdate -pluralonly,
// translations/CMakeLists.txt), each with its English singular and plural: a non-numerus message there is one
// update_translations added as unfinished, or a copy of its source that would go stale when the source changes.
void TestTranslations::englishOnlyPlurals()
{
    QString error;
    QSet<QString> plurals; // every tr() with %n: kmsync_zh_CN.ts has every message
    for (const Message &m : readTs(QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_zh_CN.ts"), &error)) {
        if (m.numerus)
            plurals.insert(m.context + QStringLiteral(": ") + m.source);
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSet<QString> english;
    for (const Message &m : readTs(QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_en.ts"), &error)) {
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(m.numerus, qPrintable(where + QStringLiteral(" is not a plural form (run update_translations)")));
        QCOMPARE(m.translations.size(), 2); // English: one, other
        QVERIFY2(m.translations.at(0) != m.translations.at(1), qPrintable(where));
        for (const QString &t : m.translations)
            QVERIFY2(!t.contains(QStringLiteral("(s)")), qPrintable(where + QStringLiteral(" -> ") + t));
        english.insert(where);
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(english, plurals);
    // A saved task's problems, say: the window's plural, not the source's "problem(s)".
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    kmsync::ui::MainWindow window;
    window.setLanguage(QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("kmsync::ui::MainWindow", "Saved %1 with %n problem(s)", nullptr, 2)
                 .arg(QStringLiteral("task.json")),
             QStringLiteral("Saved task.json with 2 problems"));
    QCOMPARE(QCoreApplication::translate("kmsync::ui::MainWindow", "Saved %1 with %n problem(s)", nullptr, 1)
                 .arg(QStringLiteral("task.json")),
             QStringLiteral("Saved task.json with 1 problem"));
    QSettings().clear();
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
