// A live player left playing in a background tab. Chrome pauses a muted video there; that pause is the browser's,
// not the viewer's, so hls.js goes on fetching (hlslive.js does not stop it) and, back in front, the video plays on
// from the live edge. After some minutes hidden Chrome wakes the page's own timers, hls.js's too, once a minute:
// then the page fetches in its place as a playing player does (each new fragment whole, with the viewer's token:
// the same bytes and the same delivery log lines), paced by a worker, whose timers a background tab does not slow.
// A player the viewer paused fetches nothing.

import { every } from './pacer.js';

const PACE_MS = 2_000;
// hls.js still fetching by itself: nothing to add
const FETCHING_BY_ITSELF_MS = 4_000;
// the newest fragments fetched on one pace, enough for a playlist that moved on while a pace was late
const NEWEST_FRAGMENTS = 3;
// a request that hangs must not stop the fetching for good
const FETCH_TIMEOUT_MS = 8_000;

/**
 * Keeps {@code hls}'s live stream fetched while its page is hidden with the video left playing; returns the function
 * that stops this.
 */
export function keepFetchingInBackground(hls, video, url, token, lastFragmentAt) {
  let fetched = new Set();
  let stopPacing = null;
  let busy = false;
  // a pause in a hidden tab is the browser's, never the viewer's, who cannot reach the page's controls there
  let pausedByBrowser = false;
  let leftPlaying = false;

  async function fetchLikeAPlayer() {
    if (busy || hls.media !== video || Date.now() - lastFragmentAt() < FETCHING_BY_ITSELF_MS) return;
    busy = true;
    try {
      const playlist = tokenUrl(new URL(url, location.href).toString(), token());
      const text = await (await fetch(playlist, { cache: 'no-store', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })).text();
      const fragments = text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'))
        .map((line) => new URL(line, playlist).pathname).slice(-NEWEST_FRAGMENTS);
      for (const fragment of fragments.filter((path) => !fetched.has(path))) {
        const response = await fetch(tokenUrl(new URL(fragment, playlist).toString(), token()),
          { cache: 'no-store', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
        if (response.ok) { await response.arrayBuffer(); fetched.add(fragment); }
      }
      // only what the playlist still names: nothing is fetched twice, nothing kept for ever
      fetched = new Set(fragments.filter((path) => fetched.has(path)));
    } catch {
      // the next pace tries again, as hls.js would
    } finally {
      busy = false;
    }
  }

  function onPause() {
    if (document.hidden) pausedByBrowser = true;
  }

  function onVisibilityChange() {
    if (document.hidden) {
      leftPlaying = !video.paused || pausedByBrowser;
      if (leftPlaying) stopPacing ??= every(PACE_MS, fetchLikeAPlayer);
      return;
    }
    stopPacing?.();
    stopPacing = null;
    if (!leftPlaying || hls.media !== video) return;
    pausedByBrowser = false;
    const stale = Date.now() - lastFragmentAt() >= FETCHING_BY_ITSELF_MS;
    if (stale) hls.startLoad(-1);
    // back to the live edge when hls.js stopped by itself or when the playhead Chrome left behind is no longer in
    // what hls.js holds (it moved the buffer on with the live window): playing from there would stall
    if (Number.isFinite(hls.liveSyncPosition) && (stale || !holds(video, video.currentTime))) {
      video.currentTime = hls.liveSyncPosition;
    }
    if (video.paused) video.play().catch(() => {});
  }

  video.addEventListener('pause', onPause);
  document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    video.removeEventListener('pause', onPause);
    document.removeEventListener('visibilitychange', onVisibilityChange);
    stopPacing?.();
  };
}

/** Whether the video has media buffered just after {@code at}. */
function holds(video, at) {
  for (let i = 0; i < video.buffered.length; i++) {
    if (at >= video.buffered.start(i) && at < video.buffered.end(i) - 0.1) return true;
  }
  return false;
}

/** The address with the viewer's playback token, as the media server's delivery log reads it. */
export function tokenUrl(address, current) {
  if (!current) return address;
  const signed = new URL(address, location.href);
  signed.searchParams.set('lpt', current);
  return signed.toString();
}
