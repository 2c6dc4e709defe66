// link: kmsync_kafka kmsync_core
// The sandbox: deterministic realistic data, read back exactly through the Kafka source (also over a time
// window, where the mock's wrong time lookups force the scan), resolveConnection(), the admin utilities on a
// {"sandbox": true} connection, and `kmsync-cli sandbox` (first line, SIGTERM, exit codes; uses KMSYNC_CLI_PATH).
#include <algorithm>
#include <map>
#include <set>

#include <QDateTime>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include "engine/kafka/kafkaadmin.h"
#include "engine/kafka/kafkasource.h"
#include "engine/kafka/sandboxcluster.h"

using namespace kmsync::engine;
using namespace kmsync::engine::kafka;

namespace {

#define VERIFY_OK(result)                                                                                              \
    do {                                                                                                               \
        const auto &verified_ = (result);                                                                              \
        QVERIFY2(verified_.ok(), qPrintable(verified_.ok() ? QString() : verified_.error().message));                  \
    } while (false)

Result<std::vector<KafkaMessage>> readAll(KafkaSource &source)
{
    StopToken stop;
    std::vector<KafkaMessage> all;
    for (int i = 0; i < 1000; ++i) {
        auto more = source.poll(all, 5000, 200, stop);
        if (!more)
            return more.error();
        if (!*more)
            return all;
    }
    return makeError(QStringLiteral("test.deadline"), QStringLiteral("the source never ended"));
}

void sortByPartitionOffset(std::vector<KafkaMessage> &messages)
{
    std::stable_sort(messages.begin(), messages.end(), [](const KafkaMessage &a, const KafkaMessage &b) {
        return a.partition != b.partition ? a.partition < b.partition : a.offset < b.offset;
    });
}

} // namespace

class TestKafkaSourceSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedData_data()
    {
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("messages");
        QTest::addColumn<uint>("seed");
        QTest::newRow("default") << 4 << 3000 << 1u;
        QTest::newRow("small") << 2 << 400 << 42u;
        QTest::newRow("wide") << 16 << 5000 << 7u;
    }
    void generatedData()
    {
        QFETCH(int, partitions);
        QFETCH(int, messages);
        QFETCH(uint, seed);
        SandboxOptions options;
        options.partitions = partitions;
        options.messages = messages;
        options.seed = seed;
        const int64_t now = 1764151200000; // 2025-11-26 10:00:00 UTC
        const auto data = SandboxCluster::generateMessages(options, now);
        QCOMPARE(int(data.size()), messages);
        QVERIFY(data == SandboxCluster::generateMessages(options, now)); // deterministic
        SandboxOptions other = options;
        other.seed = seed + 1;
        QVERIFY(data != SandboxCluster::generateMessages(other, now));

        std::set<int32_t> usedPartitions;
        std::map<int32_t, int64_t> nextOffset;
        std::map<int32_t, int64_t> maxTs;
        int nullKeys = 0, withSource = 0, withTrace = 0, malformed = 0, outOfOrder = 0;
        for (const auto &m : data) {
            QVERIFY(m.partition >= 0 && m.partition < partitions);
            usedPartitions.insert(m.partition);
            QCOMPARE(m.offset, nextOffset[m.partition]++);
            QVERIFY(m.timestampMs >= now - 49LL * 3600 * 1000 && m.timestampMs < now);
            if (maxTs.count(m.partition) && m.timestampMs < maxTs[m.partition])
                ++outOfOrder;
            maxTs[m.partition] = std::max(maxTs[m.partition], m.timestampMs);
            if (!m.key) {
                ++nullKeys;
            } else {
                const std::string user = "\"user\":{\"id\":" + *m.key + ",";
                QVERIFY2(m.value->find(user) != std::string::npos || m.value->back() != '}', m.value->c_str());
            }
            for (const auto &h : m.headers) {
                if (h.name == "source") {
                    ++withSource;
                    QVERIFY(h.value == std::string("web") || h.value == std::string("app"));
                } else if (h.name == "trace-id") {
                    ++withTrace;
                    QCOMPARE(int(h.value->size()), 16);
                } else {
                    QFAIL(h.name.c_str());
                }
            }
            QVERIFY(m.value.has_value());
            if (m.value->back() != '}') {
                ++malformed;
            } else {
                QVERIFY(m.value->rfind("{\"event_id\":\"e-", 0) == 0);
                QVERIFY(m.value->find("\"ref.domain\":\"") != std::string::npos);
                QVERIFY(m.value->find("\"items\":[{\"sku\":\"") != std::string::npos);
                QVERIFY(m.value->find("\"tags\":[") != std::string::npos);
            }
        }
        QCOMPARE(int(usedPartitions.size()), partitions);
        QVERIFY(nullKeys > 0 && nullKeys < messages / 5);
        QVERIFY(withSource > messages / 3 && withSource < messages);
        QVERIFY(withTrace > 0 && withTrace < withSource);
        QVERIFY(malformed > 0 && malformed < messages / 20);
        QVERIFY(outOfOrder > 0);
    }

    // Everything the sandbox holds comes back through the source, field for field.
    void readBack()
    {
        SandboxOptions options;
        options.partitions = 3;
        options.messages = 600;
        options.seed = 5;
        auto sandbox = SandboxCluster::start(options);
        VERIFY_OK(sandbox);
        KafkaSourceOptions source;
        source.topic = QStringLiteral("clicks");
        source.connection = (*sandbox)->connection();
        KafkaSource reader(source);
        StopToken stop;
        auto ranges = reader.open(stop);
        VERIFY_OK(ranges);
        QCOMPARE(ranges->size(), size_t(3));
        auto read = readAll(reader);
        VERIFY_OK(read);
        sortByPartitionOffset(*read);
        std::vector<KafkaMessage> expected = (*sandbox)->messages();
        sortByPartitionOffset(expected);
        QCOMPARE(read->size(), expected.size());
        QVERIFY(*read == expected);
        QVERIFY(
            (*sandbox)->summary().startsWith(QLatin1String("topic clicks: 3 partition(s), 600 message(s) (seed 5)")));
    }

    // A 24-hour window over out-of-order data: exactly the offsets [first ts >= begin, first ts >= end).
    void timeWindow()
    {
        SandboxOptions options;
        options.messages = 2000;
        auto sandbox = SandboxCluster::start(options);
        VERIFY_OK(sandbox);
        const int64_t now = (*sandbox)->options().nowMs;
        const int64_t begin = now - 30LL * 3600 * 1000;
        const int64_t end = now - 6LL * 3600 * 1000;
        std::map<int32_t, std::vector<int64_t>> timestamps;
        for (const auto &m : (*sandbox)->messages())
            timestamps[m.partition].push_back(m.timestampMs);
        KafkaSourceOptions source;
        source.topic = QStringLiteral("clicks");
        source.connection = (*sandbox)->connection();
        source.begin = OffsetSpec::time(begin);
        source.end = OffsetSpec::time(end);
        KafkaSource reader(source);
        StopToken stop;
        auto ranges = reader.open(stop);
        VERIFY_OK(ranges);
        int64_t total = 0;
        for (const auto &r : *ranges) {
            const auto &ts = timestamps[r.partition];
            const auto first = [&ts](int64_t target) {
                const auto it = std::find_if(ts.begin(), ts.end(), [target](int64_t t) { return t >= target; });
                return int64_t(it - ts.begin());
            };
            QCOMPARE(r, (PartitionRange{r.partition, first(begin), std::max(first(begin), first(end))}));
            QCOMPARE(int(reader.resolvedRanges()[size_t(r.partition)].beginBy), int(ResolvedBy::ScanFallback));
            total += r.count();
        }
        auto read = readAll(reader);
        VERIFY_OK(read);
        QCOMPARE(int64_t(read->size()), total);
        QVERIFY(total > 0);
    }

    // The default reference time is the end of today in Asia/Shanghai: two sandboxes started minutes apart (the
    // clock injected) hold the same messages, and yesterday's window there reads the same counts per partition.
    // relativeToNow (`sandbox --relative-to-now`, "sandboxRelativeToNow") follows the clock instead.
    void fixedReferenceTime()
    {
        const QTimeZone shanghai("Asia/Shanghai");
        SandboxOptions first;
        first.partitions = 3;
        first.messages = 900;
        first.clockMs = QDateTime(QDate(2026, 11, 26), QTime(9, 58, 30), shanghai).toMSecsSinceEpoch();
        SandboxOptions later = first;
        later.clockMs = first.clockMs + 7 * 60 * 1000; // seven minutes on
        const int64_t endOfDay = QDateTime(QDate(2026, 11, 27), QTime(0, 0), shanghai).toMSecsSinceEpoch();
        QCOMPARE(SandboxCluster::referenceMs(first), endOfDay);
        QCOMPARE(SandboxCluster::referenceMs(later), endOfDay);
        SandboxOptions midnight = first; // the first millisecond of a day belongs to that day
        midnight.clockMs = endOfDay;
        QCOMPARE(SandboxCluster::referenceMs(midnight), endOfDay + 24LL * 3600 * 1000);

        // Yesterday's window in Shanghai, [2026-11-25 00:00, 2026-11-26 00:00), as the sample's daily preset reads.
        const int64_t begin = QDateTime(QDate(2026, 11, 25), QTime(0, 0), shanghai).toMSecsSinceEpoch();
        const int64_t end = QDateTime(QDate(2026, 11, 26), QTime(0, 0), shanghai).toMSecsSinceEpoch();
        const auto windowCounts = [begin, end](const SandboxOptions &options) {
            std::map<int32_t, int64_t> counts;
            auto sandbox = SandboxCluster::start(options);
            if (!sandbox.ok())
                return counts;
            KafkaSourceOptions source;
            source.topic = QStringLiteral("clicks");
            source.connection = (*sandbox)->connection();
            source.begin = OffsetSpec::time(begin);
            source.end = OffsetSpec::time(end);
            KafkaSource reader(source);
            StopToken stop;
            auto ranges = reader.open(stop);
            if (ranges.ok()) {
                for (const auto &r : *ranges)
                    counts[r.partition] = r.count();
            }
            return counts;
        };
        const auto firstCounts = windowCounts(first);
        QCOMPARE(int(firstCounts.size()), 3);
        int64_t total = 0;
        for (const auto &[partition, count] : firstCounts)
            total += count;
        QVERIFY2(total > 300 && total < 600, qPrintable(QString::number(total))); // about half of 48 hours
        QVERIFY(firstCounts == windowCounts(later));

        SandboxOptions relative = first;
        relative.relativeToNow = true;
        SandboxOptions relativeLater = later;
        relativeLater.relativeToNow = true;
        QCOMPARE(SandboxCluster::referenceMs(relative), first.clockMs);
        QVERIFY(SandboxCluster::generateMessages(relative, SandboxCluster::referenceMs(relative))
                != SandboxCluster::generateMessages(relativeLater, SandboxCluster::referenceMs(relativeLater)));
        // An explicit reference wins over both.
        relative.nowMs = 1764151200000;
        QCOMPARE(SandboxCluster::referenceMs(relative), int64_t(1764151200000));
    }

    // On the sandbox the mock's wrong time lookups are known: one line of information, no warning per partition
    // (a real broker that contradicts itself still gets the warning: tst_kafkasource, tst_offsetresolve).
    void sandboxTimeLookupIsInformation()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto options = KafkaSourceOptions::fromReader(QJsonObject{{QStringLiteral("topic"), QStringLiteral("clicks")},
                                                                  {QStringLiteral("beginTimestampMillis"),
                                                                   double(now - 30LL * 3600 * 1000)},
                                                                  {QStringLiteral("endTimestampMillis"),
                                                                   double(now - 6LL * 3600 * 1000)}},
                                                      QJsonObject{{QStringLiteral("sandbox"), true},
                                                                  {QStringLiteral("sandboxMessages"), 400},
                                                                  {QStringLiteral("sandboxPartitions"), 3}});
        VERIFY_OK(options);
        QStringList warnings;
        QStringList infos;
        KafkaSource source(*options, [&](LogLevel level, const QString &text) {
            (level == LogLevel::Warning ? warnings : infos) << text;
        });
        StopToken stop;
        VERIFY_OK(source.open(stop));
        QVERIFY2(warnings.filter(QStringLiteral("time lookup")).isEmpty(),
                 qPrintable(warnings.join(QLatin1Char('\n'))));
        QCOMPARE(infos.filter(QStringLiteral("the sandbox (librdkafka's mock cluster) answers every time lookup"))
                     .size(),
                 1);
    }

    // A task whose connection is {"sandbox": true} reads its own sandbox (kept alive by the source).
    void sourceOnSandboxConnection()
    {
        auto options = KafkaSourceOptions::fromReader(QJsonObject{{QStringLiteral("topic"), QStringLiteral("clicks")},
                                                                  {QStringLiteral("beginOffset"),
                                                                   QStringLiteral("seekToBeginning")}},
                                                      QJsonObject{{QStringLiteral("sandbox"), true},
                                                                  {QStringLiteral("sandboxMessages"), 300},
                                                                  {QStringLiteral("sandboxPartitions"), 2}});
        VERIFY_OK(options);
        KafkaSource source(*options);
        StopToken stop;
        auto ranges = source.open(stop);
        VERIFY_OK(ranges);
        QCOMPARE(ranges->size(), size_t(2));
        QCOMPARE((*ranges)[0].count() + (*ranges)[1].count(), int64_t(300));
        QVERIFY(source.options()
                    .connection.value(QLatin1String("bootstrap.servers"))
                    .toString()
                    .startsWith(QLatin1String("127.0.0.1:")));
        auto read = readAll(source);
        VERIFY_OK(read);
        QCOMPARE(read->size(), size_t(300));
    }

    void resolveConnectionKeys()
    {
        std::unique_ptr<SandboxCluster> holder;
        const QJsonObject plain{{QStringLiteral("bootstrap.servers"), QStringLiteral("b:1")},
                                {QStringLiteral("timeoutMs"), 5}};
        auto resolved = resolveConnection(plain, holder);
        VERIFY_OK(resolved);
        QCOMPARE(*resolved, (QJsonObject{{QStringLiteral("bootstrap.servers"), QStringLiteral("b:1")}}));
        QVERIFY(!holder);

        const QJsonObject sandbox{{QStringLiteral("sandbox"), true},
                                  {QStringLiteral("sandboxMessages"), 50},
                                  {QStringLiteral("sandboxPartitions"), 2}};
        auto first = resolveConnection(sandbox, holder);
        VERIFY_OK(first);
        QVERIFY(holder);
        QCOMPARE(first->value(QLatin1String("bootstrap.servers")).toString(), holder->bootstrapServers());
        QVERIFY(!first->contains(QLatin1String("sandbox")));
        QCOMPARE(int(holder->messages().size()), 50);
        QCOMPARE(holder->options().partitions, 2);
        SandboxCluster *kept = holder.get();
        auto second = resolveConnection(sandbox, holder);
        VERIFY_OK(second);
        QCOMPARE(holder.get(), kept); // reused, not restarted
        QCOMPARE(*second, *first);
    }

    void adminOnSandbox()
    {
        const QJsonObject sandbox{{QStringLiteral("sandbox"), true}, {QStringLiteral("sandboxMessages"), 200}};
        auto topics = listTopics(sandbox, 5000);
        VERIFY_OK(topics);
        QCOMPARE(*topics, QStringList{QStringLiteral("clicks")});
        auto summary = testConnection(sandbox, 5000);
        VERIFY_OK(summary);
        QVERIFY2(summary->contains(QLatin1String("1 broker (id 1 at 127.0.0.1:")), qPrintable(*summary));
        QVERIFY2(summary->endsWith(QLatin1String(", 1 topic.")), qPrintable(*summary));
        auto sample = fetchSample(sandbox, QStringLiteral("clicks"), 5, SampleRange::latestMessages(), 10000);
        VERIFY_OK(sample);
        QCOMPARE(sample->size(), size_t(5));
        for (size_t i = 1; i < sample->size(); ++i)
            QVERIFY((*sample)[i - 1].timestampMs >= (*sample)[i].timestampMs);
    }

    void cli_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("messages");
        QTest::addColumn<QString>("reference");
        QTest::newRow("defaults") << QStringList{} << 4 << 3000 << QStringLiteral("the end of today there");
        QTest::newRow("options") << QStringList{QStringLiteral("--partitions"), QStringLiteral("2"),
                                                QStringLiteral("--messages"),   QStringLiteral("100"),
                                                QStringLiteral("--seed"),       QStringLiteral("9")}
                                 << 2 << 100 << QStringLiteral("the end of today there");
        QTest::newRow("relative to now") << QStringList{QStringLiteral("--relative-to-now")} << 4 << 3000
                                         << QStringLiteral("relative to now");
    }
    void cli()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, partitions);
        QFETCH(int, messages);
        QFETCH(QString, reference);
        QProcess process;
        process.start(QStringLiteral(KMSYNC_CLI_PATH), QStringList{QStringLiteral("sandbox")} + arguments);
        QVERIFY(process.waitForStarted());
        QString output;
        while (!output.contains(QLatin1String("Running until")) && process.waitForReadyRead(20000))
            output += QString::fromUtf8(process.readAllStandardOutput());
        const QStringList lines = output.split(QLatin1Char('\n'));
        static const QRegularExpression first(QStringLiteral(R"(^bootstrap\.servers=(127\.0\.0\.1:\d+)$)"));
        const auto match = first.match(lines.value(0));
        QVERIFY2(match.hasMatch(), qPrintable(output + QString::fromUtf8(process.readAllStandardError())));
        QVERIFY2(lines.value(1).startsWith(
                     QStringLiteral("topic clicks: %1 partition(s), %2 message(s)").arg(partitions).arg(messages)),
                 qPrintable(output));
        QVERIFY2(lines.value(2).startsWith(QStringLiteral("  timestamps: the 48 hours before "))
                     && lines.value(2).contains(reference),
                 qPrintable(output));
        const QJsonObject connection{{QStringLiteral("bootstrap.servers"), match.captured(1)}};
        auto topics = listTopics(connection, 5000);
        VERIFY_OK(topics);
        QCOMPARE(*topics, QStringList{QStringLiteral("clicks")});
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void cliBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrStart");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QString();
        QTest::newRow("bad partitions")
            << QStringList{QStringLiteral("--partitions"), QStringLiteral("0")} << 2
            << QStringLiteral("kmsync-cli sandbox: --partitions: \"0\" is not a number from 1 to 1000");
        QTest::newRow("bad messages") << QStringList{QStringLiteral("--messages"), QStringLiteral("x")} << 2
                                      << QStringLiteral(
                                             "kmsync-cli sandbox: --messages: \"x\" is not a number from 0 to 1000000");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--nope")} << 2
                                        << QStringLiteral("kmsync-cli sandbox: Unknown option 'nope'.");
    }
    void cliBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrStart);
        QProcess process;
        process.start(QStringLiteral(KMSYNC_CLI_PATH), QStringList{QStringLiteral("sandbox")} + arguments);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), exitCode);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        if (stderrStart.isEmpty())
            QVERIFY(QString::fromUtf8(process.readAllStandardOutput())
                        .startsWith(QLatin1String("Usage: kmsync-cli sandbox")));
        else
            QVERIFY2(err.startsWith(stderrStart), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestKafkaSourceSandbox)
#include "tst_kafkasource_sandbox.moc"
