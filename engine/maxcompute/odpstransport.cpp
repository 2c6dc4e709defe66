#include "engine/maxcompute/odpstransport.h"

#include <algorithm>
#include <memory>
#include <optional>

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "engine/core/crashhandler.h"
#include "engine/maxcompute/odpsformat.h"

namespace kmsync::engine::maxcompute {

using odpsformat::xmlText;

namespace {

constexpr int kQuotedBodyChars = 200; // of an error body that is not an ODPS error

QString encodeSegment(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

// Quits `loop` within OdpsTransport::kStopCheckMs of a stop of `transport` (its stop or abort token; none: never);
// `check` outlives the loop's run.
void quitOnStop(const OdpsTransport &transport, QTimer &check, QEventLoop &loop)
{
    if (!transport.options().stop && !transport.options().abort)
        return;
    QObject::connect(&check, &QTimer::timeout, &loop, [&transport, &loop] {
        if (transport.stopRequested())
            loop.quit();
    });
    check.start(OdpsTransport::kStopCheckMs);
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

OdpsTransport::OdpsTransport(OdpsConnection connection, OdpsClientOptions options)
    : m_connection(std::move(connection))
    , m_options(std::move(options))
    , m_signer(m_connection.accessId, m_connection.accessKey, m_connection.securityToken, m_connection.region)
    , m_tunnel(m_connection.tunnelEndpoint)
{
}

void OdpsTransport::log(LogLevel level, const QString &message) const
{
    if (m_options.log)
        m_options.log(level, message);
}

bool OdpsTransport::sleepMs(int ms) const
{
    if (stopRequested())
        return false;
    if (ms <= 0)
        return true;
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    QTimer check;
    quitOnStop(*this, check, loop);
    loop.exec();
    return !stopRequested();
}

Error OdpsTransport::cancelled(const QString &what) const
{
    return makeError(QString::fromLatin1(kCancelledCode),
                     QCoreApplication::translate("OdpsTransport", "%1 was cancelled.").arg(what));
}

namespace {
thread_local OdpsConnectionScope *t_scope = nullptr; // this thread's outermost OdpsConnectionScope, if any
} // namespace

OdpsConnectionScope::OdpsConnectionScope()
{
    if (!t_scope) {
        t_scope = this;
        m_outermost = true;
    }
}

OdpsConnectionScope::~OdpsConnectionScope()
{
    if (m_outermost)
        t_scope = nullptr;
}

QNetworkAccessManager *OdpsConnectionScope::current()
{
    if (!t_scope)
        return nullptr;
    // Made at the first request: a scope around a run that never reaches MaxCompute costs nothing.
    if (!t_scope->m_owned)
        t_scope->m_owned = std::make_unique<QNetworkAccessManager>();
    return t_scope->m_owned.get();
}

void OdpsConnectionScope::preconnect(const QUrl &endpoint)
{
    QNetworkAccessManager *nam = endpoint.isValid() ? current() : nullptr;
    if (!nam)
        return;
    if (endpoint.scheme() == QLatin1String("https"))
        nam->connectToHostEncrypted(endpoint.host(), quint16(endpoint.port(443)));
    else
        nam->connectToHost(endpoint.host(), quint16(endpoint.port(80)));
}

Result<HttpResponse> OdpsTransport::send(Endpoint endpoint, const QByteArray &verb, const QString &path,
                                         const QueryList &query, HeaderList headers, const QByteArray &body)
{
    const QString where = QStringLiteral("%1 %2").arg(QString::fromLatin1(verb), path);
    if (stopRequested())
        return cancelled(where);
    QUrl base = m_connection.endpoint;
    if (endpoint == Endpoint::Tunnel) {
        auto t = tunnelEndpoint();
        if (!t)
            return t.error();
        base = *t;
    }
    QString encodedPath = base.path(QUrl::FullyEncoded);
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        encodedPath += QLatin1Char('/') + encodeSegment(segment);
    QStringList queryParts;
    for (const auto &[name, value] : query)
        queryParts << (value.isEmpty() ? encodeSegment(name)
                                       : encodeSegment(name) + QLatin1Char('=') + encodeSegment(value));
    QUrl url = base;
    url.setPath(encodedPath, QUrl::StrictMode);
    if (!queryParts.isEmpty())
        url.setQuery(queryParts.join(QLatin1Char('&')), QUrl::StrictMode);

    // A request with a body says what it is; an empty POST (create or commit an upload session) says nothing but
    // Content-Length: 0, as pyodps sends it (the Java SDK sends not even that). Qt's post() would add a Content-Type
    // of its own, unsigned, which breaks the signature, so an empty POST goes out as a custom request below.
    const bool hasBody = (verb == "POST" || verb == "PUT") && !body.isEmpty();
    bool hasType = false;
    for (const auto &h : headers)
        hasType = hasType || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
    if (hasBody && !hasType)
        headers.emplaceBack(QByteArray("Content-Type"), QByteArray("application/octet-stream"));
    headers.emplaceBack(QByteArray("x-odps-user-agent"), QByteArray("kmsync/" KMSYNC_VERSION));
    m_signer.sign(verb, path, query, headers);

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("kmsync/" KMSYNC_VERSION));
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);

    request.setTransferTimeout(m_options.requestTimeoutMs);
    std::optional<QNetworkAccessManager> own; // no scope in this thread: one exchange, one connection
    QNetworkAccessManager *nam = OdpsConnectionScope::current();
    if (!nam)
        nam = &own.emplace();
    QNetworkReply *reply = nullptr;
    if (verb == "GET") {
        reply = nam->get(request);
    } else if (verb == "PUT") {
        reply = nam->put(request, body);
    } else if (verb == "POST" && hasBody) {
        reply = nam->post(request, body);
    } else if (verb == "POST") {
        request.setRawHeader("Content-Length", "0");
        reply = nam->sendCustomRequest(request, verb);
    } else {
        reply = nam->sendCustomRequest(request, verb, body);
    }
    std::unique_ptr<QNetworkReply> guard(reply);

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(m_options.requestTimeoutMs);
    // A stop aborts the exchange: a block PUT that never completes is not stored, and an uncommitted session is
    // invisible anyway.
    QTimer check;
    quitOnStop(*this, check, loop);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        if (stopRequested())
            return cancelled(QStringLiteral("%1 on %2").arg(where, base.host()));
        return makeError(QStringLiteral("maxcompute.timeout"),
                         QCoreApplication::translate("OdpsTransport", "%1 on %2 got no answer within %3 ms.")
                             .arg(where, base.host())
                             .arg(m_options.requestTimeoutMs));
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        const bool timeout = reply->error() == QNetworkReply::OperationCanceledError
                          || reply->error() == QNetworkReply::TimeoutError;
        // Refused or unresolvable: certain at once, and trying again a second later finds the same.
        const bool unreachable = reply->error() == QNetworkReply::ConnectionRefusedError
                              || reply->error() == QNetworkReply::HostNotFoundError;
        return makeError(timeout       ? QStringLiteral("maxcompute.timeout")
                         : unreachable ? QStringLiteral("maxcompute.unreachable")
                                       : QStringLiteral("maxcompute.network"),
                         QCoreApplication::translate("OdpsTransport", "%1 on %2 failed: %3")
                             .arg(where, base.host(), reply->errorString()));
    }
    HttpResponse response;
    response.status = status.toInt();
    response.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    response.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append(pair);
    return response;
}

Result<HttpResponse> OdpsTransport::sendWithRetry(Endpoint endpoint, const QByteArray &verb, const QString &path,
                                                  const QueryList &query, const HeaderList &headers,
                                                  const QByteArray &body)
{
    int delay = m_options.retryInitialDelayMs;
    for (int attempt = 0;; ++attempt) {
        auto r = send(endpoint, verb, path, query, headers, body);
        bool retry = false;
        QString why;
        if (!r) {
            retry = r.error().code == QLatin1String("maxcompute.timeout")
                 || r.error().code == QLatin1String("maxcompute.network");
            why = r.error().message;
        } else if (isRetryable(r->status)) {
            retry = true;
            why = httpError(*r, QString::fromLatin1(verb) + QLatin1Char(' ') + path).message;
        }
        if (!retry || attempt >= m_options.retries)
            return r;
        if (stopRequested())
            return cancelled(QStringLiteral("%1 %2").arg(QString::fromLatin1(verb), path));
        log(LogLevel::Warning, QCoreApplication::translate("OdpsTransport", "Retrying in %1 ms (attempt %2 of %3): %4")
                                   .arg(delay)
                                   .arg(attempt + 2)
                                   .arg(m_options.retries + 1)
                                   .arg(why));
        if (!sleepMs(delay))
            return cancelled(QStringLiteral("%1 %2 (waiting to retry)").arg(QString::fromLatin1(verb), path));
        delay = std::min(delay * 2, m_options.retryMaxDelayMs);
    }
}

Error OdpsTransport::httpError(const HttpResponse &response, const QString &what)
{
    QString code;
    QString message;
    QString requestId = QString::fromLatin1(response.requestId());
    const QByteArray body = response.body.trimmed();
    if (body.startsWith('{')) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        code = o.value(QStringLiteral("Code")).toString();
        message = o.value(QStringLiteral("Message")).toString();
        if (requestId.isEmpty())
            requestId = o.value(QStringLiteral("RequestId")).toString();
    } else if (body.startsWith('<')) {
        code = xmlText(body, QStringLiteral("Code"));
        message = xmlText(body, QStringLiteral("Message"));
        if (requestId.isEmpty())
            requestId = xmlText(body, QStringLiteral("RequestId"));
    }
    // Not an ODPS error (a proxy's HTML page, a gateway's own JSON, an empty answer): quote what came instead, after
    // the status line's reason phrase.
    const bool foreign = code.isEmpty() && message.isEmpty();
    QString statusLine = QString::number(response.status);
    if (foreign) {
        const QString reason = QString::fromUtf8(response.reason).trimmed();
        if (!reason.isEmpty())
            statusLine += QLatin1Char(' ') + reason;
        const QString quoted = maskSecretText(QString::fromUtf8(body)).simplified();
        message = quoted.isEmpty() ? QStringLiteral("(empty body)") : quoted.left(kQuotedBodyChars);
        if (quoted.size() > kQuotedBodyChars)
            message += QStringLiteral("…");
    }
    QString engineCode = QStringLiteral("maxcompute.http");
    const QString lc = code.toLower();
    const bool aboutPartition = message.contains(QLatin1String("partition"), Qt::CaseInsensitive);
    if (lc == QLatin1String("nosuchpartition") || (lc == QLatin1String("nosuchobject") && aboutPartition))
        engineCode = QStringLiteral("sink.no_such_partition");
    else if (lc == QLatin1String("nosuchtable") || lc == QLatin1String("nosuchobject")
             || message.contains(QLatin1String("Table not found")))
        engineCode = QStringLiteral("sink.no_such_table");
    else if (lc == QLatin1String("invalidpartitionspec") || lc == QLatin1String("missingpartitionspec")
             || lc == QLatin1String("invalidpartition"))
        engineCode = QStringLiteral("sink.invalid_partition_spec");
    else if (response.status == 401 || response.status == 403 || lc == QLatin1String("signaturedoesnotmatch")
             || lc == QLatin1String("invalidaccesskeyid") || lc == QLatin1String("requesttimetooskewed")
             || lc == QLatin1String("unauthorized") || lc == QLatin1String("accessdenied")
             || lc == QLatin1String("nopermission"))
        engineCode = QStringLiteral("maxcompute.auth");
    else if (response.status == 429 || lc == QLatin1String("flowexceeded"))
        engineCode = QStringLiteral("maxcompute.throttled");
    else if (response.status >= 500)
        engineCode = QStringLiteral("maxcompute.server");
    QString text = QCoreApplication::translate("OdpsTransport", "%1 failed: HTTP %2").arg(what, statusLine);
    if (!code.isEmpty())
        text += QStringLiteral(", %1").arg(code);
    if (!message.isEmpty())
        text += QStringLiteral(": %1").arg(message);
    text += QCoreApplication::translate("OdpsTransport", " (request id %1)")
                .arg(requestId.isEmpty() ? QStringLiteral("none") : requestId);
    if (engineCode == QLatin1String("maxcompute.auth"))
        text += QCoreApplication::translate("OdpsTransport",
                                            ". Check the AccessKey ID/secret, the STS token and the computer's clock.");
    return makeError(engineCode, text);
}

Result<QUrl> OdpsTransport::tunnelEndpoint()
{
    if (!m_tunnel.isEmpty())
        return m_tunnel;
    const QString path = QStringLiteral("/projects/%1/tunnel").arg(m_connection.project);
    auto r = sendWithRetry(Endpoint::Service, "GET", path,
                           {{QStringLiteral("service"), QString()},
                            {QStringLiteral("curr_project"), m_connection.project}});
    if (!r)
        return r.error();
    if (r->status != 200)
        return httpError(*r, QCoreApplication::translate("OdpsTransport", "Tunnel endpoint discovery"));
    QString host = QString::fromUtf8(r->body).trimmed();
    QUrl url = host.contains(QLatin1String("://"))
                 ? QUrl(host)
                 : QUrl(m_connection.endpoint.scheme() + QStringLiteral("://") + host);
    if (!url.isValid() || url.host().isEmpty()) {
        return makeError(QStringLiteral("maxcompute.tunnel_endpoint"),
                         QStringLiteral(
                             "Tunnel endpoint discovery returned \"%1\", which is not a host name (request id %2).")
                             .arg(host.left(200), QString::fromLatin1(r->requestId())));
    }
    m_tunnel = url;
    log(LogLevel::Info, QStringLiteral("Tunnel endpoint: %1").arg(url.toString()));
    return m_tunnel;
}

} // namespace kmsync::engine::maxcompute
