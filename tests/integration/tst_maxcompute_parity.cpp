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
        {QStringLiteral("upload_new_partition"), {t, QString::fromLatin1(kNewSpec)}},
    };
}

// One difference between an SDK and kmsync that is known and justified. `peer`, `op` and `difference` are
// patterns in which * stands for any text; `difference` is matched against diff()'s lines (with "SDK" for the peer).
struct Justified
{
    const char *peer;
    const char *op;
    const char *difference;
    const char *why; // the same reason stands next to the code and in the README
};

// Keep in step with the README ("Writing to MaxCompute": "How kmsync's requests compare with the official SDKs").
const Justified kJustified[] = {
    // Calls an SDK makes for its own features.
    {"pyodps", "*", "only SDK: GET service /logview/host?",
     "pyodps asks where Logview lives, to print links to instances; kmsync shows none"},
    {"pyodps", "*", "only SDK: GET service /tenants?",
     "pyodps reads the tenant's parameters to learn whether tables live in schemas (project.schema.table); kmsync "
     "addresses project.table, as DataWorks' MaxCompute Writer does"},
    {"java", "*", "only SDK: GET service /projects/{p}?",
     "the Java SDK loads the project object (to learn whether it is an external project) before listing or reading "
     "tables; kmsync needs nothing from it"},
    {"pyodps", "query", "only SDK: GET service /projects/{p}/instances/{id}?source",
     "pyodps reads the submitted job back to find its task's name; kmsync named the task itself"},
    {"pyodps", "query", "only SDK: PUT service /projects/{p}/logs?", "pyodps uploads a log of the client's call"},
    {"pyodps", "add_partition", "only SDK: GET service /projects/{p}/tables/parity_t?",
     "pyodps loads the table object before it alters it; kmsync has read the table's schema earlier in the run"},
    // SQL instances.
    {"*", "*", "only SDK: GET service /projects/{p}/instances/{id}?",
     "the SDKs poll the instance's status, then read the task statuses once; kmsync polls the task statuses, which "
     "carry the instance's status too: one request per poll instead of two, the same answer"},
    {"pyodps", "*", "*xml settings: SDK={PYODPS_PYTHON_VERSION,PYODPS_VERSION*} kmsync={}",
     "pyodps puts its own and Python's version into the task's settings (and odps.sql.submit.mode=script into a "
     "partition DDL); kmsync names itself in x-odps-user-agent and sends one statement per instance"},
    {"java", "*", "*xml settings: SDK={odps.idata.userenv} kmsync={}",
     "the Java SDK puts its version and the machine's IP address into the task's settings (odps.idata.userenv); "
     "kmsync names itself in x-odps-user-agent and sends no address"},
    {"pyodps", "*", "*header Content-MD5: SDK=- kmsync=<hex md5>",
     "kmsync sends the instance XML's MD5 as the Java SDK does (pyodps sends none): the service then refuses a body "
     "changed on the way instead of running another statement"},
    {"java", "*",
     "*xml structure: SDK=Instance Job Priority Tasks SQL Name Config Property Name Value Property Name Value "
     "Property Name Value Query kmsync=Instance Job Priority Tasks SQL Name Config Property Name Value "
     "Property Name Value Query DAG RunMode",
     "kmsync writes the instance XML as pyodps does (a DAG with RunMode Sequence, the query in CDATA ending in ;); "
     "the Java SDK leaves the DAG out, which means the same for a single task"},
    {"java", "*", "*xml properties: SDK=settings,type,uuid kmsync=settings,uuid",
     "the Java SDK adds a property type=sql to the SQL task; pyodps and kmsync do not"},
    // Upload sessions.
    {"*", "upload*", "only kmsync: GET service /projects/{p}/tables/parity_t?",
     "kmsync reads the table's schema before a run and fails, before any data moves, when a mapped column is missing "
     "or has another type"},
    {"*", "upload*", "only kmsync: GET service /projects/{p}/tables/parity_t?partition",
     "kmsync checks whether the destination partition exists before it opens a session: a missing one is created for "
     "the run (as DataWorks' writer does) and dropped again when the run fails"},
    {"java", "upload_new_partition", "only SDK: * service /projects/{p}/instances*",
     "the Java SDK's batch upload session cannot create a partition, so it is added first by an SQL instance "
     "(Table.createPartition, as DataWorks' writer adds it); kmsync asks the session to create it "
     "(create_partition=true, as pyodps' create_upload_session sends it), which saves the instance and its polls, and "
     "adds it by that SQL instance only when the service answers NoSuchPartition all the same"},
    {"java", "upload_new_partition", "* tunnel *: query create_partition: SDK=- kmsync=true",
     "see the SQL instance above: the session creates the partition, and is reloaded with the same parameter, as "
     "pyodps sends it"},
    {"*", "upload*", "*header odps-tunnel-date-transform: SDK=v1 kmsync=-",
     "the SDKs offer to re-encode DATETIME; a session answered with odps-tunnel-date-transform: true makes the Java "
     "SDK write each DATETIME as the JVM's local wall-clock time read in a fixed UTC+8 calendar with China's 1940-41 "
     "and 1986-91 DST (pyodps ignores the answer). kmsync does not offer, so no session asks for it, and writes every "
     "DATETIME as its true UTC epoch milliseconds: the bytes pyodps writes and the Java SDK writes when not asked "
     "(TIMESTAMP is never transformed)"},
    {"pyodps", "upload*", "*header odps-tunnel-sdk-support-schema-evolution: SDK=true kmsync=-",
     "pyodps declares that it follows table schema changes during a session; kmsync checks the session's schema "
     "against the schema it mapped to and fails on a difference"},
    {"pyodps", "upload*", "*header odps-tunnel-retry-*: SDK=<set> kmsync=-",
     "pyodps numbers its attempts and tags them with a trace id for the service's logs; kmsync logs its own retries"},
    {"pyodps", "upload*", "*query reload: SDK=* kmsync=-",
     "pyodps marks its session requests with reload=False/True; the other SDKs and kmsync tell them apart by "
     "uploads/uploadid"},
    {"pyodps", "upload*", "*query uploads: SDK=1 kmsync=<none>",
     "pyodps sends uploads=1, the Java SDK and kmsync send a bare uploads"},
    {"pyodps", "upload*", "GET tunnel *: header Content-Length: SDK=0 kmsync=-",
     "pyodps sends Content-Length: 0 even on the session reload (a GET); the Java SDK and kmsync send no body headers "
     "on a GET"},
    {"java", "upload*", "POST tunnel *: header Content-Length: SDK=- kmsync=0",
     "an empty POST (create and commit a session) carries Content-Length: 0 as pyodps sends it; the Java SDK sends "
     "no body headers at all"},
    {"pyodps", "upload*", "*query getblockid: SDK=- kmsync=true",
     "kmsync asks for the block list on reload as the Java SDK does (getblockid=true) and checks it before the commit"},
    {"*", "upload*", "PUT tunnel *: header Content-Length: SDK=- kmsync=<n>",
     "kmsync builds each block in memory and sends it with Content-Length; the SDKs stream it chunked. The service "
     "documents IncompleteBody for a short Content-Length body, so sized bodies are read"},
    {"*", "upload*", "PUT tunnel *: header Transfer-Encoding: SDK=chunked kmsync=-", "see Content-Length"},
    {"*", "upload*", "PUT tunnel *: header Content-Encoding: SDK=- kmsync=deflate",
     "kmsync compresses blocks with deflate (a zlib stream, level 1) by default; both SDKs send the same encoding "
     "when compression is switched on, and write raw blocks by default"},
};

bool globMatch(const QString &pattern, const QString &text)
{
    QStringList parts = pattern.split(QLatin1Char('*'));
    for (QString &part : parts)
        part = QRegularExpression::escape(part);
    return QRegularExpression(QRegularExpression::anchoredPattern(parts.join(QStringLiteral(".*"))))
        .match(text)
        .hasMatch();
}

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

// The instance XML, as attributes: its elements in document order, the task's name, its config properties and the
// keys of its settings. The uuid's value and the query text are left out (they differ by nature); the order of the
// properties carries no meaning.
QMap<QString, QString> instanceXmlShape(const QByteArray &body)
{
    QStringList elements;
    QStringList properties;
    QStringList settings;
    QString task;
    QXmlStreamReader x(body);
    QString name;
    while (!x.atEnd()) {
        if (x.readNext() != QXmlStreamReader::StartElement)
            continue;
        elements << x.name().toString();
        if (x.name() == QLatin1String("Name")) {
            name = x.readElementText();
            if (task.isEmpty())
                task = name; // the task's own <Name> comes before its properties' names
            else
                properties << name;
        } else if (x.name() == QLatin1String("Value") && name == QLatin1String("settings")) {
            settings = QJsonDocument::fromJson(x.readElementText().toUtf8()).object().keys();
        }
    }
    if (x.hasError())
        return {{QStringLiteral("xml"), QStringLiteral("<not XML: %1>").arg(x.errorString())}};
    properties.sort();
    settings.sort();
    return {{QStringLiteral("xml structure"), elements.join(QLatin1Char(' '))},
            {QStringLiteral("xml task"), task},
            {QStringLiteral("xml properties"), properties.join(QLatin1Char(','))},
            {QStringLiteral("xml settings"), QLatin1Char('{') + settings.join(QLatin1Char(',')) + QLatin1Char('}')}};
}

struct Shape
{
    QString key;                  // "METHOD endpoint path ? sorted query names"
    QMap<QString, QString> attrs; // what is compared once the keys match
};

Shape shapeOf(const McRequest &r)
{
    Shape s;
    // The parameters that say what a request does make its key; the others (curr_project, overwrite, reload,
    // getblockid, ...) are compared as attributes, so that a request with one more such parameter is still paired.
    static const QStringList actions{QStringLiteral("uploads"),        QStringLiteral("uploadid"),
                                     QStringLiteral("blockid"),        QStringLiteral("taskstatus"),
                                     QStringLiteral("instancestatus"), QStringLiteral("result"),
                                     QStringLiteral("source"),         QStringLiteral("service"),
                                     QStringLiteral("partition"),      QStringLiteral("expectmarker")};
    QStringList names;
    for (const auto &[name, value] : r.query) {
        if (actions.contains(name))
            names << name;
        s.attrs.insert(QStringLiteral("query ") + name, normalisedQueryValue(name, value));
    }
    for (const QString &name : {QStringLiteral("curr_project"), QStringLiteral("overwrite")}) {
        if (!s.attrs.contains(QStringLiteral("query ") + name))
            s.attrs.insert(QStringLiteral("query ") + name, QStringLiteral("-"));
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
    header("Content-Length", !r.hasHeader("Content-Length") ? QStringLiteral("-")
                             : length.trimmed() == "0"      ? QStringLiteral("0")
                                                            : QStringLiteral("<n>"));
    if (r.hasHeader("Content-MD5")) {
        // The server refuses a wrong MD5; here only its presence and form count (the SDKs send lower-case hex).
        const QByteArray md5 = r.header("Content-MD5");
        header("Content-MD5", md5 == QCryptographicHash::hash(r.body, QCryptographicHash::Md5).toHex()
                                  ? QStringLiteral("<hex md5>")
                                  : QStringLiteral("<other>"));
    } else {
        header("Content-MD5", QStringLiteral("-"));
    }
    QMap<QString, QString> odps;
    for (const auto &[k, v] : r.headers) {
        const QString name = QString::fromLatin1(k).toLower();
        if (name.startsWith(QLatin1String("x-odps-")) || name.startsWith(QLatin1String("odps-")))
            odps.insert(name, name == QLatin1String("x-odps-user-agent")
                                      || name.startsWith(QLatin1String("odps-tunnel-retry-"))
                                  ? QStringLiteral("<set>") // says who sent it, or differs per request
                                  : QString::fromLatin1(v));
    }
    for (const char *name : {"x-odps-user-agent", "x-odps-tunnel-version"}) {
        if (!odps.contains(QString::fromLatin1(name)))
            odps.insert(QString::fromLatin1(name), QStringLiteral("-"));
    }
    for (auto it = odps.begin(); it != odps.end(); ++it)
        s.attrs.insert(QStringLiteral("header ") + it.key(), it.value());
    const QByteArray auth = r.header("Authorization");
    s.attrs.insert(QStringLiteral("signature"),
                   auth.left(auth.indexOf(':')).count('/') == 4 ? QStringLiteral("v4") : QStringLiteral("v2"));
    if (r.method == "POST" && r.path.endsWith(QLatin1String("/instances")))
        s.attrs.insert(instanceXmlShape(r.body));
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
    QVERIFY(server.catalogue()
                .execute(QStringLiteral("CREATE TABLE parity_t (id BIGINT, s STRING) PARTITIONED BY (ds STRING)"), none)
                .ok());
    QVERIFY(
        server.catalogue().execute(QStringLiteral("ALTER TABLE parity_t ADD PARTITION (ds='20221122')"), none).ok());
}

// What the operation leaves behind, compared between the SDK and kmsync so that both did the same thing (the peers
// upload a few rows of their own, so only whether a partition has rows counts).
QString outcome(McServer &server)
{
    QStringList parts = server.catalogue().tableNames();
    parts.sort();
    const auto *t = server.catalogue().table(QString::fromLatin1(kTable));
    if (t) {
        for (const QString &p : t->partitions)
            parts << p
                         + (server.rows(QString::fromLatin1(kTable), p).empty() ? QStringLiteral(":empty")
                                                                                : QStringLiteral(":rows"));
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
        if (!r)
            return r.error();
        QStringList firstRow; // as the service's CSV writes it, NULL as \N
        for (const auto &cell : r->rows.empty() ? std::vector<std::optional<QString>>{} : r->rows.front())
            firstRow << cell.value_or(QStringLiteral("\\N"));
        return Result<QString>(firstRow.join(QLatin1Char(',')));
    }
    if (op.name == QLatin1String("tunnel_endpoint")) {
        auto r = client->tunnelEndpoint();
        return r ? Result<QString>(r->toString()) : Result<QString>(r.error());
    }
    if (op.name.startsWith(QLatin1String("upload"))) {
        TunnelSinkOptions sinkOptions;
        sinkOptions
            .expectedColumns = {ColumnDef{QStringLiteral("id"), *ColumnType::parse(QStringLiteral("BIGINT")), {}},
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

} // namespace

class TestMaxComputeParity : public QObject
{
    Q_OBJECT

private:
    QMap<QString, Peer> m_peers;      // by name: pyodps, java
    QMap<QString, QString> m_skipped; // by name: why the peer is unavailable

    void compareWith(const Peer &peer)
    {
        QStringList unexpected;
        QStringList report;
        QStringList refused; // requests the test server did not accept: it must speak what the SDK expects
        QSet<int> used;
        for (const Operation &op : operations()) {
            McServer sdkServer;
            prepareServer(sdkServer);
            QStringList args = peer.prefix;
            args << sdkServer.serviceEndpoint()
                 << (op.discoverTunnel ? QStringLiteral("-") : sdkServer.tunnelEndpoint())
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
            QVERIFY2(ours.ok(),
                     qPrintable(op.name + QStringLiteral(": ") + (ours.ok() ? QString() : ours.error().message)));
            QCOMPARE(ourServer.authFailures(), 0);
            QCOMPARE(outcome(ourServer), outcome(sdkServer));
            for (const McRequest &req : sdkServer.requests()) {
                if (req.status >= 400)
                    refused << QStringLiteral("%1 %2: %3 %4 -> %5")
                                   .arg(peer.name, op.name, QString::fromLatin1(req.method), req.path)
                                   .arg(req.status);
            }
            for (const McRequest &req : ourServer.requests()) {
                // A missing partition's GET is answered 404: that is the answer "missing", not a refusal.
                const bool partitionMissing = req.method == "GET" && req.status == 404
                                           && std::any_of(req.query.begin(), req.query.end(), [](const auto &kv) {
                                                  return kv.first == QLatin1String("partition");
                                              });
                if (req.status >= 400 && !partitionMissing)
                    refused << QStringLiteral("kmsync %1: %2 %3 -> %4")
                                   .arg(op.name, QString::fromLatin1(req.method), req.path)
                                   .arg(req.status);
            }
            const auto listing = [](const McServer &server) {
                QStringList lines;
                for (const McRequest &req : server.requests())
                    lines << shapeOf(req).key;
                return lines.join(QStringLiteral("\n    "));
            };
            report << QStringLiteral("%1 requests (%2):\n    %3").arg(op.name, peer.name, listing(sdkServer))
                   << QStringLiteral("%1 requests (kmsync):\n    %2").arg(op.name, listing(ourServer));
            for (const QString &d : diff(sdkServer.requests(), ourServer.requests())) {
                const QString line = QString(d).replace(QLatin1String("SDK"), peer.name);
                report << op.name + QStringLiteral(": ") + line;
                bool listed = false;
                for (int i = 0; i < int(std::size(kJustified)); ++i) {
                    const Justified &j = kJustified[i];
                    if (globMatch(QLatin1String(j.peer), peer.name) && globMatch(QLatin1String(j.op), op.name)
                        && globMatch(QLatin1String(j.difference), d)) {
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
            if (!used.contains(i) && globMatch(QLatin1String(kJustified[i].peer), peer.name))
                stale << QStringLiteral("%1/%2: %3")
                             .arg(QLatin1String(kJustified[i].peer), QLatin1String(kJustified[i].op),
                                  QLatin1String(kJustified[i].difference));
        }
        QVERIFY2(refused.isEmpty(),
                 qPrintable(QStringLiteral("the test server refused:\n  ") + refused.join(QStringLiteral("\n  "))));
        QVERIFY2(unexpected.isEmpty(),
                 qPrintable(
                     QStringLiteral("differences from %1 that are neither removed nor justified:\n  ").arg(peer.name)
                     + unexpected.join(QStringLiteral("\n  "))));
        QVERIFY2(stale.isEmpty(),
                 qPrintable(QStringLiteral("justified differences that no longer occur with %1 (remove them "
                                           "here and in the README):\n  ")
                                .arg(peer.name)
                            + stale.join(QStringLiteral("\n  "))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const ProcessResult py = runProcess(QStringLiteral("bash"),
                                            {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/pyodps/setup-venv.sh"),
                                             QStringLiteral(KMSYNC_BINARY_DIR "/pyodps-venv")},
                                            540000);
        if (py.exitCode == 3) {
            m_skipped.insert(QStringLiteral("pyodps"),
                             QStringLiteral("pyodps is unavailable: ") + QString::fromUtf8(py.err.trimmed()));
        } else {
            QVERIFY2(py.exitCode == 0, py.err.constData());
            m_peers.insert(QStringLiteral("pyodps"),
                           Peer{QStringLiteral("pyodps"),
                                QString::fromUtf8(py.out.trimmed()).section(QLatin1Char('\n'), -1),
                                {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/pyodps/parity_ops.py")}});
        }
        const ProcessResult java = runProcess(QStringLiteral("bash"),
                                              {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/javasdk/setup.sh"),
                                               QStringLiteral(KMSYNC_BINARY_DIR "/odps-java")},
                                              540000);
        if (java.exitCode == 3) {
            m_skipped.insert(QStringLiteral("java"),
                             QStringLiteral("the Java SDK is unavailable: ") + QString::fromUtf8(java.err.trimmed()));
        } else {
            QVERIFY2(java.exitCode == 0, java.err.constData());
            m_peers.insert(QStringLiteral("java"),
                           Peer{QStringLiteral("java"),
                                QStringLiteral("java"),
                                {QStringLiteral("-Xmx256m"), QStringLiteral("-Duser.timezone=UTC"),
                                 QStringLiteral("-cp"),
                                 QString::fromUtf8(java.out.trimmed()).section(QLatin1Char('\n'), -1),
                                 QStringLiteral("SdkPeer"), QStringLiteral("op")}});
        }
    }

    // The comparison itself must see a difference where there is one.
    void diffFindsDifferences()
    {
        McRequest a;
        a.method = "GET";
        a.path = QStringLiteral("/projects/kmsync_test/instances/123");
        a.query = {{QStringLiteral("taskstatus"), QString()},
                   {QStringLiteral("curr_project"), QStringLiteral("kmsync_test")}};
        McRequest b = a;
        b.query = {{QStringLiteral("taskstatus"), QString()}};
        QCOMPARE(diff({a}, {b}), QStringList({QStringLiteral("GET service /projects/{p}/instances/{id}?taskstatus: "
                                                             "query curr_project: SDK={p} kmsync=-")}));
        McRequest c = a;
        c.headers = {{"Content-Type", "application/octet-stream"}, {"Content-Length", "0"}};
        QCOMPARE(diff({a}, {c}),
                 QStringList({QStringLiteral("GET service /projects/{p}/instances/{id}?taskstatus: "
                                             "header Content-Length: SDK=- kmsync=0"),
                              QStringLiteral("GET service /projects/{p}/instances/{id}?taskstatus: "
                                             "header Content-Type: SDK=- kmsync=application/octet-stream")}));
        McRequest d = a;
        d.query.append({QStringLiteral("result"), QString()});
        QCOMPARE(diff({a}, {d}),
                 QStringList(
                     {QStringLiteral("only SDK: GET service /projects/{p}/instances/{id}?taskstatus"),
                      QStringLiteral("only kmsync: GET service /projects/{p}/instances/{id}?result&taskstatus")}));
        QVERIFY(diff({a, a}, {a}).isEmpty()); // a repeated poll is the same request
        QVERIFY(globMatch(QStringLiteral("*header X: SDK=* kmsync=-"),
                          QStringLiteral("PUT tunnel /a?b: header X: SDK=1 kmsync=-")));
        QVERIFY(
            !globMatch(QStringLiteral("header X: SDK=*"), QStringLiteral("PUT tunnel /a?b: header X: SDK=1 kmsync=-")));
    }

    void sameRequestsAsPyodps()
    {
        if (!m_peers.contains(QStringLiteral("pyodps")))
            QSKIP(qPrintable(m_skipped.value(QStringLiteral("pyodps"))));
        compareWith(m_peers.value(QStringLiteral("pyodps")));
    }

    void sameRequestsAsJavaSdk()
    {
        if (!m_peers.contains(QStringLiteral("java")))
            QSKIP(qPrintable(m_skipped.value(QStringLiteral("java"))));
        compareWith(m_peers.value(QStringLiteral("java")));
    }
};

QTEST_GUILESS_MAIN(TestMaxComputeParity)
#include "tst_maxcompute_parity.moc"
