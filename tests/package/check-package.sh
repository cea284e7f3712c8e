#!/usr/bin/env bash
# The package test (ctest label `package`): builds the Debian package from this build with
# cpack (nothing is installed on this machine), then checks for real:
#   - its files (dpkg-deb -c): both commands, the sample sheet, the unit, the settings file;
#   - its control data (dpkg-deb -I / -f): the Depends line dpkg-shlibdeps computed, adduser,
#     the conffile, the maintainer scripts (sh -n);
#   - that no binary carries the source tree's path (an installed binary never reads it);
#   - the unit: its hardening lines, `systemd-analyze verify` against the unpacked tree
#     (skipped with a reason when systemd-analyze is missing) and its exposure score;
#   - the unpacked fieldproof-server: `demo` finds the sample sheet relative to itself, also
#     after the whole tree is moved elsewhere; without the sheet it fails with one line; and
#     `serve` accepts the settings file's options.
# Usage: check-package.sh BUILD_DIR SOURCE_DIR BIN_DIR SHARE_DIR CONF_FILE UNIT_DIR
set -euo pipefail

build=$1 source=$2 bindir=$3 sharedir=$4 conf=$5 unitdir=$6
unit=$unitdir/fieldproof-server.service

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fieldproof-package.XXXXXX")
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

step "cpack -G DEB"
start=$(date +%s%N)
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
end=$(date +%s%N)
debs=("$tmp"/out/fieldproof_*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "expected one fieldproof_*.deb, got: ${debs[*]}"
deb=${debs[0]}
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes) in $(((end - start) / 1000000)) ms"

step "control fields"
dpkg-deb -I "$deb" >"$tmp/info.txt"
cat "$tmp/info.txt"
[[ $(dpkg-deb -f "$deb" Package) == fieldproof ]] || fail "Package is not fieldproof"
depends=$(dpkg-deb -f "$deb" Depends)
# dpkg-shlibdeps names the libraries the binaries link; adduser is for the postinst.
names=$(sed 's/ *([^)]*)//g; s/, */\n/g' <<<"$depends")
for lib in libc6 libstdc++6 libsqlite3-0 libssl3 libsodium23 libcurl4 libjpeg62-turbo \
  libcpp-httplib0.11 libxlsxwriter4 adduser; do
  grep -qxF "$lib" <<<"$names" || fail "Depends lacks $lib: $depends"
done
mkdir "$tmp/control"
dpkg-deb -e "$deb" "$tmp/control"
grep -qx "$conf" "$tmp/control/conffiles" || fail "$conf is not a conffile"
for script in postinst prerm postrm; do
  [[ -x "$tmp/control/$script" ]] || fail "$script missing or not executable"
  sh -n "$tmp/control/$script" || fail "$script is not valid sh"
done
grep -q "adduser --system" "$tmp/control/postinst" || fail "postinst does not create the user"
if command -v shellcheck >/dev/null; then
  shellcheck -s sh "$tmp/control/postinst" "$tmp/control/prerm" "$tmp/control/postrm" ||
    fail "shellcheck found problems in the maintainer scripts"
else
  echo "SKIP shellcheck of the maintainer scripts: shellcheck is not installed"
fi

step "files"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files.txt"
for f in "$bindir/fieldproof-server" "$bindir/fieldproof-sync" "$bindir/fieldproof-verify" \
  "$sharedir/plan-sample.csv" \
  "$unit" "$conf"; do
  grep -qx "$f" "$tmp/files.txt" || fail "the package lacks $f"
done
confdir=${conf%/*}
dpkg-deb -c "$deb" | grep -E "\./(${bindir#/}|${sharedir#/}|${confdir#/})/|\.service$|\.md$" |
  grep -v '/$' || true

step "unpacked tree"
root=$tmp/root
dpkg-deb -x "$deb" "$root"
for exe in fieldproof-server fieldproof-sync fieldproof-verify; do
  [[ -x "$root$bindir/$exe" ]] || fail "$exe is not executable"
  # Stripped, and nothing in it names the checkout (the old baked-in sample path did).
  if grep -qaF "$source/" "$root$bindir/$exe"; then
    fail "$exe contains the source path $source/"
  fi
done
cmp -s "$source/data/plan-sample.csv" "$root$sharedir/plan-sample.csv" ||
  fail "the packaged sample sheet differs from data/plan-sample.csv"

step "the unit"
unitfile=$root$unit
cat "$unitfile"
for line in "User=fieldproof" "StateDirectory=fieldproof" "ProtectSystem=strict" \
  "NoNewPrivileges=yes" "PrivateTmp=yes" "ProtectHome=yes" "EnvironmentFile=$conf"; do
  grep -qx "$line" "$unitfile" || fail "the unit lacks '$line'"
done
grep -q "^ExecStart=$bindir/fieldproof-server serve --data /var/lib/fieldproof " "$unitfile" ||
  fail "ExecStart does not run $bindir/fieldproof-server serve on /var/lib/fieldproof"
if command -v systemd-analyze >/dev/null; then
  # --root: the ExecStart binary and EnvironmentFile are looked up in a copy of the unpacked
  # tree, which also gets this machine's own units (the targets the unit's start job needs).
  vroot=$tmp/vroot
  cp -a "$root" "$vroot"
  mkdir -p "$vroot/usr/lib/systemd/system"
  for d in /usr/lib/systemd/system /lib/systemd/system; do
    [[ -d $d ]] && cp -an "$d/." "$vroot/usr/lib/systemd/system/"
  done
  if ! SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --root="$vroot" "$unit" \
    >"$tmp/verify.log" 2>&1; then
    cat "$tmp/verify.log" >&2
    fail "systemd-analyze verify found problems"
  fi
  # Any message about our unit (a misspelt or unknown setting is only a warning) fails.
  if grep -F "fieldproof-server.service" "$tmp/verify.log"; then
    fail "systemd-analyze verify complained about the unit"
  fi
  echo "systemd-analyze verify: clean"
  systemd-analyze security --offline=yes --root="$vroot" "$unit" >"$tmp/security.log" 2>&1 || true
  score=$(grep -Eo 'Overall exposure level for fieldproof-server.service: [0-9.]+' \
    "$tmp/security.log" | grep -Eo '[0-9.]+$' || true)
  [[ -n "$score" ]] || { cat "$tmp/security.log" >&2; fail "no exposure score"; }
  echo "systemd-analyze security exposure: $score (0 = locked down, 10 = none)"
  awk -v s="$score" 'BEGIN { exit !(s < 3.0) }' || fail "exposure $score is not below 3.0"
else
  echo "SKIP systemd-analyze verify and security: systemd-analyze is not installed"
fi

step "the unpacked server finds its sample sheet"
"$root$bindir/fieldproof-server" demo --data "$tmp/data" >"$tmp/demo.out" 2>&1 ||
  { cat "$tmp/demo.out" >&2; fail "demo failed"; }
grep -q "equipment rows" "$tmp/demo.out" || fail "demo imported no sheet: $(cat "$tmp/demo.out")"
grep -q "office / office-demo-2017 / office" "$tmp/demo.out" || fail "demo made no accounts"
head -1 "$tmp/demo.out"
# Relative to the binary, not to where it was built or packaged for: move the whole tree.
mv "$root" "$tmp/moved"
root=$tmp/moved
"$root$bindir/fieldproof-server" demo --data "$tmp/data2" >"$tmp/demo2.out" 2>&1 ||
  { cat "$tmp/demo2.out" >&2; fail "demo from the moved tree failed"; }
grep -q "equipment rows" "$tmp/demo2.out" || fail "the moved demo imported no sheet"
echo "moved tree: demo still finds the sheet"
# No sheet: one line naming where it looked, non-zero, and no data directory made.
rm "$root$sharedir/plan-sample.csv"
status=0
"$root$bindir/fieldproof-server" demo --data "$tmp/data3" >"$tmp/demo3.out" 2>"$tmp/demo3.err" ||
  status=$?
[[ $status -eq 1 ]] || fail "demo without a sheet exited $status, not 1"
[[ $(wc -l <"$tmp/demo3.err") -eq 1 ]] || fail "demo without a sheet printed: $(cat "$tmp/demo3.err")"
grep -qF "$root$sharedir/plan-sample.csv" "$tmp/demo3.err" ||
  fail "the error does not say where it looked: $(cat "$tmp/demo3.err")"
[[ ! -e "$tmp/data3" ]] || fail "demo without a sheet created its data directory"
cat "$tmp/demo3.err"

step "serve accepts the settings file"
# The unit's command line with the shipped settings, on a free loopback port instead.
set -a
# shellcheck disable=SC1090
. "$root$conf"
set +a
[[ -n "${FIELDPROOF_LISTEN:-}" ]] || fail "the settings file sets no FIELDPROOF_LISTEN"
# shellcheck disable=SC2086
"$root$bindir/fieldproof-server" serve --data "$tmp/data" --listen 127.0.0.1:0 \
  $FIELDPROOF_OPTIONS >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "^listening on" "$tmp/serve.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
grep -q "^listening on http://127.0.0.1:" "$tmp/serve.out" ||
  fail "serve did not start: $(cat "$tmp/serve.out" "$tmp/serve.err")"
kill -TERM "$server_pid"
wait "$server_pid" || fail "serve exited $? on SIGTERM"
server_pid=
cat "$tmp/serve.out"
echo "PASS"
