# Sourced by bench/attack.sh: the viewbot attack against verified viewers (issue 26), as attack_viewbot.
# Real nginx-rtmp (bin/media, HLS only) with ffmpeg pushing a low-bitrate test picture; VIEWBOT_PLAYERS real players
# (Chromium, headless, each its own profile, muted) on the viewer page; VIEWBOT_BOTS bots of each kind
# (bench/attack/viewbot-bot.sh), each from its own loopback address in its own /24 (127.<kind>.<n>.1), for
# VIEWBOT_SECONDS: heartbeat only, playlist only, segments cut short, whole segments with another device's token.
VIEWBOT_SECONDS=${VIEWBOT_SECONDS:-60}
VIEWBOT_BOTS=${VIEWBOT_BOTS:-20}
VIEWBOT_PLAYERS=${VIEWBOT_PLAYERS:-3}
VIEWBOT_RTMP=19935; VIEWBOT_HTTP=19088; VIEWBOT_LOG_PORT=19514; VIEWBOT_SECRET="attack-media-hook-secret-0123456789"
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}

attack_viewbot() {
  echo "== viewbot: bots against verified viewers (nginx-rtmp, ffmpeg, Chromium)"
  local dir="$RESULTS/viewbot" out="$RESULTS/viewbot.properties" md="$RESULTS/viewbot.md" media media_pid encoder
  rm -rf "$dir" "$out" "$RESULTS"/app-viewbot.log "$RESULTS"/viewbot.summary*; mkdir -p "$dir"
  local http="http://127.0.0.1:$VIEWBOT_HTTP"
  start_app viewbot "$(h2_url "$dir/h2")" sa "" --livepulse.playback.log-port=$VIEWBOT_LOG_PORT \
    --livepulse.media.hook-secret=$VIEWBOT_SECRET --livepulse.media.ingest-url=rtmp://127.0.0.1:$VIEWBOT_RTMP/ingest \
    --livepulse.media.hls-base-url=$http/hls --livepulse.media.recordings-base-url=$http/recordings \
    --livepulse.media.thumbnails-base-url=$http/thumbs --livepulse.media.nginx-rtmp.stat-url=$http/stat \
    --livepulse.media.nginx-rtmp.control-url=$http/control
  media=$(mktemp -d /tmp/livepulse-attack-media.XXXXXX); chmod 755 "$media"; VIEWBOT_MEDIA=$media
  LIVEPULSE_MEDIA_PREFIX="$media" LIVEPULSE_MEDIA_RTMP_PORT=$VIEWBOT_RTMP LIVEPULSE_MEDIA_HTTP_PORT=$VIEWBOT_HTTP \
    LIVEPULSE_URL="$BASE" LIVEPULSE_MEDIA_HOOK_SECRET=$VIEWBOT_SECRET LIVEPULSE_MEDIA_WEBRTC=off \
    LIVEPULSE_PLAYBACK_LOG_PORTS=$VIEWBOT_LOG_PORT bin/media > "$dir/media.log" 2>&1 &
  media_pid=$!
  for _ in $(seq 1 60); do curl -sf -o /dev/null "$http/stat" && break; sleep 0.5; done

  local seller admin id key playlist
  seller=$(token SELLER viewbot-seller 901); admin=$(token ADMIN viewbot-admin)
  id=$(curl -sf --max-time 10 -XPOST "$BASE/api/streams" -H "Authorization: Bearer $seller" -H 'Content-Type: application/json' \
    -d '{"title":"Viewbot target"}' | jq -r .id)
  key=$(curl -sf --max-time 10 "$BASE/api/streams/$id/key" -H "Authorization: Bearer $seller" | jq -r .streamKey)
  local total=$(( VIEWBOT_SECONDS + 90 ))
  ffmpeg -hide_banner -loglevel error -re -f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine=frequency=440 \
    -c:v libx264 -preset veryfast -tune zerolatency -g 25 -keyint_min 25 -sc_threshold 0 -b:v 300k -pix_fmt yuv420p \
    -c:a aac -b:a 64k -t "$total" -f flv "rtmp://127.0.0.1:$VIEWBOT_RTMP/ingest/$key" > "$dir/ffmpeg.log" 2>&1 &
  encoder=$!
  for _ in $(seq 1 60); do
    playlist=$(curl -s --max-time 5 "$BASE/api/streams/$id/video" | jq -r '.hlsUrl // empty')
    [ -n "$playlist" ] && curl -sf -o /dev/null "$playlist" && break; sleep 0.5
  done
  curl -sf -o /dev/null "$playlist" || echo "   the video never reached the media server (see $dir/ffmpeg.log, $media/logs): the figures below are missed"

  echo "-- $VIEWBOT_PLAYERS real players"
  local players=() t0 counted_after=-1
  t0=$(date +%s)
  for i in $(seq 1 "$VIEWBOT_PLAYERS"); do
    timeout $(( total + 30 )) "$CHROMIUM" --headless=new --no-sandbox --mute-audio --autoplay-policy=no-user-gesture-required \
      --user-data-dir="$dir/player-$i" --remote-debugging-port=0 "$BASE/live/$id" > "$dir/player-$i.log" 2>&1 &
    players+=($!)
  done
  for _ in $(seq 1 60); do
    [ "$(engagement "$id" viewers)" = "$VIEWBOT_PLAYERS" ] && { counted_after=$(( $(date +%s) - t0 )); break; }
    sleep 1
  done
  echo "   counted after ${counted_after} s"

  echo "-- $VIEWBOT_BOTS bots of each kind for $VIEWBOT_SECONDS s"
  local bots=() kind k n
  mkdir -p "$dir/bots"
  bench/attack/viewbot-bot.sh donor 127.5.0.1 "$BASE" "$id" "$playlist" "$(( VIEWBOT_SECONDS + 5 ))" "$dir/bots" "$dir/bots/donor-token" &
  bots+=($!)
  k=1
  for kind in silent playlist partial replay; do
    for n in $(seq 1 "$VIEWBOT_BOTS"); do
      bench/attack/viewbot-bot.sh "$kind" "127.$k.$n.1" "$BASE" "$id" "$playlist" "$VIEWBOT_SECONDS" "$dir/bots" "$dir/bots/donor-token" &
      bots+=($!)
    done
    k=$(( k + 1 ))
  done
  local max_viewers=0 v samples=0 above=0
  for _ in $(seq 1 $(( VIEWBOT_SECONDS / 5 ))); do
    sleep 5
    v=$(num "$(engagement "$id" viewers)"); samples=$(( samples + 1 ))
    [ "$v" -gt "$max_viewers" ] && max_viewers=$v
    [ "$v" -gt "$VIEWBOT_PLAYERS" ] && above=$(( above + 1 ))
  done
  curl -sf --max-time 10 "$BASE/api/admin/streams/$id/viewer-report" -H "Authorization: Bearer $admin" > "$dir/report.json"
  curl -sf --max-time 10 "$BASE/api/admin/streams/$id/viewer-report.csv" -H "Authorization: Bearer $admin" > "$dir/report.csv"
  local uncounted; uncounted=$(curl -sf --max-time 10 "$BASE/api/admin/presence/uncounted" -H "Authorization: Bearer $admin" \
    | jq -r '.byReason.NOT_FETCHING_VIDEO // 0')
  local bot_addresses=$(( 4 * VIEWBOT_BOTS + 1 )) listed
  listed=$(awk -F'","' 'NR > 1 && $2 ~ /^127\.[1-5]\./ && $7 == "false" {print $2}' "$dir/report.csv" | sort -u | wc -l)
  local final; final=$(num "$(engagement "$id" viewers)")
  for pid in "${bots[@]}"; do wait "$pid" 2>/dev/null || true; done
  for pid in "${players[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill "$encoder" 2>/dev/null || true
  "$NGINX" -p "$media" -c "$media/nginx-rtmp.conf" -s stop 2>/dev/null || kill "$media_pid" 2>/dev/null || true
  wait "$media_pid" 2>/dev/null || true
  cp -r "$media/logs" "$dir/media-logs" 2>/dev/null || true; rm -rf "$media"; VIEWBOT_MEDIA=""
  stop_app
  {
    echo "viewbot.players=$VIEWBOT_PLAYERS"; echo "viewbot.playersCountedAfterSeconds=$counted_after"
    echo "viewbot.bots=$bot_addresses"; echo "viewbot.maxViewers=$max_viewers"; echo "viewbot.samplesAbovePlayers=$above"
    echo "viewbot.finalViewers=$final"; echo "viewbot.botAddressesInReport=$listed"; echo "viewbot.notFetchingHeartbeats=$uncounted"
    jq -r '"viewbot.refusedLines=" + (.refusedLines | tostring)' "$dir/report.json"
  } > "$out"
  local counted_ok bots_ok listed_ok
  counted_ok=$(verdict "$counted_after >= 0 && $counted_after <= 15")
  bots_ok=$(verdict "$above == 0 && $max_viewers <= $VIEWBOT_PLAYERS")
  listed_ok=$(verdict "$listed == $bot_addresses")
  {
    section_header viewbot "f. Viewbots against verified viewers"
    cat <<MD
Real nginx-rtmp (\`bin/media\`, HLS) with ffmpeg pushing a 320x240 test picture at 300 kbit/s; $VIEWBOT_PLAYERS real players
(headless Chromium, each its own profile, muted, hls.js) on the viewer page; then for $VIEWBOT_SECONDS s, $VIEWBOT_BOTS bots
of each kind (\`bench/attack/viewbot-bot.sh\`), every bot from its own address in its own /24 of 127.0.0.0/8, each
with an issued device id and the playback token its heartbeats hand out: (a) heartbeat only, (b) the playlist every
second, never a segment, (d) the playlist and the first 1,000 bytes of the newest segment, (c) the playlist and the
newest segment whole, with one donor device's token (the donor heartbeats from yet another /24). The public figure
was read every 5 s.

| figure | value |
|---|---|
| real players counted (all $VIEWBOT_PLAYERS) after | $counted_after s |
| bots running (devices heartbeating) | $bot_addresses |
| highest public viewer count while they ran | $max_viewers |
| samples above the real players | $above of $samples |
| viewers at the end | $final |
| bot addresses the admins' CSV lists as not watching | $listed of $bot_addresses |
| heartbeats answered but not counted (no player fetching) | $uncounted |
| delivery log lines that proved nothing, by reason | \`$(jq -c .refusedLines "$dir/report.json")\` |

MD
  } > "$md"
  {
    echo "new|Viewbots: real players counted within 15 s|$counted_after s|$counted_ok"
    echo "new|Viewbots: $bot_addresses bots (heartbeat only, playlist only, cut short, replayed token) counted|highest $max_viewers with $VIEWBOT_PLAYERS players|$bots_ok"
    echo "new|Viewbots: bot addresses in the admins' report|$listed of $bot_addresses|$listed_ok"
  } > "$RESULTS/viewbot.summary"
}
