#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server for the store's tests, from Debian's packages.
#   .ci/postgres.sh start   → prints the DATABASE_URL to use
#   .ci/postgres.sh stop
# The server listens on 127.0.0.1:${PGPORT:-54329} with its data in ${PGDATA_DIR:-/tmp/restverdi-pg}.
set -euo pipefail
port="${PGPORT:-54329}"
dir="${PGDATA_DIR:-/tmp/restverdi-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

case "${1:-}" in
  start)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      echo "installing postgresql from Debian's packages" >&2
      if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
      $SUDO apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
      bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    as_pg "'$bin/pg_ctl' -D '$dir' status" >/dev/null 2>&1 && as_pg "'$bin/pg_ctl' -D '$dir' -m fast stop" >&2 || true
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "'$bin/initdb' -D '$dir' -U restverdi --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    as_pg "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" -w start" >&2
    as_pg "'$bin/createdb' -h 127.0.0.1 -p $port -U restverdi restverdi_test"
    echo "postgres://restverdi@127.0.0.1:$port/restverdi_test"
    ;;
  stop)
    if [ -n "$bin" ] && [ -d "$dir" ]; then as_pg "'$bin/pg_ctl' -D '$dir' -m fast stop" >&2 || true; fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
