#pragma once

#include <QComboBox>
#include <QVariant>

namespace kmsync::ui {

// Selects the item whose data is `data`; returns false (selection unchanged) when there is none.
inline bool selectComboData(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}

// For editable combos: selects the matching item or puts the text in the edit field.
inline void setComboText(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text, Qt::MatchFixedString);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(text);
}

} // namespace kmsync::ui
