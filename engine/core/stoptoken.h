#pragma once

#include <atomic>

namespace kmsync::engine {

// A cancellation flag shared between whoever runs engine work (CLI main thread, GUI worker thread)
// and whoever wants it stopped (SIGINT handler, Cancel button). Lock-free and signal-safe.
class StopToken
{
public:
    void requestStop() noexcept { m_stop.store(true, std::memory_order_relaxed); }
    bool stopRequested() const noexcept { return m_stop.load(std::memory_order_relaxed); }
    void reset() noexcept { m_stop.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> m_stop{false};
};

// The Error code of a call that ended because its StopToken was set (a whole run reports "job.cancelled").
inline constexpr char kCancelledCode[] = "cancelled";

} // namespace kmsync::engine
