#!/usr/bin/env python3
"""axe-core in headless Chromium (selenium + axe-selenium-python) over built sites.

Usage: axe_check.py --site NAME=DIR:URLPATH [--site …] [--widths 1280,360]

Serves each DIR with `python3 -m http.server` on a free loopback port (search fetches its index,
which file:// may block). For each site (URLPATH is where it sits under DIR: / or, for a site
built with a sub-path base URL, /news/) it opens the home page; the seed story (required on the site named "default") and
the three stories with the most sources; the page of
the outlet in the most stories; the largest topic; /blindspot/; /search/, also after typing a query; then one page of
each other type (page 2, outlet and topic indexes, about, methodology, 404). At each
width it runs axe with its default rules (WCAG 2.x A and AA, best practices) plus a contrast
check of the SVG charts' text (which axe skips), and prints every violation with its nodes.

Exits 1 when any violation is "serious" or "critical" (or a page fails to load), 0 otherwise;
"moderate" and "minor" ones are printed but do not fail.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# axe does not check the contrast of SVG text (its color-contrast rule skips SVG): this does, the
# way axe would for HTML text. For each rendered <text> in an inline chart: its fill against the
# topmost filled shape under its centre in the same chart (in document order, as SVG paints), else
# the first opaque background among the chart's HTML ancestors; the threshold is WCAG 1.4.3's
# (4.5:1, or 3:1 for text at least 24px, or 18.66px bold, as drawn after the viewBox scaling).
SVG_CONTRAST_JS = r"""
const rgb = c => { const m = /rgba?\(([^)]+)\)/.exec(c || ''); if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const hex = c => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
const htmlBackground = el => { for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
  const c = rgb(getComputedStyle(e).backgroundColor); if (c && c[3] > 0.99) return c; } return [255, 255, 255, 1]; };
const out = [];
for (const svg of document.querySelectorAll('svg')) {
  if (!svg.getClientRects().length) continue;             // not shown at this width
  const shapes = Array.from(svg.querySelectorAll('rect, path, circle, polygon, ellipse'));
  const ctm = svg.getScreenCTM(); const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
  for (const t of svg.querySelectorAll('text')) {
    if (!t.getClientRects().length || !t.textContent.trim()) continue;
    const cs = getComputedStyle(t), fg = rgb(cs.fill); if (!fg) continue;
    const b = t.getBBox(), cx = b.x + b.width / 2, cy = b.y + b.height / 2;
    let bg = null, bgOf = 'page';
    for (const s of shapes) {
      if (!(s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;  // painted after the text
      const f = rgb(getComputedStyle(s).fill), o = parseFloat(getComputedStyle(s).fillOpacity);
      if (!f || f[3] === 0 || o === 0) continue;
      const sb = s.getBBox();
      if (cx >= sb.x && cx <= sb.x + sb.width && cy >= sb.y && cy <= sb.y + sb.height) { bg = f; bgOf = s.getAttribute('class') || s.tagName; }
    }
    if (!bg) bg = htmlBackground(svg.parentElement);
    const px = parseFloat(cs.fontSize) * scale, bold = parseInt(cs.fontWeight, 10) >= 700;
    const need = (px >= 24 || (bold && px >= 18.66)) ? 3 : 4.5, r = ratio(fg, bg);
    const where = (svg.getAttribute('class') || 'svg') + ' text.' + (t.getAttribute('class') || '').replace(/ /g, '.');
    if (r < need) out.push({kind: 'contrast', where, text: t.textContent.slice(0, 60), fg: hex(fg), bg: hex(bg), bgOf,
                            ratio: Math.round(r * 100) / 100, need, px: Math.round(px * 10) / 10});
    else if (px < 9) out.push({kind: 'small', where, text: t.textContent.slice(0, 60), px: Math.round(px * 10) / 10});
  }
}
return out;
"""

SEED_TOPICS = ["Russia", "Technology"]  # Content/corpus/seed-story/_story.yml
FAILING = {"serious", "critical"}


def start_server(directory):
    """`python3 -m http.server 0` picks a free port and says which; read it from its first line."""
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.search(r"port (\d+)", line)
    if not m:
        proc.kill()
        raise SystemExit(f"axe_check: http.server did not start: {line!r}")
    port = int(m.group(1))
    # Drain its request log so the pipe never fills.
    import threading
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, port


def load_stories(site_dir):
    """Every story object of a built site: stories.json is an index of shards in data/ (README,
    "Data files"); a site built before the shards has them all in stories.json."""
    with open(os.path.join(site_dir, "stories.json"), encoding="utf-8") as f:
        index = json.load(f)
    if "shards" not in index:
        return index["stories"]
    stories = []
    for shard in index["shards"]:
        with open(os.path.join(site_dir, shard["path"]), encoding="utf-8") as f:
            stories += json.load(f)["stories"]
    return stories


def search_query(site_dir):
    """What is typed into the search box: the longest word of the home page's first story's title
    (the search leaves out words under 2 letters and common ones like "the")."""
    with open(os.path.join(site_dir, "stories.json"), encoding="utf-8") as f:
        ranked = json.load(f).get("ranked") or []
    stories = {s["slug"]: s for s in load_stories(site_dir)}
    title = stories[ranked[0]]["title"] if ranked and ranked[0] in stories else "news"
    return max(re.findall(r"\w+", title), key=len, default="news")


def pick_pages(site_dir, url_path, want_seed):
    """Pages to check, as (label, URL path relative to the site), chosen from the built files."""
    stories = load_stories(site_dir)
    pages = [("home", "")]
    # The seed story, found by the topics its folder's _story.yml gives (its slug follows its
    # title); then the story told by the most outlets.
    seed = next((s["slug"] for s in stories if s.get("topics") == SEED_TOPICS), None)
    if seed:
        pages.append(("seed story", f"stories/{seed}/"))
    elif want_seed:
        raise SystemExit(f"axe_check: no story with the seed story's topics {SEED_TOPICS} in {site_dir}")
    # Then the three stories told by the most outlets.
    def outlets(s):
        return len({a.get("outlet") for a in s.get("articles", [])})
    others = sorted((s for s in stories if s["slug"] != seed), key=lambda s: (-outlets(s), s["slug"]))
    for rank, s in enumerate(others[:3], 1):
        pages.append((f"story {rank} by sources ({outlets(s)})", f"stories/{s['slug']}/"))
    # The outlet in the most stories, from the outlets index ("… · 50 stories").
    with open(os.path.join(site_dir, "outlets", "index.html"), encoding="utf-8") as f:
        index = f.read()
    rows = re.findall(r'<a href="[^"]*?outlets/([^/"]+)/">[^<]*</a>.*?(\d+) stories', index)
    if rows:
        slug = max(rows, key=lambda r: (int(r[1]), r[0]))[0]
        pages.append(("outlet page", f"outlets/{slug}/"))
    pages += [("blindspot", "blindspot/"), ("search", "search/"), ("search, query typed", "search/#query")]
    # The newest month of the archive by month, when the theme makes one.
    archive = os.path.join(site_dir, "archive")
    months = sorted((d for d in os.listdir(archive) if d != "undated"), reverse=True) if os.path.isdir(archive) else []
    pages += [("archive month", f"archive/{months[0]}/")] if months else []
    # The other page types, once each: cheap, and a template change shows up on them too.
    topics = sorted(d for d in os.listdir(os.path.join(site_dir, "topics")) if os.path.isdir(os.path.join(site_dir, "topics", d)))
    pages += [("home page 2", "page/2/")] if os.path.isdir(os.path.join(site_dir, "page", "2")) else []
    pages += [("outlet index", "outlets/"), ("topic index", "topics/")]
    # The largest topic, by the stories its page lists.
    def topic_size(t):
        with open(os.path.join(site_dir, "topics", t, "index.html"), encoding="utf-8") as f:
            m = re.search(r"(\d[\d,]*) stor(?:y|ies)", f.read())
        return int(m.group(1).replace(",", "")) if m else 0
    largest = max(topics, key=lambda t: (topic_size(t), t)) if topics else None
    pages += [("largest topic", f"topics/{largest}/")] if largest else []
    def built(rel):
        rel = rel.split("#")[0]
        return os.path.isfile(os.path.join(site_dir, rel if rel.endswith(".html") else rel + "index.html"))
    # Content pages come from Content/pages: the default site has them, a corpus-only site may not.
    pages += [(label, rel) for label, rel in [("about", "about/"), ("methodology", "methodology/")] if want_seed or built(rel)]
    pages += [("404", "404.html")]
    missing = [label for label, rel in pages if not built(rel)]
    if missing:
        raise SystemExit(f"axe_check: {site_dir} has no page for: {', '.join(missing)}")
    return [(label, url_path + rel) for label, rel in pages]


def parse_site(spec):
    """NAME=DIR:URLPATH as (name, absolute DIR, URLPATH with a slash at each end)."""
    name, rest = spec.split("=", 1)
    serve_dir, url_path = rest.rsplit(":", 1)
    return name, os.path.abspath(serve_dir), "/" + url_path.strip("/") + "/" if url_path.strip("/") else "/"


def shut_down(driver, servers):
    """Quits the browser and stops every http.server started (servers: dir → (process, port))."""
    if driver:
        driver.quit()
    for server, _ in servers.values():
        server.terminate()
        server.wait(timeout=10)


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def set_width(driver, width):
    # Exact CSS viewport width (a headless window has a minimum size), phone-like below 600 px.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800 if width < 600 else 900, "deviceScaleFactor": 1, "mobile": width < 600})


def load(driver, url, query):
    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if query:
        box = driver.find_element(By.ID, "search-q")
        box.clear()
        box.send_keys(query)
        # The list shows after a 120 ms debounce; wait for the status to say so.
        WebDriverWait(driver, 10).until(lambda d: "match" in d.find_element(By.ID, "search-status").text)
    elif url.rstrip("/").endswith("search"):
        WebDriverWait(driver, 10).until(lambda d: "Loading" not in d.find_element(By.ID, "search-status").text)


def describe(v):
    out = [f"    [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)  {v['helpUrl']}"]
    for node in v["nodes"]:
        target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node["target"])
        out.append(f"      - {target}")
        out.append(f"        {' '.join(node.get('html', '').split())[:220]}")
        summary = node.get("failureSummary") or ""
        for line in summary.splitlines():
            if line.strip():
                out.append(f"          {line.strip()}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", action="append", required=True,
                    help="NAME=DIR:URLPATH: serve DIR, check the site found at URLPATH under it")
    ap.add_argument("--widths", default="1280,360")
    ap.add_argument("--query", help="what is typed into the search box (default: a word of the first story's title)")
    ap.add_argument("--json", help="write every page's axe results to this file")
    args = ap.parse_args()
    widths = [int(w) for w in args.widths.split(",")]

    sites = [parse_site(spec) for spec in args.site]
    servers = {}
    driver = None
    failures, totals, all_results = [], collections.Counter(), {}
    try:
        driver = make_driver()
        axe = Axe(driver)
        print(f"axe-core in {driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')}")
        for name, serve_dir, url_path in sites:
            if serve_dir not in servers:
                servers[serve_dir] = start_server(serve_dir)
            base = f"http://127.0.0.1:{servers[serve_dir][1]}"
            print(f"{name}: {serve_dir} served at {base}/ by python3 -m http.server; site at {url_path}")
            site_dir = os.path.join(serve_dir, url_path.strip("/"))
            for label, path in pick_pages(site_dir, url_path, want_seed=name == "default"):
                query = (args.query or search_query(site_dir)) if path.endswith("#query") else None
                path = path.removesuffix("#query")
                for width in widths:
                    set_width(driver, width)
                    url = base + path
                    title = f"{name} · {label} · {width}px · {path}"
                    try:
                        load(driver, url, query)
                        axe.inject()
                        results = axe.run()
                    except Exception as e:  # a page that does not load or run is a failure
                        failures.append(title)
                        print(f"\n  FAIL {title}: could not check: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
                        continue
                    version = results.get("testEngine", {}).get("version", "?")
                    violations = results["violations"]
                    all_results[title] = violations
                    for v in violations:
                        totals[v.get("impact")] += 1
                    svg_text = driver.execute_script(SVG_CONTRAST_JS)
                    low = [x for x in svg_text if x["kind"] == "contrast"]
                    small = [x for x in svg_text if x["kind"] == "small"]
                    if low:
                        totals["serious"] += 1
                    bad = [v for v in violations if v.get("impact") in FAILING]
                    overflow = driver.execute_script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    logs = [e["message"] for e in driver.get_log("browser")] if hasattr(driver, "get_log") else []

                    found = len(violations) + (1 if low else 0)
                    print(f"  {'FAIL' if bad or low else 'ok  '} {title} (axe {version}{f', {found} violations' if found else ''})")
                    if bad or low:
                        failures.append(title)
                    if low:
                        groups = collections.Counter((x["where"], x["fg"], x["bg"], x["bgOf"], x["ratio"], x["need"]) for x in low)
                        print(f"    [serious] svg-text-contrast: chart text below WCAG 1.4.3 contrast ({len(low)} texts)")
                        for (where, fg, bg, bg_of, r, need), n in sorted(groups.items()):
                            sample = next(x for x in low if (x["where"], x["fg"], x["bg"]) == (where, fg, bg))
                            print(f"      - {n}× {where} {fg} on {bg} ({bg_of}): {r}:1, needs {need}:1 at {sample['px']}px, e.g. “{sample['text']}”")
                    if small:
                        sizes = sorted({x["px"] for x in small})
                        print(f"    note: {len(small)} chart texts drawn below 9px ({', '.join(map(str, sizes[:6]))}px), e.g. {small[0]['where']} “{small[0]['text']}”")
                    # What axe could not decide; SVG chart text is left out (svg-text-contrast checks it).
                    review = [(v["id"], n) for v in results.get("incomplete", []) for n in v["nodes"]
                              if not n.get("html", "").startswith(("<text", "<tspan"))]
                    if review:
                        ids = collections.Counter(i for i, _ in review)
                        print(f"    note: axe asks for a manual review of {', '.join(f'{i} ({n})' for i, n in ids.items())}, e.g. "
                              f"{' '.join(review[0][1]['html'].split())[:120]}")
                    for v in sorted(violations, key=lambda v: ["critical", "serious", "moderate", "minor"].index(v.get("impact") or "minor")):
                        print(describe(v))
                    if overflow > 0:
                        print(f"    note: the page scrolls sideways by {overflow}px at {width}px")
                    for message in logs:
                        print(f"    browser console: {message[:300]}")
    finally:
        shut_down(driver, servers)

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(all_results, f, indent=1)
    summary = ", ".join(f"{n} {k}" for k, n in totals.most_common()) or "none"
    print(f"\naxe: {len(all_results)} page views checked; violations by impact: {summary}.")
    if failures:
        print(f"axe: {len(failures)} page views with serious or critical violations (or that failed to load):")
        for t in failures:
            print(f"  - {t}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
