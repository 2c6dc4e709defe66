#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "engine/core/tableschema.h"
#include "widgets/taskeditor/taskform.h"

namespace Ui {
class FieldMappingPage;
}

namespace kmsync::ui {

class FieldMappingModel;

// The "Field mapping" step: the grid of source fields and destination columns with add/edit/delete,
// map by name, map by row and clear. Refused edits (the 1:1 rule) show their reason under the grid.
class FieldMappingPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldMappingPage)

public:
    explicit FieldMappingPage(QWidget *parent = nullptr);
    ~FieldMappingPage() override;

    void setConfig(const MappingForm &form);
    MappingForm config() const;
    // New destination columns, e.g. after the destination page selected a table with a known schema.
    void setTargetSchema(const engine::TableSchema &schema);
    FieldMappingModel *model() const { return m_model; }

    int showIssues(const std::vector<FieldIssue> &issues);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void addField();
    void editField();
    void deleteField();
    void showReason(const QString &reason);
    void updateSummary();
    void onModelChanged();

    std::unique_ptr<Ui::FieldMappingPage> m_ui;
    FieldMappingModel *m_model = nullptr;
    bool m_loading = false;
};

} // namespace kmsync::ui
