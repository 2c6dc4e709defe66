// link: kmsync_mapping kmsync_core
#include <QRandomGenerator>
#include <QTest>

#include "engine/mapping/jsonpath.h"
#include "engine/mapping/sourcefield.h"

using namespace kmsync::engine::mapping;

namespace {

// "k:a" is a key segment, "i:3" an index segment; segments joined with '|'.
QString describe(const JsonPath &path)
{
    QStringList parts;
    for (const auto &seg : path.segments()) {
        if (seg.isIndex)
            parts << QStringLiteral("i:%1").arg(seg.index);
        else
            parts << QStringLiteral("k:") + QString::fromStdString(seg.key);
    }
    return parts.join(QLatin1Char('|'));
}

} // namespace

class TestJsonPath final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("segments");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("key") << "b"
                             << "k:b"
                             << "b";
        QTest::newRow("nested") << "a.a1"
                                << "k:a|k:a1"
                                << "a.a1";
        QTest::newRow("index") << "c[1]"
                               << "k:c|i:1"
                               << "c[1]";
        QTest::newRow("index then key") << "d[0].AA"
                                        << "k:d|i:0|k:AA"
                                        << "d[0].AA";
        QTest::newRow("dotted key") << "[\"a.b\"]"
                                    << "k:a.b"
                                    << "[\"a.b\"]";
        QTest::newRow("quoted after index") << "d[0][\"x.y\"]"
                                            << "k:d|i:0|k:x.y"
                                            << "d[0][\"x.y\"]";
        QTest::newRow("quoted in the middle") << "a[\"b.c\"].d"
                                              << "k:a|k:b.c|k:d"
                                              << "a[\"b.c\"].d";
        QTest::newRow("quoted plain key is unquoted") << "[\"a\"][\"b\"]"
                                                      << "k:a|k:b"
                                                      << "a.b";
        QTest::newRow("escapes") << "[\"say \\\"hi\\\" \\\\o/\"]"
                                 << "k:say \"hi\" \\o/"
                                 << "[\"say \\\"hi\\\" \\\\o/\"]";
        QTest::newRow("empty quoted key") << "a[\"\"]"
                                          << "k:a|k:"
                                          << "a[\"\"]";
        QTest::newRow("leading index") << "[2].x"
                                       << "i:2|k:x"
                                       << "[2].x";
        QTest::newRow("nested indices") << "m[1][22]"
                                        << "k:m|i:1|i:22"
                                        << "m[1][22]";
        QTest::newRow("leading zeros") << "c[01]"
                                       << "k:c|i:1"
                                       << "c[1]";
        QTest::newRow("spaces and unicode") << "名字.first name"
                                            << "k:名字|k:first name"
                                            << "名字.first name";
        QTest::newRow("default field name as key") << "[\"__key__\"]"
                                                   << "k:__key__"
                                                   << "[\"__key__\"]";
        QTest::newRow("default field name deeper") << "x.__key__"
                                                   << "k:x|k:__key__"
                                                   << "x.__key__";
        QTest::newRow("quote-like first key") << "[\"'c'\"]"
                                              << "k:'c'"
                                              << "[\"'c'\"]";
        QTest::newRow("bracket in key") << "[\"a]b\"]"
                                        << "k:a]b"
                                        << "[\"a]b\"]";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, segments);
        QFETCH(QString, canonical);
        const auto path = JsonPath::parse(text);
        QVERIFY2(path.ok(), qPrintable(path.ok() ? QString() : path.error().message));
        QCOMPARE(describe(*path), segments);
        QCOMPARE(path->toString(), canonical);
        // The canonical form reads back as the same path.
        const auto again = JsonPath::parse(canonical);
        QVERIFY(again.ok());
        QCOMPARE(*again, *path);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("what");
        QTest::newRow("double dot") << "a..b" << 3 << "expected a key name";
        QTest::newRow("leading dot") << ".a" << 1 << "expected a key name";
        QTest::newRow("trailing dot") << "a." << 3 << "expected a key name after '.'";
        QTest::newRow("unclosed index") << "c[1" << 4 << "expected ']'";
        QTest::newRow("negative index") << "c[-1]" << 3 << "expected an array index";
        QTest::newRow("empty index") << "c[]" << 3 << "expected an array index";
        QTest::newRow("letters in index") << "c[x]" << 3 << "expected an array index";
        QTest::newRow("dot before bracket") << "a.[\"b\"]" << 3 << "expected a key name after '.'";
        QTest::newRow("text after bracket") << "c[1]x" << 5 << "expected '.' or '['";
        QTest::newRow("stray close") << "a]" << 2 << "unexpected ']'";
        QTest::newRow("unterminated quote") << "[\"a.b]" << 2 << "unterminated quoted key";
        QTest::newRow("bad escape") << "[\"a\\n\"]" << 4 << "unknown escape";
        QTest::newRow("quote without bracket") << "a\"b\"" << 2 << "unexpected '\"'";
        QTest::newRow("missing close after quote") << "[\"a\"x" << 5 << "expected ']' after the quoted key";
        QTest::newRow("index overflow") << "c[99999999999999999999999]" << 3 << "array index too large";
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QFETCH(QString, what);
        const auto path = JsonPath::parse(text);
        QVERIFY(!path.ok());
        QCOMPARE(path.error().code, QStringLiteral("mapping.path_syntax"));
        const QString &message = path.error().message;
        QVERIFY2(message.contains(QStringLiteral("\"%1\"").arg(text)), qPrintable(message));
        QVERIFY2(message.contains(what), qPrintable(message));
        QVERIFY2(message.endsWith(QStringLiteral("at position %1").arg(position)), qPrintable(message));
    }

    // Any sequence of segments survives toString() -> parse(), whatever characters the keys hold.
    void randomRoundTrip()
    {
        QRandomGenerator rng(20221122);
        const QString alphabet = QStringLiteral("ab.[]\"\\' _0_9é名");
        for (int round = 0; round < 2000; ++round) {
            JsonPath path;
            const int count = 1 + int(rng.bounded(5));
            for (int i = 0; i < count; ++i) {
                JsonPath::Segment seg;
                if (rng.bounded(3) == 0) {
                    seg.isIndex = true;
                    seg.index = rng.bounded(1000);
                } else {
                    QString key;
                    const int length = int(rng.bounded(6));
                    for (int k = 0; k < length; ++k)
                        key += alphabet.at(int(rng.bounded(alphabet.size())));
                    if (i == 0 && rng.bounded(10) == 0)
                        key = QStringLiteral("__value__");
                    seg.key = key.toStdString();
                }
                path.append(seg);
            }
            const QString text = path.toString();
            const auto parsed = JsonPath::parse(text);
            QVERIFY2(parsed.ok(),
                     qPrintable(text + QStringLiteral(": ") + (parsed.ok() ? QString() : parsed.error().message)));
            QVERIFY2(*parsed == path, qPrintable(text));
            // As a source field, the canonical text is always a path, never a default field or a constant.
            const auto field = SourceField::parse(text);
            QVERIFY(field.ok());
            QCOMPARE(int(field->kind()), int(SourceField::Kind::Path));
        }
    }

    void emptyPath()
    {
        const auto path = JsonPath::parse(QString());
        QVERIFY(!path.ok());
        QCOMPARE(path.error().code, QStringLiteral("mapping.path_syntax"));
    }

    void sourceFields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("detail"); // constant text or canonical path
        QTest::newRow("__key__") << "__key__" << int(SourceField::Kind::Key) << "";
        QTest::newRow("__value__") << "__value__" << int(SourceField::Kind::Value) << "";
        QTest::newRow("__partition__") << "__partition__" << int(SourceField::Kind::Partition) << "";
        QTest::newRow("__headers__") << "__headers__" << int(SourceField::Kind::Headers) << "";
        QTest::newRow("__offset__") << "__offset__" << int(SourceField::Kind::Offset) << "";
        QTest::newRow("__timestamp__") << "__timestamp__" << int(SourceField::Kind::Timestamp) << "";
        QTest::newRow("constant") << "'abc'" << int(SourceField::Kind::Constant) << "abc";
        QTest::newRow("empty constant") << "''" << int(SourceField::Kind::Constant) << "";
        QTest::newRow("constant with dots") << "'a.b[1]'" << int(SourceField::Kind::Constant) << "a.b[1]";
        QTest::newRow("upper-case is a path") << "__KEY__" << int(SourceField::Kind::Path) << "__KEY__";
        QTest::newRow("path") << "d[0].AA" << int(SourceField::Kind::Path) << "d[0].AA";
        QTest::newRow("lone quote is a path") << "'" << int(SourceField::Kind::Path) << "[\"'\"]";
    }
    void sourceFields()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, detail);
        const auto field = SourceField::parse(text);
        QVERIFY2(field.ok(), qPrintable(field.ok() ? QString() : field.error().message));
        QCOMPARE(int(field->kind()), kind);
        QCOMPARE(field->text(), text);
        if (field->kind() == SourceField::Kind::Constant)
            QCOMPARE(QString::fromStdString(field->constant()), detail);
        if (field->kind() == SourceField::Kind::Path)
            QCOMPARE(field->path().toString(), detail);
    }
    void sourceFieldErrors()
    {
        const auto empty = SourceField::parse(QString());
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().code, QStringLiteral("mapping.source_field"));
        const auto bad = SourceField::parse(QStringLiteral("a..b"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, QStringLiteral("mapping.path_syntax"));
    }
};

QTEST_APPLESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
