#pragma once

// Helpers for widget tests: MainWindow opens and saves on a worker thread; these wait for the outcome.
#include <QSignalSpy>
#include <QTest>

#include "widgets/mainwindow/mainwindow.h"

namespace kmsync::ui::test {

// Waits for one of the window's file signals after `start` (which starts an open or a save); true when
// `success` was the one emitted.
template <typename Start>
bool waitForFile(MainWindow &window, void (MainWindow::*success)(const QString &), Start start)
{
    QSignalSpy done(&window, success);
    QSignalSpy failed(&window, &MainWindow::fileError);
    if (!start())
        return false;
    if (!QTest::qWaitFor([&] { return done.count() + failed.count() > 0; }, 30000))
        return false;
    return done.count() == 1;
}

inline bool openAndWait(MainWindow &window, const QString &path)
{
    return waitForFile(window, &MainWindow::fileOpened, [&] { return window.openFile(path); });
}

inline bool saveAndWait(MainWindow &window, const QString &path)
{
    return waitForFile(window, &MainWindow::fileSaved, [&] { return window.saveFile(path); });
}

inline bool openSampleAndWait(MainWindow &window)
{
    return waitForFile(window, &MainWindow::fileOpened, [&] { return window.openSample(); });
}

} // namespace kmsync::ui::test
