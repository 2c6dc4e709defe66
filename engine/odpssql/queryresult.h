#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/core/columntype.h"

namespace kmsync::engine {

// The result of a read-only query on a destination (the local warehouse or MaxCompute), already in printable
// form (what MaxCompute's console would show): BOOLEAN as true/false, DATETIME as "yyyy-MM-dd HH:mm:ss", DOUBLE
// in shortest round-trip form, integers as integers. std::nullopt is SQL NULL (MaxCompute's CSV writes \N).
struct QueryResult
{
    QStringList columns;
    // The MaxCompute type of each result column when it is a plain table column (from the catalogue);
    // std::nullopt for expressions such as count(*), and for every column of a MaxCompute result (its CSV
    // carries no types).
    std::vector<std::optional<ColumnType>> columnTypes;
    std::vector<std::vector<std::optional<QString>>> rows;
    bool truncated = false; // more rows matched than maxRows (or than the service returns)
};

} // namespace kmsync::engine
