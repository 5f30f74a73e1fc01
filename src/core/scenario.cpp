// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario.h"

#include "faults/faultparameters.h"

#include "clustersettings.h"
#include "patronisettings.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>
#include <vector>

namespace {

// QJsonDocument reports an offset only for syntax errors and forgets where each value was. A scenario author
// needs "line 12: steps[3].action" for semantic errors too, so the file is read by this small parser, which keeps
// the position of every value and key and sees duplicate keys that QJsonDocument silently merges.
struct JsonMember;

struct JsonNode
{
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    QString string;
    std::vector<JsonNode> items;
    std::vector<JsonMember> members; // in file order, duplicates kept
    int line = 0;
    int column = 0;
};

struct JsonMember
{
    QString key;
    int line = 0;
    int column = 0;
    JsonNode value;
};

class JsonReader
{
public:
    explicit JsonReader(const QByteArray& text)
        : m_text(text)
    {
        m_lineStarts.push_back(0);
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            if (m_text.at(i) == '\n') {
                m_lineStarts.push_back(i + 1);
            }
        }
    }

    std::optional<JsonNode> document()
    {
        skipSpace();
        std::optional<JsonNode> root = value(0);
        if (!root) {
            return std::nullopt;
        }
        skipSpace();
        if (m_pos < m_text.size()) {
            return fail(QStringLiteral("unexpected %1 after the end of the document").arg(found()));
        }
        return root;
    }

    QString error() const { return m_error; }
    int errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }

private:
    static constexpr int maximumDepth = 64;

    std::pair<int, int> position(qsizetype offset)
    {
        const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        const qsizetype lineStart = *(next - 1);
        // Positions are asked for in file order, so the column is counted on from the previous one when it is on the
        // same line: counting from the line start each time made a long one-line file (minified JSON) quadratic.
        if (m_columnOffset < lineStart || m_columnOffset > offset) {
            m_columnOffset = lineStart;
            m_column = 1;
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes (Russian texts).
        for (; m_columnOffset < offset && m_columnOffset < m_text.size(); ++m_columnOffset) {
            if ((static_cast<unsigned char>(m_text.at(m_columnOffset)) & 0xC0) != 0x80) {
                ++m_column;
            }
        }
        return { static_cast<int>(next - m_lineStarts.begin()), m_column };
    }

    std::nullopt_t fail(const QString& message, std::optional<qsizetype> at = std::nullopt)
    {
        if (m_error.isEmpty()) {
            const auto [line, column] = position(at.value_or(m_pos));
            m_error = message;
            m_errorLine = line;
            m_errorColumn = column;
        }
        return std::nullopt;
    }

    QString found() const
    {
        if (m_pos >= m_text.size()) {
            return QStringLiteral("end of file");
        }
        const char c = m_text.at(m_pos);
        if (static_cast<unsigned char>(c) < 0x20) {
            return QStringLiteral("control character 0x%1").arg(static_cast<int>(c), 2, 16, QLatin1Char('0'));
        }
        // The whole UTF-8 sequence, so a stray Russian letter shows as itself.
        qsizetype end = m_pos + 1;
        while (end < m_text.size() && (static_cast<unsigned char>(m_text.at(end)) & 0xC0) == 0x80) {
            ++end;
        }
        return u'\'' + QString::fromUtf8(m_text.mid(m_pos, end - m_pos)) + u'\'';
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            ++m_pos;
        }
    }

    bool consumeWord(const char* word)
    {
        const QByteArrayView view(word);
        // A view: QByteArray::sliced() copies the rest of the document, once per true/false/null.
        if (QByteArrayView(m_text).sliced(m_pos).startsWith(view)) {
            m_pos += view.size();
            return true;
        }
        return false;
    }

    std::optional<JsonNode> value(int depth)
    {
        if (depth > maximumDepth) {
            return fail(QStringLiteral("the document is nested more than %1 levels deep").arg(maximumDepth));
        }
        JsonNode node;
        std::tie(node.line, node.column) = position(m_pos);
        if (m_pos >= m_text.size()) {
            return fail(QStringLiteral("expected a value, found end of file"));
        }
        const char c = m_text.at(m_pos);
        if (c == '{') {
            return object(std::move(node), depth);
        }
        if (c == '[') {
            return array(std::move(node), depth);
        }
        if (c == '"') {
            auto text = string();
            if (!text) {
                return std::nullopt;
            }
            node.type = JsonNode::Type::String;
            node.string = *text;
            return node;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(std::move(node));
        }
        if (consumeWord("true") || consumeWord("false")) {
            node.type = JsonNode::Type::Bool;
            node.boolean = c == 't';
            return node;
        }
        if (consumeWord("null")) {
            return node;
        }
        if (c == '\'') {
            return fail(QStringLiteral("strings must be in double quotes (\"…\"), found '\\''"));
        }
        return fail(QStringLiteral("expected a value (object, array, string, number, true, false or null), found %1")
                        .arg(found()));
    }

    std::optional<JsonNode> object(JsonNode node, int depth)
    {
        node.type = JsonNode::Type::Object;
        ++m_pos; // {
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == '}') {
            ++m_pos;
            return node;
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text.at(m_pos) != '"') {
                const bool trailingComma = m_pos < m_text.size() && m_text.at(m_pos) == '}' && !node.members.empty();
                return fail(trailingComma ? QStringLiteral("a comma before '}' is not allowed in JSON")
                                          : QStringLiteral("expected a key in double quotes, found %1").arg(found()));
            }
            JsonMember member;
            std::tie(member.line, member.column) = position(m_pos);
            auto key = string();
            if (!key) {
                return std::nullopt;
            }
            member.key = *key;
            skipSpace();
            if (m_pos >= m_text.size() || m_text.at(m_pos) != ':') {
                return fail(QStringLiteral("expected ':' after the key \"%1\", found %2").arg(member.key, found()));
            }
            ++m_pos;
            skipSpace();
            auto memberValue = value(depth + 1);
            if (!memberValue) {
                return std::nullopt;
            }
            member.value = std::move(*memberValue);
            node.members.push_back(std::move(member));
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text.at(m_pos) == '}') {
                ++m_pos;
                return node;
            }
            return fail(QStringLiteral("expected ',' or '}' after the value of \"%1\", found %2")
                            .arg(node.members.back().key, found()));
        }
    }

    std::optional<JsonNode> array(JsonNode node, int depth)
    {
        node.type = JsonNode::Type::Array;
        ++m_pos; // [
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == ']') {
            ++m_pos;
            return node;
        }
        while (true) {
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == ']' && !node.items.empty()) {
                return fail(QStringLiteral("a comma before ']' is not allowed in JSON"));
            }
            auto item = value(depth + 1);
            if (!item) {
                return std::nullopt;
            }
            node.items.push_back(std::move(*item));
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text.at(m_pos) == ']') {
                ++m_pos;
                return node;
            }
            return fail(QStringLiteral("expected ',' or ']' after an array element, found %1").arg(found()));
        }
    }

    std::optional<QString> string()
    {
        const qsizetype start = m_pos;
        ++m_pos; // "
        QByteArray utf8;
        while (true) {
            if (m_pos >= m_text.size()) {
                return fail(QStringLiteral("the string that starts here is not closed (missing '\"')"), start);
            }
            const char c = m_text.at(m_pos);
            if (c == '"') {
                ++m_pos;
                return QString::fromUtf8(utf8);
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                if (c == '\n') {
                    return fail(
                        QStringLiteral("the string that starts here is not closed before the end of the line"), start);
                }
                return fail(QStringLiteral("a string may not contain %1: write it as an escape").arg(found()));
            }
            if (c != '\\') {
                utf8 += c;
                ++m_pos;
                continue;
            }
            ++m_pos;
            if (m_pos >= m_text.size()) {
                return fail(QStringLiteral("the string that starts here is not closed (missing '\"')"), start);
            }
            const char escaped = m_text.at(m_pos);
            switch (escaped) {
            case '"':
            case '\\':
            case '/':
                utf8 += escaped;
                break;
            case 'b':
                utf8 += '\b';
                break;
            case 'f':
                utf8 += '\f';
                break;
            case 'n':
                utf8 += '\n';
                break;
            case 'r':
                utf8 += '\r';
                break;
            case 't':
                utf8 += '\t';
                break;
            case 'u': {
                auto unit = hexUnit(m_pos + 1);
                if (!unit) {
                    return fail(QStringLiteral("\\u must be followed by four hexadecimal digits"), m_pos - 1);
                }
                m_pos += 4;
                char32_t codePoint = *unit;
                if (QChar::isHighSurrogate(*unit) && QByteArrayView(m_text).sliced(m_pos + 1).startsWith("\\u")) {
                    const auto low = hexUnit(m_pos + 3);
                    if (low && QChar::isLowSurrogate(*low)) {
                        codePoint = QChar::surrogateToUcs4(*unit, *low);
                        m_pos += 6;
                    }
                }
                utf8 += QString::fromUcs4(&codePoint, 1).toUtf8();
                break;
            }
            default:
                return fail(QStringLiteral("unknown escape \\%1 in a string").arg(found().mid(1, 1)), m_pos - 1);
            }
            ++m_pos;
        }
    }

    std::optional<char16_t> hexUnit(qsizetype at) const
    {
        if (at + 4 > m_text.size()) {
            return std::nullopt;
        }
        bool ok = false;
        const uint unit = m_text.mid(at, 4).toUInt(&ok, 16);
        const bool allHex = std::all_of(m_text.begin() + at, m_text.begin() + at + 4,
            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
        return ok && allHex ? std::optional<char16_t>(static_cast<char16_t>(unit)) : std::nullopt;
    }

    std::optional<JsonNode> number(JsonNode node)
    {
        const qsizetype start = m_pos;
        const auto digits = [this] {
            const qsizetype before = m_pos;
            while (m_pos < m_text.size() && m_text.at(m_pos) >= '0' && m_text.at(m_pos) <= '9') {
                ++m_pos;
            }
            return m_pos - before;
        };
        if (m_text.at(m_pos) == '-') {
            ++m_pos;
        }
        const qsizetype integerStart = m_pos;
        if (digits() == 0) {
            return fail(QStringLiteral("expected a digit after '-', found %1").arg(found()));
        }
        if (m_text.at(integerStart) == '0' && m_pos - integerStart > 1) {
            return fail(QStringLiteral("numbers may not start with 0"), integerStart);
        }
        if (m_pos < m_text.size() && m_text.at(m_pos) == '.') {
            ++m_pos;
            if (digits() == 0) {
                return fail(QStringLiteral("expected a digit after the decimal point, found %1").arg(found()));
            }
        }
        if (m_pos < m_text.size() && (m_text.at(m_pos) == 'e' || m_text.at(m_pos) == 'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text.at(m_pos) == '+' || m_text.at(m_pos) == '-')) {
                ++m_pos;
            }
            if (digits() == 0) {
                return fail(QStringLiteral("expected a digit in the exponent, found %1").arg(found()));
            }
        }
        bool ok = false;
        node.number = m_text.mid(start, m_pos - start).toDouble(&ok);
        if (!ok || !std::isfinite(node.number)) {
            return fail(QStringLiteral("the number is out of range"), start);
        }
        node.type = JsonNode::Type::Number;
        return node;
    }

    const QByteArray& m_text;
    std::vector<qsizetype> m_lineStarts;
    qsizetype m_pos = 0;
    qsizetype m_columnOffset = 0; // position(): the offset whose column is m_column
    int m_column = 1;
    QString m_error;
    int m_errorLine = 0;
    int m_errorColumn = 0;
};

QString typeName(JsonNode::Type type)
{
    switch (type) {
    case JsonNode::Type::Null:
        return QStringLiteral("null");
    case JsonNode::Type::Bool:
        return QStringLiteral("a boolean");
    case JsonNode::Type::Number:
        return QStringLiteral("a number");
    case JsonNode::Type::String:
        return QStringLiteral("a string");
    case JsonNode::Type::Array:
        return QStringLiteral("an array");
    case JsonNode::Type::Object:
        return QStringLiteral("an object");
    }
    return {};
}

// Keys and names from the file go into messages. A newline in one (written as \n or \u000a in the file) would
// break "one error per line, each starting with file:line:column", so control characters are shown as escapes.
QString printable(const QString& text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\n') {
            result += u"\\n";
        } else if (c == u'\r') {
            result += u"\\r";
        } else if (c == u'\t') {
            result += u"\\t";
        } else if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            result += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            result += c;
        }
    }
    return result;
}

QString quotedList(const QStringList& names)
{
    return names.join(QStringLiteral(", "));
}

// Walks the parsed tree and collects every semantic error with its position and field path.
class ScenarioValidator
{
public:
    explicit ScenarioValidator(QString sourceName)
        : m_source(std::move(sourceName))
    {
    }

    QStringList errors() const { return m_errors; }

    void error(int line, int column, const QString& path, const QString& message)
    {
        // One arg() call: chained ones would replace a "%1" in the file name too.
        m_errors << QStringLiteral("%1:%2:%3: %4: %5")
                        .arg(m_source, QString::number(line), QString::number(column), printable(path),
                            printable(message));
    }
    void error(const JsonNode& at, const QString& path, const QString& message)
    {
        error(at.line, at.column, path, message);
    }

    static QString join(const QString& path, const QString& key) { return path.isEmpty() ? key : path + u'.' + key; }

    // Reports unknown and duplicate keys; returns false when the node is not an object at all.
    bool checkObject(const JsonNode& node, const QString& path, const QStringList& allowed)
    {
        if (node.type != JsonNode::Type::Object) {
            error(node, path, QStringLiteral("expected an object, got %1").arg(typeName(node.type)));
            return false;
        }
        for (size_t i = 0; i < node.members.size(); ++i) {
            const JsonMember& member = node.members[i];
            if (!allowed.contains(member.key)) {
                error(member.line, member.column, join(path, member.key),
                    QStringLiteral("unknown key \"%1\" (expected one of: %2)").arg(member.key, quotedList(allowed)));
                continue;
            }
            for (size_t j = 0; j < i; ++j) {
                if (node.members[j].key == member.key) {
                    error(member.line, member.column, join(path, member.key),
                        QStringLiteral("duplicate key \"%1\" (first given on line %2)")
                            .arg(member.key)
                            .arg(node.members[j].line));
                    break;
                }
            }
        }
        return true;
    }

    static const JsonNode* find(const JsonNode& object, const QString& key)
    {
        for (const JsonMember& member : object.members) {
            if (member.key == key) {
                return &member.value;
            }
        }
        return nullptr;
    }

    const JsonNode* require(const JsonNode& object, const QString& path, const QString& key)
    {
        const JsonNode* found = find(object, key);
        if (!found) {
            error(object, path.isEmpty() ? QStringLiteral("(document)") : path,
                QStringLiteral("missing required key \"%1\"").arg(key));
        }
        return found;
    }

    std::optional<QString> text(const JsonNode& node, const QString& path)
    {
        if (node.type != JsonNode::Type::String) {
            error(node, path, QStringLiteral("expected a string, got %1").arg(typeName(node.type)));
            return std::nullopt;
        }
        return node.string;
    }

    std::optional<bool> boolean(const JsonNode& node, const QString& path)
    {
        if (node.type != JsonNode::Type::Bool) {
            error(node, path, QStringLiteral("expected true or false, got %1").arg(typeName(node.type)));
            return std::nullopt;
        }
        return node.boolean;
    }

    // A number within [minimum, maximum]; whole numbers only when `integer`.
    std::optional<double> number(const JsonNode& node, const QString& path, double minimum, double maximum,
        bool integer, bool minimumExclusive = false)
    {
        if (node.type != JsonNode::Type::Number) {
            error(node, path,
                QStringLiteral("expected %1, got %2")
                    .arg(integer ? QStringLiteral("a whole number") : QStringLiteral("a number"), typeName(node.type)));
            return std::nullopt;
        }
        if (integer && std::floor(node.number) != node.number) {
            error(node, path, QStringLiteral("expected a whole number, got %1").arg(node.number));
            return std::nullopt;
        }
        if (node.number < minimum || (minimumExclusive && node.number == minimum) || node.number > maximum) {
            error(node, path,
                QStringLiteral("%1 is out of range (expected %2 %3 and at most %4)")
                    .arg(node.number)
                    .arg(minimumExclusive ? QStringLiteral("more than") : QStringLiteral("at least"))
                    .arg(minimum)
                    .arg(maximum));
            return std::nullopt;
        }
        return node.number;
    }

    LocalizedText localized(const JsonNode& node, const QString& path)
    {
        LocalizedText result;
        if (!checkObject(node, path, { QStringLiteral("en"), QStringLiteral("ru") })) {
            return result;
        }
        for (const QString& language : { QStringLiteral("en"), QStringLiteral("ru") }) {
            const JsonNode* value = require(node, path, language);
            if (!value) {
                continue;
            }
            const QString valuePath = join(path, language);
            const auto string = text(*value, valuePath);
            if (string && string->trimmed().isEmpty()) {
                error(*value, valuePath, QStringLiteral("must not be empty"));
            }
            (language == u"en" ? result.en : result.ru) = string.value_or(QString());
        }
        return result;
    }

    std::optional<ScenarioTarget> target(const JsonNode& node, const QString& path)
    {
        const auto name = text(node, path);
        if (!name) {
            return std::nullopt;
        }
        const auto target = ScenarioTarget::fromName(*name);
        if (!target) {
            error(node, path,
                QStringLiteral("unknown target \"%1\" (expected one of: %2)")
                    .arg(*name, quotedList(ScenarioTarget::names())));
        }
        return target;
    }

    ScenarioTraffic traffic(const JsonNode& node, const QString& path)
    {
        ScenarioTraffic result;
        if (!checkObject(node, path,
                { QStringLiteral("rate"), QStringLiteral("connections"), QStringLiteral("probe_rate"),
                    QStringLiteral("deadline_ms") })) {
            return result;
        }
        // The same limits as patroni-lab-cli traffic, so a scenario never asks the generator for what it refuses.
        if (const JsonNode* value = find(node, QStringLiteral("rate"))) {
            result.rate = number(*value, join(path, QStringLiteral("rate")), 0, 10000, false).value_or(result.rate);
        }
        if (const JsonNode* value = find(node, QStringLiteral("connections"))) {
            result.connections = static_cast<int>(
                number(*value, join(path, QStringLiteral("connections")), 1, 64, true).value_or(result.connections));
        }
        if (const JsonNode* value = find(node, QStringLiteral("probe_rate"))) {
            result.probeRate
                = number(*value, join(path, QStringLiteral("probe_rate")), 0, 10000, false).value_or(result.probeRate);
        }
        if (const JsonNode* value = find(node, QStringLiteral("deadline_ms"))) {
            result.deadlineMs
                = static_cast<int>(number(*value, join(path, QStringLiteral("deadline_ms")), 100, 600000, true)
                                       .value_or(result.deadlineMs));
        }
        return result;
    }

    std::optional<ScenarioStep> step(const JsonNode& node, const QString& path)
    {
        if (node.type != JsonNode::Type::Object) {
            error(node, path, QStringLiteral("expected a step object, got %1").arg(typeName(node.type)));
            return std::nullopt;
        }
        ScenarioStep step;
        step.line = node.line;
        const JsonNode* action = find(node, QStringLiteral("action"));
        const JsonNode* wait = find(node, QStringLiteral("wait"));
        if (action && wait) {
            error(node, path, QStringLiteral("a step is either an \"action\" or a \"wait\", not both"));
            return std::nullopt;
        }
        if (!action && !wait) {
            checkObject(node, path,
                { QStringLiteral("action"), QStringLiteral("target"), QStringLiteral("wait"), QStringLiteral("note") });
            error(node, path, QStringLiteral("a step needs \"action\" or \"wait\""));
            return std::nullopt;
        }
        bool valid = checkObject(node, path,
            action ? QStringList { QStringLiteral("action"), QStringLiteral("target"), QStringLiteral("band"),
                         QStringLiteral("note"), QStringLiteral("impair"), QStringLiteral("from"), QStringLiteral("cpus"),
                         QStringLiteral("memory") }
                   : QStringList { QStringLiteral("wait"), QStringLiteral("note") });
        const int errorsBefore = static_cast<int>(m_errors.size());
        if (const JsonNode* note = find(node, QStringLiteral("note"))) {
            step.note = localized(*note, join(path, QStringLiteral("note")));
        }
        if (action) {
            actionStep(node, *action, path, step);
        } else {
            waitStep(*wait, join(path, QStringLiteral("wait")), step);
        }
        valid = valid && m_errors.size() == errorsBefore;
        return valid ? std::optional<ScenarioStep>(step) : std::nullopt;
    }

    void actionStep(const JsonNode& stepNode, const JsonNode& actionNode, const QString& path, ScenarioStep& step)
    {
        step.kind = ScenarioStep::Kind::Action;
        const QString actionPath = join(path, QStringLiteral("action"));
        const auto name = text(actionNode, actionPath);
        if (!name) {
            return;
        }
        const auto action = ScenarioStep::actionFromName(*name);
        if (!action) {
            error(actionNode, actionPath,
                QStringLiteral("unknown action \"%1\" (expected one of: %2)")
                    .arg(*name, quotedList(ScenarioStep::actionNames())));
            return;
        }
        step.action = *action;
        if (const JsonNode* band = find(stepNode, QStringLiteral("band"))) {
            stepBand(*band, join(path, QStringLiteral("band")), step);
        }
        const JsonNode* targetNode = find(stepNode, QStringLiteral("target"));
        const QString targetPath = join(path, QStringLiteral("target"));
        if (step.action == ScenarioStep::Action::HealAll) {
            if (targetNode) {
                error(*targetNode, targetPath, QStringLiteral("heal_all acts on every container and takes no target"));
            }
            return;
        }
        if (!targetNode) {
            error(stepNode, path, QStringLiteral("the action \"%1\" needs a \"target\"").arg(*name));
            return;
        }
        const auto target = this->target(*targetNode, targetPath);
        if (!target) {
            return;
        }
        step.target = *target;
        faultParameters(stepNode, path, *name, step);
        // Patroni hands the lock over to a candidate replica; anything else is refused by POST /switchover.
        if (step.action == ScenarioStep::Action::Switchover && target->kind != ScenarioTarget::Kind::Replica
            && target->kind != ScenarioTarget::Kind::Patroni) {
            error(*targetNode, targetPath,
                QStringLiteral("switchover needs the replica that becomes the leader (replica or patroni1..3), "
                               "got \"%1\"")
                    .arg(target->name()));
        }
    }

    // impair's netem values, partition's peers, limit_cpu's CPUs, limit_memory's size: each only on its action,
    // checked by the same rules as the CLI's (NodeFaults), so a file never asks the helper for what it refuses.
    void faultParameters(const JsonNode& stepNode, const QString& path, const QString& actionName, ScenarioStep& step)
    {
        using Action = ScenarioStep::Action;
        const struct {
            const char* key;
            Action action;
        } owners[] = { { "impair", Action::Impair }, { "from", Action::Partition }, { "cpus", Action::LimitCpu },
            { "memory", Action::LimitMemory } };
        for (const auto& owner : owners) {
            const QString key = QString::fromLatin1(owner.key);
            const JsonNode* node = find(stepNode, key);
            if (!node && step.action == owner.action) {
                error(stepNode, path, QStringLiteral("the action \"%1\" needs \"%2\"").arg(actionName, key));
            } else if (node && step.action != owner.action) {
                error(*node, join(path, key),
                    QStringLiteral("\"%1\" belongs to the action \"%2\", not \"%3\"")
                        .arg(key, ScenarioStep::actionName(owner.action), actionName));
            }
        }
        if (const JsonNode* node = find(stepNode, QStringLiteral("impair")); node && step.action == Action::Impair) {
            impairment(*node, join(path, QStringLiteral("impair")), step);
        }
        if (const JsonNode* node = find(stepNode, QStringLiteral("from")); node && step.action == Action::Partition) {
            partitionPeers(*node, join(path, QStringLiteral("from")), step);
        }
        if (const JsonNode* node = find(stepNode, QStringLiteral("cpus")); node && step.action == Action::LimitCpu) {
            const auto cpus = number(*node, join(path, QStringLiteral("cpus")), 0.01, 64, false);
            if (cpus) {
                step.faultParameters = { QString::number(*cpus) };
            }
        }
        if (const JsonNode* node = find(stepNode, QStringLiteral("memory")); node && step.action == Action::LimitMemory) {
            const auto size = text(*node, join(path, QStringLiteral("memory")));
            const auto bytes = size ? FaultParameters::parseMemory(*size) : std::nullopt;
            const QString problem = bytes ? FaultParameters::memoryError(*bytes) : QString();
            if (size && (!bytes || !problem.isEmpty())) {
                error(*node, join(path, QStringLiteral("memory")),
                    problem.isEmpty() ? QStringLiteral("expected a size such as \"96m\" or \"1g\", got \"%1\"").arg(*size)
                                      : problem);
            } else if (bytes) {
                step.faultParameters = { *size };
            }
        }
    }

    void impairment(const JsonNode& node, const QString& path, ScenarioStep& step)
    {
        const QStringList keys { QStringLiteral("delay_ms"), QStringLiteral("jitter_ms"), QStringLiteral("loss"),
            QStringLiteral("duplicate"), QStringLiteral("corrupt"), QStringLiteral("rate_kbit") };
        if (node.type != JsonNode::Type::Object || !checkObject(node, path, keys)) {
            if (node.type != JsonNode::Type::Object) {
                error(node, path, QStringLiteral("expected an object such as {\"delay_ms\": 100, \"loss\": 5}"));
            }
            return;
        }
        QStringList words;
        const auto value = [&](const QString& key) -> std::optional<double> {
            const JsonNode* found = find(node, key);
            return found ? number(*found, join(path, key), 0, 10000000, false) : std::nullopt;
        };
        if (const auto delay = value(QStringLiteral("delay_ms"))) {
            words << QStringLiteral("delay") << QString::number(qRound(*delay));
            if (const auto jitter = value(QStringLiteral("jitter_ms"))) {
                words << QString::number(qRound(*jitter));
            }
        } else if (find(node, QStringLiteral("jitter_ms"))) {
            error(node, path, QStringLiteral("\"jitter_ms\" needs \"delay_ms\""));
            return;
        }
        for (const char* percent : { "loss", "duplicate", "corrupt" }) {
            if (const auto amount = value(QString::fromLatin1(percent))) {
                words << QString::fromLatin1(percent) << QString::number(*amount);
            }
        }
        if (const auto rate = value(QStringLiteral("rate_kbit"))) {
            words << QStringLiteral("rate") << QString::number(qRound64(*rate));
        }
        const QString problem = FaultParameters::impairmentError(words);
        if (!problem.isEmpty()) {
            error(node, path, problem);
            return;
        }
        step.faultParameters = words;
    }

    void partitionPeers(const JsonNode& node, const QString& path, ScenarioStep& step)
    {
        if (node.type != JsonNode::Type::Array || node.items.empty()) {
            error(node, path, QStringLiteral("expected a list of peers such as [\"etcd\"] or [\"replicas\"]"));
            return;
        }
        for (size_t i = 0; i < node.items.size(); ++i) {
            const JsonNode& element = node.items.at(i);
            const QString elementPath = path + QStringLiteral("[%1]").arg(i);
            const auto name = text(element, elementPath);
            if (name == QLatin1StringView("etcd")) {
                for (int member = 1; member <= 3; ++member) {
                    step.peers << ScenarioTarget { ScenarioTarget::Kind::Etcd, QStringLiteral("etcd%1").arg(member) };
                }
            } else if (name) {
                if (const auto peer = target(element, elementPath)) {
                    step.peers << *peer;
                }
            }
        }
    }

    // The band of the write outage this action causes: in a scenario of several experiments, each is judged.
    void stepBand(const JsonNode& node, const QString& path, ScenarioStep& step)
    {
        const auto name = text(node, path);
        if (!name) {
            return;
        }
        const auto band = ScenarioExpectation::bandFromName(*name);
        if (!band || *band == ScenarioBand::None) {
            QStringList outageBands = ScenarioExpectation::bandNames();
            outageBands.removeAll(ScenarioExpectation::bandName(ScenarioBand::None));
            error(node, path,
                QStringLiteral("a step's band names the write outage it causes: one of %1, got \"%2\"")
                    .arg(quotedList(outageBands), *name));
            return;
        }
        if (step.action == ScenarioStep::Action::HealAll) {
            error(node, path, QStringLiteral("heal_all ends faults: it causes no write outage to bound"));
            return;
        }
        step.band = *band;
    }

    void waitStep(const JsonNode& node, const QString& path, ScenarioStep& step)
    {
        step.kind = ScenarioStep::Kind::Wait;
        if (!checkObject(node, path,
                { QStringLiteral("seconds"), QStringLiteral("until"), QStringLiteral("timeout_s"),
                    QStringLiteral("count"), QStringLiteral("target") })) {
            return;
        }
        const JsonNode* seconds = find(node, QStringLiteral("seconds"));
        const JsonNode* until = find(node, QStringLiteral("until"));
        const JsonNode* timeout = find(node, QStringLiteral("timeout_s"));
        const JsonNode* count = find(node, QStringLiteral("count"));
        const JsonNode* targetNode = find(node, QStringLiteral("target"));
        if (seconds && until) {
            error(node, path,
                QStringLiteral("give either \"seconds\" (a fixed pause) or \"until\" (a condition), not both"));
            return;
        }
        if (seconds) {
            step.condition = ScenarioStep::Condition::Seconds;
            step.seconds = number(*seconds, join(path, QStringLiteral("seconds")), 0, 3600, false, true).value_or(0);
            for (const auto& [key, extra] :
                { std::pair { QStringLiteral("timeout_s"), timeout }, std::pair { QStringLiteral("count"), count },
                    std::pair { QStringLiteral("target"), targetNode } }) {
                if (extra) {
                    error(*extra, join(path, key), QStringLiteral("only a wait with \"until\" takes \"%1\"").arg(key));
                }
            }
            return;
        }
        if (!until) {
            error(node, path, QStringLiteral("a wait needs \"seconds\" or \"until\""));
            return;
        }
        const QString untilPath = join(path, QStringLiteral("until"));
        const auto name = text(*until, untilPath);
        if (!name) {
            return;
        }
        const auto condition = ScenarioStep::conditionFromName(*name);
        if (!condition || *condition == ScenarioStep::Condition::Seconds) {
            error(*until, untilPath,
                QStringLiteral("unknown condition \"%1\" (expected one of: %2)")
                    .arg(*name, quotedList(ScenarioStep::conditionNames())));
            return;
        }
        step.condition = *condition;
        if (!timeout) {
            error(node, path,
                QStringLiteral("missing \"timeout_s\": every \"until\" wait needs the seconds after which the "
                               "run fails (for example \"timeout_s\": 60)"));
        } else {
            step.timeoutSeconds
                = number(*timeout, join(path, QStringLiteral("timeout_s")), 0, 3600, false, true).value_or(0);
        }
        if (count) {
            if (step.condition != ScenarioStep::Condition::WritesOk) {
                error(*count, join(path, QStringLiteral("count")), QStringLiteral("only writes_ok takes \"count\""));
            } else {
                step.count = static_cast<int>(
                    number(*count, join(path, QStringLiteral("count")), 1, 100000, true).value_or(1));
            }
        }
        const QString targetPath = join(path, QStringLiteral("target"));
        if (step.condition == ScenarioStep::Condition::MemberStreaming) {
            if (!targetNode) {
                error(node, path, QStringLiteral("member_streaming needs a \"target\" (the Patroni node to wait for)"));
                return;
            }
            const auto target = this->target(*targetNode, targetPath);
            if (target && (!target->isPatroni() || target->kind == ScenarioTarget::Kind::Leader)) {
                error(*targetNode, targetPath,
                    QStringLiteral("member_streaming needs a node that can be a replica (old_leader, replica, "
                                   "replicas or patroni1..3), got \"%1\"")
                        .arg(target->name()));
            }
            step.target = target.value_or(ScenarioTarget());
        } else if (targetNode) {
            error(*targetNode, targetPath, QStringLiteral("only member_streaming takes a \"target\""));
        }
    }

    ScenarioExpectation expectation(const JsonNode& node, const QString& path)
    {
        ScenarioExpectation result;
        if (!checkObject(node, path,
                { QStringLiteral("failover"), QStringLiteral("write_outage"), QStringLiteral("read_only_errors"),
                    QStringLiteral("total_outage"), QStringLiteral("lost_writes"), QStringLiteral("lost_writes_at_least"),
                    QStringLiteral("deadline_errors"), QStringLiteral("max_write_outage_s"), QStringLiteral("band") })) {
            return result;
        }
        const auto flag = [&](const char* key, bool required, bool& target) {
            const QString name = QLatin1StringView(key);
            const JsonNode* value = required ? require(node, path, name) : find(node, name);
            if (value) {
                target = boolean(*value, join(path, name)).value_or(false);
            }
        };
        const auto occurrence = [&](const char* key, ScenarioExpectation::Occurrence& target) {
            const QString name = QLatin1StringView(key);
            const JsonNode* value = find(node, name);
            if (!value) {
                return;
            }
            if (value->type == JsonNode::Type::String && value->string == QLatin1StringView("possible")) {
                target = ScenarioExpectation::Occurrence::Possible;
            } else if (value->type == JsonNode::Type::Bool) {
                target = value->boolean ? ScenarioExpectation::Occurrence::Yes : ScenarioExpectation::Occurrence::No;
            } else {
                error(*value, join(path, name),
                    QStringLiteral("expected true, false or \"possible\", got %1")
                        .arg(value->type == JsonNode::Type::String ? QStringLiteral("\"%1\"").arg(value->string)
                                                                   : typeName(value->type)));
            }
        };
        flag("failover", true, result.failover);
        flag("write_outage", true, result.writeOutage);
        occurrence("read_only_errors", result.readOnlyErrors);
        occurrence("total_outage", result.totalOutage);
        occurrence("deadline_errors", result.deadlineErrors);
        const JsonNode* atMost = find(node, QStringLiteral("lost_writes"));
        if (atMost) {
            result.lostWrites
                = static_cast<int>(number(*atMost, join(path, QStringLiteral("lost_writes")), 0, 1e9, true).value_or(0));
        }
        if (const JsonNode* atLeast = find(node, QStringLiteral("lost_writes_at_least"))) {
            result.minLostWrites = static_cast<int>(
                number(*atLeast, join(path, QStringLiteral("lost_writes_at_least")), 0, 1e9, true).value_or(0));
            if (!atMost) {
                result.lostWrites = 1'000'000'000;
            } else if (result.lostWrites < result.minLostWrites) {
                error(*atLeast, join(path, QStringLiteral("lost_writes_at_least")),
                      QStringLiteral("%1 is more than lost_writes (%2)").arg(result.minLostWrites).arg(result.lostWrites));
            }
        }
        const JsonNode* maximum = find(node, QStringLiteral("max_write_outage_s"));
        if (maximum) {
            result.maxWriteOutageSeconds
                = number(*maximum, join(path, QStringLiteral("max_write_outage_s")), 0, 3600, false, true);
        }
        const JsonNode* band = require(node, path, QStringLiteral("band"));
        if (band) {
            const QString bandPath = join(path, QStringLiteral("band"));
            if (const auto name = text(*band, bandPath)) {
                const auto parsed = ScenarioExpectation::bandFromName(*name);
                if (!parsed) {
                    error(*band, bandPath,
                        QStringLiteral("unknown band \"%1\" (expected one of: %2)")
                            .arg(*name, quotedList(ScenarioExpectation::bandNames())));
                } else {
                    result.band = *parsed;
                    // A band bounds an outage: one without the other is a contradiction the runner cannot judge.
                    if (result.writeOutage == (result.band == ScenarioBand::None)) {
                        error(*band, bandPath,
                            result.writeOutage ? QStringLiteral("a write outage is expected, so the band must name "
                                                                "the formula that bounds it, not \"none\"")
                                               : QStringLiteral("no write outage is expected, so the band must be "
                                                                "\"none\""));
                    }
                }
            }
        }
        if (maximum && !result.writeOutage) {
            error(*maximum, join(path, QStringLiteral("max_write_outage_s")),
                QStringLiteral("makes no sense when write_outage is false"));
        }
        return result;
    }

    static QJsonValue toJson(const JsonNode& node)
    {
        switch (node.type) {
        case JsonNode::Type::Null:
            return QJsonValue::Null;
        case JsonNode::Type::Bool:
            return node.boolean;
        case JsonNode::Type::Number:
            return node.number;
        case JsonNode::Type::String:
            return node.string;
        case JsonNode::Type::Array: {
            QJsonArray array;
            for (const JsonNode& item : node.items) {
                array.append(toJson(item));
            }
            return array;
        }
        case JsonNode::Type::Object: {
            QJsonObject object;
            for (const JsonMember& member : node.members) {
                object.insert(member.key, toJson(member.value));
            }
            return object;
        }
        }
        return {};
    }

    // {"profile": NAME, "patroni": {...}, "haproxy": {...}}: the profile's keys, then the explicit ones over them.
    void settings(const JsonNode& node, const QString& path, Scenario& scenario)
    {
        if (!checkObject(node, path, {QStringLiteral("profile"), QStringLiteral("patroni"), QStringLiteral("haproxy")})) {
            return;
        }
        QStringList assignments;
        if (const JsonNode* profile = find(node, QStringLiteral("profile"))) {
            if (const auto name = text(*profile, join(path, QStringLiteral("profile")))) {
                const auto found = ClusterSettingsProfile::find(*name);
                if (!found.ok()) {
                    error(*profile, join(path, QStringLiteral("profile")), found.error());
                } else {
                    scenario.settingsProfile = found.value().name;
                    assignments = found.value().target.assignments();
                }
            }
        }
        QJsonObject explicitKeys;
        for (const QString& part : {QStringLiteral("patroni"), QStringLiteral("haproxy")}) {
            if (const JsonNode* keys = find(node, part)) {
                if (keys->type != JsonNode::Type::Object) {
                    error(*keys, join(path, part), QStringLiteral("expected an object, got %1").arg(typeName(keys->type)));
                    continue;
                }
                explicitKeys.insert(part, toJson(*keys));
            }
        }
        const auto target = ClusterSettingsTarget::fromJson(explicitKeys);
        if (!target.ok()) {
            error(node, path, target.error());
            return;
        }
        assignments = ClusterSettingsTarget::withOverrides(assignments, target.value().assignments());
        if (assignments.isEmpty()) {
            error(node, path, QStringLiteral("sets nothing: give \"profile\" and/or \"patroni\" or \"haproxy\" keys"));
        }
        const auto combined = ClusterSettingsTarget::fromAssignments(assignments);
        if (combined.ok()) {
            if (const QStringList problems = combined.value().haproxy.violations(); !problems.isEmpty()) {
                error(node, join(path, QStringLiteral("haproxy")), problems.join(QStringLiteral("; ")));
            }
            if (!combined.value().patroni.isEmpty()) {
                if (const auto patch = PatroniSettings::patchFrom(combined.value().patroni); !patch.ok()) {
                    error(node, join(path, QStringLiteral("patroni")), patch.error());
                }
            }
        }
        scenario.settingsAssignments = assignments;
    }

    Scenario scenario(const JsonNode& root)
    {
        Scenario result;
        result.sourceName = m_source;
        if (root.type != JsonNode::Type::Object) {
            error(root, QStringLiteral("(document)"),
                QStringLiteral("a scenario is a JSON object, got %1").arg(typeName(root.type)));
            return result;
        }
        checkObject(root, {},
            { QStringLiteral("format"), QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("explanation"),
                QStringLiteral("traffic"), QStringLiteral("settings"), QStringLiteral("steps"), QStringLiteral("expect") });
        if (const JsonNode* format = require(root, {}, QStringLiteral("format"))) {
            const auto name = text(*format, QStringLiteral("format"));
            if (name && *name != Scenario::formatName()) {
                error(*format, QStringLiteral("format"),
                    QStringLiteral("unsupported format \"%1\" (this program reads \"%2\")")
                        .arg(*name, Scenario::formatName()));
            }
        }
        if (const JsonNode* id = require(root, {}, QStringLiteral("id"))) {
            result.idLine = id->line;
            const auto name = text(*id, QStringLiteral("id"));
            static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
            if (name && !idPattern.match(*name).hasMatch()) {
                error(*id, QStringLiteral("id"),
                    QStringLiteral("\"%1\" is not a valid id (lower-case letters, digits and '-', e.g. "
                                   "\"leader-stop\")")
                        .arg(*name));
            }
            result.id = name.value_or(QString());
        }
        if (const JsonNode* title = require(root, {}, QStringLiteral("title"))) {
            result.title = localized(*title, QStringLiteral("title"));
        }
        if (const JsonNode* explanation = require(root, {}, QStringLiteral("explanation"))) {
            result.explanation = localized(*explanation, QStringLiteral("explanation"));
        }
        if (const JsonNode* traffic = find(root, QStringLiteral("traffic"))) {
            result.traffic = this->traffic(*traffic, QStringLiteral("traffic"));
        }
        if (const JsonNode* settings = find(root, QStringLiteral("settings"))) {
            this->settings(*settings, QStringLiteral("settings"), result);
        }
        if (const JsonNode* steps = require(root, {}, QStringLiteral("steps"))) {
            if (steps->type != JsonNode::Type::Array) {
                error(*steps, QStringLiteral("steps"),
                    QStringLiteral("expected an array, got %1").arg(typeName(steps->type)));
            } else if (steps->items.empty()) {
                error(*steps, QStringLiteral("steps"), QStringLiteral("a scenario needs at least one step"));
            } else {
                for (size_t i = 0; i < steps->items.size(); ++i) {
                    if (auto step = this->step(steps->items[i], QStringLiteral("steps[%1]").arg(i))) {
                        result.steps << *step;
                    }
                }
            }
        }
        if (const JsonNode* expect = require(root, {}, QStringLiteral("expect"))) {
            result.expect = expectation(*expect, QStringLiteral("expect"));
        }
        return result;
    }

private:
    QString m_source;
    QStringList m_errors;
};

struct NamedValue
{
    const char* name;
    int value;
};

template <typename Enum, size_t N> QString nameOf(const NamedValue (&table)[N], Enum value)
{
    for (const NamedValue& entry : table) {
        if (entry.value == static_cast<int>(value)) {
            return QLatin1StringView(entry.name);
        }
    }
    return {};
}

template <typename Enum, size_t N> std::optional<Enum> valueOf(const NamedValue (&table)[N], const QString& name)
{
    for (const NamedValue& entry : table) {
        if (name == QLatin1StringView(entry.name)) {
            return static_cast<Enum>(entry.value);
        }
    }
    return std::nullopt;
}

template <size_t N> QStringList namesOf(const NamedValue (&table)[N])
{
    QStringList names;
    for (const NamedValue& entry : table) {
        names << QLatin1StringView(entry.name);
    }
    return names;
}

using Action = ScenarioStep::Action;
using Condition = ScenarioStep::Condition;

constexpr NamedValue actionTable[] = {
    { "stop", int(Action::Stop) },
    { "start", int(Action::Start) },
    { "restart", int(Action::Restart) },
    { "kill", int(Action::Kill) },
    { "pause", int(Action::Pause) },
    { "unpause", int(Action::Unpause) },
    { "disconnect", int(Action::Disconnect) },
    { "connect", int(Action::Connect) },
    { "switchover", int(Action::Switchover) },
    { "heal_all", int(Action::HealAll) },
    { "impair", int(Action::Impair) },
    { "clear", int(Action::Clear) },
    { "partition", int(Action::Partition) },
    { "unpartition", int(Action::Unpartition) },
    { "kill_postgres", int(Action::KillPostgres) },
    { "freeze_postgres", int(Action::FreezePostgres) },
    { "thaw_postgres", int(Action::ThawPostgres) },
    { "kill_patroni", int(Action::KillPatroni) },
    { "limit_cpu", int(Action::LimitCpu) },
    { "limit_memory", int(Action::LimitMemory) },
    { "unlimit", int(Action::Unlimit) },
};

// "seconds" is listed for names, but files write it as its own key ({"wait": {"seconds": 10}}).
constexpr NamedValue conditionTable[] = {
    { "new_leader", int(Condition::NewLeader) },
    { "member_streaming", int(Condition::MemberStreaming) },
    { "quorum_lost", int(Condition::QuorumLost) },
    { "quorum_restored", int(Condition::QuorumRestored) },
    { "writes_ok", int(Condition::WritesOk) },
    { "writes_failing", int(Condition::WritesFailing) },
    { "cluster_healthy", int(Condition::ClusterHealthy) },
    { "seconds", int(Condition::Seconds) },
};

constexpr NamedValue bandTable[] = {
    { "none", int(ScenarioBand::None) },
    { "lock_released", int(ScenarioBand::LockReleased) },
    { "ttl", int(ScenarioBand::Ttl) },
    { "retry_timeout", int(ScenarioBand::RetryTimeout) },
    { "fault_duration", int(ScenarioBand::FaultDuration) },
    { "blocked_then_ttl", int(ScenarioBand::BlockedThenTtl) },
    { "checks_then_ttl", int(ScenarioBand::ChecksThenTtl) },
    { "restart_in_place", int(ScenarioBand::RestartInPlace) },
    { "retry_then_ttl", int(ScenarioBand::RetryThenTtl) },
    { "degraded", int(ScenarioBand::Degraded) },
    { "leader_restarted", int(ScenarioBand::LeaderRestarted) },
};

} // namespace

QString LocalizedText::text(const QString& language) const
{
    return language == QLatin1StringView("ru") ? ru : en;
}

std::optional<ScenarioTarget> ScenarioTarget::fromName(const QString& name)
{
    static const QHash<QString, Kind> roles {
        { QStringLiteral("leader"), Kind::Leader },
        { QStringLiteral("old_leader"), Kind::OldLeader },
        { QStringLiteral("replica"), Kind::Replica },
        { QStringLiteral("replicas"), Kind::Replicas },
        { QStringLiteral("haproxy"), Kind::Haproxy },
    };
    if (const auto role = roles.constFind(name); role != roles.constEnd()) {
        return ScenarioTarget { *role, *role == Kind::Haproxy ? name : QString() };
    }
    static const QRegularExpression node(QStringLiteral("^(patroni|etcd)([1-3])$"));
    const auto match = node.match(name);
    if (match.hasMatch()) {
        return ScenarioTarget { match.captured(1) == u"patroni" ? Kind::Patroni : Kind::Etcd, name };
    }
    return std::nullopt;
}

QStringList ScenarioTarget::names()
{
    return { QStringLiteral("leader"), QStringLiteral("old_leader"), QStringLiteral("replica"),
        QStringLiteral("replicas"), QStringLiteral("patroni1"), QStringLiteral("patroni2"), QStringLiteral("patroni3"),
        QStringLiteral("etcd1"), QStringLiteral("etcd2"), QStringLiteral("etcd3"), QStringLiteral("haproxy") };
}

QString ScenarioTarget::name() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Leader:
        return QStringLiteral("leader");
    case Kind::OldLeader:
        return QStringLiteral("old_leader");
    case Kind::Replica:
        return QStringLiteral("replica");
    case Kind::Replicas:
        return QStringLiteral("replicas");
    case Kind::Patroni:
    case Kind::Etcd:
    case Kind::Haproxy:
        return service;
    }
    return {};
}

bool ScenarioTarget::isPatroni() const
{
    return kind == Kind::Leader || kind == Kind::OldLeader || kind == Kind::Replica || kind == Kind::Replicas
        || kind == Kind::Patroni;
}

QString ScenarioStep::actionName(Action action)
{
    return nameOf(actionTable, action);
}

std::optional<ScenarioStep::Action> ScenarioStep::actionFromName(const QString& name)
{
    return valueOf<Action>(actionTable, name);
}

QStringList ScenarioStep::actionNames()
{
    return namesOf(actionTable);
}

QString ScenarioStep::conditionName(Condition condition)
{
    return nameOf(conditionTable, condition);
}

std::optional<ScenarioStep::Condition> ScenarioStep::conditionFromName(const QString& name)
{
    return valueOf<Condition>(conditionTable, name);
}

QStringList ScenarioStep::conditionNames()
{
    QStringList names = namesOf(conditionTable);
    names.removeAll(QStringLiteral("seconds"));
    return names;
}

std::optional<NodeAction> ScenarioStep::nodeAction() const
{
    if (kind != Kind::Action) {
        return std::nullopt;
    }
    switch (action) {
    case Action::Stop:
        return NodeAction::Stop;
    case Action::Start:
        return NodeAction::Start;
    case Action::Restart:
        return NodeAction::Restart;
    case Action::Kill:
        return NodeAction::Kill;
    case Action::Pause:
        return NodeAction::Pause;
    case Action::Unpause:
        return NodeAction::Unpause;
    case Action::Disconnect:
        return NodeAction::Disconnect;
    case Action::Connect:
        return NodeAction::Connect;
    case Action::Impair:
        return NodeAction::Impair;
    case Action::Clear:
        return NodeAction::Clear;
    case Action::Partition:
        return NodeAction::Partition;
    case Action::Unpartition:
        return NodeAction::Unpartition;
    case Action::KillPostgres:
        return NodeAction::KillPostgres;
    case Action::FreezePostgres:
        return NodeAction::FreezePostgres;
    case Action::ThawPostgres:
        return NodeAction::ThawPostgres;
    case Action::KillPatroni:
        return NodeAction::KillPatroni;
    case Action::LimitCpu:
        return NodeAction::LimitCpu;
    case Action::LimitMemory:
        return NodeAction::LimitMemory;
    case Action::Unlimit:
        return NodeAction::Unlimit;
    case Action::Switchover:
    case Action::HealAll:
        return std::nullopt;
    }
    return std::nullopt;
}

QString ScenarioStep::describe() const
{
    if (kind == Kind::Action) {
        QString text = target.kind == ScenarioTarget::Kind::None ? actionName(action)
                                                                 : actionName(action) + u' ' + target.name();
        if (!faultParameters.isEmpty()) {
            text += u' ' + (action == Action::Impair ? FaultParameters::describeImpairment(faultParameters)
                                                     : faultParameters.join(u' '));
        }
        if (!peers.isEmpty()) {
            QStringList names;
            for (const ScenarioTarget& peer : peers) {
                names << peer.name();
            }
            text += QStringLiteral(" from ") + names.join(u' ');
        }
        return text;
    }
    if (condition == Condition::Seconds) {
        return QStringLiteral("wait %1 s").arg(seconds);
    }
    QString text = QStringLiteral("wait until ") + conditionName(condition);
    if (condition == Condition::WritesOk) {
        text += QStringLiteral(" ×%1").arg(count);
    }
    if (target.kind != ScenarioTarget::Kind::None) {
        text += u' ' + target.name();
    }
    return text + QStringLiteral(" (timeout %1 s)").arg(timeoutSeconds);
}

QString ScenarioExpectation::bandName(ScenarioBand band)
{
    return nameOf(bandTable, band);
}

std::optional<ScenarioBand> ScenarioExpectation::bandFromName(const QString& name)
{
    return valueOf<ScenarioBand>(bandTable, name);
}

QStringList ScenarioExpectation::bandNames()
{
    return namesOf(bandTable);
}

QString ScenarioExpectation::occurrenceName(Occurrence occurrence)
{
    switch (occurrence) {
    case Occurrence::No: return QStringLiteral("false");
    case Occurrence::Yes: return QStringLiteral("true");
    case Occurrence::Possible: return QStringLiteral("possible");
    }
    return {};
}

namespace {

QJsonValue occurrenceJson(ScenarioExpectation::Occurrence occurrence)
{
    if (occurrence == ScenarioExpectation::Occurrence::Possible) {
        return QStringLiteral("possible");
    }
    return occurrence == ScenarioExpectation::Occurrence::Yes;
}

} // namespace

QJsonObject ScenarioExpectation::toJson() const
{
    QJsonObject object {
        { QStringLiteral("failover"), failover },
        { QStringLiteral("write_outage"), writeOutage },
        { QStringLiteral("read_only_errors"), occurrenceJson(readOnlyErrors) },
        { QStringLiteral("total_outage"), occurrenceJson(totalOutage) },
        { QStringLiteral("lost_writes"), lostWrites },
        { QStringLiteral("lost_writes_at_least"), minLostWrites },
        { QStringLiteral("deadline_errors"), occurrenceJson(deadlineErrors) },
        { QStringLiteral("band"), bandName(band) },
    };
    if (maxWriteOutageSeconds) {
        object.insert(QStringLiteral("max_write_outage_s"), *maxWriteOutageSeconds);
    }
    return object;
}

Result<Scenario> Scenario::parse(const QByteArray& json, const QString& sourceName)
{
    JsonReader reader(json);
    const std::optional<JsonNode> root = reader.document();
    if (!root) {
        return Result<Scenario>::failure(QStringLiteral("%1:%2:%3: syntax error: %4")
                                             .arg(sourceName, QString::number(reader.errorLine()),
                                                 QString::number(reader.errorColumn()), printable(reader.error())));
    }
    ScenarioValidator validator(sourceName);
    Scenario scenario = validator.scenario(*root);
    if (!validator.errors().isEmpty()) {
        return Result<Scenario>::failure(validator.errors().join(u'\n'));
    }
    return Result<Scenario>::success(scenario);
}

Result<Scenario> Scenario::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<Scenario>::failure(
            QStringLiteral("cannot read the scenario file %1: %2").arg(path, file.errorString()));
    }
    return parse(file.readAll(), path);
}

QJsonObject Scenario::summaryJson(const QString& language) const
{
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("title"), title.text(language) },
        { QStringLiteral("explanation"), explanation.text(language) },
        { QStringLiteral("step_count"), static_cast<int>(steps.size()) },
        { QStringLiteral("expect"), expect.toJson() },
    };
}
