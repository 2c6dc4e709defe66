#pragma once

#include <memory>
#include <vector>

#include <QString>

#include "engine/core/kafkamessage.h"
#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/core/value.h"
#include "engine/mapping/fieldprofile.h"
#include "engine/mapping/mapperspec.h"

namespace kmsync::engine::mapping {

// Turns Kafka messages into destination rows: the hot path of a sync run.
//
// For each message, map() decodes the key and value (BytesDecoder), parses the value with simdjson ONCE
// when any JSON path is mapped (one DOM parse, N path lookups, a parser and padded buffer reused across
// messages), and converts every mapped source field to its column's type (ValueConverter; the rules are in
// valueconverter.h). Source fields that are not mapped are not computed.
//
//   __key__ / __value__   decoded per keyType/valueType and encoding; a null key or value is NULL
//   __partition__, __offset__  BIGINT-like integers
//   __timestamp__         epoch milliseconds (an integer); a message without a timestamp (-1) gives NULL
//   __headers__           a JSON object text, see headersToJson() in jsontext.h (repeated names: last wins)
//   'constant'            the text between the quotes, converted like any other text
//   JSON path             the value at the path; missing (no such key, index beyond the array, not an
//                         object/array on the way, JSON null, null message value) is NULL. Paths read the
//                         value bytes as UTF-8 for BYTEARRAY, decoded with `encoding` for STRING; a numeric
//                         valueType with JSON paths is rejected by create().
//
// A message that cannot be mapped is a dirty record: map() returns false with a reason such as
//   column "amount" DOUBLE: cannot convert "12,5" from source field amount
//   value is not valid JSON: TAPE_ERROR: ... at byte 17
//   source field __key__: keyType LONG needs exactly 8 bytes, got 5
//
// Threading: a RecordMapper is not thread-safe (it owns the parser and buffers); use one per thread.
// It is movable, not copyable.
class RecordMapper
{
public:
    // Validates the spec; errors name the field:
    //   mapping.source_field / mapping.path_syntax  an empty or malformed reader column
    //   mapping.column_count     more reader columns than writer columns
    //   mapping.unknown_column   a writer column that is not a data column of the table
    //   mapping.duplicate_column a destination column mapped twice
    //   mapping.path_value_type  JSON paths with a numeric valueType (LONG, DOUBLE, ...)
    //   mapping.constant         a 'constant' that cannot convert to its column's type
    //   mapping.decode_type / mapping.encoding  bad keyType/valueType/encoding
    static Result<RecordMapper> create(const MapperSpec &spec);

    RecordMapper(RecordMapper &&) noexcept;
    RecordMapper &operator=(RecordMapper &&) noexcept;
    RecordMapper(const RecordMapper &) = delete;
    RecordMapper &operator=(const RecordMapper &) = delete;
    ~RecordMapper();

    // Fills `out` with one full-width row in table.columns order (resized when needed; strings already in
    // `out` are reused). Returns false for a dirty record and sets *dirtyReason when given; `out` is then
    // unspecified.
    bool map(const KafkaMessage &message, Row &out, QString *dirtyReason);

    const TableSchema &table() const;
    // For each table column, the reader column index that feeds it, or -1 (NULL).
    const std::vector<int> &sourceIndexForColumn() const;
    // The profile of the values mapped so far (every message given to map(): invalid JSON counted, null values
    // counted), when MapperSpec::profile was set and a JSON path is mapped; else nullptr.
    const FieldProfiler *profiler() const;

private:
    struct Impl;
    explicit RecordMapper(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace kmsync::engine::mapping
