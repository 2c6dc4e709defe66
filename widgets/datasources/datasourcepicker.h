#pragma once

#include <functional>
#include <memory>

#include <QFutureWatcher>
#include <QString>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/core/stoptoken.h"

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

// Enables the refresh button again once a listing has ended.
void showListingFinished(const DatasourcePicker &picker);

// One page's off-thread listing of what its datasource holds (topics, tables): runs the lister on a worker thread,
// keeps the picker's refresh button disabled and its status row up to date meanwhile, and hands the result to
// `done` on the GUI thread. The lister runs on its own copies; destroying the listing stops it and drops its result
// (nothing waits for it).
template <typename Listing>
class DatasourceListing
{
public:
    // Runs on a worker thread: it must not touch widgets. Returns soon after `stop` is set.
    using Lister = std::function<Listing(const QString &datasource, const engine::StopToken &stop)>;

    DatasourceListing(const DatasourcePicker &picker, QObject *context, std::function<void(const Listing &)> done)
        : m_picker(picker)
    {
        QObject::connect(&m_watcher, &QFutureWatcher<Listing>::finished, context, [this, done = std::move(done)] {
            m_running = false;
            showListingFinished(m_picker);
            done(m_watcher.result());
        });
    }
    ~DatasourceListing()
    {
        m_watcher.disconnect();
        m_stop->requestStop();
    }
    Q_DISABLE_COPY_MOVE(DatasourceListing)

    void setLister(Lister lister) { m_lister = std::move(lister); }
    // From start() until `done` has run.
    bool isRunning() const { return m_running; }
    // Starts lister(datasource) and shows `status`; does nothing without a lister or while a listing runs.
    void start(const QString &datasource, const QString &status)
    {
        if (!m_lister || m_running)
            return;
        m_running = true;
        showListingStarted(m_picker, status);
        m_stop = std::make_shared<engine::StopToken>();
        m_watcher.setFuture(
            QtConcurrent::run([lister = m_lister, datasource, stop = m_stop] { return lister(datasource, *stop); }));
    }

private:
    DatasourcePicker m_picker;
    Lister m_lister;
    QFutureWatcher<Listing> m_watcher;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>(); // the running listing's
    bool m_running = false;
};

} // namespace kmsync::ui
