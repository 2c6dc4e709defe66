#pragma once

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/core/result.h"
#include "engine/core/tableschema.h"

// The MaxCompute SQL subset kmsync runs itself: the DDL that creates and drops destination tables and
// partitions. Pure parsing, no storage: the local warehouse translates the statements to SQLite
// (warehouseddl.cpp); `kmsync-cli sql` and engine/job/destination.cpp parse with it. The MaxCompute client
// (odpsclient.cpp) and the MaxCompute test server (tests/support/mcserver) do not use it: each still reads
// DDL with regular expressions of its own.
//
//   CREATE TABLE [IF NOT EXISTS] [project.]name (col TYPE [NOT NULL] [COMMENT 'x'], ...)
//       [COMMENT 'x'] [PARTITIONED BY (k TYPE [COMMENT 'x'], ...)] [LIFECYCLE n];
//   DROP TABLE [IF EXISTS] [project.]name;
//   ALTER TABLE [project.]name ADD [IF NOT EXISTS] PARTITION (k='v'[, k2='v2']) [PARTITION (...)]...;
//   ALTER TABLE [project.]name DROP [IF EXISTS] PARTITION (...)[, PARTITION (...)]...;
//
// Keywords are case-insensitive, identifiers may be `backtick-quoted` (a doubled backtick inside is one
// backtick), `--` and /* */ comments and a trailing ';' are allowed. Table and column names come back in
// lower case, as MaxCompute stores them.
namespace kmsync::engine::warehouse {

struct TableRef
{
    QString project; // empty when the statement names none
    QString name;
    friend bool operator==(const TableRef &, const TableRef &) = default;
};

// One partition: key/value pairs in the order written, keys in lower case.
using PartitionSpec = std::vector<std::pair<QString, QString>>;

struct CreateTable
{
    TableRef table;
    bool ifNotExists = false;
    TableSchema schema;          // schema.name == table.name
    QStringList notNullColumns;  // data columns declared NOT NULL
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

using McStatement = std::variant<CreateTable, DropTable, AddPartitions, DropPartitions>;

// Parses exactly one statement (an optional trailing ';' and comments allowed). Errors have the code
// "mcsql.syntax" (or "mcsql.type", "mcsql.limit") and a message that starts with
// "line L, column C: " and says what was expected there and what was found.
Result<McStatement> parseStatement(const QString &sql);

// Parses a script of one or more statements separated by ';'.
Result<std::vector<McStatement>> parseScript(const QString &sql);

// The table a statement is about.
const TableRef &statementTable(const McStatement &statement);

// Parses a writer partition spec as tasks and the Tunnel spell it: "ds=20221122", "ds=20221122,hh=10",
// also with quoted values ("ds='20221122'") and '/' between levels. An empty string is an empty spec.
// Errors have the code "mcsql.partition_spec".
Result<PartitionSpec> parsePartitionSpec(const QString &spec);

// "ds=20221122,hh=10" (the SinkTarget form; values unquoted).
QString partitionSpecToString(const PartitionSpec &spec);

// The 6 partition key types MaxCompute allows: STRING, VARCHAR, CHAR, TINYINT, SMALLINT, INT, BIGINT.
bool isPartitionKeyType(const ColumnType &type);

} // namespace kmsync::engine::warehouse
