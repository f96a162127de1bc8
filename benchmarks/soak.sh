#!/usr/bin/env bash
# Memory soak (benchmarks/soak.md): the engine jar in its own JVM, durable (a fresh PostgreSQL
# database it creates and drops, timers in its own Redis database), driven by the load generator
# at a moderate fixed rate for DURATION minutes with a service mix (sales and their return visits,
# complaint cases taken to closing, Idempotency-Keys on every agent call). Once a minute it forces
# a GC and records the heap used after it, the RSS and the journal's sequence number in a CSV
# under benchmarks/results/, then prints first half against second half and the second half's
# slope.
#   DURATION=30 benchmarks/soak.sh            (run from the repository root)
# Needs: router/target/contact-router.jar and benchmarks/target/benchmarks.jar (README "Build"),
# PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis on 127.0.0.1:6379, jcmd (the JDK).
# Loopback only; bounded in time (the run, plus at most 3 minutes to start and 2 to drain).
set -euo pipefail
duration=${DURATION:-30}            # minutes of load
rate=${RATE:-10}                    # contacts/s offered
agents=${AGENTS:-40}
sample_s=${SAMPLE_S:-60}
port=${SOAK_PORT:-8096}
redis_db=${SOAK_REDIS_DB:-11}
heap=${SOAK_HEAP:-512m}
# Retention small enough that every bound is reached in the first minutes of even a short run:
# the second half then shows the steady state, not the fill.
retain_contacts=${RETAIN_CONTACTS:-2000}
retain_cases=${RETAIN_CASES:-100}
idem_keys=${IDEMPOTENCY_KEYS:-2000}
idem_ttl=${IDEMPOTENCY_TTL_SECONDS:-120}

db=soak_$$
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p benchmarks/results
csv=benchmarks/results/soak-$stamp.csv
report=benchmarks/results/soak-$stamp.md
work=$(mktemp -d)
engine=""
generator=""
cleanup() {
  [ -n "$generator" ] && kill "$generator" 2>/dev/null || true
  [ -n "$engine" ] && { kill "$engine" 2>/dev/null || true; wait "$engine" 2>/dev/null || true; }
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $db" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 -n "$redis_db" flushdb >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator \
  --write-keys "$work/keys.env" --agents "$agents" >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "create database $db"
redis-cli -h 127.0.0.1 -n "$redis_db" flushdb >/dev/null
env $(cat "$work/keys.env") ROUTER_HTTP_PORT=$port ROUTER_HTTP_HOST=127.0.0.1 ROUTER_RATE_LIMIT_PER_SECOND=0 \
  ROUTER_PG_URL=postgresql://postgres@127.0.0.1:5432/$db ROUTER_REDIS_URL=redis://127.0.0.1:6379/$redis_db \
  ROUTER_RETAIN_ENDED_CONTACTS=$retain_contacts ROUTER_RETAIN_CLOSED_CASES=$retain_cases \
  ROUTER_IDEMPOTENCY_KEYS=$idem_keys ROUTER_IDEMPOTENCY_TTL_SECONDS=$idem_ttl ROUTER_LOG_LEVEL=WARN \
  java -Xms$heap -Xmx$heap -XX:+UseG1GC -XX:+AlwaysPreTouch -jar router/target/contact-router.jar >"${ENGINE_LOG:-$work/engine.log}" 2>&1 &
engine=$!
for i in $(seq 1 360); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$engine" 2>/dev/null || { echo "the engine exited; see ${ENGINE_LOG:-its log}"; cat "$work/engine.log" 2>/dev/null | tail -20; exit 1; }
  [ "$i" = 360 ] && { echo "the engine was not ready within 180 s"; exit 1; }
  sleep 0.5
done

java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator \
  --url "http://127.0.0.1:$port" --keys "$work/keys.env" --skip-intake --skip-bare \
  --agents "$agents" --queues 2 --rate "$rate" --warmup-s 0 --duration $((duration * 60)) \
  --max-contacts 100000000 --think-ms 50 --handle-ms 2000 --wrap-up-s 1 --patience-ms 30000 --drain-s 30 \
  --sale-share 0.2 --complaint-share 0.05 --return-visit-s 30 --idempotency-keys \
  --out "$report" >"$work/generator.log" 2>&1 &
generator=$!

sample() { # elapsed seconds -> one CSV row
  jcmd "$engine" GC.run >/dev/null
  local heap_kb rss_kb seq
  heap_kb=$(jcmd "$engine" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$engine/status")
  seq=$(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "select coalesce(max(seq), 0) from journal_events")
  echo "$1,$heap_kb,$rss_kb,$seq" >>"$csv"
}
echo "elapsed_s,heap_after_gc_kb,rss_kb,journal_seq" >"$csv"
echo "soak: $duration min at $rate contacts/s, $agents agents, engine pid $engine, heap $heap; samples every ${sample_s}s -> $csv"
start=$(date +%s)
next=$start
limit=$((start + duration * 60 + 300))
while kill -0 "$generator" 2>/dev/null && [ "$(date +%s)" -lt "$limit" ]; do
  if [ "$(date +%s)" -ge "$next" ]; then
    sample $(( $(date +%s) - start ))
    tail -1 "$csv"
    next=$((next + sample_s))
  fi
  sleep 1
done
sample $(( $(date +%s) - start ))
if ! wait "$generator"; then
  echo "the load generator failed:"; tail -20 "$work/generator.log"; exit 1
fi
generator=""
echo "journal by type:"
psql -tA -F ' ' -h 127.0.0.1 -U postgres -d "$db" -c \
  "select type, count(*) from journal_events group by type order by count(*) desc" | sed 's/^/  /'
grep -E "service mix|counts:|first unexpected" "$report" || true

python3 - "$csv" <<'EOF'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]))]
t = [int(r["elapsed_s"]) / 60 for r in rows]
heap = [int(r["heap_after_gc_kb"]) / 1024 for r in rows]
rss = [int(r["rss_kb"]) / 1024 for r in rows]
half = len(rows) // 2
def mean(xs): return sum(xs) / len(xs) if xs else float("nan")
def slope(xs, ys):
    if len(xs) < 2: return float("nan")
    mx, my = mean(xs), mean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")
print(f"samples: {len(rows)}, journal seq {rows[0]['journal_seq']} -> {rows[-1]['journal_seq']}")
for name, ys in (("heap after GC", heap), ("RSS", rss)):
    print(f"{name:14s} first half mean {mean(ys[:half]):8.1f} MiB, second half mean {mean(ys[half:]):8.1f} MiB, "
          f"second half slope {slope(t[half:], ys[half:]):+7.2f} MiB/min, max {max(ys):8.1f} MiB")
EOF
echo "CSV: $csv  report: $report"
