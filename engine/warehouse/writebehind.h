#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <QString>

namespace kmsync::engine::warehouse {

// Starts writing a file's dirty pages to disk from a helper thread while another thread is still writing the
// file, so that the fsync that later makes it durable finds little left to write: the disk works while the CPU
// reads and maps. It never waits for the disk and never syncs; durability stays with the owner's own fsync (a
// run's segment file: SegmentWriter::finish()). Linux (sync_file_range); elsewhere it does nothing. A file that
// does not exist yet is looked for again at the next tick.
class WriteBehind
{
public:
    explicit WriteBehind(QString path, std::chrono::milliseconds interval = std::chrono::milliseconds(20));
    ~WriteBehind();
    WriteBehind(const WriteBehind &) = delete;
    WriteBehind &operator=(const WriteBehind &) = delete;

    // Stops the helper thread (idempotent); returns once it has ended.
    void stop();

private:
    void loop();

    QString m_path;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace kmsync::engine::warehouse
