#!/usr/bin/env python3
"""Measure what a browser downloads to run Pagefind queries.

Usage:
  measure_pagefind.py SITE_DIR QUERIES_FILE [--out results.json] [--md results.md] [--top 10]
             [--modes worker,noworker]

SITE_DIR      folder served as the web root; must contain pagefind/ (built by Pagefind)
QUERIES_FILE  lines "query<TAB>target-slug" (as written by queries.py)

For every query a FRESH headless Chromium session (new temporary profile, empty
HTTP cache, cache also disabled through CDP) opens /pf-test.html (a blank page
created in SITE_DIR if missing) and runs in page JS:

  const pf = await import('/pagefind/pagefind.js');  await pf.init();      // phase "init"
  const r = await pf.search(QUERY);                                         // phase "search"
  const data = await Promise.all(r.results.slice(0,TOP).map(x => x.data())); // phase "data"

Bytes are counted three ways:
  * server side: a logging http.server (SimpleHTTPRequestHandler, no gzip) records every
    request with the body size and the exact number of bytes written to the socket
    (status line + headers + body). Worker fetches are included.
  * browser side: Chrome performance log (goog:loggingPrefs performance=ALL), sum of
    Network.loadingFinished encodedDataLength (page target; requests made from Pagefind's
    Web Worker may be missing from this log - the count of matched requests is reported).
  * the files on disk: raw size, gzip -9 size (Python gzip.compress(level=9), = gzip -9 -n),
    and for Pagefind's own pre-gzipped files (.pf_meta/.pf_index/.pf_fragment/wasm) the
    inflated size.
A request is "fixed" (one-time cost, same for every query) unless it is an index chunk
(/pagefind/index/*.pf_index) or a fragment (/pagefind/fragment/*.pf_fragment).
Requests outside /pagefind/ (the blank host page, favicon) are listed but not counted.

After the measurement the same session loads data() for ALL results (not counted) to
report the rank of the target story (URL contains /stories/<slug>/).
"""
import argparse
import functools
import gzip
import json
import os
import socket
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
TEST_PAGE = "pf-test.html"
TEST_HTML = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>pf test</title>" \
            "<link rel=icon href=data:,></head><body></body></html>\n"


# The byte-counting server: counting_server.py (shared with measure_sitegen.py).
from counting_server import Log, perf_requests, start_server  # noqa: E402


# ---------------------------------------------------------------- files
@functools.lru_cache(maxsize=None)
def file_stats(path):
    with open(path, "rb") as f:
        b = f.read()
    inflated = None
    if b[:2] == b"\x1f\x8b":
        try:
            inflated = len(gzip.decompress(b))
        except Exception:
            pass
    return {"raw": len(b), "gzip9": len(gzip.compress(b, 9, mtime=0)), "inflated": inflated}


def classify(path):
    if not path.startswith("/pagefind/"):
        return "other"
    if path.startswith("/pagefind/index/") or path.startswith("/pagefind/fragment/"):
        return "query"
    return "fixed"


# ---------------------------------------------------------------- browser
JS = r"""
const [q, top, noWorker, done] = arguments;
(async () => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  if (noWorker) await pf.options({noWorker: true});
  await pf.init();
  const t1 = performance.now();
  window.__pf = pf;
  done({phase: 'init', ms: t1 - t0});
})().catch(e => done({error: String(e && e.stack || e)}));
"""
JS_SEARCH = r"""
const [q, top, done] = arguments;
(async () => {
  const pf = window.__pf;
  const t1 = performance.now();
  const r = await pf.search(q);
  const t2 = performance.now();
  window.__r = r;
  done({phase: 'search', ms: t2 - t1, count: r.results.length, unfiltered: r.unfilteredResultCount});
})().catch(e => done({error: String(e && e.stack || e)}));
"""
JS_DATA = r"""
const [top, done] = arguments;
(async () => {
  const t2 = performance.now();
  const data = await Promise.all(window.__r.results.slice(0, top).map(x => x.data()));
  const t3 = performance.now();
  done({phase: 'data', ms: t3 - t2, urls: data.map(d => d.url), titles: data.map(d => (d.meta || {}).title)});
})().catch(e => done({error: String(e && e.stack || e)}));
"""
JS_ALL = r"""
const [limit, done] = arguments;
(async () => {
  const rs = window.__r.results.slice(0, limit);
  const urls = [];
  for (let i = 0; i < rs.length; i += 50) {
    const d = await Promise.all(rs.slice(i, i + 50).map(x => x.data()));
    for (const x of d) urls.push(x.url);
  }
  done({urls});
})().catch(e => done({error: String(e && e.stack || e)}));
"""


def new_driver():
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-extensions", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-default-apps", "--disable-sync"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)
    d.set_script_timeout(300)
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return d




def summarize(site, server_entries, perf, phase):
    rows = []
    by_path = {}
    for r in perf.values():
        if "url" in r and "encoded" in r:
            path = urllib.parse.urlsplit(r["url"]).path
            by_path.setdefault(path, []).append(r["encoded"])
    for e in server_entries:
        path = e["path"]
        fs = os.path.join(site, urllib.parse.unquote(path).lstrip("/"))
        st = file_stats(fs) if e["status"] == 200 and os.path.isfile(fs) else \
            {"raw": 0, "gzip9": 0, "inflated": None}
        enc = by_path.get(path, [])
        rows.append({"phase": phase, "path": path, "status": e["status"], "class": classify(path),
                     "wire": e["wire"], "chrome_encoded": enc.pop(0) if enc else None, **st})
    return rows


def run_query(site, port, log, q, slug, top, no_worker, all_limit):
    log.take()
    d = new_driver()
    try:
        base = f"http://127.0.0.1:{port}"
        d.get(f"{base}/{TEST_PAGE}")
        time.sleep(0.2)
        rows = summarize(site, log.take(), perf_requests(d), "page")
        info = {}
        for phase, js, args in (("init", JS, (q, top, no_worker)),
                                ("search", JS_SEARCH, (q, top)),
                                ("data", JS_DATA, (top,))):
            res = d.execute_async_script(js, *args)
            if "error" in res:
                raise RuntimeError(f"{phase}: {res['error']}")
            info[phase] = res
            time.sleep(0.3)  # let the log settle
            rows += summarize(site, log.take(), perf_requests(d), phase)
        # target rank over all results (not counted)
        res = d.execute_async_script(JS_ALL, all_limit)
        log.take()
        all_urls = res.get("urls", [])
    finally:
        d.quit()
    needle = f"/stories/{slug}/"
    rank = next((i + 1 for i, u in enumerate(all_urls) if needle in u), None)
    return {"query": q, "slug": slug, "results": info["search"]["count"],
            "unfiltered": info["search"].get("unfiltered"),
            "ms": {k: round(info[k]["ms"], 1) for k in ("init", "search", "data")},
            "top_urls": info["data"]["urls"], "top_titles": info["data"]["titles"],
            "found_top": rank is not None and rank <= top, "rank": rank,
            "checked": len(all_urls), "requests": rows}


def totals(rows, cls):
    rs = [r for r in rows if r["class"] == cls]
    enc = [r["chrome_encoded"] for r in rs if r["chrome_encoded"] is not None]
    return {"files": len(rs), "raw": sum(r["raw"] for r in rs), "gzip9": sum(r["gzip9"] for r in rs),
            "inflated": sum(r["inflated"] or r["raw"] for r in rs),
            "wire": sum(r["wire"] for r in rs), "chrome": sum(enc), "chrome_n": len(enc)}


def fmt(n):
    return f"{n:,}"


def markdown(out, top):
    L = []
    for mode in ("worker", "noworker"):
        rs = [r for r in out if r["mode"] == mode]
        if not rs:
            continue
        L.append(f"### Mode: {mode} ({'Pagefind default: search runs in a Web Worker' if mode == 'worker' else 'pf.options({noWorker:true}): everything on the main thread, so Chrome logs every request'})\n")
        L.append("| query | target slug | results | target rank | found in top %d | fixed files | fixed raw | fixed gzip -9 | fixed transferred | per-query files (index+fragment) | per-query raw | per-query gzip -9 | per-query transferred | total transferred | Chrome log (requests seen) |" % top)
        L.append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rs:
            fx, pq = r["fixed"], r["per_query"]
            ni = sum(1 for x in r["requests"] if x["class"] == "query" and x["path"].endswith(".pf_index"))
            nf = pq["files"] - ni
            L.append(f"| `{r['query']}` | {r['slug'][:40]}{'...' if len(r['slug']) > 40 else ''} | {r['results']} | {r['rank'] or '-'} | "
                     f"{'yes' if r['found_top'] else 'no'} | {fx['files']} | {fmt(fx['raw'])} | {fmt(fx['gzip9'])} | {fmt(fx['wire'])} | "
                     f"{pq['files']} ({ni}+{nf}) | {fmt(pq['raw'])} | {fmt(pq['gzip9'])} | {fmt(pq['wire'])} | {fmt(fx['wire'] + pq['wire'])} | "
                     f"{fmt(fx['chrome'] + pq['chrome'])} ({fx['chrome_n'] + pq['chrome_n']}/{fx['files'] + pq['files']}) |")
        L.append("")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("queries")
    ap.add_argument("--out", default="results.json")
    ap.add_argument("--md", default="results.md")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--modes", default="worker,noworker",
                    help="comma list of worker (Pagefind default) and/or noworker")
    ap.add_argument("--all-limit", type=int, default=5000)
    a = ap.parse_args()
    site = os.path.abspath(a.site)
    tp = os.path.join(site, TEST_PAGE)
    if not os.path.exists(tp):
        with open(tp, "w") as f:
            f.write(TEST_HTML)
    log = Log()
    srv, port = start_server(site, log)
    out = []
    with open(a.queries) as f:
        qs = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    for mode in a.modes.split(","):
        for q, slug in qs:
            r = run_query(site, port, log, q, slug, a.top, mode == "noworker", a.all_limit)
            r["mode"] = mode
            r["fixed"] = totals(r["requests"], "fixed")
            r["per_query"] = totals(r["requests"], "query")
            out.append(r)
            fx, pq = r["fixed"], r["per_query"]
            print(f"[{mode}] {q!r:28} results={r['results']:5} rank={r['rank']} "
                  f"fixed {fx['files']} files raw={fx['raw']} gz={fx['gzip9']} wire={fx['wire']} chrome={fx['chrome']}({fx['chrome_n']}) | "
                  f"query {pq['files']} files raw={pq['raw']} gz={pq['gzip9']} wire={pq['wire']} chrome={pq['chrome']}({pq['chrome_n']})",
                  file=sys.stderr)
    srv.shutdown()
    with open(a.out, "w") as f:
        json.dump({"site": site, "queries": a.queries, "top": a.top, "results": out}, f, indent=1)
    with open(a.md, "w") as f:
        f.write(markdown(out, a.top))


if __name__ == "__main__":
    main()
