# Sandbox stand-in for Kayako 3's cli/moveattachments.php (run as "php cli/moveattachments.php";
# the sandbox's php runs it with bash). Moves every attachment stored in the database
# (swattachmentchunks) into the files directory, one attachment per transaction, so a crash leaves
# each attachment either moved or still in the database. Its SQL runs through the sandbox's
# bin/sandbox-sql (SQLite file or MariaDB database, $_DB["name"] of config/config.php).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sb="$(cd "$root/.." && pwd)"
. "$sb/sandbox.conf"
sql="$sb/bin/sandbox-sql"
db="$(sed -n 's/^\$_DB\["name"\] = "\(.*\)";$/\1/p' "$root/config/config.php")"
if [ -e "$sb/FAIL_MOVE_ATTACHMENTS" ] || [ "${KAYAKO_FAIL:-}" = move-attachments ]; then
  echo "moveattachments: cannot write to $root/files: Permission denied (sandbox fault)" >&2
  exit 1
fi
ids="$("$sql" "$db" "SELECT DISTINCT attachmentid FROM swattachmentchunks ORDER BY attachmentid")"
moved=0
for id in $ids; do
  file="attach_${id}_$(date +%s%N)"
  "$sql" "$db" "SELECT contents FROM swattachmentchunks WHERE attachmentid = $id ORDER BY chunkid" \
    > "$root/files/$file"
  "$sql" "$db" "BEGIN; UPDATE swattachments SET storefilename = '$file' WHERE attachmentid = $id;
    DELETE FROM swattachmentchunks WHERE attachmentid = $id; COMMIT;"
  echo "moveattachments attachment=$id" >> "$sb/effects.log"
  echo "Moved attachment $id to files/$file"
  moved=$((moved + 1))
  sleep "${PASS_SLEEP:-0}"
done
echo "Done: $moved attachment(s) moved to $root/files"
