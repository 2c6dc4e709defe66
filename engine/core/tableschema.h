#pragma once

#include <optional>
#include <vector>

#include <QString>

#include "engine/core/columntype.h"

namespace kmsync::engine {

struct ColumnDef
{
    QString name;
    ColumnType type;
    QString comment;
    friend bool operator==(const ColumnDef &, const ColumnDef &) = default;
};

// A destination table as a sink sees it: data columns in table order (this order is the Tunnel
// protobuf field order) and partition key columns, which are never part of a written row.
struct TableSchema
{
    QString name;
    std::vector<ColumnDef> columns;
    std::vector<ColumnDef> partitionKeys;

    std::optional<int> columnIndex(const QString &column) const
    {
        for (int i = 0; i < int(columns.size()); ++i) {
            if (columns[size_t(i)].name.compare(column, Qt::CaseInsensitive) == 0)
                return i;
        }
        return std::nullopt;
    }
    friend bool operator==(const TableSchema &, const TableSchema &) = default;
};

} // namespace kmsync::engine
