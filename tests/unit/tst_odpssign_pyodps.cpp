// link: kmsync_maxcompute kmsync_core
// kmsync's request signatures against pyodps' accounts (v2, STS, v4) for fixed requests; vectors from
// tests/pyodps/gen_vectors.py committed in tests/data/pyodps/vectors.json.
#include <QTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include "engine/maxcompute/odpssigner.h"

using namespace kmsync::engine::maxcompute;

class TestOdpsSignPyodps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signatures_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        QFile f(QStringLiteral(KMSYNC_TEST_DATA "/pyodps/vectors.json"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        const QJsonArray sigs =
            QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("signatures")).toArray();
        QVERIFY(sigs.size() >= 18);
        int i = 0;
        for (const QJsonValue &s : sigs) {
            const QJsonObject o = s.toObject();
            const QByteArray name = QStringLiteral("%1 %2 %3 #%4")
                                        .arg(o.value(QStringLiteral("kind")).toString(),
                                             o.value(QStringLiteral("method")).toString())
                                        .arg(QUrl(o.value(QStringLiteral("url")).toString()).path())
                                        .arg(i++)
                                        .toUtf8();
            QTest::newRow(name.constData()) << o;
        }
    }

    void signatures()
    {
        QFETCH(QJsonObject, entry);
        const QString kind = entry.value(QStringLiteral("kind")).toString();
        const QString endpoint = entry.value(QStringLiteral("endpoint")).toString();
        const QString url = entry.value(QStringLiteral("url")).toString();
        QVERIFY(url.startsWith(endpoint));
        // Split "path?query" after the endpoint as the service does: path and query values percent-decoded.
        const QString rest = url.mid(endpoint.size());
        const qsizetype q = rest.indexOf(QLatin1Char('?'));
        const QString path = QUrl::fromPercentEncoding(rest.left(q < 0 ? rest.size() : q).toUtf8());
        QueryList query;
        if (q >= 0) {
            for (const QString &part : rest.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
                const qsizetype eq = part.indexOf(QLatin1Char('='));
                query.append({QUrl::fromPercentEncoding(part.left(eq < 0 ? part.size() : eq).toUtf8()),
                              eq < 0 ? QString() : QUrl::fromPercentEncoding(part.mid(eq + 1).toUtf8())});
            }
        }
        HeaderList headers;
        const QJsonObject h = entry.value(QStringLiteral("headers")).toObject();
        for (auto it = h.begin(); it != h.end(); ++it) {
            if (it.key() != QLatin1String("Date"))
                headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
        }
        const QDateTime date = OdpsSigner::parseHttpDate(h.value(QStringLiteral("Date")).toString().toLatin1());
        QVERIFY(date.isValid());
        const OdpsSigner signer(QStringLiteral("test-ak"), QStringLiteral("test-sk"),
                                kind == QLatin1String("sts") ? QStringLiteral("sts-token-1") : QString(),
                                kind == QLatin1String("v4") ? QStringLiteral("cn-shanghai") : QString());
        signer.sign(entry.value(QStringLiteral("method")).toString().toLatin1(), path, query, headers, date);
        QByteArray authorization;
        QByteArray token;
        for (const auto &[k, v] : headers) {
            if (k == "Authorization")
                authorization = v;
            if (k == "authorization-sts-token")
                token = v;
        }
        QCOMPARE(authorization, entry.value(QStringLiteral("authorization")).toString().toLatin1());
        if (kind == QLatin1String("sts"))
            QCOMPARE(token, entry.value(QStringLiteral("stsTokenHeader")).toString().toLatin1());
        else
            QVERIFY(token.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestOdpsSignPyodps)
#include "tst_odpssign_pyodps.moc"
