#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <QByteArray>
#include <QUrl>

#include "engine/core/result.h"
#include "engine/core/stoptoken.h"

class QEventLoop;
class QThread;
struct libdeflate_compressor;

namespace kmsync::engine::maxcompute {

// Compresses a Tunnel block into the request body: a zlib stream (RFC 1950), which is what the Tunnel's
// "Content-Encoding: deflate" and pyodps' zlib.compressobj() mean. libdeflate rather than zlib: whole-buffer
// compression at level 1 is about twice as fast (1.9x on the nested benchmark shape's bytes; a 480k-message run at
// concurrent 4 used 1.6-1.9 -> 1.25-1.6 s of CPU), and zlib and the service inflate its output alike. One object
// per thread (it is not thread-safe); reusable.
class BlockCompressor
{
public:
    explicit BlockCompressor(int level); // 0 (stored) to 12; 1 is what the sink uses
    ~BlockCompressor();
    BlockCompressor(const BlockCompressor &) = delete;
    BlockCompressor &operator=(const BlockCompressor &) = delete;

    // Replaces out with raw's compressed bytes, reusing out's allocation when it is large enough.
    Result<void> compress(const char *raw, size_t size, QByteArray &out);

private:
    libdeflate_compressor *m_handle;
};

// A token bucket over bytes: `bytesPerSecond` on average, up to `burstBytes` at once. Thread-safe.
class TokenBucket
{
public:
    using Clock = std::chrono::steady_clock;

    // bytesPerSecond <= 0: unlimited (take() never asks to wait). The bucket starts full.
    TokenBucket(double bytesPerSecond, double burstBytes, Clock::time_point start = Clock::now());

    bool limited() const { return m_rate > 0; }
    // Takes `bytes` at `now` and returns how long to wait before sending them (zero when the bucket held them). The
    // bucket may go into debt: whoever takes next waits for that debt too, so over any stretch of time no more than
    // burstBytes + bytesPerSecond x seconds are let through.
    Clock::duration take(int64_t bytes, Clock::time_point now = Clock::now());

private:
    std::mutex m_mutex;
    double m_rate;
    double m_burst;
    double m_tokens;
    Clock::time_point m_last;
};

// What an upload pipeline did (TunnelSink logs it when it commits).
struct UploadStats
{
    int blocks = 0;             // blocks stored
    int64_t records = 0;        // records in them
    int64_t rawBytes = 0;       // encoded bytes before compression
    int64_t sentBytes = 0;      // request bodies (deflated when compressed), each block counted once
    double networkSeconds = 0;  // wall time with at least one upload in flight (the union of the uploads' times)
    double requestSeconds = 0;  // every upload's time added up (retries and their waits included)
    double throttleSeconds = 0; // time uploads waited for the token bucket, added up
    double stallSeconds = 0;    // time the writing thread waited for room in the pipeline or for the last blocks
    int maxInFlight = 0;        // most uploads in flight at once
};

struct UploadPipelineOptions
{
    int uploaders = 1;   // blocks uploaded at once (setting.speed.concurrent)
    int compressors = 1; // blocks compressed at once
    bool compress = true;
    int compressionLevel = 1;
    double maxBytesPerSecond = 0;    // <= 0: unlimited; else one token bucket over all request bodies
    const StopToken *stop = nullptr; // the run's token: a wait ends with kCancelledCode once it is set
    // Blocks are encoded and compressed at once but none is sent before open() (the upload session is still being
    // created elsewhere); finish() waits for open() too.
    bool held = false;
};

// Uploads one block: its id and request body (deflated when UploadPipelineOptions::compress). Runs on an upload
// thread, several at once; `abort` is set when the pipeline gives up (another block failed for good, abort()), and
// the call must then return promptly.
using BlockUploadFn = std::function<Result<void>(int64_t blockId, const QByteArray &body, const StopToken &abort)>;

// The Tunnel upload's block scheduler. The writing thread encodes blocks and submit()s them; `compressors` threads
// deflate them and `uploaders` threads send them, each block once through `upload` (which retries by itself). At most
// `compressors` encoded blocks wait or are being compressed, and at most uploaders + compressors blocks are being
// compressed, wait compressed or are in flight, so the memory held is bounded whatever the run's size; submit() waits
// for room, with the writer's block in hand (no encoded block waits inside for a compressed one's place). The first
// block that fails for good stops the pipeline: blocks not sent yet are dropped, uploads in flight are aborted, and
// submit() / finish() return that failure. The writing thread's waits run its event loop, so a server living in that
// thread (the tests' McServer) keeps answering.
class UploadPipeline
{
public:
    UploadPipeline(UploadPipelineOptions options, BlockUploadFn upload);
    ~UploadPipeline(); // abort()s
    UploadPipeline(const UploadPipeline &) = delete;
    UploadPipeline &operator=(const UploadPipeline &) = delete;

    // Hands over an encoded block. Waits while the pipeline is full. Returns the first failure of any block so far
    // (then the block is dropped), or kCancelledCode once the options' stop is set.
    Result<void> submit(int64_t blockId, std::string raw, int64_t records);
    // A buffer for the next block: a recycled one (its allocation kept) when there is one, else an empty one. Encoded
    // blocks come back here once deflated (or, uncompressed, once stored), compressed bodies once stored.
    std::string spareBuffer();
    // Waits until every submitted block is stored, then stops the threads; the first failure otherwise.
    Result<void> finish();
    // Stops at once: blocks not sent are dropped, uploads in flight are aborted, the threads are joined.
    void abort();
    // A held pipeline may send from now on. Thread-safe.
    void open();
    // Waits (like finish()) until it may send: not held, or opened since. False when it failed or stopped first.
    // What was written before open() is visible to the caller after it.
    bool waitUntilOpen();
    // Fails the pipeline from outside (e.g. the session could not be created): blocks are dropped as for a failed
    // block, and submit() and finish() return `error`. Thread-safe.
    void fail(const Error &error);
    // The first failure so far, if any (submit() and finish() return it too). Thread-safe.
    std::optional<Error> failure() const;
    // Each upload thread opens its connection to `endpoint` now (OdpsConnectionScope::preconnect), e.g. while a held
    // pipeline waits for its session. Thread-safe; once per pipeline.
    void preconnect(const QUrl &endpoint);

    UploadStats stats() const;
    // The ids of the blocks stored so far (in the order their uploads ended).
    std::vector<int64_t> storedBlocks() const;

private:
    struct RawBlock
    {
        int64_t id = 0;
        int64_t records = 0;
        std::string raw;
    };
    struct ReadyBlock
    {
        int64_t id = 0;
        int64_t records = 0;
        int64_t rawSize = 0;
        QByteArray body;
        std::string holder; // the raw bytes `body` points into when blocks go out uncompressed
    };

    void compressLoop();
    void uploadLoop();
    // Under m_mutex.
    void failLocked(const Error &error);
    void recycleLocked(std::string raw);
    void wakeLocked();
    bool idleLocked() const;
    // Waits (running this thread's event loop) until ready() holds under m_mutex, a block failed, or the stop is set.
    void waitFor(const std::function<bool()> &ready);
    void stopThreads();

    UploadPipelineOptions m_options;
    BlockUploadFn m_upload;
    TokenBucket m_bucket;
    StopToken m_abort;

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    QEventLoop *m_waiter = nullptr; // the writing thread's wait, woken when something changes
    std::deque<RawBlock> m_raw;
    std::deque<ReadyBlock> m_ready;
    // Buffers come back for the next blocks instead of being freed: a run allocates its blocks' memory once (freeing
    // and allocating blocks of megabytes across threads left malloc's arenas ever larger). Their number is bounded by
    // the blocks in circulation: a new one is made only when none is spare.
    std::vector<std::string> m_spare;
    std::vector<QByteArray> m_spareBodies;
    int m_compressing = 0;
    int m_uploading = 0; // taken from m_ready, not stored yet
    int m_onWire = 0;    // in the upload call (after the token bucket)
    std::chrono::steady_clock::time_point m_busySince;
    bool m_stopping = false;
    bool m_open = true; // false while held
    QUrl m_preconnect;  // set by preconnect()
    std::optional<Error> m_error;
    std::vector<int64_t> m_stored;
    UploadStats m_stats;

    std::vector<std::thread> m_compressors;
    std::vector<std::unique_ptr<QThread>> m_uploaders;
};

} // namespace kmsync::engine::maxcompute
