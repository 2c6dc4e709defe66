// link: kmsync_mapping kmsync_core
#include <QTest>
#include <QTimeZone>

#include "engine/core/columntype.h"
#include "engine/core/value.h"
#include "engine/mapping/bytesdecoder.h"
#include "engine/mapping/jsontext.h"
#include "engine/mapping/valueconverter.h"

using namespace kmsync::engine;
using namespace kmsync::engine::mapping;

namespace {

// Builds a SourceValue from a table cell: kind is one of null, bool, int, uint, double, text, bytes, json.
SourceValue sourceOf(const QString &kind, const std::string &text)
{
    if (kind == QLatin1String("null"))
        return SourceValue::null();
    if (kind == QLatin1String("bool"))
        return SourceValue::fromBool(text == "true");
    if (kind == QLatin1String("int"))
        return SourceValue::fromInt(std::stoll(text));
    if (kind == QLatin1String("uint"))
        return SourceValue::fromUInt(std::stoull(text));
    if (kind == QLatin1String("double"))
        return SourceValue::fromDouble(std::stod(text));
    if (kind == QLatin1String("bytes"))
        return SourceValue::fromBytes(text);
    if (kind == QLatin1String("json"))
        return SourceValue::fromJson(text);
    return SourceValue::fromText(text);
}

const QString kDirty = QStringLiteral("DIRTY");

} // namespace

class TestConvert final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every rule, with the value it produces (debugString) or DIRTY.
    void convert_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("problem"); // a substring of the problem, when dirty

        // NULL
        QTest::newRow("null bigint") << "BIGINT"
                                     << "null" << QByteArray() << "NULL"
                                     << "";
        QTest::newRow("null string") << "STRING"
                                     << "null" << QByteArray() << "NULL"
                                     << "";
        QTest::newRow("empty string stays empty") << "STRING"
                                                  << "text" << QByteArray("") << ""
                                                  << "";
        QTest::newRow("empty into bigint is dirty") << "BIGINT"
                                                    << "text" << QByteArray("") << kDirty << "";

        // Integers
        QTest::newRow("bigint int") << "BIGINT"
                                    << "int" << QByteArray("42") << "42"
                                    << "";
        QTest::newRow("bigint max") << "BIGINT"
                                    << "int" << QByteArray("9223372036854775807") << "9223372036854775807"
                                    << "";
        QTest::newRow("bigint min+1") << "BIGINT"
                                      << "int" << QByteArray("-9223372036854775807") << "-9223372036854775807"
                                      << "";
        QTest::newRow("bigint INT64_MIN") << "BIGINT"
                                          << "int" << QByteArray("-9223372036854775808") << kDirty
                                          << "out of range -9223372036854775807..9223372036854775807";
        QTest::newRow("bigint text INT64_MIN")
            << "BIGINT"
            << "text" << QByteArray("-9223372036854775808") << kDirty << "out of range";
        QTest::newRow("bigint uint") << "BIGINT"
                                     << "uint" << QByteArray("18446744073709551615") << kDirty << "out of range";
        QTest::newRow("bigint text") << "BIGINT"
                                     << "text" << QByteArray("-17") << "-17"
                                     << "";
        QTest::newRow("bigint text plus") << "BIGINT"
                                          << "text" << QByteArray("+17") << "17"
                                          << "";
        QTest::newRow("bigint text 3.00") << "BIGINT"
                                          << "text" << QByteArray("3.00") << "3"
                                          << "";
        QTest::newRow("bigint text 1e3") << "BIGINT"
                                         << "text" << QByteArray("1e3") << "1000"
                                         << "";
        QTest::newRow("bigint text 3.5") << "BIGINT"
                                         << "text" << QByteArray("3.5") << kDirty << "fractional";
        QTest::newRow("bigint text 20 digits")
            << "BIGINT"
            << "text" << QByteArray("99999999999999999999") << kDirty << "out of range";
        QTest::newRow("bigint text spaces") << "BIGINT"
                                            << "text" << QByteArray(" 42") << kDirty << "";
        QTest::newRow("bigint text comma") << "BIGINT"
                                           << "text" << QByteArray("1,000") << kDirty << "";
        QTest::newRow("bigint double 3.0") << "BIGINT"
                                           << "double" << QByteArray("3.0") << "3"
                                           << "";
        QTest::newRow("bigint double 3.5") << "BIGINT"
                                           << "double" << QByteArray("3.5") << kDirty << "fractional";
        QTest::newRow("bigint double 1e19") << "BIGINT"
                                            << "double" << QByteArray("1e19") << kDirty << "out of range";
        QTest::newRow("bigint bool") << "BIGINT"
                                     << "bool" << QByteArray("true") << kDirty << "";
        QTest::newRow("bigint json") << "BIGINT"
                                     << "json" << QByteArray("[1]") << kDirty << "";
        QTest::newRow("int max") << "INT"
                                 << "int" << QByteArray("2147483647") << "2147483647"
                                 << "";
        QTest::newRow("int over") << "INT"
                                  << "int" << QByteArray("2147483648") << kDirty
                                  << "out of range -2147483648..2147483647";
        QTest::newRow("smallint min") << "SMALLINT"
                                      << "text" << QByteArray("-32768") << "-32768"
                                      << "";
        QTest::newRow("smallint under") << "SMALLINT"
                                        << "text" << QByteArray("-32769") << kDirty << "out of range -32768..32767";
        QTest::newRow("tinyint 127") << "TINYINT"
                                     << "int" << QByteArray("127") << "127"
                                     << "";
        QTest::newRow("tinyint -128") << "TINYINT"
                                      << "int" << QByteArray("-128") << "-128"
                                      << "";
        QTest::newRow("tinyint 128") << "TINYINT"
                                     << "int" << QByteArray("128") << kDirty << "out of range -128..127";
        QTest::newRow("tinyint -129") << "TINYINT"
                                      << "text" << QByteArray("-129") << kDirty << "out of range -128..127";
        QTest::newRow("bigint bytes text") << "BIGINT"
                                           << "bytes" << QByteArray("12") << "12"
                                           << "";
        QTest::newRow("bigint bytes invalid utf8") << "BIGINT"
                                                   << "bytes" << QByteArray("\xff") << kDirty << "UTF-8";

        // DOUBLE / FLOAT
        QTest::newRow("double int") << "DOUBLE"
                                    << "int" << QByteArray("3") << "3"
                                    << "";
        QTest::newRow("double double") << "DOUBLE"
                                       << "double" << QByteArray("0.1") << "0.1"
                                       << "";
        QTest::newRow("double text") << "DOUBLE"
                                     << "text" << QByteArray("-12.5e2") << "-1250"
                                     << "";
        QTest::newRow("double text plus") << "DOUBLE"
                                          << "text" << QByteArray("+.5") << "0.5"
                                          << "";
        QTest::newRow("double text comma") << "DOUBLE"
                                           << "text" << QByteArray("12,5") << kDirty << "";
        QTest::newRow("double text NaN") << "DOUBLE"
                                         << "text" << QByteArray("NaN") << "nan"
                                         << "";
        QTest::newRow("double text Infinity") << "DOUBLE"
                                              << "text" << QByteArray("Infinity") << "inf"
                                              << "";
        QTest::newRow("double text -inf") << "DOUBLE"
                                          << "text" << QByteArray("-INF") << "-inf"
                                          << "";
        QTest::newRow("double text overflow") << "DOUBLE"
                                              << "text" << QByteArray("1e400") << kDirty << "";
        QTest::newRow("double text hex") << "DOUBLE"
                                         << "text" << QByteArray("0x10") << kDirty << "";
        QTest::newRow("double text trailing") << "DOUBLE"
                                              << "text" << QByteArray("1.5x") << kDirty << "";
        QTest::newRow("double bool") << "DOUBLE"
                                     << "bool" << QByteArray("true") << kDirty << "";
        QTest::newRow("float ok") << "FLOAT"
                                  << "text" << QByteArray("3.5") << "3.5"
                                  << "";
        QTest::newRow("float overflow") << "FLOAT"
                                        << "double" << QByteArray("1e39") << kDirty << "FLOAT range";

        // DECIMAL
        QTest::newRow("decimal plain text") << "DECIMAL"
                                            << "text" << QByteArray("007.50") << "7.50"
                                            << "";
        QTest::newRow("decimal exponent") << "DECIMAL"
                                          << "text" << QByteArray("1.5e3") << "1500"
                                          << "";
        QTest::newRow("decimal negative exponent") << "DECIMAL"
                                                   << "text" << QByteArray("-1.5e-3") << "-0.0015"
                                                   << "";
        QTest::newRow("decimal minus zero") << "DECIMAL"
                                            << "text" << QByteArray("-0") << "0"
                                            << "";
        QTest::newRow("decimal int") << "DECIMAL"
                                     << "int" << QByteArray("-42") << "-42"
                                     << "";
        QTest::newRow("decimal double") << "DECIMAL"
                                        << "double" << QByteArray("0.1") << "0.1"
                                        << "";
        QTest::newRow("decimal double big") << "DECIMAL"
                                            << "double" << QByteArray("1e20") << "100000000000000000000"
                                            << "";
        QTest::newRow("decimal 19 fraction digits")
            << "DECIMAL"
            << "text" << QByteArray("0.1234567890123456785") << "0.123456789012345679"
            << "";
        QTest::newRow("decimal 37 integer digits")
            << "DECIMAL"
            << "text" << QByteArray("1234567890123456789012345678901234567") << kDirty << "more than 36 integer digits";
        QTest::newRow("decimal(10,2) pads") << "DECIMAL(10,2)"
                                            << "text" << QByteArray("12.3") << "12.30"
                                            << "";
        QTest::newRow("decimal(10,2) rounds half up") << "DECIMAL(10,2)"
                                                      << "text" << QByteArray("12.345") << "12.35"
                                                      << "";
        QTest::newRow("decimal(10,2) rounds down") << "DECIMAL(10,2)"
                                                   << "text" << QByteArray("12.344") << "12.34"
                                                   << "";
        QTest::newRow("decimal(10,2) negative half up") << "DECIMAL(10,2)"
                                                        << "text" << QByteArray("-0.005") << "-0.01"
                                                        << "";
        QTest::newRow("decimal(10,2) carry") << "DECIMAL(10,2)"
                                             << "text" << QByteArray("99.995") << "100.00"
                                             << "";
        QTest::newRow("decimal(4,2) carry overflow")
            << "DECIMAL(4,2)"
            << "text" << QByteArray("99.995") << kDirty << "more than 2 integer digits for DECIMAL(4,2)";
        QTest::newRow("decimal(4,2) max") << "DECIMAL(4,2)"
                                          << "text" << QByteArray("99.99") << "99.99"
                                          << "";
        QTest::newRow("decimal(5,0) integer") << "DECIMAL(5,0)"
                                              << "text" << QByteArray("12345.4") << "12345"
                                              << "";
        QTest::newRow("decimal text garbage") << "DECIMAL"
                                              << "text" << QByteArray("12a") << kDirty << "";
        QTest::newRow("decimal NaN") << "DECIMAL"
                                     << "text" << QByteArray("NaN") << kDirty << "";
        QTest::newRow("decimal bool") << "DECIMAL"
                                      << "bool" << QByteArray("true") << kDirty << "";

        // BOOLEAN
        QTest::newRow("boolean true") << "BOOLEAN"
                                      << "bool" << QByteArray("true") << "true"
                                      << "";
        QTest::newRow("boolean false") << "BOOLEAN"
                                       << "bool" << QByteArray("false") << "false"
                                       << "";
        QTest::newRow("boolean 1") << "BOOLEAN"
                                   << "int" << QByteArray("1") << "true"
                                   << "";
        QTest::newRow("boolean 0") << "BOOLEAN"
                                   << "int" << QByteArray("0") << "false"
                                   << "";
        QTest::newRow("boolean 2") << "BOOLEAN"
                                   << "int" << QByteArray("2") << kDirty << "";
        QTest::newRow("boolean TRUE text") << "BOOLEAN"
                                           << "text" << QByteArray("TRUE") << "true"
                                           << "";
        QTest::newRow("boolean False text") << "BOOLEAN"
                                            << "text" << QByteArray("False") << "false"
                                            << "";
        QTest::newRow("boolean 1 text") << "BOOLEAN"
                                        << "text" << QByteArray("1") << "true"
                                        << "";
        QTest::newRow("boolean yes text") << "BOOLEAN"
                                          << "text" << QByteArray("yes") << kDirty << "";
        QTest::newRow("boolean double") << "BOOLEAN"
                                        << "double" << QByteArray("1.0") << kDirty << "";

        // STRING, VARCHAR, CHAR, BINARY
        QTest::newRow("string text") << "STRING"
                                     << "text" << QByteArray("héllo") << "héllo"
                                     << "";
        QTest::newRow("string int") << "STRING"
                                    << "int" << QByteArray("-5") << "-5"
                                    << "";
        QTest::newRow("string uint") << "STRING"
                                     << "uint" << QByteArray("18446744073709551615") << "18446744073709551615"
                                     << "";
        QTest::newRow("string double") << "STRING"
                                       << "double" << QByteArray("1.5") << "1.5"
                                       << "";
        QTest::newRow("string integral double") << "STRING"
                                                << "double" << QByteArray("2") << "2.0"
                                                << "";
        QTest::newRow("string bool") << "STRING"
                                     << "bool" << QByteArray("false") << "false"
                                     << "";
        QTest::newRow("string json") << "STRING"
                                     << "json" << QByteArray("{\"a\":[1,2]}") << "{\"a\":[1,2]}"
                                     << "";
        QTest::newRow("string bytes utf8") << "STRING"
                                           << "bytes" << QByteArray("abc") << "abc"
                                           << "";
        QTest::newRow("string bytes invalid") << "STRING"
                                              << "bytes"
                                              << QByteArray("a\xff"
                                                            "b")
                                              << "a\xEF\xBF\xBD"
                                                 "b"
                                              << "";
        QTest::newRow("binary bytes raw") << "BINARY"
                                          << "bytes"
                                          << QByteArray("a\xff"
                                                        "b")
                                          << "a\xff"
                                             "b"
                                          << "";
        QTest::newRow("varchar fits") << "VARCHAR(5)"
                                      << "text" << QByteArray("héllo") << "héllo"
                                      << "";
        QTest::newRow("varchar too long") << "VARCHAR(4)"
                                          << "text" << QByteArray("héllo") << kDirty << "5 characters, more than 4";
        QTest::newRow("char fits, not padded") << "CHAR(3)"
                                               << "text" << QByteArray("ab") << "ab"
                                               << "";
        QTest::newRow("char too long") << "CHAR(1)"
                                       << "text" << QByteArray("ab") << kDirty << "2 characters, more than 1";
        QTest::newRow("string 8 MiB") << "STRING"
                                      << "text" << QByteArray(8 * 1024 * 1024, 'x')
                                      << QString(8 * 1024 * 1024, QLatin1Char('x')) << "";
        QTest::newRow("string over 8 MiB")
            << "STRING"
            << "text" << QByteArray(8 * 1024 * 1024 + 1, 'x') << kDirty << "8388609 bytes";
        QTest::newRow("binary over 8 MiB")
            << "BINARY"
            << "bytes" << QByteArray(8 * 1024 * 1024 + 1, 'x') << kDirty << "8388609 bytes";

        // DATETIME (time zone Asia/Shanghai, +08:00, in this table)
        QTest::newRow("datetime text") << "DATETIME"
                                       << "text" << QByteArray("2022-11-22 10:00:00") << "datetime(1669082400000ms)"
                                       << "";
        QTest::newRow("datetime text ms")
            << "DATETIME"
            << "text" << QByteArray("2022-11-22 10:00:00.123") << "datetime(1669082400123ms)"
            << "";
        QTest::newRow("datetime text nanos truncated")
            << "DATETIME"
            << "text" << QByteArray("2022-11-22 10:00:00.123999999") << "datetime(1669082400123ms)"
            << "";
        QTest::newRow("datetime compact") << "DATETIME"
                                          << "text" << QByteArray("20221122100000") << "datetime(1669082400000ms)"
                                          << "";
        QTest::newRow("datetime iso Z") << "DATETIME"
                                        << "text" << QByteArray("2022-11-22T10:00:00Z") << "datetime(1669111200000ms)"
                                        << "";
        QTest::newRow("datetime iso offset")
            << "DATETIME"
            << "text" << QByteArray("2022-11-22T12:00:00+02:00") << "datetime(1669111200000ms)"
            << "";
        QTest::newRow("datetime iso offset hhmm")
            << "DATETIME"
            << "text" << QByteArray("2022-11-22T05:00:00-0500") << "datetime(1669111200000ms)"
            << "";
        QTest::newRow("datetime iso local")
            << "DATETIME"
            << "text" << QByteArray("2022-11-22T10:00:00") << "datetime(1669082400000ms)"
            << "";
        QTest::newRow("datetime epoch ms") << "DATETIME"
                                           << "int" << QByteArray("1669111200000") << "datetime(1669111200000ms)"
                                           << "";
        QTest::newRow("datetime year 1") << "DATETIME"
                                         << "text" << QByteArray("0001-01-01T00:00:00Z")
                                         << "datetime(-62135596800000ms)"
                                         << "";
        QTest::newRow("datetime before 1900")
            << "DATETIME"
            << "text" << QByteArray("1899-12-31T23:59:59Z") << "datetime(-2208988801000ms)"
            << "";
        QTest::newRow("datetime year 9999 end")
            << "DATETIME"
            << "text" << QByteArray("9999-12-31T23:59:59.999Z") << "datetime(253402300799999ms)"
            << "";
        QTest::newRow("datetime bad day")
            << "DATETIME"
            << "text" << QByteArray("2022-02-30 10:00:00") << kDirty << "expected yyyy-MM-dd HH:mm:ss";
        QTest::newRow("datetime bad hour") << "DATETIME"
                                           << "text" << QByteArray("2022-11-22 24:00:00") << kDirty << "";
        QTest::newRow("datetime slash") << "DATETIME"
                                        << "text" << QByteArray("2022/11/22 10:00:00") << kDirty << "";
        QTest::newRow("datetime date only") << "DATETIME"
                                            << "text" << QByteArray("2022-11-22") << kDirty << "";
        QTest::newRow("datetime epoch text") << "DATETIME"
                                             << "text" << QByteArray("1669111200000") << kDirty << "";
        QTest::newRow("datetime double") << "DATETIME"
                                         << "double" << QByteArray("1.5") << kDirty << "";
        QTest::newRow("datetime epoch too big") << "DATETIME"
                                                << "int" << QByteArray("253402387200001") << kDirty << "out of range";

        // DATE
        QTest::newRow("date dashed") << "DATE"
                                     << "text" << QByteArray("2022-11-22") << "date(19318d)"
                                     << "";
        QTest::newRow("date compact") << "DATE"
                                      << "text" << QByteArray("20240229") << "date(19782d)"
                                      << "";
        QTest::newRow("date not leap") << "DATE"
                                       << "text" << QByteArray("20230229") << kDirty << "yyyy-MM-dd";
        QTest::newRow("date before epoch") << "DATE"
                                           << "text" << QByteArray("1969-12-31") << "date(-1d)"
                                           << "";
        QTest::newRow("date before 1900") << "DATE"
                                          << "text" << QByteArray("18991231") << "date(-25568d)"
                                          << "";
        QTest::newRow("date 1900 not leap") << "DATE"
                                            << "text" << QByteArray("1900-02-29") << kDirty << "yyyy-MM-dd";
        QTest::newRow("date 2000 leap") << "DATE"
                                        << "text" << QByteArray("2000-02-29") << "date(11016d)"
                                        << "";
        QTest::newRow("date year 1") << "DATE"
                                     << "text" << QByteArray("0001-01-01") << "date(-719162d)"
                                     << "";
        QTest::newRow("date year 0") << "DATE"
                                     << "text" << QByteArray("0000-01-01") << "date(-719528d)"
                                     << "";
        QTest::newRow("date year 0 leap") << "DATE"
                                          << "text" << QByteArray("0000-02-29") << "date(-719469d)"
                                          << "";
        QTest::newRow("date year 9999") << "DATE"
                                        << "text" << QByteArray("9999-12-31") << "date(2932896d)"
                                        << "";
        QTest::newRow("date month 13") << "DATE"
                                       << "text" << QByteArray("2022-13-01") << kDirty << "yyyy-MM-dd";
        QTest::newRow("date day 0") << "DATE"
                                    << "text" << QByteArray("2022-01-00") << kDirty << "yyyy-MM-dd";
        QTest::newRow("date with time") << "DATE"
                                        << "text" << QByteArray("2022-11-22 10:00:00") << kDirty << "";
        // 2022-11-21T20:00:00Z is 2022-11-22 04:00 in Shanghai.
        QTest::newRow("date epoch ms in zone") << "DATE"
                                               << "int" << QByteArray("1669060800000") << "date(19318d)"
                                               << "";

        // TIMESTAMP
        QTest::newRow("timestamp nanos") << "TIMESTAMP"
                                         << "text" << QByteArray("2022-11-22 10:00:00.123456789")
                                         << "timestamp(1669082400s+123456789ns)"
                                         << "";
        QTest::newRow("timestamp short fraction")
            << "TIMESTAMP"
            << "text" << QByteArray("2022-11-22T10:00:00.5Z") << "timestamp(1669111200s+500000000ns)"
            << "";
        QTest::newRow("timestamp epoch ms") << "TIMESTAMP"
                                            << "int" << QByteArray("-1") << "timestamp(-1s+999000000ns)"
                                            << "";
        QTest::newRow("timestamp year 0")
            << "TIMESTAMP"
            << "text" << QByteArray("0000-01-01T00:00:00Z") << "timestamp(-62167219200s+0ns)"
            << "";
        QTest::newRow("timestamp 10 fraction digits")
            << "TIMESTAMP"
            << "text" << QByteArray("2022-11-22 10:00:00.1234567891") << kDirty << "";
    }
    void convert()
    {
        QFETCH(QString, type);
        QFETCH(QString, kind);
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QFETCH(QString, problem);
        const auto columnType = ColumnType::parse(type);
        QVERIFY(columnType.ok());
        ValueConverter converter(*columnType, QTimeZone("Asia/Shanghai"), false);
        const std::string text = input.toStdString();
        Value out;
        std::string why;
        const bool ok = converter.convert(sourceOf(kind, text), out, &why);
        if (expected == kDirty) {
            QVERIFY2(!ok, debugString(out).c_str());
            QVERIFY2(QString::fromStdString(why).contains(problem), why.c_str());
            return;
        }
        QVERIFY2(ok, why.c_str());
        const QString got = QString::fromStdString(debugString(out));
        if (got.size() > 200)
            QCOMPARE(got.size(), expected.size());
        QCOMPARE(got, expected);
        // The Value alternative follows engine/core/value.h.
        switch (columnType->kind) {
        case TypeKind::BigInt:
        case TypeKind::Int:
        case TypeKind::SmallInt:
        case TypeKind::TinyInt:
            QVERIFY(isNull(out) || std::holds_alternative<int64_t>(out));
            break;
        case TypeKind::Double:
        case TypeKind::Float:
            QVERIFY(isNull(out) || std::holds_alternative<double>(out));
            break;
        case TypeKind::Decimal:
            QVERIFY(std::holds_alternative<Decimal>(out));
            break;
        case TypeKind::Boolean:
            QVERIFY(std::holds_alternative<bool>(out));
            break;
        case TypeKind::DateTime:
            QVERIFY(std::holds_alternative<DateTime>(out));
            break;
        case TypeKind::Date:
            QVERIFY(std::holds_alternative<Date>(out));
            break;
        case TypeKind::Timestamp:
            QVERIFY(std::holds_alternative<Timestamp>(out));
            break;
        default:
            QVERIFY(isNull(out) || std::holds_alternative<std::string>(out));
        }
    }

    void emptyAsNull_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("kind");
        QTest::newRow("string text") << "STRING"
                                     << "text";
        QTest::newRow("bigint text") << "BIGINT"
                                     << "text";
        QTest::newRow("datetime text") << "DATETIME"
                                       << "text";
        QTest::newRow("string bytes") << "STRING"
                                      << "bytes";
    }
    void emptyAsNull()
    {
        QFETCH(QString, type);
        QFETCH(QString, kind);
        ValueConverter converter(*ColumnType::parse(type), QTimeZone::utc(), true);
        Value out = std::string("previous");
        QVERIFY(converter.convert(sourceOf(kind, ""), out, nullptr));
        QVERIFY(isNull(out));
        // A non-empty value is still converted.
        QVERIFY(converter.convert(sourceOf(QStringLiteral("text"),
                                           type == QLatin1String("DATETIME") ? "2022-11-22 10:00:00" : "12"),
                                  out, nullptr));
        QVERIFY(!isNull(out));
    }

    void timeZones_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("epochMs");
        QTest::newRow("utc") << "UTC" << QByteArray("2022-11-22 10:00:00") << qint64(1669111200000);
        QTest::newRow("new york winter") << "America/New_York" << QByteArray("2022-11-22 10:00:00")
                                         << qint64(1669129200000);
        QTest::newRow("new york summer") << "America/New_York" << QByteArray("2022-07-01 12:00:00")
                                         << qint64(1656691200000);
        // 02:30 does not exist on that day; like QDateTime, read it with the offset before the gap (EST).
        QTest::newRow("new york dst gap")
            << "America/New_York" << QByteArray("2022-03-13 02:30:00") << qint64(1647156600000);
        QTest::newRow("new york after gap")
            << "America/New_York" << QByteArray("2022-03-13 03:30:00") << qint64(1647156600000);
        QTest::newRow("offset wins over zone")
            << "America/New_York" << QByteArray("2022-11-22T10:00:00Z") << qint64(1669111200000);
    }
    void timeZones()
    {
        QFETCH(QString, zone);
        QFETCH(QByteArray, text);
        QFETCH(qint64, epochMs);
        const QTimeZone tz(zone.toLatin1());
        QVERIFY(tz.isValid());
        ValueConverter converter(*ColumnType::parse(QStringLiteral("DATETIME")), tz, false);
        Value out;
        const std::string s = text.toStdString();
        QVERIFY(converter.convert(SourceValue::fromText(s), out, nullptr));
        QCOMPARE(std::get<DateTime>(out).epochMs, epochMs);
        // Cross-check with QDateTime for text without an offset.
        if (!text.endsWith('Z')) {
            const QDateTime local = QDateTime::fromString(QString::fromLatin1(text),
                                                          QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            QCOMPARE(QDateTime(local.date(), local.time(), tz).toMSecsSinceEpoch(), epochMs);
        }
    }

    void describe_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << "text" << QByteArray("12,5") << "\"12,5\"";
        QTest::newRow("int") << "int" << QByteArray("300") << "300";
        QTest::newRow("null") << "null" << QByteArray() << "NULL";
        QTest::newRow("json") << "json" << QByteArray("[1]") << "[1]";
        QTest::newRow("long text") << "text" << QByteArray(150, 'y')
                                   << QStringLiteral("\"") + QString(100, QLatin1Char('y')) + QStringLiteral("...\"");
    }
    void describe()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        const std::string text = input.toStdString();
        QCOMPARE(QString::fromStdString(ValueConverter::describe(sourceOf(kind, text))), expected);
    }

    // Kafka's deserializers: sizes and big-endian numbers.
    void decode_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // kind:value or DIRTY
        QTest::addColumn<QString>("problem");
        QTest::newRow("long") << "LONG"
                              << "" << QByteArray::fromHex("00000000000004d2") << "int:1234"
                              << "";
        QTest::newRow("long negative") << "long"
                                       << "" << QByteArray::fromHex("fffffffffffffffe") << "int:-2"
                                       << "";
        QTest::newRow("long short input")
            << "LONG"
            << "" << QByteArray::fromHex("0000000004") << kDirty << "valueType LONG needs exactly 8 bytes, got 5";
        QTest::newRow("integer") << "Integer"
                                 << "" << QByteArray::fromHex("ffffff85") << "int:-123"
                                 << "";
        QTest::newRow("integer wrong size")
            << "INTEGER"
            << "" << QByteArray::fromHex("0001") << kDirty << "needs exactly 4 bytes, got 2";
        QTest::newRow("short") << "SHORT"
                               << "" << QByteArray::fromHex("8000") << "int:-32768"
                               << "";
        QTest::newRow("short wrong size")
            << "SHORT"
            << "" << QByteArray::fromHex("000001") << kDirty << "needs exactly 2 bytes, got 3";
        QTest::newRow("double") << "DOUBLE"
                                << "" << QByteArray::fromHex("400c000000000000") << "double:3.5"
                                << "";
        QTest::newRow("double wrong size")
            << "DOUBLE"
            << "" << QByteArray::fromHex("400c0000") << kDirty << "needs exactly 8 bytes, got 4";
        QTest::newRow("float") << "FLOAT"
                               << "" << QByteArray::fromHex("c0200000") << "double:-2.5"
                               << "";
        QTest::newRow("float wrong size")
            << "FLOAT"
            << "" << QByteArray::fromHex("c020000000000000") << kDirty << "needs exactly 4 bytes, got 8";
        QTest::newRow("string utf8") << "STRING"
                                     << "UTF-8" << QByteArray("h\xc3\xa9") << "text:hé"
                                     << "";
        QTest::newRow("string default type") << ""
                                             << "" << QByteArray("x") << "text:x"
                                             << "";
        QTest::newRow("string invalid utf8") << "string"
                                             << "utf-8" << QByteArray("h\xc3") << kDirty << "not valid UTF-8";
        QTest::newRow("string gbk") << "STRING"
                                    << "GBK" << QByteArray("\xc4\xe3\xba\xc3") << "text:你好"
                                    << "";
        QTest::newRow("string gbk invalid") << "STRING"
                                            << "GBK" << QByteArray("\xc4") << kDirty << "not valid GBK";
        QTest::newRow("bytearray") << "ByteArray"
                                   << "" << QByteArray("\x00\xff", 2) << "bytes:2"
                                   << "";
    }
    void decode()
    {
        QFETCH(QString, type);
        QFETCH(QString, encoding);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QFETCH(QString, problem);
        auto decoder = BytesDecoder::create(QStringLiteral("valueType"), type, encoding);
        QVERIFY2(decoder.ok(), qPrintable(decoder.ok() ? QString() : decoder.error().message));
        const std::string input = bytes.toStdString();
        SourceValue out;
        std::string buffer;
        std::string why;
        const bool ok = decoder->decode(input, out, buffer, &why);
        if (expected == kDirty) {
            QVERIFY(!ok);
            QVERIFY2(QString::fromStdString(why).contains(problem), why.c_str());
            return;
        }
        QVERIFY2(ok, why.c_str());
        QString got;
        switch (out.kind) {
        case SourceValue::Kind::Int:
            got = QStringLiteral("int:%1").arg(out.integer);
            break;
        case SourceValue::Kind::Double:
            got = QStringLiteral("double:%1").arg(out.number);
            break;
        case SourceValue::Kind::Text:
            got = QStringLiteral("text:") + QString::fromUtf8(out.text.data(), qsizetype(out.text.size()));
            break;
        case SourceValue::Kind::Bytes:
            got = QStringLiteral("bytes:%1").arg(out.text.size());
            QCOMPARE(QByteArray(out.text.data(), qsizetype(out.text.size())), bytes);
            break;
        default:
            got = QStringLiteral("other");
        }
        QCOMPARE(got, expected);
    }
    void decoderErrors()
    {
        const auto badType = BytesDecoder::create(QStringLiteral("keyType"), QStringLiteral("JSON"), QString());
        QVERIFY(!badType.ok());
        QCOMPARE(badType.error().code, QStringLiteral("mapping.decode_type"));
        QVERIFY(badType.error().message.contains(QStringLiteral("keyType \"JSON\"")));
        QVERIFY(badType.error().message.contains(QStringLiteral("BYTEARRAY")));
        const auto badEncoding = BytesDecoder::create(QStringLiteral("keyType"), QStringLiteral("STRING"),
                                                      QStringLiteral("NOPE-42"));
        QVERIFY(!badEncoding.ok());
        QCOMPARE(badEncoding.error().code, QStringLiteral("mapping.encoding"));
        QVERIFY(badEncoding.error().message.contains(QStringLiteral("NOPE-42")));
    }

    // __headers__ JSON: in order, null values, escapes, invalid UTF-8 replaced, repeated names: last wins.
    void headers()
    {
        std::string out = "garbage";
        headersToJson({}, out);
        QCOMPARE(QString::fromStdString(out), QStringLiteral("{}"));
        headersToJson({{"a", std::string("1")},
                       {"b", std::nullopt},
                       {"q\"", std::string("line\nnext")},
                       {"a", std::string("2")},
                       {"bin", std::string("\xff")}},
                      out);
        QCOMPARE(QString::fromStdString(out),
                 QString::fromUtf8("{\"b\":null,\"q\\\"\":\"line\\nnext\",\"a\":\"2\",\"bin\":\"\xEF\xBF\xBD\"}"));
    }

    void jsonErrorOffset_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("offset"); // -1 = valid
        QTest::newRow("valid") << QByteArray("{\"a\":[1,2.5,\"x\",true,null]}") << -1;
        QTest::newRow("missing value") << QByteArray("{\"a\":}") << 5;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << 3;
        QTest::newRow("truncated") << QByteArray("{\"a\":1") << 6;
        QTest::newRow("garbage after") << QByteArray("{} x") << 3;
        QTest::newRow("big integer") << QByteArray("{\"a\":123456789012345678901234}") << 5;
        QTest::newRow("bad utf8 in string") << QByteArray("[\"a\xff\"]") << 3;
        QTest::newRow("not json") << QByteArray("hello") << 0;
    }
    void jsonErrorOffset()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, offset);
        const auto got = mapping::jsonErrorOffset(json.toStdString());
        if (offset < 0)
            QVERIFY(!got.has_value());
        else
            QCOMPARE(got.value_or(9999), std::size_t(offset));
    }
};

QTEST_APPLESS_MAIN(TestConvert)
#include "tst_convert.moc"
