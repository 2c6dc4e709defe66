// What the main window's Tools and the Destination page's buttons open: the run, the datasources, the DDL, the
// message preview, the results panel and the production check, each given the task as the editor has it.
#include "widgets/mainwindow/mainwindow.h"

#include <QDockWidget>
#include <QStatusBar>

#include "engine/config/ddlgenerator.h"
#include "engine/params/schedulingparams.h"
#include "widgets/common/engineadapter.h"
#include "widgets/backfill/backfilldialog.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/preview/driftpanel.h"
#include "widgets/preview/jsonviewdialog.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/results/checkproductiondialog.h"
#include "widgets/results/querypanel.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/fieldmappingmodel.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/taskeditor/taskadapter.h"
#include "widgets/taskeditor/taskeditor.h"

namespace kmsync::ui {

void MainWindow::viewJson()
{
    JsonViewDialog dialog(taskToJson(m_editor->task()), this);
    dialog.exec();
}

bool MainWindow::startRun()
{
    if (m_runController->isRunning())
        return false;
    auto assignments = engine::params::parseAssignments(m_runPanel->parameters());
    if (!assignments) {
        m_runPanel->showError(assignments.error().message);
        return false;
    }
    RunRequest request;
    request.config = taskConfig(m_editor->task());
    request.taskPath = m_file;
    request.parameters = *assignments;
    request.cyctime = m_runPanel->cyctime();
    return m_runController->start(request);
}

void MainWindow::showDatasources()
{
    DatasourceDialog dialog(m_datasources, this);
    dialog.setSecretAccess(m_secrets);
    dialog.setConnectionTester(&kmsync::ui::testConnection);
    connect(&dialog, &DatasourceDialog::datasourcesSaved, this, &MainWindow::applyDatasources); // the file changed
    dialog.exec();
}

void MainWindow::showDdl()
{
    // Typed from the last preview's field profile when there was one (DATETIME too), else from its samples.
    const engine::config::TaskConfig task = taskConfig(m_editor->task());
    DdlDialog dialog(m_previewProfile ? engine::config::generateDdl(task, *m_previewProfile)
                                      : engine::config::generateDdl(task, m_previewSamples),
                     this);
    const QString datasource = m_editor->destinationPage()->config().datasource;
    const auto ds = m_datasources.find(datasource);
    if (ds && engine::config::isDestinationKind(ds->kind)) {
        const engine::config::Datasources datasources = m_datasources;
        dialog.setTableCreator([datasources, datasource, prompter = m_secrets.prompter](const QString &ddl,
                                                                                        const engine::StopToken &stop) {
            return runDdl(datasources, datasource, ddl, prompter.get(), stop);
        });
    }
    connect(&dialog, &DdlDialog::tableCreated, this, [this](const DdlResult &result) {
        if (result.ok)
            m_editor->destinationPage()->refreshTables(); // the new table's columns and keys reach the mapping
    });
    dialog.exec();
}

RunRequest MainWindow::taskRequest() const
{
    RunRequest request;
    request.config = taskConfig(m_editor->task());
    request.taskPath = m_file;
    if (auto assignments = engine::params::parseAssignments(m_runPanel->parameters()))
        request.parameters = *assignments;
    request.cyctime = m_runPanel->cyctime();
    return request;
}

void MainWindow::showPreview()
{
    MessagePreviewDialog dialog(taskRequest(), this);
    dialog.setFetcher([prompter = m_secrets.prompter](const PreviewRequest &request, const engine::StopToken &stop) {
        return fetchPreview(request, prompter.get(), stop);
    });
    dialog.setFieldAdder([this](const QString &field) {
        FieldMappingModel *model = m_editor->mappingPage()->model();
        return model->addSourceField(field) >= 0 ? QString() : model->lastError();
    });
    // Drift tab: "Add to mapping" adds a source field linked to a new destination column (the ALTER creates it).
    dialog.driftPanel()->setMappingAdder([this](const QString &path, const QString &column, const QString &type) {
        FieldMappingModel *model = m_editor->mappingPage()->model();
        const int source = model->addSourceField(path);
        if (source < 0)
            return model->lastError();
        std::vector<DestinationColumn> targets = model->mapping().targets;
        int target = -1;
        for (int i = 0; i < int(targets.size()); ++i) {
            if (targets[std::size_t(i)].name.compare(column, Qt::CaseInsensitive) == 0)
                target = i;
        }
        if (target < 0) {
            targets.push_back({column, type});
            model->setTargets(targets);
            target = int(targets.size()) - 1;
        }
        return model->link(source, target) ? QString() : model->lastError();
    });
    const QString datasource = m_editor->destinationPage()->config().datasource;
    const auto ds = m_datasources.find(datasource);
    if (ds && engine::config::isDestinationKind(ds->kind)) {
        dialog.driftPanel()->setAlterer([this, &dialog, datasources = m_datasources, datasource,
                                         prompter = m_secrets.prompter](const QString &alter) {
            DdlDialog ddl(alter, &dialog);
            ddl.setAlterMode();
            ddl.setTableCreator([datasources, datasource, prompter](const QString &sql, const engine::StopToken &stop) {
                return runDdl(datasources, datasource, sql, prompter.get(), stop);
            });
            bool altered = false;
            connect(&ddl, &DdlDialog::tableCreated, this, [this, &altered](const DdlResult &result) {
                if (!result.ok)
                    return;
                altered = true;
                m_editor->destinationPage()->refreshTables(); // the new columns reach the mapping grid
            });
            ddl.exec();
            return altered;
        });
    }
    dialog.exec();
    m_previewSamples = dialog.samples(); // "Generate table schema" types its JSON columns from them
    m_previewProfile = dialog.profile();
}

void MainWindow::showResults()
{
    QueryTarget target = resolveQueryTarget(taskRequest());
    if (!target.error.isEmpty()) {
        // The parameters do not resolve: check the table as the destination page names it, without a partition.
        statusBar()->showMessage(target.error, 8000);
        target.datasource = m_editor->destinationPage()->config().datasource;
        target.table = m_editor->destinationPage()->config().table;
    }
    m_queryPanel->setTarget(target.table, target.partitionSpec);
    const engine::config::Datasources datasources = m_datasources;
    const QString datasource = target.datasource;
    m_queryPanel->setQueryRunner(
        [datasources, datasource, prompter = m_secrets.prompter](const QString &sql, const engine::StopToken &stop) {
            return queryDatasource(datasources, datasource, sql, QueryPanel::kMaxRows, prompter.get(), stop);
        });
    m_queryDock->show();
    m_queryDock->raise();
}

void MainWindow::showCheckProduction()
{
    CheckProductionDialog dialog(this);
    const engine::config::TaskConfig task = taskConfig(m_editor->task());
    const QString file = m_datasources.file();
    dialog.setChecker([task, file, prompter = m_secrets.prompter](const engine::StopToken &stop) {
        return checkTaskInProduction(task, file, prompter.get(), stop);
    });
    dialog.check();
    dialog.exec();
}

void MainWindow::showBackfill()
{
    const RunRequest task = taskRequest();
    BackfillDialog dialog(task.config, task.taskPath, task.env, this);
    dialog.setSecretPrompter(m_secrets.prompter);
    dialog.exec();
}

} // namespace kmsync::ui
