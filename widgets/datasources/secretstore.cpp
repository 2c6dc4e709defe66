#include "widgets/datasources/secretstore.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

#include <QApplication>
#include <QPointer>
#include <QThread>
#include <qt6keychain/keychain.h>

#include "widgets/datasources/secretprompt.h"

namespace kmsync::ui {

namespace {

QString serviceName()
{
    return QString::fromLatin1(engine::config::kKeychainService);
}

// Runs a QtKeychain job and reports its outcome through `report` (on the GUI thread, when the job finishes).
template <typename Job, typename Report>
void startJob(Job *job, const QString &key, Report report)
{
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [report = std::move(report)](QKeychain::Job *finished) { report(static_cast<Job *>(finished)); });
    job->start();
}

engine::Error keychainError(const QKeychain::Job *job, const QString &what)
{
    return engine::makeError(QStringLiteral("keychain.error"),
                             QStringLiteral("the desktop keychain could not %1: %2").arg(what, job->errorString()));
}

} // namespace

SecretStore::~SecretStore() = default;

void QtKeychainStore::read(const QString &key, ReadDone done)
{
    startJob(new QKeychain::ReadPasswordJob(serviceName()), key,
             [done = std::move(done)](QKeychain::ReadPasswordJob *job) {
                 if (job->error() != QKeychain::NoError)
                     done(keychainError(job, QStringLiteral("read the entry")));
                 else
                     done(job->textData());
             });
}

void QtKeychainStore::write(const QString &key, const QString &secret, WriteDone done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setTextData(secret);
    startJob(job, key, [done = std::move(done)](QKeychain::WritePasswordJob *finished) {
        if (finished->error() != QKeychain::NoError)
            done(keychainError(finished, QStringLiteral("store the entry")));
        else
            done({});
    });
}

void QtKeychainStore::remove(const QString &key, WriteDone done)
{
    startJob(new QKeychain::DeletePasswordJob(serviceName()), key,
             [done = std::move(done)](QKeychain::DeletePasswordJob *job) {
                 if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
                     done(keychainError(job, QStringLiteral("delete the entry")));
                 else
                     done({});
             });
}

SecretPrompter::~SecretPrompter() = default;

// Written by the GUI thread (the answer, the prompt) and by the worker (withdrawn); the first answer counts.
struct KeychainSecretLookup::Pending
{
    std::mutex mutex;
    std::condition_variable answered;
    std::optional<engine::Result<QString>> answer;
    bool withdrawn = false;        // the worker stopped waiting
    QPointer<SecretPrompt> dialog; // GUI thread only

    void set(engine::Result<QString> value)
    {
        const std::lock_guard lock(mutex);
        if (!answer)
            answer = std::move(value);
        answered.notify_all();
    }
    bool isWithdrawn()
    {
        const std::lock_guard lock(mutex);
        return withdrawn;
    }
};

KeychainSecretLookup::KeychainSecretLookup(std::shared_ptr<SecretStore> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
{
}

KeychainSecretLookup::~KeychainSecretLookup() = default;

engine::Result<QString> KeychainSecretLookup::secret(const engine::config::SecretRequest &request,
                                                     const engine::StopToken &stop)
{
    if (QThread::currentThread() == thread()) {
        return engine::makeError(QStringLiteral("keychain.gui_thread"),
                                 QStringLiteral("the keychain is read only for actions running in the background"));
    }
    auto pending = std::make_shared<Pending>();
    QMetaObject::invokeMethod(
        this, [this, request, pending] { ask(request, pending); }, Qt::QueuedConnection);
    std::unique_lock lock(pending->mutex);
    while (!pending->answer) {
        // Waits in slices: nothing wakes this thread when the action is stopped.
        pending->answered.wait_for(lock, std::chrono::milliseconds(50));
        if (!pending->answer && stop.stopRequested()) {
            pending->withdrawn = true;
            lock.unlock();
            // The prompt, if it is open, goes away with the question (a QPointer: it may have been closed already).
            QMetaObject::invokeMethod(
                this,
                [pending] {
                    if (pending->dialog)
                        pending->dialog->reject();
                },
                Qt::QueuedConnection);
            return engine::makeError(QString::fromLatin1(engine::kCancelledCode),
                                     QStringLiteral(
                                         "the action was stopped while waiting for the %1 of datasource \"%2\"")
                                         .arg(request.property, request.datasource));
        }
    }
    return *pending->answer;
}

void KeychainSecretLookup::ask(const engine::config::SecretRequest &request, const std::shared_ptr<Pending> &pending)
{
    if (pending->isWithdrawn())
        return;
    if (!m_store) {
        prompt(request, tr("no desktop keychain is set up for kmsync"), pending);
        return;
    }
    const QPointer<KeychainSecretLookup> self(this);
    m_store->read(request.key, [self, request, pending](const engine::Result<QString> &secret) {
        if (secret)
            pending->set(*secret);
        else if (self && !pending->isWithdrawn())
            self->prompt(request, secret.error().message, pending);
        else
            pending->set(secret.error());
    });
}

void KeychainSecretLookup::prompt(const engine::config::SecretRequest &request, const QString &reason,
                                  const std::shared_ptr<Pending> &pending)
{
    auto *dialog = new SecretPrompt(request.datasource, request.property, reason, QApplication::activeWindow());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    pending->dialog = dialog;
    connect(dialog, &QDialog::finished, dialog, [dialog, pending](int result) {
        if (result == QDialog::Accepted) {
            pending->set(dialog->secret());
        } else {
            pending->set(engine::makeError(QStringLiteral("keychain.cancelled"),
                                           QStringLiteral("the prompt for it was cancelled, so nothing was done")));
        }
    });
    // Quitting answers "cancelled", so the waiting worker ends before the windows and threads are torn down.
    connect(qApp, &QCoreApplication::aboutToQuit, dialog, &QDialog::reject);
    dialog->open(); // window-modal, does not block the GUI thread
}

SecretAccess SecretAccess::forStore(std::shared_ptr<SecretStore> store)
{
    SecretAccess access;
    access.prompter = std::shared_ptr<KeychainSecretLookup>(new KeychainSecretLookup(store),
                                                            [](KeychainSecretLookup *lookup) {
                                                                // The last owner may be a worker thread.
                                                                lookup->deleteLater();
                                                            });
    access.store = std::move(store);
    return access;
}

namespace {

// The engine's lookup interface for one action: the prompter, and the action's stop token.
class StoppableLookup final : public engine::config::SecretLookup
{
public:
    StoppableLookup(std::shared_ptr<SecretPrompter> prompter, std::shared_ptr<const engine::StopToken> stop)
        : m_prompter(std::move(prompter))
        , m_stop(std::move(stop))
    {
    }
    engine::Result<QString> secret(const engine::config::SecretRequest &request) override
    {
        return m_prompter->secret(request, *m_stop);
    }

private:
    std::shared_ptr<SecretPrompter> m_prompter;
    std::shared_ptr<const engine::StopToken> m_stop;
};

// The same for a call that does not outlive its arguments.
class BorrowedLookup final : public engine::config::SecretLookup
{
public:
    BorrowedLookup(SecretPrompter &prompter, const engine::StopToken &stop)
        : m_prompter(prompter)
        , m_stop(stop)
    {
    }
    engine::Result<QString> secret(const engine::config::SecretRequest &request) override
    {
        return m_prompter.secret(request, m_stop);
    }

private:
    SecretPrompter &m_prompter;
    const engine::StopToken &m_stop;
};

} // namespace

std::shared_ptr<engine::config::SecretLookup> secretLookup(std::shared_ptr<SecretPrompter> prompter,
                                                           std::shared_ptr<const engine::StopToken> stop)
{
    if (!prompter)
        return nullptr;
    return std::make_shared<StoppableLookup>(std::move(prompter), std::move(stop));
}

engine::Result<engine::config::Datasources> withSecrets(SecretPrompter *prompter,
                                                        const engine::config::Datasources &datasources,
                                                        const QStringList &names, const engine::StopToken &stop)
{
    if (!prompter)
        return datasources;
    BorrowedLookup lookup(*prompter, stop);
    return datasources.withSecrets(lookup, names);
}

} // namespace kmsync::ui
