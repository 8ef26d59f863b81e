// The wall-clock time of the live frame on the player's screen, by which the page shows what happens in the show
// at the video's moment (docs/adr/0018): over WebRTC now minus the measured delay, over HLS the media server's clock
// when the fragment on screen began plus how far into it the video is.

import { clockComingBack } from './videomoment.js';

/**
 * @param container the player's element; its data-video-delay-ms says how far behind live the frame on screen is
 * @param source () => ({ video, webrtcDelayMs, fragmentClock }): the video element, the measured delay (ms) while
 *   WebRTC plays (else null), and the HLS fragment on screen ({ beganAt, start }) while HLS plays (else null)
 */
export function createPlayerClock(container, source) {
  // when the live frame's time was last known (Date.now()): a live video that just played is finding its place again
  let knownAt = 0;

  function frame() {
    const { video, webrtcDelayMs, fragmentClock } = source();
    if (!video || video.paused) return null;
    if (webrtcDelayMs !== null) return Date.now() - webrtcDelayMs;
    if (!fragmentClock) return null;
    return fragmentClock.beganAt + (video.currentTime - fragmentClock.start) * 1000;
  }

  /**
   * The wall-clock time (ms) of the live frame on screen, or null when none is known (paused, not live). Each
   * reading also updates how far behind live the page says it is (data-video-delay-ms), so what the page shows
   * and what it says agree at the moment a held pin appears, not only at the video's next timeupdate.
   */
  function read() {
    const at = frame();
    if (at === null) {
      delete container.dataset.videoDelayMs;
    } else {
      knownAt = Date.now();
      container.dataset.videoDelayMs = String(Math.round(knownAt - at));
    }
    return at;
  }

  /**
   * Asked when read() has just answered null: true while the live video that played moments ago finds its place
   * again (hls.js recovering, a switch from WebRTC to HLS, a stall between fragments), so what happens in the show
   * waits for its time. A page whose video never played (or stopped for good) has nothing to wait for.
   */
  function coming(wanted, viewerPaused) {
    return clockComingBack({ wanted, viewerPaused, knownAt }, Date.now());
  }

  return { read, coming };
}
