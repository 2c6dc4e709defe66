#pragma once

#include <utility>
#include <vector>

#include <QString>

class QTableWidget;

namespace kmsync::ui {

// A two-column table of key/value properties (the source page's kafkaConfig, the datasource form's other
// librdkafka properties). Set up once: last column stretched, no row numbers, Tab leaves the table instead of
// walking its cells.
void setupPropertyTable(QTableWidget *table);
// Appends one row.
void appendProperty(QTableWidget *table, const QString &key, const QString &value);
// Appends an empty row and starts editing its key.
void addAndEditProperty(QTableWidget *table);
// Every row as {key trimmed, value as typed}, in table order; a missing cell is an empty string.
std::vector<std::pair<QString, QString>> propertyRows(const QTableWidget *table);

} // namespace kmsync::ui
