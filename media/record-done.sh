#!/usr/bin/env bash
# nginx-rtmp exec_record_done hook (see media/nginx-rtmp.conf): remuxes a finished recording
# <playback id>-<unix time>.flv to a faststart MP4 next to it, deletes the .flv, then tells LivePulse.
# Requires ffmpeg and curl.
#   record-done.sh <flv path> <playback id> <record-done hook URL (carries ?secret=...)> [log file]
# nginx runs it with an empty environment and stdin/stdout/stderr on /dev/null, as the worker user.
# Never print the hook URL: it carries the hook secret.
set -uo pipefail
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}

log() { echo "$(date -u +%FT%TZ) record-done[$$]: $*"; }

if (( $# != 3 && $# != 4 )); then
  log "usage: $0 <flv path> <playback id> <hook url> [log file]" >&2
  exit 2
fi
flv=$1 name=$2 url=$3
if (( $# == 4 )); then
  exec >>"$4" 2>&1
fi
for tool in ffmpeg curl; do
  command -v "$tool" >/dev/null || { log "$tool is not installed; $flv left as is"; exit 1; }
done
if [[ "$flv" != *.flv || ! -f "$flv" ]]; then
  log "no such recording: $flv"
  exit 1
fi
if [[ ! -s "$flv" ]]; then
  # a publish that sent no media, e.g. a second encoder on a live stream ("Already publishing")
  rm -f -- "$flv"
  log "empty recording $(basename -- "$flv") removed"
  exit 0
fi

base=${flv%.flv}
mp4=$base.mp4
tmp=$base.tmp.mp4 # same directory, so the rename below is atomic; not served over HTTP

# a remux takes seconds; the timeout only bounds a stuck ffmpeg
if ! timeout 1800 ffmpeg -nostdin -hide_banner -loglevel error -y -i "$flv" -c copy \
      -movflags +faststart -f mp4 "$tmp"; then
  rm -f -- "$tmp"
  log "remux failed; kept $flv"
  exit 1
fi
mv -f -- "$tmp" "$mp4"
rm -f -- "$flv"
log "remuxed $(basename -- "$mp4") ($(stat -c %s -- "$mp4") bytes)"

file=$(basename -- "$mp4")
if curl -fsS -o /dev/null --max-time 10 --retry 3 --retry-connrefused --retry-delay 2 \
     --data-urlencode "name=$name" --data-urlencode "file=$file" -- "$url" 2>/dev/null; then
  log "reported $file for $name"
else
  # curl's own message could contain the URL (and so the secret): report only the exit code
  log "could not report $file for $name (curl exit $?)"
  exit 1
fi
