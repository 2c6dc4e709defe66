#pragma once

#include <QCoreApplication>
#include <QString>

namespace kmsync::ui {

// What to do about an engine error, in the desktop app's words. The engine's messages say what is wrong; each front
// end names its own way out (kmsync-cli: cli::adviceFor, its commands; here: the app's menus and buttons).
class Advice
{
    Q_DECLARE_TR_FUNCTIONS(Advice)

public:
    // Empty when the code has no advice.
    static QString forCode(const QString &errorCode);
};

} // namespace kmsync::ui
