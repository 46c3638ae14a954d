#!/usr/bin/env bash
# Builds an imitation osTicket installation in DIR at VERSION (any release of playbook.yaml):
#   DIR/packages/osTicket-vV.zip  the release package of every version: upload/ (main.inc.php with
#                        THIS_VERSION, scp/, setup/, include/upgrader/streams/core.sig and the
#                        schema patches, manage.php from 1.10) and scripts/ beside it
#   DIR/www/osticket     the installation: VERSION's upload folder without setup/, and its config
#                        file (config.php up to 1.6 RC2, ostconfig.php up to 1.6,
#                        include/ost-config.php from 1.7.0) naming the database
#   DIR/attachments      the 1.6 attachment upload folder (its files stay after 1.7 moved them)
#   DIR/db/osticket.db   the database (SQLite for MySQL) at VERSION's schema, with data
#   DIR/bin              stand-ins: php (runs manage.php upgrade), ost-upgrader, sudo
#   DIR/backups, DIR/staging  for the playbook's backup_dir and staging inputs
#   DIR/effects.log      every change the upgrader makes (patch, moved attachment), one line each
# Usage: build.sh DIR VERSION. Prints the --var options that point playbook.yaml at the sandbox.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: build.sh DIR VERSION}"
version="${2:?usage: build.sh DIR VERSION}"
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

# --- schema points: the release where each patch lands, and the patch ---------------------------
points=(1.7.0-files 1.7.0 1.7.1 1.8.0 1.9 1.10 1.11 1.12 1.14 1.15 1.16 1.17 1.18)
declare -A SIG   # md5sum once per point, not once per use
for p in 1.6 "${points[@]}"; do SIG[$p]="$(sig "$p")"; done
kv_sig() { echo "UPDATE %TABLE_PREFIX%config SET value = '${SIG[$1]}' WHERE namespace = 'core' AND \`key\` = 'schema_signature';"; }
patch_body() { # POINT -> the patch's SQL (after its header)
  case "$1" in
    1.7.0-files) cat <<SQL
CREATE TABLE %TABLE_PREFIX%file (id INTEGER PRIMARY KEY, name TEXT NOT NULL, size INTEGER NOT NULL, \`key\` TEXT NOT NULL);
CREATE TABLE %TABLE_PREFIX%file_chunk (file_id INTEGER NOT NULL, chunk_id INTEGER NOT NULL, filedata BLOB, PRIMARY KEY (file_id, chunk_id));
ALTER TABLE %TABLE_PREFIX%ticket_attachment ADD COLUMN file_id INTEGER;
ALTER TABLE %TABLE_PREFIX%config ADD COLUMN schema_signature TEXT;
UPDATE %TABLE_PREFIX%config SET schema_signature = '${SIG[1.7.0-files]}';
SQL
    ;;
    1.7.0) echo "-- task: migrate-attachments"
      echo "UPDATE %TABLE_PREFIX%config SET schema_signature = '${SIG[1.7.0]}';" ;;
    1.7.1) cat <<SQL
CREATE TABLE %TABLE_PREFIX%config_kv (id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, \`key\` TEXT NOT NULL, value TEXT NOT NULL, updated TEXT, UNIQUE (namespace, \`key\`));
INSERT INTO %TABLE_PREFIX%config_kv (namespace, \`key\`, value) SELECT 'core', 'isonline', isonline FROM %TABLE_PREFIX%config;
INSERT INTO %TABLE_PREFIX%config_kv (namespace, \`key\`, value) SELECT 'core', 'helpdesk_title', helpdesk_title FROM %TABLE_PREFIX%config;
INSERT INTO %TABLE_PREFIX%config_kv (namespace, \`key\`, value) VALUES ('core', 'schema_signature', '');
DROP TABLE %TABLE_PREFIX%config;
ALTER TABLE %TABLE_PREFIX%config_kv RENAME TO %TABLE_PREFIX%config;
SQL
      kv_sig 1.7.1 ;;
    1.8.0) echo "ALTER TABLE %TABLE_PREFIX%ticket ADD COLUMN sla_id INTEGER NOT NULL DEFAULT 0;"; kv_sig "$1" ;;
    1.9) echo "CREATE TABLE %TABLE_PREFIX%form (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"; kv_sig "$1" ;;
    1.10) cat <<SQL
CREATE TABLE %TABLE_PREFIX%thread_entry (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL, created TEXT NOT NULL);
INSERT INTO %TABLE_PREFIX%thread_entry (ticket_id, type, body, created) SELECT ticket_id, 'M', message, created FROM %TABLE_PREFIX%ticket_message ORDER BY msg_id;
DROP TABLE %TABLE_PREFIX%ticket_message;
SQL
      kv_sig "$1" ;;
    1.11) echo "ALTER TABLE %TABLE_PREFIX%staff ADD COLUMN permissions TEXT;"; kv_sig "$1" ;;
    1.12) echo "CREATE TABLE %TABLE_PREFIX%queue (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"; kv_sig "$1" ;;
    1.14) echo "ALTER TABLE %TABLE_PREFIX%ticket ADD COLUMN est_duedate TEXT;"; kv_sig "$1" ;;
    1.15) echo "CREATE TABLE %TABLE_PREFIX%schedule (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"; kv_sig "$1" ;;
    1.16) echo "ALTER TABLE %TABLE_PREFIX%staff ADD COLUMN backend TEXT;"; kv_sig "$1" ;;
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
define('DBHOST', 'localhost');
define('DBNAME', '$dir/db/osticket.db');
define('DBUSER', 'osticket');
define('DBPASS', 'ost-Sandbox-Pw3');
define('TABLE_PREFIX', 'ost_');
CONF
db="$dir/db/osticket.db"
sqlite3 -bail "$db" <"$here/schema-1.6.sql"
sqlite3 -bail "$db" "INSERT INTO ost_config (isonline, helpdesk_title, upload_dir, ostversion) VALUES (1, 'Sandbox Help Desk', '$dir/attachments', '1.6');"
for row in $(sqlite3 "$db" "SELECT file_key || '_' || file_name FROM ost_ticket_attachment"); do
  printf 'PNG sandbox attachment %s\n' "$row" >"$dir/attachments/$row"
done
if [ "$vi" -ge "$(index_of 1.7.0)" ]; then
  "$dir/bin/ost-upgrader" "$root" >/dev/null   # the database as VERSION's installer/upgrader left it
  : >"$dir/effects.log"
fi
rm -rf "$dir/work"

cat <<VARS
--var root=$root --var php=$dir/bin/php --var packages=$dir/packages --var staging=$dir/staging --var backup_dir=$dir/backups --var attachments_dir=$dir/attachments --var www_user=$(id -un) --var db_url=jdbc:sqlite:$db --var db_user=osticket
VARS
