#pragma once

#include <string_view>
#include <vector>

#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::mapping {

enum class JsonKind { Object, Array, String, Number, Bool, Null };

// One node of a JSON document as the mapping preview shows it.
struct JsonNode
{
    QString path; // canonical JsonPath::toString(): a.a1, c[1], d[0].AA, ["a.b"], ["__key__"]
    JsonKind kind = JsonKind::Null;
    // What the mapper writes into a STRING column for this path: compact JSON for objects and arrays,
    // the unescaped text for strings, the number text (as ValueConverter formats it), "true"/"false";
    // "null" for JSON null (which the mapper writes as NULL).
    QString text;
    friend bool operator==(const JsonNode &, const JsonNode &) = default;
};

// Every node below the root of `json` (objects and arrays as well as leaves), depth-first in document order,
// each parent before its children. The root itself is not listed. A path produced here, given to the
// RecordMapper as a source field, yields that node's value. Invalid JSON is an Error (code "mapping.json")
// naming the byte position.
Result<std::vector<JsonNode>> flattenJson(std::string_view json);

} // namespace kmsync::engine::mapping
