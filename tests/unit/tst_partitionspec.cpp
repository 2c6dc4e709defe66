// link: kmsync_odpssql kmsync_core
// The one partition spec (engine/odpssql/partitionspec.h): every form it accepts, every form it refuses and why
// (the writer-spec cases of tst_mcsql moved here with the parser).
// The writer's `partition`, the local warehouse, the MaxCompute client and sink, the test server and the CLI all
// read partitions with it.
#include <QTest>

#include "engine/odpssql/partitionspec.h"

using kmsync::engine::odpssql::PartitionSpec;

class TestPartitionSpec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("unquoted");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("empty") << ""
                               << ""
                               << "";
        QTest::newRow("blank") << "  \t "
                               << ""
                               << "";
        QTest::newRow("Tunnel form (SDKs)") << "ds=20221122"
                                            << "ds=20221122"
                                            << "ds='20221122'";
        QTest::newRow("REST form (SDKs)") << "ds='20221122'"
                                          << "ds=20221122"
                                          << "ds='20221122'";
        QTest::newRow("double quotes") << "ds=\"20221122\""
                                       << "ds=20221122"
                                       << "ds='20221122'";
        QTest::newRow("multi-level REST form") << "ds='1',hh='2'"
                                               << "ds=1,hh=2"
                                               << "ds='1',hh='2'";
        QTest::newRow("multi-level Tunnel form") << "ds=1,hh=2"
                                                 << "ds=1,hh=2"
                                                 << "ds='1',hh='2'";
        QTest::newRow("one") << "ds=20221122"
                             << "ds=20221122"
                             << "ds='20221122'";
        QTest::newRow("two") << "ds=20221122,hh=10"
                             << "ds=20221122,hh=10"
                             << "ds='20221122',hh='10'";
        QTest::newRow("slash and quotes") << " DS='20221122' / hh=\"10\" "
                                          << "ds=20221122,hh=10"
                                          << "ds='20221122',hh='10'";
        QTest::newRow("slash between levels") << "ds=1/hh=2"
                                              << "ds=1,hh=2"
                                              << "ds='1',hh='2'";
        QTest::newRow("spaces") << "  ds = 1 ,  hh= '2' / mm =3 "
                                << "ds=1,hh=2,mm=3"
                                << "ds='1',hh='2',mm='3'";
        QTest::newRow("key case") << "DS=1,Hh=x"
                                  << "ds=1,hh=x"
                                  << "ds='1',hh='x'";
        QTest::newRow("underscore key") << "_p1=a"
                                        << "_p1=a"
                                        << "_p1='a'";
        QTest::newRow("space inside quotes") << "ds='a b'"
                                             << "ds=a b"
                                             << "ds='a b'";
        QTest::newRow("value with '='") << "ds=a=b"
                                        << "ds=a=b"
                                        << "ds='a=b'";
        QTest::newRow("unicode value") << "city=杭州"
                                       << "city=杭州"
                                       << "city='杭州'";
        QTest::newRow("template text") << "ds=${bizdate}"
                                       << "ds=${bizdate}"
                                       << "ds='${bizdate}'";
    }
    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(QString, unquoted);
        QFETCH(QString, quoted);
        const auto spec = PartitionSpec::parse(text);
        QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().message));
        QCOMPARE(spec->toString(), unquoted);
        QCOMPARE(spec->toQuotedString(), quoted);
        QCOMPARE(spec->isEmpty(), unquoted.isEmpty());
        // Both printed forms read back to the same spec.
        QCOMPARE(PartitionSpec::parse(spec->toString()).value(), spec.value());
        QCOMPARE(PartitionSpec::parse(spec->toQuotedString()).value(), spec.value());
    }

    void levelsInOrder()
    {
        const auto spec = PartitionSpec::parse(QStringLiteral("hh='10',ds=20221122"));
        QVERIFY(spec.ok());
        QCOMPARE(spec->levels.size(), size_t(2));
        QCOMPARE(spec->levels[0].first, QStringLiteral("hh"));
        QCOMPARE(spec->levels[0].second, QStringLiteral("10"));
        QCOMPARE(spec->levels[1].first, QStringLiteral("ds"));
        QCOMPARE(spec->levels[1].second, QStringLiteral("20221122"));
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no '='") << "20221122"
                                << "is not key=value";
        QTest::newRow("no eq, key only") << "ds"
                                         << "not key=value";
        QTest::newRow("twice") << "ds=1,ds=2"
                               << "given twice";
        QTest::newRow("no key") << "=1"
                                << "is not key=value";
        QTest::newRow("key starts with digit") << "1ds=1"
                                               << "is not key=value";
        QTest::newRow("key with '-'") << "my-key=1"
                                      << "is not key=value";
        QTest::newRow("quoted key") << "'ds'=1"
                                    << "is not key=value";
        QTest::newRow("empty level") << "ds=1,,hh=2"
                                     << "is not key=value";
        QTest::newRow("trailing separator") << "ds=1,"
                                            << "is not key=value";
        QTest::newRow("empty value") << "ds="
                                     << "empty value";
        QTest::newRow("empty quoted value") << "ds=''"
                                            << "empty value";
        QTest::newRow("unbalanced quote") << "ds='1"
                                          << "may not contain";
        QTest::newRow("mixed quotes") << "ds='1\""
                                      << "may not contain";
        QTest::newRow("quote inside") << "ds=a'b"
                                      << "may not contain";
        QTest::newRow("given twice") << "ds=1,ds=2"
                                     << "given twice";
        QTest::newRow("given twice, any case") << "ds=1/DS=2"
                                               << "given twice";
    }
    void rejected()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const auto spec = PartitionSpec::parse(text);
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().code, QStringLiteral("mcsql.partition_spec"));
        QVERIFY2(spec.error().message.contains(mentions), qPrintable(spec.error().message));
        QVERIFY2(spec.error().message.contains(QStringLiteral("\"%1\"").arg(text)), qPrintable(spec.error().message));
    }

    // The rule a text broke, for the callers that word it themselves (the task's writer partition).
    void problem_data()
    {
        using Kind = kmsync::engine::odpssql::PartitionSpecProblem::Kind;
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("no '='") << "ds=1, 20221122" << int(Kind::NotKeyValue) << "20221122"
                                << ""
                                << "";
        QTest::newRow("bad key") << "my-key=1" << int(Kind::NotKeyValue) << "my-key=1"
                                 << ""
                                 << "";
        QTest::newRow("empty value") << "ds=1/HH= ''" << int(Kind::EmptyValue) << "HH= ''"
                                     << "hh"
                                     << "";
        QTest::newRow("quote inside") << "ds='a'b'" << int(Kind::QuoteInValue) << "ds='a'b'"
                                      << "ds"
                                      << "a'b";
        QTest::newRow("given twice") << "ds=1,DS=2" << int(Kind::KeyTwice) << "DS=2"
                                     << "ds"
                                     << "2";
    }
    void problem()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, level);
        QFETCH(QString, key);
        QFETCH(QString, value);
        kmsync::engine::odpssql::PartitionSpecProblem problem;
        QVERIFY(!PartitionSpec::parse(text, &problem).ok());
        QCOMPARE(int(problem.kind), kind);
        QCOMPARE(problem.level, level);
        QCOMPARE(problem.key, key);
        QCOMPARE(problem.value, value);
    }
};

QTEST_APPLESS_MAIN(TestPartitionSpec)
#include "tst_partitionspec.moc"
