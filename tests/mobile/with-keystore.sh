#!/bin/sh
# Runs a test in its own D-Bus session with a GNOME keyring (the Secret Service, the platform
# keystore qtkeychain uses on a Linux desktop) unlocked in a throwaway HOME; the keyring daemon
# outlives the session bus, so it is stopped by that HOME at the end. Fails with one line when a
# tool is missing.
set -eu
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || { echo "keystore test: $tool is missing; run scripts/setup" >&2; exit 1; }
done
home=$(mktemp -d)
stop_keyring() {
  for pid in $(pgrep -x gnome-keyring-d || true); do
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "HOME=$home"; then kill "$pid" || true; fi
  done
  rm -rf "$home"
}
trap stop_keyring EXIT
HOME=$home XDG_DATA_HOME=$home/share XDG_RUNTIME_DIR=$home dbus-run-session -- sh -c \
  'printf fieldproof-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' \
  keystore "$@"
