#include "engine/params/lint.h"

#include <QRegularExpression>

namespace kmsync::engine::params {

namespace {

const QString kDateTime = QStringLiteral("param.datetime");

QString display(const QDateTime &dt)
{
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

Result<QDateTime> parseDataWorksDateTime(const QString &value)
{
    bool digitsOnly = !value.isEmpty();
    for (QChar c : value)
        digitsOnly = digitsOnly && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    if (!digitsOnly || value.size() != 14) {
        const QString got = digitsOnly ? QStringLiteral("%1 digits").arg(value.size())
                                       : QStringLiteral("%1 characters, not all digits").arg(value.size());
        return makeError(kDateTime,
                         QStringLiteral("\"%1\" is not a date-time: expected 14 digits yyyyMMddHHmmss, got %2")
                             .arg(value, got));
    }
    const QDate date(QStringView(value).mid(0, 4).toInt(), QStringView(value).mid(4, 2).toInt(),
                     QStringView(value).mid(6, 2).toInt());
    const int h = QStringView(value).mid(8, 2).toInt();
    const int m = QStringView(value).mid(10, 2).toInt();
    const int s = QStringView(value).mid(12, 2).toInt();
    const QTime time = QTime::isValid(h, m, s) ? QTime(h, m, s) : QTime();
    if (!date.isValid() || !time.isValid())
        return makeError(kDateTime, QStringLiteral("\"%1\" is not a date-time: 14 digits yyyyMMddHHmmss must name a "
                                                   "real %2")
                                        .arg(value, date.isValid() ? QStringLiteral("time of day (HH 00-23, mm 00-59, "
                                                                                    "ss 00-59)")
                                                                   : QStringLiteral("calendar date")));
    return QDateTime(date, time, Qt::UTC);
}

Result<QDateTime> parseDataWorksDateTime(const QString &value, const QTimeZone &zone)
{
    auto naive = parseDataWorksDateTime(value);
    if (!naive)
        return naive;
    return QDateTime(naive->date(), naive->time(), zone);
}

std::optional<QString> checkWindow(const QDateTime &begin, const QDateTime &end)
{
    if (!(end > begin))
        return QStringLiteral("endDateTime %1 is not after beginDateTime %2: the window [begin, end) is empty")
            .arg(display(end), display(begin));
    return std::nullopt;
}

std::optional<QString> checkWindow(const QString &begin, const QString &end)
{
    const auto b = parseDataWorksDateTime(begin);
    if (!b)
        return QStringLiteral("beginDateTime: %1").arg(b.error().message);
    const auto e = parseDataWorksDateTime(end);
    if (!e)
        return QStringLiteral("endDateTime: %1").arg(e.error().message);
    return checkWindow(*b, *e);
}

QStringList expressionWarnings(const QString &expression)
{
    static const QRegularExpression block(QStringLiteral(R"(\$\[([^\]]*)\])"));
    static const QRegularExpression dateToken(QStringLiteral("yyyy|yy|mm|dd"));
    static const QRegularExpression timeToken(QStringLiteral("hh24|mi|ss"));
    // a whole-day offset at the end: "-1", "+ 2", "-7*2", but not "-1/24"
    static const QRegularExpression dayOffset(QStringLiteral(R"([+-]\s*\d+(\s*\*\s*\d+)*\s*$)"));
    static const QRegularExpression fractionOffset(QStringLiteral(R"([+-]\s*\d+[\s\d*]*/)"));
    QStringList warnings;
    bool dateWithoutOffset = false;
    bool timeOnlyWithFraction = false;
    QString timeBlock;
    auto it = block.globalMatch(expression);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString body = m.captured(1);
        if (body.trimmed().startsWith(QLatin1String("add_months")))
            continue;
        const bool hasDate = body.contains(dateToken);
        const bool hasDay = body.contains(QLatin1String("dd"));
        const bool hasTime = body.contains(timeToken);
        const bool days = body.contains(dayOffset);
        const bool fraction = body.contains(fractionOffset);
        if (hasDate && !hasDay && !hasTime && days)
            warnings << QStringLiteral("\"%1\": offsets in $[...] count days, so '%2' is days, not months or years; "
                                       "for months use $[add_months(...)]")
                            .arg(m.captured(0), body.mid(body.indexOf(dayOffset)).remove(QLatin1Char(' ')));
        if (hasDate && !days && !fraction)
            dateWithoutOffset = true;
        if (hasTime && !hasDate && fraction) {
            timeOnlyWithFraction = true;
            timeBlock = m.captured(0);
        }
    }
    if (dateWithoutOffset && timeOnlyWithFraction)
        warnings << QStringLiteral("\"%1\" shifts the time but not the date next to it, so the day is wrong around "
                                   "midnight; put date and time in one $[...], e.g. $[yyyymmddhh24-1/24]")
                        .arg(timeBlock);
    return warnings;
}

} // namespace kmsync::engine::params
