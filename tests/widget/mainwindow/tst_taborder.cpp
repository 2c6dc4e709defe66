// link: kmsync_widgets kmsync_engine
#include <functional>
#include <memory>

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QTest>

#include "widgets/datasources/datasourcedialog.h"
#include "widgets/datasources/datasourceeditdialog.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/schedulingpage.h"
#include "widgets/taskeditor/settingspage.h"
#include "widgets/taskeditor/sourcepage.h"

using Factory = std::function<QWidget *()>;
Q_DECLARE_METATYPE(Factory)

namespace {

// The widget a user sees as focused: an editable combo or a spin box stands for its inner line edit.
QWidget *visibleOwner(QWidget *w)
{
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        if (qobject_cast<QComboBox *>(p) || qobject_cast<QAbstractSpinBox *>(p))
            return p;
    }
    return w;
}

} // namespace

// Keyboard users move through every form top to bottom, left to right: the .ui tab stops follow the layout.
class TestTabOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readingOrder_data();
    void readingOrder();
};

void TestTabOrder::readingOrder_data()
{
    QTest::addColumn<Factory>("factory");
    QTest::addColumn<int>("minimumStops");
    using namespace kmsync::ui;
    QTest::newRow("source") << Factory([] { return new SourcePage; }) << 12;
    QTest::newRow("destination") << Factory([] {
        auto *page = new DestinationPage;
        page->setConfig({QStringLiteral("wh"), QStringLiteral("t"), QStringLiteral("ds=${bizdate},hh=${hour}"), true});
        return page;
    }) << 8;
    QTest::newRow("mapping") << Factory([] { return new FieldMappingPage; }) << 7;
    QTest::newRow("scheduling") << Factory([] { return new SchedulingPage; }) << 6;
    QTest::newRow("settings") << Factory([] { return new SettingsPage; })
                              << 6; // the rate is disabled until throttling is on
    QTest::newRow("run panel") << Factory([] { return new RunPanel; }) << 4;
    QTest::newRow("ddl dialog") << Factory([] { return new DdlDialog(QStringLiteral("CREATE TABLE t (a STRING);")); })
                                << 3;
    QTest::newRow("datasources dialog") << Factory([] {
        return new DatasourceDialog(kmsync::engine::config::Datasources{});
    }) << 1;
    QTest::newRow("datasource form") << Factory([] {
        return new DatasourceEditDialog(kmsync::engine::config::Datasources{});
    }) << 12;
}

void TestTabOrder::readingOrder()
{
    QFETCH(Factory, factory);
    QFETCH(int, minimumStops);
    std::unique_ptr<QWidget> page(factory());
    page->resize(1000, 900);
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page.get()));

    // Walk the focus chain once around, keeping what Tab can reach.
    QList<QWidget *> stops;
    QWidget *w = page.get();
    do {
        w = w->nextInFocusChain();
        QWidget *owner = visibleOwner(w);
        if (w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) && !stops.contains(owner))
            stops.append(owner);
    } while (w != page.get());
    QVERIFY2(stops.size() >= minimumStops, qPrintable(QString::number(stops.size())));

    // Each stop is below the previous one, or on the same row and to its right.
    for (int i = 1; i < stops.size(); ++i) {
        const QRect a(stops[i - 1]->mapTo(page.get(), QPoint(0, 0)), stops[i - 1]->size());
        const QRect b(stops[i]->mapTo(page.get(), QPoint(0, 0)), stops[i]->size());
        const bool sameRow = b.top() < a.bottom() && a.top() < b.bottom();
        const bool ok = sameRow ? b.left() >= a.left() : b.top() >= a.top();
        QVERIFY2(ok, qPrintable(QStringLiteral("%1 (%2,%3) comes after %4 (%5,%6)")
                                    .arg(stops[i]->objectName())
                                    .arg(b.left())
                                    .arg(b.top())
                                    .arg(stops[i - 1]->objectName())
                                    .arg(a.left())
                                    .arg(a.top())));
    }
}

QTEST_MAIN(TestTabOrder)
#include "tst_taborder.moc"
