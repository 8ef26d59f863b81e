// The seller's encoder panel on a stream card: where to point OBS, whether the video is connected and how
// healthy it is, and a small muted preview of what viewers see.

import { api, el } from './api.js';
import { createPlayer } from './player.js';
import { cameraPanel } from './camera.js';

const STATE_TEXT = {
  NO_VIDEO: 'not connected',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting…',
  OFFLINE: 'offline — the stream ends by itself unless the video comes back',
};

async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    status.textContent = 'Select the text and press Ctrl+C to copy.';
  }
}

function copyField(label, value, buttonText) {
  const status = el('span', { attrs: { role: 'status' } });
  const code = el('code', { text: value });
  const button = el('button', { text: buttonText, attrs: { type: 'button' } });
  button.addEventListener('click', () => copy(code.textContent, status));
  return { row: el('div', { className: 'copy-field' }, el('span', { text: label }), code, button, status), code };
}

function healthText(health) {
  if (!health) return '';
  const resolution = health.width && health.height ? `${health.width}×${health.height}` : 'resolution unknown';
  const fps = health.frameRate ? `${Math.round(health.frameRate)} fps` : 'frame rate unknown';
  const bitrate = health.bitrateKbps == null ? 'measuring bitrate…' : `${health.bitrateKbps} kbps`;
  const keyframes = health.keyframeIntervalSeconds == null ? '' : ` · keyframes every ${health.keyframeIntervalSeconds.toFixed(1)} s`;
  return `${bitrate} · ${fps} · ${resolution}${keyframes}`;
}

/**
 * Builds the panel and keeps it fresh every 5 s while the stream is not over; calls onWentLive when the
 * encoder made a CREATED stream live, and onVideoState (if given) with each new video state.
 */
export function encoderPanel(stream, { onWentLive, onVideoState, timers }) {
  const ingest = copyField('Server', '…', 'Copy server');
  const keyStatus = el('span', { attrs: { role: 'status' } });
  const copyKey = el('button', { text: 'Copy stream key', attrs: { type: 'button' } });
  copyKey.addEventListener('click', async () => {
    try {
      copy((await api(`/api/streams/${stream.id}/key`)).streamKey, keyStatus);
    } catch (e) {
      keyStatus.textContent = e.message;
    }
  });
  const playback = el('code', { text: '…' });
  const state = el('strong', { text: '…', attrs: { 'data-role': 'video-state' } });
  const health = el('span', { attrs: { 'data-role': 'video-health' } });
  const warning = el('p', { className: 'warning', attrs: { hidden: '' } });
  const keyframeWarning = el('p', { className: 'warning', attrs: { hidden: '', 'data-role': 'keyframe-warning' } });
  const preview = el('div', { className: 'player preview', attrs: { 'aria-label': 'Preview of your stream (muted)' } });
  const player = createPlayer(preview, { muted: true, controls: false });
  // the encoder's settings matter before going live; during the show they fold away so the preview leads
  const setup = el('details', { className: 'encoder-setup' },
    el('summary', { text: 'Encoder settings (server, stream key)' }),
    el('p', { className: 'muted', text: 'In OBS: Settings → Stream → Service "Custom…", paste the server and the stream key, then Start Streaming. The stream goes live when the video arrives.' }),
    ingest.row,
    el('div', { className: 'copy-field' }, el('span', { text: 'Stream key' }), copyKey, keyStatus),
    el('p', { className: 'muted' }, document.createTextNode('Playback id (public; with MediaMTX or SRS publish to <app>/<playback id>?key=<stream key>): '), playback));
  setup.open = stream.status !== 'LIVE';
  const panel = el('section', { className: 'encoder', attrs: { 'aria-label': 'Video from your encoder' } },
    preview, el('p', {}, document.createTextNode('Video: '), state, document.createTextNode(' '), health),
    warning, keyframeWarning, stream.status === 'ENDED' ? null : cameraPanel(stream), setup);

  let lastState = null;
  const refresh = async () => {
    try {
      const media = await api(`/api/streams/${stream.id}/media`);
      ingest.code.textContent = media.ingestUrl;
      playback.textContent = media.playbackId;
      const now = media.video.state;
      if (now !== lastState) {
        state.textContent = STATE_TEXT[now] || now.toLowerCase();
        onVideoState?.(now);
      }
      lastState = now;
      health.textContent = now === 'CONNECTED' ? healthText(media.health) : '';
      warning.hidden = !(now === 'CONNECTED' && media.health?.lowBitrate);
      warning.textContent = media.health?.lowBitrate
        ? `Low bitrate: ${media.health.bitrateKbps} kbps, below ${media.health.lowBitrateThresholdKbps} kbps. Viewers may see a blurry or stalling picture — check your upload and OBS's bitrate.`
        : '';
      const sparse = now === 'CONNECTED' && media.health?.sparseKeyframes;
      keyframeWarning.hidden = !sparse;
      keyframeWarning.textContent = sparse
        ? `Keyframes only every ${media.health.keyframeIntervalSeconds.toFixed(1)} s: viewers see you that much later. Set your encoder's keyframe interval to 1 s (OBS: Settings → Output → Keyframe Interval).`
        : '';
      player.show(media.video);
      if (stream.status === 'CREATED' && now === 'CONNECTED') onWentLive();
    } catch {
      // shown again on the next refresh
    }
  };
  refresh();
  timers.push(setInterval(refresh, 5_000));
  return panel;
}
