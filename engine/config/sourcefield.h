#pragma once

#include <QString>
#include <QStringList>

#include "engine/core/result.h"
#include "engine/mapping/jsonpath.h"
#include "engine/mapping/sourcefield.h"

namespace kmsync::engine::config {

// What the task configuration adds to engine/mapping's reader `column` parser (mapping::SourceField and
// mapping::JsonPath are the one parser both the run and the configuration use).

// The six Kafka record fields in DataWorks' order: __key__ __value__ __partition__ __headers__ __offset__
// __timestamp__.
const QStringList &kafkaFieldNames();
// DataWorks' description of a Kafka record field (used as the DDL column comment); empty for other names.
QString kafkaFieldDescription(const QString &field);

// Parses a reader `column` entry with mapping::SourceField::parse, and also rejects an entry that opens a
// 'constant' without closing it ('abc, '): the mapper would read it as a JSON path, which is never what the
// task means. Errors: "config.constant" for that; otherwise mapping's codes ("mapping.source_field",
// "mapping.path_syntax"), whose messages quote the entry and name the position and what was expected.
Result<mapping::SourceField> parseSourceField(const QString &text);

// "__x__" that is not one of the six Kafka fields, which the mapper reads as a JSON path to the key "__x__"
// (likely a typo; validation warns).
bool looksLikeKafkaField(const mapping::SourceField &field);

// A MaxCompute column name for a JSON path: segments joined with `_`, anything that is not [a-z0-9_]
// replaced by `_`, runs of `_` collapsed, no leading or trailing `_`, lower case, and "col_" in front of a
// name that would be empty or start with a digit: user.id -> user_id, items[0].sku -> items_0_sku,
// ["page"]["ref.domain"] -> page_ref_domain, [0].x -> col_0_x.
QString ddlColumnName(const mapping::JsonPath &path);

} // namespace kmsync::engine::config
