#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include "engine/core/result.h"

namespace kmsync::engine::maxcompute {

// A MaxCompute datasource's connection object, secrets already expanded by the config layer:
// {"endpoint": "https://service.cn-shanghai.maxcompute.aliyun.com/api", "tunnelEndpoint": "" (optional,
//  discovered when empty), "project": "...", "accessId": "...", "accessKey": "...", "securityToken": "" (STS),
//  "region": "" (optional: signature v4)}.
struct OdpsConnection
{
    QUrl endpoint;
    QUrl tunnelEndpoint;
    QString project;
    QString accessId;
    QString accessKey;
    QString securityToken;
    QString region;

    static Result<OdpsConnection> fromJson(const QJsonObject &json);
    // For logs and the UI: endpoint, project and AccessKeyId, never the secret or the STS token.
    QString toDisplayString() const;
};

} // namespace kmsync::engine::maxcompute
