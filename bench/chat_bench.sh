#!/usr/bin/env bash
# The chat benchmark: the bare python-socketio server and Harbor through the same client
# harness, 50 and 200 members, one process and two processes with Redis between them.
# Harbor runs on the embedded default (SQLite) in one process, on PostgreSQL in two.
#   bench/chat_bench.sh [seconds-per-phase]     (results: bench/results/chat-*.txt)
# Needs: .venv with requirements.txt and bench/requirements.txt, Redis on 127.0.0.1:6379,
# PostgreSQL on 127.0.0.1:5432 (psql).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
SECS="${1:-15}"
REDIS="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/14}"
OUT=bench/results
mkdir -p "$OUT"
DB=/tmp/harbor-chatbench.sqlite3
TOKENS=/tmp/harbor-chatbench-tokens.txt
rm -f "$DB" "$DB"-wal "$DB"-shm
DATABASE_URL="sqlite:///$DB" $PY bench/chat_seed.py --members 200 --tokens "$TOKENS"
# Several processes are deployed on PostgreSQL (README): the two-process Harbor runs use it.
PG="${CHAT_BENCH_PG:-postgresql://postgres@127.0.0.1:5432/harbor_chatbench}"
PG_TOKENS=/tmp/harbor-chatbench-pg-tokens.txt
psql -q "${PG%/*}/postgres" -c "DROP DATABASE IF EXISTS ${PG##*/}" -c "CREATE DATABASE ${PG##*/}"
DATABASE_URL="$PG" $PY bench/chat_seed.py --members 200 --tokens "$PG_TOKENS"

pids=()
stop() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]:-}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
trap stop EXIT

bare() {  # port [redis]
  $PY bench/chat_bare_server.py --port "$1" ${2:+--redis "$2"} & pids+=($!)
}
harbor() {  # port [redis]  (with redis: the PostgreSQL database)
  DATABASE_URL="$([ -n "${2:-}" ] && echo "$PG" || echo "sqlite:///$DB")" SECRET_KEY=bench RATELIMIT_ENABLED=false SOCKETIO_ASYNC_MODE=gevent \
    REDIS_URL="${2:-}" $PY -m gunicorn --worker-class community.server.NoDelayGeventWorker --workers 1 \
    --bind "127.0.0.1:$1" --no-control-socket wsgi:app 2>>"$OUT/chat-server.log" & pids+=($!)
}

echo "| server | members | processes | delivered/s (max) | p50 at 20 msg/s | p99 at 20 msg/s | CPU/delivery at 20 msg/s | CPU/delivery at max | lost |" | tee "$OUT/chat-table.md"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" | tee -a "$OUT/chat-table.md"
for server in bare harbor; do
  for members in 50 200; do
    for procs in 1 2; do
      if [ "$procs" = 1 ]; then
        $server 5201; sleep 4
        args=(--url http://127.0.0.1:5201 --server-pid "${pids[0]}")
      else
        $server 5201 "$REDIS"; $server 5202 "$REDIS"; sleep 5
        args=(--url http://127.0.0.1:5201 --url2 http://127.0.0.1:5202 --server-pid "${pids[0]},${pids[1]}")
      fi
      if [ "$server" = bare ]; then args+=(--bare)
      elif [ "$procs" = 1 ]; then args+=(--tokens-file "$TOKENS" --room condition:bench)
      else args+=(--tokens-file "$PG_TOKENS" --room condition:bench); fi
      $PY bench/chat_bench.py "${args[@]}" --members "$members" --seconds "$SECS" --label "$server" | tail -1 | tee -a "$OUT/chat-table.md"
      stop; sleep 1
    done
  done
done
