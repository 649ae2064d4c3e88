#!/usr/bin/env bash
# Time from saving a file to the reload event the open pages receive, with `sitegen serve`.
#   Scripts/measure-reload.sh [SITE_DIR] [PORT]      (default: a copy of the default site)
#   EDIT=template Scripts/measure-reload.sh …         (edit Templates/story.mustache instead)
#   EDIT=home …                                       (edit Templates/home.mustache: no story page uses it)
#   EDIT=base …                                       (edit Templates/base.mustache: every page uses it)
#   EDIT=override …                                   (save Content/stories/<slug>.md: one story's summary)
#   EDIT=page …                                       (add a line to Content/pages/about.md)
#   EDIT=article …                                    (edit the title of one article of the open story
#                                                     page: OPEN=story is implied; a corpus of .gz files
#                                                     is first split into .jsonl files of 1,000 lines,
#                                                     so that the edit rewrites one small file)
#   EDIT=add …                                        (save a new one-article .jsonl: a brief by another
#                                                     outlet under the open story's headline, which the
#                                                     grouping should put in that story; OPEN=story)
#   OPEN=story|home|outlet …                          (the listening page is a story page, the home page
#                                                     or the biggest outlet's page: a rebuild makes it
#                                                     first and reloads it early)
#   EDIT=template|home|base BROWSER=1 …               (that page open in headless Chromium: time until
#                                                     it shows the edit; needs the virtualenv
#                                                     Scripts/check-site.sh makes, with selenium)
#   KEEP_LOG=FILE …                                   (keep the server's log)
#   PERF=FILE …                                       (record the rebuild with `perf record -g` into FILE)
# The site is copied to a temporary folder; by default its first corpus file gets one edited
# title (a corpus of .gz files gets a new one-article .jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-.}; port=${2:-18181}
swift build -c release --product sitegen >&2
bin=$PWD/.build/release/sitegen
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; if [ -n "${KEEP_LOG:-}" ]; then cp "$work/serve.err" "$KEEP_LOG"; fi; rm -rf "$work"' EXIT
cp -r "$src/Content" "$src/Templates" "$work/"
if [ "${EDIT:-}" = add ]; then OPEN=story; fi
if [ "${EDIT:-}" = article ]; then
  OPEN=story
  for gz in $(find "$work/Content/corpus" -name '*.jsonl.gz'); do
    zcat "$gz" | split -l 1000 -d -a 3 --additional-suffix=.jsonl - "${gz%.jsonl.gz}-part-"
    rm "$gz"
  done
fi
"$bin" serve --root "$work" --port "$port" -v > "$work/serve.out" 2> "$work/serve.err" & server=$!
for _ in $(seq 1 600); do grep -q "Serving" "$work/serve.out" 2>/dev/null && break; sleep 0.5; done
grep -q "Serving" "$work/serve.out" || { echo "measure-reload: the server did not start" >&2; cat "$work/serve.err" >&2; exit 1; }
if [ -n "${PERF:-}" ]; then
  perf record -F 999 -g -p "$server" -o "$PERF" > /dev/null 2>&1 & recorder=$!
  sleep 1
fi
# A plain .jsonl gets one title edited; a corpus of .gz files gets a new one-article .jsonl saved.
file=$(find "$work/Content/corpus" -name '*.jsonl' | head -1)
if [ "${EDIT:-corpus}" = template ]; then
  file="$work/Templates/story.mustache"
  sed 's|</main>|</main><!-- edited -->|; s|<h1|<h1 data-edited|' "$file" > "$work/next-content"
elif [ "${EDIT:-corpus}" = home ]; then
  file="$work/Templates/home.mustache"
  sed 's|<h1|<h1 data-edited|' "$file" > "$work/next-content"
elif [ "${EDIT:-corpus}" = base ]; then
  file="$work/Templates/base.mustache"
  sed 's|<main |<main data-edited |' "$file" > "$work/next-content"
elif [ "${EDIT:-corpus}" = override ]; then
  slug=$(ls "$work/Public/stories" | grep -v '\.' | sed -n 1p)
  mkdir -p "$work/Content/stories"
  file="$work/Content/stories/$slug.md"
  printf -- '---\ntitle: An edited title\n---\nA summary written by an editor while the server runs.\n' > "$work/next-content"
elif [ "${EDIT:-corpus}" = page ]; then
  file="$work/Content/pages/about.md"
  mkdir -p "$work/Content/pages"
  { cat "$file" 2>/dev/null || printf -- '---\ntitle: About\n---\n'; printf '\nOne more line, saved while the server runs.\n'; } > "$work/next-content"
elif [ -z "$file" ]; then
  file="$work/Content/corpus/zz-edit.jsonl"
  printf '{"id": "zz-edit", "outlet": "Reuters", "published": "2021-10-01", "title": "A saved edit", "body": "One more article, saved while the server runs."}\n' > "$work/next-content"
fi
page=""
if [ "${OPEN:-}" = home ] || { [ -n "${BROWSER:-}" ] && [ "${EDIT:-}" = home ]; }; then
  page="/"
elif [ "${OPEN:-}" = outlet ]; then  # the outlet with the most stories
  page="/outlets/$(cd "$work/Public/outlets" && for d in */; do printf '%s %s\n' "$(grep -o 'class="card"' "$d/index.html" | wc -l)" "${d%/}"; done | sort -rn | head -1 | cut -d' ' -f2)/"
elif [ "${OPEN:-}" = story ] || [ -n "${BROWSER:-}" ]; then
  page="/stories/$(ls "$work/Public/stories" | grep -v '\.' | sed -n 2p)/"
fi
# The open story's object, from the data shard its page links to (story.json is no longer written).
if [ -n "$page" ] && [ "$page" != / ] && [ "${page#/stories/}" != "$page" ]; then
  python3 - "$work/Public" "$page" > "$work/story.json" <<'PY'
import json, re, sys
public, page = sys.argv[1:3]
html = open(public + page + "index.html", encoding="utf-8").read()
href = re.search(r'<a href="(?:\.\./)*(data/[^"]+)" type="application/json"', html).group(1)
slug = page.strip("/").split("/")[-1]
print(json.dumps(next(s for s in json.load(open(public + "/" + href))["stories"] if s["slug"] == slug)))
PY
fi
if [ "${EDIT:-}" = article ]; then
  # The open story's first article: its line in the corpus gets "Edited " before its title.
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["articles"][0]["id"])' "$work/story.json")
  file=$(grep -l -F "\"id\": \"$id\"" $(find "$work/Content/corpus" -name '*.jsonl') | head -1)
  python3 - "$file" "$id" "$work/next-content" <<'PY'
import json, sys
path, wanted, staged = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
for i, line in enumerate(lines):
    if line.strip() and json.loads(line).get("id") == wanted:
        record = json.loads(line)
        record["title"] = "Edited " + record["title"]
        lines[i] = json.dumps(record, ensure_ascii=False)
open(staged, "w", encoding="utf-8").write("\n".join(lines))
PY
fi
if [ "${EDIT:-}" = add ]; then
  file="$work/Content/corpus/zz-added.jsonl"
  python3 - "$work/story.json" "$work/next-content" <<'PY'
import json, sys
story = json.load(open(sys.argv[1]))
first = story["articles"][0]
taken = {a["outlet"] for a in story["articles"]}
outlet = next(o for o in ["Reuters", "Associated Press", "BBC News", "NPR (Online News)", "The Hill"] if o not in taken)
brief = {"id": "zz-added", "outlet": outlet, "published": first.get("published") or "", "title": story["title"],
         "body": story["title"] + ". " + "The report was filed by " + outlet + " as the story developed."}
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(brief, ensure_ascii=False) + "\n")
PY
fi
if [ -n "${BROWSER:-}" ]; then
  case "${EDIT:-}" in template|home|base) ;; *) echo "measure-reload: BROWSER=1 needs EDIT=template, home or base (the page must show the edit)" >&2; exit 2 ;; esac
  py=${HOME}/.cache/sitegen/check-site-venv/bin/python
  "$py" -c 'import selenium' 2>/dev/null || { echo "measure-reload: run Scripts/check-site.sh once first (it makes $py with selenium)" >&2; exit 2; }
  "$py" - "$port" "$file" "$work/next-content" "$page" <<'PY' 2>/dev/null
import sys, time
from selenium import webdriver
port, path, staged, page = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
options = webdriver.ChromeOptions()
options.add_argument("--headless=new")
options.add_argument("--no-sandbox")
driver = webdriver.Chrome(options=options)
driver.get(f"http://127.0.0.1:{port}{page}")
time.sleep(2)  # the page's event stream connects
edited = open(staged, encoding="utf-8").read()
start = time.time()
with open(path, "w", encoding="utf-8") as f:
    f.write(edited)
while not driver.find_elements("css selector", "h1[data-edited], main[data-edited]"):
    if time.time() - start > 600:
        sys.exit("measure-reload: the page never showed the edit")
    time.sleep(0.02)
print(f"saved → {page} shows the edit in Chromium: {time.time() - start:.2f} s")
driver.quit()
PY
else
python3 - "$port" "$file" "$work/next-content" "$page" <<'PY'
import socket, sys, time, re, urllib.parse
port, path, staged, page = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
s = socket.create_connection(("127.0.0.1", port))
query = ("?page=" + urllib.parse.quote(page, safe="")) if page else ""
s.sendall(("GET /__sitegen/events" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").encode())
s.settimeout(600)
s.recv(4096)  # headers and the retry line
import os
if os.path.exists(staged):  # the new content, made outside the watched folders
    edited = open(staged, encoding="utf-8").read()
else:
    text = open(path, encoding="utf-8").read()
    edited = re.sub(r'"title": ?"', '"title": "Edited ', text, count=1)
start = time.time()
with open(path, "w", encoding="utf-8") as f:
    f.write(edited)
buf = b""
while b"event: reload" not in buf:
    buf += s.recv(4096)
print(f"saved → reload event{' of ' + page if page else ''}: {time.time() - start:.2f} s")
PY
fi
# With an open page made first, the reload comes before the build ends: wait for its line.
for _ in $(seq 1 1200); do grep -q "changed:" "$work/serve.err" "$work/serve.out" 2>/dev/null && break; sleep 0.5; done
if [ -n "${PERF:-}" ]; then kill -INT "$recorder"; wait "$recorder" 2>/dev/null || true; fi
grep -h -E -A1 "changed:" "$work/serve.err" "$work/serve.out" | tail -2
