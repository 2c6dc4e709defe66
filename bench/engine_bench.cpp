// link: kmsync_kafka kmsync_core
// Topic maker for bench/engine-bench.sh (not a benchmark by itself): fills Kafka topics with the benchmark's
// messages, on an in-process mock cluster it keeps running, or on a real broker.
//
//   engine_bench mock TOPIC:COUNT [TOPIC:COUNT ...]
//       starts a librdkafka mock cluster, creates each topic (16 partitions), produces COUNT messages into it,
//       prints "bootstrap.servers=127.0.0.1:PORT" and then "ready", and runs until SIGINT/SIGTERM or until
//       stdin is closed.
//   engine_bench real BOOTSTRAP TOPIC:COUNT [TOPIC:COUNT ...]
//       creates each topic (16 partitions) on the broker at BOOTSTRAP (PLAINTEXT), produces, prints "ready".
//   engine_bench sample
//       prints one message value (to show its size).
// Knobs: KMSYNC_BENCH_PARTITIONS (default 16); KMSYNC_BENCH_SHAPE, "flat" (default) or "nested".
// Messages: key "u" + 7 digits, no headers, partition i % partitions, timestamps one millisecond apart ending
// now; the same count gives the same messages. Values:
//   flat    ~150 bytes, the six fields the flat benchmark maps (id, user.id, user.country, event, price, ts);
//   nested  ~215 bytes, the shape users have: an object (a), an array of strings (c), an array of objects (d),
//           a key containing a dot ("a.b"), an integer (n), a float (price) and a boolean (flag).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <unistd.h>

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "engine/core/kafkamessage.h"
#include "engine/kafka/kafkaadmin.h"
#include "engine/kafka/messageproducer.h"
#include "engine/kafka/mockcluster.h"

#include "benchshapes.h"

using namespace kmsync::engine;
using kmsync::bench::messageValue;

namespace {

std::atomic<bool> g_stop{false};

extern "C" void onStopSignal(int)
{
    g_stop.store(true);
}

struct TopicSpec
{
    QString name;
    int64_t count = 0;
};

int partitionCount()
{
    const char *text = std::getenv("KMSYNC_BENCH_PARTITIONS");
    const int value = text != nullptr ? std::atoi(text) : 0;
    return value > 0 ? value : 16;
}

// Produces the messages in chunks so the helper's own memory stays small.
bool produceTopic(const QJsonObject &connection, const TopicSpec &topic, int partitions)
{
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    constexpr int64_t kChunk = 50000;
    for (int64_t first = 0; first < topic.count; first += kChunk) {
        std::vector<KafkaMessage> messages;
        const int64_t last = std::min(topic.count, first + kChunk);
        messages.reserve(static_cast<size_t>(last - first));
        for (int64_t i = first; i < last; ++i) {
            KafkaMessage m;
            m.partition = static_cast<int32_t>(i % partitions);
            m.timestampMs = now - topic.count + i;
            char key[16];
            std::snprintf(key, sizeof key, "u%07lld", static_cast<long long>(i % 9999991));
            m.key = std::string(key);
            m.value = messageValue(i);
            messages.push_back(std::move(m));
        }
        const auto produced = kafka::produceMessages(connection, topic.name, messages, 120000);
        if (!produced.ok()) {
            std::fprintf(stderr, "engine_bench: %s\n", qPrintable(produced.error().message));
            return false;
        }
    }
    return true;
}

bool parseTopics(int argc, char **argv, int first, std::vector<TopicSpec> &topics)
{
    for (int i = first; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        const qsizetype colon = arg.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const int64_t count = colon > 0 ? arg.mid(colon + 1).toLongLong(&ok) : 0;
        if (!ok || count < 0) {
            std::fprintf(stderr, "engine_bench: \"%s\" is not TOPIC:COUNT (COUNT a whole number >= 0)\n", argv[i]);
            return false;
        }
        topics.push_back({arg.left(colon), count});
    }
    if (topics.empty()) {
        std::fprintf(stderr, "engine_bench: name at least one TOPIC:COUNT\n");
        return false;
    }
    return true;
}

// Waits for SIGINT/SIGTERM or for stdin to close (the script's end, even if it is killed).
void waitForStop()
{
    while (!g_stop.load()) {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        if (::poll(&in, 1, 200) > 0) {
            char buffer[256];
            if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
                return;
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    const int partitions = partitionCount();
    if (mode == "sample") {
        std::printf("%s\n", messageValue(123456).c_str());
        return 0;
    }
    std::vector<TopicSpec> topics;
    if (mode == "mock" && parseTopics(argc, argv, 2, topics)) {
        std::signal(SIGINT, &onStopSignal);
        std::signal(SIGTERM, &onStopSignal);
        auto cluster = kafka::MockCluster::start();
        if (!cluster.ok()) {
            std::fprintf(stderr, "engine_bench: %s\n", qPrintable(cluster.error().message));
            return 1;
        }
        for (const TopicSpec &topic : topics) {
            const auto created = (*cluster)->createTopic(topic.name, partitions);
            if (!created.ok()) {
                std::fprintf(stderr, "engine_bench: %s\n", qPrintable(created.error().message));
                return 1;
            }
            if (!produceTopic((*cluster)->connection(), topic, partitions))
                return 1;
        }
        std::printf("bootstrap.servers=%s\nready\n", qPrintable((*cluster)->bootstrapServers()));
        std::fflush(stdout);
        waitForStop();
        return 0;
    }
    if (mode == "real" && argc > 2 && parseTopics(argc, argv, 3, topics)) {
        const QJsonObject connection{{QStringLiteral("bootstrap.servers"), QString::fromLocal8Bit(argv[2])}};
        for (const TopicSpec &topic : topics) {
            const auto created = kafka::createTopic(connection, topic.name, partitions, 60000);
            if (!created.ok()) {
                std::fprintf(stderr, "engine_bench: %s\n", qPrintable(created.error().message));
                return 1;
            }
            if (!produceTopic(connection, topic, partitions))
                return 1;
        }
        std::printf("ready\n");
        return 0;
    }
    if (mode != "mock" && mode != "real")
        std::fprintf(stderr, "usage: engine_bench mock TOPIC:COUNT... | real BOOTSTRAP TOPIC:COUNT... | sample\n");
    return 2;
}
