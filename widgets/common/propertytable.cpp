#include "widgets/common/propertytable.h"

#include <QHeaderView>
#include <QTableWidget>

namespace kmsync::ui {

void setupPropertyTable(QTableWidget *table)
{
    table->setColumnCount(2);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setTabKeyNavigation(false);
}

void appendProperty(QTableWidget *table, const QString &key, const QString &value)
{
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, 0, new QTableWidgetItem(key));
    table->setItem(row, 1, new QTableWidgetItem(value));
}

void addAndEditProperty(QTableWidget *table)
{
    appendProperty(table, QString(), QString());
    table->setCurrentCell(table->rowCount() - 1, 0);
    table->editItem(table->item(table->rowCount() - 1, 0));
}

std::vector<std::pair<QString, QString>> propertyRows(const QTableWidget *table)
{
    std::vector<std::pair<QString, QString>> rows;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QTableWidgetItem *key = table->item(row, 0);
        const QTableWidgetItem *value = table->item(row, 1);
        rows.emplace_back(key ? key->text().trimmed() : QString(), value ? value->text() : QString());
    }
    return rows;
}

} // namespace kmsync::ui
