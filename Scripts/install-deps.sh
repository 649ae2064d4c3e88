#!/usr/bin/env bash
# Installs the system packages sitegen builds and tests with, when any is missing (Debian/Ubuntu).
#   libcmark-gfm-dev, libcmark-gfm-extensions-dev  Markdown (GFM) rendering
#   zlib1g-dev                                     reading .jsonl.gz corpora
#   cmark-gfm                                      the GFM spec (spec.txt.gz) the tests run
#   pkg-config                                     how SwiftPM finds libcmark-gfm
set -euo pipefail
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev cmark-gfm pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "sitegen: installing missing system packages: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "sitegen: apt-get is not available here. Install these packages (or your system's equivalents) by hand: ${missing[*]}" >&2
  exit 1
fi
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
