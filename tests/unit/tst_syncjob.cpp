// link: kmsync_job kmsync_core
#include <QTemporaryDir>
#include <QTest>

#include "engine/job/ledger.h"
#include "engine/job/syncjob.h"

using namespace kmsync::engine;

namespace {

// A source with fixed messages per partition; records every call the job makes.
class FakeSource final : public MessageSource
{
public:
    std::vector<KafkaMessage> messages;
    std::vector<PartitionRange> ranges;
    std::vector<QString> *calls = nullptr;
    StopToken *stopAfterFirstPoll = nullptr;
    bool failPoll = false;
    size_t position = 0;

    Result<std::vector<PartitionRange>> open(const StopToken &) override
    {
        calls->push_back(QStringLiteral("source.open"));
        return ranges;
    }
    Result<bool> poll(std::vector<KafkaMessage> &out, int maxMessages, int, const StopToken &) override
    {
        if (failPoll)
            return makeError(QStringLiteral("kafka.unreachable"), QStringLiteral("broker went away"));
        if (stopAfterFirstPoll && position > 0)
            stopAfterFirstPoll->requestStop();
        for (int i = 0; i < maxMessages && position < messages.size(); ++i)
            out.push_back(messages[position++]);
        return position < messages.size();
    }
    std::vector<PartitionRange> consumed() const override { return ranges; }
    Result<void> commitOffsets() override
    {
        calls->push_back(QStringLiteral("source.commitOffsets"));
        return {};
    }
};

class FakeSink final : public RecordSink
{
public:
    std::vector<QString> *calls = nullptr;
    std::vector<Row> staged;
    std::vector<Row> committed;
    bool failCommit = false;
    TableSchema schema;

    Result<TableSchema> tableSchema(const QString &) override { return schema; }
    void warmUp(const SinkTarget &) override { calls->push_back(QStringLiteral("sink.warmUp")); }
    Result<void> begin(const SinkTarget &) override
    {
        calls->push_back(QStringLiteral("sink.begin"));
        staged.clear();
        return {};
    }
    Result<void> write(std::span<const Row> rows) override
    {
        staged.insert(staged.end(), rows.begin(), rows.end());
        return {};
    }
    Result<void> commit() override
    {
        calls->push_back(QStringLiteral("sink.commit"));
        if (failCommit)
            return makeError(QStringLiteral("sink.io"), QStringLiteral("disk full"));
        committed = staged;
        return {};
    }
    void rollback() override
    {
        calls->push_back(QStringLiteral("sink.rollback"));
        staged.clear();
    }
};

// Maps the value text to one BIGINT column; a non-number is dirty.
MapperFactory numberMapper()
{
    return [](const TableSchema &) -> Result<MapFn> {
        return MapFn([](const KafkaMessage &m, Row &row, QString *reason) {
            bool ok = false;
            const qint64 n = QByteArray::fromStdString(m.value.value_or(std::string())).toLongLong(&ok);
            if (!ok) {
                *reason = QStringLiteral("not a number");
                return false;
            }
            row = Row{Value(int64_t(n))};
            return true;
        });
    };
}

struct Fixture
{
    std::vector<QString> calls;
    FakeSource *source = nullptr;
    FakeSink *sink = nullptr;
    std::unique_ptr<SyncJob> job;

    Fixture(std::vector<std::string> values, SyncJobOptions options)
    {
        auto src = std::make_unique<FakeSource>();
        auto snk = std::make_unique<FakeSink>();
        src->calls = &calls;
        snk->calls = &calls;
        snk->schema.name = QStringLiteral("t");
        snk->schema.columns.push_back(ColumnDef{QStringLiteral("n"), ColumnType{TypeKind::BigInt}, {}});
        int64_t offset = 0;
        for (const auto &v : values) {
            KafkaMessage m;
            m.partition = int32_t(offset % 2);
            m.offset = offset / 2;
            m.timestampMs = 1000 * offset;
            m.value = v;
            src->messages.push_back(m);
            ++offset;
        }
        src->ranges = {PartitionRange{0, 0, (offset + 1) / 2}, PartitionRange{1, 0, offset / 2}};
        source = src.get();
        sink = snk.get();
        options.batchSize = 3;
        job = std::make_unique<SyncJob>(options, std::move(src), std::move(snk), numberMapper());
    }
};

} // namespace

class TestSyncJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesEverythingAndCommitsOffsetsAfterTheSink()
    {
        Fixture f({"1", "2", "3", "4", "5", "6", "7"}, SyncJobOptions{});
        StopToken stop;
        NullObserver observer;
        const RunSummary summary = f.job->run(stop, observer);
        QVERIFY2(summary.ok, qPrintable(summary.errorMessage));
        QCOMPARE(summary.read, 7);
        QCOMPARE(summary.written, 7);
        QCOMPARE(summary.dirty, 0);
        QCOMPARE(f.sink->committed.size(), size_t(7));
        QCOMPARE(std::get<int64_t>(f.sink->committed[6][0]), int64_t(7));
        // The sink may open its connections first (warmUp), before the table's schema is read.
        const std::vector<QString> expected{QStringLiteral("sink.warmUp"), QStringLiteral("source.open"),
                                            QStringLiteral("sink.begin"), QStringLiteral("sink.commit"),
                                            QStringLiteral("source.commitOffsets")};
        QCOMPARE(f.calls, expected);
    }

    void dirtyUnderTheLimitIsWrittenToTheDirtyFile()
    {
        QTemporaryDir dir;
        SyncJobOptions options;
        options.errorLimit = 2;
        options.dirtyFile = dir.filePath(QStringLiteral("dirty/run.jsonl"));
        Fixture f({"1", "x", "3", "y"}, options);
        StopToken stop;
        NullObserver observer;
        const RunSummary summary = f.job->run(stop, observer);
        QVERIFY2(summary.ok, qPrintable(summary.errorMessage));
        QCOMPARE(summary.dirty, 2);
        QCOMPARE(summary.written, 2);
        QCOMPARE(summary.dirtyFile, options.dirtyFile);
        QFile file(options.dirtyFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].contains("\"reason\":\"not a number\""));
        QVERIFY(lines[0].contains("\"partition\":1"));
        QVERIFY(lines[0].contains("\"offset\":0"));
        QVERIFY(lines[0].contains("\"value\":\"x\""));
    }

    void logsExactlyTheFirstTenDirtyRecords()
    {
        SyncJobOptions options;
        options.errorLimit = -1;
        Fixture f(std::vector<std::string>(15, "x"), options);
        StopToken stop;
        struct Counter final : SyncObserver
        {
            int dirtyLines = 0;
            void onProgress(const JobProgress &) override {}
            void onLog(LogLevel, const QString &message) override
            {
                if (message.startsWith(QLatin1String("dirty record at")))
                    ++dirtyLines;
            }
        } counter;
        const RunSummary summary = f.job->run(stop, counter);
        QVERIFY2(summary.ok, qPrintable(summary.errorMessage));
        QCOMPARE(summary.dirty, 15);
        QCOMPARE(counter.dirtyLines, 10);
    }

    void dirtyOverTheLimitFailsAndLeavesTheDestinationUnchanged()
    {
        SyncJobOptions options;
        options.errorLimit = 1;
        Fixture f({"1", "x", "3", "y", "5"}, options);
        StopToken stop;
        NullObserver observer;
        const RunSummary summary = f.job->run(stop, observer);
        QVERIFY(!summary.ok);
        QCOMPARE(summary.errorCode, QStringLiteral("job.dirty_limit"));
        QVERIFY(summary.errorMessage.contains(QStringLiteral("errorLimit.record = 1")));
        QVERIFY(f.sink->committed.empty());
        QVERIFY(std::find(f.calls.begin(), f.calls.end(), QStringLiteral("sink.rollback")) != f.calls.end());
        QVERIFY(std::find(f.calls.begin(), f.calls.end(), QStringLiteral("source.commitOffsets")) == f.calls.end());
    }

    void cancelRollsBack()
    {
        std::vector<std::string> values(50, "1");
        Fixture f(values, SyncJobOptions{});
        StopToken stop;
        f.source->stopAfterFirstPoll = &stop;
        NullObserver observer;
        const RunSummary summary = f.job->run(stop, observer);
        QVERIFY(!summary.ok);
        QVERIFY(summary.cancelled);
        QVERIFY(f.sink->committed.empty());
        QVERIFY(std::find(f.calls.begin(), f.calls.end(), QStringLiteral("sink.commit")) == f.calls.end());
    }

    void sourceErrorFailsTheRun()
    {
        Fixture f({"1"}, SyncJobOptions{});
        f.source->failPoll = true;
        StopToken stop;
        NullObserver observer;
        const RunSummary summary = f.job->run(stop, observer);
        QVERIFY(!summary.ok);
        QCOMPARE(summary.errorCode, QStringLiteral("kafka.unreachable"));
        QVERIFY(f.sink->committed.empty());
    }

    void failedSinkCommitNeverCommitsOffsets()
    {
        Fixture f({"1", "2"}, SyncJobOptions{});
        f.sink->failCommit = true;
        StopToken stop;
        NullObserver observer;
        const RunSummary summary = f.job->run(stop, observer);
        QVERIFY(!summary.ok);
        QCOMPARE(summary.errorCode, QStringLiteral("sink.io"));
        QVERIFY(std::find(f.calls.begin(), f.calls.end(), QStringLiteral("source.commitOffsets")) == f.calls.end());
    }

    void windowAuditCountsRecordsOutsideTheWindow()
    {
        SyncJobOptions options;
        // timestamps are 0, 1000, ..., 5000 ms; partition = index % 2
        options.windowBeginMs = 1500;
        options.windowEndMs = 4000;
        Fixture f({"1", "2", "3", "4", "5", "6"}, options);
        StopToken stop;
        NullObserver observer;
        const RunSummary summary = f.job->run(stop, observer);
        QVERIFY(summary.ok);
        QCOMPARE(summary.audit.size(), size_t(2));
        // partition 0: ts 0, 2000, 4000 -> before 1, after 1; partition 1: ts 1000, 3000, 5000 -> before 1, after 1
        QCOMPARE(summary.audit[0], (WindowAudit{0, 1, 1}));
        QCOMPARE(summary.audit[1], (WindowAudit{1, 1, 1}));
    }

    void ledgerReportsGapsAndOverlapsAndStartOffsets()
    {
        QTemporaryDir dir;
        const QString path = Ledger::defaultPath(dir.path());
        auto ledger = Ledger::load(path);
        QVERIFY(ledger.ok());
        QVERIFY(!ledger->check(QStringLiteral("task"), QStringLiteral("ds=1"), {}).hasPrevious);
        QVERIFY(ledger
                    ->record(QStringLiteral("task"), Ledger::Entry{QStringLiteral("ds=1"),
                                                                   QStringLiteral("t"),
                                                                   QStringLiteral("2026-01-01T00:00:00Z"),
                                                                   {PartitionRange{0, 0, 10}, PartitionRange{1, 0, 20}},
                                                                   QStringLiteral("c-1"),
                                                                   QStringLiteral("topic=t begin=1 end=2")})
                    .ok());
        auto reloaded = Ledger::load(path);
        QVERIFY(reloaded.ok());
        const LedgerCheck check = reloaded->check(QStringLiteral("task"), QStringLiteral("ds=2"),
                                                  {PartitionRange{0, 12, 30}, PartitionRange{1, 18, 40}});
        QVERIFY(check.hasPrevious);
        QCOMPARE(check.previousPartitionSpec, QStringLiteral("ds=1"));
        QCOMPARE(check.partitions.size(), size_t(2));
        QCOMPARE(check.partitions[0].gap(), int64_t(2));  // two offsets never read
        QCOMPARE(check.partitions[1].gap(), int64_t(-2)); // two offsets read twice
        QVERIFY(!check.contiguous());
        const auto starts = reloaded->startOffsets(QStringLiteral("task"), QStringLiteral("ds=2"));
        QCOMPARE(starts.at(0), int64_t(10));
        QCOMPARE(starts.at(1), int64_t(20));
        // A rerun of ds=1 compares with the run before ds=1: none.
        QVERIFY(!reloaded->check(QStringLiteral("task"), QStringLiteral("ds=1"), {}).hasPrevious);
        // The commit id and the window survive a reload (backfill --resume matches them).
        const Ledger::Entry *entry = reloaded->find(QStringLiteral("task"), QStringLiteral("ds=1"));
        QVERIFY(entry);
        QCOMPARE(entry->commitId, QStringLiteral("c-1"));
        QCOMPARE(entry->window, QStringLiteral("topic=t begin=1 end=2"));
        QVERIFY(!reloaded->find(QStringLiteral("task"), QStringLiteral("ds=2")));
        QVERIFY(!reloaded->find(QStringLiteral("other"), QStringLiteral("ds=1")));
    }

    void corruptLedgerIsAnError()
    {
        QTemporaryDir dir;
        const QString path = Ledger::defaultPath(dir.path());
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{not json");
        file.close();
        auto ledger = Ledger::load(path);
        QVERIFY(!ledger.ok());
        QCOMPARE(ledger.error().code, QStringLiteral("ledger.corrupt"));
    }
};

QTEST_GUILESS_MAIN(TestSyncJob)
#include "tst_syncjob.moc"
