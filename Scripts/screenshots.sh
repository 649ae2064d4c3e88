#!/usr/bin/env bash
# Screenshots of built pages at desktop (1280 px) and phone (360 px) width, to look at what readers see.
#
#   Scripts/screenshots.sh OUT_DIR SITE_DIR            every page type, full length: home, the seed story
#                                                     (on the default site), the three stories with the
#                                                     most sources, the largest outlet and topic,
#                                                     blindspot, search (also with a query), indexes,
#                                                     content pages and 404, served over HTTP as
#                                                     `make check-site` does, with its layout checks
#   Scripts/screenshots.sh OUT_DIR SITE_DIR PAGE...   just these pages (relative to SITE_DIR, e.g.
#                                                     stories/x/index.html), first screen only, from file://
#
# The first form needs the validators' virtualenv (`make check-site` makes it; CHECK_SITE_VENV as there).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
out=$1; site=$2; shift 2
command -v chromium >/dev/null || { echo "chromium missing: apt-get install -y chromium" >&2; exit 1; }
mkdir -p "$out"
if [ $# -eq 0 ]; then
  venv=${CHECK_SITE_VENV:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/sitegen/check-site-venv}
  [ -x "$venv/bin/python" ] || { echo "no virtualenv at $venv: run make check-site once" >&2; exit 1; }
  # The layout check's verdicts are printed; the screenshots are what this script is for.
  "$venv/bin/python" "$(dirname "$0")/check-site/layout_check.py" --site "site=$(realpath "$site"):/" --screenshots "$out" || true
else
  for page in "$@"; do
    name=$(echo "$page" | sed 's|/index.html$||; s|[/.]|-|g')
    for width in 1280 360; do
      height=$([ "$width" = 360 ] && echo 3200 || echo 2600)
      chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --screenshot="$out/$name-$width.png" --window-size="$width,$height" "file://$(realpath "$site/$page")" 2>/dev/null
    done
  done
fi
ls "$out"
