// link: kmsync_maxcompute kmsync_core
// Tunnel encoder throughput on one core: records shaped like the engine's (6 Kafka fields + 6 JSON fields,
// ~150-byte JSON value) into 64 MiB blocks, raw and with deflate (BlockCompressor at level 1, what the Tunnel sink
// sends). Prints records/s and MB/s (raw block bytes). Target: >= 1M records/s without compression.
//   tunnel_bench [records=2000000]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/core/value.h"
#include "engine/maxcompute/crc32c.h"
#include "engine/maxcompute/tunnelrecordwriter.h"
#include "engine/maxcompute/uploadpipeline.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;

namespace {

ColumnDef column(const char *name, const char *type)
{
    return ColumnDef{QString::fromLatin1(name), *ColumnType::parse(QString::fromLatin1(type)), QString()};
}

std::vector<Row> makeRows()
{
    std::vector<Row> rows;
    for (int64_t i = 0; i < 1024; ++i) {
        const std::string value = R"({"id":)" + std::to_string(100000 + i) + R"(,"user":{"name":"name-)"
                                + std::to_string(i % 97) + R"(","city":"Hangzhou"},"amount":)"
                                + std::to_string(i % 1000) + R"(.25,"ts":"2022-11-22 10:)" + std::to_string(10 + i % 50)
                                + R"(:00","tags":["a","b"],"ok":true,"src":"app-ios-14.2.1"})";
        rows.push_back(Row{std::string("user-") + std::to_string(i % 1000), value, int64_t(i % 8),
                           std::string(R"({"trace":"t-)") + std::to_string(i) + "\"}", int64_t(i),
                           int64_t(1669111200000 + i), int64_t(100000 + i),
                           std::string("name-") + std::to_string(i % 97), std::string("Hangzhou"),
                           double(i % 1000) + 0.25, DateTime{1669111800000 + i * 1000}, std::string("a")});
    }
    return rows;
}

struct Figures
{
    double seconds = 0;
    double rawBytes = 0;
    double sentBytes = 0;
};

Figures run(const std::vector<ColumnDef> &columns, const std::vector<Row> &rows, size_t total, bool compress)
{
    constexpr size_t kBlock = 64u * 1024u * 1024u;
    TunnelRecordWriter w(columns);
    QByteArray compressed;
    BlockCompressor compressor(1);
    Figures f;
    const auto flush = [&] {
        w.finish();
        f.rawBytes += double(w.size());
        if (compress) {
            if (!compressor.compress(w.data().data(), w.size(), compressed).ok()) {
                std::fprintf(stderr, "tunnel_bench: compression failed\n");
                std::exit(1);
            }
            f.sentBytes += double(compressed.size());
        } else {
            f.sentBytes += double(w.size());
        }
        w.reset();
    };
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < total; ++i) {
        if (!w.write(rows[i & 1023]).ok()) {
            std::fprintf(stderr, "tunnel_bench: encoding failed\n");
            std::exit(1);
        }
        if (w.size() >= kBlock)
            flush();
    }
    flush();
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    const size_t total = argc > 1 ? size_t(std::strtoull(argv[1], nullptr, 10)) : 2000000;
    const std::vector<ColumnDef> columns{column("k", "STRING"),      column("v", "STRING"),    column("p", "BIGINT"),
                                         column("h", "STRING"),      column("o", "BIGINT"),    column("t", "BIGINT"),
                                         column("id", "BIGINT"),     column("name", "STRING"), column("city", "STRING"),
                                         column("amount", "DOUBLE"), column("ts", "DATETIME"), column("tag", "STRING")};
    const std::vector<Row> rows = makeRows();
    std::printf("tunnel_bench: %zu records of 12 columns, 64 MiB blocks, CRC-32C %s\n", total,
                Crc32c::hardwareAccelerated() ? "SSE4.2" : "table");
    run(columns, rows, total / 10 + 1, false); // warm-up
    for (bool compress : {false, true}) {
        const Figures f = run(columns, rows, total, compress);
        std::printf("  %-8s %10.0f records/s  %8.1f MB/s raw  %8.1f MB sent  (%.2f s, %.1f bytes/record)\n",
                    compress ? "deflate" : "raw", double(total) / f.seconds, f.rawBytes / f.seconds / 1e6,
                    f.sentBytes / 1e6, f.seconds, f.rawBytes / double(total));
    }
    const Figures raw = run(columns, rows, total, false);
    const double rate = double(total) / raw.seconds;
    std::printf("target >= 1000000 records/s without compression: %s (%.0f)\n", rate >= 1e6 ? "met" : "NOT met", rate);
    return 0;
}
