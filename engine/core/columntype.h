#pragma once

#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine {

// MaxCompute column types kmsync can write (1.0 types and the 2.0 primitives).
enum class TypeKind {
    BigInt,
    Double,
    Decimal,
    Boolean,
    String,
    DateTime,
    // MaxCompute 2.0 types (need odps.sql.type.system.odps2=true)
    Int,
    SmallInt,
    TinyInt,
    Float,
    Date,
    Timestamp,
    Varchar,
    Char,
    Binary,
};

struct ColumnType
{
    TypeKind kind = TypeKind::String;
    int precision = 0; // DECIMAL(p,s); 0 = the type's default (DECIMAL without arguments)
    int scale = 0;
    int length = 0; // VARCHAR(n) / CHAR(n)

    // Parses a MaxCompute type name, case-insensitive, as DDL and the Tunnel schema spell it:
    // "bigint", "DECIMAL(10,2)", "varchar(10)". Unknown or malformed names are an Error that says what is allowed.
    static Result<ColumnType> parse(const QString &text);
    // Upper-case DDL spelling, e.g. "DECIMAL(10,2)".
    QString toString() const;
    // True for the 2.0 types that need odps.sql.type.system.odps2=true.
    bool isOdps2() const;
    bool isInteger() const;

    friend bool operator==(const ColumnType &, const ColumnType &) = default;
};

// "BIGINT, DOUBLE, DECIMAL, ..." for error messages.
QString allowedTypeNames();

} // namespace kmsync::engine
