#include "engine/mapping/flattenjson.h"

#include <string>

#include <simdjson.h>

#include "engine/mapping/jsonpath.h"
#include "engine/mapping/jsontext.h"

namespace kmsync::engine::mapping {

namespace {

void visit(simdjson::dom::element e, JsonPath &path, std::vector<JsonNode> &out, bool isRoot)
{
    JsonNode node;
    if (!isRoot)
        node.path = path.toString();
    std::string text;
    switch (e.type()) {
    case simdjson::dom::element_type::OBJECT:
        node.kind = JsonKind::Object;
        text = simdjson::minify(e);
        break;
    case simdjson::dom::element_type::ARRAY:
        node.kind = JsonKind::Array;
        text = simdjson::minify(e);
        break;
    case simdjson::dom::element_type::STRING:
        node.kind = JsonKind::String;
        text = std::string(std::string_view(e));
        break;
    case simdjson::dom::element_type::INT64:
        node.kind = JsonKind::Number;
        text = std::to_string(int64_t(e));
        break;
    case simdjson::dom::element_type::UINT64:
        node.kind = JsonKind::Number;
        text = std::to_string(uint64_t(e));
        break;
    case simdjson::dom::element_type::DOUBLE:
        node.kind = JsonKind::Number;
        appendDouble(text, double(e));
        break;
    case simdjson::dom::element_type::BOOL:
        node.kind = JsonKind::Bool;
        text = bool(e) ? "true" : "false";
        break;
    case simdjson::dom::element_type::NULL_VALUE:
        node.kind = JsonKind::Null;
        text = "null";
        break;
    }
    if (!isRoot) {
        node.text = QString::fromStdString(text);
        out.push_back(std::move(node));
    }
    if (e.type() == simdjson::dom::element_type::OBJECT) {
        for (const auto field : simdjson::dom::object(e)) {
            JsonPath::Segment seg;
            seg.key = std::string(field.key);
            path.append(std::move(seg));
            visit(field.value, path, out, false);
            path.removeLast();
        }
    } else if (e.type() == simdjson::dom::element_type::ARRAY) {
        std::size_t index = 0;
        for (const auto child : simdjson::dom::array(e)) {
            JsonPath::Segment seg;
            seg.isIndex = true;
            seg.index = index++;
            path.append(std::move(seg));
            visit(child, path, out, false);
            path.removeLast();
        }
    }
}

} // namespace

Result<std::vector<JsonNode>> flattenJson(std::string_view json)
{
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(json);
    simdjson::dom::element root;
    const auto error = parser.parse(padded).get(root);
    if (error != simdjson::SUCCESS) {
        QString message = QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(error)));
        if (const auto offset = jsonErrorOffset(json))
            message += QStringLiteral(" at byte %1").arg(*offset);
        return makeError(QStringLiteral("mapping.json"), message);
    }
    std::vector<JsonNode> out;
    JsonPath path;
    visit(root, path, out, true);
    return out;
}

} // namespace kmsync::engine::mapping
