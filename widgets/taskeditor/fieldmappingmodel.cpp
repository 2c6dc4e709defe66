#include "widgets/taskeditor/fieldmappingmodel.h"

#include <algorithm>

#include <QBrush>
#include <QColor>
#include <QFont>

namespace kmsync::ui {

namespace {

// The name a source field is matched by: "a.a1" -> "a1", "d[0].AA" -> "AA", "__key__" -> "__key__".
QString lastSegment(const QString &expression)
{
    QString name = expression.section(QLatin1Char('.'), -1);
    const qsizetype bracket = name.indexOf(QLatin1Char('['));
    if (bracket > 0)
        name.truncate(bracket);
    return name;
}

} // namespace

FieldMappingModel::FieldMappingModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FieldMappingModel::setMapping(const MappingForm &mapping)
{
    beginResetModel();
    m_mapping = mapping;
    // Drop links that point outside the lists, so that every index the model hands out is valid.
    std::erase_if(m_mapping.links, [this](const FieldLink &l) {
        return l.source < 0 || l.target < 0 || size_t(l.source) >= m_mapping.sourceFields.size()
            || size_t(l.target) >= m_mapping.targets.size();
    });
    m_lastError.clear();
    endResetModel();
}

void FieldMappingModel::setTargets(const std::vector<DestinationColumn> &targets)
{
    std::vector<FieldLink> links;
    for (const FieldLink &l : m_mapping.links) {
        const QString name = m_mapping.targets[size_t(l.target)].name;
        for (size_t i = 0; i < targets.size(); ++i) {
            if (targets[i].name.compare(name, Qt::CaseInsensitive) == 0) {
                links.push_back({l.source, int(i)});
                break;
            }
        }
    }
    beginResetModel();
    m_mapping.targets = targets;
    m_mapping.links = std::move(links);
    endResetModel();
    Q_EMIT mappingChanged();
}

int FieldMappingModel::rows() const
{
    return int(std::max(m_mapping.sourceFields.size(), m_mapping.targets.size()));
}

void FieldMappingModel::reject(const QString &reason)
{
    m_lastError = reason;
    Q_EMIT mappingRejected(reason);
}

void FieldMappingModel::emitAllChanged()
{
    if (rows() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rows() - 1, ColumnCount - 1));
    Q_EMIT mappingChanged();
}

int FieldMappingModel::addSourceField(const QString &expression)
{
    const QString field = expression.trimmed();
    if (field.isEmpty()) {
        reject(tr("A source field needs a name or JSON path, e.g. a.a1 or d[0].AA."));
        return -1;
    }
    if (std::find(m_mapping.sourceFields.begin(), m_mapping.sourceFields.end(), field)
        != m_mapping.sourceFields.end()) {
        reject(tr("Source field \"%1\" is already listed; each field can be mapped only once.").arg(field));
        return -1;
    }
    const int before = rows();
    const int newIndex = int(m_mapping.sourceFields.size());
    if (newIndex >= before) {
        beginInsertRows({}, before, before);
        m_mapping.sourceFields.push_back(field);
        endInsertRows();
    } else {
        m_mapping.sourceFields.push_back(field);
        Q_EMIT dataChanged(index(newIndex, 0), index(newIndex, ColumnCount - 1));
    }
    m_lastError.clear();
    Q_EMIT mappingChanged();
    return newIndex;
}

bool FieldMappingModel::isValidCell(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && !index.parent().isValid() && index.row() < rows()
        && index.column() < ColumnCount;
}

bool FieldMappingModel::removeSourceField(int source)
{
    if (source < 0 || size_t(source) >= m_mapping.sourceFields.size())
        return false;
    // Row i pairs source i with target i, so removing a source shifts the source half of every later row while
    // the target half stays: that is a reset, not a row removal.
    beginResetModel();
    m_mapping.sourceFields.erase(m_mapping.sourceFields.begin() + source);
    std::erase_if(m_mapping.links, [source](const FieldLink &l) { return l.source == source; });
    for (FieldLink &l : m_mapping.links) {
        if (l.source > source)
            --l.source;
    }
    endResetModel();
    Q_EMIT mappingChanged();
    return true;
}

int FieldMappingModel::targetOf(int source) const
{
    for (const FieldLink &l : m_mapping.links) {
        if (l.source == source)
            return l.target;
    }
    return -1;
}

int FieldMappingModel::sourceOf(int target) const
{
    for (const FieldLink &l : m_mapping.links) {
        if (l.target == target)
            return l.source;
    }
    return -1;
}

bool FieldMappingModel::link(int source, int target)
{
    if (source < 0 || size_t(source) >= m_mapping.sourceFields.size() || target < 0
        || size_t(target) >= m_mapping.targets.size())
        return false;
    const int owner = sourceOf(target);
    if (owner == source)
        return true;
    if (owner >= 0) {
        reject(tr("Column \"%1\" is already fed by \"%2\": each destination column can have only one source field. "
                  "Unmap \"%2\" first.")
                   .arg(m_mapping.targets[size_t(target)].name, m_mapping.sourceFields[size_t(owner)]));
        return false;
    }
    std::erase_if(m_mapping.links, [source](const FieldLink &l) { return l.source == source; });
    m_mapping.links.push_back({source, target});
    m_lastError.clear();
    emitAllChanged();
    return true;
}

void FieldMappingModel::unlinkSource(int source)
{
    if (std::erase_if(m_mapping.links, [source](const FieldLink &l) { return l.source == source; }) > 0)
        emitAllChanged();
}

int FieldMappingModel::mapByName()
{
    int added = 0;
    for (size_t t = 0; t < m_mapping.targets.size(); ++t) {
        if (sourceOf(int(t)) >= 0)
            continue;
        const QString name = m_mapping.targets[t].name;
        int match = -1;
        for (size_t s = 0; s < m_mapping.sourceFields.size() && match < 0; ++s) {
            if (targetOf(int(s)) < 0 && m_mapping.sourceFields[s].compare(name, Qt::CaseInsensitive) == 0)
                match = int(s);
        }
        for (size_t s = 0; s < m_mapping.sourceFields.size() && match < 0; ++s) {
            if (targetOf(int(s)) < 0 && lastSegment(m_mapping.sourceFields[s]).compare(name, Qt::CaseInsensitive) == 0)
                match = int(s);
        }
        if (match >= 0) {
            m_mapping.links.push_back({match, int(t)});
            ++added;
        }
    }
    m_lastError.clear();
    emitAllChanged();
    return added;
}

int FieldMappingModel::mapByRow()
{
    m_mapping.links.clear();
    const size_t n = std::min(m_mapping.sourceFields.size(), m_mapping.targets.size());
    for (size_t i = 0; i < n; ++i)
        m_mapping.links.push_back({int(i), int(i)});
    m_lastError.clear();
    emitAllChanged();
    return int(n);
}

void FieldMappingModel::clearLinks()
{
    m_mapping.links.clear();
    m_lastError.clear();
    emitAllChanged();
}

QStringList FieldMappingModel::targetNames() const
{
    QStringList names;
    for (const DestinationColumn &t : m_mapping.targets)
        names.append(t.name);
    return names;
}

int FieldMappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rows();
}

int FieldMappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldMappingModel::data(const QModelIndex &index, int role) const
{
    if (!isValidCell(index))
        return {};
    const size_t row = size_t(index.row());
    const bool hasSource = row < m_mapping.sourceFields.size();
    const bool hasTarget = row < m_mapping.targets.size();
    const bool display = role == Qt::DisplayRole || role == Qt::EditRole;

    switch (Column(index.column())) {
    case SourceField:
        if (display && hasSource)
            return m_mapping.sourceFields[row];
        break;
    case MappedTo:
        if (hasSource) {
            const int target = targetOf(int(row));
            if (display)
                return target >= 0 ? m_mapping.targets[size_t(target)].name : QString();
            if (role == Qt::ToolTipRole && target < 0)
                return tr("Not mapped: this field is not synchronized.");
        }
        break;
    case TargetColumn:
        if (display && hasTarget)
            return m_mapping.targets[row].name;
        break;
    case TargetType:
        if (display && hasTarget)
            return m_mapping.targets[row].type;
        break;
    case TargetSource:
        if (hasTarget) {
            const int source = sourceOf(int(row));
            if (role == UnmappedRole)
                return source < 0;
            if (display)
                return source >= 0 ? m_mapping.sourceFields[size_t(source)] : QStringLiteral("NULL");
            if (source < 0 && role == Qt::ForegroundRole)
                return QBrush(QColor(0x8a, 0x8a, 0x8a));
            if (source < 0 && role == Qt::FontRole) {
                QFont font;
                font.setItalic(true);
                return font;
            }
            if (source < 0 && role == Qt::ToolTipRole)
                return tr("No source field feeds this column: NULL is written.");
        }
        break;
    case ColumnCount:
        break;
    }
    return {};
}

bool FieldMappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isValidCell(index))
        return false;
    const size_t row = size_t(index.row());
    if (row >= m_mapping.sourceFields.size())
        return false;
    const QString text = value.toString().trimmed();

    if (index.column() == SourceField) {
        if (text == m_mapping.sourceFields[row])
            return true;
        if (text.isEmpty()) {
            reject(tr("A source field needs a name or JSON path, e.g. a.a1 or d[0].AA."));
            return false;
        }
        if (std::find(m_mapping.sourceFields.begin(), m_mapping.sourceFields.end(), text)
            != m_mapping.sourceFields.end()) {
            reject(tr("Source field \"%1\" is already listed; each field can be mapped only once.").arg(text));
            return false;
        }
        m_mapping.sourceFields[row] = text;
        m_lastError.clear();
        emitAllChanged(); // the TargetSource column of the linked row shows the new name too
        return true;
    }
    if (index.column() == MappedTo) {
        if (text.isEmpty()) {
            unlinkSource(int(row));
            return true;
        }
        for (size_t t = 0; t < m_mapping.targets.size(); ++t) {
            if (m_mapping.targets[t].name.compare(text, Qt::CaseInsensitive) == 0)
                return link(int(row), int(t));
        }
        reject(tr("The destination table has no column \"%1\"; allowed are: %2.")
                   .arg(text, targetNames().join(QStringLiteral(", "))));
        return false;
    }
    return false;
}

Qt::ItemFlags FieldMappingModel::flags(const QModelIndex &index) const
{
    if (!isValidCell(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const bool hasSource = size_t(index.row()) < m_mapping.sourceFields.size();
    if (hasSource && index.column() == SourceField)
        f |= Qt::ItemIsEditable;
    if (hasSource && index.column() == MappedTo && !m_mapping.targets.empty())
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant FieldMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case SourceField:
        return tr("Source field");
    case MappedTo:
        return tr("Mapped to");
    case TargetColumn:
        return tr("Destination column");
    case TargetType:
        return tr("Type");
    case TargetSource:
        return tr("Written from");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace kmsync::ui
