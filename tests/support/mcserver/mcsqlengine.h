#pragma once

#include <map>
#include <set>
#include <vector>

#include <QMap>
#include <QString>

#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/core/value.h"
#include "engine/odpssql/mcsql.h"
#include "engine/odpssql/partitionspec.h"

namespace kmsync::test {

// One in-memory table of the test server. Rows of a partitioned table live under their canonical
// partition key ("ds=20221122,hh=10", keys in schema order); a non-partitioned table uses "".
struct McTable
{
    engine::TableSchema schema;
    std::set<QString> partitions;
    std::map<QString, std::vector<engine::Row>> data;
    int64_t rowCount() const;
};

// The test server's catalogue and the SQL subset it runs: CREATE TABLE [IF NOT EXISTS], DROP TABLE [IF EXISTS],
// ALTER TABLE .. ADD [IF NOT EXISTS] / DROP [IF EXISTS] PARTITION (..), SELECT COUNT(*) / SELECT * FROM t
// [WHERE k='v' AND ..], ALTER TABLE .. ADD COLUMNS (..) (existing rows read NULL in the new columns). The DDL is
// parsed by kmsync's own MaxCompute SQL parser (engine/odpssql/mcsql.h), and run here. Errors read like the service's
// ("ODPS-0130131:Table not found - ...").
class McSqlEngine
{
public:
    // Runs one statement. SELECTs return CSV (header line, then rows; NULL is \N); other statements "".
    engine::Result<QString> execute(const QString &sql, const QMap<QString, QString> &settings);

    McTable *table(const QString &name);
    const McTable *table(const QString &name) const;
    QStringList tableNames() const;
    void putTable(const engine::TableSchema &schema);

    // "ds=1,hh=2" from (key, value) pairs: every partition key exactly once, names case-insensitive.
    static engine::Result<QString> canonicalPartition(const McTable &table, const engine::odpssql::PartitionSpec &spec);
    static QString formatValue(const engine::Value &value, const engine::ColumnType &type);

private:
    engine::Result<QString> createTable(const engine::odpssql::CreateTable &create, bool odps2);
    engine::Result<QString> dropTable(const engine::odpssql::DropTable &drop);
    engine::Result<QString> addColumns(const engine::odpssql::AddColumns &add, bool odps2);
    engine::Result<QString> changePartitions(const QString &name,
                                             const std::vector<engine::odpssql::PartitionSpec> &specs, bool add,
                                             bool guarded);
    engine::Result<QString> select(const QString &sql) const;

    std::map<QString, McTable> m_tables; // key: lower-case name
};

} // namespace kmsync::test
