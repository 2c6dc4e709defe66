#pragma once

#include <span>
#include <string>

#include <QString>

#include "engine/core/result.h"
#include "engine/mapping/jsonpath.h"

namespace kmsync::engine::mapping {

// One reader `column` entry of a DataWorks Kafka task: a Kafka default field, a constant or a JSON path.
//
//   __key__ __value__ __partition__ __headers__ __offset__ __timestamp__   the six default fields (exact,
//                                                                         lower-case spelling)
//   'abc'        a constant: the text between the first and the last single quote, verbatim ('' is empty)
//   anything else  a JsonPath into the message value (see jsonpath.h); a JSON key literally named like a
//                  default field is reached with a quoted segment: ["__key__"]
class SourceField
{
public:
    enum class Kind { Key, Value, Partition, Headers, Offset, Timestamp, Constant, Path };

    // Errors: code "mapping.source_field" for an empty entry, "mapping.path_syntax" for a bad path
    // (the message quotes the field and names the position).
    static Result<SourceField> parse(const QString &text);
    static bool isDefaultFieldName(const QString &name);

    Kind kind() const { return m_kind; }
    const QString &text() const { return m_text; }             // as written
    const std::string &constant() const { return m_constant; } // UTF-8, for Kind::Constant
    const JsonPath &path() const { return m_path; }            // for Kind::Path

private:
    Kind m_kind = Kind::Value;
    QString m_text;
    std::string m_constant;
    JsonPath m_path;
};

// Whether a run over these reader `column` entries must read Kafka message headers: when an entry parses as
// __headers__ (exact, lower-case spelling: __HEADERS__ and ["__headers__"] are JSON paths, '__headers__' a
// constant). An entry that does not parse counts as needing them too: the run fails on it anyway, and
// guessing "no" must never drop headers a mapped column needs. The one rule for the mapper and for
// KafkaSourceOptions::readHeaders (parsing headers costs librdkafka ~1,000 instructions per message).
bool needsHeaders(std::span<const QString> columns);

} // namespace kmsync::engine::mapping
