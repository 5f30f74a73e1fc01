#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes a Docker engine usable for the lab on a machine that has no running daemon and/or no container
# registry (CI sandboxes, offline classrooms). On a normal machine where `docker info` answers and the base image
# debian:trixie-slim is present or can be pulled, it changes nothing.
#
#   1. No daemon answers: as root on Linux, start it (systemd when it runs, else a background dockerd).
#      Anyone else gets one line that says how to start Docker, and a non-zero exit.
#   2. debian:trixie-slim is missing and `docker pull` fails: build it with debootstrap from Debian's mirror and
#      `docker import` it (root only, needs the debootstrap package).
set -euo pipefail

docker_cli=${DOCKER:-docker}
base_image=${PATRONI_LAB_BASE_IMAGE:-debian:trixie-slim}
mirror=${PATRONI_LAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
dockerd_log=${PATRONI_LAB_DOCKERD_LOG:-/var/log/patroni-lab-dockerd.log}

say() { printf '[prepare-docker] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
is_root_on_linux() { [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ]; }
daemon_answers() { "$docker_cli" info >/dev/null 2>&1; }

wait_for_daemon() {
    for _ in $(seq 1 60); do
        daemon_answers && return 0
        sleep 1
    done
    return 1
}

command -v "$docker_cli" >/dev/null 2>&1 \
    || die "the docker CLI '$docker_cli' is not installed. Install Docker (Debian/Ubuntu: apt-get install docker.io; macOS: Docker Desktop)."

if ! daemon_answers; then
    if ! is_root_on_linux; then
        why=$("$docker_cli" info 2>&1 | grep -iE 'permission denied|cannot connect|error' | head -n 1 || true)
        die "the Docker daemon does not answer (${why:-no reason given}). Start Docker (Docker Desktop, or 'sudo systemctl start docker'); if it runs, add yourself to the docker group: 'sudo usermod -aG docker \$USER' and log in again."
    fi
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        say "starting the Docker daemon with systemd"
        systemctl start docker || true
    fi
    if ! daemon_answers; then
        command -v dockerd >/dev/null 2>&1 || die "no Docker daemon answers and dockerd is not installed (apt-get install docker.io)."
        say "no Docker daemon answers: starting dockerd in the background (log: $dockerd_log)"
        # setsid: the daemon must outlive this script and the shell that ran it.
        setsid dockerd --storage-driver=overlay2 >"$dockerd_log" 2>&1 < /dev/null &
    fi
    wait_for_daemon || die "dockerd did not answer within 60 s; its last log lines:
$(tail -n 20 "$dockerd_log" 2>/dev/null)"
    say "the Docker daemon answers"
fi

if "$docker_cli" image inspect "$base_image" >/dev/null 2>&1; then
    exit 0
fi

say "base image $base_image is missing: trying docker pull"
if timeout 120 "$docker_cli" pull "$base_image" >/dev/null 2>&1; then
    say "pulled $base_image"
    exit 0
fi

is_root_on_linux || die "$base_image is missing and cannot be pulled. Check your network or registry mirror, then run: docker pull $base_image"
command -v debootstrap >/dev/null 2>&1 || die "$base_image cannot be pulled and debootstrap is missing (apt-get install debootstrap)."

suite=${base_image#debian:}
suite=${suite%-slim}
rootfs=$(mktemp -d /var/tmp/patroni-lab-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
say "no registry: building $base_image offline with debootstrap ($suite from $mirror)"
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >/var/tmp/patroni-lab-debootstrap.log 2>&1 \
    || die "debootstrap failed; see /var/tmp/patroni-lab-debootstrap.log"
# Trim what a container never uses, as the official slim images do.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | "$docker_cli" import - "$base_image" >/dev/null
say "imported $base_image"
