#pragma once

#include <memory>

#include <QByteArray>
#include <QString>
#include <QUrl>

#include "engine/core/log.h"
#include "engine/core/result.h"
#include "engine/core/stoptoken.h"
#include "engine/maxcompute/odpsconnection.h"
#include "engine/maxcompute/odpssigner.h"

class QNetworkAccessManager;

namespace kmsync::engine::maxcompute {

struct OdpsClientOptions
{
    int requestTimeoutMs = 120000;  // one HTTP exchange (the service closes idle block uploads after 120 s)
    int retries = 7;                // retries after 5xx / 429 / timeout / dropped connections (idempotent calls only)
    int retryInitialDelayMs = 1000; // then doubled up to retryMaxDelayMs (Java TunnelRetryHandler: 1, 2, .. 64 s)
    int retryMaxDelayMs = 64000;
    // The longest wait between an SQL instance's status polls (the first ones are shorter).
    int sqlPollIntervalMs = 1000;
    int sqlTimeoutMs = 30 * 60 * 1000;
    LogFn log; // never receives secrets
    // Whoever may stop the calls (Cancel, a closed dialog, SIGINT); null: nothing does. Checked while a request is
    // in flight (its reply is aborted), in the retry backoff and between SQL polls, every OdpsTransport::kStopCheckMs;
    // the call then returns the Error kCancelledCode. The token must outlive the client and its copies.
    const StopToken *stop = nullptr;
    // A second token that stops the calls the same way: TunnelSink gives its upload threads one of its own, so that
    // a failed block or a rollback aborts the other blocks in flight without stopping the run's token.
    const StopToken *abort = nullptr;
};

struct HttpResponse
{
    int status = 0;
    QByteArray reason; // the status line's reason phrase ("Method Not Allowed")
    QByteArray body;
    HeaderList headers;
    QByteArray header(const QByteArray &name) const;
    QByteArray requestId() const { return header("x-odps-request-id"); }
};

// Keeps HTTP connections open between the exchanges the creating thread makes while it lives (keep-alive, as the
// SDKs' HTTP sessions do). Without one, each exchange opens its own connection, and far away every connection costs
// its TCP and TLS handshakes before the request even starts. Thread-bound: make it in the thread that sends, and
// destroy it there. Nestable (an inner one uses the outer one's connections).
class OdpsConnectionScope
{
public:
    OdpsConnectionScope();
    ~OdpsConnectionScope();
    OdpsConnectionScope(const OdpsConnectionScope &) = delete;
    OdpsConnectionScope &operator=(const OdpsConnectionScope &) = delete;

    // Opens a connection to `endpoint`'s host ahead of this thread's first request there (TCP, and TLS for https),
    // so that its handshakes overlap other work. Nothing without a scope in this thread.
    static void preconnect(const QUrl &endpoint);
    // The calling thread's scope's access manager (made on first use), or nullptr without a scope.
    static QNetworkAccessManager *current();

private:
    bool m_outermost = false;
    std::unique_ptr<QNetworkAccessManager> m_owned; // the outermost scope's, once a request needs it
};

// The HTTP side of MaxCompute, for the REST API (OdpsClient) and the Tunnel (TunnelSink): signed requests, the
// retry policy, the stop-token waits and the mapping of a failed response to an Error. Blocking: each exchange runs
// in the calling thread (through the thread's OdpsConnectionScope when there is one, else a QNetworkAccessManager of
// its own) and waits in a local event loop with a timeout, so it works from any thread that has a QCoreApplication
// in the process (no GUI needed). Copyable value.
class OdpsTransport
{
public:
    enum class Endpoint { Service, Tunnel };
    // How often a wait looks at OdpsClientOptions::stop.
    static constexpr int kStopCheckMs = 50;

    OdpsTransport(OdpsConnection connection, OdpsClientOptions options);

    const OdpsConnection &connection() const { return m_connection; }
    const OdpsClientOptions &options() const { return m_options; }
    void setOptions(OdpsClientOptions options) { m_options = std::move(options); }
    bool stopRequested() const
    {
        return (m_options.stop && m_options.stop->stopRequested())
            || (m_options.abort && m_options.abort->stopRequested());
    }

    // The Tunnel endpoint: the configured one, or discovered with GET /projects/{p}/tunnel?service (cached).
    Result<QUrl> tunnelEndpoint();

    // One signed HTTP exchange. `path` is the decoded resource path ("/projects/p/tables/t"); query values are
    // raw (they are percent-encoded here and signed decoded). Network failures, timeouts and a stop are Errors
    // ("maxcompute.unreachable" for a refused connection or an unknown host, "maxcompute.network",
    // "maxcompute.timeout", kCancelledCode); any HTTP status is a response.
    Result<HttpResponse> send(Endpoint endpoint, const QByteArray &verb, const QString &path, const QueryList &query,
                              HeaderList headers = {}, const QByteArray &body = {});
    // send() again after 5xx, 429, timeouts and dropped connections, with the configured backoff; a refused
    // connection or an unknown host fails at once (the run's reruns wait for it, a table list reports it).
    Result<HttpResponse> sendWithRetry(Endpoint endpoint, const QByteArray &verb, const QString &path,
                                       const QueryList &query, const HeaderList &headers = {},
                                       const QByteArray &body = {});
    // An Error for a failed response: the HTTP status, the server's Code and Message, and the request id; a body
    // that is no ODPS error (a proxy's HTML page, a gateway's JSON, nothing) is quoted instead: the status line and
    // its first 200 characters, secrets masked. Known codes map to stable engine codes (sink.no_such_table,
    // sink.no_such_partition, sink.invalid_partition_spec, maxcompute.auth, maxcompute.throttled, maxcompute.server,
    // maxcompute.http).
    static Error httpError(const HttpResponse &response, const QString &what);
    static bool isRetryable(int status) { return status == 429 || status >= 500; }
    // Waits in a local event loop (servers in this thread keep running); false when stopped first.
    bool sleepMs(int ms) const;
    // The Error kCancelledCode for `what`.
    Error cancelled(const QString &what) const;
    void log(LogLevel level, const QString &message) const;

private:
    OdpsConnection m_connection;
    OdpsClientOptions m_options;
    OdpsSigner m_signer;
    QUrl m_tunnel;
};

} // namespace kmsync::engine::maxcompute
