#!/usr/bin/env bash
# Builds an imitation Kayako 3 help desk (at V3VERSION) next to a fresh Kayako 4 installation (at
# V4VERSION) in DIR, for running playbooks/kayako/playbook.yaml against it. See README.md.
#
#   build-sandbox.sh DIR [V3VERSION] [V4VERSION]      (defaults: 3.60.00 4.92.4)
#
# Needs bash and sqlite3. Prints the --var options that point the playbook at the sandbox.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sb="${1:?usage: build-sandbox.sh DIR [V3VERSION] [V4VERSION]}"
v3="${2:-3.60.00}"
v4="${3:-4.92.4}"
releases_v3=(3.50.06 3.60.00 3.70.02)
releases_v4=(4.01.204 4.01.240 4.73.3 4.92.4)

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
mkdir -p "$sb/v3"
tar -C "$sb/v3" -xzf "$sb/releases/kayako-$v3.tar.gz"
cat > "$sb/v3/config/config.php" <<CONF
<?php
\$_DB["hostname"] = "localhost";
\$_DB["username"] = "swift";
\$_DB["password"] = "sandbox";
\$_DB["name"] = "$sb/db/swift.db";
\$_DB["port"] = "3306";
define("TABLE_PREFIX", "sw");
CONF
echo "Kayako manual (download 1)" > "$sb/v3/files/download_1.pdf"
echo "Kayako brochure (download 2)" > "$sb/v3/files/download_2.pdf"
sqlite3 "$sb/db/swift.db" < "$here/v3/schema.sql"
sqlite3 "$sb/db/swift.db" "INSERT INTO swsettings VALUES ('version', '$v3');"
ln -s ../v3 "$sb/www/support"

# Version 4, freshly installed into a new directory with a new, empty database.
mkdir -p "$sb/v4"
tar -C "$sb/v4" -xzf "$sb/releases/kayako-$v4.tar.gz"
cat > "$sb/v4/__swift/config/config.php" <<CONF
<?php
define('DB_HOSTNAME', 'localhost');
define('DB_NAME', '$sb/db/kayako4.db');
define('TABLE_PREFIX', 'sw');
CONF
sqlite3 "$sb/db/kayako4.db" < "$here/v4/schema.sql"
sqlite3 "$sb/db/kayako4.db" "INSERT INTO swsettings VALUES ('version', '$v4'), ('installed', '1');"

cat <<VARS
--var v3_root=$sb/v3 --var docroot=$sb/www/support --var v4_root=$sb/v4 --var php=$sb/bin/php --var v3_db_host=localhost --var v3_db_name=$sb/db/swift.db --var v3_db_user=swift --var v3_db_url=jdbc:sqlite:$sb/db/swift.db --var v4_db_url=jdbc:sqlite:$sb/db/kayako4.db --var v4_db_name=$sb/db/kayako4.db --var v4_db_host=localhost --var backup_dir=$sb/backups --var import_passes=2
VARS
