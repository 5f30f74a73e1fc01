#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts a Patroni 3.0.2 cluster from Debian bookworm's packages (3 etcd 3.4, 3 Patroni + PostgreSQL 15,
# HAProxy 2.6), laid out like Patroni's demo and our lab, and waits until it is healthy — the test bed of the
# CTest label patroni3 (tests/tst_patroni3.cpp).
#
#   up.sh [--project P] [--port-base B] [--timeout S] [--cli PATH]
#
#   --project P     compose project and container prefix (default: p3lab, or $P3_PROJECT)
#   --port-base B   host ports B..B+22 on 127.0.0.1, as in the lab (default: 27500, or $P3_PORT_BASE)
#   --timeout S     how long to wait for a healthy cluster (default: 300)
#   --cli PATH      patroni-lab-cli, whose 'lab status' judges health (default: $PATRONI_LAB_CLI or build/)
#
# 1. The base image p3fix-base:bookworm is built when missing: debootstrap --variant=minbase from the Debian
#    mirror this machine uses ($PATRONI_LAB_DEBIAN_MIRROR, else the first URIs: of
#    /etc/apt/sources.list.d/debian.sources, else deb.debian.org); needs root and debootstrap, no registry.
# 2. The node image p3fix-node:bookworm is built from tests/fixtures/bookworm-patroni-3.0/setup/node
#    (docker build --network host: apt-get reaches the mirror as the host does; cached after the first time).
# 3. compose up (docker compose v2 or docker-compose v1) of a fresh cluster (one left behind is removed first),
#    then 'patroni-lab-cli lab status' until it says healthy.
# Each phase prints how long it took. tests/patroni3/down.sh removes the cluster.
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_options "$@"
started=$(now)

docker info >/dev/null 2>&1 || die "the Docker daemon does not answer (see packaging/lab/prepare-docker-host.sh)"
[ -x "$cli" ] || die "patroni-lab-cli not found at $cli: build it, or pass --cli PATH"

debian_mirror() {
    if [ -n "${PATRONI_LAB_DEBIAN_MIRROR:-}" ]; then
        echo "$PATRONI_LAB_DEBIAN_MIRROR"
        return
    fi
    local found=""
    if [ -r /etc/apt/sources.list.d/debian.sources ]; then
        found=$(awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$found" ] && [ -r /etc/apt/sources.list ]; then
        found=$(awk '$1 == "deb" && $2 !~ /^\[/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list)
    fi
    echo "${found:-http://deb.debian.org/debian}"
}

phase=$(now)
if docker image inspect "$base_image" >/dev/null 2>&1; then
    say "base image $base_image: present"
else
    [ "$(id -u)" = 0 ] || die "$base_image is missing and building it needs root (debootstrap): run this script as root once"
    command -v debootstrap >/dev/null 2>&1 || die "$base_image is missing and debootstrap is not installed (apt-get install debootstrap)"
    mirror=$(debian_mirror)
    rootfs=$(mktemp -d /var/tmp/patroni-lab-bookworm.XXXXXX)
    trap 'rm -rf "$rootfs"' EXIT
    say "base image $base_image is missing: debootstrap bookworm from $mirror"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/var/tmp/patroni-lab-bookworm-debootstrap.log 2>&1 \
        || die "debootstrap failed; see /var/tmp/patroni-lab-bookworm-debootstrap.log"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | docker import - "$base_image" >/dev/null
    rm -rf "$rootfs"
    trap - EXIT
    say "base image $base_image built in $(since "$phase") s"
fi

phase=$(now)
build_log=$(mktemp /var/tmp/patroni-lab-p3-build.XXXXXX)
if ! docker build --network host -t "$node_image" "$node_dir" >"$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    die "docker build of $node_image failed (log: $build_log)"
fi
rm -f "$build_log"
say "node image $node_image ready in $(since "$phase") s"

find_compose
phase=$(now)
# Always a fresh cluster: one left behind by an interrupted run may be paused, cut off or half failed over.
if [ -n "$(docker ps -aq --filter "label=com.docker.compose.project=$project")" ]; then
    say "removing the containers cluster $project left behind"
    run_compose down --volumes --remove-orphans >&2 || die "${compose[*]} down failed"
fi
run_compose up -d >&2 || die "${compose[*]} up failed"
say "cluster $project started (${compose[*]}) in $(since "$phase") s"

phase=$(now)
deadline=$(( $(date +%s) + timeout ))
while :; do
    if status=$("$cli" lab status --project "$project" --port-base "$port_base" 2>&1); then
        break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        printf '%s\n' "$status" >&2
        for container in $(docker ps -a --filter "label=com.docker.compose.project=$project" --format '{{.Names}}'); do
            say "last log lines of $container:"
            docker logs --tail 15 "$container" 2>&1 | sed 's/^/    /' >&2
        done
        die "cluster $project is not healthy after $timeout s"
    fi
    sleep 2
done
say "cluster $project healthy after $(since "$phase") s (whole set-up: $(since "$started") s)"
