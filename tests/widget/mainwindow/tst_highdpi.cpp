// link: kmsync_widgets kmsync_engine
// The main window, its panels and every dialog at device pixel ratio 2 (QT_SCALE_FACTOR=2, set before the
// QApplication exists), each at its minimum size: no label or button text clipped, no two widgets of a layout
// overlapping, grabs at 2x, and icons that come at 2x (SVG or a large enough pixmap).
#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLayout>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include "engine/config/datasources.h"
#include "engine/config/ddlgenerator.h"
#include "tests/widget/mainwindowio.h"
#include "widgets/backfill/backfilldialog.h"
#include "widgets/results/checkproductiondialog.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/datasources/datasourceeditdialog.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/common/engineadapter.h"
#include "widgets/preview/jsonviewdialog.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/results/querypanel.h"
#include "widgets/run/runpanel.h"
#include "widgets/run/runworker.h"
#include "widgets/taskeditor/taskadapter.h"
#include "widgets/taskeditor/taskeditor.h"

using namespace kmsync::ui;

namespace {

QString describe(const QWidget *w)
{
    QStringList path;
    for (const QWidget *p = w; p; p = p->parentWidget())
        path.prepend(p->objectName().isEmpty() ? QString::fromLatin1(p->metaObject()->className()) : p->objectName());
    return path.join(QLatin1Char('/'));
}

QString textOf(const QWidget *w)
{
    if (auto *label = qobject_cast<const QLabel *>(w))
        return label->text();
    if (auto *button = qobject_cast<const QAbstractButton *>(w))
        return button->text();
    return {};
}

// Labels and buttons that show text: their size hint (what the text needs) must fit the size they were given.
QStringList clippedTexts(QWidget *top)
{
    QStringList problems;
    QList<QWidget *> widgets = top->findChildren<QWidget *>();
    widgets.prepend(top);
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->window() != top || textOf(w).isEmpty())
            continue;
        if (!qobject_cast<QLabel *>(w) && !qobject_cast<QAbstractButton *>(w))
            continue;
        if (qobject_cast<QToolButton *>(w)
            && static_cast<QToolButton *>(w)->toolButtonStyle() == Qt::ToolButtonIconOnly)
            continue; // the text is a tooltip
        const QSize hint = w->sizeHint();
        auto *label = qobject_cast<QLabel *>(w);
        const bool wraps = label && label->wordWrap();
        const bool fits = wraps ? label->heightForWidth(w->width()) <= w->height()
                                      || label->text().contains(QLatin1Char('<'))
                                : hint.width() <= w->width() && hint.height() <= w->height();
        if (!fits)
            problems.append(QStringLiteral("%1 \"%2\": needs %3x%4, has %5x%6")
                                .arg(describe(w), textOf(w).left(40))
                                .arg(wraps ? w->width() : hint.width())
                                .arg(wraps ? label->heightForWidth(w->width()) : hint.height())
                                .arg(w->width())
                                .arg(w->height()));
    }
    return problems;
}

void layoutWidgets(QLayout *layout, QList<QWidget *> &out)
{
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (QWidget *w = item->widget())
            out.append(w);
        else if (QLayout *inner = item->layout())
            layoutWidgets(inner, out);
    }
}

// Visible widgets placed by the same widget's layouts must not overlap.
QStringList overlaps(QWidget *top)
{
    QStringList problems;
    QList<QWidget *> parents = top->findChildren<QWidget *>();
    parents.prepend(top);
    for (QWidget *parent : parents) {
        if (!parent->layout() || !parent->isVisible())
            continue;
        QList<QWidget *> placed;
        layoutWidgets(parent->layout(), placed);
        placed.removeIf([](QWidget *w) { return !w->isVisible() || w->isWindow() || w->geometry().isEmpty(); });
        for (int i = 0; i < placed.size(); ++i) {
            for (int j = i + 1; j < placed.size(); ++j) {
                if (placed[i]->geometry().intersects(placed[j]->geometry()))
                    problems.append(QStringLiteral("%1 overlaps %2").arg(describe(placed[i]), describe(placed[j])));
            }
        }
    }
    return problems;
}

// An icon is crisp at 2x when it is scalable (SVG: no fixed sizes) or has a pixmap of at least twice `size`.
bool iconAt2x(const QIcon &icon, const QSize &size)
{
    if (icon.isNull())
        return false;
    const QList<QSize> sizes = icon.availableSizes();
    const bool scalable = sizes.isEmpty();
    const bool large = std::any_of(sizes.begin(), sizes.end(), [&size](const QSize &s) {
        return s.width() >= 2 * size.width() && s.height() >= 2 * size.height();
    });
    const QPixmap pixmap = icon.pixmap(size, 2.0);
    return (scalable || large) && pixmap.width() >= 2 * size.width() && pixmap.height() >= 2 * size.height();
}

} // namespace

class TestHighDpi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyWindowAtMinimumSize_data();
    void everyWindowAtMinimumSize();
    void iconsComeAt2x();

private:
    std::unique_ptr<MainWindow> m_window;
};

void TestHighDpi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_highdpi"));
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->devicePixelRatioF() == 2.0);
    QVERIFY(test::openAndWait(*m_window, QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json")));
}

void TestHighDpi::everyWindowAtMinimumSize_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name :
         {"page-source", "page-destination", "page-mapping", "page-scheduling", "page-settings", "panel-run",
          "panel-results", "dialog-json", "dialog-datasources", "dialog-datasource-edit", "dialog-ddl",
          "dialog-preview", "dialog-check-production", "dialog-backfill"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestHighDpi::everyWindowAtMinimumSize()
{
    QFETCH(QString, name);
    MainWindow &window = *m_window;
    const QByteArray json = taskToJson(window.editor()->task());
    const auto datasources = datasourcesForTask(window.currentFile());
    RunRequest request;
    request.config = taskConfig(window.editor()->task());
    request.taskPath = window.currentFile();
    std::unique_ptr<QWidget> owned;
    QWidget *top = nullptr;
    if (name.startsWith(QLatin1String("page-"))) {
        const QStringList pages = {QStringLiteral("page-source"), QStringLiteral("page-destination"),
                                   QStringLiteral("page-mapping"), QStringLiteral("page-scheduling"),
                                   QStringLiteral("page-settings")};
        window.editor()->tabs()->setCurrentIndex(int(pages.indexOf(name)));
        top = &window;
    } else if (name == QLatin1String("panel-run")) {
        owned = std::make_unique<RunPanel>();
    } else if (name == QLatin1String("panel-results")) {
        auto *panel = new QueryPanel;
        panel->setTarget(QStringLiteral("clicks"), QStringLiteral("ds=2024010100"));
        owned.reset(panel);
    } else if (name == QLatin1String("dialog-json")) {
        owned = std::make_unique<JsonViewDialog>(json);
    } else if (name == QLatin1String("dialog-datasources")) {
        owned = std::make_unique<DatasourceDialog>(datasources);
    } else if (name == QLatin1String("dialog-datasource-edit")) {
        const QStringList names = datasources.names();
        owned = std::make_unique<DatasourceEditDialog>(datasources, names.isEmpty() ? QString() : names.first());
    } else if (name == QLatin1String("dialog-ddl")) {
        owned = std::make_unique<DdlDialog>(kmsync::engine::config::generateDdl(request.config));
    } else if (name == QLatin1String("dialog-preview")) {
        owned = std::make_unique<MessagePreviewDialog>(request);
    } else if (name == QLatin1String("dialog-check-production")) {
        owned = std::make_unique<CheckProductionDialog>();
    } else if (name == QLatin1String("dialog-backfill")) {
        owned = std::make_unique<BackfillDialog>(request.config, request.taskPath, QStringLiteral("dev"));
    }
    if (owned)
        top = owned.get();
    QVERIFY(top);
    top->show();
    QVERIFY(QTest::qWaitForWindowExposed(top));
    top->resize(0, 0); // clamped to the minimum size its layout allows
    QTRY_COMPARE(top->size(), top->minimumSize().expandedTo(top->minimumSizeHint()));
    QCoreApplication::processEvents();
    QCOMPARE(top->devicePixelRatioF(), 2.0);

    const QStringList clipped = clippedTexts(top);
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
    const QStringList overlapping = overlaps(top);
    QVERIFY2(overlapping.isEmpty(), qPrintable(overlapping.join(QLatin1Char('\n'))));

    const QPixmap shot = top->grab();
    QCOMPARE(shot.devicePixelRatio(), 2.0);
    QCOMPARE(shot.size(), top->size() * 2);
    if (top == &window)
        window.resize(1100, 800);
}

void TestHighDpi::iconsComeAt2x()
{
    MainWindow &window = *m_window;
    QVERIFY2(iconAt2x(window.windowIcon(), QSize(64, 64)), "application icon");
    auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    int icons = 0;
    for (QAction *action : toolBar->actions()) {
        if (action->icon().isNull())
            continue;
        ++icons;
        QVERIFY2(iconAt2x(action->icon(), toolBar->iconSize()), qPrintable(action->objectName()));
    }
    QVERIFY(icons >= 4);
    // Every icon the widgets show (tool buttons, e.g. refresh and "generate DDL").
    for (QAbstractButton *button : window.findChildren<QAbstractButton *>()) {
        if (button->objectName().startsWith(QLatin1String("qt_")))
            continue; // Qt's own (dock title bar buttons): the style draws those
        if (!button->icon().isNull())
            QVERIFY2(iconAt2x(button->icon(), button->iconSize()), qPrintable(describe(button)));
    }
}

int main(int argc, char *argv[])
{
    qputenv("QT_SCALE_FACTOR", "2"); // before the QApplication: every window gets device pixel ratio 2
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestHighDpi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_highdpi.moc"
