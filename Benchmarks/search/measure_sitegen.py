#!/usr/bin/env python3
"""Measure what a browser downloads when a person searches on the site's own /search/ page.

Adapted from measure_pagefind.py (same byte-counting local server, same Chromium setup).

Usage:
  measure_sitegen.py SITE_DIR QUERIES_FILE [--out results.json] [--top 10]
                     [--lbl-delays 0.05,0.2]

SITE_DIR is served read-only as the web root (nothing is written into it).
QUERIES_FILE has lines "query<TAB>target-slug".

Runs, one Chromium at a time:
  fresh   for every query a NEW headless Chromium (new temporary profile = empty HTTP cache):
          GET /search/, wait for load, send_keys(query) into #search-q, wait until
          #search-status contains the query and "match" and ol#search-results holds
          min(10, N) items. Then, if the target slug is not in the first 10, click #search-more
          until it appears or the button is hidden (phase "more", counted separately).
  warm    ONE Chromium: load /search/ once, then type the 5 queries one after the other
          (select-all + Backspace, then the next query), twice (pass 1, pass 2); then reload
          the page (browser HTTP cache warm) and type query 1 again.
  lbl     fresh Chromium per delay: query 1 typed one key at a time with DELAY s between keys.

Bytes: the server logs every request with the bytes written to the socket (status line +
headers + body; http.server does not compress): "wire". The Chrome performance log gives
encodedDataLength per request (cross-check). From the files on disk: raw size and
gzip -9 size (gzip.compress(level=9, mtime=0)).
Classes: "query" = /search/meta.json, /search/terms/*, /search/docs/*; everything else
("page") is the fixed cost of opening the page (HTML, CSS, search.js, favicon ...).
"""
import argparse
import functools
import gzip
import hashlib
import json
import os
import re
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


# The byte-counting server: counting_server.py (shared with measure_pagefind.py).
from counting_server import Log, perf_requests, start_server  # noqa: E402



# ---------------------------------------------------------------- files
@functools.lru_cache(maxsize=None)
def file_stats(path):
    with open(path, "rb") as f:
        b = f.read()
    return {"raw": len(b), "gzip9": len(gzip.compress(b, 9, mtime=0))}


def disk_path(site, path):
    p = os.path.join(site, urllib.parse.unquote(path).lstrip("/"))
    if os.path.isdir(p):
        p = os.path.join(p, "index.html")
    return p


def classify(path):
    if path == "/search/meta.json":
        return "meta"
    if path.startswith("/search/terms/"):
        return "terms"
    if path.startswith("/search/docs/"):
        return "docs"
    return "page"


def is_query(cls):
    return cls in ("meta", "terms", "docs")


# ---------------------------------------------------------------- browser
def new_driver():
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-extensions", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-default-apps", "--disable-sync"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)
    d.set_script_timeout(60)
    d.execute_cdp_cmd("Network.enable", {})
    # NB: the HTTP cache is NOT disabled: a new profile starts empty, and the warm-session
    # runs need it.
    return d




def console_errors(driver):
    out = []
    try:
        for e in driver.get_log("browser"):
            out.append({"level": e.get("level"), "message": e.get("message")})
    except Exception as ex:  # pragma: no cover
        out.append({"level": "N/A", "message": f"get_log(browser) failed: {ex}"})
    return out


def settle(log, quiet=0.4, limit=10.0):
    """Wait until the server has seen no request for `quiet` seconds."""
    t0 = time.time()
    while time.time() - t0 < limit:
        if log.quiet_for() >= quiet:
            return
        time.sleep(0.05)


def summarize(site, server_entries, perf, phase):
    rows = []
    by_path = {}
    cached = []
    for r in perf.values():
        if "url" not in r or not r["url"].startswith("http"):
            continue
        path = urllib.parse.urlsplit(r["url"]).path
        by_path.setdefault(path, []).append(r)
    for e in server_entries:
        path = e["path"]
        fs = disk_path(site, path)
        st = file_stats(fs) if e["status"] == 200 and os.path.isfile(fs) else {"raw": 0, "gzip9": 0}
        lst = by_path.get(path, [])
        pr = next((x for x in lst if not x.get("fromCache")), None)
        if pr is not None:
            lst.remove(pr)
        rows.append({"phase": phase, "path": path, "status": e["status"], "class": classify(path),
                     "wire": e["wire"], "ims": e["ims"],
                     "chrome_encoded": pr.get("encoded") if pr else None, **st})
    # requests Chrome answered from its own cache (never reached the server)
    for path, lst in by_path.items():
        for x in lst:
            if x.get("fromCache"):
                cached.append({"phase": phase, "path": path, "class": classify(path),
                               "chrome_encoded": x.get("encoded")})
    return rows, cached


def totals(rows, pred):
    rs = [r for r in rows if pred(r["class"])]
    enc = [r["chrome_encoded"] for r in rs if r["chrome_encoded"] is not None]
    return {"files": len(rs), "raw": sum(r["raw"] for r in rs), "gzip9": sum(r["gzip9"] for r in rs),
            "wire": sum(r["wire"] for r in rs), "chrome": sum(enc), "chrome_n": len(enc),
            "n304": sum(1 for r in rs if r["status"] == 304)}


STATE_JS = r"""
const st = document.getElementById('search-status'), out = document.getElementById('search-results'),
      mw = document.getElementById('search-more-wrap');
return {status: st ? st.textContent : null,
        n: out ? out.querySelectorAll('li').length : -1,
        hrefs: out ? [...out.querySelectorAll('li > a')].map(a => a.getAttribute('href')) : [],
        titles: out ? [...out.querySelectorAll('li > a')].map(a => a.textContent) : [],
        more_hidden: mw ? mw.hidden : true,
        input: document.getElementById('search-q').value,
        ready: document.readyState};
"""


def count_from_status(s):
    m = re.match(r"\s*([\d,]+) stor(?:y|ies) match", s or "")
    if m:
        return int(m.group(1).replace(",", ""))
    if s and s.startswith("No story matches"):
        return 0
    return None


def wait_results(d, q, timeout=30):
    """Status names the query and says match(es); the list holds min(10, N) items."""
    want = "\u201c" + q.strip() + "\u201d"

    def ok(drv):
        s = drv.execute_script(STATE_JS)
        if not s["status"] or want not in s["status"] or "match" not in s["status"]:
            return False
        n = count_from_status(s["status"])
        if n is None:
            return False
        return s if s["n"] == min(10, n) else False

    return WebDriverWait(d, timeout, poll_frequency=0.03).until(ok)


def rank_of(hrefs, slug):
    needle = f"stories/{slug}/"
    return next((i + 1 for i, h in enumerate(hrefs) if h and h.endswith(needle)), None)


def load_page(d, base, log, site, phase="page"):
    d.get(f"{base}/search/")
    WebDriverWait(d, 30).until(lambda x: x.execute_script("return document.readyState") == "complete")
    settle(log)
    return summarize(site, log.take(), perf_requests(d), phase)


def type_query(d, q, per_key_delay=None):
    box = d.find_element(By.ID, "search-q")
    if per_key_delay is None:
        box.send_keys(q)
    else:
        # keys scheduled at t0 + i*delay (key-to-key interval = delay, whatever a WebDriver call costs)
        t0 = time.time()
        for i, ch in enumerate(q):
            w = t0 + i * per_key_delay - time.time()
            if w > 0:
                time.sleep(w)
            box.send_keys(ch)


def clear_box(d, log):
    box = d.find_element(By.ID, "search-q")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    # empty box -> update() after 150 ms sets the "24593 stories." status, no fetch
    WebDriverWait(d, 10, poll_frequency=0.03).until(
        lambda x: "\u201c" not in (x.execute_script(STATE_JS)["status"] or ""))
    settle(log)


def click_more_until(d, log, site, slug, state, top):
    rows, cached, clicks = [], [], 0
    rank = rank_of(state["hrefs"], slug)
    while rank is None and not state["more_hidden"]:
        n0 = state["n"]
        total = count_from_status(state["status"])
        d.find_element(By.ID, "search-more").click()
        clicks += 1
        target_n = min(n0 + top, total)
        state = WebDriverWait(d, 30, poll_frequency=0.03).until(
            lambda x: (lambda s: s if s["n"] >= target_n else False)(x.execute_script(STATE_JS)))
        settle(log)
        r, c = summarize(site, log.take(), perf_requests(d), f"more{clicks}")
        rows += r
        cached += c
        rank = rank_of(state["hrefs"], slug)
    return rank, clicks, rows, cached, state


def run_fresh(site, base, log, q, slug, top):
    log.take()
    d = new_driver()
    try:
        rows, cached = load_page(d, base, log, site)
        t0 = time.time()
        type_query(d, q)
        state = wait_results(d, q)
        ms = (time.time() - t0) * 1000
        settle(log)
        r, c = summarize(site, log.take(), perf_requests(d), "query")
        rows += r
        cached += c
        results = count_from_status(state["status"])
        top_hrefs, top_titles = state["hrefs"][:top], state["titles"][:top]
        rank10 = rank_of(top_hrefs, slug)
        rank, clicks, mrows, mcached, state = click_more_until(d, log, site, slug, state, top)
        cons = console_errors(d)
    finally:
        d.quit()
    return {"query": q, "slug": slug, "status": state["status"], "results": results,
            "found_top": rank10 is not None, "rank": rank, "more_clicks": clicks,
            "top_hrefs": top_hrefs, "top_titles": top_titles, "ms_to_results": round(ms),
            "requests": rows, "more_requests": mrows, "cached": cached + mcached, "console": cons}


def run_warm(site, base, log, qs):
    log.take()
    d = new_driver()
    out = {"steps": []}
    try:
        rows, cached = load_page(d, base, log, site)
        out["page"] = {"requests": rows, "cached": cached}
        for pas in (1, 2):
            for q, slug in qs:
                clear_box(d, log)
                log.take()
                type_query(d, q)
                state = wait_results(d, q)
                settle(log)
                r, c = summarize(site, log.take(), perf_requests(d), f"pass{pas}")
                out["steps"].append({"pass": pas, "query": q, "results": count_from_status(state["status"]),
                                     "rank10": rank_of(state["hrefs"], slug), "requests": r, "cached": c})
        # reload: the page and search files again, this time through Chromium's HTTP cache
        log.take()
        rows, cached = load_page(d, base, log, site, "reload-page")
        q, slug = qs[0]
        type_query(d, q)
        state = wait_results(d, q)
        settle(log)
        r, c = summarize(site, log.take(), perf_requests(d), "reload-query")
        out["reload"] = {"query": q, "results": count_from_status(state["status"]),
                         "page_requests": rows, "page_cached": cached, "requests": r, "cached": c}
        out["console"] = console_errors(d)
    finally:
        d.quit()
    return out


def run_lbl(site, base, log, q, slug, delay):
    log.take()
    d = new_driver()
    try:
        rows, cached = load_page(d, base, log, site)
        # record every status text the page shows while typing (intermediate searches)
        d.execute_script(r"""
          window.__st = []; window.__kd = [];
          document.getElementById('search-q').addEventListener('keydown', () => window.__kd.push(performance.now()));
          new MutationObserver(() => window.__st.push(document.getElementById('search-status').textContent))
            .observe(document.getElementById('search-status'), {childList: true, characterData: true, subtree: true});""")
        t0 = time.time()
        type_query(d, q, per_key_delay=delay)
        t_typed = time.time() - t0
        state = wait_results(d, q)
        settle(log, quiet=0.6)
        r, c = summarize(site, log.take(), perf_requests(d), "query")
        statuses = d.execute_script("return window.__st")
        kd = d.execute_script("return window.__kd")
        gaps = [round(b - a, 1) for a, b in zip(kd, kd[1:])]
        cons = console_errors(d)
    finally:
        d.quit()
    return {"query": q, "delay": delay, "typing_s": round(t_typed, 2), "results": count_from_status(state["status"]),
            "rank10": rank_of(state["hrefs"], slug), "statuses": statuses, "key_gaps_ms": gaps,
            "requests": rows + r, "cached": cached + c, "console": cons}


def tree_digest(site):
    h = hashlib.sha256()
    paths = [os.path.join(site, "search.js")]
    for dp, dn, fn in os.walk(os.path.join(site, "search")):
        dn.sort()
        paths += [os.path.join(dp, f) for f in sorted(fn)]
    n = b = 0
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        h.update(p.encode() + b"\0" + data)
        n += 1
        b += len(data)
    return {"files": n, "bytes": b, "sha256": h.hexdigest()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("queries")
    ap.add_argument("--out", default="results.json")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--lbl-delays", default="0.05,0.2")
    ap.add_argument("--more-demo", default="progressives",
                    help="extra query (not from QUERIES_FILE) whose 'Show more' button is clicked until hidden")
    a = ap.parse_args()
    site = os.path.abspath(a.site)
    with open(a.queries) as f:
        qs = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    digest0 = tree_digest(site)
    log = Log()
    srv, port = start_server(site, log)
    base = f"http://127.0.0.1:{port}"
    res = {"site": site, "queries": a.queries, "top": a.top, "port": port, "digest_before": digest0,
           "fresh": [], "lbl": []}
    for q, slug in qs:
        r = run_fresh(site, base, log, q, slug, a.top)
        pg = totals(r["requests"], lambda c: c == "page")
        qq = totals(r["requests"], is_query)
        print(f"[fresh] {q!r:28} results={r['results']} rank={r['rank']} top10={r['found_top']} "
              f"page {pg['files']}f wire={pg['wire']} | query {qq['files']}f raw={qq['raw']} gz={qq['gzip9']} "
              f"wire={qq['wire']} chrome={qq['chrome']}({qq['chrome_n']}) | more clicks={r['more_clicks']} "
              f"console={len(r['console'])}", file=sys.stderr)
        res["fresh"].append(r)
    res["warm"] = run_warm(site, base, log, qs)
    for s in res["warm"]["steps"]:
        t = totals(s["requests"], lambda c: True)
        print(f"[warm pass{s['pass']}] {s['query']!r:28} results={s['results']} files={t['files']} wire={t['wire']} "
              f"cached={len(s['cached'])}", file=sys.stderr)
    for delay in [float(x) for x in a.lbl_delays.split(",") if x]:
        r = run_lbl(site, base, log, qs[0][0], qs[0][1], delay)
        t = totals(r["requests"], lambda c: True)
        print(f"[lbl {delay}s] files={t['files']} wire={t['wire']} statuses={r['statuses']}", file=sys.stderr)
        res["lbl"].append(r)
    if a.more_demo:
        r = run_fresh(site, base, log, a.more_demo, "-no-such-slug-", a.top)
        print(f"[more-demo] {a.more_demo!r} results={r['results']} clicks={r['more_clicks']} "
              f"more files={len(r['more_requests'])} wire={sum(x['wire'] for x in r['more_requests'])}", file=sys.stderr)
        res["more_demo"] = r
    srv.shutdown()
    res["digest_after"] = tree_digest(site)
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    if res["digest_after"] != digest0:
        print("WARNING: the search bundle changed during the run", file=sys.stderr)


if __name__ == "__main__":
    main()
