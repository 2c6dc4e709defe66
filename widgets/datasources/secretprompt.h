#pragma once

#include <memory>

#include <QDialog>

class QLabel;
class QLineEdit;

namespace kmsync::ui {

// Asks for one secret the desktop keychain could not give: names the datasource and property and why, masks what
// is typed, and says the answer is used for this action only.
class SecretPrompt final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretPrompt)

public:
    SecretPrompt(const QString &datasource, const QString &property, const QString &reason, QWidget *parent = nullptr);

    QString secret() const;

private:
    QLabel *m_label = nullptr;
    QLineEdit *m_edit = nullptr;
};

} // namespace kmsync::ui
