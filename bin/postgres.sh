# Sourced by ./muster and .ci/run (bash): a PostgreSQL server for Muster, and its databases.
#
#   muster_pg_ensure [INSTALLER]   the server at $MUSTER_PG_HOST:$MUSTER_PG_PORT lets $MUSTER_PG_USER in (with
#                                  $MUSTER_PG_PASSWORD, empty for none). Where that fails and the server is a
#                                  local Debian cluster (loopback): start it, give loopback connections trust
#                                  authentication. INSTALLER (a command taking package names, e.g. .ci/run's
#                                  apt_install) may install the client and the server and create a cluster;
#                                  without it nothing is installed and what is missing is explained.
#   muster_pg_create_databases NAME...   creates each database that does not exist yet
#   muster_pg_service_database NAME SECRETS   the database NAME, owned by the role NAME (login, not a superuser, a
#                                  member of muster_services) whose password is in SECRETS/postgres-NAME (made
#                                  once, mode 0600); no other role but superusers may connect to it
#   muster_pg_require_passwords    the group muster_services exists and, on a local Debian cluster, pg_hba.conf makes
#                                  its members log in over loopback with their password (scram-sha-256), whatever
#                                  the lines below it allow others (e.g. trust for postgres)
#   muster_psql ARGS...            psql on the server's postgres database: quiet, unaligned, stops on errors
#
# Defaults: 127.0.0.1, 5432, postgres, no password (stack.env's values). Messages go to stderr; a function that
# fails says why and returns 1, and its caller exits.

muster_pg_say() { printf '  %s\n' "$*" >&2; }
muster_pg_fail() { printf 'postgres: %s\n' "$*" >&2; return 1; }

muster_psql() {
  PGPASSWORD="${MUSTER_PG_PASSWORD:-}" PGCONNECT_TIMEOUT=3 psql -X -h "${MUSTER_PG_HOST:-127.0.0.1}" \
    -p "${MUSTER_PG_PORT:-5432}" -U "${MUSTER_PG_USER:-postgres}" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

muster_pg_ok() { muster_psql -c 'SELECT 1' > /dev/null 2>&1; }

muster_pg_local() { case "${MUSTER_PG_HOST:-127.0.0.1}" in 127.0.0.1|localhost|::1) return 0 ;; *) return 1 ;; esac; }

muster_pg_listening() { (exec 3<> "/dev/tcp/127.0.0.1/${MUSTER_PG_PORT:-5432}") 2> /dev/null; }

muster_pg_cluster() { # "VERSION NAME" of the local Debian cluster on the port, if any
  command -v pg_lsclusters > /dev/null || return 0
  pg_lsclusters -h 2> /dev/null | awk -v p="${MUSTER_PG_PORT:-5432}" '$3 == p { print $1 " " $2; exit }'
}

muster_pg_trust() { # VERSION NAME: loopback needs no password; succeeds when pg_hba.conf was changed
  local hba="/etc/postgresql/$1/$2/pg_hba.conf"
  [ -w "$hba" ] || return 1
  grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba" && return 1
  muster_pg_say "giving 127.0.0.1 and ::1 trust authentication in $hba"
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
}

muster_pg_ensure() { # [INSTALLER]
  local installer="${1:-}" port="${MUSTER_PG_PORT:-5432}" err cluster
  if ! command -v psql > /dev/null; then
    [ -n "$installer" ] || muster_pg_fail "psql is missing. Install it: apt-get install -y postgresql-client
  (and, for a local server, apt-get install -y postgresql)" || return 1
    "$installer" postgresql-client || return 1
  fi
  muster_pg_ok && return 0
  if ! muster_pg_local; then
    err="$(muster_psql -c 'SELECT 1' 2>&1 > /dev/null)"
    muster_pg_fail "cannot reach PostgreSQL at $MUSTER_PG_HOST:$port as ${MUSTER_PG_USER:-postgres}: ${err:-no answer}
  (set MUSTER_PG_HOST / MUSTER_PG_PORT / MUSTER_PG_USER / MUSTER_PG_PASSWORD, or start the server)"
    return 1
  fi
  cluster="$(muster_pg_cluster)"
  if [ -z "$cluster" ] && ! muster_pg_listening; then
    if [ -z "$installer" ]; then
      if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null; then
        muster_pg_fail "no PostgreSQL server on 127.0.0.1:$port, and none is installed. Install and start one:
  apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"
        return 1
      fi
      muster_pg_fail "no PostgreSQL server answers on 127.0.0.1:$port (installed, but no cluster on port $port:
  see pg_lsclusters and /var/log/postgresql/), or set MUSTER_PG_HOST / MUSTER_PG_PORT"
      return 1
    fi
    command -v pg_ctlcluster > /dev/null || "$installer" postgresql || return 1
    cluster="$(muster_pg_cluster)"
    if [ -z "$cluster" ]; then
      local version
      version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2> /dev/null | sort -V | tail -1)"
      [ -n "$version" ] || { muster_pg_fail "PostgreSQL is installed but no server version is under /usr/lib/postgresql"; return 1; }
      muster_pg_say "creating the PostgreSQL cluster $version main on port $port"
      pg_createcluster -p "$port" "$version" main > /dev/null || { muster_pg_fail "pg_createcluster failed"; return 1; }
      cluster="$version main"
    fi
  fi
  if [ -z "$cluster" ]; then
    err="$(muster_psql -c 'SELECT 1' 2>&1 > /dev/null)"
    muster_pg_fail "something listens on 127.0.0.1:$port but is not a local Debian cluster, and ${MUSTER_PG_USER:-postgres} cannot log in: ${err:-no answer}"
    return 1
  fi
  local changed=0
  # shellcheck disable=SC2086
  muster_pg_trust $cluster && changed=1
  if muster_pg_listening; then
    # shellcheck disable=SC2086
    [ "$changed" = 1 ] && pg_ctlcluster --skip-systemctl-redirect $cluster reload
  else
    muster_pg_say "starting the local PostgreSQL cluster $cluster: pg_ctlcluster --skip-systemctl-redirect $cluster start"
    # shellcheck disable=SC2086
    pg_ctlcluster --skip-systemctl-redirect $cluster start || { muster_pg_fail "could not start the PostgreSQL cluster $cluster"; return 1; }
  fi
  local _
  for _ in $(seq 1 60); do muster_pg_ok && return 0; sleep 0.5; done
  err="$(muster_psql -c 'SELECT 1' 2>&1 > /dev/null)"
  muster_pg_fail "PostgreSQL on 127.0.0.1:$port does not let ${MUSTER_PG_USER:-postgres} in: ${err:-no answer}
  (give 127.0.0.1 'trust' in pg_hba.conf of the cluster $cluster, or set MUSTER_PG_PASSWORD)"
}

muster_pg_create_databases() { # NAME...
  local db
  for db in "$@"; do
    [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { muster_pg_fail "not a database name: '$db'"; return 1; }
    if [ -z "$(muster_psql -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      muster_psql -c "CREATE DATABASE \"$db\"" > /dev/null || { muster_pg_fail "could not create the database $db"; return 1; }
      muster_pg_say "created database $db"
    fi
  done
}

MUSTER_PG_SERVICE_GROUP=muster_services

muster_pg_service_group() {
  [ -n "$(muster_psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$MUSTER_PG_SERVICE_GROUP'")" ] && return 0
  muster_psql -c "CREATE ROLE $MUSTER_PG_SERVICE_GROUP NOLOGIN" > /dev/null \
    || { muster_pg_fail "could not create the group role $MUSTER_PG_SERVICE_GROUP"; return 1; }
}

muster_pg_require_passwords() {
  muster_pg_service_group || return 1
  muster_pg_local || return 0
  local cluster hba
  cluster="$(muster_pg_cluster)"
  [ -n "$cluster" ] || return 0
  # shellcheck disable=SC2086
  set -- $cluster
  hba="/etc/postgresql/$1/$2/pg_hba.conf"
  grep -Eq "^host[[:space:]]+all[[:space:]]+\+$MUSTER_PG_SERVICE_GROUP[[:space:]]+127\.0\.0\.1/32[[:space:]]+scram-sha-256" "$hba" 2> /dev/null \
    && return 0
  if [ ! -w "$hba" ]; then
    muster_pg_say "note: $hba is not writable: the service roles may log in without their password"
    return 0
  fi
  muster_pg_say "making the members of $MUSTER_PG_SERVICE_GROUP log in with their password (scram-sha-256) in $hba"
  sed -i "1i host all +$MUSTER_PG_SERVICE_GROUP 127.0.0.1/32 scram-sha-256\nhost all +$MUSTER_PG_SERVICE_GROUP ::1/128 scram-sha-256" "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$1" "$2" reload
}

muster_pg_service_database() { # NAME SECRETS
  local db="$1" file="$2/postgres-$1" password
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { muster_pg_fail "not a database name: '$db'"; return 1; }
  muster_pg_service_group || return 1
  if [ ! -s "$file" ]; then
    (umask 077 && mkdir -p "$2" && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$file")
  fi
  password="$(cat "$file")"
  if [ -z "$(muster_psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$db'")" ]; then
    muster_psql -c "CREATE ROLE $db LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE $MUSTER_PG_SERVICE_GROUP" > /dev/null \
      || { muster_pg_fail "could not create the role $db"; return 1; }
    muster_pg_say "created role $db"
  fi
  # the password through stdin, never on a command line
  printf "ALTER ROLE %s LOGIN NOSUPERUSER PASSWORD '%s';\n" "$db" "$password" | muster_psql > /dev/null \
    || { muster_pg_fail "could not set the password of the role $db"; return 1; }
  muster_pg_create_databases "$db" || return 1
  muster_psql -c "ALTER DATABASE $db OWNER TO $db" -c "REVOKE ALL ON DATABASE $db FROM PUBLIC" > /dev/null \
    || { muster_pg_fail "could not give the database $db to its role"; return 1; }
  # a database made before the roles (by the administrator): give its objects to the role
  PGPASSWORD="${MUSTER_PG_PASSWORD:-}" PGCONNECT_TIMEOUT=3 psql -X -h "${MUSTER_PG_HOST:-127.0.0.1}" -p "${MUSTER_PG_PORT:-5432}" \
    -U "${MUSTER_PG_USER:-postgres}" -d "$db" -v ON_ERROR_STOP=1 -qtA > /dev/null << SQL \
    || { muster_pg_fail "could not give the objects of the database $db to its role"; return 1; }
SELECT format('ALTER %s public.%I OWNER TO $db', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
         WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> '$db'
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
\\gexec
SELECT format('ALTER FUNCTION public.%I(%s) OWNER TO $db', p.proname, pg_get_function_identity_arguments(p.oid))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '$db'
\\gexec
SQL
}
