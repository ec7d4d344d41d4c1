# shellcheck shell=bash
# Sourced by .ci/run (as root, after apt installed `postgresql`): start a private PostgreSQL server
# for the catalog tests and export TSBAREOS_PG_URL. It uses its own data directory under /tmp and a
# non-default port, so the distro cluster (if any) is left alone.
# Can also be sourced by hand on a developer machine (root or the postgres user's sudo needed).

tsbareos_pg_setup() {
  local bindir port dir sock role db password run_as
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "setup-postgres: no PostgreSQL server binaries under /usr/lib/postgresql" >&2
    return 1
  fi
  port="${TSBAREOS_PG_PORT:-55432}"
  dir="${TSBAREOS_PG_DIR:-/tmp/tsbareos-pg}"
  sock="$dir/socket"
  role=tsbareos
  db=tsbareos_test
  password=tsbareos

  # initdb refuses to run as root: run the server as the postgres system user when we are root.
  if [ "$(id -u)" = 0 ]; then run_as=(su postgres -s /bin/sh -c); else run_as=(sh -c); fi

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data" "$sock"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir"; fi
    "${run_as[@]}" "'$bindir/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if ! "${run_as[@]}" "'$bindir/pg_ctl' -D '$dir/data' status >/dev/null 2>&1"; then
    "${run_as[@]}" "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k $sock -c listen_addresses=127.0.0.1\" start >/dev/null" \
      || { cat "$dir/server.log" >&2; return 1; }
  fi
  local psql=("$bindir/psql" -h "$sock" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='$role'")" != 1 ]; then
    "${psql[@]}" -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB"
  fi
  if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$db'")" != 1 ]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE $db OWNER $role"
  fi
  export TSBAREOS_PG_URL="postgres://$role:$password@127.0.0.1:$port/$db"
  echo "setup-postgres: PostgreSQL $(basename "$(dirname "$bindir")") on 127.0.0.1:$port, TSBAREOS_PG_URL=$TSBAREOS_PG_URL"
}

tsbareos_pg_setup
