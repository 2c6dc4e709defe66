// link: kmsync_warehouse kmsync_core PkgConfig::SQLITE3
// The local warehouse's rows live in segment files beside the SQLite file (engine/warehouse/segmentfile.h): what
// a file's life looks like from outside. A run's file is listed only by its commit; files no commit lists any more
// are deleted, but never under a query that may still read them; a damaged file is reported, not read as fewer
// rows; a warehouse of the first layout (rows in SQLite tables) is moved into segments when opened for writing.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include "engine/warehouse/csvwriter.h"
#include "engine/warehouse/localwarehouse.h"
#include "engine/warehouse/rowstable.h"

using namespace kmsync::engine;
using namespace kmsync::engine::warehouse;

namespace {

QString errorText(const Error &e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

QStringList segmentFiles(const QString &db)
{
    return QDir(db + QStringLiteral(".segments")).entryList({QStringLiteral("*.seg")}, QDir::Files, QDir::Name);
}

std::vector<Row> rows(int64_t from, int64_t count)
{
    std::vector<Row> out;
    for (int64_t i = from; i < from + count; ++i)
        out.push_back(Row{i, std::string("s") + std::to_string(i)});
    return out;
}

QByteArray csv(const QString &db, const QString &sql)
{
    auto r = LocalWarehouse::queryFile(db, sql, 0);
    if (!r.ok())
        return "ERROR " + errorText(r.error()).toUtf8();
    return toCsv(r.value());
}

// Runs SQL on a plain connection (to build a first-layout file, or to look at the catalogue as it is).
bool rawExec(const QString &db, const QString &sql)
{
    sqlite3 *h = nullptr;
    bool ok = sqlite3_open(QFile::encodeName(db).constData(), &h) == SQLITE_OK;
    char *msg = nullptr;
    ok = ok && sqlite3_exec(h, sql.toUtf8().constData(), nullptr, nullptr, &msg) == SQLITE_OK;
    if (msg)
        qWarning("%s", msg);
    sqlite3_free(msg);
    sqlite3_close(h);
    return ok;
}

} // namespace

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &r_ = (expr);                                                                                       \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : errorText(r_.error())));                                    \
    } while (false)

class TestWarehouseSegments final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_next = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("w%1.db").arg(++m_next)); }

    static Result<void> run(LocalWarehouse &wh, const QString &spec, bool truncate, const std::vector<Row> &data)
    {
        if (auto r = wh.begin(SinkTarget{QStringLiteral("t"), spec, truncate}); !r.ok())
            return r;
        if (auto r = wh.write(data); !r.ok()) {
            wh.rollback();
            return r;
        }
        return wh.commit();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // A run's file exists from begin() on, and only a commit lists it; a rollback or an empty run leaves none.
    void onlyCommitsKeepFiles()
    {
        const QString db = newDb();
        auto wh = LocalWarehouse::open(db);
        VERIFY_OK(wh);
        VERIFY_OK(
            wh.value()->executeSql(QStringLiteral("CREATE TABLE t (a BIGINT, s STRING) PARTITIONED BY (ds STRING)")));
        QVERIFY(segmentFiles(db).isEmpty());

        VERIFY_OK(wh.value()->begin(SinkTarget{QStringLiteral("t"), QStringLiteral("ds=1"), false}));
        VERIFY_OK(wh.value()->write(rows(0, 10)));
        QCOMPARE(segmentFiles(db).size(), qsizetype(1));
        QCOMPARE(csv(db, QStringLiteral("select count(*) from t")), QByteArray("count(*)\n0\n")); // not listed yet
        wh.value()->rollback();
        QVERIFY(segmentFiles(db).isEmpty());

        VERIFY_OK(run(*wh.value(), QStringLiteral("ds=1"), false, {}));
        QVERIFY(segmentFiles(db).isEmpty());
        QCOMPARE(wh.value()->partitions(QStringLiteral("t"))->size(), size_t(1)); // the partition, as before

        VERIFY_OK(run(*wh.value(), QStringLiteral("ds=1"), false, rows(0, 10)));
        VERIFY_OK(run(*wh.value(), QStringLiteral("ds=2"), false, rows(10, 5)));
        QCOMPARE(segmentFiles(db).size(), qsizetype(2));
        QCOMPARE(csv(db, QStringLiteral("select ds, count(*), min(a), max(s) from t group by ds")),
                 QByteArray("ds,count(*),min(a),max(s)\n1,10,0,s9\n2,5,10,s14\n"));
    }

    // Files no commit lists any more (a truncate's, a dropped partition's or table's) go after the commit, but
    // not while a query holds the folder: its snapshot may still list them.
    void unlistedFilesWaitForQueries()
    {
        const QString db = newDb();
        auto wh = LocalWarehouse::open(db);
        VERIFY_OK(wh);
        VERIFY_OK(
            wh.value()->executeSql(QStringLiteral("CREATE TABLE t (a BIGINT, s STRING) PARTITIONED BY (ds STRING)")));
        VERIFY_OK(run(*wh.value(), QStringLiteral("ds=1"), false, rows(0, 10)));
        const QStringList first = segmentFiles(db);
        QCOMPARE(first.size(), qsizetype(1));
        {
            const SegmentFolderLock reading(db + QStringLiteral(".segments"), SegmentFolderLock::Mode::Shared);
            QVERIFY(reading.held());
            VERIFY_OK(run(*wh.value(), QStringLiteral("ds=1"), true, rows(100, 3)));
            QCOMPARE(segmentFiles(db).size(), qsizetype(2)); // the truncated file is still there
            QCOMPARE(csv(db, QStringLiteral("select count(*), min(a) from t")), QByteArray("count(*),min(a)\n3,100\n"));
        }
        // The next writer that finds the folder free deletes it: here a DDL statement.
        VERIFY_OK(wh.value()->executeSql(QStringLiteral("ALTER TABLE t ADD PARTITION (ds='9')")));
        QCOMPARE(segmentFiles(db).size(), qsizetype(1));
        QVERIFY(!segmentFiles(db).contains(first[0]));

        VERIFY_OK(run(*wh.value(), QStringLiteral("ds=2"), false, rows(0, 4)));
        auto dropped = wh.value()->executeSql(QStringLiteral("ALTER TABLE t DROP PARTITION (ds='1')"));
        VERIFY_OK(dropped);
        QCOMPARE(dropped->at(0), QStringLiteral("table t: dropped partition ds=1 (3 rows)"));
        QCOMPARE(segmentFiles(db).size(), qsizetype(1));
        auto gone = wh.value()->executeSql(QStringLiteral("DROP TABLE t"));
        VERIFY_OK(gone);
        QCOMPARE(gone->at(0), QStringLiteral("dropped table t (2 partitions, 4 rows)"));
        QVERIFY(segmentFiles(db).isEmpty());
    }

    // A segment that is not what its commit recorded is an error naming the file, never fewer rows.
    void damagedFilesAreReported()
    {
        const QString db = newDb();
        {
            auto wh = LocalWarehouse::open(db);
            VERIFY_OK(wh);
            VERIFY_OK(wh.value()->executeSql(QStringLiteral("CREATE TABLE t (a BIGINT, s STRING)")));
            VERIFY_OK(run(*wh.value(), QString(), false, rows(0, 1000)));
        }
        const QString file = db + QStringLiteral(".segments/") + segmentFiles(db).value(0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 7));
        f.close();
        auto cut = LocalWarehouse::queryFile(db, QStringLiteral("select count(*) from t"), 0);
        QVERIFY(!cut.ok());
        QVERIFY2(cut.error().message.contains(segmentFiles(db).value(0)) && cut.error().message.contains(u"recorded"),
                 qPrintable(errorText(cut.error())));
        QVERIFY(QFile::remove(file));
        auto missing = LocalWarehouse::queryFile(db, QStringLiteral("select * from t"), 0);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(u"table \"t\"") && missing.error().message.contains(u"cannot read"),
                 qPrintable(errorText(missing.error())));
    }

    // Rows tables are read-only to SQL: a query that would write is refused before it runs.
    void rowsTablesRefuseWrites()
    {
        const QString db = newDb();
        auto wh = LocalWarehouse::open(db);
        VERIFY_OK(wh);
        VERIFY_OK(wh.value()->executeSql(QStringLiteral("CREATE TABLE t (a BIGINT, s STRING)")));
        VERIFY_OK(run(*wh.value(), QString(), false, rows(0, 3)));
        QVERIFY(!rawExec(db, QStringLiteral("DELETE FROM t"))); // no module on a plain connection either
        for (const char *sql : {"delete from t", "update t set a = 1", "insert into t values (1, 'x')"}) {
            auto r = wh.value()->query(QString::fromLatin1(sql), 0);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QStringLiteral("query.not_read_only"));
        }
        QCOMPARE(csv(db, QStringLiteral("select count(*) from t")), QByteArray("count(*)\n3\n"));
    }

    // A copy of the warehouse (file and folder) in a folder nobody may write is read as it is.
    void readOnlyCopy()
    {
        const QString db = newDb();
        {
            auto wh = LocalWarehouse::open(db);
            VERIFY_OK(wh);
            VERIFY_OK(wh.value()->executeSql(QStringLiteral("CREATE TABLE t (a BIGINT, s STRING)")));
            VERIFY_OK(run(*wh.value(), QString(), false, rows(0, 3)));
        }
        const QString ro = m_dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(ro + QStringLiteral("/copy.db.segments")));
        QVERIFY(QFile::copy(db, ro + QStringLiteral("/copy.db")));
        for (const QString &name : QDir(db + QStringLiteral(".segments")).entryList(QDir::Files))
            QVERIFY(QFile::copy(db + QStringLiteral(".segments/") + name,
                                ro + QStringLiteral("/copy.db.segments/") + name));
        QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        QCOMPARE(csv(ro + QStringLiteral("/copy.db"), QStringLiteral("select sum(a), max(s) from t")),
                 QByteArray("sum(a),max(s)\n3,s2\n"));
        QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    // The rows' folder is named after the file SQLite opens, whatever path reaches it: a symbolic link, or a path
    // relative to a working folder that changes later.
    void pathsThatReachTheSameFile()
    {
        const QString db = newDb();
        const QString link = m_dir.filePath(QStringLiteral("link.db"));
        {
            auto wh = LocalWarehouse::open(db);
            VERIFY_OK(wh);
            VERIFY_OK(wh.value()->executeSql(QStringLiteral("CREATE TABLE t (a BIGINT, s STRING)")));
        }
        QVERIFY(QFile::link(db, link));
        {
            auto wh = LocalWarehouse::open(link);
            VERIFY_OK(wh);
            VERIFY_OK(run(*wh.value(), QString(), false, rows(0, 4)));
        }
        QVERIFY(!QDir(link + QStringLiteral(".segments")).exists());
        QCOMPARE(segmentFiles(db).size(), qsizetype(1));
        QCOMPARE(csv(link, QStringLiteral("select count(*) from t")), QByteArray("count(*)\n4\n"));
        QCOMPARE(csv(db, QStringLiteral("select count(*) from t")), QByteArray("count(*)\n4\n"));

        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_dir.path()));
        auto wh = LocalWarehouse::open(QFileInfo(db).fileName());
        QVERIFY(QDir::setCurrent(QDir::rootPath()));
        VERIFY_OK(wh);
        VERIFY_OK(run(*wh.value(), QString(), false, rows(4, 2)));
        QVERIFY(QDir::setCurrent(before));
        QCOMPARE(segmentFiles(db).size(), qsizetype(2));
        QCOMPARE(csv(db, QStringLiteral("select count(*), max(a) from t")), QByteArray("count(*),max(a)\n6,5\n"));
    }

    // A warehouse of the first layout (catalogue version 1: rows in plain SQLite tables) is moved into segments
    // the first time it is opened for writing: the same rows, values and storage classes, partitions and counts.
    void migratesTheFirstLayout()
    {
        const QString db = newDb();
        const QString now = QStringLiteral("2026-12-01 10:00:00");
        QVERIFY(rawExec(
            db,
            QStringLiteral(
                "PRAGMA journal_mode=WAL;"
                "CREATE TABLE _kmsync_tables (name TEXT PRIMARY KEY, project TEXT, columns TEXT NOT NULL,"
                " partition_keys TEXT NOT NULL, not_null TEXT NOT NULL DEFAULT '[]', comment TEXT NOT NULL DEFAULT '',"
                " lifecycle INTEGER, created TEXT NOT NULL, last_modified TEXT NOT NULL);"
                "CREATE TABLE _kmsync_partitions (table_name TEXT NOT NULL, spec TEXT NOT NULL, created TEXT NOT NULL,"
                " row_count INTEGER NOT NULL DEFAULT 0, last_modified TEXT NOT NULL, PRIMARY KEY (table_name, spec));"
                "INSERT INTO _kmsync_tables VALUES ('t', 'p',"
                " '[{\"name\":\"a\",\"type\":\"BIGINT\"},{\"name\":\"s\",\"type\":\"STRING\"},"
                "{\"name\":\"d\",\"type\":\"DOUBLE\"},{\"name\":\"b\",\"type\":\"BINARY\"}]',"
                " '[{\"name\":\"ds\",\"type\":\"STRING\"}]', '[]', '', NULL, '%1', '%1');"
                "CREATE TABLE t (a INTEGER, s TEXT, d REAL, b BLOB, ds TEXT NOT NULL);"
                "INSERT INTO t VALUES (1, 'one', 1.5, x'0102', '1'), (2, NULL, 2, NULL, '2'), (3, 'three', NULL, 'txt', '1'),"
                " ('x', 4, 'y', 5, '2');"
                "INSERT INTO _kmsync_partitions VALUES ('t', 'ds=1', '%1', 2, '%1'), ('t', 'ds=2', '%1', 2, '%1');"
                "INSERT INTO _kmsync_tables VALUES ('empty', 'p', '[{\"name\":\"a\",\"type\":\"BIGINT\"}]', '[]', '[]',"
                " '', NULL, '%1', '%1');"
                "CREATE TABLE empty (a INTEGER);"
                "PRAGMA user_version=1;")
                .arg(now)));
        const QString probe = QStringLiteral("select a, typeof(a), s, typeof(s), d, typeof(d), quote(b), ds from t "
                                             "order by ds, a");
        const QByteArray before = csv(db, probe);
        QVERIFY2(!before.startsWith("ERROR") && before.count('\n') == 5, before.constData());

        auto wh = LocalWarehouse::open(db);
        VERIFY_OK(wh);
        QCOMPARE(csv(db, probe), before);
        QCOMPARE(csv(db, QStringLiteral("select spec, row_count from _kmsync_partitions order by spec")),
                 QByteArray("spec,row_count\nds=1,2\nds=2,2\n"));
        QCOMPARE(segmentFiles(db).size(), qsizetype(2)); // one per partition; none for the empty table
        QCOMPARE(csv(db, QStringLiteral("select count(*) from sqlite_master where sql like 'CREATE VIRTUAL TABLE%'")),
                 QByteArray("count(*)\n2\n"));
        QCOMPARE(csv(db, QStringLiteral("select count(*) from empty")), QByteArray("count(*)\n0\n"));
        // Runs go on as before.
        VERIFY_OK(wh.value()->begin(SinkTarget{QStringLiteral("t"), QStringLiteral("ds=1"), false}));
        VERIFY_OK(wh.value()->write(std::vector<Row>{Row{int64_t(9), std::string("nine"), 9.5, std::monostate{}}}));
        VERIFY_OK(wh.value()->commit());
        QCOMPARE(csv(db, QStringLiteral("select count(*) from t where ds=1")), QByteArray("count(*)\n3\n"));
        QCOMPARE(wh.value()->partitions(QStringLiteral("t"))->at(0).rowCount, int64_t(3));
        wh.value().reset();
        // Opening it again changes nothing.
        auto again = LocalWarehouse::open(db);
        VERIFY_OK(again);
        QCOMPARE(segmentFiles(db).size(), qsizetype(3));
        QCOMPARE(csv(db, QStringLiteral("select count(*) from t")), QByteArray("count(*)\n5\n"));
    }
};

QTEST_GUILESS_MAIN(TestWarehouseSegments)
#include "tst_warehouse_segments.moc"
