#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <QString>

#include "engine/core/log.h"
#include "engine/core/messagesource.h"
#include "engine/core/result.h"
#include "engine/kafka/kafkasourceoptions.h"
#include "engine/kafka/offsetoracle.h"

namespace kmsync::engine::kafka {

// How one edge of a partition's range was found.
enum class ResolvedBy {
    Offset,       // from an offset setting (seekTo*, a number, the committed offset, latest N)
    BrokerLookup, // the broker's offsetsForTimes answer, verified against its neighbours
    ScanFallback, // the broker's answer was contradicted, so the partition was read to find the offset
};

QString toString(ResolvedBy by);

// One partition's resolved range and how each edge was found.
struct ResolvedRange
{
    PartitionRange range;
    Watermarks watermarks;
    ResolvedBy beginBy = ResolvedBy::Offset;
    ResolvedBy endBy = ResolvedBy::Offset;
    // The end is a time that no message has reached yet (it resolved to the high watermark). A reader that
    // waits for new data (stopWhenPollEmpty) may keep reading until the first message at or after it.
    bool endTimeNotReached = false;
};

// The first offset whose timestamp is >= a target time, and how it was found.
struct TimeOffset
{
    int64_t offset = 0;
    ResolvedBy by = ResolvedBy::BrokerLookup;
};

// Turns the begin/end settings into a per-partition [start, end): time lookups are verified against both
// neighbours (the message at the answer has timestamp >= target, the one before it < target; an answer of
// "end" holds only when the last message is < target). A contradiction is logged once per partition and the
// partition is read to find the first offset with timestamp >= target. Numbers are clamped to the watermarks;
// a start below the log start (deleted by retention) starts at the log start, with a warning.
class OffsetResolver
{
public:
    // knownLookupFault: set when the broker is known to answer time lookups wrongly (the sandbox, librdkafka's mock
    // cluster, always answers "no message at or after that time"). Its text is then said once, as information, in
    // place of a warning per partition.
    OffsetResolver(OffsetOracle &oracle, QString topic, LogFn log = {}, QString knownLookupFault = {});

    // Asks the broker for every partition's watermarks and every time lookup resolve() will need, in one request
    // per leader and edge or time (optional: resolve() asks per partition otherwise). Returns the number of time
    // lookups made.
    Result<int> prefetch(const std::vector<int32_t> &partitions, const OffsetSpec &begin, const OffsetSpec &end);
    Result<ResolvedRange> resolve(int32_t partition, const OffsetSpec &begin, const OffsetSpec &end);
    // The first offset in [marks.low, marks.high] whose timestamp is >= targetMs (marks.high when none),
    // scanning from scanFrom (>= marks.low) when the broker's answer does not hold.
    Result<TimeOffset> offsetForTime(int32_t partition, const Watermarks &marks, int64_t targetMs,
                                     int64_t scanFrom = -1);

    static constexpr int kScanChunk = 5000;

private:
    Result<int64_t> resolveOffset(int32_t partition, const Watermarks &marks, const OffsetSpec &spec, bool isBegin,
                                  ResolvedBy &by, int64_t scanFrom);
    Result<TimeOffset> scan(int32_t partition, const Watermarks &marks, int64_t targetMs, int64_t from);
    void warn(const QString &message);

    OffsetOracle &m_oracle;
    QString m_topic;
    LogFn m_log;
    Result<int64_t> lookup(int32_t partition, int64_t targetMs);

    QString m_knownLookupFault;
    bool m_toldKnownFault = false;
    std::set<int32_t> m_warnedPartitions;
    std::map<std::pair<int32_t, int64_t>, int64_t> m_lookups; // (partition, time) -> the broker's answer
    std::map<int32_t, Watermarks> m_marks;                    // prefetched, taken by resolve()
};

} // namespace kmsync::engine::kafka
