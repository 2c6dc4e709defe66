#include "engine/warehouse/writebehind.h"

#include <QFile>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

namespace kmsync::engine::warehouse {

WriteBehind::WriteBehind(QString path, std::chrono::milliseconds interval)
    : m_path(std::move(path))
    , m_interval(interval)
{
#ifdef __linux__
    m_thread = std::thread([this] { loop(); });
#endif
}

WriteBehind::~WriteBehind()
{
    stop();
}

void WriteBehind::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void WriteBehind::loop()
{
#ifdef __linux__
    const QByteArray name = QFile::encodeName(m_path);
    int fd = -1;
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_interval, [this] { return m_stopping; })) {
        lock.unlock();
        if (fd < 0)
            fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
        // Whole file, start only: pages already on their way or clean are skipped by the kernel.
        if (fd >= 0)
            ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        lock.lock();
    }
    if (fd >= 0)
        ::close(fd);
#endif
}

} // namespace kmsync::engine::warehouse
