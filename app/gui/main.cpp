// kmsync: the desktop app. `kmsync [task.json]`, `kmsync --version`, `kmsync --screenshot DIR [task.json]`.
#include <cstdio>
#include <cstring>
#include <memory>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QThreadPool>

#include "engine/core/crashhandler.h"
#include "engine/engine.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/datasources/secretstore.h"

int main(int argc, char *argv[])
{
    kmsync::engine::installCrashHandler("kmsync");
    // --version and --screenshot must work without a display.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("%s\n", qPrintable(kmsync::engine::versionString()));
            return 0;
        }
        if (std::strcmp(argv[i], "--screenshot") == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("kmsync"));
    QApplication::setApplicationName(QStringLiteral("kmsync"));
    QApplication::setApplicationVersion(kmsync::engine::versionString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kafka to MaxCompute batch synchronization, on the desktop."));
    parser.addHelpOption();
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Print the version and exit."));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral(
                                                  "Render every page and dialog to PNG files in DIR and exit."),
                                              QStringLiteral("DIR"));
    parser.addOption(versionOption);
    parser.addOption(screenshotOption);
    parser.addPositionalArgument(QStringLiteral("task"), QStringLiteral("A DataWorks script-mode task file to open."),
                                 QStringLiteral("[task.json]"));
    parser.process(app);

    auto window = std::make_unique<kmsync::ui::MainWindow>();
    // ${keychain:KEY} datasource secrets: the desktop keychain, asking the user when it cannot answer.
    window->setSecretAccess(kmsync::ui::SecretAccess::forStore(std::make_shared<kmsync::ui::QtKeychainStore>()));
    QObject::connect(window.get(), &kmsync::ui::MainWindow::fileError, window.get(),
                     [](const QString &message) { std::fprintf(stderr, "kmsync: %s\n", qPrintable(message)); });
    // The window's end stops every worker its dialogs and panels left running (nobody waits for them there); they
    // end within a second and are joined here, while the application object they use still exists.
    const auto finish = [&window](int code) {
        window.reset();
        QThreadPool::globalInstance()->waitForDone();
        return code;
    };
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty())
        window->openFile(args.first()); // read on a worker; --screenshot waits for it
    if (args.isEmpty() && !parser.isSet(screenshotOption))
        window->offerSampleOnFirstStart(); // first start: the sample task one click away

    if (parser.isSet(screenshotOption)) {
        const QStringList files = window->renderScreenshots(parser.value(screenshotOption));
        for (const QString &file : files)
            std::printf("%s\n", qPrintable(QDir::toNativeSeparators(file)));
        return finish(files.isEmpty() ? 1 : 0);
    }
    window->show();
    return finish(QApplication::exec());
}
