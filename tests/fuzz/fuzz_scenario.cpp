// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files ("patroni-lab-scenario/1", docs/scenarios.md): the built-in ones and whatever a lecturer writes,
// read by Scenario::parse's own JSON reader, which reports every error as "<file>:<line>:<column>: ...".
#include "fuzzsupport.h"
#include "scenario.h"

#include <QJsonObject>
#include <QStringView>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

namespace {

// A file name as a lecturer may have one: a directory, a space, Cyrillic letters and a '%' (a percent-encoded
// download), which QString::arg must copy as it is, not take for a placeholder.
const QString sourceName = QStringLiteral("лекция 3/100%1 сценарий.json");

// A positive decimal number (no sign, no leading zero) taken from the start of text.
std::optional<qint64> takePositiveNumber(QStringView& text)
{
    qsizetype digits = 0;
    while (digits < text.size() && text[digits] >= u'0' && text[digits] <= u'9') {
        ++digits;
    }
    if (digits == 0 || digits > 18 || text[0] == u'0') {
        return std::nullopt;
    }
    const qint64 number = text.first(digits).toLongLong();
    text = text.sliced(digits);
    return number;
}

// The line and column of "<sourceName>:<line>:<column>: <message>", when the line has that form.
std::optional<std::pair<qint64, qint64>> positionOf(QStringView line)
{
    if (!line.startsWith(sourceName) || !line.sliced(sourceName.size()).startsWith(u':')) {
        return std::nullopt;
    }
    QStringView rest = line.sliced(sourceName.size() + 1);
    const auto lineNumber = takePositiveNumber(rest);
    if (!lineNumber || !rest.startsWith(u':')) {
        return std::nullopt;
    }
    rest = rest.sliced(1);
    const auto column = takePositiveNumber(rest);
    if (!column || !rest.startsWith(u": ") || rest.size() == 2) {
        return std::nullopt;
    }
    return std::pair { *lineNumber, *column };
}

[[noreturn]] void badErrorLine(const char* why, QStringView line, const QString& error)
{
    std::fprintf(stderr, "fuzz_scenario: %s:\n%s\nin the error:\n%s\n", why, line.toUtf8().constData(),
        error.toUtf8().constData());
    __builtin_trap();
}

// Every line of an error says where it is, so the CLI and an editor can point at it; a line without that (an error
// text that itself contains a newline, a file name mangled by QString::arg) cannot. The position must exist in the
// input: columns count characters (UTF-8 sequences), one past the end of a line included.
void checkErrorLines(const QString& error, const QByteArray& input)
{
    const QList<QByteArray> inputLines = input.split('\n');
    for (const QStringView line : QStringView(error).split(u'\n')) {
        const auto position = positionOf(line);
        if (!position) {
            badErrorLine("this error line does not start with \"<file>:<line>:<column>: \"", line, error);
        }
        const auto [lineNumber, column] = *position;
        if (lineNumber > inputLines.size()) {
            badErrorLine("this error points past the last line", line, error);
        }
        const QByteArray& text = inputLines.at(lineNumber - 1);
        const auto characters = std::count_if(
            text.cbegin(), text.cend(), [](char byte) { return (static_cast<unsigned char>(byte) & 0xC0) != 0x80; });
        if (column > characters + 1) {
            badErrorLine("this error points past the end of its line", line, error);
        }
    }
}

bool nonBlank(const LocalizedText& text)
{
    return !text.en.trimmed().isEmpty() && !text.ru.trimmed().isEmpty();
}

void touchText(const LocalizedText& text)
{
    fuzz::touch(text.text(QStringLiteral("en")));
    fuzz::touch(text.text(QStringLiteral("ru")));
}

// A scenario that parses keeps the promises of docs/scenarios.md: the runner relies on them without checking again.
void checkScenario(const Scenario& scenario)
{
    fuzz::touch(scenario.id);
    touchText(scenario.title);
    touchText(scenario.explanation);
    if (scenario.id.isEmpty() || !nonBlank(scenario.title) || !nonBlank(scenario.explanation)
        || scenario.sourceName != sourceName || scenario.idLine < 1 || scenario.steps.isEmpty()) {
        __builtin_trap();
    }

    const ScenarioTraffic& traffic = scenario.traffic;
    if (!(traffic.rate >= 0) || traffic.connections < 1 || traffic.connections > 64 || !(traffic.probeRate >= 0)
        || traffic.deadlineMs < 100) {
        __builtin_trap();
    }

    for (const ScenarioStep& step : scenario.steps) {
        fuzz::touch(step.describe());
        touchText(step.note);
        fuzz::touch(step.nodeAction().has_value());
        fuzz::touch(step.target.name());
        if (step.line < 1) {
            __builtin_trap();
        }
        // A step's band bounds an outage its action causes: never "none", never on heal_all or a wait.
        if (step.band
            && (*step.band == ScenarioBand::None || step.kind != ScenarioStep::Kind::Action
                || step.action == ScenarioStep::Action::HealAll)) {
            __builtin_trap();
        }
        if (step.kind == ScenarioStep::Kind::Action) {
            const bool healAll = step.action == ScenarioStep::Action::HealAll;
            if (healAll != (step.target.kind == ScenarioTarget::Kind::None)) {
                __builtin_trap(); // heal_all takes no target, every other action needs one
            }
            if (step.action == ScenarioStep::Action::Switchover && step.target.kind != ScenarioTarget::Kind::Replica
                && step.target.kind != ScenarioTarget::Kind::Patroni) {
                __builtin_trap();
            }
            // A named target reads back as itself.
            if (!healAll && ScenarioTarget::fromName(step.target.name()) != step.target) {
                __builtin_trap();
            }
        } else if (step.condition == ScenarioStep::Condition::Seconds) {
            if (!(step.seconds > 0)) {
                __builtin_trap();
            }
        } else if (!(step.timeoutSeconds > 0) || step.count < 1) {
            __builtin_trap(); // a wait without a timeout would hang the run
        }
    }

    const ScenarioExpectation& expect = scenario.expect;
    if (expect.writeOutage == (expect.band == ScenarioBand::None) || expect.lostWrites < 0
        || (expect.maxWriteOutageSeconds && (!expect.writeOutage || !(*expect.maxWriteOutageSeconds > 0)))) {
        __builtin_trap();
    }
    fuzz::touch(static_cast<std::size_t>(expect.toJson().size()));
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ru") }) {
        fuzz::touch(static_cast<std::size_t>(scenario.summaryJson(language).size()));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const Result<Scenario> scenario = Scenario::parse(input, sourceName);
    fuzz::check(scenario, checkScenario);
    if (!scenario.ok()) {
        checkErrorLines(scenario.error(), input);
    }
    return 0;
}
