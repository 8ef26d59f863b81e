import { api, el, plural, formatDuration } from './api.js';

const list = document.getElementById('live-list');
const empty = document.getElementById('empty');

function card(stream) {
  const link = el('a', { text: stream.title, attrs: { href: `/live/${stream.id}` } });
  return el('article', { className: 'card stream-card', attrs: { 'data-stream-id': stream.id } },
    el('h3', {}, link),
    el('div', { className: 'muted', text: stream.seller || `Seller ${stream.vendorId}`, attrs: { 'data-field': 'seller' } }),
    el('div', { className: 'figures' },
      el('span', { className: 'figure' },
        el('span', { className: 'value', text: stream.viewersHidden ? '—' : stream.viewers, attrs: { 'data-field': 'viewers' } }),
        el('span', { className: 'label', text: stream.viewersHidden ? 'viewers' : plural(stream.viewers, 'viewer', 'viewers') })),
      el('span', { className: 'figure' },
        el('span', { className: 'value', text: stream.likes, attrs: { 'data-field': 'likes' } }),
        el('span', { className: 'label', text: plural(stream.likes, 'like', 'likes') })),
      el('span', { className: 'figure' },
        el('span', { className: 'value', text: '0:00', attrs: { 'data-field': 'duration', 'data-started-at': stream.startedAt ?? '' } }),
        el('span', { className: 'label', text: 'live for' }))),
    el('a', { className: 'button primary', text: 'Watch', attrs: { href: `/live/${stream.id}` } }));
}

async function refresh() {
  try {
    const streams = await api('/api/live-now', { auth: false });
    list.replaceChildren(...streams.map(card));
    tickDurations();
    empty.hidden = streams.length > 0;
  } catch {
    // keep what is shown; the next refresh tries again
  }
}

/** Each card's time on air, from its own start (the server's clock against this one's is close enough for minutes). */
function tickDurations() {
  for (const value of list.querySelectorAll('[data-field=duration]')) {
    const startedAt = Date.parse(value.dataset.startedAt);
    if (!Number.isNaN(startedAt)) value.textContent = formatDuration((Date.now() - startedAt) / 1000);
  }
}

setInterval(refresh, 10_000);
tickDurations();
setInterval(tickDurations, 1_000);
