// Shows what happens in the show when the viewer's video gets there, never before: a pin, a chat message
// or its pin arrives over the event stream within a fraction of a second, while the live video is seconds
// behind. Each arrives with the server's wall-clock time it happened (ms) and waits, in order, until the
// frame on screen is from that moment or later (docs/adr/0018). Without a known video time (no video,
// paused by the viewer, a player that cannot tell) it shows at once, but while a video that just played finds
// its place again (clockComing) it waits for that time; nothing waits longer than MAX_HOLD_MS.
const MAX_HOLD_MS = 10_000;
// how long after its last known frame time a live video counts as finding its place again, not gone
const COMING_BACK_MS = 5_000;

/**
 * Whether a live video's frame time, unknown right now, is coming back (hls.js recovering, a switch from WebRTC to
 * HLS, a stall between fragments): the video is still wanted, the viewer did not pause it, and its time was known
 * less than COMING_BACK_MS ago. A video that never played (knownAt 0) has no time to come back.
 */
export function clockComingBack({ wanted, viewerPaused, knownAt }, now) {
  return wanted && !viewerPaused && knownAt > 0 && now - knownAt < COMING_BACK_MS;
}

/**
 * @param videoClock () => number|null, the wall-clock time of the frame on screen
 * @param clockComing () => boolean, asked when videoClock() answered null: true while that is for a moment only
 */
export function createVideoMoment(videoClock, clockComing = () => false) {
  const queue = [];
  let timer = null;

  function drain() {
    while (queue.length) {
      const head = queue[0];
      const clock = videoClock();
      const early = head.at != null && (clock != null ? clock < head.at : clockComing());
      if (early && Date.now() - head.arrivedAt < MAX_HOLD_MS) break;
      queue.shift();
      try {
        head.show();
      } catch (e) {
        console.error(e); // one change that fails to show must not hold up the ones after it
      }
    }
    if (queue.length && !timer) timer = setInterval(drain, 50);
    if (!queue.length && timer) { clearInterval(timer); timer = null; }
  }

  return {
    /** Runs show() once the video reaches atMs (null: as soon as everything before it was shown). */
    when(atMs, show) {
      queue.push({ at: Number.isFinite(atMs) ? atMs : null, show, arrivedAt: Date.now() });
      drain();
    },
  };
}

/** Shows at once: for pages without a video to wait for (the seller's console follows the show live). */
export const AT_ONCE = { when(_, show) { show(); } };
