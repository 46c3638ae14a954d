#!/usr/bin/env bash
# Builds an imitation IXP Manager v6 installation in DIR at VERSION:
#   DIR/upstream.git      a bare "GitHub" repository with a tag v6.x.y per release
#   DIR/srv/ixpmanager    IXPROOT: a clone checked out at vVERSION, with .env, vendor/, storage/,
#                         bootstrap/cache/ and composer.phar (untracked, as in a real installation)
#   the database          customers, switches, ports, interfaces, the migrations of VERSION applied
#                         and the SQL views of tools/sql/views.sql: the SQLite file
#                         DIR/db/ixpmanager.sqlite (default), or an empty MariaDB/MySQL database
#                         given with --db
#   DIR/bin               stand-ins: php (artisan, composer.phar), composer, systemctl, sudo, and
#                         sandbox-sql, through which every stand-in runs its SQL
#   DIR/backups           for the dumps and the local temporary backup
#   DIR/effects.log       every change a stand-in makes, one line each
# Usage: build.sh [--db mariadb://USER@HOST:PORT/NAME] DIR VERSION [CUSTOMERS]
#   CUSTOMERS: how many, default 40. DB_PASSWORD of .env (and the MariaDB password) is
#   $IXP_DB_PASSWORD, default ixp-sandbox-Pw7 (SQLite ignores it; upbook masks it). With --db the
#   database NAME must exist and be empty; the `mariadb` (or `mysql`) client must be on PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage="usage: build.sh [--db mariadb://USER@HOST:PORT/NAME] DIR VERSION [CUSTOMERS]"
db_spec=""
if [ "${1:-}" = "--db" ]; then db_spec="${2:?$usage}"; shift 2; fi
dir="${1:?$usage}"
version="${2:?$usage}"
customers="${3:-40}"
password="${IXP_DB_PASSWORD:-ixp-sandbox-Pw7}"
releases=(6.0.0 6.0.1 6.1.0 6.2.0 6.3.0 6.3.1 6.4.0 6.4.1 6.4.2)
printf '%s\n' "${releases[@]}" | grep -qx "$version" || { echo "unknown version $version (one of ${releases[*]})" >&2; exit 2; }
if [ -n "$db_spec" ]; then
  [[ "$db_spec" =~ ^(mariadb|mysql)://([^:@/]+)@([^:/]+):([0-9]+)/([A-Za-z0-9_]+)$ ]] \
    || { echo "--db $db_spec: expected mariadb://USER@HOST:PORT/NAME (the password in IXP_DB_PASSWORD)" >&2; exit 2; }
  db_user="${BASH_REMATCH[2]}" db_host="${BASH_REMATCH[3]}" db_port="${BASH_REMATCH[4]}" db_name="${BASH_REMATCH[5]}"
  client="$(command -v mariadb || command -v mysql || true)"
  [ -n "$client" ] || { echo "--db needs the mariadb (or mysql) client on PATH (Debian: mariadb-client)" >&2; exit 2; }
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
[ -e "$dir/srv" ] && { echo "$dir already holds a sandbox" >&2; exit 2; }
mkdir -p "$dir/bin" "$dir/db" "$dir/backups" "$dir/run"
cp "$here"/standins/* "$dir/bin/"
: >"$dir/effects.log"
git_() { git -c user.name=sandbox -c user.email=sandbox@example.net -c advice.detachedHead=false -c init.defaultBranch=master "$@"; }

# --- the releases: one commit and tag per version -------------------------------------------
work="$dir/run/release-work"
rm -rf "$work" && mkdir -p "$work"
git_ -C "$work" init -q
# migration SQL per version (cumulative: a release holds every migration up to it). Laravel's
# schema builder writes the SQL of the connection's dialect; these files are written once, in SQL
# that SQLite and MariaDB/MySQL both run (VARCHAR not TEXT, explicit keys, no || or date()).
migration() { # migration VERSION -> writes the migrations that version adds
  local m="$work/database/migrations"
  case "$1" in
    6.0.0) cat >"$m/2021_03_01_000000_create_base_tables.sql" <<'SQL'
CREATE TABLE cust (id INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL, shortname VARCHAR(255) NOT NULL, autsys INTEGER, status INTEGER NOT NULL DEFAULT 1, datejoin VARCHAR(10), dateleave VARCHAR(10));
CREATE TABLE switch (id INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE switchport (id INTEGER PRIMARY KEY, switchid INTEGER NOT NULL REFERENCES switch(id), name VARCHAR(255) NOT NULL, type INTEGER NOT NULL DEFAULT 1);
CREATE TABLE virtualinterface (id INTEGER PRIMARY KEY, custid INTEGER NOT NULL REFERENCES cust(id), name VARCHAR(255));
CREATE TABLE physicalinterface (id INTEGER PRIMARY KEY, virtualinterfaceid INTEGER NOT NULL, switchportid INTEGER NOT NULL, speed INTEGER NOT NULL);
CREATE TABLE vlaninterface (id INTEGER PRIMARY KEY, virtualinterfaceid INTEGER NOT NULL, ipv4address VARCHAR(64), ipv6address VARCHAR(64));
SQL
    ;;
    6.1.0) cat >"$m/2021_09_15_000000_add_cust_peeringdb_id.sql" <<'SQL'
ALTER TABLE cust ADD COLUMN peeringdb_id INTEGER;
SQL
    ;;
    6.2.0) cat >"$m/2022_01_10_000000_create_cust_notes.sql" <<'SQL'
CREATE TABLE cust_notes (id INTEGER PRIMARY KEY, custid INTEGER NOT NULL, note VARCHAR(255) NOT NULL, created_at VARCHAR(32));
INSERT INTO cust_notes (id, custid, note, created_at) SELECT id, id, 'joined', datejoin FROM cust WHERE datejoin IS NOT NULL;
SQL
    ;;
    6.3.0) cat >"$m/2022_06_01_000000_rebuild_switchport.sql" <<'SQL'
-- moves every row into a rebuilt table (as a MySQL ALTER ... COPY would); the views that read
-- switchport break, which is why the guide recreates them from views.sql afterwards
DROP VIEW IF EXISTS view_switch_details_by_custid;
CREATE TABLE switchport_new (id INTEGER PRIMARY KEY, switchid INTEGER NOT NULL REFERENCES switch(id), name VARCHAR(255) NOT NULL, type INTEGER NOT NULL DEFAULT 1, ifIndex INTEGER, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO switchport_new (id, switchid, name, type, ifIndex) SELECT id, switchid, name, type, id FROM switchport;
DROP TABLE switchport;
ALTER TABLE switchport_new RENAME TO switchport;
SQL
    ;;
    6.4.0) cat >"$m/2023_02_01_000000_add_vlaninterface_rsmorespecifics.sql" <<'SQL'
ALTER TABLE vlaninterface ADD COLUMN rsmorespecifics INTEGER NOT NULL DEFAULT 0;
SQL
    ;;
    6.4.2) cat >"$m/2023_05_01_000000_index_cust_shortname.sql" <<'SQL'
CREATE INDEX cust_shortname ON cust (shortname);
SQL
    ;;
  esac
}
views() { # views VERSION -> tools/sql/views.sql of that version
  local extra=""
  case "$1" in 6.3.*|6.4.*) extra=", sp.ifIndex AS ifIndex" ;; esac
  cat >"$work/tools/sql/views.sql" <<SQL
-- IXP Manager $1: views used by older scripts (sflow); drops and recreates each view
DROP VIEW IF EXISTS view_cust_current_active;
CREATE VIEW view_cust_current_active AS
  SELECT * FROM cust WHERE status = 1 AND datejoin <= CURRENT_DATE AND (dateleave IS NULL OR dateleave > CURRENT_DATE);
DROP VIEW IF EXISTS view_vlaninterface_details_by_custid;
CREATE VIEW view_vlaninterface_details_by_custid AS
  SELECT vi.custid AS custid, vli.id AS vlaninterfaceid, vli.ipv4address, vli.ipv6address
  FROM vlaninterface vli JOIN virtualinterface vi ON vi.id = vli.virtualinterfaceid;
DROP VIEW IF EXISTS view_switch_details_by_custid;
CREATE VIEW view_switch_details_by_custid AS
  SELECT vi.custid AS custid, s.name AS switch, sp.name AS switchport, pi.speed AS speed$extra
  FROM physicalinterface pi
  JOIN virtualinterface vi ON vi.id = pi.virtualinterfaceid
  JOIN switchport sp ON sp.id = pi.switchportid
  JOIN switch s ON s.id = sp.switchid;
SQL
}
mkdir -p "$work/database/migrations" "$work/tools/sql" "$work/bootstrap/cache" "$work/storage/framework/cache" \
  "$work/storage/framework/views" "$work/storage/logs" "$work/config"
cat >"$work/.gitignore" <<'EOF2'
/vendor/
/.env
/composer.phar
/bootstrap/cache/*.php
/storage/framework/down
/storage/framework/cache/data/
/storage/framework/views/*.php
/storage/logs/*.log
EOF2
for d in bootstrap/cache storage/framework/cache storage/framework/views storage/logs; do touch "$work/$d/.gitkeep"; done
cat >"$work/artisan" <<'EOF2'
#!/usr/bin/env php
<?php
// Laravel's console entry point (the sandbox's php stand-in runs its commands).
EOF2
cat >"$work/.env.example" <<'EOF2'
APP_ENV=production
APP_URL=https://ixp.example.net
DB_CONNECTION=mysql
DB_HOST=localhost
DB_DATABASE=ixpmanager
DB_USERNAME=ixp
DB_PASSWORD=
EOF2
for v in "${releases[@]}"; do
  migration "$v"
  views "$v"
  cat >"$work/version.php" <<EOF2
<?php

/**
 * IXP Manager version (sandbox release $v)
 */
define( 'APPLICATION_VERSION', '$v' );
define( 'APPLICATION_VERDATE', '$(date -u +%Y%m%d)0000' );
EOF2
  minor="${v%.*}"
  cat >"$work/composer.json" <<EOF2
{ "name": "inex/ixp-manager", "description": "IXP Manager $v", "require": { "php": "^8.0", "laravel/framework": "^9.0" } }
EOF2
  cat >"$work/composer.lock" <<EOF2
# composer.lock of IXP Manager $v (sandbox: one 'package NAME VERSION' per line)
package laravel/framework 9.$(( ${minor#6.} + 40 )).0
package doctrine/dbal 3.$(( ${minor#6.} + 3 )).$(( ${v##*.} ))
package inex/ixp-manager-bgp $minor.$(( ${v##*.} ))
package foil/foil 0.6.7
EOF2
  git_ -C "$work" add -A
  git_ -C "$work" commit -q -m "IXP Manager v$v"
  git_ -C "$work" tag "v$v"
done
git_ clone -q --bare "$work" "$dir/upstream.git"
rm -rf "$work"

# --- the installation: a clone at vVERSION -------------------------------------------------
root="$dir/srv/ixpmanager"
mkdir -p "$dir/srv"
git_ clone -q "$dir/upstream.git" "$root"
git_ -C "$root" checkout -q "v$version"
cat >"$root/.env" <<EOF2
APP_ENV=production
APP_KEY=base64:c2FuZGJveC1rZXktbm90LWEtc2VjcmV0LXNhbmRib3g=
APP_URL=http://127.0.0.1/
IDENTITY_ORGNAME="Sandbox IXP"
$(if [ -n "$db_spec" ]; then
  printf 'DB_CONNECTION=mysql\nDB_HOST=%s\nDB_PORT=%s\nDB_DATABASE=%s\nDB_USERNAME=%s\n' "$db_host" "$db_port" "$db_name" "$db_user"
else
  printf 'DB_CONNECTION=sqlite\nDB_HOST=localhost\nDB_DATABASE=%s\nDB_USERNAME=ixp\n' "$dir/db/ixpmanager.sqlite"
fi)
DB_PASSWORD=$password
CACHE_DRIVER=memcached
EOF2
printf "#!/usr/bin/env php\n<?php // composer.phar (the sandbox php stand-in runs bin/composer for it)\n" >"$root/composer.phar"
(cd "$root" && "$dir/bin/composer" install --no-dev >/dev/null)
echo "<?php return ['app' => ['name' => 'IXP Manager']];" >"$root/bootstrap/cache/config.php"
echo "active" >"$dir/run/memcached.state"

# --- the database at VERSION, reached through DIR/bin/sandbox-sql -----------------------------
# sandbox-sql [SQL]: runs SQL (or stdin) on the sandbox's database, stops at the first error and
# prints each row as tab-separated values without a header. The stand-ins know nothing else.
if [ -n "$db_spec" ]; then
  # the password goes to the client in an owner-only option file, never on its command line
  (umask 077; printf '[client]\nhost=%s\nport=%s\nprotocol=tcp\nuser=%s\npassword="%s"\n' \
    "$db_host" "$db_port" "$db_user" "$password" >"$dir/db/client.cnf")
  cat >"$dir/bin/sandbox-sql" <<EOF2
#!/usr/bin/env bash
# The sandbox's database: MariaDB/MySQL database $db_name on $db_host:$db_port (see build.sh).
set -euo pipefail
run() { exec "$client" --defaults-file="$dir/db/client.cnf" --batch --skip-column-names "\$@" "$db_name"; }
if [ \$# -gt 0 ]; then run -e "\$1"; else run; fi
EOF2
  autoincrement="AUTO_INCREMENT"
else
  cat >"$dir/bin/sandbox-sql" <<EOF2
#!/usr/bin/env bash
# The sandbox's database: the SQLite file $dir/db/ixpmanager.sqlite (see build.sh).
set -euo pipefail
run() { exec sqlite3 -bail -batch -noheader -separator "\$(printf '\\t')" "$dir/db/ixpmanager.sqlite" "\$@"; }
if [ \$# -gt 0 ]; then run "\$1"; else run; fi
EOF2
  autoincrement=""   # an INTEGER PRIMARY KEY is the rowid in SQLite
fi
chmod 0755 "$dir/bin/sandbox-sql"
sql="$dir/bin/sandbox-sql"
if [ -n "$db_spec" ]; then
  tables="$("$sql" "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")"
  [ "$tables" = 0 ] || { echo "database $db_name on $db_host:$db_port is not empty ($tables tables)" >&2; exit 2; }
fi
"$sql" "CREATE TABLE migrations (id INTEGER PRIMARY KEY $autoincrement, migration VARCHAR(255) NOT NULL, batch INTEGER NOT NULL);"
# the base migration only, then data, then the rest of VERSION's migrations (so later ones move rows)
base="$root/database/migrations/2021_03_01_000000_create_base_tables.sql"
{ echo "BEGIN;"; cat "$base"; echo "INSERT INTO migrations (migration, batch) VALUES ('$(basename "$base" .sql)', 1); COMMIT;"; } | "$sql"
{
  echo "BEGIN;"
  echo "INSERT INTO switch (id, name) VALUES (1, 'swi1-dc1-1'), (2, 'swi1-dc2-1');"
  for i in $(seq 1 "$customers"); do
    status=1; [ $((i % 10)) = 0 ] && status=2   # every tenth customer is suspended
    echo "INSERT INTO cust (id, name, shortname, autsys, status, datejoin) VALUES ($i, 'Member $i', 'm$i', $((64500 + i)), $status, '2020-01-$(printf %02d $(( (i % 28) + 1 )))');"
    echo "INSERT INTO switchport (id, switchid, name) VALUES ($i, $(( (i % 2) + 1 )), 'swp$i');"
    echo "INSERT INTO virtualinterface (id, custid, name) VALUES ($i, $i, 'LAG$i');"
    echo "INSERT INTO physicalinterface (id, virtualinterfaceid, switchportid, speed) VALUES ($i, $i, $i, 10000);"
    echo "INSERT INTO vlaninterface (id, virtualinterfaceid, ipv4address, ipv6address) VALUES ($i, $i, '192.0.2.$i', '2001:db8::$i');"
  done
  echo "COMMIT;"
} | "$sql"
(cd "$root" && "$dir/bin/php" artisan migrate --force >/dev/null)
"$sql" <"$root/tools/sql/views.sql"
: >"$dir/effects.log"
chmod 0666 "$dir/effects.log"   # stand-ins run as the web server user too (composer through sudo)
echo "IXP Manager $version sandbox in $dir (IXPROOT $root)"
