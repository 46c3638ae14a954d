# Sourced by the sandbox's stand-ins (bin/): the sandbox directory, its settings, the effects log.
sb="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
. "$sb/sandbox.conf"
effect() { echo "$*" >> "$sb/effects.log"; }
fault() { # fault NAME MESSAGE: fails when the marker file FAIL_NAME exists in the sandbox
  if [ -e "$sb/FAIL_$1" ]; then echo "$2 (sandbox fault FAIL_$1)" >&2; exit 1; fi
}
running() { [ -e "$sb/run/$SERVICE.pid" ]; }
installed_version() { "$ROOT/bin/platform" -version | sed -n 's/^Version: //p'; }
