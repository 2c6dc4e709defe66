#pragma once

#include <functional>
#include <memory>

#include <QStringList>
#include <QWidget>

#include "engine/core/stoptoken.h"
#include "widgets/taskeditor/taskform.h"

namespace Ui {
class SourcePage;
}

namespace kmsync::ui {

template <typename Listing>
class DatasourceListing;

// What listing a cluster's topics gave: the names, or an error message for the status line.
struct TopicListing
{
    QStringList topics;
    QString error;
};

// The "Source" step: Kafka data source, topic, consumer group, read range, time zone, formats, exit strategy
// and advanced consumer properties.
class SourcePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcePage)

public:
    // Lists the topics of a data source. Runs on a worker thread: it must not touch widgets; returns soon after
    // `stop` is set (the page was closed).
    using TopicLister = std::function<TopicListing(const QString &datasource, const engine::StopToken &stop)>;

    explicit SourcePage(QWidget *parent = nullptr);
    ~SourcePage() override;

    void setConfig(const SourceForm &form);
    SourceForm config() const;

    void setDatasources(const QStringList &names);
    void setTopicLister(TopicLister lister);
    // Lists the topics of the selected data source off the GUI thread; topicsLoaded() reports the result.
    void refreshTopics();
    bool isRefreshing() const;

    // Shows the "source.*" issues next to their fields.
    int showIssues(const std::vector<FieldIssue> &issues);
    QWidget *fieldFor(const QString &path) const;

Q_SIGNALS:
    void changed();
    void topicsLoaded(const kmsync::ui::TopicListing &listing);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateModeRows();
    void onTopicsFetched(const TopicListing &listing);
    void addProperty();
    void removeProperty();
    void emitChanged();

    std::unique_ptr<Ui::SourcePage> m_ui;
    std::unique_ptr<DatasourceListing<TopicListing>> m_topicListing;
    bool m_loading = false;
};

} // namespace kmsync::ui
