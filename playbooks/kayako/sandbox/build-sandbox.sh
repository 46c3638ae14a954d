#!/usr/bin/env bash
# Builds an imitation Kayako 3 help desk (at V3VERSION) next to a fresh Kayako 4 installation (at
# V4VERSION) in DIR, for running playbooks/kayako/playbook.yaml against it. See README.md.
#
#   build-sandbox.sh [--db mariadb://USER[:PASSWORD]@HOST:PORT/V3DB [--v4-db V4DB]] DIR [V3VERSION] [V4VERSION]
#
# Defaults: 3.60.00 4.92.4, both databases SQLite files in DIR/db (needs bash and sqlite3). With
# --db, both databases are on that MariaDB/MySQL server (needs the mariadb or mysql client on
# PATH): version 3 in V3DB, version 4 in V4DB (default V3DB_v4); the password comes from the URL or
# from SANDBOX_DB_PASSWORD. Writes DIR/bin/sandbox-sql, through which every stand-in runs its SQL.
# Prints the --var options that point the playbook at the sandbox.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage="usage: build-sandbox.sh [--db mariadb://USER[:PASSWORD]@HOST:PORT/V3DB [--v4-db V4DB]] DIR [V3VERSION] [V4VERSION]"
db_url=""
v4_db=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db_url="${2:?$usage}"; shift 2 ;;
    --db=*) db_url="${1#--db=}"; shift ;;
    --v4-db) v4_db="${2:?$usage}"; shift 2 ;;
    --v4-db=*) v4_db="${1#--v4-db=}"; shift ;;
    --) shift; break ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) break ;;
  esac
done
sb="${1:?$usage}"
v3="${2:-3.60.00}"
v4="${3:-4.92.4}"
releases_v3=(3.50.06 3.60.00 3.70.02)
releases_v4=(4.01.204 4.01.240 4.73.3 4.92.4)

if [ -n "$db_url" ]; then
  # mariadb://USER[:PASSWORD]@HOST[:PORT]/NAME (mysql:// is the same)
  re='^(mariadb|mysql)://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/([A-Za-z0-9_]+)$'
  [[ "$db_url" =~ $re ]] || { echo "build-sandbox: --db must be mariadb://USER[:PASSWORD]@HOST:PORT/NAME, not $db_url" >&2; exit 2; }
  db_user="${BASH_REMATCH[2]}"
  db_password="${BASH_REMATCH[4]:-${SANDBOX_DB_PASSWORD:-}}"
  db_host="${BASH_REMATCH[5]}"
  db_port="${BASH_REMATCH[7]:-3306}"
  v3_db="${BASH_REMATCH[8]}"
  v4_db="${v4_db:-${v3_db}_v4}"
  [[ "$v4_db" =~ ^[A-Za-z0-9_]+$ ]] || { echo "build-sandbox: --v4-db must be a plain database name, not $v4_db" >&2; exit 2; }
  [ "$v4_db" != "$v3_db" ] || { echo "build-sandbox: version 4 needs a new database, not $v3_db" >&2; exit 2; }
  client="$(command -v mariadb || command -v mysql || true)"
  [ -n "$client" ] || { echo "build-sandbox: --db needs the mariadb (or mysql) client on PATH" >&2; exit 2; }
  # No TLS to the sandbox's server: MariaDB's client negotiates it by default, which costs a
  # handshake per call (most of a call's time; the stand-ins make dozens)
  tls="--ssl-mode=DISABLED"
  "$client" --version | grep -q MariaDB && tls="--skip-ssl"
else
  command -v sqlite3 > /dev/null || { echo "build-sandbox: needs sqlite3 (or --db mariadb://...)" >&2; exit 2; }
fi

mkdir -p "$sb"
sb="$(cd "$sb" && pwd)"
[ -e "$sb/v3" ] && { echo "build-sandbox: $sb already holds a sandbox" >&2; exit 2; }
mkdir -p "$sb/bin" "$sb/db" "$sb/backups" "$sb/www" "$sb/releases"
cp "$here/php" "$sb/bin/php"
chmod +x "$sb/bin/php"
cat > "$sb/sandbox.conf" <<CONF
# Read by the stand-ins on every call; tests change it between runs.
BATCH=5
PASS_SLEEP=0
CONF
: > "$sb/effects.log"

# The one way the stand-ins reach a database: bin/sandbox-sql DATABASE [SQL] (SQL from standard
# input when not given; a DATABASE is a SQLite file or a database name on the server), and
# bin/sandbox-sql --dialect (sqlite or mariadb) for the few statements the two write differently.
# On the server '||' concatenates (PIPES_AS_CONCAT), as in SQLite. SANDBOX_SQL_USER and
# SANDBOX_SQL_PASSWORD log in as another account (the importer checks the credentials it is given).
if [ -n "$db_url" ]; then
  umask_was="$(umask)"; umask 077
  printf '[client]\nuser="%s"\npassword="%s"\n' "$db_user" "$db_password" > "$sb/db/client.cnf"
  umask "$umask_was"
  cat > "$sb/bin/sandbox-sql" <<WRAPPER
#!/usr/bin/env bash
# Runs SQL on the sandbox's MariaDB server ($db_host:$db_port). See build-sandbox.sh.
set -euo pipefail
[ "\${1:-}" = --dialect ] && { echo mariadb; exit 0; }
db="\${1:?usage: sandbox-sql DATABASE [SQL] | sandbox-sql --dialect}"
shift
if [ -n "\${SANDBOX_SQL_USER:-}" ]; then
  login=(--no-defaults "--user=\$SANDBOX_SQL_USER")
  export MYSQL_PWD="\${SANDBOX_SQL_PASSWORD:-}"
else
  login=("--defaults-extra-file=$sb/db/client.cnf")
fi
args=("\${login[@]}" $tls --protocol=TCP --host=$db_host --port=$db_port --batch --skip-column-names --default-character-set=utf8mb4
  "--init-command=SET SESSION sql_mode = CONCAT(@@sql_mode, ',PIPES_AS_CONCAT')" "\$db")
if [ \$# -gt 0 ]; then exec "$client" "\${args[@]}" --execute="\$1"; else exec "$client" "\${args[@]}"; fi
WRAPPER
else
  cat > "$sb/bin/sandbox-sql" <<'WRAPPER'
#!/usr/bin/env bash
# Runs SQL on the sandbox's SQLite database files. See build-sandbox.sh.
set -euo pipefail
[ "${1:-}" = --dialect ] && { echo sqlite; exit 0; }
db="${1:?usage: sandbox-sql DATABASE [SQL] | sandbox-sql --dialect}"
shift
[ -f "$db" ] || { echo "sandbox-sql: no database $db" >&2; exit 1; }
exec sqlite3 -batch -bail -cmd ".timeout 5000" "$db" "$@"
WRAPPER
fi
chmod +x "$sb/bin/sandbox-sql"
sql="$sb/bin/sandbox-sql"
# A schema of sandbox/v3 or v4 for this database: SQLite's INTEGER PRIMARY KEY numbers new rows by
# itself, MariaDB's needs AUTO_INCREMENT.
schema() {
  if [ -n "$db_url" ]; then sed 's/INTEGER PRIMARY KEY/INTEGER PRIMARY KEY AUTO_INCREMENT/' "$1"; else cat "$1"; fi
}

# Release archives for every version (what an operator downloads), built from the templates.
release() { # VERSION -> releases/kayako-VERSION.tar.gz
  local version="$1" tree
  tree="$(mktemp -d)"
  case "$version" in
    3.*)
      mkdir -p "$tree/cli" "$tree/config" "$tree/files"
      cp "$here/v3/moveattachments.php" "$tree/cli/moveattachments.php"
      printf '<?php\ndefine('"'"'SWIFT_VERSION'"'"', '"'"'%s'"'"');\n' "$version" > "$tree/swift.php"
      printf '<html><body>Kayako SupportSuite v%s</body></html>\n' "$version" > "$tree/index.php" ;;
    4.*)
      mkdir -p "$tree/__swift/config" "$tree/__swift/files" "$tree/console"
      cp "$here/v4/index.php" "$tree/console/index.php"
      printf '<?php\ndefine('"'"'SWIFT_VERSION'"'"', '"'"'%s'"'"');\n' "$version" > "$tree/__swift/swift.php"
      printf '<html><body>Kayako %s</body></html>\n' "$version" > "$tree/index.php" ;;
  esac
  tar -C "$tree" -czf "$sb/releases/kayako-$version.tar.gz" .
  rm -rf "$tree"
}
for r in "${releases_v3[@]}" "${releases_v4[@]}"; do release "$r"; done
[ -f "$sb/releases/kayako-$v3.tar.gz" ] || { echo "build-sandbox: no release $v3" >&2; exit 2; }
[ -f "$sb/releases/kayako-$v4.tar.gz" ] || { echo "build-sandbox: no release $v4" >&2; exit 2; }

# Version 3, installed and in use: config, files, database with data (attachments in the DB).
if [ -n "$db_url" ]; then
  v3_name="$v3_db"; v4_name="$v4_db"
  # Kayako keeps its text in UTF-8 (a server's default may be latin1)
  for name in "$v3_db" "$v4_db"; do
    "$sql" information_schema "CREATE DATABASE IF NOT EXISTS \`$name\`; ALTER DATABASE \`$name\` CHARACTER SET utf8mb4"
  done
else
  v3_name="$sb/db/swift.db"; v4_name="$sb/db/kayako4.db"
  : > "$v3_name"; : > "$v4_name"
fi
mkdir -p "$sb/v3"
tar -C "$sb/v3" -xzf "$sb/releases/kayako-$v3.tar.gz"
if [ -n "$db_url" ]; then
  cat > "$sb/v3/config/config.php" <<CONF
<?php
\$_DB["hostname"] = "$db_host";
\$_DB["username"] = "$db_user";
\$_DB["password"] = "$db_password";
\$_DB["name"] = "$v3_db";
\$_DB["port"] = "$db_port";
define("TABLE_PREFIX", "sw");
CONF
  chmod 600 "$sb/v3/config/config.php"
else
  cat > "$sb/v3/config/config.php" <<CONF
<?php
\$_DB["hostname"] = "localhost";
\$_DB["username"] = "swift";
\$_DB["password"] = "sandbox";
\$_DB["name"] = "$sb/db/swift.db";
\$_DB["port"] = "3306";
define("TABLE_PREFIX", "sw");
CONF
fi
echo "Kayako manual (download 1)" > "$sb/v3/files/download_1.pdf"
echo "Kayako brochure (download 2)" > "$sb/v3/files/download_2.pdf"
{ schema "$here/v3/schema.sql"; echo "INSERT INTO swsettings VALUES ('version', '$v3');"; } | "$sql" "$v3_name"
ln -s ../v3 "$sb/www/support"

# Version 4, freshly installed into a new directory with a new, empty database; its setup script
# (v4/setup/install.sql) is kept for "execute the setup again" (the guide's restart).
mkdir -p "$sb/v4/setup"
tar -C "$sb/v4" -xzf "$sb/releases/kayako-$v4.tar.gz"
if [ -n "$db_url" ]; then
  cat > "$sb/v4/__swift/config/config.php" <<CONF
<?php
define('DB_HOSTNAME', '$db_host');
define('DB_PORT', '$db_port');
define('DB_USERNAME', '$db_user');
define('DB_NAME', '$v4_db');
define('TABLE_PREFIX', 'sw');
CONF
else
  cat > "$sb/v4/__swift/config/config.php" <<CONF
<?php
define('DB_HOSTNAME', 'localhost');
define('DB_NAME', '$sb/db/kayako4.db');
define('TABLE_PREFIX', 'sw');
CONF
fi
{ schema "$here/v4/schema.sql"; echo "INSERT INTO swsettings VALUES ('version', '$v4'), ('installed', '1');"; } \
  > "$sb/v4/setup/install.sql"
"$sql" "$v4_name" < "$sb/v4/setup/install.sql"

if [ -n "$db_url" ]; then
  cat <<VARS
--var v3_root=$sb/v3 --var docroot=$sb/www/support --var v4_root=$sb/v4 --var php=$sb/bin/php --var v3_db_host=$db_host --var v3_db_port=$db_port --var v3_db_name=$v3_db --var v3_db_user=$db_user --var v3_db_url=jdbc:mariadb://$db_host:$db_port/$v3_db --var v4_db_url=jdbc:mariadb://$db_host:$db_port/$v4_db --var v4_db_name=$v4_db --var v4_db_host=$db_host --var backup_dir=$sb/backups --var import_passes=2
VARS
else
  cat <<VARS
--var v3_root=$sb/v3 --var docroot=$sb/www/support --var v4_root=$sb/v4 --var php=$sb/bin/php --var v3_db_host=localhost --var v3_db_name=$sb/db/swift.db --var v3_db_user=swift --var v3_db_url=jdbc:sqlite:$sb/db/swift.db --var v4_db_url=jdbc:sqlite:$sb/db/kayako4.db --var v4_db_name=$sb/db/kayako4.db --var v4_db_host=localhost --var backup_dir=$sb/backups --var import_passes=2
VARS
fi
