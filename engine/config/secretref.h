#pragma once

#include <optional>

#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::config {

// ${keychain:KEY}: a secret kept in the desktop keychain (service "kmsync", entry KEY) instead of in the
// datasources file. Only a whole top-level connection value is a reference; the file then holds no secret.
// The desktop app reads the keychain through a SecretLookup; kmsync-cli has none and reports which datasource and
// property need the secret and how to pass it (${env:NAME}).
inline constexpr const char *kKeychainService = "kmsync";

// KEY when `value` is exactly "${keychain:KEY}" (KEY non-empty, no '}'), nullopt otherwise.
std::optional<QString> keychainReferenceKey(const QString &value);
// "${keychain:KEY}".
QString keychainReference(const QString &key);
// The keychain entry of one datasource property: "<datasources file absolute path>#<datasource>/<section>/<property>",
// where section is "connection", "dev" or "prod".
QString keychainEntryKey(const QString &datasourcesFile, const QString &datasource, const QString &section,
                         const QString &property);

// One secret a datasource needs: which keychain entry, and for messages and prompts which datasource and property.
struct SecretRequest
{
    QString key;
    QString datasource;
    QString property;
};

// Where ${keychain:KEY} values come from for one action. secret() may block until the user answers a prompt, so
// the GUI calls it only on worker threads. An Error says why there is no value (no keychain, cancelled); its
// message names the datasource and property and never contains a secret.
class SecretLookup
{
public:
    SecretLookup() = default;
    virtual ~SecretLookup();
    SecretLookup(const SecretLookup &) = delete;
    SecretLookup &operator=(const SecretLookup &) = delete;

    virtual Result<QString> secret(const SecretRequest &request) = 0;
};

} // namespace kmsync::engine::config
