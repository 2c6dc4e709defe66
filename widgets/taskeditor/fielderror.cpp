#include "widgets/taskeditor/fielderror.h"

#include <functional>

#include <QBoxLayout>
#include <QFormLayout>
#include <QLabel>
#include <QLayout>
#include <QWidget>

namespace kmsync::ui {

namespace {

const char kErrorProperty[] = "kmsyncFieldError";
const char kOriginalToolTip[] = "kmsyncOriginalToolTip";

// The layout (anywhere below `layout`) that directly holds `widget`.
QLayout *holderOf(QLayout *layout, QWidget *widget)
{
    if (!layout)
        return nullptr;
    if (layout->indexOf(widget) >= 0)
        return layout;
    for (int i = 0; i < layout->count(); ++i) {
        if (QLayout *child = layout->itemAt(i)->layout()) {
            if (QLayout *found = holderOf(child, widget))
                return found;
        }
    }
    return nullptr;
}

// The layout holding `widget`, or, when `widget` sits inside a row (e.g. a combo next to a button), the layout
// holding that row, so that the message goes below the whole row.
std::pair<QLayout *, QLayoutItem *> placementFor(QWidget *widget)
{
    QWidget *parent = widget->parentWidget();
    if (!parent)
        return {nullptr, nullptr};
    QLayout *holder = holderOf(parent->layout(), widget);
    if (!holder)
        return {nullptr, nullptr};
    if (qobject_cast<QFormLayout *>(holder) || qobject_cast<QVBoxLayout *>(holder))
        return {holder, nullptr};
    // A horizontal row: find the form or vertical layout that contains it.
    QLayout *row = holder;
    QLayout *outer = nullptr;
    std::function<QLayout *(QLayout *)> findOuter = [&](QLayout *l) -> QLayout * {
        for (int i = 0; i < l->count(); ++i) {
            QLayout *child = l->itemAt(i)->layout();
            if (!child)
                continue;
            if (child == row)
                return l;
            if (QLayout *found = findOuter(child))
                return found;
        }
        return nullptr;
    };
    outer = findOuter(parent->layout());
    return {outer, row};
}

} // namespace

void showFieldError(QWidget *field, const QString &message, bool warning)
{
    if (!field)
        return;
    const QString name = field->objectName() + QStringLiteral("Error");
    QWidget *parent = field->parentWidget();
    if (!parent)
        return;
    auto *label = parent->findChild<QLabel *>(name, Qt::FindDirectChildrenOnly);
    if (!label) {
        auto [layout, rowItem] = placementFor(field);
        if (!layout)
            return;
        label = new QLabel(parent);
        label->setObjectName(name);
        label->setProperty(kErrorProperty, true);
        label->setWordWrap(true);
        if (auto *form = qobject_cast<QFormLayout *>(layout)) {
            int row = -1;
            QFormLayout::ItemRole role;
            if (rowItem) {
                for (int r = 0; r < form->rowCount() && row < 0; ++r) {
                    QLayoutItem *item = form->itemAt(r, QFormLayout::FieldRole);
                    if (item && item->layout() == rowItem)
                        row = r;
                }
            } else {
                form->getWidgetPosition(field, &row, &role);
            }
            form->insertRow(row + 1, QString(), label);
        } else if (auto *box = qobject_cast<QBoxLayout *>(layout)) {
            const int at = rowItem ? box->indexOf(rowItem) : box->indexOf(field);
            box->insertWidget(at + 1, label);
        }
        field->setProperty(kOriginalToolTip, field->toolTip());
    }
    label->setStyleSheet(warning ? QStringLiteral("color: #b26a00;") : QStringLiteral("color: #c62828;"));
    label->setText((warning ? QStringLiteral("⚠ ") : QStringLiteral("✖ ")) + message);
    label->setBuddy(field);
    label->show();
    field->setToolTip(message);
}

void clearFieldErrors(QWidget *page)
{
    const auto labels = page->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (!label->property(kErrorProperty).toBool())
            continue;
        if (QWidget *field = label->buddy())
            field->setToolTip(field->property(kOriginalToolTip).toString());
        QWidget *parent = label->parentWidget();
        QLayout *holder = parent ? holderOf(parent->layout(), label) : nullptr;
        if (auto *form = qobject_cast<QFormLayout *>(holder)) {
            form->removeRow(label); // deletes the label
            continue;
        }
        if (holder)
            holder->removeWidget(label);
        delete label;
    }
}

} // namespace kmsync::ui

namespace kmsync::ui {

int applyFieldIssues(QWidget *page, const QString &prefix, const std::vector<FieldIssue> &issues,
                     const std::function<QWidget *(const QString &path)> &fieldFor)
{
    clearFieldErrors(page);
    int shown = 0;
    for (const FieldIssue &issue : issues) {
        if (!issue.path.startsWith(prefix))
            continue;
        if (QWidget *field = fieldFor(issue.path)) {
            showFieldError(field, issue.message, issue.severity == FieldIssue::Severity::Warning);
            ++shown;
        }
    }
    return shown;
}

} // namespace kmsync::ui
