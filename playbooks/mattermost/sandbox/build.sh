#!/usr/bin/env bash
# Builds an imitation Mattermost 1.x server at VERSION in DIR, for running
# playbooks/mattermost/playbook.yaml against it. See README.md.
#
#   build.sh [--db mariadb://USER@HOST:PORT/NAME] DIR [VERSION]      (default 1.2.0)
#
# Needs bash, tar and sqlite3 or, with --db, the mariadb (or mysql) client on PATH; the database
# NAME must exist and be empty, the password is $MATTERMOST_DB_PASSWORD (default mm-Secret-7),
# never on a command line. Prints the --var options that point the playbook at the sandbox
# (site_url and team_url are the tests' own web server; add them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage="usage: build.sh [--db mariadb://USER@HOST:PORT/NAME] DIR [VERSION]"
db_spec=""
if [ "${1:-}" = "--db" ]; then db_spec="${2:?$usage}"; shift 2; fi
sb="${1:?$usage}"
version="${2:-1.2.0}"
releases=(1.2.0 1.2.1 1.3.0 1.4.0)
password="${MATTERMOST_DB_PASSWORD:-mm-Secret-7}"
if [ -n "$db_spec" ]; then
  [[ "$db_spec" =~ ^(mariadb|mysql)://([^:@/]+)@([^:/]+):([0-9]+)/([A-Za-z0-9_]+)$ ]] \
    || { echo "build.sh: --db $db_spec: expected mariadb://USER@HOST:PORT/NAME (the password in MATTERMOST_DB_PASSWORD)" >&2; exit 2; }
  db_user="${BASH_REMATCH[2]}" db_host="${BASH_REMATCH[3]}" db_port="${BASH_REMATCH[4]}" db_name="${BASH_REMATCH[5]}"
  client="$(command -v mariadb || command -v mysql || true)"
  [ -n "$client" ] || { echo "build.sh: --db needs the mariadb (or mysql) client on PATH (Debian: mariadb-client)" >&2; exit 2; }
fi

mkdir -p "$sb"
sb="$(cd "$sb" && pwd)"
[ -e "$sb/opt" ] && { echo "build.sh: $sb already holds a sandbox" >&2; exit 2; }
mkdir -p "$sb/bin" "$sb/db" "$sb/backups" "$sb/downloads" "$sb/releases" "$sb/run" "$sb/opt"
for s in wget start stop status; do cp "$here/standins/$s" "$sb/bin/$s"; chmod +x "$sb/bin/$s"; done
cp "$here/standins/common.sh" "$sb/bin/common.sh"
cat > "$sb/sandbox.conf" <<CONF
# Read by the stand-ins on every call.
ROOT=$sb/opt/mattermost
SERVICE=mattermost
CONF
: > "$sb/effects.log"
echo 1 > "$sb/run/mattermost.pid" # the server is up and in use

# Release archives for every version: mattermost/{bin/platform,config/config.json,webapp/...}.
i=0
for r in "${releases[@]}"; do
  i=$((i + 1))
  tree="$(mktemp -d)"
  mkdir -p "$tree/mattermost/bin" "$tree/mattermost/config" "$tree/mattermost/webapp/dist" "$tree/mattermost/i18n"
  # the build hash differs in length per release, so that no two platform binaries have one size
  sed -e "s/@VERSION@/$r/" -e "s/@HASH@/$(printf 'b%.0s' $(seq 1 $i))$r/" "$here/standins/platform" \
    > "$tree/mattermost/bin/platform"
  chmod +x "$tree/mattermost/bin/platform"
  sed -e "s/@VERSION@/$r/" "$here/default-config.json" > "$tree/mattermost/config/config.json"
  printf 'window.mm_version = "%s";\n' "$r" > "$tree/mattermost/webapp/dist/bundle-$r.js"
  printf '{"about.version": "Version %s"}\n' "$r" > "$tree/mattermost/i18n/en.json"
  tar -C "$tree" -czf "$sb/releases/mattermost-$r.tar.gz" mattermost
  rm -rf "$tree"
done
[ -f "$sb/releases/mattermost-$version.tar.gz" ] || { echo "build.sh: no release $version" >&2; exit 2; }

# The server at VERSION, configured and in use: config.json, local file store, database with data.
root="$sb/opt/mattermost"
tar -C "$sb/opt" -xzf "$sb/releases/mattermost-$version.tar.gz"
# SqlSettings as Mattermost writes them: the SQLite file, or the Go MySQL driver's DSN (which holds
# the password, as a real config.json does)
if [ -n "$db_spec" ]; then
  driver="mysql" data_source="$db_user:$password@tcp($db_host:$db_port)/$db_name?charset=utf8mb4,utf8"
else
  driver="sqlite3" data_source="$sb/db/mattermost.db"
fi
sed -e "s/@VERSION@/$version/" \
    -e "s#\"DriverName\": \"sqlite3\"#\"DriverName\": \"$driver\"#" \
    -e "s#\"DataSource\": \"[^\"]*\"#\"DataSource\": \"$data_source\"#" \
    -e "s#\"Directory\": \"[^\"]*\"#\"Directory\": \"$root/data/\"#" \
    -e 's#"SiteName": "[^"]*"#"SiteName": "Sandbox Chat"#' \
    -e 's#"EnableOpenServer": false#"EnableOpenServer": true#' \
    "$here/default-config.json" > "$root/config/config.json"
mkdir -p "$root/data/teams/t1/channels/c1/users/u1" "$root/data/users/u2"
echo "minutes of the kick-off meeting" > "$root/data/teams/t1/channels/c1/users/u1/minutes.txt"
printf 'PNGSANDBOX' > "$root/data/users/u2/profile.png"
# platform -migrate refuses a config.json whose DataSource is not this one (the release's default)
echo "DATA_SOURCE_SHA256=$(printf '%s' "$data_source" | sha256sum | cut -c1-64)" >> "$sb/sandbox.conf"

# bin/sandbox-sql [SQL]: SQL (argument or stdin) on the sandbox's database, stopping at the first
# error, rows as tab-separated values without a header; the one way the stand-ins reach it.
if [ -n "$db_spec" ]; then
  # the password goes to the client in an owner-only option file, never on its command line
  (umask 077; printf '[client]\nhost=%s\nport=%s\nprotocol=tcp\nuser=%s\npassword="%s"\n' \
    "$db_host" "$db_port" "$db_user" "$password" > "$sb/db/client.cnf")
  cat > "$sb/bin/sandbox-sql" <<EOF
#!/usr/bin/env bash
# The sandbox's database: MariaDB/MySQL database $db_name on $db_host:$db_port (see build.sh).
set -euo pipefail
run() { exec "$client" --defaults-file="$sb/db/client.cnf" --batch --skip-column-names "\$@" "$db_name"; }
if [ \$# -gt 0 ]; then run -e "\$1"; else run; fi
EOF
  db_url="jdbc:mysql://$db_host:$db_port/$db_name"
else
  cat > "$sb/bin/sandbox-sql" <<EOF
#!/usr/bin/env bash
# The sandbox's database: the SQLite file $sb/db/mattermost.db (see build.sh).
set -euo pipefail
run() { exec sqlite3 -bail -batch -noheader -separator "\$(printf '\\t')" "$sb/db/mattermost.db" "\$@"; }
if [ \$# -gt 0 ]; then run "\$1"; else run; fi
EOF
  db_url="jdbc:sqlite:$sb/db/mattermost.db" db_user="mmuser"
fi
chmod +x "$sb/bin/sandbox-sql"
if [ -n "$db_spec" ]; then
  tables="$("$sb/bin/sandbox-sql" "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")"
  [ "$tables" = 0 ] || { echo "build.sh: database $db_name on $db_host:$db_port is not empty ($tables tables)" >&2; exit 2; }
fi
"$sb/bin/sandbox-sql" < "$here/data.sql"
"$sb/bin/sandbox-sql" "INSERT INTO Systems VALUES ('Version', '$version');"

cat <<VARS
--var root=$root --var data_dir=$root/data --var downloads=$sb/downloads --var backup_dir=$sb/backups --var db_url=$db_url --var db_user=$db_user
VARS
