#pragma once

#include <optional>

#include <functional>
#include <memory>
#include <vector>

#include <QFutureWatcher>
#include <QMainWindow>
#include <QMessageBox>
#include <QMap>
#include <QStringList>

#include "engine/mapping/fieldprofile.h"
#include "engine/config/datasources.h"
#include "engine/params/cyclepreset.h"
#include "widgets/datasources/secretstore.h"
#include "widgets/taskeditor/taskfileread.h"
#include "widgets/taskeditor/taskform.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QPushButton;
class QTimer;
class QTranslator;

namespace kmsync::ui {

class QueryPanel;
class RunController;
class RunPanel;
struct RunRequest;
class ScreenshotRenderer;
class TaskEditor;

// The desktop app's window: the task editor plus file handling (open/save DataWorks script-mode JSON, recent
// files, unsaved-change prompt), View JSON, live validation, the Language menu and remembered geometry.
// Everything that edits a task lives in the pages; this class only wires actions to them. Its definition is split by
// job: mainwindow.cpp (layout, language, datasources, validation, closing), mainwindowactions.cpp (actions, menus,
// toolbar and their texts), mainwindowfiles.cpp (open, save, recent files, the sample task) and mainwindowtools.cpp
// (the run and the Tools dialogs).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The desktop keychain for ${keychain:KEY} datasource secrets, handed to every action and dialog that needs it
    // (main() gives the real one, tests a fake; none by default).
    void setSecretAccess(SecretAccess secrets);

    TaskEditor *editor() const { return m_editor; }
    QString currentFile() const { return m_file; }
    QStringList recentFiles() const;
    // The message shown in the window's error banner (empty when hidden).
    QString errorText() const;

    // The file access behind open and save. Both run on a worker thread, never on the GUI thread, so they must
    // not touch widgets. Replaceable (tests); the defaults are readTaskFile() and writeTaskFile().
    using TaskReader = std::function<TaskFileRead(const QString &path)>;
    using TaskWriter = std::function<QString(const QString &path, const QByteArray &bytes)>; // error or empty
    void setTaskFileIo(TaskReader reader, TaskWriter writer);
    // Reads a task file and the datasources.json beside it.
    static TaskFileRead readTaskFile(const QString &path);
    // Writes atomically (QSaveFile); returns the error message, empty on success.
    static QString writeTaskFile(const QString &path, const QByteArray &bytes);

    // Starts an empty task (no prompt; see maybeSave()).
    void newTask();
    // Starts loading a task file on a worker thread; fileOpened() or fileError() follows. On failure the window
    // keeps its task and shows why in the error banner. False (nothing started) while another open or save runs.
    bool openFile(const QString &path);
    // Starts writing the task to `path` on a worker thread (it becomes the current file when done); fileSaved()
    // or fileError() follows. Validation findings are shown, not blocking. False while another open or save runs.
    bool saveFile(const QString &path);
    // Whether an open or save is in flight (File actions are disabled meanwhile).
    bool isFileBusy() const;
    // Runs validation now and shows every finding next to its field; returns the findings.
    std::vector<FieldIssue> validateNow();
    // "en" or "zh_CN"; stored in QSettings ("UI/Language") and applied at once.
    void setLanguage(const QString &code);
    QString language() const { return m_language; }
    RunPanel *runPanel() const { return m_runPanel; }
    RunController *runController() const { return m_runController; }
    // "Run with parameters": runs the task as it is in the editor (unsaved edits included) on the run thread,
    // with the run panel's scheduled time and parameters. False when a run is already going or the parameter
    // line does not parse (the panel says why).
    bool startRun();

    // The sample task (resources/samples, embedded as :/samples) copied into a writable workspace,
    // AppDataLocation/sample, with its local warehouse table created, then opened. Files already there are kept,
    // so the user's edits survive. False (with the reason in the error banner) when it cannot be written.
    bool openSample();
    QString sampleWorkspace() const;
    // First start: without a current file and without recent files, shows the "Open the sample task" banner.
    // Returns whether it is shown.
    bool offerSampleOnFirstStart();

    // Renders every page and dialog to DIR/<name>.png; returns the files written. When the task's source is the
    // sandbox Kafka, the preview, production check, run and results panels show real fetched content first.
    // The work is ScreenshotRenderer's (screenshotrenderer.h).
    QStringList renderScreenshots(const QString &dir);

Q_SIGNALS:
    void fileOpened(const QString &path);
    void fileSaved(const QString &path);
    void fileError(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The Run panel's scheduled time: the cycle's latest at or before now in the task's time zone, zone shown.
    void setDefaultCyctime(const engine::params::Cycle &cycle);
    // The screenshot renderer drives the window's docks, panels and dialogs as a user would.
    friend class ScreenshotRenderer;

    void createActions();
    void installTranslators();
    void retranslate();
    // The unsaved-change prompt. Runs `next` once the task may be replaced: at once (unmodified, Discard), after
    // the save it starts has finished (Save), or never (Cancel, or the save failed).
    void maybeSave(std::function<void()> next);
    void open();
    void save();
    void saveAs();
    QMessageBox::StandardButton askToSave();
    void startOpen(const QString &path, const std::function<TaskFileRead()> &read);
    void onOpenFinished();
    void onSaveFinished();
    void updateFileActions();
    void viewJson();
    void about();
    void showDatasources();
    void showDdl();
    // Message preview, Results (query panel), Check production.
    void showPreview();
    void showResults();
    void showCheckProduction();
    void showBackfill();
    RunRequest taskRequest() const;
    void onEdited();
    void setCurrentFile(const QString &path);
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void showError(const QString &message);
    void applyDatasources(const engine::config::Datasources &datasources);

    TaskEditor *m_editor = nullptr;
    QLabel *m_errorBanner = nullptr;
    QWidget *m_sampleBanner = nullptr;
    QLabel *m_sampleLabel = nullptr;
    QPushButton *m_sampleButton = nullptr;
    RunPanel *m_runPanel = nullptr;
    RunController *m_runController = nullptr;
    QDockWidget *m_runDock = nullptr;
    QueryPanel *m_queryPanel = nullptr;
    QDockWidget *m_queryDock = nullptr;
    QMap<QString, QStringList> m_previewSamples; // sample values of the last message preview, per reader column
    std::optional<engine::mapping::FieldProfile> m_previewProfile; // the last preview's field profile
    QTimer *m_validateTimer = nullptr;
    QString m_file;
    QString m_language;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    engine::config::Datasources m_datasources;
    SecretAccess m_secrets;
    TaskReader m_reader;
    TaskWriter m_writer;
    QFutureWatcher<TaskFileRead> m_openWatcher;
    QFutureWatcher<QString> m_saveWatcher;
    bool m_opening = false; // from starting a read until its result is applied (not just until the read ends)
    bool m_saving = false;
    QString m_savingPath;
    QByteArray m_savingJson;
    std::function<void()> m_afterSave; // what maybeSave() continues with once the save succeeded

    QMenu *m_fileMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_toolsMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_openSampleAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_viewJsonAction = nullptr;
    QAction *m_validateAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_englishAction = nullptr;
    QAction *m_chineseAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_datasourcesAction = nullptr;
    QAction *m_previewAction = nullptr;
    QAction *m_resultsAction = nullptr;
    QAction *m_checkProductionAction = nullptr;
    QAction *m_backfillAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_cancelRunAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QToolBar *m_toolBar = nullptr;
};

} // namespace kmsync::ui
