# Shared by the stand-ins: the sandbox directory, the effects log, and faults/delays on request.
# A stand-in lives in SANDBOX/bin, so SANDBOX is its parent directory.
SANDBOX="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EFFECTS="$SANDBOX/effects.log"

# effect TEXT: one line in the effects log (what the stand-in changed), for the tests.
effect() {
  printf '%s\n' "$*" >>"$EFFECTS"
}

# fault_point NAME: fail when SANDBOX/FAIL_NAME exists or IXP_SANDBOX_FAIL names NAME;
# sleep when SANDBOX/SLOW_NAME holds a number of seconds (a long step to kill).
fault_point() {
  local name="$1" marker="$SANDBOX/FAIL_$1"
  if [ -e "$marker" ] || [ "${IXP_SANDBOX_FAIL:-}" = "$name" ]; then
    echo "sandbox: injected failure at $name (remove $marker to let it pass)" >&2
    [ -s "$marker" ] && cat "$marker" >&2
    exit 1
  fi
  if [ -s "$SANDBOX/SLOW_$name" ]; then
    effect "slow $name"
    sleep "$(cat "$SANDBOX/SLOW_$name")"
  fi
}
