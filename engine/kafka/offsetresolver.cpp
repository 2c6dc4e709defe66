#include "engine/kafka/offsetresolver.h"

#include <utility>

#include <algorithm>

#include <QCoreApplication>

namespace kmsync::engine::kafka {

QString toString(ResolvedBy by)
{
    switch (by) {
    case ResolvedBy::Offset:
        return QStringLiteral("offset");
    case ResolvedBy::BrokerLookup:
        return QStringLiteral("broker lookup");
    case ResolvedBy::ScanFallback:
        return QStringLiteral("scan");
    }
    return {};
}

OffsetResolver::OffsetResolver(OffsetOracle &oracle, QString topic, LogFn log, QString knownLookupFault)
    : m_oracle(oracle)
    , m_topic(std::move(topic))
    , m_log(std::move(log))
    , m_knownLookupFault(std::move(knownLookupFault))
{
}

void OffsetResolver::warn(const QString &message)
{
    if (m_log)
        m_log(LogLevel::Warning, message);
}

Result<int> OffsetResolver::prefetch(const std::vector<int32_t> &partitions, const OffsetSpec &begin,
                                     const OffsetSpec &end)
{
    auto marks = m_oracle.watermarksOf(partitions);
    if (!marks)
        return marks.error();
    for (size_t i = 0; i < partitions.size() && i < marks->size(); ++i)
        m_marks[partitions[i]] = (*marks)[i];
    int requests = 0;
    for (const OffsetSpec *spec : {&begin, &end}) {
        if (spec->kind != OffsetSpec::Kind::Time)
            continue;
        auto answers = m_oracle.lookupTimes(partitions, spec->value);
        if (!answers)
            return answers.error();
        ++requests;
        for (size_t i = 0; i < partitions.size() && i < answers->size(); ++i)
            m_lookups[{partitions[i], spec->value}] = (*answers)[i];
    }
    return requests;
}

Result<int64_t> OffsetResolver::lookup(int32_t partition, int64_t targetMs)
{
    const auto it = m_lookups.find({partition, targetMs});
    if (it != m_lookups.end())
        return it->second;
    return m_oracle.lookupTime(partition, targetMs);
}

Result<ResolvedRange> OffsetResolver::resolve(int32_t partition, const OffsetSpec &begin, const OffsetSpec &end)
{
    auto cached = m_marks.extract(partition); // taken: a second resolve() of the partition asks again
    Result<Watermarks> marks = cached ? Result<Watermarks>(cached.mapped()) : m_oracle.watermarks(partition);
    if (!marks)
        return marks.error();
    ResolvedRange resolved;
    resolved.watermarks = *marks;
    resolved.range.partition = partition;
    auto start = resolveOffset(partition, *marks, begin, true, resolved.beginBy, -1);
    if (!start)
        return start.error();
    const int64_t scanFrom = begin.kind == OffsetSpec::Kind::Time ? *start : -1;
    auto stop = resolveOffset(partition, *marks, end, false, resolved.endBy, scanFrom);
    if (!stop)
        return stop.error();
    resolved.range.startOffset = *start;
    resolved.range.endOffset = std::max(*start, *stop);
    resolved.endTimeNotReached = end.kind == OffsetSpec::Kind::Time && *stop >= marks->high;
    return resolved;
}

Result<int64_t> OffsetResolver::resolveOffset(int32_t partition, const Watermarks &marks, const OffsetSpec &spec,
                                              bool isBegin, ResolvedBy &by, int64_t scanFrom)
{
    by = ResolvedBy::Offset;
    const QString edge = isBegin ? QStringLiteral("beginOffset") : QStringLiteral("endOffset");
    const auto clamp = [&](int64_t offset, const QString &what) -> int64_t {
        if (offset < marks.low) {
            warn(QStringLiteral("topic %1 partition %2: %3 %4 is below the log start offset %5 (retention deleted "
                                "those messages); using %5")
                     .arg(m_topic)
                     .arg(partition)
                     .arg(what)
                     .arg(offset)
                     .arg(marks.low));
            return marks.low;
        }
        if (offset > marks.high) {
            warn(QStringLiteral("topic %1 partition %2: %3 %4 is beyond the end offset %5; using %5")
                     .arg(m_topic)
                     .arg(partition)
                     .arg(what)
                     .arg(offset)
                     .arg(marks.high));
            return marks.high;
        }
        return offset;
    };
    switch (spec.kind) {
    case OffsetSpec::Kind::Beginning:
        return marks.low;
    case OffsetSpec::Kind::End:
        return marks.high;
    case OffsetSpec::Kind::Number:
        return clamp(spec.value, edge);
    case OffsetSpec::Kind::Latest:
        return std::max(marks.low, marks.high - std::max<int64_t>(0, spec.value));
    case OffsetSpec::Kind::Last: {
        auto committed = m_oracle.committed(partition);
        if (!committed)
            return committed.error();
        if (!committed->has_value()) {
            return makeError(QStringLiteral("kafka.no_committed_offset"),
                             QStringLiteral("%1 is seekToLast, but the consumer group has no committed offset for "
                                            "topic %2 partition %3; use seekToBeginning, a number or beginDateTime "
                                            "for the first run")
                                 .arg(edge, m_topic)
                                 .arg(partition));
        }
        return clamp(**committed, QStringLiteral("the committed offset"));
    }
    case OffsetSpec::Kind::Time: {
        auto found = offsetForTime(partition, marks, spec.value, scanFrom);
        if (!found)
            return found.error();
        by = found->by;
        return found->offset;
    }
    }
    return marks.low;
}

Result<TimeOffset> OffsetResolver::offsetForTime(int32_t partition, const Watermarks &marks, int64_t targetMs,
                                                 int64_t scanFrom)
{
    if (marks.high <= marks.low)
        return TimeOffset{marks.high, ResolvedBy::BrokerLookup}; // empty: every answer is "end"
    auto answer = lookup(partition, targetMs);
    if (!answer)
        return answer.error();
    const int64_t a = *answer;
    QString contradiction;
    if (a == OffsetOracle::kLookupEnd || a >= marks.high) {
        // "end" holds only when the last message is before the target.
        auto last = m_oracle.read(partition, marks.high - 1, marks.high, 1);
        if (!last)
            return last.error();
        if (last->empty() || last->front().timestampMs < targetMs)
            return TimeOffset{marks.high, ResolvedBy::BrokerLookup};
        contradiction = QCoreApplication::translate("OffsetResolver",
                                                    "the broker answered \"no message at or after %1\", but the last "
                                                    "message (offset %2) has timestamp %3")
                            .arg(targetMs)
                            .arg(last->front().offset)
                            .arg(last->front().timestampMs);
    } else if (a < marks.low) {
        contradiction = QCoreApplication::translate("OffsetResolver",
                                                    "the broker answered offset %1, below the log start offset %2")
                            .arg(a)
                            .arg(marks.low);
    } else {
        // The message at the answer has timestamp >= target; the one just before it (when kept) < target.
        auto around = m_oracle.read(partition, std::max(marks.low, a - 1), marks.high, 2);
        if (!around)
            return around.error();
        const OffsetTimestamp *before = nullptr;
        const OffsetTimestamp *at = nullptr;
        for (const auto &m : *around) {
            if (m.offset < a && before == nullptr)
                before = &m;
            else if (m.offset >= a && at == nullptr)
                at = &m;
        }
        if (at != nullptr && at->timestampMs < targetMs) {
            contradiction = QCoreApplication::translate("OffsetResolver",
                                                        "the broker answered offset %1 for time %2, but that message "
                                                        "has timestamp %3")
                                .arg(a)
                                .arg(targetMs)
                                .arg(at->timestampMs);
        } else if (before != nullptr && before->timestampMs >= targetMs) {
            contradiction = QCoreApplication::translate("OffsetResolver",
                                                        "the broker answered offset %1 for time %2, but the message "
                                                        "before it (offset %3) already has timestamp %4")
                                .arg(a)
                                .arg(targetMs)
                                .arg(before->offset)
                                .arg(before->timestampMs);
        } else {
            return TimeOffset{at != nullptr ? a : marks.high, ResolvedBy::BrokerLookup};
        }
    }
    if (!m_knownLookupFault.isEmpty()) {
        if (!std::exchange(m_toldKnownFault, true) && m_log)
            m_log(LogLevel::Info, QStringLiteral("topic %1: %2").arg(m_topic, m_knownLookupFault));
    } else if (m_warnedPartitions.insert(partition).second) {
        warn(QCoreApplication::translate("OffsetResolver",
                                         "topic %1 partition %2: the broker's time lookup is wrong (%3); finding the "
                                         "offset by reading the partition instead")
                 .arg(m_topic)
                 .arg(partition)
                 .arg(contradiction));
    }
    return scan(partition, marks, targetMs, std::max(marks.low, scanFrom));
}

Result<TimeOffset> OffsetResolver::scan(int32_t partition, const Watermarks &marks, int64_t targetMs, int64_t from)
{
    int64_t next = from;
    while (next < marks.high) {
        auto chunk = m_oracle.read(partition, next, marks.high, kScanChunk);
        if (!chunk)
            return chunk.error();
        if (chunk->empty())
            break;
        for (const auto &m : *chunk) {
            if (m.timestampMs >= targetMs)
                return TimeOffset{m.offset, ResolvedBy::ScanFallback};
        }
        next = chunk->back().offset + 1;
    }
    return TimeOffset{marks.high, ResolvedBy::ScanFallback};
}

} // namespace kmsync::engine::kafka
