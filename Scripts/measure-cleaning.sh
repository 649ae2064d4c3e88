#!/usr/bin/env bash
# What the cleaner does to a whole corpus: lines removed (by rule), the most frequent removed lines,
# the most frequent kept short lines (< 60 characters), and the time per 1,000 articles on one
# core and on all. Default corpus: the 37,554 AllSides articles.
#
#   Scripts/measure-cleaning.sh [CORPUS...]        (TOP=80 Scripts/measure-cleaning.sh for longer lists)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=("$@")
[ ${#corpus[@]} -gt 0 ] || corpus=(../shared/data/allsides-articles.jsonl.gz)
swift build -c release --product sitegen >&2
exec .build/release/sitegen extract --stats --top "${TOP:-50}" "${corpus[@]}"
