#!/usr/bin/env bash
# Builds an imitation Arctyk ITSM installation (Django + Celery) in DIR at VERSION:
#   DIR/upstream.git        a bare "GitHub" repository with a tag v0.x.y per release
#   DIR/releases/arctyk-itsm-VERSION.tar.gz  the release archives (the same trees as the tags)
#   DIR/srv/arctyk-itsm     the checkout (inputs.root): a clone at vVERSION with the untracked
#                           .env (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS), .venv (pip and python
#                           stand-ins, installed.txt) and staticfiles/ (STATIC_ROOT)
#   DIR/db/arctyk.sqlite    the database (SQLite, the default; or the PostgreSQL database of --db):
#                           users, tickets, comments, recurring tickets, and django_migrations with
#                           VERSION's migrations applied
#   DIR/bin                 stand-in for systemctl (arctyk-web.service, arctyk-celery.service) and
#                           sandbox-sql, the one way every stand-in reaches the database
#   DIR/backups             inputs.backup_dir
#   DIR/effects.log         every change a stand-in makes, one line each
# Usage: build.sh [--db postgresql://USER@HOST:PORT/NAME] DIR VERSION [TICKETS]
#   TICKETS: how many, default 30. Without --db the database is a SQLite file. With --db it is
#   that existing, empty PostgreSQL database; the password (if the server asks for one) comes from
#   the environment variable SANDBOX_DB_PASSWORD and is kept in DIR/db/pgpass (mode 600), never on
#   a command line. psql must be installed (Debian: postgresql-client).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage="usage: build.sh [--db postgresql://USER@HOST:PORT/NAME] DIR VERSION [TICKETS]"
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
tickets="${3:-30}"
if [ -n "$db_url" ]; then
  [[ "$db_url" =~ ^postgres(ql)?://([^:@/]+)@([^:/]+):([0-9]+)/([A-Za-z0-9_]+)$ ]] \
    || { echo "--db takes postgresql://USER@HOST:PORT/NAME (the password in SANDBOX_DB_PASSWORD), not $db_url" >&2; exit 2; }
  pg_user="${BASH_REMATCH[2]}" pg_host="${BASH_REMATCH[3]}" pg_port="${BASH_REMATCH[4]}" pg_name="${BASH_REMATCH[5]}"
  command -v psql >/dev/null || { echo "psql is not installed (Debian: postgresql-client)" >&2; exit 2; }
fi
releases=(0.2.0 0.3.0 0.4.0)
printf '%s\n' "${releases[@]}" | grep -qx "$version" || { echo "unknown version $version (one of ${releases[*]})" >&2; exit 2; }

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
[ -e "$dir/srv" ] && { echo "$dir already holds a sandbox" >&2; exit 2; }
mkdir -p "$dir/bin" "$dir/db" "$dir/backups" "$dir/run" "$dir/releases"
cp "$here/standins/systemctl" "$here/standins/common.sh" "$dir/bin/"
: >"$dir/effects.log"

# --- sandbox-sql: runs SQL (its argument, else stdin) on the sandbox's database, stopping at the
# first error; prints one row per line, columns separated by |. Only this file knows the backend.
if [ -z "$db_url" ]; then
  database_url="sqlite:///$dir/db/arctyk.sqlite"
  cat >"$dir/bin/sandbox-sql" <<EOF2
#!/usr/bin/env bash
# The sandbox's database (SQLite): sandbox-sql [SQL]  (no SQL: the statements on stdin)
exec sqlite3 -bail "$dir/db/arctyk.sqlite" "\$@"
EOF2
else
  database_url="postgres://$pg_user@$pg_host:$pg_port/$pg_name"
  pgpass_escape() { printf '%s' "$1" | sed 's/[\\:]/\\&/g'; }
  ( umask 077; printf '%s:%s:%s:%s:%s\n' "$pg_host" "$pg_port" "$pg_name" "$pg_user" "$(pgpass_escape "${SANDBOX_DB_PASSWORD:-}")" >"$dir/db/pgpass" )
  cat >"$dir/bin/sandbox-sql" <<EOF2
#!/usr/bin/env bash
# The sandbox's database (PostgreSQL $pg_name on $pg_host:$pg_port as $pg_user; the password is
# read from $dir/db/pgpass): sandbox-sql [SQL]  (no SQL: the statements on stdin)
export PGPASSFILE="$dir/db/pgpass" PGCONNECT_TIMEOUT=10
if [ \$# -gt 0 ]; then set -- -c "\$1"; else set -- -f -; fi
exec psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_name" "\$@"
EOF2
fi
chmod +x "$dir/bin/sandbox-sql"
git_() { git -c user.name=sandbox -c user.email=sandbox@example.net -c advice.detachedHead=false -c init.defaultBranch=main "$@"; }

# --- the releases: one commit, tag and archive per version -----------------------------------
work="$dir/run/release-work"
rm -rf "$work" && mkdir -p "$work/src/migrations" "$work/src/static/scss" "$work/src/static/js" "$work/src/arctyk"
migration() { # migration VERSION -> the migrations that release adds (APP.NAME.sql)
  local m="$work/src/migrations"
  case "$1" in
    0.2.0)
      cat >"$m/accounts.0001_initial.sql" <<'SQL'
CREATE TABLE accounts_user (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT, is_staff INTEGER NOT NULL DEFAULT 0);
SQL
      cat >"$m/tickets.0001_initial.sql" <<'SQL'
CREATE TABLE tickets_ticket (id INTEGER PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL, reporter_id INTEGER NOT NULL REFERENCES accounts_user(id), assignee_id INTEGER REFERENCES accounts_user(id), created_at TEXT NOT NULL);
CREATE TABLE tickets_comment (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets_ticket(id), author_id INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE tickets_recurringticket (id INTEGER PRIMARY KEY, title TEXT NOT NULL, schedule TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1);
SQL
      ;;
    0.3.0)
      cat >"$m/tickets.0002_status_model.sql" <<'SQL'
-- 0.3: statuses become rows of their own; every ticket row is rewritten to point at its status
CREATE TABLE tickets_status (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO tickets_status (id, name) VALUES (1, 'new'), (2, 'in_progress'), (3, 'resolved'), (4, 'closed');
INSERT INTO tickets_status (id, name)
  SELECT 4 + ROW_NUMBER() OVER (ORDER BY d.status), d.status FROM (SELECT DISTINCT status FROM tickets_ticket) d
  WHERE d.status NOT IN ('new', 'in_progress', 'resolved', 'closed');
ALTER TABLE tickets_ticket ADD COLUMN status_id INTEGER REFERENCES tickets_status(id);
ALTER TABLE tickets_ticket ADD COLUMN updated_at TEXT;
UPDATE tickets_ticket SET status_id = (SELECT s.id FROM tickets_status s WHERE s.name = tickets_ticket.status), updated_at = created_at;
ALTER TABLE tickets_ticket DROP COLUMN status;
SQL
      ;;
    0.4.0)
      cat >"$m/tickets.0003_status_category.sql" <<'SQL'
-- 0.4: Jira-style categories (to do / in progress / done) for every status
ALTER TABLE tickets_status ADD COLUMN category TEXT NOT NULL DEFAULT 'todo';
UPDATE tickets_status SET category = CASE WHEN name IN ('resolved', 'closed') THEN 'done' WHEN name = 'new' THEN 'todo' ELSE 'in_progress' END;
SQL
      cat >"$m/tickets.0004_recurring_inactive.sql" <<'SQL'
-- 0.4: recurring tickets removed from the application; the records remain, inactive
UPDATE tickets_recurringticket SET active = 0;
SQL
      cat >"$m/workflow.0001_transitions.sql" <<'SQL'
CREATE TABLE workflow_transition (id INTEGER PRIMARY KEY, from_category TEXT NOT NULL, to_category TEXT NOT NULL);
INSERT INTO workflow_transition (id, from_category, to_category) VALUES (1, 'todo', 'in_progress'), (2, 'in_progress', 'done'), (3, 'done', 'in_progress');
SQL
      ;;
  esac
}
cat >"$work/.gitignore" <<'EOF2'
/.env
/.venv/
/staticfiles/
__pycache__/
EOF2
cat >"$work/src/manage.py" <<'EOF2'
#!/usr/bin/env python
"""Django's command-line utility for administrative tasks (run by the sandbox's python stand-in)."""
import os, sys
if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arctyk.settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
EOF2
cat >"$work/.env.example" <<'EOF2'
SECRET_KEY=change-me
DEBUG=False
ALLOWED_HOSTS=itsm.example.com
DATABASE_URL=postgres://arctyk_user:password@localhost:5432/arctyk_db
CELERY_BROKER_URL=redis://localhost:6379/0
EOF2
changelog=""
for v in "${releases[@]}"; do
  migration "$v"
  case "$v" in
    0.2.0) django=4.2.16; celery=5.3.6; breaking="(none)";
      echo '$primary: #0052cc;' >"$work/src/static/scss/_variables.scss"
      echo '@import "variables"; .recurring { color: $primary; }' >"$work/src/static/scss/main.scss"
      echo '// ticket forms: HTML responses' >"$work/src/static/js/tickets.js" ;;
    0.3.0) django=5.0.9; celery=5.4.0; breaking="(none)"
      echo '@import "variables"; .ticket-status { color: $primary; }' >"$work/src/static/scss/main.scss" ;;
    0.4.0) django=5.1.2; celery=5.4.0
      breaking="- Recurring Tickets Removed
- UI Overhaul (SCSS reorganized into base/, layout/, components/, views/)
- Workflow Changes: category-based transitions (WORKFLOW_TRANSITIONS)
- Create and Update ticket forms return JSON for AJAX requests"
      rm -f "$work/src/static/scss/"*.scss
      mkdir -p "$work/src/static/scss/base" "$work/src/static/scss/layout" "$work/src/static/scss/components" "$work/src/static/scss/views"
      echo '$primary: #0052cc;' >"$work/src/static/scss/base/_variables.scss"
      echo '.navbar {}' >"$work/src/static/scss/layout/_navbar.scss"
      echo '.badge {}' >"$work/src/static/scss/components/_badge.scss"
      echo '.ticket-detail {}' >"$work/src/static/scss/views/_tickets.scss"
      echo '@import "base/variables", "layout/navbar", "components/badge", "views/tickets";' >"$work/src/static/scss/main.scss"
      echo '// ticket forms: JSON responses to AJAX requests' >"$work/src/static/js/tickets.js" ;;
  esac
  cat >"$work/pyproject.toml" <<EOF2
[project]
name = "arctyk-itsm"
version = "$v"
description = "Arctyk ITSM - IT service management on Django (sandbox release $v)"
requires-python = ">=3.11"
EOF2
  cat >"$work/requirements.txt" <<EOF2
Django==$django
celery==$celery
psycopg==3.2.3
django-environ==0.11.2
gunicorn==23.0.0
EOF2
  cat >"$work/src/arctyk/settings.py" <<EOF2
# Arctyk ITSM $v settings (sandbox): everything site-specific comes from ROOT/.env
import environ
env = environ.Env()
DATABASES = {"default": env.db("DATABASE_URL")}
STATIC_ROOT = "staticfiles"
$( [ "$v" = 0.4.0 ] && echo 'WORKFLOW_TRANSITIONS = {"todo": ["in_progress"], "in_progress": ["done"], "done": ["in_progress"]}' )
EOF2
  changelog="## v$v

### Breaking changes
$breaking

$changelog"
  printf '# Changelog\n\n%s' "$changelog" >"$work/CHANGELOG.md"
  git_ -C "$work" init -q 2>/dev/null || true
  git_ -C "$work" add -A
  git_ -C "$work" commit -q -m "Arctyk ITSM v$v"
  git_ -C "$work" tag "v$v"
  git_ -C "$work" archive --format=tar.gz --prefix="arctyk-itsm-$v/" -o "$dir/releases/arctyk-itsm-$v.tar.gz" "v$v"
done
git_ clone -q --bare "$work" "$dir/upstream.git"
rm -rf "$work"

# --- the installation: a clone at vVERSION, its .env, virtualenv and static files ------------
root="$dir/srv/arctyk-itsm"
mkdir -p "$dir/srv"
git_ clone -q "$dir/upstream.git" "$root"
git_ -C "$root" checkout -q "v$version"
cat >"$root/.env" <<EOF2
SECRET_KEY=sandbox-secret-key-not-a-secret
DEBUG=False
ALLOWED_HOSTS=127.0.0.1,itsm.sandbox.example
DATABASE_URL=$database_url
CELERY_BROKER_URL=redis://localhost:6379/0
EOF2
mkdir -p "$root/.venv/bin"
cp "$here/standins/pip" "$here/standins/python" "$here/standins/common.sh" "$root/.venv/bin/"
echo "$dir" >"$root/.venv/SANDBOX"
"$root/.venv/bin/pip" install -r "$root/requirements.txt" >/dev/null

# --- the database at VERSION: the first migrations, data, then the rest (so they move rows) --
# Portable SQL (SQLite and PostgreSQL): every row gets its id explicitly.
sql="$dir/bin/sandbox-sql"
"$sql" "CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT NOT NULL, name TEXT NOT NULL, applied TEXT NOT NULL);"
id=0
for n in accounts.0001_initial tickets.0001_initial; do
  id=$((id + 1))
  { echo "BEGIN;"; cat "$root/src/migrations/$n.sql"; echo "INSERT INTO django_migrations (id, app, name, applied) VALUES ($id, '${n%%.*}', '${n#*.}', '2024-01-01 00:00:00');"; echo "COMMIT;"; } | "$sql"
done
{
  echo "BEGIN;"
  for u in $(seq 1 5); do echo "INSERT INTO accounts_user (id, username, email, is_staff) VALUES ($u, 'agent$u', 'agent$u@example.net', $([ "$u" = 1 ] && echo 1 || echo 0));"; done
  statuses=(new in_progress resolved closed)
  for i in $(seq 1 "$tickets"); do
    echo "INSERT INTO tickets_ticket (id, title, status, reporter_id, assignee_id, created_at) VALUES ($i, 'Ticket $i', '${statuses[$((i % 4))]}', $(( (i % 5) + 1 )), $(( ((i + 1) % 5) + 1 )), '2024-02-$(printf %02d $(( (i % 28) + 1 )))');"
    echo "INSERT INTO tickets_comment (id, ticket_id, author_id, body) VALUES ($((2 * i - 1)), $i, 1, 'First reply to ticket $i'), ($((2 * i)), $i, $(( (i % 5) + 1 )), 'Thanks');"
  done
  echo "INSERT INTO tickets_recurringticket (id, title, schedule) VALUES (1, 'Monthly patching', '0 3 1 * *'), (2, 'Weekly backup check', '0 8 * * 1'), (3, 'Quarterly access review', '0 9 1 */3 *');"
  echo "COMMIT;"
} | "$sql"
(cd "$root/src" && "$root/.venv/bin/python" manage.py migrate --noinput >/dev/null)
(cd "$root/src" && "$root/.venv/bin/python" manage.py collectstatic --noinput >/dev/null)
echo active >"$dir/run/arctyk-web.service.state"
echo active >"$dir/run/arctyk-celery.service.state"
: >"$dir/effects.log"
echo "Arctyk ITSM $version sandbox in $dir (root $root)"
