// The seller console's Replays: every stream that went live and has ended, newest first, a page at a time,
// each with its final figures, its replay (when saved) and its analytics. Cancelled streams (never live)
// have nothing to show and are left out.
import { api, el, formatDuration } from './api.js';
import { figure, money, analyticsParts, rehearsalBadge } from './sellerparts.js';

export const PAGE_SIZE = 6;

const box = document.getElementById('replays');
const none = document.getElementById('no-replays');
const pager = document.getElementById('replays-pager');
const pageLabel = document.getElementById('replays-page');
const newer = document.getElementById('replays-newer');
const older = document.getElementById('replays-older');
let ended = [];
let savedByStream = new Map();
let page = 0;

newer.addEventListener('click', () => show(page - 1));
older.addEventListener('click', () => show(page + 1));

function simulatedFigure(streamId) {
  // the simulated audience is not part of the frozen figures: it comes from the stream's timeline
  const simulated = el('span', { className: 'figure sim' },
    el('span', { className: 'value', text: '…', attrs: { 'data-stat': 'simulated' } }),
    el('span', { className: 'label', text: 'simulated peak / likes (not real)' }));
  api(`/api/streams/${streamId}/analytics`).then((report) => {
    simulated.querySelector('.value').textContent = report.simulated
      ? `${report.simulated.peakViewers} / ${report.simulated.likes}` : '—';
  }).catch(() => { simulated.querySelector('.value').textContent = '—'; });
  return simulated;
}

function endedCard(stream) {
  const replay = savedByStream.get(stream.id);
  const m = stream.finalMetrics || replay?.finalMetrics;
  const heading = el('h3', {}, el('span', { text: stream.title }), document.createTextNode(' '),
    el('span', { className: 'badge ENDED', text: replay ? 'REPLAY' : 'ENDED' }));
  if (stream.mode === 'REHEARSAL') heading.append(document.createTextNode(' '), rehearsalBadge());
  const figures = el('div', { className: 'figures' });
  if (m) {
    figures.append(figure('peak', m.peakViewers, 'peak'), figure('unique', m.uniqueViewers, 'unique'),
      figure('likes', m.likes, 'likes'), figure('revenue', money(m.revenueMinor, m.currency), 'revenue'),
      figure('orders', m.orders, 'orders'), figure('duration', formatDuration(m.durationSeconds), 'duration'));
  }
  if (stream.mode === 'REHEARSAL') figures.append(simulatedFigure(stream.id));
  const { buttons, chatFigures, chartBox } = analyticsParts(stream);
  const actions = el('div', { className: 'actions' });
  if (replay) {
    actions.append(el('a', { className: 'button', text: 'Watch',
      attrs: { href: `/live/${stream.id}`, 'aria-label': `Watch ‘${stream.title}’` } }));
  }
  actions.append(...buttons);
  const saved = replay
    ? `Ended ${new Date(stream.endedAt).toLocaleString()}, replay saved.`
    : `Ended ${new Date(stream.endedAt).toLocaleString()}, no replay saved.`;
  return el('article', { className: 'card stream-card replay-card',
    attrs: { 'data-ended-stream': stream.id, ...(replay ? { 'data-replay-of': stream.id } : {}) } },
  heading, figures, el('p', { className: 'muted', text: saved }), actions, chatFigures, chartBox);
}

function show(wanted) {
  const pages = Math.max(1, Math.ceil(ended.length / PAGE_SIZE));
  page = Math.min(Math.max(0, wanted), pages - 1);
  box.replaceChildren(...ended.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map(endedCard));
  none.hidden = ended.length > 0;
  pager.hidden = pages < 2;
  pageLabel.textContent = `Page ${page + 1} of ${pages}`;
  newer.disabled = page === 0;
  older.disabled = page === pages - 1;
}

/** Draws the Replays from the seller's streams (as the console last loaded them), staying on the page shown. */
export async function showReplays(streams) {
  const replays = await api('/api/replays');
  savedByStream = new Map(replays.map((replay) => [replay.streamId, replay]));
  ended = streams.filter((stream) => stream.status === 'ENDED' && stream.startedAt)
    .sort((a, b) => Date.parse(b.endedAt) - Date.parse(a.endedAt) || b.id - a.id);
  show(page);
}
