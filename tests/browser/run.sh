#!/bin/sh
# ctest entry of the browser test: refuses loudly (exit 1, one line) when a prerequisite is
# missing instead of skipping, then runs webtest.mjs with node.
here=$(dirname "$0")
if ! command -v node >/dev/null 2>&1; then
  echo "browser test: node is not installed; run scripts/setup" >&2; exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "browser test: /usr/bin/chromium is missing; run scripts/setup" >&2; exit 1
fi
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  echo "browser test: tests/browser/node_modules is missing (npm ci); run scripts/setup" >&2; exit 1
fi
exec node "$here/webtest.mjs" "$@"
