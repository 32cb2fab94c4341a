# tests/run-keyring.sh — usage: sh tests/run-keyring.sh <command> [args...]
# Runs a command inside its own D-Bus session with an unlocked gnome-keyring (Secret Service), so
# the keychain tests use a real keychain on a headless machine; HOME and the XDG folders live under
# .tmp/keyring (or KEYRING_BASE) and no daemon outlives the command.
set -e
BASE="${KEYRING_BASE:-$PWD/.tmp/keyring}"
mkdir -p "$BASE/home" "$BASE/data" "$BASE/cache" "$BASE/runtime"; chmod 700 "$BASE/runtime"
export HOME="$BASE/home" XDG_DATA_HOME="$BASE/data" XDG_CACHE_HOME="$BASE/cache" XDG_RUNTIME_DIR="$BASE/runtime"
unset DISPLAY
exec dbus-run-session -- sh -c '
  eval "$(printf %s "${KEYRING_PASSWORD:-ci-keyring-password}" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"
' sh "$@"
