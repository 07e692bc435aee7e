#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests that run on PostgreSQL (see tests/README.md).
#
#   source tests/postgres.sh          # starts (or reuses) the server, exports CHATOPS_TEST_POSTGRES
#   tests/postgres.sh stop            # stops it and deletes its data
#
# Installs Debian's `postgresql` when no server binaries are found and we are root (CI). PostgreSQL refuses to run
# as root, so as root the cluster belongs to the `postgres` user (created by the package). The cluster lives in
# /tmp/chatops-pg-PORT (data) with its unix socket in /tmp, listens on 127.0.0.1:${CHATOPS_PG_PORT:-55432}, trusts
# loopback connections (test data only) and has one superuser `chatops`, which the tests use to create a fresh
# database per test class.
#
# The test server trades durability for speed (fsync, synchronous_commit and full_page_writes off). For the load
# harness's PostgreSQL figures (docs/benchmarks.md) start a durable one, PostgreSQL's defaults, on its own port:
#
#   CHATOPS_PG_DURABLE=1 source tests/postgres.sh      # 127.0.0.1:55433 unless CHATOPS_PG_PORT says otherwise
#   CHATOPS_PG_DURABLE=1 tests/postgres.sh stop
#
# CHATOPS_PG_STATEMENTS=1 (with either, when the server is started, not when it is reused) also loads
# pg_stat_statements, tracking every statement, to count what the server spends its time on under the load harness:
#
#   psql -h 127.0.0.1 -p 55433 -U chatops postgres -c 'SELECT pg_stat_statements_reset()'    # before a run
#   psql -h 127.0.0.1 -p 55433 -U chatops postgres -c 'SELECT calls, mean_exec_time, query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20'

if [ "${CHATOPS_PG_DURABLE:-0}" = 1 ]; then
  chatops_pg_port="${CHATOPS_PG_PORT:-55433}"
  chatops_pg_options=""
else
  chatops_pg_port="${CHATOPS_PG_PORT:-55432}"
  chatops_pg_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
if [ "${CHATOPS_PG_STATEMENTS:-0}" = 1 ]; then
  chatops_pg_options="$chatops_pg_options -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
fi
chatops_pg_dir="/tmp/chatops-pg-${chatops_pg_port}"

chatops_pg_bin() {
  local dir
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

chatops_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

chatops_pg_start() {
  local bin
  if ! bin=$(chatops_pg_bin); then
    if [ "$(id -u)" != 0 ]; then
      echo "postgres.sh: no PostgreSQL server binaries; install Debian's postgresql package" >&2
      return 1
    fi
    echo "postgres.sh: installing postgresql (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    bin=$(chatops_pg_bin) || return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
  fi

  if ! chatops_pg_as_owner "$bin/pg_ctl" -D "$chatops_pg_dir" status >/dev/null 2>&1; then
    rm -rf "$chatops_pg_dir"
    mkdir -p "$chatops_pg_dir"
    [ "$(id -u)" = 0 ] && chown postgres "$chatops_pg_dir"
    chmod 700 "$chatops_pg_dir"
    chatops_pg_as_owner "$bin/initdb" -D "$chatops_pg_dir" --username=chatops --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null || return 1
    chatops_pg_as_owner "$bin/pg_ctl" -D "$chatops_pg_dir" -l "$chatops_pg_dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $chatops_pg_port -k /tmp -c max_connections=400 $chatops_pg_options" \
      start >/dev/null || { cat "$chatops_pg_dir/server.log" >&2; return 1; }
    if [ "${CHATOPS_PG_STATEMENTS:-0}" = 1 ]; then
      local psql="$bin/psql"
      [ -x "$psql" ] || psql=psql
      "$psql" -h 127.0.0.1 -p "$chatops_pg_port" -U chatops -d postgres -qc 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' || return 1
    fi
  fi

  export CHATOPS_TEST_POSTGRES="Host=127.0.0.1;Port=${chatops_pg_port};Username=chatops;Database=postgres"
  echo "postgres.sh: PostgreSQL on 127.0.0.1:${chatops_pg_port} (data ${chatops_pg_dir}); CHATOPS_TEST_POSTGRES=${CHATOPS_TEST_POSTGRES}" >&2
}

chatops_pg_stop() {
  local bin
  bin=$(chatops_pg_bin) || return 0
  chatops_pg_as_owner "$bin/pg_ctl" -D "$chatops_pg_dir" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$chatops_pg_dir"
}

if [ "${1:-start}" = stop ]; then
  chatops_pg_stop
else
  chatops_pg_start
fi
