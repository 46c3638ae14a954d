# Shared by the stand-ins: the sandbox directory, the effects log, and faults/delays on request.
# A stand-in lives in SANDBOX/bin, so SANDBOX is its parent directory.
SANDBOX="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EFFECTS="$SANDBOX/effects.log"

# effect TEXT: one line in the effects log (what a stand-in changed), for the tests.
effect() {
  printf '%s\n' "$*" >>"$EFFECTS"
}

# fault_point NAME: fail (exit 1) when SANDBOX/FAIL_NAME exists or OST_SANDBOX_FAIL names NAME.
fault_point() {
  local marker="$SANDBOX/FAIL_$1"
  if [ -e "$marker" ] || [ "${OST_SANDBOX_FAIL:-}" = "$1" ]; then
    echo "sandbox: injected failure at $1 (remove $marker to let it pass)"
    [ -s "$marker" ] && cat "$marker"
    exit 1
  fi
}

# slow_point NAME: sleep as many seconds as SANDBOX/SLOW_NAME says (a long step to kill).
slow_point() {
  if [ -s "$SANDBOX/SLOW_$1" ]; then sleep "$(cat "$SANDBOX/SLOW_$1")"; fi
}

# sig POINT: the schema signature of the sandbox's schema point POINT (osTicket's are MD5 sums of
# the patch stream too). A 1.6 database records none: it is at $(sig 1.6).
sig() {
  printf 'osticket-sandbox:%s' "$1" | md5sum | cut -c1-32
}
