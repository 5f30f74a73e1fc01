// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The rules of the faults' parameters and how they read, with Qt Core only: the scenario parser (also built for the
// fuzzers) checks a file's values with them, the CLI and the window before anything runs.

#include <QString>
#include <QStringList>

#include <optional>

namespace FaultParameters {

// Empty when fine, else one sentence: the same rules lab-fault applies.
QString impairmentError(const QStringList& words);
QString cpusError(double cpus);
QString memoryError(qint64 bytes);

// "delay 100 ms ±20 ms, loss 5 %" from {"delay", "100", "20", "loss", "5"}.
QString describeImpairment(const QStringList& words);
// "96m", "1g", "512k" or plain bytes; nullopt when it is none of those.
std::optional<qint64> parseMemory(const QString& text);
QString formatMemory(qint64 bytes);

} // namespace FaultParameters
