#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QDateTime>
#include <QDialog>
#include <QFutureWatcher>
#include <QMap>
#include <QStringList>
#include <QTimeZone>

#include "engine/core/stoptoken.h"
#include "engine/job/preview.h"
#include "engine/mapping/fieldprofile.h"
#include "widgets/run/runworker.h"

class QTabWidget;

namespace Ui {
class MessagePreviewDialog;
}

namespace kmsync::ui {

class DriftPanel;
class JsonTreeModel;

// Which messages a preview reads, and the task (as the editor holds it) that maps them.
struct PreviewRequest
{
    enum class Range { Task, Latest, TimeRange };

    RunRequest task;           // task JSON, its path (datasources.json), run parameters and scheduled time
    Range range = Range::Task; // Task: the reader's range with the parameters; Latest: the newest messages
    QDateTime begin;           // TimeRange: [begin, end)
    QDateTime end;
    int limit = 20;
};

// What a preview gave: the records mapped as a run would write them, or why it failed.
struct PreviewOutcome
{
    QString error;
    engine::PreviewResult result;
};

// The real preview (blocking, runs on a worker thread): resolves the task, reads up to `limit` messages of the
// requested range and maps them with the task's mapping onto the destination table (or the generated DDL's
// columns when the table does not exist yet). Writes nothing. `prompter` (may be null) answers the reader's
// ${keychain:...} secrets; `stop` ends it within a second.
class SecretPrompter;
PreviewOutcome fetchPreview(const PreviewRequest &request, SecretPrompter *prompter, const engine::StopToken &stop);

// "Preview messages": fetch N messages (the task's range, the latest, or a time range), a grid of the mapped
// columns as they would be written (dirty records marked with the reason), and a JSON tree of the selected
// message whose nodes add their path as a source field when clicked; a Drift tab (DriftPanel) profiles the
// same messages against the mapping. Closing the dialog stops a running fetch and
// does not wait for it.
class MessagePreviewDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagePreviewDialog)

public:
    // Runs on a worker thread: it must not touch widgets. Should return soon after `stop` is requested.
    using Fetcher = std::function<PreviewOutcome(const PreviewRequest &request, const engine::StopToken &stop)>;
    // Adds a source field to the task (on the GUI thread); returns an empty string when added, else why not.
    using FieldAdder = std::function<QString(const QString &field)>;

    // Fixed grid columns before the destination columns.
    enum GridColumn { PartitionColumn, OffsetColumn, TimestampColumn, StatusColumn, FirstDataColumn };

    explicit MessagePreviewDialog(const RunRequest &task, QWidget *parent = nullptr);
    ~MessagePreviewDialog() override;

    void setFetcher(Fetcher fetcher); // default: fetchPreview without a secret prompter
    void setFieldAdder(FieldAdder adder);
    void setTask(const RunRequest &task);
    void setRange(PreviewRequest::Range range);
    // The time range's pickers show (and are read) in the task's time zone, named next to them.
    void setTimeRange(const QDateTime &begin, const QDateTime &end);
    QTimeZone timeZone() const;
    QDateTime rangeBegin() const;
    QDateTime rangeEnd() const;
    void setLimit(int limit);
    PreviewRequest request() const;

    // Reads and maps off the GUI thread; fetched() reports the end.
    void fetch();
    bool isFetching() const;
    const PreviewOutcome &outcome() const { return m_outcome; }
    // Shows record `row` of the last fetch in the JSON tree.
    void selectRecord(int row);
    JsonTreeModel *treeModel() const { return m_tree; }
    // Adds the source field of a tree node (what clicking it does).
    void addFieldFor(const QModelIndex &treeIndex);

    // Sample values of the last fetch per reader column that is a JSON path, as JSON texts ("42", "\"a\""), for
    // "Generate destination table schema" to infer column types.
    QMap<QString, QStringList> samples() const;
    // The field profile of the last fetch (its Drift tab's report), when it had one.
    std::optional<engine::mapping::FieldProfile> profile() const;
    // The Drift tab: unmapped and never-seen paths and type conflicts of the fetched messages.
    DriftPanel *driftPanel() const { return m_drift; }

Q_SIGNALS:
    void fetched();
    void sourceFieldAdded(const QString &field);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onFetched();
    void showOutcome();
    void updateRangeEdits();
    void showFieldStatus(bool ok, const QString &text);

    std::unique_ptr<Ui::MessagePreviewDialog> m_ui;
    JsonTreeModel *m_tree = nullptr;
    DriftPanel *m_drift = nullptr;
    QTabWidget *m_tabs = nullptr;
    RunRequest m_task;
    Fetcher m_fetcher;
    FieldAdder m_adder;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>(); // the running fetch's
    QFutureWatcher<PreviewOutcome> m_watcher;
    PreviewOutcome m_outcome;
    bool m_hasOutcome = false;
};

} // namespace kmsync::ui
