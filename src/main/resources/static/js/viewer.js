import { api, session, formatDuration } from './api.js';
import { createPlayer } from './player.js';

const main = document.getElementById('main');
const streamId = main.dataset.streamId;
const startedAt = main.dataset.startedAt ? Date.parse(main.dataset.startedAt) : null;
const viewers = document.getElementById('viewers');
const likes = document.getElementById('likes');
const duration = document.getElementById('duration');
const hiddenNote = document.getElementById('hidden-note');
const endedNotice = document.getElementById('ended-notice');
const statusBadge = document.getElementById('status-badge');
const likeButton = document.getElementById('like');
const likeSignIn = document.getElementById('like-signin');
const likeMessage = document.getElementById('like-message');
let status = main.dataset.status;
let heartbeatTimer = null;
let events = null;
let shownLikes = Number(likes.textContent) || 0;

function render(view) {
  if (view.viewersHidden) {
    viewers.textContent = '—';
    hiddenNote.hidden = false;
  } else {
    viewers.textContent = view.viewers;
    hiddenNote.hidden = true;
  }
  if (view.likes >= shownLikes) {
    shownLikes = view.likes;
    likes.textContent = view.likes;
  }
  if (view.simulated) {
    document.getElementById('sim-viewers').textContent = view.simulated.viewers;
    document.getElementById('sim-likes').textContent = view.simulated.likes;
  }
  setStatus(view.status);
}

async function refreshVideo() {
  try {
    player.show(await api(`/api/streams/${streamId}/video`));
  } catch {
    // the next event or poll tries again
  }
}

function setStatus(next) {
  const previous = status;
  if (next !== previous) refreshVideo();
  status = next;
  statusBadge.textContent = next;
  statusBadge.className = `badge ${next}`;
  likeButton.disabled = next !== 'LIVE';
  if (next === 'ENDED') {
    // the recording is announced a moment after the encoder stops: look again a few times
    if (previous !== 'ENDED') [4_000, 10_000, 30_000].forEach((delay) => setTimeout(refreshVideo, delay));
    endedNotice.hidden = false;
    clearInterval(heartbeatTimer);
    events?.close();
  }
}

async function heartbeat() {
  if (status === 'ENDED') return;
  try {
    render(await api(`/api/streams/${streamId}/heartbeat`, { method: 'POST' }));
  } catch (e) {
    if (e.status === 409) setStatus('ENDED');
  }
}

function leave() {
  if (status === 'ENDED') return;
  const url = `/api/streams/${streamId}/leave`;
  if (session()) {
    api(url, { method: 'POST', keepalive: true }).catch(() => {});
  } else {
    navigator.sendBeacon(url);
  }
}

function subscribe() {
  if (status === 'ENDED') return;
  if (main.dataset.rehearsal === 'true') {
    // a rehearsal is private: its figures come with the owner's bearer token, which an EventSource cannot send
    const poll = setInterval(async () => {
      if (status === 'ENDED') { clearInterval(poll); return; }
      try { render(await api(`/api/streams/${streamId}/engagement`)); } catch (e) { if (e.status === 409) setStatus('ENDED'); }
    }, 2_000);
    return;
  }
  if (!('EventSource' in window)) return;
  events = new EventSource(main.dataset.eventsUrl || `/api/streams/${streamId}/events`);
  events.addEventListener('engagement', (e) => render(JSON.parse(e.data)));
  events.addEventListener('ended', (e) => { render(JSON.parse(e.data)); setStatus('ENDED'); });
  events.addEventListener('video', refreshVideo);
  // on error the browser reconnects by itself; the 10-second heartbeat keeps the figures fresh meanwhile
}

function tickDuration() {
  if (startedAt && status !== 'CREATED') {
    duration.textContent = formatDuration((Date.now() - startedAt) / 1000);
  }
}

async function like() {
  likeButton.classList.add('pulse');
  setTimeout(() => likeButton.classList.remove('pulse'), 150);
  shownLikes += 1;
  likes.textContent = shownLikes;
  try {
    const result = await api(`/api/streams/${streamId}/likes`, { method: 'POST' });
    shownLikes = Math.max(shownLikes - 1, result.likes);
    likes.textContent = shownLikes;
    likeMessage.textContent = '';
  } catch (e) {
    shownLikes -= 1;
    likes.textContent = shownLikes;
    likeMessage.textContent = e.status === 429 ? 'Easy there — a few likes a second at most.' : e.message;
  }
}

function setUpLikes() {
  const current = session();
  if (current) {
    likeButton.hidden = false;
    likeButton.addEventListener('click', like);
  } else {
    likeSignIn.hidden = false;
    likeSignIn.href = `/signin?next=${encodeURIComponent(location.pathname)}`;
  }
  likeButton.disabled = status !== 'LIVE';
}

const player = createPlayer(document.getElementById('player'));
setUpLikes();
refreshVideo();
tickDuration();
setInterval(tickDuration, 1000);
if (status !== 'ENDED') {
  heartbeat();
  // an anonymous viewer gets its device cookie on the first heartbeat and is counted from the second
  if (!session()) setTimeout(heartbeat, 1_000);
  heartbeatTimer = setInterval(heartbeat, 10_000);
  subscribe();
  // a 'video' event brings changes at once; this catches those announced on another node (or, for a
  // rehearsal, which has no event stream, all of them)
  setInterval(() => { if (status !== 'ENDED') refreshVideo(); }, main.dataset.rehearsal === 'true' ? 5_000 : 15_000);
  addEventListener('pagehide', leave);
}
