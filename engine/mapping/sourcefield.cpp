#include "engine/mapping/sourcefield.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kmsync::engine::mapping {

namespace {

constexpr std::array<std::pair<const char *, SourceField::Kind>, 6> kDefaultFields{{
    {"__key__", SourceField::Kind::Key},
    {"__value__", SourceField::Kind::Value},
    {"__partition__", SourceField::Kind::Partition},
    {"__headers__", SourceField::Kind::Headers},
    {"__offset__", SourceField::Kind::Offset},
    {"__timestamp__", SourceField::Kind::Timestamp},
}};

} // namespace

bool SourceField::isDefaultFieldName(const QString &name)
{
    for (const auto &entry : kDefaultFields) {
        if (name == QLatin1String(entry.first))
            return true;
    }
    return false;
}

Result<SourceField> SourceField::parse(const QString &text)
{
    SourceField field;
    field.m_text = text;
    if (text.isEmpty()) {
        return makeError(QStringLiteral("mapping.source_field"),
                         QStringLiteral("source field is empty; use a Kafka field (__key__, __value__, __partition__, "
                                        "__headers__, __offset__, __timestamp__), a 'constant' or a JSON path"));
    }
    for (const auto &entry : kDefaultFields) {
        if (text == QLatin1String(entry.first)) {
            field.m_kind = entry.second;
            return field;
        }
    }
    if (text.size() >= 2 && text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\''))) {
        field.m_kind = Kind::Constant;
        field.m_constant = text.mid(1, text.size() - 2).toStdString();
        return field;
    }
    auto path = JsonPath::parse(text);
    if (!path.ok())
        return path.error();
    field.m_kind = Kind::Path;
    field.m_path = std::move(path).value();
    return field;
}

bool needsHeaders(std::span<const QString> columns)
{
    return std::any_of(columns.begin(), columns.end(), [](const QString &text) {
        const auto field = SourceField::parse(text);
        return !field.ok() || field->kind() == SourceField::Kind::Headers;
    });
}

} // namespace kmsync::engine::mapping
