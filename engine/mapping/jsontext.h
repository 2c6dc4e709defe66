#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/kafkamessage.h"

namespace kmsync::engine::mapping {

// Small text helpers shared by the mapper, the converter and flattenJson. All work on UTF-8 std::string
// and append to a caller-owned buffer so the hot path can reuse it.

// Appends `utf8` as a JSON string literal: quotes, \" \\ \b \f \n \r \t, other control characters as \u00XX;
// everything else (including non-ASCII UTF-8) verbatim.
void appendJsonString(std::string &out, std::string_view utf8);

// __headers__ as a JSON object: {"name":"value",...} in header order. Values are decoded as UTF-8 text (invalid
// bytes become U+FFFD, as Java's new String(bytes, UTF_8) does); a header without a value is JSON null.
// Repeated names: the LAST occurrence wins (like a Java Map filled in order) and sits at the position of that
// last occurrence. No headers gives "{}". `out` is cleared first.
void headersToJson(const std::vector<KafkaHeader> &headers, std::string &out);

// True when `bytes` is valid UTF-8.
bool isValidUtf8(std::string_view bytes);
// Appends `bytes` decoded as UTF-8, replacing invalid sequences with U+FFFD (DataX BytesColumn.asString()).
void appendUtf8Lossy(std::string &out, std::string_view bytes);
// Number of Unicode code points in valid UTF-8 text (what VARCHAR(n)/CHAR(n) count).
std::size_t utf8Length(std::string_view utf8);

// Appends the shortest text that reads back as `d`, with ".0" on integral values ("1.0", "0.5", "1e+300"),
// "NaN", "Infinity" or "-Infinity" for non-finite values.
void appendDouble(std::string &out, double d);

// Byte offset (0-based) of the first place where `json` stops being one valid JSON value (RFC 8259 plus the
// limits of the parser: integers outside [-2^63, 2^64-1], numbers outside double range, nesting deeper than
// 1024), or std::nullopt when it is valid. Slow path: only used to explain a parse failure.
std::optional<std::size_t> jsonErrorOffset(std::string_view json);

} // namespace kmsync::engine::mapping
