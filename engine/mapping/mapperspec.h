#pragma once

#include <vector>

#include <QString>
#include <QTimeZone>

#include "engine/core/tableschema.h"

namespace kmsync::engine::mapping {

// What RecordMapper::create() needs, as plain values (the task config fills it; the mapper does not read
// task JSON itself).
struct MapperSpec
{
    // The reader's `column` list: __key__ ... __timestamp__, 'constant' or JSON paths (see sourcefield.h).
    std::vector<QString> sourceFields;
    // The writer's `column` list: destColumns[i] receives sourceFields[i] (case-insensitive names of
    // table.columns). ["*"] means every table column in table order. Writer columns beyond the reader's
    // count, and table columns not listed, get NULL. A destination column may be named once only; the same
    // source field may feed several columns (script mode allows listing it twice).
    std::vector<QString> destColumns;
    TableSchema table;
    QString keyType = QStringLiteral("STRING"); // BYTEARRAY, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING
    QString valueType = QStringLiteral("STRING");
    QString encoding = QStringLiteral("UTF-8"); // for STRING keys/values; any QStringDecoder name
    bool emptyAsNull = false;
    QTimeZone timeZone; // for DATETIME/DATE/TIMESTAMP text without an offset;
                        // invalid = the system time zone
    // Profile the parsed message values while mapping (RecordMapper::profiler()): the leaf paths the mapping
    // does not cover and the mapped JSON paths never seen, for the run summary's drift counts. Only when the
    // task maps JSON paths (the value is parsed anyway); costs one walk over each parsed document.
    bool profile = false;
};

} // namespace kmsync::engine::mapping
