import { api, el, session } from './api.js';
import { analyticsParts, rehearsalBadge } from './sellerparts.js';
import { showReplays } from './sellerreplays.js';
import { encoderPanel } from './encoder.js';
import { showcasePanel, setUpProducts } from './showcase.js';
import { chatConsole, closeChats } from './sellerchat.js';
import { salePanel } from './sellersales.js';
import { auctionPanel } from './sellerauction.js';
import { giveawayPanel } from './sellergiveaway.js';
import { showKey, hideKey, keyShownFor } from './sellerkey.js';
import { statsPanel, watchStats, stopWatchingStats } from './sellerstats.js';

const streamsBox = document.getElementById('streams');
const noStreams = document.getElementById('no-streams');
const announcer = document.getElementById('stream-announcer');
const createArea = document.getElementById('create-area');
const createBox = document.getElementById('create-box');
const myStreams = document.getElementById('my-streams');
const endDialog = document.getElementById('end-dialog');
const endSave = document.getElementById('end-save');
/** The cockpit part a phone shows, per live stream: kept when the console redraws the card. */
const cockpitTabs = new Map();
const encoderTimers = [];
// what the last load showed, so only real changes are announced (the cards themselves are no live region)
const lastStatus = new Map();
const lastVideo = new Map();
const VIDEO_NEWS = { CONNECTED: 'video connected', RECONNECTING: 'video lost, reconnecting', OFFLINE: 'video offline' };
let pendingEnd = null; // { stream, cancelling } while the end dialog is open
let someoneLive = null;
let pendingNews = [];
let newsTimer = null;

if (!session()) location.href = '/signin?next=/seller';

/** Says status changes once, in one polite message, however many arrive together. */
function announce(text) {
  pendingNews.push(text);
  clearTimeout(newsTimer);
  newsTimer = setTimeout(() => {
    announcer.textContent = pendingNews.join(' ');
    pendingNews = [];
  }, 300);
}

document.getElementById('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('create-error');
  const titleError = document.getElementById('title-error');
  error.textContent = '';
  titleError.textContent = '';
  try {
    const created = await api('/api/streams', { method: 'POST', body: {
      title: form.title.value, description: form.description.value || null, mode: form.mode.value } });
    form.reset();
    showKey(created, created.streamKey);
    await loadStreams();
  } catch (e) {
    const fieldErrors = e.problem?.errors || [];
    const titleProblem = fieldErrors.find((f) => f.field === 'title');
    if (titleProblem) titleError.textContent = `Title ${titleProblem.message}.`;
    else error.textContent = e.message;
  }
});

async function act(button, call) {
  button.disabled = true;
  try {
    await call();
    await loadStreams();
  } catch (e) {
    button.disabled = false;
    const card = button.closest('.card') || streamsBox.querySelector(`[data-stream-id="${button.dataset.streamId}"]`);
    const message = card?.querySelector('[data-role=message]');
    if (message) message.textContent = e.message;
  }
}

/** Ending (or cancelling a stream that never went live) is confirmed in a dialog naming the stream. */
function confirmEnd(stream, button) {
  const cancelling = stream.status === 'CREATED';
  document.getElementById('end-heading').textContent = cancelling ? `Cancel ‘${stream.title}’?` : `End ‘${stream.title}’?`;
  document.getElementById('end-text').textContent = cancelling
    ? 'It has not gone live. Cancelling closes it for good: it can never go live, and its key stops working.'
    : 'The broadcast stops for every viewer now. This cannot be undone.';
  document.getElementById('end-save-row').hidden = cancelling;
  endSave.checked = true;
  document.getElementById('end-keep').textContent = cancelling ? 'Keep it' : 'Keep streaming';
  document.getElementById('end-confirm').textContent = cancelling ? 'Cancel stream' : 'End stream';
  pendingEnd = { stream, button, cancelling };
  endDialog.returnValue = '';
  endDialog.showModal();
}

endDialog.addEventListener('close', () => {
  const pending = pendingEnd;
  pendingEnd = null;
  if (!pending) return;
  if (endDialog.returnValue !== 'confirm') {
    if (pending.button.isConnected) pending.button.focus();
    return;
  }
  act(pending.button, () => api(`/api/streams/${pending.stream.id}/end`,
    { method: 'POST', body: { save: !pending.cancelling && endSave.checked } }));
});

function streamCard(stream) {
  const message = el('p', { className: 'error', attrs: { 'data-role': 'message', role: 'alert' } });
  const actions = el('div', { className: 'actions' });
  if (stream.status === 'CREATED') {
    const goLive = el('button', { className: 'primary', text: 'Go live', attrs: { type: 'button', 'data-action': 'go-live' } });
    goLive.addEventListener('click', () => act(goLive, () => api(`/api/streams/${stream.id}/start`, { method: 'POST' })));
    actions.append(goLive);
  }
  const showKeyButton = el('button', { text: 'Show key', attrs: { type: 'button' } });
  showKeyButton.addEventListener('click', () => act(showKeyButton, async () =>
    showKey(stream, (await api(`/api/streams/${stream.id}/key`)).streamKey)));
  const rotate = el('button', { text: 'Rotate key', attrs: { type: 'button', 'data-action': 'rotate-key' } });
  rotate.addEventListener('click', () => {
    // a live stream's encoder is cut at once and must reconnect with the new key
    if (stream.status === 'LIVE' && !confirm('Rotate the key? Your encoder is cut now and must reconnect with the new key.')) return;
    act(rotate, async () => showKey(stream, (await api(`/api/streams/${stream.id}/key/rotate`, { method: 'POST' })).streamKey));
  });
  actions.append(showKeyButton, rotate);
  if (stream.status === 'LIVE') {
    const end = el('button', { className: 'danger', text: 'End stream…',
      attrs: { type: 'button', 'data-action': 'end', 'data-stream-id': stream.id, 'aria-haspopup': 'dialog' } });
    end.addEventListener('click', () => confirmEnd(stream, end));
    actions.append(end);
  } else if (stream.status === 'CREATED') {
    const cancel = el('button', { text: 'Cancel stream…',
      attrs: { type: 'button', 'data-action': 'cancel', 'data-stream-id': stream.id, 'aria-haspopup': 'dialog' } });
    cancel.addEventListener('click', () => confirmEnd(stream, cancel));
    actions.append(cancel);
  }
  const { buttons, chatFigures, chartBox } = analyticsParts(stream);
  actions.append(...buttons);
  if (stream.status !== 'CREATED' && stream.mode === 'LIVE') {
    actions.append(el('a', { text: 'Viewer page', className: 'button', attrs: { href: `/live/${stream.id}` } }));
  }
  const heading = el('h3', {}, el('span', { text: stream.title }), document.createTextNode(' '),
    el('span', { className: `badge ${stream.status}`, text: stream.status }));
  if (stream.mode === 'REHEARSAL') heading.append(document.createTextNode(' '), rehearsalBadge());
  const panel = statsPanel(stream);
  const encoder = encoderPanel(stream, { onWentLive: () => loadStreams(), timers: encoderTimers,
    onVideoState: (state) => noteVideo(stream, state) });
  const live = stream.status === 'LIVE';
  const showcase = showcasePanel(stream, encoderTimers);
  const chat = live ? chatConsole(stream) : null;
  // the flash sale sits in the shop part, under the showcase it sells from
  if (live) showcase.append(salePanel(stream, encoderTimers), auctionPanel(stream, encoderTimers), giveawayPanel(stream, encoderTimers));
  // a live stream's card is the cockpit: on a wide screen its parts sit side by side (app.css)
  [[heading, 'head'], [panel, 'figures'], [encoder, 'video'], [showcase, 'shop'], [chat, 'chat'], [actions, 'actions'],
    [message, 'extra'], [chatFigures, 'extra'], [chartBox, 'extra']].forEach(([part, area]) => part?.classList.add(`cockpit-${area}`));
  const card = el('article', { className: `card stream-card${live ? ' cockpit' : ''}`, attrs: { 'data-stream-id': stream.id } },
    heading, live ? partSwitch(stream) : null, encoder, panel, showcase, chat, actions, message, chatFigures, chartBox);
  if (live) card.dataset.part = cockpitTabs.get(stream.id) ?? 'video';
  watchStats(stream, panel);
  return card;
}

/**
 * Below 1,100 px the cockpit shows one part at a time (app.css); these buttons choose which, the one shown
 * marked pressed.
 */
function partSwitch(stream) {
  const shown = cockpitTabs.get(stream.id) ?? 'video';
  const group = el('div', { className: 'cockpit-tabs', attrs: { role: 'group', 'aria-label': 'Show one part of the live stream' } });
  for (const [part, label] of [['video', 'Video'], ['figures', 'Figures'], ['shop', 'Shop'], ['chat', 'Chat']]) {
    const button = el('button', { text: label, attrs: { type: 'button', 'data-part': part, 'aria-pressed': String(part === shown) } });
    button.addEventListener('click', () => {
      cockpitTabs.set(stream.id, part);
      group.closest('.cockpit').dataset.part = part;
      group.querySelectorAll('button').forEach((other) => other.setAttribute('aria-pressed', String(other === button)));
    });
    group.append(button);
  }
  return group;
}

/** A video state change after the first one seen is news; the first is just how things are. */
function noteVideo(stream, state) {
  const before = lastVideo.get(stream.id);
  lastVideo.set(stream.id, state);
  if (before !== undefined && before !== state && VIDEO_NEWS[state]) announce(`‘${stream.title}’: ${VIDEO_NEWS[state]}.`);
}

/** Announces status changes since the last load; the key box of a stream that went live or ended closes. */
function noteStatuses(streams) {
  for (const stream of streams) {
    const before = lastStatus.get(stream.id);
    lastStatus.set(stream.id, stream.status);
    if (before === undefined || before === stream.status) continue;
    if (stream.status === 'LIVE') announce(`‘${stream.title}’ is live.`);
    else if (stream.status === 'ENDED') announce(before === 'CREATED' ? `‘${stream.title}’ was cancelled.` : `‘${stream.title}’ has ended.`);
    if (keyShownFor(stream.id)) hideKey();
    // a dialog asking to cancel a stream that has since gone live must not end it
    if (pendingEnd?.stream.id === stream.id) endDialog.close('stale');
  }
}

/** While something is live, the stream list comes first and the create form folds away below it. */
function arrange(streams) {
  const live = streams.some((stream) => stream.status === 'LIVE');
  if (live === someoneLive) return;
  someoneLive = live;
  if (live) {
    myStreams.after(createArea);
    if (!createArea.contains(document.activeElement)) createBox.open = false;
  } else {
    myStreams.before(createArea);
    createBox.open = true;
  }
}

async function loadStreams() {
  // the live stream first (its cockpit), then those still to come; ended ones are under Replays
  const streams = await api('/api/streams/mine');
  const current = streams.filter((stream) => stream.status !== 'ENDED')
    .sort((a, b) => (a.status === 'LIVE' ? 0 : 1) - (b.status === 'LIVE' ? 0 : 1));
  stopWatchingStats();
  encoderTimers.splice(0).forEach(clearInterval);
  closeChats();
  noteStatuses(streams);
  streamsBox.replaceChildren(...current.map(streamCard));
  noStreams.hidden = current.length > 0;
  arrange(current);
  // a failed read of the replays must not make the action that reloaded the console look failed
  await showReplays(streams).catch(() => {});
}

setUpProducts();
loadStreams().catch((e) => { document.getElementById('create-error').textContent = e.message; });
