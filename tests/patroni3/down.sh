#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Removes the Patroni 3.0.2 cluster that tests/patroni3/up.sh started (containers, network, volumes); the
# images stay for the next run.
#
#   down.sh [--project P] [--port-base B]
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_options "$@"
find_compose
phase=$(now)
run_compose down --volumes --remove-orphans >&2 || die "${compose[*]} down failed"
say "cluster $project removed in $(since "$phase") s"
