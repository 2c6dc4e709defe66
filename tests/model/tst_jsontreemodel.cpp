// link: kmsync_widgets kmsync_engine
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "engine/mapping/flattenjson.h"
#include "widgets/preview/jsontreemodel.h"

using kmsync::ui::JsonTreeModel;

namespace {

const QByteArray kClick =
    R"({"event_id":"e-1","user":{"id":42,"name":"Ann"},"page":{"url":"/a","ref.domain":"x.com"},)"
    R"("items":[{"sku":"A1","qty":2},{"sku":"B2","qty":1}],"amount":12.5,"ok":true,"gone":null,"tags":[]})";

// Every node's path, walking the model depth first.
void collectPaths(const QAbstractItemModel &model, const QModelIndex &parent, QStringList &out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, JsonTreeModel::Key, parent);
        out.append(index.data(JsonTreeModel::PathRole).toString());
        collectPaths(model, index, out);
    }
}

} // namespace

class TestJsonTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void treeHasEveryNodeOfFlattenJson();
    void labelsValuesAndKinds_data();
    void labelsValuesAndKinds();
    void sourceFieldSpelling_data();
    void sourceFieldSpelling();
    void invalidJsonEmptiesTheModel();
    void topLevelArray();
};

void TestJsonTreeModel::treeHasEveryNodeOfFlattenJson()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.setJson(kClick));
    QCOMPARE(reset.count(), 1);
    QVERIFY(model.errorString().isEmpty());

    const auto flat = kmsync::engine::mapping::flattenJson(std::string_view(kClick.constData(), size_t(kClick.size())));
    QVERIFY(flat.ok());
    QStringList expected;
    for (const auto &node : *flat)
        expected.append(node.path);
    QStringList paths;
    collectPaths(model, {}, paths);
    QCOMPARE(paths, expected); // same nodes, same (document) order: the tree is flattenJson's list nested

    QCOMPARE(model.rowCount(), 8); // event_id user page items amount ok gone tags
    const QModelIndex items = model.indexForPath(QStringLiteral("items"));
    QVERIFY(items.isValid());
    QCOMPARE(model.rowCount(items), 2);
    const QModelIndex qty = model.index(1, JsonTreeModel::Key, model.index(1, JsonTreeModel::Key, items));
    QCOMPARE(qty.data(JsonTreeModel::PathRole).toString(), QStringLiteral("items[1].qty"));
    QCOMPARE(model.parent(qty).data(JsonTreeModel::PathRole).toString(), QStringLiteral("items[1]"));
    QCOMPARE(model.rowCount(model.indexForPath(QStringLiteral("tags"))), 0);
    QVERIFY(model.flags(qty) & Qt::ItemNeverHasChildren);
    QVERIFY(!(model.flags(items) & Qt::ItemNeverHasChildren));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.count(), 2);
}

void TestJsonTreeModel::labelsValuesAndKinds_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("kind");

    using K = kmsync::engine::mapping::JsonKind;
    QTest::newRow("string") << "event_id"
                            << "event_id"
                            << "\"e-1\"" << int(K::String);
    QTest::newRow("nested number") << "user.id"
                                   << "id"
                                   << "42" << int(K::Number);
    QTest::newRow("dotted key") << "page[\"ref.domain\"]"
                                << "ref.domain"
                                << "\"x.com\"" << int(K::String);
    QTest::newRow("array element") << "items[0]"
                                   << "[0]"
                                   << "{2 key(s)}" << int(K::Object);
    QTest::newRow("array") << "items"
                           << "items"
                           << "[2 element(s)]" << int(K::Array);
    QTest::newRow("double") << "amount"
                            << "amount"
                            << "12.5" << int(K::Number);
    QTest::newRow("bool") << "ok"
                          << "ok"
                          << "true" << int(K::Bool);
    QTest::newRow("null") << "gone"
                          << "gone"
                          << "null" << int(K::Null);
}

void TestJsonTreeModel::labelsValuesAndKinds()
{
    QFETCH(QString, path);
    QFETCH(QString, label);
    QFETCH(QString, value);
    QFETCH(int, kind);
    JsonTreeModel model;
    QVERIFY(model.setJson(kClick));
    const QModelIndex index = model.indexForPath(path);
    QVERIFY2(index.isValid(), qPrintable(path));
    QCOMPARE(index.data().toString(), label);
    QCOMPARE(index.siblingAtColumn(JsonTreeModel::Value).data().toString(), value);
    QCOMPARE(index.data(JsonTreeModel::KindRole).toInt(), kind);
    QCOMPARE(index.siblingAtColumn(JsonTreeModel::Value).data(JsonTreeModel::PathRole).toString(), path);
}

void TestJsonTreeModel::sourceFieldSpelling_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << "user.id"
                           << "user.id";
    QTest::newRow("index") << "items[0].sku"
                           << "items[0].sku";
    QTest::newRow("dotted key") << "page[\"ref.domain\"]"
                                << "[\"page\"][\"ref.domain\"]";
    QTest::newRow("dotted top key") << "[\"a.b\"].c[2]"
                                    << "[\"a.b\"][\"c\"][2]";
    QTest::newRow("default field name") << "[\"__key__\"]"
                                        << "[\"__key__\"]";
    QTest::newRow("quote in key") << "a[\"x\\\"y\"]"
                                  << "[\"a\"][\"x\\\"y\"]";
}

void TestJsonTreeModel::sourceFieldSpelling()
{
    QFETCH(QString, path);
    QFETCH(QString, field);
    QCOMPARE(JsonTreeModel::sourceFieldFor(path), field);
}

void TestJsonTreeModel::invalidJsonEmptiesTheModel()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(kClick));
    QVERIFY(model.rowCount() > 0);
    QVERIFY(!model.setJson(R"({"a": 1,)"));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY2(!model.errorString().isEmpty(), "no reason for invalid JSON");
    QVERIFY(model.setJson(R"({"b": [1, 2]})"));
    QVERIFY(model.errorString().isEmpty());
    QCOMPARE(model.rowCount(), 1);
}

void TestJsonTreeModel::topLevelArray()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(R"([{"x": 1}, [2, 3]])"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("[0]"));
    QCOMPARE(model.index(0, 0, model.index(1, 0)).data(JsonTreeModel::PathRole).toString(), QStringLiteral("[1][0]"));
    QCOMPARE(model.index(0, 0, model.index(0, 0)).data(JsonTreeModel::PathRole).toString(), QStringLiteral("[0].x"));
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
