# Shared by the stand-ins: the sandbox directory, the effects log, and faults/delays on request.
# SANDBOX is found from the stand-in's own path: DIR/bin/X or DIR/srv/arctyk-itsm/.venv/bin/X.
here_="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -f "$here_/../SANDBOX" ]; then SANDBOX="$(cat "$here_/../SANDBOX")"; else SANDBOX="$(cd "$here_/.." && pwd)"; fi
EFFECTS="$SANDBOX/effects.log"

# effect TEXT: one line in the effects log (what the stand-in changed), for the tests.
effect() {
  printf '%s\n' "$*" >>"$EFFECTS"
}

# fault_point NAME: fail when SANDBOX/FAIL_NAME exists or ARCTYK_SANDBOX_FAIL names NAME (the
# file's content is printed as the failure's output); sleep when SANDBOX/SLOW_NAME holds seconds.
fault_point() {
  local name="$1" marker="$SANDBOX/FAIL_$1"
  if [ -e "$marker" ] || [ "${ARCTYK_SANDBOX_FAIL:-}" = "$name" ]; then
    echo "sandbox: injected failure at $name (remove $marker to let it pass)" >&2
    [ -s "$marker" ] && cat "$marker" >&2
    exit 1
  fi
  if [ -s "$SANDBOX/SLOW_$name" ]; then
    effect "slow $name"
    sleep "$(cat "$SANDBOX/SLOW_$name")"
  fi
}
