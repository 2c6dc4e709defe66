#pragma once

#include <functional>

#include <QWidget>

#include "engine/job/drift.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace kmsync::ui {

// The preview dialog's Drift tab: what the fetched messages hold that the mapping does not (unmapped leaf paths
// with their message counts, JSON types and a sample, and the column each would get), mapped paths no message
// held, and mapped values that do not convert to their column type. "Add to mapping" adds the selected paths as
// source fields linked to new destination columns; "Alter table…" opens the generated ALTER TABLE ... ADD COLUMNS
// (editable) and runs it off the GUI thread through the injected alterer. No I/O here: the report is computed from
// the messages the preview already read.
class DriftPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DriftPanel)

public:
    enum UnmappedColumn { PathColumn, CountColumn, TypesColumn, SampleColumn, NewColumnColumn, NewTypeColumn };

    // Adds `path` as a source field feeding a new destination column `column` of type `type` (GUI thread);
    // returns an empty string when done, else why not.
    using MappingAdder = std::function<QString(const QString &path, const QString &column, const QString &type)>;
    // Shows the ALTER statement (editable) and runs it (the dialog runs it off the GUI thread); returns true when
    // the table was altered.
    using Alterer = std::function<bool(const QString &alter)>;

    explicit DriftPanel(QWidget *parent = nullptr);
    ~DriftPanel() override;

    void setReport(const engine::DriftReport &report);
    void setError(const QString &error);
    void clear();
    void setMappingAdder(MappingAdder adder);
    void setAlterer(Alterer alterer);

    QTableWidget *unmappedTable() const { return m_unmapped; }
    QTableWidget *neverSeenTable() const { return m_neverSeen; }
    QTableWidget *conflictTable() const { return m_conflicts; }
    QString alterStatement() const { return m_report.alter; }

    // What the buttons do.
    void addSelectedToMapping();
    void alterTable();

Q_SIGNALS:
    void mappingAdded(const QStringList &paths);
    void tableAltered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showReport();
    void updateButtons();
    void showStatus(bool ok, const QString &text);

    QLabel *m_summary = nullptr;
    QLabel *m_unmappedLabel = nullptr;
    QLabel *m_neverSeenLabel = nullptr;
    QLabel *m_conflictLabel = nullptr;
    QTableWidget *m_unmapped = nullptr;
    QTableWidget *m_neverSeen = nullptr;
    QTableWidget *m_conflicts = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_alterButton = nullptr;
    QLabel *m_status = nullptr;
    engine::DriftReport m_report;
    bool m_hasReport = false;
    QString m_error;
    MappingAdder m_adder;
    Alterer m_alterer;
};

} // namespace kmsync::ui
