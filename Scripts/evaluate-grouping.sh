#!/usr/bin/env bash
# Scores the similarity grouping against known stories, with the `story` field hidden:
# BASIL (50 events x 3 outlets) and the AllSides roundups (300 stories), each once as is and once
# with dates removed; then the whole 37,554-article AllSides corpus against allsides-story-labels.csv
# (2,970 labelled articles among distractors), with its time and peak memory.
#
#   Scripts/evaluate-grouping.sh            SAMPLE=20 Scripts/evaluate-grouping.sh (also print 20 random stories)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SITEGEN_DATA:-../shared/data}
swift build -c release --product sitegen >&2
bin=.build/release/sitegen
# The copies vendored for the tests (BASIL as published: four HuffPost records share the id
# "empty", and the loader keeps the first, so 147 articles are scored).
for corpus in Tests/Data/basil-stories-dev.jsonl Tests/Data/allsides-stories-dev.jsonl.gz; do
  for mode in "" --undated; do
    echo "== $(basename "$corpus") ${mode:-(dated)}"
    "$bin" evaluate-grouping "$corpus" $mode
  done
done
echo "== allsides-articles.jsonl.gz against allsides-story-labels.csv"
/usr/bin/time -f "whole command (load, clean, group): %e s wall, %M KB peak" \
  "$bin" evaluate-grouping "$data/allsides-articles.jsonl.gz" --labels "$data/allsides-story-labels.csv" --sample "${SAMPLE:-0}" --mistakes "${MISTAKES:-0}"
