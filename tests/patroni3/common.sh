# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by up.sh and down.sh: options, the compose command and the variables tests/patroni3/compose.yml reads.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
project=${P3_PROJECT:-p3lab}
port_base=${P3_PORT_BASE:-27500}
timeout=300
cli=${PATRONI_LAB_CLI:-$repo/build/src/cli/patroni-lab-cli}
# The node image the fixtures in tests/fixtures/bookworm-patroni-3.0/ were captured from; its Dockerfile says
# FROM p3fix-base:bookworm.
node_dir=$repo/tests/fixtures/bookworm-patroni-3.0/setup/node
base_image=p3fix-base:bookworm
node_image=p3fix-node:bookworm

say() { printf '[patroni3] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

parse_options() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --project) project=${2:?--project needs a name}; shift 2 ;;
        --port-base) port_base=${2:?--port-base needs a number}; shift 2 ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift 2 ;;
        --cli) cli=${2:?--cli needs the path of patroni-lab-cli}; shift 2 ;;
        -h|--help) sed -n '3,/^set -/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (try --help)" ;;
        esac
    done
    case "$port_base" in ''|*[!0-9]*) die "--port-base must be a whole number, got '$port_base'" ;; esac
}

# docker compose (v2) when the plugin works, else docker-compose (v1), like patroni-lab-cli lab up.
find_compose() {
    if docker compose version >/dev/null 2>&1; then
        compose=(docker compose)
    elif command -v docker-compose >/dev/null 2>&1 && docker-compose version >/dev/null 2>&1; then
        compose=(docker-compose)
    else
        die "neither 'docker compose' (v2) nor 'docker-compose' (v1) works: install one (Debian: apt-get install docker-compose)"
    fi
    export LAB_PROJECT=$project P3_IMAGE=$node_image
    export LAB_PORT_PRIMARY=$port_base LAB_PORT_REPLICAS=$((port_base + 1)) LAB_PORT_STATS=$((port_base + 2))
    for member in 1 2 3; do
        export "LAB_PORT_PATRONI$member=$((port_base + 9 + member))" "LAB_PORT_ETCD$member=$((port_base + 19 + member))"
    done
}

run_compose() {
    "${compose[@]}" -p "$project" -f "$here/compose.yml" "$@"
}
