#include "widgets/datasources/datasourcepicker.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>

#include "widgets/common/comboutil.h"

namespace kmsync::ui {

void replaceComboItems(QComboBox *combo, const QStringList &items)
{
    const QString current = combo->currentText();
    combo->clear();
    combo->addItems(items);
    setComboText(combo, current);
}

void showListingStarted(const DatasourcePicker &picker, const QString &status)
{
    picker.refreshButton->setEnabled(false);
    picker.statusLabel->setText(status);
    picker.statusForm->setRowVisible(picker.statusLabel, true);
}

void showListingFinished(const DatasourcePicker &picker)
{
    picker.refreshButton->setEnabled(true);
}

} // namespace kmsync::ui
