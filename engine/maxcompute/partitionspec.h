#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::maxcompute {

// A last-level partition spec, "ds=20221122" or "ds=20221122,hh=10" (also accepted: '/' as separator,
// quoted values "ds='20221122'"), as the writer's `partition` resolves to.
struct PartitionSpec
{
    QList<QPair<QString, QString>> levels;

    static Result<PartitionSpec> parse(const QString &text);
    bool isEmpty() const { return levels.isEmpty(); }
    // "ds=20221122,hh=10": the Tunnel `partition=` parameter (no quotes, no spaces).
    QString toTunnelString() const;
    // "ds='20221122',hh='10'": the REST `partition=` parameter and the SQL PARTITION (...) body.
    QString toQuotedString() const;

    friend bool operator==(const PartitionSpec &, const PartitionSpec &) = default;
};

} // namespace kmsync::engine::maxcompute
