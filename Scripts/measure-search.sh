#!/usr/bin/env bash
# The size of what the search page loads, on a whole corpus: builds a site from CORPUS (default:
# the 37,554 AllSides articles of the data folder) with the release binary, then prints the sizes
# of /search/, search.js and search/meta.json, raw and gzipped, and of the word and story chunks a
# query fetches from (README, "Search"). The site stays in
# $TMPDIR/sitegen-search-measure (open its search/index.html in a browser).
#
#   Scripts/measure-search.sh [CORPUS]        (SITEGEN_DATA names the data folder; default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${SITEGEN_DATA:-../shared/data}"
corpus="${1:-$data/allsides-articles.jsonl.gz}"
[ -f "$corpus" ] || { echo "measure-search: no corpus at $corpus (give one, or set SITEGEN_DATA)" >&2; exit 2; }
swift build -c release --product sitegen >&2
site="${TMPDIR:-/tmp}/sitegen-search-measure"
rm -rf "$site"
mkdir -p "$site/Content/corpus"
cp -r Templates "$site/"
cp Content/outlets.csv "$site/Content/"
cp "$corpus" "$site/Content/corpus/"
.build/release/sitegen build --root "$site" --no-progress >&2
stories=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["stories"]; print(s if isinstance(s, int) else len(s))' "$site/Public/stories.json")
# What every search loads (the page, search.js, the meta), then the chunks a query picks from.
for f in search/index.html search.js search/meta.json; do
  raw=$(stat -c %s "$site/Public/$f")
  gz=$(gzip -9c "$site/Public/$f" | wc -c)
  echo "$f: $raw bytes, gzipped $gz bytes"
done
for d in terms docs; do
  find "$site/Public/search/$d" -type f -printf '%s\n' | sort -n |
    awk -v d="$d" '{a[NR] = $1; s += $1} END {printf "search/%s: %d chunks, %d bytes in all, median %d, largest %d\n", d, NR, s, a[int((NR + 1) / 2)], a[NR]}'
done
echo "$stories stories; what one query downloads, in a browser: Benchmarks/search/measure_sitegen.py $site/Public QUERIES"
echo "site: $site/Public"
