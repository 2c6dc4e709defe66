#include "engine/maxcompute/odpsclient.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>
#include <QXmlStreamReader>

#include "engine/core/crashhandler.h"
#include "engine/odpssql/mcsql.h"

namespace kmsync::engine::maxcompute {

namespace {

constexpr int kMaxTablePages = 1000;
constexpr int kQuotedBodyChars = 200; // of an error body that is not an ODPS error
constexpr int kTerminateTimeoutMs = 500; // asking the service to stop an SQL instance the caller no longer waits for

// Text of every element named `name`, in document order.
QStringList xmlTexts(const QByteArray &xml, const QString &name)
{
    QStringList out;
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        if (r.readNext() == QXmlStreamReader::StartElement && r.name() == name)
            out << r.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    return out;
}

QString xmlText(const QByteArray &xml, const QString &name)
{
    const QStringList all = xmlTexts(xml, name);
    return all.isEmpty() ? QString() : all.first();
}

QString encodeSegment(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

QString cdata(const QString &text)
{
    QString escaped = text;
    escaped.replace(QStringLiteral("]]>"), QStringLiteral("]]]]><![CDATA[>"));
    return QStringLiteral("<![CDATA[") + escaped + QStringLiteral("]]>");
}

QString xmlEscape(const QString &s)
{
    return s.toHtmlEscaped();
}

// RFC 4180 CSV (quotes optional), as SQL instance results come.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any || !field.isEmpty()) {
                row << field;
                rows << row;
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
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

OdpsClient::OdpsClient(OdpsConnection connection, OdpsClientOptions options)
    : m_connection(std::move(connection))
    , m_options(std::move(options))
    , m_signer(m_connection.accessId, m_connection.accessKey, m_connection.securityToken, m_connection.region)
    , m_tunnel(m_connection.tunnelEndpoint)
{
}

Result<OdpsClient> OdpsClient::create(const QJsonObject &connection, OdpsClientOptions options)
{
    auto parsed = OdpsConnection::fromJson(connection);
    if (!parsed)
        return parsed.error();
    return create(std::move(parsed).value(), std::move(options));
}

Result<OdpsClient> OdpsClient::create(OdpsConnection connection, OdpsClientOptions options)
{
    return OdpsClient(std::move(connection), std::move(options));
}

void OdpsClient::log(LogLevel level, const QString &message) const
{
    if (m_options.log)
        m_options.log(level, message);
}

bool OdpsClient::sleepMs(int ms) const
{
    if (stopRequested())
        return false;
    if (ms <= 0)
        return true;
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [this, &loop] {
        if (stopRequested())
            loop.quit();
    });
    if (m_options.stop)
        check.start(kStopCheckMs);
    loop.exec();
    return !stopRequested();
}

Error OdpsClient::cancelled(const QString &what) const
{
    return makeError(QString::fromLatin1(kCancelledCode), QStringLiteral("%1 was cancelled.").arg(what));
}

QString OdpsClient::quoteIdentifier(const QString &name)
{
    QString s = name;
    s.replace(QLatin1Char('`'), QStringLiteral("``"));
    return QLatin1Char('`') + s + QLatin1Char('`');
}

Result<HttpResponse> OdpsClient::send(Endpoint endpoint, const QByteArray &verb, const QString &path,
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
        queryParts << (value.isEmpty() ? encodeSegment(name) : encodeSegment(name) + QLatin1Char('=') + encodeSegment(value));
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

    QNetworkAccessManager nam;
    nam.setTransferTimeout(m_options.requestTimeoutMs);
    QNetworkReply *reply = nullptr;
    if (verb == "GET") {
        reply = nam.get(request);
    } else if (verb == "PUT") {
        reply = nam.put(request, body);
    } else if (verb == "POST" && hasBody) {
        reply = nam.post(request, body);
    } else if (verb == "POST") {
        request.setRawHeader("Content-Length", "0");
        reply = nam.sendCustomRequest(request, verb);
    } else {
        reply = nam.sendCustomRequest(request, verb, body);
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
    QObject::connect(&check, &QTimer::timeout, &loop, [this, &loop] {
        if (stopRequested())
            loop.quit();
    });
    if (m_options.stop)
        check.start(kStopCheckMs);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        if (stopRequested())
            return cancelled(QStringLiteral("%1 on %2").arg(where, base.host()));
        return makeError(QStringLiteral("maxcompute.timeout"),
                         QStringLiteral("%1 on %2 got no answer within %3 ms.")
                             .arg(where, base.host())
                             .arg(m_options.requestTimeoutMs));
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        const bool timeout = reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError;
        return makeError(timeout ? QStringLiteral("maxcompute.timeout") : QStringLiteral("maxcompute.network"),
                         QStringLiteral("%1 on %2 failed: %3").arg(where, base.host(), reply->errorString()));
    }
    HttpResponse response;
    response.status = status.toInt();
    response.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    response.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append(pair);
    return response;
}

Result<HttpResponse> OdpsClient::sendWithRetry(Endpoint endpoint, const QByteArray &verb, const QString &path,
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
        log(LogLevel::Warning, QStringLiteral("Retrying in %1 ms (attempt %2 of %3): %4")
                                   .arg(delay)
                                   .arg(attempt + 2)
                                   .arg(m_options.retries + 1)
                                   .arg(why));
        if (!sleepMs(delay))
            return cancelled(QStringLiteral("%1 %2 (waiting to retry)").arg(QString::fromLatin1(verb), path));
        delay = std::min(delay * 2, m_options.retryMaxDelayMs);
    }
}

Error OdpsClient::httpError(const HttpResponse &response, const QString &what)
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
    QString text = QStringLiteral("%1 failed: HTTP %2").arg(what, statusLine);
    if (!code.isEmpty())
        text += QStringLiteral(", %1").arg(code);
    if (!message.isEmpty())
        text += QStringLiteral(": %1").arg(message);
    text += QStringLiteral(" (request id %1)").arg(requestId.isEmpty() ? QStringLiteral("none") : requestId);
    if (engineCode == QLatin1String("maxcompute.auth"))
        text += QStringLiteral(". Check the AccessKey ID/secret, the STS token and the computer's clock.");
    return makeError(engineCode, text);
}

Result<QUrl> OdpsClient::tunnelEndpoint()
{
    if (!m_tunnel.isEmpty())
        return m_tunnel;
    const QString path = QStringLiteral("/projects/%1/tunnel").arg(m_connection.project);
    auto r = sendWithRetry(Endpoint::Service, "GET", path,
                           {{QStringLiteral("service"), QString()}, {QStringLiteral("curr_project"), m_connection.project}});
    if (!r)
        return r.error();
    if (r->status != 200)
        return httpError(*r, QStringLiteral("Tunnel endpoint discovery"));
    QString host = QString::fromUtf8(r->body).trimmed();
    QUrl url = host.contains(QLatin1String("://")) ? QUrl(host) : QUrl(m_connection.endpoint.scheme() + QStringLiteral("://") + host);
    if (!url.isValid() || url.host().isEmpty()) {
        return makeError(QStringLiteral("maxcompute.tunnel_endpoint"),
                         QStringLiteral("Tunnel endpoint discovery returned \"%1\", which is not a host name (request id %2).")
                             .arg(host.left(200), QString::fromLatin1(r->requestId())));
    }
    m_tunnel = url;
    log(LogLevel::Info, QStringLiteral("Tunnel endpoint: %1").arg(url.toString()));
    return m_tunnel;
}

Result<QStringList> OdpsClient::listTables()
{
    QStringList names;
    QString marker;
    for (int page = 0; page < kMaxTablePages; ++page) {
        QueryList q{{QStringLiteral("expectmarker"), QStringLiteral("true")},
                    {QStringLiteral("curr_project"), m_connection.project}};
        if (!marker.isEmpty())
            q.append({QStringLiteral("marker"), marker});
        auto r = sendWithRetry(Endpoint::Service, "GET", QStringLiteral("/projects/%1/tables").arg(m_connection.project), q);
        if (!r)
            return r.error();
        if (r->status != 200)
            return httpError(*r, QStringLiteral("Listing the tables of project %1").arg(m_connection.project));
        QXmlStreamReader x(r->body);
        int depth = 0;
        QString pageMarker;
        while (!x.atEnd()) {
            const auto t = x.readNext();
            if (t == QXmlStreamReader::StartElement) {
                ++depth;
                if (depth == 2 && x.name() == QLatin1String("Marker")) {
                    pageMarker = x.readElementText();
                    --depth;
                } else if (depth == 3 && x.name() == QLatin1String("Name")) {
                    names << x.readElementText();
                    --depth;
                }
            } else if (t == QXmlStreamReader::EndElement) {
                --depth;
            }
        }
        if (pageMarker.isEmpty() || pageMarker == marker)
            break;
        marker = pageMarker;
    }
    return names;
}

Result<TableSchema> OdpsClient::tableSchema(const QString &table)
{
    auto r = sendWithRetry(Endpoint::Service, "GET",
                           QStringLiteral("/projects/%1/tables/%2").arg(m_connection.project, table),
                           {{QStringLiteral("curr_project"), m_connection.project}});
    if (!r)
        return r.error();
    if (r->status == 404) {
        Error e = httpError(*r, QStringLiteral("Reading table %1.%2").arg(m_connection.project, table));
        e.code = QStringLiteral("sink.no_such_table");
        return e;
    }
    if (r->status != 200)
        return httpError(*r, QStringLiteral("Reading table %1.%2").arg(m_connection.project, table));
    const QString schemaText = xmlText(r->body, QStringLiteral("Schema"));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(schemaText.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        return makeError(QStringLiteral("maxcompute.bad_response"),
                         QStringLiteral("Table %1: the service's <Schema> is not JSON (%2; request id %3).")
                             .arg(table, pe.errorString(), QString::fromLatin1(r->requestId())));
    }
    TableSchema schema;
    schema.name = xmlText(r->body, QStringLiteral("Name"));
    if (schema.name.isEmpty())
        schema.name = table;
    const auto readColumns = [&](const QString &key, std::vector<ColumnDef> &out) -> Result<void> {
        for (const QJsonValue &v : doc.object().value(key).toArray()) {
            const QJsonObject c = v.toObject();
            ColumnDef def;
            def.name = c.value(QStringLiteral("name")).toString();
            def.comment = c.value(QStringLiteral("comment")).toString();
            const QString typeText = c.value(QStringLiteral("type")).toString();
            auto type = ColumnType::parse(typeText);
            if (!type) {
                return makeError(QStringLiteral("sink.unsupported_type"),
                                 QStringLiteral("Table %1, column \"%2\": type \"%3\" is not supported by kmsync; "
                                                "supported: %4.")
                                     .arg(table, def.name, typeText, allowedTypeNames()));
            }
            def.type = *type;
            out.push_back(def);
        }
        return {};
    };
    if (auto ok = readColumns(QStringLiteral("columns"), schema.columns); !ok)
        return ok.error();
    if (auto ok = readColumns(QStringLiteral("partitionKeys"), schema.partitionKeys); !ok)
        return ok.error();
    return schema;
}

Result<bool> OdpsClient::tableExists(const QString &table)
{
    auto r = tableSchema(table);
    if (r)
        return true;
    if (r.error().code == QLatin1String("sink.no_such_table"))
        return false;
    if (r.error().code == QLatin1String("sink.unsupported_type"))
        return true;
    return r.error();
}

Result<bool> OdpsClient::partitionExists(const QString &table, const PartitionSpec &spec)
{
    auto r = sendWithRetry(Endpoint::Service, "GET",
                           QStringLiteral("/projects/%1/tables/%2").arg(m_connection.project, table),
                           {{QStringLiteral("partition"), spec.toQuotedString()},
                            {QStringLiteral("curr_project"), m_connection.project}});
    if (!r)
        return r.error();
    if (r->status == 200)
        return true;
    if (r->status == 404) {
        // The service answers 404 for a missing partition and for a missing table; only the latter is an error.
        Error e = httpError(*r, QStringLiteral("Checking partition %1 of table %2").arg(spec.toString(), table));
        if (e.code == QLatin1String("sink.no_such_table"))
            return e;
        return false;
    }
    return httpError(*r, QStringLiteral("Checking partition %1 of table %2").arg(spec.toString(), table));
}

QMap<QString, QString> OdpsClient::settingsFor(const TableSchema &schema)
{
    QMap<QString, QString> settings;
    const auto uses2 = [](const std::vector<ColumnDef> &cols) {
        return std::any_of(cols.begin(), cols.end(), [](const ColumnDef &c) { return c.type.isOdps2(); });
    };
    if (uses2(schema.columns) || uses2(schema.partitionKeys))
        settings.insert(QStringLiteral("odps.sql.type.system.odps2"), QStringLiteral("true"));
    return settings;
}

Result<QString> OdpsClient::runInstance(const QString &sql, const QMap<QString, QString> &givenSettings, bool wantResult,
                                        const QString &taskName)
{
    QMap<QString, QString> settings = givenSettings;
    if (!settings.contains(QStringLiteral("odps.sql.type.system.odps2")) && odpssql::ddlUsesOdps2Types(sql))
        settings.insert(QStringLiteral("odps.sql.type.system.odps2"), QStringLiteral("true"));
    QString query = sql.trimmed();
    if (!query.endsWith(QLatin1Char(';')))
        query += QLatin1Char(';');
    QJsonObject settingsJson;
    for (auto it = settings.begin(); it != settings.end(); ++it)
        settingsJson.insert(it.key(), it.value());
    const QString xml =
        QStringLiteral("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Instance><Job><Priority>9</Priority><Tasks><SQL>"
                       "<Name>%4</Name><Config>"
                       "<Property><Name>uuid</Name><Value>%1</Value></Property>"
                       "<Property><Name>settings</Name><Value>%2</Value></Property>"
                       "</Config><Query>%3</Query></SQL></Tasks><DAG><RunMode>Sequence</RunMode></DAG></Job></Instance>")
            .arg(QUuid::createUuid().toString(QUuid::WithoutBraces),
                 xmlEscape(QString::fromUtf8(QJsonDocument(settingsJson).toJson(QJsonDocument::Compact))), cdata(query),
                 xmlEscape(taskName));
    const QString instances = QStringLiteral("/projects/%1/instances").arg(m_connection.project);
    const QString shortSql = query.simplified().left(120);
    const QByteArray body = xml.toUtf8();
    // The Java SDK sends the body's MD5 (lower-case hex, signed with the request); pyodps sends none. The service
    // then refuses a body changed on the way instead of running another statement than the one submitted.
    // A stop while this POST is in flight returns without an instance id: an instance the service created all the
    // same runs to its end (a DDL takes effect). Once the id is known, a stop terminates the instance.
    auto created = send(Endpoint::Service, "POST", instances, {{QStringLiteral("curr_project"), m_connection.project}},
                        {{"Content-Type", "application/xml"},
                         {"Content-MD5", QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex()}},
                        body);
    if (!created)
        return created.error();
    if (created->status != 201 && created->status != 200)
        return httpError(*created, QStringLiteral("Submitting SQL \"%1\"").arg(shortSql));
    const QString location = QString::fromUtf8(created->header("Location"));
    const QString id = location.section(QLatin1Char('/'), -1);
    if (id.isEmpty()) {
        return makeError(QStringLiteral("maxcompute.bad_response"),
                         QStringLiteral("Submitting SQL \"%1\": the answer has no instance Location (request id %2).")
                             .arg(shortSql, QString::fromLatin1(created->requestId())));
    }
    log(LogLevel::Debug, QStringLiteral("SQL instance %1: %2").arg(id, shortSql));
    const QString instancePath = instances + QLatin1Char('/') + id;
    QElapsedTimer clock;
    clock.start();
    while (true) {
        auto st = sendWithRetry(Endpoint::Service, "GET", instancePath,
                                {{QStringLiteral("taskstatus"), QString()}, {QStringLiteral("curr_project"), m_connection.project}});
        if (!st && st.error().code == QLatin1String(kCancelledCode)) {
            terminateInstance(instancePath);
            return cancelled(QStringLiteral("SQL \"%1\" (instance %2)").arg(shortSql, id));
        }
        if (!st)
            return st.error();
        if (st->status != 200)
            return httpError(*st, QStringLiteral("Polling SQL instance %1").arg(id));
        const QStringList statuses = xmlTexts(st->body, QStringLiteral("Status"));
        if (!statuses.isEmpty() && statuses.first().compare(QLatin1String("Terminated"), Qt::CaseInsensitive) == 0) {
            bool success = statuses.size() > 1;
            for (qsizetype i = 1; i < statuses.size(); ++i)
                success = success && statuses.at(i).compare(QLatin1String("Success"), Qt::CaseInsensitive) == 0;
            QString resultText;
            if (!success || wantResult) {
                auto res = sendWithRetry(Endpoint::Service, "GET", instancePath,
                                         {{QStringLiteral("result"), QString()}, {QStringLiteral("curr_project"), m_connection.project}});
                if (!res)
                    return res.error();
                if (res->status != 200)
                    return httpError(*res, QStringLiteral("Reading the result of SQL instance %1").arg(id));
                QXmlStreamReader x(res->body);
                while (!x.atEnd()) {
                    if (x.readNext() == QXmlStreamReader::StartElement && x.name() == QLatin1String("Result")) {
                        const bool base64 =
                            x.attributes().value(QLatin1String("Transform")) == QLatin1String("Base64");
                        resultText = x.readElementText();
                        if (base64)
                            resultText = QString::fromUtf8(QByteArray::fromBase64(resultText.toLatin1()));
                        break;
                    }
                }
            }
            if (!success) {
                return makeError(QStringLiteral("maxcompute.sql_failed"),
                                 QStringLiteral("SQL \"%1\" failed (instance %2): %3")
                                     .arg(shortSql, id, resultText.trimmed().left(2000)));
            }
            return resultText;
        }
        if (clock.elapsed() > m_options.sqlTimeoutMs) {
            return makeError(QStringLiteral("maxcompute.timeout"),
                             QStringLiteral("SQL instance %1 did not finish within %2 s.").arg(id).arg(m_options.sqlTimeoutMs / 1000));
        }
        if (!sleepMs(m_options.sqlPollIntervalMs)) {
            terminateInstance(instancePath);
            return cancelled(QStringLiteral("SQL \"%1\" (instance %2)").arg(shortSql, id));
        }
    }
}

void OdpsClient::terminateInstance(const QString &instancePath)
{
    // What the SDKs' Instance.stop() sends. Best effort and brief, past the stop: the caller is leaving, and an
    // instance nobody waits for would otherwise run (and bill) to its end. DDL may have taken effect already.
    OdpsClient once = *this;
    once.m_options.stop = nullptr;
    once.m_options.requestTimeoutMs = kTerminateTimeoutMs;
    const QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Instance><Status>Terminated</Status></Instance>";
    auto r = once.send(Endpoint::Service, "PUT", instancePath, {{QStringLiteral("curr_project"), m_connection.project}},
                       {{"Content-Type", "application/xml"}}, xml);
    if (!r)
        log(LogLevel::Warning, QStringLiteral("Could not stop %1: %2").arg(instancePath, r.error().message));
    else if (r->status != 200 && r->status != 204)
        log(LogLevel::Warning, httpError(*r, QStringLiteral("Stopping %1").arg(instancePath)).message);
    else
        log(LogLevel::Info, QStringLiteral("Asked the service to stop %1").arg(instancePath));
}

Result<void> OdpsClient::runSql(const QString &sql, const QMap<QString, QString> &settings)
{
    auto r = runInstance(sql, settings, false);
    if (!r)
        return r.error();
    return {};
}

Result<QueryResult> OdpsClient::query(const QString &sql, const QMap<QString, QString> &settings, int maxRows)
{
    auto r = runInstance(sql, settings, true);
    if (!r)
        return r.error();
    QList<QStringList> rows = parseCsv(*r);
    QueryResult result;
    if (!rows.isEmpty())
        result.columns = rows.takeFirst();
    result.columnTypes.resize(size_t(result.columns.size()));
    for (const QStringList &row : std::as_const(rows)) {
        if (maxRows > 0 && int(result.rows.size()) >= maxRows) {
            result.truncated = true;
            break;
        }
        std::vector<std::optional<QString>> cells;
        for (const QString &cell : row)
            cells.push_back(cell == QLatin1String("\\N") ? std::nullopt : std::optional<QString>(cell));
        result.rows.push_back(std::move(cells));
    }
    return result;
}

Result<void> OdpsClient::addPartition(const QString &table, const PartitionSpec &spec)
{
    auto r = runInstance(QStringLiteral("ALTER TABLE %1.%2 ADD IF NOT EXISTS PARTITION (%3)")
                             .arg(quoteIdentifier(m_connection.project), quoteIdentifier(table), spec.toQuotedString()),
                         {}, false, QStringLiteral("SQLAddPartitionTask"));
    if (!r)
        return r.error();
    return {};
}

Result<void> OdpsClient::dropPartition(const QString &table, const PartitionSpec &spec)
{
    auto r = runInstance(QStringLiteral("ALTER TABLE %1.%2 DROP IF EXISTS PARTITION (%3)")
                             .arg(quoteIdentifier(m_connection.project), quoteIdentifier(table), spec.toQuotedString()),
                         {}, false, QStringLiteral("SQLDropPartitionTask"));
    if (!r)
        return r.error();
    return {};
}

} // namespace kmsync::engine::maxcompute
