#include "tests/support/mcserver/mcserver.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QXmlStreamReader>

#include "engine/maxcompute/odpssigner.h"
#include "engine/maxcompute/tunnelrecordreader.h"
#include "engine/odpssql/partitionspec.h"
#include "tests/support/mcserver/mcserverhttp.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::engine::odpssql::PartitionSpec;

namespace kmsync::test {

using namespace mcserverhttp;

namespace {

constexpr int kMaxSkewSeconds = 15 * 60;

QByteArray xmlCdata(const QString &s)
{
    QString escaped = s;
    escaped.replace(QStringLiteral("]]>"), QStringLiteral("]]]]><![CDATA[>"));
    return "<![CDATA[" + escaped.toUtf8() + "]]>";
}

} // namespace

QByteArray McRequest::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool McRequest::hasHeader(const QByteArray &name) const
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

McServer::McServer(QObject *parent)
    : QAbstractHttpServer(parent)
{
    addCredential(QString::fromLatin1(kAccessId), QString::fromLatin1(kAccessKey));
}

McServer::~McServer() = default;

namespace {

// Notes when each connection was accepted, for the connect-latency knob (a connection opened ahead of its first
// request has had its handshakes by then).
class AcceptClockServer final : public QTcpServer
{
public:
    AcceptClockServer(QHash<qintptr, qint64> &acceptedAt, QHash<QTcpSocket *, qint64> &requestStartedAt,
                      QObject *parent)
        : QTcpServer(parent)
        , m_acceptedAt(acceptedAt)
        , m_requestStartedAt(requestStartedAt)
    {
    }

protected:
    // What QTcpServer does, plus two clocks: when the connection was accepted, and when the first bytes of its next
    // request came in. This readyRead handler is connected before the HTTP server's, so it sees a request's first
    // bytes before that request is handled; McServer::handleRequest takes the entry.
    void incomingConnection(qintptr descriptor) override
    {
        m_acceptedAt[descriptor] = QDateTime::currentMSecsSinceEpoch();
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (!m_requestStartedAt.contains(socket))
                m_requestStartedAt.insert(socket, QDateTime::currentMSecsSinceEpoch());
        });
        connect(socket, &QObject::destroyed, this, [this, socket] { m_requestStartedAt.remove(socket); });
        addPendingConnection(socket);
    }

private:
    QHash<qintptr, qint64> &m_acceptedAt;
    QHash<QTcpSocket *, qint64> &m_requestStartedAt;
};

} // namespace

quint16 McServer::listenOnLoopback()
{
    auto *tcp = new AcceptClockServer(m_acceptedAt, m_requestStartedAt, this);
    if (!tcp->listen(QHostAddress::LocalHost, 0)) {
        delete tcp;
        return 0;
    }
    bind(tcp);
    return tcp->serverPort();
}

quint16 McServer::start()
{
    m_port = listenOnLoopback();
    if (m_port != 0 && m_separateTunnel && !separateTunnel())
        return 0;
    return m_port;
}

bool McServer::separateTunnel()
{
    m_separateTunnel = true;
    if (m_port == 0 || m_tunnelPort != 0)
        return true; // start() opens it
    m_tunnelPort = listenOnLoopback();
    return m_tunnelPort != 0;
}

quint16 McServer::tunnelPort() const
{
    return m_tunnelPort != 0 ? m_tunnelPort : m_port;
}

QString McServer::serviceEndpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1/api").arg(m_port);
}

QString McServer::tunnelEndpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(tunnelPort());
}

QJsonObject McServer::connection(bool withTunnelEndpoint) const
{
    QJsonObject o{{QStringLiteral("endpoint"), serviceEndpoint()},
                  {QStringLiteral("project"), QString::fromLatin1(kProject)},
                  {QStringLiteral("accessId"), QString::fromLatin1(kAccessId)},
                  {QStringLiteral("accessKey"), QString::fromLatin1(kAccessKey)}};
    if (withTunnelEndpoint)
        o.insert(QStringLiteral("tunnelEndpoint"), tunnelEndpoint());
    return o;
}

void McServer::addCredential(const QString &accessId, const QString &accessKey)
{
    m_credentials[accessId] = accessKey;
}

std::vector<Row> McServer::rows(const QString &table, const QString &partition) const
{
    const McTable *t = m_sql.table(table);
    if (!t)
        return {};
    auto it = t->data.find(partition);
    return it == t->data.end() ? std::vector<Row>{} : it->second;
}

McFault *McServer::matchFault(McFault::Target target, qint64 blockId)
{
    for (auto &f : m_faults) {
        if (f.target != target && f.target != McFault::Target::Any)
            continue;
        if (f.blockId >= 0 && f.blockId != blockId)
            continue;
        const int n = f.seen++;
        if (n >= f.skip && n < f.skip + f.times)
            return &f;
    }
    return nullptr;
}

McServer::Reply McServer::tunnelError(int status, const QString &code, const QString &message)
{
    m_lastError = code + QStringLiteral(": ") + message;
    Reply r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("Code"), code},
                                       {QStringLiteral("Message"), message},
                                       {QStringLiteral("RequestId"), QString::fromLatin1(m_currentRequestId)}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

McServer::Reply McServer::serviceError(int status, const QString &code, const QString &message)
{
    m_lastError = code + QStringLiteral(": ") + message;
    Reply r;
    r.status = status;
    r.contentType = "application/xml";
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code.toHtmlEscaped().toUtf8()
           + "</Code><Message>" + message.toHtmlEscaped().toUtf8() + "</Message><RequestId>" + m_currentRequestId
           + "</RequestId><HostId>127.0.0.1</HostId></Error>";
    return r;
}

bool McServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 arrived = QDateTime::currentMSecsSinceEpoch();
    const qint64 firstBytes = m_requestStartedAt.take(socket); // 0 when unknown
    const qint64 started = firstBytes > 0 ? std::min(arrived, firstBytes) : arrived;
    const QUrl url = request.url();
    const QString path = url.path(QUrl::FullyDecoded);
    const QByteArray rawQuery = url.query(QUrl::FullyEncoded).toLatin1();
    const auto query = parseQuery(rawQuery);
    m_currentRequestId = QByteArray("mc") + QByteArray::number(quint64(QDateTime::currentMSecsSinceEpoch()), 36) + '-'
                       + QByteArray::number(m_nextId++);
    m_lastRequestId = m_currentRequestId;
    const QByteArray verb = methodName(request.method());
    m_requestLog.append(verb + ' ' + path.toUtf8() + (rawQuery.isEmpty() ? QByteArray() : '?' + rawQuery));

    McFault::Target target = McFault::Target::Any;
    const bool isTunnel = !path.startsWith(QLatin1String("/api/"));
    if (isTunnel && verb == "PUT" && has(query, "blockid"))
        target = McFault::Target::BlockPut;
    else if (isTunnel && verb == "POST" && has(query, "uploadid"))
        target = McFault::Target::Commit;
    else if (isTunnel && verb == "POST" && has(query, "uploads"))
        target = McFault::Target::CreateSession;
    else if (isTunnel && verb == "GET" && has(query, "uploadid"))
        target = McFault::Target::Reload;
    else if (!isTunnel && verb == "POST" && path.endsWith(QLatin1String("/instances")))
        target = McFault::Target::Sql;
    else if (!isTunnel && verb == "GET" && path.contains(QLatin1String("/instances/")) && has(query, "taskstatus"))
        target = McFault::Target::SqlPoll;
    else if (!isTunnel && verb == "GET" && path.endsWith(QLatin1String("/tunnel")) && has(query, "service"))
        target = McFault::Target::TunnelDiscovery;

    Reply reply;
    int delay = 0;
    const qint64 blockId = target == McFault::Target::BlockPut ? get(query, "blockid").toLongLong() : -1;
    McFault *fault = target == McFault::Target::Any ? nullptr : matchFault(target, blockId);
    if (fault && fault->status != 0 && fault->body) {
        reply.status = fault->status;
        reply.body = *fault->body;
        reply.contentType = fault->contentType;
        delay = fault->delayMs;
    } else if (fault && fault->status != 0) {
        reply = fault->status == 429 ? tunnelError(429, QStringLiteral("FlowExceeded"),
                                                   QStringLiteral("injected: flow exceeded, retry later"))
                                     : tunnelError(fault->status, QStringLiteral("InternalServerError"),
                                                   QStringLiteral("injected: service unavailable"));
        delay = fault->delayMs;
    } else {
        if (fault)
            delay = fault->delayMs;
        reply = dispatch(request, path, query, m_currentRequestId);
    }
    if (target == McFault::Target::BlockPut)
        m_blockIdsPut.append(get(query, "blockid").toLongLong());
    McRequest captured;
    captured.method = verb;
    captured.tunnel = isTunnel;
    captured.path = isTunnel ? path : path.mid(4);
    captured.query = query;
    for (const auto &h : request.headers())
        captured.headers.append(h);
    captured.body = request.body();
    captured.status = reply.status;
    m_requests.append(std::move(captured));

    bool newConnection = false;
    if (!m_openConnections.contains(socket)) {
        newConnection = true;
        ++m_connections;
        m_openConnections.insert(socket);
        connect(socket, &QObject::destroyed, this, [this, socket] {
            m_openConnections.remove(socket);
            m_linkFreeAt.remove(socket);
        });
    }
    // A service far away: opening the connection takes its handshakes, the body its time over this connection's
    // bandwidth, then the latency. The body's time counts from its request's first bytes, as on a real link, where
    // the client's sending is that time: counted from the last byte, the bench would charge the local transfer and
    // the parsing on top. The server's own work (decoding a block) overlaps that time, as it would while the body
    // streams in.
    if (m_bandwidth > 0 || m_latencyMs > 0 || (newConnection && m_connectLatencyMs > 0)) {
        qint64 ready = started;
        if (newConnection && m_connectLatencyMs > 0) {
            const qint64 handshaken = m_acceptedAt.value(socket->socketDescriptor(), started) + m_connectLatencyMs;
            if (handshaken > started) {
                ready = handshaken;
                ++m_handshakeWaits;
                m_requests.last().handshakeWait = true;
            }
        }
        if (m_bandwidth > 0 && !request.body().isEmpty()) {
            const qint64 start = ready;
            ready = std::max(start, m_linkFreeAt.value(socket, start)) + request.body().size() * 1000 / m_bandwidth;
            m_linkFreeAt[socket] = ready;
        }
        delay += int(std::max<qint64>(0, ready + m_latencyMs - QDateTime::currentMSecsSinceEpoch()));
    }
    const bool blockPut = target == McFault::Target::BlockPut;
    if (blockPut)
        m_maxPendingPuts = std::max(m_maxPendingPuts, ++m_pendingPuts);
    else
        m_maxPendingOther = std::max(m_maxPendingOther, ++m_pendingOther);

    const QByteArray requestId = m_currentRequestId;
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    const auto send = [this, blockPut, responder, reply, requestId, sock = QPointer<QTcpSocket>(socket)] {
        --(blockPut ? m_pendingPuts : m_pendingOther);
        if (!sock || sock->state() != QAbstractSocket::ConnectedState)
            return;
        responder->writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
        responder->writeHeader("Content-Type", reply.contentType);
        responder->writeHeader("Content-Length", QByteArray::number(reply.body.size()));
        responder->writeHeader("x-odps-request-id", requestId);
        responder->writeHeader("Date", OdpsSigner::httpDate(QDateTime::currentDateTimeUtc()));
        for (const auto &[k, v] : reply.headers)
            responder->writeHeader(k, v);
        responder->writeBody(reply.body);
    };
    if (delay > 0) // precise: a coarse timer may fire up to 5 % early, which would make the far-away knobs lie
        QTimer::singleShot(delay, Qt::PreciseTimer, this, send);
    else
        send();
    return true;
}

void McServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_requestStartedAt.remove(socket);
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

std::optional<McServer::Reply> McServer::checkAuth(const QHttpServerRequest &request, const QString &signedPath,
                                                   const QList<QPair<QString, QString>> &query)
{
    const auto deny = [this](const QString &code, const QString &message) {
        ++m_authFailures;
        return std::optional<Reply>(tunnelError(403, code, message));
    };
    const QByteArray auth = headerOf(request, "Authorization");
    if (const QByteArray token = headerOf(request, "authorization-sts-token"); !token.isEmpty())
        m_lastStsToken = token;
    const QByteArray dateText = headerOf(request, "Date");
    if (!auth.startsWith("ODPS ") || !auth.contains(':'))
        return deny(QStringLiteral("Unauthorized"), QStringLiteral("missing or malformed Authorization header"));
    const QDateTime date = OdpsSigner::parseHttpDate(dateText);
    if (!date.isValid())
        return deny(QStringLiteral("Unauthorized"), QStringLiteral("missing or malformed Date header"));
    const qint64 skew = date.secsTo(QDateTime::currentDateTimeUtc().addSecs(m_clockSkew));
    if (std::abs(skew) > kMaxSkewSeconds) {
        return deny(QStringLiteral("RequestTimeTooSkewed"),
                    QStringLiteral("the difference between the request time and the server's time is too large (%1 s)")
                        .arg(skew));
    }
    const QByteArray credential = auth.mid(5, auth.lastIndexOf(':') - 5);
    const QList<QByteArray> parts = credential.split('/');
    const QString accessId = QString::fromUtf8(parts.first());
    auto it = m_credentials.find(accessId);
    if (it == m_credentials.end())
        return deny(QStringLiteral("InvalidAccessKeyId"),
                    QStringLiteral("the AccessKeyId %1 does not exist").arg(accessId));
    const QString region = parts.size() == 5 ? QString::fromUtf8(parts.at(2)) : QString();
    const OdpsSigner signer(accessId, it->second, {}, region);
    HeaderList headers;
    for (const auto &h : request.headers())
        headers.append(h);
    const QByteArray expected = signer.authorization(OdpsSigner::stringToSign(methodName(request.method()), signedPath,
                                                                              query, headers),
                                                     date);
    if (expected != auth) {
        return deny(QStringLiteral("SignatureDoesNotMatch"),
                    QStringLiteral("the request signature we calculated does not match the signature you provided"));
    }
    return std::nullopt;
}

McServer::Reply McServer::dispatch(const QHttpServerRequest &request, const QString &path,
                                   const QList<QPair<QString, QString>> &query, const QByteArray &)
{
    const bool isService = path.startsWith(QLatin1String("/api/"));
    const QString signedPath = isService ? path.mid(4) : path;
    if (auto denied = checkAuth(request, signedPath, query))
        return *denied;
    // Content-MD5 is optional, signed when sent (checkAuth), and then must be the MD5 of the body. The Java SDK sends
    // it as lower-case hex (RestClient, for every request with a non-empty, non-streamed body: the SQL instance POST).
    if (const QByteArray md5 = headerOf(request, "Content-MD5");
        !md5.isEmpty()
        && md5.trimmed().toLower() != QCryptographicHash::hash(request.body(), QCryptographicHash::Md5).toHex()) {
        const QString message = QStringLiteral("the Content-MD5 header does not match the MD5 of the %1-byte body")
                                    .arg(request.body().size());
        return isService ? serviceError(400, QStringLiteral("InvalidContentMD5"), message)
                         : tunnelError(400, QStringLiteral("InvalidContentMD5"), message);
    }
    if (isService && signedPath == QLatin1String("/logview/host") && methodName(request.method()) == "GET") {
        // pyodps asks for the Logview host when it needs to show an instance's link; the service answers with a
        // plain URL (no project, so no curr_project either).
        Reply host;
        host.contentType = "text/plain";
        host.body = "http://logview.invalid";
        return host;
    }
    if (isService && signedPath == QLatin1String("/tenants") && methodName(request.method()) == "GET") {
        // pyodps reads the tenant's parameters to learn whether the three-tier model (schemas) is on; it is off here,
        // as kmsync addresses tables as project.table.
        Reply tenant;
        tenant.body = QJsonDocument(
                          QJsonObject{{QStringLiteral("Tenant"),
                                       QJsonObject{{QStringLiteral("Name"), QStringLiteral("kmsync_tenant")},
                                                   {QStringLiteral("TenantId"), QStringLiteral("1")},
                                                   {QStringLiteral("OwnerId"), QString::fromLatin1(kAccessId)},
                                                   {QStringLiteral("TenantState"), QStringLiteral("NORMAL")},
                                                   {QStringLiteral("CreateTime"), 1669046400},
                                                   {QStringLiteral("UpdateTime"), 1669046400},
                                                   {QStringLiteral("TenantMeta"), QString()},
                                                   {QStringLiteral("Parameters"),
                                                    QJsonObject{{QStringLiteral("odps.namespace.schema"),
                                                                 QStringLiteral("false")}}}}}})
                          .toJson(QJsonDocument::Compact);
        return tenant;
    }
    const QStringList segments = signedPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.size() < 2 || segments.at(0) != QLatin1String("projects"))
        return tunnelError(404, QStringLiteral("NoSuchObject"), QStringLiteral("unknown resource %1").arg(signedPath));
    if (segments.at(1) != QLatin1String(kProject))
        return tunnelError(404, QStringLiteral("NoSuchProject"),
                           QStringLiteral("project %1 does not exist").arg(segments.at(1)));
    // pyodps and the Java SDK send curr_project on every request (REST and Tunnel alike), and servers exist that
    // refuse a request without it (the third-party emulator answers 400 on instance polls). Being as strict here
    // makes the integration tier catch a request that drops it.
    if (get(query, "curr_project") != QLatin1String(kProject)) {
        const QString message = QStringLiteral("curr_project must name the project (%1), got \"%2\"")
                                    .arg(QLatin1String(kProject), get(query, "curr_project"));
        return isService ? serviceError(400, QStringLiteral("InvalidArgument"), message)
                         : tunnelError(400, QStringLiteral("InvalidArgument"), message);
    }
    if (isService)
        return service(request, segments, query);
    if (segments.size() == 4 && segments.at(2) == QLatin1String("tables"))
        return tunnel(request, segments.at(3), query);
    return tunnelError(404, QStringLiteral("NoSuchObject"),
                       QStringLiteral("unknown Tunnel resource %1").arg(signedPath));
}

McServer::Reply McServer::service(const QHttpServerRequest &request, const QStringList &segments,
                                  const QList<QPair<QString, QString>> &query)
{
    const QByteArray verb = methodName(request.method());
    Reply ok;
    ok.contentType = "application/xml";
    const QString project = QString::fromLatin1(kProject);
    // The project itself: the Java SDK reads it (Project.reload) before listing tables, to learn whether the project
    // is an external one; the real service answers with its metadata, and the owner and times in headers.
    if (segments.size() == 2 && verb == "GET") {
        ok.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project><Name>" + QByteArray(kProject)
                + "</Name><Type>managed</Type><Comment></Comment><State>AVAILABLE</State><Owner>" + kAccessId
                + "</Owner><Properties></Properties></Project>";
        ok.headers.append({QByteArray("x-odps-owner"), QByteArray(kAccessId)});
        ok.headers.append({QByteArray("x-odps-creation-time"), QByteArray("Thu, 26 Nov 2026 00:00:00 GMT")});
        ok.headers.append({QByteArray("Last-Modified"), QByteArray("Thu, 26 Nov 2026 00:00:00 GMT")});
        return ok;
    }
    // pyodps uploads a client log after an instance ends (RestClient's project "logs" resource); accepted, ignored.
    if (segments.size() == 3 && segments.at(2) == QLatin1String("logs") && verb == "PUT")
        return ok;
    if (segments.size() == 3 && segments.at(2) == QLatin1String("tunnel") && verb == "GET") {
        ok.contentType = "text/plain";
        ok.body = "127.0.0.1:" + QByteArray::number(tunnelPort());
        return ok;
    }
    if (segments.size() == 3 && segments.at(2) == QLatin1String("tables") && verb == "GET") {
        QByteArray xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tables><Marker></Marker><MaxItems>1000</MaxItems>";
        for (const QString &name : m_sql.tableNames())
            xml += "<Table><Name>" + name.toHtmlEscaped().toUtf8() + "</Name><Owner>" + kAccessId + "</Owner></Table>";
        ok.body = xml + "</Tables>";
        return ok;
    }
    if (segments.size() == 4 && segments.at(2) == QLatin1String("tables") && verb == "GET") {
        const McTable *t = m_sql.table(segments.at(3));
        if (!t)
            return serviceError(404, QStringLiteral("NoSuchObject"),
                                QStringLiteral("ODPS-0130131:Table not found - %1").arg(segments.at(3)));
        const QJsonObject schema{{QStringLiteral("columns"), columnsJson(t->schema.columns)},
                                 {QStringLiteral("partitionKeys"), columnsJson(t->schema.partitionKeys)},
                                 {QStringLiteral("lifecycle"), -1},
                                 {QStringLiteral("comment"), QString()},
                                 {QStringLiteral("owner"), QString::fromLatin1(kAccessId)},
                                 {QStringLiteral("isVirtualView"), false},
                                 {QStringLiteral("tableName"), t->schema.name},
                                 {QStringLiteral("createTime"), 1669046400},
                                 {QStringLiteral("lastDDLTime"), 1669046400},
                                 {QStringLiteral("lastModifiedTime"), 1669046400}};
        const QByteArray schemaText = QJsonDocument(schema).toJson(QJsonDocument::Compact);
        if (has(query, "partition")) {
            if (!isQuotedSpecForm(get(query, "partition")))
                return serviceError(400, QStringLiteral("InvalidPartitionSpec"),
                                    QStringLiteral("a partition is given as k='v'[,k2='v2'], as the SDKs send it: %1")
                                        .arg(get(query, "partition")));
            auto spec = PartitionSpec::parse(get(query, "partition"));
            if (!spec)
                return serviceError(400, QStringLiteral("InvalidPartitionSpec"), spec.error().message);
            auto key = McSqlEngine::canonicalPartition(*t, *spec);
            if (!key)
                return serviceError(400, QStringLiteral("InvalidPartitionSpec"), key.error().message);
            if (!t->partitions.count(*key))
                return serviceError(404, QStringLiteral("NoSuchPartition"),
                                    QStringLiteral("ODPS-0130121:Partition not found - %1").arg(*key));
            ok.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Partition><Schema>"
                    + xmlCdata(QString::fromUtf8(schemaText)) + "</Schema></Partition>";
            return ok;
        }
        ok.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Table><Name>" + t->schema.name.toHtmlEscaped().toUtf8()
                + "</Name><TableId>" + QByteArray::number(qHash(t->schema.name)) + "</TableId><Owner>" + kAccessId
                + "</Owner><Project>" + kProject + "</Project><Schema>" + xmlCdata(QString::fromUtf8(schemaText))
                + "</Schema><Type>MANAGED_TABLE</Type></Table>";
        return ok;
    }
    if (segments.size() == 3 && segments.at(2) == QLatin1String("instances") && verb == "POST") {
        QXmlStreamReader x(request.body());
        QString sql;
        QMap<QString, QString> settings;
        QString propName;
        QString taskName;
        while (!x.atEnd()) {
            if (x.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (x.name() == QLatin1String("Query")) {
                sql = x.readElementText();
            } else if (x.name() == QLatin1String("Name")) {
                propName = x.readElementText();
                if (taskName.isEmpty()) // the task's own <Name> comes before its config's property names
                    taskName = propName;
            } else if (x.name() == QLatin1String("Value") && propName == QLatin1String("settings")) {
                const QJsonObject o = QJsonDocument::fromJson(x.readElementText().toUtf8()).object();
                for (auto it = o.begin(); it != o.end(); ++it)
                    settings.insert(it.key(), it.value().toVariant().toString());
            }
        }
        if (x.hasError() || sql.isEmpty())
            return serviceError(400, QStringLiteral("InvalidArgument"),
                                QStringLiteral("the instance XML has no SQL query"));
        auto result = m_sql.execute(sql, settings);
        const QString id = QStringLiteral("20261126000000%1mc").arg(m_nextId++, 6, 10, QLatin1Char('0'));
        m_instances[id] = Instance{result.ok(), result.ok() ? *result : result.error().message, taskName,
                                   request.body(), QDateTime::currentMSecsSinceEpoch() + m_sqlRunMs};
        ok.status = 201;
        ok.body.clear();
        ok.headers.append(
            {"Location", QStringLiteral("%1/projects/%2/instances/%3").arg(serviceEndpoint(), project, id).toUtf8()});
        return ok;
    }
    if (segments.size() == 4 && segments.at(2) == QLatin1String("instances") && verb == "PUT") {
        if (m_instances.find(segments.at(3)) == m_instances.end())
            return serviceError(404, QStringLiteral("NoSuchObject"),
                                QStringLiteral("instance %1 does not exist").arg(segments.at(3)));
        if (!request.body().contains("<Status>Terminated</Status>"))
            return serviceError(400, QStringLiteral("InvalidArgument"),
                                QStringLiteral("an instance can only be terminated"));
        ++m_instancesStopped; // its SQL ran at submission here; the count is what tests look at
        ok.body.clear();
        return ok;
    }
    if (segments.size() == 4 && segments.at(2) == QLatin1String("instances") && verb == "GET") {
        auto it = m_instances.find(segments.at(3));
        if (it == m_instances.end())
            return serviceError(404, QStringLiteral("NoSuchObject"),
                                QStringLiteral("instance %1 does not exist").arg(segments.at(3)));
        const Instance &inst = it->second;
        // The service reports the instance's owner and times in headers; the Java SDK's Instance.reload requires
        // x-odps-start-time (it fails with "Invalid response" without it).
        ok.headers.append({QByteArray("x-odps-owner"), QByteArray(kAccessId)});
        ok.headers.append({QByteArray("x-odps-start-time"), QByteArray("Thu, 26 Nov 2026 00:00:00 GMT")});
        ok.headers.append({QByteArray("x-odps-end-time"), QByteArray("Thu, 26 Nov 2026 00:00:01 GMT")});
        if (has(query, "source")) { // pyodps reads the job back to learn its task names before reading results
            // The service answers with the submitted <Job> element as the document's root.
            const qsizetype from = inst.source.indexOf("<Job>");
            const qsizetype to = inst.source.lastIndexOf("</Job>");
            if (from < 0 || to < from)
                return serviceError(500, QStringLiteral("InternalServerError"),
                                    QStringLiteral("the submitted job has no <Job>"));
            ok.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + inst.source.mid(from, to + 6 - from);
            return ok;
        }
        if (has(query, "result")) {
            ok.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Instance><Tasks><Task Type=\"SQL\"><Name>"
                    + inst.taskName.toHtmlEscaped().toUtf8()
                    + "</Name>"
                      "<Result Format=\""
                    + QByteArray(inst.success ? "csv" : "text") + "\">" + xmlCdata(inst.result)
                    + "</Result></Task></Tasks></Instance>";
            return ok;
        }
        if (QDateTime::currentMSecsSinceEpoch() < inst.doneAt) { // still running (setSqlRunMs)
            ok.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Instance><Status>Running</Status>"
                    + QByteArray(has(query, "taskstatus")
                                     ? "<Tasks><Task Type=\"SQL\"><Name>" + inst.taskName.toHtmlEscaped().toUtf8()
                                           + "</Name><Status>Running</Status></Task></Tasks>"
                                     : "")
                    + "</Instance>";
            return ok;
        }
        // A plain status GET (and ?instancestatus) answers the instance's status only. Tasks here would be taken by
        // the Java SDK (Instance.reload) for the inline results of an MCQA 2.0 query: it would never ask ?result.
        if (!has(query, "taskstatus")) {
            ok.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Instance><Status>Terminated</Status></Instance>";
            return ok;
        }
        ok.body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Instance><Status>Terminated</Status><Tasks><Task Type=\"SQL\">"
            "<Name>"
            + inst.taskName.toHtmlEscaped().toUtf8()
            + "</Name><StartTime>Thu, 26 Nov 2026 00:00:00 GMT</StartTime><EndTime>Thu, 26 Nov 2026 00:00:01 GMT</EndTime><Status>"
            + QByteArray(inst.success ? "Success" : "Failed") + "</Status></Task></Tasks></Instance>";
        return ok;
    }
    return serviceError(404, QStringLiteral("NoSuchObject"),
                        QStringLiteral("unknown REST resource %1").arg(segments.join(QLatin1Char('/'))));
}

} // namespace kmsync::test
