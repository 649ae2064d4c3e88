#!/usr/bin/env bash
# Builds one site with two sitegen executables and lists every file whose bytes differ: the check
# that a refactor changed nothing a reader gets.
#
#   Scripts/compare-output.sh OLD_SITEGEN NEW_SITEGEN [SITE_ROOT]     # default SITE_ROOT: .
#
# Keep an executable of the commit before the change first, e.g.
#   git stash; swift build -c release; cp .build/release/sitegen /tmp/sitegen-old; git stash pop
# Exits 0 when both sites are byte for byte the same, 1 otherwise (the differing paths are listed).
set -euo pipefail
old=${1:?usage: compare-output.sh OLD_SITEGEN NEW_SITEGEN [SITE_ROOT]}
new=${2:?usage: compare-output.sh OLD_SITEGEN NEW_SITEGEN [SITE_ROOT]}
root=${3:-.}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for which in old new; do
    exe=$old; [ "$which" = new ] && exe=$new
    "$exe" build --root "$root" --output "$work/$which" --force >"$work/$which.log" 2>&1 \
        || { cat "$work/$which.log" >&2; echo "compare-output: the $which build failed" >&2; exit 2; }
done
files=$(find "$work/new" -type f | wc -l)
if diff -rq "$work/old" "$work/new"; then
    echo "compare-output: the same $files files, byte for byte"
else
    echo "compare-output: the sites differ (above)" >&2
    exit 1
fi
