#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "engine/config/datasources.h"
#include "engine/config/secretref.h"
#include "engine/core/result.h"
#include "engine/core/stoptoken.h"

namespace kmsync::ui {

// Where the desktop app keeps ${keychain:KEY} secrets. Asynchronous: called on the GUI thread, answers later on the
// GUI thread, never blocks it. QtKeychainStore is the real one; tests use a fake.
class SecretStore
{
public:
    using ReadDone = std::function<void(const engine::Result<QString> &secret)>;
    using WriteDone = std::function<void(const engine::Result<void> &done)>;

    SecretStore() = default;
    virtual ~SecretStore();
    SecretStore(const SecretStore &) = delete;
    SecretStore &operator=(const SecretStore &) = delete;

    // An Error when the keychain is unavailable (no Secret Service on D-Bus, locked, refused) or has no such entry.
    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, const QString &secret, WriteDone done) = 0;
    virtual void remove(const QString &key, WriteDone done) = 0;
};

// The desktop keychain through QtKeychain (Secret Service, KWallet), service "kmsync".
class QtKeychainStore final : public SecretStore
{
public:
    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &secret, WriteDone done) override;
    void remove(const QString &key, WriteDone done) override;
};

// Asks for one ${keychain:KEY} secret on behalf of an action running on a worker thread. Handed explicitly to
// whatever runs actions (SecretAccess), never found through a global.
class SecretPrompter
{
public:
    SecretPrompter() = default;
    virtual ~SecretPrompter();
    SecretPrompter(const SecretPrompter &) = delete;
    SecretPrompter &operator=(const SecretPrompter &) = delete;

    // Blocks the calling worker thread until there is an answer or `stop` is set; then the question is withdrawn
    // (an open prompt closes) and the answer is the Error engine::kCancelledCode.
    virtual engine::Result<QString> secret(const engine::config::SecretRequest &request,
                                           const engine::StopToken &stop) = 0;
};

// The GUI's prompter. It lives on the GUI thread and is asked from worker threads: it reads the store and, when
// that fails, asks the user in a SecretPrompt (masked, naming datasource and property). The answer is used for
// that one action only, never stored; a cancelled prompt fails the action with a message saying so.
class KeychainSecretLookup final : public QObject, public SecretPrompter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretLookup)

public:
    // `store` may be null: then every secret is asked for.
    explicit KeychainSecretLookup(std::shared_ptr<SecretStore> store, QObject *parent = nullptr);
    ~KeychainSecretLookup() override;

    // On the GUI thread it fails at once.
    engine::Result<QString> secret(const engine::config::SecretRequest &request,
                                   const engine::StopToken &stop) override;

private:
    struct Pending; // one question, shared by the waiting worker and the GUI thread
    void ask(const engine::config::SecretRequest &request, const std::shared_ptr<Pending> &pending);
    void prompt(const engine::config::SecretRequest &request, const QString &reason,
                const std::shared_ptr<Pending> &pending);

    std::shared_ptr<SecretStore> m_store;
};

// The desktop app's secrets, passed to the main window, its dialogs and the run controller: the store the
// datasource dialog keeps secrets in, and the prompter actions ask on their workers. Empty (the default): there
// is no keychain, and ${keychain:KEY} datasources report that they cannot be resolved.
struct SecretAccess
{
    std::shared_ptr<SecretStore> store;
    std::shared_ptr<SecretPrompter> prompter;

    // `store` with a KeychainSecretLookup over it (created on, and deleted on, the calling GUI thread).
    static SecretAccess forStore(std::shared_ptr<SecretStore> store);
};

// `datasources` with the named datasources' ${keychain:KEY} secrets resolved through `prompter` (a copy for one
// action; unchanged without a prompter). Call on a worker thread.
engine::Result<engine::config::Datasources> withSecrets(SecretPrompter *prompter,
                                                        const engine::config::Datasources &datasources,
                                                        const QStringList &names, const engine::StopToken &stop);
// The engine's SecretLookup over `prompter`, for one action stopped by `stop` (both kept alive by the lookup).
std::shared_ptr<engine::config::SecretLookup> secretLookup(std::shared_ptr<SecretPrompter> prompter,
                                                           std::shared_ptr<const engine::StopToken> stop);

} // namespace kmsync::ui
