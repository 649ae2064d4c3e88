#!/usr/bin/env bash
# What a daily build touches on static hosting: builds the AllSides corpus (times SCALE, as
# Benchmarks/run.sh makes it) without its newest DAYS days of articles, then with them, and
# compares the two output folders file by file: files added, changed and removed, and the bytes
# a deploy uploads (changed and added files), beside the site's totals and each build's time.
#
#   Benchmarks/daily.sh [SCALE] [DAYS]      (defaults 1 and 2; KEEP=1 keeps the work folder)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
data=${SITEGEN_DATA:-$repo/../shared/data}
scale=${1:-1}
days=${2:-2}
[ "$days" -ge 1 ] 2>/dev/null || { echo "daily: DAYS must be 1 or more" >&2; exit 2; }
[ -f "$data/allsides-articles.jsonl.gz" ] || { echo "daily: no AllSides corpus in $data (set SITEGEN_DATA)" >&2; exit 2; }
work=$(mktemp -d "${WORK_DIR:-/tmp}/sitegen-daily.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
swift build -c release --product sitegen >&2
bin=$repo/.build/release/sitegen

# The corpus at SCALE (copies k = 1… shifted 400 days each, new ids and URLs), split into the
# articles of its newest DAYS days (by the dates the records state, ISO or US style) and the rest.
python3 - "$data/allsides-articles.jsonl.gz" "$work" "$scale" "$days" <<'PY'
import datetime, gzip, json, sys
src, work, scale, days = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def day(p):
    p = str(p or "").strip()
    for f in ("%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            return datetime.datetime.strptime(p[:10] if f == "%Y-%m-%d" else p.split()[0], f).date()
        except (ValueError, IndexError):
            pass
    return None

records = []
for line in gzip.open(src, "rt", encoding="utf-8"):
    if line.strip():
        records.append(json.loads(line))
out = []
for k in range(scale):
    for r in records:
        r = dict(r)
        d = day(r.get("published"))
        if k:
            r["id"] = f'{r["id"]}-copy{k}'
            if r.get("url"):
                r["url"] = r["url"] + ("&" if "?" in r["url"] else "?") + f"copy={k}"
            if d:
                d = d + datetime.timedelta(days=400 * k)
                r["published"] = d.isoformat()
        out.append((d, r))
# The newest days holding at least 10 articles (the corpus has a few stray far-future dates).
counts = {}
for d, _ in out:
    if d:
        counts[d] = counts.get(d, 0) + 1
real = sorted(d for d, n in counts.items() if n >= 10)
newest = set(real[-days:])
with gzip.open(f"{work}/before.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as before, \
     gzip.open(f"{work}/new.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as new:
    n = 0
    for d, r in out:
        if d in newest:
            new.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        else:
            before.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"daily: {len(out)} articles; the newest {days} days ({', '.join(map(str, sorted(newest)))}) hold {n}", file=sys.stderr)
PY

site=$work/site
mkdir -p "$site/Content/corpus"
cp -r Templates "$site/"
cp "$data/outlets.csv" "$site/Content/"
printf 'title: AllSides daily x%s\nbase_url: https://example.org/\ncleaning: { deduplicate: %s }\n' "$scale" "$([ "$scale" = 1 ] && echo true || echo false)" > "$site/Content/site.yml"
mv "$work/before.jsonl.gz" "$site/Content/corpus/"
start=$(date +%s.%N)
"$bin" build --root "$site" --output "$work/yesterday" --no-progress >&2
mid=$(date +%s.%N)
mv "$work/new.jsonl.gz" "$site/Content/corpus/"
"$bin" build --root "$site" --output "$work/today" --no-progress >&2
end=$(date +%s.%N)
python3 - "$work/yesterday" "$work/today" "$start" "$mid" "$end" <<'PY'
import hashlib, os, sys
old, new, start, mid, end = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:6])

def tree(root):
    files = {}
    for d, _, names in os.walk(root):
        for name in names:
            p = os.path.join(d, name)
            with open(p, "rb") as f:
                files[os.path.relpath(p, root)] = (os.path.getsize(p), hashlib.sha1(f.read()).hexdigest())
    return files

a, b = tree(old), tree(new)
added = [p for p in b if p not in a]
removed = [p for p in a if p not in b]
changed = [p for p in b if p in a and a[p][1] != b[p][1]]
upload = sum(b[p][0] for p in added + changed)
total = sum(size for size, _ in b.values())
print(f"site today: {len(b)} files, {total / 1e6:.1f} MB; builds: {mid - start:.1f} s (without the newest days), {end - mid:.1f} s (with them)")
print(f"a deploy: {len(added)} files added, {len(changed)} changed, {len(removed)} removed; upload {upload / 1e6:.2f} MB ({100 * upload / total:.2f}% of the site)")
kinds = {}
for p in added + changed:
    top = p.split(os.sep)[0] if os.sep in p else p
    kinds[top] = kinds.get(top, 0) + 1
print("by folder: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])))
PY
