// link: kmsync_maxcompute kmsync_core
// kmsync's Tunnel encoder against pyodps' own record writers (vectors from tests/pyodps/gen_vectors.py, committed in
// tests/data/pyodps/vectors.json so this tier needs no Python).
#include <QTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "engine/maxcompute/tunnelrecordreader.h"
#include "engine/maxcompute/tunnelrecordwriter.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;

class TestTunnelWriterPyodps : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_doc;
    std::vector<ColumnDef> m_columns;
    std::vector<Row> m_rows;

    static Value cell(const QJsonValue &v, const ColumnType &type)
    {
        if (v.isNull())
            return Value{};
        switch (type.kind) {
        case TypeKind::BigInt:
        case TypeKind::Int:
        case TypeKind::SmallInt:
        case TypeKind::TinyInt:
            return Value{int64_t(v.toString().toLongLong())};
        case TypeKind::Double:
        case TypeKind::Float:
            return Value{v.toString().toDouble()}; // repr() text keeps -0.0
        case TypeKind::Decimal:
            return Value{Decimal{v.toString().toStdString()}};
        case TypeKind::Boolean:
            return Value{v.toBool()};
        case TypeKind::Binary:
            return Value{QByteArray::fromBase64(v.toString().toLatin1()).toStdString()};
        case TypeKind::DateTime:
            return Value{DateTime{v.toString().toLongLong()}};
        case TypeKind::Date:
            return Value{Date{v.toString().toLongLong()}};
        case TypeKind::Timestamp:
            return Value{Timestamp{v.toArray().at(0).toString().toLongLong(), int32_t(v.toArray().at(1).toInt())}};
        default:
            return Value{v.toString().toStdString()};
        }
    }

    static std::string bytes(const QString &hex) { return QByteArray::fromHex(hex.toLatin1()).toStdString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QFile f(QStringLiteral(KMSYNC_TEST_DATA "/pyodps/vectors.json"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        m_doc = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(!m_doc.isEmpty());
        for (const QJsonValue &c : m_doc.value(QStringLiteral("schema")).toArray()) {
            auto type = ColumnType::parse(c.toObject().value(QStringLiteral("type")).toString());
            QVERIFY(type.ok());
            m_columns.push_back(ColumnDef{c.toObject().value(QStringLiteral("name")).toString(), *type, {}});
        }
        QCOMPARE(m_columns.size(), size_t(14));
        for (const QJsonValue &r : m_doc.value(QStringLiteral("records")).toArray()) {
            Row row;
            const QJsonArray cells = r.toArray();
            for (qsizetype i = 0; i < cells.size(); ++i)
                row.push_back(cell(cells.at(i), m_columns[size_t(i)].type));
            m_rows.push_back(row);
        }
        QVERIFY(m_rows.size() >= 7);
    }

    // Byte-identical to pyodps' pure-Python BaseRecordWriter (the one that writes CRCs as unsigned varint32, as
    // Java's ProtobufRecordStreamWriter does).
    void sameBytesAsPyodps()
    {
        TunnelRecordWriter w(m_columns);
        for (const Row &r : m_rows) {
            auto ok = w.write(r);
            QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
        }
        w.finish();
        const std::string expected = bytes(m_doc.value(QStringLiteral("block")).toString());
        QVERIFY(!expected.empty());
        const QByteArray mine(w.data().data(), qsizetype(w.size()));
        const QByteArray theirs = QByteArray::fromStdString(expected);
        qsizetype at = 0;
        while (at < mine.size() && at < theirs.size() && mine[at] == theirs[at])
            ++at;
        QVERIFY2(mine == theirs, qPrintable(QStringLiteral("first difference at byte %1: kmsync ...%2 vs pyodps ...%3")
                                                .arg(at)
                                                .arg(QString::fromLatin1(mine.mid(at - 8, 24).toHex(' ')),
                                                     QString::fromLatin1(theirs.mid(at - 8, 24).toHex(' ')))));
    }

    // pyodps' default Cython writer sign-extends CRCs >= 2^31 into 10-byte varints, so its bytes legitimately differ
    // from the Python/Java form in those varints only; the decoded records must be the same values.
    void cythonWriterDecodesToSameValues()
    {
        const std::string cython = bytes(m_doc.value(QStringLiteral("blockCython")).toString());
        const std::string python = bytes(m_doc.value(QStringLiteral("block")).toString());
        QVERIFY(cython.size() >= python.size());
        auto a = TunnelRecordReader(m_columns).decode(cython);
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().message));
        auto b = TunnelRecordReader(m_columns).decode(python);
        QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().message));
        QCOMPARE(a->size(), m_rows.size());
        for (size_t i = 0; i < m_rows.size(); ++i) {
            Row expected = m_rows[i];
            expected.resize(m_columns.size());
            for (size_t c = 0; c < m_columns.size(); ++c) {
                if (m_columns[c].type.kind == TypeKind::Float && !isNull(expected[c]))
                    expected[c] = double(float(std::get<double>(expected[c])));
            }
            for (size_t c = 0; c < m_columns.size(); ++c) {
                QCOMPARE(QString::fromStdString(debugString((*a)[i][c])),
                         QString::fromStdString(debugString(expected[c])));
                QVERIFY((*a)[i][c] == expected[c]);
                QCOMPARE(QString::fromStdString(debugString((*b)[i][c])),
                         QString::fromStdString(debugString(expected[c])));
                QVERIFY((*b)[i][c] == expected[c]);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestTunnelWriterPyodps)
#include "tst_tunnelwriter_pyodps.moc"
