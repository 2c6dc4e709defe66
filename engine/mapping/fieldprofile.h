#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <QJsonValue>
#include <QString>
#include <QTimeZone>

#include "engine/core/columntype.h"
#include "engine/mapping/jsonpath.h"

namespace kmsync::engine::mapping {

// The JSON types a field profile counts, in this order (FieldProfile::Path::types).
enum class ProfileKind { Object, Array, String, Number, Boolean, Null };
constexpr int kProfileKinds = 6;
// "object", "array", "string", "number", "boolean", "null"
QString profileKindName(ProfileKind kind);

// A JSON path the task maps, for FieldProfiler: the reader `column` entry as written, its parsed path and
// the destination column it feeds (with the column's type when type conflicts are to be checked).
struct ProfiledMapping
{
    QString sourceField; // as written in the task, e.g. user.id or ["a.b"]
    JsonPath path;
    QString column;                 // destination column
    std::optional<ColumnType> type; // set: count values that do not convert to it (ValueConverter)
};

// What FieldProfiler saw in a window of messages.
struct FieldProfile
{
    struct Path
    {
        QString path;      // JsonPath::toString(): pastes back as a reader column (z.z1, items[0].sku, ["a.b"])
        int64_t count = 0; // messages containing the path (any JSON type, null included)
        std::array<int64_t, kProfileKinds> types{}; // per ProfileKind, once per message
        QJsonValue sample;                          // a value seen (the first non-null one when there was one)
        bool mapped = false;                        // the path or one of its parents is a mapped JSON path
        ColumnType inferredType;                    // see FieldProfiler: BIGINT, DOUBLE, BOOLEAN, DATETIME or STRING
    };
    struct Mapping
    {
        QString sourceField;
        QString path; // canonical spelling
        QString column;
        std::optional<ColumnType> type;
        int64_t count = 0;         // messages containing the path
        int64_t conflicts = 0;     // values that did not convert to `type`
        QJsonValue conflictSample; // the first value that did not convert
        QString conflictReason;    // the converter's reason for it, e.g. "cannot convert \"abc\""
    };

    int64_t messages = 0;   // messages given (null values included)
    int64_t invalid = 0;    // values that were not valid JSON
    int64_t nullValues = 0; // messages without a value (tombstones)
    bool truncated = false; // more distinct paths than FieldProfiler::Options::maxPaths: the rest were not tracked
    // Every leaf path seen, in first-seen order: seen as a scalar, or only ever as an empty object or array (an
    // array that is empty in some messages and not in others is reported through its elements).
    std::vector<Path> paths;
    std::vector<Mapping> mappings; // in the order given
};

struct FieldProfilerOptions
{
    int maxPaths = 10000;   // distinct paths tracked; beyond that FieldProfile::truncated is set
    bool checkTypes = true; // convert mapped values (type conflicts) and test strings for DATETIME
    QTimeZone timeZone;     // for DATETIME text without an offset; invalid = the system time zone
    bool emptyAsNull = false;
    // Without checkTypes: count a document shaped like one of the last few by replaying their walk (see
    // FieldProfiler). Off only to compare against in tests.
    bool memoizeShapes = true;
};

// Builds a field profile over message values: every JSON leaf path (a scalar, or an empty object or array)
// with the messages containing it, its JSON types, a sample and an inferred column type; for each mapped JSON
// path whether it was seen and, when its column type is given, how many values do not convert to that type
// (with the run's ValueConverter, so a conflict here is a dirty record in a run).
//
// A path counts once per message. Array elements are separate paths (items[0].sku, items[1].sku). Below a
// mapped path (the mapper writes the whole object or array there) nothing is tracked: those leaves are
// covered. When an object repeats a key, the first occurrence counts, as in the mapper.
//
// Inferred type of a leaf, from its non-null values: BIGINT when all are integers in int64 range, DOUBLE when
// all are numbers, BOOLEAN when all are true/false, DATETIME when all are strings the DATETIME converter reads
// in the profiler's time zone ("2026-11-25 10:00:00", ISO 8601 with or without offset, "20261125100000"),
// else (and without non-null values) STRING.
//
// Cheap enough for the run's hot path when Options::checkTypes is false: one walk over the parsed document
// with a per-node hint that finds the same key order as the previous message without hashing, and for a
// document shaped like one of the last few (the same types and object keys, whatever its strings and numbers
// hold) not even that: the profiler compares the parsed tapes and adds what that shape's walk added.
// Not thread-safe; movable.
class FieldProfiler
{
public:
    using Options = FieldProfilerOptions;

    explicit FieldProfiler(std::vector<ProfiledMapping> mappings = {}, const Options &options = Options());
    FieldProfiler(FieldProfiler &&) noexcept;
    FieldProfiler &operator=(FieldProfiler &&) noexcept;
    FieldProfiler(const FieldProfiler &) = delete;
    FieldProfiler &operator=(const FieldProfiler &) = delete;
    ~FieldProfiler();

    // One message value as UTF-8 text; false (and counted as invalid) when it is not valid JSON.
    bool addJson(std::string_view json);
    // A message without a value.
    void addNullValue();
    // A message whose value could not be read as text (e.g. undecodable bytes): counted as invalid.
    void addInvalid();

    // Distinct leaf paths seen that no mapped path covers, and mapped paths never seen: what a run's summary
    // reports, without building the profile.
    int64_t unmappedCount() const;
    int64_t neverSeenCount() const;

    FieldProfile profile() const;

    // For the mapper, which has parsed the value already: `parser` is the simdjson::dom::parser whose last
    // parse() succeeded, passed as const void * so that simdjson stays out of this header. Its document is
    // profiled; with the same parser every time, documents shaped alike are counted without a walk.
    void addParsed(const void *parser);
    // Documents counted by a remembered walk (addParsed(), addJson()): for tests and benchmarks.
    int64_t shapeHits() const;
    // After addParsed(): where the walk found mapping `mapping` (the constructor's order) in that document,
    // so the mapper need not look its path up again. Returns false when the profiler does not track that
    // mapping; otherwise element is a const simdjson::dom::element * (valid until the next add), or nullptr
    // when the document does not contain the path. Like a path lookup, the first of repeated keys counts.
    bool mappedElement(std::size_t mapping, const void *&element) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace kmsync::engine::mapping
