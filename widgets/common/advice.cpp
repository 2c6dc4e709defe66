#include "widgets/common/advice.h"

namespace kmsync::ui {

QString Advice::forCode(const QString &errorCode)
{
    if (errorCode == QLatin1String("sink.no_such_table"))
        return tr("Create it with Generate table schema > Create table.");
    if (errorCode == QLatin1String("datasource.no_file"))
        return tr("Add it with Tools > Datasources… (saved as datasources.json next to the task).");
    if (errorCode == QLatin1String("backfill.range_reversed"))
        return tr("Under Business dates, pick a first date on or before the last one.");
    if (errorCode == QLatin1String("backfill.no_schedule"))
        return tr("Pick a cycle.");
    if (errorCode == QLatin1String("query.not_read_only"))
        return tr("Only queries run here; create tables with Generate table schema > Create table.");
    return {};
}

} // namespace kmsync::ui
