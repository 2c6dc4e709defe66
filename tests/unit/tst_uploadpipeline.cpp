// link: kmsync_maxcompute kmsync_core ZLIB::ZLIB
// The Tunnel upload's block scheduler and its token bucket, with a stand-in upload function (no server): every
// block once, no more uploads at once than asked, bounded blocks held (submit() waits), the first failure stops the
// rest, a stop ends the waits, and the byte cap.
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include <zlib.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QThread>

#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelrecordwriter.h"
#include "engine/maxcompute/tunnelsink.h"
#include "engine/maxcompute/uploadpipeline.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using namespace std::chrono_literals;

namespace {

std::string blockBytes(int64_t id, size_t size)
{
    std::string s;
    s.reserve(size);
    while (s.size() < size)
        s += "block-" + std::to_string(id) + ';';
    s.resize(size);
    return s;
}

QByteArray inflated(const QByteArray &in)
{
    QByteArray out(1 << 20, '\0');
    uLongf size = uLongf(out.size());
    if (uncompress(reinterpret_cast<Bytef *>(out.data()), &size, reinterpret_cast<const Bytef *>(in.constData()),
                   uLong(in.size()))
        != Z_OK)
        return {};
    out.resize(qsizetype(size));
    return out;
}

// Sleeps `ms` in small steps; false when `abort` was set meanwhile.
bool sleepUnlessAborted(int ms, const StopToken &abort)
{
    for (int waited = 0; waited < ms; waited += 2) {
        if (abort.stopRequested())
            return false;
        std::this_thread::sleep_for(2ms);
    }
    return !abort.stopRequested();
}

// A held pipeline (uploaders 2, one compressor) whose uploads only count themselves in `calls`.
std::unique_ptr<UploadPipeline> heldPipeline(std::atomic<int> &calls)
{
    UploadPipelineOptions options;
    options.uploaders = 2;
    options.compressors = 1;
    options.held = true;
    return std::make_unique<UploadPipeline>(options,
                                            [&calls](int64_t, const QByteArray &, const StopToken &) -> Result<void> {
                                                ++calls;
                                                return {};
                                            });
}

} // namespace

class TestUploadPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The request body is a zlib stream that zlib's own inflate restores byte for byte, at every level, for empty,
    // tiny, incompressible and large blocks; one compressor serves block after block, and a recycled body that was
    // larger shrinks to the new block's size.
    void blockCompressorWritesZlibStreams()
    {
        std::string random(300000, '\0');
        uint32_t x = 2463534242u;
        for (char &c : random) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = char(x & 0xff);
        }
        std::string text;
        while (text.size() < 900000)
            text += "{\"a\":{\"a1\":\"v" + std::to_string(text.size()) + "\"},\"c\":[\"x\",\"y\"],\"n\":42}";
        for (int level : {0, 1, 6, 12}) {
            BlockCompressor compressor(level);
            QByteArray body(2 << 20, 'z'); // a recycled, larger body
            for (const std::string &raw : {std::string(), std::string("a"), random, text}) {
                const auto compressed = compressor.compress(raw.data(), raw.size(), body);
                QVERIFY2(compressed.ok(), qPrintable(compressed.ok() ? QString() : compressed.error().message));
                QVERIFY(body.size() >= 6);            // zlib header and Adler-32 at least
                QCOMPARE(uint8_t(body[0]) & 0x0f, 8); // CM 8: deflate, in a zlib (RFC 1950) wrapper
                QCOMPARE((uint8_t(body[0]) * 256 + uint8_t(body[1])) % 31, 0);
                uLongf size = uLongf(raw.size() + 1);
                QByteArray back(qsizetype(size), '\0');
                QCOMPARE(uncompress(reinterpret_cast<Bytef *>(back.data()), &size,
                                    reinterpret_cast<const Bytef *>(body.constData()), uLong(body.size())),
                         Z_OK);
                QCOMPARE(back.left(qsizetype(size)), QByteArray(raw.data(), qsizetype(raw.size())));
            }
            if (level >= 1)
                QVERIFY(body.size() < qsizetype(text.size() / 4)); // it does compress
        }
    }

    // Automatic block sizes keep every block the pipeline may hold within 48 MiB; they double every 4,000 blocks.
    void blockSizes()
    {
        const QJsonObject connection{{QStringLiteral("endpoint"), QStringLiteral("http://127.0.0.1:9/api")},
                                     {QStringLiteral("project"), QStringLiteral("p")},
                                     {QStringLiteral("accessId"), QStringLiteral("id")},
                                     {QStringLiteral("accessKey"), QStringLiteral("key")}};
        auto client = OdpsClient::create(connection);
        QVERIFY(client.ok());
        constexpr size_t MiB = 1024 * 1024;
        const auto sizeAt = [&](int concurrent, int64_t index, size_t explicitSize = 0) {
            TunnelSinkOptions o;
            o.concurrent = concurrent;
            o.blockSizeBytes = explicitSize;
            return TunnelSink(*client, o).blockSizeFor(index);
        };
        QCOMPARE(sizeAt(1, 0), 8 * MiB);
        for (int c : {2, 4, 8, 32}) {
            const size_t size = sizeAt(c, 0);
            const auto compressors = size_t(std::clamp(std::min(c, QThread::idealThreadCount()), 1, 4));
            QVERIFY2(size >= 1 * MiB && size <= 8 * MiB, qPrintable(QString::number(size)));
            QVERIFY2(size == 1 * MiB || size * (1 + 2 * compressors + size_t(c)) <= 48 * MiB,
                     qPrintable(QString::number(size)));
        }
        QCOMPARE(sizeAt(32, 0),
                 std::max(1 * MiB, 48 * MiB / (1 + 2 * size_t(std::clamp(QThread::idealThreadCount(), 1, 4)) + 32)));
        QCOMPARE(sizeAt(1, 3999), 8 * MiB);
        QCOMPARE(sizeAt(1, 4000), 16 * MiB);
        QCOMPARE(sizeAt(1, 8000), 32 * MiB);
        QCOMPARE(sizeAt(1, 19999), 64 * MiB); // never more
        QCOMPARE(sizeAt(4, 0, 4096), size_t(4096));
        QCOMPARE(sizeAt(4, 4000, 4096), size_t(8192));
        QCOMPARE(sizeAt(4, 0, 100), size_t(1024)); // the smallest block
    }

    // A finished block is handed over without a copy and the writer goes on in the buffer it is given.
    void writerHandsBlocksOver()
    {
        TunnelRecordWriter writer(
            std::vector<ColumnDef>{ColumnDef{QStringLiteral("v"), ColumnType{TypeKind::BigInt}, {}}});
        writer.reserveBuffer(64 * 1024);
        QVERIFY(writer.write(Row{int64_t(1)}).ok());
        writer.finish();
        const std::string expected(writer.data());
        const char *bytes = writer.data().data();
        std::string recycled;
        recycled.reserve(1000);
        std::string block = writer.takeBlock(std::move(recycled));
        QCOMPARE(block, expected);
        QCOMPARE(static_cast<const void *>(block.data()), static_cast<const void *>(bytes));
        QCOMPARE(writer.size(), size_t(0));
        QCOMPARE(writer.recordCount(), int64_t(0));
        QVERIFY(!writer.finished());
        QVERIFY(writer.write(Row{int64_t(1)}).ok());
        writer.finish();
        QCOMPARE(std::string(writer.data()), expected);
    }

    void tokenBucket()
    {
        using Clock = TokenBucket::Clock;
        const Clock::time_point t0{};
        TokenBucket bucket(100, 100, t0);
        QVERIFY(bucket.limited());
        QCOMPARE(bucket.take(100, t0), Clock::duration::zero()); // the burst
        QCOMPARE(std::chrono::duration_cast<std::chrono::milliseconds>(bucket.take(100, t0)), 1000ms);
        // Half a second later 50 came back; the debt of 100 then is 50, and 50 more make 100 again: 1 s.
        QCOMPARE(std::chrono::duration_cast<std::chrono::milliseconds>(bucket.take(50, t0 + 500ms)), 1000ms);
        // Long idle: the bucket refills to its burst, no more.
        QCOMPARE(bucket.take(100, t0 + 100s), Clock::duration::zero());
        QCOMPARE(std::chrono::duration_cast<std::chrono::milliseconds>(bucket.take(1, t0 + 100s)), 10ms);
        TokenBucket unlimited(0, 0, t0);
        QVERIFY(!unlimited.limited());
        QCOMPARE(unlimited.take(1 << 30, t0), Clock::duration::zero());
    }

    // Every block reaches the upload function once, deflated, with at most `uploaders` calls at a time.
    void everyBlockOnceWithinConcurrency()
    {
        std::mutex mutex;
        std::multiset<int64_t> seen;
        bool bodiesOk = true;
        std::atomic<int> current{0};
        std::atomic<int> most{0};
        UploadPipelineOptions options;
        options.uploaders = 3;
        options.compressors = 2;
        UploadPipeline pipeline(options, [&](int64_t id, const QByteArray &body, const StopToken &) -> Result<void> {
            const int now = ++current;
            int prev = most.load();
            while (now > prev && !most.compare_exchange_weak(prev, now)) {
            }
            std::this_thread::sleep_for(15ms);
            {
                std::lock_guard lock(mutex);
                seen.insert(id);
                const std::string want = blockBytes(id, 5000);
                bodiesOk = bodiesOk && inflated(body) == QByteArray(want.data(), qsizetype(want.size()));
            }
            --current;
            return {};
        });
        for (int64_t id = 0; id < 30; ++id)
            QVERIFY(pipeline.submit(id, blockBytes(id, 5000), 10).ok());
        QVERIFY(pipeline.finish().ok());
        QCOMPARE(int(seen.size()), 30);
        for (int64_t id = 0; id < 30; ++id)
            QCOMPARE(int(seen.count(id)), 1);
        QVERIFY(bodiesOk);
        QVERIFY2(most.load() <= 3 && most.load() >= 2, qPrintable(QString::number(most.load())));
        const UploadStats stats = pipeline.stats();
        QCOMPARE(stats.blocks, 30);
        QCOMPARE(stats.records, int64_t(300));
        QCOMPARE(stats.rawBytes, int64_t(30 * 5000));
        QVERIFY(stats.sentBytes > 0 && stats.sentBytes < stats.rawBytes);
        QCOMPARE(stats.maxInFlight, most.load());
        QVERIFY(stats.networkSeconds > 0.1 && stats.networkSeconds <= stats.requestSeconds + 1e-3);
        std::vector<int64_t> stored = pipeline.storedBlocks();
        std::sort(stored.begin(), stored.end());
        QCOMPARE(int(stored.size()), 30);
        QCOMPARE(stored.front(), int64_t(0));
        QCOMPARE(stored.back(), int64_t(29));
    }

    // While uploads hang, submit() takes only as many blocks as the pipeline may hold (1 uploading, 1 compressed
    // waiting), then waits; a stop ends that wait with "cancelled". No encoded block waits for room inside the
    // pipeline: a full pipeline holds compressed bodies and the writer's one block, not a queue of encoded blocks
    // (4-5x their compressed size) on top.
    void submitWaitsWhenFull()
    {
        StopToken stop;
        UploadPipelineOptions options;
        options.uploaders = 1;
        options.compressors = 1;
        options.stop = &stop;
        std::atomic<bool> open{false};
        UploadPipeline pipeline(options, [&](int64_t, const QByteArray &, const StopToken &abort) -> Result<void> {
            while (!open && !abort.stopRequested())
                std::this_thread::sleep_for(2ms);
            if (abort.stopRequested())
                return makeError(QString::fromLatin1(kCancelledCode), QStringLiteral("aborted"));
            return {};
        });
        int accepted = 0;
        std::thread stopper([&] {
            std::this_thread::sleep_for(400ms);
            stop.requestStop();
        });
        QElapsedTimer clock;
        clock.start();
        Result<void> last;
        for (int64_t id = 0; id < 10 && last.ok(); ++id) {
            last = pipeline.submit(id, blockBytes(id, 1000), 1);
            if (last.ok())
                ++accepted;
        }
        const qint64 ms = clock.elapsed();
        stopper.join();
        QCOMPARE(accepted, 2);
        QVERIFY(!last.ok());
        QCOMPARE(last.error().code, QString::fromLatin1(kCancelledCode));
        QVERIFY2(ms >= 350 && ms < 1500, qPrintable(QString::number(ms)));
        auto finished = pipeline.finish();
        QVERIFY(!finished.ok());
        QCOMPARE(finished.error().code, QString::fromLatin1(kCancelledCode));
        QVERIFY(pipeline.storedBlocks().empty());
    }

    // The first block that fails for good is the pipeline's result; the uploads in flight see the abort and the
    // blocks not sent yet are dropped.
    void firstFailureStopsTheRest()
    {
        std::atomic<int> aborted{0};
        std::atomic<int> calls{0};
        UploadPipelineOptions options;
        options.uploaders = 4;
        options.compressors = 2;
        UploadPipeline pipeline(options, [&](int64_t id, const QByteArray &, const StopToken &abort) -> Result<void> {
            ++calls;
            if (id == 4) {
                std::this_thread::sleep_for(20ms);
                return makeError(QStringLiteral("maxcompute.server"), QStringLiteral("block 4 failed"));
            }
            if (!sleepUnlessAborted(id > 4 ? 5000 : 10, abort)) {
                ++aborted;
                return makeError(QString::fromLatin1(kCancelledCode), QStringLiteral("aborted"));
            }
            return {};
        });
        Result<void> submitted;
        int64_t id = 0;
        for (; id < 200 && submitted.ok(); ++id)
            submitted = pipeline.submit(id, blockBytes(id, 2000), 1);
        QElapsedTimer clock;
        clock.start();
        auto finished = pipeline.finish();
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY(!finished.ok());
        QCOMPARE(finished.error().code, QStringLiteral("maxcompute.server"));
        QCOMPARE(finished.error().message, QStringLiteral("block 4 failed"));
        QVERIFY(!submitted.ok() || id < 200);
        QVERIFY(aborted.load() >= 1);
        QVERIFY(calls.load() < 200);
        const auto stored = pipeline.storedBlocks();
        QVERIFY(std::find(stored.begin(), stored.end(), 4) == stored.end());
    }

    // A held pipeline (the upload session is still being made) compresses what it is given but sends nothing until
    // open(); finish() waits for open() too, and everything goes out once after it.
    void heldPipelineSendsAfterOpen()
    {
        std::atomic<int> calls{0};
        auto held = heldPipeline(calls);
        UploadPipeline &pipeline = *held;
        // Room for: one block compressing plus uploaders + compressors compressed ones waiting.
        for (int64_t id = 0; id < 3; ++id)
            QVERIFY(pipeline.submit(id, blockBytes(id, 4000), 2).ok());
        std::this_thread::sleep_for(100ms);
        QCOMPARE(calls.load(), 0);
        std::thread opener([&] {
            std::this_thread::sleep_for(100ms);
            pipeline.open();
        });
        QElapsedTimer clock;
        clock.start();
        QVERIFY(pipeline.finish().ok());
        const qint64 waited = clock.elapsed(); // before the join, which waits for the opener anyway
        opener.join();
        QVERIFY2(waited >= 90, qPrintable(QString::number(waited)));
        QCOMPARE(calls.load(), 3);
        QCOMPARE(pipeline.stats().blocks, 3);
        QCOMPARE(pipeline.stats().records, int64_t(6));

        // An empty run: no block to wait for, but commit() still needs the session, so finish() waits for open().
        auto heldEmpty = heldPipeline(calls);
        UploadPipeline &empty = *heldEmpty;
        std::thread late([&] {
            std::this_thread::sleep_for(100ms);
            empty.open();
        });
        clock.restart();
        QVERIFY(empty.finish().ok());
        const qint64 waitedEmpty = clock.elapsed();
        late.join();
        QVERIFY2(waitedEmpty >= 90, qPrintable(QString::number(waitedEmpty)));
    }

    // A held pipeline whose session could not be made: fail() from outside drops the blocks, and submit() and
    // finish() return that error; nothing is sent. Without open(), finish() would wait; the failure ends it.
    void heldPipelineFailsFromOutside()
    {
        std::atomic<int> calls{0};
        auto held = heldPipeline(calls);
        UploadPipeline &pipeline = *held;
        QVERIFY(pipeline.submit(0, blockBytes(0, 4000), 1).ok());
        QVERIFY(!pipeline.failure());
        std::thread failer([&] {
            std::this_thread::sleep_for(50ms);
            pipeline.fail(makeError(QStringLiteral("sink.no_such_partition"), QStringLiteral("no partition ds=1")));
        });
        auto finished = pipeline.finish();
        failer.join();
        QVERIFY(!finished.ok());
        QCOMPARE(finished.error().code, QStringLiteral("sink.no_such_partition"));
        QVERIFY(pipeline.failure());
        QCOMPARE(pipeline.failure()->message, QStringLiteral("no partition ds=1"));
        auto again = pipeline.submit(1, blockBytes(1, 4000), 1);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("sink.no_such_partition"));
        QCOMPARE(calls.load(), 0);
        QVERIFY(pipeline.storedBlocks().empty());
    }

    // The token bucket over all uploads: 100,000 bytes at 50,000 bytes/s with a one-second burst take >= 1 s.
    void throttle()
    {
        UploadPipelineOptions options;
        options.uploaders = 4;
        options.compress = false;
        options.maxBytesPerSecond = 50000;
        std::atomic<int64_t> bytes{0};
        UploadPipeline pipeline(options, [&](int64_t, const QByteArray &body, const StopToken &) -> Result<void> {
            bytes += body.size();
            return {};
        });
        QElapsedTimer clock;
        clock.start();
        for (int64_t id = 0; id < 10; ++id)
            QVERIFY(pipeline.submit(id, blockBytes(id, 10000), 1).ok());
        QVERIFY(pipeline.finish().ok());
        const qint64 ms = clock.elapsed();
        QCOMPARE(bytes.load(), int64_t(100000));
        QVERIFY2(ms >= 950, qPrintable(QString::number(ms)));
        QVERIFY(pipeline.stats().throttleSeconds > 0.9);
    }
};

QTEST_GUILESS_MAIN(TestUploadPipeline)
#include "tst_uploadpipeline.moc"
