// link: kmsync_odpssql kmsync_config kmsync_params kmsync_mapping kmsync_core
// What `kmsync-cli ddl` generates, the mcsql parser (and so `kmsync-cli sql` and the local warehouse) reads
// back unchanged.
#include <QTest>

#include "engine/config/ddlgenerator.h"
#include "engine/odpssql/mcsql.h"

using namespace kmsync::engine;
using namespace kmsync::engine::odpssql;

class TestMcSqlDdl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("partitionLevels");
        QTest::addColumn<QString>("comment");
        QTest::addColumn<int>("lifecycle");
        QTest::newRow("hourly partition") << 1 << "yyyymmddhh" << 36500;
        QTest::newRow("two levels") << 2 << "" << 7;
        QTest::newRow("not partitioned") << 0 << "" << 36500;
        QTest::newRow("escapes in comments") << 1 << "it's \"quoted\" \\ back\nslash\ttab" << 1;
    }
    void roundTrip()
    {
        QFETCH(int, partitionLevels);
        QFETCH(QString, comment);
        QFETCH(int, lifecycle);
        TableSchema schema;
        schema.name = QStringLiteral("web_clicks_v2");
        const std::vector<std::pair<const char *, const char *>>
            columns{{"__key__", "STRING"},       {"__value__", "STRING"},  {"__partition__", "BIGINT"},
                    {"__headers__", "STRING"},   {"__offset__", "BIGINT"}, {"__timestamp__", "BIGINT"},
                    {"user_id", "BIGINT"},       {"price", "DOUBLE"},      {"ok", "BOOLEAN"},
                    {"amount", "DECIMAL(10,2)"}, {"name", "VARCHAR(20)"},  {"weird`col", "STRING"}};
        for (const auto &[name, type] : columns) {
            auto parsed = ColumnType::parse(QString::fromLatin1(type));
            QVERIFY(parsed.ok());
            schema.columns.push_back(ColumnDef{QString::fromLatin1(name), parsed.value(), comment});
        }
        const QStringList keys{QStringLiteral("ds"), QStringLiteral("hh")};
        for (int i = 0; i < partitionLevels; ++i)
            schema.partitionKeys.push_back(ColumnDef{keys[i], ColumnType{TypeKind::String}, comment});

        const QString ddl = config::renderDdl(schema, lifecycle);
        const auto statement = parseStatement(ddl);
        QVERIFY2(statement.ok(),
                 qPrintable(statement.ok() ? ddl : statement.error().message + QStringLiteral("\n") + ddl));
        QVERIFY(std::holds_alternative<CreateTable>(statement.value()));
        const auto &create = std::get<CreateTable>(statement.value());
        QCOMPARE(create.schema, schema);
        QCOMPARE(create.lifecycle, std::optional<int>(lifecycle));
        QVERIFY(create.ifNotExists);
    }
};

QTEST_APPLESS_MAIN(TestMcSqlDdl)
#include "tst_mcsql_ddl.moc"
