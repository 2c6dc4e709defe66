#pragma once

#include <functional>
#include <map>

#include <QString>
#include <QStringList>

#include "engine/core/log.h"
#include "engine/core/stoptoken.h"

namespace kmsync::cli {

// Exit codes of every command (a contract scripts depend on).
enum ExitCode : int {
    ExitOk = 0,
    ExitRunFailed = 1,
    ExitBadInput = 2,
    ExitCancelled = 3,
};

struct Command
{
    QString name;
    QString summary;                             // one line for `kmsync-cli --help`
    std::function<int(const QStringList &)> run; // arguments after the command name; returns an ExitCode
};

// Commands register themselves from their own translation unit:
//   static const kmsync::cli::Registration reg{{"params", "Evaluate scheduling parameters", &runParams}};
std::map<QString, Command> &commandRegistry();

struct Registration
{
    explicit Registration(Command command);
};

// One engine log line as every command prints it on stderr: "kmsync-cli <command>: [error: |warning: ]<message>"
// (Info without a prefix, Debug not at all).
void printLog(const QString &command, engine::LogLevel level, const QString &message);

// What to do about an engine error, in kmsync-cli's words (the engine's messages say what is wrong, each front end
// its own way out; the desktop app has ui::desktopAdvice). `taskPath` fills in the command to run. Empty: none.
QString adviceFor(const QString &errorCode, const QString &taskPath = {});
// Prints adviceFor() as "kmsync-cli <command>: <advice>" when there is some.
void printAdvice(const QString &command, const QString &errorCode, const QString &taskPath = {});

// While it lives, SIGINT and SIGTERM set token() instead of ending the process, so a command's network calls stop
// cleanly (a polled MaxCompute SQL instance is asked to terminate) and it exits ExitCancelled. One at a time.
class StopOnSignal
{
public:
    StopOnSignal();
    ~StopOnSignal();
    StopOnSignal(const StopOnSignal &) = delete;
    StopOnSignal &operator=(const StopOnSignal &) = delete;

    const engine::StopToken &token() const;
};

} // namespace kmsync::cli
