#!/usr/bin/env bash
# Builds an imitation Mattermost 1.x server at VERSION in DIR, for running
# playbooks/mattermost/playbook.yaml against it. See README.md.
#
#   build.sh DIR [VERSION]      (default 1.2.0)
#
# Needs bash, tar and sqlite3. Prints the --var options that point the playbook at the sandbox
# (site_url and team_url are the tests' own web server; add them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sb="${1:?usage: build.sh DIR [VERSION]}"
version="${2:-1.2.0}"
releases=(1.2.0 1.2.1 1.3.0 1.4.0)

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
sed -e "s/@VERSION@/$version/" \
    -e "s#\"DataSource\": \"[^\"]*\"#\"DataSource\": \"$sb/db/mattermost.db\"#" \
    -e "s#\"Directory\": \"[^\"]*\"#\"Directory\": \"$root/data/\"#" \
    -e 's#"SiteName": "[^"]*"#"SiteName": "Sandbox Chat"#' \
    -e 's#"EnableOpenServer": false#"EnableOpenServer": true#' \
    "$here/default-config.json" > "$root/config/config.json"
mkdir -p "$root/data/teams/t1/channels/c1/users/u1" "$root/data/users/u2"
echo "minutes of the kick-off meeting" > "$root/data/teams/t1/channels/c1/users/u1/minutes.txt"
printf 'PNGSANDBOX' > "$root/data/users/u2/profile.png"
sqlite3 "$sb/db/mattermost.db" < "$here/data.sql"
sqlite3 "$sb/db/mattermost.db" "INSERT INTO Systems VALUES ('Version', '$version');"

cat <<VARS
--var root=$root --var data_dir=$root/data --var downloads=$sb/downloads --var backup_dir=$sb/backups --var db_url=jdbc:sqlite:$sb/db/mattermost.db --var db_user=mmuser
VARS
