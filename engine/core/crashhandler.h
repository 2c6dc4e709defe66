#pragma once

#include <QString>

namespace kmsync::engine {

// Installs handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT that print one paragraph to stderr (program,
// version, signal, the phase set by setCrashPhase(), a backtrace and where to report it) using only
// async-signal-safe calls, then re-raise the signal with its default action, so the exit status and core dumps
// are what they would have been. The message holds no datasource settings, hence no secrets. Also installs a Qt
// message handler that masks secret-looking values (maskSecretText()) before any message, qFatal's included, is
// printed. Call once, early in main().
void installCrashHandler(const char *program);

// What the program is doing now, named in a crash message ("loading the task"). `phase` must have static storage
// (a string literal).
void setCrashPhase(const char *phase);

// setCrashPhase(phase); and, for the crash tests only, raises SIGSEGV when the environment variable
// KMSYNC_TEST_CRASH_AT equals `phase`.
void crashPoint(const char *phase);

// `text` with the values of secret-looking keys masked: "accessKey":"x", sasl.password=x, "password": 'x' ...
QString maskSecretText(const QString &text);

} // namespace kmsync::engine
