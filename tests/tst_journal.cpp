// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal.h"
#include "labclock.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <unistd.h>

Q_DECLARE_METATYPE(OperationRecord)

namespace {

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;
using Stream = OperationRecord::Stream;

constexpr qint64 Ms = 1'000'000;
constexpr qint64 Second = 1000 * Ms;
const char* const ChildPathVariable = "TST_JOURNAL_CHILD_PATH";

OperationRecord operation(qint64 sequence, StringTable& strings, const QString& error = {},
                          ErrorClass errorClass = ErrorClass::None)
{
    OperationRecord op;
    op.startNs = 7'000 * Second + sequence * 5 * Ms;
    op.endNs = op.startNs + 2 * Ms + sequence % 7;
    op.wallMs = 1'700'000'000'000 + sequence * 5;
    op.sequence = sequence;
    op.returnedId = error.isEmpty() ? sequence + 1000 : 0;
    op.kind = Kind::Insert;
    op.connection = static_cast<quint16>(sequence % 3);
    op.server = static_cast<quint16>(strings.intern(QStringLiteral("10.89.0.%1:5432").arg(2 + sequence % 3)));
    if (!error.isEmpty()) {
        op.outcome = Outcome::Failed;
        op.errorClass = errorClass;
        op.error = strings.intern(error);
    }
    return op;
}

void verifySame(const OperationRecord& actual, const StringTable& actualStrings, const OperationRecord& expected,
                const StringTable& expectedStrings)
{
    QCOMPARE(actual.startNs, expected.startNs);
    QCOMPARE(actual.endNs, expected.endNs);
    QCOMPARE(actual.wallMs, expected.wallMs);
    QCOMPARE(actual.sequence, expected.sequence);
    QCOMPARE(actual.returnedId, expected.returnedId);
    QCOMPARE(actualStrings.text(actual.error), expectedStrings.text(expected.error));
    QCOMPARE(actualStrings.text(actual.server), expectedStrings.text(expected.server));
    QCOMPARE(actual.connection, expected.connection);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.outcome, expected.outcome);
    QCOMPARE(actual.errorClass, expected.errorClass);
    QCOMPARE(actual.stream, expected.stream);
    QCOMPARE(actual.serverInRecovery, expected.serverInRecovery);
    QCOMPARE(actual.path, expected.path);
}

std::unique_ptr<Journal> openJournal(const QString& path)
{
    Result<std::unique_ptr<Journal>> opened = Journal::open(path);
    if (!opened.ok()) {
        qWarning("%s", qUtf8Printable(opened.error()));
        return nullptr;
    }
    return std::move(opened.value());
}

bool isRoot()
{
    return ::geteuid() == 0;
}

// A tmpfs the test mounts itself (root only): a disk that can be made full or read-only on purpose.
class TmpfsMount
{
    Q_DISABLE_COPY_MOVE(TmpfsMount)
public:
    TmpfsMount(const QString& directory, const QString& size)
        : m_directory(directory)
    {
        const auto mounted = TestSupport::run(QStringLiteral("mount"),
                                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                               QStringLiteral("size=") + size, QStringLiteral("tmpfs"), directory},
                                              30'000);
        m_mounted = mounted.exitCode == 0;
        m_error = mounted.err.trimmed();
    }
    ~TmpfsMount()
    {
        if (m_mounted && TestSupport::run(QStringLiteral("umount"), {m_directory}, 30'000).exitCode != 0) {
            TestSupport::run(QStringLiteral("umount"), {QStringLiteral("-l"), m_directory}, 30'000);
        }
    }
    bool mounted() const { return m_mounted; }
    QString error() const { return m_error; }
    bool remount(const QString& options) const
    {
        return TestSupport::run(QStringLiteral("mount"),
                                {QStringLiteral("-o"), QStringLiteral("remount,") + options, m_directory}, 30'000)
                   .exitCode
            == 0;
    }

private:
    QString m_directory;
    bool m_mounted = false;
    QString m_error;
};

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT
private slots:
    void defaultPathHonoursEnvironment()
    {
        const QByteArray saved = qgetenv("PATRONI_LAB_JOURNAL");
        qputenv("PATRONI_LAB_JOURNAL", "/srv/lab/journal-test.sqlite");
        QCOMPARE(Journal::defaultPath(), QStringLiteral("/srv/lab/journal-test.sqlite"));
        qunsetenv("PATRONI_LAB_JOURNAL");
        QVERIFY2(
            Journal::defaultPath().endsWith(QStringLiteral("/journal.sqlite")), qPrintable(Journal::defaultPath()));
        if (!saved.isNull()) {
            qputenv("PATRONI_LAB_JOURNAL", saved);
        }
    }

    void operationRoundTrip_data()
    {
        QTest::addColumn<OperationRecord>("record");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("server");

        OperationRecord insert;
        insert.startNs = 12 * Second;
        insert.endNs = insert.startNs + 3 * Ms;
        insert.wallMs = 1'718'000'000'123;
        insert.sequence = 42;
        insert.returnedId = 42;
        insert.connection = 1;
        QTest::newRow("insert ok") << insert << QString() << QStringLiteral("10.89.0.3:5432");

        OperationRecord connect = insert;
        connect.kind = Kind::Connect;
        connect.sequence = 0;
        connect.returnedId = 0;
        connect.outcome = Outcome::Failed;
        connect.errorClass = ErrorClass::ConnectionRefused;
        QTest::newRow("connect refused") << connect << QStringLiteral("connection refused") << QString();

        OperationRecord read = insert;
        read.kind = Kind::Read;
        read.sequence = 0;
        read.returnedId = 99'999;
        read.stream = Stream::Probe;
        read.serverInRecovery = true;
        QTest::newRow("probe read on a replica") << read << QString() << QStringLiteral("10.89.0.4:5432");

        OperationRecord readOnly = insert;
        readOnly.outcome = Outcome::Failed;
        readOnly.errorClass = ErrorClass::ReadOnly;
        readOnly.returnedId = 0;
        QTest::newRow("read-only, Cyrillic text")
            << readOnly
            << QStringLiteral("25006: нельзя выполнить INSERT в транзакции только для чтения (Алексей Козлов)")
            << QStringLiteral("узел-2:5432");

        OperationRecord deadline = insert;
        deadline.outcome = Outcome::Indeterminate;
        deadline.errorClass = ErrorClass::DeadlineExceeded;
        QTest::newRow("deadline, indeterminate") << deadline << QStringLiteral("deadline of 2000 ms exceeded")
                                                 << QStringLiteral("10.89.0.2:5432");

        for (const auto errorClass : {ErrorClass::ConnectionLost, ErrorClass::ShuttingDown, ErrorClass::Authentication,
                                      ErrorClass::Other}) {
            OperationRecord failed = insert;
            failed.outcome = Outcome::Failed;
            failed.errorClass = errorClass;
            QTest::newRow(qPrintable(OperationRecord::errorClassName(errorClass)))
                << failed << QStringLiteral("57P01: terminating connection due to administrator command")
                << QStringLiteral("10.89.0.2:5432");
        }

        OperationRecord extremes = insert;
        extremes.startNs = std::numeric_limits<qint64>::max() - Second;
        extremes.endNs = std::numeric_limits<qint64>::max();
        extremes.wallMs = -1;
        extremes.sequence = std::numeric_limits<qint64>::max();
        extremes.returnedId = std::numeric_limits<qint64>::min();
        extremes.connection = std::numeric_limits<quint16>::max();
        extremes.path = std::numeric_limits<quint8>::max();
        QTest::newRow("extreme values") << extremes << QStringLiteral("x") << QStringLiteral("y");

        OperationRecord pinned = insert;
        pinned.path = 2;
        pinned.outcome = Outcome::Failed;
        pinned.errorClass = ErrorClass::ReadOnly;
        QTest::newRow("an extra client path's insert") << pinned << QStringLiteral("25006: read-only")
                                                        << QStringLiteral("127.0.0.1:25530");
    }

    void operationRoundTrip()
    {
        QFETCH(OperationRecord, record);
        QFETCH(QString, error);
        QFETCH(QString, server);

        QTemporaryDir dir;
        auto journal = openJournal(dir.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(journal);
        const Result<qint64> runId = journal->startRun(RunInfo{});
        QVERIFY2(runId.ok(), qPrintable(runId.error()));

        StringTable strings;
        // A first operation so that the texts under test do not get the first indexes.
        const OperationRecord first = operation(1, strings, QStringLiteral("first error"), ErrorClass::Other);
        record.error = strings.intern(error);
        record.server = static_cast<quint16>(strings.intern(server));
        journal->appendOperations(runId.value(), {first, record}, strings);
        const Result<bool> flushed = journal->flush();
        QVERIFY2(flushed.ok(), qPrintable(flushed.error()));

        const Result<StoredRun> stored = journal->loadRun(runId.value());
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QCOMPARE(stored.value().operations.size(), size_t(2));
        QCOMPARE(stored.value().info.operationCount, 2);
        verifySame(stored.value().operations.at(1), stored.value().strings, record, strings);
    }

    void wholeRunRoundTrip()
    {
        QTemporaryDir dir;
        auto journal = openJournal(dir.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(journal);

        RunInfo info;
        info.name = QStringLiteral("Прогон Алексея Козлова: docker kill");
        info.startedAt = QDateTime::fromMSecsSinceEpoch(1'718'000'000'000);
        info.startNs = 7'000 * Second;
        info.settings = QJsonObject{{QStringLiteral("rate"), 150},
                                    {QStringLiteral("student"), QStringLiteral("Алексей Козлов")}};
        info.versions = QJsonObject{{QStringLiteral("patroni"), QStringLiteral("4.0.4")},
                                    {QStringLiteral("postgres"), 16}};
        const Result<qint64> runId = journal->startRun(info);
        QVERIFY2(runId.ok(), qPrintable(runId.error()));

        // The generator's way: one table for the run, growing between batches.
        StringTable strings;
        std::vector<OperationRecord> expected;
        for (int batch = 0; batch < 5; ++batch) {
            std::vector<OperationRecord> operations;
            for (int i = 0; i < 40; ++i) {
                const qint64 sequence = batch * 40 + i + 1;
                operations.push_back(sequence % 9 == 0 ? operation(sequence, strings,
                                         QStringLiteral("57P01: сервер %1 остановлен, Алексей Козлов").arg(batch),
                                         ErrorClass::ShuttingDown)
                                                       : operation(sequence, strings));
            }
            journal->appendOperations(runId.value(), operations, strings);
            expected.insert(expected.end(), operations.begin(), operations.end());
        }

        FaultAction fault;
        fault.startNs = info.startNs + 2 * Second;
        fault.endNs = fault.startNs + 400 * Ms;
        fault.wallMs = 1'718'000'002'000;
        fault.commandLine = QStringLiteral("docker kill demo-patroni1");
        fault.exitCode = 1;
        fault.standardError = QStringLiteral("Error: контейнер не найден");
        journal->appendFault(runId.value(), fault);

        QList<ClusterEvent> events;
        for (int value = 0; value <= static_cast<int>(ClusterEvent::Kind::ContainerStateChanged); ++value) {
            ClusterEvent event;
            event.kind = static_cast<ClusterEvent::Kind>(value);
            event.timeNs = info.startNs + value * Second;
            event.wallTimeMs = 1'718'000'000'000 + value * 1000;
            event.subject = QStringLiteral("узел-%1").arg(value);
            event.from = QStringLiteral("leader");
            event.to = value % 2 ? QString() : QStringLiteral("replica");
            journal->appendEvent(runId.value(), event);
            events.append(event);
        }

        ClusterState state;
        state.scope = QStringLiteral("demo");
        const QJsonObject member{{QStringLiteral("name"), QStringLiteral("Алексей")}};
        const QJsonObject nested{{QStringLiteral("members"), QJsonArray{member}}, {QStringLiteral("lag"), 12345}};
        journal->appendSnapshot(runId.value(), info.startNs + Second, state.toJson());
        journal->appendSnapshot(runId.value(), info.startNs + 2 * Second, nested);

        const qint64 endNs = info.startNs + 60 * Second;
        const Result<bool> finished = journal->finishRun(runId.value(), endNs);
        QVERIFY2(finished.ok(), qPrintable(finished.error()));

        const Result<StoredRun> loaded = journal->loadRun(runId.value());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const StoredRun& run = loaded.value();
        QCOMPARE(run.info.id, runId.value());
        QCOMPARE(run.info.name, info.name);
        QCOMPARE(run.info.status, RunInfo::Status::Finished);
        QCOMPARE(run.info.startedAt, info.startedAt);
        QVERIFY(run.info.endedAt.isValid());
        QCOMPARE(run.info.startNs, info.startNs);
        QCOMPARE(run.info.endNs, endNs);
        QCOMPARE(run.info.settings, info.settings);
        QCOMPARE(run.info.versions, info.versions);
        QCOMPARE(run.info.operationCount, qint64(expected.size()));
        // Same texts at the same indexes: the caller's indexes stay valid.
        QCOMPARE(run.strings.texts(), strings.texts());
        QCOMPARE(run.operations.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            verifySame(run.operations.at(i), run.strings, expected.at(i), strings);
            QCOMPARE(run.operations.at(i).error, expected.at(i).error);
            if (QTest::currentTestFailed()) {
                qWarning("operation %zu differs", i);
                return;
            }
        }

        QCOMPARE(run.faults.size(), 1);
        QCOMPARE(run.faults.first().startNs, fault.startNs);
        QCOMPARE(run.faults.first().endNs, fault.endNs);
        QCOMPARE(run.faults.first().wallMs, fault.wallMs);
        QCOMPARE(run.faults.first().commandLine, fault.commandLine);
        QCOMPARE(run.faults.first().exitCode, fault.exitCode);
        QCOMPARE(run.faults.first().standardError, fault.standardError);

        QCOMPARE(run.events.size(), events.size());
        for (qsizetype i = 0; i < events.size(); ++i) {
            QCOMPARE(run.events.at(i).toJson(), events.at(i).toJson());
        }

        QCOMPARE(run.snapshots.size(), 2);
        QCOMPARE(run.snapshots.at(0).timeNs, info.startNs + Second);
        QCOMPARE(run.snapshots.at(0).state, state.toJson());
        QCOMPARE(run.snapshots.at(1).state, nested);
    }

    // For people who open the journal with sqlite3.
    void sqlViewShowsNames()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        auto journal = openJournal(path);
        QVERIFY(journal);
        const qint64 runId = journal->startRun(RunInfo{}).value();
        StringTable strings;
        OperationRecord failed = operation(1, strings, QStringLiteral("25006: только чтение"), ErrorClass::ReadOnly);
        failed.stream = Stream::Probe;
        journal->appendOperations(runId, {failed}, strings);
        QVERIFY(journal->flush().ok());

        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("view-test"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("SELECT kind, outcome, error_class, stream, error, server FROM operation_details")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("insert"));
            QCOMPARE(query.value(1).toString(), QStringLiteral("failed"));
            QCOMPARE(query.value(2).toString(), QStringLiteral("read_only"));
            QCOMPARE(query.value(3).toString(), QStringLiteral("probe"));
            QCOMPARE(query.value(4).toString(), QStringLiteral("25006: только чтение"));
            QCOMPARE(query.value(5).toString(), QStringLiteral("10.89.0.3:5432"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("view-test"));
    }

    // A journal of the first format (no operations.path): opened, it gains the column, every old operation on the
    // main path, and takes new ones with their path.
    void versionOneJournalIsUpgraded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        qint64 runId = 0;
        {
            auto journal = openJournal(path);
            QVERIFY(journal);
            runId = journal->startRun(RunInfo{}).value();
            StringTable strings;
            journal->appendOperations(runId, {operation(1, strings), operation(2, strings)}, strings);
            QVERIFY(journal->flush().ok());
        }
        {
            // Back to what version 1 wrote: no path column, no path in the view, user_version 1.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP VIEW operation_details")));
            QVERIFY2(query.exec(QStringLiteral("ALTER TABLE operations DROP COLUMN path")), qPrintable(query.lastError().text()));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));

        auto journal = openJournal(path);
        QVERIFY(journal);
        const Result<StoredRun> old = journal->loadRun(runId);
        QVERIFY2(old.ok(), qPrintable(old.error()));
        QCOMPARE(old.value().operations.size(), size_t(2));
        QCOMPARE(old.value().operations.at(1).path, quint8(0));
        const qint64 newRunId = journal->startRun(RunInfo{}).value();
        StringTable strings;
        OperationRecord extra = operation(3, strings);
        extra.path = 1;
        journal->appendOperations(newRunId, {extra}, strings);
        QVERIFY(journal->flush().ok());
        const Result<StoredRun> after = journal->loadRun(newRunId);
        QVERIFY2(after.ok(), qPrintable(after.error()));
        QCOMPARE(after.value().operations.size(), size_t(1));
        QCOMPARE(after.value().operations.at(0).path, quint8(1));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("upgraded"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT max(path) FROM operation_details")) && query.next());
            QCOMPARE(query.value(0).toInt(), 1);
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
            QCOMPARE(query.value(0).toInt(), 2);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("upgraded"));
    }

    // A table per batch (not the run's growing table): the journal translates the indexes.
    void separateStringTablesPerBatch()
    {
        QTemporaryDir dir;
        auto journal = openJournal(dir.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(journal);
        const qint64 runId = journal->startRun(RunInfo{}).value();
        QStringList expectedErrors;
        for (int batch = 0; batch < 3; ++batch) {
            StringTable strings;
            strings.intern(QStringLiteral("shifts the indexes %1").arg(batch));
            const QString error = QStringLiteral("ошибка в пакете %1").arg(batch);
            journal->appendOperations(runId, {operation(batch + 1, strings, error, ErrorClass::Other)}, strings);
            expectedErrors << error;
        }
        QVERIFY(journal->flush().ok());
        const StoredRun run = journal->loadRun(runId).value();
        QCOMPARE(run.operations.size(), size_t(3));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(run.strings.text(run.operations.at(i).error), expectedErrors.at(i));
            QCOMPARE(
                run.strings.text(run.operations.at(i).server), QStringLiteral("10.89.0.%1:5432").arg(2 + (i + 1) % 3));
        }

        // Same size and same last text, yet another table: the texts decide, not the shape.
        const qint64 otherRunId = journal->startRun(RunInfo{}).value();
        for (const QString& server : {QStringLiteral("10.0.0.1:5432"), QStringLiteral("10.0.0.2:5432")}) {
            StringTable strings;
            OperationRecord op;
            op.server = static_cast<quint16>(strings.intern(server));
            op.error = strings.intern(QStringLiteral("shared last text"));
            journal->appendOperations(otherRunId, {op}, strings);
        }
        QVERIFY(journal->flush().ok());
        const StoredRun other = journal->loadRun(otherRunId).value();
        QCOMPARE(other.strings.text(other.operations.at(0).server), QStringLiteral("10.0.0.1:5432"));
        QCOMPARE(other.strings.text(other.operations.at(1).server), QStringLiteral("10.0.0.2:5432"));
        QCOMPARE(other.strings.text(other.operations.at(1).error), QStringLiteral("shared last text"));
    }

    void runsListingAndStatus()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nested/folders/journal.sqlite"));
        auto journal = openJournal(path);
        QVERIFY(journal);
        StringTable strings;

        RunInfo first;
        first.name = QStringLiteral("first");
        const qint64 firstId = journal->startRun(first).value();
        journal->appendOperations(firstId, {operation(1, strings), operation(2, strings)}, strings);
        QVERIFY(journal->finishRun(firstId, 9'000 * Second).ok());

        RunInfo second;
        second.name = QStringLiteral("second, still running");
        // On the same clock as operation()'s records: left to the default (now), the run's start would depend on
        // how long the machine has been up.
        second.startNs = 6'000 * Second;
        const qint64 secondId = journal->startRun(second).value();
        journal->appendOperations(
            secondId, { operation(1, strings), operation(2, strings), operation(3, strings) }, strings);
        QVERIFY(journal->flush().ok());
        QVERIFY(secondId > firstId);

        const Result<QList<RunInfo>> runs = journal->runs();
        QVERIFY2(runs.ok(), qPrintable(runs.error()));
        QCOMPARE(runs.value().size(), 2);
        QCOMPARE(runs.value().at(0).name, first.name);
        QCOMPARE(runs.value().at(0).status, RunInfo::Status::Finished);
        QCOMPARE(runs.value().at(0).endNs, 9'000 * Second);
        QCOMPARE(runs.value().at(0).operationCount, 2);
        QCOMPARE(runs.value().at(1).name, second.name);
        QCOMPARE(runs.value().at(1).status, RunInfo::Status::Running);
        QCOMPARE(runs.value().at(1).operationCount, 3);
        QVERIFY(!runs.value().at(1).endedAt.isValid());

        // Another window or the CLI opening the same journal must not take the live run for a crashed one.
        {
            auto other = openJournal(path);
            QVERIFY(other);
            QCOMPARE(other->runs().value().at(1).status, RunInfo::Status::Running);
        }

        // Closing without finishRun: the run is interrupted and ends where its records end.
        const OperationRecord last = operation(3, strings);
        journal.reset();
        auto reopened = openJournal(path);
        QVERIFY(reopened);
        const RunInfo interrupted = reopened->runs().value().at(1);
        QCOMPARE(interrupted.status, RunInfo::Status::Interrupted);
        QCOMPARE(interrupted.endNs, last.endNs);
        QVERIFY(interrupted.endedAt.isValid());
        QCOMPARE(
            QDir(dir.filePath(QStringLiteral("nested/folders"))).entryList({ QStringLiteral("*.lock") }, QDir::Files),
            QStringList());
    }

    void finishRunRules()
    {
        QTemporaryDir dir;
        auto journal = openJournal(dir.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(journal);
        StringTable strings;
        const qint64 runId = journal->startRun(RunInfo{}).value();
        journal->appendOperations(runId, {operation(1, strings)}, strings);
        QVERIFY(journal->finishRun(runId, 1).ok());

        const Result<bool> again = journal->finishRun(runId, 2);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().contains(QStringLiteral("already finished")), qPrintable(again.error()));
        QVERIFY(!journal->finishRun(runId + 100, 2).ok());

        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("run \\d+ was not started by this journal")));
        journal->appendOperations(runId, {operation(2, strings)}, strings);
        QVERIFY(journal->flush().ok());
        const StoredRun run = journal->loadRun(runId).value();
        QCOMPARE(run.operations.size(), size_t(1));
        QCOMPARE(run.info.endNs, 1);

        const Result<StoredRun> missing = journal->loadRun(runId + 100);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().contains(QStringLiteral("no run")), qPrintable(missing.error()));
    }

    // Helper of crashRecovery: the child process that writes a run until it is killed.
    void crashChild()
    {
        const QString path = qEnvironmentVariable(ChildPathVariable);
        if (path.isEmpty()) {
            QSKIP("helper: crashRecovery runs it in a child process and kills it");
        }
        auto journal = openJournal(path);
        QVERIFY(journal);
        RunInfo info;
        info.name = QStringLiteral("killed with SIGKILL");
        const Result<qint64> runId = journal->startRun(info);
        QVERIFY2(runId.ok(), qPrintable(runId.error()));
        std::printf("run %lld\n", static_cast<long long>(runId.value()));
        std::fflush(stdout);

        // About 200 operations per second, one per append as the generator does; the parent kills us meanwhile.
        StringTable strings;
        QElapsedTimer alive;
        alive.start();
        for (qint64 sequence = 1; alive.elapsed() < 60'000; ++sequence) {
            OperationRecord op;
            op.startNs = LabClock::nowNs();
            op.endNs = op.startNs + 100'000;
            op.wallMs = QDateTime::currentMSecsSinceEpoch();
            op.sequence = sequence;
            op.server = static_cast<quint16>(strings.intern(QStringLiteral("10.89.0.2:5432")));
            if (sequence % 50 == 0) {
                op.outcome = Outcome::Failed;
                op.errorClass = ErrorClass::ConnectionLost;
                op.error = strings.intern(QStringLiteral("соединение %1 потеряно").arg(sequence));
            }
            journal->appendOperations(runId.value(), {op}, strings);
            if (sequence % 100 == 0) {
                ClusterEvent event;
                event.timeNs = op.startNs;
                event.kind = ClusterEvent::Kind::MemberStateChanged;
                event.subject = QStringLiteral("node%1").arg(sequence);
                journal->appendEvent(runId.value(), event);
            }
            QThread::msleep(5);
        }
    }

    void crashRecovery()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(ChildPathVariable), path);
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("crashChild")});
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));

        qint64 runId = 0;
        QByteArray output;
        QElapsedTimer waiting;
        waiting.start();
        while (runId == 0 && waiting.elapsed() < 30'000) {
            child.waitForReadyRead(100);
            output += child.readAllStandardOutput();
            for (const QByteArray& line : output.split('\n')) {
                if (line.startsWith("run ")) {
                    runId = line.mid(4).trimmed().toLongLong();
                }
            }
        }
        QVERIFY2(runId > 0, output.constData());

        QThread::msleep(2500);
        const qint64 killNs = LabClock::nowNs();
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10'000)); // also reaps it: a zombie would still count as alive
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto journal = openJournal(path);
        QVERIFY(journal);
        const Result<QList<RunInfo>> runs = journal->runs();
        QVERIFY2(runs.ok(), qPrintable(runs.error()));
        QCOMPARE(runs.value().size(), 1);
        QCOMPARE(runs.value().first().status, RunInfo::Status::Interrupted);

        const Result<StoredRun> loaded = journal->loadRun(runId);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const StoredRun& run = loaded.value();
        QVERIFY2(run.operations.size() > 300, qPrintable(QString::number(run.operations.size())));
        QCOMPARE(run.info.operationCount, qint64(run.operations.size()));
        for (size_t i = 0; i < run.operations.size(); ++i) {
            QCOMPARE(run.operations.at(i).sequence, qint64(i + 1)); // no holes
        }
        const OperationRecord& last = run.operations.back();
        const double lostSeconds = double(killNs - last.startNs) / double(Second);
        qInfo("%zu operations reached the disk; the last one started %.3f s before the kill", run.operations.size(),
              lostSeconds);
        QVERIFY2(lostSeconds < 1.0, qPrintable(QString::number(lostSeconds)));
        QCOMPARE(run.info.endNs, last.endNs);
        const OperationRecord& failed = run.operations.at(49);
        QCOMPARE(run.strings.text(failed.error), QStringLiteral("соединение 50 потеряно"));
        QVERIFY(!run.events.isEmpty());
        // The dead process's lock file is gone once its run is marked.
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.lock")}, QDir::Files), QStringList());
    }

    void refusesFilesThatAreNotAJournal_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QByteArray garbage(64 * 1024, Qt::Uninitialized);
        QRandomGenerator generator(42);
        for (char& byte : garbage) {
            byte = static_cast<char>(generator.bounded(256));
        }
        QTest::newRow("random bytes") << garbage << QStringLiteral("not an SQLite database");
        QTest::newRow("text file") << QByteArray("name,value\nAlexey,1\n").repeated(300)
                                   << QStringLiteral("not an SQLite database");
        QTest::newRow("damaged SQLite header") << QByteArray("SQLite format 3\0", 16) + garbage
                                               << QStringLiteral("not an SQLite database");
        QTest::newRow("another program's database")
            << QByteArray() << QStringLiteral("not a Patroni HA Lab run journal");
    }

    void refusesFilesThatAreNotAJournal()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        if (content.isEmpty()) {
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE cars (name TEXT)")));
            }
            QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            content = file.readAll();
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }

        const Result<std::unique_ptr<Journal>> opened = Journal::open(path);
        QVERIFY(!opened.ok());
        qInfo("%s", qUtf8Printable(opened.error()));
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(expected), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QStringLiteral("Move it away")), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QStringLiteral("PATRONI_LAB_JOURNAL")), qPrintable(opened.error()));
        // Left exactly as it was: never replaced by an empty journal.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
    }

    void refusesUnwritableLocations_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parent is a file") << QStringLiteral("file-parent") << QStringLiteral("is not a folder");
        QTest::newRow("path is a folder") << QStringLiteral("folder") << QStringLiteral("is a folder");
        QTest::newRow("read-only folder") << QStringLiteral("read-only-folder") << QStringLiteral("Cannot write");
        QTest::newRow("read-only file") << QStringLiteral("read-only-file") << QStringLiteral("Cannot write");
    }

    void refusesUnwritableLocations()
    {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString path;
        std::unique_ptr<TmpfsMount> mount;
        const auto readOnlyFolder = [&](bool withJournal) -> QString {
            const QString folder = dir.filePath(QStringLiteral("ro"));
            QDir().mkpath(folder);
            if (isRoot()) {
                // chmod does not stop root: a read-only file system does.
                mount = std::make_unique<TmpfsMount>(folder, QStringLiteral("4m"));
                if (!mount->mounted()) {
                    return QStringLiteral("cannot mount a tmpfs: ") + mount->error();
                }
            }
            path = folder + QStringLiteral("/journal.sqlite");
            if (withJournal) {
                auto journal = openJournal(path);
                if (!journal || !journal->startRun(RunInfo{}).ok()) {
                    return QStringLiteral("could not create the journal to make read-only");
                }
            }
            if (isRoot()) {
                return mount->remount(QStringLiteral("ro")) ? QString() : QStringLiteral("remount ro failed");
            }
            const QString target = withJournal ? path : folder;
            return QFile::setPermissions(
                       target, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup)
                ? QString()
                : QStringLiteral("chmod failed");
        };

        if (setup == QLatin1StringView("file-parent")) {
            QFile file(dir.filePath(QStringLiteral("plain-file")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            path = dir.filePath(QStringLiteral("plain-file/sub/journal.sqlite"));
        } else if (setup == QLatin1StringView("folder")) {
            path = dir.path();
        } else {
            const QString problem = readOnlyFolder(setup == QLatin1StringView("read-only-file"));
            if (!problem.isEmpty()) {
                QSKIP(qPrintable(problem));
            }
        }

        QElapsedTimer timer;
        timer.start();
        const Result<std::unique_ptr<Journal>> opened = Journal::open(path);
        QVERIFY(!opened.ok());
        qInfo("%s", qUtf8Printable(opened.error()));
        QVERIFY2(timer.elapsed() < 10'000, "no hang");
        QVERIFY2(opened.error().contains(expected), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QStringLiteral("PATRONI_LAB_JOURNAL")), qPrintable(opened.error()));
        if (setup != QLatin1StringView("folder")) {
            QVERIFY2(opened.error().contains(QFileInfo(path).absoluteDir().path())
                         || opened.error().contains(dir.filePath(QStringLiteral("plain-file"))),
                     qPrintable(opened.error()));
        }
        if (!isRoot() && setup.startsWith(QLatin1StringView("read-only"))) {
            QFile::setPermissions(
                dir.filePath(QStringLiteral("ro")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }

    void fullDiskKeepsRecordsAndRetries()
    {
        if (!isRoot()) {
            QSKIP("needs root to mount a small tmpfs; the full-disk path is not tested in this run");
        }
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("small"));
        QDir().mkpath(folder);
        TmpfsMount mount(folder, QStringLiteral("256k"));
        if (!mount.mounted()) {
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs: ") + mount.error()));
        }
        const QString path = folder + QStringLiteral("/journal.sqlite");
        {
            auto journal = openJournal(path);
            QVERIFY(journal);
            QSignalSpy failed(journal.get(), &Journal::writeFailed);
            QSignalSpy recovered(journal.get(), &Journal::writeRecovered);
            const Result<qint64> runId = journal->startRun(RunInfo{});
            QVERIFY2(runId.ok(), qPrintable(runId.error()));

            StringTable strings;
            constexpr int Count = 30'000;
            std::vector<OperationRecord> batch;
            for (int sequence = 1; sequence <= Count; ++sequence) {
                batch.push_back(sequence % 10 == 0 ? operation(sequence, strings,
                                                               QStringLiteral("08006: server closed the connection %1")
                                                                   .arg(sequence % 200),
                                                               ErrorClass::ConnectionLost)
                                                   : operation(sequence, strings));
                if (batch.size() == 100) {
                    journal->appendOperations(runId.value(), batch, strings);
                    batch.clear();
                }
            }

            QElapsedTimer timer;
            timer.start();
            const Result<bool> flushed = journal->flush();
            QVERIFY2(timer.elapsed() < 20'000, "no hang");
            QVERIFY(!flushed.ok());
            qInfo("%s", qUtf8Printable(flushed.error()));
            QVERIFY2(flushed.error().contains(QStringLiteral("is full")), qPrintable(flushed.error()));
            QVERIFY2(flushed.error().contains(path), qPrintable(flushed.error()));
            QVERIFY2(flushed.error().contains(QStringLiteral("kept in memory")), qPrintable(flushed.error()));
            QCOMPARE(failed.size(), 1); // once, not once per retry
            QVERIFY2(failed.first().first().toString().contains(QStringLiteral("is full")),
                     qPrintable(failed.first().first().toString()));
            QVERIFY(!journal->finishRun(runId.value(), 1).ok());

            // Space again: nothing was lost, the queue reaches the disk.
            QVERIFY(mount.remount(QStringLiteral("size=64m")));
            const Result<bool> retried = journal->flush();
            QVERIFY2(retried.ok(), qPrintable(retried.error()));
            QCOMPARE(recovered.size(), 1);
            QVERIFY(journal->finishRun(runId.value(), 1).ok());
            const Result<StoredRun> run = journal->loadRun(runId.value());
            QVERIFY2(run.ok(), qPrintable(run.error()));
            QCOMPARE(run.value().operations.size(), size_t(Count));
            for (int i = 0; i < Count; ++i) {
                QCOMPARE(run.value().operations.at(size_t(i)).sequence, qint64(i + 1));
            }
            QCOMPARE(run.value().strings.text(run.value().operations.at(9).error),
                     QStringLiteral("08006: server closed the connection 10"));
            QCOMPARE(run.value().info.status, RunInfo::Status::Finished);
        }
    }

    void fullDiskAtOpen()
    {
        if (!isRoot()) {
            QSKIP("needs root to mount a small tmpfs");
        }
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("tiny"));
        QDir().mkpath(folder);
        TmpfsMount mount(folder, QStringLiteral("16k"));
        if (!mount.mounted()) {
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs: ") + mount.error()));
        }
        const QString path = folder + QStringLiteral("/journal.sqlite");
        const Result<std::unique_ptr<Journal>> opened = Journal::open(path);
        QVERIFY(!opened.ok());
        qInfo("%s", qUtf8Printable(opened.error()));
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QStringLiteral("PATRONI_LAB_JOURNAL")), qPrintable(opened.error()));
    }

    void appendFromTwoThreads()
    {
        QTemporaryDir dir;
        auto journal = openJournal(dir.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(journal);
        const qint64 runId = journal->startRun(RunInfo{}).value();
        constexpr int PerThread = 20'000;

        const auto producer = [&](Stream stream) {
            // Each thread has its own table, as two generators would.
            StringTable strings;
            const QString tag = OperationRecord::streamName(stream);
            std::vector<OperationRecord> batch;
            for (int sequence = 1; sequence <= PerThread; ++sequence) {
                OperationRecord op = sequence % 7 == 0 ? operation(sequence, strings,
                                         QStringLiteral("%1 error %2").arg(tag).arg(sequence % 13), ErrorClass::Other)
                                                       : operation(sequence, strings);
                op.stream = stream;
                batch.push_back(op);
                if (batch.size() == 50) {
                    journal->appendOperations(runId, batch, strings);
                    batch.clear();
                    QThread::usleep(500);
                }
                if (sequence % 1000 == 0) {
                    ClusterEvent event;
                    event.subject = tag;
                    event.timeNs = sequence;
                    journal->appendEvent(runId, event);
                }
            }
        };
        std::unique_ptr<QThread> workload(QThread::create(producer, Stream::Workload));
        std::unique_ptr<QThread> probe(QThread::create(producer, Stream::Probe));
        workload->start();
        probe->start();
        // Reading and flushing meanwhile, as the GUI would.
        int loads = 0;
        while (!workload->isFinished() || !probe->isFinished()) {
            QVERIFY(journal->loadRun(runId).ok());
            QVERIFY(journal->flush().ok());
            ++loads;
        }
        QVERIFY(workload->wait(60'000));
        QVERIFY(probe->wait(60'000));
        QVERIFY(journal->finishRun(runId, 1).ok());
        qInfo("loaded %d times while writing", loads);

        const StoredRun run = journal->loadRun(runId).value();
        QCOMPARE(run.operations.size(), size_t(2 * PerThread));
        qint64 lastSequence[2] = {0, 0}; // by stream
        for (const OperationRecord& op : run.operations) {
            qint64& last = lastSequence[static_cast<int>(op.stream)];
            QCOMPARE(op.sequence, last + 1); // each thread's order is kept
            last = op.sequence;
            if (op.sequence % 7 == 0) {
                QCOMPARE(run.strings.text(op.error), QStringLiteral("%1 error %2")
                                                         .arg(OperationRecord::streamName(op.stream))
                                                         .arg(op.sequence % 13));
            } else {
                QCOMPARE(op.error, 0u);
            }
        }
        QCOMPARE(run.events.size(), 2 * PerThread / 1000);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
