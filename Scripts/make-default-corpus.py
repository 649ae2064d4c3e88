#!/usr/bin/env python3
"""Makes the default site's embedded corpus from the AllSides articles of the data folder.

Usage: Scripts/make-default-corpus.py [DATA_DIR] [--from 2020-04-01] [--to 2020-07-31]
       [--paragraphs N] [--out Content/corpus/allsides-2020-04-07.jsonl.gz]

Takes every article of `allsides-articles.jsonl.gz` published in the window (consecutive weeks of
real coverage across left, center and right outlets), as it is: id, outlet, url, date, title,
authors, topics, and the body cut to its first N paragraphs (the lead is what grouping and
summaries read; the whole texts would not fit the 5 MB the repository allows). Nothing is
chosen by hand: the window is the only choice. The `bias` label is dropped: ratings come from
Content/outlets.csv. Topics are given readable names (`white_house` -> `White House`).
The output is gzipped without a timestamp, so the same input gives the same bytes.

Attribution (see ../shared/data/README.md): Baly et al., "We Can Detect Your Bias", EMNLP 2020
(Apache-2.0), collected from AllSides; texts belong to their publishers.
"""
import argparse
import gzip
import io
import json
import os
import sys

SMALL_WORDS = {"and", "of", "the", "in", "on", "for", "to"}
UPPER_WORDS = {"us", "un", "lgbt", "lgbtq", "fbi", "cia", "nsa", "epa", "irs", "doj", "nra"}


def topic_name(raw):
    words = raw.replace("-", "_").split("_")
    named = []
    for i, word in enumerate(words):
        if word in UPPER_WORDS:
            named.append(word.upper())
        elif i > 0 and word in SMALL_WORDS:
            named.append(word)
        else:
            named.append(word[:1].upper() + word[1:])
    return " ".join(w for w in named if w)


def lead(body, paragraphs):
    if not body:
        return body
    kept = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n\n".join(kept[:paragraphs])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=os.environ.get("SITEGEN_DATA") or os.path.join(here, "..", "..", "shared", "data"))
    parser.add_argument("--from", dest="start", default="2020-04-01")
    parser.add_argument("--to", dest="end", default="2020-07-31")
    parser.add_argument("--paragraphs", type=int, default=12)
    parser.add_argument("--out", default=os.path.join(here, "..", "Content", "corpus", "allsides-2020-04-07.jsonl.gz"))
    args = parser.parse_args()

    source = os.path.join(args.data, "allsides-articles.jsonl.gz")
    kept = []
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            day = (record.get("published") or "")[:10]
            if not (args.start <= day <= args.end):
                continue
            out = {"id": record["id"]}
            for field in ("outlet", "url", "published", "title"):
                if record.get(field):
                    out[field] = record[field]
            body = lead(record.get("body"), args.paragraphs)
            if body:
                out["body"] = body
            if record.get("topics"):
                out["topics"] = [topic_name(t) for t in record["topics"]]
            if record.get("authors"):
                out["authors"] = record["authors"]
            kept.append(out)
    kept.sort(key=lambda r: (r.get("published", ""), r["id"]))

    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        for record in kept:
            gz.write((json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    with open(args.out, "wb") as f:
        f.write(buffer.getvalue())
    outlets = {r.get("outlet") for r in kept if r.get("outlet")}
    print(f"{len(kept)} articles from {len(outlets)} outlets, {args.start} to {args.end}: "
          f"{args.out} ({len(buffer.getvalue()) / 1e6:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
