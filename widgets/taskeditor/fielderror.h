#pragma once

#include <functional>
#include <vector>

#include <QString>

#include "widgets/taskeditor/taskform.h"

class QWidget;

namespace kmsync::ui {

// Shows a validation message right below a form field: a label named "<field objectName>Error" inserted into
// the layout that holds the field (QFormLayout or box layout), plus the message as the field's tooltip.
// Calling it again for the same field replaces the text.
void showFieldError(QWidget *field, const QString &message, bool warning = false);

// Removes every message showFieldError() added below `page`'s fields.
void clearFieldErrors(QWidget *page);

// Shows each issue whose path starts with `prefix` (e.g. "source.") next to the widget fieldFor(path) returns
// (issues without a widget are skipped), after clearing the page's previous messages. Returns how many it showed.
int applyFieldIssues(QWidget *page, const QString &prefix, const std::vector<FieldIssue> &issues,
                     const std::function<QWidget *(const QString &path)> &fieldFor);

} // namespace kmsync::ui
