#include "engine/kafka/sandboxcluster.h"

#include <algorithm>
#include <array>
#include <map>
#include <random>

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

#include "engine/kafka/messageproducer.h"
#include "engine/kafka/rdkafkahandles.h"

namespace kmsync::engine::kafka {

namespace {

constexpr int64_t kHourMs = 3600 * 1000;
constexpr int64_t kSpanMs = 48 * kHourMs;

const std::array<const char *, 12> kNames{"Li Wei",      "Wang Fang",  "Zhang Min",   "Liu Yang",
                                          "Chen Jie",    "Yang Li",    "Anna Berg",   "Ravi Kumar",
                                          "Sofia Rossi", "Kenji Sato", "Maria Silva", "Omar Haddad"};
const std::array<const char *, 6> kSkus{"A1", "B7", "C3", "D9", "E2", "F5"};
const std::array<double, 6> kPrices{9.9, 19.5, 5.25, 120.0, 0.99, 49.0};
const std::array<const char *, 3> kRefs{"search.example", "social.example", "mail.example"};
const std::array<const char *, 4> kTags{"promo", "mobile", "new", "returning"};

QString number(double d)
{
    return QString::number(d, 'g', 10);
}

} // namespace

std::vector<KafkaMessage> SandboxCluster::generateMessages(const SandboxOptions &options, int64_t nowMs)
{
    std::mt19937 rng(options.seed);
    const auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const auto chance = [&rng](double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p; };
    const QTimeZone shanghai(kSandboxTimeZone);
    const int count = std::max(0, options.messages);
    const int partitions = std::max(1, options.partitions);
    std::vector<KafkaMessage> messages;
    messages.reserve(size_t(count));
    std::vector<int64_t> nextOffset(size_t(partitions), 0);
    for (int i = 0; i < count; ++i) {
        KafkaMessage m;
        const int userId = uniform(1, 500);
        const bool nullKey = chance(0.08);
        if (!nullKey)
            m.key = std::to_string(userId);
        m.partition = nullKey ? i % partitions : userId % partitions;
        int64_t ts = nowMs - kSpanMs + (count > 0 ? int64_t(i) * kSpanMs / count : 0) + uniform(0, 20000);
        if (chance(0.04))
            ts -= int64_t(uniform(60, 90 * 60)) * 1000; // arrives late: out of order
        m.timestampMs = std::min(ts, nowMs - 1000);
        if (chance(0.6)) {
            m.headers.push_back({"source", std::string(chance(0.5) ? "web" : "app")});
            if (chance(0.5)) {
                char trace[17];
                std::snprintf(trace, sizeof trace, "%08x%08x", unsigned(rng()), unsigned(rng()));
                m.headers.push_back({"trace-id", std::string(trace)});
            }
        }
        QStringList items;
        double amount = 0;
        const int itemCount = uniform(1, 3);
        for (int k = 0; k < itemCount; ++k) {
            const int s = uniform(0, int(kSkus.size()) - 1);
            const int qty = uniform(1, 5);
            amount += qty * kPrices[size_t(s)];
            items << QStringLiteral(R"({"sku":"%1","qty":%2,"price":%3})")
                         .arg(QLatin1String(kSkus[size_t(s)]))
                         .arg(qty)
                         .arg(number(kPrices[size_t(s)]));
        }
        QStringList tags;
        for (const char *tag : kTags) {
            if (chance(0.35))
                tags << QStringLiteral("\"%1\"").arg(QLatin1String(tag));
        }
        const QString when =
            QDateTime::fromMSecsSinceEpoch(m.timestampMs, shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QString value = QStringLiteral(R"({"event_id":"e-%1","user":{"id":%2,"name":"%3","vip":%4},)"
                                       R"("page":{"url":"https://shop.example/p/%5","ref.domain":"%6"},)"
                                       R"("items":[%7],"amount":%8,"ts":"%9","tags":[%10]})")
                            .arg(i, 6, 10, QLatin1Char('0'))
                            .arg(userId)
                            .arg(QLatin1String(kNames[size_t(userId) % kNames.size()]))
                            .arg(userId % 7 == 0 ? QStringLiteral("true") : QStringLiteral("false"))
                            .arg(uniform(1, 300))
                            .arg(QLatin1String(kRefs[size_t(uniform(0, int(kRefs.size()) - 1))]))
                            .arg(items.join(QLatin1Char(',')))
                            .arg(number(double(qRound64(amount * 100)) / 100.0))
                            .arg(when)
                            .arg(tags.join(QLatin1Char(',')));
        if (chance(0.01)) {
            value.truncate(value.size() / 2); // malformed JSON
            while (value.endsWith(QLatin1Char('}')))
                value.chop(1);
        }
        m.value = value.toStdString();
        m.offset = nextOffset[size_t(m.partition)]++;
        messages.push_back(std::move(m));
    }
    return messages;
}

int64_t SandboxCluster::referenceMs(const SandboxOptions &options)
{
    if (options.nowMs > 0)
        return options.nowMs;
    const int64_t clock = options.clockMs > 0 ? options.clockMs : QDateTime::currentMSecsSinceEpoch();
    if (options.relativeToNow)
        return clock;
    const QTimeZone zone(kSandboxTimeZone);
    const QDate today = QDateTime::fromMSecsSinceEpoch(clock, zone).date();
    return QDateTime(today.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
}

Result<std::unique_ptr<SandboxCluster>> SandboxCluster::start(const SandboxOptions &options)
{
    if (options.partitions < 1 || options.partitions > 1000) {
        return makeError(QStringLiteral("sandbox.options"),
                         QStringLiteral("partitions: %1 is not from 1 to 1000").arg(options.partitions));
    }
    if (options.messages < 0 || options.messages > 1000000) {
        return makeError(QStringLiteral("sandbox.options"),
                         QStringLiteral("messages: %1 is not from 0 to 1000000").arg(options.messages));
    }
    std::unique_ptr<SandboxCluster> sandbox(new SandboxCluster());
    sandbox->m_options = options;
    sandbox->m_options.nowMs = referenceMs(options);
    auto cluster = MockCluster::start(1);
    if (!cluster)
        return cluster.error();
    sandbox->m_cluster = std::move(*cluster);
    auto created = sandbox->m_cluster->createTopic(options.topic, options.partitions);
    if (!created)
        return created.error();
    sandbox->m_messages = generateMessages(sandbox->m_options, sandbox->m_options.nowMs);
    auto produced = produceMessages(sandbox->connection(), options.topic, sandbox->m_messages, 60000);
    if (!produced)
        return produced.error();
    return sandbox;
}

QString SandboxCluster::summary() const
{
    struct Stats
    {
        int64_t count = 0;
        int64_t minTs = 0;
        int64_t maxTs = 0;
    };
    std::map<int32_t, Stats> perPartition;
    int nullKeys = 0;
    int withHeaders = 0;
    int outOfOrder = 0;
    int malformed = 0;
    std::map<int32_t, int64_t> lastTs;
    for (const auto &m : m_messages) {
        Stats &s = perPartition[m.partition];
        s.minTs = s.count == 0 ? m.timestampMs : std::min(s.minTs, m.timestampMs);
        s.maxTs = s.count == 0 ? m.timestampMs : std::max(s.maxTs, m.timestampMs);
        ++s.count;
        if (!m.key)
            ++nullKeys;
        if (!m.headers.empty())
            ++withHeaders;
        auto it = lastTs.find(m.partition);
        if (it != lastTs.end() && m.timestampMs < it->second)
            ++outOfOrder;
        lastTs[m.partition] = std::max(it != lastTs.end() ? it->second : m.timestampMs, m.timestampMs);
        if (m.value && (m.value->empty() || m.value->back() != '}'))
            ++malformed;
    }
    const QTimeZone zone(kSandboxTimeZone);
    const auto when = [&zone](int64_t ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    };
    QStringList lines;
    lines << QStringLiteral("topic %1: %2 partition(s), %3 message(s) (seed %4)")
                 .arg(m_options.topic)
                 .arg(m_options.partitions)
                 .arg(m_messages.size())
                 .arg(m_options.seed);
    lines << QStringLiteral("  timestamps: the 48 hours before %1 %2 (%3); times below in %2")
                 .arg(when(m_options.nowMs), QLatin1String(kSandboxTimeZone),
                      m_options.relativeToNow ? QStringLiteral("relative to now")
                                              : QStringLiteral("the end of today there: the same data all day"));
    for (int32_t p = 0; p < m_options.partitions; ++p) {
        const auto it = perPartition.find(p);
        if (it == perPartition.end()) {
            lines << QStringLiteral("  partition %1: empty").arg(p);
            continue;
        }
        lines << QStringLiteral("  partition %1: offsets 0..%2, timestamps %3 .. %4")
                     .arg(p)
                     .arg(it->second.count - 1)
                     .arg(when(it->second.minTs), when(it->second.maxTs));
    }
    lines << QStringLiteral("  keys: user id as text, %1 null; headers (source, trace-id) on %2 message(s)")
                 .arg(nullKeys)
                 .arg(withHeaders);
    lines << QStringLiteral("  values: JSON click events; %1 out-of-order timestamp(s), %2 malformed value(s)")
                 .arg(outOfOrder)
                 .arg(malformed);
    return lines.join(QLatin1Char('\n'));
}

bool isSandboxConnection(const QJsonObject &connection)
{
    const QJsonValue v = connection.value(QLatin1String("sandbox"));
    return v.toBool() || v.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

Result<QJsonObject> resolveConnection(const QJsonObject &connection, std::unique_ptr<SandboxCluster> &holder)
{
    QJsonObject properties;
    for (auto it = connection.begin(); it != connection.end(); ++it) {
        if (!isKmsyncConnectionKey(it.key()))
            properties.insert(it.key(), it.value());
    }
    if (!isSandboxConnection(connection))
        return properties;
    if (!holder) {
        SandboxOptions options;
        const auto intOf = [&connection](const char *key, int fallback) {
            const QJsonValue v = connection.value(QLatin1String(key));
            if (v.isDouble())
                return v.toInt(fallback);
            if (v.isString()) {
                bool ok = false;
                const int n = v.toString().toInt(&ok);
                return ok ? n : fallback;
            }
            return fallback;
        };
        options.partitions = intOf("sandboxPartitions", options.partitions);
        options.messages = intOf("sandboxMessages", options.messages);
        options.seed = uint32_t(intOf("sandboxSeed", int(options.seed)));
        const QJsonValue relative = connection.value(QLatin1String("sandboxRelativeToNow"));
        options.relativeToNow = relative.toBool()
                             || relative.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        if (connection.value(QLatin1String("sandboxTopic")).isString())
            options.topic = connection.value(QLatin1String("sandboxTopic")).toString();
        auto started = SandboxCluster::start(options);
        if (!started)
            return started.error();
        holder = std::move(*started);
    }
    properties.insert(QStringLiteral("bootstrap.servers"), holder->bootstrapServers());
    return properties;
}

} // namespace kmsync::engine::kafka
