#include "engine/engine.h"

#include <librdkafka/rdkafka.h>
#include <sqlite3.h>

namespace kmsync::engine {

QString versionString()
{
    return QStringLiteral("kmsync %1 (librdkafka %2, SQLite %3, Qt %4)")
        .arg(QStringLiteral(KMSYNC_VERSION), QString::fromLatin1(rd_kafka_version_str()),
             QString::fromLatin1(sqlite3_libversion()), QString::fromLatin1(qVersion()));
}

} // namespace kmsync::engine
