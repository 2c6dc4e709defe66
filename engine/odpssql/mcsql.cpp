#include "engine/odpssql/mcsql.h"

#include <QSet>

namespace kmsync::engine::odpssql {

namespace {

constexpr int kMaxNameBytes = 128;
constexpr int kMaxCommentBytes = 1024;
constexpr int kMaxColumns = 1200;
constexpr int kMaxPartitionLevels = 6;

enum class TokenKind { Word, QuotedName, String, Number, Symbol, End };

struct Token
{
    TokenKind kind = TokenKind::End;
    QString text;   // identifier / keyword as written, string contents unescaped, the symbol itself
    int offset = 0; // 0-based position in the statement text
};

QString describe(const Token &t)
{
    switch (t.kind) {
    case TokenKind::End:
        return QStringLiteral("the end of the statement");
    case TokenKind::String:
        return QStringLiteral("string '%1'").arg(t.text.left(40));
    case TokenKind::QuotedName:
        return QStringLiteral("`%1`").arg(t.text);
    default:
        return QStringLiteral("\"%1\"").arg(t.text.left(40));
    }
}

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    {
    }

    // See ddlUsesOdps2Types (mcsql.h).
    bool usesOdps2Types()
    {
        if (!lex(Lexing::Lenient).ok()) // a lenient lexer does not fail
            return false;
        if (!(isKeyword(peek(), "CREATE") || isKeyword(peek(), "ALTER")) || !isKeyword(peek(1), "TABLE"))
            return false;
        for (m_pos = 2; peek().kind != TokenKind::End; ++m_pos) {
            if (peek().kind != TokenKind::Word)
                continue;
            const int at = m_pos;
            const auto type = columnType(QString());
            m_pos = at;
            if (type.ok() && type->isOdps2())
                return true;
        }
        return false;
    }

    Result<std::vector<McStatement>> script()
    {
        if (auto lexed = lex(); !lexed.ok())
            return lexed.error();
        std::vector<McStatement> statements;
        while (true) {
            while (isSymbol(peek(), u';'))
                ++m_pos;
            if (peek().kind == TokenKind::End)
                break;
            auto stmt = statement();
            if (!stmt.ok())
                return stmt.error();
            statements.push_back(std::move(stmt.value()));
            if (peek().kind != TokenKind::End && !isSymbol(peek(), u';'))
                return expected(QStringLiteral("\";\" or the end of the statement"));
        }
        if (statements.empty())
            return error(peek(), QStringLiteral("expected CREATE TABLE, DROP TABLE or ALTER TABLE, found %1")
                                     .arg(describe(peek())));
        return statements;
    }

private:
    // ---- lexer --------------------------------------------------------------------------------

    // Lenient: a character outside the grammar is a symbol of its own, an unclosed quote is a symbol and an
    // unclosed comment ends the text; Strict: these are errors.
    enum class Lexing { Strict, Lenient };

    Result<void> lex(Lexing mode = Lexing::Strict)
    {
        const bool lenient = mode == Lexing::Lenient;
        const int n = int(m_text.size());
        int i = 0;
        while (i < n) {
            const QChar c = m_text.at(i);
            if (c.isSpace()) {
                ++i;
                continue;
            }
            if (c == u'-' && i + 1 < n && m_text.at(i + 1) == u'-') {
                while (i < n && m_text.at(i) != u'\n')
                    ++i;
                continue;
            }
            if (c == u'/' && i + 1 < n && m_text.at(i + 1) == u'*') {
                const int end = int(m_text.indexOf(QStringLiteral("*/"), i + 2));
                if (end < 0 && !lenient)
                    return positionError(i, QStringLiteral("the /* comment is never closed with */"));
                i = end < 0 ? n : end + 2;
                continue;
            }
            Token t;
            t.offset = i;
            if (c == u'`') {
                t.kind = TokenKind::QuotedName;
                ++i;
                bool closed = false;
                while (i < n) {
                    if (m_text.at(i) == u'`') {
                        if (i + 1 < n && m_text.at(i + 1) == u'`') {
                            t.text += u'`';
                            i += 2;
                            continue;
                        }
                        closed = true;
                        ++i;
                        break;
                    }
                    t.text += m_text.at(i++);
                }
                if (!closed && lenient) {
                    t = Token{TokenKind::Symbol, QString(c), t.offset};
                    i = t.offset + 1;
                } else if (!closed) {
                    return positionError(t.offset, QStringLiteral("the `quoted name is never closed with a backtick"));
                } else if (t.text.isEmpty() && !lenient) {
                    return positionError(t.offset, QStringLiteral("expected a name between the backticks, found ``"));
                }
            } else if (c == u'\'' || c == u'"') {
                t.kind = TokenKind::String;
                ++i;
                bool closed = false;
                while (i < n) {
                    const QChar d = m_text.at(i);
                    if (d == u'\\' && i + 1 < n) {
                        const QChar e = m_text.at(i + 1);
                        switch (e.unicode()) {
                        case 'n':
                            t.text += u'\n';
                            break;
                        case 't':
                            t.text += u'\t';
                            break;
                        case 'r':
                            t.text += u'\r';
                            break;
                        case 'b':
                            t.text += u'\b';
                            break;
                        case '0':
                            t.text += QChar(0);
                            break;
                        default:
                            t.text += e;
                            break;
                        }
                        i += 2;
                        continue;
                    }
                    if (d == c) {
                        if (i + 1 < n && m_text.at(i + 1) == c) { // SQL-style doubled quote
                            t.text += c;
                            i += 2;
                            continue;
                        }
                        closed = true;
                        ++i;
                        break;
                    }
                    t.text += d;
                    ++i;
                }
                if (!closed && lenient) {
                    t = Token{TokenKind::Symbol, QString(c), t.offset};
                    i = t.offset + 1;
                } else if (!closed) {
                    return positionError(t.offset,
                                         QStringLiteral("the string starting here is never closed with %1").arg(c));
                }
            } else if (c.isDigit() || (c == u'-' && i + 1 < n && m_text.at(i + 1).isDigit())) {
                t.kind = TokenKind::Number;
                t.text += c;
                ++i;
                while (i < n && (m_text.at(i).isLetterOrNumber() || m_text.at(i) == u'_'))
                    t.text += m_text.at(i++);
            } else if (c.isLetter() || c == u'_' || c.unicode() > 127) {
                t.kind = TokenKind::Word;
                while (i < n
                       && (m_text.at(i).isLetterOrNumber() || m_text.at(i) == u'_' || m_text.at(i).unicode() > 127))
                    t.text += m_text.at(i++);
            } else if (QStringLiteral("(),.;=").contains(c) || lenient) {
                t.kind = TokenKind::Symbol;
                t.text = c;
                ++i;
            } else {
                return positionError(i, QStringLiteral("unexpected character \"%1\"").arg(c));
            }
            m_tokens.push_back(std::move(t));
        }
        Token end;
        end.offset = n;
        m_tokens.push_back(end);
        return {};
    }

    // ---- helpers ------------------------------------------------------------------------------

    const Token &peek(int ahead = 0) const
    {
        const size_t idx = std::min(m_tokens.size() - 1, size_t(m_pos + ahead));
        return m_tokens[idx];
    }
    static bool isSymbol(const Token &t, char16_t s) { return t.kind == TokenKind::Symbol && t.text.at(0) == QChar(s); }
    static bool isKeyword(const Token &t, const char *kw)
    {
        return t.kind == TokenKind::Word && t.text.compare(QLatin1String(kw), Qt::CaseInsensitive) == 0;
    }
    bool acceptKeyword(const char *kw)
    {
        if (!isKeyword(peek(), kw))
            return false;
        ++m_pos;
        return true;
    }
    bool acceptSymbol(char16_t s)
    {
        if (!isSymbol(peek(), s))
            return false;
        ++m_pos;
        return true;
    }

    QString where(int offset) const
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < int(m_text.size()); ++i) {
            if (m_text.at(i) == u'\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return QStringLiteral("line %1, column %2").arg(line).arg(column);
    }
    Error positionError(int offset, const QString &what, const char *code = "mcsql.syntax") const
    {
        return makeError(QString::fromLatin1(code), QStringLiteral("%1: %2").arg(where(offset), what));
    }
    Error error(const Token &t, const QString &what, const char *code = "mcsql.syntax") const
    {
        return positionError(t.offset, what, code);
    }
    Error expected(const QString &what) const
    {
        return error(peek(), QStringLiteral("expected %1, found %2").arg(what, describe(peek())));
    }
    Result<void> expectKeyword(const char *kw)
    {
        if (acceptKeyword(kw))
            return {};
        return expected(QString::fromLatin1(kw));
    }
    Result<void> expectSymbol(char16_t s, const QString &context)
    {
        if (acceptSymbol(s))
            return {};
        return expected(QStringLiteral("\"%1\" %2").arg(QChar(s), context));
    }

    Result<QString> name(const QString &what)
    {
        const Token &t = peek();
        if (t.kind != TokenKind::Word && t.kind != TokenKind::QuotedName)
            return expected(what);
        ++m_pos;
        const QString lower = t.text.toLower();
        if (lower.toUtf8().size() > kMaxNameBytes) {
            return error(t, QStringLiteral("%1 \"%2\" is longer than %3 bytes").arg(what, t.text).arg(kMaxNameBytes),
                         "mcsql.limit");
        }
        return lower;
    }

    Result<TableRef> tableRef()
    {
        const Token first = peek();
        auto a = name(QStringLiteral("a table name"));
        if (!a.ok())
            return a.error();
        TableRef ref;
        ref.name = a.value();
        if (acceptSymbol(u'.')) {
            auto b = name(QStringLiteral("a table name after \"%1.\"").arg(ref.name));
            if (!b.ok())
                return b.error();
            ref.project = ref.name;
            ref.name = b.value();
        }
        // MaxCompute: letters, digits and '_', starting with a letter.
        bool valid = !ref.name.isEmpty() && ref.name.at(0).isLetter() && ref.name.at(0).unicode() < 128;
        for (const QChar c : ref.name)
            valid = valid && c.unicode() < 128 && (c.isLetterOrNumber() || c == u'_');
        if (!valid) {
            return error(first, QStringLiteral("table name \"%1\" is not allowed: use letters, digits and '_', "
                                               "starting with a letter")
                                    .arg(ref.name));
        }
        return ref;
    }

    Result<QString> stringLiteral(const QString &what)
    {
        const Token &t = peek();
        if (t.kind != TokenKind::String)
            return expected(what);
        ++m_pos;
        if (t.text.toUtf8().size() > kMaxCommentBytes)
            return error(t, QStringLiteral("the comment is longer than %1 bytes").arg(kMaxCommentBytes), "mcsql.limit");
        return t.text;
    }

    // TYPE or TYPE(n) or TYPE(p, s); validated by ColumnType::parse.
    Result<ColumnType> columnType(const QString &column)
    {
        const Token &t = peek();
        if (t.kind != TokenKind::Word)
            return expected(QStringLiteral("a type for column \"%1\" (one of %2)").arg(column, allowedTypeNames()));
        ++m_pos;
        QString text = t.text;
        if (acceptSymbol(u'(')) {
            text += u'(';
            while (true) {
                if (peek().kind != TokenKind::Number)
                    return expected(QStringLiteral("a number in the arguments of type %1").arg(t.text.toUpper()));
                text += peek().text;
                ++m_pos;
                if (acceptSymbol(u')'))
                    break;
                if (!acceptSymbol(u','))
                    return expected(QStringLiteral("\",\" or \")\" in the arguments of type %1").arg(t.text.toUpper()));
                text += u',';
            }
            text += u')';
        }
        auto type = ColumnType::parse(text);
        if (!type.ok())
            return error(t, QStringLiteral("column \"%1\": %2").arg(column, type.error().message), "mcsql.type");
        return type.value();
    }

    // Data columns of CREATE TABLE (NOT NULL allowed), its partition keys, or the columns of ADD COLUMNS.
    enum class ColumnList { Data, PartitionKeys, Added };

    Result<void> columnList(CreateTable &create, ColumnList kind, QSet<QString> &seen)
    {
        const bool partitionKeys = kind == ColumnList::PartitionKeys;
        const QString context = partitionKeys             ? QStringLiteral("after PARTITIONED BY")
                              : kind == ColumnList::Added ? QStringLiteral("after ADD COLUMNS")
                                                          : QStringLiteral("after the table name");
        if (auto r = expectSymbol(u'(', context); !r.ok())
            return r;
        while (true) {
            const Token nameToken = peek();
            auto col = name(partitionKeys ? QStringLiteral("a partition key name") : QStringLiteral("a column name"));
            if (!col.ok())
                return col.error();
            if (seen.contains(col.value()))
                return error(nameToken, QStringLiteral("column \"%1\" is defined twice").arg(col.value()));
            seen.insert(col.value());
            const Token typeToken = peek();
            auto type = columnType(col.value());
            if (!type.ok())
                return type.error();
            if (partitionKeys && !isPartitionKeyType(type.value())) {
                return error(typeToken,
                             QStringLiteral("partition key \"%1\" cannot be %2; allowed: STRING, VARCHAR, "
                                            "CHAR, TINYINT, SMALLINT, INT, BIGINT")
                                 .arg(col.value(), type->toString()),
                             "mcsql.type");
            }
            ColumnDef def{col.value(), type.value(), QString()};
            if (kind == ColumnList::Data && isKeyword(peek(), "NOT")) {
                ++m_pos;
                if (auto r = expectKeyword("NULL"); !r.ok())
                    return r;
                create.notNullColumns << def.name;
            }
            if (acceptKeyword("COMMENT")) {
                auto c = stringLiteral(QStringLiteral("a quoted comment after COMMENT"));
                if (!c.ok())
                    return c.error();
                def.comment = c.value();
            }
            auto &list = partitionKeys ? create.schema.partitionKeys : create.schema.columns;
            list.push_back(std::move(def));
            if (acceptSymbol(u')'))
                break;
            if (!acceptSymbol(u',')) {
                return expected(partitionKeys ? QStringLiteral("\",\" or \")\" after a partition key")
                                : kind == ColumnList::Added
                                    ? QStringLiteral("\",\", \")\" or COMMENT after a column")
                                    : QStringLiteral("\",\", \")\", NOT NULL or COMMENT after a column"));
            }
        }
        return {};
    }

    Result<McStatement> createTable()
    {
        CreateTable create;
        if (acceptKeyword("IF")) {
            if (auto r = expectKeyword("NOT"); !r.ok())
                return r.error();
            if (auto r = expectKeyword("EXISTS"); !r.ok())
                return r.error();
            create.ifNotExists = true;
        }
        auto ref = tableRef();
        if (!ref.ok())
            return ref.error();
        create.table = ref.value();
        create.schema.name = create.table.name;
        QSet<QString> seen;
        const Token open = peek();
        if (auto r = columnList(create, ColumnList::Data, seen); !r.ok())
            return r.error();
        if (int(create.schema.columns.size()) > kMaxColumns)
            return error(open, QStringLiteral("a table has at most %1 columns").arg(kMaxColumns), "mcsql.limit");
        if (acceptKeyword("COMMENT")) {
            auto c = stringLiteral(QStringLiteral("a quoted table comment after COMMENT"));
            if (!c.ok())
                return c.error();
            create.comment = c.value();
        }
        if (acceptKeyword("PARTITIONED")) {
            if (auto r = expectKeyword("BY"); !r.ok())
                return r.error();
            const Token popen = peek();
            if (auto r = columnList(create, ColumnList::PartitionKeys, seen); !r.ok())
                return r.error();
            if (int(create.schema.partitionKeys.size()) > kMaxPartitionLevels) {
                return error(popen, QStringLiteral("a table has at most %1 partition levels").arg(kMaxPartitionLevels),
                             "mcsql.limit");
            }
        }
        if (acceptKeyword("LIFECYCLE")) {
            const Token &t = peek();
            bool ok = false;
            const int days = t.kind == TokenKind::Number ? t.text.toInt(&ok) : 0;
            if (!ok || days <= 0)
                return expected(QStringLiteral("a positive number of days after LIFECYCLE"));
            ++m_pos;
            create.lifecycle = days;
        }
        if (peek().kind != TokenKind::End && !isSymbol(peek(), u';')) {
            QString next;
            if (!create.lifecycle)
                next = QStringLiteral("LIFECYCLE, ");
            if (create.schema.partitionKeys.empty() && !create.lifecycle)
                next = QStringLiteral("PARTITIONED BY, ") + next;
            if (create.comment.isEmpty() && create.schema.partitionKeys.empty() && !create.lifecycle)
                next = QStringLiteral("COMMENT, ") + next;
            return expected(next + QStringLiteral("\";\" or the end of the statement"));
        }
        return McStatement{std::move(create)};
    }

    Result<PartitionSpec> partitionSpec()
    {
        if (auto r = expectSymbol(u'(', QStringLiteral("after PARTITION")); !r.ok())
            return r.error();
        PartitionSpec spec;
        while (true) {
            const Token keyToken = peek();
            auto key = name(QStringLiteral("a partition key name"));
            if (!key.ok())
                return key.error();
            for (const auto &kv : spec.levels) {
                if (kv.first == key.value())
                    return error(keyToken, QStringLiteral("partition key \"%1\" is given twice").arg(key.value()));
            }
            if (auto r = expectSymbol(u'=', QStringLiteral("after partition key \"%1\"").arg(key.value())); !r.ok())
                return r.error();
            const Token &v = peek();
            if (v.kind != TokenKind::String && v.kind != TokenKind::Number && v.kind != TokenKind::Word)
                return expected(QStringLiteral("a value for partition key \"%1\", e.g. '2022112200'").arg(key.value()));
            if (v.text.isEmpty())
                return error(v, QStringLiteral("the value of partition key \"%1\" is empty").arg(key.value()));
            spec.levels.emplace_back(key.value(), v.text);
            ++m_pos;
            if (acceptSymbol(u')'))
                break;
            if (!acceptSymbol(u','))
                return expected(QStringLiteral("\",\" or \")\" in the partition spec"));
        }
        return spec;
    }

    Result<McStatement> alterTable()
    {
        auto ref = tableRef();
        if (!ref.ok())
            return ref.error();
        const bool add = acceptKeyword("ADD");
        if (!add && !acceptKeyword("DROP"))
            return expected(QStringLiteral("ADD or DROP after ALTER TABLE %1").arg(ref->name));
        if (add && acceptKeyword("COLUMNS"))
            return addColumns(ref.value());
        bool ifClause = false;
        if (acceptKeyword("IF")) {
            if (add) {
                if (auto r = expectKeyword("NOT"); !r.ok())
                    return r.error();
            }
            if (auto r = expectKeyword("EXISTS"); !r.ok())
                return r.error();
            ifClause = true;
        }
        std::vector<PartitionSpec> partitions;
        if (!isKeyword(peek(), "PARTITION")) {
            return expected(add ? QStringLiteral("PARTITION, IF NOT EXISTS or COLUMNS after ADD")
                                : QStringLiteral("PARTITION (or IF EXISTS) after DROP"));
        }
        while (true) {
            const bool hadComma = acceptSymbol(u',');
            if (!acceptKeyword("PARTITION")) {
                if (hadComma)
                    return expected(QStringLiteral("PARTITION after \",\""));
                break;
            }
            auto spec = partitionSpec();
            if (!spec.ok())
                return spec.error();
            partitions.push_back(std::move(spec.value()));
        }
        if (add)
            return McStatement{AddPartitions{ref.value(), ifClause, std::move(partitions)}};
        return McStatement{DropPartitions{ref.value(), ifClause, std::move(partitions)}};
    }

    // After ALTER TABLE t ADD COLUMNS: (col TYPE [COMMENT 'x'], ...).
    Result<McStatement> addColumns(const TableRef &table)
    {
        CreateTable columns;
        QSet<QString> seen;
        const Token open = peek();
        if (auto r = columnList(columns, ColumnList::Added, seen); !r.ok())
            return r.error();
        if (int(columns.schema.columns.size()) > kMaxColumns)
            return error(open, QStringLiteral("a table has at most %1 columns").arg(kMaxColumns), "mcsql.limit");
        return McStatement{AddColumns{table, std::move(columns.schema.columns)}};
    }

    Result<McStatement> statement()
    {
        if (acceptKeyword("CREATE")) {
            if (auto r = expectKeyword("TABLE"); !r.ok())
                return r.error();
            return createTable();
        }
        if (acceptKeyword("DROP")) {
            if (auto r = expectKeyword("TABLE"); !r.ok())
                return r.error();
            DropTable drop;
            if (acceptKeyword("IF")) {
                if (auto r = expectKeyword("EXISTS"); !r.ok())
                    return r.error();
                drop.ifExists = true;
            }
            auto ref = tableRef();
            if (!ref.ok())
                return ref.error();
            drop.table = ref.value();
            return McStatement{drop};
        }
        if (acceptKeyword("ALTER")) {
            if (auto r = expectKeyword("TABLE"); !r.ok())
                return r.error();
            return alterTable();
        }
        return expected(QStringLiteral("CREATE TABLE, DROP TABLE or ALTER TABLE"));
    }

    const QString &m_text;
    std::vector<Token> m_tokens;
    int m_pos = 0;
};

} // namespace

Result<std::vector<McStatement>> parseScript(const QString &sql)
{
    return Parser(sql).script();
}

Result<McStatement> parseStatement(const QString &sql)
{
    auto statements = parseScript(sql);
    if (!statements.ok())
        return statements.error();
    if (statements->size() != 1) {
        return makeError(QStringLiteral("mcsql.syntax"),
                         QStringLiteral("expected one statement, found %1; run them one at a time")
                             .arg(statements->size()));
    }
    return std::move(statements->front());
}

const TableRef &statementTable(const McStatement &statement)
{
    return std::visit([](const auto &s) -> const TableRef & { return s.table; }, statement);
}

bool ddlUsesOdps2Types(const QString &sql)
{
    return Parser(sql).usesOdps2Types();
}

bool isPartitionKeyType(const ColumnType &type)
{
    switch (type.kind) {
    case TypeKind::String:
    case TypeKind::Varchar:
    case TypeKind::Char:
    case TypeKind::TinyInt:
    case TypeKind::SmallInt:
    case TypeKind::Int:
    case TypeKind::BigInt:
        return true;
    default:
        return false;
    }
}

} // namespace kmsync::engine::odpssql
