#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "widgets/taskeditor/taskform.h"

namespace Ui {
class SettingsPage;
}

namespace kmsync::ui {

// The "Settings" step: dirty-data limit, channel control (concurrency, throttle, MB/s) and reruns.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(QWidget *parent = nullptr);
    ~SettingsPage() override;

    void setConfig(const SettingsForm &form);
    SettingsForm config() const;
    int showIssues(const std::vector<FieldIssue> &issues);
    QWidget *fieldFor(const QString &path) const;

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateEnabled();
    void onEdited();

    std::unique_ptr<Ui::SettingsPage> m_ui;
    bool m_loading = false;
};

} // namespace kmsync::ui
