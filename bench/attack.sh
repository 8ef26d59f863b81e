#!/usr/bin/env bash
# The attack suite: tries the service as a hostile client would, on loopback only, and writes
# RELIABILITY.md (generated; do not edit by hand).
#
#   bench/attack.sh [flood|events|slowloris|kill|slowreader|viewbot|all ...]  (default: all, about 11 minutes on 2 cores)
#
#   flood      fake-viewer flood: heartbeats as fast as wrk can, made-up device ids / no cookie / issued ids
#              replayed; public viewer count vs the per-address cap, an ordinary viewer's answers, H2 growth,
#              time to stop on SIGTERM
#   events     event-port connection flood: 5,000 subscriptions from one address (and from 50 addresses
#              against a service with 4,096 descriptors); an ordinary subscriber and the web port meanwhile
#   slowloris  9,000 connections (more than Tomcat's 8,192) sending their request head a byte every 3 s, on the web
#              port (from one address, then from 60) and the event port, direct and behind deploy/nginx/livepulse.conf;
#              ordinary clients meanwhile
#   kill       kill -9 under like, chat and purchase load, KILL_RUNS times on H2 and on PostgreSQL: acknowledged likes,
#              messages and orders lost = 0
#   slowreader 50 event streams from one address that read only the response head (2 KB receive buffer), replaced as
#              soon as one is closed, on a stream with 120 chat messages/s: ordinary subscribers' delays, kernel TCP
#              memory, bytes queued on the attacked port, service RSS; event port and web endpoint, direct and behind nginx
#   viewbot    real nginx-rtmp with ffmpeg pushing, 3 real players (headless Chromium) and 81 bots from their own
#              127.x.y.1 addresses (heartbeat only, playlist only, segments cut short, a replayed token): the public
#              viewer count stays at the real players; the admins' report lists every bot (bench/attack/viewbot.sh)
#
# Each attack starts its own service (fresh H2 under bench/attack/results/, or the driver's embedded
# PostgreSQL) on ports 19080/19081 (nginx 19000/19001, PostgreSQL 19432), every target is 127.0.0.1 and
# the ordinary clients come from 127.0.0.2. Every load is bounded in count and time. Running one attack
# regenerates RELIABILITY.md with that attack's fresh section and the other attacks' sections from their
# last run (each section says when it ran; kept from RELIABILITY.md when its raw results are not here). Raw output stays in bench/attack/results/ (not committed).
# Environment: SKIP_BUILD=1 uses the jars already built; LIVEPULSE_JAR=path attacks that service jar instead of
# building target/; FLOOD_SECONDS, EVENT_CONNECTIONS, EVENT_HOLD_SECONDS, SLOW_CONNECTIONS, SLOW_SECONDS, KILL_RUNS,
# KILL_AFTER_SECONDS, SLOWREADER_SECONDS, SLOWREADER_TARGETS shorten or lengthen the passes.
# On a shared machine, run it under the same lock as the builds: flock /tmp/livepulse-heavy.lock bench/attack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
START=$(date +%s)
. bench/lib.sh
bench_setup

RESULTS="$ROOT/bench/attack/results"
WEB_PORT=19080; EVENT_PORT=19081; NGINX_WEB_PORT=19000; NGINX_EVENT_PORT=19001; PG_PORT=19432
BASE="http://127.0.0.1:$WEB_PORT"; EVENTS="http://127.0.0.1:$EVENT_PORT"
ORDINARY=127.0.0.2                     # the ordinary clients' source address; attackers use 127.0.0.1
PROXY_SOURCE=127.0.0.3                 # nginx's connections to the service in the slowloris attack
SECRET=$BENCH_SECRET
FLOOD_SECONDS=${FLOOD_SECONDS:-30}
EVENT_CONNECTIONS=${EVENT_CONNECTIONS:-5000}
EVENT_HOLD_SECONDS=${EVENT_HOLD_SECONDS:-20}
EVENT_NOFILE=4096                      # descriptor limit of the service in the many-addresses event flood
SLOW_CONNECTIONS=${SLOW_CONNECTIONS:-9000}  # more than Tomcat's default 8,192 connections
SLOW_SECONDS=${SLOW_SECONDS:-30}
SLOW_INTERVAL_MS=3000
SLOW_MANY_SOURCES=127.0.2.1-60         # web-direct-many: the same connections from 60 addresses (150 each)
KILL_RUNS=${KILL_RUNS:-3}
KILL_AFTER_SECONDS=${KILL_AFTER_SECONDS:-10}   # the likes and the four writers (five JVMs) need a few seconds to warm up
KILL_USERS=500
SLOWREADER_SECONDS=${SLOWREADER_SECONDS:-60}
SLOWREADER_ATTACKERS=${SLOWREADER_ATTACKERS:-50}
SLOWREADER_ORDINARY=${SLOWREADER_ORDINARY:-20}   # nginx lets one address hold 20 event streams
SLOWREADER_RATE=${SLOWREADER_RATE:-120}
SLOWREADER_TARGETS=${SLOWREADER_TARGETS:-events-direct web-direct events-nginx web-nginx}
SLOWREADER_SOURCE=127.0.0.5
SLOWREADER_QUEUED_LIMIT_MB=16
SLOWREADER_KERNEL_LIMIT_MB=64
SLOWREADER_RSS_LIMIT_MB=256
KILL_CONNECTIONS=32
KILL_WRITE_RATE=${KILL_WRITE_RATE:-200}   # chat messages a second, and purchases a second, beside the likes
KILL_CLAIM_RATE=${KILL_CLAIM_RATE:-100}   # flash-sale claims a second (each by another buyer), beside them
KILL_WEBHOOK_PORT=${KILL_WEBHOOK_PORT:-19099}   # the seller's webhook receiver, outside the service
KILL_BID_RATE=${KILL_BID_RATE:-100}       # auction bids a second (each by another bidder, each 50.00 above the last), beside them
# the service's documented defaults, used when the running service does not report them
DEFAULT_VIEWERS_PER_ADDRESS=25
DEFAULT_EVENT_CONNECTIONS_PER_ADDRESS=100

ATTACKS=("$@")
[ ${#ATTACKS[@]} -eq 0 ] && ATTACKS=(all)
[ "${ATTACKS[*]}" = all ] && ATTACKS=(flood events slowloris slowreader kill viewbot)
for attack in "${ATTACKS[@]}"; do
  case "$attack" in flood|events|slowloris|slowreader|kill|viewbot) ;; *) echo "usage: $0 [flood|events|slowloris|slowreader|kill|viewbot|all ...]"; exit 2 ;; esac
done
mkdir -p "$RESULTS"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

for tool in wrk nginx gcc curl jq; do
  if ! command -v "$tool" >/dev/null && ! [ -x "/usr/sbin/$tool" ]; then
    echo "installing $tool"
    apt-get install -y -qq "$tool" >/dev/null 2>&1 || { apt-get update -qq >/dev/null; apt-get install -y -qq "$tool" >/dev/null; }
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# which code the service jar holds, said in every section: taken when the jar is built, not when a section is written
git_state() { echo "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' + uncommitted changes')"; }
CODE_STATE=$(git_state)
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== building the service, the driver and the slowloris client"
  [ -z "${LIVEPULSE_JAR:-}" ] && ./mvnw -B -q -DskipTests package
  ./mvnw -B -q -f bench/driver/pom.xml package
fi
mkdir -p "$RESULTS/bin"; gcc -O2 -Wall -o "$RESULTS/bin/slowloris" bench/attack/slowloris.c
APP_JAR=${LIVEPULSE_JAR:-$(ls target/livepulse-*.jar | grep -v original | head -1)}
if [ -n "${LIVEPULSE_JAR:-}" ]; then CODE_STATE="service jar $LIVEPULSE_JAR"
elif [ "${SKIP_BUILD:-}" = 1 ]; then CODE_STATE="$APP_JAR as built at $(date -u -r "$APP_JAR" +%Y-%m-%dT%H:%MZ); tree now at $CODE_STATE"
fi
DRIVER="java -jar $ROOT/bench/driver/target/bench-driver.jar"

APP_PID=""; APP_LOG=""; PG_PID=""; NGINX_PREFIX=""; STOP_SECONDS=""
# on exit: the service, nginx, and whatever this script still has running in the background (its own jobs only)
cleanup() {
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PREFIX" ] && "$NGINX" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/livepulse.conf" -s stop 2>/dev/null || true
  [ -n "${VIEWBOT_MEDIA:-}" ] && "$NGINX" -p "$VIEWBOT_MEDIA" -c "$VIEWBOT_MEDIA/nginx-rtmp.conf" -s stop 2>/dev/null || true
  for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

. bench/attack/viewbot.sh

# ------------------------------------------------------------------ helpers
alive() { [ -e "/proc/$1" ] && ! grep -q ') Z' "/proc/$1/stat" 2>/dev/null; }
# start_app LOG JDBC_URL USER PASSWORD [more service arguments]; APP_NOFILE=N starts it with that descriptor limit
start_app() {
  local log=$1 url=$2 user=$3 password=$4; shift 4
  SERVICE_NOFILE=${APP_NOFILE:-} service_start "$APP_JAR" $WEB_PORT "$RESULTS/app-$log.log" \
    --spring.datasource.url="$url" --spring.datasource.username="$user" --spring.datasource.password="$password" \
    --livepulse.push.event-port=$EVENT_PORT --livepulse.push.event-address=127.0.0.1 "$@"
  APP_PID=$SERVICE_PID; APP_LOG=$log
}
# stop_app: SIGTERM, then up to 60 s for the process to exit (kill -9 after that); STOP_SECONDS = how long it took
stop_app() {
  local t0; t0=$(date +%s%N)
  kill -TERM "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 600); do alive "$APP_PID" || break; sleep 0.1; done
  if alive "$APP_PID"; then
    # what it is still doing, for the record, before it is killed
    timeout 20 jcmd "$APP_PID" Thread.print > "$RESULTS/threads-at-stop-$APP_LOG.txt" 2>&1 || true
    kill -9 "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
    STOP_SECONDS="more than 60 (killed)"; return
  fi
  wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  STOP_SECONDS=$(awk -v ns=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", ns / 1e9}')
}
token() { $DRIVER token --secret "$SECRET" --user "$2" --role "$1" ${3:+--vendor "$3"} --ttl-seconds 7200; }
# new_stream SELLER_TOKEN TITLE: a LIVE stream's id
new_stream() {
  local id
  id=$(curl -sf --max-time 10 -XPOST "$BASE/api/streams" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "{\"title\":\"$2\"}" | jq -r .id)
  curl -sf --max-time 10 -o /dev/null -XPOST "$BASE/api/streams/$id/start" -H "Authorization: Bearer $1"
  echo "$id"
}
engagement() { curl -s --max-time 10 "$BASE/api/streams/$1/engagement" | jq -r ".$2 // \"hidden\""; }
# raise the per-user like rate limit (proven by the tests; with a few hundred users it would cap the load)
raise_like_limit() {
  local settings
  settings=$(curl -sf --max-time 10 "$BASE/api/admin/settings" -H "Authorization: Bearer $1" | jq -c '.likeRateLimitPerSecond = 1000')
  curl -sf --max-time 10 -o /dev/null -XPUT "$BASE/api/admin/settings" -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' -d "$settings"
}
prop() { grep "^$2=" "$1" 2>/dev/null | tail -1 | cut -d= -f2- || true; }
size_bytes() { du -sb "$1" 2>/dev/null | cut -f1 || echo 0; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
# verdict "AWK CONDITION": met or missed (a missing figure is missed)
verdict() { if awk "BEGIN {exit !($1)}" 2>/dev/null; then echo met; else echo missed; fi; }
num() { [[ "$1" =~ ^-?[0-9]+(\.[0-9]+)?$ ]] && echo "$1" || echo -1; }
fds_of() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
section_header() { # ATTACK TITLE
  printf '## %s\n\nRun %s with `bench/attack.sh %s` (code at %s).\n\n' "$2" "$(date -u +%Y-%m-%dT%H:%MZ)" "$1" "$CODE_STATE"
}

# ------------------------------------------------------------------ a. fake-viewer flood
attack_flood() {
  echo "== flood: fake viewers"
  local dir="$RESULTS/flood" out="$RESULTS/flood.properties" md="$RESULTS/flood.md"
  rm -rf "$dir" "$out" "$RESULTS"/app-flood.log "$RESULTS"/flood.summary*; mkdir -p "$dir"
  start_app flood "$(h2_url "$dir/h2")" sa ""
  local seller admin cap
  seller=$(token SELLER attack-seller 1); admin=$(token ADMIN attack-admin)
  cap=$(curl -s --max-time 10 "$BASE/api/admin/settings" -H "Authorization: Bearer $admin" | jq -r '.maxViewersPerAddress // empty')
  local cap_source="admin setting maxViewersPerAddress"
  [ -z "$cap" ] && { cap=$DEFAULT_VIEWERS_PER_ADDRESS; cap_source="the documented default (the service does not report maxViewersPerAddress)"; }
  sleep 2
  local before; before=$(size_bytes "$dir/h2")
  echo "h2.bytesBefore=$before" >> "$out"
  for mode in fresh none harvest; do
    local stream; stream=$(new_stream "$seller" "flood $mode")
    timeout $((FLOOD_SECONDS + 40)) $DRIVER probe --base "$BASE" --mode viewer --stream "$stream" --bind $ORDINARY --interval-ms 200 \
      --seconds $((FLOOD_SECONDS + 2)) --timeout-ms 5000 --out "$out" --prefix "$mode." > /dev/null &
    local probe=$!
    sleep 1
    FLOOD_MODE=$mode timeout $((FLOOD_SECONDS + 30)) wrk -t2 -c64 -d${FLOOD_SECONDS}s --latency -s bench/attack/heartbeat-flood.lua \
      "$BASE/api/streams/$stream/heartbeat" > "$dir/wrk-$mode.txt" 2>&1 || true
    echo "$mode.viewersAtEnd=$(engagement "$stream" viewers)" >> "$out"
    grep '^lua\.' "$dir/wrk-$mode.txt" | sed "s/^lua\./$mode.wrk./" >> "$out" || true
    wait "$probe" || true
    echo "$mode.viewersAfterProbe=$(engagement "$stream" viewers)" >> "$out"
    echo "$mode.h2Bytes=$(size_bytes "$dir/h2")" >> "$out"
    echo "   $mode: viewers $(prop "$out" $mode.viewersAtEnd), wrk $(prop "$out" $mode.wrk.requests) requests"
  done
  # what was refused, as admins see it (the endpoint's name in the issue was .../refusals)
  local refusals="" status path
  for path in /api/admin/presence/uncounted /api/admin/presence/refusals; do
    status=$(curl -s --max-time 10 -o "$dir/refusals.json" -w '%{http_code}' "$BASE$path" -H "Authorization: Bearer $admin" || echo failed)
    if [ "$status" = 200 ]; then refusals="\`GET $path\`: $(head -c 700 "$dir/refusals.json" | tr '\n|' ' /')"; break; fi
  done
  [ -z "$refusals" ] && refusals="not available (HTTP $status)"
  echo "refusals=$refusals" >> "$out"
  echo "h2.bytesAfterFlood=$(size_bytes "$dir/h2")" >> "$out"
  stop_app; local stop=$STOP_SECONDS
  echo "sigtermSeconds=$stop" >> "$out"
  echo "h2.bytesAfterStop=$(size_bytes "$dir/h2")" >> "$out"
  echo "   SIGTERM to exit: $stop s"

  # report section
  local limit=$((cap + 1))
  {
    section_header flood "a. Fake-viewer flood"
    cat <<EOF
One client (127.0.0.1) sends \`POST /api/streams/{id}/heartbeat\` as fast as it can for ${FLOOD_SECONDS} s with
\`wrk -t2 -c64 -d${FLOOD_SECONDS}s -s bench/attack/heartbeat-flood.lua\`, on a stream of its own per variant:
**fresh** = a made-up UUID-shaped \`lp_device\` cookie on every request; **none** = never a cookie (every
request asks for a new device id); **harvest** = no cookie, and each device cookie the service sets is sent
back once on a later heartbeat (ids the service issued, used as a viewer would). Meanwhile an ordinary viewer
from $ORDINARY (\`driver probe --mode viewer\`: a fresh connection every 200 ms, alternately heartbeat with its
cookie jar and engagement read, 5 s timeout) watches the same stream. Expected: the public \`viewers\` stays
<= the per-address cap ($cap, $cap_source) + 1 (the ordinary viewer); the ordinary viewer gets >= 99% 200s
with p99 <= 1 s; the service stops within 15 s of SIGTERM after the flood.

| variant | flood requests (/s) | 2xx / 429 / other | Set-Cookie answers | issued ids replayed | public viewers at the end of the flood | highest the ordinary viewer saw | expected | verdict |
|---|---|---|---|---|---|---|---|---|
EOF
    local rows2=""
    for mode in fresh none harvest; do
      local v seen okp p99 v1 v2
      v=$(prop "$out" $mode.viewersAtEnd); seen=$(prop "$out" $mode.probe.maxViewersSeen)
      okp=$(prop "$out" $mode.probe.successPercent); p99=$(prop "$out" $mode.probe.p99Ms)
      v1=$(verdict "$(num "$v") >= 0 && $(num "$v") <= $limit && $(num "$seen") <= $limit")
      v2=$(verdict "$(num "$okp") >= 99 && $(num "$p99") >= 0 && $(num "$p99") <= 1000")
      echo "| $mode | $(prop "$out" $mode.wrk.requests) ($(prop "$out" $mode.wrk.perSecond)) | $(prop "$out" $mode.wrk.ok2xx) / $(prop "$out" $mode.wrk.limited429) / $(prop "$out" $mode.wrk.other) | $(prop "$out" $mode.wrk.setCookieAnswers) | $(prop "$out" $mode.wrk.issuedIdsReplayed) | $v | $seen | <= $limit | **$v1** |"
      rows2+="| $mode | $okp% of $(prop "$out" $mode.probe.attempts) | $(prop "$out" $mode.probe.p50Ms) / $p99 / $(prop "$out" $mode.probe.maxMs) | $(prop "$out" $mode.probe.failures) | >= 99%, p99 <= 1000 ms | **$v2** |"$'\n'
      echo "flood-$mode-viewers|Fake-viewer flood ($mode): public viewers <= $limit|$v (highest seen $seen)|$v1" >> "$RESULTS/flood.summary.tmp"
      echo "flood-$mode-ordinary|Fake-viewer flood ($mode): ordinary viewer >= 99% 200s, p99 <= 1 s|$okp%, p99 $p99 ms|$v2" >> "$RESULTS/flood.summary.tmp"
    done
    printf '\nThe ordinary viewer meanwhile:\n\n| variant | answered 200 | p50 / p99 / max ms | failures | expected | verdict |\n|---|---|---|---|---|---|\n%s' "$rows2"
    local b a s growth vs
    b=$(prop "$out" h2.bytesBefore); a=$(prop "$out" h2.bytesAfterFlood); s=$(prop "$out" h2.bytesAfterStop)
    growth=$(( $(num "$s") - $(num "$b") ))
    vs=$(verdict "$(num "$stop") >= 0 && $(num "$stop") < 15")
    cat <<EOF

| figure | value | expected | verdict |
|---|---|---|---|
| H2 data directory before the flood / after the 3 variants / after stop | $(mb "$b") MB / $(mb "$a") MB / $(mb "$s") MB (after each variant: $(mb "$(prop "$out" fresh.h2Bytes)") / $(mb "$(prop "$out" none.h2Bytes)") / $(mb "$(prop "$out" harvest.h2Bytes)") MB) | growth <= 64 MB (presence writes bounded) | **$(verdict "$growth <= 64 * 1048576")** |
| SIGTERM after the flood until the process exited | $stop s | < 15 s | **$vs** |
| admin figure: uncounted heartbeats | $refusals | shown to admins | (recorded) |
EOF
    echo "flood-h2|Fake-viewer flood: H2 growth <= 64 MB|$(mb "$growth") MB|$(verdict "$growth <= 64 * 1048576")" >> "$RESULTS/flood.summary.tmp"
    echo "flood-stop|Fake-viewer flood: exits < 15 s after SIGTERM|$stop s|$vs" >> "$RESULTS/flood.summary.tmp"
  } > "$md"
  mv "$RESULTS/flood.summary.tmp" "$RESULTS/flood.summary"
}

# ------------------------------------------------------------------ b. event-port connection flood
attack_events() {
  echo "== events: event-port connection flood"
  local dir="$RESULTS/events" out="$RESULTS/events.properties" md="$RESULTS/events.md"
  rm -rf "$dir" "$out" "$RESULTS"/app-events-*.log; mkdir -p "$dir"
  local variant
  for variant in one many; do
    local sources nofile=""
    if [ $variant = one ]; then sources=127.0.0.1; else sources=127.0.1.1-50; nofile=$EVENT_NOFILE; fi
    APP_NOFILE=$nofile start_app "events-$variant" "$(h2_url "$dir/h2-$variant")" sa ""
    echo "$variant.serviceNofile=$(awk '/Max open files/ {print $4}' /proc/$APP_PID/limits)" >> "$out"
    local seller viewer stream
    seller=$(token SELLER attack-seller 1); viewer=$(token VIEWER attack-ordinary-viewer)
    stream=$(new_stream "$seller" "event flood $variant")
    echo "$variant.fdsBefore=$(fds_of "$APP_PID")" >> "$out"
    # the service's open descriptors, sampled every second while the flood runs (bounded)
    ( max=0; for _ in $(seq 1 $((EVENT_HOLD_SECONDS + 60))); do n=$(ls /proc/$APP_PID/fd 2>/dev/null | wc -l); [ "$n" -gt "$max" ] && max=$n; echo "$max" > "$dir/fds-$variant"; sleep 1; done ) &
    local sampler=$!
    timeout $((EVENT_HOLD_SECONDS + 180)) $DRIVER event-flood --events "$EVENTS" --base "$BASE" --stream "$stream" --connections "$EVENT_CONNECTIONS" \
      --sources "$sources" --probe-bind $ORDINARY --hold-seconds "$EVENT_HOLD_SECONDS" --token "$viewer" \
      --out "$out" --prefix "$variant." > "$dir/driver-$variant.txt" 2>&1 || echo "event-flood failed, see $dir/driver-$variant.txt"
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    echo "$variant.fdsMax=$(cat "$dir/fds-$variant" 2>/dev/null || echo -1)" >> "$out"
    echo "$variant.acceptFailuresLogged=$(grep -c 'Accepting on the event port failed\|Too many open files' "$RESULTS/app-events-$variant.log" || true)" >> "$out"
    stop_app; echo "$variant.stopSeconds=$STOP_SECONDS" >> "$out"
    echo "   $variant: accepted $(prop "$out" $variant.flood.accepted), refused $(prop "$out" $variant.flood.refused503), health $(prop "$out" $variant.health.ordinary.status)"
  done

  local p="one." q="many."
  local acc ref ok1 ok2 ok3 ok4
  acc=$(prop "$out" ${p}flood.accepted); ref=$(prop "$out" ${p}flood.refused503)
  ok1=$(verdict "$(num "$acc") >= 0 && $(num "$acc") <= $DEFAULT_EVENT_CONNECTIONS_PER_ADDRESS && $(num "$ref") + $(num "$acc") == $EVENT_CONNECTIONS")
  ok2=$(verdict "\"$(prop "$out" ${p}sseCheck.deliveredWithin3s)\" == \"true\"")
  ok3=$(verdict "\"$(prop "$out" ${p}health.ordinary.status)\" == \"200\" && \"$(prop "$out" ${p}health.attacker.status)\" == \"200\"")
  ok4=$(verdict "\"$(prop "$out" ${q}health.ordinary.status)\" == \"200\" && \"$(prop "$out" ${q}health.attacker.status)\" == \"200\" && $(num "$(prop "$out" ${q}flood.closedWithoutAnswer)") + $(num "$(prop "$out" ${q}flood.noAnswer)") + $(num "$(prop "$out" ${q}flood.connectFailed)") + $(num "$(prop "$out" ${q}flood.notOpened)") == 0")
  {
    section_header events "b. Event-port connection flood"
    cat <<EOF
\`driver event-flood\`: ${EVENT_CONNECTIONS} subscriptions (\`GET /api/streams/{id}/events\` on the event port, at most 200
handshakes in flight) held ${EVENT_HOLD_SECONDS} s, each classified by what the service answered. While they are held, an
ordinary subscriber from $ORDINARY connects, waits for its first event, likes the stream (\`POST .../likes\`, a
viewer token) and times the \`engagement\` event carrying that like (\`driver sse-check\`); \`GET /actuator/health\`
on the web port is asked from $ORDINARY and from the attacker's address (fresh connections, 5 s timeout).
**one address**: all from 127.0.0.1, the service with the machine's descriptor limit. Expected: at most the
per-address cap ($DEFAULT_EVENT_CONNECTIONS_PER_ADDRESS, \`livepulse.push.max-event-connections-per-address\`) accepted, every other one
answered 503; the ordinary subscriber gets its like's event within 3 s; health answers 200.
**many addresses**: 127.0.1.1-50 (100 each, under the per-address cap), the service started with
\`ulimit -n $EVENT_NOFILE\`. Expected: the global cap, derived from the descriptor limit, answers 503 before the
descriptors run out, so no connection is left unanswered or reset and the web port still answers 200.

| figure | one address | many addresses, ulimit -n $EVENT_NOFILE |
|---|---|---|
| service descriptor limit / open before / most open during | $(prop "$out" ${p}serviceNofile) / $(prop "$out" ${p}fdsBefore) / $(prop "$out" ${p}fdsMax) | $(prop "$out" ${q}serviceNofile) / $(prop "$out" ${q}fdsBefore) / $(prop "$out" ${q}fdsMax) |
| flood connections requested from | $(prop "$out" ${p}flood.requested) from $(prop "$out" ${p}flood.sources) | $(prop "$out" ${q}flood.requested) from $(prop "$out" ${q}flood.sources) |
| accepted (200, held) / still open at the end | $(prop "$out" ${p}flood.accepted) / $(prop "$out" ${p}flood.acceptedStillOpenAtEnd) | $(prop "$out" ${q}flood.accepted) / $(prop "$out" ${q}flood.acceptedStillOpenAtEnd) |
| refused 503 / other status | $(prop "$out" ${p}flood.refused503) / $(prop "$out" ${p}flood.otherStatus) | $(prop "$out" ${q}flood.refused503) / $(prop "$out" ${q}flood.otherStatus) |
| closed without an answer / no answer after 20 s / could not connect / not tried (200 handshakes stuck for 30 s) | $(prop "$out" ${p}flood.closedWithoutAnswer) / $(prop "$out" ${p}flood.noAnswer) / $(prop "$out" ${p}flood.connectFailed) ($(prop "$out" ${p}flood.connectFailures)) / $(prop "$out" ${p}flood.notOpened) | $(prop "$out" ${q}flood.closedWithoutAnswer) / $(prop "$out" ${q}flood.noAnswer) / $(prop "$out" ${q}flood.connectFailed) ($(prop "$out" ${q}flood.connectFailures)) / $(prop "$out" ${q}flood.notOpened) |
| "accept failed" lines in the service log | $(prop "$out" ${p}acceptFailuresLogged) | $(prop "$out" ${q}acceptFailuresLogged) |
| ordinary subscriber: status, first event, like -> its event | $(prop "$out" ${p}sseCheck.status), $(prop "$out" ${p}sseCheck.firstEventMs) ms, $(prop "$out" ${p}sseCheck.likeToEventMs) ms (failure: $(prop "$out" ${p}sseCheck.failure)) | $(prop "$out" ${q}sseCheck.status), $(prop "$out" ${q}sseCheck.firstEventMs) ms, $(prop "$out" ${q}sseCheck.likeToEventMs) ms (failure: $(prop "$out" ${q}sseCheck.failure)) |
| web health from $ORDINARY / from the attacker | $(prop "$out" ${p}health.ordinary.status) in $(prop "$out" ${p}health.ordinary.ms) ms / $(prop "$out" ${p}health.attacker.status) in $(prop "$out" ${p}health.attacker.ms) ms | $(prop "$out" ${q}health.ordinary.status) in $(prop "$out" ${q}health.ordinary.ms) ms / $(prop "$out" ${q}health.attacker.status) in $(prop "$out" ${q}health.attacker.ms) ms |
| SIGTERM to exit | $(prop "$out" ${p}stopSeconds) s | $(prop "$out" ${q}stopSeconds) s |

| expectation | verdict |
|---|---|
| one address: at most $DEFAULT_EVENT_CONNECTIONS_PER_ADDRESS accepted, the rest 503 | **$ok1** |
| one address: ordinary subscriber gets its like's event within 3 s | **$ok2** |
| one address: web health 200 from both addresses | **$ok3** |
| many addresses, $EVENT_NOFILE descriptors: every flood connection answered (no reset, no silence), web health 200 from both | **$ok4** |
EOF
  } > "$md"
  {
    echo "events-cap|Event flood, one address: <= $DEFAULT_EVENT_CONNECTIONS_PER_ADDRESS accepted, rest 503|$acc accepted, $ref refused|$ok1"
    echo "events-ordinary|Event flood, one address: ordinary subscriber's like event <= 3 s|$(prop "$out" ${p}sseCheck.likeToEventMs) ms ($(prop "$out" ${p}sseCheck.failure))|$ok2"
    echo "events-health|Event flood, one address: web health 200|$(prop "$out" ${p}health.ordinary.status) / $(prop "$out" ${p}health.attacker.status)|$ok3"
    echo "events-fds|Event flood, 50 addresses, $EVENT_NOFILE fds: all answered, web health 200|$(prop "$out" ${q}flood.accepted) accepted, $(prop "$out" ${q}flood.refused503) refused, $(( $(num "$(prop "$out" ${q}flood.closedWithoutAnswer)") + $(num "$(prop "$out" ${q}flood.noAnswer)") + $(num "$(prop "$out" ${q}flood.connectFailed)") + $(num "$(prop "$out" ${q}flood.notOpened)") )) unanswered or not tried; health $(prop "$out" ${q}health.ordinary.status)|$ok4"
  } > "$RESULTS/events.summary"
}

# ------------------------------------------------------------------ c. slowloris, direct and behind nginx
start_nginx() {
  NGINX_PREFIX="$RESULTS/nginx"
  rm -rf "$NGINX_PREFIX"; mkdir -p "$NGINX_PREFIX/logs"
  # the shipped config with this run's ports (exactly its four addresses are rewritten), and its connections to
  # the service made from $PROXY_SOURCE, the one address the service trusts for X-Forwarded-For in this attack, so
  # that it can tell the proxy from the direct attackers at 127.0.0.1
  sed -e "s/127\.0\.0\.1:8000\([; ]\)/127.0.0.1:$NGINX_WEB_PORT\1/" -e "s/127\.0\.0\.1:8001\([; ]\)/127.0.0.1:$NGINX_EVENT_PORT\1/" \
      -e "s/127\.0\.0\.1:8080;/127.0.0.1:$WEB_PORT;/" -e "s/127\.0\.0\.1:8081;/127.0.0.1:$EVENT_PORT;/" \
      -e "s/^\( *\)proxy_http_version 1.1;/&\n\1proxy_bind $PROXY_SOURCE;/" \
      deploy/nginx/livepulse.conf > "$NGINX_PREFIX/livepulse.conf"
  grep -q "proxy_bind $PROXY_SOURCE;" "$NGINX_PREFIX/livepulse.conf" || { echo "could not adapt the nginx config"; exit 1; }
  "$NGINX" -t -q -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/livepulse.conf"
  "$NGINX" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/livepulse.conf"
  for _ in $(seq 1 50); do curl -sf --max-time 2 "http://127.0.0.1:$NGINX_WEB_PORT/actuator/health" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "nginx did not come up"; cat "$NGINX_PREFIX/logs/error.log"; exit 1
}
stop_nginx() {
  [ -n "$NGINX_PREFIX" ] && "$NGINX" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/livepulse.conf" -s stop 2>/dev/null || true
  NGINX_PREFIX=""
}

attack_slowloris() {
  echo "== slowloris"
  local dir="$RESULTS/slowloris" out="$RESULTS/slowloris.properties" md="$RESULTS/slowloris.md"
  rm -rf "$dir" "$out" "$RESULTS"/app-slowloris.log "$RESULTS"/slowloris.summary*; mkdir -p "$dir"
  start_app slowloris "$(h2_url "$dir/h2")" sa "" --server.tomcat.remoteip.internal-proxies="${PROXY_SOURCE//./\\.}"
  local seller viewer admin stream
  seller=$(token SELLER attack-seller 1); viewer=$(token VIEWER attack-ordinary-viewer); admin=$(token ADMIN attack-admin)
  stream=$(new_stream "$seller" "slowloris")
  start_nginx
  local nweb="http://127.0.0.1:$NGINX_WEB_PORT" nevents="http://127.0.0.1:$NGINX_EVENT_PORT"
  # the proxy works: API answers, events unbuffered on both of its servers, before any attack
  echo "proxy.engagementStatus=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$nweb/api/streams/$stream/engagement")" >> "$out"
  echo "proxy.heartbeatStatus=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -XPOST "$nweb/api/streams/$stream/heartbeat")" >> "$out"
  echo "proxy.prometheusStatus=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$nweb/actuator/prometheus")" >> "$out"
  echo "proxy.bigBodyStatus=$(head -c 100000 /dev/zero | tr '\0' a | curl -s --max-time 5 -o /dev/null -w '%{http_code}' -XPOST -H 'Content-Type: application/json' --data-binary @- "$nweb/api/streams")" >> "$out"
  echo "proxy.serverHeader=$(curl -s --max-time 5 -D - -o /dev/null "$nweb/api/streams/$stream/engagement" | tr -d '\r' | awk -F': ' 'tolower($1)=="server" {print $2}')" >> "$out"
  # the client's address reaches the service through the proxy: a forged device id sent through nginx from
  # $ORDINARY must be reported to admins under $ORDINARY, not under the proxy's $PROXY_SOURCE
  curl -s --max-time 5 -o /dev/null --interface $ORDINARY -XPOST -H 'Cookie: lp_device=forged-by-the-attack-suite' \
    "$nweb/api/streams/$stream/heartbeat" || true
  echo "proxy.uncountedAddresses=$(curl -s --max-time 5 "$BASE/api/admin/presence/uncounted" -H "Authorization: Bearer $admin" \
    | jq -r '[.topAddresses[]?.address] | join(" ")' 2>/dev/null || echo unavailable)" >> "$out"
  timeout 60 $DRIVER sse-check --events "$nevents" --base "$nweb" --stream "$stream" --token "$viewer" --bind $ORDINARY \
    --out "$out" --prefix proxy.events. > /dev/null || true
  timeout 60 $DRIVER sse-check --events "$nweb" --base "$nweb" --stream "$stream" --token "$viewer" --bind $ORDINARY \
    --out "$out" --prefix proxy.site. > /dev/null || true

  local target port mode path interval sources
  for target in web-direct web-direct-many events-direct web-nginx events-nginx; do
    sources=127.0.0.1
    case $target in
      web-direct) port=$WEB_PORT; mode=get; path="/api/streams/$stream/engagement"; interval=100 ;;
      web-direct-many) port=$WEB_PORT; mode=get; path="/api/streams/$stream/engagement"; interval=100; sources=$SLOW_MANY_SOURCES ;;
      events-direct) port=$EVENT_PORT; mode=sse; path="/api/streams/$stream/events"; interval=250 ;;
      web-nginx) port=$NGINX_WEB_PORT; mode=get; path="/api/streams/$stream/engagement"; interval=100 ;;
      events-nginx) port=$NGINX_EVENT_PORT; mode=sse; path="/api/streams/$stream/events"; interval=250 ;;
    esac
    timeout $((SLOW_SECONDS + 30)) "$RESULTS/bin/slowloris" 127.0.0.1 $port "$SLOW_CONNECTIONS" "$SLOW_SECONDS" $SLOW_INTERVAL_MS "$sources" "$path" \
      > "$dir/slowloris-$target.txt" 2>&1 &
    local slow=$!
    sleep 3
    timeout $((SLOW_SECONDS + 30)) $DRIVER probe --base "http://127.0.0.1:$port" --mode $mode --path "$path" --bind $ORDINARY --interval-ms $interval \
      --seconds $((SLOW_SECONDS - 5)) --timeout-ms 5000 --out "$out" --prefix "$target." > /dev/null || true
    wait "$slow" || true
    sed "s/^slowloris\./$target.slowloris./" "$dir/slowloris-$target.txt" | grep "^$target\." >> "$out" || true
    echo "   $target: ordinary $(prop "$out" $target.probe.successPercent)% p99 $(prop "$out" $target.probe.p99Ms) ms; server closed $(prop "$out" $target.slowloris.closedByServer) slow connections"
    sleep 2
  done
  stop_nginx
  stop_app; echo "stopSeconds=$STOP_SECONDS" >> "$out"

  {
    section_header slowloris "c. Slowloris, direct and behind nginx"
    cat <<EOF
\`bench/attack/slowloris\` (C, built by the script) from 127.0.0.1 (web-direct-many: from $SLOW_MANY_SOURCES, dealt in turn):
${SLOW_CONNECTIONS} connections, each sending a request head
(\`GET <path> HTTP/1.1\`, \`Host\`, then header lines, never the blank line that ends it) one byte every ${SLOW_INTERVAL_MS} ms for
${SLOW_SECONDS} s; a connection the server closes is opened again (at most 20 x ${SLOW_CONNECTIONS} opens). Meanwhile an ordinary client
from $ORDINARY (\`driver probe\`) opens a fresh connection every 100 ms for \`GET /api/streams/{id}/engagement\`
(web) or every 250 ms for the event stream (counted when its first event's data arrives), 5 s timeout, for
$((SLOW_SECONDS - 5)) s. "nginx" is \`deploy/nginx/livepulse.conf\` as shipped, its ports rewritten to $NGINX_WEB_PORT/$NGINX_EVENT_PORT -> $WEB_PORT/$EVENT_PORT
and \`proxy_bind $PROXY_SOURCE\` added; the service trusts X-Forwarded-For from $PROXY_SOURCE only
(\`server.tomcat.remoteip.internal-proxies\`), as a deployment behind it would.
Expected: the ordinary client gets >= 99% answers, p99 <= 1 s (web) / first event p99 <= 3 s (events); and the
server closes a request head that has not arrived within a deadline: no slow connection is older than 20 s when
the attack ends.

| target | slow connections open at most / opened in all | closed by the server (median, max ms after opening) | answered by the server | open at the end, the oldest (ms) | server closes slow heads (<= 20 s) |
|---|---|---|---|---|---|
EOF
    local rows2=""
    for target in web-direct web-direct-many events-direct web-nginx events-nginx; do
      local limit=1000 okp p99 v closed median vd oldest
      case $target in events-*) limit=3000 ;; esac
      okp=$(prop "$out" $target.probe.successPercent); p99=$(prop "$out" $target.probe.p99Ms)
      closed=$(prop "$out" $target.slowloris.closedByServer); median=$(prop "$out" $target.slowloris.closedAfterMedianMs)
      v=$(verdict "$(num "$okp") >= 99 && $(num "$p99") >= 0 && $(num "$p99") <= $limit")
      oldest=$(prop "$out" $target.slowloris.oldestOpenAtEndMs)
      vd=$(verdict "$(num "$closed") > 0 && $(num "$oldest") <= 20000")
      echo "| $target | $(prop "$out" $target.slowloris.maxOpenAtOnce) / $(prop "$out" $target.slowloris.opens) | $closed ($median, $(prop "$out" $target.slowloris.closedAfterMaxMs)) | $(prop "$out" $target.slowloris.answeredByServer) | $(prop "$out" $target.slowloris.openAtEnd), $oldest | **$vd** |"
      rows2+="| $target | $okp% of $(prop "$out" $target.probe.attempts) | $(prop "$out" $target.probe.p50Ms) / $p99 / $(prop "$out" $target.probe.maxMs) | $(prop "$out" $target.probe.failures) | >= 99%, p99 <= $limit ms | **$v** |"$'\n'
      echo "slow-$target|Slowloris $target: ordinary client >= 99%, p99 <= $limit ms|$okp%, p99 $p99 ms|$v" >> "$RESULTS/slowloris.summary.tmp"
      echo "slow-$target-deadline|Slowloris $target: no slow head kept open longer than 20 s|$closed closed (median after $median ms), oldest still open $oldest ms|$vd" >> "$RESULTS/slowloris.summary.tmp"
    done
    printf '\nThe ordinary client meanwhile:\n\n| target | answered | p50 / p99 / max ms | failures | expected | verdict |\n|---|---|---|---|---|---|\n%s' "$rows2"
    if [ "$(num "$(prop "$out" web-direct.slowloris.oldestOpenAtEndMs)")" -gt 20000 ] 2>/dev/null || \
       [ "$(prop "$out" web-direct.slowloris.closedByServer)" = 0 ]; then
      cat <<EOF

The web port by itself keeps the slow heads it has admitted: Tomcat's \`connection-timeout\` bounds each read, not the
whole head, so a byte every ${SLOW_INTERVAL_MS} ms keeps a connection open for good; what the service refuses past a per-address
cap it closes at once. Past \`max-connections\` (8,192 by default) new clients wait in the accept backlog, which
slow clients from enough addresses reach (web-direct-many). The proxy's \`client_header_timeout\` is a deadline
for the whole head (the nginx rows): production runs behind it.
EOF
    fi
    local pe ps pv
    pe=$(prop "$out" proxy.events.sseCheck.likeToEventMs); ps=$(prop "$out" proxy.site.sseCheck.likeToEventMs)
    pv=$(verdict "\"$(prop "$out" proxy.events.sseCheck.deliveredWithin3s)\" == \"true\" && \"$(prop "$out" proxy.site.sseCheck.deliveredWithin3s)\" == \"true\" && \"$(prop "$out" proxy.engagementStatus)\" == \"200\" && \"$(prop "$out" proxy.heartbeatStatus)\" == \"200\"")
    local xff xv
    xff=$(prop "$out" proxy.uncountedAddresses)
    if [[ " $xff " == *" $ORDINARY "* && " $xff " != *" $PROXY_SOURCE "* ]]; then xv=met; else xv=missed; fi
    cat <<EOF

Through nginx, before the attacks (ordinary client from $ORDINARY): engagement GET $(prop "$out" proxy.engagementStatus), heartbeat
$(prop "$out" proxy.heartbeatStatus); event port through nginx: first event after $(prop "$out" proxy.events.sseCheck.firstEventMs) ms, a like's event $pe ms after the like
(failure: $(prop "$out" proxy.events.sseCheck.failure)); the site's own SSE endpoint through nginx: $ps ms (failure:
$(prop "$out" proxy.site.sseCheck.failure)). Expected: events unbuffered, a like's event within 3 s: **$pv**. Also through nginx:
\`/actuator/prometheus\` $(prop "$out" proxy.prometheusStatus) (kept inside), a 100 KB body $(prop "$out" proxy.bigBodyStatus) (64 KB limit), \`Server:\` "$(prop "$out" proxy.serverHeader)" (no version).
The client's address reaches the service: a heartbeat with a forged device id sent through nginx from $ORDINARY is
reported to admins (\`GET /api/admin/presence/uncounted\`, addresses: "$xff") under $ORDINARY, not the proxy's
$PROXY_SOURCE: **$xv**.
EOF
    echo "slow-xff|nginx config: the client's address reaches the service (X-Forwarded-For)|uncounted heartbeats reported under: $xff|$xv" >> "$RESULTS/slowloris.summary.tmp"
    echo "slow-proxy|nginx config: API works, SSE unbuffered (like's event <= 3 s)|$pe ms (event port), $ps ms (site)|$pv" >> "$RESULTS/slowloris.summary.tmp"
  } > "$md"
  mv "$RESULTS/slowloris.summary.tmp" "$RESULTS/slowloris.summary"
}

# ------------------------------------------------------------------ d. kill -9 under like load
# kill_runs LABEL JDBC_URL USER PASSWORD: KILL_RUNS x (likes, kill -9 mid-load, restart on the same database, compare)
kill_runs() {
  local label=$1 url=$2 user=$3 password=$4 out="$RESULTS/kill.properties" dir="$RESULTS/kill"
  # the seller's shop hears of every attributed order by webhook, on a receiver that outlives every kill
  start_app "kill-$label" "$url" "$user" "$password" --livepulse.webhooks.allow-loopback-targets=true
  local seller admin receiver received="$dir/$label.webhooks.txt"
  seller=$(token SELLER attack-seller 1); admin=$(token ADMIN attack-admin)
  raise_like_limit "$admin"
  rm -f "$received"
  $DRIVER webhook-receiver --port $KILL_WEBHOOK_PORT --seconds 900 --received "$received" > "$dir/$label.receiver.txt" 2>&1 &
  receiver=$!
  curl -s -o /dev/null -XPOST "$BASE/api/webhooks" -H "Authorization: Bearer $seller" -H 'Content-Type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$KILL_WEBHOOK_PORT/hook\",\"events\":[\"order.attributed\"]}"
  for run in $(seq 1 "$KILL_RUNS"); do
    local stream ack="$dir/$label-run$run.ack"
    stream=$(new_stream "$seller" "kill $label $run")
    local likers kind pid writers=() sale=() extra
    # a flash sale running on the stream, for the claims (its countdown is 10 s), and an auction of the same product
    # for the bids (sudden death, ending 20 s after the load: after the restart), both started before any load, so
    # the likes and the writes below run side by side when the kill comes
    read -r -a sale <<< "$(timeout 60 $DRIVER writes-until-killed --base "$BASE" --stream "$stream" --kind claims --prepare true \
      --secret "$SECRET" --vendor 1 --rate $KILL_CLAIM_RATE --seconds $((KILL_AFTER_SECONDS + 3)) 2> "$dir/$label-run$run.sale.txt")"
    timeout $((KILL_AFTER_SECONDS + 60)) $DRIVER likes-until-killed --base "$BASE" --stream "$stream" --secret "$SECRET" --users $KILL_USERS \
      --connections $KILL_CONNECTIONS --seconds $((KILL_AFTER_SECONDS + 3)) --ack-file "$ack" > "$dir/$label-run$run.txt" 2>&1 &
    likers=$!
    # chat messages, purchases, claims and bids on the same stream, killed by the same kill -9
    for kind in chat purchases claims bids; do
      extra=(--rate $KILL_WRITE_RATE)
      # purchases name the seller's product: attributed orders, each told to the seller's webhook
      [ "$kind" = purchases ] && extra=(--rate $KILL_WRITE_RATE --product "${sale[1]:-0}")
      [ "$kind" = claims ] && extra=(--rate $KILL_CLAIM_RATE --sale "${sale[0]:-0}" --product "${sale[1]:-0}")
      [ "$kind" = bids ] && extra=(--rate $KILL_BID_RATE --auction "${sale[2]:-0}")
      timeout $((KILL_AFTER_SECONDS + 60)) $DRIVER writes-until-killed --base "$BASE" --stream "$stream" --kind $kind --secret "$SECRET" \
        "${extra[@]}" --seconds $((KILL_AFTER_SECONDS + 3)) --run "$label-$run" --ack-file "$dir/$label-run$run.$kind.ack" \
        --out "$out" --prefix "$label.$run.$kind." > "$dir/$label-run$run.$kind.txt" 2>&1 &
      writers+=($!)
    done
    sleep "$KILL_AFTER_SECONDS"
    kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
    wait "$likers" || true
    for pid in "${writers[@]}"; do wait "$pid" || true; done
    start_app "kill-$label" "$url" "$user" "$password" --livepulse.webhooks.allow-loopback-targets=true
    for kind in chat purchases claims bids; do
      timeout 120 $DRIVER writes-until-killed --base "$BASE" --stream "$stream" --kind $kind --secret "$SECRET" --verify true \
        --product "${sale[1]:-0}" --auction "${sale[2]:-0}" --ack-file "$dir/$label-run$run.$kind.ack" --out "$out" --prefix "$label.$run.$kind.after." \
        > "$dir/$label-run$run.$kind.verify.txt" 2>&1 || echo "   verifying $kind failed, see $dir/$label-run$run.$kind.verify.txt"
    done
    # every acknowledged order's webhook, delivered (retried after the restart if the kill caught it)
    timeout 150 $DRIVER webhook-receiver --received "$received" --check "$dir/$label-run$run.purchases.ack" --wait 120 \
      --out "$out" --prefix "$label.$run.purchases.after." > /dev/null 2>&1 || echo "   checking the webhooks failed"
    echo "   $label run $run: chat acknowledged $(prop "$out" $label.$run.chat.acknowledged), lost $(prop "$out" $label.$run.chat.after.lost); purchases acknowledged $(prop "$out" $label.$run.purchases.acknowledged), lost $(prop "$out" $label.$run.purchases.after.lost), webhooks missing $(prop "$out" $label.$run.purchases.after.webhooksMissing); claims acknowledged $(prop "$out" $label.$run.claims.acknowledged), lost $(prop "$out" $label.$run.claims.after.lost); bids acknowledged $(prop "$out" $label.$run.bids.acknowledged), lost $(prop "$out" $label.$run.bids.after.lost), $(prop "$out" $label.$run.bids.after.decision)"
    local acked max stored recon lost
    acked=$(prop "$ack" acknowledged); max=$(prop "$ack" maxAckedTotal)
    stored=$(engagement "$stream" likes)
    recon=$(curl -s --max-time 30 "$BASE/api/admin/reconciliation" -H "Authorization: Bearer $admin" | jq -c '{consistent, streamsChecked, differences: (.differences | length)}' 2>/dev/null || echo unavailable)
    lost=$(( $(num "$acked") - $(num "$stored") )); [ "$lost" -lt 0 ] && lost=0
    {
      echo "$label.$run.acknowledged=$acked"; echo "$label.$run.maxAckedTotal=$max"; echo "$label.$run.stored=$stored"
      echo "$label.$run.lost=$lost"; echo "$label.$run.unacknowledgedStored=$(( $(num "$stored") - $(num "$acked") ))"
      echo "$label.$run.sentUnanswered=$(prop "$ack" sentUnanswered)"; echo "$label.$run.other=$(prop "$ack" otherStatus)/$(prop "$ack" rateLimited)"
      echo "$label.$run.reconciliation=$recon"
    } >> "$out"
    echo "   $label run $run: acknowledged $acked, stored $stored, lost $lost, reconciliation $recon"
  done
  stop_app
  kill "$receiver" 2>/dev/null || true; wait "$receiver" 2>/dev/null || true
}

attack_kill() {
  echo "== kill -9 under like load"
  local dir="$RESULTS/kill" out="$RESULTS/kill.properties" md="$RESULTS/kill.md"
  rm -rf "$dir" "$out" "$RESULTS"/app-kill-*.log "$RESULTS/pg-kill.log"; mkdir -p "$dir"
  kill_runs h2 "$(h2_url "$dir/h2")" sa ""
  $DRIVER pg-server --port $PG_PORT --dir "$dir/pgdata" > "$RESULTS/pg-kill.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 60); do grep -q ready "$RESULTS/pg-kill.log" && break; sleep 1; done
  kill_runs postgres "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" postgres postgres
  kill "$PG_PID"; wait "$PG_PID" 2>/dev/null || true; PG_PID=""

  {
    section_header kill "d. kill -9 under like, chat and purchase load"
    cat <<EOF
Per run: a new LIVE stream; \`driver likes-until-killed\`: $KILL_USERS signed-in users (HS256 tokens minted with the configured
secret) liking closed-loop on $KILL_CONNECTIONS keep-alive connections, the per-user rate limit raised to 1000/s through
\`PUT /api/admin/settings\`; every acknowledged like (200 with the stream's total) is counted in the client, which
writes its counts to a file five times a second and outlives the service. ${KILL_AFTER_SECONDS} s into the load the service gets
\`kill -9\`; it is restarted on the same database, then the stream's stored likes (\`GET .../engagement\`, rebuilt
from \`stream_interactions\` at start-up) and \`GET /api/admin/reconciliation\` are read. Lost = acknowledged -
stored. Expected: lost = 0 in every run, stored >= the highest total any acknowledgement carried, reconciliation
consistent. ($KILL_RUNS runs on H2 with the embedded default's settings, $KILL_RUNS on PostgreSQL 16 via embedded-postgres.)

| database | run | acknowledged | highest acknowledged total | stored after restart | lost | stored but unacknowledged (in flight at the kill) | sent, no answer | other / 429 | reconciliation after restart | verdict |
|---|---|---|---|---|---|---|---|---|---|---|
EOF
    local total_lost=0 total_acked=0 all=met
    for label in h2 postgres; do
      for run in $(seq 1 "$KILL_RUNS"); do
        local a m s l r v
        a=$(prop "$out" $label.$run.acknowledged); m=$(prop "$out" $label.$run.maxAckedTotal); s=$(prop "$out" $label.$run.stored)
        l=$(prop "$out" $label.$run.lost); r=$(prop "$out" $label.$run.reconciliation)
        v=$(verdict "$(num "$a") > 0 && $(num "$l") == 0 && $(num "$s") >= $(num "$m")")
        [[ "$r" == *'"consistent":true'* ]] || v=missed
        [ "$v" = met ] || all=missed
        total_lost=$(( total_lost + $(num "$l") )); total_acked=$(( total_acked + $(num "$a") ))
        echo "| $label | $run | $a | $m | $s | $l | $(prop "$out" $label.$run.unacknowledgedStored) | $(prop "$out" $label.$run.sentUnanswered) | $(prop "$out" $label.$run.other) | \`$r\` | **$v** |"
      done
    done
    echo
    echo "In all: $total_acked acknowledged likes, $total_lost lost."
    echo
    cat <<EOF
Chat messages and purchases, in the same runs and killed by the same \`kill -9\`: \`driver writes-until-killed\` posts
$KILL_WRITE_RATE chat messages a second (signed-in viewers, each inside the per-user limit) and reports $KILL_WRITE_RATE purchases a
second (a COMMERCE token, a new order id each) on the stream, open loop, and remembers what every 201 acknowledged: the
message id in the answer, the order id it sent. After the restart every acknowledged message must be in the stream's
chat (\`GET .../chat\`, paged back with \`?before=\`), and every acknowledged order, reported again, must be answered
200 "already recorded" (201 would mean the service had lost it). Expected: lost = 0 in every run.

| database | run | chat: acknowledged / refused / sent, no answer | chat: stored after restart / acknowledged lost | purchases: acknowledged / refused / sent, no answer | purchases: acknowledged found again / lost | verdict |
|---|---|---|---|---|---|---|
EOF
    local writes_lost=0 writes_acked=0 writes_all=met
    for label in h2 postgres; do
      for run in $(seq 1 "$KILL_RUNS"); do
        local ca cl pa pl wv
        ca=$(prop "$out" $label.$run.chat.acknowledged); cl=$(prop "$out" $label.$run.chat.after.lost)
        pa=$(prop "$out" $label.$run.purchases.acknowledged); pl=$(prop "$out" $label.$run.purchases.after.lost)
        wv=$(verdict "$(num "$ca") > 0 && $(num "$pa") > 0 && $(num "$cl") == 0 && $(num "$pl") == 0")
        [ "$wv" = met ] || writes_all=missed
        writes_lost=$(( writes_lost + $(num "$cl") + $(num "$pl") )); writes_acked=$(( writes_acked + $(num "$ca") + $(num "$pa") ))
        echo "| $label | $run | $ca / $(prop "$out" $label.$run.chat.refused) / $(prop "$out" $label.$run.chat.sentUnanswered) | $(prop "$out" $label.$run.chat.after.stored) / $cl | $pa / $(prop "$out" $label.$run.purchases.refused) / $(prop "$out" $label.$run.purchases.sentUnanswered) | $(prop "$out" $label.$run.purchases.after.stored) / $pl | **$wv** |"
      done
    done
    echo
    echo "In all: $writes_acked acknowledged chat messages and purchases, $writes_lost lost."
    echo
    cat <<EOF
Flash-sale claims, in the same runs: before the load a sale of $((2 * KILL_CLAIM_RATE * (KILL_AFTER_SECONDS + 3))) units, one per buyer, is started on the
stream and its 10-s countdown waited out; then \`driver writes-until-killed --kind claims\` claims $KILL_CLAIM_RATE units a second (each by
another signed-in viewer) and remembers every claim id a 201 answered. After the restart the shop settles each acknowledged claim
through the purchases API with its \`claimId\`: a claim the service lost would be refused (422, no such claim). Oversold units are
impossible by construction (a check constraint and conditional updates, \`docs/adr/0020\`).

| database | run | claims: acknowledged / refused / sent, no answer | acknowledged claims settled after restart / lost | verdict |
|---|---|---|---|---|
EOF
    local claims_lost=0 claims_acked=0 claims_all=met
    for label in h2 postgres; do
      for run in $(seq 1 "$KILL_RUNS"); do
        local ka kl kv
        ka=$(prop "$out" $label.$run.claims.acknowledged); kl=$(prop "$out" $label.$run.claims.after.lost)
        kv=$(verdict "$(num "$ka") > 0 && $(num "$kl") == 0")
        [ "$kv" = met ] || claims_all=missed
        claims_lost=$(( claims_lost + $(num "$kl") )); claims_acked=$(( claims_acked + $(num "$ka") ))
        echo "| $label | $run | $ka / $(prop "$out" $label.$run.claims.refused) / $(prop "$out" $label.$run.claims.sentUnanswered) | $(prop "$out" $label.$run.claims.after.stored) / $kl | **$kv** |"
      done
    done
    echo
    echo "In all: $claims_acked acknowledged claims, $claims_lost lost."
    echo
    cat <<EOF
Auction bids, in the same runs: an auction of the same product (sudden death, ending 20 s after the load, so after the
restart) takes $KILL_BID_RATE bids a second, each by another signed-in viewer and each 50.00 above the one before
(\`driver writes-until-killed --kind bids\`), which remembers the price every 201 answered. After the restart every
acknowledged bid must be in the auction's public history (\`GET /api/auctions/{id}/bids\`), in order, and the auction,
once its clock is out, decided once: SOLD to the leader of the history's last bid at its price (\`docs/adr/0021\`).

| database | run | bids: acknowledged / refused / sent, no answer | in the history after restart (in order) / lost | decision | verdict |
|---|---|---|---|---|---|
EOF
    local bids_lost=0 bids_acked=0 bids_all=met
    for label in h2 postgres; do
      for run in $(seq 1 "$KILL_RUNS"); do
        local ba bl bv
        ba=$(prop "$out" $label.$run.bids.acknowledged); bl=$(prop "$out" $label.$run.bids.after.lost)
        bv=$(verdict "$(num "$ba") > 0 && $(num "$bl") == 0 && $(num "$(prop "$out" $label.$run.bids.after.inOrder)") == $(num "$(prop "$out" $label.$run.bids.after.stored)")")
        [ "$(prop "$out" $label.$run.bids.after.decisionMatchesHistory)" = true ] || bv=missed
        [ "$bv" = met ] || bids_all=missed
        bids_lost=$(( bids_lost + $(num "$bl") )); bids_acked=$(( bids_acked + $(num "$ba") ))
        echo "| $label | $run | $ba / $(prop "$out" $label.$run.bids.refused) / $(prop "$out" $label.$run.bids.sentUnanswered) | $(prop "$out" $label.$run.bids.after.stored) ($(prop "$out" $label.$run.bids.after.inOrder)) / $bl | $(prop "$out" $label.$run.bids.after.decision) | **$bv** |"
      done
    done
    echo
    echo "In all: $bids_acked acknowledged bids, $bids_lost lost."
    echo
    cat <<EOF
Webhooks, in the same runs: the purchases name the seller's product, so each is an attributed order, and the
seller has a webhook endpoint for \`order.attributed\` on a receiver outside the service (\`driver webhook-receiver\`,
alive across the kill). The outbox row is written in the purchase's own transaction; after the restart every
acknowledged order's webhook must arrive (a delivery the kill caught is sent again once its lease runs out),
waiting at most 120 s.

| database | run | acknowledged orders | their webhooks never delivered | verdict |
|---|---|---|---|---|
EOF
    local hooks_missing=0 hooks_acked=0 hooks_all=met
    for label in h2 postgres; do
      for run in $(seq 1 "$KILL_RUNS"); do
        local ha hm hv
        ha=$(prop "$out" $label.$run.purchases.acknowledged); hm=$(prop "$out" $label.$run.purchases.after.webhooksMissing)
        hv=$(verdict "$(num "$ha") > 0 && $(num "${hm:-x}") == 0")
        [ -n "$hm" ] || hv=missed
        [ "$hv" = met ] || hooks_all=missed
        hooks_missing=$(( hooks_missing + $(num "${hm:-0}") )); hooks_acked=$(( hooks_acked + $(num "$ha") ))
        echo "| $label | $run | $ha | ${hm:-not checked} | **$hv** |"
      done
    done
    echo
    echo "In all: $hooks_acked acknowledged orders, $hooks_missing of their webhooks never delivered."
    {
      echo "kill|kill -9 under like load, $KILL_RUNS runs on H2 + $KILL_RUNS on PostgreSQL: lost = 0|$total_lost lost of $total_acked acknowledged|$all"
      echo "kill-writes|kill -9 under chat and purchase load (same runs): acknowledged messages and orders lost = 0|$writes_lost lost of $writes_acked acknowledged|$writes_all"
      echo "kill-claims|kill -9 under flash-sale claims (same runs): acknowledged claims lost = 0|$claims_lost lost of $claims_acked acknowledged|$claims_all"
      echo "kill-webhooks|kill -9 between an order's commit and its webhook (same runs): webhooks never delivered = 0|$hooks_missing of $hooks_acked|$hooks_all"
      echo "kill-bids|kill -9 under auction bids (same runs): acknowledged bids lost = 0, one decision matching the history|$bids_lost lost of $bids_acked acknowledged|$bids_all"
    } > "$RESULTS/kill.summary"
  } > "$md"
}

# ------------------------------------------------------------------ e. slow readers, direct and behind nginx
attack_slowreader() {
  echo "== slowreader"
  local dir="$RESULTS/slowreader" out="$RESULTS/slowreader.properties" md="$RESULTS/slowreader.md"
  rm -rf "$dir" "$out" "$RESULTS"/app-slowreader.log; mkdir -p "$dir"
  start_app slowreader "$(h2_url "$dir/h2")" sa "" --server.tomcat.remoteip.internal-proxies="${PROXY_SOURCE//./\\.}"
  start_nginx
  local target events
  for target in $SLOWREADER_TARGETS; do
    case $target in
      events-direct) events="http://127.0.0.1:$EVENT_PORT" ;;
      web-direct) events="$BASE" ;;
      events-nginx) events="http://127.0.0.1:$NGINX_EVENT_PORT" ;;
      web-nginx) events="http://127.0.0.1:$NGINX_WEB_PORT" ;;
    esac
    # the service's resident memory, sampled every second while the pass runs (bounded)
    ( max=0; for _ in $(seq 1 $((SLOWREADER_SECONDS + 90))); do
        n=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0); [ "${n:-0}" -gt "$max" ] && max=$n
        echo "$max" > "$dir/rss-$target"; sleep 1; done ) &
    local sampler=$!
    echo "$target.rssBeforeKb=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")" >> "$out"
    timeout $((SLOWREADER_SECONDS + 120)) $DRIVER slow-readers --api "$BASE" --events "$events" --slow "$SLOWREADER_ATTACKERS" \
      --ordinary "$SLOWREADER_ORDINARY" --rate "$SLOWREADER_RATE" --seconds "$SLOWREADER_SECONDS" --attacker "$SLOWREADER_SOURCE" \
      --out "$out" --prefix "$target." > "$dir/driver-$target.txt" 2>&1 || echo "slow-readers failed, see $dir/driver-$target.txt"
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    echo "$target.rssPeakKb=$(cat "$dir/rss-$target" 2>/dev/null || echo -1)" >> "$out"
    echo "   $target: ordinary p99 $(prop "$out" "$target.slow.deliveryP99Ms") ms, $(prop "$out" "$target.slow.delivered")/$(prop "$out" "$target.slow.expected") delivered; kernel TCP $(prop "$out" "$target.slow.tcpMemBeforeMb") -> $(prop "$out" "$target.slow.tcpMemPeakMb") MB; queued on the port at most $(prop "$out" "$target.slow.queuedOnPortPeakMb") MB"
    sleep 3
  done
  stop_nginx
  stop_app

  local rows="" summary=""
  for target in $SLOWREADER_TARGETS; do
    local p="$target.slow." grow rss_before rss_peak ok1 ok2 ok3
    grow=$(awk -v a="$(num "$(prop "$out" "${p}tcpMemPeakMb")")" -v b="$(num "$(prop "$out" "${p}tcpMemBeforeMb")")" 'BEGIN {printf "%.1f", a - b}')
    rss_before=$(( $(num "$(prop "$out" "$target.rssBeforeKb")") / 1024 )); rss_peak=$(( $(num "$(prop "$out" "$target.rssPeakKb")") / 1024 ))
    ok1=$(verdict "$(num "$(prop "$out" "${p}deliveryP99Ms")") >= 0 && $(num "$(prop "$out" "${p}deliveryP99Ms")") <= 3000 && $(num "$(prop "$out" "${p}delivered")") == $(num "$(prop "$out" "${p}expected")") && $(num "$(prop "$out" "${p}expected")") > 0")
    ok2=$(verdict "$(num "$(prop "$out" "${p}queuedOnPortPeakMb")") >= 0 && $(num "$(prop "$out" "${p}queuedOnPortPeakMb")") <= $SLOWREADER_QUEUED_LIMIT_MB && $grow <= $SLOWREADER_KERNEL_LIMIT_MB")
    ok3=$(verdict "$rss_peak > 0 && $rss_peak - $rss_before <= $SLOWREADER_RSS_LIMIT_MB")
    rows+="| $target | $(prop "$out" "${p}opened") / $(prop "$out" "${p}answered200") / $(prop "$out" "${p}refused") / $(prop "$out" "${p}mostOpenAtOnce") | $(prop "$out" "${p}ordinaryConnected") of $(prop "$out" "${p}ordinary"); $(prop "$out" "${p}delivered") of $(prop "$out" "${p}expected"); p50 $(prop "$out" "${p}deliveryP50Ms") / p99 $(prop "$out" "${p}deliveryP99Ms") / max $(prop "$out" "${p}deliveryMaxMs") ms | $(prop "$out" "${p}tcpMemBeforeMb") -> $(prop "$out" "${p}tcpMemPeakMb") (+$grow) | $(prop "$out" "${p}queuedOnPortPeakMb") / $(prop "$out" "${p}finWait1PeakOnPort") / $(prop "$out" "${p}socketsOnPortPeak") | $rss_before -> $rss_peak | **$ok1** / **$ok2** / **$ok3** |"$'\n'
    summary+="slowreader-$target-ordinary|Slow readers, $target: every ordinary subscriber gets every message, p99 <= 3 s|$(prop "$out" "${p}delivered") of $(prop "$out" "${p}expected"), p99 $(prop "$out" "${p}deliveryP99Ms") ms|$ok1"$'\n'
    local ok23=missed; [ "$ok2" = met ] && [ "$ok3" = met ] && ok23=met
    summary+="slowreader-$target-memory|Slow readers, $target: queued on the port <= $SLOWREADER_QUEUED_LIMIT_MB MB, kernel TCP memory + <= $SLOWREADER_KERNEL_LIMIT_MB MB, service RSS + <= $SLOWREADER_RSS_LIMIT_MB MB|$(prop "$out" "${p}queuedOnPortPeakMb") MB, +$grow MB, RSS +$(( rss_peak - rss_before )) MB|$ok23"$'\n'
  done
  {
    section_header slowreader "e. Slow readers, direct and behind nginx"
    cat <<EOF
\`driver slow-readers\`: an attacker at $SLOWREADER_SOURCE keeps up to $SLOWREADER_ATTACKERS event streams of one live stream open, each
with a 2 KB receive buffer, reading only the response head; whenever the service (or nginx) closes or resets one, it
opens another at once (every 200 ms it reads its own sockets' states from \`/proc/net/tcp\`), at most 20,000 in all.
Meanwhile $SLOWREADER_ORDINARY ordinary subscribers read the same event stream from 127.0.0.1, and signed-in users post
$SLOWREADER_RATE chat messages a second (about 220 characters each) for $SLOWREADER_SECONDS s; an ordinary subscriber's delay for a
message is from its post's acknowledgement to the \`chat\` event that holds it. Every second the kernel's TCP memory
(\`/proc/net/sockstat\`, every socket of the host), the bytes queued in the sockets on the attacked port (\`tx_queue\`
in \`/proc/net/tcp\`: what the first hop holds for its clients) and how many of those are in FIN-WAIT-1 are read, and the
service's resident memory from \`/proc/<pid>/status\`. Targets: the event port and the web server's own event endpoint
directly, and both through \`deploy/nginx/livepulse.conf\` as shipped (ports rewritten as in c.).
On 44db518 the audit measured about 2.2 MB queued per slow socket, 197 MB in FIN-WAIT-1 for 50, and 395 MB of kernel
TCP memory from one address (394 MB on the web server's endpoint). Expected now: every ordinary subscriber gets every
message, p99 <= 3 s; at most $SLOWREADER_QUEUED_LIMIT_MB MB queued on the attacked port and the kernel's TCP memory at most
$SLOWREADER_KERNEL_LIMIT_MB MB above what it was before; the service's resident memory at most $SLOWREADER_RSS_LIMIT_MB MB above it.

| target | attacker: opened / answered 200 / refused / most open at once | ordinary subscribers: connected; messages delivered of expected; delay | kernel TCP memory, MB: before -> peak | attacked port at peak: MB queued / FIN-WAIT-1 / sockets | service RSS, MB: before -> peak | verdicts: ordinary / kernel / service |
|---|---|---|---|---|---|---|
${rows}
EOF
  } > "$md"
  printf '%s' "$summary" > "$RESULTS/slowreader.summary"
}

# ------------------------------------------------------------------ run and report
for attack in "${ATTACKS[@]}"; do
  "attack_$attack"
done

# an attack not run here (its raw results are not committed) keeps its section and summary rows from the last RELIABILITY.md
recover_section() { # ATTACK "## x. " SUMMARY-ROW-REGEX
  [ -f "$RESULTS/$1.md" ] || [ ! -f "$ROOT/RELIABILITY.md" ] && return 0
  awk -v head="$2" 'index($0, head) == 1 {on = 1} on && /^## / && index($0, head) != 1 {on = 0} on' "$ROOT/RELIABILITY.md" \
    | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$RESULTS/$1.md"
  [ -s "$RESULTS/$1.md" ] || { rm -f "$RESULTS/$1.md"; return 0; }
  awk -v rows="$3" -F' [|] ' '/^## Summary/ {on = 1; next} on && /^## / {on = 0} on && /^\| / && $1 ~ rows {
      check = substr($1, 3); verdict = $3; gsub(/[*| ]/, "", verdict); print "kept|" check "|" $2 "|" verdict }' \
    "$ROOT/RELIABILITY.md" > "$RESULTS/$1.summary"
}
recover_section flood "## a. " '^[|] Fake-viewer flood'
recover_section events "## b. " '^[|] Event flood'
recover_section slowloris "## c. " '^[|] (Slowloris|nginx config)'
recover_section kill "## d. " '^[|] kill -9'
recover_section slowreader "## e. " '^[|] Slow readers'
recover_section viewbot "## f. " '^[|] Viewbots'

ELAPSED=$(( $(date +%s) - START ))
{
  cat <<EOF
# Reliability under attack

Generated by \`bench/attack.sh\` (last invocation: \`bench/attack.sh ${ATTACKS[*]}\`, $ELAPSED s, finished $(date -u +%Y-%m-%dT%H:%MZ)); do not edit by
hand, run it again. Each section says when and on which code it ran. Machine: $(nproc) cores,
$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1), $("$NGINX" -v 2>&1 | sed 's/.*: //'), descriptor limit $(ulimit -n).
Everything runs on loopback: the service on 127.0.0.1:$WEB_PORT (web) and :$EVENT_PORT (events) with a configured HS256 secret
(tokens are minted by \`bench/driver\` with it), attackers from 127.0.0.1, ordinary clients from $ORDINARY. The load
generators share the 2 cores with the service, so latencies are upper bounds of what the service itself adds.
Raw output: \`bench/attack/results/\` (not committed). One attack alone: \`bench/attack.sh flood|events|slowloris|kill|slowreader|viewbot\`.

## Summary

| check | result | verdict |
|---|---|---|
EOF
  for attack in flood events slowloris kill slowreader viewbot; do
    [ -f "$RESULTS/$attack.summary" ] && awk -F'|' '{printf "| %s | %s | **%s** |\n", $2, $3, $4}' "$RESULTS/$attack.summary"
  done
  echo
  for attack in flood events slowloris kill slowreader viewbot; do
    [ -f "$RESULTS/$attack.md" ] && { cat "$RESULTS/$attack.md"; echo; }
  done
} > "$ROOT/RELIABILITY.md"
echo "== wrote RELIABILITY.md in $ELAPSED s"
