#include "engine/config/validationissue.h"

namespace kmsync::engine::config {

QString issueCodeName(IssueCode code)
{
    switch (code) {
    case IssueCode::WrongType:
        return QStringLiteral("wrong_type");
    case IssueCode::NotBoolean:
        return QStringLiteral("not_boolean");
    case IssueCode::NotInteger:
        return QStringLiteral("not_integer");
    case IssueCode::OutOfRange:
        return QStringLiteral("out_of_range");
    case IssueCode::AboveMaximum:
        return QStringLiteral("above_maximum");
    case IssueCode::NotPositive:
        return QStringLiteral("not_positive");
    case IssueCode::NotOneOf:
        return QStringLiteral("not_one_of");
    case IssueCode::MissingKey:
        return QStringLiteral("missing_key");
    case IssueCode::NotAllowed:
        return QStringLiteral("not_allowed");
    case IssueCode::UnknownVersion:
        return QStringLiteral("unknown_version");
    case IssueCode::StepSpelling:
        return QStringLiteral("step_spelling");
    case IssueCode::StepNameMissing:
        return QStringLiteral("step_name_missing");
    case IssueCode::SourceMissing:
        return QStringLiteral("source_missing");
    case IssueCode::ServerAndDatasource:
        return QStringLiteral("server_and_datasource");
    case IssueCode::DatasourceEmpty:
        return QStringLiteral("datasource_empty");
    case IssueCode::NotHostPort:
        return QStringLiteral("not_host_port");
    case IssueCode::TopicMissing:
        return QStringLiteral("topic_missing");
    case IssueCode::TopicName:
        return QStringLiteral("topic_name");
    case IssueCode::SourceFieldsMissing:
        return QStringLiteral("source_fields_missing");
    case IssueCode::SourceFieldSyntax:
        return QStringLiteral("source_field_syntax");
    case IssueCode::NotAKafkaField:
        return QStringLiteral("not_a_kafka_field");
    case IssueCode::EncodingEmpty:
        return QStringLiteral("encoding_empty");
    case IssueCode::UnknownEncoding:
        return QStringLiteral("unknown_encoding");
    case IssueCode::StartMissing:
        return QStringLiteral("start_missing");
    case IssueCode::StartAmbiguous:
        return QStringLiteral("start_ambiguous");
    case IssueCode::EndMissing:
        return QStringLiteral("end_missing");
    case IssueCode::EndAmbiguous:
        return QStringLiteral("end_ambiguous");
    case IssueCode::DateTimeInvalid:
        return QStringLiteral("date_time_invalid");
    case IssueCode::WindowEmpty:
        return QStringLiteral("window_empty");
    case IssueCode::NotAnOffset:
        return QStringLiteral("not_an_offset");
    case IssueCode::GroupIdNeeded:
        return QStringLiteral("group_id_needed");
    case IssueCode::ReadsNothing:
        return QStringLiteral("reads_nothing");
    case IssueCode::EndBeforeBegin:
        return QStringLiteral("end_before_begin");
    case IssueCode::UnknownTimeZone:
        return QStringLiteral("unknown_time_zone");
    case IssueCode::KafkaPropertyType:
        return QStringLiteral("kafka_property_type");
    case IssueCode::KafkaPropertyName:
        return QStringLiteral("kafka_property_name");
    case IssueCode::GroupIdConflict:
        return QStringLiteral("group_id_conflict");
    case IssueCode::GroupIdEmpty:
        return QStringLiteral("group_id_empty");
    case IssueCode::NeedsStopWhenPollEmpty:
        return QStringLiteral("needs_stop_when_poll_empty");
    case IssueCode::DestinationMissing:
        return QStringLiteral("destination_missing");
    case IssueCode::TableMissing:
        return QStringLiteral("table_missing");
    case IssueCode::TableName:
        return QStringLiteral("table_name");
    case IssueCode::NameTooLong:
        return QStringLiteral("name_too_long");
    case IssueCode::PartitionSyntax:
        return QStringLiteral("partition_syntax");
    case IssueCode::PartitionLevels:
        return QStringLiteral("partition_levels");
    case IssueCode::PartitionKeyName:
        return QStringLiteral("partition_key_name");
    case IssueCode::TargetColumnsMissing:
        return QStringLiteral("target_columns_missing");
    case IssueCode::StarNotAlone:
        return QStringLiteral("star_not_alone");
    case IssueCode::StarColumns:
        return QStringLiteral("star_columns");
    case IssueCode::ColumnName:
        return QStringLiteral("column_name");
    case IssueCode::DuplicateSource:
        return QStringLiteral("duplicate_source");
    case IssueCode::DuplicateTarget:
        return QStringLiteral("duplicate_target");
    case IssueCode::ColumnCountMismatch:
        return QStringLiteral("column_count_mismatch");
    case IssueCode::ThrottleWithoutRate:
        return QStringLiteral("throttle_without_rate");
    case IssueCode::OrderMissing:
        return QStringLiteral("order_missing");
    case IssueCode::HopsMissing:
        return QStringLiteral("hops_missing");
    case IssueCode::HopMismatch:
        return QStringLiteral("hop_mismatch");
    case IssueCode::ScheduleParametersMissing:
        return QStringLiteral("schedule_parameters_missing");
    case IssueCode::ParameterUnassigned:
        return QStringLiteral("parameter_unassigned");
    case IssueCode::PlaceholderName:
        return QStringLiteral("placeholder_name");
    case IssueCode::DatasourceUnknown:
        return QStringLiteral("datasource_unknown");
    case IssueCode::DatasourceKindMismatch:
        return QStringLiteral("datasource_kind_mismatch");
    case IssueCode::DatasourceIncomplete:
        return QStringLiteral("datasource_incomplete");
    case IssueCode::DatasourcesFileMissing:
        return QStringLiteral("datasources_file_missing");
    }
    return {};
}

QString lastKeyOf(const QString &path)
{
    // the last '.' outside [...] starts the key; a trailing [index] or ["name"] is not part of it
    int depth = 0;
    qsizetype start = 0;
    qsizetype end = path.size();
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('[')) {
            if (depth == 0)
                end = i;
            ++depth;
        } else if (c == QLatin1Char(']')) {
            --depth;
        } else if (c == QLatin1Char('.') && depth == 0) {
            start = i + 1;
            end = path.size();
        }
    }
    return path.mid(start, end - start);
}

} // namespace kmsync::engine::config
