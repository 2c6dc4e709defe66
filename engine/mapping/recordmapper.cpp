#include "engine/mapping/recordmapper.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include <QStringList>

#include "engine/mapping/bytesdecoder.h"
#include "engine/mapping/jsontext.h"
#include "engine/mapping/simdjsonvalue.h"
#include "engine/mapping/sourcefield.h"
#include "engine/mapping/valueconverter.h"

namespace kmsync::engine::mapping {

namespace {

// The value a JSON path reaches in a parsed document, as a SourceValue (strings point into the parser).
SourceValue lookup(simdjson::dom::element root, const JsonPath &path, std::string &jsonBuffer)
{
    simdjson::dom::element e = root;
    for (const JsonPath::Segment &seg : path.segments()) {
        if (seg.isIndex) {
            simdjson::dom::array array;
            if (e.get_array().get(array) != simdjson::SUCCESS)
                return SourceValue::null();
            if (array.at(seg.index).get(e) != simdjson::SUCCESS)
                return SourceValue::null();
        } else {
            simdjson::dom::object object;
            if (e.get_object().get(object) != simdjson::SUCCESS)
                return SourceValue::null();
            if (object.at_key(seg.key).get(e) != simdjson::SUCCESS)
                return SourceValue::null();
        }
    }
    return sourceValueOf(e, jsonBuffer);
}

} // namespace

struct RecordMapper::Impl
{
    struct Source
    {
        SourceField field;
        std::string jsonBuffer; // compact JSON of an object/array this source reached
        int profiled = -1;      // the profiler's mapping index for this JSON path: its walk finds the value
    };
    struct Column
    {
        int source = -1;
        ValueConverter converter;
    };

    TableSchema table;
    std::vector<Source> sources;
    std::vector<Column> columns;
    std::vector<int> sourceIndexForColumn;
    BytesDecoder keyDecoder;
    BytesDecoder valueDecoder;
    bool needKey = false;
    bool needValue = false;
    bool needHeaders = false;
    bool needJson = false;

    // Per-message state, reused.
    simdjson::dom::parser parser;
    std::string padded;         // a copy of the value text to parse (parseInput())
    std::string keyBuffer;      // decoded key text (non-UTF-8 encodings)
    std::string valueBuffer;    // decoded value text (non-UTF-8 encodings)
    std::string jsonTextBuffer; // decoded value text for JSON paths when __value__ is not mapped
    std::string headersJson;
    std::string problem;
    SourceValue key;
    SourceValue value;
    simdjson::dom::element root;
    bool haveRoot = false;
    std::optional<FieldProfiler> profiler; // MapperSpec::profile with JSON paths

    Impl(BytesDecoder k, BytesDecoder v)
        : keyDecoder(std::move(k))
        , valueDecoder(std::move(v))
    {
    }

    bool prepare(const KafkaMessage &message, QString *dirtyReason);
    SourceValue sourceValue(Source &source, const KafkaMessage &message);
};

bool RecordMapper::Impl::prepare(const KafkaMessage &message, QString *dirtyReason)
{
    if (needKey) {
        key = SourceValue::null();
        if (message.key && !keyDecoder.decode(*message.key, key, keyBuffer, &problem)) {
            if (dirtyReason)
                *dirtyReason = QStringLiteral("source field __key__: %1").arg(QString::fromStdString(problem));
            return false;
        }
    }
    // With JSON paths over UTF-8 STRING values, simdjson's parse validates the UTF-8 already: parse first
    // and skip the separate check for __value__.
    const bool parseValidatesValue = needJson && needValue && valueDecoder.type() == BytesDecoder::Type::String
                                  && valueDecoder.isUtf8();
    if (needValue && !parseValidatesValue) {
        value = SourceValue::null();
        if (message.value && !valueDecoder.decode(*message.value, value, valueBuffer, &problem)) {
            if (dirtyReason)
                *dirtyReason = QStringLiteral("source field __value__: %1").arg(QString::fromStdString(problem));
            return false;
        }
    }
    if (needHeaders)
        headersToJson(message.headers, headersJson);
    haveRoot = false;
    if (profiler && !message.value)
        profiler->addNullValue();
    if (needJson && message.value) {
        std::string_view text;
        if (needValue && !parseValidatesValue && value.kind == SourceValue::Kind::Text) {
            text = value.text; // already decoded for __value__
        } else if (!valueDecoder.decodeText(*message.value, text, jsonTextBuffer, &problem)) {
            if (dirtyReason)
                *dirtyReason = QStringLiteral("value is not valid JSON: %1").arg(QString::fromStdString(problem));
            return false;
        }
        // A value as KafkaSource leaves it is parsed where it is.
        static_assert(kKafkaValueSlack >= simdjson::SIMDJSON_PADDING);
        const char *input = parseInput(text, &*message.value, padded);
        const auto error = parser.parse(input, text.size(), false).get(root);
        if (error != simdjson::SUCCESS) {
            if (profiler)
                profiler->addInvalid();
            if (dirtyReason) {
                QString reason = QStringLiteral("value is not valid JSON: %1")
                                     .arg(QString::fromUtf8(simdjson::error_message(error)));
                if (const auto offset = jsonErrorOffset(text))
                    reason += QStringLiteral(" at byte %1").arg(*offset);
                *dirtyReason = reason;
            }
            return false;
        }
        haveRoot = true;
        if (profiler)
            profiler->addParsed(&parser);
    }
    if (parseValidatesValue)
        value = message.value ? SourceValue::fromText(*message.value) : SourceValue::null();
    return true;
}

SourceValue RecordMapper::Impl::sourceValue(Source &source, const KafkaMessage &message)
{
    switch (source.field.kind()) {
    case SourceField::Kind::Key:
        return key;
    case SourceField::Kind::Value:
        return value;
    case SourceField::Kind::Partition:
        return SourceValue::fromInt(message.partition);
    case SourceField::Kind::Offset:
        return SourceValue::fromInt(message.offset);
    case SourceField::Kind::Timestamp:
        return message.timestampMs < 0 ? SourceValue::null() : SourceValue::fromInt(message.timestampMs);
    case SourceField::Kind::Headers:
        return SourceValue::fromText(headersJson);
    case SourceField::Kind::Constant:
        return SourceValue::fromText(source.field.constant());
    case SourceField::Kind::Path: {
        if (!haveRoot)
            return SourceValue::null();
        // The profiler's walk has passed every mapped path already: take what it found there.
        const void *found = nullptr;
        if (source.profiled >= 0 && profiler->mappedElement(std::size_t(source.profiled), found)) {
            return found ? sourceValueOf(*static_cast<const simdjson::dom::element *>(found), source.jsonBuffer)
                         : SourceValue::null();
        }
        return lookup(root, source.field.path(), source.jsonBuffer);
    }
    }
    return SourceValue::null();
}

Result<RecordMapper> RecordMapper::create(const MapperSpec &spec)
{
    auto keyDecoder = BytesDecoder::create(QStringLiteral("keyType"), spec.keyType, spec.encoding);
    if (!keyDecoder.ok())
        return keyDecoder.error();
    auto valueDecoder = BytesDecoder::create(QStringLiteral("valueType"), spec.valueType, spec.encoding);
    if (!valueDecoder.ok())
        return valueDecoder.error();

    auto impl = std::make_unique<Impl>(std::move(keyDecoder).value(), std::move(valueDecoder).value());
    impl->table = spec.table;

    std::vector<QString> dest = spec.destColumns;
    if (dest.size() == 1 && dest.front().trimmed() == QLatin1String("*")) {
        dest.clear();
        for (const ColumnDef &c : spec.table.columns)
            dest.push_back(c.name);
    }
    if (spec.sourceFields.size() > dest.size()) {
        return makeError(QStringLiteral("mapping.column_count"),
                         QStringLiteral("the reader has %1 columns but the writer only %2; every reader column needs "
                                        "a writer column (writer columns beyond the reader's get NULL)")
                             .arg(spec.sourceFields.size())
                             .arg(dest.size()));
    }

    for (const QString &text : spec.sourceFields) {
        auto field = SourceField::parse(text);
        if (!field.ok())
            return field.error();
        impl->sources.push_back(Impl::Source{std::move(field).value(), {}});
    }

    QStringList columnNames;
    for (const ColumnDef &c : spec.table.columns)
        columnNames << c.name;
    impl->sourceIndexForColumn.assign(spec.table.columns.size(), -1);
    // Every reader column feeds a table column (or create() fails below), and the run decides whether the Kafka
    // source reads headers with the same rule.
    impl->needHeaders = needsHeaders(spec.sourceFields);
    for (std::size_t i = 0; i < spec.sourceFields.size(); ++i) {
        const QString &column = dest[i];
        const auto index = spec.table.columnIndex(column);
        if (!index) {
            bool isPartitionKey = false;
            for (const ColumnDef &p : spec.table.partitionKeys)
                isPartitionKey = isPartitionKey || p.name.compare(column, Qt::CaseInsensitive) == 0;
            return makeError(QStringLiteral("mapping.unknown_column"),
                             isPartitionKey
                                 ? QStringLiteral("writer column \"%1\" (for source field %2) is a partition key of "
                                                  "table %3; partition values come from the writer's partition")
                                       .arg(column, spec.sourceFields[i], spec.table.name)
                                 : QStringLiteral("writer column \"%1\" (for source field %2) is not a column of "
                                                  "table %3; its columns are: %4")
                                       .arg(column, spec.sourceFields[i], spec.table.name,
                                            columnNames.join(QStringLiteral(", "))));
        }
        int &slot = impl->sourceIndexForColumn[std::size_t(*index)];
        if (slot >= 0) {
            return makeError(QStringLiteral("mapping.duplicate_column"),
                             QStringLiteral("writer column \"%1\" is mapped twice: from source fields %2 and %3; each "
                                            "destination column takes one source field")
                                 .arg(column, spec.sourceFields[std::size_t(slot)], spec.sourceFields[i]));
        }
        slot = int(i);
    }
    for (std::size_t i = spec.sourceFields.size(); i < dest.size(); ++i) {
        if (!spec.table.columnIndex(dest[i])) {
            return makeError(QStringLiteral("mapping.unknown_column"),
                             QStringLiteral("writer column \"%1\" is not a column of table %2; its columns are: %3")
                                 .arg(dest[i], spec.table.name, columnNames.join(QStringLiteral(", "))));
        }
    }

    for (std::size_t c = 0; c < spec.table.columns.size(); ++c) {
        const int s = impl->sourceIndexForColumn[c];
        impl->columns.push_back(
            Impl::Column{s, ValueConverter(spec.table.columns[c].type, spec.timeZone, spec.emptyAsNull)});
        if (s < 0)
            continue;
        const SourceField &field = impl->sources[std::size_t(s)].field;
        switch (field.kind()) {
        case SourceField::Kind::Key:
            impl->needKey = true;
            break;
        case SourceField::Kind::Value:
            impl->needValue = true;
            break;
        case SourceField::Kind::Path:
            impl->needJson = true;
            if (impl->valueDecoder.type() != BytesDecoder::Type::String
                && impl->valueDecoder.type() != BytesDecoder::Type::ByteArray) {
                return makeError(QStringLiteral("mapping.path_value_type"),
                                 QStringLiteral("JSON path %1 needs valueType STRING or BYTEARRAY, not %2")
                                     .arg(field.text(), impl->valueDecoder.typeName()));
            }
            break;
        case SourceField::Kind::Constant: {
            Value probe;
            std::string problem;
            ValueConverter converter = impl->columns.back().converter;
            if (!converter.convert(SourceValue::fromText(field.constant()), probe, &problem)) {
                const ColumnDef &col = spec.table.columns[c];
                return makeError(QStringLiteral("mapping.constant"),
                                 QStringLiteral("constant %1 cannot convert to column \"%2\" %3%4")
                                     .arg(field.text(), col.name, col.type.toString(),
                                          problem.empty()
                                              ? QString()
                                              : QStringLiteral(" (%1)").arg(QString::fromStdString(problem))));
            }
            break;
        }
        default:
            break;
        }
    }
    if (spec.profile && impl->needJson) {
        std::vector<ProfiledMapping> mapped;
        for (std::size_t c = 0; c < spec.table.columns.size(); ++c) {
            const int s = impl->sourceIndexForColumn[c];
            if (s < 0 || impl->sources[std::size_t(s)].field.kind() != SourceField::Kind::Path)
                continue;
            const SourceField &field = impl->sources[std::size_t(s)].field;
            impl->sources[std::size_t(s)].profiled = int(mapped.size());
            mapped.push_back(ProfiledMapping{field.text(), field.path(), spec.table.columns[c].name, std::nullopt});
        }
        FieldProfilerOptions options;
        options.checkTypes = false; // the mapper converts; the run only reports counts
        impl->profiler.emplace(std::move(mapped), options);
    }
    return RecordMapper(std::move(impl));
}

RecordMapper::RecordMapper(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}
RecordMapper::RecordMapper(RecordMapper &&) noexcept = default;
RecordMapper &RecordMapper::operator=(RecordMapper &&) noexcept = default;
RecordMapper::~RecordMapper() = default;

const TableSchema &RecordMapper::table() const
{
    return m_impl->table;
}

const std::vector<int> &RecordMapper::sourceIndexForColumn() const
{
    return m_impl->sourceIndexForColumn;
}

const FieldProfiler *RecordMapper::profiler() const
{
    return m_impl->profiler ? &*m_impl->profiler : nullptr;
}

bool RecordMapper::map(const KafkaMessage &message, Row &out, QString *dirtyReason)
{
    Impl &d = *m_impl;
    if (!d.prepare(message, dirtyReason))
        return false;
    if (out.size() != d.columns.size())
        out.resize(d.columns.size());
    for (std::size_t c = 0; c < d.columns.size(); ++c) {
        Impl::Column &column = d.columns[c];
        if (column.source < 0) {
            out[c] = std::monostate{};
            continue;
        }
        Impl::Source &source = d.sources[std::size_t(column.source)];
        const SourceValue value = d.sourceValue(source, message);
        if (!column.converter.convert(value, out[c], &d.problem)) {
            if (dirtyReason) {
                const ColumnDef &col = d.table.columns[c];
                QString reason = QStringLiteral("column \"%1\" %2: cannot convert %3 from source field %4")
                                     .arg(col.name, col.type.toString(),
                                          QString::fromStdString(ValueConverter::describe(value)), source.field.text());
                if (!d.problem.empty())
                    reason += QStringLiteral(" (%1)").arg(QString::fromStdString(d.problem));
                *dirtyReason = reason;
            }
            return false;
        }
    }
    return true;
}

} // namespace kmsync::engine::mapping
