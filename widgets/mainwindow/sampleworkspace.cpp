#include "widgets/mainwindow/sampleworkspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"
#include "engine/engine.h"
#include "widgets/common/engineadapter.h"

namespace kmsync::ui {

QString sampleWorkspacePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("sample"));
}

// The messages keep the translation context they had in MainWindow, so the .ts files need no change (lupdate reads
// the context from each call, hence the literal).
TaskFileRead prepareSample(const QString &workspacePath, const std::function<TaskFileRead(const QString &path)> &reader)
{
    const QDir workspace(workspacePath);
    TaskFileRead failed;
    failed.sample = true;
    if (!workspace.mkpath(QStringLiteral("."))) {
        failed.error = QCoreApplication::translate("kmsync::ui::MainWindow",
                                                   "Could not create the sample workspace %1.")
                           .arg(QDir::toNativeSeparators(workspace.path()));
        return failed;
    }
    const bool freshWarehouse = !workspace.exists(QStringLiteral("warehouse.db"));
    for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")}) {
        const QString target = workspace.filePath(name);
        if (QFile::exists(target))
            continue; // the user's copy, perhaps edited
        if (!QFile::copy(QStringLiteral(":/samples/") + name, target)) {
            failed.error = QCoreApplication::translate("kmsync::ui::MainWindow",
                                                       "Could not copy the sample task to %1.")
                               .arg(QDir::toNativeSeparators(target));
            return failed;
        }
        // Copies of resources are read-only.
        QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner | QFileDevice::WriteUser);
    }
    TaskFileRead read = reader(workspace.filePath(QStringLiteral("clicks-task.json")));
    read.sample = true;
    if (!read.error.isEmpty() || !freshWarehouse)
        return read;
    // A new warehouse gets the destination table, so Run works at once.
    const auto task = engine::config::TaskConfig::fromJsonBytes(read.bytes);
    if (!task)
        return read; // opening reports why it does not load
    const QString datasource = task->writer.datasource;
    const auto ds = read.datasources.find(datasource);
    if (ds && ds->kind == engine::config::DatasourceKind::Local) {
        const engine::StopToken neverStopped; // a local warehouse: one short transaction
        const DdlResult created = runDdl(read.datasources, datasource, engine::config::generateDdl(*task), nullptr,
                                         neverStopped);
        if (!created.ok) {
            read.error = QCoreApplication::translate("kmsync::ui::MainWindow",
                                                     "Could not create the sample warehouse table: %1")
                             .arg(created.message);
            return read;
        }
        read.createdSampleTable = true;
    }
    return read;
}

} // namespace kmsync::ui
