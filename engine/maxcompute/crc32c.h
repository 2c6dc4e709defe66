#pragma once

#include <cstddef>
#include <cstdint>

namespace kmsync::engine::maxcompute {

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of the Tunnel record stream.
// Uses the SSE4.2 crc32 instruction when the CPU has it (checked once at run time), otherwise
// slice-by-8 tables. crc32c("123456789") == 0xE3069283.
class Crc32c
{
public:
    void reset() noexcept { m_state = 0xFFFFFFFFu; }
    void update(const void *data, size_t size) noexcept { m_state = s_extend(m_state, data, size); }
    // Little-endian 4 / 8 bytes, as Java's Checksum.update(int) / update(long) feed them.
    void updateU32(uint32_t v) noexcept { m_state = s_extend32(m_state, v); }
    void updateU64(uint64_t v) noexcept { m_state = s_extend64(m_state, v); }
    void updateU8(uint8_t v) noexcept { update(&v, 1); }
    uint32_t value() const noexcept { return m_state ^ 0xFFFFFFFFu; }

    static uint32_t compute(const void *data, size_t size) noexcept;
    // The table-driven computation, whatever the CPU (the fallback when SSE4.2 is missing).
    static uint32_t computePortable(const void *data, size_t size) noexcept;
    // True when the hardware (SSE4.2) path is in use.
    static bool hardwareAccelerated() noexcept;

private:
    using ExtendFn = uint32_t (*)(uint32_t, const void *, size_t) noexcept;
    using Extend32Fn = uint32_t (*)(uint32_t, uint32_t) noexcept;
    using Extend64Fn = uint32_t (*)(uint32_t, uint64_t) noexcept;
    static ExtendFn s_extend;
    static Extend32Fn s_extend32; // one crc32 instruction on SSE4.2
    static Extend64Fn s_extend64;
    uint32_t m_state = 0xFFFFFFFFu;
};

} // namespace kmsync::engine::maxcompute
