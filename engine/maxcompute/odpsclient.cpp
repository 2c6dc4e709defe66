#include "engine/maxcompute/odpsclient.h"

#include <algorithm>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>
#include <QXmlStreamReader>

#include "engine/maxcompute/odpsformat.h"
#include "engine/odpssql/mcsql.h"

namespace kmsync::engine::maxcompute {

using namespace odpsformat;

namespace {

constexpr int kMaxTablePages = 1000;
constexpr int kTerminateTimeoutMs = 500; // asking the service to stop an SQL instance the caller no longer waits for

} // namespace

OdpsClient::OdpsClient(OdpsTransport http)
    : m_http(std::move(http))
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
    return OdpsClient(OdpsTransport(std::move(connection), std::move(options)));
}

QString OdpsClient::quoteIdentifier(const QString &name)
{
    QString s = name;
    s.replace(QLatin1Char('`'), QStringLiteral("``"));
    return QLatin1Char('`') + s + QLatin1Char('`');
}

Result<QStringList> OdpsClient::listTables()
{
    QStringList names;
    QString marker;
    for (int page = 0; page < kMaxTablePages; ++page) {
        QueryList q{{QStringLiteral("expectmarker"), QStringLiteral("true")},
                    {QStringLiteral("curr_project"), project()}};
        if (!marker.isEmpty())
            q.append({QStringLiteral("marker"), marker});
        auto r = m_http.sendWithRetry(OdpsTransport::Endpoint::Service, "GET",
                                      QStringLiteral("/projects/%1/tables").arg(project()), q);
        if (!r)
            return r.error();
        if (r->status != 200)
            return OdpsTransport::httpError(
                *r, QCoreApplication::translate("OdpsClient", "Listing the tables of project %1").arg(project()));
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
    auto r = m_http.sendWithRetry(OdpsTransport::Endpoint::Service, "GET",
                                  QStringLiteral("/projects/%1/tables/%2").arg(project(), table),
                                  {{QStringLiteral("curr_project"), project()}});
    if (!r)
        return r.error();
    if (r->status == 404) {
        Error e = OdpsTransport::httpError(*r, QCoreApplication::translate("OdpsClient", "Reading table %1.%2")
                                                   .arg(project(), table));
        e.code = QStringLiteral("sink.no_such_table");
        return e;
    }
    if (r->status != 200)
        return OdpsTransport::httpError(*r, QCoreApplication::translate("OdpsClient", "Reading table %1.%2")
                                                .arg(project(), table));
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
    auto r = m_http.sendWithRetry(OdpsTransport::Endpoint::Service, "GET",
                                  QStringLiteral("/projects/%1/tables/%2").arg(project(), table),
                                  {{QStringLiteral("partition"), spec.toQuotedString()},
                                   {QStringLiteral("curr_project"), project()}});
    if (!r)
        return r.error();
    if (r->status == 200)
        return true;
    if (r->status == 404) {
        // The service answers 404 for a missing partition and for a missing table; only the latter is an error.
        Error e = OdpsTransport::httpError(*r, QCoreApplication::translate("OdpsClient",
                                                                           "Checking partition %1 of table %2")
                                                   .arg(spec.toString(), table));
        if (e.code == QLatin1String("sink.no_such_table"))
            return e;
        return false;
    }
    return OdpsTransport::httpError(*r, QCoreApplication::translate("OdpsClient", "Checking partition %1 of table %2")
                                            .arg(spec.toString(), table));
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

Result<QString> OdpsClient::runInstance(const QString &sql, const QMap<QString, QString> &givenSettings,
                                        bool wantResult, const QString &taskName)
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
        QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Instance><Job><Priority>9</Priority><Tasks><SQL>"
            "<Name>%4</Name><Config>"
            "<Property><Name>uuid</Name><Value>%1</Value></Property>"
            "<Property><Name>settings</Name><Value>%2</Value></Property>"
            "</Config><Query>%3</Query></SQL></Tasks><DAG><RunMode>Sequence</RunMode></DAG></Job></Instance>")
            .arg(QUuid::createUuid().toString(QUuid::WithoutBraces),
                 xmlEscape(QString::fromUtf8(QJsonDocument(settingsJson).toJson(QJsonDocument::Compact))), cdata(query),
                 xmlEscape(taskName));
    const QString instances = QStringLiteral("/projects/%1/instances").arg(project());
    const QString shortSql = query.simplified().left(120);
    const QByteArray body = xml.toUtf8();
    // The Java SDK sends the body's MD5 (lower-case hex, signed with the request); pyodps sends none. The service
    // then refuses a body changed on the way instead of running another statement than the one submitted.
    // A stop while this POST is in flight returns without an instance id: an instance the service created all the
    // same runs to its end (a DDL takes effect). Once the id is known, a stop terminates the instance.
    auto created = m_http.send(OdpsTransport::Endpoint::Service, "POST", instances,
                               {{QStringLiteral("curr_project"), project()}},
                               {{"Content-Type", "application/xml"},
                                {"Content-MD5", QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex()}},
                               body);
    if (!created)
        return created.error();
    if (created->status != 201 && created->status != 200)
        return OdpsTransport::httpError(*created, QCoreApplication::translate("OdpsClient", "Submitting SQL \"%1\"")
                                                      .arg(shortSql));
    const QString location = QString::fromUtf8(created->header("Location"));
    const QString id = location.section(QLatin1Char('/'), -1);
    if (id.isEmpty()) {
        return makeError(QStringLiteral("maxcompute.bad_response"),
                         QStringLiteral("Submitting SQL \"%1\": the answer has no instance Location (request id %2).")
                             .arg(shortSql, QString::fromLatin1(created->requestId())));
    }
    m_http.log(LogLevel::Debug, QStringLiteral("SQL instance %1: %2").arg(id, shortSql));
    const QString instancePath = instances + QLatin1Char('/') + id;
    QElapsedTimer clock;
    clock.start();
    while (true) {
        auto st = m_http.sendWithRetry(OdpsTransport::Endpoint::Service, "GET", instancePath,
                                       {{QStringLiteral("taskstatus"), QString()},
                                        {QStringLiteral("curr_project"), project()}});
        if (!st && st.error().code == QLatin1String(kCancelledCode)) {
            terminateInstance(instancePath);
            return m_http.cancelled(QStringLiteral("SQL \"%1\" (instance %2)").arg(shortSql, id));
        }
        if (!st)
            return st.error();
        if (st->status != 200)
            return OdpsTransport::httpError(*st, QCoreApplication::translate("OdpsClient", "Polling SQL instance %1")
                                                     .arg(id));
        const QStringList statuses = xmlTexts(st->body, QStringLiteral("Status"));
        if (!statuses.isEmpty() && statuses.first().compare(QLatin1String("Terminated"), Qt::CaseInsensitive) == 0) {
            bool success = statuses.size() > 1;
            for (qsizetype i = 1; i < statuses.size(); ++i)
                success = success && statuses.at(i).compare(QLatin1String("Success"), Qt::CaseInsensitive) == 0;
            QString resultText;
            if (!success || wantResult) {
                auto res = m_http.sendWithRetry(OdpsTransport::Endpoint::Service, "GET", instancePath,
                                                {{QStringLiteral("result"), QString()},
                                                 {QStringLiteral("curr_project"), project()}});
                if (!res)
                    return res.error();
                if (res->status != 200)
                    return OdpsTransport::httpError(
                        *res,
                        QCoreApplication::translate("OdpsClient", "Reading the result of SQL instance %1").arg(id));
                QXmlStreamReader x(res->body);
                while (!x.atEnd()) {
                    if (x.readNext() == QXmlStreamReader::StartElement && x.name() == QLatin1String("Result")) {
                        const bool base64 = x.attributes().value(QLatin1String("Transform")) == QLatin1String("Base64");
                        resultText = x.readElementText();
                        if (base64)
                            resultText = QString::fromUtf8(QByteArray::fromBase64(resultText.toLatin1()));
                        break;
                    }
                }
            }
            if (!success) {
                return makeError(QStringLiteral("maxcompute.sql_failed"),
                                 QCoreApplication::translate("OdpsClient", "SQL \"%1\" failed (instance %2): %3")
                                     .arg(shortSql, id, resultText.trimmed().left(2000)));
            }
            return resultText;
        }
        if (clock.elapsed() > options().sqlTimeoutMs) {
            return makeError(QStringLiteral("maxcompute.timeout"),
                             QCoreApplication::translate("OdpsClient", "SQL instance %1 did not finish within %2 s.")
                                 .arg(id)
                                 .arg(options().sqlTimeoutMs / 1000));
        }
        // Polls at a tenth, a quarter and a half of sqlPollIntervalMs after the first one, then at its whole multiples
        // (the SDKs' fixed 1 s): never later than that cadence, and a DDL such as ADD PARTITION, which often ends
        // within a second, is seen to end sooner.
        const int interval = std::max(1, options().sqlPollIntervalMs);
        const qint64 now = clock.elapsed();
        qint64 next = (now / interval + 1) * interval;
        for (const int early : {interval / 10, interval / 4, interval / 2}) {
            if (early > now) {
                next = early;
                break;
            }
        }
        const int pollWaitMs = int(std::max<qint64>(1, next - now));
        if (!m_http.sleepMs(pollWaitMs)) {
            terminateInstance(instancePath);
            return m_http.cancelled(QStringLiteral("SQL \"%1\" (instance %2)").arg(shortSql, id));
        }
    }
}

void OdpsClient::terminateInstance(const QString &instancePath)
{
    // What the SDKs' Instance.stop() sends. Best effort and brief, past the stop: the caller is leaving, and an
    // instance nobody waits for would otherwise run (and bill) to its end. DDL may have taken effect already.
    OdpsTransport once = m_http;
    OdpsClientOptions options = once.options();
    options.stop = nullptr;
    options.requestTimeoutMs = kTerminateTimeoutMs;
    once.setOptions(std::move(options));
    const QByteArray xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Instance><Status>Terminated</Status></Instance>";
    auto r = once.send(OdpsTransport::Endpoint::Service, "PUT", instancePath,
                       {{QStringLiteral("curr_project"), project()}}, {{"Content-Type", "application/xml"}}, xml);
    if (!r)
        m_http.log(LogLevel::Warning, QStringLiteral("Could not stop %1: %2").arg(instancePath, r.error().message));
    else if (r->status != 200 && r->status != 204)
        m_http.log(LogLevel::Warning,
                   OdpsTransport::httpError(*r, QStringLiteral("Stopping %1").arg(instancePath)).message);
    else
        m_http.log(LogLevel::Info, QStringLiteral("Asked the service to stop %1").arg(instancePath));
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

Result<void> OdpsClient::partitionDdl(const QString &table, const PartitionSpec &spec, const QString &change,
                                      const QString &taskName)
{
    auto r = runInstance(QStringLiteral("ALTER TABLE %1.%2 %3 PARTITION (%4)")
                             .arg(quoteIdentifier(project()), quoteIdentifier(table), change, spec.toQuotedString()),
                         {}, false, taskName);
    if (!r)
        return r.error();
    return {};
}

Result<void> OdpsClient::addPartition(const QString &table, const PartitionSpec &spec)
{
    return partitionDdl(table, spec, QStringLiteral("ADD IF NOT EXISTS"), QStringLiteral("SQLAddPartitionTask"));
}

Result<void> OdpsClient::dropPartition(const QString &table, const PartitionSpec &spec)
{
    return partitionDdl(table, spec, QStringLiteral("DROP IF EXISTS"), QStringLiteral("SQLDropPartitionTask"));
}

} // namespace kmsync::engine::maxcompute
