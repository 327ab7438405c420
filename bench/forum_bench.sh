#!/usr/bin/env bash
# Load a seeded database's thread page (20 posts) and condition page with wrk.
#   bench/forum_bench.sh DATABASE_URL THREAD_ID CONDITION_SLUG [seconds]
# Serves with gunicorn, 2 gevent workers (sharing chat through Redis, as a 2-process deployment
# must), 8 connections from wrk on the same 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
db="$1"; thread="$2"; slug="$3"; secs="${4:-15}"
port=$((20000 + RANDOM % 10000))
export DATABASE_URL="$db" HARBOR_ENV=development SECRET_KEY=bench RATELIMIT_ENABLED=false \
       SOCKETIO_ASYNC_MODE=gevent REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/14}"
.venv/bin/python -m gunicorn --worker-class community.server.NoDelayGeventWorker --workers 2 \
  --bind 127.0.0.1:$port --no-control-socket --log-level warning wsgi:app &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$port/login && break; sleep 0.2; done
for path in "/t/$thread" "/c/$slug"; do
  curl -sf -o /dev/null "http://127.0.0.1:$port$path"   # warm up
  wrk -t2 -c8 -d3s "http://127.0.0.1:$port$path" > /dev/null
  echo "== $path"
  wrk -t2 -c8 -d${secs}s --latency "http://127.0.0.1:$port$path" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
done
