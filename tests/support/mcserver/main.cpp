// kmsync-mcserver: runs the MaxCompute test server until interrupted and prints its datasource connection object.
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include "tests/support/mcserver/mcserver.h"

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    kmsync::test::McServer server;
    if (server.start() == 0) {
        QTextStream(stderr) << "kmsync-mcserver: cannot listen on 127.0.0.1\n";
        return 1;
    }
    QTextStream(stdout) << QJsonDocument(server.connection()).toJson(QJsonDocument::Compact) << Qt::endl;
    return app.exec();
}
