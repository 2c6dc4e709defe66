#include "app/cli/commandline.h"

#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/taskoptions.h"

namespace kmsync::cli {

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
}

QString commandHelpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const qsizetype options = text.indexOf(QLatin1String(" [options]"));
    if (text.startsWith(QLatin1String("Usage: ")) && options > 0)
        text.replace(7, options - 7, QStringLiteral("kmsync-cli ") + command);
    return text;
}

int parseCommandLine(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                     const QCommandLineOption &help)
{
    if (!parser.parse(QStringList{QStringLiteral("kmsync-cli ") + command} + arguments)) {
        printError(command, parser.errorText());
        return ExitBadInput;
    }
    if (parser.isSet(help)) {
        QTextStream out(stdout);
        out << commandHelpText(parser, command);
        return ExitOk;
    }
    return -1;
}

} // namespace kmsync::cli
