// link: kmsync_core
#include <QTest>

#include "engine/core/columntype.h"

using namespace kmsync::engine;

class TestColumnType final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<bool>("odps2");
        QTest::newRow("bigint") << "bigint"
                                << "BIGINT" << false;
        QTest::newRow("string") << "STRING"
                                << "STRING" << false;
        QTest::newRow("decimal") << "decimal"
                                 << "DECIMAL" << false;
        QTest::newRow("decimal(10,2)") << "decimal(10,2)"
                                       << "DECIMAL(10,2)" << true;
        QTest::newRow("varchar") << "varchar(10)"
                                 << "VARCHAR(10)" << true;
        QTest::newRow("int") << "int"
                             << "INT" << true;
        QTest::newRow("integer") << "integer"
                                 << "INT" << true;
        QTest::newRow("timestamp") << " Timestamp "
                                   << "TIMESTAMP" << true;
        QTest::newRow("datetime") << "datetime"
                                  << "DATETIME" << false;
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(bool, odps2);
        const auto type = ColumnType::parse(text);
        QVERIFY2(type.ok(), qPrintable(type.ok() ? QString() : type.error().message));
        QCOMPARE(type->toString(), canonical);
        QCOMPARE(type->isOdps2(), odps2);
    }
    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << "text";
        QTest::newRow("varchar without length") << "varchar";
        QTest::newRow("varchar too long") << "varchar(70000)";
        QTest::newRow("decimal scale > precision") << "decimal(2,5)";
        QTest::newRow("bigint with args") << "bigint(3)";
        QTest::newRow("garbage") << "decimal(";
    }
    void rejects()
    {
        QFETCH(QString, text);
        const auto type = ColumnType::parse(text);
        QVERIFY(!type.ok());
        QVERIFY2(type.error().message.contains(text), qPrintable(type.error().message));
    }
};

QTEST_APPLESS_MAIN(TestColumnType)
#include "tst_columntype.moc"
