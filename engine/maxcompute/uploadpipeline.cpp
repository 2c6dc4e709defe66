#include "engine/maxcompute/uploadpipeline.h"

#include <algorithm>

#include <libdeflate.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include "engine/maxcompute/odpstransport.h"

namespace kmsync::engine::maxcompute {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWaitCheckMs = 50; // how often a wait looks at the stop token
constexpr auto kSleepStep = std::chrono::milliseconds(20);

double secondsBetween(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

} // namespace

BlockCompressor::BlockCompressor(int level)
    : m_handle(libdeflate_alloc_compressor(std::clamp(level, 0, 12)))
{
}

BlockCompressor::~BlockCompressor()
{
    libdeflate_free_compressor(m_handle);
}

Result<void> BlockCompressor::compress(const char *raw, size_t size, QByteArray &out)
{
    if (!m_handle)
        return makeError(QStringLiteral("sink.compress"),
                         QStringLiteral("libdeflate could not allocate a compressor."));
    // Not initialised: only the pages the compressor writes become resident.
    out.resize(qsizetype(libdeflate_zlib_compress_bound(m_handle, size)));
    const size_t produced = libdeflate_zlib_compress(m_handle, raw, size, out.data(), size_t(out.size()));
    if (produced == 0)
        return makeError(QStringLiteral("sink.compress"), QStringLiteral("libdeflate could not compress a block."));
    out.resize(qsizetype(produced)); // keeps the allocation for the next block
    return {};
}

TokenBucket::TokenBucket(double bytesPerSecond, double burstBytes, Clock::time_point start)
    : m_rate(bytesPerSecond)
    , m_burst(std::max(0.0, burstBytes))
    , m_tokens(std::max(0.0, burstBytes))
    , m_last(start)
{
}

TokenBucket::Clock::duration TokenBucket::take(int64_t bytes, Clock::time_point now)
{
    if (m_rate <= 0)
        return Clock::duration::zero();
    std::lock_guard lock(m_mutex);
    if (now > m_last) {
        m_tokens = std::min(m_burst, m_tokens + secondsBetween(m_last, now) * m_rate);
        m_last = now;
    }
    m_tokens -= double(bytes);
    if (m_tokens >= 0)
        return Clock::duration::zero();
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(-m_tokens / m_rate));
}

UploadPipeline::UploadPipeline(UploadPipelineOptions options, BlockUploadFn upload)
    : m_options(options)
    , m_upload(std::move(upload))
    , m_bucket(m_options.maxBytesPerSecond, m_options.maxBytesPerSecond) // a burst of one second's worth
{
    m_options.uploaders = std::max(1, m_options.uploaders);
    m_options.compressors = std::max(1, m_options.compressors);
    m_open = !m_options.held;
    for (int i = 0; i < m_options.compressors; ++i)
        m_compressors.emplace_back([this] { compressLoop(); });
    for (int i = 0; i < m_options.uploaders; ++i) {
        // QThreads: each upload runs its own QNetworkAccessManager and event loop (OdpsTransport::send()).
        m_uploaders.emplace_back(QThread::create([this] { uploadLoop(); }));
        m_uploaders.back()->start();
    }
}

UploadPipeline::~UploadPipeline()
{
    abort();
}

void UploadPipeline::wakeLocked()
{
    m_cv.notify_all();
    if (m_waiter)
        QMetaObject::invokeMethod(m_waiter, "quit", Qt::QueuedConnection);
}

void UploadPipeline::failLocked(const Error &error)
{
    if (!m_error)
        m_error = error;
    m_stopping = true;
    m_abort.requestStop();
    m_raw.clear();
    m_ready.clear();
    wakeLocked();
}

void UploadPipeline::recycleLocked(std::string raw)
{
    raw.clear(); // keeps the allocation for the writer's next block
    m_spare.push_back(std::move(raw));
}

bool UploadPipeline::idleLocked() const
{
    return m_raw.empty() && m_ready.empty() && m_compressing == 0 && m_uploading == 0;
}

void UploadPipeline::waitFor(const std::function<bool()> &ready)
{
    std::unique_lock lock(m_mutex);
    const auto started = Clock::now();
    while (!m_error && !ready()) {
        if (m_options.stop && m_options.stop->stopRequested()) {
            failLocked(makeError(QString::fromLatin1(kCancelledCode), QStringLiteral("Uploading was cancelled.")));
            break;
        }
        if (QCoreApplication::instance()) {
            QEventLoop loop;
            m_waiter = &loop;
            lock.unlock();
            QTimer::singleShot(kWaitCheckMs, &loop, &QEventLoop::quit);
            loop.exec();
            lock.lock();
            m_waiter = nullptr;
        } else {
            m_cv.wait_for(lock, std::chrono::milliseconds(kWaitCheckMs));
        }
    }
    m_stats.stallSeconds += secondsBetween(started, Clock::now());
}

Result<void> UploadPipeline::submit(int64_t blockId, std::string raw, int64_t records)
{
    // The writer waits with its block in hand until a compressor is free and the block's compressed body will have a
    // place (compressed blocks waiting or in flight, and the ones being compressed, stay below uploaders +
    // compressors). Compressors never hold an encoded block waiting for room: a full pipeline then holds the writer's
    // block and compressed bodies, about what a run too short to fill it holds, not a queue of encoded blocks too.
    waitFor([this] {
        const int compressing = int(m_raw.size()) + m_compressing;
        return compressing < m_options.compressors
            && int(m_ready.size()) + m_uploading + compressing < m_options.uploaders + m_options.compressors;
    });
    std::lock_guard lock(m_mutex);
    if (m_error)
        return *m_error;
    m_raw.push_back(RawBlock{blockId, records, std::move(raw)});
    wakeLocked();
    return {};
}

std::string UploadPipeline::spareBuffer()
{
    std::lock_guard lock(m_mutex);
    if (m_spare.empty())
        return {};
    std::string buffer = std::move(m_spare.back());
    m_spare.pop_back();
    return buffer;
}

Result<void> UploadPipeline::finish()
{
    waitFor([this] { return m_open && idleLocked(); });
    std::optional<Error> error;
    {
        std::lock_guard lock(m_mutex);
        error = m_error;
    }
    stopThreads();
    if (error)
        return *error;
    return {};
}

void UploadPipeline::abort()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_abort.requestStop();
        m_raw.clear();
        m_ready.clear();
        wakeLocked();
    }
    stopThreads();
}

void UploadPipeline::open()
{
    std::lock_guard lock(m_mutex);
    m_open = true;
    wakeLocked();
}

bool UploadPipeline::waitUntilOpen()
{
    waitFor([this] { return m_open; });
    std::lock_guard lock(m_mutex);
    return m_open && !m_error && !m_stopping;
}

void UploadPipeline::preconnect(const QUrl &endpoint)
{
    std::lock_guard lock(m_mutex);
    if (m_preconnect.isEmpty() && endpoint.isValid()) {
        m_preconnect = endpoint;
        wakeLocked();
    }
}

void UploadPipeline::fail(const Error &error)
{
    std::lock_guard lock(m_mutex);
    failLocked(error);
}

std::optional<Error> UploadPipeline::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

void UploadPipeline::stopThreads()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        wakeLocked();
    }
    for (auto &t : m_compressors) {
        if (t.joinable())
            t.join();
    }
    m_compressors.clear();
    for (auto &t : m_uploaders)
        t->wait();
    m_uploaders.clear();
}

UploadStats UploadPipeline::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

std::vector<int64_t> UploadPipeline::storedBlocks() const
{
    std::lock_guard lock(m_mutex);
    return m_stored;
}

void UploadPipeline::compressLoop()
{
    BlockCompressor compressor(m_options.compressionLevel);
    for (;;) {
        RawBlock block;
        {
            std::unique_lock lock(m_mutex);
            // submit() let the block in only with room for its compressed body.
            m_cv.wait(lock, [&] { return m_stopping || !m_raw.empty(); });
            if (m_stopping)
                return;
            block = std::move(m_raw.front());
            m_raw.pop_front();
            ++m_compressing;
            wakeLocked(); // room for the writer's next block
        }
        ReadyBlock ready;
        ready.id = block.id;
        ready.records = block.records;
        ready.rawSize = int64_t(block.raw.size());
        std::optional<Error> error;
        if (m_options.compress) {
            {
                std::lock_guard lock(m_mutex);
                if (!m_spareBodies.empty()) {
                    ready.body = std::move(m_spareBodies.back());
                    m_spareBodies.pop_back();
                }
            }
            if (auto deflated = compressor.compress(block.raw.data(), block.raw.size(), ready.body); !deflated)
                error = deflated.error();
        } else {
            // No copy: the body points into the raw bytes, which travel with it until the block is stored.
            ready.holder = std::move(block.raw);
            ready.body = QByteArray::fromRawData(ready.holder.data(), qsizetype(ready.holder.size()));
        }
        std::lock_guard lock(m_mutex);
        --m_compressing;
        if (error) {
            failLocked(*error);
            return;
        }
        if (m_options.compress)
            recycleLocked(std::move(block.raw));
        if (!m_stopping)
            m_ready.push_back(std::move(ready));
        wakeLocked();
    }
}

void UploadPipeline::uploadLoop()
{
    // This thread's blocks go out over the same connections, not one new connection (and TLS handshake) each.
    OdpsConnectionScope connections;
    bool preconnected = false;
    for (;;) {
        ReadyBlock block;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] {
                return m_stopping || (m_open && !m_ready.empty()) || (!preconnected && !m_preconnect.isEmpty());
            });
            if (m_stopping)
                return;
            if (!preconnected && !m_preconnect.isEmpty()) {
                preconnected = true;
                const QUrl endpoint = m_preconnect;
                lock.unlock();
                OdpsConnectionScope::preconnect(endpoint);
                continue;
            }
            block = std::move(m_ready.front());
            m_ready.pop_front();
            ++m_uploading;
        }
        double throttled = 0;
        if (m_bucket.limited()) {
            const auto due = Clock::now() + m_bucket.take(int64_t(block.body.size()));
            const auto began = Clock::now();
            while (Clock::now() < due && !m_abort.stopRequested()
                   && !(m_options.stop && m_options.stop->stopRequested()))
                std::this_thread::sleep_for(std::min<Clock::duration>(due - Clock::now(), kSleepStep));
            throttled = secondsBetween(began, Clock::now());
        }
        const auto began = Clock::now();
        {
            std::lock_guard lock(m_mutex);
            if (m_onWire++ == 0)
                m_busySince = began;
            m_stats.maxInFlight = std::max(m_stats.maxInFlight, m_onWire);
        }
        Result<void> stored = m_abort.stopRequested() ? Result<void>(
                                  makeError(QString::fromLatin1(kCancelledCode),
                                            QStringLiteral("Uploading block %1 was cancelled.").arg(block.id)))
                                                      : m_upload(block.id, block.body, m_abort);
        const auto ended = Clock::now();
        std::lock_guard lock(m_mutex);
        if (--m_onWire == 0)
            m_stats.networkSeconds += secondsBetween(m_busySince, ended);
        --m_uploading;
        m_stats.requestSeconds += secondsBetween(began, ended);
        m_stats.throttleSeconds += throttled;
        if (!stored) {
            failLocked(stored.error());
            continue; // m_stopping is set: the loop ends
        }
        m_stored.push_back(block.id);
        m_stats.blocks += 1;
        m_stats.records += block.records;
        m_stats.rawBytes += block.rawSize;
        m_stats.sentBytes += int64_t(block.body.size());
        if (m_options.compress)
            m_spareBodies.push_back(std::move(block.body));
        else
            recycleLocked(std::move(block.holder));
        wakeLocked();
    }
}

} // namespace kmsync::engine::maxcompute
