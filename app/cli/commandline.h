#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace kmsync::cli {

// Command-line handling the commands without a task file share (params, windows, query, sql).

// The -h/--help option ("Show this help.").
QCommandLineOption helpOption();

// parser.helpText() with the usage line naming the command as users type it: QCommandLineParser names the
// executable's path there ("Usage: /usr/bin/kmsync-cli [options] SQL" -> "Usage: kmsync-cli query [options] SQL").
QString commandHelpText(const QCommandLineParser &parser, const QString &command);

// Parses `arguments` (after the command name). On a parse error prints "kmsync-cli <command>: <error>" to
// stderr and returns ExitBadInput; for `help` prints commandHelpText() to stdout and returns ExitOk;
// returns -1 when the command should go on.
int parseCommandLine(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                     const QCommandLineOption &help);

} // namespace kmsync::cli
