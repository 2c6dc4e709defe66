#pragma once

#include <functional>
#include <memory>

#include <QDialog>
#include <QFutureWatcher>

#include "engine/config/taskconfig.h"
#include "engine/core/stoptoken.h"
#include "engine/job/prodcheck.h"

namespace Ui {
class CheckProductionDialog;
}

namespace kmsync::ui {

class SecretPrompter;

// The real check (blocking, runs on a worker thread): loads `datasourcesFile` for dev and for prod and compares
// the task's topic and table across the two (engine::checkProduction). `prompter` (may be null) answers the
// ${keychain:...} secrets; `stop` ends the check early (its report then says it was cancelled).
engine::ProdCheckReport checkTaskInProduction(const engine::config::TaskConfig &task, const QString &datasourcesFile,
                                              SecretPrompter *prompter, const engine::StopToken &stop,
                                              int kafkaTimeoutMs = 10000);

// "Check production": whether the prod Kafka has the task's topic and the prod destination has its table with the
// dev schema; lists every difference (topic missing, table missing, columns, types, order, partition keys) and
// every check that passed. The check runs off the GUI thread through the injected checker; closing the dialog
// stops it and does not wait for it.
class CheckProductionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckProductionDialog)

public:
    // Runs the check. Runs on a worker thread: it must not touch widgets; returns soon after `stop` is set.
    using Checker = std::function<engine::ProdCheckReport(const engine::StopToken &stop)>;
    enum FindingColumn { ResultColumn, CheckColumn, DetailColumn, FindingColumnCount };

    explicit CheckProductionDialog(QWidget *parent = nullptr);
    ~CheckProductionDialog() override;

    void setChecker(Checker checker);
    // Starts the check; checked() reports the end.
    void check();
    bool isChecking() const;
    const engine::ProdCheckReport &report() const { return m_report; }

Q_SIGNALS:
    void checked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onChecked();
    void showReport();
    QString checkName(const QString &code) const;

    std::unique_ptr<Ui::CheckProductionDialog> m_ui;
    Checker m_checker;
    QFutureWatcher<engine::ProdCheckReport> m_watcher;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>(); // the running check's
    engine::ProdCheckReport m_report;
    bool m_hasReport = false;
};

} // namespace kmsync::ui
