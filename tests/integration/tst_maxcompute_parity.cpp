// link: kmsync_mcserver kmsync_maxcompute kmsync_core
// Request parity with the official MaxCompute SDKs. For every operation kmsync performs against MaxCompute, the
// same operation is done once by an official SDK (pyodps through tests/pyodps/parity_ops.py, the Java SDK through
// tests/javasdk/SdkPeer.java) and once by kmsync, each against a fresh test server that records every request.
// The two recordings are reduced to what matters on the wire (method, endpoint, path, the set of query parameters
// with their values, Content-Type/-Encoding/-MD5/-Length, Transfer-Encoding, every x-odps-* header, the date
// transform header, the signature version, the SQL instance XML's structure) and compared. Every difference must
// be listed in kJustified below (and in the README's "Writing to MaxCompute" table) with the reason; a new,
// unlisted difference fails, and so does a listed one that no longer occurs. The server checks every signature,
// so the signing inputs (verb, Content-MD5, Content-Type, Date, x-odps-* headers, the canonical resource) are
// proven consistent on both sides; a request it rejects fails the test.
#include <QTest>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelsink.h"
#include "tests/support/mcserver/mcserver.h"
#include "tests/support/process/runprocess.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::test::McRequest;
using kmsync::test::McServer;
using kmsync::test::ProcessResult;
using kmsync::test::runProcess;

namespace {

constexpr const char *kTable = "parity_t";
constexpr const char *kSpec = "ds=20221122";
constexpr const char *kNewSpec = "ds=20221123";
constexpr const char *kCreateSql = "CREATE TABLE parity_new (id BIGINT, s STRING) PARTITIONED BY (ds STRING)";
constexpr const char *kCountSql = "SELECT COUNT(*) FROM parity_t WHERE ds='20221122'";

struct Operation
{
    QString name;
    QStringList args;
    bool discoverTunnel = false; // the SDK is not given the Tunnel endpoint
};

QList<Operation> operations()
{
    const QString t = QString::fromLatin1(kTable);
    return {
        {QStringLiteral("list_tables"), {}},
        {QStringLiteral("table_schema"), {t}},
        {QStringLiteral("partition_exists"), {t, QString::fromLatin1(kSpec)}},
        {QStringLiteral("add_partition"), {t, QString::fromLatin1(kNewSpec)}},
        {QStringLiteral("run_sql"), {QString::fromLatin1(kCreateSql)}},
        {QStringLiteral("query"), {QString::fromLatin1(kCountSql)}},
        {QStringLiteral("tunnel_endpoint"), {}, true},
        {QStringLiteral("upload"), {t, QString::fromLatin1(kSpec)}},
        {QStringLiteral("upload_overwrite"), {t, QString::fromLatin1(kSpec)}},
    };
}

// One difference between an SDK and kmsync that is known and justified. `peer` and `op` may be "*".
struct Justified
{
    const char *peer;
    const char *op;
    const char *difference; // exactly as diff() prints it, without the "op: " prefix
    const char *why;
};

// Keep in step with the README ("Writing to MaxCompute", "How kmsync's requests compare with the official SDKs").
const Justified kJustified[] = {
    {"*", "*", "header x-odps-user-agent: SDK=- kmsync=<set>",
     "kmsync names itself in x-odps-user-agent (signed like every x-odps-* header); the SDKs send only User-Agent"},
};

// ---- Reducing a recorded request to what matters -------------------------------------------------------------

QString normalisedPath(const McRequest &r)
{
    QString p = r.path;
    p.replace(QStringLiteral("/projects/") + QString::fromLatin1(McServer::kProject), QStringLiteral("/projects/{p}"));
    static const QRegularExpression instance(QStringLiteral("/instances/[^/]+"));
    p.replace(instance, QStringLiteral("/instances/{id}"));
    return p;
}

QString normalisedQueryValue(const QString &name, const QString &value)
{
    if (name == QLatin1String("uploadid"))
        return QStringLiteral("{id}");
    if (value == QLatin1String(McServer::kProject))
        return QStringLiteral("{p}");
    return value.isEmpty() ? QStringLiteral("<none>") : value;
}

// The instance XML's structure: element names in order, property names, and the settings' keys, with the uuid's
// value and the query text left out (they differ by nature).
QString instanceXmlShape(const QByteArray &body)
{
    QStringList parts;
    QXmlStreamReader x(body);
    QString lastName;
    while (!x.atEnd()) {
        const auto t = x.readNext();
        if (t == QXmlStreamReader::StartElement) {
            parts << x.name().toString();
            if (x.name() == QLatin1String("Name") || x.name() == QLatin1String("Priority") || x.name() == QLatin1String("RunMode")) {
                lastName = x.readElementText();
                parts.last() += QLatin1Char('=') + lastName;
            } else if (x.name() == QLatin1String("Value") && lastName == QLatin1String("settings")) {
                const QJsonObject o = QJsonDocument::fromJson(x.readElementText().toUtf8()).object();
                parts.last() += QStringLiteral("={") + o.keys().join(QLatin1Char(',')) + QLatin1Char('}');
            }
        }
    }
    if (x.hasError())
        return QStringLiteral("<not XML: %1>").arg(x.errorString());
    return parts.join(QLatin1Char(' '));
}

struct Shape
{
    QString key;                  // "METHOD endpoint path ? sorted query names"
    QMap<QString, QString> attrs; // what is compared once the keys match
};

Shape shapeOf(const McRequest &r)
{
    Shape s;
    QStringList names;
    for (const auto &[name, value] : r.query) {
        names << name;
        s.attrs.insert(QStringLiteral("query ") + name, normalisedQueryValue(name, value));
    }
    names.sort();
    s.key = QStringLiteral("%1 %2 %3?%4")
                .arg(QString::fromLatin1(r.method), r.tunnel ? QStringLiteral("tunnel") : QStringLiteral("service"),
                     normalisedPath(r), names.join(QLatin1Char('&')));
    const auto header = [&](const char *name, const QString &value) {
        s.attrs.insert(QStringLiteral("header ") + QString::fromLatin1(name), value);
    };
    for (const char *name : {"Content-Type", "Content-Encoding", "Transfer-Encoding", "odps-tunnel-date-transform"})
        header(name, r.hasHeader(name) ? QString::fromLatin1(r.header(name)).trimmed().toLower() : QStringLiteral("-"));
    const QByteArray length = r.header("Content-Length");
    header("Content-Length", !r.hasHeader("Content-Length") ? QStringLiteral("-") : length.trimmed() == "0" ? QStringLiteral("0") : QStringLiteral("<n>"));
    if (r.hasHeader("Content-MD5")) {
        // The server refuses a wrong MD5; here only its presence and form count (the SDKs send lower-case hex).
        const QByteArray md5 = r.header("Content-MD5");
        header("Content-MD5", md5 == QCryptographicHash::hash(r.body, QCryptographicHash::Md5).toHex() ? QStringLiteral("<hex md5>")
                                                                                                        : QStringLiteral("<other>"));
    } else {
        header("Content-MD5", QStringLiteral("-"));
    }
    QMap<QString, QString> odps;
    for (const auto &[k, v] : r.headers) {
        const QString name = QString::fromLatin1(k).toLower();
        if (name.startsWith(QLatin1String("x-odps-")) || name.startsWith(QLatin1String("odps-")))
            odps.insert(name, name == QLatin1String("x-odps-user-agent") ? QStringLiteral("<set>") : QString::fromLatin1(v));
    }
    for (const char *name : {"x-odps-user-agent", "x-odps-tunnel-version"}) {
        if (!odps.contains(QString::fromLatin1(name)))
            odps.insert(QString::fromLatin1(name), QStringLiteral("-"));
    }
    for (auto it = odps.begin(); it != odps.end(); ++it)
        s.attrs.insert(QStringLiteral("header ") + it.key(), it.value());
    const QByteArray auth = r.header("Authorization");
    s.attrs.insert(QStringLiteral("signature"), auth.left(auth.indexOf(':')).count('/') == 4 ? QStringLiteral("v4") : QStringLiteral("v2"));
    if (r.method == "POST" && r.path.endsWith(QLatin1String("/instances")))
        s.attrs.insert(QStringLiteral("body"), instanceXmlShape(r.body));
    else
        s.attrs.insert(QStringLiteral("body"), r.body.isEmpty() ? QStringLiteral("empty") : QStringLiteral("data"));
    return s;
}

// Per key: every value seen for each attribute (a polled request repeats; its variants are joined with |).
QMap<QString, QMap<QString, QString>> reduce(const QList<McRequest> &requests)
{
    QMap<QString, QMap<QString, QStringList>> seen;
    for (const McRequest &r : requests) {
        const Shape s = shapeOf(r);
        auto &attrs = seen[s.key];
        for (auto it = s.attrs.begin(); it != s.attrs.end(); ++it) {
            if (!attrs[it.key()].contains(it.value()))
                attrs[it.key()] << it.value();
        }
    }
    QMap<QString, QMap<QString, QString>> out;
    for (auto k = seen.begin(); k != seen.end(); ++k) {
        for (auto a = k->begin(); a != k->end(); ++a)
            out[k.key()].insert(a.key(), a->join(QLatin1Char('|')));
    }
    return out;
}

// The differences, one line each: "only SDK: KEY", "only kmsync: KEY", or "KEY: ATTR: SDK=v kmsync=v". Attribute
// differences that are the same for every request of an operation are also summarised without the key (e.g.
// "header x-odps-user-agent: SDK=- kmsync=<set>"), so one justification can cover them.
QStringList diff(const QList<McRequest> &sdk, const QList<McRequest> &ours)
{
    const auto a = reduce(sdk);
    const auto b = reduce(ours);
    QStringList out;
    QMap<QString, QSet<QString>> attrDiffs; // "ATTR: SDK=v kmsync=v" -> keys
    int common = 0;
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!b.contains(it.key())) {
            out << QStringLiteral("only SDK: ") + it.key();
            continue;
        }
        ++common;
        const auto &x = it.value();
        const auto &y = b.value(it.key());
        QSet<QString> names;
        for (auto n = x.begin(); n != x.end(); ++n)
            names.insert(n.key());
        for (auto n = y.begin(); n != y.end(); ++n)
            names.insert(n.key());
        QStringList sorted(names.begin(), names.end());
        sorted.sort();
        for (const QString &n : sorted) {
            const QString u = x.value(n, QStringLiteral("-"));
            const QString v = y.value(n, QStringLiteral("-"));
            if (u != v)
                attrDiffs[QStringLiteral("%1: SDK=%2 kmsync=%3").arg(n, u, v)].insert(it.key());
        }
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (!a.contains(it.key()))
            out << QStringLiteral("only kmsync: ") + it.key();
    }
    for (auto d = attrDiffs.begin(); d != attrDiffs.end(); ++d) {
        if (d->size() == common && common > 1) {
            out << d.key();
        } else {
            QStringList keys(d->begin(), d->end());
            keys.sort();
            for (const QString &k : keys)
                out << k + QStringLiteral(": ") + d.key();
        }
    }
    out.sort();
    return out;
}

// ---- The peers -------------------------------------------------------------------------------------------------

struct Peer
{
    QString name;    // "pyodps", "java"
    QString program; // interpreter or java
    QStringList prefix;
};

void prepareServer(McServer &server)
{
    QVERIFY(server.start() != 0);
    QMap<QString, QString> none;
    QVERIFY(server.catalogue().execute(QStringLiteral("CREATE TABLE parity_t (id BIGINT, s STRING) PARTITIONED BY (ds STRING)"), none).ok());
    QVERIFY(server.catalogue().execute(QStringLiteral("ALTER TABLE parity_t ADD PARTITION (ds='20221122')"), none).ok());
}

// What the operation leaves behind, compared between the SDK and kmsync so that both did the same thing.
QString outcome(McServer &server)
{
    QStringList parts = server.catalogue().tableNames();
    parts.sort();
    const auto *t = server.catalogue().table(QString::fromLatin1(kTable));
    if (t) {
        for (const QString &p : t->partitions)
            parts << p + QLatin1Char('=') + QString::number(server.rows(QString::fromLatin1(kTable), p).size());
    }
    return parts.join(QLatin1Char(' '));
}

// kmsync doing one operation, the way the engine does it in a run, a listing, a DDL or a query.
Result<QString> kmsyncDoes(McServer &server, const Operation &op)
{
    OdpsClientOptions options;
    options.sqlPollIntervalMs = 5;
    options.retries = 0;
    auto client = OdpsClient::create(server.connection(!op.discoverTunnel), options);
    if (!client)
        return client.error();
    const QString a0 = op.args.value(0);
    const auto spec = [&] { return *PartitionSpec::parse(op.args.value(1)); };
    if (op.name == QLatin1String("list_tables")) {
        auto r = client->listTables();
        return r ? Result<QString>(r->join(QLatin1Char(','))) : Result<QString>(r.error());
    }
    if (op.name == QLatin1String("table_schema")) {
        auto r = client->tableSchema(a0);
        return r ? Result<QString>(QString::number(r->columns.size())) : Result<QString>(r.error());
    }
    if (op.name == QLatin1String("partition_exists")) {
        auto r = client->partitionExists(a0, spec());
        return r ? Result<QString>(*r ? QStringLiteral("true") : QStringLiteral("false")) : Result<QString>(r.error());
    }
    if (op.name == QLatin1String("add_partition")) {
        auto r = client->addPartition(a0, spec());
        return r ? Result<QString>(QStringLiteral("ok")) : Result<QString>(r.error());
    }
    if (op.name == QLatin1String("run_sql")) {
        auto r = client->runSql(a0);
        return r ? Result<QString>(QStringLiteral("ok")) : Result<QString>(r.error());
    }
    if (op.name == QLatin1String("query")) {
        auto r = client->query(a0);
        return r ? Result<QString>(r->rows.value(0).join(QLatin1Char(','))) : Result<QString>(r.error());
    }
    if (op.name == QLatin1String("tunnel_endpoint")) {
        auto r = client->tunnelEndpoint();
        return r ? Result<QString>(r->toString()) : Result<QString>(r.error());
    }
    if (op.name == QLatin1String("upload") || op.name == QLatin1String("upload_overwrite")) {
        TunnelSinkOptions sinkOptions;
        sinkOptions.expectedColumns = {ColumnDef{QStringLiteral("id"), *ColumnType::parse(QStringLiteral("BIGINT")), {}},
                                       ColumnDef{QStringLiteral("s"), *ColumnType::parse(QStringLiteral("STRING")), {}}};
        TunnelSink sink(std::move(client).value(), sinkOptions);
        if (auto s = sink.tableSchema(a0); !s)
            return s.error();
        if (auto b = sink.begin(SinkTarget{a0, op.args.value(1), op.name == QLatin1String("upload_overwrite")}); !b)
            return b.error();
        const std::vector<Row> rows{Row{Value(int64_t(1)), Value(std::string("a"))},
                                    Row{Value(int64_t(2)), Value(std::string("中文"))}, Row{Value(), Value()}};
        if (auto w = sink.write(rows); !w)
            return w.error();
        if (auto c = sink.commit(); !c)
            return c.error();
        return QStringLiteral("ok");
    }
    return makeError(QStringLiteral("test"), QStringLiteral("unknown operation ") + op.name);
}

bool matches(const char *pattern, const QString &value)
{
    return qstrcmp(pattern, "*") == 0 || value == QLatin1String(pattern);
}

} // namespace

class TestMaxComputeParity : public QObject
{
    Q_OBJECT

private:
    QList<Peer> m_peers;
    QStringList m_skipped;

    void compareWith(const Peer &peer)
    {
        QStringList unexpected;
        QStringList report;
        QSet<int> used;
        for (const Operation &op : operations()) {
            McServer sdkServer;
            prepareServer(sdkServer);
            QStringList args = peer.prefix;
            args << sdkServer.serviceEndpoint() << (op.discoverTunnel ? QStringLiteral("-") : sdkServer.tunnelEndpoint())
                 << QString::fromLatin1(McServer::kProject) << QString::fromLatin1(McServer::kAccessId)
                 << QString::fromLatin1(McServer::kAccessKey) << op.name << op.args;
            const ProcessResult r = runProcess(peer.program, args, 180000);
            QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("%1 %2 failed: %3\nrequests:\n%4")
                                                     .arg(peer.name, op.name, QString::fromUtf8(r.err),
                                                          QString::fromUtf8(sdkServer.requestLog().join('\n')))));
            QCOMPARE(sdkServer.authFailures(), 0);

            McServer ourServer;
            prepareServer(ourServer);
            auto ours = kmsyncDoes(ourServer, op);
            QVERIFY2(ours.ok(), qPrintable(op.name + QStringLiteral(": ") + (ours.ok() ? QString() : ours.error().message)));
            QCOMPARE(ourServer.authFailures(), 0);
            QCOMPARE(outcome(ourServer), outcome(sdkServer));
            for (const McRequest &req : sdkServer.requests())
                QVERIFY2(req.status < 400, qPrintable(QStringLiteral("%1 %2: the server refused %3 %4 with %5")
                                                          .arg(peer.name, op.name, QString::fromLatin1(req.method), req.path)
                                                          .arg(req.status)));
            for (const McRequest &req : ourServer.requests())
                QVERIFY2(req.status < 400, qPrintable(QStringLiteral("kmsync %1: the server refused %2 %3 with %4")
                                                          .arg(op.name, QString::fromLatin1(req.method), req.path)
                                                          .arg(req.status)));

            for (const QString &d : diff(sdkServer.requests(), ourServer.requests())) {
                const QString line = QString(d).replace(QLatin1String("SDK"), peer.name);
                report << op.name + QStringLiteral(": ") + line;
                bool listed = false;
                for (int i = 0; i < int(std::size(kJustified)); ++i) {
                    const Justified &j = kJustified[i];
                    if (matches(j.peer, peer.name) && matches(j.op, op.name) && d == QLatin1String(j.difference)) {
                        listed = true;
                        used.insert(i);
                    }
                }
                if (!listed)
                    unexpected << op.name + QStringLiteral(": ") + line;
            }
        }
        qInfo().noquote() << peer.name << "vs kmsync, every difference:\n  " + report.join(QStringLiteral("\n  "));
        QStringList stale;
        for (int i = 0; i < int(std::size(kJustified)); ++i) {
            if (!used.contains(i) && matches(kJustified[i].peer, peer.name))
                stale << QStringLiteral("%1/%2: %3").arg(QLatin1String(kJustified[i].peer), QLatin1String(kJustified[i].op),
                                                         QLatin1String(kJustified[i].difference));
        }
        QVERIFY2(unexpected.isEmpty(), qPrintable(QStringLiteral("differences from %1 that are neither removed nor justified:\n  ")
                                                      .arg(peer.name) + unexpected.join(QStringLiteral("\n  "))));
        QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("justified differences that no longer occur with %1 (remove them "
                                                            "here and in the README):\n  ").arg(peer.name)
                                             + stale.join(QStringLiteral("\n  "))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString venv = QStringLiteral(KMSYNC_BINARY_DIR "/pyodps-venv");
        const ProcessResult r =
            runProcess(QStringLiteral("bash"), {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/pyodps/setup-venv.sh"), venv}, 540000);
        if (r.exitCode == 3) {
            m_skipped << QStringLiteral("pyodps is unavailable: ") + QString::fromUtf8(r.err.trimmed());
        } else {
            QVERIFY2(r.exitCode == 0, r.err.constData());
            m_peers << Peer{QStringLiteral("pyodps"), QString::fromUtf8(r.out.trimmed()).section(QLatin1Char('\n'), -1),
                            {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/pyodps/parity_ops.py")}};
        }
    }

    // The comparison itself must see a difference where there is one.
    void diffFindsDifferences()
    {
        McRequest a;
        a.method = "GET";
        a.path = QStringLiteral("/projects/kmsync_test/instances/123");
        a.query = {{QStringLiteral("taskstatus"), QString()}, {QStringLiteral("curr_project"), QStringLiteral("kmsync_test")}};
        McRequest b = a;
        b.query = {{QStringLiteral("taskstatus"), QString()}};
        QCOMPARE(diff({a}, {b}), QStringList({QStringLiteral("only SDK: GET service /projects/{p}/instances/{id}?curr_project&taskstatus"),
                                              QStringLiteral("only kmsync: GET service /projects/{p}/instances/{id}?taskstatus")}));
        McRequest c = a;
        c.headers = {{"Content-Type", "application/octet-stream"}, {"Content-Length", "0"}};
        QCOMPARE(diff({a}, {c}), QStringList({QStringLiteral("GET service /projects/{p}/instances/{id}?curr_project&taskstatus: "
                                                             "header Content-Length: SDK=- kmsync=0"),
                                              QStringLiteral("GET service /projects/{p}/instances/{id}?curr_project&taskstatus: "
                                                             "header Content-Type: SDK=- kmsync=application/octet-stream")}));
        QVERIFY(diff({a, a}, {a}).isEmpty()); // a repeated poll is the same request
    }

    void sameRequestsAsPyodps()
    {
        if (m_peers.isEmpty() || m_peers.first().name != QLatin1String("pyodps"))
            QSKIP(qPrintable(m_skipped.join(QLatin1Char(' '))));
        compareWith(m_peers.first());
    }
};

QTEST_GUILESS_MAIN(TestMaxComputeParity)
#include "tst_maxcompute_parity.moc"
