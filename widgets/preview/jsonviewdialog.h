#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace kmsync::ui {

// "View JSON": the exact bytes Save writes for the task, read-only, with a Copy button.
class JsonViewDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonViewDialog)

public:
    explicit JsonViewDialog(const QByteArray &json, QWidget *parent = nullptr);
    QString text() const;

private:
    QPlainTextEdit *m_text = nullptr;
};

} // namespace kmsync::ui
