// link: kmsync_kafka kmsync_core
// The offset resolver's decisions, with a fake broker: time lookups the broker gets right are accepted
// without reading the partition; wrong answers (the mock cluster's "end", an offset too late or too early)
// are detected by the neighbour check, warned once per partition, and replaced by a scan. Offsets are clamped.
#include <algorithm>
#include <map>

#include <QTest>

#include "engine/kafka/offsetresolver.h"

using namespace kmsync::engine;
using namespace kmsync::engine::kafka;

Q_DECLARE_METATYPE(kmsync::engine::kafka::OffsetSpec)

namespace {

enum class Lookup { Correct, AlwaysEnd, OneLate, OneEarly };

// A partition as a list of (offset, timestamp), with a lookup that is right or wrong on purpose.
class FakeOracle final : public OffsetOracle
{
public:
    std::vector<OffsetTimestamp> messages; // ascending offsets
    int64_t low = 0;
    int64_t high = 0;
    Lookup lookup = Lookup::Correct;
    std::optional<int64_t> committedOffset;
    int reads = 0;
    int readMessages = 0;
    int lookups = 0;

    Result<Watermarks> watermarks(int32_t) override { return Watermarks{low, high}; }
    Result<int64_t> lookupTime(int32_t, int64_t ts) override
    {
        ++lookups;
        int64_t right = kLookupEnd;
        for (const auto &m : messages) {
            if (m.offset >= low && m.timestampMs >= ts) {
                right = m.offset;
                break;
            }
        }
        switch (lookup) {
        case Lookup::Correct:
            return right;
        case Lookup::AlwaysEnd:
            return kLookupEnd;
        case Lookup::OneLate:
            return right == kLookupEnd ? right : (right + 1 < high ? right + 1 : kLookupEnd);
        case Lookup::OneEarly:
            return right == kLookupEnd ? std::max(low, high - 1) : std::max(low, right - 1);
        }
        return right;
    }
    Result<std::vector<OffsetTimestamp>> read(int32_t, int64_t from, int64_t to, int maxCount) override
    {
        ++reads;
        std::vector<OffsetTimestamp> out;
        for (const auto &m : messages) {
            if (m.offset >= std::max(from, low) && m.offset < to && int(out.size()) < maxCount)
                out.push_back(m);
        }
        readMessages += int(out.size());
        return out;
    }
    Result<std::optional<int64_t>> committed(int32_t) override { return committedOffset; }
};

// Timestamps by offset: out of order at offsets 3 and 6.
const std::vector<int64_t> kTimestamps{1000, 1010, 1020, 1015, 1030, 1040, 1025, 1050};

FakeOracle makeOracle(Lookup lookup, int64_t low = 0)
{
    FakeOracle oracle;
    for (size_t i = 0; i < kTimestamps.size(); ++i)
        oracle.messages.push_back({int64_t(i), kTimestamps[i]});
    oracle.low = low;
    oracle.high = int64_t(kTimestamps.size());
    oracle.lookup = lookup;
    return oracle;
}

} // namespace

class TestOffsetResolve : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timeLookup_data()
    {
        QTest::addColumn<int>("lookup");
        QTest::addColumn<qint64>("target");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<int>("expectedBy");
        QTest::addColumn<bool>("warned");

        const int broker = int(ResolvedBy::BrokerLookup);
        const int scan = int(ResolvedBy::ScanFallback);
        // The broker is right: accepted, no scan, no warning.
        QTest::newRow("right: before all") << int(Lookup::Correct) << qint64(500) << qint64(0) << broker << false;
        QTest::newRow("right: exact first") << int(Lookup::Correct) << qint64(1000) << qint64(0) << broker << false;
        QTest::newRow("right: between") << int(Lookup::Correct) << qint64(1011) << qint64(2) << broker << false;
        QTest::newRow("right: out of order") << int(Lookup::Correct) << qint64(1016) << qint64(2) << broker << false;
        QTest::newRow("right: exact 1040") << int(Lookup::Correct) << qint64(1040) << qint64(5) << broker << false;
        QTest::newRow("right: last") << int(Lookup::Correct) << qint64(1050) << qint64(7) << broker << false;
        QTest::newRow("right: after all = end") << int(Lookup::Correct) << qint64(2000) << qint64(8) << broker << false;
        // The mock cluster's "end" for everything: right only after the last message.
        QTest::newRow("end: before all") << int(Lookup::AlwaysEnd) << qint64(500) << qint64(0) << scan << true;
        QTest::newRow("end: out of order") << int(Lookup::AlwaysEnd) << qint64(1026) << qint64(4) << scan << true;
        QTest::newRow("end: last") << int(Lookup::AlwaysEnd) << qint64(1050) << qint64(7) << scan << true;
        QTest::newRow("end: after all") << int(Lookup::AlwaysEnd) << qint64(1051) << qint64(8) << broker << false;
        // An answer one too late: the message before it is already >= target.
        QTest::newRow("late: between") << int(Lookup::OneLate) << qint64(1011) << qint64(2) << scan << true;
        // An answer one too early: the message at it is < target.
        QTest::newRow("early: between") << int(Lookup::OneEarly) << qint64(1011) << qint64(2) << scan << true;
        QTest::newRow("early: after all") << int(Lookup::OneEarly) << qint64(3000) << qint64(8) << scan << true;
    }

    void timeLookup()
    {
        QFETCH(int, lookup);
        QFETCH(qint64, target);
        QFETCH(qint64, expected);
        QFETCH(int, expectedBy);
        QFETCH(bool, warned);

        FakeOracle oracle = makeOracle(Lookup(lookup));
        QStringList warnings;
        OffsetResolver resolver(oracle, QStringLiteral("t"), [&warnings](LogLevel level, const QString &text) {
            if (level == LogLevel::Warning)
                warnings << text;
        });
        auto found = resolver.offsetForTime(0, Watermarks{oracle.low, oracle.high}, target);
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
        QCOMPARE(found->offset, expected);
        QCOMPARE(int(found->by), expectedBy);
        QCOMPARE(warnings.size(), warned ? 1 : 0);
        if (warned)
            QVERIFY2(warnings.first().contains(QLatin1String("partition 0")), qPrintable(warnings.first()));
        if (expectedBy == int(ResolvedBy::BrokerLookup))
            QVERIFY2(oracle.readMessages <= 2, "an accepted lookup reads at most the two neighbours");
    }

    // A contradiction is warned once per partition, however many lookups it contradicts.
    void warnsOncePerPartition()
    {
        FakeOracle oracle = makeOracle(Lookup::AlwaysEnd);
        int warnings = 0;
        OffsetResolver resolver(oracle, QStringLiteral("t"), [&warnings](LogLevel level, const QString &) {
            warnings += level == LogLevel::Warning ? 1 : 0;
        });
        auto range = resolver.resolve(0, OffsetSpec::time(1011), OffsetSpec::time(1040));
        QVERIFY(range.ok());
        QCOMPARE(range->range, (PartitionRange{0, 2, 5}));
        QCOMPARE(int(range->beginBy), int(ResolvedBy::ScanFallback));
        QCOMPARE(int(range->endBy), int(ResolvedBy::ScanFallback));
        QCOMPARE(warnings, 1);
        QVERIFY(!range->endTimeNotReached);
    }

    void ranges_data()
    {
        QTest::addColumn<OffsetSpec>("begin");
        QTest::addColumn<OffsetSpec>("end");
        QTest::addColumn<qint64>("low");
        QTest::addColumn<int>("committed"); // -1 = none
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("stop");
        QTest::addColumn<int>("warnings");
        QTest::addColumn<bool>("endTimeNotReached");

        QTest::newRow("beginning..end") << OffsetSpec::beginning() << OffsetSpec::end() << qint64(0) << -1 << qint64(0)
                                        << qint64(8) << 0 << false;
        QTest::newRow("retention: beginning is log start")
            << OffsetSpec::beginning() << OffsetSpec::end() << qint64(3) << -1 << qint64(3) << qint64(8) << 0 << false;
        QTest::newRow("numbers") << OffsetSpec::number(2) << OffsetSpec::number(6) << qint64(0) << -1 << qint64(2)
                                 << qint64(6) << 0 << false;
        QTest::newRow("number below log start")
            << OffsetSpec::number(1) << OffsetSpec::end() << qint64(3) << -1 << qint64(3) << qint64(8) << 1 << false;
        QTest::newRow("number beyond end") << OffsetSpec::number(2) << OffsetSpec::number(100) << qint64(0) << -1
                                           << qint64(2) << qint64(8) << 1 << false;
        QTest::newRow("end before begin is empty") << OffsetSpec::number(5) << OffsetSpec::number(3) << qint64(0) << -1
                                                   << qint64(5) << qint64(5) << 0 << false;
        QTest::newRow("seekToEnd reads nothing")
            << OffsetSpec::end() << OffsetSpec::end() << qint64(0) << -1 << qint64(8) << qint64(8) << 0 << false;
        QTest::newRow("seekToLast") << OffsetSpec::last() << OffsetSpec::end() << qint64(0) << 4 << qint64(4)
                                    << qint64(8) << 0 << false;
        QTest::newRow("seekToLast below log start")
            << OffsetSpec::last() << OffsetSpec::end() << qint64(5) << 2 << qint64(5) << qint64(8) << 1 << false;
        QTest::newRow("latest 3") << OffsetSpec::latest(3) << OffsetSpec::end() << qint64(0) << -1 << qint64(5)
                                  << qint64(8) << 0 << false;
        QTest::newRow("latest more than kept")
            << OffsetSpec::latest(30) << OffsetSpec::end() << qint64(2) << -1 << qint64(2) << qint64(8) << 0 << false;
        QTest::newRow("time window") << OffsetSpec::time(1016) << OffsetSpec::time(1040) << qint64(0) << -1 << qint64(2)
                                     << qint64(5) << 0 << false;
        QTest::newRow("time: end not reached") << OffsetSpec::time(1016) << OffsetSpec::time(9999) << qint64(0) << -1
                                               << qint64(2) << qint64(8) << 0 << true;
        QTest::newRow("time: window in the past of retention")
            << OffsetSpec::time(900) << OffsetSpec::time(1012) << qint64(3) << -1 << qint64(3) << qint64(3) << 0
            << false;
    }

    void ranges()
    {
        QFETCH(OffsetSpec, begin);
        QFETCH(OffsetSpec, end);
        QFETCH(qint64, low);
        QFETCH(int, committed);
        QFETCH(qint64, start);
        QFETCH(qint64, stop);
        QFETCH(int, warnings);
        QFETCH(bool, endTimeNotReached);

        FakeOracle oracle = makeOracle(Lookup::Correct, low);
        if (committed >= 0)
            oracle.committedOffset = committed;
        int warned = 0;
        OffsetResolver resolver(oracle, QStringLiteral("t"), [&warned](LogLevel level, const QString &) {
            warned += level == LogLevel::Warning ? 1 : 0;
        });
        auto range = resolver.resolve(7, begin, end);
        QVERIFY2(range.ok(), qPrintable(range.ok() ? QString() : range.error().message));
        QCOMPARE(range->range, (PartitionRange{7, start, stop}));
        QCOMPARE(range->watermarks, (Watermarks{low, 8}));
        QCOMPARE(warned, warnings);
        QCOMPARE(range->endTimeNotReached, endTimeNotReached);
    }

    void seekToLastWithoutCommittedOffset()
    {
        FakeOracle oracle = makeOracle(Lookup::Correct);
        OffsetResolver resolver(oracle, QStringLiteral("orders"));
        auto range = resolver.resolve(2, OffsetSpec::last(), OffsetSpec::end());
        QVERIFY(!range.ok());
        QCOMPARE(range.error().code, QStringLiteral("kafka.no_committed_offset"));
        QVERIFY2(range.error().message.contains(QLatin1String("topic orders partition 2")),
                 qPrintable(range.error().message));
    }

    // A scan over a partition bigger than one read chunk finds the offset in a later chunk.
    void scanCrossesChunks()
    {
        FakeOracle oracle;
        const int n = OffsetResolver::kScanChunk * 2 + 17;
        for (int i = 0; i < n; ++i)
            oracle.messages.push_back({i, 100000 + i});
        oracle.high = n;
        oracle.lookup = Lookup::AlwaysEnd;
        OffsetResolver resolver(oracle, QStringLiteral("t"));
        const int64_t target = 100000 + OffsetResolver::kScanChunk + 5;
        auto found = resolver.offsetForTime(0, Watermarks{0, n}, target);
        QVERIFY(found.ok());
        QCOMPARE(found->offset, int64_t(OffsetResolver::kScanChunk + 5));
        QCOMPARE(int(found->by), int(ResolvedBy::ScanFallback));
    }
};

QTEST_APPLESS_MAIN(TestOffsetResolve)
#include "tst_offsetresolve.moc"
