// libFuzzer target: the drift profile's shape memo (engine/mapping/fieldprofile.h), checked against the plain walk.
// Input: message values, one per line. Each goes to two profilers, one remembering shapes and one walking every
// document, and to two mappers, one profiling (it takes mapped values where the memo says they are) and one not.
// The profiling mapper parses its values in place (each with kKafkaValueSlack spare bytes holding what follows the
// line, as KafkaSource leaves them), the other from a padded copy. Besides not crashing: both profilers accept the
// same values and end with the same profile, and both mappers give the same rows and the same dirty records.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <QString>

#include "engine/mapping/fieldprofile.h"
#include "engine/mapping/recordmapper.h"

using namespace kmsync::engine;
using namespace kmsync::engine::mapping;

namespace {

const QStringList kPaths = {QStringLiteral("a"),      QStringLiteral("a.b"),       QStringLiteral("c[0]"),
                            QStringLiteral("d[1].x"), QStringLiteral("[\"k.l\"]"), QStringLiteral("n")};

void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_fieldprofile: %s\n", what);
    std::abort();
}

std::vector<ProfiledMapping> mappings()
{
    std::vector<ProfiledMapping> out;
    for (const QString &path : kPaths)
        out.push_back(ProfiledMapping{path, JsonPath::parse(path).value(), path, std::nullopt});
    return out;
}

RecordMapper mapper(bool profile)
{
    MapperSpec spec;
    ColumnType text;
    text.kind = TypeKind::String;
    spec.table.name = QStringLiteral("t");
    for (int i = 0; i < kPaths.size(); ++i) {
        const QString column = QStringLiteral("c%1").arg(i);
        spec.sourceFields.push_back(kPaths[i]);
        spec.destColumns.push_back(column);
        spec.table.columns.push_back({column, text, {}});
    }
    spec.profile = profile;
    auto created = RecordMapper::create(spec);
    if (!created.ok())
        fail("mapper not created");
    return std::move(*created);
}

void compare(const FieldProfile &a, const FieldProfile &b)
{
    if (a.messages != b.messages || a.invalid != b.invalid || a.nullValues != b.nullValues || a.truncated != b.truncated
        || a.paths.size() != b.paths.size() || a.mappings.size() != b.mappings.size())
        fail("profiles differ in their totals");
    for (std::size_t i = 0; i < a.paths.size(); ++i) {
        const FieldProfile::Path &x = a.paths[i];
        const FieldProfile::Path &y = b.paths[i];
        if (x.path != y.path || x.count != y.count || x.types != y.types || x.sample != y.sample || x.mapped != y.mapped
            || x.inferredType.toString() != y.inferredType.toString())
            fail(qPrintable(QStringLiteral("profiles differ at path %1").arg(x.path)));
    }
    for (std::size_t i = 0; i < a.mappings.size(); ++i) {
        if (a.mappings[i].count != b.mappings[i].count)
            fail("profiles differ in a mapping's count");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FieldProfilerOptions plain;
    plain.checkTypes = false;
    plain.memoizeShapes = false;
    FieldProfilerOptions memo = plain;
    memo.memoizeShapes = true;
    FieldProfiler walked(mappings(), plain);
    FieldProfiler replayed(mappings(), memo);
    RecordMapper unprofiled = mapper(false);
    RecordMapper profiled = mapper(true);

    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::size_t from = 0;
    while (from <= input.size()) {
        std::size_t end = input.find('\n', from);
        if (end == std::string_view::npos)
            end = input.size();
        const std::string_view line = input.substr(from, end - from);
        from = end + 1;
        if (walked.addJson(line) != replayed.addJson(line))
            fail("the profilers disagree on a value's validity");
        KafkaMessage tight;
        tight.value = std::string(line);
        tight.value->shrink_to_fit();
        std::string spare(line);
        spare.append(input.substr(end, kKafkaValueSlack));
        spare.resize(line.size() + kKafkaValueSlack, '}');
        spare.resize(line.size());
        KafkaMessage slack;
        slack.value = std::move(spare);
        Row want;
        Row got;
        QString wantReason;
        QString gotReason;
        const bool wantOk = unprofiled.map(tight, want, &wantReason);
        const bool gotOk = profiled.map(slack, got, &gotReason);
        if (wantOk != gotOk || wantReason != gotReason || (wantOk && want != got))
            fail("the profiling mapper's row differs");
    }
    compare(walked.profile(), replayed.profile());
    if (walked.unmappedCount() != replayed.unmappedCount() || walked.neverSeenCount() != replayed.neverSeenCount())
        fail("drift counts differ");
    return 0;
}
