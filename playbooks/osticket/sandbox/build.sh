#!/usr/bin/env bash
# Builds an imitation osTicket installation in DIR at VERSION (any release of playbook.yaml):
#   DIR/packages/osTicket-vV.zip  the release package of every version: upload/ (main.inc.php with
#                        THIS_VERSION, scp/, setup/, include/upgrader/streams/core.sig and the
#                        schema patches, manage.php from 1.10) and scripts/ beside it
#   DIR/www/osticket     the installation: VERSION's upload folder without setup/, and its config
#                        file (config.php up to 1.6 RC2, ostconfig.php up to 1.6,
#                        include/ost-config.php from 1.7.0) naming the database
#   DIR/attachments      the 1.6 attachment upload folder (its files stay after 1.7 moved them)
#   DIR/db/osticket.db   the database at VERSION's schema, with data: a SQLite file by default, or
#                        the MariaDB/MySQL database of --db
#   DIR/bin              stand-ins: php (runs manage.php upgrade), ost-upgrader, sudo; and
#                        sandbox-sql, the one way every stand-in reaches the database
#   DIR/backups, DIR/staging  for the playbook's backup_dir and staging inputs
#   DIR/effects.log      every change the upgrader makes (patch, moved attachment), one line each
# Usage: build.sh [--db mariadb://USER@HOST:PORT/NAME] DIR VERSION. Prints the --var options that
# point playbook.yaml at the sandbox. Without --db the database is a SQLite file; with --db it is
# that existing, empty MariaDB/MySQL database (the password from the environment variable
# SANDBOX_DB_PASSWORD, kept in the owner-only client option file DIR/db/client.cnf, never on a
# command line; the `mariadb` or `mysql` client must be on PATH).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage="usage: build.sh [--db mariadb://USER@HOST:PORT/NAME] DIR VERSION"
db_url=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db_url="${2:?$usage}"; shift 2 ;;
    --db=*) db_url="${1#--db=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]+"${args[@]}"}"
dir="${1:?$usage}"
version="${2:?$usage}"
if [ -n "$db_url" ]; then
  [[ "$db_url" =~ ^(mariadb|mysql)://([^:@/]+)@([^:/]+):([0-9]+)/([A-Za-z0-9_]+)$ ]] \
    || { echo "--db takes mariadb://USER@HOST:PORT/NAME (the password in SANDBOX_DB_PASSWORD), not $db_url" >&2; exit 2; }
  my_user="${BASH_REMATCH[2]}" my_host="${BASH_REMATCH[3]}" my_port="${BASH_REMATCH[4]}" my_name="${BASH_REMATCH[5]}"
  my_client="$(command -v mariadb || command -v mysql || true)"
  [ -n "$my_client" ] || { echo "neither mariadb nor mysql is on PATH (Debian: mariadb-client)" >&2; exit 2; }
fi
mapfile -t releases < <(sed -n '/^  releases:/,/^  minimum:/s/^    - "\(.*\)"$/\1/p' "$here/../playbook.yaml")
declare -A INDEX
for i in "${!releases[@]}"; do INDEX["${releases[$i]}"]=$i; done
index_of() { echo "${INDEX[$1]:--1}"; }
[ -n "${INDEX[$version]:-}" ] || { echo "unknown version $version (one of: ${releases[*]})" >&2; exit 2; }

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
[ -e "$dir/www" ] && { echo "$dir already holds a sandbox" >&2; exit 2; }
mkdir -p "$dir/bin" "$dir/db" "$dir/backups" "$dir/staging" "$dir/packages" "$dir/attachments" "$dir/www" "$dir/work"
cp "$here"/standins/* "$dir/bin/"
source "$dir/bin/common.sh"
: >"$dir/effects.log"

# --- sandbox-sql: runs SQL (its argument, else stdin) on the sandbox's database, stopping at the
# first error; prints one row per line (one column per query in the stand-ins). Only this file
# knows the backend.
if [ -z "$db_url" ]; then
  cat >"$dir/bin/sandbox-sql" <<EOF2
#!/usr/bin/env bash
# The sandbox's database (SQLite): sandbox-sql [SQL]  (no SQL: the statements on stdin)
exec sqlite3 -bail "$dir/db/osticket.db" "\$@"
EOF2
  jdbc_url="jdbc:sqlite:$dir/db/osticket.db" config_host=localhost config_name="$dir/db/osticket.db" config_user=osticket
  config_pass=ost-Sandbox-Pw3
else
  # skip-ssl: a TLS handshake costs MariaDB 11.4's client about 0.35 s per connection (the
  # sandbox's server is on this machine); the stand-ins connect a few hundred times per upgrade.
  ( umask 077; printf '[client]\nuser=%s\npassword="%s"\nhost=%s\nport=%s\nprotocol=TCP\nskip-ssl\n' \
      "$my_user" "$(printf '%s' "${SANDBOX_DB_PASSWORD:-}" | sed 's/[\\"]/\\&/g')" "$my_host" "$my_port" >"$dir/db/client.cnf" )
  cat >"$dir/bin/sandbox-sql" <<EOF2
#!/usr/bin/env bash
# The sandbox's database (MariaDB $my_name on $my_host:$my_port as $my_user; the password is read
# from $dir/db/client.cnf): sandbox-sql [SQL]  (no SQL: the statements on stdin)
if [ \$# -gt 0 ]; then set -- --execute="\$1"; fi
exec "$my_client" --defaults-extra-file="$dir/db/client.cnf" --batch --skip-column-names "$my_name" "\$@"
EOF2
  jdbc_url="jdbc:mariadb://$my_host:$my_port/$my_name" config_host="$my_host:$my_port" config_name="$my_name" config_user="$my_user"
  config_pass="${SANDBOX_DB_PASSWORD:-}"
fi
chmod +x "$dir/bin/sandbox-sql"

# --- schema points: the release where each patch lands, and the patch ---------------------------
points=(1.7.0-files 1.7.0 1.7.1 1.8.0 1.9 1.10 1.11 1.12 1.14 1.15 1.16 1.17 1.18)
declare -A SIG   # md5sum once per point, not once per use
for p in 1.6 "${points[@]}"; do SIG[$p]="$(sig "$p")"; done
kv_sig() { echo "UPDATE %TABLE_PREFIX%config SET value = '${SIG[$1]}' WHERE namespace = 'core' AND \`key\` = 'schema_signature';"; }
patch_body() { # POINT -> the patch's SQL (after its header)
  case "$1" in
    1.7.0-files) cat <<SQL
CREATE TABLE %TABLE_PREFIX%file (id INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL, size INTEGER NOT NULL, \`key\` VARCHAR(64) NOT NULL);
CREATE TABLE %TABLE_PREFIX%file_chunk (file_id INTEGER NOT NULL, chunk_id INTEGER NOT NULL, filedata BLOB, PRIMARY KEY (file_id, chunk_id));
ALTER TABLE %TABLE_PREFIX%ticket_attachment ADD COLUMN file_id INTEGER;
ALTER TABLE %TABLE_PREFIX%config ADD COLUMN schema_signature VARCHAR(32);
UPDATE %TABLE_PREFIX%config SET schema_signature = '${SIG[1.7.0-files]}';
SQL
    ;;
    1.7.0) echo "-- task: migrate-attachments"
      echo "UPDATE %TABLE_PREFIX%config SET schema_signature = '${SIG[1.7.0]}';" ;;
    1.7.1) cat <<SQL
CREATE TABLE %TABLE_PREFIX%config_kv (id INTEGER PRIMARY KEY, namespace VARCHAR(64) NOT NULL, \`key\` VARCHAR(64) NOT NULL, value TEXT NOT NULL, updated VARCHAR(32), UNIQUE (namespace, \`key\`));
INSERT INTO %TABLE_PREFIX%config_kv (id, namespace, \`key\`, value) SELECT 1, 'core', 'isonline', isonline FROM %TABLE_PREFIX%config;
INSERT INTO %TABLE_PREFIX%config_kv (id, namespace, \`key\`, value) SELECT 2, 'core', 'helpdesk_title', helpdesk_title FROM %TABLE_PREFIX%config;
INSERT INTO %TABLE_PREFIX%config_kv (id, namespace, \`key\`, value) VALUES (3, 'core', 'schema_signature', '');
DROP TABLE %TABLE_PREFIX%config;
ALTER TABLE %TABLE_PREFIX%config_kv RENAME TO %TABLE_PREFIX%config;
SQL
      kv_sig 1.7.1 ;;
    1.8.0) echo "ALTER TABLE %TABLE_PREFIX%ticket ADD COLUMN sla_id INTEGER NOT NULL DEFAULT 0;"; kv_sig "$1" ;;
    1.9) echo "CREATE TABLE %TABLE_PREFIX%form (id INTEGER PRIMARY KEY, title VARCHAR(255) NOT NULL);"; kv_sig "$1" ;;
    1.10) cat <<SQL
CREATE TABLE %TABLE_PREFIX%thread_entry (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, type VARCHAR(1) NOT NULL, body TEXT NOT NULL, created VARCHAR(32) NOT NULL);
INSERT INTO %TABLE_PREFIX%thread_entry (id, ticket_id, type, body, created) SELECT msg_id, ticket_id, 'M', message, created FROM %TABLE_PREFIX%ticket_message ORDER BY msg_id;
DROP TABLE %TABLE_PREFIX%ticket_message;
SQL
      kv_sig "$1" ;;
    1.11) echo "ALTER TABLE %TABLE_PREFIX%staff ADD COLUMN permissions TEXT;"; kv_sig "$1" ;;
    1.12) echo "CREATE TABLE %TABLE_PREFIX%queue (id INTEGER PRIMARY KEY, title VARCHAR(255) NOT NULL);"; kv_sig "$1" ;;
    1.14) echo "ALTER TABLE %TABLE_PREFIX%ticket ADD COLUMN est_duedate VARCHAR(32);"; kv_sig "$1" ;;
    1.15) echo "CREATE TABLE %TABLE_PREFIX%schedule (id INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL);"; kv_sig "$1" ;;
    1.16) echo "ALTER TABLE %TABLE_PREFIX%staff ADD COLUMN backend VARCHAR(32);"; kv_sig "$1" ;;
    1.17) echo "CREATE TABLE %TABLE_PREFIX%thread_referral (id INTEGER PRIMARY KEY, thread_id INTEGER NOT NULL);"; kv_sig "$1" ;;
    1.18) echo "ALTER TABLE %TABLE_PREFIX%ticket ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;"; kv_sig "$1" ;;
  esac
}

# --- release trees and packages ----------------------------------------------------------------
# OST_SANDBOX_PACKAGES=DIR: a cache of the packages (they never depend on VERSION or DIR); filled
# by the first build, copied by the next ones (the tests build several sandboxes).
cache="${OST_SANDBOX_PACKAGES:-}"
if [ -n "$cache" ] && [ -f "$cache/osTicket-v${releases[-1]}.zip" ]; then
  cp "$cache"/*.zip "$dir/packages/"
else
streams="$dir/work/streams"   # the patches so far (cumulative: a release ships all of them)
mkdir -p "$streams"
previous="1.6"
point=0
i17=${INDEX[1.7.0]}; i110=${INDEX[1.10]}
for i in "${!releases[@]}"; do
  v="${releases[$i]}"
  while [ "$point" -lt "${#points[@]}" ] && [ "${INDEX[${points[$point]%-files}]}" -le "$i" ]; do
    to="${points[$point]}"
    { echo "-- title: schema of osTicket ${to%-files} ($to)"; patch_body "$to"; } \
      >"$streams/${SIG[$previous]:0:8}-${SIG[$to]:0:8}.patch.sql"
    previous="$to"
    point=$((point + 1))
  done
  tree="$dir/work/osTicket-v$v"
  up="$tree/upload"
  mkdir -p "$up/scp" "$up/setup" "$up/include/upgrader/streams/core" "$tree/scripts"
  case "$v" in
    "1.6") shown="1.6 ST" ;;
    *RC*) shown="$v" ;;
    *) shown="v$v" ;;
  esac
  printf "<?php\n/* osTicket main include (sandbox) */\ndefine('THIS_VERSION', '%s'); // Set by the packager\n" "$shown" >"$up/main.inc.php"
  printf '<?php /* osTicket %s client portal */\n' "$v" >"$up/index.php"
  printf '<?php /* osTicket %s staff control panel login */\n' "$v" >"$up/scp/login.php"
  printf '<?php /* osTicket %s installer and upgrader */\n' "$v" >"$up/setup/install.php"
  printf '<?php /* osTicket %s class.osticket.php */\n' "$v" >"$up/include/class.osticket.php"
  cp "$streams"/*.patch.sql "$up/include/upgrader/streams/core/" 2>/dev/null || true
  echo "${SIG[$previous]}" >"$up/include/upgrader/streams/core.sig"
  if [ "$i" -ge "$i17" ]; then
    printf "<?php\n# osTicket sample configuration: copy to ost-config.php\ndefine('DBNAME', '%%CONFIG-DBNAME');\n" >"$up/include/ost-sampleconfig.php"
  fi
  [ "$i" -ge "$i110" ] && printf '<?php /* osTicket %s CLI manager: php manage.php upgrade */\n' "$v" >"$up/manage.php"
  printf '<?php /* osTicket %s remote piping: rcron.php */\n' "$v" >"$tree/scripts/rcron.php"
  (cd "$tree" && zip -qr "$dir/packages/osTicket-v$v.zip" upload scripts)
  rm -rf "$tree"
done
if [ -n "$cache" ]; then mkdir -p "$cache" && cp "$dir"/packages/*.zip "$cache/"; fi
fi

# --- the installation at VERSION ---------------------------------------------------------------
root="$dir/www/osticket"
unzip -q "$dir/packages/osTicket-v$version.zip" 'upload/*' -d "$dir/work"
mv "$dir/work/upload" "$root"
rm -rf "$root/setup"   # the installer tells you to delete it
vi="$(index_of "$version")"
if [ "$vi" -le "$(index_of "1.6 RC2")" ]; then config="$root/config.php"
elif [ "$vi" -lt "$(index_of 1.7.0)" ]; then config="$root/ostconfig.php"
else config="$root/include/ost-config.php"; fi
cat >"$config" <<CONF
<?php
/* osTicket configuration (sandbox): written by the installer, never shipped in a release. */
define('OSTINSTALLED', TRUE);
define('SECRET_SALT', 'Sandbox-Salt-$(sig "$dir" | cut -c1-12)');
define('ADMIN_EMAIL', 'admin@example.com');
define('DBTYPE', 'mysql');
define('DBHOST', '$config_host');
define('DBNAME', '$config_name');
define('DBUSER', '$config_user');
define('DBPASS', '$config_pass');
define('TABLE_PREFIX', 'ost_');
CONF
sql="$dir/bin/sandbox-sql"
"$sql" <"$here/schema-1.6.sql"
{
  echo "BEGIN;"
  echo "INSERT INTO ost_config (id, isonline, helpdesk_title, upload_dir, ostversion) VALUES (1, 1, 'Sandbox Help Desk', '$dir/attachments', '1.6');"
  echo "INSERT INTO ost_staff (staff_id, username, isadmin) VALUES (1, 'admin', 1), (2, 'agent1', 0), (3, 'agent2', 0);"
  for i in $(seq 1 20); do
    echo "INSERT INTO ost_ticket (ticket_id, ticketID, subject, email, status, created) VALUES ($i, $((100000 + i)), 'Ticket $i', 'user$i@example.com', '$([ $((i % 4)) = 0 ] && echo closed || echo open)', '2009-0$((1 + i % 9))-1$((i % 10))');"
  done
  for i in $(seq 1 30); do
    echo "INSERT INTO ost_ticket_message (msg_id, ticket_id, message, created) VALUES ($i, $((1 + (i - 1) % 20)), 'Message $i of the sandbox', '2009-10-0$((1 + i % 9))');"
  done
  for i in $(seq 1 6); do
    echo "INSERT INTO ost_ticket_attachment (attach_id, ticket_id, file_key, file_name, file_size) VALUES ($i, $((i * 3)), 'k${i}a7f3', 'screenshot-$i.png', 24);"
    printf 'PNG sandbox attachment %s\n' "k${i}a7f3_screenshot-$i.png" >"$dir/attachments/k${i}a7f3_screenshot-$i.png"
  done
  echo "COMMIT;"
} | "$sql"
if [ "$vi" -ge "$(index_of 1.7.0)" ]; then
  "$dir/bin/ost-upgrader" "$root" >/dev/null   # the database as VERSION's installer/upgrader left it
  : >"$dir/effects.log"
fi
rm -rf "$dir/work"

cat <<VARS
--var root=$root --var php=$dir/bin/php --var packages=$dir/packages --var staging=$dir/staging --var backup_dir=$dir/backups --var attachments_dir=$dir/attachments --var www_user=$(id -un) --var db_url=$jdbc_url --var db_user=$config_user
VARS
