#include "widgets/taskeditor/issuetext.h"

#include <QCoreApplication>

namespace kmsync::ui {

// The tr() context of the findings' texts.
class IssueText
{
    Q_DECLARE_TR_FUNCTIONS(kmsync::ui::IssueText)

public:
    static QString text(const engine::config::ValidationIssue &issue);

private:
    static QString expectedType(const QString &expected);
};

namespace {

using engine::config::IssueCode;

bool isBegin(const QString &field)
{
    return field.startsWith(QLatin1String("begin"));
}

} // namespace

// The engine names the JSON type it expected in English ("a string"); these are the ones it uses.
QString IssueText::expectedType(const QString &expected)
{
    if (expected == QLatin1String("a string"))
        return tr("a string");
    if (expected == QLatin1String("an object"))
        return tr("an object");
    if (expected == QLatin1String("an array of strings"))
        return tr("an array of strings");
    if (expected == QLatin1String("an integer"))
        return tr("an integer");
    return expected;
}

QString IssueText::text(const engine::config::ValidationIssue &issue)
{
    const QString &field = issue.field;
    const QString &value = issue.value;
    const QString &allowed = issue.allowed;
    const QString &detail = issue.detail;
    switch (issue.code) {
    case IssueCode::WrongType:
        return tr("%1 must be %2, not the %3 %4.").arg(field, expectedType(allowed), detail, value);
    case IssueCode::NotBoolean:
        return tr("%1 is %2, which is not a boolean: use true or false.").arg(field, value);
    case IssueCode::NotInteger:
        return tr("%1 is %2, which is not a whole number: allowed is %3.").arg(field, value, allowed);
    case IssueCode::OutOfRange:
        return tr("%1 is %2, which is out of range: allowed is %3.").arg(field, value, allowed);
    case IssueCode::AboveMaximum:
        return tr("%1 is %2, above DataWorks' maximum of %3.").arg(field, value, allowed);
    case IssueCode::NotPositive:
        return tr("The rate %1 is not a positive number of MB/s.").arg(value);
    case IssueCode::NotOneOf:
        return tr("%1 \"%2\" is not one of %3.").arg(field, value, allowed);
    case IssueCode::MissingKey:
        return tr("%1 is missing: it must be \"%2\".").arg(field, allowed);
    case IssueCode::NotAllowed:
        return tr("%1 \"%2\" is not allowed: it must be \"%3\".").arg(field, value, allowed);
    case IssueCode::UnknownVersion:
        return tr("Version \"%1\" is not the one kmsync knows (\"%2\").").arg(value, allowed);
    case IssueCode::StepSpelling:
        return tr("%1 \"%2\" is written \"%3\" in DataWorks.").arg(field, value, allowed);
    case IssueCode::StepNameMissing:
        return tr("The step has no name: order.hops refers to steps by name.");
    case IssueCode::SourceMissing:
        return tr("Datasource is required: choose the Kafka datasource to read from.");
    case IssueCode::ServerAndDatasource:
        return tr("Both server and datasource are set: the datasource is used.");
    case IssueCode::DatasourceEmpty:
        return tr("Datasource is required: choose the Kafka datasource to read from.");
    case IssueCode::NotHostPort:
        return tr("Server \"%1\" is not host:port, e.g. broker1:9092.").arg(value);
    case IssueCode::TopicMissing:
        return tr("Topic is required: choose the Kafka topic to read.");
    case IssueCode::TopicName:
        return tr("\"%1\" is not a Kafka topic name: use letters, digits, '.', '_' and '-', at most 249 characters.")
            .arg(value);
    case IssueCode::SourceFieldsMissing:
    case IssueCode::TargetColumnsMissing:
        return tr("Map at least one source field to a destination column.");
    case IssueCode::SourceFieldSyntax:
        return tr("Source field \"%1\" is not valid: %2").arg(value, detail);
    case IssueCode::NotAKafkaField:
        return tr("\"%1\" is not a Kafka field (%2): it is read as a JSON path into the value; write [\"%1\"] if "
                  "that is meant.")
            .arg(value, allowed);
    case IssueCode::EncodingEmpty:
        return tr("Encoding is required, e.g. UTF-8.");
    case IssueCode::UnknownEncoding:
        return tr("Encoding \"%1\" is not one kmsync can decode; e.g. UTF-8.").arg(value);
    case IssueCode::StartMissing:
        return tr("Choose where to start reading: a start time or an offset.");
    case IssueCode::StartAmbiguous:
        return tr("Set only one start position: a start time, an offset or a timestamp.");
    case IssueCode::EndMissing:
        return tr("No end position: the run reads up to each partition's end offset when it starts.");
    case IssueCode::EndAmbiguous:
        return tr("Set only one end position: an end time, an offset or a timestamp.");
    case IssueCode::DateTimeInvalid:
        if (isBegin(field))
            return tr("Start time \"%1\" must be 14 digits yyyymmddhhmmss naming a real date and time, or a "
                      "parameter such as ${startTime}.")
                .arg(value);
        return tr("End time \"%1\" must be 14 digits yyyymmddhhmmss naming a real date and time, or a parameter "
                  "such as ${endTime}.")
            .arg(value);
    case IssueCode::WindowEmpty:
        return tr("End time %1 must be after start time %2.").arg(value, allowed);
    case IssueCode::NotAnOffset:
        if (isBegin(field))
            return tr("Start offset \"%1\" must be a whole number, at least 0.").arg(value);
        return tr("End offset \"%1\" must be a whole number, at least 0.").arg(value);
    case IssueCode::GroupIdNeeded:
        return tr("Reading from the group's committed offset needs a consumer group ID.");
    case IssueCode::ReadsNothing:
        return tr("Starting at the end offset reads nothing.");
    case IssueCode::EndBeforeBegin:
        return tr("End offset %1 is before start offset %2.").arg(value, allowed);
    case IssueCode::UnknownTimeZone:
        return tr("Time zone \"%1\" is not a known IANA zone such as Asia/Shanghai (or UTC+8).").arg(value);
    case IssueCode::KafkaPropertyType:
        return tr("Kafka property %1 must be a string, number or boolean, not %2.").arg(value, detail);
    case IssueCode::KafkaPropertyName:
        return tr("Every advanced Kafka property needs a name.");
    case IssueCode::GroupIdConflict:
        return tr("The group ID differs from group.id \"%1\" in the Kafka properties; \"%2\" is used.")
            .arg(value, allowed);
    case IssueCode::GroupIdEmpty:
        return tr("The group ID is empty: remove it or name the consumer group.");
    case IssueCode::NeedsStopWhenPollEmpty:
        return tr("stopWhenReachEndOffset takes effect only with stopWhenPollEmpty=true.");
    case IssueCode::DestinationMissing:
        return tr("Datasource is required: choose the MaxCompute or local datasource to write to.");
    case IssueCode::TableMissing:
        return tr("Table is required: choose the destination table.");
    case IssueCode::TableName:
        return tr("\"%1\" is not a MaxCompute table name: use letters, digits and _, starting with a letter.")
            .arg(value);
    case IssueCode::NameTooLong:
        return tr("\"%1\" is longer than 128 bytes.").arg(value);
    case IssueCode::PartitionSyntax:
        return tr("Partition \"%1\" must be key=value pairs separated by commas, e.g. ds=${partition}.").arg(value);
    case IssueCode::PartitionLevels:
        return tr("%1 partition levels: MaxCompute allows at most %2.").arg(value, allowed);
    case IssueCode::PartitionKeyName:
        return tr("Partition key \"%1\" is not a MaxCompute column name: letters, digits and _, at most 128 bytes.")
            .arg(value);
    case IssueCode::StarNotAlone:
        return tr("\"*\" must be the only destination column.");
    case IssueCode::StarColumns:
        return tr("\"*\" (all columns in table order) is not recommended: list the columns.");
    case IssueCode::ColumnName:
        return tr("\"%1\" is not a MaxCompute column name: use letters, digits and _.").arg(value);
    case IssueCode::DuplicateSource:
        return tr("Source field \"%1\" is mapped twice: each source field maps to one destination column.").arg(value);
    case IssueCode::DuplicateTarget:
        return tr("Destination column \"%1\" is mapped twice: each destination column takes one source field.")
            .arg(value);
    case IssueCode::ColumnCountMismatch:
        return tr("%1 destination columns for %2 source fields: both lists need the same length.").arg(value, allowed);
    case IssueCode::ThrottleWithoutRate:
        return tr("Throttling is on but no rate is set: nothing is throttled.");
    case IssueCode::OrderMissing:
        return tr("The task has no order: DataWorks expects the hop %1.").arg(allowed);
    case IssueCode::HopsMissing:
        return tr("order.hops must list the hop %1.").arg(allowed);
    case IssueCode::HopMismatch:
        return tr("The hop %1 does not join the steps: expected %2.").arg(value, allowed);
    case IssueCode::ScheduleParametersMissing:
        return tr("The source uses ${...} parameters but the parameter line assigns none.");
    case IssueCode::ParameterUnassigned:
        return tr("${%1} has no value: assign it in the parameter line.").arg(value);
    case IssueCode::PlaceholderName:
        return tr("${%1} is neither a parameter name nor a scheduling expression.").arg(value);
    case IssueCode::DatasourceUnknown:
        return tr("Datasource \"%1\" cannot be used: %2").arg(value, detail);
    case IssueCode::DatasourceKindMismatch:
        return tr("Datasource \"%1\" is of type %2; here %3 is needed.").arg(value, detail, allowed);
    case IssueCode::DatasourceIncomplete:
        return tr("Datasource \"%1\" is incomplete: %2").arg(value, detail);
    case IssueCode::DatasourcesFileMissing:
        return tr("Datasource \"%1\" is unknown: there is no datasources.json next to the task. Add it with "
                  "Tools > Datasources….")
            .arg(value);
    }
    return issue.message; // not an IssueCode
}

QString issueText(const engine::config::ValidationIssue &issue)
{
    return IssueText::text(issue);
}

} // namespace kmsync::ui
