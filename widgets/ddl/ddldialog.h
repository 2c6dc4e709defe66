#pragma once

#include <functional>
#include <memory>

#include <QDialog>
#include <QFutureWatcher>

#include "engine/core/stoptoken.h"

namespace Ui {
class DdlDialog;
}

namespace kmsync::ui {

// What running DDL on a destination did: one line per statement, or why it failed.
struct DdlResult
{
    bool ok = false;
    QString message;
};

// "Generate destination table schema": the generated CREATE TABLE, editable, with Copy and Create table (run
// off the GUI thread by the injected creator; without one the button is disabled). Closing the dialog stops a
// running creation and does not wait for it.
class DdlDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DdlDialog)

public:
    // Runs the DDL on the destination. Runs on a worker thread: it must not touch widgets; returns soon after `stop`
    // is set.
    using TableCreator = std::function<DdlResult(const QString &ddl, const engine::StopToken &stop)>;

    explicit DdlDialog(const QString &ddl, QWidget *parent = nullptr);
    ~DdlDialog() override;

    void setTableCreator(TableCreator creator);
    // For an ALTER TABLE (the drift report's ADD COLUMNS): the title, hint and button speak of altering the table.
    void setAlterMode();
    QString ddl() const;
    void createTable();

Q_SIGNALS:
    void tableCreated(const kmsync::ui::DdlResult &result);

private:
    void onCreated();

    std::unique_ptr<Ui::DdlDialog> m_ui;
    TableCreator m_creator;
    bool m_alter = false;
    QFutureWatcher<DdlResult> m_watcher;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>(); // the running creation's
};

} // namespace kmsync::ui
