// The video player of the viewer page and the seller's preview. It shows what the API says of the
// stream's video (GET /api/streams/{id}/video): while live, WebRTC (sub-second) when the media server offers
// it and a picture comes within 3 s, else HLS (until a slower WebRTC connection comes after all); a note while the
// encoder reconnects or is gone (playernotes.js); the recordings once the stream ended. hls.js is fetched only when
// HLS is played.

import { el } from './api.js';
import { startLiveHls } from './hlslive.js';
import { loadHls } from './hlslibrary.js';
import { createPlayerNotes } from './playernotes.js';
import { createPlayerClock } from './playerclock.js';
import { awaitLateConnection, connected, createReceiveDelay, firstPicture, watchWhenReady, within } from './webrtc.js';

// WebRTC that cannot connect this soon (UDP blocked, no route, no browser support) gives way to HLS, and so
// does a connection that shows no picture this long; one still connecting takes over from HLS if it connects
// within WEBRTC_LATE_MS of the switch and shows a picture within WEBRTC_PICTURE_MS of that (a slow phone or
// network gets real time after all)
const WEBRTC_CONNECT_MS = 3_000;
const WEBRTC_PICTURE_MS = 10_000;
const WEBRTC_LATE_MS = 20_000;

export function createPlayer(container, { muted = true, controls = true } = {}) {
  const mode = el('p', { className: 'player-mode' });
  const notes = createPlayerNotes();
  let video = null;
  let hls = null;
  let webrtc = null;
  // a WebRTC connection still coming while HLS plays (awaitLateConnection)
  let late = null;
  let webrtcDelayMs = 0;
  let delayTimer = null;
  // mountpoints that gave no picture in time: their stream plays HLS until it reconnects
  const webrtcRefused = new Set();
  let playing = null;
  // the live video the stream's state asks for (null once it is offline or ended): only it is retried, and
  // each failed try waits twice as long as the last (2 s up to 30 s), so a page left open asks for no
  // playlist once the video is gone
  let wanted = null;
  let failures = 0;
  let retryTimer = null;
  // the fragment on screen: the media server's clock when it began, and where it starts on the video's timeline
  let fragmentClock = null;
  // the viewer's playback token (from the heartbeat): every playlist and fragment request carries it, so the media
  // server's log shows this viewer's player fetching the video (a viewer counts only while it does)
  let playbackToken = null;

  // the viewer paused the video on screen (not the player replacing it, not the browser in a background tab)
  let viewerPaused = false;
  const clock = createPlayerClock(container,
    () => ({ video, webrtcDelayMs: webrtc ? webrtcDelayMs : null, fragmentClock: hls ? fragmentClock : null }));
  const videoClock = clock.read;
  const videoClockComing = () => clock.coming(wanted !== null, viewerPaused);

  function showMode(name) {
    if (name) container.dataset.playbackMode = name;
    else delete container.dataset.playbackMode;
    mode.textContent = { webrtc: 'Live · real time (WebRTC)', hls: 'Live · HLS, a few seconds behind' }[name] || '';
  }

  function newVideo(label) {
    video = el('video', { attrs: { 'aria-label': label } });
    video.muted = muted; video.controls = controls; video.playsInline = true; video.autoplay = true;
    container.prepend(video);
    // how far behind live the frame on screen is, for the page and its tests (data-video-delay-ms)
    video.addEventListener('timeupdate', videoClock);
    viewerPaused = false;
    video.addEventListener('pause', (e) => { if (e.target === video && !document.hidden) viewerPaused = true; });
    video.addEventListener('play', (e) => { if (e.target === video) viewerPaused = false; });
  }

  function stop() {
    late?.drop();
    late = null;
    hls?.destroy();
    hls = null;
    webrtc?.stop();
    webrtc = null;
    clearInterval(delayTimer);
    fragmentClock = null;
    delete container.dataset.videoDelayMs;
    showMode(null);
    video?.remove();
    video = null;
    playing = null;
  }

  /**
   * Plays the stream over WebRTC through Janus; a connection that does not come within WEBRTC_CONNECT_MS, or
   * shows no picture within WEBRTC_PICTURE_MS, gives way to HLS (the first may still take over, see above).
   */
  async function playWebRtc(view) {
    const id = `webrtc:${view.webrtc.mountpoint}`;
    if (playing === id) return;
    stop();
    playing = id;
    newVideo('Live video');
    const element = video;
    // this attempt is wanted while its element is the player's video, or the late one waiting unseen
    const wantedHere = () => video === element || late?.element === element;
    const attempt = watchWhenReady(view.webrtc, element, () => playbackToken, Date.now() + WEBRTC_CONNECT_MS,
      wantedHere);
    // once the page no longer wants it, the session is closed as soon as it exists, connected or not
    const release = () => attempt.then((handle) => handle.stop(), () => {});
    const connecting = attempt.then((handle) => connected(handle.peer).then(() => handle));
    let handle = null;
    try {
      handle = await within(WEBRTC_CONNECT_MS, 'no connection', connecting);
      if (video !== element) { release(); return; }
      webrtc = handle;
      // connected: the first frame may wait for the media server's feed to start, or for a key frame
      await within(WEBRTC_PICTURE_MS, 'no picture', firstPicture(element, () => video === element));
    } catch (e) {
      if (video !== element) { release(); return; }
      console.info(`WebRTC did not play (${e.message}); playing HLS.`);
      webrtcRefused.add(view.webrtc.mountpoint);
      const stillConnecting = e.timedOut && !handle;
      if (stillConnecting) video = null; // kept, unseen, for a late connection
      else release();
      play(view.hlsUrl, { live: true });
      if (stillConnecting) {
        late = awaitLateConnection(connecting, element, { ms: WEBRTC_LATE_MS, pictureMs: WEBRTC_PICTURE_MS, release,
          takeOver: (connection) => takeOver(view, element, connection) });
      }
      return;
    }
    if (video === element && webrtc === handle) showWebRtc(view, handle);
  }

  /**
   * A late WebRTC connection replaces the stream's HLS (true), with its sound as the viewer set it, unless the
   * player moved on, the video is not live, or the viewer paused it or watches it full screen or picture-in-picture.
   */
  function takeOver(view, element, handle) {
    late = null;
    const shown = video;
    if (playing !== view.hlsUrl || container.dataset.videoState !== 'CONNECTED' || viewerPaused
      || document.fullscreenElement === shown || document.pictureInPictureElement === shown) return false;
    element.muted = shown.muted;
    element.volume = shown.volume;
    stop();
    video = element;
    playing = `webrtc:${view.webrtc.mountpoint}`;
    webrtc = handle;
    webrtcRefused.delete(view.webrtc.mountpoint);
    element.play().catch(() => {});
    console.info('WebRTC connected after all; playing it instead of HLS.');
    showWebRtc(view, handle);
    return true;
  }

  function showWebRtc(view, handle) {
    showMode('webrtc');
    const receiveDelay = createReceiveDelay(handle.peer);
    const measure = () => receiveDelay().then((ms) => { webrtcDelayMs = ms; }, () => {});
    measure();
    delayTimer = setInterval(measure, 1_000);
    handle.ended.then(() => {
      if (webrtc !== handle) return;
      // a connection lost while the video is live (network change, Janus restart) continues over HLS; a hangup
      // after the encoder dropped is its mountpoint going away, and the next CONNECTED plays afresh
      if (container.dataset.videoState !== 'CONNECTED') { stop(); return; }
      webrtcRefused.add(view.webrtc.mountpoint);
      play(view.hlsUrl, { live: true });
    });
  }

  function setPlaybackToken(token) {
    if (token) playbackToken = token;
  }

  async function play(url, { live }) {
    if (playing === url) return;
    stop();
    playing = url;
    newVideo(live ? 'Live video' : 'Recorded video');
    if (live) showMode('hls');
    // hls.js wherever Media Source Extensions exist (some Chromium builds claim native HLS and then
    // fail on it); the browser's own HLS only without them (iOS Safari)
    const mediaSource = 'MediaSource' in window || 'ManagedMediaSource' in window;
    if (!live || !mediaSource) {
      video.src = url;
      return;
    }
    try {
      const Hls = await loadHls();
      if (playing !== url) return;
      if (!Hls.isSupported()) { notes.tell('This browser cannot play live video.'); return; }
      hls = startLiveHls(Hls, video, url, {
        token: () => playbackToken,
        onFragmentLoaded: () => { failures = 0; },
        // a new fragment can move the clock by more than playing does (an encoder that fell behind real time)
        onFragmentClock: (fragment) => { fragmentClock = fragment; videoClock(); },
        onFatal: (instance) => {
          // hls.js may report the same failure twice; only the player still in use decides on a retry
          if (instance !== hls) return;
          const retry = playing;
          stop();
          const delay = Math.min(30_000, 2_000 * 2 ** failures);
          failures += 1;
          clearTimeout(retryTimer);
          retryTimer = setTimeout(() => {
            retryTimer = null;
            if (!playing && wanted === retry) play(retry, { live: true });
          }, delay);
        },
      });
    } catch (e) {
      notes.tell(e.message);
    }
  }

  function show(view) {
    container.dataset.videoState = view.state;
    if (view.state === 'CONNECTED') {
      if (wanted !== view.hlsUrl) failures = 0;
      wanted = view.hlsUrl;
    } else if (view.state === 'RECONNECTING') {
      // the encoder's next session makes a new mountpoint: WebRTC gets another chance
      webrtcRefused.clear();
    } else {
      wanted = null;
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    switch (view.state) {
      case 'CONNECTED':
        notes.say('');
        if (view.webrtc && !webrtcRefused.has(view.webrtc.mountpoint)) playWebRtc(view);
        // a retry already waits its turn: the state saying CONNECTED again does not start one sooner
        else if (!(retryTimer && !playing && wanted === view.hlsUrl)) play(view.hlsUrl, { live: true });
        break;
      case 'RECONNECTING':
        notes.reconnecting(view.reconnectingUntil ? Date.parse(view.reconnectingUntil) : null,
          () => show({ ...view, state: 'OFFLINE' }));
        break;
      case 'OFFLINE':
        stop();
        notes.offline(view.autoEndsAt);
        break;
      case 'ENDED':
        if (view.recordings?.length) notes.replay(view.recordings, (url) => play(url, { live: false }));
        else { stop(); notes.say('This stream has ended. No recording was kept.'); }
        break;
      default:
        stop();
        notes.say('The seller has not started their video yet. The viewer and like counts below are live.');
    }
  }

  container.replaceChildren(mode, ...notes.elements);
  return { show, videoClock, videoClockComing, setPlaybackToken };
}
