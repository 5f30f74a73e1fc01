// SPDX-License-Identifier: GPL-3.0-or-later
// How fast the run journal writes: appends operations in batches of 100 from one thread (as the traffic generator
// does, only without pauses), flushes, and reads the run back. Prints operations/s written, bytes per operation on
// disk and the load time; exits non-zero only when records are lost or differ (broken), never because it is slow.
//
// Usage: bench_journal [operations] [journal file]   (default: 1000000 operations in a temporary folder)
#include "journal.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;

constexpr qint64 Ms = 1'000'000;
constexpr qint64 Second = 1000 * Ms;
constexpr qint64 RunStartNs = 5'000 * Second;
constexpr size_t BatchSize = 100;

double seconds(Clock::duration duration)
{
    return std::chrono::duration<double>(duration).count();
}

// 200 operations per second of lab time: 3 in 4 inserts, the rest reads, about 2 % failing with one of a few
// dozen server messages, as during a failover or two.
OperationRecord makeOperation(qint64 i, StringTable& strings)
{
    static const ErrorClass errorClasses[] = { ErrorClass::ConnectionLost, ErrorClass::ReadOnly,
        ErrorClass::ShuttingDown, ErrorClass::ConnectionRefused, ErrorClass::DeadlineExceeded };
    OperationRecord op;
    op.startNs = RunStartNs + i * 5 * Ms;
    op.endNs = op.startNs + (1 + (i * 7919) % 4) * Ms + (i * 104'729) % 1'000'000;
    op.wallMs = 1'718'000'000'000 + i * 5;
    op.connection = static_cast<quint16>(i % 4);
    op.stream = i % 10 == 9 ? OperationRecord::Stream::Probe : OperationRecord::Stream::Workload;
    op.server = static_cast<quint16>(strings.intern(QStringLiteral("10.89.0.%1:5432").arg(2 + (i / 100'000) % 3)));
    op.kind = i % 4 == 3 ? Kind::Read : Kind::Insert;
    op.serverInRecovery = op.kind == Kind::Read && i % 8 == 7;
    if (op.kind == Kind::Insert) {
        op.sequence = i + 1;
    }
    if (i % 50 == 17) {
        op.outcome = i % 200 == 17 ? Outcome::Indeterminate : Outcome::Failed;
        op.errorClass = errorClasses[(i / 50) % 5];
        op.error
            = strings.intern(QStringLiteral("57P01: terminating connection due to administrator command (backend %1)")
                                 .arg((i / 50) % 40));
    } else {
        op.returnedId = op.kind == Kind::Insert ? i + 1 : i;
    }
    return op;
}

bool same(const OperationRecord& a, const OperationRecord& b)
{
    return a.startNs == b.startNs && a.endNs == b.endNs && a.wallMs == b.wallMs && a.sequence == b.sequence
        && a.returnedId == b.returnedId && a.error == b.error && a.server == b.server && a.connection == b.connection
        && a.kind == b.kind && a.outcome == b.outcome && a.errorClass == b.errorClass && a.stream == b.stream
        && a.serverInRecovery == b.serverInRecovery;
}

int broken(const QString& problem)
{
    std::fprintf(stderr, "bench_journal: BROKEN: %s\n", qUtf8Printable(problem));
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    if (count <= 0) {
        std::fprintf(stderr, "usage: bench_journal [operations] [journal file]\n");
        return 2;
    }
    QTemporaryDir dir;
    const QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : dir.filePath(QStringLiteral("journal.sqlite"));

    StringTable strings;
    qint64 runId = 0;
    double writeSeconds = 0;
    double appendSeconds = 0;
    {
        Result<std::unique_ptr<Journal>> opened = Journal::open(path);
        if (!opened.ok()) {
            return broken(opened.error());
        }
        Journal& journal = *opened.value();
        QObject::connect(&journal, &Journal::writeFailed, &journal,
            [](const QString& message) { std::fprintf(stderr, "writeFailed: %s\n", qUtf8Printable(message)); });
        RunInfo info;
        info.name = QStringLiteral("bench_journal");
        info.startNs = RunStartNs;
        const Result<qint64> started = journal.startRun(info);
        if (!started.ok()) {
            return broken(started.error());
        }
        runId = started.value();

        std::vector<OperationRecord> batch;
        batch.reserve(BatchSize);
        const auto start = Clock::now();
        Clock::duration inAppend{};
        for (qint64 i = 0; i < count; ++i) {
            batch.push_back(makeOperation(i, strings));
            if (batch.size() == BatchSize || i + 1 == count) {
                const auto before = Clock::now();
                journal.appendOperations(runId, batch, strings);
                inAppend += Clock::now() - before;
                batch.clear();
            }
        }
        const Result<bool> flushed = journal.flush();
        writeSeconds = seconds(Clock::now() - start);
        appendSeconds = seconds(inAppend);
        if (!flushed.ok()) {
            return broken(flushed.error());
        }
        const Result<bool> finished = journal.finishRun(runId, RunStartNs + count * 5 * Ms);
        if (!finished.ok()) {
            return broken(finished.error());
        }
    } // closing checkpoints the WAL into the file, so its size is what stays on disk

    const qint64 fileBytes = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    std::printf("appendOperations: %.2f s in total on the calling thread, %.1f µs per batch of %zu\n", appendSeconds,
                appendSeconds * 1e6 / double((count + qint64(BatchSize) - 1) / qint64(BatchSize)), BatchSize);
    std::printf("file: %s, %lld bytes\n", qUtf8Printable(path), static_cast<long long>(fileBytes));

    Result<std::unique_ptr<Journal>> reopened = Journal::open(path);
    if (!reopened.ok()) {
        return broken(reopened.error());
    }
    const auto loadStart = Clock::now();
    const Result<StoredRun> loaded = reopened.value()->loadRun(runId);
    const double loadSeconds = seconds(Clock::now() - loadStart);
    if (!loaded.ok()) {
        return broken(loaded.error());
    }
    const StoredRun& run = loaded.value();
    std::printf("loadRun: %.2f s for %zu operations (%.0f ops/s)\n", loadSeconds, run.operations.size(),
                double(run.operations.size()) / loadSeconds);
    if (run.operations.size() != size_t(count) || run.info.operationCount != count) {
        return broken(QStringLiteral("%1 operations written, %2 loaded").arg(count).arg(run.operations.size()));
    }
    if (run.strings.texts() != strings.texts()) {
        return broken(QStringLiteral("the texts differ"));
    }
    StringTable regenerated;
    for (qint64 i = 0; i < count; ++i) {
        if (!same(run.operations[size_t(i)], makeOperation(i, regenerated))) {
            return broken(QStringLiteral("operation %1 differs").arg(i));
        }
    }

    std::printf("bench_journal: %lld operations in %.1f s = %.0f ops/s, %.0f bytes/op on disk, loaded in %.1f s\n",
                static_cast<long long>(count), writeSeconds, double(count) / writeSeconds,
                double(fileBytes) / double(count), loadSeconds);
    return 0;
}
