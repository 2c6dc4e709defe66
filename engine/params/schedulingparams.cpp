#include "engine/params/schedulingparams.h"

#include <cstdint>
#include <numeric>
#include <optional>

#include <QSet>

namespace kmsync::engine::params {

namespace {

const QString kSyntax = QStringLiteral("param.syntax");
const QString kAssignment = QStringLiteral("param.assignment");

// Errors name the 1-based position in the whole expression and quote the expression.
Error syntaxError(const QString &expression, qsizetype index, const QString &what)
{
    return makeError(kSyntax, QStringLiteral("position %1: %2 (in \"%3\")").arg(index + 1).arg(what, expression));
}

enum class Token { Literal, Yyyy, Yy, Mm, Dd, Hh24, Mi, Ss };

struct FormatPart
{
    Token token = Token::Literal;
    QString literal;
};

// An offset as an exact fraction: days for $[...], whole units for ${...} and add_months.
struct Fraction
{
    int64_t num = 0;
    int64_t den = 1;
};

struct Body
{
    std::vector<FormatPart> format;
    bool hasOffset = false;
    Fraction offset; // $[...]: days; ${...}: units of the finest date token
    bool addMonths = false;
    int64_t months = 0; // add_months(fmt, months)
};

bool isLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

qsizetype skipSpaces(const QString &s, qsizetype pos, qsizetype end)
{
    while (pos < end && s.at(pos) == QLatin1Char(' '))
        ++pos;
    return pos;
}

std::optional<Fraction> addFractions(Fraction a, Fraction b)
{
    int64_t l = 0, r = 0, n = 0, d = 0;
    if (__builtin_mul_overflow(a.num, b.den, &l) || __builtin_mul_overflow(b.num, a.den, &r)
        || __builtin_add_overflow(l, r, &n) || __builtin_mul_overflow(a.den, b.den, &d))
        return std::nullopt;
    const int64_t g = std::gcd(n, d);
    return Fraction{n / (g ? g : 1), d / (g ? g : 1)};
}

// Parses "±term ±term ..." where term = number (('*'|'/') number)*, from `pos` (at a sign, or at a digit when
// `leadingSignOptional`) up to `end`. Spaces are allowed between the parts.
Result<Fraction> parseOffset(const QString &expression, qsizetype pos, qsizetype end, bool allowDivision,
                             bool leadingSignOptional, const QString &context, const QString &unit = QString())
{
    Fraction sum;
    bool first = true;
    pos = skipSpaces(expression, pos, end);
    if (pos >= end)
        return syntaxError(expression, pos, QStringLiteral("expected a number %1").arg(context));
    while (pos < end) {
        QChar sign = QLatin1Char('+');
        const QChar c = expression.at(pos);
        if (c == QLatin1Char('+') || c == QLatin1Char('-')) {
            sign = c;
            ++pos;
        } else if (!(first && leadingSignOptional && isDigit(c))) {
            return syntaxError(expression, pos,
                               QStringLiteral("unexpected '%1' in the offset (expected '+', '-', '*', '/' or a number)")
                                   .arg(c));
        }
        first = false;
        pos = skipSpaces(expression, pos, end);
        Fraction term;
        QChar op = sign;
        bool firstFactor = true;
        while (true) {
            if (pos >= end || !isDigit(expression.at(pos)))
                return syntaxError(expression, pos, QStringLiteral("expected a number after '%1'").arg(op));
            const qsizetype start = pos;
            while (pos < end && isDigit(expression.at(pos)))
                ++pos;
            if (pos - start > 9)
                return syntaxError(expression, start,
                                   QStringLiteral("number %1 is too large").arg(expression.mid(start, pos - start)));
            const int64_t value = expression.mid(start, pos - start).toLongLong();
            if (firstFactor) {
                term.num = value;
                firstFactor = false;
            } else if (op == QLatin1Char('*')) {
                if (__builtin_mul_overflow(term.num, value, &term.num))
                    return syntaxError(expression, start, QStringLiteral("offset is too large"));
            } else {
                if (value == 0)
                    return syntaxError(expression, start, QStringLiteral("division by zero"));
                if (__builtin_mul_overflow(term.den, value, &term.den))
                    return syntaxError(expression, start, QStringLiteral("offset is too large"));
            }
            pos = skipSpaces(expression, pos, end);
            if (pos < end && (expression.at(pos) == QLatin1Char('*') || expression.at(pos) == QLatin1Char('/'))) {
                op = expression.at(pos);
                if (op == QLatin1Char('/') && !allowDivision)
                    return syntaxError(expression, pos,
                                       QStringLiteral("'/' is not allowed here: only $[...] offsets can be fractions "
                                                      "of a day (/24 hours, /24/60 minutes); this one counts whole "
                                                      "%1")
                                           .arg(unit));
                pos = skipSpaces(expression, pos + 1, end);
                continue;
            }
            break;
        }
        if (sign == QLatin1Char('-'))
            term.num = -term.num;
        const auto total = addFractions(sum, term);
        if (!total)
            return syntaxError(expression, pos, QStringLiteral("offset is too large"));
        sum = *total;
    }
    return sum;
}

// Parses format tokens and literal text in [pos, end). Stops at an offset ('+'/'-' followed by a number) and
// returns its position (or `end`).
Result<qsizetype> parseFormat(const QString &expression, qsizetype pos, qsizetype end, bool businessDate,
                              std::vector<FormatPart> &parts)
{
    struct Known
    {
        const char *text;
        Token token;
    };
    static const Known known[] = {{"yyyy", Token::Yyyy}, {"yy", Token::Yy}, {"mm", Token::Mm}, {"dd", Token::Dd},
                                  {"hh24", Token::Hh24}, {"mi", Token::Mi}, {"ss", Token::Ss}};
    auto addLiteral = [&parts](QChar c) {
        if (parts.empty() || parts.back().token != Token::Literal)
            parts.push_back(FormatPart{Token::Literal, QString()});
        parts.back().literal.append(c);
    };
    bool anyToken = false;
    while (pos < end) {
        const QChar c = expression.at(pos);
        if (isLetter(c)) {
            const Known *match = nullptr;
            for (const Known &k : known) {
                const QLatin1String text(k.text);
                if (QStringView(expression).mid(pos, end - pos).startsWith(text)) {
                    match = &k;
                    break;
                }
            }
            qsizetype runEnd = pos;
            while (runEnd < end && (isLetter(expression.at(runEnd)) || expression.at(runEnd) == QLatin1Char('_')))
                ++runEnd;
            QString run = expression.mid(pos, runEnd - pos);
            if (!match) {
                QString hint;
                if (run.startsWith(QLatin1String("hh"))) {
                    run = QStringLiteral("hh");
                    hint = QStringLiteral("use hh24");
                } else if (run != run.toLower())
                    hint = QStringLiteral("format tokens are lower-case: yyyy yy mm dd hh24 mi ss");
                else if (run == QLatin1String("add_months") && businessDate)
                    hint = QStringLiteral("add_months works only in $[...]");
                else
                    hint = businessDate ? QStringLiteral("allowed in ${...}: yyyy yy mm dd")
                                        : QStringLiteral("allowed: yyyy yy mm dd hh24 mi ss");
                return makeError(kSyntax, QStringLiteral("unknown format token '%1' at position %2 (%3) (in \"%4\")")
                                              .arg(run)
                                              .arg(pos + 1)
                                              .arg(hint, expression));
            }
            if (businessDate && (match->token == Token::Hh24 || match->token == Token::Mi || match->token == Token::Ss))
                return syntaxError(expression, pos,
                                   QStringLiteral("'%1' is not available in ${...}, which is the business date "
                                                  "(day precision); use $[...] for hours, minutes and seconds")
                                       .arg(QLatin1String(match->text)));
            parts.push_back(FormatPart{match->token, QString()});
            anyToken = true;
            pos += qsizetype(qstrlen(match->text));
            continue;
        }
        if (c == QLatin1Char('+') || c == QLatin1Char('-')) {
            const qsizetype next = skipSpaces(expression, pos + 1, end);
            if (next < end && isDigit(expression.at(next))) {
                // The offset starts here; spaces before it are not part of the output.
                if (!parts.empty() && parts.back().token == Token::Literal) {
                    while (parts.back().literal.endsWith(QLatin1Char(' ')))
                        parts.back().literal.chop(1);
                    if (parts.back().literal.isEmpty())
                        parts.pop_back();
                }
                if (!anyToken)
                    return syntaxError(expression, pos,
                                       QStringLiteral("expected a format token (such as yyyymmdd) before the offset"));
                return pos;
            }
            if (next >= end)
                return syntaxError(expression, next, QStringLiteral("expected a number after '%1'").arg(c));
        }
        addLiteral(c);
        ++pos;
    }
    if (!anyToken)
        return syntaxError(expression, pos, QStringLiteral("expected a format token such as yyyymmdd"));
    return pos;
}

// The body of $[...] (businessDate = false) or ${...} (businessDate = true), in [begin, end).
Result<Body> parseBody(const QString &expression, qsizetype begin, qsizetype end, bool businessDate)
{
    Body body;
    const QString opener = businessDate ? QStringLiteral("${") : QStringLiteral("$[");
    const qsizetype first = skipSpaces(expression, begin, end);
    if (first >= end)
        return syntaxError(expression, begin,
                           QStringLiteral("empty expression in '%1%2' (expected format tokens such as yyyymmdd)")
                               .arg(opener, businessDate ? QStringLiteral("}") : QStringLiteral("]")));
    const QLatin1String addMonths("add_months");
    if (!businessDate && QStringView(expression).mid(first, end - first).startsWith(addMonths)) {
        body.addMonths = true;
        qsizetype pos = skipSpaces(expression, first + addMonths.size(), end);
        if (pos >= end || expression.at(pos) != QLatin1Char('('))
            return syntaxError(expression, pos,
                               QStringLiteral("expected '(' after add_months: add_months(format, ±months)"));
        const qsizetype open = pos;
        const qsizetype comma = expression.indexOf(QLatin1Char(','), open);
        qsizetype close = expression.indexOf(QLatin1Char(')'), open);
        if (close < 0 || close >= end)
            return syntaxError(expression, open, QStringLiteral("'(' of add_months is not closed (expected ')')"));
        if (comma < 0 || comma > close)
            return syntaxError(expression, close,
                               QStringLiteral("add_months needs two arguments: add_months(format, ±months)"));
        auto formatEnd = parseFormat(expression, open + 1, comma, false, body.format);
        if (!formatEnd)
            return formatEnd.error();
        if (*formatEnd != comma)
            return syntaxError(expression, *formatEnd,
                               QStringLiteral(
                                   "no offset allowed in add_months' format; the months go after the comma"));
        auto months = parseOffset(expression, comma + 1, close, false, true, QStringLiteral("of months in add_months"),
                                  QStringLiteral("months"));
        if (!months)
            return months.error();
        body.months = months->num;
        const qsizetype after = skipSpaces(expression, close + 1, end);
        if (after < end)
            return syntaxError(expression, after, QStringLiteral("expected ']' after add_months(...)"));
        return body;
    }
    auto offsetAt = parseFormat(expression, begin, end, businessDate, body.format);
    if (!offsetAt)
        return offsetAt.error();
    if (*offsetAt < end) {
        auto offset = parseOffset(expression, *offsetAt, end, !businessDate, false, QString(),
                                  QStringLiteral("days, months or years (the finest of dd, mm, yyyy)"));
        if (!offset)
            return offset.error();
        body.hasOffset = true;
        body.offset = *offset;
    }
    return body;
}

QString pad(int value, int width)
{
    return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
}

QString format(const std::vector<FormatPart> &parts, const QDate &date, const QTime &time)
{
    QString out;
    for (const FormatPart &part : parts) {
        switch (part.token) {
        case Token::Literal:
            out += part.literal;
            break;
        case Token::Yyyy:
            out += pad(date.year(), 4);
            break;
        case Token::Yy:
            out += pad(((date.year() % 100) + 100) % 100, 2);
            break;
        case Token::Mm:
            out += pad(date.month(), 2);
            break;
        case Token::Dd:
            out += pad(date.day(), 2);
            break;
        case Token::Hh24:
            out += pad(time.hour(), 2);
            break;
        case Token::Mi:
            out += pad(time.minute(), 2);
            break;
        case Token::Ss:
            out += pad(time.second(), 2);
            break;
        }
    }
    return out;
}

// cyctime as a naive wall-clock time: arithmetic in UTC so that no DST transition shifts it.
QDateTime naive(const QDateTime &cyctime)
{
    const QTime t = cyctime.time();
    return QDateTime(cyctime.date(), QTime(t.hour(), t.minute(), t.second()), Qt::UTC);
}

QDate bizdateOf(const QDateTime &cyc)
{
    return cyc.date().addDays(-1);
}

std::optional<QString> builtin(const QString &name, const QDateTime &cyc)
{
    const QDate biz = bizdateOf(cyc);
    QString key = name;
    if (key.startsWith(QLatin1String("bdp.system.")))
        key = key.mid(11);
    if (key == QLatin1String("bizdate"))
        return biz.toString(QStringLiteral("yyyyMMdd"));
    if (key == QLatin1String("cyctime"))
        return cyc.toString(QStringLiteral("yyyyMMddHHmmss"));
    if (key == QLatin1String("gmtdate"))
        return cyc.date().toString(QStringLiteral("yyyyMMdd"));
    if (key == QLatin1String("bizmonth")) {
        // Documented quirk: when the business date's month is the current (run) month, the previous month.
        const QDate run = cyc.date();
        const bool sameMonth = biz.year() == run.year() && biz.month() == run.month();
        return (sameMonth ? biz.addMonths(-1) : biz).toString(QStringLiteral("yyyyMM"));
    }
    return std::nullopt;
}

bool isDataWorksOnly(const QString &name)
{
    return name == QLatin1String("jobid") || name == QLatin1String("nodeid") || name == QLatin1String("taskid");
}

bool isParameterName(const QString &text)
{
    if (text.isEmpty() || !(isLetter(text.at(0)) || text.at(0) == QLatin1Char('_')))
        return false;
    for (QChar c : text) {
        if (!(isLetter(c) || isDigit(c) || c == QLatin1Char('_') || c == QLatin1Char('.')))
            return false;
    }
    return true;
}

// Evaluates the ${...} body in [begin, end) (the braces excluded).
Result<QString> evaluateBusinessDate(const QString &expression, qsizetype begin, qsizetype end, const QDateTime &cyc)
{
    const QString content = expression.mid(begin, end - begin);
    if (const auto value = builtin(content, cyc))
        return *value;
    auto body = parseBody(expression, begin, end, true);
    if (!body) {
        // ${name} that is neither a date format nor a built-in is a user parameter, not an expression.
        std::vector<FormatPart> probe;
        const bool startsWithToken = parseFormat(content, 0, qMin<qsizetype>(content.size(), 2), true, probe).ok();
        if (isParameterName(content) && !startsWithToken)
            return syntaxError(expression, begin - 2,
                               QStringLiteral("'${%1}' is neither a date format (yyyy yy mm dd) nor a built-in "
                                              "(bizdate, cyctime, gmtdate, bizmonth, bdp.system.*); user parameters "
                                              "are substituted by name, not evaluated")
                                   .arg(content));
        return body.error();
    }
    QDate date = bizdateOf(cyc);
    if (body->hasOffset) {
        if (body->offset.den != 1)
            return syntaxError(expression, begin, QStringLiteral("${...} offsets are whole numbers"));
        bool hasDay = false, hasMonth = false;
        for (const FormatPart &p : body->format) {
            hasDay = hasDay || p.token == Token::Dd;
            hasMonth = hasMonth || p.token == Token::Mm;
        }
        const int64_t n = body->offset.num;
        if (n > 1000000 || n < -1000000)
            return syntaxError(expression, begin, QStringLiteral("offset %1 is too large").arg(n));
        if (hasDay)
            date = date.addDays(n);
        else if (hasMonth)
            date = date.addMonths(int(n));
        else
            date = date.addYears(int(n));
    }
    if (!date.isValid())
        return syntaxError(expression, begin, QStringLiteral("the offset leaves the supported date range"));
    return format(body->format, date, QTime(0, 0));
}

// Evaluates the $[...] body in [begin, end) (the brackets excluded).
Result<QString> evaluateScheduledTime(const QString &expression, qsizetype begin, qsizetype end, const QDateTime &cyc)
{
    auto body = parseBody(expression, begin, end, false);
    if (!body)
        return body.error();
    QDateTime dt = cyc;
    if (body->hasOffset) {
        // days -> seconds, rounded to the nearest second (half away from zero)
        int64_t scaled = 0;
        if (__builtin_mul_overflow(body->offset.num, int64_t(86400), &scaled) || scaled > int64_t(86400) * 3650000
            || scaled < -int64_t(86400) * 3650000)
            return syntaxError(expression, begin, QStringLiteral("offset is too large"));
        const int64_t den = body->offset.den;
        const int64_t seconds = scaled >= 0 ? (2 * scaled + den) / (2 * den) : -((-2 * scaled + den) / (2 * den));
        dt = dt.addSecs(seconds);
    }
    if (body->addMonths) {
        if (body->months > 120000 || body->months < -120000)
            return syntaxError(expression, begin,
                               QStringLiteral("add_months offset %1 is too large").arg(body->months));
        dt = dt.addMonths(int(body->months));
    }
    if (!dt.isValid())
        return syntaxError(expression, begin, QStringLiteral("the offset leaves the supported date range"));
    return format(body->format, dt.date(), dt.time());
}

// The next ${...} at or after `from`: `open` is where "${" starts, `close` where its '}' is.
struct Placeholder
{
    qsizetype open = 0;
    qsizetype close = 0;
    QString name(const QString &text) const { return text.mid(open + 2, close - open - 2); }
};

std::optional<Placeholder> nextPlaceholder(const QString &text, qsizetype from)
{
    if (from >= text.size())
        return std::nullopt;
    const qsizetype open = text.indexOf(QLatin1String("${"), from);
    if (open < 0)
        return std::nullopt;
    const qsizetype close = text.indexOf(QLatin1Char('}'), open + 2);
    if (close < 0)
        return std::nullopt;
    return Placeholder{open, close};
}

} // namespace

Result<QString> evaluate(const QString &expression, const QDateTime &cyctime)
{
    if (expression.isEmpty())
        return syntaxError(expression, 0, QStringLiteral("empty expression (expected text, $[...] or ${...})"));
    if (!cyctime.isValid())
        return makeError(kSyntax, QStringLiteral("the scheduled time (cyctime) is not a valid date-time"));
    const QDateTime cyc = naive(cyctime);
    QString out;
    qsizetype pos = 0;
    const qsizetype n = expression.size();
    while (pos < n) {
        const QChar c = expression.at(pos);
        if (c != QLatin1Char('$') || pos + 1 >= n) {
            out += c;
            ++pos;
            continue;
        }
        const QChar next = expression.at(pos + 1);
        if (next == QLatin1Char('[') || next == QLatin1Char('{')) {
            const QChar closer = next == QLatin1Char('[') ? QLatin1Char(']') : QLatin1Char('}');
            const qsizetype close = expression.indexOf(closer, pos + 2);
            if (close < 0)
                return syntaxError(expression, pos,
                                   QStringLiteral("'$%1' is not closed (expected '%2')").arg(next).arg(closer));
            auto value = next == QLatin1Char('[') ? evaluateScheduledTime(expression, pos + 2, close, cyc)
                                                  : evaluateBusinessDate(expression, pos + 2, close, cyc);
            if (!value)
                return value.error();
            out += *value;
            pos = close + 1;
            continue;
        }
        if (isLetter(next)) {
            qsizetype e = pos + 1;
            while (e < n && (isLetter(expression.at(e)) || expression.at(e) == QLatin1Char('_')))
                ++e;
            const QString name = expression.mid(pos + 1, e - pos - 1);
            if (const auto value = builtin(name, cyc)) {
                out += *value;
                pos = e;
                continue;
            }
            if (isDataWorksOnly(name))
                return syntaxError(expression, pos,
                                   QStringLiteral("'$%1' is only known inside DataWorks (an ID assigned by its "
                                                  "scheduler); kmsync cannot resolve it")
                                       .arg(name));
            return syntaxError(expression, pos,
                               QStringLiteral("unknown built-in '$%1' (known: $bizdate, $cyctime, $gmtdate, $bizmonth)")
                                   .arg(name));
        }
        out += c;
        ++pos;
    }
    return out;
}

Result<std::vector<Assignment>> parseAssignments(const QString &line)
{
    // Split on whitespace, except inside $[...] and ${...} (PARAM-2019 writes "$[hh24:mi:ss - 1/24]").
    struct Piece
    {
        QString text;
        qsizetype start;
    };
    std::vector<Piece> pieces;
    qsizetype pos = 0;
    const qsizetype n = line.size();
    while (pos < n) {
        while (pos < n && line.at(pos).isSpace())
            ++pos;
        if (pos >= n)
            break;
        const qsizetype start = pos;
        QChar closer;
        qsizetype firstSpace = -1;
        while (pos < n) {
            const QChar c = line.at(pos);
            if (c.isSpace() && firstSpace < 0)
                firstSpace = pos;
            if (closer.isNull() && c.isSpace())
                break;
            if (closer.isNull() && c == QLatin1Char('$') && pos + 1 < n
                && (line.at(pos + 1) == QLatin1Char('[') || line.at(pos + 1) == QLatin1Char('{'))) {
                closer = line.at(pos + 1) == QLatin1Char('[') ? QLatin1Char(']') : QLatin1Char('}');
                pos += 2;
                continue;
            }
            if (!closer.isNull() && c == closer)
                closer = QChar();
            ++pos;
        }
        // An unclosed $[ or ${ does not swallow the rest of the line: evaluate() reports it for this piece.
        if (!closer.isNull() && firstSpace >= 0)
            pos = firstSpace;
        pieces.push_back(Piece{line.mid(start, pos - start), start});
    }

    auto error = [&line](qsizetype index, const QString &what) {
        return makeError(kAssignment, QStringLiteral("position %1: %2 (in \"%3\")").arg(index + 1).arg(what, line));
    };
    std::vector<Assignment> out;
    QSet<QString> seen;
    for (size_t i = 0; i < pieces.size(); ++i) {
        const Piece &piece = pieces[i];
        const qsizetype eq = piece.text.indexOf(QLatin1Char('='));
        if (eq < 0) {
            if (i + 1 < pieces.size() && pieces[i + 1].text.startsWith(QLatin1Char('=')))
                return error(pieces[i + 1].start,
                             QStringLiteral("no spaces are allowed around '=' (write %1=...)").arg(piece.text));
            return error(piece.start, QStringLiteral("expected name=expression, got '%1'").arg(piece.text));
        }
        const QString name = piece.text.left(eq);
        const QString expression = piece.text.mid(eq + 1);
        if (name.isEmpty())
            return error(piece.start, QStringLiteral("missing parameter name before '=' (expected name=expression)"));
        if (!isParameterName(name))
            return error(piece.start, QStringLiteral("invalid parameter name '%1' (letters, digits, '_' and '.', "
                                                     "starting with a letter or '_')")
                                          .arg(name));
        if (expression.isEmpty()) {
            if (i + 1 < pieces.size() && !pieces[i + 1].text.contains(QLatin1Char('=')))
                return error(pieces[i + 1].start - 1, QStringLiteral("no spaces are allowed around '=' (write %1=%2)")
                                                          .arg(name, pieces[i + 1].text));
            return error(piece.start + eq + 1,
                         QStringLiteral("empty expression for '%1' (expected name=expression)").arg(name));
        }
        const qsizetype eq2 = expression.indexOf(QLatin1Char('='));
        if (eq2 >= 0)
            return error(piece.start + eq + 1 + eq2,
                         QStringLiteral("'=' is not allowed in the expression of '%1'").arg(name));
        if (seen.contains(name))
            return error(piece.start, QStringLiteral("parameter '%1' is assigned twice").arg(name));
        seen.insert(name);
        out.push_back(Assignment{name, expression});
    }
    return out;
}

Result<QMap<QString, QString>> evaluateAssignments(const std::vector<Assignment> &assignments, const QDateTime &cyctime)
{
    QMap<QString, QString> values;
    for (const Assignment &a : assignments) {
        auto value = evaluate(a.expression, cyctime);
        if (!value)
            return makeError(value.error().code,
                             QStringLiteral("parameter '%1': %2").arg(a.name, value.error().message));
        values.insert(a.name, *value);
    }
    return values;
}

QString substitute(const QString &text, const QMap<QString, QString> &values)
{
    QString out;
    qsizetype pos = 0;
    while (const auto placeholder = nextPlaceholder(text, pos)) {
        out += QStringView(text).mid(pos, placeholder->open - pos);
        const auto it = values.constFind(placeholder->name(text));
        if (it != values.constEnd())
            out += *it;
        else
            out += QStringView(text).mid(placeholder->open, placeholder->close + 1 - placeholder->open);
        pos = placeholder->close + 1;
    }
    out += QStringView(text).mid(pos);
    return out;
}

QStringList placeholderNames(const QString &text)
{
    QStringList names;
    qsizetype pos = 0;
    while (const auto placeholder = nextPlaceholder(text, pos)) {
        names << placeholder->name(text);
        pos = placeholder->close + 1;
    }
    return names;
}

QStringList referencedParameters(const QString &text)
{
    QStringList names;
    const QDateTime probeTime(QDate(2000, 1, 2), QTime(0, 0), Qt::UTC);
    for (const QString &name : placeholderNames(text)) {
        if (!isParameterName(name) || names.contains(name))
            continue;
        // A scheduling expression (${yyyymmdd}, ${bdp.system.bizdate}) evaluates; a user parameter does not.
        if (evaluate(QStringLiteral("${%1}").arg(name), probeTime).ok())
            continue;
        names.append(name);
    }
    return names;
}

} // namespace kmsync::engine::params
