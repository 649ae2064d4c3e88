#!/usr/bin/env bash
# Fuzzes sitegen with libFuzzer (issue #8: hostile input cannot hurt the site).
#
#   Scripts/fuzz.sh [TARGET|all] [SECONDS]      default: all, 300 seconds per target
#   Scripts/fuzz.sh replay [TARGET|all]         replay the saved corpus without libFuzzer (no sanitizers)
#
# Targets (Fuzz/Package.swift; the properties are in Tests/*/FuzzTargets/, which `make test` replays):
#   corpus       JSON Lines, CSV, .txt/.md with front matter, _story.yml, .jsonl.gz → load + clean
#   frontmatter  FrontMatter.parse on any text
#   paths        Slug.make, SitePaths, StaticSite.segments(of:) and resolve(_:)
#   svg          BiasBar, FactualityBar, TimelineChart with numbers and labels from the input
#
# Builds Fuzz/ with -sanitize=fuzzer,address (RECIPES.md) and fuzzes from the saved corpus
# Fuzz/corpus/TARGET/ and the local one Fuzz/findings/TARGET/full-corpus/ (where new inputs go;
# not committed), then rewrites the saved corpus with -merge=1: the hand-made seed-* and repro-*
# files, and the fewest inputs that reach every edge either corpus reaches. Crashes, timeouts and
# property violations are written to Fuzz/findings/TARGET/ (crash-*, timeout-*, oom-*), beside
# each run's log.
# After fixing one, copy it to Fuzz/corpus/TARGET/repro-<what> so every test run replays it.
#
# Environment: FUZZ_ARGS (extra libFuzzer flags, e.g. "-jobs=2 -workers=2" or "-use_value_profile=1").
set -euo pipefail
cd "$(dirname "$0")/.."
# Swift's own crash reporter would read memory ASan guards and muddle the report; Foundation's
# Data(contentsOf:) leaks 4 KB now and then (not ours), which LeakSanitizer would call a crash.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# The targets' scratch folders (a process that crashes cannot remove its own).
SITEGEN_FUZZ_TMP=$(mktemp -d /dev/shm/sitegen-fuzz.XXXXXX 2>/dev/null || mktemp -d)
export SITEGEN_FUZZ_TMP
trap 'rm -rf "$SITEGEN_FUZZ_TMP"' EXIT
all=(corpus frontmatter paths svg)

if [ "${1:-}" = replay ]; then
    shift
    targets=("${@:-all}")
    [ "${targets[0]}" = all ] && targets=("${all[@]}")
    rm -f Fuzz/.build-replay/debug.yaml # see below
    (cd Fuzz && swift build --scratch-path .build-replay >&2)
    for t in "${targets[@]}"; do
        echo "== $t"
        Fuzz/.build-replay/debug/fuzz-"$t" Fuzz/corpus/"$t"
    done
    exit 0
fi

target=${1:-all}
seconds=${2:-300}
if [ "$target" = all ]; then targets=("${all[@]}"); else targets=("$target"); fi
for t in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $t "* ]] || { echo "unknown target '$t' (one of: ${all[*]}, all, replay)" >&2; exit 2; }
done

max_len() {
    case $1 in
        corpus) echo 16384 ;;
        frontmatter) echo 4096 ;;
        paths) echo 2048 ;;
        svg) echo 4096 ;;
    esac
}

for t in "${targets[@]}"; do
    echo "== building fuzz-$t" >&2
    # SwiftPM keeps its build plan while Fuzz/Package.swift is unchanged and then misses files
    # added to the main package's targets: have it made again.
    rm -f Fuzz/.build-fuzz/release.yaml
    (cd Fuzz && swift build -c release --product "fuzz-$t" --scratch-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
        -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >&2)
    bin=Fuzz/.build-fuzz/release/fuzz-$t
    saved=Fuzz/corpus/$t
    findings=Fuzz/findings/$t
    # Everything the fuzzer found interesting, kept between runs on this machine (not committed).
    work=$findings/full-corpus
    mkdir -p "$saved" "$findings" "$work"
    ls "$saved"/seed-* >/dev/null 2>&1 || python3 Fuzz/seeds.py "$t"
    dict=()
    [ -f "Fuzz/dict/$t.dict" ] && dict=(-dict="Fuzz/dict/$t.dict")
    log=$findings/run-$(date +%Y%m%d-%H%M%S).log

    echo "== fuzzing $t for $seconds s (log: $log)" >&2
    status=0
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len="$(max_len "$t")" -detect_leaks=0 \
        -print_final_stats=1 -artifact_prefix="$findings/" \
        "${dict[@]}" ${FUZZ_ARGS:-} "$work" "$saved" >"$log" 2>&1 || status=$?
    grep -E "^#[0-9]+ +(INITED|DONE)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$log" >&2 || true
    if [ "$status" -ne 0 ]; then
        echo "!! fuzz-$t stopped with status $status: see $log and $findings/" >&2
        grep -A12 -E "PROPERTY VIOLATED|ERROR: AddressSanitizer|ERROR: libFuzzer|Fatal error" "$log" | head -40 >&2 || true
    fi

    # Minimise: the fewest inputs that reach every edge the saved corpus and the full one reach
    # (edges only, -use_counters=0: hit counts would keep a thousand files), plus the hand-made
    # seeds and reproducers, which stay whatever coverage says.
    min=$(mktemp -d "${TMPDIR:-/tmp}/sitegen-fuzz-min-$t.XXXXXX")
    "$bin" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=4096 -max_len="$(max_len "$t")" -detect_leaks=0 -artifact_prefix="$findings/merge-" \
        "$min" "$saved" "$work" >"$log.merge" 2>&1 || {
        echo "!! merge failed (see $log.merge): the saved corpus is left as it was" >&2; rm -rf "$min"; continue; }
    keep=$(cd "$saved" && for f in seed-* repro-*; do [ -f "$f" ] || continue; sha1sum "$f" | cut -d' ' -f1; done | sort -u)
    find "$saved" -maxdepth 1 -type f ! -name 'seed-*' ! -name 'repro-*' -delete
    for f in "$min"/*; do
        [ -f "$f" ] || continue
        grep -qx "$(basename "$f")" <<<"$keep" || cp "$f" "$saved/"
    done
    rm -rf "$min"
    echo "== $t: saved corpus now $(find "$saved" -type f | wc -l) files, $(du -sk "$saved" | cut -f1) KB" >&2
done
