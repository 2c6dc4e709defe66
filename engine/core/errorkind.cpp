#include "engine/core/errorkind.h"

#include <array>
#include <utility>

#include "engine/core/stoptoken.h"

namespace kmsync::engine {

namespace {

bool hasPrefix(const QString &code, const char *prefix)
{
    return code.startsWith(QLatin1String(prefix));
}

} // namespace

ErrorKind errorKindOf(const QString &code)
{
    // Exact codes first: they override their family's prefix below.
    static const std::array<std::pair<const char *, ErrorKind>, 37> exact{{
        {"kafka.unreachable", ErrorKind::Unreachable},
        {"maxcompute.network", ErrorKind::Unreachable},
        {"maxcompute.unreachable", ErrorKind::Unreachable},
        {"kafka.timeout", ErrorKind::Timeout},
        {"maxcompute.timeout", ErrorKind::Timeout},
        {"maxcompute.server", ErrorKind::Server},
        {"maxcompute.throttled", ErrorKind::Server},
        {"kafka.auth", ErrorKind::Auth},
        {"maxcompute.auth", ErrorKind::Auth},
        {"kafka.tls", ErrorKind::Tls},
        {"kafka.topic_missing", ErrorKind::NotFound},
        {"kafka.partition_missing", ErrorKind::NotFound},
        {"kafka.no_committed_offset", ErrorKind::NotFound},
        {"sink.no_such_table", ErrorKind::NotFound},
        {"sink.no_such_partition", ErrorKind::NotFound},
        {"sql.no_such_table", ErrorKind::NotFound},
        {"sql.no_such_partition", ErrorKind::NotFound},
        {"warehouse.not_found", ErrorKind::NotFound},
        {"prod.topic_missing", ErrorKind::NotFound},
        {"prod.table_missing", ErrorKind::NotFound},
        {"sink.schema_mismatch", ErrorKind::Mapping},
        {"sink.unsupported_type", ErrorKind::Mapping},
        {"sink.row_width", ErrorKind::Mapping},
        {"tunnel.value_range", ErrorKind::Mapping},
        {"tunnel.value_type", ErrorKind::Mapping},
        {"tunnel.value_size", ErrorKind::Mapping},
        {"tunnel.row_width", ErrorKind::Mapping},
        {"kafka.config", ErrorKind::Input},
        {"maxcompute.config", ErrorKind::Input},
        {"sink.invalid_partition_spec", ErrorKind::Input},
        {"sql.invalid_partition_spec", ErrorKind::Input},
        {"sql.invalid_name", ErrorKind::Input},
        {"ledger.corrupt", ErrorKind::Input},
        {"sandbox.options", ErrorKind::Input},
        {"job.dirty_limit", ErrorKind::DirtyLimit},
        {"job.cancelled", ErrorKind::Cancelled},
        {kCancelledCode, ErrorKind::Cancelled},
    }};
    for (const auto &[name, kind] : exact) {
        if (code == QLatin1String(name))
            return kind;
    }
    if (hasPrefix(code, "mapping.") || hasPrefix(code, "prod.column") || hasPrefix(code, "prod.partition"))
        return ErrorKind::Mapping;
    for (const char *prefix :
         {"config.", "param.", "datasource.", "datasources.", "setting.", "kmsync.", "type.", "mcsql.", "query."}) {
        if (hasPrefix(code, prefix))
            return ErrorKind::Input;
    }
    return ErrorKind::Other;
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Unreachable:
        return QStringLiteral("unreachable");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Server:
        return QStringLiteral("server");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::Tls:
        return QStringLiteral("tls");
    case ErrorKind::NotFound:
        return QStringLiteral("not_found");
    case ErrorKind::Mapping:
        return QStringLiteral("mapping");
    case ErrorKind::Input:
        return QStringLiteral("input");
    case ErrorKind::DirtyLimit:
        return QStringLiteral("dirty_limit");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::Other:
        break;
    }
    return QStringLiteral("other");
}

bool isRerunnable(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Unreachable:
    case ErrorKind::Timeout:
    case ErrorKind::Server:
    case ErrorKind::Other:
        return true;
    case ErrorKind::Auth:
    case ErrorKind::Tls:
    case ErrorKind::NotFound:
    case ErrorKind::Mapping:
    case ErrorKind::Input:
    case ErrorKind::DirtyLimit:
    case ErrorKind::Cancelled:
        break;
    }
    return false;
}

} // namespace kmsync::engine
