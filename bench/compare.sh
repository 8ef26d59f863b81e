#!/usr/bin/env bash
# Two builds of the service side by side on this machine, in alternating rounds: the engagement GET
# (wrk) and durable likes on H2 (wrk + bench/likes.lua), the same load bench/run.sh uses for rows 1
# and 2. A figure from another day's run moves with the machine; old and new measured in one run
# under the same noise give the ratio a change really costs or gains.
#
#   bench/compare.sh BASE_REV [ROUNDS]     (default 3 rounds; about 2.5 minutes per round)
#   BASE_ARGS="--livepulse.playback.verify-viewers=false" bench/compare.sh HEAD   the same build with other settings
#                                           for the base (here: viewers counted by presence alone)
#   ROWS="get likes sse" bench/compare.sh BASE_REV   which rows (default "get likes"; also heartbeat, signedin: heartbeats
#                                           of 2,000 signed-in viewers, a bearer token each; sse); sse is row 4's
#                                           10,000 subscribers for 20 s on the event port, then on the
#                                           web server's own endpoint (about 1.5 minutes more per build)
#
# Writes bench/compare.md (committed with the change it judges); raw output in bench/results-compare/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BASE_REV=${1:?usage: bench/compare.sh BASE_REV [ROUNDS]}
ROUNDS=${2:-3}
ROWS=${ROWS:-get likes}
has_row() { [[ " $ROWS " == *" $1 "* ]]; }
(( ROUNDS >= 1 && ROUNDS <= 6 )) || { echo "ROUNDS must be 1-6"; exit 2; }
. bench/lib.sh
bench_setup
RESULTS="$ROOT/bench/results-compare"
PORT=18090; BASE="http://127.0.0.1:$PORT"; EVENT_PORT=18092; MEDIA_SECRET="compare-media-hook-secret-0123456789"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

BASE_SHA=$(git rev-parse --short "$BASE_REV")
NEW_SHA=$(git rev-parse --short HEAD)
DIRTY=$(git status --porcelain --untracked-files=no | grep -q . && echo " + uncommitted changes" || true)
echo "== building the new service ($NEW_SHA$DIRTY), the driver, and the base ($BASE_SHA)"
./mvnw -B -q -DskipTests package
cp "$(service_jar)" "$RESULTS/new.jar"
./mvnw -B -q -f bench/driver/pom.xml package
DRIVER="java -jar bench/driver/target/bench-driver.jar"
BASE_TREE="$RESULTS/base-tree"
git worktree add --detach "$BASE_TREE" "$BASE_REV" >/dev/null
(cd "$BASE_TREE" && "$ROOT/mvnw" -B -q -DskipTests package)
cp "$(ls "$BASE_TREE"/target/livepulse-*.jar | grep -v original | head -1)" "$RESULTS/base.jar"
git worktree remove --force "$BASE_TREE"

has_row signedin && $DRIVER tokens --secret "$BENCH_SECRET" --users 2000 --output "$RESULTS/signedin-tokens.txt" > /dev/null

APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT

# heartbeat_row OUT NAME ROUND: a live stream whose encoder published through nginx-rtmp (the hook, as nginx sends
# it; no media server runs), so the new build verifies its viewers and the base does not; 20 devices the service
# issued heartbeat through wrk: the counted (base) or gated (new: no player fetches) viewer path
heartbeat_row() {
  local out=$1 name=$2 round=$3 seller id key cookies="$RESULTS/cookies-$2-$3.txt"
  seller=$($DRIVER token --secret "$BENCH_SECRET" --user compare-seller --role SELLER --vendor 77 --ttl-seconds 3600)
  id=$(curl -sf -XPOST "$BASE/api/streams" -H "Authorization: Bearer $seller" -H 'Content-Type: application/json' \
    -d '{"title":"Heartbeats on video"}' | jq -r .id)
  key=$(curl -sf "$BASE/api/streams/$id/key" -H "Authorization: Bearer $seller" | jq -r .streamKey)
  curl -s -o /dev/null -XPOST "$BASE/api/media/nginx-rtmp/publish?secret=$MEDIA_SECRET" \
    --data "call=publish&app=ingest&name=$key&clientid=1&addr=127.0.0.1&type=live"
  : > "$cookies"
  for _ in $(seq 1 20); do
    curl -s -o /dev/null -D - -XPOST "$BASE/api/streams/$id/heartbeat" | tr -d '\r' \
      | awk -F'[ ;]' 'tolower($1) == "set-cookie:" && $2 ~ /^lp_device=/ {print $2}' >> "$cookies"
  done
  local url="$BASE/api/streams/$id/heartbeat"
  COOKIES="$cookies" wrk -t2 -c64 -d5s -s bench/heartbeat.lua "$url" > /dev/null
  COOKIES="$cookies" wrk -t2 -c64 -d10s --latency -s bench/heartbeat.lua "$url" > "$RESULTS/wrk-heartbeat-$name-$round.txt"
  echo "heartbeat.rps=$(wrk_rps "$RESULTS/wrk-heartbeat-$name-$round.txt")" >> "$out"
  echo "heartbeat.p99Ms=$(wrk_p99_ms "$RESULTS/wrk-heartbeat-$name-$round.txt")" >> "$out"
  echo "heartbeat.devices=$(grep -c . "$cookies")" >> "$out"
}

# measure JAR NAME ROUND: a fresh H2 database, the service with bench/run.sh's settings, GET then likes
measure() {
  local jar=$1 name=$2 round=$3 out="$RESULTS/$2-$3.properties"
  local h2="$RESULTS/h2-$2-$3"
  service_start "$RESULTS/$jar" $PORT "$RESULTS/app-$name-$round.log" --server.tomcat.max-connections=30000 \
    --server.tomcat.accept-count=2000 --spring.datasource.url="$(h2_url "$h2")" \
    --spring.datasource.username=sa --spring.datasource.password= --spring.datasource.hikari.maximum-pool-size=20 \
    --livepulse.engagement.group-commit-window=2ms \
    --livepulse.push.event-port=$EVENT_PORT --livepulse.push.event-address=127.0.0.1 \
    --livepulse.push.max-event-connections-per-address=20000 --livepulse.http.max-connections-per-address=30000 \
    --livepulse.media.hook-secret=$MEDIA_SECRET $([ "$name" = base ] && echo "${BASE_ARGS:-}")
  APP_PID=$SERVICE_PID
  $DRIVER prepare --base "$BASE" --out "$out" > /dev/null
  if has_row get; then
    local get_url="$BASE/api/streams/$(prop "$out" stream.get)/engagement"
    wrk -t2 -c64 -d5s "$get_url" > /dev/null
    wrk -t2 -c64 -d10s --latency "$get_url" > "$RESULTS/wrk-get-$name-$round.txt"
    echo "get.rps=$(wrk_rps "$RESULTS/wrk-get-$name-$round.txt")" >> "$out"
    echo "get.p99Ms=$(wrk_p99_ms "$RESULTS/wrk-get-$name-$round.txt")" >> "$out"
  fi
  if has_row heartbeat; then
    heartbeat_row "$out" "$name" "$round"
  fi
  if has_row signedin; then
    local beat_url="$BASE/api/streams/$(prop "$out" stream.get)/heartbeat"
    LIKE_TOKENS="$RESULTS/signedin-tokens.txt" WRK_THREADS=2 wrk -t2 -c64 -d5s -s bench/likes.lua "$beat_url" > /dev/null
    LIKE_TOKENS="$RESULTS/signedin-tokens.txt" WRK_THREADS=2 wrk -t2 -c64 -d10s --latency -s bench/likes.lua "$beat_url" \
      > "$RESULTS/wrk-signedin-$name-$round.txt"
    echo "signedin.rps=$(wrk_rps "$RESULTS/wrk-signedin-$name-$round.txt")" >> "$out"
    echo "signedin.p99Ms=$(grep '^lua.p99Ms=' "$RESULTS/wrk-signedin-$name-$round.txt" | cut -d= -f2)" >> "$out"
    echo "signedin.viewers=$(curl -sf "$BASE/api/streams/$(prop "$out" stream.get)/engagement" | jq -r .viewers)" >> "$out"
  fi
  if has_row likes; then
    $DRIVER likes-wrk --base "$BASE" --stream "$(prop "$out" stream.likes)" --users 2000 --threads 2 --connections 128 \
      --seconds 15 --warmup-seconds 15 --tokens "$RESULTS/tokens.txt" --out "$out" > /dev/null
  fi
  if has_row sse; then
    $DRIVER sse --base "http://127.0.0.1:$EVENT_PORT" --stream "$(prop "$out" stream.sse)" --subscribers 10000 --seconds 20 \
      --pid "$APP_PID" --out "$out" > /dev/null
    $DRIVER sse --base "$BASE" --stream "$(prop "$out" stream.sse)" --subscribers 10000 --seconds 20 --pid "$APP_PID" \
      --out "$out" --prefix servlet. > /dev/null
  fi
  service_stop "$APP_PID"; APP_PID=""
  rm -rf "$h2"
  echo "   $name round $round: GET $(prop "$out" get.rps)/s p99 $(prop "$out" get.p99Ms) ms; heartbeats $(prop "$out" heartbeat.rps)/s, signed in $(prop "$out" signedin.rps)/s (viewers $(prop "$out" signedin.viewers)); likes $(prop "$out" likes.perSecond)/s exact=$(prop "$out" likes.exact); SSE p99 $(prop "$out" sse.p99Ms) ms, web server $(prop "$out" servlet.sse.p99Ms) ms"
}

START=$(date +%s)
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS"
  if (( round % 2 )); then measure base.jar base "$round"; measure new.jar new "$round"
  else measure new.jar new "$round"; measure base.jar base "$round"; fi
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
figure() { for r in $(seq 1 "$ROUNDS"); do prop "$RESULTS/$1-$r.properties" "$2"; done | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
{
  echo "# Side by side: $BASE_SHA against $NEW_SHA$DIRTY"
  echo
  echo "Generated by \`${BASE_ARGS:+BASE_ARGS=\"$BASE_ARGS\" }ROWS=\"$ROWS\" bench/compare.sh $BASE_REV $ROUNDS\` ($(( $(date +%s) - START )) s of measuring, finished"
  echo "$(date -u +%Y-%m-%dT%H:%MZ)) on $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1). Both builds run with"
  echo "bench/run.sh's settings on a fresh H2 file database each, one after the other, the order swapped every"
  echo "round; the load generators share the cores, so read the ratios. GET: \`wrk -t2 -c64 -d10s\` on"
  echo "\`/api/streams/{id}/engagement\` after 5 s of warm-up. Likes: 2,000 signed-in users through"
  echo "\`wrk -t2 -c128 -s bench/likes.lua\`, 15 s measured after 15 s of warm-up, every acknowledged like"
  echo "checked against the service's count and its reconciliation (\"exact\"). Heartbeats: 20 issued devices on a"
  echo "stream whose encoder published through nginx-rtmp (the hook only), \`wrk -t2 -c64 -s bench/heartbeat.lua\`, 10 s after 5 s. Signed-in"
  echo "heartbeats: 2,000 users, a bearer token each, \`wrk -t2 -c64 -s bench/likes.lua\` on the GET row's stream, 10 s after 5 s. SSE: row 4's driver, 10,000"
  echo "subscribers for 20 s on the event port, then on the web server's own endpoint (p99 delivery delay)."
  echo "Rows measured: $ROWS (blank cells: not measured)."
  echo
  echo "| round | build | GET req/s | GET p99 ms | heartbeats/s | heartbeat p99 ms | signed-in heartbeats/s | signed-in p99 ms | likes/s | like ack p99 ms | exact | SSE p99 ms | web server SSE p99 ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for r in $(seq 1 "$ROUNDS"); do
    for b in base new; do
      f="$RESULTS/$b-$r.properties"
      sha=$([ "$b" = base ] && echo "$BASE_SHA" || echo "$NEW_SHA")
      echo "| $r | $b ($sha) | $(prop "$f" get.rps) | $(prop "$f" get.p99Ms) | $(prop "$f" heartbeat.rps) | $(prop "$f" heartbeat.p99Ms) | $(prop "$f" signedin.rps) | $(prop "$f" signedin.p99Ms) | $(prop "$f" likes.perSecond) | $(prop "$f" likes.p99Ms) | $(prop "$f" likes.exact) | $(prop "$f" sse.p99Ms) | $(prop "$f" servlet.sse.p99Ms) |"
    done
  done
  echo
  echo "| median | base | new | new / base |"
  echo "|---|---|---|---|"
  keys=()
  has_row get && keys+=(get.rps get.p99Ms)
  has_row heartbeat && keys+=(heartbeat.rps heartbeat.p99Ms)
  has_row signedin && keys+=(signedin.rps signedin.p99Ms)
  has_row likes && keys+=(likes.perSecond likes.p99Ms)
  has_row sse && keys+=(sse.p99Ms servlet.sse.p99Ms)
  for key in "${keys[@]}"; do
    b=$(figure base "$key"); n=$(figure new "$key")
    echo "| $key | $b | $n | $(ratio "$n" "$b") |"
  done
} > "$ROOT/bench/compare.md"
echo "== wrote bench/compare.md"
