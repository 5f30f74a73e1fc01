// SPDX-License-Identifier: GPL-3.0-or-later
#include "patronisettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

bool isNullWord(const QString& text)
{
    return text == QLatin1StringView("null");
}

std::optional<bool> booleanWord(const QString& text)
{
    const QString word = text.toLower();
    for (const char* yes : {"true", "on", "yes", "1"}) {
        if (word == QLatin1StringView(yes)) {
            return true;
        }
    }
    for (const char* no : {"false", "off", "no", "0"}) {
        if (word == QLatin1StringView(no)) {
            return false;
        }
    }
    return std::nullopt;
}

// A JSON value as typed: a number, true/false, an object or array, a quoted string; anything else is a string.
QJsonValue jsonWord(const QString& text)
{
    const QJsonDocument document = QJsonDocument::fromJson(QStringLiteral("[%1]").arg(text).toUtf8());
    if (document.isArray() && document.array().size() == 1) {
        return document.array().first();
    }
    return text;
}

QJsonObject withValueAt(QJsonObject object, const QStringList& path, const QJsonValue& value)
{
    if (path.size() == 1) {
        object.insert(path.first(), value);
        return object;
    }
    const QJsonObject inner = object.value(path.first()).toObject();
    object.insert(path.first(), withValueAt(inner, path.mid(1), value));
    return object;
}

void flattenInto(const QJsonObject& object, const QString& prefix, QList<std::pair<QString, QJsonValue>>& out)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it.value().isObject() && !it.value().toObject().isEmpty()) {
            flattenInto(it.value().toObject(), path, out);
        } else {
            out.append({path, it.value()});
        }
    }
}

} // namespace

int PatroniSettings::majorMinor(const QString& patroniVersion)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)\\.(\\d+)"));
    const auto match = pattern.match(patroniVersion);
    return match.hasMatch() ? match.captured(1).toInt() * 100 + match.captured(2).toInt() : 0;
}

QList<PatroniSettings::Key> PatroniSettings::knownKeys(int patroniMajorMinor)
{
    const bool before31 = patroniMajorMinor > 0 && patroniMajorMinor < 301;
    return {
        {QStringLiteral("ttl"), Type::Seconds,
         tr("How long the leader key lives in etcd without renewal: a leader that dies is replaced after at most this "
            "long (plus loop_wait)."),
         20, QStringLiteral("30")},
        {QStringLiteral("loop_wait"), Type::Seconds,
         tr("Seconds between two runs of each node's HA loop: how soon a node notices a change."), 1, QStringLiteral("10")},
        {QStringLiteral("retry_timeout"), Type::Seconds,
         tr("How long etcd or PostgreSQL may fail before the leader demotes itself (a lost quorum turns read-only "
            "after this)."),
         3, QStringLiteral("10")},
        {QStringLiteral("maximum_lag_on_failover"), Type::Bytes,
         tr("A replica further behind than this many bytes is not promoted."), 0, QStringLiteral("1048576")},
        {QStringLiteral("synchronous_mode"), Type::SynchronousMode,
         tr("Commit only when a synchronous standby has the WAL, and promote only a synchronous standby: no "
            "acknowledged write is lost on failover."),
         0, QStringLiteral("false")},
        {QStringLiteral("synchronous_mode_strict"), Type::Boolean,
         tr("With synchronous mode: refuse writes rather than go on without a synchronous standby."), 0, QStringLiteral("false")},
        {QStringLiteral("synchronous_node_count"), Type::Count,
         tr("How many synchronous standbys a commit waits for."), 1, QStringLiteral("1")},
        {QStringLiteral("failsafe_mode"), Type::Boolean,
         tr("Keep the primary when etcd is lost, as long as it still reaches every other member."), 0, QStringLiteral("false")},
        {before31 ? QStringLiteral("master_start_timeout") : QStringLiteral("primary_start_timeout"), Type::Seconds,
         tr("How long a crashed primary may take to recover before a failover happens instead."), 0,
         QStringLiteral("300")},
    };
}

Result<QJsonObject> PatroniSettings::patchFrom(const QStringList& assignments, int patroniMajorMinor)
{
    using R = Result<QJsonObject>;
    if (assignments.isEmpty()) {
        return R::failure(tr("Name at least one setting as KEY=VALUE, e.g. ttl=20."));
    }
    const QList<Key> known = knownKeys(patroniMajorMinor);
    static const QRegularExpression pathPattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"));
    QJsonObject patch;
    for (const QString& assignment : assignments) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0) {
            return R::failure(tr("'%1' is not KEY=VALUE (e.g. ttl=20).").arg(assignment));
        }
        const QString path = assignment.left(equals).trimmed();
        const QString text = assignment.mid(equals + 1).trimmed();
        if (!pathPattern.match(path).hasMatch()) {
            return R::failure(tr("'%1' is not a setting name: use letters, digits and _, with dots between levels "
                                 "(e.g. postgresql.parameters.max_connections).")
                                  .arg(path));
        }
        if (path == QLatin1StringView("master_start_timeout") && patroniMajorMinor >= 301) {
            return R::failure(tr("Patroni 3.1 and later call master_start_timeout primary_start_timeout."));
        }
        if (path == QLatin1StringView("primary_start_timeout") && patroniMajorMinor > 0 && patroniMajorMinor < 301) {
            return R::failure(tr("This Patroni (before 3.1) calls primary_start_timeout master_start_timeout."));
        }
        const auto key = std::find_if(known.cbegin(), known.cend(), [&path](const Key& k) { return k.path == path; });
        QJsonValue value;
        if (isNullWord(text)) {
            value = QJsonValue::Null; // back to Patroni's default
        } else if (key == known.cend() || key->type == Type::Json) {
            value = jsonWord(text);
        } else if (key->type == Type::Boolean || key->type == Type::SynchronousMode) {
            const auto flag = booleanWord(text);
            if (flag) {
                value = *flag;
            } else if (key->type == Type::SynchronousMode && text.toLower() == QLatin1StringView("quorum")) {
                if (patroniMajorMinor > 0 && patroniMajorMinor < 400) {
                    return R::failure(tr("synchronous_mode=quorum needs Patroni 4.0 or later."));
                }
                value = QStringLiteral("quorum");
            } else {
                return R::failure(key->type == Type::SynchronousMode
                                      ? tr("%1 is on, off or quorum, got '%2'.").arg(path, text)
                                      : tr("%1 is on or off, got '%2'.").arg(path, text));
            }
        } else {
            bool ok = false;
            const qlonglong number = text.toLongLong(&ok);
            if (!ok || number < key->minimum) {
                const QString unit = key->type == Type::Seconds ? tr("a whole number of seconds")
                    : key->type == Type::Bytes                  ? tr("a whole number of bytes")
                                                                : tr("a whole number");
                return R::failure(tr("%1 must be %2 of at least %3, got '%4'.").arg(path, unit).arg(key->minimum).arg(text));
            }
            value = number;
        }
        patch = withValueAt(patch, path.split(u'.'), value);
    }
    return R::success(patch);
}

QJsonObject PatroniSettings::merged(const QJsonObject& config, const QJsonObject& patch)
{
    QJsonObject result = config;
    for (auto it = patch.constBegin(); it != patch.constEnd(); ++it) {
        if (it.value().isNull()) {
            result.remove(it.key());
        } else if (it.value().isObject()) {
            result.insert(it.key(), merged(result.value(it.key()).toObject(), it.value().toObject()));
        } else {
            result.insert(it.key(), it.value());
        }
    }
    return result;
}

QStringList PatroniSettings::ruleViolations(const QJsonObject& config)
{
    // Patroni's defaults for what is not set.
    const double ttl = config.value(QLatin1StringView("ttl")).toDouble(30);
    const double loopWait = config.value(QLatin1StringView("loop_wait")).toDouble(10);
    const double retryTimeout = config.value(QLatin1StringView("retry_timeout")).toDouble(10);
    QStringList problems;
    if (ttl < 20) {
        problems << tr("ttl must be at least 20 s (it is %1).").arg(ttl);
    }
    if (loopWait < 1) {
        problems << tr("loop_wait must be at least 1 s (it is %1).").arg(loopWait);
    }
    if (retryTimeout < 3) {
        problems << tr("retry_timeout must be at least 3 s (it is %1).").arg(retryTimeout);
    }
    if (loopWait + 2 * retryTimeout > ttl) {
        problems << tr("loop_wait + 2 × retry_timeout must not exceed ttl: %1 + 2 × %2 = %3 > %4 (Patroni would "
                       "shorten them itself).")
                        .arg(loopWait)
                        .arg(retryTimeout)
                        .arg(loopWait + 2 * retryTimeout)
                        .arg(ttl);
    }
    if (config.contains(QLatin1StringView("synchronous_node_count"))
        && config.value(QLatin1StringView("synchronous_node_count")).toInt(0) < 1) {
        problems << tr("synchronous_node_count must be at least 1.");
    }
    return problems;
}

bool PatroniSettings::contains(const QJsonObject& config, const QJsonObject& patch)
{
    for (auto it = patch.constBegin(); it != patch.constEnd(); ++it) {
        const QJsonValue present = config.value(it.key());
        if (it.value().isNull()) {
            if (!present.isUndefined() && !present.isNull()) {
                return false;
            }
        } else if (it.value().isObject()) {
            if (!present.isObject() || !contains(present.toObject(), it.value().toObject())) {
                return false;
            }
        } else if (it.value().isDouble() && present.isDouble()) {
            if (it.value().toDouble() != present.toDouble()) {
                return false;
            }
        } else if (present != it.value()) {
            return false;
        }
    }
    return true;
}

QList<std::pair<QString, QJsonValue>> PatroniSettings::flatten(const QJsonObject& config)
{
    QList<std::pair<QString, QJsonValue>> out;
    flattenInto(config, QString(), out);
    return out;
}

QString PatroniSettings::valueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number == double(qint64(number)) ? QString::number(qint64(number)) : QString::number(number);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QJsonValue PatroniSettings::valueAt(const QJsonObject& config, const QString& path)
{
    const QStringList parts = path.split(u'.');
    QJsonValue current = config;
    for (const QString& part : parts) {
        if (!current.isObject()) {
            return QJsonValue::Undefined;
        }
        current = current.toObject().value(part);
    }
    return current;
}
