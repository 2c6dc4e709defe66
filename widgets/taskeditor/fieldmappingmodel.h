#pragma once

#include <QAbstractTableModel>

#include "widgets/taskeditor/taskform.h"

namespace kmsync::ui {

// The field-mapping grid: row i shows source field i (and the destination column it feeds) next to destination
// column i (and the source field that feeds it, or NULL). Enforces DataWorks' rule that every field takes part in
// at most one mapping; a refused edit leaves the mapping unchanged and reports why through mappingRejected().
class FieldMappingModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldMappingModel)

public:
    enum Column {
        SourceField,  // the Kafka-side expression (editable)
        MappedTo,     // the destination column this source feeds (editable; empty = not synced)
        TargetColumn, // destination column name
        TargetType,   // destination column type
        TargetSource, // the source that feeds this column, or "NULL"
        ColumnCount
    };
    enum Role {
        UnmappedRole = Qt::UserRole + 1, // bool on TargetSource: the column receives NULL
    };

    explicit FieldMappingModel(QObject *parent = nullptr);

    void setMapping(const MappingForm &mapping);
    const MappingForm &mapping() const { return m_mapping; }

    // Replaces the destination columns (e.g. after choosing another table); links to columns that still exist
    // (by name, case-insensitive) are kept.
    void setTargets(const std::vector<DestinationColumn> &targets);

    // Appends a source field; returns its index, or -1 (and mappingRejected) when it is empty or already listed.
    int addSourceField(const QString &expression);
    bool removeSourceField(int source);
    // Links source -> target, replacing the source's previous link. Refused when the target is fed by another source.
    bool link(int source, int target);
    void unlinkSource(int source);
    // "Map fields with the same name": links every unlinked target to the unlinked source of the same name
    // (case-insensitive; a JSON path matches by its last segment). Returns the number of new links.
    int mapByName();
    // "Map fields in the same row": replaces all links by source i -> target i. Returns the number of links.
    int mapByRow();
    void clearLinks();

    // Which target a source feeds, and which source feeds a target (-1 = none).
    int targetOf(int source) const;
    int sourceOf(int target) const;
    QStringList targetNames() const;
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void mappingChanged();
    void mappingRejected(const QString &reason);

private:
    int rows() const;
    bool isValidCell(const QModelIndex &index) const;
    void reject(const QString &reason);
    void emitAllChanged();

    MappingForm m_mapping;
    QString m_lastError;
};

} // namespace kmsync::ui
