#include "engine/mapping/jsontext.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

#include <simdjson.h>

#include <QString>

namespace kmsync::engine::mapping {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Recursive-descent JSON checker that remembers where it failed.
class JsonChecker
{
public:
    explicit JsonChecker(std::string_view s)
        : m_s(s)
    {
    }

    std::optional<std::size_t> check()
    {
        skipWs();
        if (!value(0))
            return m_pos;
        skipWs();
        if (m_pos != m_s.size())
            return m_pos;
        return std::nullopt;
    }

private:
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return m_s[m_pos]; }
    void skipWs()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    bool literal(std::string_view word)
    {
        for (const char c : word) {
            if (atEnd() || peek() != c)
                return false;
            ++m_pos;
        }
        return true;
    }
    bool value(int depth)
    {
        if (atEnd() || depth > 1024)
            return false;
        switch (peek()) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }
    // The members of an object or the elements of an array, from the opening bracket on: `item` reads
    // one member (whitespace around it is skipped here), then ',' continues and `close` ends the container.
    template <typename Item>
    bool container(char close, Item item)
    {
        ++m_pos; // { or [
        skipWs();
        if (!atEnd() && peek() == close) {
            ++m_pos;
            return true;
        }
        while (true) {
            skipWs();
            if (!item())
                return false;
            skipWs();
            if (atEnd())
                return false;
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == close) {
                ++m_pos;
                return true;
            }
            return false;
        }
    }
    bool object(int depth)
    {
        return container('}', [this, depth] {
            if (atEnd() || peek() != '"' || !string())
                return false;
            skipWs();
            if (atEnd() || peek() != ':')
                return false;
            ++m_pos;
            skipWs();
            return value(depth);
        });
    }
    bool array(int depth)
    {
        return container(']', [this, depth] { return value(depth); });
    }
    bool string()
    {
        ++m_pos; // "
        while (!atEnd()) {
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                ++m_pos;
                if (atEnd())
                    return false;
                const char e = peek();
                if (e == 'u') {
                    ++m_pos;
                    for (int k = 0; k < 4; ++k) {
                        if (atEnd() || !std::isxdigit(static_cast<unsigned char>(peek())))
                            return false;
                        ++m_pos;
                    }
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                    return false;
                ++m_pos;
                continue;
            }
            if (c < 0x80) {
                ++m_pos;
                continue;
            }
            // One UTF-8 sequence: validate it on its own.
            std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (m_pos + len > m_s.size() || !simdjson::validate_utf8(m_s.data() + m_pos, len))
                return false;
            m_pos += len;
        }
        return false;
    }
    bool number()
    {
        const std::size_t start = m_pos;
        bool integer = true;
        if (!atEnd() && peek() == '-')
            ++m_pos;
        if (atEnd() || !std::isdigit(static_cast<unsigned char>(peek())))
            return false;
        if (peek() == '0') {
            ++m_pos;
        } else {
            while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())))
                ++m_pos;
        }
        if (!atEnd() && peek() == '.') {
            integer = false;
            ++m_pos;
            if (atEnd() || !std::isdigit(static_cast<unsigned char>(peek())))
                return false;
            while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())))
                ++m_pos;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            integer = false;
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (atEnd() || !std::isdigit(static_cast<unsigned char>(peek())))
                return false;
            while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())))
                ++m_pos;
        }
        const char *first = m_s.data() + start;
        const char *last = m_s.data() + m_pos;
        if (integer) {
            if (*first == '-') {
                int64_t i = 0;
                if (std::from_chars(first, last, i).ec != std::errc()) {
                    m_pos = start;
                    return false;
                }
            } else {
                uint64_t u = 0;
                if (std::from_chars(first, last, u).ec != std::errc()) {
                    m_pos = start;
                    return false;
                }
            }
        } else {
            double d = 0;
            const auto res = std::from_chars(first, last, d);
            // Underflow (1e-400) reads as 0 like simdjson does; overflow (1e400) is an error there too.
            const std::string_view text(first, std::size_t(last - first));
            const bool negativeExponent = text.find("e-") != std::string_view::npos
                                       || text.find("E-") != std::string_view::npos;
            if (res.ec != std::errc() && !(res.ec == std::errc::result_out_of_range && negativeExponent)) {
                m_pos = start;
                return false;
            }
        }
        return true;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

} // namespace

void appendJsonString(std::string &out, std::string_view utf8)
{
    out.push_back('"');
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.data() + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
    out.append(utf8.data() + runStart, utf8.size() - runStart);
    out.push_back('"');
}

void headersToJson(const std::vector<KafkaHeader> &headers, std::string &out)
{
    out.clear();
    out.push_back('{');
    bool first = true;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        bool repeatedLater = false;
        for (std::size_t j = i + 1; j < headers.size(); ++j) {
            if (headers[j].name == headers[i].name) {
                repeatedLater = true;
                break;
            }
        }
        if (repeatedLater)
            continue;
        if (!first)
            out.push_back(',');
        first = false;
        const KafkaHeader &h = headers[i];
        if (isValidUtf8(h.name)) {
            appendJsonString(out, h.name);
        } else {
            std::string name;
            appendUtf8Lossy(name, h.name);
            appendJsonString(out, name);
        }
        out.push_back(':');
        if (!h.value) {
            out += "null";
        } else if (isValidUtf8(*h.value)) {
            appendJsonString(out, *h.value);
        } else {
            std::string value;
            appendUtf8Lossy(value, *h.value);
            appendJsonString(out, value);
        }
    }
    out.push_back('}');
}

bool isValidUtf8(std::string_view bytes)
{
    return simdjson::validate_utf8(bytes.data(), bytes.size());
}

void appendUtf8Lossy(std::string &out, std::string_view bytes)
{
    if (isValidUtf8(bytes)) {
        out.append(bytes);
        return;
    }
    out += QString::fromUtf8(bytes.data(), qsizetype(bytes.size())).toStdString();
}

std::size_t utf8Length(std::string_view utf8)
{
    std::size_t n = 0;
    for (const char c : utf8) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

void appendDouble(std::string &out, double d)
{
    if (std::isnan(d)) {
        out += "NaN";
        return;
    }
    if (std::isinf(d)) {
        out += d < 0 ? "-Infinity" : "Infinity";
        return;
    }
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d);
    const std::string_view text(buf, std::size_t(res.ptr - buf));
    out.append(text);
    if (text.find_first_of(".e") == std::string_view::npos)
        out += ".0";
}

std::optional<std::size_t> jsonErrorOffset(std::string_view json)
{
    return JsonChecker(json).check();
}

} // namespace kmsync::engine::mapping
