#!/usr/bin/env python3
"""Validates the machine-readable files sitegen writes, for Tests/FeedsTests/FeedsTests.swift.

  validate_feeds.py atom MANIFEST      MANIFEST: lines "path<TAB>expected entry count"
  validate_feeds.py sitemap FILE XSD   validates FILE against the sitemaps.org XSD

atom: every feed must parse with feedparser as Atom 1.0 with bozo == 0 and the expected number of
entries, and meet the MUSTs of RFC 4287 that feedparser forgives (one id/title/updated per feed and
entry, absolute ids, RFC 3339 dates, an author for every entry, an alternate link for entries
without content, unique entry ids). Prints one line per problem; exit status 1 when there is any,
2 when feedparser or lxml is missing (Scripts/install-deps.sh installs them).
"""
import re
import sys

try:
    import feedparser
    from lxml import etree
except ImportError as e:  # pragma: no cover
    print(f"missing Python package: {e.name} (run Scripts/install-deps.sh)")
    sys.exit(2)

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
TEXT_TYPES = {None, "text", "html", "xhtml"}


def check_atom_element(el, where, problems, require_author):
    for name in ("id", "title", "updated"):
        found = el.findall(A + name)
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name} (exactly one required)")
    for name in ("published", "summary", "subtitle", "generator", "rights", "content"):
        if len(el.findall(A + name)) > 1:
            problems.append(f"{where}: more than one atom:{name}")
    ident = el.findtext(A + "id")
    if ident is not None and not ABSOLUTE_IRI.match(ident.strip()):
        problems.append(f"{where}: atom:id {ident!r} is not an absolute IRI")
    for name in ("updated", "published"):
        for d in el.findall(A + name):
            if not RFC3339.match((d.text or "").strip()):
                problems.append(f"{where}: atom:{name} {d.text!r} is not an RFC 3339 date-time")
    for name in ("title", "subtitle", "summary", "rights"):
        for t in el.findall(A + name):
            if t.get("type") not in TEXT_TYPES:
                problems.append(f"{where}: atom:{name} has type {t.get('type')!r}")
    alternates = {}
    for link in el.findall(A + "link"):
        if not link.get("href"):
            problems.append(f"{where}: atom:link without href")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            alternates[key] = alternates.get(key, 0) + 1
    if any(n > 1 for n in alternates.values()):
        problems.append(f"{where}: two alternate links with the same type and hreflang")
    for author in el.findall(A + "author"):
        if not (author.findtext(A + "name") or "").strip():
            problems.append(f"{where}: atom:author without a name")
    for category in el.findall(A + "category"):
        if not category.get("term"):
            problems.append(f"{where}: atom:category without a term")
    if require_author and not el.findall(A + "author"):
        problems.append(f"{where}: no atom:author here nor on the feed")
    return alternates


def check_atom(path, expected):
    problems = []
    parsed = feedparser.parse(path)
    if parsed.bozo:
        problems.append(f"{path}: feedparser bozo: {parsed.get('bozo_exception')!r}")
    if parsed.version != "atom10":
        problems.append(f"{path}: feedparser sees {parsed.version!r}, not Atom 1.0")
    if len(parsed.entries) != expected:
        problems.append(f"{path}: {len(parsed.entries)} entries, expected {expected}")
    try:
        root = etree.parse(path).getroot()
    except etree.XMLSyntaxError as e:
        return problems + [f"{path}: not well-formed XML: {e}"]
    if root.tag != A + "feed":
        return problems + [f"{path}: root element is {root.tag}, not atom:feed"]
    check_atom_element(root, path, problems, require_author=False)
    if not any(l.get("rel") == "self" for l in root.findall(A + "link")):
        problems.append(f"{path}: no rel=self link")
    feed_author = bool(root.findall(A + "author"))
    ids = set()
    previous = None
    for n, entry in enumerate(root.findall(A + "entry"), 1):
        where = f"{path}: entry {n}"
        alternates = check_atom_element(entry, where, problems, require_author=not feed_author)
        if not entry.findall(A + "content") and not alternates:
            problems.append(f"{where}: no atom:content and no alternate link")
        ident = entry.findtext(A + "id")
        if ident in ids:
            problems.append(f"{where}: duplicate atom:id {ident!r}")
        ids.add(ident)
        updated = entry.findtext(A + "updated")
        if previous is not None and updated is not None and updated > previous:
            problems.append(f"{where}: not newest first ({updated} after {previous})")
        previous = updated
    return problems


def main(argv):
    if len(argv) == 3 and argv[1] == "atom":
        problems, count = [], 0
        with open(argv[2], encoding="utf-8") as manifest:
            for line in manifest:
                if line.strip():
                    path, expected = line.rstrip("\n").split("\t")
                    problems += check_atom(path, int(expected))
                    count += 1
        if count == 0:
            problems.append("no feeds to check")
    elif len(argv) == 4 and argv[1] == "sitemap":
        schema = etree.XMLSchema(etree.parse(argv[3]))
        document = etree.parse(argv[2])
        problems = [] if schema.validate(document) else [f"{argv[2]}: {e}" for e in schema.error_log]
    else:
        print(__doc__)
        return 2
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
