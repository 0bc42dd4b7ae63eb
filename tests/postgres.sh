#!/usr/bin/env bash
# Sourced by tests/run.sh: starts a throwaway PostgreSQL on loopback for the PostgreSQL log-store tests and exports
# DRIFTBOARD_TEST_POSTGRES (an Npgsql connection string). The server lives in a temp folder and stops when the run ends.
# Needs the OS package postgresql (installed by run.sh when missing). PostgreSQL refuses to run as root, so as root the
# server runs as the 'postgres' system user that the package creates.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "tests/postgres.sh: PostgreSQL binaries not found under /usr/lib/postgresql" >&2
  return 1
fi

pg_dir=$(mktemp -d /tmp/driftboard-pg.XXXXXX)
# A free loopback port, so two runs on one machine don't collide.
pg_port=${DRIFTBOARD_TEST_POSTGRES_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"

as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U driftboard --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; return 1; }
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$pg_dir/server.log" >&2; return 1; }
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U driftboard driftboard_test

stop_postgres() { as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
export DRIFTBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=driftboard;Database=driftboard_test;Pooling=true"
echo "tests/postgres.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
