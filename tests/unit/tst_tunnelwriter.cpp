// link: kmsync_maxcompute kmsync_core
#include <QTest>

#include <limits>

#include "engine/maxcompute/crc32c.h"
#include "engine/maxcompute/tunnelrecordreader.h"
#include "engine/maxcompute/tunnelrecordwriter.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;

namespace {

std::vector<ColumnDef> schemaOf(const QStringList &types)
{
    std::vector<ColumnDef> cols;
    int i = 1;
    for (const QString &t : types) {
        auto type = ColumnType::parse(t);
        cols.push_back(ColumnDef{QStringLiteral("c%1").arg(i++), type ? *type : ColumnType{}, {}});
    }
    return cols;
}

QByteArray hex(std::string_view data)
{
    return QByteArray(data.data(), qsizetype(data.size())).toHex(' ');
}

} // namespace

class TestTunnelWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crcCheckValue()
    {
        QCOMPARE(Crc32c::compute("123456789", 9), 0xE3069283u);
        Crc32c c;
        c.update("1234", 4);
        c.update("56789", 5);
        QCOMPARE(c.value(), 0xE3069283u);
        Crc32c empty;
        QCOMPARE(empty.value(), 0u);
        // Long input exercises the 8-byte loop.
        const std::string longText(1000, 'a');
        Crc32c piecewise;
        for (char ch : longText)
            piecewise.update(&ch, 1);
        QCOMPARE(Crc32c::compute(longText.data(), longText.size()), piecewise.value());
        // The table fallback agrees with whatever path this CPU uses, at every length and alignment.
        QCOMPARE(Crc32c::computePortable("123456789", 9), 0xE3069283u);
        std::string noise;
        uint32_t x = 12345;
        for (int i = 0; i < 300; ++i) {
            x = x * 1103515245u + 12345u;
            noise.push_back(char(x >> 16));
        }
        for (size_t off = 0; off < 9; ++off) {
            for (size_t len = 0; len + off <= noise.size(); len += 7)
                QCOMPARE(Crc32c::computePortable(noise.data() + off, len), Crc32c::compute(noise.data() + off, len));
        }
        Crc32c words;
        words.updateU32(0x04030201u);
        words.updateU64(0x0c0b0a0908070605ull);
        const unsigned char bytes[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        QCOMPARE(words.value(), Crc32c::computePortable(bytes, 12));
    }

    // §2.4 vector A: two records, every 1.0 type, NULLs.
    void vectorA()
    {
        TunnelRecordWriter w(
            schemaOf({QStringLiteral("bigint"), QStringLiteral("string"), QStringLiteral("double"),
                      QStringLiteral("boolean"), QStringLiteral("datetime"), QStringLiteral("decimal(10,2)")}));
        QVERIFY(
            w.write(Row{int64_t(1), std::string("abc"), 1.5, true, DateTime{1669046400000}, Decimal{"12.34"}}).ok());
        QVERIFY(w.write(Row{int64_t(-2), Value{}, Value{}, Value{}, Value{}, Value{}}).ok());
        w.finish();
        const QByteArray expected = QByteArray::fromHex(
            "0802120361626319000000000000f83f200128 80d0d7ae936132053132 2e3334"
            "80c0ff7ff49db7aa0c080380c0ff7f87ca8bbb09f0ffff7f04f8ffff7fc0aec89006");
        QCOMPARE(hex(w.data()), expected.toHex(' '));
        QCOMPARE(w.size(), size_t(66));
        QCOMPARE(w.recordCount(), int64_t(2));
    }

    void vectorBEmptyBlock()
    {
        TunnelRecordWriter w(schemaOf({QStringLiteral("bigint")}));
        w.finish();
        QCOMPARE(hex(w.data()), QByteArray("f0 ff ff 7f 00 f8 ff ff 7f 00"));
        auto rows = TunnelRecordReader(w.columns()).decode(w.data());
        QVERIFY2(rows.ok(), qPrintable(rows.ok() ? QString() : rows.error().message));
        QCOMPARE(rows->size(), size_t(0));
    }

    // §2.4 vector C has an ARRAY<BIGINT> column that kmsync does not write; the scalar cells must match the
    // vector's bytes, and the record CRC must match once the array's CRC contribution is added.
    void vectorCScalarPart()
    {
        TunnelRecordWriter w(schemaOf({QStringLiteral("int"), QStringLiteral("float"), QStringLiteral("date"),
                                       QStringLiteral("timestamp"), QStringLiteral("varchar(10)")}));
        QVERIFY(w.write(Row{int64_t(7), 0.5, Date{19318}, Timestamp{1669046400, 123000000}, std::string("hi")}).ok());
        const QByteArray vector = QByteArray::fromHex(
            "080e150000003f18ecad022280 82ddb70c80d3a6752a026869320300020100 06"
            "80c0ff7fa188f7de09f0ffff7f02f8ffff7fb78cdc8406");
        const QByteArray scalarPart = vector.left(25); // up to and including "2a 02 68 69"
        const QByteArray mine(w.data().data(), 25);
        QCOMPARE(mine.toHex(' '), scalarPart.toHex(' '));
        // Recompute the record CRC: scalar cells as kmsync feeds them + field 6's elements 1 and 3 (int64 LE).
        Crc32c crc;
        crc.updateU32(1);
        crc.updateU64(7);
        crc.updateU32(2);
        const float half = 0.5f;
        crc.update(&half, 4);
        crc.updateU32(3);
        crc.updateU64(19318);
        crc.updateU32(4);
        crc.updateU64(1669046400);
        crc.updateU32(123000000);
        crc.updateU32(5);
        crc.update("hi", 2);
        crc.updateU32(6);
        crc.updateU64(1);
        crc.updateU64(3);
        QCOMPARE(crc.value(), 0x9bddc421u);
        Crc32c crcOfCrcs;
        crcOfCrcs.updateU32(crc.value());
        QCOMPARE(crcOfCrcs.value(), 0x60970637u);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("row"); // index into values()
        const auto add = [](const char *name, const char *type, int i) {
            QTest::newRow(name) << QString::fromLatin1(type) << i;
        };
        add("bigint max", "bigint", 0);
        add("bigint min+1", "bigint", 1);
        add("bigint zero", "bigint", 2);
        add("double negative fraction", "double", 3);
        add("double tiny", "double", 4);
        add("decimal", "decimal(38,18)", 5);
        add("boolean false", "boolean", 6);
        add("string empty", "string", 7);
        add("string non-ascii", "string", 8);
        add("datetime before epoch", "datetime", 9);
        add("datetime year 9999", "datetime", 10);
        add("date far", "date", 11);
        add("timestamp pre-epoch", "timestamp", 12);
        add("binary", "binary", 13);
        add("null", "string", 14);
        add("tinyint", "tinyint", 15);
        add("float", "float", 16);
    }

    void roundTrip()
    {
        QFETCH(QString, type);
        QFETCH(int, row);
        const std::vector<Value> values{
            int64_t(std::numeric_limits<int64_t>::max()),
            int64_t(std::numeric_limits<int64_t>::min() + 1),
            int64_t(0),
            -12345.678,
            5e-324,
            Decimal{"-12345678901234567890.123456789012345678"},
            false,
            std::string(),
            std::string("中文 ✓ émoji 😀"),
            DateTime{-1},
            DateTime{253402300799999},
            Date{2932896},
            Timestamp{-1, 999999999},
            std::string("\x00\x01\xff\xfe", 4),
            Value{},
            int64_t(-128),
            -0.25,
        };
        const auto cols = schemaOf({type, QStringLiteral("bigint")});
        TunnelRecordWriter w(cols);
        const Row r{values[size_t(row)], int64_t(row)};
        auto ok = w.write(r);
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
        QVERIFY(w.write(Row{}).ok()); // all-NULL record
        w.finish();
        auto decoded = TunnelRecordReader(cols).decode(w.data());
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        QCOMPARE(decoded->size(), size_t(2));
        QVERIFY((*decoded)[0] == r);
        QVERIFY(isNull((*decoded)[1][0]) && isNull((*decoded)[1][1]));
    }

    void rejectsBadValues_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("code");
        QTest::newRow("bigint min") << QStringLiteral("bigint") << 0 << QStringLiteral("tunnel.value_range");
        QTest::newRow("string into bigint") << QStringLiteral("bigint") << 1 << QStringLiteral("tunnel.value_type");
        QTest::newRow("int overflow") << QStringLiteral("int") << 2 << QStringLiteral("tunnel.value_range");
        QTest::newRow("datetime year 10001") << QStringLiteral("datetime") << 3 << QStringLiteral("tunnel.value_range");
        QTest::newRow("bool into double") << QStringLiteral("double") << 4 << QStringLiteral("tunnel.value_type");
        QTest::newRow("nanos") << QStringLiteral("timestamp") << 5 << QStringLiteral("tunnel.value_range");
    }

    void rejectsBadValues()
    {
        QFETCH(QString, type);
        QFETCH(int, which);
        QFETCH(QString, code);
        const std::vector<Value> values{int64_t(std::numeric_limits<int64_t>::min()),
                                        std::string("x"),
                                        int64_t(1) << 40,
                                        DateTime{253402387200001},
                                        true,
                                        Timestamp{0, 1000000000}};
        TunnelRecordWriter w(schemaOf({type}));
        auto r = w.write(Row{values[size_t(which)]});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QVERIFY2(r.error().message.contains(QStringLiteral("\"c1\"")), qPrintable(r.error().message));
        QCOMPARE(w.size(), size_t(0));
        QCOMPARE(w.recordCount(), int64_t(0));
        auto tooWide = w.write(Row{Value{}, Value{}});
        QCOMPARE(tooWide.error().code, QStringLiteral("tunnel.row_width"));
    }

    void readerRejectsCorruption_data()
    {
        QTest::addColumn<int>("offset"); // byte to change (-1: drop the last byte)
        QTest::addColumn<int>("newByte");
        QTest::addColumn<QString>("needle");
        QTest::newRow("value byte (record crc)") << 1 << 0x04 << QStringLiteral("checksum");
        QTest::newRow("tag field number") << 0 << 0x38 << QStringLiteral("not a column");
        QTest::newRow("wire type") << 0 << 0x09 << QStringLiteral("wire type");
        QTest::newRow("record count") << 56 << 0x06 << QStringLiteral("trailer says");
        QTest::newRow("block checksum") << 62 << 0xc1 << QStringLiteral("block checksum");
        QTest::newRow("truncated") << -1 << 0 << QStringLiteral("Malformed");
    }

    void readerRejectsCorruption()
    {
        QFETCH(int, offset);
        QFETCH(int, newByte);
        QFETCH(QString, needle);
        const auto cols = schemaOf({QStringLiteral("bigint"), QStringLiteral("string"), QStringLiteral("double"),
                                    QStringLiteral("boolean"), QStringLiteral("datetime"),
                                    QStringLiteral("decimal(10,2)")});
        TunnelRecordWriter w(cols);
        QVERIFY(
            w.write(Row{int64_t(1), std::string("abc"), 1.5, true, DateTime{1669046400000}, Decimal{"12.34"}}).ok());
        QVERIFY(w.write(Row{int64_t(-2)}).ok());
        w.finish();
        std::string block(w.data());
        QVERIFY(TunnelRecordReader(cols).decode(block).ok());
        if (offset < 0)
            block.pop_back();
        else
            block[size_t(offset)] = char(newByte);
        auto r = TunnelRecordReader(cols).decode(block);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("tunnel.malformed_stream"));
        QVERIFY2(r.error().message.contains(needle), qPrintable(r.error().message));
    }

    // Random byte flips, truncations and insertions never crash the decoder; a changed block is (almost always)
    // rejected, and whatever it accepts re-encodes to the same bytes.
    void decoderSurvivesMutations()
    {
        const auto cols = schemaOf({QStringLiteral("bigint"), QStringLiteral("string"), QStringLiteral("double"),
                                    QStringLiteral("timestamp"), QStringLiteral("decimal(10,2)"),
                                    QStringLiteral("boolean")});
        TunnelRecordWriter w(cols);
        for (int64_t i = 0; i < 20; ++i)
            QVERIFY(w.write(Row{i * 1000003, std::string(size_t(i), 'x'), double(i) / 3, Timestamp{i, int32_t(i)},
                                Decimal{"1.25"}, i % 2 == 0})
                        .ok());
        w.finish();
        const std::string good(w.data());
        const TunnelRecordReader reader(cols);
        uint32_t x = 2463534242u;
        const auto next = [&x] {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            return x;
        };
        int accepted = 0;
        for (int round = 0; round < 3000; ++round) {
            std::string bad = good;
            const int edits = 1 + int(next() % 3);
            for (int e = 0; e < edits; ++e) {
                const size_t at = next() % bad.size();
                switch (next() % 3) {
                case 0:
                    bad[at] = char(next());
                    break;
                case 1:
                    bad.resize(at);
                    break;
                default:
                    bad.insert(at, 1, char(next()));
                    break;
                }
                if (bad.empty())
                    break;
            }
            auto r = reader.decode(bad);
            if (!r.ok()) {
                QCOMPARE(r.error().code, QStringLiteral("tunnel.malformed_stream"));
                continue;
            }
            ++accepted;
            TunnelRecordWriter again(cols);
            for (const Row &row : *r)
                QVERIFY(again.write(row).ok());
            again.finish();
            QVERIFY(reader.decode(again.data()).ok());
        }
        QVERIFY2(accepted < 30, qPrintable(QString::number(accepted)));
    }

    void bufferReuseAcrossBlocks()
    {
        const auto cols = schemaOf({QStringLiteral("string")});
        TunnelRecordWriter w(cols);
        for (int i = 0; i < 10000; ++i)
            QVERIFY(w.write(Row{std::string(size_t(i % 50), 'x')}).ok());
        w.finish();
        const std::string first(w.data());
        w.reset();
        QVERIFY(w.write(Row{std::string("y")}).ok());
        w.finish();
        auto rows = TunnelRecordReader(cols).decode(w.data());
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), size_t(1));
        auto many = TunnelRecordReader(cols).decode(first);
        QVERIFY(many.ok());
        QCOMPARE(many->size(), size_t(10000));
        QCOMPARE(std::get<std::string>((*many)[49][0]).size(), size_t(49));
    }
};

QTEST_APPLESS_MAIN(TestTunnelWriter)
#include "tst_tunnelwriter.moc"
