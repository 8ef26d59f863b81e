import { api, el, plural, formatDuration } from './api.js';

const list = document.getElementById('live-list');
const empty = document.getElementById('empty');

/** The latest frame of the stream's video (the media server writes one every 5 s), or a plain panel without one. */
function thumbnail(stream) {
  const box = el('a', { className: 'thumb', attrs: { href: `/live/${stream.id}`, tabindex: '-1', 'aria-hidden': 'true' } });
  if (!stream.thumbnailUrl) {
    box.append(noPicture());
    return box;
  }
  const picture = el('img', { attrs: { src: stream.thumbnailUrl, alt: '', width: '480', height: '270', 'data-field': 'thumbnail' } });
  box.append(picture);
  fallBackWhenMissing(picture);
  return box;
}

function noPicture() {
  return el('span', { text: 'No picture yet' });
}

/** A picture the media server does not have (yet) leaves the plain panel, not a broken image. */
function fallBackWhenMissing(picture) {
  if (picture.complete && picture.naturalWidth === 0 && picture.getAttribute('src')) picture.replaceWith(noPicture());
  else picture.addEventListener('error', () => picture.replaceWith(noPicture()), { once: true });
}

function card(stream) {
  const link = el('a', { text: stream.title, attrs: { href: `/live/${stream.id}` } });
  return el('article', { className: 'card stream-card', attrs: { 'data-stream-id': stream.id } },
    thumbnail(stream),
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

list.querySelectorAll('img[data-field=thumbnail]').forEach(fallBackWhenMissing);
setInterval(refresh, 10_000);
tickDurations();
setInterval(tickDurations, 1_000);
