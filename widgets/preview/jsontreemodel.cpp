#include "widgets/preview/jsontreemodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include "engine/mapping/jsonpath.h"

namespace kmsync::ui {

using engine::mapping::JsonKind;
using engine::mapping::JsonPath;

namespace {

QString quotedKey(const std::string &key)
{
    QString out = QStringLiteral("[\"");
    for (const QChar c : QString::fromStdString(key)) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QStringLiteral("\"]");
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

QString JsonTreeModel::sourceFieldFor(const QString &canonicalPath)
{
    auto path = JsonPath::parse(canonicalPath);
    if (!path || !canonicalPath.contains(QLatin1String("[\"")))
        return canonicalPath;
    QString out;
    for (const JsonPath::Segment &segment : path->segments())
        out += segment.isIndex ? QStringLiteral("[%1]").arg(segment.index) : quotedKey(segment.key);
    return out;
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_nodes.clear();
    m_topLevel.clear();
    m_error.clear();
    endResetModel();
}

bool JsonTreeModel::setJson(const QByteArray &json)
{
    beginResetModel();
    m_nodes.clear();
    m_topLevel.clear();
    m_error.clear();
    auto flat = engine::mapping::flattenJson(std::string_view(json.constData(), size_t(json.size())));
    if (!flat) {
        m_error = flat.error().message;
        endResetModel();
        return false;
    }
    // flattenJson lists parents before their children, depth first: the open ancestors form a stack by depth.
    std::vector<int> open;
    m_nodes.reserve(flat->size());
    for (engine::mapping::JsonNode &json : *flat) {
        auto path = JsonPath::parse(json.path);
        const size_t depth = path ? path->segments().size() : 1;
        Node node;
        if (path && !path->segments().empty()) {
            const JsonPath::Segment &last = path->segments().back();
            node.label = last.isIndex ? QStringLiteral("[%1]").arg(last.index) : QString::fromStdString(last.key);
        } else {
            node.label = json.path;
        }
        node.json = std::move(json);
        while (open.size() >= depth)
            open.pop_back();
        const int id = int(m_nodes.size());
        node.parent = open.empty() ? -1 : open.back();
        std::vector<int> &siblings = node.parent < 0 ? m_topLevel : m_nodes[size_t(node.parent)].children;
        node.row = int(siblings.size());
        siblings.push_back(id);
        const bool container = node.json.kind == JsonKind::Object || node.json.kind == JsonKind::Array;
        m_nodes.push_back(std::move(node));
        if (container)
            open.push_back(id);
    }
    endResetModel();
    return true;
}

const JsonTreeModel::Node *JsonTreeModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() >= m_nodes.size())
        return nullptr;
    return &m_nodes[size_t(index.internalId())];
}

QModelIndex JsonTreeModel::indexForPath(const QString &path) const
{
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].json.path == path)
            return createIndex(m_nodes[i].row, Key, quintptr(i));
    }
    return {};
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && parent.column() != Key)
        return {};
    const std::vector<int> *children = &m_topLevel;
    if (parent.isValid()) {
        const Node *node = nodeAt(parent);
        if (!node)
            return {};
        children = &node->children;
    }
    if (row >= int(children->size()))
        return {};
    return createIndex(row, column, quintptr((*children)[size_t(row)]));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeAt(child);
    if (!node || node->parent < 0)
        return {};
    return createIndex(m_nodes[size_t(node->parent)].row, Key, quintptr(node->parent));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_topLevel.size());
    if (parent.column() != Key)
        return 0;
    const Node *node = nodeAt(parent);
    return node ? int(node->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString JsonTreeModel::kindText(JsonKind kind) const
{
    switch (kind) {
    case JsonKind::Object:
        return tr("object");
    case JsonKind::Array:
        return tr("array");
    case JsonKind::String:
        return tr("string");
    case JsonKind::Number:
        return tr("number");
    case JsonKind::Bool:
        return tr("boolean");
    case JsonKind::Null:
        return tr("null");
    }
    return {};
}

QString JsonTreeModel::valueText(const Node &node) const
{
    switch (node.json.kind) {
    case JsonKind::Object:
        return tr("{%n key(s)}", nullptr, int(node.children.size()));
    case JsonKind::Array:
        return tr("[%n element(s)]", nullptr, int(node.children.size()));
    case JsonKind::String:
        return QLatin1Char('"') + node.json.text + QLatin1Char('"');
    default:
        return node.json.text;
    }
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeAt(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Key)
            return node->label;
        if (index.column() == Value)
            return valueText(*node);
        return kindText(node->json.kind);
    case Qt::ToolTipRole:
        return tr("Click to add %1 as a source field").arg(sourceFieldFor(node->json.path));
    case Qt::ForegroundRole:
        if (index.column() != Key && node->json.kind == JsonKind::Null)
            return QBrush(QColor(0x75, 0x75, 0x75));
        return {};
    case PathRole:
        return node->json.path;
    case SourceFieldRole:
        return sourceFieldFor(node->json.path);
    case KindRole:
        return int(node->json.kind);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Kind:
        return tr("Type");
    default:
        return {};
    }
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    if (!node)
        return Qt::NoItemFlags;
    const bool container = node->json.kind == JsonKind::Object || node->json.kind == JsonKind::Array;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | (container ? Qt::NoItemFlags : Qt::ItemNeverHasChildren);
}

} // namespace kmsync::ui
