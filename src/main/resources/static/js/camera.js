// Going live from this device's camera (WHIP): the browser publishes over WebRTC to the media server, which makes
// of it the same video an encoder sends (the stream goes live, is recorded and replayed, plays over WebRTC and HLS).
// A publish outlives the card it was started from (the console redraws its cards), so it is kept per stream here.

import { api, el } from './api.js';

const publishes = new Map();
// the offer goes out with the candidates gathered by then (WHIP without trickle)
const GATHERING_MS = 2_000;

function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, GATHERING_MS);
  });
}

async function start(streamId) {
  const media = await navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } }, audio: true });
  const pc = new RTCPeerConnection();
  let location = null;
  try {
    media.getTracks().forEach((track) => pc.addTransceiver(track, { direction: 'sendonly', streams: [media] }));
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    const answer = await api(`/api/streams/${streamId}/whip`, { method: 'POST', sdp: pc.localDescription.sdp,
      onHeaders: (headers) => { location = headers.get('Location'); } });
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    publishes.set(streamId, { pc, media, location });
  } catch (e) {
    pc.close();
    media.getTracks().forEach((track) => track.stop());
    // the service took the offer but this side failed: its publish is stopped too
    if (location) api(location, { method: 'DELETE' }).catch(() => {});
    throw e;
  }
}

async function stop(streamId) {
  const publish = publishes.get(streamId);
  if (!publish) return;
  publishes.delete(streamId);
  publish.pc.close();
  publish.media.getTracks().forEach((track) => track.stop());
  await api(publish.location, { method: 'DELETE' }).catch(() => {});
}

function problemText(e) {
  if (e.name === 'NotAllowedError') return 'The browser was not allowed to use the camera and microphone.';
  if (e.name === 'NotFoundError') return 'No camera was found on this device.';
  return e.message || 'Could not go live from the camera.';
}

/** The camera row of a stream card: start, a muted self-view while publishing, stop. */
export function cameraPanel(stream) {
  const button = el('button', { text: 'Go live from this camera', attrs: { type: 'button', 'data-role': 'camera' } });
  const status = el('span', { attrs: { role: 'status', 'data-role': 'camera-status' } });
  const selfView = el('video', { className: 'camera-view', attrs: { hidden: '', 'aria-label': 'Your camera (muted)' } });
  selfView.muted = true; selfView.playsInline = true; selfView.autoplay = true;
  const show = () => {
    const publish = publishes.get(stream.id);
    button.textContent = publish ? 'Stop the camera' : 'Go live from this camera';
    selfView.hidden = !publish;
    selfView.srcObject = publish ? publish.media : null;
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if (publishes.has(stream.id)) {
        await stop(stream.id);
        status.textContent = 'Camera stopped.';
      } else {
        status.textContent = 'Starting the camera…';
        await start(stream.id);
        status.textContent = 'Publishing from your camera; the video connects in a few seconds.';
      }
    } catch (e) {
      status.textContent = problemText(e);
    } finally {
      button.disabled = false;
      show();
    }
  });
  show();
  return el('div', { className: 'camera' }, button, status, selfView);
}

addEventListener('pagehide', () => {
  for (const [streamId, publish] of publishes) {
    if (publish.location) api(publish.location, { method: 'DELETE', keepalive: true }).catch(() => {});
    publishes.delete(streamId);
  }
});
