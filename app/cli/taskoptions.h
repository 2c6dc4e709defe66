#pragma once

#include <QCommandLineParser>
#include <QString>

#include "engine/config/taskloader.h"
#include "engine/core/result.h"

namespace kmsync::cli {

// The options every command that takes a task file shares:
//   --datasources FILE   the workspace's datasources.json (default: the one next to the task file)
//   --env dev|prod       which connection of each datasource (default dev)
//   -p, --param NAME=EXPR  a scheduling parameter, repeatable; EXPR is evaluated against --cyctime,
//                        e.g. -p 'startTime=$[yyyymmddhh24mi-8/24/60]00' -p partition=20221122
//   --cyctime "YYYY-MM-DD HH:MM:SS"  the scheduled time (default now; also yyyyMMddHHmmss)
// Also adds the TASK positional argument and --help.
void addTaskOptions(QCommandLineParser &parser);

// Reads the shared options after parser.process()/parse(). Errors (code "cli.option") name the option,
// the value and what is allowed.
engine::Result<engine::config::TaskRunOptions> readTaskOptions(const QCommandLineParser &parser);

// Parses `arguments` (the command's arguments, without the program and command names) with the shared
// options plus whatever the caller added to `parser`. Prints --help to stdout and returns ExitOk for
// --help; prints "kmsync-cli <command>: <message>" to stderr and returns ExitBadInput on bad input;
// returns -1 when the command should go on (then `taskPath` and `options` are set).
int parseTaskCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                     QString &taskPath, engine::config::TaskRunOptions &options);

// Loads the task file with engine::config::loadTask. Returns -1 when the command should go on (then `task`
// is set); otherwise prints "kmsync-cli <command>: <message>" and returns ExitBadInput.
int loadTaskFile(const QString &command, const QString &taskPath, const engine::config::TaskRunOptions &options,
                 engine::config::ResolvedTask &task);

// loadTaskFile(), then engine::config::validateResolvedTask(). Returns -1 when the task loads and has no
// errors (warnings are not printed). When it has errors: prints `invalidMessage` (if not empty) as
// "kmsync-cli <command>: <message>", then every finding as an "ERROR|WARNING <path>: <message>" line, all
// to stderr, and returns ExitBadInput.
int loadValidTask(const QString &command, const QString &taskPath, const engine::config::TaskRunOptions &options,
                  engine::config::ResolvedTask &task, const QString &invalidMessage = QString());

// Before a run of `task` (run, backfill): with the local warehouse as its destination, pads glibc's heaps by 16 MiB.
// glibc grows a thread's heap by what each request needs and gives its top back as soon as it is free. The Kafka
// client's fetch buffers (up to 4 MiB, allocated on its threads, freed on the reader's) so grew and shrank the heaps
// with every fetch: ~5,400 mprotect() calls, and the page faults after them, in a 480k-message run. Set here, before
// the run's threads exist, the pad covers every heap: 62 calls, 100k messages 170 -> 153 ms of CPU, the same peak
// RSS. Not for MaxCompute runs, whose compressor and upload threads each keep a heap of their own: there the pad
// raised the 480k peak at concurrent 2 from ~86 to ~95 MB for no speed. Nothing elsewhere than glibc.
void padHeapsForRun(const engine::config::ResolvedTask &task);

// "kmsync-cli <command>: <message>" on stderr.
void printError(const QString &command, const QString &message);

} // namespace kmsync::cli
