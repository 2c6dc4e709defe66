#include "engine/config/secretref.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace kmsync::engine::config {

SecretLookup::~SecretLookup() = default;

std::optional<QString> keychainReferenceKey(const QString &value)
{
    static const QRegularExpression re(QStringLiteral(R"(^\$\{keychain:([^}]+)\}$)"));
    const auto match = re.match(value);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1);
}

QString keychainReference(const QString &key)
{
    return QStringLiteral("${keychain:%1}").arg(key);
}

QString keychainEntryKey(const QString &datasourcesFile, const QString &datasource, const QString &section,
                         const QString &property)
{
    return QStringLiteral("%1#%2/%3/%4")
        .arg(QFileInfo(datasourcesFile).absoluteFilePath(), datasource, section, property);
}

} // namespace kmsync::engine::config
