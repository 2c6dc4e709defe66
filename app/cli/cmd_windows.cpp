// kmsync-cli windows: the scheduled instances of a cycle with their parameters and [start, end) windows.
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/commandline.h"
#include "engine/params/cyclepreset.h"
#include "engine/params/lint.h"
#include "engine/params/windowpreview.h"

using namespace kmsync;
using namespace kmsync::engine;

namespace {

QString stamp(const QDateTime &dt)
{
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString junctionName(params::Junction j)
{
    switch (j) {
    case params::Junction::First:
        return QStringLiteral("first");
    case params::Junction::Contiguous:
        return QStringLiteral("contiguous");
    case params::Junction::Gap:
        return QStringLiteral("gap");
    case params::Junction::Overlap:
        return QStringLiteral("overlap");
    }
    return QString();
}

QString textLine(const params::WindowInstance &w)
{
    QString line = stamp(w.scheduled) + QLatin1Char(' ');
    for (const auto &[name, value] : w.parameters)
        line += QStringLiteral(" %1=%2").arg(name, value);
    line += QStringLiteral("  [%1, %2)")
                .arg(w.start ? stamp(*w.start) : QStringLiteral("?"), w.end ? stamp(*w.end) : QStringLiteral("?"));
    if (w.junction == params::Junction::Gap)
        line += QStringLiteral("  GAP %1").arg(params::formatDuration(w.junctionSeconds));
    else if (w.junction == params::Junction::Overlap)
        line += QStringLiteral("  OVERLAP %1").arg(params::formatDuration(w.junctionSeconds));
    if (!w.errors.isEmpty())
        line += QStringLiteral("  ERROR: %1").arg(w.errors.join(QStringLiteral("; ")));
    return line;
}

QJsonObject jsonLine(const params::WindowInstance &w)
{
    QJsonObject parameters;
    for (const auto &[name, value] : w.parameters)
        parameters.insert(name, value);
    QJsonObject o{{QStringLiteral("scheduled"), stamp(w.scheduled)},
                  {QStringLiteral("parameters"), parameters},
                  {QStringLiteral("start"), w.start ? QJsonValue(stamp(*w.start)) : QJsonValue()},
                  {QStringLiteral("end"), w.end ? QJsonValue(stamp(*w.end)) : QJsonValue()},
                  {QStringLiteral("junction"), junctionName(w.junction)},
                  {QStringLiteral("junctionSeconds"), w.junctionSeconds},
                  {QStringLiteral("errors"), QJsonArray::fromStringList(w.errors)}};
    return o;
}

int runWindows(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    auto fail = [&err](const QString &message) {
        err << "kmsync-cli windows: " << message << "\n";
        return cli::ExitBadInput;
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists the scheduled instances of a DataWorks cycle between two dates (inclusive): the scheduled time, each\n"
        "resolved parameter, the window [start, end) from startTime/endTime, and GAP/OVERLAP with its size where a\n"
        "window does not join the previous one; then a summary line. Exit code 2 when an instance has a lint error\n"
        "(e.g. startTime not 14 digits yyyyMMddHHmmss)."));
    const QCommandLineOption help = cli::helpOption();
    const QCommandLineOption cycle(QStringLiteral("cycle"),
                                   QStringLiteral("The cycle preset: day, hour, 5min, week or month (the seed's "
                                                  "recommended schedule)."),
                                   QStringLiteral("cycle"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("First date, YYYY-MM-DD."),
                                  QStringLiteral("date"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Last date, YYYY-MM-DD (inclusive)."),
                                QStringLiteral("date"));
    const QCommandLineOption paramsLine(QStringLiteral("params"),
                                        QStringLiteral("Parameter line \"k1=expr1 k2=expr2\" (default: the cycle's "
                                                       "preset startTime/endTime/partition)."),
                                        QStringLiteral("line"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output: text (default) or json (one JSON object per line)."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    parser.addOptions({help, cycle, from, to, paramsLine, format});
    if (const int code = cli::parseCommandLine(parser, QStringLiteral("windows"), arguments, help); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (!parser.isSet(cycle))
        return fail(QStringLiteral("--cycle is required (day, hour, 5min, week or month)"));
    const auto preset = params::cyclePreset(parser.value(cycle));
    if (!preset)
        return fail(QStringLiteral("--cycle \"%1\" is not a cycle (allowed: day, hour, 5min, week, month)")
                        .arg(parser.value(cycle)));
    QDate dates[2];
    const QCommandLineOption *dateOptions[2] = {&from, &to};
    for (int i = 0; i < 2; ++i) {
        const QString name = dateOptions[i]->names().first();
        if (!parser.isSet(*dateOptions[i]))
            return fail(QStringLiteral("--%1 is required (YYYY-MM-DD)").arg(name));
        const QString text = parser.value(*dateOptions[i]);
        dates[i] = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
        if (!dates[i].isValid())
            return fail(QStringLiteral("--%1 \"%2\" is not a date (expected YYYY-MM-DD)").arg(name, text));
    }
    if (dates[0] > dates[1])
        return fail(QStringLiteral("--from %1 is after --to %2")
                        .arg(dates[0].toString(Qt::ISODate), dates[1].toString(Qt::ISODate)));
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json"))
        return fail(QStringLiteral("--format \"%1\" is not allowed (text or json)").arg(fmt));

    std::vector<params::Assignment> assignments = preset->assignments();
    if (parser.isSet(paramsLine)) {
        auto parsed = params::parseAssignments(parser.value(paramsLine));
        if (!parsed)
            return fail(QStringLiteral("--params: %1").arg(parsed.error().message));
        if (parsed->empty())
            return fail(QStringLiteral("--params is empty (expected \"startTime=... endTime=...\")"));
        assignments = *parsed;
    }

    for (const auto &a : assignments) {
        for (const QString &warning : params::expressionWarnings(a.expression))
            err << "kmsync-cli windows: warning: parameter '" << a.name << "': " << warning << "\n";
    }
    err.flush();
    const auto windows = params::previewWindows(preset->cycle, dates[0], dates[1], assignments);
    const params::WindowSummary summary = params::summarize(windows);
    if (fmt == QLatin1String("json")) {
        for (const auto &w : windows)
            out << QJsonDocument(jsonLine(w)).toJson(QJsonDocument::Compact) << "\n";
        const QJsonObject s{{QStringLiteral("instances"), summary.instances},
                            {QStringLiteral("gaps"), summary.gaps},
                            {QStringLiteral("overlaps"), summary.overlaps},
                            {QStringLiteral("errors"), summary.errors},
                            {QStringLiteral("cycle"), preset->cycle.describe()}};
        out << QJsonDocument(QJsonObject{{QStringLiteral("summary"), s}}).toJson(QJsonDocument::Compact) << "\n";
    } else {
        for (const auto &w : windows)
            out << textLine(w) << "\n";
        // English plurals: "1 instance", "2 gaps".
        const auto counted = [](int n, const char *one, const char *many) {
            return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
        };
        out << QStringLiteral("%1 (%2), %3, %4, %5 with errors")
                   .arg(counted(summary.instances, "instance", "instances"), preset->cycle.describe(),
                        counted(summary.gaps, "gap", "gaps"), counted(summary.overlaps, "overlap", "overlaps"))
                   .arg(summary.errors)
            << "\n";
    }
    return summary.errors > 0 ? cli::ExitBadInput : cli::ExitOk;
}

const cli::Registration reg{{QStringLiteral("windows"),
                             QStringLiteral("Preview a cycle's instances, parameters and [start, end) windows"),
                             &runWindows}};

} // namespace
