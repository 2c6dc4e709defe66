#pragma once

#include <array>
#include <vector>

#include <QString>

namespace kmsync::engine::config {

// What a validation finding says, as a stable machine code. The arguments a code uses are listed next to it
// (field = the key the finding is about, value = the offending value, allowed = what is allowed or expected,
// detail = the code's extra argument); the English text is ValidationIssue::message.
//
// Adding a code: append it here and to kAllIssueCodes, give it a name in issueCodeName() (validationissue.cpp)
// and a translated text in widgets/taskeditor/issuetext.cpp (the compiler lists the switches that lack it;
// tst_issuetext fails until translations/kmsync_zh_CN.ts has its text).
enum class IssueCode {
    // any key
    WrongType,    // value = the JSON text, allowed = the expected type ("a string"), detail = the JSON type found
    NotBoolean,   // value
    NotInteger,   // value, allowed = range or unit
    OutOfRange,   // value, allowed = range
    AboveMaximum, // value, allowed = the maximum (a warning)
    NotPositive,  // value
    NotOneOf,     // value, allowed = the allowed values
    // the task and its steps
    MissingKey,     // allowed = the expected value ("job", "2.0")
    NotAllowed,     // value, allowed = the expected value
    UnknownVersion, // value, allowed = the version kmsync knows (a warning)
    StepSpelling,   // value, allowed = DataWorks' spelling (a warning)
    StepNameMissing,
    // the Kafka reader
    SourceMissing,       // neither datasource nor server
    ServerAndDatasource, // a warning
    DatasourceEmpty,
    NotHostPort, // value
    TopicMissing,
    TopicName, // value
    SourceFieldsMissing,
    SourceFieldSyntax, // value, detail = the parser's explanation
    NotAKafkaField,    // value, allowed = the Kafka fields (a warning)
    EncodingEmpty,
    UnknownEncoding, // value, detail = the decoder's explanation
    StartMissing,
    StartAmbiguous,
    EndMissing, // a warning
    EndAmbiguous,
    DateTimeInvalid, // value, detail = the parser's explanation
    WindowEmpty,     // value = endDateTime, allowed = beginDateTime
    NotAnOffset,     // value
    GroupIdNeeded,
    ReadsNothing,      // value = "seekToEnd" (a warning)
    EndBeforeBegin,    // value = endOffset, allowed = beginOffset
    UnknownTimeZone,   // value
    KafkaPropertyType, // value = the property, detail = the JSON type found
    KafkaPropertyName, // a property without a name
    GroupIdConflict,   // value = kafkaConfig group.id, allowed = groupId (a warning)
    GroupIdEmpty,
    NeedsStopWhenPollEmpty, // a warning
    // the MaxCompute writer
    DestinationMissing,
    TableMissing,
    TableName,        // value
    NameTooLong,      // value (a table or column name)
    PartitionSyntax,  // value = the partition, detail = the parser's explanation
    PartitionLevels,  // value = the number of levels, allowed = the maximum
    PartitionKeyName, // value = the key
    TargetColumnsMissing,
    StarNotAlone,
    StarColumns, // a warning
    ColumnName,  // value
    // the mapping
    DuplicateSource,     // value = the source field, detail = the index of the column that maps it already
    DuplicateTarget,     // value = the column, detail = the index of the column that has it already
    ColumnCountMismatch, // value = destination columns, allowed = source columns
    // setting, order, kmsync
    ThrottleWithoutRate,       // a warning
    OrderMissing,              // allowed = the hop "reader → writer" (a warning)
    HopsMissing,               // allowed = the hop "reader → writer"
    HopMismatch,               // value = the hop "from → to", allowed = the hop "reader → writer"
    ScheduleParametersMissing, // ${...} in the window and an empty parameter line (a warning)
    // a resolved task (validateResolvedTask)
    ParameterUnassigned,    // value = the parameter name
    PlaceholderName,        // value = the text inside ${...}
    DatasourceUnknown,      // value = the datasource, detail = the explanation
    DatasourceKindMismatch, // value = the datasource, detail = its type, allowed = the types allowed
    DatasourceIncomplete,   // value = the datasource, detail = what is missing
    DatasourcesFileMissing, // value = the datasource; no datasources file was found to look it up in
};

inline constexpr std::array kAllIssueCodes{
    IssueCode::WrongType,
    IssueCode::NotBoolean,
    IssueCode::NotInteger,
    IssueCode::OutOfRange,
    IssueCode::AboveMaximum,
    IssueCode::NotPositive,
    IssueCode::NotOneOf,
    IssueCode::MissingKey,
    IssueCode::NotAllowed,
    IssueCode::UnknownVersion,
    IssueCode::StepSpelling,
    IssueCode::StepNameMissing,
    IssueCode::SourceMissing,
    IssueCode::ServerAndDatasource,
    IssueCode::DatasourceEmpty,
    IssueCode::NotHostPort,
    IssueCode::TopicMissing,
    IssueCode::TopicName,
    IssueCode::SourceFieldsMissing,
    IssueCode::SourceFieldSyntax,
    IssueCode::NotAKafkaField,
    IssueCode::EncodingEmpty,
    IssueCode::UnknownEncoding,
    IssueCode::StartMissing,
    IssueCode::StartAmbiguous,
    IssueCode::EndMissing,
    IssueCode::EndAmbiguous,
    IssueCode::DateTimeInvalid,
    IssueCode::WindowEmpty,
    IssueCode::NotAnOffset,
    IssueCode::GroupIdNeeded,
    IssueCode::ReadsNothing,
    IssueCode::EndBeforeBegin,
    IssueCode::UnknownTimeZone,
    IssueCode::KafkaPropertyType,
    IssueCode::KafkaPropertyName,
    IssueCode::GroupIdConflict,
    IssueCode::GroupIdEmpty,
    IssueCode::NeedsStopWhenPollEmpty,
    IssueCode::DestinationMissing,
    IssueCode::TableMissing,
    IssueCode::TableName,
    IssueCode::NameTooLong,
    IssueCode::PartitionSyntax,
    IssueCode::PartitionLevels,
    IssueCode::PartitionKeyName,
    IssueCode::TargetColumnsMissing,
    IssueCode::StarNotAlone,
    IssueCode::StarColumns,
    IssueCode::ColumnName,
    IssueCode::DuplicateSource,
    IssueCode::DuplicateTarget,
    IssueCode::ColumnCountMismatch,
    IssueCode::ThrottleWithoutRate,
    IssueCode::OrderMissing,
    IssueCode::HopsMissing,
    IssueCode::HopMismatch,
    IssueCode::ScheduleParametersMissing,
    IssueCode::ParameterUnassigned,
    IssueCode::PlaceholderName,
    IssueCode::DatasourceUnknown,
    IssueCode::DatasourceKindMismatch,
    IssueCode::DatasourceIncomplete,
    IssueCode::DatasourcesFileMissing,
};

// The code's stable text form, e.g. "not_one_of"; empty for a value that is no IssueCode.
QString issueCodeName(IssueCode code);

// One finding of task validation: where (a JSON path into the task file, e.g. "steps[0].parameter.keyType"), how
// bad, what (code and its arguments), and the English text the CLI prints.
struct ValidationIssue
{
    enum class Severity { Error, Warning };

    QString path;
    Severity severity = Severity::Error;
    QString message; // English: what is wrong and what is allowed
    IssueCode code = IssueCode::WrongType;
    QString field;   // the key, e.g. "keyType" for "steps[0].parameter.keyType", "column" for "...column[2]"
    QString value;   // the offending value as the task writes it
    QString allowed; // what is allowed or expected
    QString detail;  // the code's extra argument (see IssueCode)

    // "ERROR steps[0].parameter.keyType: \"TEXT\" is not one of BYTEARRAY, ..."
    QString toString() const
    {
        return (severity == Severity::Error ? QStringLiteral("ERROR ") : QStringLiteral("WARNING ")) + path
             + QStringLiteral(": ") + message;
    }
    friend bool operator==(const ValidationIssue &, const ValidationIssue &) = default;
};

using ValidationIssues = std::vector<ValidationIssue>;

inline bool hasErrors(const ValidationIssues &issues)
{
    for (const auto &issue : issues) {
        if (issue.severity == ValidationIssue::Severity::Error)
            return true;
    }
    return false;
}

// The key a JSON path ends with: "keyType" for "steps[0].parameter.keyType", "column" for
// "steps[1].parameter.column[2]", "kafkaConfig" for "steps[0].parameter.kafkaConfig[\"group.id\"]".
QString lastKeyOf(const QString &path);

} // namespace kmsync::engine::config
