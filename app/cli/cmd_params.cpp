// kmsync-cli params: evaluate DataWorks scheduling parameters at a scheduled time.
#include <QCommandLineParser>
#include <QDateTime>
#include <QRegularExpression>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/commandline.h"
#include "engine/params/lint.h"
#include "engine/params/schedulingparams.h"

using namespace kmsync;
using namespace kmsync::engine;

namespace {

// "YYYY-MM-DD HH:MM:SS" (also "YYYY-MM-DDTHH:MM:SS", "YYYY-MM-DD HH:MM", "YYYYMMDDHHMMSS", "YYYY-MM-DD").
// The result is a naive wall-clock time (Qt::UTC spec), so no local DST gap can invalidate or shift it.
std::optional<QDateTime> parseCyctime(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(\d{4})-?(\d{2})-?(\d{2})(?:[ T]?(\d{2}):?(\d{2})(?::?(\d{2}))?)?$)"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const int h = m.captured(4).toInt(), mi = m.captured(5).toInt(), sec = m.captured(6).toInt();
    if (!date.isValid() || !QTime::isValid(h, mi, sec))
        return std::nullopt;
    return QDateTime(date, QTime(h, mi, sec), Qt::UTC);
}

int runParams(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    auto fail = [&err](const QString &message) {
        err << "kmsync-cli params: " << message << "\n";
        return cli::ExitBadInput;
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Evaluates DataWorks scheduling parameters and prints name=value per assignment, in order.\n"
        "EXPR is literal text with $[...] (scheduled time: yyyy yy mm dd hh24 mi ss, offsets -N days, -N/24 hours,\n"
        "-N/24/60 minutes, add_months(fmt,-N)), ${...} (business date = scheduled day - 1: ${yyyymmdd-N} days,\n"
        "${yyyymm-N} months, ${yyyy-N} years) and built-ins ($bizdate $cyctime $gmtdate $bizmonth ${bdp.system.bizdate}).\n"
        "Example: kmsync-cli params --cyctime \"2022-11-22 10:00:00\" 'startTime=$[yyyymmddhh24mi-8/24/60]00'"));
    const QCommandLineOption help = cli::helpOption();
    const QCommandLineOption cyctime(QStringLiteral("cyctime"),
                                     QStringLiteral(
                                         "Scheduled time \"YYYY-MM-DD HH:MM:SS\" (default: now, local time)."),
                                     QStringLiteral("time"));
    const QCommandLineOption bizdate(QStringLiteral("bizdate"),
                                     QStringLiteral(
                                         "Business date YYYYMMDD, as in a backfill: cyctime = bizdate + 1 day "
                                         "at 00:00:00."),
                                     QStringLiteral("date"));
    const QCommandLineOption line({QStringLiteral("p"), QStringLiteral("params")},
                                  QStringLiteral(
                                      "A DataWorks parameter line \"k1=expr1 k2=expr2\" (repeatable; evaluated "
                                      "before the positional assignments)."),
                                  QStringLiteral("line"));
    parser.addOptions({help, cyctime, bizdate, line});
    parser.addPositionalArgument(QStringLiteral("ASSIGNMENT"), QStringLiteral("name=EXPR"),
                                 QStringLiteral("[ASSIGNMENT...]"));
    if (const int code = cli::parseCommandLine(parser, QStringLiteral("params"), arguments, help); code >= 0)
        return code;

    QDateTime time = QDateTime::currentDateTime();
    if (parser.isSet(cyctime) && parser.isSet(bizdate))
        return fail(QStringLiteral("give either --cyctime or --bizdate, not both"));
    if (parser.isSet(cyctime)) {
        const auto parsed = parseCyctime(parser.value(cyctime));
        if (!parsed)
            return fail(QStringLiteral("--cyctime \"%1\" is not a date-time (expected \"YYYY-MM-DD HH:MM:SS\")")
                            .arg(parser.value(cyctime)));
        time = *parsed;
    } else if (parser.isSet(bizdate)) {
        const QString text = parser.value(bizdate);
        const QDate date = QDate::fromString(text, QStringLiteral("yyyyMMdd"));
        if (text.size() != 8 || !date.isValid())
            return fail(QStringLiteral("--bizdate \"%1\" is not a date (expected YYYYMMDD)").arg(text));
        time = QDateTime(date.addDays(1), QTime(0, 0), Qt::UTC);
    }

    // Assignments in command-line order, whether given as -p LINE or as positional name=EXPR.
    QStringList sources;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            sources += arguments.mid(i + 1);
            break;
        }
        if (arg == QLatin1String("-p") || arg == QLatin1String("--params")) {
            if (i + 1 < arguments.size())
                sources << arguments.at(i + 1);
            ++i;
        } else if (arg.startsWith(QLatin1String("--params="))) {
            sources << arg.mid(9);
        } else if (arg.startsWith(QLatin1String("-p")) && !arg.startsWith(QLatin1String("--"))) {
            sources << arg.mid(2);
        } else if (arg == QLatin1String("--cyctime") || arg == QLatin1String("--bizdate")) {
            ++i;
        } else if (!arg.startsWith(QLatin1Char('-'))) {
            sources << arg;
        }
    }
    std::vector<params::Assignment> assignments;
    for (const QString &source : sources) {
        auto parsed = params::parseAssignments(source);
        if (!parsed)
            return fail(parsed.error().message);
        for (auto &a : *parsed) {
            for (const auto &existing : assignments) {
                if (existing.name == a.name)
                    return fail(QStringLiteral("parameter '%1' is assigned twice").arg(a.name));
            }
            assignments.push_back(std::move(a));
        }
    }
    if (assignments.empty())
        return fail(QStringLiteral("no assignment given (expected name=EXPR, e.g. bizdate=$bizdate); see --help"));

    QStringList lines;
    for (const auto &a : assignments) {
        const auto value = params::evaluate(a.expression, time);
        if (!value)
            return fail(QStringLiteral("parameter '%1': %2").arg(a.name, value.error().message));
        lines << a.name + QLatin1Char('=') + *value;
        for (const QString &warning : params::expressionWarnings(a.expression))
            err << "kmsync-cli params: warning: parameter '" << a.name << "': " << warning << "\n";
    }
    for (const QString &l : lines)
        out << l << "\n";
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("params"), QStringLiteral("Evaluate DataWorks scheduling parameters"), &runParams}};

} // namespace
