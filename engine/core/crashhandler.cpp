#include "engine/core/crashhandler.h"

#include <atomic>
#include <csignal>
#include <cstring>

#include <execinfo.h>
#include <unistd.h>

#include <QByteArray>
#include <QRegularExpression>
#include <QtGlobal>

namespace kmsync::engine {

namespace {

char g_program[64] = "kmsync";
std::atomic<const char *> g_phase{nullptr};
QtMessageHandler g_previousHandler = nullptr;
constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
alignas(16) char g_altStack[64 * 1024];

void writeText(const char *text)
{
    size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t written = ::write(STDERR_FILENO, text, left);
        if (written <= 0)
            return;
        text += written;
        left -= size_t(written);
    }
}

const char *signalName(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV (invalid memory access)";
    case SIGBUS:
        return "SIGBUS (bus error)";
    case SIGFPE:
        return "SIGFPE (arithmetic error)";
    case SIGILL:
        return "SIGILL (illegal instruction)";
    case SIGABRT:
        return "SIGABRT (aborted)";
    default:
        return "an unexpected signal";
    }
}

void onCrash(int sig)
{
    static volatile std::sig_atomic_t crashing = 0;
    if (crashing == 0) {
        crashing = 1;
        writeText("\n");
        writeText(g_program);
        writeText(" " KMSYNC_VERSION " crashed with signal ");
        writeText(signalName(sig));
        if (const char *phase = g_phase.load()) {
            writeText(" while ");
            writeText(phase);
        }
        writeText(". This is a bug in kmsync, not in your task or data. Please report it to the kmsync maintainers "
                  "<kmsync@localhost> with the command you ran and this message; it holds no datasource settings or "
                  "secrets. Backtrace:\n");
        void *frames[64];
        const int count = ::backtrace(frames, 64);
        ::backtrace_symbols_fd(frames, count, STDERR_FILENO);
    }
    // Default action again (SA_RESETHAND already restored it): the process ends by this signal, with a core dump
    // where the system keeps them.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void onQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString masked = maskSecretText(message);
    if (g_previousHandler) {
        g_previousHandler(type, context, masked);
        return;
    }
    const QByteArray text = masked.toLocal8Bit();
    writeText(text.constData());
    writeText("\n");
}

} // namespace

void installCrashHandler(const char *program)
{
    std::strncpy(g_program, program, sizeof(g_program) - 1);
    // backtrace() loads libgcc on its first call, which is not async-signal-safe: do it now.
    void *frame = nullptr;
    ::backtrace(&frame, 1);

    stack_t stack{};
    stack.ss_sp = g_altStack;
    stack.ss_size = sizeof(g_altStack);
    ::sigaltstack(&stack, nullptr); // a stack overflow still gets its message

    struct sigaction action
    {
    };
    action.sa_handler = &onCrash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    for (const int sig : kSignals)
        ::sigaction(sig, &action, nullptr);

    QtMessageHandler previous = qInstallMessageHandler(&onQtMessage);
    if (previous != &onQtMessage)
        g_previousHandler = previous;
}

void setCrashPhase(const char *phase)
{
    g_phase.store(phase);
}

void crashPoint(const char *phase)
{
    setCrashPhase(phase);
    const QByteArray at = qgetenv("KMSYNC_TEST_CRASH_AT");
    if (!at.isEmpty() && at == phase)
        std::raise(SIGSEGV);
}

QString maskSecretText(const QString &text)
{
    static const QRegularExpression
        re(QStringLiteral(
               R"re(((?:["'])?[\w.\-]*(?:password|secret|accesskey|access_key|securitytoken|sts-token)[\w.\-]*)re"
               R"re((?:["'])?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}"']+))re"),
           QRegularExpression::CaseInsensitiveOption);
    QString out = text;
    out.replace(re, QStringLiteral(R"(\1"******")"));
    return out;
}

} // namespace kmsync::engine
