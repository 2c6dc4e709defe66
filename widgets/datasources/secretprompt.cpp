#include "widgets/datasources/secretprompt.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kmsync::ui {

SecretPrompt::SecretPrompt(const QString &datasource, const QString &property, const QString &reason, QWidget *parent)
    : QDialog(parent)
    , m_label(new QLabel(this))
    , m_edit(new QLineEdit(this))
{
    setObjectName(QStringLiteral("secretPrompt"));
    setWindowTitle(tr("Secret for \"%1\"").arg(datasource));
    m_label->setObjectName(QStringLiteral("secretPromptLabel"));
    m_label->setWordWrap(true);
    m_label->setText(tr("Datasource \"%1\" needs its %2, which is kept in the desktop keychain, but the keychain did "
                        "not give it: %3\n\nEnter it for this action only; it is not saved anywhere.")
                         .arg(datasource, property, reason));
    m_edit->setObjectName(QStringLiteral("secretEdit"));
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setAccessibleName(tr("%1 of %2").arg(property, datasource));
    m_label->setBuddy(m_edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    layout->addWidget(m_edit);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

QString SecretPrompt::secret() const
{
    return m_edit->text();
}

} // namespace kmsync::ui
