#include "widgets/common/visibletext.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTextEdit>

namespace kmsync::ui {

namespace {

constexpr int kMaxCells = 500;

void add(QStringList &out, const QString &text)
{
    if (!text.trimmed().isEmpty())
        out.append(text);
}

void addModelRows(QStringList &out, const QAbstractItemModel *model, const QModelIndex &parent, int &cells)
{
    for (int row = 0; row < model->rowCount(parent) && cells < kMaxCells; ++row) {
        QStringList line;
        for (int column = 0; column < model->columnCount(parent); ++column, ++cells)
            line.append(model->index(row, column, parent).data(Qt::DisplayRole).toString());
        add(out, line.join(QLatin1Char('\t')));
        const QModelIndex first = model->index(row, 0, parent);
        if (model->hasChildren(first))
            addModelRows(out, model, first, cells);
    }
}

void addWidget(QStringList &out, const QWidget *w)
{
    if (w->isWindow())
        add(out, w->windowTitle());
    if (const auto *label = qobject_cast<const QLabel *>(w)) {
        add(out, label->text());
    } else if (const auto *edit = qobject_cast<const QLineEdit *>(w)) {
        add(out, edit->displayText());
        if (edit->text().isEmpty())
            add(out, edit->placeholderText());
    } else if (const auto *button = qobject_cast<const QAbstractButton *>(w)) {
        add(out, button->text());
    } else if (const auto *group = qobject_cast<const QGroupBox *>(w)) {
        add(out, group->title());
    } else if (const auto *combo = qobject_cast<const QComboBox *>(w)) {
        if (!combo->isEditable()) // an editable combo's text is its line edit's
            add(out, combo->currentText());
    } else if (const auto *tabs = qobject_cast<const QTabBar *>(w)) {
        for (int i = 0; i < tabs->count(); ++i)
            add(out, tabs->tabText(i));
    } else if (const auto *text = qobject_cast<const QTextEdit *>(w)) {
        add(out, text->toPlainText());
    } else if (const auto *plain = qobject_cast<const QPlainTextEdit *>(w)) {
        add(out, plain->toPlainText());
    } else if (const auto *view = qobject_cast<const QAbstractItemView *>(w);
               view && view->model() && !qobject_cast<const QHeaderView *>(w)) {
        const QAbstractItemModel *model = view->model();
        QStringList headers;
        for (int column = 0; column < model->columnCount(view->rootIndex()); ++column)
            headers.append(model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        add(out, headers.join(QLatin1Char('\t')));
        int cells = 0;
        addModelRows(out, model, view->rootIndex(), cells);
    }
    add(out, w->toolTip());
}

} // namespace

QString visibleText(const QWidget *root)
{
    QStringList out;
    if (!root)
        return {};
    addWidget(out, root);
    const QList<QWidget *> children = root->findChildren<QWidget *>();
    for (const QWidget *w : children) {
        if (w->isVisibleTo(root))
            addWidget(out, w);
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool saveScreenshot(QWidget *widget, const QString &pngFile)
{
    if (!widget->grab().save(pngFile))
        return false;
    const QFileInfo info(pngFile);
    QFile text(info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".txt"));
    return text.open(QIODevice::WriteOnly | QIODevice::Truncate) && text.write(visibleText(widget).toUtf8()) >= 0;
}

} // namespace kmsync::ui
