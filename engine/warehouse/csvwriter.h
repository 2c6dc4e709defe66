#pragma once

#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "engine/odpssql/queryresult.h"

// RFC 4180 CSV, as `kmsync-cli query` prints it and the GUI exports it: fields that contain a comma, a
// double quote, CR or LF are quoted, with double quotes inside doubled; NULL is an empty field; records
// end with CRLF only when asked (the CLI uses LF, like most Unix tools).
namespace kmsync::engine::warehouse {

enum class CsvLineEnd { Lf, CrLf };

// One field, quoted when it needs to be.
QString csvField(const QString &text);
// One record (NULL fields empty), without the line end.
QString csvRecord(const std::vector<std::optional<QString>> &fields);
QString csvRecord(const QStringList &fields);
// The header (column names) and every row, UTF-8.
QByteArray toCsv(const QueryResult &result, CsvLineEnd lineEnd = CsvLineEnd::Lf);

} // namespace kmsync::engine::warehouse
