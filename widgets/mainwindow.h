#pragma once

#include <memory>
#include <vector>

#include <QMainWindow>
#include <QMap>
#include <QStringList>

#include "engine/config/datasources.h"
#include "widgets/taskform.h"

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
class TaskEditor;

// The desktop app's window: the task editor plus file handling (open/save DataWorks script-mode JSON, recent
// files, unsaved-change prompt), View JSON, live validation, the Language menu and remembered geometry.
// Everything that edits a task lives in the pages; this class only wires actions to them.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    TaskEditor *editor() const { return m_editor; }
    QString currentFile() const { return m_file; }
    QStringList recentFiles() const;
    // The message shown in the window's error banner (empty when hidden).
    QString errorText() const;

    // Starts an empty task (no prompt; see maybeSave()).
    void newTask();
    // Loads a task file; on failure the window keeps its task and shows why in the error banner.
    bool openFile(const QString &path);
    // Writes the task to `path` (and makes it the current file); validation findings are shown, not blocking.
    bool saveFile(const QString &path);
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

    // Renders every page and dialog to DIR/<name>.png; returns the files written.
    QStringList renderScreenshots(const QString &dir);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void installTranslators();
    void retranslate();
    bool maybeSave();
    void open();
    bool save();
    bool saveAs();
    void viewJson();
    void about();
    void showDatasources();
    void showDdl();
    // Message preview, Results (query panel), Check production.
    void showPreview();
    void showResults();
    void showCheckProduction();
    RunRequest taskRequest() const;
    void onEdited();
    void setCurrentFile(const QString &path);
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void showError(const QString &message);
    void applyDatasources();

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
    QTimer *m_validateTimer = nullptr;
    QString m_file;
    QString m_language;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    engine::config::Datasources m_datasources;

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
    QAction *m_runAction = nullptr;
    QAction *m_cancelRunAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QToolBar *m_toolBar = nullptr;
};

} // namespace kmsync::ui
