#!/usr/bin/env bash
# Runs the switch in the foreground: Kamailio with deploy/telephony/kamailio.cfg and the bridge
# (telephony/target/telephony-bridge.jar) that connects it to the routing engine. SIGTERM or
# Ctrl-C stops both; if either stops by itself, the other is stopped too and run.sh exits non-zero.
#
#   ROUTER_URL=http://127.0.0.1:8080 ROUTER_TELEPHONY_KEY=tel-... deploy/telephony/run.sh
#
# "run.sh kamailio" or "run.sh bridge" runs just that part in the foreground (exec'd, so its pid
# is run.sh's), e.g. to run them under separate supervisors; the settings are the same.
#
# Settings (environment):
#   ROUTER_URL              the engine's base URL (required)
#   ROUTER_TELEPHONY_KEY    an API key with the telephony role (required)
#   SIP_LISTEN              host:port Kamailio listens on, UDP and TCP (default 127.0.0.1:5060)
#   TELEPHONY_QUEUE_MAP     dialled number -> queue, e.g. "4001=stocks,4002=funds"; a number not
#                           in it is the queue's id itself (INVITE sip:stocks@... -> queue stocks)
#   TELEPHONY_QUEUE_MAP_FILE  the same, one number=queue per line (# comments allowed)
#   EVAPI_LISTEN            host:port of Kamailio's evapi socket for the bridge (127.0.0.1:8448)
#   TELEPHONY_STATUS_PORT   the bridge answers GET /status on 127.0.0.1:<port> (default: none)
#   TELEPHONY_RECONCILE_SECONDS  reconciliation period (default 10)
#   MAX_WAIT_SECONDS        longest wait in queue before the switch gives up (default 3600)
#   KAMAILIO_LOG_LEVEL      -1 errors ... 3 debug (default 1: notices)
#   SIP_WORKERS             Kamailio UDP worker processes (default 4)
#   RUN_DIR                 where Kamailio keeps its control sockets (default: a new temp dir)
#   BRIDGE_JAR              the bridge (default: telephony/target/telephony-bridge.jar)
#   JAVA_OPTS               options for the bridge's JVM (default -Xmx128m)
#   SIP_ALLOW_NON_LOOPBACK  set to yes to listen on an address other than loopback
set -euo pipefail
# Debian installs kamailio in /usr/sbin, which is not on every user's PATH
PATH="$PATH:/usr/sbin:/sbin"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

die() {
  echo "run.sh: $*" >&2
  exit 2
}

PART="${1:-all}"
case "$PART" in
  all|kamailio|bridge) ;;
  *) die "usage: run.sh [all|kamailio|bridge]" ;;
esac
if [ "$PART" != kamailio ]; then
  [ -n "${ROUTER_URL:-}" ] || die "ROUTER_URL is required (the engine's base URL, e.g. http://127.0.0.1:8080)"
  [ -n "${ROUTER_TELEPHONY_KEY:-}" ] || die "ROUTER_TELEPHONY_KEY is required (a key with the telephony role)"
  command -v java >/dev/null 2>&1 || die "java not found (Java 17 or newer)"
fi
if [ "$PART" != bridge ]; then
  command -v kamailio >/dev/null 2>&1 || die "kamailio not found: run deploy/telephony/install-deps.sh"
fi

SIP_LISTEN="${SIP_LISTEN:-127.0.0.1:5060}"
EVAPI_LISTEN="${EVAPI_LISTEN:-127.0.0.1:8448}"
SIP_HOST="${SIP_LISTEN%:*}"
SIP_PORT="${SIP_LISTEN##*:}"
[[ "$SIP_PORT" =~ ^[0-9]+$ ]] && [ "$SIP_HOST" != "$SIP_LISTEN" ] || die "SIP_LISTEN must be host:port, not '$SIP_LISTEN'"
[[ "${EVAPI_LISTEN##*:}" =~ ^[0-9]+$ ]] || die "EVAPI_LISTEN must be host:port, not '$EVAPI_LISTEN'"
case "$SIP_HOST" in
  127.*|localhost) ;;
  *) [ "${SIP_ALLOW_NON_LOOPBACK:-}" = "yes" ] \
       || die "SIP_LISTEN $SIP_LISTEN is not loopback; this switch authenticates no caller (set SIP_ALLOW_NON_LOOPBACK=yes if you mean it)" ;;
esac
MAX_WAIT_SECONDS="${MAX_WAIT_SECONDS:-3600}"
[[ "$MAX_WAIT_SECONDS" =~ ^[0-9]+$ ]] || die "MAX_WAIT_SECONDS must be a number of seconds"

BRIDGE_JAR="${BRIDGE_JAR:-$REPO/telephony/target/telephony-bridge.jar}"
if [ "$PART" != kamailio ]; then
  [ -f "$BRIDGE_JAR" ] || die "$BRIDGE_JAR is missing: build it with 'mvn -B -q -pl telephony -am package -DskipTests'"
fi

QUEUE_MAP="${TELEPHONY_QUEUE_MAP:-}"
if [ -n "${TELEPHONY_QUEUE_MAP_FILE:-}" ]; then
  [ -r "$TELEPHONY_QUEUE_MAP_FILE" ] || die "TELEPHONY_QUEUE_MAP_FILE $TELEPHONY_QUEUE_MAP_FILE is not readable"
  FROM_FILE="$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TELEPHONY_QUEUE_MAP_FILE" | paste -sd, -)"
  QUEUE_MAP="${QUEUE_MAP:+$QUEUE_MAP,}$FROM_FILE"
fi

kamailio_command() {
  KAM_CMD=(kamailio -f "$HERE/kamailio.cfg" -DD -E -m 128 -M 32 -Y "$RUN_DIR" -P "$RUN_DIR/kamailio.pid"
    -A "LISTEN_UDP=udp:$SIP_HOST:$SIP_PORT"
    -A "LISTEN_TCP=tcp:$SIP_HOST:$SIP_PORT"
    -A "SELF_URI=\"sip:$SIP_HOST:$SIP_PORT;transport=udp\""
    -A "EVAPI_BIND=\"$EVAPI_LISTEN\""
    -A "CTL_SOCKET=\"unix:$RUN_DIR/kamailio_ctl\""
    -A "RPC_FIFO=\"$RUN_DIR/kamailio_rpc.fifo\""
    -A "MAX_WAIT_MS=$((MAX_WAIT_SECONDS * 1000))"
    -A "MAX_INVITE_MS=$(((MAX_WAIT_SECONDS + 300) * 1000))"
    -A "EARLY_DIALOG_S=$((MAX_WAIT_SECONDS + 360))"
    -A "LOG_LEVEL=${KAMAILIO_LOG_LEVEL:-1}"
    -A "SIP_WORKERS=${SIP_WORKERS:-4}")
}

bridge_environment() {
  export ROUTER_URL ROUTER_TELEPHONY_KEY
  export TELEPHONY_EVAPI="$EVAPI_LISTEN"
  export TELEPHONY_QUEUE_MAP="$QUEUE_MAP"
}

if [ "$PART" = bridge ]; then
  bridge_environment
  # shellcheck disable=SC2086
  exec java ${JAVA_OPTS:--Xmx128m} -jar "$BRIDGE_JAR"
fi

OWN_RUN_DIR=""
if [ -z "${RUN_DIR:-}" ]; then
  RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/contact-router-switch.XXXXXX")"
  OWN_RUN_DIR="$RUN_DIR"
fi
mkdir -p "$RUN_DIR"

if [ "$PART" = kamailio ]; then
  kamailio_command
  exec "${KAM_CMD[@]}"
fi

KAM_PID=""
BRIDGE_PID=""
stop_all() {
  trap - TERM INT
  [ -n "$BRIDGE_PID" ] && kill -TERM "$BRIDGE_PID" 2>/dev/null || true
  [ -n "$KAM_PID" ] && kill -TERM "$KAM_PID" 2>/dev/null || true
  # bounded: whatever has not stopped after 10 s is killed
  for _ in $(seq 1 100); do
    alive=""
    for p in $BRIDGE_PID $KAM_PID; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  for p in $BRIDGE_PID $KAM_PID; do kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$OWN_RUN_DIR" ] && rm -rf "$OWN_RUN_DIR"
}
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 130' INT

echo "run.sh: Kamailio on udp+tcp $SIP_LISTEN, evapi $EVAPI_LISTEN, engine $ROUTER_URL"
kamailio_command
"${KAM_CMD[@]}" &
KAM_PID=$!

# the bridge connects (and reconnects) by itself; give Kamailio a moment to open evapi first
for _ in $(seq 1 50); do
  [ -s "$RUN_DIR/kamailio.pid" ] && break
  kill -0 "$KAM_PID" 2>/dev/null || break
  sleep 0.1
done
if ! kill -0 "$KAM_PID" 2>/dev/null; then
  wait "$KAM_PID" 2>/dev/null || true
  KAM_PID=""
  stop_all
  die "Kamailio did not start (see its output above)"
fi

bridge_environment
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx128m} -jar "$BRIDGE_JAR" &
BRIDGE_PID=$!

# either one ending ends both
set +e
wait -n "$KAM_PID" "$BRIDGE_PID"
CODE=$?
set -e
echo "run.sh: $(kill -0 "$KAM_PID" 2>/dev/null && echo "the bridge" || echo "Kamailio") stopped (exit $CODE); stopping the other" >&2
stop_all
exit $(( CODE == 0 ? 1 : CODE ))
