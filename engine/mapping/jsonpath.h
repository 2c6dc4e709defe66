#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::mapping {

// A path into a JSON message value, in DataWorks' field syntax plus a quoted-key escape:
//
//   a.a1        key "a", then key "a1"
//   c[1]        key "c", then array element 1 (0-based)
//   d[0].AA     key "d", element 0, key "AA"
//   ["a.b"]     key "a.b" (DataWorks cannot reach keys that contain dots; kmsync can)
//   a["b.c"].d  quoted segments may appear anywhere a key may; inside the double quotes, \" is a quote
//               and \\ a backslash (no other escapes)
//   [0].x       a path may start with an index when the value is a JSON array
//
// Unquoted keys are any non-empty run of characters other than '.', '[', ']' and '"', matched exactly
// (case-sensitive, no trimming). Keys are matched against the UTF-8 text of the JSON keys; when an object
// repeats a key, the first occurrence is used.
class JsonPath
{
public:
    struct Segment
    {
        bool isIndex = false;
        std::string key; // UTF-8, when !isIndex
        std::size_t index = 0;
        friend bool operator==(const Segment &, const Segment &) = default;
    };

    // Parses a path. Errors have code "mapping.path_syntax" and a message that quotes the path and names the
    // 1-based character position and what was expected there, e.g.
    //   JSON path "a..b": expected a key name at position 3
    static Result<JsonPath> parse(const QString &text);

    // The canonical spelling: unquoted keys joined with '.', indices as [n], and ["..."] only for keys that
    // need it (empty, or containing . [ ] or ", or a first key that would otherwise read as a Kafka default
    // field such as __key__ or as a 'constant'). parse(toString()) == *this.
    QString toString() const;

    const std::vector<Segment> &segments() const { return m_segments; }
    void append(Segment segment) { m_segments.push_back(std::move(segment)); }
    void removeLast() { m_segments.pop_back(); }
    bool isEmpty() const { return m_segments.empty(); }

    friend bool operator==(const JsonPath &, const JsonPath &) = default;

private:
    std::vector<Segment> m_segments;
};

} // namespace kmsync::engine::mapping
