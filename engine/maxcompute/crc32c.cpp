#include "engine/maxcompute/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define KMSYNC_CRC32C_X86 1
#endif

namespace kmsync::engine::maxcompute {

namespace {

using Tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Tables makeTables()
{
    Tables t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i) {
        for (size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFFu];
    }
    return t;
}

constexpr Tables kTables = makeTables();

uint32_t extendTable(uint32_t crc, const void *data, size_t size) noexcept
{
    const auto *p = static_cast<const unsigned char *>(data);
    while (size >= 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        word ^= crc;
        crc = kTables[7][word & 0xFF] ^ kTables[6][(word >> 8) & 0xFF] ^ kTables[5][(word >> 16) & 0xFF]
            ^ kTables[4][(word >> 24) & 0xFF] ^ kTables[3][(word >> 32) & 0xFF] ^ kTables[2][(word >> 40) & 0xFF]
            ^ kTables[1][(word >> 48) & 0xFF] ^ kTables[0][word >> 56];
        p += 8;
        size -= 8;
    }
    while (size-- > 0)
        crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xFFu];
    return crc;
}

#ifdef KMSYNC_CRC32C_X86
__attribute__((target("sse4.2"))) uint32_t extendHardware(uint32_t crc, const void *data, size_t size) noexcept
{
    const auto *p = static_cast<const unsigned char *>(data);
    uint64_t c = crc;
    while (size >= 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
        p += 8;
        size -= 8;
    }
    auto c32 = static_cast<uint32_t>(c);
    while (size-- > 0)
        c32 = _mm_crc32_u8(c32, *p++);
    return c32;
}

__attribute__((target("sse4.2"))) uint32_t extendHardware32(uint32_t crc, uint32_t v) noexcept
{
    return _mm_crc32_u32(crc, v);
}

__attribute__((target("sse4.2"))) uint32_t extendHardware64(uint32_t crc, uint64_t v) noexcept
{
    return static_cast<uint32_t>(_mm_crc32_u64(crc, v));
}

bool cpuHasSse42() noexcept
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}
#endif

uint32_t extendTable32(uint32_t crc, uint32_t v) noexcept
{
    unsigned char b[4];
    for (int i = 0; i < 4; ++i)
        b[i] = static_cast<unsigned char>(v >> (8 * i));
    return extendTable(crc, b, 4);
}

uint32_t extendTable64(uint32_t crc, uint64_t v) noexcept
{
    unsigned char b[8];
    for (int i = 0; i < 8; ++i)
        b[i] = static_cast<unsigned char>(v >> (8 * i));
    return extendTable(crc, b, 8);
}

const bool kHardware =
#ifdef KMSYNC_CRC32C_X86
    cpuHasSse42();
#else
    false;
#endif

} // namespace

Crc32c::ExtendFn Crc32c::s_extend =
#ifdef KMSYNC_CRC32C_X86
    cpuHasSse42() ? &extendHardware : &extendTable;
#else
    &extendTable;
#endif

Crc32c::Extend32Fn Crc32c::s_extend32 =
#ifdef KMSYNC_CRC32C_X86
    kHardware ? &extendHardware32 : &extendTable32;
#else
    &extendTable32;
#endif

Crc32c::Extend64Fn Crc32c::s_extend64 =
#ifdef KMSYNC_CRC32C_X86
    kHardware ? &extendHardware64 : &extendTable64;
#else
    &extendTable64;
#endif

uint32_t Crc32c::compute(const void *data, size_t size) noexcept
{
    return s_extend(0xFFFFFFFFu, data, size) ^ 0xFFFFFFFFu;
}

uint32_t Crc32c::computePortable(const void *data, size_t size) noexcept
{
    return extendTable(0xFFFFFFFFu, data, size) ^ 0xFFFFFFFFu;
}

bool Crc32c::hardwareAccelerated() noexcept
{
    return kHardware;
}

} // namespace kmsync::engine::maxcompute
