// SPDX-License-Identifier: GPL-3.0-or-later
#include "faults/faultparameters.h"

#include <cmath>

namespace {

std::optional<double> number(const QString& text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

bool wholeNumber(const QString& text)
{
    bool ok = false;
    text.toLongLong(&ok);
    return ok;
}

} // namespace

QString FaultParameters::impairmentError(const QStringList& words)
{
    if (words.isEmpty()) {
        return QStringLiteral("impair needs at least one of: delay MS [JITTER], loss PERCENT, duplicate PERCENT, "
                              "corrupt PERCENT, rate KBIT");
    }
    for (qsizetype i = 0; i < words.size(); i += 2) {
        const QString& word = words.at(i);
        if (i + 1 >= words.size()) {
            return QStringLiteral("'%1' needs a value (e.g. %1 %2)")
                .arg(word, word == QLatin1StringView("rate") ? QStringLiteral("256") : word == QLatin1StringView("delay") ? QStringLiteral("100") : QStringLiteral("20"));
        }
        const QString& value = words.at(i + 1);
        if (word == QLatin1StringView("delay")) {
            if (!wholeNumber(value) || value.toInt() < 0 || value.toInt() > 60000) {
                return QStringLiteral("delay must be a whole number of milliseconds from 0 to 60000, not '%1'").arg(value);
            }
            if (i + 2 < words.size() && wholeNumber(words.at(i + 2))) {
                const int jitter = words.at(i + 2).toInt();
                if (jitter < 0 || jitter > 60000) {
                    return QStringLiteral("jitter must be from 0 to 60000 ms, not %1").arg(jitter);
                }
                ++i;
            }
        } else if (word == QLatin1StringView("loss") || word == QLatin1StringView("duplicate")
                   || word == QLatin1StringView("corrupt")) {
            const auto percent = number(value);
            if (!percent || *percent <= 0 || *percent > 100) {
                return QStringLiteral("%1 must be a percentage above 0 and at most 100, not '%2'").arg(word, value);
            }
        } else if (word == QLatin1StringView("rate")) {
            if (!wholeNumber(value) || value.toLongLong() < 8 || value.toLongLong() > 10000000) {
                return QStringLiteral("rate must be a whole number of kbit/s from 8 to 10000000, not '%1'").arg(value);
            }
        } else {
            return QStringLiteral("unknown impairment '%1': use delay, loss, duplicate, corrupt or rate").arg(word);
        }
    }
    return {};
}

QString FaultParameters::cpusError(double cpus)
{
    if (!(cpus >= 0.01) || cpus > 64) {
        return QStringLiteral("--cpus must be from 0.01 to 64 (CPUs' worth of time, 0.2 = a fifth of one core), not %1")
            .arg(cpus);
    }
    return {};
}

QString FaultParameters::memoryError(qint64 bytes)
{
    // Docker refuses less than 6 MiB; PostgreSQL with Patroni cannot start in much less than 64 MiB anyway.
    if (bytes < 6 * 1024 * 1024) {
        return QStringLiteral("--memory must be at least 6m (Docker's minimum), not %1").arg(formatMemory(bytes));
    }
    return {};
}

QString FaultParameters::describeImpairment(const QStringList& words)
{
    QStringList parts;
    for (qsizetype i = 0; i + 1 < words.size(); i += 2) {
        const QString& word = words.at(i);
        const QString& value = words.at(i + 1);
        if (word == QLatin1StringView("delay")) {
            QString part = QStringLiteral("delay %1 ms").arg(value);
            if (i + 2 < words.size() && wholeNumber(words.at(i + 2))) {
                part += QStringLiteral(" ±%1 ms").arg(words.at(i + 2));
                ++i;
            }
            parts << part;
        } else if (word == QLatin1StringView("rate")) {
            parts << QStringLiteral("rate %1 kbit/s").arg(value);
        } else {
            parts << QStringLiteral("%1 %2 %").arg(word, value);
        }
    }
    return parts.join(QStringLiteral(", "));
}

std::optional<qint64> FaultParameters::parseMemory(const QString& text)
{
    QString digits = text.trimmed().toLower();
    if (digits.endsWith(u'b') && digits.size() > 1 && !digits.at(digits.size() - 2).isDigit()) {
        digits.chop(1); // "96mb"
    }
    qint64 unit = 1;
    if (digits.endsWith(u'k')) {
        unit = 1024;
    } else if (digits.endsWith(u'm')) {
        unit = 1024 * 1024;
    } else if (digits.endsWith(u'g')) {
        unit = qint64(1024) * 1024 * 1024;
    }
    if (unit != 1) {
        digits.chop(1);
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value <= 0) {
        return std::nullopt;
    }
    return value * unit;
}

QString FaultParameters::formatMemory(qint64 bytes)
{
    const qint64 mebibyte = 1024 * 1024;
    if (bytes >= 1024 * mebibyte && bytes % (1024 * mebibyte) == 0) {
        return QStringLiteral("%1g").arg(bytes / (1024 * mebibyte));
    }
    if (bytes >= mebibyte && bytes % mebibyte == 0) {
        return QStringLiteral("%1m").arg(bytes / mebibyte);
    }
    return QString::number(bytes);
}
