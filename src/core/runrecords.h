// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

// What one client operation did. Kept small (the generator records ~100 per second for hours, the analysis reads
// millions): texts live in the run's StringTable and are referenced by index.
struct OperationRecord
{
    enum class Kind : quint8 { Connect, Insert, Read };
    enum class Outcome : quint8 { Ok, Failed, Indeterminate };
    enum class ErrorClass : quint8 {
        None,
        ConnectionRefused, // nothing listens (HAProxy down, port closed)
        ConnectionLost,    // the connection broke or the proxy closed it (no SQLSTATE)
        ReadOnly,          // SQLSTATE 25006, or "session is read-only" at connect
        ShuttingDown,      // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up / shutting down
        DeadlineExceeded,  // the client-side deadline fired (frozen server)
        Authentication,    // 28P01, 28000
        Other,
    };
    static constexpr int ErrorClassCount = static_cast<int>(ErrorClass::Other) + 1;
    enum class Stream : quint8 { Workload, Probe };

    qint64 startNs = 0; // LabClock, the same clock as ClusterEvent::timeNs
    qint64 endNs = 0;
    qint64 wallMs = 0;     // wall clock at start, ms since the epoch
    qint64 sequence = 0;   // client sequence number, unique in the run (inserts; 0 for connect/read)
    qint64 returnedId = 0; // the id the INSERT returned, or for a read the highest id it saw
    quint32 error = 0;     // StringTable index of "SQLSTATE: message" (0: none)
    quint16 server = 0;    // StringTable index of "address:port" of the server that answered (0: unknown)
    quint16 connection = 0;
    Kind kind = Kind::Insert;
    Outcome outcome = Outcome::Ok;
    ErrorClass errorClass = ErrorClass::None;
    Stream stream = Stream::Workload;
    bool serverInRecovery = false;
    // The client path (TrafficConfig::paths) whose connection ran it: 0 the main one (its workload and the probe),
    // 1.. the extra paths' workloads. Fits in the record's padding: the size stays 56 bytes.
    quint8 path = 0;

    bool ok() const { return outcome == Outcome::Ok; }
    static QString kindName(Kind kind);
    static QString outcomeName(Outcome outcome);
    static QString errorClassName(ErrorClass errorClass);
    static QString streamName(Stream stream);
};

// A docker command run against the cluster during a run (stop, kill, pause ...), as the student would type it.
struct FaultAction
{
    qint64 startNs = 0;
    qint64 endNs = 0;
    qint64 wallMs = 0;
    QString commandLine;
    int exitCode = 0;
    QString standardError;
};

// Interned texts of a run: index 0 is the empty string.
class StringTable
{
public:
    StringTable() { m_texts.append(QString()); }
    quint32 intern(const QString& text);
    const QString& text(quint32 index) const;
    qsizetype size() const { return m_texts.size(); }
    const QStringList& texts() const { return m_texts; }

private:
    QStringList m_texts;
    QHash<QString, quint32> m_indexes;
};
