#pragma once

#include <map>

#include <cstdint>
#include <optional>

#include <QJsonObject>
#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::kafka {

// Where a partition's range starts or ends.
struct OffsetSpec
{
    enum class Kind {
        Beginning, // seekToBeginning: the log start offset
        Last,      // seekToLast: the group's committed offset
        End,       // seekToEnd: the high watermark
        Number,    // an absolute offset (value), clamped to the watermarks
        Time,      // the first offset whose timestamp is >= value (epoch ms)
        Latest,    // the last `value` messages of each partition (samples; not a DataWorks setting)
    };
    Kind kind = Kind::Beginning;
    int64_t value = 0;

    static OffsetSpec beginning() { return {Kind::Beginning, 0}; }
    static OffsetSpec last() { return {Kind::Last, 0}; }
    static OffsetSpec end() { return {Kind::End, 0}; }
    static OffsetSpec number(int64_t offset) { return {Kind::Number, offset}; }
    static OffsetSpec time(int64_t epochMs) { return {Kind::Time, epochMs}; }
    static OffsetSpec latest(int64_t count) { return {Kind::Latest, count}; }

    QString toString() const;
    friend bool operator==(const OffsetSpec &, const OffsetSpec &) = default;
};

// The Kafka reader settings of one task, from the DataWorks reader `parameter` object plus the
// data source's connection (librdkafka properties such as bootstrap.servers, security.protocol, sasl.*, ssl.*).
struct KafkaSourceOptions
{
    QString topic;
    OffsetSpec begin = OffsetSpec::beginning();
    OffsetSpec end = OffsetSpec::end();
    QString timeZone;         // IANA id the date-times were read in; empty = the machine's zone
    QJsonObject connection;   // librdkafka properties
    QJsonObject kafkaConfig;  // extra consumer properties from the task (group.id removed: see groupId)
    QString groupId;          // empty = no group (nothing is committed; seekToLast is not allowed)
    int waitTimeSeconds = 60; // stopWhenPollEmpty: stop after this long with nothing polled
    bool stopWhenPollEmpty = false;
    std::optional<int32_t> partition; // read only this partition
    bool skipExceedRecord = false;    // parsed for compatibility; records beyond the end are never returned
    int timeoutMs = 10000;            // for every broker request (metadata, lookups, commits)
    // Per-partition start offsets that replace `begin` (--from-ledger: where the previous window ended).
    std::map<int32_t, int64_t> startOffsets;
    // False: KafkaMessage::headers stay empty. librdkafka parses a message's headers on first access (~1,000
    // instructions per message even when there are none), so a run that maps no __headers__ skips it.
    bool readHeaders = true;

    // Reads the DataWorks reader parameter (topic, beginDateTime/endDateTime yyyyMMddHHmmss, beginType/endType,
    // beginTimestampMillis/endTimestampMillis, beginOffset/endOffset = seekToBeginning | seekToLast | seekToEnd |
    // a number, timeZone, kafkaConfig, groupId, waitTime, stopWhenPollEmpty, partition, skipExceedRecord, server).
    // Errors name the field with `fieldPrefix`, e.g.
    // steps[0].parameter.beginOffset: "abc" is not seekToBeginning, seekToLast, seekToEnd or a number.
    static Result<KafkaSourceOptions> fromReader(const QJsonObject &parameter, const QJsonObject &connection,
                                                 int timeoutMs = 10000,
                                                 const QString &fieldPrefix = QStringLiteral("steps[0].parameter"));

    // Parses "yyyyMMddHHmmss" in an IANA zone (empty = the machine's zone) to epoch ms.
    static Result<int64_t> parseDateTime(const QString &text, const QString &timeZone, const QString &field);
};

} // namespace kmsync::engine::kafka
