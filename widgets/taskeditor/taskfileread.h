#pragma once

#include <QByteArray>
#include <QString>

#include "engine/config/datasources.h"

namespace kmsync::ui {

// What a worker read for File > Open (and Open Sample): the task file's bytes and the workspace datasources next
// to it, or why it could not (a complete, user-visible message).
struct TaskFileRead
{
    QString path;
    QByteArray bytes;
    engine::config::Datasources datasources;
    QString error;
    bool sample = false;             // read by Open Sample
    bool createdSampleTable = false; // Open Sample made the local warehouse table
};

} // namespace kmsync::ui
