import { api, session, formatDuration, plural, el, signInAgainHref, SESSION_ENDED_EVENT } from './api.js';
import { createPlayer } from './player.js';
import { createVideoMoment } from './videomoment.js';
import { createShop } from './shop.js';
import { createAuction } from './auction.js';
import { createFlashSale } from './flashsale.js';
import { createGiveaway } from './giveaway.js';
import { createChat } from './chat.js';
import { createReplay } from './chatreplay.js';
import { every } from './pacer.js';

const main = document.getElementById('main');
const streamId = main.dataset.streamId;
// empty on a page opened before go-live: then taken from the first figures that carry a duration
let startedAt = main.dataset.startedAt ? Date.parse(main.dataset.startedAt) : null;
// once ended the duration is final: the server's end time, or the final duration an 'ended' event brings
let endedAt = main.dataset.endedAt ? Date.parse(main.dataset.endedAt) : null;
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
let stopHeartbeats = null;
let events = null;
const viewersLabel = document.getElementById('viewers-label');
const likesLabel = document.getElementById('likes-label');
// The like count only moves forward: the highest total the server reported, plus this viewer's likes
// still on their way; a refused like takes back only itself, never below the server's total.
let serverLikes = Number(likes.textContent) || 0;
let shownLikes = serverLikes;
let likeMessageTimer = null;

function showLikes() {
  likes.textContent = shownLikes;
  likesLabel.textContent = plural(shownLikes, 'like', 'likes');
}

function serverTotal(total) {
  if (typeof total !== 'number') return;
  serverLikes = Math.max(serverLikes, total);
  if (serverLikes > shownLikes) {
    shownLikes = serverLikes;
    showLikes();
  }
}

function render(view) {
  if (view.viewersHidden) {
    viewers.textContent = '—';
    viewersLabel.textContent = 'viewers';
    hiddenNote.hidden = false;
  } else if (viewers.textContent !== String(view.viewers)) {
    viewers.textContent = view.viewers;
    viewersLabel.textContent = plural(view.viewers, 'viewer', 'viewers');
    hiddenNote.hidden = true;
  } else {
    hiddenNote.hidden = true;
  }
  serverTotal(view.likes);
  if (!startedAt && view.status !== 'CREATED' && typeof view.durationSeconds === 'number') {
    startedAt = Date.now() - view.durationSeconds * 1000;
  }
  if (view.status === 'ENDED' && startedAt && typeof view.durationSeconds === 'number') {
    endedAt = startedAt + view.durationSeconds * 1000;
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
  chat.setStatus(next);
  tickDuration();
  if (next === 'ENDED') {
    endedAt ??= Date.now();
    document.getElementById('duration-label').textContent = 'streamed for';
    tickDuration();
    likeSignIn.hidden = true;
    // the recording is announced a moment after the encoder stops: look again a few times
    if (previous !== 'ENDED') [4_000, 10_000, 30_000].forEach((delay) => setTimeout(refreshVideo, delay));
    endedNotice.hidden = false;
    stopHeartbeats?.();
    events?.close();
  }
}

async function heartbeat() {
  if (status === 'ENDED') return;
  try {
    render(await api(`/api/streams/${streamId}/heartbeat`, { method: 'POST',
      onHeaders: (headers) => player.setPlaybackToken(headers.get('LP-Playback')) }));
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
  // pins and chat come within a fraction of a second; the viewer sees them when the video gets there
  const moment = createVideoMoment(() => player.videoClock(), () => player.videoClockComing());
  shop.listen(events, moment);
  flashSale.listen(events, moment);
  auction.listen(events, moment);
  giveaway.listen(events, moment);
  chat.listen(events, moment);
  // on error the browser reconnects by itself; the 10-second heartbeat keeps the figures fresh meanwhile
}

function tickDuration() {
  if (startedAt && status !== 'CREATED') {
    const text = formatDuration(((endedAt ?? Date.now()) - startedAt) / 1000);
    if (duration.textContent !== text) duration.textContent = text;
  }
}

/** A message next to the like button; with {@code clearAfter} it goes away by itself. */
function sayAboutLikes(text, clearAfter) {
  clearTimeout(likeMessageTimer);
  likeMessage.textContent = text;
  if (clearAfter) likeMessageTimer = setTimeout(() => { likeMessage.textContent = ''; }, clearAfter);
}

function showSessionEnded() {
  clearTimeout(likeMessageTimer);
  likeButton.hidden = true;
  likeSignIn.hidden = true;
  likeMessage.replaceChildren('Your session ended — ',
    el('a', { text: 'sign in again', attrs: { href: signInAgainHref() } }), ' to like.');
}

async function like() {
  if (!session()) { showSessionEnded(); return; }
  likeButton.classList.add('pulse');
  setTimeout(() => likeButton.classList.remove('pulse'), 150);
  shownLikes += 1;
  showLikes();
  let counted = false;
  try {
    const result = await api(`/api/streams/${streamId}/likes`, { method: 'POST' });
    counted = result.accepted !== false;
    serverTotal(result.likes);
  } catch (e) {
    if (e.status === 429) {
      // the limit is per second: liking works again within a second
      sayAboutLikes('Easy there — you can like again in a second.', 1_500);
    } else if (e.status === 401) {
      showSessionEnded();
    } else if (e.status === 409) {
      setStatus('ENDED');
    } else {
      sayAboutLikes(e.message, 5_000);
    }
  }
  if (!counted) {
    shownLikes = Math.max(serverLikes, shownLikes - 1);
    showLikes();
  }
}

function setUpLikes() {
  const current = session();
  if (current) {
    likeButton.hidden = false;
    likeButton.addEventListener('click', like);
  } else if (status !== 'ENDED') {
    likeSignIn.hidden = false;
    likeSignIn.href = signInAgainHref();
  }
  likeButton.disabled = status !== 'LIVE';
}

addEventListener(SESSION_ENDED_EVENT, () => {
  showSessionEnded();
  // a call refused with the old token may have missed the video: ask again without it
  refreshVideo();
});

const player = createPlayer(document.getElementById('player'));
// a rehearsal has no event stream (its figures need the owner's token): its showcase is asked for every 5 s
const shop = createShop(streamId, { poll: main.dataset.rehearsal === 'true' && status !== 'ENDED' ? 5_000 : null });
const commerce = { vendorId: main.dataset.vendorId, poll: main.dataset.rehearsal === 'true' && status !== 'ENDED' ? 5_000 : null };
const flashSale = createFlashSale(streamId, commerce);
const auction = createAuction(streamId, commerce);
const giveaway = createGiveaway(streamId, commerce);
const chatRoot = document.getElementById('chat');
const replay = status === 'ENDED' ? createReplay(chatRoot, document.getElementById('player')) : null;
const chat = createChat(chatRoot, streamId, { live: status === 'LIVE', replay });
replay?.attach(chat);
setUpLikes();
refreshVideo();
tickDuration();
setInterval(tickDuration, 1000);
if (status !== 'ENDED') {
  heartbeat();
  // an anonymous viewer gets its device cookie on the first heartbeat and is counted from the second
  if (!session()) setTimeout(heartbeat, 1_000);
  stopHeartbeats = every(10_000, heartbeat);
  subscribe();
  // a 'video' event brings changes at once; this catches those announced on another node (or, for a
  // rehearsal, which has no event stream, all of them)
  setInterval(() => { if (status !== 'ENDED') refreshVideo(); }, main.dataset.rehearsal === 'true' ? 5_000 : 15_000);
  addEventListener('pagehide', leave);
}
