// Live video over WebRTC from the media server's Janus (streaming plugin), spoken over Janus's plain HTTP
// API: create a session, attach the streaming plugin, ask to watch the stream's mountpoint, answer Janus's
// offer and keep the session alive with long polls until the player stops. About 100 lines instead of
// janus.js and its adapter.js (ADR 0019).

const POLL_EVENTS = 5;
// the streaming plugin's "no such mountpoint"
const NO_SUCH_MOUNTPOINT = 455;

class JanusError extends Error {
  constructor(message, code) {
    super(message);
    this.mountpointMissing = code === NO_SUCH_MOUNTPOINT;
  }
}

function transaction() {
  return Math.random().toString(36).slice(2, 14);
}

async function send(url, body, signal) {
  const response = await fetch(url, {
    method: 'POST', body: JSON.stringify({ ...body, transaction: transaction() }), signal,
    headers: { 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new JanusError(`The video server answered ${response.status}.`);
  const answer = await response.json();
  if (answer.janus === 'error') throw new JanusError(answer.error?.reason || 'The video server refused.');
  const refused = pluginError(answer);
  if (refused) throw refused;
  return answer;
}

function pluginError(message) {
  const data = message.plugindata?.data;
  return data?.error ? new JanusError(data.error, data.error_code) : null;
}

/**
 * Starts playing the mountpoint into the video element. Resolves with a handle once Janus sent its offer and
 * took the answer: { stop(), peer, ended } where ended settles when the session is lost or the connection
 * fails (or stop() was called); the caller decides how long to wait for frames. Rejects when the server
 * cannot be reached, the mountpoint does not exist, or the browser has no WebRTC.
 */
export async function watchWebRtc({ url, mountpoint, iceServers = [] }, video, playbackToken = null) {
  if (!('RTCPeerConnection' in window)) throw new JanusError('This browser has no WebRTC.');
  const abort = new AbortController();
  const signal = abort.signal;
  const session = (await send(url, { janus: 'create' }, signal)).data.id;
  const sessionUrl = `${url}/${session}`;
  let pc = null;
  let stopped = false;
  let markEnded;
  const ended = new Promise((resolve) => { markEnded = resolve; });
  const stop = () => {
    if (stopped) return;
    stopped = true;
    markEnded();
    abort.abort();
    pc?.close();
    // ends the session on the server at once (it would time out by itself otherwise)
    fetch(sessionUrl, { method: 'POST', keepalive: true, body: JSON.stringify({ janus: 'destroy', transaction: transaction() }) })
      .catch(() => {});
  };
  try {
    const handle = (await send(sessionUrl, { janus: 'attach', plugin: 'janus.plugin.streaming',
      // Janus names the handle by it in its media events, which LivePulse verifies viewers by
      ...(playbackToken ? { opaque_id: playbackToken } : {}) }, signal)).data.id;
    const handleUrl = `${sessionUrl}/${handle}`;
    await send(handleUrl, { janus: 'message', body: { request: 'watch', id: mountpoint } }, signal);
    const offer = await nextOffer(sessionUrl, signal);
    pc = new RTCPeerConnection({ iceServers });
    const stream = new MediaStream();
    pc.addEventListener('track', ({ track }) => {
      stream.addTrack(track);
      if (video.srcObject !== stream) video.srcObject = stream;
    });
    await pc.setRemoteDescription(offer);
    // as little jitter buffer as the browser allows: the point of this path is to be close to the camera
    for (const receiver of pc.getReceivers()) {
      if ('jitterBufferTarget' in receiver) receiver.jitterBufferTarget = 0;
      else if ('playoutDelayHint' in receiver) receiver.playoutDelayHint = 0;
    }
    // the answer goes at once and this side's candidates follow as they are found (trickle): waiting for
    // all of them first would hold the first frame back by the whole gathering
    pc.addEventListener('icecandidate', ({ candidate }) => {
      const body = candidate ? { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex }
        : { completed: true };
      send(handleUrl, { janus: 'trickle', candidate: body }, signal).catch(() => {});
    });
    await pc.setLocalDescription(await pc.createAnswer());
    await send(handleUrl, { janus: 'message', body: { request: 'start' }, jsep: pc.localDescription.toJSON() }, signal);
    keepAlive(sessionUrl, signal, stop);
    pc.addEventListener('connectionstatechange', () => { if (pc.connectionState === 'failed') stop(); });
    return { stop, peer: pc, ended };
  } catch (e) {
    stop();
    throw e;
  }
}

/** Long-polls the session's events until Janus sends the offer to watch (or says why not). */
async function nextOffer(sessionUrl, signal) {
  for (;;) {
    const response = await fetch(`${sessionUrl}?maxev=${POLL_EVENTS}&rid=${Date.now()}`, { signal });
    if (!response.ok) throw new JanusError(`The video server answered ${response.status}.`);
    const events = [].concat(await response.json());
    for (const message of events) {
      const error = pluginError(message);
      if (error) throw error;
      if (message.jsep?.type === 'offer') return message.jsep;
    }
  }
}

/** Keeps the session alive (Janus ends sessions it has not heard from) with long polls, until stopped. */
async function keepAlive(sessionUrl, signal, stop) {
  while (!signal.aborted) {
    try {
      const response = await fetch(`${sessionUrl}?maxev=${POLL_EVENTS}&rid=${Date.now()}`, { signal });
      if (!response.ok) { stop(); return; }
      const events = [].concat(await response.json());
      if (events.some((message) => message.janus === 'hangup' || pluginError(message))) { stop(); return; }
    } catch {
      if (!signal.aborted) stop();
      return;
    }
  }
}

// how long a WebRTC start waits for the viewer's playback token (the page's first heartbeat brings it)
const TOKEN_WAIT_MS = 1_500;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * watchWebRtc once the viewer's playback token is here (the session is named by it once, at its start), or
 * TOKEN_WAIT_MS on; a mountpoint not there yet (the media server's feed is starting) is asked for again every
 * 500 ms until giveUpAt, while stillWanted() says the page still wants this video.
 */
export async function watchWhenReady(webrtcView, element, token, giveUpAt, stillWanted) {
  for (let waited = 0; !token() && waited < TOKEN_WAIT_MS; waited += 50) {
    await pause(50);
  }
  for (;;) {
    try {
      return await watchWebRtc(webrtcView, element, token());
    } catch (e) {
      if (!e.mountpointMissing || Date.now() + 500 > giveUpAt || !stillWanted()) throw e;
      await pause(500);
    }
  }
}

/**
 * Measures how long a frame takes from Janus to the screen (ms), over the last interval: half the round
 * trip, plus the receiver's wait from a frame's first packet to its decoding (jitter buffer, assembly and
 * decode: totalProcessingDelay per decoded frame), plus one frame for rendering. Call it every second or so;
 * it keeps the counters of the last call. The frames' way from the media server to Janus is a loopback
 * copy of a few milliseconds and not counted.
 */
export function createReceiveDelay(peer) {
  let last = null;
  let delayMs = 0;
  return async function measure() {
    const report = await peer.getStats();
    let video = null;
    let halfTrip = 0;
    report.forEach((entry) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'video') video = entry;
      if (entry.type === 'candidate-pair' && entry.nominated && entry.currentRoundTripTime !== undefined) {
        halfTrip = (entry.currentRoundTripTime * 1000) / 2;
      }
    });
    if (!video || !(video.framesDecoded > 0)) return delayMs;
    const now = { processing: video.totalProcessingDelay ?? 0, frames: video.framesDecoded, fps: video.framesPerSecond || 25 };
    if (last && now.frames > last.frames) {
      const processing = ((now.processing - last.processing) / (now.frames - last.frames)) * 1000;
      delayMs = Math.round(halfTrip + processing + 1000 / now.fps);
    }
    last = now;
    return delayMs;
  };
}

/** The promise, or a rejection saying what did not happen within ms (its timedOut is true). */
export function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} within ${ms} ms`), { timedOut: true })), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A connection still coming after the player moved on to HLS (a slow phone or network): its video element waits
 * unseen (not display:none, so its frames are decoded). Once the connection is up (within ms) and a frame decoded
 * (within pictureMs of that), takeOver(handle) is asked whether it plays now; when it does not, nothing came in
 * time, or drop() is called, the element goes and release() closes the session (whenever it comes).
 * Returns { element, drop() }.
 */
export function awaitLateConnection(connecting, element, { ms, pictureMs, release, takeOver }) {
  let dropped = false;
  element.style.visibility = 'hidden';
  const drop = () => {
    if (dropped) return;
    dropped = true;
    element.remove();
    release();
  };
  within(ms, 'no connection', connecting)
    .then((handle) => within(pictureMs, 'no picture', firstPicture(element, () => !dropped)).then(() => handle))
    .then((handle) => {
      if (dropped) return;
      element.style.visibility = '';
      if (!takeOver(handle)) drop();
    }, drop);
  return { element, drop };
}

/** Resolves when the peer connection is up; rejects when it fails. */
export function connected(peer) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (peer.connectionState === 'connected') resolve();
      else if (peer.connectionState === 'failed' || peer.connectionState === 'closed') reject(new Error('connection failed'));
      else return;
      peer.removeEventListener('connectionstatechange', check);
    };
    peer.addEventListener('connectionstatechange', check);
    check();
  });
}

/** Resolves once a frame was decoded into the element (a connected stream without frames never does). */
export function firstPicture(element, stillShown) {
  return new Promise((resolve) => {
    const check = () => { if (element.videoWidth > 0) resolve(); else if (stillShown()) setTimeout(check, 50); };
    check();
  });
}
