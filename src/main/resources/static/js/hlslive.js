// Live HLS through hls.js for the player (player.js): the settings for a live edge close behind, the viewer's
// playback token on every playlist and fragment request (what verifies them as a viewer, issue 26), the clock of
// the fragment on screen, a paused player that stops fetching, and one left playing in a background tab that
// does not (hlsbackground.js).

import { keepFetchingInBackground, tokenUrl } from './hlsbackground.js';

/**
 * Starts hls.js on the video for a live playlist; the caller's callbacks hear of fragments and of a fatal failure
 * (media errors are recovered here). The hls.js instance is returned (destroy() stops it).
 */
export function startLiveHls(Hls, video, url, { token, onFragmentLoaded, onFragmentClock, onFatal }) {
  // the first playlist appears a few seconds after the encoder connects: keep asking meanwhile. Two
  // fragments behind the live edge; a viewer further behind (a late joiner, a stall) plays a little
  // faster until back there, and one more than five fragments behind jumps. hls.js adapts the playback
  // rate only in its low-latency mode, which on a playlist without LL-HLS parts changes nothing else
  const hls = new Hls({ manifestLoadingMaxRetry: 30, manifestLoadingRetryDelay: 1000, liveSyncDurationCount: 2,
    liveMaxLatencyDurationCount: 5, lowLatencyMode: true, maxLiveSyncPlaybackRate: 1.25,
    loader: withToken(Hls.DefaultConfig.loader, token) });
  let lastFragmentAt = Date.now();
  hls.on(Hls.Events.FRAG_LOADED, () => { lastFragmentAt = Date.now(); onFragmentLoaded(); });
  hls.on(Hls.Events.FRAG_CHANGED, (_, { frag }) => {
    // a fragment's name is the media server's clock (ms) when it began (nginx-rtmp's hls_fragment_naming system)
    const beganAt = Number.parseInt((frag.relurl || '').split('/').pop(), 10);
    onFragmentClock(Number.isFinite(beganAt) && beganAt > 1e12 ? { beganAt, start: frag.start } : null);
  });
  hls.on(Hls.Events.ERROR, (_, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) { hls.recoverMediaError(); return; }
    onFatal(hls);
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  hls.on(Hls.Events.DESTROYING, keepFetchingInBackground(hls, video, url, token, () => lastFragmentAt));
  // a paused live player stops fetching (and so stops counting as watching); playing again starts at the live edge
  // (a destroyed instance has let go of the video: its element's last pause is not this player's business)
  let stoppedLoading = false;
  // (a pause in a background tab is the browser's: the viewer left it playing, see hlsbackground.js)
  video.addEventListener('pause', () => {
    if (hls.media === video && !document.hidden) { hls.stopLoad(); stoppedLoading = true; }
  });
  video.addEventListener('play', () => {
    if (hls.media === video && stoppedLoading) { stoppedLoading = false; hls.startLoad(-1); }
  });
  return hls;
}

/** hls.js's own loader, each request's URL given the viewer's token as it is sent (xhrSetup would defer each one). */
function withToken(Loader, token) {
  return class TokenLoader extends Loader {
    load(context, config, callbacks) {
      context.url = tokenUrl(context.url, token());
      super.load(context, config, callbacks);
    }
  };
}
