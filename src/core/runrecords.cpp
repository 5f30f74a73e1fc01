// SPDX-License-Identifier: GPL-3.0-or-later
#include "runrecords.h"

QString OperationRecord::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Connect: return QStringLiteral("connect");
    case Kind::Insert: return QStringLiteral("insert");
    case Kind::Read: return QStringLiteral("read");
    }
    return {};
}

QString OperationRecord::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok: return QStringLiteral("ok");
    case Outcome::Failed: return QStringLiteral("failed");
    case Outcome::Indeterminate: return QStringLiteral("indeterminate");
    }
    return {};
}

QString OperationRecord::errorClassName(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None: return QString();
    case ErrorClass::ConnectionRefused: return QStringLiteral("connection_refused");
    case ErrorClass::ConnectionLost: return QStringLiteral("connection_lost");
    case ErrorClass::ReadOnly: return QStringLiteral("read_only");
    case ErrorClass::ShuttingDown: return QStringLiteral("shutting_down");
    case ErrorClass::DeadlineExceeded: return QStringLiteral("deadline_exceeded");
    case ErrorClass::Authentication: return QStringLiteral("authentication");
    case ErrorClass::Other: return QStringLiteral("other");
    }
    return {};
}

QString OperationRecord::streamName(Stream stream)
{
    return stream == Stream::Probe ? QStringLiteral("probe") : QStringLiteral("workload");
}

quint32 StringTable::intern(const QString& text)
{
    if (text.isEmpty()) {
        return 0;
    }
    const auto it = m_indexes.constFind(text);
    if (it != m_indexes.cend()) {
        return *it;
    }
    const auto index = static_cast<quint32>(m_texts.size());
    m_texts.append(text);
    m_indexes.insert(text, index);
    return index;
}

const QString& StringTable::text(quint32 index) const
{
    static const QString empty;
    return index < static_cast<quint32>(m_texts.size()) ? m_texts.at(index) : empty;
}
