#include "widgets/taskeditor/mappedtodelegate.h"

#include <QComboBox>

#include "widgets/taskeditor/fieldmappingmodel.h"

namespace kmsync::ui {

MappedToDelegate::MappedToDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QWidget *MappedToDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    const auto *model = qobject_cast<const FieldMappingModel *>(index.model());
    if (!model || index.column() != FieldMappingModel::MappedTo)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *combo = new QComboBox(parent);
    combo->addItem(tr("(not mapped)"), QString());
    const QStringList names = model->targetNames();
    for (int t = 0; t < names.size(); ++t) {
        const int owner = model->sourceOf(t);
        // Columns fed by another field are listed but say by whom; choosing one is refused with the reason.
        const QString text = owner >= 0 && owner != index.row()
                               ? tr("%1 (fed by %2)").arg(names.at(t), model->mapping().sourceFields[size_t(owner)])
                               : names.at(t);
        combo->addItem(text, names.at(t));
    }
    return combo;
}

void MappedToDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int i = combo->findData(index.data(Qt::EditRole).toString());
        combo->setCurrentIndex(std::max(i, 0));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void MappedToDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace kmsync::ui
