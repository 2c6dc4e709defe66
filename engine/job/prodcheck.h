#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "engine/config/datasources.h"
#include "engine/config/taskconfig.h"
#include "engine/core/stoptoken.h"
#include "engine/core/tableschema.h"

namespace kmsync::engine {

// One difference between the development and the production environment of a task. Codes:
//   prod.topic_missing      the prod Kafka cluster has no such topic
//   prod.table_missing      the prod destination has no such table
//   prod.column_missing     a dev column the prod table lacks          prod.column_extra   the other way round
//   prod.column_type        same column, another type                  prod.column_order   same columns, other order
//   prod.partition_keys     partition key names, types or order differ
//   prod.check_failed       a check could not be made (datasource unknown in prod, unreachable, ...): the message says
//   why
struct ProdFinding
{
    QString code;
    QString message;
    friend bool operator==(const ProdFinding &, const ProdFinding &) = default;
};

// What "Check production" found: every difference, and one line per check that passed.
struct ProdCheckReport
{
    QString topic;
    QString table;
    std::vector<ProdFinding> findings;
    QStringList passed;
    bool ok() const { return findings.empty(); }
};

// Every difference between two schemas of one table (dev first): column names, types, order, partition keys.
// Names compare case-insensitively, as MaxCompute does; comments are not compared.
std::vector<ProdFinding> compareTableSchemas(const TableSchema &dev, const TableSchema &prod);

// Verifies that the task can run in production: the prod Kafka (the reader's datasource resolved in `prod`) has
// the topic, and the prod destination (the writer's datasource in `prod`) has the table with the dev table's
// schema. Blocking (network); each Kafka call waits at most kafkaTimeoutMs. Once `stop` is set the calls in flight
// end within a second and the checks not made are findings "prod.check_failed" saying they were cancelled.
ProdCheckReport checkProduction(const config::TaskConfig &task, const config::Datasources &dev,
                                const config::Datasources &prod, const StopToken &stop, int kafkaTimeoutMs = 10000);

} // namespace kmsync::engine
