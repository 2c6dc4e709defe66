#pragma once

#include <QString>
#include <QStringList>

namespace kmsync::ui {

class MainWindow;

// `kmsync --screenshot DIR` (MainWindow::renderScreenshots): renders every page, panel and dialog of `window` to
// DIR/<name>.png, each with the text it shows beside it. When the task's source is the sandbox Kafka and its
// destination a local warehouse, the preview, production check, run and results panels first show real content,
// fetched and run in a scratch copy of the task's workspace. A batch mode with no user: it runs the event loop
// until each step has finished.
class ScreenshotRenderer final
{
public:
    explicit ScreenshotRenderer(MainWindow &window);

    // Returns the files written.
    QStringList render(const QString &dir);

private:
    // With a sandbox task: in a scratch copy of its workspace, lists the destination tables, runs the last full
    // hour and queries the result. False (nothing shown) when the task is not on the sandbox.
    bool fillWithSandboxContent(const QString &workspace);

    MainWindow &m_window;
};

} // namespace kmsync::ui
