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
};

} // namespace kmsync::engine::mapping
