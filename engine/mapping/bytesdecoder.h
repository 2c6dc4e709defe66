#pragma once

#include <string>
#include <string_view>

#include <QString>
#include <QStringDecoder>

#include "engine/core/result.h"
#include "engine/mapping/sourcevalue.h"

namespace kmsync::engine::mapping {

// Decodes a Kafka key or value per the reader's keyType/valueType and encoding, the way Kafka's
// deserializers do:
//   LONG, DOUBLE     exactly 8 bytes, big-endian (a long / an IEEE-754 double)
//   INTEGER, FLOAT   exactly 4 bytes, big-endian
//   SHORT            exactly 2 bytes, big-endian
//   STRING           text in `encoding` (UTF-8 when empty; any name QStringDecoder knows, e.g. GBK);
//                    bytes that are invalid in that encoding make the record dirty
//   BYTEARRAY        the raw bytes (SourceValue::Kind::Bytes)
// A wrong size is dirty, e.g. "valueType LONG needs exactly 8 bytes, got 5".
// Type names are case-insensitive; an empty type means STRING. Move-only; not thread-safe (one per mapper).
class BytesDecoder
{
public:
    enum class Type { ByteArray, Double, Float, Integer, Long, Short, String };

    // `what` names the parameter in messages: "keyType" or "valueType".
    // Errors: "mapping.decode_type" (unknown type, message lists the allowed ones), "mapping.encoding".
    static Result<BytesDecoder> create(const QString &what, const QString &type, const QString &encoding);

    // Decodes `bytes`. A Text result points either into `bytes` (UTF-8 input, no copy) or into `buffer`.
    // Returns false (and sets *problem when given) for a wrong size or invalid text.
    bool decode(std::string_view bytes, SourceValue &out, std::string &buffer, std::string *problem);

    // The bytes as UTF-8 text for JSON paths: STRING is decoded with `encoding`, every other type is taken
    // as UTF-8 as is (the official 2019 example reads JSON paths with valueType BYTEARRAY). The result points
    // into `bytes` or `buffer`. Returns false with *problem when the text is invalid in the encoding.
    bool decodeText(std::string_view bytes, std::string_view &out, std::string &buffer, std::string *problem);

    Type type() const { return m_type; }
    QString typeName() const;
    bool isUtf8() const { return m_utf8; }

private:
    BytesDecoder() = default;

    QString m_what;
    Type m_type = Type::String;
    QString m_encoding;
    bool m_utf8 = true;
    QStringDecoder m_decoder;
};

} // namespace kmsync::engine::mapping
