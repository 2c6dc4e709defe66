#pragma once

#include <functional>

#include <QMap>
#include <QString>
#include <QStringList>

#include "engine/mapping/fieldprofile.h"
#include "engine/config/datasources.h"
#include "engine/core/stoptoken.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/datasources/secretstore.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/sourcepage.h"

namespace kmsync::ui {

// The engine calls behind the pages' one-shot actions. Each is a plain blocking function the pages run through
// QtConcurrent, so none of them may touch widgets. Each returns soon (well within a second) after `stop` is set,
// which is how a closed dialog or page lets its worker go without waiting for it. `prompter` (may be null) answers
// the datasource's ${keychain:...} secrets.

// The workspace datasources for a task: datasources.json next to the task file (env "dev"). An empty set when
// there is none or it does not load (the pickers then stay free-text).
engine::config::Datasources datasourcesForTask(const QString &taskPath);
// Names of the datasources whose kind is `wanted`, e.g. isDestinationKind.
QStringList datasourceNames(const engine::config::Datasources &datasources,
                            const std::function<bool(engine::config::DatasourceKind)> &wanted);

// The topics of a Kafka datasource (10 s timeout).
TopicListing listTopics(const engine::config::Datasources &datasources, const QString &datasource,
                        SecretPrompter *prompter, const engine::StopToken &stop);
// The tables (with schemas) of a destination datasource: a local warehouse (not created when missing) or MaxCompute.
TableListing listTables(const engine::config::Datasources &datasources, const QString &datasource,
                        SecretPrompter *prompter, const engine::StopToken &stop);

// Connects to one datasource and summarizes what it found (Kafka: brokers and topics; local and MaxCompute: the
// number of tables). What each kind does is in engine/job/connector.cpp.
ConnectionCheck testConnection(const engine::config::Datasource &datasource, const engine::StopToken &stop);

// Runs DDL on a destination datasource: a local warehouse (created when missing) or MaxCompute.
DdlResult runDdl(const engine::config::Datasources &datasources, const QString &datasource, const QString &ddl,
                 SecretPrompter *prompter, const engine::StopToken &stop);

} // namespace kmsync::ui
