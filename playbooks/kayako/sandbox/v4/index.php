# Sandbox stand-in for Kayako 4's console/index.php (run as "php index.php /Base/Import/Version3/N"
# from the console directory). Reads the version 3 database details from standard input (server,
# name, user, password, port; the name is the SQLite file in the sandbox), and imports in passes:
# each pass moves one batch (BATCH rows of sandbox.conf) of the next unfinished section into the
# version 4 database in one transaction, with the import registry, so it resumes after the last
# batch without duplicate records. After N passes it exits gracefully (0) and reports what remains.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sb="$(cd "$root/.." && pwd)"
. "$sb/sandbox.conf"
route="${1:-}"
case "$route" in
  /Base/Import/Version3/*) limit="${route##*/}" ;;
  *) echo "Usage: php index.php /Base/Import/Version3/LIMITOFPASSES" >&2; exit 2 ;;
esac
[[ "$limit" =~ ^[0-9]+$ ]] && [ "$limit" -gt 0 ] || { echo "LIMITOFPASSES must be a number > 0: $limit" >&2; exit 2; }
read -r host; read -r name; read -r user; read -r password; read -r port
[ -n "$user" ] || { echo "Import: no user name given" >&2; exit 1; }
[ -f "$name" ] || { echo "Import: cannot connect to database '$name' on $host:$port" >&2; exit 1; }
v4db="$(sed -n "s/^define('DB_NAME', '\(.*\)');$/\1/p" "$root/__swift/config/config.php")"
v4version="$(sed -n "s/^define('SWIFT_VERSION', '\(.*\)');$/\1/p" "$root/__swift/swift.php")"
v3version="$(sqlite3 "$name" "SELECT data FROM swsettings WHERE vkey = 'version'")"
if [ "$(printf '%s\n%s\n' 3.60.00 "$v3version" | sort -V | head -1)" != 3.60.00 ]; then
  echo "It is not possible to upgrade to version 4 from any version older than 3.60.00 (found $v3version). Aborting." >&2
  exit 1
fi
if [ -e "$sb/FAIL_IMPORT" ] || [ "${KAYAKO_FAIL:-}" = import ]; then
  echo "Import: MySQL server has gone away (sandbox fault)" >&2
  exit 1
fi

sections=(staff users tickets ticketposts attachments kbarticles downloads comments)
# The v3 id column, and the INSERT ... SELECT of one batch (rows with id > :last, :batch of them).
idcol() {
  case "$1" in
    staff) echo staffid ;; users) echo userid ;; tickets) echo ticketid ;;
    ticketposts) echo ticketpostid ;; attachments) echo attachmentid ;;
    kbarticles) echo kbarticleid ;; downloads) echo downloaditemid ;; comments) echo commentid ;;
  esac
}
v3table() { case "$1" in downloads) echo swdownloaditems ;; *) echo "sw$1" ;; esac; }
filter() { case "$1" in comments) echo "AND isapproved = 1" ;; *) echo "" ;; esac; }
insert() { # SECTION WHERE
  local w="$2"
  case "$1" in
    # Collisions as the guide says: duplicate staff usernames get "_imp<RANDOMDATA>".
    staff) echo "INSERT INTO swstaff (username, importid) SELECT CASE WHEN EXISTS (SELECT 1 FROM swstaff s WHERE s.username = v.username) THEN v.username || '_imp' || lower(hex(randomblob(3))) ELSE v.username END, v.staffid FROM v3.swstaff v WHERE $w;" ;;
    users) echo "INSERT INTO swusers (email, importid) SELECT email, userid FROM v3.swusers WHERE $w;" ;;
    tickets) echo "INSERT INTO swtickets (subject, importid) SELECT subject, ticketid FROM v3.swtickets WHERE $w;" ;;
    ticketposts) echo "INSERT INTO swticketposts (ticketid, contents, importid) SELECT (SELECT t.ticketid FROM swtickets t WHERE t.importid = p.ticketid), contents, ticketpostid FROM v3.swticketposts p WHERE $w;" ;;
    attachments) echo "INSERT INTO swattachments (filename, storefilename, importid) SELECT filename, storefilename, attachmentid FROM v3.swattachments WHERE $w;" ;;
    # Private articles become drafts; duplicate titles get " (Import)".
    kbarticles) echo "INSERT INTO swkbarticles (subject, articlestatus, importkey) SELECT subject, CASE isprivate WHEN 1 THEN 'draft' ELSE 'published' END, 'kb' || kbarticleid FROM v3.swkbarticles WHERE $w;" ;;
    downloads) echo "INSERT INTO swkbarticles (subject, articlestatus, importkey) SELECT CASE WHEN EXISTS (SELECT 1 FROM swkbarticles k WHERE k.subject = d.title) THEN d.title || ' (Import)' ELSE d.title END, 'published', 'dl' || downloaditemid FROM v3.swdownloaditems d WHERE $w;" ;;
    comments) echo "INSERT INTO swcomments (contents, importid) SELECT contents, commentid FROM v3.swcomments WHERE $w;" ;;
  esac
}
q4() { sqlite3 -cmd ".timeout 5000" "$v4db" "$@"; }
remaining() {
  local total=0 s last n
  for s in "${sections[@]}"; do
    last="$(q4 "SELECT COALESCE((SELECT lastid FROM swimportregistry WHERE section = '$s'), 0)")"
    n="$(sqlite3 "$name" "SELECT count(*) FROM $(v3table "$s") WHERE $(idcol "$s") > $last $(filter "$s")")"
    total=$((total + n))
  done
  echo "$total"
}

echo "Kayako $v4version import from Kayako $v3version ($host:$port/$name), at most $limit pass(es)"
for ((pass = 1; pass <= limit; pass++)); do
  section=""
  for s in "${sections[@]}"; do
    if [ "$(q4 "SELECT count(*) FROM swimportregistry WHERE section = '$s' AND done = 1")" = 0 ]; then section="$s"; break; fi
  done
  if [ -z "$section" ]; then break; fi
  id="$(idcol "$section")"
  last="$(q4 "SELECT COALESCE((SELECT lastid FROM swimportregistry WHERE section = '$section'), 0)")"
  upto="$(sqlite3 "$name" "SELECT COALESCE(MAX($id), $last) FROM (SELECT $id FROM $(v3table "$section") WHERE $id > $last $(filter "$section") ORDER BY $id LIMIT $BATCH)")"
  more="$(sqlite3 "$name" "SELECT count(*) FROM $(v3table "$section") WHERE $id > $upto $(filter "$section")")"
  where="$id > $last AND $id <= $upto $(filter "$section")"
  done_flag=0; [ "$more" = 0 ] && done_flag=1
  sleep "${PASS_SLEEP:-0}"
  moved="$(q4 "ATTACH DATABASE '$name' AS v3; BEGIN IMMEDIATE; $(insert "$section" "$where")
    SELECT changes();
    INSERT INTO swimportregistry (section, lastid, done) VALUES ('$section', $upto, $done_flag)
      ON CONFLICT (section) DO UPDATE SET lastid = excluded.lastid, done = excluded.done;
    COMMIT;")"
  ids="$(sqlite3 "$name" "SELECT $id FROM $(v3table "$section") WHERE $where ORDER BY $id")"
  for i in $ids; do echo "import $section id=$i" >> "$sb/effects.log"; done
  echo "Pass $pass: $section: moved $moved record(s) (up to id $upto)"
done
left="$(remaining)"
if [ "$left" = 0 ]; then
  q4 "BEGIN; INSERT OR IGNORE INTO swimportregistry (section, lastid, done) VALUES ('complete', 0, 1);
      UPDATE swsettings SET data = '$v4version' WHERE vkey = 'version'; COMMIT;"
  echo "Import completed: nothing remains."
else
  echo "Import paused after $limit pass(es): $left record(s) remain; run the import again to resume."
fi
