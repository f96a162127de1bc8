#!/usr/bin/env bash
# Measures calls through the switch into a durable engine: SIPp callers -> Kamailio -> bridge ->
# engine (PostgreSQL journal, Redis timers) -> offers -> SIPp agent phones, at increasing call
# rates. For each rate it prints the calls placed, how many failed, and the setup delay (the
# caller's INVITE to the first 180, i.e. the chosen agent's phone rings) and answer delay
# percentiles as SIPp measured them; then the highest rate sustained with 0 failed calls.
#
#   deploy/telephony/bench.sh                      # rates 5 10 20 40 80, 20 s each
#   RATES="10 20" SECONDS_PER_RATE=30 deploy/telephony/bench.sh
#
# Needs: the built jars (mvn -B -q -DskipTests package), kamailio and sipp
# (deploy/telephony/install-deps.sh), PostgreSQL on 127.0.0.1:5432 (user postgres, trust; a
# database of its own is created and dropped) and redis-server (one of its own is started).
# Everything runs on loopback; everything it started is stopped when it ends.
#
# Settings: RATES, SECONDS_PER_RATE (20), AGENTS (200), PHONES (4 SIPp processes sharing the
# agents), ANSWER_MS (100: ring time before a phone answers), TALK_MS (500), WRAP_UP (0 s),
# KEEP=1 keeps the work directory (logs, SIPp statistics).
set -euo pipefail
# Debian installs kamailio in /usr/sbin, which is not on every user's PATH
PATH="$PATH:/usr/sbin:/sbin"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RATES="${RATES:-5 10 20 40 80}"
SECONDS_PER_RATE="${SECONDS_PER_RATE:-20}"
AGENTS="${AGENTS:-200}"
PHONES="${PHONES:-4}"
ANSWER_MS="${ANSWER_MS:-100}"
TALK_MS="${TALK_MS:-500}"
WRAP_UP="${WRAP_UP:-0}"
ENGINE_JAR="$REPO/router/target/contact-router.jar"
BRIDGE_JAR="$REPO/telephony/target/telephony-bridge.jar"

die() {
  echo "bench.sh: $*" >&2
  exit 2
}
for tool in kamailio sipp java curl createdb dropdb redis-server; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (kamailio and sipp: deploy/telephony/install-deps.sh)"
done
[ -f "$ENGINE_JAR" ] && [ -f "$BRIDGE_JAR" ] || die "build first: mvn -B -q -DskipTests package"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/telephony-bench.XXXXXX")"
PIDS=()
DB="telephony_bench_$$"
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${PIDS[@]}"; do
    pkill -KILL -P "$p" 2>/dev/null || true
    kill -KILL "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then echo "bench.sh: logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# a loopback port free for TCP and UDP, below the ephemeral range; port 4 gives the first of four
# (SIPp's media port: it binds the port and the three above it, for RTP, RTCP and video)
port() {
  local p span="${1:-1}"
  while :; do
    p=$(( (20000 + RANDOM % 12000) & ~(span > 1 ? 1 : 0) ))
    if ! ss -Hltun "( sport >= :$p and sport <= :$((p + span - 1)) )" 2>/dev/null | grep -q .; then
      echo "$p"
      return
    fi
  done
}
ENGINE_PORT=$(port); SIP_PORT=$(port); EVAPI_PORT=$(port); REDIS_PORT=$(port)
TEL="tel-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADM="adm-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SUP="sup-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

createdb -h 127.0.0.1 -U postgres "$DB"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" > "$WORK/redis.log" 2>&1 &
PIDS+=($!)

ROUTER_HTTP_PORT=$ENGINE_PORT ROUTER_HTTP_HOST=127.0.0.1 ROUTER_LOG_LEVEL=WARN \
  ROUTER_PG_URL="postgresql://postgres@127.0.0.1:5432/$DB" ROUTER_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" \
  ROUTER_API_KEYS="$TEL=telephony,$ADM=admin,$SUP=supervisor" \
  java -Xmx1g -jar "$ENGINE_JAR" > "$WORK/engine.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 900); do
  curl -sf "http://127.0.0.1:$ENGINE_PORT/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$ENGINE_PORT/health" >/dev/null || die "the engine did not start (see $WORK/engine.log)"

ROUTER_URL="http://127.0.0.1:$ENGINE_PORT" ROUTER_TELEPHONY_KEY="$TEL" SIP_LISTEN="127.0.0.1:$SIP_PORT" \
  EVAPI_LISTEN="127.0.0.1:$EVAPI_PORT" RUN_DIR="$WORK/kamailio" KAMAILIO_LOG_LEVEL=0 TELEPHONY_LOG_LEVEL=INFO \
  bash "$HERE/run.sh" > "$WORK/switch.log" 2>&1 &
PIDS+=($!)

api() { # method path key [body]
  local out
  out=$(curl -sS -o /dev/stderr -w '%{http_code}' -X "$1" "http://127.0.0.1:$ENGINE_PORT$2" -H "Authorization: Bearer $3" \
    -H 'Content-Type: application/json' ${4:+-d "$4"} 2>>"$WORK/api.log")
  [ "${out:0:1}" = 2 ] || die "$1 $2 answered $out (see $WORK/api.log)"
}
api PUT /v1/queues/bench "$ADM" "{\"name\":\"Bench\",\"channel\":\"voice\",\"skills\":{\"bench\":1},\"offerTimeoutSeconds\":15,\"wrapUpSeconds\":$WRAP_UP}"

# the phones: each SIPp UAS answers for AGENTS/PHONES agents (sip:bench-N@127.0.0.1:<its port>)
PHONE_PORTS=()
for i in $(seq 1 "$PHONES"); do
  p=$(port)
  PHONE_PORTS+=("$p")
  (cd "$WORK" && exec sipp -sf "$HERE/sipp/agent.xml" -i 127.0.0.1 -p "$p" -mp "$(port 4)" -d "$ANSWER_MS" -nostdin \
    -trace_err -error_file "$WORK/phone-$i.err" > "$WORK/phone-$i.out" 2>&1) &
  PIDS+=($!)
done
for n in $(seq 1 "$AGENTS"); do
  p=${PHONE_PORTS[$(( (n - 1) % PHONES ))]}
  api PUT "/v1/agents/bench-$n" "$ADM" "{\"name\":\"Bench $n\",\"skills\":{\"bench\":3},\"capacity\":{\"voice\":1},\"devices\":{\"sip\":\"sip:bench-$n@127.0.0.1:$p\"}}"
  api PUT "/v1/agents/bench-$n/status" "$SUP" '{"status":"available"}'
done

for _ in $(seq 1 150); do
  grep -q "event stream open" "$WORK/switch.log" 2>/dev/null && break
  sleep 0.2
done
grep -q "event stream open" "$WORK/switch.log" || die "the bridge did not connect (see $WORK/switch.log)"

percentile() { # p file-of-numbers
  sort -n "$2" | awk -v p="$1" '{v[NR]=$1} END {if (NR==0) {print "-"; exit} i=int((p/100)*NR+0.999999); if (i<1) i=1; if (i>NR) i=NR; printf "%.0f", v[i]}'
}

echo
echo "switch bench: $AGENTS agents on $PHONES SIPp phones (answer after $ANSWER_MS ms), talk $TALK_MS ms, wrap-up $WRAP_UP s,"
echo "durable engine (PostgreSQL + Redis), $(nproc) cores, $(java -version 2>&1 | head -1)"
printf "%8s %7s %7s %8s %14s %14s %14s %14s\n" "calls/s" "calls" "failed" "achieved" "setup p50 ms" "setup p99 ms" "answer p50 ms" "answer p99 ms"
BEST=0
for rate in $RATES; do
  calls=$((rate * SECONDS_PER_RATE))
  dir="$WORK/rate-$rate"
  mkdir -p "$dir"
  start=$(date +%s.%N)
  set +e
  (cd "$dir" && exec sipp -sf "$HERE/sipp/caller.xml" -s bench "127.0.0.1:$SIP_PORT" -i 127.0.0.1 -p "$(port)" -mp "$(port 4)" \
    -m "$calls" -r "$rate" -rp 1000 -l 100000 -d "$TALK_MS" -nostdin -recv_timeout 120000 -timeout $((SECONDS_PER_RATE + 180))s \
    -timeout_error -trace_stat -stf "$dir/stat.csv" -trace_rtt -rtt_freq 1 -trace_err -error_file "$dir/errors.log" \
    > "$dir/sipp.out" 2>&1)
  set -e
  end=$(date +%s.%N)
  failed=$(awk -F';' 'NR==1 {for (i=1;i<=NF;i++) if ($i=="FailedCall(C)") c=i} NR>1 && c {v=$c} END {print (v==""?"?":v)}' "$dir/stat.csv")
  success=$(awk -F';' 'NR==1 {for (i=1;i<=NF;i++) if ($i=="SuccessfulCall(C)") c=i} NR>1 && c {v=$c} END {print (v==""?0:v)}' "$dir/stat.csv")
  awk -F';' '$3=="setup" {print $2}' "$dir"/*_rtt.csv > "$dir/setup.txt" 2>/dev/null || true
  awk -F';' '$3=="answer" {print $2}' "$dir"/*_rtt.csv > "$dir/answer.txt" 2>/dev/null || true
  achieved=$(awk -v s="$start" -v e="$end" -v n="$success" 'BEGIN {printf "%.1f", n/(e-s)}')
  printf "%8s %7s %7s %8s %14s %14s %14s %14s\n" "$rate" "$calls" "$failed" "$achieved" \
    "$(percentile 50 "$dir/setup.txt")" "$(percentile 99 "$dir/setup.txt")" \
    "$(percentile 50 "$dir/answer.txt")" "$(percentile 99 "$dir/answer.txt")"
  if [ "$failed" = 0 ] && [ "$success" = "$calls" ]; then
    BEST=$rate
  else
    break
  fi
  sleep 2
done
echo
echo "highest rate with 0 failed calls: $BEST calls/s ('achieved' includes each run's last calls' talk time)"
