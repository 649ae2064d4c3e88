#!/usr/bin/env python3
"""Deterministically pick benchmark queries from the site's story data.

Usage: queries.py [SITE_DIR] [OUT_FILE] [N]
  SITE_DIR and OUT_FILE are required; N defaults to 5.

Rules:
  * stories come from SITE_DIR/stories.json (version 2 or 3, "shards" -> data/stories-*.json)
  * candidates: stories with 2+ sources (coverage.sources; equals the number of
    distinct outlets among "articles" on this data set), sorted by slug
  * random.Random(1).sample(candidates, N)
  * query = the 3 most distinctive title words: lowercase, split on [^a-z0-9]+,
    words of 3+ chars not in STOPWORDS, ranked by (document frequency over all
    story titles, word); the 3 picked are written in title order.
Output: one line per story, "query<TAB>slug".
"""
import json
import os
import random
import re
import sys
from collections import Counter

STOPWORDS = set("""
a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in
into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your
yours yourself yourselves says said say new may might must also via amid
""".split())

SPLIT = re.compile(r"[^a-z0-9]+")


def words(title):
    """Content words of a title, in order, first occurrence only."""
    out, seen = [], set()
    for w in SPLIT.split(title.lower()):
        if len(w) >= 3 and w not in STOPWORDS and w not in seen:
            seen.add(w)
            out.append(w)
    return out


def load_stories(site):
    with open(os.path.join(site, "stories.json")) as f:
        idx = json.load(f)
    assert idx.get("version") in (2, 3), idx.get("version")
    stories = []
    for sh in idx["shards"]:
        with open(os.path.join(site, sh["path"].lstrip("/"))) as f:
            stories.extend(json.load(f)["stories"])
    return stories


def n_sources(st):
    cov = st.get("coverage") or {}
    if "sources" in cov:
        return cov["sources"]
    return len({a.get("outlet") for a in st.get("articles", [])})


def main():
    site = sys.argv[1]
    out = sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 5

    stories = load_stories(site)
    df = Counter()
    for st in stories:
        df.update(set(words(st["title"])))

    cands = sorted((s for s in stories if n_sources(s) >= 2), key=lambda s: s["slug"])
    picked = random.Random(1).sample(cands, n)

    lines = []
    for st in picked:
        ws = words(st["title"])
        best = set(sorted(ws, key=lambda w: (df[w], w))[:3])
        q = " ".join(w for w in ws if w in best)
        lines.append(f"{q}\t{st['slug']}")
        print(f"{q!r:45} {st['slug']}  (title: {st['title']!r}; df: "
              + ", ".join(f"{w}={df[w]}" for w in ws if w in best) + ")", file=sys.stderr)
    print(f"{len(stories)} stories, {len(cands)} with 2+ sources", file=sys.stderr)
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
