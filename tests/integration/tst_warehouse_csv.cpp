// link: kmsync_warehouse kmsync_core
#include <QTemporaryDir>
#include <QTest>

#include "engine/warehouse/csvwriter.h"
#include "engine/warehouse/localwarehouse.h"

using namespace kmsync::engine;
using namespace kmsync::engine::warehouse;

class TestWarehouseCsv final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void field_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("csv");
        QTest::newRow("plain") << "abc"
                               << "abc";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("lf") << "a\nb"
                            << "\"a\nb\"";
        QTest::newRow("cr") << "a\rb"
                            << "\"a\rb\"";
        QTest::newRow("spaces kept") << " a "
                                     << " a ";
        QTest::newRow("json") << "{\"id\":1,\"n\":\"x\"}"
                              << "\"{\"\"id\"\":1,\"\"n\"\":\"\"x\"\"}\"";
        QTest::newRow("unicode") << QString::fromUtf8("中文") << QString::fromUtf8("中文");
    }
    void field()
    {
        QFETCH(QString, text);
        QFETCH(QString, csv);
        QCOMPARE(csvField(text), csv);
    }

    void records()
    {
        QueryResult r;
        r.columns = QStringList{QStringLiteral("a"), QStringLiteral("b,c"), QStringLiteral("n")};
        r.rows.push_back({QStringLiteral("1"), QStringLiteral("x"), std::nullopt});
        r.rows.push_back({std::nullopt, QString(), QStringLiteral("\"")});
        QCOMPARE(toCsv(r), QByteArray("a,\"b,c\",n\n1,x,\n,,\"\"\"\"\n"));
        QCOMPARE(toCsv(r, CsvLineEnd::CrLf), QByteArray("a,\"b,c\",n\r\n1,x,\r\n,,\"\"\"\"\r\n"));
    }

    // The query output formats end to end: BOOLEAN true/false, NULL empty, DOUBLE shortest, count(*) integer.
    void queryToCsv()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("w.db"));
        auto wh = LocalWarehouse::open(path);
        QVERIFY(wh.ok());
        QVERIFY(wh.value()
                    ->executeSql(QStringLiteral("CREATE TABLE t (id BIGINT, flag BOOLEAN, d DOUBLE, s STRING, "
                                                "at DATETIME) PARTITIONED BY (ds STRING)"))
                    .ok());
        QVERIFY(wh.value()->begin(SinkTarget{QStringLiteral("t"), QStringLiteral("ds=2022112200"), false}).ok());
        const std::vector<Row> rows{
            Row{int64_t(1), true, 0.1, std::string("a,\"b\""), DateTime{1669082400123}},
            Row{int64_t(2), false, 1e21, std::monostate{}, std::monostate{}},
            Row{int64_t(3), std::monostate{}, -2.5, std::string("line1\nline2"), DateTime{0}},
        };
        QVERIFY(wh.value()->write(rows).ok());
        QVERIFY(wh.value()->commit().ok());

        auto all = LocalWarehouse::queryFile(path,
                                             QStringLiteral(
                                                 "select * from p.t where ds=2022112200 order by id limit 10;"),
                                             100);
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
        QCOMPARE(toCsv(all.value()), QByteArray("id,flag,d,s,at,ds\n"
                                                "1,true,0.1,\"a,\"\"b\"\"\",2022-11-22 02:00:00,2022112200\n"
                                                "2,false,1e+21,,,2022112200\n"
                                                "3,,-2.5,\"line1\nline2\",1970-01-01 00:00:00,2022112200\n"));
        auto count = LocalWarehouse::queryFile(path, QStringLiteral("select count(*) from p.t where ds=2022112200;"),
                                               100);
        QVERIFY(count.ok());
        QCOMPARE(toCsv(count.value()), QByteArray("count(*)\n3\n"));
    }
};

QTEST_GUILESS_MAIN(TestWarehouseCsv)
#include "tst_warehouse_csv.moc"
