// link: kmsync_mapping kmsync_core
// Microbenchmark of the mapping hot path: ~150-byte JSON messages, 6 JSON paths + the 6 Kafka default
// fields, into a row of STRING/BIGINT/DOUBLE/DATETIME columns. Prints messages per second and MB/s.
// With KMSYNC_BENCH_SHAPE=nested: engine-bench's nested ~215-byte values (bench/benchshapes.h) and its 12
// columns (__key__ __value__ __partition__ __offset__ __timestamp__ a.a1 c[1] d[0].AA n price flag ["a.b"]).
//   mapping_bench [messages=1000000] [profile]
// With "profile" the mapper also profiles the values as a run does (MapperSpec::profile: the summary's drift
// counts); compare the cpu figures with and without it.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <QTimeZone>

#include "engine/core/kafkamessage.h"
#include "engine/core/value.h"
#include "engine/mapping/recordmapper.h"

#include "benchshapes.h"

using namespace kmsync::engine;
using namespace kmsync::engine::mapping;

namespace {

ColumnDef column(const char *name, const char *type)
{
    return ColumnDef{QString::fromLatin1(name), *ColumnType::parse(QString::fromLatin1(type)), QString()};
}

std::vector<KafkaMessage> makeMessages(std::size_t count)
{
    std::vector<KafkaMessage> out;
    out.reserve(1024);
    if (kmsync::bench::nestedShape()) {
        for (std::size_t i = 0; i < 1024 && i < count; ++i) {
            KafkaMessage m;
            m.partition = int32_t(i % 32);
            m.offset = int64_t(i);
            m.timestampMs = 1669111200000 + int64_t(i);
            m.key = "u" + std::to_string(1000000 + i);
            m.value = kmsync::bench::messageValue(int64_t(i));
            out.push_back(std::move(m));
        }
        return out;
    }
    for (std::size_t i = 0; i < 1024 && i < count; ++i) {
        KafkaMessage m;
        m.partition = int32_t(i % 8);
        m.offset = int64_t(i);
        m.timestampMs = 1669111200000 + int64_t(i);
        m.key = "user-" + std::to_string(i % 1000);
        m.value = R"({"id":)" + std::to_string(100000 + i) + R"(,"user":{"name":"name-)" + std::to_string(i % 97)
                + R"(","city":"Hangzhou"},"amount":)" + std::to_string(i % 1000) + R"(.25,"ts":"2022-11-22 10:)"
                + std::to_string(10 + i % 50) + R"(:00","tags":["a","b"],"ok":true,"src":"app-ios-14.2.1"})";
        m.headers = {{"trace", std::string("t-") + std::to_string(i)}};
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    const std::size_t total = argc > 1 ? std::size_t(std::strtoull(argv[1], nullptr, 10)) : 1000000;
    MapperSpec spec;
    spec.table.name = QStringLiteral("bench");
    spec.table.columns = {column("k", "STRING"),      column("v", "STRING"),    column("p", "BIGINT"),
                          column("h", "STRING"),      column("o", "BIGINT"),    column("t", "BIGINT"),
                          column("id", "BIGINT"),     column("name", "STRING"), column("city", "STRING"),
                          column("amount", "DOUBLE"), column("ts", "DATETIME"), column("tag", "STRING")};
    spec.sourceFields = {QStringLiteral("__key__"),     QStringLiteral("__value__"),  QStringLiteral("__partition__"),
                         QStringLiteral("__headers__"), QStringLiteral("__offset__"), QStringLiteral("__timestamp__"),
                         QStringLiteral("id"),          QStringLiteral("user.name"),  QStringLiteral("user.city"),
                         QStringLiteral("amount"),      QStringLiteral("ts"),         QStringLiteral("tags[1]")};
    if (kmsync::bench::nestedShape()) {
        spec.table.columns = {column("k", "STRING"),     column("v", "STRING"),     column("p", "BIGINT"),
                              column("o", "BIGINT"),     column("t", "BIGINT"),     column("a1", "STRING"),
                              column("c1", "STRING"),    column("d0_aa", "STRING"), column("n", "BIGINT"),
                              column("price", "DOUBLE"), column("flag", "BOOLEAN"), column("a_b", "STRING")};
        spec.sourceFields =
            {QStringLiteral("__key__"),    QStringLiteral("__value__"),     QStringLiteral("__partition__"),
             QStringLiteral("__offset__"), QStringLiteral("__timestamp__"), QStringLiteral("a.a1"),
             QStringLiteral("c[1]"),       QStringLiteral("d[0].AA"),       QStringLiteral("n"),
             QStringLiteral("price"),      QStringLiteral("flag"),          QStringLiteral("[\"a.b\"]")};
    }
    spec.destColumns = {QStringLiteral("*")};
    spec.timeZone = QTimeZone("Asia/Shanghai");
    spec.profile = argc > 2 && std::string(argv[2]) == "profile";
    auto mapper = RecordMapper::create(spec);
    if (!mapper.ok()) {
        std::fprintf(stderr, "mapping_bench: %s\n", qPrintable(mapper.error().message));
        return 2;
    }
    const std::vector<KafkaMessage> messages = makeMessages(total);
    std::size_t bytes = 0;
    for (const auto &m : messages)
        bytes += m.value->size();
    const double avgBytes = double(bytes) / double(messages.size());

    Row row;
    QString reason;
    std::size_t dirty = 0;
    const std::clock_t cpuStart = std::clock();
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < total; ++i) {
        if (!mapper->map(messages[i % messages.size()], row, &reason))
            ++dirty;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    // CPU time is the figure to compare on a shared machine; wall time includes waiting for a core.
    std::printf("mapping_bench: %zu messages (%.0f bytes avg value, 12 fields%s): wall %.3f s (%.0f msg/s), "
                "cpu %.3f s (%.0f msg/s, %.1f MB/s), %zu dirty\n",
                total, avgBytes, spec.profile ? ", profiled" : "", seconds, double(total) / seconds, cpuSeconds,
                double(total) / cpuSeconds, double(total) * avgBytes / cpuSeconds / 1e6, dirty);
    if (dirty != 0) {
        std::fprintf(stderr, "mapping_bench: unexpected dirty record: %s\n", qPrintable(reason));
        return 1;
    }
    return 0;
}
