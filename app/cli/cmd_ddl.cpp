// kmsync-cli ddl TASK.json [--datasources F] [--samples FILE] [-p NAME=EXPR]... [--cyctime T]
// Prints the destination table's CREATE TABLE statement ("Generate destination table schema").
#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include "app/cli/command.h"
#include "engine/job/destination.h"
#include "app/cli/taskoptions.h"
#include "engine/config/ddlgenerator.h"
#include "engine/config/loosejson.h"
#include "engine/config/sourcefield.h"
#include "engine/config/taskloader.h"

namespace {

using namespace kmsync;

// The value at `path` in `root` as JSON text, or nothing when the path does not exist.
std::optional<QString> valueAt(const QJsonValue &root, const engine::mapping::JsonPath &path)
{
    QJsonValue v = root;
    for (const engine::mapping::JsonPath::Segment &segment : path.segments()) {
        if (segment.isIndex) {
            if (!v.isArray() || segment.index >= std::size_t(v.toArray().size()))
                return std::nullopt;
            v = v.toArray().at(qsizetype(segment.index));
        } else {
            const QString key = QString::fromStdString(segment.key);
            if (!v.isObject() || !v.toObject().contains(key))
                return std::nullopt;
            v = v.toObject().value(key);
        }
    }
    return engine::config::jsonText(v);
}

// Sample values per reader column from a file of message values, one JSON document per line.
engine::Result<QMap<QString, QStringList>> readSamples(const QString &file, const QStringList &columns)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return engine::makeError(QStringLiteral("cli.samples"),
                                 QStringLiteral("cannot read --samples %1: %2").arg(file, f.errorString()));
    QMap<QString, QStringList> samples;
    int lineNo = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError) {
            return engine::makeError(
                QStringLiteral("cli.samples"),
                QStringLiteral("--samples %1 line %2 is not JSON: %3").arg(file).arg(lineNo).arg(error.errorString()));
        }
        const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        for (const QString &column : columns) {
            const auto field = engine::config::parseSourceField(column);
            if (!field || field->kind() != engine::mapping::SourceField::Kind::Path)
                continue;
            if (const auto text = valueAt(root, field->path()))
                samples[column] << *text;
        }
    }
    return samples;
}

int runDdl(const QStringList &arguments)
{
    const QString command = QStringLiteral("ddl");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints the CREATE TABLE statement for the task's destination: a table named after the topic "
                       "with the six Kafka fields, one column per mapped JSON path, the writer's partition keys and "
                       "LIFECYCLE 36500."));
    cli::addTaskOptions(parser);
    parser.addOption(
        {QStringLiteral("samples"),
         QStringLiteral("Message values, one JSON document per line, to infer the JSON path columns' types "
                        "from (default: STRING)."),
         QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("apply"),
         QStringLiteral("Also create the table on the writer's datasource (local warehouse or MaxCompute); "
                        "an existing table is left as it is (IF NOT EXISTS).")});
    QString taskPath;
    engine::config::TaskRunOptions options;
    if (const int code = cli::parseTaskCommand(parser, command, arguments, taskPath, options); code >= 0)
        return code;

    engine::config::ResolvedTask resolved;
    if (const int code = cli::loadTaskFile(command, taskPath, options, resolved); code >= 0)
        return code;
    const engine::config::TaskConfig &task = resolved.task;
    QMap<QString, QStringList> samples;
    if (parser.isSet(QStringLiteral("samples"))) {
        auto read = readSamples(parser.value(QStringLiteral("samples")), task.reader.column);
        if (!read) {
            cli::printError(command, read.error().message);
            return cli::ExitBadInput;
        }
        samples = std::move(read.value());
    }
    const auto schema = engine::config::ddlSchema(task, samples);
    if (!schema) {
        cli::printError(command, schema.error().message);
        return cli::ExitBadInput;
    }
    QTextStream out(stdout);
    const QString ddl = engine::config::renderDdl(schema.value());
    out << ddl;
    if (!parser.isSet(QStringLiteral("apply")))
        return cli::ExitOk;
    out.flush();
    const auto datasource = resolved.datasources.resolve(task.writer.datasource);
    if (!datasource) {
        cli::printError(command, datasource.error().message);
        return cli::ExitBadInput;
    }
    if (schema->name.compare(task.writer.table, Qt::CaseInsensitive) != 0) {
        cli::printError(command, QStringLiteral("warning: the generated table \"%1\" is named after the topic, but the "
                                                "writer writes to \"%2\"; edit one of them")
                                     .arg(schema->name, task.writer.table));
    }
    const cli::StopOnSignal stop; // Ctrl-C stops the DDL (and its SQL instance)
    const auto applied = engine::runDestinationSql(datasource.value(), ddl, stop.token());
    if (!applied) {
        cli::printError(command, applied.error().message);
        if (applied.error().code == QLatin1String(engine::kCancelledCode))
            return cli::ExitCancelled;
        return applied.error().code.startsWith(QLatin1String("sql.")) ? cli::ExitBadInput : cli::ExitRunFailed;
    }
    QTextStream err(stderr);
    for (const QString &line : applied.value())
        err << "kmsync-cli ddl: " << line << " on " << datasource->name << "\n";
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("ddl"), QStringLiteral("Print the destination table's CREATE TABLE statement"), &runDdl}};

} // namespace
