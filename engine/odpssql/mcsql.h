#pragma once

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/odpssql/partitionspec.h"

// The MaxCompute SQL subset kmsync understands: the DDL that creates, changes and drops destination tables
// and partitions. Pure parsing, no storage or network: the local warehouse translates the statements to SQLite
// (engine/warehouse/warehouseddl.cpp), the MaxCompute test server (tests/support/mcserver) runs them in memory,
// `kmsync-cli sql` and engine/job/destination.cpp parse with it, and the MaxCompute client asks
// ddlUsesOdps2Types before it submits DDL.
//
//   CREATE TABLE [IF NOT EXISTS] [project.]name (col TYPE [NOT NULL] [COMMENT 'x'], ...)
//       [COMMENT 'x'] [PARTITIONED BY (k TYPE [COMMENT 'x'], ...)] [LIFECYCLE n];
//   DROP TABLE [IF EXISTS] [project.]name;
//   ALTER TABLE [project.]name ADD [IF NOT EXISTS] PARTITION (k='v'[, k2='v2']) [PARTITION (...)]...;
//   ALTER TABLE [project.]name DROP [IF EXISTS] PARTITION (...)[, PARTITION (...)]...;
//   ALTER TABLE [project.]name ADD COLUMNS (col TYPE [COMMENT 'x'], ...);
//
// Keywords are case-insensitive, identifiers may be `backtick-quoted` (a doubled backtick inside is one
// backtick), `--` and /* */ comments and a trailing ';' are allowed. Table and column names come back in
// lower case, as MaxCompute stores them.
namespace kmsync::engine::odpssql {

struct TableRef
{
    QString project; // empty when the statement names none
    QString name;
    friend bool operator==(const TableRef &, const TableRef &) = default;
};

struct CreateTable
{
    TableRef table;
    bool ifNotExists = false;
    TableSchema schema;         // schema.name == table.name
    QStringList notNullColumns; // data columns declared NOT NULL
    QString comment;
    std::optional<int> lifecycle; // days
    friend bool operator==(const CreateTable &, const CreateTable &) = default;
};

struct DropTable
{
    TableRef table;
    bool ifExists = false;
    friend bool operator==(const DropTable &, const DropTable &) = default;
};

struct AddPartitions
{
    TableRef table;
    bool ifNotExists = false;
    std::vector<PartitionSpec> partitions;
    friend bool operator==(const AddPartitions &, const AddPartitions &) = default;
};

struct DropPartitions
{
    TableRef table;
    bool ifExists = false;
    std::vector<PartitionSpec> partitions;
    friend bool operator==(const DropPartitions &, const DropPartitions &) = default;
};

// New data columns, appended after the existing ones (names in lower case, no NOT NULL: MaxCompute adds
// NULL-able columns only).
struct AddColumns
{
    TableRef table;
    std::vector<ColumnDef> columns;
    friend bool operator==(const AddColumns &, const AddColumns &) = default;
};

using McStatement = std::variant<CreateTable, DropTable, AddPartitions, DropPartitions, AddColumns>;

// Parses exactly one statement (an optional trailing ';' and comments allowed). Errors have the code
// "mcsql.syntax" (or "mcsql.type", "mcsql.limit") and a message that starts with
// "line L, column C: " and says what was expected there and what was found.
Result<McStatement> parseStatement(const QString &sql);

// Parses a script of one or more statements separated by ';'.
Result<std::vector<McStatement>> parseScript(const QString &sql);

// The table a statement is about.
const TableRef &statementTable(const McStatement &statement);

// True when `sql` starts with CREATE TABLE or ALTER TABLE and names a MaxCompute 2.0 type (INT, DATE,
// VARCHAR(n), DECIMAL(p,s), ...; see ColumnType::isOdps2) outside quotes, backticks and comments. Such DDL
// needs odps.sql.type.system.odps2=true. Reads the statement's words only, so DDL this parser does not
// otherwise accept (CREATE TABLE ... AS SELECT, ARRAY<INT>) is judged too.
bool ddlUsesOdps2Types(const QString &sql);

// The 6 partition key types MaxCompute allows: STRING, VARCHAR, CHAR, TINYINT, SMALLINT, INT, BIGINT.
bool isPartitionKeyType(const ColumnType &type);

} // namespace kmsync::engine::odpssql
