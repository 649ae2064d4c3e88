#!/usr/bin/env bash
# The benchmark of issue #9: the whole pipeline per stage on the AllSides corpus (37,554 articles)
# and on a corpus 4x that size; then the render stage beside Hugo on the same pages, and beside
# cmark-gfm alone rendering the same Markdown in one process (the floor).
#
#   Benchmarks/run.sh                 # all of it (about 15-25 minutes on 2 cores)
#   SCALES="1" Benchmarks/run.sh      # only the 1x corpus
#   KEEP=1 Benchmarks/run.sh          # keep the work folder (printed)
#   WORK_DIR=/dev/shm Benchmarks/run.sh   # the sites on a RAM disk (default /tmp): first builds
#                                     # without the disk's cost of making 47,000 files. On ext4,
#                                     # making files is slow for up to 6 minutes after many were
#                                     # deleted (the allocator skips recently deleted inodes):
#                                     # wait that long after removing a big site before timing.
#
# Installs Debian's hugo and cmark-gfm when missing. Nothing else runs during it, please: the
# figures are wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
data=$repo/../shared/data
scales=${SCALES:-"1 4"}
work=$(mktemp -d "${WORK_DIR:-/tmp}/sitegen-bench.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

for tool in hugo cmark-gfm; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench: installing $tool" >&2
    apt-get install -y -qq "$tool" >/dev/null || { echo "bench: install $tool (apt-get install $tool) and run again" >&2; exit 1; }
  fi
done
swift build -c release --product sitegen >&2
bin=$repo/.build/release/sitegen

# A site folder for the corpus at `scale`: the 1x corpus as is; for 4x, every article three more
# times with new ids, dates shifted by 400 days per copy and the copy's number in the URL (the
# deduplicator is turned off for it: these copies *are* duplicates, on purpose).
make_site() {
  local scale=$1 dir=$work/site-$scale
  mkdir -p "$dir/Content/corpus"
  cp -r "$repo/Templates" "$dir/"
  cp "$data/outlets.csv" "$dir/Content/"
  if [ "$scale" = 1 ]; then
    cp "$data/allsides-articles.jsonl.gz" "$dir/Content/corpus/"
    printf 'title: AllSides benchmark\nbase_url: https://example.org/\n%b' "$page_setting" > "$dir/Content/site.yml"
  else
    python3 - "$data/allsides-articles.jsonl.gz" "$dir/Content/corpus/allsides-x$scale.jsonl.gz" "$scale" <<'PY'
import gzip, json, sys, datetime
src, dst, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = gzip.open(src, "rt", encoding="utf-8").read().splitlines()
with gzip.open(dst, "wt", encoding="utf-8", compresslevel=1) as out:
    for k in range(scale):
        for line in lines:
            if not line.strip():
                continue
            r = json.loads(line)
            if k:
                r["id"] = f'{r["id"]}-copy{k}'
                if r.get("url"):
                    r["url"] = r["url"] + ("&" if "?" in r["url"] else "?") + f"copy={k}"
                if r.get("story"):
                    r["story"] = f'{r["story"]}-copy{k}'
                p = r.get("published")
                if p:
                    try:
                        d = datetime.date.fromisoformat(str(p)[:10]) + datetime.timedelta(days=400 * k)
                        r["published"] = d.isoformat() + str(p)[10:]
                    except ValueError:
                        pass
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
    printf 'title: AllSides benchmark x%s\nbase_url: https://example.org/\ncleaning: { deduplicate: false }\n%b' "$scale" "$page_setting" > "$dir/Content/site.yml"
  fi
  echo "$dir"
}

# A page for every story, one article or more, as before stories of one article lost theirs by
# default: the render figures stay comparable from one run to the next (the story pages of
# every story, against Hugo on the same). PAGES=default measures what a default site makes.
page_setting='stories: { single_article_pages: true }\n'
[ "${PAGES:-}" = default ] && page_setting=''
summary=$work/summary.txt
: > "$summary"
for scale in $scales; do
  dir=$(make_site "$scale")
  echo "== ${scale}x corpus: first build (empty output) ==" | tee -a "$summary"
  /usr/bin/time -f "process: %e s wall, %U+%S s CPU, %M KB peak" "$bin" build --root "$dir" -v 2>"$work/time-$scale.txt" | grep -E "^(Built|Stages)" | tee -a "$summary"
  grep -E "^process" "$work/time-$scale.txt" | tee -a "$summary"
  echo "== ${scale}x corpus: rebuild with no change, --force (the whole pipeline; writes nothing) ==" | tee -a "$summary"
  /usr/bin/time -f "process: %e s wall, %U+%S s CPU, %M KB peak" "$bin" build --root "$dir" -v --force 2>"$work/time2-$scale.txt" | grep -E "^(Built|Stages)" | tee -a "$summary"
  grep -E "^process" "$work/time2-$scale.txt" | tee -a "$summary"
  echo "== ${scale}x corpus: rebuild with no change (the up-to-date check) ==" | tee -a "$summary"
  /usr/bin/time -f "process: %e s wall, %U+%S s CPU, %M KB peak" "$bin" build --root "$dir" -v 2>"$work/time3-$scale.txt" | grep -E "^(Up|Built|Stages)" | tee -a "$summary"
  grep -E "^process" "$work/time3-$scale.txt" | tee -a "$summary"
  if [ "$scale" = 1 ]; then
    echo "== 1x corpus: rebuild with no change, --force --jobs 1 (render on one thread) ==" | tee -a "$summary"
    /usr/bin/time -f "process: %e s wall, %U+%S s CPU, %M KB peak" "$bin" build --root "$dir" -v --force --jobs 1 2>"$work/time4-$scale.txt" | grep -E "^(Built|Stages)" | tee -a "$summary"
    grep -E "^process" "$work/time4-$scale.txt" | tee -a "$summary"
    # The story pages' Markdown for Hugo and the floor (a build of its own: not in the figures).
    "$bin" build --root "$dir" --force --output "$work/out-export" --export-markdown "$work/md-1" > /dev/null 2>&1
  fi
done

# The render stage beside Hugo and the floor, on the 1x corpus's story pages.
md=$work/md-1/stories
if [ -d "$md" ]; then
  pages=$(ls "$md" | wc -l)
  hugo_site=$work/hugo
  mkdir -p "$hugo_site/content/stories" "$hugo_site/layouts/_default"
  cp -r "$md/." "$hugo_site/content/stories/"
  # A minimal layout equivalent to ours: the page's title, its Markdown rendered, a head with CSS.
  cat > "$hugo_site/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="/site.css"></head>
<body><main><h1>{{ .Title }}</h1><p>{{ .Params.sources }} sources</p>{{ .Content }}</main></body></html>
HTML
  cat > "$hugo_site/layouts/_default/list.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</main></body></html>
HTML
  printf 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = false\n' > "$hugo_site/hugo.toml"
  echo "== render stage beside Hugo and cmark-gfm ($pages story pages of the 1x corpus) ==" | tee -a "$summary"
  ( cd "$hugo_site" && /usr/bin/time -f "hugo: %e s wall, %U+%S s CPU, %M KB peak" hugo --quiet -d "$work/hugo-public" ) 2>&1 | grep -E "^hugo:" | tee -a "$summary"
  # The floor: cmark-gfm rendering all of it in one process (front matter stripped).
  find "$md" -name "*.md" -print0 | sort -z | xargs -0 awk "FNR==1{n=0} /^---\$/ && n<2 {n++; next} n>=2" > "$work/all.md"
  /usr/bin/time -f "cmark-gfm: %e s wall, %U+%S s CPU, %M KB peak" cmark-gfm --extension table --extension strikethrough --extension tagfilter "$work/all.md" > /dev/null 2> "$work/cmark-time.txt" || true
  grep -E "^cmark-gfm:" "$work/cmark-time.txt" | tee -a "$summary"
  python3 - "$summary" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
render = re.findall(r"· render ([\d.]+) s", text)
hugo = re.search(r"hugo: ([\d.]+) s", text)
floor = re.search(r"cmark-gfm: ([\d.]+) s", text)
if render and hugo and floor:
    h, f = float(hugo.group(1)), float(floor.group(1))
    # The first build writes every file, as Hugo does; the forced rebuild compares and writes none.
    # The whole render stage makes every page and file of the site; its story pages alone are
    # the pages Hugo and cmark-gfm make here.
    stories = [float(x) for x in re.findall(r"of render, \d+ story pages ([\d.]+) s", text)]
    # Render CPU with all cores against one (the forced rebuilds: the same work, nothing written).
    cpu = [float(x) for x in re.findall(r"· render [\d.]+ s \(cpu ([\d.]+)", text)]
    if len(cpu) >= 3:
        print(f"render CPU, all cores / --jobs 1 (forced rebuilds) = {cpu[1]:.2f} / {cpu[2]:.2f} s = {cpu[1] / max(cpu[2], 0.01):.2f}")
    for k, (label, r) in enumerate(zip(["first build", "forced rebuild"], [float(x) for x in render[:2]])):
        print(f"ratios ({label}): sitegen render / Hugo = {r / h:.2f} · sitegen render / cmark-gfm floor = {r / max(f, 0.01):.1f}")
        if k < len(stories):
            print(f"  same pages ({label}): sitegen story pages {stories[k]:.2f} s / Hugo = {stories[k] / h:.2f} · / cmark-gfm floor = {stories[k] / max(f, 0.01):.1f}")
PY
fi
echo "work folder: $work" >&2
