#include "engine/mapping/bytesdecoder.h"

#include <array>
#include <bit>
#include <cstdint>
#include <utility>

#include "engine/mapping/jsontext.h"

namespace kmsync::engine::mapping {

namespace {

constexpr std::array<std::pair<const char *, BytesDecoder::Type>, 7> kTypes{{
    {"BYTEARRAY", BytesDecoder::Type::ByteArray},
    {"DOUBLE", BytesDecoder::Type::Double},
    {"FLOAT", BytesDecoder::Type::Float},
    {"INTEGER", BytesDecoder::Type::Integer},
    {"LONG", BytesDecoder::Type::Long},
    {"SHORT", BytesDecoder::Type::Short},
    {"STRING", BytesDecoder::Type::String},
}};

uint64_t bigEndian(std::string_view bytes)
{
    uint64_t v = 0;
    for (const char c : bytes)
        v = (v << 8) | static_cast<unsigned char>(c);
    return v;
}

bool isUtf8Name(const QString &encoding)
{
    const QString e = encoding.trimmed().toUpper();
    return e.isEmpty() || e == QLatin1String("UTF-8") || e == QLatin1String("UTF8");
}

} // namespace

Result<BytesDecoder> BytesDecoder::create(const QString &what, const QString &type, const QString &encoding)
{
    BytesDecoder decoder;
    decoder.m_what = what;
    const QString name = type.trimmed().toUpper();
    bool found = name.isEmpty();
    for (const auto &entry : kTypes) {
        if (name == QLatin1String(entry.first)) {
            decoder.m_type = entry.second;
            found = true;
        }
    }
    if (!found) {
        return makeError(QStringLiteral("mapping.decode_type"),
                         QStringLiteral("%1 \"%2\" is not supported; allowed: BYTEARRAY, DOUBLE, FLOAT, INTEGER, LONG, "
                                        "SHORT, STRING")
                             .arg(what, type));
    }
    decoder.m_utf8 = isUtf8Name(encoding);
    decoder.m_encoding = decoder.m_utf8 ? QStringLiteral("UTF-8") : encoding.trimmed();
    if (!decoder.m_utf8) {
        decoder.m_decoder = QStringDecoder(decoder.m_encoding.toLatin1().constData(),
                                           QStringConverter::Flag::Stateless);
        if (!decoder.m_decoder.isValid()) {
            return makeError(QStringLiteral("mapping.encoding"),
                             QStringLiteral("encoding \"%1\" is not known; use e.g. UTF-8 or GBK").arg(encoding));
        }
    }
    return decoder;
}

QString BytesDecoder::typeName() const
{
    for (const auto &entry : kTypes) {
        if (entry.second == m_type)
            return QString::fromLatin1(entry.first);
    }
    return QStringLiteral("STRING");
}

bool BytesDecoder::decodeText(std::string_view bytes, std::string_view &out, std::string &buffer, std::string *problem)
{
    if (m_type != Type::String || m_utf8) {
        // UTF-8 validity is checked by whoever reads the text (simdjson, or decode() for STRING).
        out = bytes;
        return true;
    }
    m_decoder.resetState();
    const QString text = m_decoder(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    if (m_decoder.hasError()) {
        if (problem) {
            *problem = (m_what + QStringLiteral(" STRING: bytes are not valid %1 text").arg(m_encoding)).toStdString();
        }
        return false;
    }
    buffer = text.toStdString();
    out = buffer;
    return true;
}

bool BytesDecoder::decode(std::string_view bytes, SourceValue &out, std::string &buffer, std::string *problem)
{
    auto wrongSize = [&](int expected) {
        if (problem) {
            *problem = QStringLiteral("%1 %2 needs exactly %3 bytes, got %4")
                           .arg(m_what, typeName())
                           .arg(expected)
                           .arg(bytes.size())
                           .toStdString();
        }
        return false;
    };
    switch (m_type) {
    case Type::ByteArray:
        out = SourceValue::fromBytes(bytes);
        return true;
    case Type::Long:
        if (bytes.size() != 8)
            return wrongSize(8);
        out = SourceValue::fromInt(static_cast<int64_t>(bigEndian(bytes)));
        return true;
    case Type::Double:
        if (bytes.size() != 8)
            return wrongSize(8);
        out = SourceValue::fromDouble(std::bit_cast<double>(bigEndian(bytes)));
        return true;
    case Type::Integer:
        if (bytes.size() != 4)
            return wrongSize(4);
        out = SourceValue::fromInt(static_cast<int32_t>(static_cast<uint32_t>(bigEndian(bytes))));
        return true;
    case Type::Float:
        if (bytes.size() != 4)
            return wrongSize(4);
        out = SourceValue::fromDouble(double(std::bit_cast<float>(static_cast<uint32_t>(bigEndian(bytes)))));
        return true;
    case Type::Short:
        if (bytes.size() != 2)
            return wrongSize(2);
        out = SourceValue::fromInt(static_cast<int16_t>(static_cast<uint16_t>(bigEndian(bytes))));
        return true;
    case Type::String:
        break;
    }
    if (m_utf8) {
        if (!isValidUtf8(bytes)) {
            if (problem)
                *problem = (m_what + QStringLiteral(" STRING: bytes are not valid UTF-8 text")).toStdString();
            return false;
        }
        out = SourceValue::fromText(bytes);
        return true;
    }
    std::string_view text;
    if (!decodeText(bytes, text, buffer, problem))
        return false;
    out = SourceValue::fromText(text);
    return true;
}

} // namespace kmsync::engine::mapping
