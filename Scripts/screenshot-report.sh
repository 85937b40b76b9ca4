#!/usr/bin/env bash
# Screenshots an HTML report with headless Chromium, to look at it without a browser.
#
# Usage: Scripts/screenshot-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
#   OUT.png defaults to REPORT.png beside the HTML file; the window defaults to 1200x2400.
# Needs Chromium: apt-get update && apt-get install -y chromium
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 || "$1" == "-h" || "$1" == "--help" ]]; then
    echo "usage: $0 REPORT.html [OUT.png] [WIDTHxHEIGHT]" >&2
    exit 64
fi

html=$1
if [[ ! -r "$html" ]]; then
    echo "error: $html: no such readable file" >&2
    exit 66
fi
out=${2:-${html%.*}.png}
size=${3:-1200x2400}
if [[ ! "$size" =~ ^[0-9]+x[0-9]+$ ]]; then
    echo "error: size $size: write WIDTHxHEIGHT, such as 1200x2400" >&2
    exit 64
fi

browser=""
for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$candidate
        break
    fi
done
if [[ -z "$browser" ]]; then
    echo "error: no Chromium found; install it with: apt-get update && apt-get install -y chromium" >&2
    exit 69
fi

absolute=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
out_dir=$(dirname "$out")
mkdir -p "$out_dir"
out_abs=$(cd "$out_dir" && pwd)/$(basename "$out")

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$out_abs" --window-size="${size/x/,}" "file://$absolute" 2>/dev/null
if [[ ! -s "$out_abs" ]]; then
    echo "error: $browser wrote no screenshot for $html" >&2
    exit 70
fi
echo "wrote $out_abs" >&2
