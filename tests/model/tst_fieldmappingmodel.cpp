// link: kmsync_widgets kmsync_engine
#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

#include "widgets/taskeditor/fieldmappingmodel.h"

using kmsync::ui::DestinationColumn;
using kmsync::ui::FieldLink;
using kmsync::ui::FieldMappingModel;
using kmsync::ui::MappingForm;

namespace {

MappingForm form(const QStringList &sources, const QStringList &targets, const std::vector<FieldLink> &links = {})
{
    MappingForm m;
    for (const QString &s : sources)
        m.sourceFields.push_back(s);
    for (const QString &t : targets)
        m.targets.push_back({t, QStringLiteral("STRING")});
    m.links = links;
    return m;
}

// "source->target" pairs of the model's links, sorted by target, for compact comparisons.
QStringList linkText(const FieldMappingModel &model)
{
    QStringList out;
    const MappingForm &m = model.mapping();
    for (size_t t = 0; t < m.targets.size(); ++t) {
        const int s = model.sourceOf(int(t));
        if (s >= 0)
            out.append(m.sourceFields[size_t(s)] + QStringLiteral("->") + m.targets[t].name);
    }
    return out;
}

} // namespace

class TestFieldMappingModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapByName_data();
    void mapByName();
    void mapByRow_data();
    void mapByRow();
    void oneToOneRule();
    void unmappedTargetsShowNull();
    void editSourceField();
    void editMappedTo();
    void addAndRemoveSourceFields();
    void setTargetsKeepsLinksByName();
};

void TestFieldMappingModel::mapByName_data()
{
    QTest::addColumn<QStringList>("sources");
    QTest::addColumn<QStringList>("targets");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("same names") << QStringList{"__key__", "__value__", "event_id"}
                                << QStringList{"event_id", "__key__", "other"}
                                << QStringList{"event_id->event_id", "__key__->__key__"};
    QTest::newRow("case-insensitive") << QStringList{"Amount"} << QStringList{"amount"}
                                      << QStringList{"Amount->amount"};
    QTest::newRow("json path by last segment") << QStringList{"a.a1", "d[0].AA", "c[1]"} << QStringList{"aa", "a1", "c"}
                                               << QStringList{"d[0].AA->aa", "a.a1->a1", "c[1]->c"};
    QTest::newRow("exact name wins over last segment")
        << QStringList{"x.id", "id"} << QStringList{"id"} << QStringList{"id->id"};
    QTest::newRow("no matches") << QStringList{"foo"} << QStringList{"bar"} << QStringList{};
}

void TestFieldMappingModel::mapByName()
{
    QFETCH(QStringList, sources);
    QFETCH(QStringList, targets);
    QFETCH(QStringList, expected);
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMapping(form(sources, targets));
    QSignalSpy changed(&model, &FieldMappingModel::mappingChanged);
    QCOMPARE(model.mapByName(), int(expected.size()));
    QCOMPARE(linkText(model), expected);
    QCOMPARE(changed.count(), 1);
    // Running it again adds nothing: every match is already mapped.
    QCOMPARE(model.mapByName(), 0);
}

void TestFieldMappingModel::mapByRow_data()
{
    QTest::addColumn<QStringList>("sources");
    QTest::addColumn<QStringList>("targets");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("more sources") << QStringList{"a", "b", "c"} << QStringList{"x", "y"} << QStringList{"a->x", "b->y"};
    QTest::newRow("more targets") << QStringList{"a"} << QStringList{"x", "y"} << QStringList{"a->x"};
    QTest::newRow("none") << QStringList{} << QStringList{"x"} << QStringList{};
}

void TestFieldMappingModel::mapByRow()
{
    QFETCH(QStringList, sources);
    QFETCH(QStringList, targets);
    QFETCH(QStringList, expected);
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // An existing crossed link is replaced: map by row rebuilds the whole mapping.
    std::vector<FieldLink> crossed;
    if (sources.size() >= 1 && targets.size() >= 2)
        crossed.push_back({0, 1});
    model.setMapping(form(sources, targets, crossed));
    QCOMPARE(model.mapByRow(), int(expected.size()));
    QCOMPARE(linkText(model), expected);
    QCOMPARE(model.rowCount(), int(std::max(sources.size(), targets.size())));
}

void TestFieldMappingModel::oneToOneRule()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMapping(form({"a", "b"}, {"x", "y"}));
    QSignalSpy rejected(&model, &FieldMappingModel::mappingRejected);

    QVERIFY(model.link(0, 0));
    // A second source for the same column is refused, with a reason naming both fields.
    QVERIFY(!model.link(1, 0));
    QCOMPARE(rejected.count(), 1);
    const QString reason = rejected.first().first().toString();
    QVERIFY2(reason.contains(QLatin1String("\"x\"")) && reason.contains(QLatin1String("\"a\"")), qPrintable(reason));
    QCOMPARE(model.lastError(), reason);
    QCOMPARE(model.sourceOf(0), 0);
    QCOMPARE(model.targetOf(1), -1);

    // Re-linking a source moves it: each source feeds at most one column.
    QVERIFY(model.link(0, 1));
    QCOMPARE(model.sourceOf(0), -1);
    QCOMPARE(model.sourceOf(1), 0);
    QCOMPARE(model.mapping().links.size(), size_t(1));
    QVERIFY(model.lastError().isEmpty());

    // Out-of-range indexes are refused without touching the mapping.
    QVERIFY(!model.link(5, 0));
    QVERIFY(!model.link(0, 7));
    QCOMPARE(model.mapping().links.size(), size_t(1));
}

void TestFieldMappingModel::unmappedTargetsShowNull()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMapping(form({"a"}, {"x", "y", "z"}, {{0, 1}}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(FieldMappingModel::ColumnCount));
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };
    QCOMPARE(cell(0, FieldMappingModel::TargetSource).toString(), QStringLiteral("NULL"));
    QCOMPARE(cell(0, FieldMappingModel::TargetSource, FieldMappingModel::UnmappedRole).toBool(), true);
    QCOMPARE(cell(1, FieldMappingModel::TargetSource).toString(), QStringLiteral("a"));
    QCOMPARE(cell(1, FieldMappingModel::TargetSource, FieldMappingModel::UnmappedRole).toBool(), false);
    // NULL is set apart from a field name: grey italics.
    QVERIFY(cell(0, FieldMappingModel::TargetSource, Qt::FontRole).value<QFont>().italic());
    QVERIFY(!cell(1, FieldMappingModel::TargetSource, Qt::FontRole).isValid());
    QCOMPARE(cell(2, FieldMappingModel::TargetSource).toString(), QStringLiteral("NULL"));
    QCOMPARE(cell(0, FieldMappingModel::MappedTo).toString(), QStringLiteral("y"));
    QCOMPARE(cell(2, FieldMappingModel::TargetColumn).toString(), QStringLiteral("z"));
    QCOMPARE(cell(2, FieldMappingModel::TargetType).toString(), QStringLiteral("STRING"));
    // Rows past the last source have no source cells, and they are not editable.
    QVERIFY(!cell(1, FieldMappingModel::SourceField).isValid());
    QVERIFY(!(model.index(1, FieldMappingModel::SourceField).flags() & Qt::ItemIsEditable));
    QVERIFY(model.index(0, FieldMappingModel::SourceField).flags() & Qt::ItemIsEditable);
    QVERIFY(!(model.index(0, FieldMappingModel::TargetColumn).flags() & Qt::ItemIsEditable));

    model.clearLinks();
    QCOMPARE(cell(1, FieldMappingModel::TargetSource).toString(), QStringLiteral("NULL"));
    QVERIFY(model.mapping().links.empty());
}

void TestFieldMappingModel::editSourceField()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMapping(form({"a", "b"}, {"x"}, {{0, 0}}));
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex a = model.index(0, FieldMappingModel::SourceField);

    QVERIFY(model.setData(a, QStringLiteral("user.id")));
    QCOMPARE(model.mapping().sourceFields[0], QStringLiteral("user.id"));
    QVERIFY(dataChanged.count() >= 1);
    // The column it feeds shows the new name.
    QCOMPARE(model.index(0, FieldMappingModel::TargetSource).data().toString(), QStringLiteral("user.id"));

    // Empty and duplicate names are refused and leave the field unchanged.
    QVERIFY(!model.setData(a, QStringLiteral("  ")));
    QVERIFY(!model.setData(a, QStringLiteral("b")));
    QVERIFY(model.lastError().contains(QLatin1String("\"b\"")));
    QCOMPARE(model.mapping().sourceFields[0], QStringLiteral("user.id"));
}

void TestFieldMappingModel::editMappedTo()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMapping(form({"a", "b"}, {"x", "y"}));
    QVERIFY(model.setData(model.index(0, FieldMappingModel::MappedTo), QStringLiteral("Y"))); // case-insensitive
    QCOMPARE(model.sourceOf(1), 0);
    // The 1:1 rule through the grid editor.
    QVERIFY(!model.setData(model.index(1, FieldMappingModel::MappedTo), QStringLiteral("y")));
    QCOMPARE(model.sourceOf(1), 0);
    // An unknown column is refused with the allowed names.
    QVERIFY(!model.setData(model.index(1, FieldMappingModel::MappedTo), QStringLiteral("nope")));
    QVERIFY(model.lastError().contains(QLatin1String("x, y")));
    // Empty text unmaps.
    QVERIFY(model.setData(model.index(0, FieldMappingModel::MappedTo), QString()));
    QCOMPARE(model.sourceOf(1), -1);
    QCOMPARE(model.index(1, FieldMappingModel::TargetSource).data().toString(), QStringLiteral("NULL"));
}

void TestFieldMappingModel::addAndRemoveSourceFields()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMapping(form({"a"}, {"x", "y"}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    QCOMPARE(model.addSourceField(QStringLiteral("b")), 1); // fills row 1: no new row
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.addSourceField(QStringLiteral("c")), 2); // needs a third row
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.addSourceField(QStringLiteral("c")), -1); // duplicate
    QCOMPARE(model.addSourceField(QString()), -1);           // empty

    QVERIFY(model.link(2, 0));           // c -> x
    QVERIFY(model.link(1, 1));           // b -> y
    QVERIFY(model.removeSourceField(1)); // b goes, and so does its link; c moves up to index 1
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.mapping().sourceFields, (std::vector<QString>{QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(linkText(model), QStringList{QStringLiteral("c->x")});
    QCOMPARE(model.index(1, FieldMappingModel::TargetSource).data().toString(), QStringLiteral("NULL"));
    QVERIFY(!model.removeSourceField(9));
}

void TestFieldMappingModel::setTargetsKeepsLinksByName()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMapping(form({"a", "b"}, {"x", "y"}, {{0, 0}, {1, 1}}));
    model.setTargets({DestinationColumn{QStringLiteral("Y"), QStringLiteral("BIGINT")},
                      DestinationColumn{QStringLiteral("z"), QStringLiteral("STRING")}});
    QCOMPARE(linkText(model), QStringList{QStringLiteral("b->Y")});
    QCOMPARE(model.index(1, FieldMappingModel::TargetSource).data().toString(), QStringLiteral("NULL"));
}

QTEST_GUILESS_MAIN(TestFieldMappingModel)
#include "tst_fieldmappingmodel.moc"
