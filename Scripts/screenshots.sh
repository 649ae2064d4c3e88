#!/usr/bin/env bash
# Screenshots of built pages at desktop and phone width, to look at what readers see.
# Usage: Scripts/screenshots.sh OUT_DIR SITE_DIR PAGE... (PAGE relative to SITE_DIR, e.g. stories/x/index.html)
set -euo pipefail
out=$1; site=$2; shift 2
command -v chromium >/dev/null || { echo "chromium missing: apt-get install -y chromium" >&2; exit 1; }
mkdir -p "$out"
for page in "$@"; do
  name=$(echo "$page" | sed 's|/index.html$||; s|[/.]|-|g')
  for width in 1280 360; do
    height=$([ "$width" = 360 ] && echo 3200 || echo 2600)
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
      --screenshot="$out/$name-$width.png" --window-size="$width,$height" "file://$(realpath "$site/$page")" 2>/dev/null
  done
done
ls "$out"
