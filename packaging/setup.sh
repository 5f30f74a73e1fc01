#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   packaging/setup.sh run    install what is missing, build, bring the lab up, open the app
#   packaging/setup.sh test   install what is missing, build, run the whole test suite (unit + integration)
#
# Idempotent: a second run installs nothing and rebuilds only what changed. Debian 12+/Ubuntu 22.04+.
set -euo pipefail

mode=${1:-}
case "$mode" in
run | test) ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PATRONI_LAB_BUILD_DIR:-$source_dir/build}
say() { printf '[setup] %s\n' "$*" >&2; }

# How long each phase took, printed at the end (the CI run must stay under 45 minutes: know where the time goes).
phase_times=()
phase_started=$SECONDS
phase_done() {
    phase_times+=("$1 $((SECONDS - phase_started)) s")
    phase_started=$SECONDS
}
report_phases() { say "time per phase: $(IFS=';'; echo "${phase_times[*]}" | sed 's/;/, /g'), total $SECONDS s"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "ERROR: installing packages needs root: run as root or install sudo"
        exit 1
    fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_missing_packages() {
    local wanted=(cmake ninja-build g++ pkg-config
        qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-svg-dev libqt6sql6-sqlite libgl-dev
        libqcustomplot-dev libqcustomplot2.1-qt6 libpq-dev postgresql-client libxkbcommon-dev
        clang-14 libclang-rt-14-dev llvm-14)
    # Keep a Docker that is already installed (Docker CE, Desktop): docker.io would conflict with it. A docker client
    # alone (no daemon answers, no dockerd, no Docker CE package) is not an engine: Debian's engine is installed then.
    if ! command -v docker >/dev/null 2>&1; then
        wanted+=(docker.io)
    elif ! docker info >/dev/null 2>&1 && ! command -v dockerd >/dev/null 2>&1 && ! installed docker-ce; then
        wanted+=(docker.io)
    fi
    if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
        wanted+=(docker-compose)
    fi
    # Only a machine whose Docker does not answer may need the offline base image (see prepare-docker-host.sh).
    docker info >/dev/null 2>&1 || wanted+=(debootstrap)
    local missing=()
    for package in "${wanted[@]}"; do
        installed "$package" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

command -v apt-get >/dev/null 2>&1 || {
    say "ERROR: this script needs apt (Debian/Ubuntu). On macOS see README.md (Homebrew)."
    exit 1
}
install_missing_packages
phase_done "packages"

# Start Docker / make the base image when this machine has no running daemon or no registry (no-op otherwise).
if [ "$(id -u)" = 0 ]; then
    bash "$source_dir/packaging/lab/prepare-docker-host.sh"
else
    bash "$source_dir/packaging/lab/prepare-docker-host.sh" || say "continuing: the app will explain what Docker needs"
fi
phase_done "docker"

say "building in $build_dir"
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --parallel
phase_done "build"

if [ "$mode" = test ]; then
    say "running every test (labels unit, integration, patroni3 and bench; 'ctest -L scenario' runs the long fault experiments)"
    status=0
    ctest --test-dir "$build_dir" --output-on-failure -LE scenario || status=$?
    phase_done "tests"
    # ctest shows a passing test's output only in its log: print the figures the benchmarks and probes measured.
    say "measured figures:"
    grep -h -E '^bench_[a-z]+:|QINFO .*(latency|poll cycle|write window|writes:|probe:|quorum lost for|longest stall|switchover .* done in|cut off shown|scenario [a-z-]+: |break and heal|leader stop [0-9]|HAProxy.s primary listener)' \
        "$build_dir/Testing/Temporary/LastTest.log" | sed -E 's/^QINFO *: *//' || true
    report_phases
    exit "$status"
fi

"$build_dir/src/cli/patroni-lab-cli" lab up
phase_done "lab up"
report_phases
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "ERROR: no graphical display (DISPLAY/WAYLAND_DISPLAY unset). The lab is up; open the window from a desktop"
    say "session with: $build_dir/src/app/patroni-lab   (or headless: xvfb-run $build_dir/src/app/patroni-lab)"
    exit 1
fi
exec "$build_dir/src/app/patroni-lab"
