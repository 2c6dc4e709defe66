#include "widgets/common/wrappedlabels.h"

#include <QEvent>
#include <QLabel>

namespace kmsync::ui {

namespace {

class WrappedLabelFitter final : public QObject
{
public:
    explicit WrappedLabelFitter(QObject *parent)
        : QObject(parent)
    {
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize) {
            if (auto *label = qobject_cast<QLabel *>(watched))
                fit(label);
        } else if (event->type() == QEvent::LayoutRequest) {
            // A label's new text asks its parent for a new layout.
            for (QLabel *label : watched->findChildren<QLabel *>(Qt::FindDirectChildrenOnly))
                fit(label);
        }
        return false;
    }

private:
    static void fit(QLabel *label)
    {
        if (!label->wordWrap() || !label->isVisible() || label->width() <= 0)
            return; // a hidden label's width is not the one the layout will give it
        const int needed = label->heightForWidth(label->width());
        if (needed > 0 && needed != label->minimumHeight())
            label->setMinimumHeight(needed);
    }
};

} // namespace

void keepWrappedLabelsWhole(QWidget *root)
{
    auto *fitter = new WrappedLabelFitter(root);
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (!label->wordWrap())
            continue;
        label->installEventFilter(fitter);
        if (QWidget *parent = label->parentWidget())
            parent->installEventFilter(fitter); // installing twice on one parent keeps one entry
    }
}

} // namespace kmsync::ui
