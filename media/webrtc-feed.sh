#!/usr/bin/env bash
# nginx-rtmp exec_push hook (see media/nginx-rtmp.conf): while a stream is live, feeds it as RTP to its
# Janus mountpoint for sub-second WebRTC playback. LivePulse creates the mountpoint (named by the playback
# id) when this script asks through the webrtc-feed hook, and answers its ports. The video goes as the
# encoder sent it (H.264, no transcoding: no CPU, no added delay; browsers need it without B-frames), the
# sound is turned from AAC into Opus, which WebRTC requires. Video and sound are two ffmpeg processes, so a
# stream without sound still plays.
#   webrtc-feed.sh <rtmp url of the live stream> <playback id> <hook url> <hook secret file> [log file]
# The hook answers 200 "video=<port> audio=<port>", or 204 when WebRTC is turned off (the script then idles
# until the stream ends); any other answer ends the script and nginx-rtmp starts it again after 5 s.
# nginx runs it with an empty environment and stdin/stdout/stderr on /dev/null, as the worker user. The hook
# secret is read from its file and sent in the form body (curl reads it from the file too), so it is on no
# command line a local user could read in the process list, and never in the log.
set -uo pipefail
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}

if (( $# != 4 && $# != 5 )); then
  echo "usage: $0 <rtmp url> <playback id> <hook url> <hook secret file> [log file]" >&2
  exit 2
fi
source_url=$1 playback_id=$2 hook_url=$3 secret_file=$4
if (( $# == 5 )); then
  exec >>"$5" 2>&1
fi
say() { echo "$(date -u +%FT%TZ) webrtc-feed $playback_id: $*"; }
command -v ffmpeg >/dev/null || { say "ffmpeg is not installed"; exit 1; }
command -v curl >/dev/null || { say "curl is not installed"; exit 1; }
[[ "$playback_id" =~ ^[A-Za-z0-9_-]{1,32}$ ]] || { say "not a playback id"; exit 1; }
[[ -r "$secret_file" ]] || { say "cannot read the hook secret file"; exit 1; }

children=()
stop() {
  # KILL: ffmpeg blocked on reading an ended stream does not act on TERM
  for pid in "${children[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  wait 2>/dev/null
  exit 0
}
trap stop TERM INT HUP

answer=$(curl -sS --max-time 10 -o - -w '\n%{http_code}' --data-urlencode "name=$playback_id" \
  --data-urlencode "secret@$secret_file" -- "$hook_url" 2>&1)
status=${answer##*$'\n'}
body=${answer%$'\n'*}
if [[ "$status" == 204 ]]; then
  # WebRTC is off: wait for the end of the stream without being started again every 5 s
  sleep infinity &
  children+=($!)
  wait
  exit 0
fi
if [[ "$status" != 200 || ! "$body" =~ ^video=([0-9]+)\ audio=([0-9]+)$ ]]; then
  say "no mountpoint (hook answered ${status:-nothing}); trying again in 5 s"
  exit 1
fi
video_port=${BASH_REMATCH[1]} audio_port=${BASH_REMATCH[2]}
say "feeding the mountpoint (video port $video_port, audio port $audio_port)"

# the video is only copied, so ffmpeg needs no more than its first packets to start (nginx-rtmp sends the
# codec headers first): a short probe, no burst of buffered frames at the start
options=(-nostdin -hide_banner -loglevel error -fflags nobuffer)
# 1200-byte packets stay under the path MTU with WebRTC's own headers
ffmpeg "${options[@]}" -analyzeduration 0 -probesize 32768 -i "$source_url" -map 0:v:0 -c:v copy -bsf:v h264_mp4toannexb -payload_type 96 -sdp_file /dev/null \
  -f rtp "rtp://127.0.0.1:$video_port?pkt_size=1200" &
video_pid=$!
children+=("$video_pid")
ffmpeg "${options[@]}" -analyzeduration 1000000 -probesize 1000000 -i "$source_url" -map 0:a:0 -c:a libopus -ar 48000 -ac 2 -b:a 64k -application lowdelay -frame_duration 20 \
  -payload_type 111 -sdp_file /dev/null -f rtp "rtp://127.0.0.1:$audio_port?pkt_size=1200" &
children+=($!)
wait "$video_pid"
status=$?
for pid in "${children[@]}"; do kill -KILL "$pid" 2>/dev/null; done
wait 2>/dev/null
say "the feed ended (ffmpeg exit $status)"
