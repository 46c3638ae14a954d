# Sandbox stand-in for Kayako 4's console/index.php (run as "php index.php /Base/Import/Version3/N"
# from the console directory). Reads the version 3 database details from standard input (server,
# name, user, password, port; the name is a database of the sandbox: a SQLite file or a MariaDB
# database, reached through the sandbox's bin/sandbox-sql like all its SQL), and imports in passes:
# each pass moves one batch (BATCH rows of sandbox.conf) of the next unfinished section into the
# version 4 database in one transaction, with the import registry, so it resumes after the last
# batch without duplicate records. After N passes it exits gracefully (0) and reports what remains.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sb="$(cd "$root/.." && pwd)"
. "$sb/sandbox.conf"
sql="$sb/bin/sandbox-sql"
dialect="$("$sql" --dialect)"
route="${1:-}"
case "$route" in
  /Base/Import/Version3/*) limit="${route##*/}" ;;
  *) echo "Usage: php index.php /Base/Import/Version3/LIMITOFPASSES" >&2; exit 2 ;;
esac
[[ "$limit" =~ ^[0-9]+$ ]] && [ "$limit" -gt 0 ] || { echo "LIMITOFPASSES must be a number > 0: $limit" >&2; exit 2; }
read -r host; read -r name; read -r user; read -r password; read -r port
[ -n "$user" ] || { echo "Import: no user name given" >&2; exit 1; }
# The version 3 login as given (a SQLite file takes any): refused credentials or database stop here.
v3version="$(SANDBOX_SQL_USER="$user" SANDBOX_SQL_PASSWORD="$password" "$sql" "$name" \
  "SELECT data FROM swsettings WHERE vkey = 'version'" 2> /dev/null)" \
  || { echo "Import: cannot connect to database '$name' on $host:$port as $user" >&2; exit 1; }
v4db="$(sed -n "s/^define('DB_NAME', '\(.*\)');$/\1/p" "$root/__swift/config/config.php")"
v4version="$(sed -n "s/^define('SWIFT_VERSION', '\(.*\)');$/\1/p" "$root/__swift/swift.php")"
if [ "$(printf '%s\n%s\n' 3.60.00 "$v3version" | sort -V | head -1)" != 3.60.00 ]; then
  echo "It is not possible to upgrade to version 4 from any version older than 3.60.00 (found $v3version). Aborting." >&2
  exit 1
fi
if [ -e "$sb/FAIL_IMPORT" ] || [ "${KAYAKO_FAIL:-}" = import ]; then
  echo "Import: MySQL server has gone away (sandbox fault)" >&2
  exit 1
fi

# What SQLite and MariaDB write differently: version 3's tables seen from the version 4 database
# (an attached file, or the other database on the same server), random text, the row count of
# the last statement, a write transaction.
if [ "$dialect" = sqlite ]; then
  attach="ATTACH DATABASE '$name' AS v3;"; v3p="v3."; random="lower(hex(randomblob(3)))"
  rowcount="changes()"; begin="BEGIN IMMEDIATE;"
else
  attach=""; v3p="\`$name\`."; random="substr(md5(rand()), 1, 6)"; rowcount="ROW_COUNT()"; begin="BEGIN;"
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
    staff) echo "INSERT INTO swstaff (username, importid) SELECT CASE WHEN EXISTS (SELECT 1 FROM swstaff s WHERE s.username = v.username) THEN v.username || '_imp' || $random ELSE v.username END, v.staffid FROM ${v3p}swstaff v WHERE $w;" ;;
    users) echo "INSERT INTO swusers (email, importid) SELECT email, userid FROM ${v3p}swusers WHERE $w;" ;;
    tickets) echo "INSERT INTO swtickets (subject, importid) SELECT subject, ticketid FROM ${v3p}swtickets WHERE $w;" ;;
    ticketposts) echo "INSERT INTO swticketposts (ticketid, contents, importid) SELECT (SELECT t.ticketid FROM swtickets t WHERE t.importid = p.ticketid), contents, ticketpostid FROM ${v3p}swticketposts p WHERE $w;" ;;
    attachments) echo "INSERT INTO swattachments (filename, storefilename, importid) SELECT filename, storefilename, attachmentid FROM ${v3p}swattachments WHERE $w;" ;;
    # Private articles become drafts; duplicate titles get " (Import)".
    kbarticles) echo "INSERT INTO swkbarticles (subject, articlestatus, importkey) SELECT subject, CASE isprivate WHEN 1 THEN 'draft' ELSE 'published' END, 'kb' || kbarticleid FROM ${v3p}swkbarticles WHERE $w;" ;;
    downloads) echo "INSERT INTO swkbarticles (subject, articlestatus, importkey) SELECT CASE WHEN EXISTS (SELECT 1 FROM swkbarticles k WHERE k.subject = d.title) THEN d.title || ' (Import)' ELSE d.title END, 'published', 'dl' || downloaditemid FROM ${v3p}swdownloaditems d WHERE $w;" ;;
    comments) echo "INSERT INTO swcomments (contents, importid) SELECT contents, commentid FROM ${v3p}swcomments WHERE $w;" ;;
  esac
}
q4() { "$sql" "$v4db" "$@"; }
q3() { "$sql" "$name" "$@"; }
# The import registry as lines "SECTION LASTID DONE" (one query: a server round trip costs more than
# a SQLite file's), and a section's last id and done flag in such a snapshot.
registry() { q4 "SELECT section || ' ' || lastid || ' ' || done FROM swimportregistry"; }
lastid() { awk -v s="$1" '$1 == s { print $2; found = 1 } END { if (!found) print 0 }' <<< "$2"; }
isdone() { awk -v s="$1" '$1 == s && $3 == 1 { found = 1 } END { exit !found }' <<< "$2"; }
remaining() {
  local reg s sum=""
  reg="$(registry)"
  for s in "${sections[@]}"; do
    sum="$sum${sum:+ + }(SELECT count(*) FROM $(v3table "$s") WHERE $(idcol "$s") > $(lastid "$s" "$reg") $(filter "$s"))"
  done
  q3 "SELECT $sum"
}

echo "Kayako $v4version import from Kayako $v3version ($host:$port/$name), at most $limit pass(es)"
for ((pass = 1; pass <= limit; pass++)); do
  reg="$(registry)"
  section=""
  for s in "${sections[@]}"; do
    if ! isdone "$s" "$reg"; then section="$s"; break; fi
  done
  if [ -z "$section" ]; then break; fi
  id="$(idcol "$section")"
  last="$(lastid "$section" "$reg")"
  # The batch's ids and one more, if any (then the section is not done after this batch)
  next="$(q3 "SELECT $id FROM $(v3table "$section") WHERE $id > $last $(filter "$section") ORDER BY $id LIMIT $((BATCH + 1))")"
  ids="$(head -n "$BATCH" <<< "$next")"
  upto="$(tail -n 1 <<< "$ids")"; upto="${upto:-$last}"
  where="$id > $last AND $id <= $upto $(filter "$section")"
  done_flag=0; [ "$(grep -c . <<< "$next")" -le "$BATCH" ] && done_flag=1
  sleep "${PASS_SLEEP:-0}"
  moved="$(q4 "$attach $begin $(insert "$section" "$where")
    SELECT $rowcount;
    DELETE FROM swimportregistry WHERE section = '$section';
    INSERT INTO swimportregistry (section, lastid, done) VALUES ('$section', $upto, $done_flag);
    COMMIT;")"
  for i in $ids; do echo "import $section id=$i" >> "$sb/effects.log"; done
  echo "Pass $pass: $section: moved $moved record(s) (up to id $upto)"
done
left="$(remaining)"
if [ "$left" = 0 ]; then
  q4 "BEGIN; DELETE FROM swimportregistry WHERE section = 'complete';
      INSERT INTO swimportregistry (section, lastid, done) VALUES ('complete', 0, 1);
      UPDATE swsettings SET data = '$v4version' WHERE vkey = 'version'; COMMIT;"
  echo "Import completed: nothing remains."
else
  echo "Import paused after $limit pass(es): $left record(s) remain; run the import again to resume."
fi
