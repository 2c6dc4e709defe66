#pragma once

#include <variant>
#include <vector>

#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::config {

// A JSON path into a Kafka message value, as a reader `column` entry spells it:
//   a.a1   c[1]   d[0].AA   ["a.b"]   d[0]["x.y"]   [0].x
// `.` separates object keys, `[n]` indexes an array, and a double-quoted key in brackets may contain any
// character (backslash escapes \" and \\ only). DataWorks cannot reach keys that contain a dot; the quoted
// form is kmsync's extension for them. The syntax is the one engine/mapping's JsonPath runs with.
class JsonPath
{
public:
    using Segment = std::variant<QString /*object key*/, int /*array index*/>;

    // Errors (code "config.json_path") name the path, the 1-based character position and what was expected.
    static Result<JsonPath> parse(const QString &text);

    const QString &text() const { return m_text; }
    const std::vector<Segment> &segments() const { return m_segments; }
    // The DataWorks spelling when it exists (a.b[0].c); keys with special characters are quoted.
    QString toString() const;
    // A MaxCompute column name for the path: segments joined with `_`, anything that is not
    // [a-z0-9_] replaced by `_`, runs of `_` collapsed, lower case: user.id -> user_id,
    // items[0].sku -> items_0_sku, ["page"]["ref.domain"] -> page_ref_domain.
    QString columnName() const;

    friend bool operator==(const JsonPath &, const JsonPath &) = default;

private:
    QString m_text;
    std::vector<Segment> m_segments;
};

} // namespace kmsync::engine::config
