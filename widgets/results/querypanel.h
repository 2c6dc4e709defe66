#pragma once

#include <functional>
#include <memory>

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

#include "engine/config/datasources.h"
#include "engine/core/stoptoken.h"
#include "engine/odpssql/queryresult.h"
#include "widgets/run/runworker.h"

namespace Ui {
class QueryPanel;
}

namespace kmsync::ui {

// What a query on the destination gave, or why it failed.
struct QueryOutcome
{
    QString error;
    engine::QueryResult result;
};

// Where the task writes, with the run parameters substituted: the writer's datasource, table and partition spec
// ("ds=2022112210"; empty for a non-partitioned table).
struct QueryTarget
{
    QString datasource;
    QString table;
    QString partitionSpec;
    QString error; // the task does not resolve (bad JSON, a parameter that does not evaluate)
};

// Resolves the task's destination with the request's parameters and scheduled time (no I/O).
QueryTarget resolveQueryTarget(const RunRequest &task);
class SecretPrompter;

// The real query (blocking, runs on a worker thread): a read-only query on a local or odps datasource. `prompter`
// (may be null) answers its ${keychain:...} secrets; `stop` ends it within a second.
QueryOutcome queryDatasource(const engine::config::Datasources &datasources, const QString &datasource,
                             const QString &sql, int maxRows, SecretPrompter *prompter, const engine::StopToken &stop);

// "Results": SQL on the task's destination, prefilled with the seed's two checks of the table and the resolved
// partition, a result grid, and Export CSV. Queries run off the GUI thread through the injected runner; a new runner
// or the panel's end stops a running query without waiting for it.
class QueryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryPanel)

public:
    // Runs one query. Runs on a worker thread: it must not touch widgets; returns soon after `stop` is set.
    using QueryRunner = std::function<QueryOutcome(const QString &sql, const engine::StopToken &stop)>;
    static constexpr int kMaxRows = 1000;

    explicit QueryPanel(QWidget *parent = nullptr);
    ~QueryPanel() override;

    void setQueryRunner(QueryRunner runner);
    // Fills the checks for this table and partition and puts the first one into the editor.
    void setTarget(const QString &table, const QString &partitionSpec);
    // select * from T where ds=P limit 10; select count(*) from T where ds=P (P quoted unless all digits;
    // several keys joined with "and"; no where clause without a partition).
    static QStringList checkQueries(const QString &table, const QString &partitionSpec);
    QStringList checks() const;

    // Shows check `index` (0: the rows, 1: the count) in the check list and the editor.
    void selectCheck(int index);
    void setSql(const QString &sql);
    QString sql() const;
    // Runs the SQL in the editor; queryFinished() reports the end.
    void runQuery();
    bool isRunning() const;
    // Stops the running query (the Run button says "Stop query" meanwhile): queryFinished() comes within a second,
    // with the outcome saying it was cancelled.
    void cancelQuery();
    const QueryOutcome &outcome() const { return m_outcome; }
    QString statusText() const;
    // Writes the last result as CSV (RFC 4180, UTF-8, CRLF) on a worker thread; csvExported() reports the end and
    // the status line says how it went. False, with the reason in the status line, when there is nothing to export
    // or an export is still being written.
    bool exportCsv(const QString &path);

Q_SIGNALS:
    void queryFinished();
    void csvExported(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onFinished();
    void onExported();
    void showOutcome();
    void chooseExportFile();
    void setStatus(bool ok, const QString &text);
    void updateButtons();

    std::unique_ptr<Ui::QueryPanel> m_ui;
    QueryRunner m_runner;
    QFutureWatcher<QueryOutcome> m_watcher;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>(); // the running query's
    QFutureWatcher<QString> m_exportWatcher; // the export's error, empty when written
    QString m_exportPath;
    int m_exportRows = 0;
    QueryOutcome m_outcome;
    bool m_hasResult = false;
};

} // namespace kmsync::ui
