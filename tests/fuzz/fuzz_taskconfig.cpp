// libFuzzer target: the task-file loader (engine/config/taskconfig.h).
// Input: bytes of a task file. A task that loads is validated and saved; the saved bytes must load again and
// save to identical bytes (the header's "load -> save -> load -> save gives identical bytes").
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>

#include "engine/config/taskconfig.h"

using kmsync::engine::config::TaskConfig;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto task = TaskConfig::fromJsonBytes(bytes);
    if (!task.ok()) {
        if (task.error().code.isEmpty())
            std::abort();
        return 0;
    }
    (void)task->validate();
    (void)task->readerPath();
    (void)task->writerPath();
    (void)task->kmsyncValue();

    const QByteArray saved = task->toJsonBytes();
    const auto reloaded = TaskConfig::fromJsonBytes(saved);
    if (!reloaded.ok()) {
        std::fprintf(stderr, "saved task does not load: %s\n", reloaded.error().message.toUtf8().constData());
        std::abort();
    }
    (void)reloaded->validate();
    if (reloaded->toJsonBytes() != saved) {
        std::fprintf(stderr, "save is not stable:\n%s\n---\n%s\n", saved.constData(),
                     reloaded->toJsonBytes().constData());
        std::abort();
    }
    return 0;
}
