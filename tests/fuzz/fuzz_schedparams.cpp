// libFuzzer target: DataWorks scheduling parameters (engine/params/schedulingparams.h).
// Input: UTF-8 text. The whole text is evaluated as one expression, parsed as a parameter line, and the
// line's assignments are evaluated and substituted, at a fixed cyctime and at one derived from the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <QDateTime>
#include <QString>

#include "engine/params/schedulingparams.h"

using namespace kmsync::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    // A fixed cyctime, and one spread over years 1970..2105 by the input's first bytes (leap days, DST).
    const QDateTime fixed(QDate(2022, 11, 22), QTime(10, 0));
    quint32 seconds = 0;
    for (size_t i = 0; i < size && i < 4; ++i)
        seconds = (seconds << 8) | data[i];
    const QDateTime derived = QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);

    for (const QDateTime &cyctime : {fixed, derived}) {
        const auto value = params::evaluate(text, cyctime);
        if (!value.ok() && value.error().code.isEmpty())
            std::abort(); // every error carries a code
    }

    const auto assignments = params::parseAssignments(text);
    if (assignments.ok()) {
        const auto values = params::evaluateAssignments(*assignments, fixed);
        if (values.ok()) {
            const QString substituted = params::substitute(text, *values);
            (void)params::referencedParameters(substituted);
        }
    } else if (assignments.error().code.isEmpty()) {
        std::abort();
    }
    (void)params::referencedParameters(text);
    return 0;
}
