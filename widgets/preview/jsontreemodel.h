#pragma once

#include <vector>

#include <QAbstractItemModel>
#include <QByteArray>
#include <QString>

#include "engine/mapping/flattenjson.h"

namespace kmsync::ui {

// A read-only tree of one JSON document (a Kafka message value) for the message preview: key or [index], value
// text and kind per node. Built from engine::mapping::flattenJson(), so every node's path is exactly the one the
// mapper resolves (PathRole) and SourceFieldRole is the spelling to put into the reader's column list.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { Key, Value, Kind, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString: canonical path (a.b, c[1], page["ref.domain"])
        SourceFieldRole,             // QString: the source field to add (see sourceFieldFor())
        KindRole,                    // int: engine::mapping::JsonKind
    };

    explicit JsonTreeModel(QObject *parent = nullptr);

    // Shows `json`; on invalid JSON the model is empty and errorString() says why. Returns whether it parsed.
    bool setJson(const QByteArray &json);
    void clear();
    QString errorString() const { return m_error; }

    // The index of the node with this canonical path (column Key), or an invalid index.
    QModelIndex indexForPath(const QString &path) const;

    // The reader column for a canonical path: the path itself when no key needs quoting; otherwise every key
    // written as a quoted segment, as DataWorks tasks spell it: page["ref.domain"] -> ["page"]["ref.domain"].
    static QString sourceFieldFor(const QString &canonicalPath);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node
    {
        engine::mapping::JsonNode json;
        QString label;   // key, or [index]
        int parent = -1; // index into m_nodes; -1 = top level
        int row = 0;     // position among the parent's children
        std::vector<int> children;
    };
    const Node *nodeAt(const QModelIndex &index) const;
    QString valueText(const Node &node) const;
    QString kindText(engine::mapping::JsonKind kind) const;

    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
    QString m_error;
};

} // namespace kmsync::ui
