#pragma once

class QWidget;

namespace kmsync::ui {

// A word-wrapped QLabel in a layout gets its minimum height from a one-size-fits-all hint, so at a window's
// minimum width its text needs more lines than it is given and the last ones are cut off (at any device pixel
// ratio; tests/widget/tst_highdpi checks it at 2x). This keeps every word-wrapped label under `root` at least as
// tall as its text needs at the width the layout gives it, following resizes and text changes.
void keepWrappedLabelsWhole(QWidget *root);

} // namespace kmsync::ui
