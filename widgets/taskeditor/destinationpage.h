#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QStringList>
#include <QWidget>

#include "engine/core/stoptoken.h"
#include "engine/core/tableschema.h"
#include "widgets/taskeditor/taskform.h"

namespace Ui {
class DestinationPage;
}

class QLabel;
class QLineEdit;

namespace kmsync::ui {

template <typename Listing>
class DatasourceListing;

// What listing a destination's tables gave: their schemas, or an error message for the status line.
struct TableListing
{
    std::vector<engine::TableSchema> tables;
    QString error;
};

// The "Destination" step: data source, table, one field per partition key column, write mode.
class DestinationPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DestinationPage)

public:
    // Lists the tables of a data source. Runs on a worker thread: it must not touch widgets; returns soon after
    // `stop` is set (the page was closed).
    using TableLister = std::function<TableListing(const QString &datasource, const engine::StopToken &stop)>;

    explicit DestinationPage(QWidget *parent = nullptr);
    ~DestinationPage() override;

    void setConfig(const DestinationForm &form);
    DestinationForm config() const;

    void setDatasources(const QStringList &names);
    void setTableLister(TableLister lister);
    // Lists the tables of the selected data source off the GUI thread; tablesLoaded() reports the result.
    void refreshTables();
    bool isRefreshing() const;
    // The selected table's schema, when the last listing knew the table.
    std::optional<engine::TableSchema> currentSchema() const;
    // The partition key columns shown (from the schema, else from the partition text).
    QStringList partitionKeys() const;

    int showIssues(const std::vector<FieldIssue> &issues);
    QWidget *fieldFor(const QString &path) const;

Q_SIGNALS:
    void changed();
    void tablesLoaded(const kmsync::ui::TableListing &listing);
    // "Generate table schema…" was clicked.
    void ddlRequested();
    // The selected table changed and its schema is known (the mapping page takes its columns).
    void schemaSelected(const kmsync::engine::TableSchema &schema);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    static QString partitionKeyLabel(const QString &key);
    void onTablesFetched(const TableListing &listing);
    void onTableChanged();
    void onPartitionTextEdited();
    void onPartitionKeyEdited();
    void rebuildPartitionKeys(const QStringList &keys);
    void emitChanged();

    std::unique_ptr<Ui::DestinationPage> m_ui;
    std::unique_ptr<DatasourceListing<TableListing>> m_tableListing;
    std::vector<engine::TableSchema> m_tables;
    std::vector<QLineEdit *> m_keyEdits;
    std::vector<QLabel *> m_keyLabels; // built per partition key at runtime; retranslate() updates them
    bool m_loading = false;
};

} // namespace kmsync::ui
