// SPDX-License-Identifier: GPL-3.0-or-later
#include "haproxycheckchange.h"

#include <QRegularExpression>

#include <cmath>

using namespace std::chrono_literals;

namespace {

constexpr auto InstallTimeout = 30s; // haproxy -c, the file, SIGUSR2 and up to 10 s for the new worker

// Runs inside the HAProxy container as `sh -c SCRIPT sh PATH TEXT SOCKET STATEFILE`. Exit codes: 3 PID 1 is not
// HAProxy, 4 not in master-worker mode, 5 the file could not be written, 6 haproxy -c refused the text, 7 the signal
// failed, 8 no new worker. Only POSIX sh, tr and sleep (and socat or python3 for the server states, when there):
// it runs in Debian, Alpine (busybox) and the official haproxy images alike.
//
// A new worker starts every server UP until its first check fails, so for up to `inter` after a reload HAProxy
// would send writes to the replicas too (measured on the lab: ~1 s of all three primary servers UP after a reload
// with inter 3s). With SOCKET (an admin `stats socket`) and STATEFILE (`server-state-file` with
// `load-server-state-from-file`, as in the lab), the script saves `show servers state` just before the signal and
// the new worker starts from the states the old one had: no server changes state because of the reload.
const char* const InstallScript = R"SH(
set -u
cmd=$(tr '\0' ' ' < /proc/1/cmdline)
case "$cmd" in
*haproxy*) ;;
*) echo "PID 1 of the container is not HAProxy but: $cmd" >&2; exit 3 ;;
esac
case " $cmd " in
*" -W "*|*" -Ws "*) ;;
*) grep -qs '^[[:space:]]*master-worker' "$1" || { echo "HAProxy runs without master-worker mode (no -W in: $cmd)" >&2; exit 4; } ;;
esac
new="$1.patroni-lab-new"
printf '%s' "$2" > "$new" || exit 5
if ! out=$(haproxy -c -f "$new" 2>&1); then rm -f "$new"; echo "$out" >&2; exit 6; fi
workers() {
    for p in /proc/[0-9]*; do
        n=${p#/proc/}
        [ "$n" = 1 ] && continue
        c=$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null) || continue
        case "$c" in haproxy\ *|*/haproxy\ *) echo "$n" ;; esac
    done
}
save_states() {
    [ -n "$3" ] && [ -n "$4" ] || { echo "states: not configured"; return; }
    if command -v socat >/dev/null 2>&1; then
        echo "show servers state" | socat stdio "unix-connect:$3" > "$4.new" 2>/dev/null
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"show servers state\n")
open(sys.argv[2], "wb").write(b"".join(iter(lambda: s.recv(65536), b"")))' "$3" "$4.new" 2>/dev/null
    else
        echo "states: neither socat nor python3 in the container"; return
    fi
    if [ -s "$4.new" ] && mv "$4.new" "$4"; then echo "states: saved"; else rm -f "$4.new"; echo "states: $3 did not answer"; fi
}
before=" $(workers | tr '\n' ' ') "
cat "$new" > "$1" || exit 5
rm -f "$new"
save_states "$@"
kill -USR2 1 || exit 7
i=0
while [ $i -lt 100 ]; do
    for n in $(workers); do
        case "$before" in *" $n "*) ;; *) echo "new worker $n after $i"; exit 0 ;; esac
    done
    sleep 0.1
    i=$((i + 1))
done
echo "no new HAProxy worker within 10 s of SIGUSR2: see docker logs of the container" >&2
exit 8
)SH";

} // namespace

HaproxyCheckChange::HaproxyCheckChange(const QString& container, const DockerCli& docker, QObject* parent)
    : QObject(parent)
    , m_container(container)
    , m_docker(docker)
{
}

void HaproxyCheckChange::start(const HaproxyCheckTiming& timing)
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_timing = timing;
    const QStringList problems = timing.violations();
    if (!problems.isEmpty()) {
        m_outcome.refusedBeforeWriting = true;
        // Like every other outcome, after start() has returned.
        QMetaObject::invokeMethod(this, [this, problems] { finish(problems.join(QStringLiteral("; ")) + u'.'); },
                                  Qt::QueuedConnection);
        return;
    }
    auto* reader = new HaproxyCheckReader(m_container, m_docker, this);
    connect(reader, &HaproxyCheckReader::finished, this, [this, reader](const HaproxyCheckSettings& current) {
        reader->deleteLater();
        onCurrent(current);
    });
    reader->start();
}

void HaproxyCheckChange::onCurrent(const HaproxyCheckSettings& current)
{
    m_outcome.before = current;
    m_outcome.refusedBeforeWriting = true; // until the install script has replaced the file
    if (!current.fromConfig) {
        finish(tr("Could not read HAProxy's configuration in container %1 (%2).").arg(m_container, current.source));
        return;
    }
    if (current.configFiles.size() != 1) {
        finish(tr("HAProxy in container %1 loads several configuration files (%2); the lab changes only a single file: "
                  "change the check timing in them by hand.")
                   .arg(m_container, current.configFiles.join(QStringLiteral(", "))));
        return;
    }
    // The reader joins files with a newline after each; one file: drop it again so that the bytes stay the same.
    QByteArray text = current.configText;
    text.chop(1);
    const auto rewritten = m_timing.rewrite(text, current);
    if (!rewritten.ok()) {
        finish(rewritten.error() + u'.');
        return;
    }
    if (rewritten.value() == text) {
        m_outcome.unchanged = true;
        m_outcome.refusedBeforeWriting = false;
        m_outcome.after = current;
        finish();
        return;
    }
    install(rewritten.value());
}

void HaproxyCheckChange::install(const QByteArray& text)
{
    const QString path = m_outcome.before.configFiles.first();
    const HaproxyStateKeeping states = HaproxyStateKeeping::of(text);
    ProcessJob* job = m_docker.job({QStringLiteral("exec"), m_container, QStringLiteral("sh"), QStringLiteral("-c"),
                                    QString::fromLatin1(InstallScript), QStringLiteral("sh"), path, QString::fromUtf8(text),
                                    states.adminSocket, states.stateFile},
                                   this, InstallTimeout);
    connect(job, &ProcessJob::finished, this, [this, job, path](const ProcessResult& result) {
        job->deleteLater();
        if (result.succeeded()) {
            // "states: …" then "new worker N after I": I tenths of a second of waiting after the signal.
            const QList<QByteArray> lines = result.standardOutput.trimmed().split('\n');
            const QList<QByteArray> words = lines.last().split(' ');
            m_outcome.reloadSeconds = words.value(words.size() - 1).toDouble() / 10.0;
            const QByteArray states = lines.first().trimmed();
            if (states != "states: saved") {
                m_outcome.warning = tr("HAProxy kept no server states across the reload (%1): for up to inter (%2) it may "
                                       "route new connections to every server until their first checks, writes to replicas "
                                       "included. Give it an admin stats socket and server-state-file with "
                                       "load-server-state-from-file, as the lab's configuration does.")
                                        .arg(QString::fromUtf8(states.mid(8)), HaproxyCheckTiming::timeText(m_timing.appliedTo(m_outcome.before).interSeconds));
            }
            m_outcome.refusedBeforeWriting = false;
            readBack();
            return;
        }
        const QString detail = QString::fromUtf8(result.standardError).trimmed();
        if (result.status != ProcessResult::Status::Finished) {
            finish(tr("Could not change HAProxy's configuration in container %1: %2").arg(m_container, DockerCli::explainFailure(result)));
            return;
        }
        switch (result.exitCode) {
        case 3:
        case 4:
            finish(tr("HAProxy in container %1 cannot be reloaded by the lab (%2): the lab reloads HAProxy by signalling its "
                      "master process, which must be the container's PID 1 started with -W (as in the lab and the official "
                      "haproxy image). Nothing was changed.")
                       .arg(m_container, detail));
            return;
        case 6:
            finish(tr("HAProxy refused the new configuration (haproxy -c: %1). Nothing was changed.").arg(detail));
            return;
        case 5:
            finish(tr("Could not write %1 in container %2 (%3). Nothing was changed.").arg(path, m_container, detail));
            return;
        default:
            m_outcome.refusedBeforeWriting = false;
            finish(tr("%1 in container %2 has the new timing, but HAProxy did not reload: %3").arg(path, m_container, detail));
        }
    });
    job->start();
}

void HaproxyCheckChange::readBack()
{
    auto* reader = new HaproxyCheckReader(m_container, m_docker, this);
    reader->setListenerHint(m_outcome.before.listener);
    connect(reader, &HaproxyCheckReader::finished, this, [this, reader](const HaproxyCheckSettings& after) {
        reader->deleteLater();
        m_outcome.after = after;
        const HaproxyCheckSettings expected = m_timing.appliedTo(m_outcome.before);
        if (!after.fromConfig || std::abs(after.interSeconds - expected.interSeconds) > 1e-6 || after.fall != expected.fall
            || after.rise != expected.rise || after.shutdownSessions != expected.shutdownSessions) {
            finish(tr("HAProxy reloaded, but its configuration reads back as %1 instead of %2.").arg(after.describe(), expected.describe()));
            return;
        }
        finish();
    });
    reader->start();
}

void HaproxyCheckChange::finish(const QString& error)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_outcome.error = error;
    emit finished(m_outcome);
}
