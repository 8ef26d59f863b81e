#!/usr/bin/env bash
# Cluster pass (issue 15, docs/adr/0015): the same requests through nginx (round robin, config generated
# here) to one node in single-node mode, then to two nodes in cluster mode (two `java -jar` on their own
# ports, one PostgreSQL, one Redis), side by side in one run: engagement GET and durable likes (wrk,
# throughput and latency) and the CPU each request costs the whole system (nodes, nginx, PostgreSQL,
# Redis; from /proc, so the load generator and anyone else on the machine are left out), then an exact
# check: N likes through nginx, every answer read, acknowledged == database rows == the total each node
# reports == the final metrics. Then three nodes with 100,000 signed-in viewers heartbeating at about
# 10,000 a second for 60 s (issue 22): the viewer count on every node within 0.1%. In cluster mode also an auction
# over both nodes (issue 27): every acknowledged bid in order in the history, one winner on both. Each mode also runs
# the three requests paced, at one offered load below every mode's peak (measure_paced). 127.0.0.1 only, every
# step bounded in time.
# Run alone: bench/cluster.sh (or bench/run.sh cluster); bench/run.sh runs it after its other passes.
# Results: bench/results/cluster.properties, logs beside it. SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bench/lib.sh
bench_setup
RESULTS=${RESULTS:-$ROOT/bench/results}
WORK="$RESULTS/cluster"; OUT="$RESULTS/cluster.properties"
LB_PORT=18480; LB="http://127.0.0.1:$LB_PORT"; PG_PORT=15433; REDIS_PORT=16379
NODE_PORTS=(18481 18491 18501); EVENT_PORTS=(18482 18492 18502)
AUCTION_BIDDERS=${AUCTION_BIDDERS:-1000}
AUDIENCE=${CLUSTER_AUDIENCE:-100000}; AUDIENCE_SECONDS=${CLUSTER_AUDIENCE_SECONDS:-60}
SUBSCRIBERS=${CLUSTER_SUBSCRIBERS:-10000}
SECONDS_MEASURED=${CLUSTER_SECONDS:-10}; WARMUP=${CLUSTER_WARMUP:-10}; CONNECTIONS=32; USERS=500; EXACT_LIKES=2000
SECRET=$BENCH_SECRET
# paced rows: the same offered load in every mode (GET open loop at this rate; heartbeats and likes on 32
# connections each waiting PACE ms before each request, about 32,000 / (PACE + latency) a second)
PACED_GET_RATE=${CLUSTER_PACED_GET_RATE:-5000}; PACED_PACE_MS=${CLUSTER_PACED_PACE_MS:-16}
rm -rf "$WORK" "$OUT"; mkdir -p "$WORK/nginx/tmp" "$RESULTS/tools"

for tool in wrk nginx; do
  if ! command -v "$tool" >/dev/null && ! [ -x "/usr/sbin/$tool" ]; then
    echo "installing $tool"; apt-get install -y -qq "$tool" >/dev/null
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
# Redis: the system's redis-server, else the one inside org.signal:embedded-redis (the tests' Redis 7),
# else Debian's package
REDIS=$(command -v redis-server || true)
if [ -z "$REDIS" ]; then
  jar=$(ls ~/.m2/repository/org/signal/embedded-redis/*/embedded-redis-*.jar 2>/dev/null | grep -v sources | tail -1 || true)
  if [ -n "$jar" ] && [ "$(uname -m)" = x86_64 ]; then
    entry=$(unzip -Z1 "$jar" | grep 'redis-server-.*-linux-amd64$' | head -1)
    unzip -p "$jar" "$entry" > "$RESULTS/tools/redis-server"; chmod +x "$RESULTS/tools/redis-server"
    REDIS="$RESULTS/tools/redis-server"
  else
    echo "installing redis-server"; apt-get install -y -qq redis-server >/dev/null; REDIS=$(command -v redis-server)
  fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== cluster: building the service and the driver"
  ./mvnw -B -q -DskipTests package
  ./mvnw -B -q -f bench/driver/pom.xml package
fi
APP_JAR=$(service_jar)
DRIVER="java -jar bench/driver/target/bench-driver.jar"
OPENLOOP="$RESULTS/tools/openloop"
gcc -O2 -Wall -o "$OPENLOOP" bench/openloop/openloop.c

NODE_PIDS=(); NODE_EXTRA=(); PG_PID=""; REDIS_PID=""; NGINX_UP=""
stop_nodes() {
  for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${NODE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  NODE_PIDS=()
}
stop_nginx() { [ -n "$NGINX_UP" ] && "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true; NGINX_UP=""; sleep 0.5; }
cleanup() {
  stop_nginx; stop_nodes
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  [ -n "$PG_PID" ] && kill "$PG_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== cluster: PostgreSQL and Redis up"
$DRIVER pg-server --port $PG_PORT --dir "$WORK/pgdata" > "$WORK/pg.log" 2>&1 &
PG_PID=$!
for _ in $(seq 1 60); do grep -q ready "$WORK/pg.log" && break; sleep 1; done
grep -q ready "$WORK/pg.log" || { echo "PostgreSQL did not start"; cat "$WORK/pg.log"; exit 1; }
PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
"$REDIS" --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!

# start_node INDEX [cluster]: a node on its own ports, in cluster mode when asked. Each of the NODES_HERE nodes that
# share this machine's cores is sized to its share (-XX:ActiveProcessorCount: its GC, JIT and thread pools as a
# container with that CPU limit would get them; one node keeps every core), as the README says to deploy co-located
# nodes: two JVMs that each size themselves for both cores cost about twice the CPU per heartbeat (BENCHMARKS.md,
# 2026-12-07, fifth session). CLUSTER_SHARE_CORES=0 starts every node with every core, as before.
CLUSTER_SHARE_CORES=${CLUSTER_SHARE_CORES:-1}; NODES_HERE=1
start_node() {
  local i=$1 extra=() SHARE=()
  if [ "$CLUSTER_SHARE_CORES" = 1 ] && [ "$NODES_HERE" -gt 1 ]; then
    SHARE=(-XX:ActiveProcessorCount=$(( $(nproc) / NODES_HERE > 0 ? $(nproc) / NODES_HERE : 1 )))
  fi
  # the bench signs in through the dev profile's /api/dev/token: in cluster mode that needs the local-test
  # switch, which ClusterGuard accepts only because the nodes listen on 127.0.0.1 (--server.address)
  [ "${2:-}" = cluster ] && extra=(--livepulse.cluster.redis-url="redis://127.0.0.1:$REDIS_PORT" --livepulse.cluster.node-id="node-$i"
    --livepulse.cluster.allow-dev-profile=true)
  java -Xmx512m "${SHARE[@]}" -jar "$APP_JAR" --server.address=127.0.0.1 --server.port="${NODE_PORTS[$i]}" \
    --spring.datasource.url="$PG_URL" --spring.datasource.username=postgres --spring.datasource.password=postgres \
    --spring.datasource.hikari.maximum-pool-size=20 --livepulse.security.jwt-secret="$SECRET" \
    --livepulse.engagement.group-commit-window=2ms --livepulse.push.event-address=127.0.0.1 \
    --livepulse.push.event-port="${EVENT_PORTS[$i]}" --livepulse.push.max-event-connections-per-address=20000 \
    --livepulse.http.max-connections-per-address=30000 --livepulse.playback.log-port=-1 --logging.level.root=WARN \
    "${extra[@]}" "${NODE_EXTRA[@]}" \
    > "$WORK/node-$i-${2:-single}.log" 2>&1 &
  NODE_PIDS+=($!)
}
# await_nodes N: the first N nodes started, in index order, all healthy
await_nodes() {
  for i in $(seq 0 $(( $1 - 1 ))); do
    service_await "http://127.0.0.1:${NODE_PORTS[$i]}" "${NODE_PIDS[$i]}" "$(ls -t "$WORK"/node-"$i"-*.log | head -1)"
  done
}
# nginx_for N: round robin over the first N nodes, keep-alive to them as in deploy/nginx/livepulse.conf
nginx_for() {
  local servers=""
  for i in $(seq 0 $(( $1 - 1 ))); do servers+="server 127.0.0.1:${NODE_PORTS[$i]}; "; done
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid nginx.pid;
error_log error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
    upstream livepulse { $servers keepalive 64; }
    server {
        listen 127.0.0.1:$LB_PORT;
        location / {
            proxy_pass http://livepulse;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
        }
    }
}
CONF
  "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"; NGINX_UP=1
}
# CPU ticks (1/100 s, user + system) used so far by the service side: the nodes, nginx, PostgreSQL (the
# postmaster and its backends) and Redis, each group on its own
ticks_of() { local sum=0 t; for pid in "$@"; do t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || t=0; sum=$(( sum + ${t:-0} )); done; echo $sum; }
cpu_snapshot() {
  local postmaster nginx_master
  postmaster=$(head -1 "$WORK/pgdata/postmaster.pid")
  nginx_master=$(cat "$WORK/nginx/nginx.pid")
  echo "$(ticks_of "${NODE_PIDS[@]}") $(ticks_of "$nginx_master" $(pgrep -P "$nginx_master")) $(ticks_of "$postmaster" $(pgrep -P "$postmaster")) $(ticks_of "$REDIS_PID")"
}
# record_cpu PREFIX REQUESTS "BEFORE" "AFTER": CPU ms per request for each group and in all
record_cpu() {
  local prefix=$1 requests=$2; read -r n0 x0 p0 r0 <<<"$3"; read -r n1 x1 p1 r1 <<<"$4"
  awk -v q="$requests" -v n=$(( n1 - n0 )) -v x=$(( x1 - x0 )) -v p=$(( p1 - p0 )) -v r=$(( r1 - r0 )) -v pre="$prefix" 'BEGIN {
    if (q <= 0) q = 1
    printf "%scpuMsPerRequest.nodes=%.4f\n%scpuMsPerRequest.nginx=%.4f\n%scpuMsPerRequest.postgres=%.4f\n", pre, n*10/q, pre, x*10/q, pre, p*10/q
    printf "%scpuMsPerRequest.redis=%.4f\n%scpuMsPerRequest.total=%.4f\n", pre, r*10/q, pre, (n+x+p+r)*10/q }' | tee -a "$OUT"
}
rec() { echo "$1=$2" | tee -a "$OUT"; }

# measure MODE NODES: GET and likes through nginx over the running nodes, then the exact check
measure() {
  local mode=$1 count=$2 nodes="" before after
  for i in $(seq 0 $(( count - 1 ))); do nodes+="${nodes:+,}http://127.0.0.1:${NODE_PORTS[$i]}"; done
  # through the first node, not nginx: in the control (single-node mode) a node that read a stream before another
  # node started it keeps it as not live, and refused about half the likes
  $DRIVER prepare --base "http://127.0.0.1:${NODE_PORTS[0]}" --out "$WORK/$mode-streams.properties" > /dev/null
  local get_stream likes_stream
  get_stream=$(grep '^stream.get=' "$WORK/$mode-streams.properties" | cut -d= -f2)
  likes_stream=$(grep '^stream.likes=' "$WORK/$mode-streams.properties" | cut -d= -f2)
  rec "$mode.nodes" "$count"

  # each node gets as many warm-up requests as the single node did (its JIT compiles the same paths), so
  # the measured seconds compare warm nodes with a warm node
  local warmup=$(( WARMUP * count ))
  echo "== cluster: $mode, engagement GET through nginx"
  wrk -t2 -c$CONNECTIONS -d${warmup}s "$LB/api/streams/$get_stream/engagement" > /dev/null   # warm-up (JIT)
  before=$(cpu_snapshot)
  wrk -t2 -c$CONNECTIONS -d${SECONDS_MEASURED}s --latency "$LB/api/streams/$get_stream/engagement" > "$WORK/wrk-get-$mode.txt"
  after=$(cpu_snapshot)
  rec "$mode.get.rps" "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-get-$mode.txt")"
  rec "$mode.get.p50" "$(awk '/ 50%/ {print $2}' "$WORK/wrk-get-$mode.txt")"
  rec "$mode.get.p99" "$(awk '/ 99%/ {print $2}' "$WORK/wrk-get-$mode.txt")"
  rec "$mode.get.non2xx" "$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk-get-$mode.txt" | grep . || echo 0)"
  record_cpu "$mode.get." "$(awk '/requests in/ {print $1}' "$WORK/wrk-get-$mode.txt")" "$before" "$after"

  echo "== cluster: $mode, signed-in heartbeats through nginx ($USERS viewers)"
  local beat_url="$LB/api/streams/$get_stream/heartbeat"
  LIKE_TOKENS="$WORK/tokens.txt" WRK_THREADS=2 wrk -t2 -c$CONNECTIONS -d${warmup}s -s bench/likes.lua "$beat_url" > /dev/null
  before=$(cpu_snapshot)
  LIKE_TOKENS="$WORK/tokens.txt" WRK_THREADS=2 wrk -t2 -c$CONNECTIONS -d${SECONDS_MEASURED}s --latency -s bench/likes.lua \
    "$beat_url" > "$WORK/wrk-heartbeat-$mode.txt"
  after=$(cpu_snapshot)
  rec "$mode.heartbeat.rps" "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-heartbeat-$mode.txt")"
  rec "$mode.heartbeat.p99Ms" "$(grep '^lua.p99Ms=' "$WORK/wrk-heartbeat-$mode.txt" | cut -d= -f2)"
  rec "$mode.heartbeat.non200" "$(( $(grep '^lua.limited=' "$WORK/wrk-heartbeat-$mode.txt" | cut -d= -f2) + $(grep '^lua.other=' "$WORK/wrk-heartbeat-$mode.txt" | cut -d= -f2) ))"
  record_cpu "$mode.heartbeat." "$(grep '^lua.accepted=' "$WORK/wrk-heartbeat-$mode.txt" | cut -d= -f2)" "$before" "$after"
  rec "$mode.heartbeat.viewersAfter" "$(curl -sf "$LB/api/streams/$get_stream/engagement" | sed 's/.*"viewers":\([0-9]*\).*/\1/')"

  echo "== cluster: $mode, durable likes through nginx ($USERS users)"
  local url="$LB/api/streams/$likes_stream/likes"
  LIKE_TOKENS="$WORK/tokens.txt" WRK_THREADS=2 wrk -t2 -c$CONNECTIONS -d${warmup}s -s bench/likes.lua "$url" > /dev/null   # warm-up
  before=$(cpu_snapshot)
  LIKE_TOKENS="$WORK/tokens.txt" WRK_THREADS=2 wrk -t2 -c$CONNECTIONS -d${SECONDS_MEASURED}s --latency -s bench/likes.lua "$url" \
    > "$WORK/wrk-likes-$mode.txt"
  after=$(cpu_snapshot)
  local accepted seconds
  accepted=$(grep '^lua.accepted=' "$WORK/wrk-likes-$mode.txt" | cut -d= -f2)
  seconds=$(grep '^lua.seconds=' "$WORK/wrk-likes-$mode.txt" | cut -d= -f2)
  rec "$mode.likes.accepted" "$accepted"
  rec "$mode.likes.perSecond" "$(awk -v a="$accepted" -v s="$seconds" 'BEGIN {printf "%d", a / s}')"
  rec "$mode.likes.p50Ms" "$(grep '^lua.p50Ms=' "$WORK/wrk-likes-$mode.txt" | cut -d= -f2)"
  rec "$mode.likes.p99Ms" "$(grep '^lua.p99Ms=' "$WORK/wrk-likes-$mode.txt" | cut -d= -f2)"
  local refused
  refused=$(( $(grep '^lua.limited=' "$WORK/wrk-likes-$mode.txt" | cut -d= -f2) + $(grep '^lua.other=' "$WORK/wrk-likes-$mode.txt" | cut -d= -f2) ))
  rec "$mode.likes.refused" "$refused"
  record_cpu "$mode.likes." "$accepted" "$before" "$after"
  # a mode that refused likes would divide its CPU by fewer likes; per answer too, so the figures compare
  if [ "$refused" -gt 0 ]; then record_cpu "$mode.likes.perAnswer." "$(( accepted + refused ))" "$before" "$after"; fi
  measure_paced "$mode" "$get_stream" "$likes_stream"

  [ "${3:-}" = no-exact-check ] && return 0
  echo "== cluster: $mode, exact check ($EXACT_LIKES likes, every answer read)"
  $DRIVER cluster-likes --base "$LB" --nodes "$nodes" --secret "$SECRET" --tokens "$WORK/tokens.txt" \
    --likes $EXACT_LIKES --connections 16 --jdbc "$PG_URL" --user postgres --password postgres --out "$OUT" --prefix "$mode."
}

# measure_paced MODE GET_STREAM LIKES_STREAM: the three requests at the same offered load in every mode, below
# what any mode carries. At saturation each mode's CPU per request also reflects how well it batches when
# overloaded; a deployment runs below its peak, and there the figure is what each request costs.
measure_paced() {
  local mode=$1 get_stream=$2 likes_stream=$3 before after answered
  echo "== cluster: $mode, paced: GET at $PACED_GET_RATE/s, heartbeats and likes at 32 connections x 1 per ${PACED_PACE_MS} ms"
  before=$(cpu_snapshot)
  "$OPENLOOP" "$LB_PORT" "/api/streams/$get_stream/engagement" "$PACED_GET_RATE" "$SECONDS_MEASURED" 64 \
    > "$WORK/paced-get-$mode.txt" || echo "the paced GET run failed in $mode (see $WORK/paced-get-$mode.txt)"
  after=$(cpu_snapshot)
  answered=$(grep '^completed=' "$WORK/paced-get-$mode.txt" | cut -d= -f2 || echo 0)
  rec "$mode.paced.get.perSecond" "$(grep '^achievedPerSecond=' "$WORK/paced-get-$mode.txt" | cut -d= -f2)"
  rec "$mode.paced.get.notAnswered" "$(awk -F= '$1 == "errors" || $1 == "unanswered" {n += $2} END {print n + 0}' "$WORK/paced-get-$mode.txt")"
  rec "$mode.paced.get.p99Ms" "$(grep '^p99Ms=' "$WORK/paced-get-$mode.txt" | cut -d= -f2)"
  record_cpu "$mode.paced.get." "$answered" "$before" "$after"
  local row url
  for row in heartbeat likes; do
    url="$LB/api/streams/$get_stream/heartbeat"; [ "$row" = likes ] && url="$LB/api/streams/$likes_stream/likes"
    before=$(cpu_snapshot)
    PACE_MS=$PACED_PACE_MS LIKE_TOKENS="$WORK/tokens.txt" WRK_THREADS=2 wrk -t2 -c32 -d${SECONDS_MEASURED}s -s bench/likes.lua \
      "$url" > "$WORK/paced-$row-$mode.txt"
    after=$(cpu_snapshot)
    answered=$(( $(grep '^lua.accepted=' "$WORK/paced-$row-$mode.txt" | cut -d= -f2) + $(grep '^lua.limited=' "$WORK/paced-$row-$mode.txt" | cut -d= -f2) + $(grep '^lua.other=' "$WORK/paced-$row-$mode.txt" | cut -d= -f2) ))
    rec "$mode.paced.$row.perSecond" "$(awk '/Requests\/sec/ {printf "%d", $2}' "$WORK/paced-$row-$mode.txt")"
    rec "$mode.paced.$row.accepted" "$(grep '^lua.accepted=' "$WORK/paced-$row-$mode.txt" | cut -d= -f2)"
    rec "$mode.paced.$row.p99Ms" "$(grep '^lua.p99Ms=' "$WORK/paced-$row-$mode.txt" | cut -d= -f2)"
    # per answer: the control refuses some likes, and a refusal costs a request too
    record_cpu "$mode.paced.$row." "$answered" "$before" "$after"
  done
}

cat >> "$OUT" <<PROPS
cluster.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cluster.machine=$(nproc) cores, $(uname -sr)
cluster.method=nginx round robin (1 worker, keep-alive 64) in front in both modes; wrk -t2 -c$CONNECTIONS, ${SECONDS_MEASURED} s measured after ${WARMUP} s warm-up (each node of two gets half of it); $USERS users like; CPU per request from /proc of nodes+nginx+PostgreSQL+Redis; $( [ "$CLUSTER_SHARE_CORES" = 1 ] && echo "each of N nodes on this machine started with -XX:ActiveProcessorCount=max(1, cores/N), one node with every core" || echo "every node with every core (CLUSTER_SHARE_CORES=0)")
PROPS
$DRIVER tokens --secret "$SECRET" --users $USERS --output "$WORK/tokens.txt"

echo "== cluster: single-node mode, one node behind nginx"
NODES_HERE=1; start_node 0; await_nodes 1; nginx_for 1
measure single 1
stop_nginx; stop_nodes

echo "== cluster: cluster mode, two nodes behind nginx"
NODES_HERE=2; start_node 0 cluster; start_node 1 cluster; await_nodes 2; nginx_for 2
measure cluster 2
echo "== cluster: cluster mode, an auction over two nodes: $AUCTION_BIDDERS bidders for 30 s alternating nodes, 2,000 subscribers on the second"
$DRIVER auction --api "http://127.0.0.1:${NODE_PORTS[0]},http://127.0.0.1:${NODE_PORTS[1]}" \
  --base "http://127.0.0.1:${EVENT_PORTS[1]}" --secret "$SECRET" --bidders "$AUCTION_BIDDERS" --seconds 30 --subscribers 2000 \
  --out "$OUT" || echo "the two-node auction failed"
stop_nginx; stop_nodes

# a control, not a mode to run: two nodes in single-node mode (no Redis; each counts only what it took,
# so no exact check) cost what two JVMs at half the load each cost by themselves; what cluster mode costs
# above this is the work of sharing
echo "== cluster: control, two nodes in single-node mode behind nginx"
NODES_HERE=2; start_node 0; start_node 1; await_nodes 2; nginx_for 2
measure control 2 no-exact-check
stop_nginx; stop_nodes

echo "== cluster: three nodes behind nginx, $AUDIENCE signed-in viewers heartbeating for ${AUDIENCE_SECONDS} s"
# 32 connections, each waiting 3 ms before each request: about 10,000 heartbeats a second, so every viewer
# is heard from every 10 s or so, well inside the viewer timeout; each viewer's heartbeats land on the
# three nodes in turn (nginx round robin, no sticky sessions)
$DRIVER tokens --secret "$SECRET" --users "$AUDIENCE" --output "$WORK/audience.txt"
# a node remembers this many verified tokens (default 10,000): one per viewer, as a deployment expecting
# such an audience would set it (every node takes 20,000 event connections per address: start_node)
NODE_EXTRA=(--livepulse.security.verified-token-cache-size=$(( AUDIENCE + AUDIENCE / 5 )))
NODES_HERE=3; start_node 0 cluster; start_node 1 cluster; start_node 2 cluster; await_nodes 3; nginx_for 3
NODE_EXTRA=()
$DRIVER prepare --base "$LB" --out "$WORK/three-streams.properties" > /dev/null
audience_stream=$(grep '^stream.get=' "$WORK/three-streams.properties" | cut -d= -f2)
# warm-up: the audience arrives (first joins) and the nodes' JIT compiles the heartbeat path
PACE_MS=3 LIKE_TOKENS="$WORK/audience.txt" WRK_THREADS=2 timeout $(( WARMUP * 3 + 30 )) \
  wrk -t2 -c32 -d$(( WARMUP * 3 ))s -s bench/likes.lua "$LB/api/streams/$audience_stream/heartbeat" > /dev/null
before=$(cpu_snapshot)
PACE_MS=3 LIKE_TOKENS="$WORK/audience.txt" WRK_THREADS=2 timeout $(( AUDIENCE_SECONDS + 60 )) \
  wrk -t2 -c32 -d${AUDIENCE_SECONDS}s --latency -s bench/likes.lua "$LB/api/streams/$audience_stream/heartbeat" \
  > "$WORK/wrk-audience.txt"
after=$(cpu_snapshot)
rec three.audience.viewers "$AUDIENCE"
rec three.audience.heartbeats "$(grep '^lua.accepted=' "$WORK/wrk-audience.txt" | cut -d= -f2)"
rec three.audience.heartbeatsPerSecond "$(awk '/Requests\/sec/ {printf "%d", $2}' "$WORK/wrk-audience.txt")"
rec three.audience.notAnswered200 "$(( $(grep '^lua.limited=' "$WORK/wrk-audience.txt" | cut -d= -f2) + $(grep '^lua.other=' "$WORK/wrk-audience.txt" | cut -d= -f2) ))"
rec three.audience.p99Ms "$(grep '^lua.p99Ms=' "$WORK/wrk-audience.txt" | cut -d= -f2)"
record_cpu "three.audience." "$(grep '^lua.accepted=' "$WORK/wrk-audience.txt" | cut -d= -f2)" "$before" "$after"
# every node's own answer, read straight after the last heartbeat (no wait for a tick)
counts=""
for i in 0 1 2; do
  counts+="${counts:+,}$(curl -sf --max-time 5 "http://127.0.0.1:${NODE_PORTS[$i]}/api/streams/$audience_stream/engagement" \
    | sed 's/.*"viewers":\([0-9]*\).*/\1/')"
done
rec three.audience.viewersOnEachNode "[$counts]"
within=$(awk -v c="$counts" -v n="$AUDIENCE" 'BEGIN {split(c, v, ","); ok = "true"
  for (i in v) if (v[i] + 0 < n * 0.999 || v[i] + 0 > n) ok = "false"; print ok}')
rec three.audience.withinOneThousandth "$within"

echo "== cluster: three nodes, likes taken on one node delivered to $SUBSCRIBERS event-port subscribers spread over all three"
events=""; direct=""
for i in 0 1 2; do
  events+="${events:+,}http://127.0.0.1:${EVENT_PORTS[$i]}"; direct+="${direct:+,}http://127.0.0.1:${NODE_PORTS[$i]}"
done
$DRIVER cluster-delivery --api "$LB" --nodes "$direct" --events "$events" --subscribers "$SUBSCRIBERS" --likes 120 \
  --pace-ms 250 --out "$OUT" --prefix "three." | tee "$WORK/delivery.txt"
stop_nginx; stop_nodes

awk -F= '/^single.get.cpuMsPerRequest.total=/ {s=$2} /^cluster.get.cpuMsPerRequest.total=/ {c=$2}
  END {printf "cost.get.cpuMsPerRequestExtra=%.4f\n", c - s}' "$OUT" | tee -a "$OUT"
awk -F= '/^single.likes.cpuMsPerRequest.total=/ {s=$2} /^cluster.likes.cpuMsPerRequest.total=/ {c=$2}
  END {printf "cost.likes.cpuMsPerRequestExtra=%.4f\n", c - s}' "$OUT" | tee -a "$OUT"
# ratio NAME A B: NAME=A/B from the recorded figures, or n/a when either is missing or zero
ratio() {
  awk -F= -v name="$1" -v a="$2" -v b="$3" '$1 == a {x = $2} $1 == b {y = $2}
    END {if (x + 0 > 0 && y + 0 > 0) printf "%s=%.2f\n", name, x / y; else printf "%s=n/a\n", name}' "$OUT" | tee -a "$OUT"
}
# the side-by-side figures the issue asks for: CPU per request of the whole system, cluster / single, and
# throughput of two nodes against one (both on the same shared cores); cluster / control is the work of sharing
# itself (the control is two nodes on the same cores without it); paced: the same offered load in every mode
for row in get heartbeat likes; do
  ratio "ratio.$row.cpuPerRequest" "cluster.$row.cpuMsPerRequest.total" "single.$row.cpuMsPerRequest.total"
  ratio "ratio.$row.clusterOverControl" "cluster.$row.cpuMsPerRequest.total" "control.$row.cpuMsPerRequest.total"
  ratio "ratio.paced.$row.cpuPerRequest" "cluster.paced.$row.cpuMsPerRequest.total" "single.paced.$row.cpuMsPerRequest.total"
  ratio "ratio.paced.$row.clusterOverControl" "cluster.paced.$row.cpuMsPerRequest.total" "control.paced.$row.cpuMsPerRequest.total"
done
ratio ratio.get.throughput cluster.get.rps single.get.rps
ratio ratio.heartbeat.throughput cluster.heartbeat.rps single.heartbeat.rps
ratio ratio.likes.throughput cluster.likes.perSecond single.likes.perSecond
grep -q '^three.audience.withinOneThousandth=true' "$OUT" || { echo "three-node pass: viewer counts NOT within 0.1%, see $OUT"; exit 1; }
grep -q '^cluster.exact.exact=true' "$OUT" && grep -q '^single.exact.exact=true' "$OUT" \
  || { echo "cluster pass: like totals NOT exact, see $OUT"; exit 1; }
echo "== cluster pass done: $OUT"
