#!/usr/bin/env python3
"""What a reader sees, measured in headless Chromium: the layout checks of issue #26.

Usage: layout_check.py --site NAME=DIR:URLPATH [--site …] [--widths 1280,360] [--screenshots DIR]

Opens the same pages as axe_check.py (home, the seed story, the three stories told by the most
outlets, the outlet in the most stories, the largest topic, blindspot, search, 404 and one page of
every other type), served by `python3 -m http.server`, at each width, and fails a page view on:

  - sideways scrolling: of the page, or of any box in it (an element that scrolls or clips
    horizontally with more content than width);
  - visible text under 12 px at its rendered size (SVG text: its font size times the drawing's
    scale on screen); text hidden for screen readers only (clipped to a pixel) does not count;
  - chart labels that overlap one another or stick out of their drawing (text bounding boxes);
  - on a story page at a phone width (< 600 px): the bias chart (the `role="img"` whose
    accessible name says "bias") starting below the first 800 px of the page;
and once per site: `404.html` opened from the file system must be styled (its CSS inlined).

With --screenshots DIR it saves a full-page PNG of every page view there, as
`SITE-LABEL-WIDTH.png`, for a person to look at (Scripts/screenshots.sh calls it so).
Exits 1 when any page view fails, 0 otherwise.
"""
import argparse
import base64
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from axe_check import load, make_driver, parse_site, pick_pages, search_query, set_width, shut_down, start_server  # noqa: E402

MIN_PX = 12
FOLD_PX = 800

LAYOUT_JS = r"""
const minPx = arguments[0];
const problems = [];
const visible = el => {
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) return false;
  }
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1;   // a screen-reader-only box is clipped to 1px
};
const describe = el => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  const c = el.getAttribute('class'); if (c) s += '.' + c.trim().split(/\s+/).join('.');
  const p = el.parentElement;
  if (p && p.tagName !== 'BODY') { const pc = p.getAttribute('class'); s = p.tagName.toLowerCase() + (pc ? '.' + pc.trim().split(/\s+/)[0] : '') + ' > ' + s; }
  return s;
};
const short = t => t.replace(/\s+/g, ' ').trim().slice(0, 60);

// 1. Sideways scrolling: the page, then every box.
const doc = document.documentElement;
if (doc.scrollWidth > doc.clientWidth + 1)
  problems.push({kind: 'page scrolls sideways', where: 'html', detail: (doc.scrollWidth - doc.clientWidth) + 'px'});
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
  const cs = getComputedStyle(el);
  if (!['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX)) continue;
  if (!visible(el)) continue;
  if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 1)
    problems.push({kind: 'box scrolls or clips sideways', where: describe(el),
                   detail: `content ${el.scrollWidth}px in ${el.clientWidth}px (overflow-x: ${cs.overflowX})`});
}

// 2. Text under the minimum size, HTML and SVG.
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!n.textContent.trim()) continue;
  const el = n.parentElement;
  if (!el || seen.has(el) || ['SCRIPT', 'STYLE', 'TITLE', 'NOSCRIPT'].includes(el.tagName)) continue;
  seen.add(el);
  if (el.closest('title, desc')) continue;   // SVG titles are names, not drawn text
  if (!visible(el)) continue;
  let px = parseFloat(getComputedStyle(el).fontSize);
  const svg = el.closest('svg');
  if (svg) { const m = svg.getScreenCTM(); if (m) px *= Math.hypot(m.a, m.b); }
  if (px < minPx - 0.05)
    problems.push({kind: 'text under ' + minPx + 'px', where: describe(el), detail: `${px.toFixed(1)}px: “${short(n.textContent)}”`});
}

// 3. Chart labels: overlapping one another, or outside their drawing.
for (const svg of document.querySelectorAll('svg')) {
  if (!visible(svg)) continue;
  const box = svg.getBoundingClientRect();
  const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim() && t.getClientRects().length)
    .map(t => ({t, r: t.getBoundingClientRect()}));
  const name = svg.getAttribute('aria-label') || svg.getAttribute('class') || 'svg';
  for (const {t, r} of texts) {
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      problems.push({kind: 'chart label clipped', where: short(name), detail: `“${short(t.textContent)}” sticks out of its drawing`});
  }
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const a = texts[i].r, b = texts[j].r;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1)
      problems.push({kind: 'chart labels overlap', where: short(name), detail: `“${short(texts[i].t.textContent)}” and “${short(texts[j].t.textContent)}”`});
  }
}

// 4. Where the bias chart starts, for story pages.
let bias = null;
for (const el of document.querySelectorAll('[role="img"]')) {
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  const label = el.getAttribute('aria-label') || ids.map(i => (document.getElementById(i) || {}).textContent || '').join(' ')
    || ((el.querySelector(':scope > title') || {}).textContent || '');
  if (/bias/i.test(label) && visible(el)) { bias = el.getBoundingClientRect().top + window.scrollY; break; }
}
return {problems, bias};
"""

# 404.html opened from a file: URL: styled when its own CSS applies (the layout's max width and a
# font stack that is not the browser's default serif).
STYLED_JS = r"""
const main = document.querySelector('main') || document.body;
const cs = getComputedStyle(document.body);
return {rules: Array.from(document.styleSheets).reduce((n, s) => { try { return n + s.cssRules.length; } catch (e) { return n; } }, 0),
        font: cs.fontFamily, margin: cs.marginLeft, width: getComputedStyle(main).maxWidth};
"""


def check_views(driver, base, site_dir, url_path, name, widths, shots):
    failures = []
    for label, path in pick_pages(site_dir, url_path, want_seed=name == "default"):
        query = search_query(site_dir) if path.endswith("#query") else None
        path = path.removesuffix("#query")
        story = label.startswith(("seed story", "story"))
        for width in widths:
            set_width(driver, width)
            title = f"{name} · {label} · {width}px · {path}"
            try:
                load(driver, base + path, query)
                found = driver.execute_script(LAYOUT_JS, MIN_PX)
            except Exception as e:
                failures.append(title)
                print(f"  FAIL {title}: could not check: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
                continue
            problems = found["problems"]
            if story and width < 600:
                if found["bias"] is None:
                    problems.append({"kind": "no bias chart", "where": "page", "detail": 'no role="img" named with "bias"'})
                elif found["bias"] > FOLD_PX:
                    problems.append({"kind": f"bias chart below {FOLD_PX}px", "where": "page", "detail": f"starts at {found['bias']:.0f}px"})
            extra = f", bias chart at {found['bias']:.0f}px" if story and found["bias"] is not None else ""
            print(f"  {'FAIL' if problems else 'ok  '} {title}{extra}")
            for p in problems[:12]:
                print(f"    - {p['kind']}: {p['where']}: {p['detail']}")
            if len(problems) > 12:
                print(f"    … and {len(problems) - 12} more")
            if problems:
                failures.append(title)
            if shots:
                slug = re.sub(r"[^a-z0-9]+", "-", f"{name}-{label}".lower()).strip("-")
                save_full_page(driver, os.path.join(shots, f"{slug}-{width}.png"), width)
    # 404.html from the file system.
    page = os.path.join(site_dir, "404.html")
    driver.get("file://" + page)
    styled = driver.execute_script(STYLED_JS)
    ok = styled["rules"] > 0 and "times" not in styled["font"].lower() and styled["margin"] != "8px"
    print(f"  {'ok  ' if ok else 'FAIL'} {name} · 404.html from the file system: {styled['rules']} CSS rules, font {styled['font'][:40]}")
    if not ok:
        failures.append(f"{name} · 404.html from file://")
    return failures


def save_full_page(driver, path, width):
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    height = int(metrics["cssContentSize"]["height"])
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 12000), "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", action="append", required=True, help="NAME=DIR:URLPATH, as for axe_check.py")
    ap.add_argument("--widths", default="1280,360")
    ap.add_argument("--screenshots", help="save a full-page PNG of every page view in this folder")
    args = ap.parse_args()
    widths = [int(w) for w in args.widths.split(",")]
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    servers, failures, driver = {}, [], None
    try:
        driver = make_driver()
        for name, serve_dir, url_path in map(parse_site, args.site):
            if serve_dir not in servers:
                servers[serve_dir] = start_server(serve_dir)
            base = f"http://127.0.0.1:{servers[serve_dir][1]}"
            print(f"{name}: {serve_dir} at {base}{url_path}")
            failures += check_views(driver, base, os.path.join(serve_dir, url_path.strip("/")), url_path, name, widths, args.screenshots)
    finally:
        shut_down(driver, servers)
    if failures:
        print(f"\nlayout: {len(failures)} page views with problems:")
        for t in failures:
            print(f"  - {t}")
        return 1
    print("\nlayout: every page view passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
