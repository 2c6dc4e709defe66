#pragma once

#include <functional>

#include <QFutureWatcher>
#include <QString>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

class QAbstractButton;
class QComboBox;
class QFormLayout;
class QLabel;

namespace kmsync::ui {

// The datasource picker shared by the source and destination pages: a datasource combo, a "refresh" button
// that lists what the datasource holds (topics, tables) off the GUI thread, and a status row for the listing.
struct DatasourcePicker
{
    QAbstractButton *refreshButton = nullptr;
    QLabel *statusLabel = nullptr;
    QFormLayout *statusForm = nullptr; // the form whose row holds statusLabel
};

// Replaces the items of an editable combo by `items`, keeping the text it shows.
void replaceComboItems(QComboBox *combo, const QStringList &items);

// Disables the refresh button and shows `status` in the picker's (now visible) status row.
void showListingStarted(const DatasourcePicker &picker, const QString &status);

// Starts lister(datasource) on a worker thread, watched by `watcher`, and shows `status`; does nothing when
// there is no lister or a listing is still running. The caller handles watcher.finished() (and enables the
// refresh button again there).
template <typename Listing>
void startListing(const DatasourcePicker &picker, QFutureWatcher<Listing> &watcher,
                  const std::function<Listing(const QString &)> &lister, const QString &datasource,
                  const QString &status)
{
    if (!lister || watcher.isRunning())
        return;
    showListingStarted(picker, status);
    watcher.setFuture(QtConcurrent::run(lister, datasource));
}

} // namespace kmsync::ui
