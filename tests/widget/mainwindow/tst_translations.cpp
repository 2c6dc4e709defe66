// link: kmsync_widgets kmsync_engine
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

#include "widgets/mainwindow/mainwindow.h"

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one per numerus form, or one
    bool unfinished = false;
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
            current = Message{context, {}, {}, false};
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
    void languageIsRemembered();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("needsChinese");
    QTest::newRow("zh_CN") << QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_zh_CN.ts") << true;
    QTest::newRow("en") << QStringLiteral(KMSYNC_SOURCE_DIR "/translations/kmsync_en.ts") << false;
}

void TestTranslations::complete()
{
    QFETCH(QString, file);
    QFETCH(bool, needsChinese);
    QString error;
    const QList<Message> messages = readTs(file, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100); // every page, dialog and the main window
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

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
