#pragma once

#include <QStyledItemDelegate>

namespace kmsync::ui {

// Edits FieldMappingModel's "Mapped to" cells with a combo box of the destination columns (plus "not mapped").
class MappedToDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappedToDelegate)

public:
    explicit MappedToDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace kmsync::ui
