#pragma once

#include <QString>

class QWidget;

namespace kmsync::ui {

// All text a user could read on `root` as it is shown (root and its descendants visible with it), one item a
// line: window titles, labels, line edits as displayed (bullets for password fields) and their placeholders, button
// and check box texts, group box titles, tab titles, combo box current texts, text edits, item views' header labels
// and the DisplayRole data of their rows (up to 500 cells), and tooltips. For checking screenshots for secrets.
QString visibleText(const QWidget *root);

// Renders `widget` to the PNG `pngFile` and writes visibleText(widget) beside it (same name, ".txt"); false when
// either could not be written.
bool saveScreenshot(QWidget *widget, const QString &pngFile);

} // namespace kmsync::ui
