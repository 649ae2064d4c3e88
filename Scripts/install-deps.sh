#!/usr/bin/env bash
# Installs what sitegen builds and tests with, when any of it is missing (Debian/Ubuntu).
# System packages (apt-get):
#   libcmark-gfm-dev, libcmark-gfm-extensions-dev  Markdown (GFM) rendering
#   zlib1g-dev                                     reading .jsonl.gz corpora
#   libmimalloc-dev                                the allocator the sitegen executable links
#   cmark-gfm                                      the GFM spec (spec.txt.gz) the tests run
#   pkg-config                                     how SwiftPM finds libcmark-gfm
# Python packages (pip, for the `python3` on PATH), used only by the tests:
#   feedparser                                     parses every Atom feed the tests build
#   lxml                                           validates sitemap.xml against the sitemap 0.9 XSD
set -euo pipefail

install_apt() {
  local packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev libmimalloc-dev cmark-gfm pkg-config)
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "sitegen: installing missing system packages: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "sitegen: apt-get is not available here. Install these packages (or your system's equivalents) by hand: ${missing[*]}" >&2
    exit 1
  fi
  local SUDO
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "sitegen: need root to install ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || { echo "sitegen: apt-get update failed (no network to the package mirror?)" >&2; exit 1; }
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || {
    echo "sitegen: apt-get install failed. Run by hand: apt-get install -y ${missing[*]}" >&2; exit 1; }
  echo "sitegen: installed ${missing[*]}"
}

install_python() {
  if ! command -v python3 >/dev/null 2>&1; then
    echo "sitegen: python3 is not on PATH; the feed and sitemap tests need it with feedparser and lxml (apt-get install -y python3 python3-pip)" >&2
    exit 1
  fi
  python3 -c "import feedparser, lxml" 2>/dev/null && return 0
  local missing=() m
  for m in feedparser lxml; do
    python3 -c "import $m" 2>/dev/null || missing+=("$m")
  done
  echo "sitegen: installing missing Python packages for $(command -v python3): ${missing[*]}"
  local log
  log=$(mktemp)
  if ! python3 -m pip install --quiet "${missing[@]}" >"$log" 2>&1; then
    # A Debian-managed Python refuses pip installs (PEP 668) unless told otherwise.
    if grep -q "externally-managed-environment" "$log" \
      && python3 -m pip install --quiet --break-system-packages "${missing[@]}" >"$log" 2>&1; then
      :
    else
      cat "$log" >&2
      rm -f "$log"
      echo "sitegen: pip could not install ${missing[*]}. Run by hand: python3 -m pip install ${missing[*]}" >&2
      exit 1
    fi
  fi
  rm -f "$log"
  python3 -c "import feedparser, lxml" || { echo "sitegen: installed ${missing[*]}, but python3 still cannot import them" >&2; exit 1; }
  echo "sitegen: installed ${missing[*]}"
}

install_apt
install_python
