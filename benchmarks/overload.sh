#!/usr/bin/env bash
# One open-loop overload run against a durable engine in its own process (benchmarks/overload.md):
# a fresh PostgreSQL database, the engine started with the given backlog bound
# (ROUTER_OVERLOAD_PENDING_MAX; 0 turns admission control off), the load generator's fixed POST
# schedule at the given rate (after an unmeasured warm-up run below capacity), every contact
# acknowledged in the measured run read back, the engine stopped.
#   benchmarks/overload.sh RATE PENDING_MAX OUT.md [more LoadGenerator options]
# CAPACITY_S=15 first measures the engine's closed-loop capacity with wrk (after the warm-up).
# OVERLOAD_DELAY_MS (ROUTER_OVERLOAD_DELAY_MS, default 500) and OVERLOAD_LAG_MS (ROUTER_OVERLOAD_LAG_MS,
# default 500) set the other two checks; 0 turns either off.
# Needs: benchmarks/target/benchmarks.jar and router/target/contact-router.jar (see README "Build"),
# PostgreSQL on 127.0.0.1:5432 (user postgres, trust). Loopback only; bounded in time.
set -euo pipefail
rate=$1; bound=$2; out=$3; shift 3
port=${OVERLOAD_PORT:-8095}
db=overload_bench
work=$(mktemp -d)
trap 'kill "$engine" 2>/dev/null || true; wait "$engine" 2>/dev/null || true; rm -rf "$work"' EXIT
java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator --write-keys "$work/keys.env" --agents 4 >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $db" -c "create database $db"
echo "load before: $(uptime)"
env $(cat "$work/keys.env") ROUTER_RATE_LIMIT_PER_SECOND=0 ROUTER_HTTP_PORT=$port ROUTER_HTTP_HOST=127.0.0.1 \
  ROUTER_PG_URL=postgresql://postgres@127.0.0.1:5432/$db ROUTER_OVERLOAD_PENDING_MAX=$bound ROUTER_OVERLOAD_LAG_MS=${OVERLOAD_LAG_MS:-500} \
  ROUTER_OVERLOAD_DELAY_MS=${OVERLOAD_DELAY_MS:-500} ROUTER_LOG_LEVEL=WARN \
  java -Xmx2g -jar router/target/contact-router.jar >"${ENGINE_LOG:-$work/engine.log}" 2>&1 &
engine=$!
for i in $(seq 1 360); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$engine" 2>/dev/null || { echo "the engine exited; see ${ENGINE_LOG:-its log}"; exit 1; }
  [ "$i" = 360 ] && { echo "the engine was not ready within 180 s"; exit 1; }
  sleep 0.5
done
# Warm the engine's JIT first, below capacity (${WARM_RATE:-150}/s for 20 s, not measured).
java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator \
  --url "http://127.0.0.1:$port" --keys "$work/keys.env" --skip-centre --skip-bare \
  --intake-rate "${WARM_RATE:-150}" --intake-warmup-s 10 --intake-s 10 >/dev/null
if [ -n "${CAPACITY_S:-}" ]; then
  # The engine's capacity in this configuration, closed loop, with a client that is not the
  # bottleneck: wrk, CAPACITY_CONNECTIONS (16) connections for CAPACITY_S seconds, the generator's
  # intake request (benchmarks/intake-post.lua, which intake-wrk.sh sends too). The open-loop
  # run's rate is then chosen from it (2x for the overload figures).
  if ! command -v wrk >/dev/null; then
    # As .ci/run installs what the tests need: apt-get, as root or with sudo.
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
  fi
  tel=$(sed 's/^ROUTER_API_KEYS=//' "$work/keys.env" | tr ',' '\n' | awk -F= '$2 == "telephony" { print $1; exit }')
  echo "load before the capacity run: $(uptime)"
  WRK_TELEPHONY_KEY=$tel wrk -t1 -c"${CAPACITY_CONNECTIONS:-16}" -d"${CAPACITY_S}s" --latency \
    -s benchmarks/intake-post.lua "http://127.0.0.1:$port/v1/contacts"
  curl -s "http://127.0.0.1:$port/metrics" | grep -E '^router_commands_shed_total' || true
fi
echo "load at start of the measured run: $(uptime)"
java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator \
  --url "http://127.0.0.1:$port" --keys "$work/keys.env" --skip-centre --skip-bare \
  --intake-rate "$rate" --verify-acks --out "$out" "$@"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^router_commands_(shed_total|pending)' || true
echo "load after: $(uptime)"
