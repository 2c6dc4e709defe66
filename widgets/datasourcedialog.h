#pragma once

#include <functional>
#include <memory>

#include <QDialog>
#include <QFutureWatcher>

#include "engine/config/datasources.h"

namespace Ui {
class DatasourceDialog;
}

namespace kmsync::ui {

// What testing one datasource's connection found: a one-line summary, or why it failed.
struct ConnectionCheck
{
    bool ok = false;
    QString message;
};

// The workspace's datasources (datasources.json next to the task): name, type and connection with secrets masked,
// and "Test connection" for the selected one, run off the GUI thread.
class DatasourceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasourceDialog)

public:
    // Tests one datasource. Runs on a worker thread: it must not touch widgets.
    using ConnectionTester = std::function<ConnectionCheck(const engine::config::Datasource &datasource)>;

    explicit DatasourceDialog(const engine::config::Datasources &datasources, QWidget *parent = nullptr);
    ~DatasourceDialog() override;

    void setConnectionTester(ConnectionTester tester);
    // Selects a datasource by name; false when there is none of that name.
    bool selectDatasource(const QString &name);
    // Tests the selected datasource; connectionTested() reports the result.
    void testSelected();
    bool isTesting() const;

Q_SIGNALS:
    void connectionTested(const kmsync::ui::ConnectionCheck &check);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill();
    void onTested();
    void updateButtons();

    std::unique_ptr<Ui::DatasourceDialog> m_ui;
    engine::config::Datasources m_datasources;
    ConnectionTester m_tester;
    QFutureWatcher<ConnectionCheck> m_watcher;
};

} // namespace kmsync::ui
