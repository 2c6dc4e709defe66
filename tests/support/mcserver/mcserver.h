#pragma once

#include <map>
#include <optional>
#include <vector>

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include "engine/core/tableschema.h"
#include "engine/core/value.h"
#include "tests/support/mcserver/mcsqlengine.h"

namespace kmsync::test {

// One injected fault: the first `skip` requests that match pass, the next `times` get `status` (0: answered
// normally) after `delayMs`, with an ODPS error body or, when `body` is set, that body as it is (a proxy's page).
struct McFault
{
    enum class Target { BlockPut, Commit, CreateSession, Reload, Sql, SqlPoll, TunnelDiscovery, Any };
    Target target = Target::BlockPut;
    int skip = 0;
    int times = 1;
    int status = 500;
    int delayMs = 0;
    std::optional<QByteArray> body = std::nullopt;
    QByteArray contentType = "text/html";
    int seen = 0; // matching requests so far (server-maintained)
    // BlockPut only: >= 0 matches only the PUTs of this block id (skip/times count those), e.g. {.times = 1000,
    // .blockId = 5} fails block 5 every time while the other blocks are stored.
    qint64 blockId = -1;
};

// One request as the server received it, for comparing what kmsync and the official SDKs send.
struct McRequest
{
    QByteArray method;
    bool tunnel = false;                          // Tunnel endpoint (/projects/...), else the service's /api
    QString path;                                 // decoded, without the service endpoint's /api
    QList<QPair<QString, QString>> query;         // decoded, in the order sent
    QList<QPair<QByteArray, QByteArray>> headers; // as sent (names as the client spelled them)
    QByteArray body;                              // as received (compressed blocks stay compressed)
    int status = 0;                               // what the server answered
    bool handshakeWait = false; // the first request of a connection whose handshakes were not through (connect latency)
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    bool hasHeader(const QByteArray &name) const;
};

// A local MaxCompute test server (REST under /api, Tunnel at /) on 127.0.0.1 with a free port. Strict where the
// service is strict: every request must carry a valid ODPS signature from a known AccessKey and a Date within
// 15 minutes; every block is inflated (Content-Encoding: deflate) and decoded with TunnelRecordReader (bad tags,
// CRCs and counts are rejected with MalformedDataStream); uploads stay invisible until commit; overwrite sessions
// replace the partition; a missing table, partition or bad spec is NoSuchTable / NoSuchPartition /
// InvalidPartitionSpec. Every answer carries x-odps-request-id. Runs in the thread that created it.
class McServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(McServer)

public:
    static constexpr const char *kAccessId = "mc-test-ak";
    static constexpr const char *kAccessKey = "mc-test-sk";
    static constexpr const char *kProject = "kmsync_test";

    explicit McServer(QObject *parent = nullptr);
    ~McServer() override;

    // Listens on 127.0.0.1, port 0 (a free one). Returns the port, 0 on failure.
    quint16 start();
    quint16 port() const { return m_port; }
    QString serviceEndpoint() const; // http://127.0.0.1:<port>/api
    QString tunnelEndpoint() const;  // http://127.0.0.1:<port>, what Tunnel discovery answers too
    // On Alibaba Cloud the Tunnel is another host than the service. From this call on (before or after start()), the
    // Tunnel endpoint, and what discovery answers, is a second port of this server, so that the client opens
    // connections of its own to it, with their own handshakes (an address, not a name: no lookup). Both ports serve
    // both APIs. False when the second port could not be opened.
    bool separateTunnel();
    // A datasource connection object for this server (tunnel endpoint left to discovery unless asked).
    QJsonObject connection(bool withTunnelEndpoint = false) const;

    void addCredential(const QString &accessId, const QString &accessKey);
    void setClockSkewSeconds(int seconds) { m_clockSkew = seconds; }
    // A service far away (test and benchmark knobs; both 0 by default: answers go out at once). Each connection
    // carries request bodies at `bytesPerSecond` (0: no cap): the answer to a body of S bytes waits until S /
    // bytesPerSecond after its request's first bytes came in, or after the connection's previous body was through if
    // that is later. Every answer waits `latencyMs` more.
    void setBandwidthPerConnection(qint64 bytesPerSecond) { m_bandwidth = bytesPerSecond; }
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    qint64 bandwidthPerConnection() const { return m_bandwidth; }
    int latencyMs() const { return m_latencyMs; }
    // What opening a connection costs far away (the TCP and TLS handshakes, a round trip or more each): a connection's
    // first request is taken in no earlier than `ms` after the connection was accepted (0 by default).
    void setConnectLatencyMs(int ms) { m_connectLatencyMs = ms; }
    int connectLatencyMs() const { return m_connectLatencyMs; }
    // How long an SQL instance runs as far as its status says (0 by default: Terminated at once). Its statement takes
    // effect at submission all the same; until `ms` after it, status polls answer Running.
    void setSqlRunMs(int ms) { m_sqlRunMs = ms; }
    // What an upload session asked to create_partition=true (pyodps' create_upload_session(create_partition=True))
    // does with a missing partition. No document says when the service creates it, so tests cover each: at the
    // commit (the default: nothing changes before it), when the session is created, or not at all (a service that
    // ignores the parameter answers NoSuchPartition as without it).
    enum class CreatePartition { AtCommit, AtSession, Ignored };
    void setCreatePartition(CreatePartition mode) { m_createPartition = mode; }

    McSqlEngine &catalogue() { return m_sql; }
    // Rows of one partition ("" for a non-partitioned table), in commit order.
    std::vector<engine::Row> rows(const QString &table, const QString &partition = {}) const;

    void addFault(McFault fault) { m_faults.push_back(fault); }
    void clearFaults() { m_faults.clear(); }

    // Counters, for assertions.
    int blockPuts() const { return m_blockPuts; }
    // The most block PUTs received and not answered yet at one time (concurrent uploads show here when answers wait).
    int maxConcurrentBlockPuts() const { return m_maxPendingPuts; }
    // The same for every other request (a client that sends two at once shows 2 when answers wait).
    int maxConcurrentOtherRequests() const { return m_maxPendingOther; }
    int commits() const { return m_commits; }
    int connections() const { return m_connections; } // connections that sent at least one request
    // First requests that came before their connection's handshakes were through (connect latency): a client that
    // opened its connection early enough does not count here.
    int handshakeWaits() const { return m_handshakeWaits; }
    int authFailures() const { return m_authFailures; }
    int instancesStopped() const { return m_instancesStopped; } // PUT .../instances/ID <Status>Terminated</Status>
    QList<qint64> blockIdsPut() const { return m_blockIdsPut; }
    QString lastError() const { return m_lastError; }
    QByteArray lastRequestId() const { return m_lastRequestId; }
    QByteArray lastStsToken() const { return m_lastStsToken; }    // the authorization-sts-token header last seen
    QList<QByteArray> requestLog() const { return m_requestLog; } // "METHOD path?query" (no headers, no secrets)
    // Every request since start() or the last clearRequests(), in arrival order, with headers and body.
    const QList<McRequest> &requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    struct Block
    {
        std::vector<engine::Row> rows; // until the session is committed
        qint64 records = 0;
        qint64 rawSize = 0;
    };
    struct Session
    {
        QString table;
        QString partition;
        bool overwrite = false;
        QString status = QStringLiteral("normal");
        std::map<qint64, Block> blocks;
        engine::TableSchema schema;
    };
    struct Instance
    {
        bool success = true;
        QString result;
        QString taskName;  // as the client named it (AnonymousSQLTask, the Java SDK's SQLAddPartitionTask, ...)
        QByteArray source; // the job XML as submitted (GET ...?source)
        qint64 doneAt = 0; // ms since epoch from when its status is Terminated (setSqlRunMs)
    };

    // Listens on 127.0.0.1 at a free port for this server; the port, 0 on failure.
    quint16 listenOnLoopback();
    quint16 tunnelPort() const; // the second port once separateTunnel() opened it, else the service's
    Reply dispatch(const QHttpServerRequest &request, const QString &path, const QList<QPair<QString, QString>> &query,
                   const QByteArray &requestId);
    Reply tunnel(const QHttpServerRequest &request, const QString &table, const QList<QPair<QString, QString>> &query);
    Reply service(const QHttpServerRequest &request, const QStringList &segments,
                  const QList<QPair<QString, QString>> &query);
    std::optional<Reply> checkAuth(const QHttpServerRequest &request, const QString &signedPath,
                                   const QList<QPair<QString, QString>> &query);
    Reply tunnelError(int status, const QString &code, const QString &message);
    Reply serviceError(int status, const QString &code, const QString &message);
    QJsonObject sessionJson(const QString &id, const Session &s) const;
    McFault *matchFault(McFault::Target target, qint64 blockId);

    McSqlEngine m_sql;
    std::map<QString, QString> m_credentials;
    std::map<QString, Session> m_sessions;
    std::map<QString, Instance> m_instances;
    std::vector<McFault> m_faults;
    quint16 m_port = 0;
    bool m_separateTunnel = false;
    quint16 m_tunnelPort = 0; // the second port once separateTunnel() opened it
    int m_clockSkew = 0;
    qint64 m_bandwidth = 0;
    int m_latencyMs = 0;
    QHash<QTcpSocket *, qint64> m_linkFreeAt; // per connection: when its previous body is through (ms since epoch)
    int m_connectLatencyMs = 0;
    int m_sqlRunMs = 0;
    CreatePartition m_createPartition = CreatePartition::AtCommit;
    int m_connections = 0;
    int m_handshakeWaits = 0;
    QHash<qintptr, qint64> m_acceptedAt;            // socket descriptor -> when it was accepted (ms since epoch)
    QHash<QTcpSocket *, qint64> m_requestStartedAt; // connection -> when its next request's first bytes came (ms)
    QSet<QTcpSocket *> m_openConnections; // those that sent a request and are still open (their entries here and in
                                          // m_linkFreeAt go when they close)
    int m_pendingPuts = 0;
    int m_maxPendingPuts = 0;
    int m_pendingOther = 0;
    int m_maxPendingOther = 0;
    int m_blockPuts = 0;
    int m_commits = 0;
    int m_authFailures = 0;
    int m_instancesStopped = 0;
    quint64 m_nextId = 1;
    QList<qint64> m_blockIdsPut;
    QString m_lastError;
    QByteArray m_lastRequestId;
    QByteArray m_currentRequestId;
    QByteArray m_lastStsToken;
    QList<QByteArray> m_requestLog;
    QList<McRequest> m_requests;
};

} // namespace kmsync::test
