#pragma once

#include <functional>
#include <memory>

#include <QDialog>
#include <QFutureWatcher>

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
// off the GUI thread by the injected creator; without one the button is disabled).
class DdlDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DdlDialog)

public:
    // Runs the DDL on the destination. Runs on a worker thread: it must not touch widgets.
    using TableCreator = std::function<DdlResult(const QString &ddl)>;

    explicit DdlDialog(const QString &ddl, QWidget *parent = nullptr);
    ~DdlDialog() override;

    void setTableCreator(TableCreator creator);
    QString ddl() const;
    void createTable();

Q_SIGNALS:
    void tableCreated(const kmsync::ui::DdlResult &result);

private:
    void onCreated();

    std::unique_ptr<Ui::DdlDialog> m_ui;
    TableCreator m_creator;
    QFutureWatcher<DdlResult> m_watcher;
};

} // namespace kmsync::ui
