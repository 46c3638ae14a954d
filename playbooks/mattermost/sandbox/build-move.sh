#!/usr/bin/env bash
# Builds the two servers of the guide's "Migrating Mattermost" for migrate-server.playbook.yaml:
# SOURCE (DIR/source, in use: teams, users, channels, posts, a local file store) and DESTINATION
# (DIR/destination, freshly installed at the same version: empty tables, its own DataSource,
# ListenAddress and site name), both built by build.sh. upbook runs on DESTINATION: put
# DIR/destination/bin first on PATH. What the operator brings over from SOURCE beforehand is in
# DIR/transfer: a copy of SOURCE's config.json (guide 4.1) and of its file store.
#
#   build-move.sh [--db mariadb://USER@HOST:PORT/NAME --source-db mariadb://USER@HOST:PORT/NAME] DIR [VERSION]
#
# VERSION defaults to 1.4.0, the latest major build. Without --db both databases are SQLite files;
# with it, DESTINATION's password is $MATTERMOST_DB_PASSWORD and SOURCE's
# $MATTERMOST_SOURCE_DB_PASSWORD (see build.sh). Prints the --var options of the playbook
# (site_url and team_url are the tests' web server).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage="usage: build-move.sh [--db URL --source-db URL] DIR [VERSION]"
db=() source_db=()
while [ "${1:-}" = "--db" ] || [ "${1:-}" = "--source-db" ]; do
  case "$1" in
    --db) db=(--db "${2:?$usage}") ;;
    --source-db) source_db=(--db "${2:?$usage}") ;;
  esac
  shift 2
done
[ "${#db[@]}" = "${#source_db[@]}" ] || { echo "build-move.sh: give both --db and --source-db, or neither" >&2; exit 2; }
sb="${1:?$usage}"
version="${2:-1.4.0}"
mkdir -p "$sb"
sb="$(cd "$sb" && pwd)"

var() { # var NAME OUTPUT: the value of --var NAME=... in a builder's output
  sed -n "s/.*--var $1=\([^ ]*\).*/\1/p" <<<"$2"
}
source_out="$(MATTERMOST_DB_PASSWORD="${MATTERMOST_SOURCE_DB_PASSWORD:-mm-Source-8}" bash "$here/build.sh" "${source_db[@]}" "$sb/source" "$version")"
dest_out="$(bash "$here/build.sh" "${db[@]}" "$sb/destination" "$version")"

dest="$sb/destination"
root="$dest/opt/mattermost"
# DESTINATION as its installer leaves it: the schema, no data; its own listen address and name.
"$dest/bin/sandbox-sql" "DELETE FROM Posts; DELETE FROM Channels; DELETE FROM Users; DELETE FROM Teams;"
sed -i -e 's#"ListenAddress": "[^"]*"#"ListenAddress": ":8066"#' -e 's#"SiteName": "[^"]*"#"SiteName": "Fresh Install"#' \
    "$root/config/config.json"
rm -rf "$root/data" && mkdir -p "$root/data"
: > "$dest/effects.log"

mkdir -p "$sb/transfer"
cp "$sb/source/opt/mattermost/config/config.json" "$sb/transfer/source-config.json"
cp -r "$sb/source/opt/mattermost/data" "$sb/transfer/source-data"

cat <<VARS
--var root=$root --var data_dir=$root/data --var backup_dir=$dest/backups --var db_url=$(var db_url "$dest_out") --var db_user=$(var db_user "$dest_out") --var source_db_url=$(var db_url "$source_out") --var source_db_user=$(var db_user "$source_out") --var source_config=$sb/transfer/source-config.json --var source_data_dir=$sb/transfer/source-data
VARS
