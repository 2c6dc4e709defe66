// The main window's file handling: open and save on a worker thread, the unsaved-change prompt, recent files and
// the sample task.
#include "widgets/mainwindow/mainwindow.h"

#include <utility>

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include "widgets/common/engineadapter.h"
#include "widgets/mainwindow/sampleworkspace.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/taskadapter.h"
#include "widgets/taskeditor/taskeditor.h"

namespace kmsync::ui {

namespace {

const QString kRecentKey = QStringLiteral("MainWindow/RecentFiles");
const QString kLastDirKey = QStringLiteral("MainWindow/LastDirectory");
constexpr int kMaxRecent = 8;

} // namespace

void MainWindow::setTaskFileIo(TaskReader reader, TaskWriter writer)
{
    m_reader = reader ? std::move(reader) : TaskReader(&MainWindow::readTaskFile);
    m_writer = writer ? std::move(writer) : TaskWriter(&MainWindow::writeTaskFile);
}

TaskFileRead MainWindow::readTaskFile(const QString &path)
{
    TaskFileRead read;
    read.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        read.error = tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return read;
    }
    read.bytes = file.readAll();
    read.datasources = datasourcesForTask(path);
    return read;
}

QString MainWindow::writeTaskFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

bool MainWindow::isFileBusy() const
{
    return m_opening || m_saving;
}

void MainWindow::updateFileActions()
{
    const bool busy = isFileBusy();
    for (QAction *a : {m_newAction, m_openAction, m_openSampleAction, m_saveAction, m_saveAsAction})
        a->setEnabled(!busy);
    m_sampleButton->setEnabled(!busy);
    m_recentMenu->setEnabled(!busy && !m_recentMenu->isEmpty());
}

bool MainWindow::openFile(const QString &path)
{
    if (isFileBusy())
        return false;
    const TaskReader reader = m_reader;
    startOpen(path, [reader, path] { return reader(path); });
    return true;
}

void MainWindow::startOpen(const QString &path, const std::function<TaskFileRead()> &read)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_opening = true;
    m_openWatcher.setFuture(QtConcurrent::run(read));
    updateFileActions();
}

void MainWindow::onOpenFinished()
{
    const TaskFileRead read = m_openWatcher.result();
    m_opening = false;
    updateFileActions();
    statusBar()->clearMessage();
    auto fail = [this](const QString &message) {
        showError(message);
        Q_EMIT fileError(message);
    };
    if (!read.error.isEmpty())
        return fail(read.error);
    auto task = taskFromJson(read.bytes);
    if (!task)
        return fail(tr("Could not load %1: %2").arg(QDir::toNativeSeparators(read.path), task.error().message));
    m_editor->setTask(*task);
    m_sampleBanner->hide();
    m_runPanel->setParameters(task->schedule.parameters);
    setDefaultCyctime(task->schedule.cycle);
    setCurrentFile(read.path);
    addRecentFile(read.path);
    applyDatasources(read.datasources);
    showError(QString());
    validateNow();
    if (read.createdSampleTable)
        m_editor->destinationPage()->refreshTables(); // the new table's columns and keys reach the mapping
    if (read.sample)
        m_runDock->show();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(read.path)), 5000);
    Q_EMIT fileOpened(read.path);
}

bool MainWindow::saveFile(const QString &path)
{
    if (isFileBusy())
        return false;
    m_saving = true;
    m_savingPath = path;
    m_savingJson = taskToJson(m_editor->task());
    const TaskWriter writer = m_writer;
    const QByteArray json = m_savingJson;
    statusBar()->showMessage(tr("Saving %1…").arg(QDir::toNativeSeparators(path)));
    m_saveWatcher.setFuture(QtConcurrent::run([writer, path, json] { return writer(path, json); }));
    updateFileActions();
    return true;
}

void MainWindow::onSaveFinished()
{
    const QString error = m_saveWatcher.result();
    m_saving = false;
    const QString path = std::exchange(m_savingPath, QString());
    const QByteArray json = std::exchange(m_savingJson, QByteArray());
    const std::function<void()> next = std::exchange(m_afterSave, nullptr);
    updateFileActions();
    statusBar()->clearMessage();
    if (!error.isEmpty()) {
        showError(error);
        Q_EMIT fileError(error);
        return; // `next` is dropped: nothing replaces or closes a task that is not saved
    }
    // What was written is now the original the next save starts from, unless the task was edited meanwhile:
    // those edits stay in the editor, and the window stays modified.
    const bool editedMeanwhile = taskToJson(m_editor->task()) != json;
    if (!editedMeanwhile) {
        if (auto reloaded = taskFromJson(json))
            m_editor->setTask(*reloaded);
    }
    setCurrentFile(path);
    setWindowModified(editedMeanwhile);
    addRecentFile(path);
    showError(QString());
    const auto issues = validateNow();
    statusBar()->showMessage(issues.empty() ? tr("Saved %1").arg(QDir::toNativeSeparators(path))
                                            : tr("Saved %1 with %n problem(s)", nullptr, int(issues.size()))
                                                  .arg(QDir::toNativeSeparators(path)),
                             5000);
    Q_EMIT fileSaved(path);
    if (next)
        next();
}

void MainWindow::setCurrentFile(const QString &path)
{
    m_file = path;
    setWindowModified(false);
    retranslate();
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings settings;
    settings.setValue(kRecentKey, files);
    settings.setValue(kLastDirKey, QFileInfo(absolute).absolutePath());
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files.at(i);
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(path)));
        connect(a, &QAction::triggered, this, [this, path] { maybeSave([this, path] { openFile(path); }); });
    }
    m_recentMenu->setEnabled(!files.isEmpty() && !isFileBusy());
}

QMessageBox::StandardButton MainWindow::askToSave()
{
    return QMessageBox::warning(this, tr("Unsaved changes"), tr("The task has unsaved changes. Save them first?"),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
}

void MainWindow::maybeSave(std::function<void()> next)
{
    if (!isWindowModified()) {
        next();
        return;
    }
    const auto answer = askToSave();
    if (answer == QMessageBox::Discard) {
        next();
    } else if (answer == QMessageBox::Save) {
        m_afterSave = std::move(next);
        save();
        if (!m_saving)
            m_afterSave = nullptr; // no save started (Save As cancelled)
    }
}

void MainWindow::open()
{
    maybeSave([this] {
        const QString dir = QSettings().value(kLastDirKey, QDir::homePath()).toString();
        const QString path = QFileDialog::getOpenFileName(this, tr("Open task"), dir,
                                                          tr("Task files (*.json);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
}

void MainWindow::save()
{
    if (m_file.isEmpty())
        saveAs();
    else
        saveFile(m_file);
}

void MainWindow::saveAs()
{
    const QString dir = m_file.isEmpty() ? QSettings().value(kLastDirKey, QDir::homePath()).toString() : m_file;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save task"), dir, tr("Task files (*.json)"));
    if (!path.isEmpty())
        saveFile(path);
}

QString MainWindow::sampleWorkspace() const
{
    return sampleWorkspacePath();
}

bool MainWindow::openSample()
{
    if (isFileBusy())
        return false;
    const QString workspace = sampleWorkspace();
    const TaskReader reader = m_reader;
    startOpen(QDir(workspace).filePath(QStringLiteral("clicks-task.json")),
              [workspace, reader] { return prepareSample(workspace, reader); });
    return true;
}

bool MainWindow::offerSampleOnFirstStart()
{
    m_sampleBanner->setVisible(m_file.isEmpty() && recentFiles().isEmpty());
    return m_sampleBanner->isVisibleTo(this);
}

} // namespace kmsync::ui
