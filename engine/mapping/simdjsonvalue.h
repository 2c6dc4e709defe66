#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "engine/mapping/sourcevalue.h"

namespace kmsync::engine::mapping {

// A parsed JSON element as the converter reads it: scalars as themselves (strings point into the parser), arrays and
// objects as their minified text in `buffer`, which must outlive the returned value. Used by the record mapper (hot
// path, hence inline) and the field profile, so both read a path's value the same way.
inline SourceValue sourceValueOf(simdjson::dom::element e, std::string &buffer)
{
    switch (e.type()) {
    case simdjson::dom::element_type::INT64:
        return SourceValue::fromInt(int64_t(e));
    case simdjson::dom::element_type::UINT64:
        return SourceValue::fromUInt(uint64_t(e));
    case simdjson::dom::element_type::DOUBLE:
        return SourceValue::fromDouble(double(e));
    case simdjson::dom::element_type::STRING:
        return SourceValue::fromText(std::string_view(e));
    case simdjson::dom::element_type::BOOL:
        return SourceValue::fromBool(bool(e));
    case simdjson::dom::element_type::NULL_VALUE:
        return SourceValue::null();
    case simdjson::dom::element_type::ARRAY:
    case simdjson::dom::element_type::OBJECT:
        buffer = simdjson::minify(e);
        return SourceValue::fromJson(buffer);
    }
    return SourceValue::null();
}

// Where simdjson parses `text` (it reads up to SIMDJSON_PADDING bytes past the end): in place when `text` starts
// `owner` and `owner` has that much spare capacity (as KafkaSource leaves a value), else from a copy in `buffer`,
// which must outlive the parse. Used by the record mapper and the field profile, so both parse their input alike.
inline const char *parseInput(std::string_view text, const std::string *owner, std::string &buffer)
{
    if (owner != nullptr && text.data() == owner->data()
        && owner->capacity() - text.size() >= simdjson::SIMDJSON_PADDING)
        return text.data();
    if (buffer.capacity() < text.size() + simdjson::SIMDJSON_PADDING)
        buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(text.data(), text.size());
    return buffer.data();
}

} // namespace kmsync::engine::mapping
