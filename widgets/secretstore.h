#pragma once

#include <functional>
#include <future>
#include <memory>

#include <QObject>
#include <QString>

#include "engine/config/datasources.h"
#include "engine/config/secretref.h"
#include "engine/core/result.h"

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

// The SecretLookup the GUI's actions (run, preview, test connection, listings, production check) resolve
// ${keychain:KEY} with. It lives on the GUI thread and is asked from worker threads: it reads the store and, when
// that fails, asks the user in a SecretPrompt (masked, naming datasource and property). The answer is used for
// that one action only, never stored; a cancelled prompt fails the action with a message saying so.
class KeychainSecretLookup final : public QObject, public engine::config::SecretLookup
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretLookup)

public:
    // `store` may be null: then every secret is asked for.
    explicit KeychainSecretLookup(std::shared_ptr<SecretStore> store, QObject *parent = nullptr);

    // Blocks the calling worker thread until the store or the user answers. On the GUI thread it fails at once.
    engine::Result<QString> secret(const engine::config::SecretRequest &request) override;

private:
    using Promise = std::shared_ptr<std::promise<engine::Result<QString>>>;
    void ask(const engine::config::SecretRequest &request, const Promise &promise);
    void prompt(const engine::config::SecretRequest &request, const QString &reason, const Promise &promise);

    std::shared_ptr<SecretStore> m_store;
};

// The application's store and lookup: app/gui's main() installs a QtKeychainStore, tests a fake (call on the GUI
// thread). Without an installed store, secretStore() and secretLookup() are null and ${keychain:KEY} datasources
// report that they cannot be resolved.
void installSecretStore(std::shared_ptr<SecretStore> store);
std::shared_ptr<SecretStore> secretStore();
std::shared_ptr<engine::config::SecretLookup> secretLookup();

// `datasources` with the named datasources' ${keychain:KEY} secrets resolved through secretLookup() (a copy for one
// action; unchanged without a lookup). Call on a worker thread.
engine::Result<engine::config::Datasources> withSecrets(const engine::config::Datasources &datasources,
                                                         const QStringList &names);

} // namespace kmsync::ui
