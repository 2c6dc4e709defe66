#pragma once

#include <QByteArray>
#include <QEventLoop>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace kmsync::test {

struct ProcessResult
{
    int exitCode = -1; // -1: crashed, could not start, or timed out (err says which)
    QByteArray out;
    QByteArray err;
};

// Runs a process to its end while this thread's event loop keeps running, so that a test server living in this
// thread (McServer) answers the process's requests. Kills it after timeoutMs.
inline ProcessResult runProcess(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    p.start(program, args);
    loop.exec();
    ProcessResult r;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "timed out after " + QByteArray::number(timeoutMs) + " ms";
        return r;
    }
    if (p.error() == QProcess::FailedToStart) {
        r.err = "could not start " + program.toUtf8() + ": " + p.errorString().toUtf8();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace kmsync::test
