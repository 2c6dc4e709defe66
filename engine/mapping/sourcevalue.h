#pragma once

#include <cstdint>
#include <string_view>

namespace kmsync::engine::mapping {

// A source field's value between decoding and conversion: what a Kafka field, a constant or a JSON path
// produced for one message. Text views point into buffers owned by the RecordMapper (or the caller) and
// are valid only until the next message.
struct SourceValue
{
    enum class Kind {
        Null,   // missing path, JSON null, null key/value
        Bool,   // JSON true/false
        Int,    // JSON integer in int64 range, LONG/INTEGER/SHORT key or value, __offset__ etc.
        UInt,   // JSON integer above INT64_MAX (up to UINT64_MAX)
        Double, // JSON number with a fraction or exponent, DOUBLE/FLOAT key or value
        Text,   // UTF-8 text: a JSON string (unescaped), a STRING key/value (decoded), a constant, __headers__
        Bytes,  // raw bytes: a BYTEARRAY key/value
        Json,   // a JSON object or array as compact JSON text
    };

    Kind kind = Kind::Null;
    bool boolean = false;
    int64_t integer = 0;
    uint64_t unsignedInteger = 0;
    double number = 0;
    std::string_view text; // Text, Bytes, Json

    static SourceValue null() { return {}; }
    static SourceValue fromBool(bool b)
    {
        SourceValue v;
        v.kind = Kind::Bool;
        v.boolean = b;
        return v;
    }
    static SourceValue fromInt(int64_t i)
    {
        SourceValue v;
        v.kind = Kind::Int;
        v.integer = i;
        return v;
    }
    static SourceValue fromUInt(uint64_t u)
    {
        SourceValue v;
        v.kind = Kind::UInt;
        v.unsignedInteger = u;
        return v;
    }
    static SourceValue fromDouble(double d)
    {
        SourceValue v;
        v.kind = Kind::Double;
        v.number = d;
        return v;
    }
    static SourceValue fromText(std::string_view s)
    {
        SourceValue v;
        v.kind = Kind::Text;
        v.text = s;
        return v;
    }
    static SourceValue fromBytes(std::string_view s)
    {
        SourceValue v;
        v.kind = Kind::Bytes;
        v.text = s;
        return v;
    }
    static SourceValue fromJson(std::string_view s)
    {
        SourceValue v;
        v.kind = Kind::Json;
        v.text = s;
        return v;
    }
};

} // namespace kmsync::engine::mapping
