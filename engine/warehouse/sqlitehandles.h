#pragma once

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace kmsync::engine::warehouse {

// RAII owners for SQLite handles (never a bare sqlite3_close or sqlite3_finalize in our code): a
// connection is closed with sqlite3_close_v2 and a statement finalized when its owner goes. Declared
// without <sqlite3.h>, so localwarehouse.h can hold them and its callers need no SQLite headers.
struct SqliteDeleter
{
    void operator()(sqlite3 *db) const noexcept;
    void operator()(sqlite3_stmt *stmt) const noexcept;
};

using DbPtr = std::unique_ptr<sqlite3, SqliteDeleter>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, SqliteDeleter>;

} // namespace kmsync::engine::warehouse
