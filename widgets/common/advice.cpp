#include "widgets/common/advice.h"

namespace kmsync::ui {

QString Advice::forCode(const QString &errorCode)
{
    if (errorCode == QLatin1String("sink.no_such_table"))
        return tr("Create it with Generate table schema > Create table.");
    if (errorCode == QLatin1String("query.not_read_only"))
        return tr("Only queries run here; create tables with Generate table schema > Create table.");
    return {};
}

} // namespace kmsync::ui
