#!/usr/bin/env bash
# Runs the suites that drive no browser with the clock moved: 400 days ahead, and late in the
# evening (UTC) of month ends — a 31st, a 28 February, a 29 February — so that a test which only
# passes on the day it was written fails here first.
#
#   scripts/clock-check.sh                       every suite under every clock below
#   CLOCK_CHECK_AT='+400d 2027-03-31T23:50:00Z'  other clocks: "+Nd" (days ahead) or a UTC instant
#   CLOCK_CHECK_SUITES='standin webapp'          a subset of: sqlite postgres standin webapp
#   CLOCK_CHECK_TIMEOUT=1200                     seconds a suite may take
#
# The clock comes from libfaketime (Debian: apt-get install faketime), preloaded into every process
# the suites start that inherits the environment. The wall clock is moved by a fixed offset and keeps
# running; the monotonic clock is left alone, so timers fire as usual. Each suite gets the offset
# afresh, so it starts at the chosen instant. PostgreSQL keeps the real time: the service takes every
# timestamp from its own clock.
set -uo pipefail
cd "$(dirname "$0")/.."

LIB=""
for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 /usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1 \
  /usr/lib/faketime/libfaketimeMT.so.1 /usr/local/lib/faketime/libfaketimeMT.so.1; do
  [[ -f $candidate ]] && LIB=$candidate && break
done
if [[ -z $LIB ]]; then
  echo "clock-check: libfaketime is needed (apt-get install faketime)" >&2
  exit 2
fi

# The next day of the given month-end kind after today, at 23:50 UTC.
next_31st() {
  local i d
  for i in $(seq 0 12); do
    d=$(date -u -d "$(date -u +%Y-%m-01) +$((i + 1)) month -1 day" +%F)
    [[ ${d:8:2} == 31 && $d > $(date -u +%F) ]] && echo "${d}T23:50:00Z" && return
  done
}
next_feb_end() { # $1: 28 (a common year) or 29 (a leap year)
  local y d
  for y in $(seq "$(date -u +%Y)" $(($(date -u +%Y) + 8))); do
    d=$(date -u -d "$y-03-01 -1 day" +%F)
    [[ ${d:8:2} == "$1" && $d > $(date -u +%F) ]] && echo "${d}T23:50:00Z" && return
  done
}

read -r -a CLOCKS <<<"${CLOCK_CHECK_AT:-+400d $(next_31st) $(next_feb_end 28) $(next_feb_end 29)}"
read -r -a SUITES <<<"${CLOCK_CHECK_SUITES:-sqlite postgres standin webapp}"

suite_command() {
  case $1 in
    sqlite) echo "make test-server-sqlite" ;;
    postgres) echo "make test-server-postgres" ;;
    standin) echo "make test-standin" ;;
    webapp) echo "npm test -w webapp" ;;
    *) return 1 ;;
  esac
}

# FAKETIME offset in seconds that puts "now" at the clock's instant.
offset_for() {
  local target
  if [[ $1 =~ ^\+([0-9]+)d$ ]]; then
    echo "+$((BASH_REMATCH[1] * 86400))"
  else
    target=$(date -u -d "$1" +%s) || return 1
    printf '%+d\n' $((target - $(date -u +%s)))
  fi
}

with_clock() { # $1: offset, then the command
  local offset=$1
  shift
  LD_PRELOAD="$LIB${LD_PRELOAD:+:$LD_PRELOAD}" FAKETIME="$offset" FAKETIME_DONT_FAKE_MONOTONIC=1 "$@"
}

mkdir -p test-results/clock
results=()
failed=0
for clock in "${CLOCKS[@]}"; do
  for suite in "${SUITES[@]}"; do
    cmd=$(suite_command "$suite") || {
      echo "clock-check: unknown suite '$suite'" >&2
      exit 2
    }
    offset=$(offset_for "$clock") || {
      echo "clock-check: cannot read the clock '$clock'" >&2
      exit 2
    }
    # The suite must see the moved clock, and timers must still fire.
    read -r seen_s seen < <(with_clock "$offset" node -e \
      'setTimeout(() => console.log(Math.round(Date.now() / 1000), new Date().toISOString()), 50)')
    expected_s=$(($(date -u +%s) + offset))
    if [[ -z ${seen_s:-} ]] || ((seen_s - expected_s > 60 || expected_s - seen_s > 60)); then
      echo "clock-check: node sees ${seen:-nothing}, expected $(date -u -d "@$expected_s" +%FT%TZ); is libfaketime working?" >&2
      exit 2
    fi
    log="test-results/clock/${suite}_${clock//[^0-9A-Za-z+-]/_}.log"
    echo "=== $suite at $clock (node sees $seen): $cmd > $log"
    start=$SECONDS
    # A suite that hangs (a child process left running) fails here rather than stalling the check.
    if with_clock "$offset" timeout -k 30 "${CLOCK_CHECK_TIMEOUT:-1200}" bash -c "$cmd" >"$log" 2>&1; then
      status=pass
    else
      status=FAIL
      failed=1
      grep -E "^not ok|✖|● " "$log" | grep -v "● Console" | head -20
    fi
    results+=("$(printf '%-4s  %-9s %-22s %4ss  %s' "$status" "$suite" "$clock" $((SECONDS - start)) "$log")")
  done
done

echo
echo "clock-check results (started at the given clock, real time $(date -u +%FT%TZ)):"
printf '  %s\n' "${results[@]}"
exit $failed
