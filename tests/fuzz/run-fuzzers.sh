#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the parser fuzzers with clang (libFuzzer + ASan + UBSan) and runs each one briefly on a corpus seeded from
# the real captured responses in tests/fixtures/ (the scenario files in resources/scenarios/ for fuzz_scenario) and
# from tests/fuzz/regressions/<fuzzer>/.
#
#   tests/fuzz/run-fuzzers.sh BUILD_DIR SECONDS
#
# BUILD_DIR  where the standalone fuzz project is configured and built (ctest uses <build>/fuzz)
# SECONDS    how long each fuzzer runs (-max_total_time); fuzzers run side by side, one per CPU
#
# Exit status: 0 when every fuzzer ran without finding anything, or when there is no clang outside CI (a message
# says that fuzzing was NOT run); 1 when a fuzzer found a crash or sanitizer error (its input and report are printed),
# when the build fails, or when clang/libFuzzer is missing and CI=true.
# Environment: FUZZ_CXX forces a compiler; FUZZ_JOBS sets how many fuzzers run at once (default: CPU count).
set -euo pipefail

if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
    echo "usage: $0 BUILD_DIR SECONDS" >&2
    exit 2
fi
build_dir=$1
seconds=$2
fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixtures=$(cd "$fuzz_dir/../fixtures" && pwd)
scenarios=$(cd "$fuzz_dir/../../resources/scenarios" && pwd)
fuzzers=(fuzz_patroni_json fuzz_etcd_json fuzz_haproxy_csv fuzz_docker_json fuzz_scenario)

say() { echo "run-fuzzers: $*"; }

# The fixture files that seed each fuzzer's corpus (globs relative to tests/fixtures).
seeds_of() {
    case $1 in
    fuzz_patroni_json) echo '*/cluster*.json */patroni-*.json' ;;
    fuzz_etcd_json) echo '*/etcd-*.json' ;;
    fuzz_haproxy_csv) echo '*/*.csv' ;;
    fuzz_docker_json) echo '*/docker-ps.jsonl */docker-inspect*.json' ;;
    fuzz_scenario) ;; # seeded from resources/scenarios instead, see run_fuzzer
    esac
}

no_fuzzing() {
    if [ "${CI:-}" = true ]; then
        say "ERROR: $1. Install clang and its runtimes (Debian: apt-get install clang-14 libclang-rt-14-dev llvm-14)."
        exit 1
    fi
    say "$1: install clang (Debian: apt-get install clang-14 libclang-rt-14-dev llvm-14)."
    say "fuzzing was NOT run (this is only an error when CI=true)."
    exit 0
}

# --- a clang that can link libFuzzer -----------------------------------------------------------------------------
cxx=
for candidate in ${FUZZ_CXX:-} clang++ clang++-{19,18,17,16,15,14}; do
    if command -v "$candidate" >/dev/null 2>&1; then
        cxx=$(command -v "$candidate")
        break
    fi
done
[ -n "$cxx" ] || no_fuzzing "no clang++ found"

work=$(mktemp -d "${TMPDIR:-/tmp}/patroni-lab-fuzz.XXXXXX")
pids=()
cleanup() {
    # A fuzzer still running (interrupted run) is a child of the subshell that started it.
    for pid in "${pids[@]}"; do
        pkill -P "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# clang without compiler-rt (Debian's libclang-rt-NN-dev) compiles, but cannot link -fsanitize=fuzzer.
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' >"$work/probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$work/probe.cpp" -o "$work/probe" >"$work/probe.log" 2>&1; then
    sed 's/^/    /' "$work/probe.log" | head -5
    no_fuzzing "$cxx cannot link -fsanitize=fuzzer,address,undefined (libFuzzer/sanitizer runtimes missing)"
fi
say "compiler: $cxx ($("$cxx" --version | head -1))"

# --- configure and build -----------------------------------------------------------------------------------------
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
cache="$build_dir/CMakeCache.txt"
if [ -f "$cache" ]; then
    # A build dir made with another compiler or generator cannot be reconfigured in place.
    old_cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$cache")
    old_generator=$(sed -n 's/^CMAKE_GENERATOR:[A-Z]*=//p' "$cache")
    want_generator=${generator[1]:-Unix Makefiles}
    if [ "$old_cxx" != "$cxx" ] || [ "$old_generator" != "$want_generator" ]; then
        say "starting $build_dir afresh (was $old_cxx, $old_generator)"
        rm -rf "$cache" "$build_dir/CMakeFiles"
    fi
fi
build_start=$SECONDS
if ! cmake -S "$fuzz_dir" -B "$build_dir" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" >"$work/configure.log" 2>&1; then
    cat "$work/configure.log"
    say "ERROR: configuring the fuzz project failed"
    exit 1
fi
grep -i 'docker' "$work/configure.log" | sed 's/^-- /run-fuzzers: /' || true
if ! cmake --build "$build_dir" --parallel >"$work/build.log" 2>&1; then
    grep -v '^\[' "$work/build.log" | head -60
    say "ERROR: building the fuzzers failed"
    exit 1
fi
say "configured and built in $((SECONDS - build_start)) s"

# --- run ---------------------------------------------------------------------------------------------------------
symbolizer=$(dirname "$(readlink -f "$cxx")")/llvm-symbolizer
[ -x "$symbolizer" ] || symbolizer=$(command -v llvm-symbolizer || true)
if [ -n "$symbolizer" ]; then
    export ASAN_SYMBOLIZER_PATH=$symbolizer UBSAN_SYMBOLIZER_PATH=$symbolizer
else
    say "no llvm-symbolizer: stack traces will show addresses only (Debian: apt-get install llvm-14)"
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_fuzzer() {
    local fuzzer=$1 corpus="$work/corpus/$1" artifacts="$build_dir/artifacts/$1" dict="$work/$1.dict"
    mkdir -p "$corpus"
    rm -rf "$artifacts" && mkdir -p "$artifacts"
    local patterns pattern file
    read -ra patterns <<<"$(seeds_of "$fuzzer")" # read: no globbing in the current directory
    for pattern in "${patterns[@]}"; do
        for file in "$fixtures"/$pattern; do
            [ -f "$file" ] || continue
            # Different fixture sets use the same file names.
            cp "$file" "$corpus/$(basename "$(dirname "$file")")__$(basename "$file")"
        done
    done
    # Inputs that once broke a parser: libFuzzer runs the whole corpus first, so they are checked on every run.
    for file in "$fuzz_dir/regressions/$fuzzer"/*; do
        [ -f "$file" ] || continue
        cp "$file" "$corpus/regression__$(basename "$file")"
    done
    # libFuzzer takes one dictionary: the family's keys, plus JSON syntax for the JSON fuzzers.
    cat "$fuzz_dir/dicts/$fuzzer.dict" >"$dict"
    [[ $fuzzer == *_json || $fuzzer == fuzz_scenario ]] && cat "$fuzz_dir/dicts/json-common.dict" >>"$dict"
    # The built-in scenarios as a second corpus directory: libFuzzer reads it but writes new inputs only to the first.
    local read_only_corpora=()
    [ "$fuzzer" = fuzz_scenario ] && read_only_corpora=("$scenarios")
    "$build_dir/$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -dict="$dict" -artifact_prefix="$artifacts/" "$corpus" "${read_only_corpora[@]}" >"$build_dir/$fuzzer.log" 2>&1
}

jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
say "running ${#fuzzers[@]} fuzzers for $seconds s each, $jobs at a time"
declare -A status
queue=("${fuzzers[@]}")
running=()
while [ ${#queue[@]} -gt 0 ] || [ ${#running[@]} -gt 0 ]; do
    while [ ${#queue[@]} -gt 0 ] && [ ${#running[@]} -lt "$jobs" ]; do
        run_fuzzer "${queue[0]}" &
        pids+=($!)
        running+=("${queue[0]}:$!")
        queue=("${queue[@]:1}")
    done
    wait -n || true
    still=()
    for entry in "${running[@]}"; do
        pid=${entry##*:}
        if kill -0 "$pid" 2>/dev/null; then
            still+=("$entry")
        else
            rc=0
            wait "$pid" || rc=$?
            status[${entry%%:*}]=$rc
        fi
    done
    running=("${still[@]}")
done
pids=()

# --- report ------------------------------------------------------------------------------------------------------
failed=0
for fuzzer in "${fuzzers[@]}"; do
    log="$build_dir/$fuzzer.log"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
    added=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
    mapfile -t found < <(find "$build_dir/artifacts/$fuzzer" -type f 2>/dev/null)
    if [ "${status[$fuzzer]}" -eq 0 ] && [ ${#found[@]} -eq 0 ]; then
        say "$fuzzer: ${runs:-?} executions in $seconds s, ${added:-0} new corpus inputs, nothing found"
        continue
    fi
    failed=1
    say "$fuzzer: FAILED (exit ${status[$fuzzer]}) after ${runs:-?} executions"
    for input in "${found[@]}"; do
        say "  input: $input ($(stat -c %s "$input") bytes), first 1 KiB with control bytes as ^X / M-x:"
        head -c 1024 "$input" | cat -v | fold -w 116 | head -20 | sed 's/^/      | /'
        echo
        say "  reproduce: $build_dir/$fuzzer $input"
    done
    say "  report (full log: $log):"
    # From the sanitizer's or libFuzzer's first error line to the end, without libFuzzer's progress lines.
    awk '/==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer|deadly signal|ASSERT|qt_assert/ { on = 1 } on' "$log" \
        | grep -Ev '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED|RELOAD|DONE)| in (fuzzer::|main |__libc_start|_start )' \
        | head -80 | sed 's/^/      /'
done
[ $failed -eq 0 ] || { say "a fuzzer found a crash or sanitizer error: see above"; exit 1; }
say "all fuzzers ran $seconds s without finding anything"
