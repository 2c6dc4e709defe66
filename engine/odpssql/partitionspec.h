#pragma once

#include <utility>
#include <vector>

#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::odpssql {

// One partition: key/value pairs, one per level, in the order written.
//
// PartitionSpec::parse reads the text form the writer's `partition`, the Tunnel and the REST API use. Rules:
// - empty or blank text is the empty spec (an unpartitioned table);
// - levels are separated by ',' or '/'; spaces around keys, values and separators are ignored;
// - each level is key=value; the key is a letter or '_' followed by letters, digits or '_' (ASCII), and comes
//   back in lower case (MaxCompute names are case-insensitive);
// - the value is written bare (ds=20221122, the Tunnel's form) or in matching single or double quotes
//   (ds='20221122', the REST API's form; ds="20221122"); the quotes are not part of the value;
// - rejected, with the code "mcsql.partition_spec" and a message that quotes the text: a level without '=' or
//   with a bad key ("is not key=value"), an empty value ("empty value"), a value with a quote left in it after
//   the enclosing pair ("may not contain"), a key given twice ("given twice").
// Whether the keys are the table's, in which order, and whether a value fits the key's type is the
// destination's check (it knows the table).
//
// Every reader of a partition text uses these rules: the writer's `partition` in a task
// (OdpsWriterConfig::partitionKeyValues, which words the problem for a task's author), the local warehouse, the
// MaxCompute client and sink, the test server and the CLI.

// Which rule a text broke, for a caller that words the problem for its own reader.
struct PartitionSpecProblem
{
    enum class Kind {
        NotKeyValue,  // `level` has no '=' or a bad key
        EmptyValue,   // `key` has an empty value
        QuoteInValue, // `key`'s `value` has a quote left in it
        KeyTwice,     // `key` is given twice
    };
    Kind kind = Kind::NotKeyValue;
    QString level; // the level as written, trimmed
    QString key;   // in lower case; empty for NotKeyValue
    QString value; // QuoteInValue: the value without its enclosing quotes
};

struct PartitionSpec
{
    std::vector<std::pair<QString, QString>> levels;

    // On failure, `problem` (when not null) says which rule the text broke.
    static Result<PartitionSpec> parse(const QString &text, PartitionSpecProblem *problem = nullptr);

    bool isEmpty() const { return levels.empty(); }
    // "ds=20221122,hh=10": the Tunnel's `partition=` parameter and kmsync's stored form (no quotes, no spaces).
    QString toString() const;
    // "ds='20221122',hh='10'": the REST `partition=` parameter and the SQL PARTITION (...) body.
    QString toQuotedString() const;

    friend bool operator==(const PartitionSpec &, const PartitionSpec &) = default;
};

} // namespace kmsync::engine::odpssql
