#include "engine/mapping/fieldprofile.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>

#include <simdjson.h>

#include <QJsonArray>
#include <QJsonObject>

#include "engine/core/value.h"
#include "engine/mapping/simdjsonvalue.h"
#include "engine/mapping/sourcevalue.h"
#include "engine/mapping/valueconverter.h"

namespace kmsync::engine::mapping {

QString profileKindName(ProfileKind kind)
{
    switch (kind) {
    case ProfileKind::Object:
        return QStringLiteral("object");
    case ProfileKind::Array:
        return QStringLiteral("array");
    case ProfileKind::String:
        return QStringLiteral("string");
    case ProfileKind::Number:
        return QStringLiteral("number");
    case ProfileKind::Boolean:
        return QStringLiteral("boolean");
    case ProfileKind::Null:
        return QStringLiteral("null");
    }
    return QString();
}

namespace {

constexpr int kSampleChars = 200;

ProfileKind kindOf(simdjson::dom::element_type type)
{
    switch (type) {
    case simdjson::dom::element_type::OBJECT:
        return ProfileKind::Object;
    case simdjson::dom::element_type::ARRAY:
        return ProfileKind::Array;
    case simdjson::dom::element_type::STRING:
        return ProfileKind::String;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
        return ProfileKind::Number;
    case simdjson::dom::element_type::BOOL:
        return ProfileKind::Boolean;
    case simdjson::dom::element_type::NULL_VALUE:
        return ProfileKind::Null;
    }
    return ProfileKind::Null;
}

// A value as a JSON sample: strings cut to kSampleChars characters, integers beyond ±2^53 as their decimal
// text (a JSON number there would lose digits), objects and arrays as their compact text when not empty.
QJsonValue sampleOf(simdjson::dom::element e)
{
    switch (e.type()) {
    case simdjson::dom::element_type::STRING: {
        QString text = QString::fromUtf8(std::string_view(e).data(), qsizetype(std::string_view(e).size()));
        if (text.size() > kSampleChars)
            text = text.left(kSampleChars) + QStringLiteral("...");
        return text;
    }
    case simdjson::dom::element_type::INT64: {
        const int64_t i = int64_t(e);
        constexpr int64_t kExact = int64_t(1) << 53;
        if (i > kExact || i < -kExact)
            return QString::number(i);
        return qint64(i);
    }
    case simdjson::dom::element_type::UINT64:
        return QString::number(quint64(uint64_t(e)));
    case simdjson::dom::element_type::DOUBLE:
        return double(e);
    case simdjson::dom::element_type::BOOL:
        return bool(e);
    case simdjson::dom::element_type::NULL_VALUE:
        return QJsonValue(QJsonValue::Null);
    case simdjson::dom::element_type::OBJECT:
        if (simdjson::dom::object(e).size() == 0)
            return QJsonObject();
        break;
    case simdjson::dom::element_type::ARRAY:
        if (simdjson::dom::array(e).size() == 0)
            return QJsonArray();
        break;
    }
    QString text = QString::fromStdString(simdjson::minify(e));
    if (text.size() > kSampleChars)
        text = text.left(kSampleChars) + QStringLiteral("...");
    return text;
}

ColumnType typeOf(TypeKind kind)
{
    ColumnType type;
    type.kind = kind;
    return type;
}

} // namespace

struct FieldProfiler::Impl
{
    struct Node
    {
        Node *parent = nullptr;
        JsonPath::Segment segment;
        // Children: object keys in the order last seen (with a hint for the next lookup) and a hash map once
        // there are many; array elements by index.
        std::vector<Node *> keyChildren;
        std::unordered_map<std::string, Node *> keyIndex; // filled when keyChildren grows past kHashFrom
        std::vector<Node *> indexChildren;
        std::vector<int> mappingIds; // indices into mappings when this path is mapped
        bool covered = false;        // mapped, or below a mapped path
        bool mappedBelow = false;    // a mapped path lies below this node
        int64_t lastMessage = -1;    // the message that last counted this node
        int64_t count = 0;
        int64_t order = -1; // when the node was first seen, for first-seen order
        std::array<int64_t, kProfileKinds> types{};
        int64_t integers = 0; // numbers in int64 range
        int64_t leaves = 0;   // occurrences as a scalar or an empty object/array
        int64_t scalars = 0;  // occurrences as a scalar
        // A leaf path: seen as a scalar, or only ever as an empty object/array (a path that was an empty array
        // in some messages and had elements in others is reported through its elements).
        bool isLeaf() const { return scalars > 0 || (leaves > 0 && keyChildren.empty() && indexChildren.empty()); }
        bool stringsAreDatetimes = true; // every string value seen reads as DATETIME
        QJsonValue sample;      // the first non-null value; JSON null (QJsonValue's default) until there is one
        bool wantSample = true; // a flag, not sample.isNull(): it is checked for every node of every message
    };
    static constexpr std::size_t kHashFrom = 16;

    // Key equality without a memcmp call for the short keys JSON objects mostly have.
    static bool sameKey(std::string_view a, std::string_view b)
    {
        if (a.size() != b.size())
            return false;
        if (a.size() > 16)
            return a == b;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i] != b[i])
                return false;
        }
        return true;
    }

    struct MappingState
    {
        ProfiledMapping spec;
        Node *node = nullptr;
        std::optional<ValueConverter> converter;
        int64_t conflicts = 0;
        QJsonValue conflictSample;
        QString conflictReason;
        int64_t seenIn = -1;            // the message in which the walk last reached this path
        simdjson::dom::element element; // what it reached there (valid until the next message)
    };

    // What a walk did at one node: the counts it added there.
    struct Step
    {
        Node *node;
        ProfileKind kind;
        bool integer; // a number in int64 range
        bool leaf;    // a scalar or an empty object/array
        bool scalar;
    };

    // Adds a walk's counts at one node, `times` over.
    static void count(const Step &step, int64_t times = 1)
    {
        Node *node = step.node;
        node->count += times;
        node->types[std::size_t(step.kind)] += times;
        node->integers += step.integer ? times : 0;
        node->leaves += step.leaf ? times : 0;
        node->scalars += step.scalar ? times : 0;
    }

    // Walks remembered by the shape of their document. Two documents of the same shape (the same tape of types
    // and object keys; the strings and numbers they hold aside, true and false alike) make the walk reach the
    // same nodes with the same counts and find the mapped paths at the same places of the tape. Without
    // checkTypes nothing else a walk does reads the values: a node takes its sample at its first non-null
    // value, which the shape's own walk saw. So a document shaped like one of the last few walked counts as one
    // more replay of that walk's steps (added to the nodes when the shape is dropped or the counts are read),
    // and the mapped elements it found there are the new document's (an element is a document and a tape
    // index, and the document is the same parser's). On the nested benchmark shape the comparison and the
    // replay cost 0.7k instructions per message, the walk 3.0k.
    struct Shape
    {
        // An object key as the string buffer holds it: its 32-bit length, then its bytes. Keys of up to 12
        // bytes are compared as two masked 64-bit words (the buffer has padding after its last string).
        struct Key
        {
            uint32_t at; // tape index
            std::array<uint64_t, 2> words{};
            std::array<uint64_t, 2> masks{};
            std::string bytes; // length and key, for longer keys
        };
        const simdjson::dom::document *document = nullptr;
        uint64_t rootWord = 0;        // tape[0], which holds the tape's length
        std::vector<uint64_t> expect; // per tape word, compared under `masks`: its type byte
        std::vector<uint64_t> masks;  // the type byte; 0 for a number's value word and for true/false
        std::vector<uint32_t> boolAt; // where true or false is: either will do
        std::vector<Key> keys;
        std::vector<Step> steps;
        std::vector<std::pair<int, simdjson::dom::element>> mapped; // mapping id, where it was found
        int64_t replays = 0; // documents of this shape counted since its steps were last added to the nodes
    };
    static constexpr std::size_t kShapes = 4;        // remembered, most recently used first
    static constexpr std::size_t kShapeWords = 4096; // longer tapes are walked every time
    static constexpr int kMissesToPause = 64;        // shapes that never repeat: stop comparing for a while
    static constexpr int64_t kPausedMessages = 4096;
    static constexpr uint64_t kPayload = 0x00FFFFFFFFFFFFFFULL;
    static constexpr uint64_t kTypeByte = ~kPayload;
    static constexpr std::size_t kShortKey = 2 * sizeof(uint64_t) - sizeof(uint32_t);

    std::vector<Shape> shapes;
    bool recording = false; // the walk keeps its steps in walkSteps
    std::vector<Step> walkSteps;
    int missesInRow = 0;
    int64_t pausedUntil = -1;
    int64_t shapeHits = 0;

    static uint8_t tagOf(uint64_t word) { return uint8_t(word >> 56); }
    static bool isNumberTag(uint8_t tag) { return tag == 'l' || tag == 'u' || tag == 'd'; }
    static uint64_t load64(const uint8_t *at)
    {
        uint64_t word = 0;
        std::memcpy(&word, at, sizeof word);
        return word;
    }

    static bool sameShape(const Shape &shape, const simdjson::dom::document &document)
    {
        const uint64_t *tape = document.tape.get();
        if (&document != shape.document || tape[0] != shape.rootWord)
            return false;
        const std::size_t n = shape.expect.size();
        uint64_t differ = 0;
        for (std::size_t i = 0; i < n; ++i)
            differ |= (tape[i] ^ shape.expect[i]) & shape.masks[i];
        if (differ != 0)
            return false;
        for (const uint32_t at : shape.boolAt) {
            const uint8_t tag = tagOf(tape[at]);
            if (tag != 't' && tag != 'f')
                return false;
        }
        const uint8_t *strings = document.string_buf.get();
        for (const Shape::Key &key : shape.keys) {
            const uint8_t *at = strings + (tape[key.at] & kPayload);
            if (key.bytes.empty()) {
                if (((load64(at) ^ key.words[0]) & key.masks[0]) != 0
                    || ((load64(at + sizeof(uint64_t)) ^ key.words[1]) & key.masks[1]) != 0)
                    return false;
            } else if (std::memcmp(at, key.bytes.data(), key.bytes.size()) != 0) {
                return false;
            }
        }
        return true;
    }

    // The shape of the document just walked, with the walk's steps.
    void remember(const simdjson::dom::document &document)
    {
        const uint64_t *tape = document.tape.get();
        const std::size_t n = std::size_t(tape[0] & kPayload); // the words up to the closing root word
        if (n > kShapeWords)
            return;
        Shape shape;
        if (shapes.size() == kShapes) {
            addReplays(shapes.back());
            shape = std::move(shapes.back());
            shapes.pop_back();
            shape.boolAt.clear();
            shape.keys.clear();
            shape.mapped.clear();
        }
        shape.document = &document;
        shape.rootWord = tape[0];
        shape.expect.assign(tape, tape + n);
        shape.masks.assign(n, kTypeByte);
        const uint8_t *strings = document.string_buf.get();
        // Which strings are keys: inside an object, the first string after its '{' and after each value.
        struct Scope
        {
            bool object;
            bool keyNext;
        };
        std::vector<Scope> scopes;
        const auto valueDone = [&scopes] {
            if (!scopes.empty() && scopes.back().object)
                scopes.back().keyNext = true;
        };
        for (std::size_t i = 1; i < n; ++i) {
            const uint8_t tag = tagOf(tape[i]);
            if (tag == '"' && !scopes.empty() && scopes.back().keyNext) {
                scopes.back().keyNext = false;
                const uint8_t *at = strings + (tape[i] & kPayload);
                uint32_t length = 0;
                std::memcpy(&length, at, sizeof length);
                Shape::Key key;
                key.at = uint32_t(i);
                if (length <= kShortKey) {
                    // the length, the key and its NUL are there to read; the rest is masked off
                    const std::size_t size = sizeof length + length;
                    for (std::size_t w = 0; w < 2; ++w) {
                        const std::size_t from = w * sizeof(uint64_t);
                        const std::size_t bytes = size > from ? std::min(size - from, sizeof(uint64_t)) : 0;
                        key.masks[w] = bytes == sizeof(uint64_t) ? ~uint64_t(0) : (uint64_t(1) << (8 * bytes)) - 1;
                        key.words[w] = bytes ? load64(at + from) & key.masks[w] : 0;
                    }
                } else {
                    key.bytes.assign(reinterpret_cast<const char *>(at), sizeof length + length);
                }
                shape.keys.push_back(std::move(key));
            } else if (tag == '{' || tag == '[') {
                scopes.push_back(Scope{tag == '{', tag == '{'});
            } else if (tag == '}' || tag == ']') {
                if (!scopes.empty())
                    scopes.pop_back();
                valueDone();
            } else if (isNumberTag(tag)) {
                shape.masks[++i] = 0; // the value's own word
                valueDone();
            } else {
                if (tag == 't' || tag == 'f') {
                    shape.masks[i] = 0;
                    shape.boolAt.push_back(uint32_t(i));
                }
                valueDone();
            }
        }
        shape.steps.swap(walkSteps);
        for (std::size_t id = 0; id < mappings.size(); ++id) {
            if (mappings[id].seenIn == messages)
                shape.mapped.emplace_back(int(id), mappings[id].element);
        }
        shapes.insert(shapes.begin(), std::move(shape));
    }

    // Adds a shape's replays to the nodes its walk reached.
    static void addReplays(Shape &shape)
    {
        if (shape.replays == 0)
            return;
        for (const Step &step : shape.steps)
            count(step, shape.replays);
        shape.replays = 0;
    }
    // Before the nodes' counts are read (logically const: the counts do not change, they are only brought up to
    // date).
    void addAllReplays()
    {
        for (Shape &shape : shapes)
            addReplays(shape);
    }

    // Counts the document by a remembered walk when one has its shape.
    bool replay(const simdjson::dom::document &document)
    {
        for (std::size_t s = 0; s < shapes.size(); ++s) {
            Shape &shape = shapes[s];
            if (!sameShape(shape, document))
                continue;
            ++shape.replays;
            for (const auto &[id, element] : shape.mapped) {
                mappings[std::size_t(id)].seenIn = messages;
                mappings[std::size_t(id)].element = element;
            }
            if (s > 0)
                std::rotate(shapes.begin(), shapes.begin() + std::ptrdiff_t(s), shapes.begin() + std::ptrdiff_t(s) + 1);
            ++shapeHits;
            return true;
        }
        return false;
    }

    Options options;
    std::deque<Node> nodes; // nodes[0] is the root; addresses are stable
    std::vector<MappingState> mappings;
    std::optional<ValueConverter> datetime;
    int64_t messages = 0;
    int64_t invalid = 0;
    int64_t nullValues = 0;
    int64_t nextOrder = 0;
    bool truncated = false;

    simdjson::dom::parser parser;
    std::string padded;
    std::string jsonBuffer;
    std::string problem;
    Value scratch;

    Node *root() { return &nodes.front(); }

    Node *newChild(Node *parent, JsonPath::Segment segment, bool force)
    {
        if (!force && int(nodes.size()) > options.maxPaths) {
            truncated = true;
            return nullptr;
        }
        Node &child = nodes.emplace_back();
        child.parent = parent;
        child.covered = parent->covered;
        child.segment = std::move(segment);
        if (child.segment.isIndex) {
            if (parent->indexChildren.size() <= child.segment.index)
                parent->indexChildren.resize(child.segment.index + 1, nullptr);
            parent->indexChildren[child.segment.index] = &child;
        } else {
            parent->keyChildren.push_back(&child);
            if (parent->keyChildren.size() == kHashFrom) {
                for (Node *n : parent->keyChildren)
                    parent->keyIndex.emplace(n->segment.key, n);
            } else if (parent->keyChildren.size() > kHashFrom) {
                parent->keyIndex.emplace(child.segment.key, &child);
            }
        }
        return &child;
    }

    // The child for key `key`, looked up at `hint` first (the position after the previous key of this object
    // in the previous message); nullptr when there is none.
    static Node *findKey(Node *parent, std::string_view key, std::size_t &hint)
    {
        auto &children = parent->keyChildren;
        if (hint < children.size() && sameKey(children[hint]->segment.key, key))
            return children[hint++];
        if (!parent->keyIndex.empty()) {
            const auto it = parent->keyIndex.find(std::string(key));
            if (it == parent->keyIndex.end())
                return nullptr;
            return it->second;
        }
        for (std::size_t i = 0; i < children.size(); ++i) {
            if (sameKey(children[i]->segment.key, key)) {
                hint = i + 1;
                return children[i];
            }
        }
        return nullptr;
    }

    void visit(simdjson::dom::element e, Node *node)
    {
        if (node->lastMessage == messages)
            return; // a repeated key: the first occurrence counted
        node->lastMessage = messages;
        if (node->order < 0)
            node->order = nextOrder++;
        const auto type = e.type();
        Step step{node, kindOf(type), type == simdjson::dom::element_type::INT64, true, true};
        if (type == simdjson::dom::element_type::OBJECT) {
            step.scalar = false;
            step.leaf = simdjson::dom::object(e).size() == 0;
        } else if (type == simdjson::dom::element_type::ARRAY) {
            step.scalar = false;
            step.leaf = simdjson::dom::array(e).size() == 0;
        }
        count(step);
        if (recording)
            walkSteps.push_back(step);
        const ProfileKind kind = step.kind;
        if (node->wantSample && kind != ProfileKind::Null && (!node->covered || !node->mappingIds.empty())) {
            node->sample = sampleOf(e);
            node->wantSample = false;
        }
        if (options.checkTypes && type == simdjson::dom::element_type::STRING && node->stringsAreDatetimes
            && (!node->covered || !node->mappingIds.empty())) {
            node->stringsAreDatetimes = datetime->convert(SourceValue::fromText(std::string_view(e)), scratch, nullptr);
        }
        for (const int id : node->mappingIds) {
            MappingState &m = mappings[std::size_t(id)];
            m.seenIn = messages;
            m.element = e;
            checkMapping(m, e);
        }
        if (node->covered && !node->mappedBelow)
            return;
        // Below a covered node only the pre-made nodes towards deeper mapped paths are followed.
        const bool grow = !node->covered;
        if (type == simdjson::dom::element_type::OBJECT) {
            std::size_t hint = 0;
            for (const auto field : simdjson::dom::object(e)) {
                Node *child = findKey(node, field.key, hint);
                if (!child) {
                    if (!grow)
                        continue;
                    JsonPath::Segment segment;
                    segment.key = std::string(field.key);
                    child = newChild(node, std::move(segment), false);
                    if (!child)
                        continue;
                    hint = node->keyChildren.size();
                }
                visit(field.value, child);
            }
        } else if (type == simdjson::dom::element_type::ARRAY) {
            std::size_t index = 0;
            for (const auto element : simdjson::dom::array(e)) {
                Node *child = index < node->indexChildren.size() ? node->indexChildren[index] : nullptr;
                if (!child && grow) {
                    JsonPath::Segment segment;
                    segment.isIndex = true;
                    segment.index = index;
                    child = newChild(node, std::move(segment), false);
                }
                if (child)
                    visit(element, child);
                ++index;
            }
        }
    }

    void checkMapping(MappingState &m, simdjson::dom::element e)
    {
        if (!m.converter)
            return;
        const SourceValue value = sourceValueOf(e, jsonBuffer);
        problem.clear();
        if (m.converter->convert(value, scratch, &problem))
            return;
        if (m.conflicts++ == 0) {
            m.conflictSample = sampleOf(e);
            m.conflictReason = QStringLiteral("cannot convert %1 to %2")
                                   .arg(QString::fromStdString(ValueConverter::describe(value)),
                                        m.converter->type().toString());
            if (!problem.empty())
                m.conflictReason += QStringLiteral(" (%1)").arg(QString::fromStdString(problem));
        }
    }

    // The document a parser's last parse() left, by its tape when the shape memo is on, else walked.
    void add(const simdjson::dom::document &document)
    {
        ++messages;
        const bool memo = options.memoizeShapes && !options.checkTypes && messages > pausedUntil;
        if (memo && replay(document)) {
            missesInRow = 0;
            return;
        }
        if (memo)
            walkSteps.clear(); // what a walk that was not remembered (a tape too long) left there
        recording = memo;
        visit(document.root(), root());
        recording = false;
        if (!memo)
            return;
        if (++missesInRow >= kMissesToPause) {
            pausedUntil = messages + kPausedMessages;
            missesInRow = 0;
            addAllReplays();
            shapes.clear();
            return;
        }
        remember(document);
    }

    static JsonPath pathOf(const Node *node)
    {
        std::vector<const Node *> chain;
        for (const Node *n = node; n && n->parent; n = n->parent)
            chain.push_back(n);
        JsonPath path;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
            path.append((*it)->segment);
        return path;
    }

    ColumnType inferred(const Node &n) const
    {
        const auto at = [&n](ProfileKind k) { return n.types[std::size_t(k)]; };
        const int64_t nonNull = n.count - at(ProfileKind::Null);
        if (nonNull <= 0)
            return typeOf(TypeKind::String);
        if (at(ProfileKind::Number) == nonNull)
            return typeOf(n.integers == nonNull ? TypeKind::BigInt : TypeKind::Double);
        if (at(ProfileKind::Boolean) == nonNull)
            return typeOf(TypeKind::Boolean);
        if (options.checkTypes && at(ProfileKind::String) == nonNull && n.stringsAreDatetimes)
            return typeOf(TypeKind::DateTime);
        return typeOf(TypeKind::String);
    }
};

FieldProfiler::FieldProfiler(std::vector<ProfiledMapping> mappings, const Options &options)
    : m_impl(std::make_unique<Impl>())
{
    Impl &d = *m_impl;
    d.options = options;
    d.nodes.emplace_back();
    if (options.checkTypes)
        d.datetime.emplace(typeOf(TypeKind::DateTime), options.timeZone, false);
    for (ProfiledMapping &m : mappings) {
        Impl::MappingState state;
        Impl::Node *node = d.root();
        for (const JsonPath::Segment &segment : m.path.segments()) {
            node->mappedBelow = true;
            Impl::Node *child = nullptr;
            if (segment.isIndex) {
                if (segment.index < node->indexChildren.size())
                    child = node->indexChildren[segment.index];
            } else {
                std::size_t hint = 0;
                child = Impl::findKey(node, segment.key, hint);
            }
            node = child ? child : d.newChild(node, segment, true);
        }
        if (node != d.root()) {
            node->covered = true;
            node->mappingIds.push_back(int(d.mappings.size()));
        }
        state.node = node;
        if (options.checkTypes && m.type)
            state.converter.emplace(*m.type, options.timeZone, options.emptyAsNull);
        state.spec = std::move(m);
        d.mappings.push_back(std::move(state));
    }
    // Nodes below a mapped path made for a deeper mapping are covered too.
    for (Impl::Node &n : d.nodes) {
        for (const Impl::Node *p = n.parent; p && !n.covered; p = p->parent)
            n.covered = !p->mappingIds.empty();
    }
}

FieldProfiler::FieldProfiler(FieldProfiler &&) noexcept = default;
FieldProfiler &FieldProfiler::operator=(FieldProfiler &&) noexcept = default;
FieldProfiler::~FieldProfiler() = default;

bool FieldProfiler::addJson(std::string_view json)
{
    Impl &d = *m_impl;
    const char *input = parseInput(json, nullptr, d.padded);
    if (d.parser.parse(input, json.size(), false).error() != simdjson::SUCCESS) {
        addInvalid();
        return false;
    }
    d.add(d.parser.doc);
    return true;
}

void FieldProfiler::addParsed(const void *parser)
{
    m_impl->add(static_cast<const simdjson::dom::parser *>(parser)->doc);
}

int64_t FieldProfiler::shapeHits() const
{
    return m_impl->shapeHits;
}

bool FieldProfiler::mappedElement(std::size_t mapping, const void *&element) const
{
    const Impl &d = *m_impl;
    if (mapping >= d.mappings.size() || d.mappings[mapping].node == &d.nodes.front())
        return false; // not tracked (a path to the root itself)
    const Impl::MappingState &m = d.mappings[mapping];
    element = m.seenIn == d.messages ? &m.element : nullptr;
    return true;
}

void FieldProfiler::addNullValue()
{
    ++m_impl->messages;
    ++m_impl->nullValues;
}

void FieldProfiler::addInvalid()
{
    ++m_impl->messages;
    ++m_impl->invalid;
}

int64_t FieldProfiler::unmappedCount() const
{
    m_impl->addAllReplays();
    int64_t n = 0;
    for (const Impl::Node &node : m_impl->nodes)
        n += node.isLeaf() && !node.covered && node.parent ? 1 : 0;
    return n;
}

int64_t FieldProfiler::neverSeenCount() const
{
    m_impl->addAllReplays();
    int64_t n = 0;
    for (const Impl::MappingState &m : m_impl->mappings)
        n += m.node->count == 0 ? 1 : 0;
    return n;
}

FieldProfile FieldProfiler::profile() const
{
    m_impl->addAllReplays();
    const Impl &d = *m_impl;
    FieldProfile out;
    out.messages = d.messages;
    out.invalid = d.invalid;
    out.nullValues = d.nullValues;
    out.truncated = d.truncated;
    std::vector<const Impl::Node *> leaves;
    for (const Impl::Node &node : d.nodes) {
        if (node.parent && node.isLeaf() && (!node.covered || !node.mappingIds.empty()))
            leaves.push_back(&node);
    }
    std::sort(leaves.begin(), leaves.end(),
              [](const Impl::Node *a, const Impl::Node *b) { return a->order < b->order; });
    for (const Impl::Node *node : leaves) {
        FieldProfile::Path p;
        p.path = Impl::pathOf(node).toString();
        p.count = node->count;
        p.types = node->types;
        p.sample = node->sample;
        p.mapped = node->covered;
        p.inferredType = d.inferred(*node);
        out.paths.push_back(std::move(p));
    }
    for (const Impl::MappingState &m : d.mappings) {
        FieldProfile::Mapping p;
        p.sourceField = m.spec.sourceField;
        p.path = m.spec.path.toString();
        p.column = m.spec.column;
        p.type = m.spec.type;
        p.count = m.node->count;
        p.conflicts = m.conflicts;
        p.conflictSample = m.conflictSample;
        p.conflictReason = m.conflictReason;
        out.mappings.push_back(std::move(p));
    }
    return out;
}

} // namespace kmsync::engine::mapping
