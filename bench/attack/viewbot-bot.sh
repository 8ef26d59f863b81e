#!/usr/bin/env bash
# One viewbot of bench/attack.sh viewbot, from its own loopback address, for a bounded time:
#   viewbot-bot.sh KIND ADDRESS BASE STREAM HLS_PLAYLIST SECONDS WORKDIR [DONOR_TOKEN_FILE]
# It gets an issued device id (cookie) and its playback token from the heartbeat like a page, heartbeats every
# 10 s, and each second does what its KIND says:
#   silent    nothing more (a page without a player)
#   playlist  fetches the playlist with its token, never a segment
#   partial   fetches the playlist and the first 1,000 bytes of the newest segment (a Range request)
#   replay    fetches the playlist and the newest segment whole, but with another device's token (DONOR_TOKEN_FILE)
#   donor     like silent, and writes its token to DONOR_TOKEN_FILE for the replayers
set -uo pipefail
kind=$1 address=$2 base=$3 stream=$4 playlist=$5 seconds=$6 work=$7 donor_file=${8:-}
jar="$work/$kind-$address.cookies"
token=""
heartbeat() {
  local headers
  headers=$(curl -s --max-time 5 --interface "$address" -c "$jar" -b "$jar" -o /dev/null -D - -XPOST \
    "$base/api/streams/$stream/heartbeat" -A "viewbot-$kind/1.0") || return 0
  token=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1) == "lp-playback" {print $2}')
  [ "$kind" = donor ] && [ -n "$token" ] && printf '%s' "$token" > "$donor_file"
  return 0
}
newest_segment() {
  curl -s --max-time 5 --interface "$address" "$playlist?lpt=$1" -A "viewbot-$kind/1.0" | grep -v '^#' | grep . | tail -1
}
heartbeat; sleep 1; heartbeat
end=$(( $(date +%s) + seconds )); next_heartbeat=$(( $(date +%s) + 10 ))
while [ "$(date +%s)" -lt "$end" ]; do
  case $kind in
    playlist) curl -s --max-time 5 --interface "$address" -o /dev/null "$playlist?lpt=$token" -A "viewbot-$kind/1.0" ;;
    partial)
      segment=$(newest_segment "$token")
      [ -n "$segment" ] && curl -s --max-time 5 --interface "$address" -o /dev/null -r 0-999 \
        "${playlist%/*}/$segment?lpt=$token" -A "viewbot-$kind/1.0" ;;
    replay)
      borrowed=$(cat "$donor_file" 2>/dev/null)
      segment=$(newest_segment "$borrowed")
      [ -n "$segment" ] && curl -s --max-time 5 --interface "$address" -o /dev/null \
        "${playlist%/*}/$segment?lpt=$borrowed" -A "viewbot-$kind/1.0" ;;
  esac
  if [ "$(date +%s)" -ge "$next_heartbeat" ]; then heartbeat; next_heartbeat=$(( $(date +%s) + 10 )); fi
  sleep 1
done
