// The main window's actions, menus and toolbar, and the texts they show in the chosen language.
#include "widgets/mainwindow/mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QToolBar>

#include "widgets/run/runcontroller.h"

namespace kmsync::ui {

void MainWindow::createActions()
{
    auto action = [this](const char *icon, const QKeySequence &shortcut, auto slot) {
        auto *a = new QAction(this);
        if (icon)
            a->setIcon(QIcon(QLatin1String(icon)));
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_newAction = action(":/icons/new.svg", QKeySequence::New, [this] { maybeSave([this] { newTask(); }); });
    m_openAction = action(":/icons/open.svg", QKeySequence::Open, &MainWindow::open);
    m_openSampleAction = action(nullptr, QKeySequence(), [this] { maybeSave([this] { openSample(); }); });
    m_openSampleAction->setObjectName(QStringLiteral("actionOpenSample"));
    m_saveAction = action(":/icons/save.svg", QKeySequence::Save, &MainWindow::save);
    m_saveAsAction = action(nullptr, QKeySequence::SaveAs, &MainWindow::saveAs);
    m_viewJsonAction = action(":/icons/json.svg", QKeySequence(Qt::CTRL | Qt::Key_J), &MainWindow::viewJson);
    m_validateAction = action(nullptr, QKeySequence(Qt::Key_F7), &MainWindow::validateNow);
    m_quitAction = action(nullptr, QKeySequence::Quit, &QWidget::close);
    m_aboutAction = action(nullptr, QKeySequence(), &MainWindow::about);
    m_datasourcesAction = action(nullptr, QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::showDatasources);
    m_datasourcesAction->setObjectName(QStringLiteral("actionDatasources"));
    m_previewAction = action(nullptr, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &MainWindow::showPreview);
    m_previewAction->setObjectName(QStringLiteral("actionPreview"));
    m_resultsAction = action(nullptr, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &MainWindow::showResults);
    m_resultsAction->setObjectName(QStringLiteral("actionResults"));
    m_checkProductionAction = action(nullptr, QKeySequence(), &MainWindow::showCheckProduction);
    m_checkProductionAction->setObjectName(QStringLiteral("actionCheckProduction"));
    m_backfillAction = action(nullptr, QKeySequence(), &MainWindow::showBackfill);
    m_backfillAction->setObjectName(QStringLiteral("actionBackfill"));
    m_runAction = action(":/icons/run.svg", QKeySequence(Qt::Key_F5), [this] {
        m_runDock->show();
        startRun();
    });
    m_runAction->setObjectName(QStringLiteral("actionRun"));
    m_cancelRunAction = action(nullptr, QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { m_runController->cancel(); });
    m_newAction->setObjectName(QStringLiteral("actionNew"));
    m_openAction->setObjectName(QStringLiteral("actionOpen"));
    m_saveAction->setObjectName(QStringLiteral("actionSave"));
    m_saveAsAction->setObjectName(QStringLiteral("actionSaveAs"));
    m_viewJsonAction->setObjectName(QStringLiteral("actionViewJson"));
    m_validateAction->setObjectName(QStringLiteral("actionValidate"));

    m_englishAction = new QAction(QStringLiteral("English"), this);
    m_chineseAction = new QAction(QStringLiteral("简体中文"), this);
    m_languageGroup = new QActionGroup(this);
    for (QAction *a : {m_englishAction, m_chineseAction}) {
        a->setCheckable(true);
        m_languageGroup->addAction(a);
    }
    connect(m_englishAction, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
    connect(m_chineseAction, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh_CN")); });

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addAction(m_openSampleAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_viewJsonAction);
    m_fileMenu->addAction(m_validateAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_toolsMenu = menuBar()->addMenu(QString());
    m_toolsMenu->addAction(m_runAction);
    m_toolsMenu->addAction(m_cancelRunAction);
    m_toolsMenu->addSeparator();
    m_toolsMenu->addAction(m_datasourcesAction);
    m_toolsMenu->addSeparator();
    m_toolsMenu->addAction(m_previewAction);
    m_toolsMenu->addAction(m_resultsAction);
    m_toolsMenu->addAction(m_checkProductionAction);
    m_toolsMenu->addSeparator();
    m_toolsMenu->addAction(m_backfillAction);
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->addAction(m_englishAction);
    m_languageMenu->addAction(m_chineseAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->addAction(m_newAction);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addAction(m_saveAction);
    m_toolBar->addAction(m_viewJsonAction);
    m_toolBar->addAction(m_runAction);
    updateRecentMenu();
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_languageMenu->setTitle(tr("&Language"));
    m_toolsMenu->setTitle(tr("&Tools"));
    m_datasourcesAction->setText(tr("&Datasources…"));
    m_previewAction->setText(tr("&Preview Messages…"));
    m_resultsAction->setText(tr("Re&sults"));
    m_checkProductionAction->setText(tr("Check &Production…"));
    m_backfillAction->setText(tr("&Backfill…"));
    m_queryDock->setWindowTitle(tr("Results"));
    m_runAction->setText(tr("&Run with Parameters"));
    m_cancelRunAction->setText(tr("&Cancel Run"));
    m_runDock->setWindowTitle(tr("Run"));
    m_helpMenu->setTitle(tr("&Help"));
    m_newAction->setText(tr("&New Task"));
    m_openAction->setText(tr("&Open…"));
    m_openSampleAction->setText(tr("Open Sa&mple Task"));
    m_sampleLabel->setText(tr("New to kmsync? The sample task reads 48 hours of click events from the built-in "
                              "sandbox Kafka into a local warehouse: open it and press Run."));
    m_sampleButton->setText(tr("Open the sample task"));
    m_saveAction->setText(tr("&Save"));
    m_saveAsAction->setText(tr("Save &As…"));
    m_viewJsonAction->setText(tr("View &JSON"));
    m_validateAction->setText(tr("&Validate"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About kmsync"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_englishAction->setChecked(m_language == QLatin1String("en"));
    m_chineseAction->setChecked(m_language == QLatin1String("zh_CN"));
    setWindowTitle(tr("%1[*] — kmsync").arg(m_file.isEmpty() ? tr("Untitled") : QFileInfo(m_file).fileName()));
    updateRecentMenu();
}

} // namespace kmsync::ui
