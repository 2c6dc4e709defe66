#include "widgets/secretstore.h"

#include <mutex>

#include <QApplication>
#include <QPointer>
#include <QThread>
#include <qt6keychain/keychain.h>

#include "widgets/secretprompt.h"

namespace kmsync::ui {

namespace {

std::mutex g_mutex;
std::shared_ptr<SecretStore> g_store;
std::shared_ptr<KeychainSecretLookup> g_lookup;

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
    QObject::connect(job, &QKeychain::Job::finished, job, [report = std::move(report)](QKeychain::Job *finished) {
        report(static_cast<Job *>(finished));
    });
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
    startJob(new QKeychain::ReadPasswordJob(serviceName()), key, [done = std::move(done)](QKeychain::ReadPasswordJob *job) {
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
    startJob(new QKeychain::DeletePasswordJob(serviceName()), key, [done = std::move(done)](QKeychain::DeletePasswordJob *job) {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            done(keychainError(job, QStringLiteral("delete the entry")));
        else
            done({});
    });
}

KeychainSecretLookup::KeychainSecretLookup(std::shared_ptr<SecretStore> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
{
}

engine::Result<QString> KeychainSecretLookup::secret(const engine::config::SecretRequest &request)
{
    if (QThread::currentThread() == thread()) {
        return engine::makeError(QStringLiteral("keychain.gui_thread"),
                                 QStringLiteral("the keychain is read only for actions running in the background"));
    }
    auto promise = std::make_shared<std::promise<engine::Result<QString>>>();
    std::future<engine::Result<QString>> answer = promise->get_future();
    QMetaObject::invokeMethod(this, [this, request, promise] { ask(request, promise); }, Qt::QueuedConnection);
    try {
        return answer.get();
    } catch (const std::future_error &) { // the application closed before anyone answered
        return engine::makeError(QStringLiteral("keychain.closed"), QStringLiteral("kmsync was closing"));
    }
}

void KeychainSecretLookup::ask(const engine::config::SecretRequest &request, const Promise &promise)
{
    if (!m_store) {
        prompt(request, tr("no desktop keychain is set up for kmsync"), promise);
        return;
    }
    const QPointer<KeychainSecretLookup> self(this);
    m_store->read(request.key, [self, request, promise](const engine::Result<QString> &secret) {
        if (secret)
            promise->set_value(*secret);
        else if (self)
            self->prompt(request, secret.error().message, promise);
        else
            promise->set_value(secret.error());
    });
}

void KeychainSecretLookup::prompt(const engine::config::SecretRequest &request, const QString &reason, const Promise &promise)
{
    auto *dialog = new SecretPrompt(request.datasource, request.property, reason, QApplication::activeWindow());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, dialog, [dialog, request, promise](int result) {
        if (result == QDialog::Accepted) {
            promise->set_value(dialog->secret());
        } else {
            promise->set_value(engine::makeError(QStringLiteral("keychain.cancelled"),
                                                 QStringLiteral("the prompt for it was cancelled, so nothing was done")));
        }
    });
    // Quitting answers "cancelled", so the waiting worker ends before the windows and threads are torn down.
    connect(qApp, &QCoreApplication::aboutToQuit, dialog, &QDialog::reject);
    dialog->open(); // window-modal, does not block the GUI thread
}

void installSecretStore(std::shared_ptr<SecretStore> store)
{
    auto lookup = store ? std::make_shared<KeychainSecretLookup>(store) : nullptr;
    const std::lock_guard lock(g_mutex);
    g_store = std::move(store);
    g_lookup = std::move(lookup);
}

std::shared_ptr<SecretStore> secretStore()
{
    const std::lock_guard lock(g_mutex);
    return g_store;
}

std::shared_ptr<engine::config::SecretLookup> secretLookup()
{
    const std::lock_guard lock(g_mutex);
    return g_lookup;
}

engine::Result<engine::config::Datasources> withSecrets(const engine::config::Datasources &datasources,
                                                         const QStringList &names)
{
    const auto lookup = secretLookup();
    if (!lookup)
        return datasources;
    return datasources.withSecrets(*lookup, names);
}

} // namespace kmsync::ui
