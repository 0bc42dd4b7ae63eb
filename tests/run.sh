#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every test.
# Works on a fresh Debian machine that has only the .NET SDK and Node.js.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
need_pkg() { # need_pkg COMMAND PACKAGE...
  if ! command -v "$1" >/dev/null 2>&1; then
    shift
    if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
    echo "tests/run.sh: installing $* from the OS packages"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
  fi
}

# Browser tests drive the OS's Chromium through Playwright (never a downloaded browser).
need_pkg chromium chromium
# The PostgreSQL log-store tests run against a real server on loopback (tests/postgres.sh starts and stops it).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  echo "tests/run.sh: installing postgresql from the OS packages"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi
# shellcheck source=tests/postgres.sh
source tests/postgres.sh
trap stop_postgres EXIT

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test DriftBoard.sln --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line for the whole run, summed over every test project's TRX file.
total_passed=0; total_failed=0; total_skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  total_passed=$((total_passed + ${p:-0})); total_failed=$((total_failed + ${f:-0})); total_skipped=$((total_skipped + ${t:-0} - ${e:-0}))
done
echo "${total_passed} passed, ${total_failed} failed, ${total_skipped} skipped"
if [ "$total_passed" -eq 0 ] && [ "$status" -eq 0 ]; then echo "tests/run.sh: no test ran"; exit 1; fi
exit "$status"
