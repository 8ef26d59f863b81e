// The video player of the viewer page and the seller's preview. It shows what the API says of the
// stream's video (GET /api/streams/{id}/video): while live, WebRTC (sub-second) when the media server offers
// it and a picture comes within 3 s, else HLS; a note while the encoder reconnects or is gone; the recordings
// once the stream ended. hls.js is fetched only when HLS is played.

import { el } from './api.js';
import { startLiveHls } from './hlslive.js';
import { loadHls } from './hlslibrary.js';
import { clockComingBack } from './videomoment.js';
import { connected, createReceiveDelay, firstPicture, watchWhenReady, within } from './webrtc.js';

// WebRTC that cannot connect this soon (UDP blocked, no route, no browser support) gives way to HLS, and so
// does a connection that shows no picture this long
const WEBRTC_CONNECT_MS = 3_000;
const WEBRTC_PICTURE_MS = 10_000;

function clock(instant) {
  return new Date(instant).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function createPlayer(container, { muted = true, controls = true } = {}) {
  const note = el('p', { className: 'player-note', attrs: { role: 'status' } });
  const mode = el('p', { className: 'player-mode' });
  const parts = el('div', { className: 'actions' });
  let video = null;
  let hls = null;
  let webrtc = null;
  let webrtcDelayMs = 0;
  let delayTimer = null;
  // mountpoints that gave no picture in time: their stream plays HLS until it reconnects
  const webrtcRefused = new Set();
  let playing = null;
  let noteTimer = null;
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

  // when the live frame's time was last known (Date.now()): a live video that just played is finding its place again
  let clockKnownAt = 0;
  // the viewer paused the video on screen (not the player replacing it, not the browser in a background tab)
  let viewerPaused = false;

  /**
   * The wall-clock time (ms) of the live frame on screen, or null when none is known (paused, not live). Each
   * reading also updates how far behind live the page says it is (data-video-delay-ms), so what the page shows
   * and what it says agree at the moment a held pin appears, not only at the video's next timeupdate.
   */
  function videoClock() {
    const frame = frameClock();
    if (frame === null) {
      delete container.dataset.videoDelayMs;
    } else {
      clockKnownAt = Date.now();
      container.dataset.videoDelayMs = String(Math.round(clockKnownAt - frame));
    }
    return frame;
  }

  function frameClock() {
    if (!video || video.paused) return null;
    if (webrtc) return Date.now() - webrtcDelayMs;
    if (!hls || !fragmentClock) return null;
    return fragmentClock.beganAt + (video.currentTime - fragmentClock.start) * 1000;
  }

  /**
   * Asked when videoClock() has just answered null: true while the live video that played moments ago finds its
   * place again (hls.js recovering, a switch from WebRTC to HLS, a stall between fragments), so what happens in the
   * show waits for its time. A page whose video never played (or stopped for good) has nothing to wait for.
   */
  function videoClockComing() {
    return clockComingBack({ wanted: wanted !== null, viewerPaused, knownAt: clockKnownAt }, Date.now());
  }

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
   * shows no picture within WEBRTC_PICTURE_MS, gives way to HLS.
   */
  async function playWebRtc(view) {
    const id = `webrtc:${view.webrtc.mountpoint}`;
    if (playing === id) return;
    stop();
    playing = id;
    newVideo('Live video');
    const element = video;
    const attempt = watchWhenReady(view.webrtc, element, () => playbackToken, Date.now() + WEBRTC_CONNECT_MS,
      () => playing === id).then((handle) => {
      // a session that comes after the deadline (the page moved on to HLS) is closed at once
      if (playing !== id) { handle.stop(); throw new Error('too late'); }
      webrtc = handle;
      return handle;
    });
    try {
      await within(WEBRTC_CONNECT_MS, 'no connection', attempt.then((handle) => connected(handle.peer)));
      // connected: the first frame may wait for the media server's feed to start, or for a key frame
      await within(WEBRTC_PICTURE_MS, 'no picture', firstPicture(element, () => video === element));
    } catch (e) {
      if (playing !== id) return;
      console.info(`WebRTC did not play (${e.message}); playing HLS.`);
      webrtcRefused.add(view.webrtc.mountpoint);
      play(view.hlsUrl, { live: true });
      return;
    }
    if (playing !== id || !webrtc) return;
    const handle = webrtc;
    showMode('webrtc');
    const receiveDelay = createReceiveDelay(handle.peer);
    const measure = () => receiveDelay().then((ms) => { webrtcDelayMs = ms; }, () => {});
    measure();
    delayTimer = setInterval(measure, 1_000);
    // a connection lost while playing (network change, Janus restart) continues over HLS
    handle.ended.then(() => {
      // only while the video is still live: a hangup after the encoder dropped is the mountpoint going away
      if (webrtc !== handle || container.dataset.videoState !== 'CONNECTED') return;
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
      if (!Hls.isSupported()) { note.textContent = 'This browser cannot play live video.'; return; }
      hls = startLiveHls(Hls, video, url, {
        token: () => playbackToken,
        onFragmentLoaded: () => { failures = 0; },
        // a new fragment can move the clock by more than playing does (an encoder that fell behind real time)
        onFragmentClock: (clock) => { fragmentClock = clock; videoClock(); },
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
      note.textContent = e.message;
    }
  }

  function say(text) {
    clearInterval(noteTimer);
    note.textContent = text;
  }

  function showRecordings(recordings) {
    if (!recordings.length) { stop(); say('This stream has ended. No recording was kept.'); return; }
    play(recordings[0].url, { live: false });
    say(recordings.length > 1 ? `Replay, part 1 of ${recordings.length}.` : 'Replay');
    // the label says what starts playing, then leaves the picture alone (the video is labelled "Recorded video")
    if (recordings.length === 1) noteTimer = setTimeout(() => { if (note.textContent === 'Replay') note.textContent = ''; }, 3_000);
    if (recordings.length > 1) {
      parts.replaceChildren(...recordings.map((recording, index) => {
        const button = el('button', { text: `Part ${index + 1}`, attrs: { type: 'button' } });
        button.addEventListener('click', () => {
          play(recording.url, { live: false });
          say(`Replay, part ${index + 1} of ${recordings.length}.`);
        });
        return button;
      }));
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
        say('');
        if (view.webrtc && !webrtcRefused.has(view.webrtc.mountpoint)) playWebRtc(view);
        // a retry already waits its turn: the state saying CONNECTED again does not start one sooner
        else if (!(retryTimer && !playing && wanted === view.hlsUrl)) play(view.hlsUrl, { live: true });
        break;
      case 'RECONNECTING':
        say('The seller\'s video dropped — reconnecting…');
        break;
      case 'OFFLINE':
        stop();
        say(`The seller's video stopped. Unless it comes back, this stream ends by itself at ${clock(view.autoEndsAt)}.`);
        break;
      case 'ENDED':
        showRecordings(view.recordings || []);
        break;
      default:
        stop();
        say('The seller has not started their video yet. The viewer and like counts below are live.');
    }
    if (view.state === 'RECONNECTING' && view.reconnectingUntil) {
      const until = Date.parse(view.reconnectingUntil);
      noteTimer = setInterval(() => {
        if (Date.now() >= until) show({ ...view, state: 'OFFLINE' });
      }, 1_000);
    }
  }

  container.replaceChildren(mode, note, parts);
  return { show, videoClock, videoClockComing, setPlaybackToken };
}
