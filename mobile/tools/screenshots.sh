#!/usr/bin/env bash
# Renders every main screen of the tablet app at 1280x800 and at 800x1280 (and the visit with
# the position lost) with the sample plan loaded, in Chinese, into docs/screenshots/app-*.png.
# Uses Xvfb with Mesa's GL so Material's shadows render as on a tablet.
#   mobile/tools/screenshots.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
app="$build/mobile/fieldproof"
make_data="$build/tests/mobile/fp_make_device_data"
out=${FIELDPROOF_SCREENSHOT_DIR:-docs/screenshots}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

"$make_data" --fresh --data "$data/tablet" >/dev/null
mkdir -p "$out"
common=(--data "$data/tablet" --position 40.851,122.752,8 --import-dir "$data/tablet/sample-photos" --lang zh_CN)
xvfb-run -a -s "-screen 0 1280x800x24" "$app" "${common[@]}" --self-test --screenshot-dir "$out"
# Every screen in portrait too (800x1280): app-<screen>-portrait.png.
portrait=$(mktemp -d)
xvfb-run -a -s "-screen 0 800x1280x24" \
  "$app" "${common[@]}" --size 800x1280 --self-test --screenshot-dir "$portrait"
for f in "$portrait"/app-*.png; do
  name=$(basename "$f" .png)
  cp "$f" "$out/$name-portrait.png"
done
rm -rf "$portrait"
# The position lost (the last fix 3 minutes old): the grey chip and the banner that says why.
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$app" "${common[@]}" --position-age 200 --screenshot "$out/app-visit-position-lost.png" --page visit
ls -l "$out"/app-*.png
