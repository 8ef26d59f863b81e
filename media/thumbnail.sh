#!/usr/bin/env bash
# nginx-rtmp exec_push hook (see media/nginx-rtmp.conf): while a stream is live, keeps the latest key frame
# of its video as a small JPEG (480 px wide, written every 5 s, replaced atomically) for the home page's
# live cards, and deletes it when the stream ends (nginx-rtmp sends TERM: exec_kill_signal term).
# Only key frames are decoded, so a stream costs a few milliseconds of CPU per second. Requires ffmpeg.
#   thumbnail.sh <rtmp url of the live stream> <jpeg path> [log file]
# nginx runs it with an empty environment and stdin/stdout/stderr on /dev/null, as the worker user.
set -uo pipefail
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}

if (( $# != 2 && $# != 3 )); then
  echo "usage: $0 <rtmp url> <jpeg path> [log file]" >&2
  exit 2
fi
source_url=$1 jpeg=$2
if (( $# == 3 )); then
  exec >>"$3" 2>&1
fi
command -v ffmpeg >/dev/null || { echo "$(date -u +%FT%TZ) thumbnail: ffmpeg is not installed"; exit 1; }
mkdir -p -- "$(dirname -- "$jpeg")"

ffmpeg_pid=""
stop() {
  # KILL: ffmpeg blocked on reading an ended stream does not act on TERM; the picture is written
  # atomically (through <jpeg>.tmp), so none is ever left half written, and neither file stays
  [[ -n "$ffmpeg_pid" ]] && kill -KILL "$ffmpeg_pid" 2>/dev/null && wait "$ffmpeg_pid" 2>/dev/null
  rm -f -- "$jpeg" "$jpeg.tmp"
  exit 0
}
trap stop TERM INT HUP
# the first key frame at once (a short probe), then one every 5 s
ffmpeg -nostdin -hide_banner -loglevel error -analyzeduration 1000000 -probesize 1000000 -skip_frame nokey \
  -i "$source_url" -an -sn -vf "select='isnan(prev_selected_t)+gte(t-prev_selected_t,5)',scale=480:-2" \
  -fps_mode passthrough -q:v 6 -f image2 -update 1 -atomic_writing 1 -y "$jpeg" &
ffmpeg_pid=$!
wait "$ffmpeg_pid"
# the stream ended by itself (ffmpeg saw the end of its input): no frame of it stays behind
rm -f -- "$jpeg" "$jpeg.tmp"
